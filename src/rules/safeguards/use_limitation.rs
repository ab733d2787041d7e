use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// A cooperation chapter with no binding use limitation (speciality): nothing that says the
    /// requesting state "shall not transmit or use" what it receives for other investigations
    /// without consent, or only a condition the requested state "may" impose.
    ///
    /// ## Why it matters
    /// Evidence supplied for one case then feeds others, including ones the supplying state
    /// would have refused to help with. Use limitation is the purpose principle of data
    /// protection in mutual assistance form.
    ///
    /// ## Authority
    /// UNTOC art. 18(19); UNCAC art. 46(19); 1988 Drug Convention art. 7(13).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in specific criminal investigations.
    /// 2. The requested Party may make the supply of information dependent on the condition that it is not used for other investigations.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in specific criminal investigations.
    /// 2. The requesting Party shall not transmit or use information or evidence furnished by the requested Party for investigations other than those stated in the request without the prior consent of the requested Party.
    /// ```
    ///
    /// ## Fix
    /// "The requesting State Party shall not transmit or use information or evidence ... for
    /// investigations, prosecutions or judicial proceedings other than those stated in the
    /// request without the prior consent of the requested State Party."
    pub struct UseLimitation {
        code: "TL116",
        name: "no-use-limitation",
        safeguard: Some("SG-SPECIALTY"),
        category: Cooperation,
        severity: Warning,
        status: Stable,
        authorities: ["UNTOC, art. 18(19)", "UNCAC, art. 46(19)", "1988 Drug Convention, art. 7(13)"],
    }
}

static OPTIONAL: Static = Static::new(|| {
    rx(r"(?i)\bmay\s+make\s+the\s+supply\b[^.]{0,120}\bdependent\s+on\s+the\s+condition\b")
});

impl Rule for UseLimitation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            let mla: Vec<NodeId> = cx
                .articles_with(Class::MutualLegalAssistance)
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            let Some(&first) = mla.first() else { continue };
            // A binding limitation: a use-limitation clause with a mandatory modal.
            let binding = cx.articles_of(inst).into_iter().any(|a| {
                cx.provisions(a).any(|p| {
                    cx.has_class(cx.node_of(p), Class::UseLimitation)
                        && cx.model.provision(p).clauses.iter().any(|&c| {
                            cx.model
                                .effective_obligation(c)
                                .is_some_and(|o| o.force.is_mandatory())
                        })
                })
            });
            if binding {
                continue;
            }
            let optional = cx
                .articles_of(inst)
                .into_iter()
                .find_map(|a| cx.find_in(a, &OPTIONAL));
            let (node, range, message) = match optional {
                Some((p, r)) => (
                    cx.node_of(p),
                    r,
                    "use limitation is only a condition the requested state may impose",
                ),
                None => (
                    first,
                    cx.article_anchor(first),
                    "nothing stops the requesting state from using what it receives in other investigations",
                ),
            };
            let mut f = cx.finding(&Self::META, node, range, message);
            f.help = Some("\"The requesting State Party shall not transmit or use information or evidence furnished ... for investigations, prosecutions or judicial proceedings other than those stated in the request without the prior consent of the requested State Party\" (UNTOC art. 18(19)).".into());
            out.push(f);
        }
    }
}
