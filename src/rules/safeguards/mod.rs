//! The safeguard rules of ../shared/docs/safeguards.md, one file each.

pub mod data_protection_principles;
pub mod dual_criminality;
pub mod open_scope;
pub mod political_offence;
pub mod purpose_specificity;
pub mod refusal_grounds;
pub mod safeguards_scope;
pub mod transfer_standard;

use std::sync::LazyLock;

use regex::Regex;

/// Compiles a rule's pattern once.
pub(crate) fn rx(p: &str) -> Regex {
    crate::model::pattern(p).expect("static regex")
}

pub(crate) type Pattern = LazyLock<Regex>;
