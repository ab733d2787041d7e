use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::ProblemKind;

declare_rule! {
    /// ## What it flags
    /// An article with a heading and no text.
    ///
    /// ## Why it matters
    /// An empty article is either a placeholder left in a draft ("[to be completed]") or a
    /// provision lost in conversion. Either way the text under review is incomplete, and a
    /// safeguard expected there is absent.
    ///
    /// ## Authority
    /// Drafting practice.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    ///
    /// Article 2
    /// Entry into force
    /// This Convention shall enter into force on signature.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers in this Convention are subject to conditions and safeguards.
    ///
    /// Article 2
    /// Entry into force
    /// This Convention shall enter into force on signature.
    /// ```
    ///
    /// ## Fix
    /// Supply the article's text, or delete the heading.
    pub struct EmptyArticle {
        code: "TL003",
        name: "empty-article",
        safeguard: None,
        category: Structure,
        severity: Warning,
        status: Stable,
        authorities: ["Drafting practice"],
    }
}

impl Rule for EmptyArticle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for p in cx
            .doc
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::EmptyArticle)
        {
            let node = cx.node_at(p.span.start);
            let range = cx.doc.node(node).number.unwrap_or(p.span.range());
            out.push(cx.finding(&Self::META, node, range, p.message.clone()));
        }
    }
}
