//! The safeguard rules of ../shared/docs/safeguards.md, one file each.

pub mod asymmetry;
pub mod compelled_assistance;
pub mod confidentiality;
pub mod data_protection_principles;
pub mod direct_requests;
pub mod dual_criminality;
pub mod emergency;
pub mod human_rights_anchor;
pub mod jurisdiction;
pub mod necessity;
pub mod onward_transfer;
pub mod open_scope;
pub mod political_offence;
pub mod presence;
pub mod prior_authorisation;
pub mod purpose_specificity;
pub mod real_time;
pub mod refusal_grounds;
pub mod request_content;
pub mod safeguards_scope;
pub mod spontaneous_sharing;
pub mod transfer_standard;
pub mod use_limitation;
pub mod user_notification;

use std::sync::LazyLock;

use crate::pattern::Pattern;

/// A rule's pattern (compiled on its first search, see [`crate::pattern`]).
pub(crate) fn rx(p: &str) -> Pattern {
    Pattern::fixed(p)
}

pub(crate) type Static = LazyLock<Pattern>;
