use super::{Static, rx};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// An instrument that gives authorities powers over people's data, or organises access to
    /// it across borders, and never requires (or allows) the people concerned to be told.
    /// Notifications between states ("notify the requesting Party") do not count.
    ///
    /// ## Why it matters
    /// Without notice the right to a remedy is empty: nobody can challenge a measure they
    /// never hear of.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) art. 14(11); Convention 108+ art. 8; EU
    /// Directive 2016/680 art. 13; ICCPR art. 2(3).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Production order
    /// Each Party shall empower its competent authorities to order a service provider to submit subscriber information for specific criminal investigations. It shall notify the requesting Party of the result.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Production order
    /// 1. Each Party shall empower its competent authorities to order a service provider to submit subscriber information for specific criminal investigations.
    /// 2. The competent authority shall notify the person concerned as soon as notification would no longer jeopardise the investigation.
    /// ```
    ///
    /// ## Fix
    /// Add: "the person concerned shall be notified as soon as notification no longer
    /// jeopardises the investigation", and let providers inform their users unless a court
    /// has ordered otherwise.
    pub struct UserNotification {
        code: "TL111",
        name: "no-user-notification",
        safeguard: Some("SG-NOTIFY"),
        category: HumanRights,
        severity: Warning,
        status: Stable,
        authorities: [
            "Second Additional Protocol (CETS 224), art. 14(11)",
            "Convention 108+, art. 8",
            "EU Directive 2016/680, art. 13",
            "ICCPR, art. 2(3)",
        ],
    }
}

static NOTICE: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:notify|inform|notice\s+to|give\s+(?:the\s+)?(?:\w+\s+)?notice)\b[^.;]{0,30}\b(?:the\s+)?(?:persons?|individuals?|users?|subscribers?|data\s+subjects?|customers?)\b(?:\s+concerned)?|\b(?:persons?|individuals?|users?|data\s+subjects?)\s+(?:concerned\s+)?shall\s+be\s+(?:notified|informed)\b|\bnotice\s+of\s+and\s+access\b",
    )
});

impl Rule for UserNotification {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            if !cx.criminal_instrument(inst) {
                continue;
            }
            let powered: Vec<NodeId> = cx
                .articles_of(inst)
                .into_iter()
                .filter(|&a| !cx.powers(a).is_empty())
                .collect();
            let Some(&first) = powered.first() else {
                continue;
            };
            let notified = cx
                .articles_of(inst)
                .into_iter()
                .any(|a| cx.find_in(a, &NOTICE).is_some());
            if notified {
                continue;
            }
            let anchor = cx
                .cooperation_groupings()
                .into_iter()
                .find(|&g| in_inst(g))
                .and_then(|g| cx.doc.node(g).heading.map(|h| (g, h)))
                .unwrap_or((first, cx.article_anchor(first)));
            let mut f = cx.finding(
                &Self::META,
                anchor.0,
                anchor.1,
                format!("powers over data ({}) and nothing requires or allows the people concerned to be told", super::prior_authorisation::plural(powered.len(), "article")),
            );
            f.help = Some("\"The person concerned shall be notified as soon as notification would no longer jeopardise the investigation.\"".into());
            out.push(f);
        }
    }
}
