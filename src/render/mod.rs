//! Renderers: each output format has its own serialisable types; the core types are not
//! `Serialize`. Only the CLI prints.

pub mod check;
pub mod diff;
pub mod parse;
pub mod report;
pub mod sarif;
pub mod semantic;
pub mod terminal;
