use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it flags
    /// A data-protection article of a cooperation instrument that does not stop received
    /// data being passed on to a third state, an international organisation or another body
    /// without the sender's prior authorisation; or makes that authorisation something that
    /// "may be required".
    ///
    /// ## Why it matters
    /// Without control of onward transfers, data sent to a state with safeguards reach one
    /// without them, and every protection of the first transfer is lost.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) art. 14(9)-(10); ETS 182 art. 26(1)-(2); EU
    /// Directive 2016/680 art. 35(1)(e).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    ///
    /// Article 2
    /// Protection of personal data
    /// Personal data received under this Convention shall be protected in accordance with the domestic law of the receiving Party.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    ///
    /// Article 2
    /// Protection of personal data
    /// Personal data received under this Convention shall not be transferred onward to a third State or international organisation without the prior written authorisation of the transferring Party.
    /// ```
    ///
    /// ## Fix
    /// "shall not be transferred to a third State or international organisation without the
    /// prior written authorisation of the transferring State Party", given only where the
    /// recipient ensures equivalent protection.
    pub struct OnwardTransfer {
        code: "TL121",
        name: "no-onward-transfer-control",
        safeguard: Some("SG-ONWARD"),
        category: DataProtection,
        severity: Warning,
        status: Stable,
        authorities: [
            "Second Additional Protocol (CETS 224), art. 14(9)-(10)",
            "ETS 182, art. 26(1)-(2)",
            "EU Directive 2016/680, art. 35(1)(e)",
        ],
    }
}

static ONWARD: Static = Static::new(|| {
    rx(
        r"(?i)\bonward\b|\bthird\s+(?:States?|countr(?:y|ies)|Part(?:y|ies))\b|\bfurther\s+transfer|\btransferred\s+to\s+(?:another|any\s+other)\b|\binternational\s+organi[sz]ation",
    )
});
static AUTHORISED: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:shall\s+not|only)\b[^.]{0,160}\bprior\s+(?:written\s+)?(?:authori[sz]ation|consent)\b|\bprior\s+(?:written\s+)?(?:authori[sz]ation|consent)\b[^.]{0,60}\bshall\b",
    )
});

impl Rule for OnwardTransfer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments_with_powers() {
            let dp: Vec<_> = cx
                .articles_of(inst)
                .into_iter()
                .filter(|&a| cx.has_class(a, Class::DataProtection))
                .collect();
            let Some(&first) = dp.first() else { continue };
            let mentioned = cx.any_in(&dp, &ONWARD);
            if mentioned && cx.any_in(&dp, &AUTHORISED) {
                continue;
            }
            let mut f = cx.finding(
                &Self::META,
                first,
                cx.article_anchor(first),
                if mentioned {
                    "onward transfers are mentioned but not subject to the sender's prior authorisation"
                } else {
                    "nothing stops received data being passed on to third states or organisations"
                },
            );
            if mentioned {
                f.severity = Severity::Info;
            }
            f.help = Some("\"shall not be transferred to a third State or international organisation without the prior written authorisation of the transferring State Party\"".into());
            out.push(f);
        }
    }
}
