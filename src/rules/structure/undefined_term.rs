use crate::model::StructuralCode;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// A term put in quotation marks as if defined ("“stored data”") in an instrument that
    /// has a definitions article, when the definitions article does not define it.
    ///
    /// ## Why it matters
    /// Powers are only as narrow as their defined terms. An undefined term ("emergency",
    /// "serious crime", "stored data") is left to each state's reading.
    ///
    /// ## Authority
    /// Budapest Convention art. 1 and UNTOC art. 2: operative terms are defined.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Use of terms
    /// (a) “computer data” means any representation of facts.
    ///
    /// Article 2
    /// Preservation
    /// Each Party shall preserve the “stored data” of a suspect.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Use of terms
    /// (a) “computer data” means any representation of facts.
    ///
    /// Article 2
    /// Preservation
    /// Each Party shall preserve specified computer data of a suspect.
    /// ```
    ///
    /// ## Fix
    /// Define the term in the definitions article, or use a defined one.
    pub struct UndefinedTerm {
        code: "TL004",
        name: "undefined-term",
        safeguard: None,
        category: Structure,
        severity: Warning,
        status: Stable,
        authorities: ["Budapest Convention, art. 1", "UNTOC, art. 2"],
    }
}

impl Rule for UndefinedTerm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        cx.forward(&Self::META, &[StructuralCode::UndefinedTerm], out);
    }
}
