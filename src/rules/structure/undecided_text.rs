use crate::model::StructuralCode;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Square-bracketed text: wording not yet agreed in a negotiating draft. "[agreed ad
    /// referendum]" markers are not flagged.
    ///
    /// ## Why it matters
    /// Bracketed alternatives are where safeguards are traded away ("[shall][may]"). A
    /// reviewer needs the list of what is still open, and a final text must have none.
    ///
    /// ## Authority
    /// UN negotiating practice for bracketed text.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Refusal
    /// Assistance [shall][may] be refused if the request aims at persecution.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Refusal
    /// Assistance shall be refused if the request aims at persecution.
    /// ```
    ///
    /// ## Fix
    /// Resolve the alternative; in a human-rights clause, keep the mandatory one.
    pub struct UndecidedText {
        code: "TL006",
        name: "undecided-text",
        safeguard: None,
        category: Structure,
        severity: Info,
        status: Stable,
        authorities: ["UN negotiating practice"],
    }
}

impl Rule for UndecidedText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        cx.forward(&Self::META, &[StructuralCode::UndecidedText], out);
    }
}
