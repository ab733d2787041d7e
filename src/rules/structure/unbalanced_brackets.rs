use crate::model::StructuralCode;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// A bracket, parenthesis or quotation mark that is opened and never closed, or closed
    /// and never opened, within a provision.
    ///
    /// ## Why it matters
    /// In negotiating texts square brackets mark what is not agreed. A bracket left open
    /// makes it impossible to tell where the undecided text ends; a stray quotation mark
    /// hides where a defined term begins.
    ///
    /// ## Authority
    /// UN negotiating practice for bracketed text.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Scope
    /// This Convention applies to [serious crime and to offences under this Convention.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Scope
    /// This Convention applies to [serious crime and] offences under this Convention.
    /// ```
    ///
    /// ## Fix
    /// Close the bracket where the undecided text ends.
    pub struct UnbalancedBrackets {
        code: "TL005",
        name: "unbalanced-brackets",
        safeguard: None,
        category: Structure,
        severity: Warning,
        status: Stable,
        authorities: ["UN negotiating practice"],
    }
}

impl Rule for UnbalancedBrackets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        cx.forward(
            &Self::META,
            &[
                StructuralCode::UnbalancedBrackets,
                StructuralCode::UnbalancedQuotes,
            ],
            out,
        );
    }
}
