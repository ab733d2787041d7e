//! The one list of rules. Codes are stable: a rule that is renamed keeps its code, a rule
//! that is removed leaves its code unused.

use super::safeguards::{
    asymmetry::Asymmetry,
    compelled_assistance::CompelledAssistance,
    confidentiality::Confidentiality,
    data_protection_principles::DataProtectionPrinciples,
    direct_requests::DirectRequests,
    dual_criminality::DualCriminality,
    emergency::Emergency,
    human_rights_anchor::HumanRightsAnchor,
    jurisdiction::Jurisdiction,
    necessity::Necessity,
    onward_transfer::OnwardTransfer,
    open_scope::OpenScope,
    political_offence::PoliticalOffence,
    presence::{Oversight, Privilege, Remedy, Review, Transparency},
    prior_authorisation::PriorAuthorisation,
    purpose_specificity::PurposeSpecificity,
    real_time::RealTime,
    refusal_grounds::RefusalGrounds,
    request_content::RequestContent,
    safeguards_scope::SafeguardsScope,
    spontaneous_sharing::SpontaneousSharing,
    transfer_standard::TransferStandard,
    use_limitation::UseLimitation,
    user_notification::UserNotification,
};
use super::structure::{
    dangling_reference::DanglingReference, empty_article::EmptyArticle, numbering::Numbering,
    unbalanced_brackets::UnbalancedBrackets, undecided_text::UndecidedText,
    undefined_term::UndefinedTerm,
};
use super::suppress::UnusedSuppression;
use super::{Rule, RuleMeta};

static RULES: &[&dyn Rule] = &[
    &DanglingReference,
    &Numbering,
    &EmptyArticle,
    &UndefinedTerm,
    &UnbalancedBrackets,
    &UndecidedText,
    &UnusedSuppression,
    &DualCriminality,
    &PurposeSpecificity,
    &SafeguardsScope,
    &TransferStandard,
    &DataProtectionPrinciples,
    &OpenScope,
    &RefusalGrounds,
    &PoliticalOffence,
    &DirectRequests,
    &Confidentiality,
    &UserNotification,
    &PriorAuthorisation,
    &RealTime,
    &Emergency,
    &SpontaneousSharing,
    &UseLimitation,
    &HumanRightsAnchor,
    &Necessity,
    &Remedy,
    &Oversight,
    &OnwardTransfer,
    &Asymmetry,
    &RequestContent,
    &Transparency,
    &Review,
    &CompelledAssistance,
    &Jurisdiction,
    &Privilege,
];

/// Every rule, in code order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// A rule by code ("TL101"), name ("optional-dual-criminality") or safeguard ("SG-DUALCRIM").
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).find(|m| {
        m.code.eq_ignore_ascii_case(key)
            || m.name == key
            || m.safeguard.is_some_and(|s| s.eq_ignore_ascii_case(key))
    })
}
