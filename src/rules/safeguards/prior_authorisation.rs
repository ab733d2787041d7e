use super::{Static, rx};
use crate::model::Class;
use crate::model::classify::PowerKind;
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// Intrusive powers (production, search and seizure, real-time collection, interception)
    /// with no requirement of prior authorisation by a judge or other independent authority:
    /// nothing at all, only after-the-fact "judicial or other independent review" or
    /// "supervision", safeguards listed only "as appropriate in view of the nature of the
    /// procedure", or review declared to mean "review at the domestic level".
    ///
    /// ## Why it matters
    /// Approval in advance by someone independent of the investigation is what stops an
    /// intrusive measure before it happens. Review afterwards, or approval by a prosecutor who
    /// is a party to the case, does not.
    ///
    /// ## Authority
    /// Budapest Convention art. 15(2) (judicial or other independent supervision, the minimum);
    /// ECtHR, Szabó and Vissy v. Hungary (2016); ICCPR art. 17.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Such conditions and safeguards shall, as appropriate in view of the nature of the power, include judicial or other independent review.
    ///
    /// Article 2
    /// Interception of content data
    /// Each Party shall empower its competent authorities to collect content data in real time for specific criminal investigations.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// The powers in this Convention shall be exercised only with the prior authorisation of a judge or other independent authority.
    ///
    /// Article 2
    /// Interception of content data
    /// Each Party shall empower its competent authorities to collect content data in real time for specific criminal investigations.
    /// ```
    ///
    /// ## Fix
    /// "shall be authorised in advance by a judge or other independent authority".
    pub struct PriorAuthorisation {
        code: "TL112",
        name: "no-prior-authorisation",
        safeguard: Some("SG-JUDAUTH"),
        category: HumanRights,
        severity: Error,
        status: Stable,
        authorities: [
            "Budapest Convention, art. 15(2)",
            "ECtHR, Szabó and Vissy v. Hungary (2016)",
            "ICCPR, art. 17",
        ],
    }
}

static PRIOR: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:prior|in\s+advance|beforehand)\b[^.;]{0,80}\b(?:judicial|judge|court|independent)\b|\b(?:judicial|judge|court|independent)\b[^.;]{0,60}\b(?:authori[sz](?:ation|ed)|warrant|approv)\w*\b[^.;]{0,40}\b(?:prior|in\s+advance|before)\b|\b(?:judicial\s+)?warrant\b|\bauthori[sz]ed\s+in\s+advance\b",
    )
});
static REVIEW_ONLY: Static = Static::new(|| {
    rx(
        r"(?i)\bjudicial\s+or\s+other\s+independent\s+(?:review|supervision)\b|\bindependent\s+(?:review|supervision)\b",
    )
});
static AS_APPROPRIATE: Static = Static::new(|| {
    rx(r"(?i)\bas\s+appropriate\s+in\s+view\s+of\s+the\s+nature\s+of\s+the\s+(?:procedure|power)")
});
static DOMESTIC_LEVEL: Static = Static::new(|| rx(r"(?i)\breview\s+at\s+the\s+domestic\s+level\b"));

impl Rule for PriorAuthorisation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            if !cx.criminal_instrument(inst) {
                continue;
            }
            let intrusive: Vec<NodeId> = cx
                .articles()
                .iter()
                .copied()
                .filter(|&a| {
                    in_inst(a)
                        && cx.powers(a).iter().any(|k| {
                            matches!(
                                k,
                                PowerKind::Production
                                    | PowerKind::SearchSeizure
                                    | PowerKind::RealTime
                                    | PowerKind::Interception
                            )
                        })
                })
                .collect();
            let Some(&first) = intrusive.first() else {
                continue;
            };
            let mut scope: Vec<NodeId> = cx
                .articles_with(Class::ConditionsSafeguards)
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            scope.extend(intrusive.iter().copied());
            if scope.iter().any(|&a| cx.find_in(a, &PRIOR).is_some()) {
                continue;
            }
            let cs = scope
                .iter()
                .copied()
                .find(|&a| cx.has_class(a, Class::ConditionsSafeguards));
            let (node, range, message, severity) = match cs
                .and_then(|a| cx.find_in(a, &REVIEW_ONLY).map(|(p, r)| (a, p, r)))
            {
                Some((a, p, r)) => {
                    let mut m = String::from(
                        "safeguards name judicial or independent review or supervision, not prior authorisation",
                    );
                    if cx.find_in(a, &AS_APPROPRIATE).is_some() {
                        m.push_str(
                            ", and only \"as appropriate in view of the nature of the procedure\"",
                        );
                    }
                    if cx.find_in(a, &DOMESTIC_LEVEL).is_some() {
                        m.push_str("; review is declared to mean review at the domestic level");
                    }
                    (cx.node_of(p), r, m, Severity::Warning)
                }
                None => (
                    first,
                    cx.article_anchor(first),
                    format!(
                        "intrusive powers ({}) with no requirement of prior authorisation by a judge or other independent authority",
                        plural(intrusive.len(), "article")
                    ),
                    Severity::Error,
                ),
            };
            let mut f = cx.finding(&Self::META, node, range, message);
            f.severity = severity;
            f.help = Some(
                "\"shall be authorised in advance by a judge or other independent authority\""
                    .into(),
            );
            out.push(f);
        }
    }
}

/// "1 article", "3 articles".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
