use super::{Static, rx};
use crate::model::classify::PowerKind;
use crate::model::{Class, Force};
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Dual criminality made optional or left out where cooperation is coercive or intrusive:
    /// the deeming formula "whenever dual criminality is considered a requirement" used with no
    /// real requirement beside it; refusal for absence of dual criminality that a state "may"
    /// use, with no duty to assist at least without coercion; "dual criminality shall not be
    /// required" outside a preservation article; real-time collection or interception
    /// articles with no dual-criminality condition, local or referenced.
    ///
    /// ## Why it matters
    /// Where dual criminality is optional, the requested state can become the instrument of a
    /// foreign prohibition on speech, sexuality, religion or dissent: it searches, discloses
    /// or intercepts for conduct that is lawful on its own territory.
    ///
    /// ## Authority
    /// European Convention on Extradition art. 2(1); Budapest Convention arts. 25(5) and
    /// 29(3)-(4); UNCAC art. 46(9)(b) (non-coercive assistance still due).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another the widest measure of mutual legal assistance.
    /// 2. A State Party may decline to render assistance on the ground of absence of dual criminality. However, it may, when it deems appropriate, provide assistance irrespective of whether the conduct is an offence under its law.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another the widest measure of mutual legal assistance.
    /// 2. Assistance involving search, seizure, disclosure or interception shall be refused if the conduct underlying the request is not an offence under the law of the requested Party.
    /// ```
    ///
    /// ## Fix
    /// Make dual criminality a mandatory condition for coercive and intrusive measures
    /// ("shall be refused if the conduct ... is not an offence under the law of the requested
    /// Party"); waive it only for preservation and non-coercive assistance.
    pub struct DualCriminality {
        code: "TL101",
        name: "optional-dual-criminality",
        safeguard: Some("SG-DUALCRIM"),
        category: Cooperation,
        severity: Error,
        status: Stable,
        authorities: [
            "European Convention on Extradition, art. 2(1)",
            "Budapest Convention, arts. 25(5), 29(3)-(4)",
            "UNCAC, art. 46(9)(b)",
        ],
    }
}

static DEEMING_ALONE: Static = Static::new(|| {
    rx(r"(?i)\bwhenever\s+(?:dual|double)\s+criminality\s+is\s+considered\s+a\s+requirement\b")
});
/// A real requirement: refusal is mandatory, or assistance is conditioned on the conduct
/// being an offence in both states.
static MANDATORY: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:shall|must)\s+(?:be\s+)?(?:refused|not\s+be\s+granted|refuse)\b[^.]{0,200}\b(?:not\s+an?\s+(?:criminal\s+)?offence|dual\s+criminality)|\bprovided\s+that\s+the\s+(?:offence|conduct)\b[^.]{0,120}\bpunishable\s+under\s+the\s+(?:domestic\s+)?laws?\s+of\s+both\b|\bonly\s+if\s+the\s+conduct\b[^.]{0,120}\boffence\s+under\s+the\s+laws?\s+of\s+(?:both|the\s+requested)",
    )
});
static NOT_REQUIRED: Static =
    Static::new(|| rx(r"(?i)\b(?:dual|double)\s+criminality\s+shall\s+not\s+be\s+required\b"));
/// UNCAC 46(9)(b): assistance without coercion is still due.
static NON_COERCIVE_DUE: Static = Static::new(|| {
    rx(
        r"(?i)\bshall\b[^.]{0,120}\brender\s+assistance\s+that\s+does\s+not\s+involve\s+coercive\s+action\b",
    )
});
static DC_MENTION: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:dual|double)\s+criminality\b|\boffence\s+under\s+the\s+(?:domestic\s+)?laws?\s+of\s+(?:both|the\s+requested)",
    )
});
static PRESERVATION: Static = Static::new(|| rx(r"(?i)\bpreserv"));

