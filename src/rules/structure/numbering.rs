use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::ProblemKind;

declare_rule! {
    /// ## What it flags
    /// Article, paragraph and subparagraph numbers that are duplicated, skipped or out of
    /// order: article 12 followed by article 14, two paragraphs numbered 3.
    ///
    /// ## Why it matters
    /// Reviewers and delegations cite provisions by number. A skipped or duplicated number
    /// usually means text was deleted or merged between drafts, which is exactly where
    /// safeguards get lost, and it breaks every cross-reference after it.
    ///
    /// ## Authority
    /// Drafting practice of the UN Office of Legal Affairs and the Council of Europe Treaty
    /// Office (consecutive numbering; "bis" for insertions).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Scope
    /// 1. This Convention applies to the offences it establishes.
    /// 3. It applies also to attempts.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Scope
    /// 1. This Convention applies to the offences it establishes.
    /// 2. It applies also to attempts.
    /// ```
    ///
    /// ## Fix
    /// Renumber, or restore the missing provision; use "bis" for an inserted article.
    pub struct Numbering {
        code: "TL002",
        name: "irregular-numbering",
        safeguard: None,
        category: Structure,
        severity: Warning,
        status: Stable,
        authorities: ["UN OLA and CoE Treaty Office drafting practice"],
    }
}

impl Rule for Numbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for p in &cx.doc.problems {
            if matches!(
                p.kind,
                ProblemKind::DuplicateNumber
                    | ProblemKind::SkippedNumber
                    | ProblemKind::OutOfOrderNumber
            ) {
                let node = cx.node_at(p.span.start);
                out.push(cx.finding(&Self::META, node, p.span.range(), p.message.clone()));
            }
        }
    }
}
