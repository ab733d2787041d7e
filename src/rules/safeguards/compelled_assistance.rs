use super::{Static, rx};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Orders to "any person who has knowledge about the functioning" of a system to provide
    /// the information needed for a search, with no exclusion of decryption, disclosure of
    /// vulnerabilities or the weakening of security measures.
    ///
    /// ## Why it matters
    /// Without limits, the order can compel engineers to hand over keys or build workarounds,
    /// weakening security for every user.
    ///
    /// ## Authority
    /// Budapest Convention art. 19(4) ("as is reasonable", the baseline); civil-society and
    /// industry submissions on the UN convention.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Search and seizure
    /// Each Party shall empower its competent authorities to order any person who has knowledge about the functioning of the computer system to provide the necessary information to enable the search.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Search and seizure
    /// Each Party shall empower its competent authorities to order any person who has knowledge about the functioning of the computer system to provide the necessary information to enable the search, but shall not require any person to decrypt data, to disclose vulnerabilities or to weaken security measures.
    /// ```
    ///
    /// ## Fix
    /// Add: "but shall not require any person to decrypt data, to disclose vulnerabilities,
    /// or to weaken or circumvent security measures".
    pub struct CompelledAssistance {
        code: "TL126",
        name: "compelled-technical-assistance",
        safeguard: Some("SG-COMPEL"),
        category: Powers,
        severity: Warning,
        status: Stable,
        authorities: ["Budapest Convention, art. 19(4)"],
    }
}

static COMPEL: Static = Static::new(|| {
    rx(r"(?i)\border\s+any\s+person\s+who\s+has\s+knowledge\s+about\s+the\s+functioning\b")
});
static EXCLUSION: Static = Static::new(|| {
    rx(
        r"(?i)\bshall\s+not\s+(?:be\s+)?(?:require|compel|oblige)\w*\b[^.]{0,120}\b(?:decrypt|vulnerab|weaken|circumvent|encrypt)",
    )
});

impl Rule for CompelledAssistance {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for p in 0..cx.model.provisions.len() {
            let pid = crate::model::ProvisionId(p as u32);
            let text = cx.hay(pid);
            let Some(m) = COMPEL.find(text) else { continue };
            if EXCLUSION.is_match(text) {
                continue;
            }
            let mut f = cx.finding(&Self::META, cx.node_of(pid), cx.source(pid, m.range()), "anyone who knows a system can be ordered to help, with no bar on forced decryption, disclosure of vulnerabilities or weakened security");
            f.help = Some("\"but shall not require any person to decrypt data, to disclose vulnerabilities, or to weaken or circumvent security measures\"".into());
            out.push(f);
        }
    }
}
