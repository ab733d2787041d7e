//! Syntax: the grammar, the document tree and the lowering between them.

pub mod ast;
pub mod grammar;
mod invariants;
mod lower;
pub mod text;

pub use ast::{Document, Field, FieldKind, Node, NodeId, NodeKind, Problem, ProblemKind};
pub use invariants::invariants;
pub use lower::{parse, parse_cached};

impl Document {
    /// The node's own text, normalised, with its map to source offsets.
    pub fn node_text(&self, id: NodeId) -> text::NormText {
        text::NormText::from_segments(&self.source, &self.node(id).text)
    }
}
