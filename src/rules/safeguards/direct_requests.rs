use super::{Static, rx};
use crate::model::{Class, Force};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Articles that let one state's authorities obtain data from a service provider, or
    /// access data, in another state's territory without going through that state: orders
    /// "submitted directly to a service provider in the territory of another Party", access
    /// "without the authorisation of another Party". Flags them when the host state need not
    /// be notified or consulted (or notification is only something a state "may" declare),
    /// and when the host state has no ground on which to object.
    ///
    /// ## Why it matters
    /// A direct request bypasses every safeguard of the host state: its judges, its refusal
    /// grounds, its data-protection law. Notification with a right to object is the minimum
    /// that keeps them in play.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) arts. 7(5) and 8; EU e-Evidence Regulation
    /// 2023/1543 (notification of the enforcing state); GDPR art. 48.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Direct requests to service providers
    /// 1. Each Party shall empower its authorities to issue an order submitted directly to a service provider in the territory of another Party to disclose stored subscriber information.
    /// 2. A Party may declare that it requires notification of such orders.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Direct requests to service providers
    /// 1. Each Party shall empower its authorities to issue an order submitted directly to a service provider in the territory of another Party to disclose stored subscriber information.
    /// 2. The issuing Party shall notify the Party in whose territory the service provider is located at the same time, and that Party may object to disclosure on any ground for refusing mutual assistance.
    /// ```
    ///
    /// ## Fix
    /// Require simultaneous notification of the host state with a summary of the facts, a
    /// right to object on its refusal grounds, and limit direct orders to subscriber data.
    pub struct DirectRequests {
        code: "TL109",
        name: "direct-request-bypasses-host-state",
        safeguard: Some("SG-DIRECT"),
        category: Cooperation,
        severity: Error,
        status: Stable,
        authorities: [
            "Second Additional Protocol (CETS 224), arts. 7(5), 8",
            "EU Regulation 2023/1543",
            "GDPR, art. 48",
        ],
    }
}

static DIRECT: Static = Static::new(|| {
    rx(
        r"(?i)\bdirectly\s+to\s+(?:a\s+)?service\s+providers?\b|\bwithout\s+the\s+(?:authori[sz]ation|consent)\s+of\s+(?:another|the\s+other)\s+(?:State\s+|Contracting\s+)?Party\b|\bservice\s+providers?\s+in\s+the\s+territory\s+of\s+another\b",
    )
});
static NOTIFY: Static = Static::new(|| rx(r"(?i)\bnotif|\bconsult"));
static OBJECT: Static = Static::new(|| {
    rx(r"(?i)\bobject|\brefus|\bgrounds?\b|\binstruct\b[^.]{0,40}\bnot\s+to\s+disclose")
});
static CONTENT: Static = Static::new(|| rx(r"(?i)\bcontent\s+data\b|\btraffic\s+data\b"));

impl Rule for DirectRequests {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            let Some((_, direct)) = cx.find_in(a, &DIRECT) else {
                continue;
            };
            if cx.has_class(a, Class::Criminalization) || cx.has_class(a, Class::Definitions) {
                continue;
            }
            // Mandatory notification or consultation of the host state.
            let mut mandatory = false;
            let mut optional = None;
            for p in cx.provisions(a) {
                for &c in &cx.model.provision(p).clauses {
                    if !NOTIFY.is_match(cx.model.clause_text(c)) {
                        continue;
                    }
                    match cx.model.effective_obligation(c).map(|o| (o.force, o.modal)) {
                        Some((f, _)) if f.is_mandatory() => mandatory = true,
                        Some((Force::May | Force::Endeavour | Force::Consider, modal)) => {
                            optional = Some(modal)
                        }
                        _ => {}
                    }
                }
            }
            let objection = cx.find_in(a, &OBJECT).is_some();
            if mandatory && objection {
                continue;
            }
            let node = cx.node_at(direct.start);
            let mut missing = Vec::new();
            if !mandatory {
                missing.push(if optional.is_some() {
                    "notification of the host state is only optional"
                } else {
                    "the host state is neither notified nor consulted"
                });
            }
            if !objection {
                missing.push("it has no ground on which to object");
            }
            let mut message = format!(
                "data are obtained directly across the border: {}",
                missing.join(", and ")
            );
            if cx.find_in(a, &CONTENT).is_some() {
                message.push_str(
                    "; traffic or content data, not only subscriber information, are reached",
                );
            }
            let mut f = cx.finding(&Self::META, node, direct, message);
            if let Some(m) = optional {
                f.related.push((m, "optional notification".into()));
            }
            f.help = Some("\"The issuing Party shall notify the Party in whose territory the service provider is located at the same time, with a summary of the facts; that Party may object on any ground for refusing mutual assistance.\"".into());
            out.push(f);
        }
    }
}
