use super::{Static, rx};
use crate::model::{Force, HedgeKind};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Articles whose power is mandatory ("shall adopt ... to empower") while the safeguard
    /// attached to it is optional ("may declare", "may require notification", "where
    /// appropriate"). One finding per article, listing each pair with its modal strength.
    ///
    /// ## Why it matters
    /// The difference in strength is itself the weakness: every state must create the power,
    /// but each may leave out the safeguard. This is the central critique of the Second
    /// Additional Protocol and of the UN text.
    ///
    /// ## Authority
    /// EFF and civil-society analyses of CETS 224 and the UN convention (SG-ASYM); ICCPR
    /// art. 17 (safeguards must accompany every interference).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Production order
    /// 1. Each Party shall empower its competent authorities to order a service provider to submit subscriber information.
    /// 2. A Party may require that the service provider's customer be notified.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Production order
    /// 1. Each Party shall empower its competent authorities to order a service provider to submit subscriber information.
    /// 2. Each Party shall require that the service provider's customer be notified once notice no longer jeopardises the investigation.
    /// ```
    ///
    /// ## Fix
    /// Give the safeguard the power's strength: "shall" for both.
    pub struct Asymmetry {
        code: "TL122",
        name: "mandatory-power-optional-safeguard",
        safeguard: Some("SG-ASYM"),
        category: HumanRights,
        severity: Warning,
        status: Stable,
        authorities: ["Civil-society analyses of CETS 224 (EFF)", "ICCPR, art. 17"],
    }
}

/// Words that make a clause a safeguard.
static SAFEGUARD: Static = Static::new(|| {
    rx(
        r"(?i)\bnotif|\breview\b|\bauthori[sz]ation\b|\bsafeguards?\b|\bconditions\b|\brefus|\bobject|\bconsult|\binform\s+the\b|\bprotection\b|\bjudicial\b|\bconfidential",
    )
});

impl Rule for Asymmetry {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            if cx.powers(a).is_empty() {
                continue;
            }
            let clauses: Vec<_> = cx
                .provisions(a)
                .flat_map(|p| cx.model.provision(p).clauses.clone())
                .collect();
            let power = clauses.iter().copied().find(|&c| {
                let node = cx.model.provision(cx.model.clause(c).provision).node;
                cx.model
                    .classes_of(node)
                    .any(|k| matches!(k.class, crate::model::Class::Power(_)))
                    && cx
                        .model
                        .effective_obligation(c)
                        .is_some_and(|o| o.force == Force::Shall)
            });
            let Some(power) = power else { continue };
            let mut weak = Vec::new();
            for &c in &clauses {
                if c == power || !SAFEGUARD.is_match(cx.model.clause_text(c)) {
                    continue;
                }
                let clause = cx.model.clause(c);
                let own = clause.obligation.as_ref();
                let optional = own.is_some_and(|o| {
                    matches!(
                        o.force,
                        Force::May
                            | Force::Endeavour
                            | Force::Consider
                            | Force::Encouraged
                            | Force::Should
                    )
                }) || clause
                    .hedges
                    .iter()
                    .any(|h| h.kind == HedgeKind::Discretion);
                // "may refuse" is the requested state's shield, not a weakened safeguard.
                let refusal = own.is_some_and(|o| {
                    o.verb.starts_with("refus")
                        || o.verb.starts_with("declin")
                        || o.verb == "be refused"
                        || o.verb == "object"
                });
                if optional && !refusal {
                    let words = own
                        .map(|o| o.modal)
                        .or_else(|| clause.hedges.first().map(|h| h.range))
                        .unwrap_or(clause.range);
                    weak.push(words);
                }
            }
            let Some(&first_weak) = weak.first() else {
                continue;
            };
            let power_modal = cx
                .model
                .effective_obligation(power)
                .map(|o| o.modal)
                .unwrap_or(cx.model.clause(power).range);
            let node = cx.node_at(first_weak.start);
            let mut f = cx.finding(
                &Self::META,
                node,
                first_weak,
                format!(
                    "the power is mandatory (\"{}\") but {} of its safeguards {} optional",
                    cx.doc.slice(power_modal),
                    weak.len(),
                    if weak.len() == 1 { "is" } else { "are" }
                ),
            );
            f.related.push((power_modal, "the mandatory power".into()));
            for &w in &weak[1..] {
                f.related.push((w, "another optional safeguard".into()));
            }
            f.help = Some("Give the safeguard the power's strength: \"shall\".".into());
            out.push(f);
        }
    }
}
