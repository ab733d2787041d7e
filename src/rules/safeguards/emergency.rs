use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// "Emergency" used to trigger fast-track cooperation or disclosure without a definition
    /// requiring an imminent risk to life or safety; 24/7 networks tasked with locating
    /// suspects or providing data "to avert an emergency" with no reference to the
    /// safeguards or to mutual assistance.
    ///
    /// ## Why it matters
    /// Emergency channels skip the ordinary safeguards. Without a strict definition, every
    /// request can be called urgent.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) arts. 3(2)(c), 9-10; Budapest Convention
    /// art. 25(3) (formal confirmation to follow).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Emergency disclosure
    /// In an emergency, a Party may request another Party to order the disclosure of stored data without delay.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Use of terms
    /// (a) “emergency” means a situation in which there is a significant and imminent risk to the life or safety of any natural person.
    ///
    /// Article 2
    /// Emergency disclosure
    /// In an emergency, a Party may request another Party to order the disclosure of stored data without delay.
    /// ```
    ///
    /// ## Fix
    /// Define "emergency" as a significant and imminent risk to the life or safety of a
    /// natural person; require formal confirmation and after-the-fact review; bar reuse of
    /// the data for other purposes.
    pub struct Emergency {
        code: "TL114",
        name: "undefined-emergency",
        safeguard: Some("SG-EMERG"),
        category: Cooperation,
        severity: Warning,
        status: Stable,
        authorities: ["Second Additional Protocol (CETS 224), arts. 3(2)(c), 9-10", "Budapest Convention, art. 25(3)"],
    }
}

static EMERGENCY: Static = Static::new(|| rx(r"(?i)\bemergenc(?:y|ies)\b"));
static STRICT: Static = Static::new(|| {
    rx(r"(?i)\bimminent\b[^.;]{0,80}\b(?:life|safety)\b|\b(?:life|safety)\b[^.;]{0,80}\bimminent\b")
});
static TASKS: Static = Static::new(|| {
    rx(
        r"(?i)\blocating\s+of\s+(?:suspects|persons)\b|\bprovision\s+of\s+(?:\w+\s+){0,3}data\s+to\s+avert\b",
    )
});

impl Rule for Emergency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let defined_strictly = cx.model.terms.iter().any(|t| {
            t.term.contains("emergency")
                && cx
                    .model
                    .provision_of(t.definition)
                    .is_some_and(|p| STRICT.is_match(cx.hay(p)))
        }) || cx
            .articles()
            .iter()
            .any(|&a| cx.find_in(a, &STRICT).is_some());
        let mut reported_use = false;
        for &a in cx.articles() {
            if cx.has_class(a, Class::Definitions) || cx.has_class(a, Class::HumanRights) {
                continue;
            }
            if !defined_strictly
                && !reported_use
                && let Some((p, r)) = cx.find_in(a, &EMERGENCY)
            {
                // A trigger of cooperation or of a power; not "civil emergencies" in a
                // prevention policy, nor the ECHR's derogation in a public emergency.
                if cx.in_cooperation(a)
                    || !cx.powers(a).is_empty()
                    || cx.has_class(a, Class::ContactPoint)
                {
                    let mut f = cx.finding(&Self::META, cx.node_of(p), r, "\"emergency\" triggers fast-track action but is not defined as an imminent risk to life or safety");
                    f.help = Some("Define: \"'emergency' means a situation in which there is a significant and imminent risk to the life or safety of any natural person\".".into());
                    out.push(f);
                    reported_use = true;
                }
            }
            if cx.has_class(a, Class::ContactPoint)
                && let Some((p, r)) = cx.find_in(a, &TASKS)
            {
                let refers = cx
                    .model
                    .references_from(cx.doc, a)
                    .any(|r| !r.targets.is_empty() && r.kind != crate::model::RefKind::Instrument);
                if !refers {
                    out.push(cx.finding(&Self::META, cx.node_of(p), r, "the 24/7 network locates persons or hands over data with no reference to the safeguards or to mutual assistance"));
                }
            }
        }
    }
}
