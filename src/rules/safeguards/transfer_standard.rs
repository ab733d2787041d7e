use super::{Static, rx};
use crate::model::{Class, HedgeKind};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// Articles that transfer personal data but bind the transfer to no named standard: only
    /// domestic law, "applicable international law" (which has no general data-protection
    /// floor outside human-rights law), or encouragement to make "bilateral or multilateral
    /// arrangements". An article passes if it names international human rights law,
    /// Convention 108 (or 108+), an adequate, appropriate or equivalent level of protection,
    /// or gives a right to refuse transfers for data-protection reasons.
    ///
    /// ## Why it matters
    /// Data sent under the treaty leave the sender's legal order. Without a named standard and
    /// a right to refuse, they go to recipients with no data-protection law at all.
    ///
    /// ## Authority
    /// ETS 182 art. 26(3); Convention 108 art. 12 and Convention 108+ art. 14; EU Law
    /// Enforcement Directive arts. 35-39.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Protection of personal data
    /// A State Party transferring personal data under this Convention shall do so subject to its domestic law and to applicable international law.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Protection of personal data
    /// A State Party shall transfer personal data under this Convention only to a Party that ensures an appropriate level of protection consistent with international human rights law, and may refuse the transfer where that protection is not ensured.
    /// ```
    ///
    /// ## Fix
    /// Name the standard ("international human rights law", "an appropriate level of
    /// protection", Convention 108+) and give the transferring state a right, ideally a duty,
    /// to refuse transfers that fall below it.
    pub struct TransferStandard {
        code: "TL104",
        name: "transfer-without-standard",
        safeguard: Some("SG-DP-REF"),
        category: DataProtection,
        severity: Error,
        status: Stable,
        authorities: [
            "ETS 182, art. 26(3)",
            "Convention 108, art. 12; Convention 108+, art. 14",
            "EU Directive 2016/680, arts. 35-39",
        ],
    }
}

static STANDARD: Static = Static::new(|| {
    rx(
        r"(?i)\binternational\s+human\s+rights\s+law\b|\bConvention\s+(?:No\.\s+)?108\b|\bConvention\s+for\s+the\s+Protection\s+of\s+Individuals\s+with\s+regard\s+to\s+Automatic\s+Processing\b|\b(?:adequate|appropriate|equivalent)\s+(?:level\s+of\s+)?protection\b|\brefuse\s+to\s+transfer\b|\bnot\s+be\s+required\s+to\s+transfer\b[^.]{0,160}\bprotection\s+of\s+personal\s+data\b|\bshall\s+not\s+(?:be\s+)?transfer",
    )
});
static ARRANGEMENTS: Static = Static::new(|| {
    rx(
        r"(?i)\bencouraged\s+to\s+(?:establish|conclude|enter\s+into)\s+bilateral\s+or\s+multilateral\s+arrangements\b",
    )
});

impl Rule for TransferStandard {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            let transfers: Vec<_> = cx
                .provisions(a)
                .filter(|&p| cx.has_class(cx.node_of(p), Class::PersonalDataTransfer))
                .collect();
            if transfers.is_empty() || cx.has_class(a, Class::Definitions) {
                continue;
            }
            if cx.find_in(a, &STANDARD).is_some() {
                continue;
            }
            // Point at the vague standard if there is one, else the domestic-law deferral,
            // else the transfer itself.
            let hedge = |kind: HedgeKind| {
                cx.provisions(a).find_map(|p| {
                    cx.model.provision(p).clauses.iter().find_map(|&c| {
                        cx.model
                            .clause(c)
                            .hedges
                            .iter()
                            .find(|h| h.kind == kind)
                            .map(|h| (cx.node_of(p), h.range))
                    })
                })
            };
            let (node, range, message): (NodeId, _, &str) = if let Some((n, r)) =
                hedge(HedgeKind::VagueInternational)
            {
                (
                    n,
                    r,
                    "personal data are transferred subject only to \"applicable international law\", which sets no data-protection floor outside human-rights law",
                )
            } else if let Some((n, r)) = hedge(HedgeKind::DomesticLaw) {
                (
                    n,
                    r,
                    "personal data are transferred subject only to domestic law: no international standard and no right to refuse",
                )
            } else {
                let p = transfers[0];
                let m = cx
                    .model
                    .classes_of(cx.node_of(p))
                    .find(|c| c.class == Class::PersonalDataTransfer)
                    .and_then(|c| c.evidence.first().map(|e| e.range));
                (
                    cx.node_of(p),
                    m.unwrap_or_else(|| cx.article_anchor(a)),
                    "personal data are transferred with no named standard of protection and no right to refuse",
                )
            };
            let mut f = cx.finding(&Self::META, node, range, message);
            if let Some((_, r)) = cx.find_in(a, &ARRANGEMENTS) {
                f.related.push((
                    r,
                    "encouragement to make arrangements is the only mechanism".into(),
                ));
            }
            f.help = Some("\"only where the recipient ensures an appropriate level of protection consistent with international human rights law; the transferring Party may refuse the transfer otherwise\" (cf. ETS 182 art. 26(3)).".into());
            out.push(f);
        }
    }
}
