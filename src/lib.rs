//! treatylint: reads draft international conventions and flags provisions that lack
//! human-rights safeguards.
//!
//! The pipeline: [`input`] reads bytes into text, [`syntax`] parses text into a document
//! tree, and [`render`] turns results into output. See ARCHITECTURE.md.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod input;
pub mod pattern;
pub mod render;
pub mod span;
pub mod syntax;
pub mod synthetic;

pub use syntax::{Document, parse};
pub mod diff;
pub mod fuzzing;
pub mod model;
pub mod rules;
pub mod server;
