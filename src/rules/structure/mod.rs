//! Structural rules: what makes a draft hard to read correctly, before any safeguard.

pub mod dangling_reference;
pub mod empty_article;
pub mod numbering;
pub mod unbalanced_brackets;
pub mod undecided_text;
pub mod undefined_term;