impl Rule for DualCriminality {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let coop = cx.cooperation_articles();
        if coop.is_empty() {
            return;
        }
        // A requirement in the extradition article does not reach mutual assistance.
        let mandatory = coop
            .iter()
            .any(|&a| !cx.has_class(a, Class::Extradition) && cx.find_in(a, &MANDATORY).is_some());
        let dc_articles: Vec<_> = coop
            .iter()
            .copied()
            .filter(|&a| cx.find_in(a, &DC_MENTION).is_some())
            .collect();
        for &a in &coop {
            let powers = cx.powers(a);
            let caption = cx.doc.heading(a).unwrap_or("");
            let preservation_only = PRESERVATION.is_match(caption)
                || (!powers.is_empty() && powers.iter().all(|k| *k == PowerKind::Preservation));
            for p in cx.provisions(a).collect::<Vec<_>>() {
                let node = cx.node_of(p);
                let text = cx.hay(p);
                // (a) The deeming formula alone.
                if let Some(m) = DEEMING_ALONE.find(text)
                    && !mandatory
                {
                    let mut f = cx.finding(
                            &Self::META,
                            node,
                            cx.source(p, m.range()),
                            "dual criminality applies only \"whenever it is considered a requirement\": the requirement itself is left optional",
                        );
                    f.help = Some("State the requirement: \"assistance involving coercive measures shall be refused if the conduct is not an offence under the law of the requested State Party\".".into());
                    out.push(f);
                }
                // (b) Refusal for absence of dual criminality that is only permitted.
                if cx.has_class(node, Class::DualCriminality)
                    && cx.has_class(node, Class::RefusalGround)
                    && !preservation_only
                {
                    let clause = cx.model.provision(p).clauses.iter().copied().find(|&c| {
                        cx.model.effective_obligation(c).is_some_and(|o| {
                            matches!(o.force, Force::May | Force::NonObligation)
                                && (o.verb.starts_with("decline")
                                    || o.verb.starts_with("refuse")
                                    || o.verb == "be refused")
                        })
                    });
                    if let (Some(c), false) = (clause, NON_COERCIVE_DUE.is_match(text)) {
                        let o = cx.model.effective_obligation(c).expect("found above");
                        let mut f = cx.finding(
                            &Self::META,
                            node,
                            o.modal,
                            "refusal for absence of dual criminality is optional: the requested state may assist with coercive measures for conduct that is lawful on its territory",
                        );
                        f.help = Some("Use \"shall refuse\" for coercive or intrusive measures; keep the discretion for non-coercive assistance only (cf. UNCAC 46(9)(b)).".into());
                        f.fix = Some(crate::rules::Fix {
                            range: o.modal,
                            replacement: "shall".into(),
                            description: "make refusal mandatory".into(),
                        });
                        out.push(f);
                    }
                }
                // (c) Dual criminality waived outside preservation.
                if let Some(m) = NOT_REQUIRED.find(text)
                    && !preservation_only
                    && !PRESERVATION.is_match(text)
                {
                    out.push(cx.finding(
                        &Self::META,
                        node,
                        cx.source(p, m.range()),
                        "dual criminality is waived for a measure other than preservation",
                    ));
                }
            }
            // (d) Coercive or intrusive assistance with no dual-criminality condition, in the
            // article or by reference: real-time collection and interception above all, then
            // search, seizure and disclosure of stored data.
            let intrusive = cx.has_class(a, Class::RealTimeArticle)
                || cx.has_class(a, Class::InterceptionArticle)
                || powers.iter().any(|k| {
                    matches!(
                        k,
                        PowerKind::RealTime
                            | PowerKind::Interception
                            | PowerKind::SearchSeizure
                            | PowerKind::Production
                    )
                });
            // Direct requests and spontaneous sharing have rules of their own.
            let assists = !cx.has_class(a, Class::DirectRequest)
                && !cx.has_class(a, Class::SpontaneousInformation);
            if intrusive
                && assists
                && !preservation_only
                && !dc_articles.contains(&a)
                && !cx.refers_to(a, &dc_articles)
            {
                let mut f = cx.finding(
                    &Self::META,
                    a,
                    cx.article_anchor(a),
                    format!(
                        "assistance by {} for another state with no dual-criminality condition, in this article or by reference",
                        powers.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
                    )
                    .replace("by  for", "by intrusive measures for"),
                );
                f.help = Some("Add: \"Assistance under this article shall be refused if the conduct is not an offence under the law of the requested Party.\"".into());
                out.push(f);
            }
        }
        // Stored-data measures are less intrusive than interception: warning, not error.
        for f in out.iter_mut().filter(|f| f.rule.code == Self::META.code) {
            let a = cx.doc.enclosing(f.node, crate::syntax::NodeKind::Article);
            let only_stored = a.is_some_and(|a| {
                let p = cx.powers(a);
                !p.is_empty()
                    && !p
                        .iter()
                        .any(|k| matches!(k, PowerKind::RealTime | PowerKind::Interception))
                    && !cx.has_class(a, Class::RealTimeArticle)
                    && !cx.has_class(a, Class::InterceptionArticle)
            });
            if only_stored {
                f.severity = Severity::Warning;
            }
        }
    }
}
