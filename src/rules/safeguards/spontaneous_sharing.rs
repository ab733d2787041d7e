use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// Sharing without a request, and direct police-to-police exchange of information about
    /// persons, with no binding conditions on its use and no reference to the data-protection
    /// or safeguards articles.
    ///
    /// ## Why it matters
    /// Spontaneous and police-to-police channels skip the refusal grounds of mutual legal
    /// assistance. Without conditions that bind the recipient, what is shared can be used for
    /// anything.
    ///
    /// ## Authority
    /// Budapest Convention art. 26(2) (conditions by which the receiving Party "shall be
    /// bound"); CETS 196 art. 22(2).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Spontaneous information
    /// A Party may, without prior request, transmit information relating to criminal offences to another Party.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Spontaneous information
    /// 1. A Party may, without prior request, transmit information relating to criminal offences to another Party.
    /// 2. The transmitting Party may impose conditions on the use of the information, and the receiving Party shall be bound by them.
    /// ```
    ///
    /// ## Fix
    /// Let the sender impose conditions that bind the recipient, and subject the channel to
    /// the data-protection and safeguards articles by reference.
    pub struct SpontaneousSharing {
        code: "TL115",
        name: "unconditioned-spontaneous-sharing",
        safeguard: Some("SG-SPONT"),
        category: Cooperation,
        severity: Warning,
        status: Stable,
        authorities: ["Budapest Convention, art. 26", "CETS 196, art. 22(2)"],
    }
}

static BOUND: Static = Static::new(|| {
    rx(
        r"(?i)\bshall\s+be\s+bound\s+by\b|\bshall\s+(?:comply|respect)\s+(?:with\s+)?(?:such|the|those|any)\s+(?:conditions|restrictions)\b|\bshall\s+not\s+(?:be\s+)?use[d]?\b[^.]{0,120}\bother\s+than\b",
    )
});

impl Rule for SpontaneousSharing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let safeguards: Vec<NodeId> = cx
            .articles()
            .iter()
            .copied()
            .filter(|&a| {
                cx.has_class(a, Class::DataProtection)
                    || cx.has_class(a, Class::ConditionsSafeguards)
            })
            .collect();
        for &a in cx.articles() {
            let channel = cx.has_class(a, Class::SpontaneousInformation)
                || cx.has_class(a, Class::LawEnforcementCooperation);
            if !channel || cx.has_class(a, Class::Criminalization) {
                continue;
            }
            if cx.find_in(a, &BOUND).is_some() || cx.refers_to(a, &safeguards) {
                continue;
            }
            let mut f = cx.finding(
                &Self::META,
                a,
                cx.article_anchor(a),
                "information is shared without a request, or police to police, with no binding conditions on its use and no reference to data protection",
            );
            f.help = Some("\"The providing Party may impose conditions on the use of the information; the receiving Party shall be bound by them\" (Budapest art. 26(2)).".into());
            out.push(f);
        }
    }
}
