use crate::model::StructuralCode;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// A cross-reference to an article, paragraph, subparagraph or chapter that does not
    /// exist in the instrument: "article 99", "paragraph 4 of this article" in an article of
    /// three paragraphs.
    ///
    /// ## Why it matters
    /// Safeguards travel by reference ("shall be subject to Articles 14 and 15"). A reference
    /// left pointing nowhere after renumbering silently detaches a power from its safeguards.
    ///
    /// ## Authority
    /// Drafting practice; Vienna Convention on the Law of Treaties, art. 31 (a treaty is read
    /// as a whole, in context).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Production order
    /// 1. Each Party shall empower its authorities to order production of data.
    /// 2. The powers in paragraph 1 shall be subject to article 9.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Production order
    /// 1. Each Party shall empower its authorities to order production of data.
    /// 2. The powers in paragraph 1 shall be subject to article 1.
    /// ```
    ///
    /// ## Fix
    /// Point the reference at the article that now holds the provision.
    pub struct DanglingReference {
        code: "TL001",
        name: "dangling-reference",
        safeguard: None,
        category: Structure,
        severity: Error,
        status: Stable,
        authorities: ["Vienna Convention on the Law of Treaties, art. 31"],
    }
}

impl Rule for DanglingReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        cx.forward(&Self::META, &[StructuralCode::DanglingReference], out);
    }
}
