use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::{NodeId, NodeKind};

declare_rule! {
    /// ## What it flags
    /// An instrument that gives powers or organises cooperation without binding them to
    /// international human rights law by name: no human-rights or safeguards article that
    /// names a human-rights treaty or "international human rights law", and no clause saying
    /// that nothing in the treaty permits suppressing human rights.
    ///
    /// ## Why it matters
    /// A bare "international law" or "domestic law" leaves the floor to each state. Named
    /// instruments and a non-suppression clause give every other safeguard its measure.
    ///
    /// ## Authority
    /// Budapest Convention art. 15(1) (ECHR, ICCPR); ICCPR arts. 2(3), 17; ECHR art. 8.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Respect for human rights
    /// States Parties shall implement this Convention in accordance with applicable international law.
    ///
    /// Article 2
    /// Production order
    /// Each Party shall empower its competent authorities to order a person to submit specified data for specific criminal investigations.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Respect for human rights
    /// 1. States Parties shall implement this Convention in accordance with their obligations under international human rights law, including the International Covenant on Civil and Political Rights.
    /// 2. Nothing in this Convention shall be interpreted as permitting suppression of human rights or fundamental freedoms.
    ///
    /// Article 2
    /// Production order
    /// Each Party shall empower its competent authorities to order a person to submit specified data for specific criminal investigations.
    /// ```
    ///
    /// ## Fix
    /// Name the standard ("in accordance with their obligations under international human
    /// rights law, including the ICCPR") and add a non-suppression clause.
    pub struct HumanRightsAnchor {
        code: "TL117",
        name: "no-human-rights-anchor",
        safeguard: Some("SG-HRANCHOR"),
        category: HumanRights,
        severity: Error,
        status: Stable,
        authorities: ["Budapest Convention, art. 15(1)", "ICCPR, arts. 2(3), 17", "ECHR, art. 8"],
    }
}

static NAMED: Static = Static::new(|| {
    rx(
        r"(?i)\binternational\s+human\s+rights\s+(?:law|instruments|treaties)\b|\bInternational\s+Covenant\s+on\s+Civil\s+and\s+Political\s+Rights\b|\bICCPR\b|\bUniversal\s+Declaration\s+of\s+Human\s+Rights\b|\bConvention\s+for\s+the\s+Protection\s+of\s+Human\s+Rights\b|\bAmerican\s+Convention\s+on\s+Human\s+Rights\b|\bAfrican\s+Charter\b",
    )
});
static NON_SUPPRESSION: Static = Static::new(|| {
    rx(
        r"(?i)\bnothing\s+in\s+this\s+\w+\s+shall\s+be\s+(?:interpreted|construed)\s+as\s+permitting\s+(?:the\s+)?(?:suppression|restriction)",
    )
});

impl Rule for HumanRightsAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            if !cx.criminal_instrument(inst) {
                continue;
            }
            let articles: Vec<NodeId> = cx.articles_of(inst).into_iter().collect();
            let powered = articles.iter().any(|&a| !cx.powers(a).is_empty())
                || articles
                    .iter()
                    .any(|&a| cx.has_class(a, Class::MutualLegalAssistance));
            if !powered {
                continue;
            }
            let anchors: Vec<NodeId> = articles
                .iter()
                .copied()
                .filter(|&a| {
                    cx.has_class(a, Class::HumanRights)
                        || cx.has_class(a, Class::ConditionsSafeguards)
                })
                .collect();
            let named = anchors.iter().any(|&a| cx.find_in(a, &NAMED).is_some());
            let non_suppression = articles
                .iter()
                .any(|&a| cx.find_in(a, &NON_SUPPRESSION).is_some());
            if named && non_suppression {
                continue;
            }
            let (node, range) = match anchors.first() {
                Some(&a) => (a, cx.article_anchor(a)),
                None => {
                    let title = cx.doc.node(inst).heading;
                    let first_chapter = cx.doc.node(inst).children.iter().copied().find(|&c| {
                        cx.doc.node(c).kind.is_grouping()
                            || cx.doc.node(c).kind == NodeKind::Article
                    });
                    match (title, first_chapter) {
                        (Some(t), _) => (inst, t),
                        (None, Some(c)) => {
                            (c, cx.doc.node(c).heading.unwrap_or(cx.doc.node(c).range()))
                        }
                        (None, None) => continue,
                    }
                }
            };
            let mut missing = Vec::new();
            if !named {
                missing.push(if anchors.is_empty() { "there is no human-rights or safeguards article" } else { "the human-rights and safeguards articles name no human-rights treaty and not international human rights law" });
            }
            if !non_suppression {
                missing.push("no clause says the treaty does not permit suppressing human rights");
            }
            let mut f = cx.finding(
                &Self::META,
                node,
                range,
                format!(
                    "powers are not anchored in international human rights law: {}",
                    missing.join("; ")
                ),
            );
            // Named instruments but no non-suppression clause: the lesser gap.
            if named {
                f.severity = crate::rules::Severity::Warning;
            }
            f.help = Some("\"in accordance with their obligations under international human rights law, including the International Covenant on Civil and Political Rights\"; \"Nothing in this Convention shall be interpreted as permitting suppression of human rights or fundamental freedoms\".".into());
            out.push(f);
        }
    }
}
