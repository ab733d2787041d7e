use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Secrecy duties on providers or requested states ("keep confidential the fact of the
    /// execution of any power ... and any information relating to it", "keep confidential the
    /// fact and substance of the request") with no limit in time and no judicial review.
    ///
    /// ## Why it matters
    /// Confidentiality protects investigations, but an open-ended statutory gag means the
    /// person whose data were taken never learns of it and can never challenge it.
    ///
    /// ## Authority
    /// Budapest Convention art. 16(3) (a period of time); ECtHR case law on notification
    /// after surveillance ends (Roman Zakharov v. Russia, 2015).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Real-time collection of traffic data
    /// Each Party shall oblige a service provider to keep confidential the fact of the execution of any power provided for in this article and any information relating to it.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Real-time collection of traffic data
    /// Each Party may oblige a service provider to keep confidential the fact of the execution of a power under this article for as long as necessary to avoid prejudicing the investigation, subject to judicial review, after which the provider may inform the user.
    /// ```
    ///
    /// ## Fix
    /// Limit secrecy to what an investigation needs, for a stated period, subject to review
    /// by a court, and allow notice once it ends.
    pub struct Confidentiality {
        code: "TL110",
        name: "open-ended-secrecy",
        safeguard: Some("SG-GAG"),
        category: HumanRights,
        severity: Warning,
        status: Stable,
        authorities: ["Budapest Convention, art. 16(3)", "ECtHR, Roman Zakharov v. Russia (2015)"],
    }
}

/// Secrecy about the measure itself, not protection of the data supplied.
static GAG: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:keeps?|kept)\s+confidential\s+(?:the\s+)?(?:fact|existence|execution|substance|undertaking|order|request)\b|\b(?:keeps?|kept)\s+(?:the\s+)?(?:fact|existence|undertaking|order|request)\b[^.]{0,80}\bconfidential\b|\bconfidentiality\s+of\s+the\s+request\b",
    )
});
static DURATION: Static = Static::new(|| {
    rx(
        r"(?i)\bperiod\b|\buntil\b|\bfor\s+as\s+long\s+as\b|\bexpir|\bno\s+longer\b|\btime\s+limit|\bduration\b|\bdays\b|\bmonths\b",
    )
});
static REVIEW: Static = Static::new(|| rx(r"(?i)\breview\b|\bcourt\b|\bjudicial\b|\bjudge\b"));

impl Rule for Confidentiality {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for p in 0..cx.model.provisions.len() {
            let pid = crate::model::ProvisionId(p as u32);
            let node = cx.node_of(pid);
            if !cx.has_class(node, Class::Confidentiality) {
                continue;
            }
            let text = cx.hay(pid);
            let Some(m) = GAG.find(text) else { continue };
            // The sentence carrying the secrecy duty.
            let sentence = cx
                .model
                .provision(pid)
                .clauses
                .iter()
                .map(|&c| cx.model.clause(c))
                .find(|c| c.norm.contains(&m.start()));
            let scope = sentence.map_or(text, |c| text.slice(c.norm.clone()));
            let timed = DURATION.is_match(scope);
            let reviewed = REVIEW.is_match(scope);
            if timed && reviewed {
                continue;
            }
            let missing = match (timed, reviewed) {
                (false, false) => "no time limit and no judicial review",
                (false, true) => "no time limit",
                _ => "no judicial review",
            };
            let mut f = cx.finding(&Self::META, node, cx.source(pid, m.range()), format!("secrecy about the measure with {missing}: the person concerned may never learn of it"));
            f.help = Some("\"for as long as necessary to avoid prejudicing the investigation, subject to judicial review\"; allow notice once the need ends.".into());
            out.push(f);
        }
    }
}
