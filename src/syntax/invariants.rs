//! The tree's invariants, checked by the tests, the property tests and the fuzz targets.

use super::{Document, NodeId};

/// Checks the tree's span invariants; returns a description of the first violation.
pub fn invariants(doc: &Document) -> Result<(), String> {
    let src = &doc.source;
    let boundary = |at: usize| src.is_char_boundary(at);
    for (i, node) in doc.nodes.iter().enumerate() {
        let id = NodeId(i as u32);
        let r = node.range();
        if r.start > r.end || r.end > src.len() {
            return Err(format!(
                "node {i} {:?}: span {r:?} out of the text",
                node.kind
            ));
        }
        if !boundary(r.start) || !boundary(r.end) {
            return Err(format!("node {i}: span {r:?} not on char boundaries"));
        }
        let (line, column) = doc.lines.position(src, r.start);
        if (line, column) != (node.span.line, node.span.column) {
            return Err(format!("node {i}: start position is stale"));
        }
        if let Some(parent) = node.parent {
            let p = doc.node(parent).range();
            if !p.contains(r) {
                return Err(format!(
                    "node {i} {:?} {r:?} outside its parent {p:?}",
                    node.kind
                ));
            }
        } else if id != Document::ROOT {
            return Err(format!("node {i} has no parent"));
        }
        let mut last_end = r.start;
        for &c in &node.children {
            if doc.node(c).parent != Some(id) {
                return Err(format!("node {} does not name {i} as parent", c.0));
            }
            let cr = doc.node(c).range();
            if cr.start < last_end {
                return Err(format!("children of node {i} out of order at {cr:?}"));
            }
            last_end = cr.end;
        }
        let pieces = node
            .text
            .iter()
            .chain(node.number.iter())
            .chain(node.heading.iter())
            .chain(node.brackets.iter())
            .chain(node.footnote_refs.iter())
            .chain(node.fields.iter().map(|f| &f.range));
        for piece in pieces {
            if !r.contains(*piece) || !boundary(piece.start) || !boundary(piece.end) {
                return Err(format!(
                    "node {i}: piece {piece:?} outside {r:?} or off a boundary"
                ));
            }
        }
        // A node's own text never overlaps its children: furniture and footnotes stay out.
        for seg in &node.text {
            for &c in &node.children {
                let cr = doc.node(c).range();
                if seg.start < cr.end && cr.start < seg.end {
                    return Err(format!("node {i}: text {seg:?} overlaps child {cr:?}"));
                }
            }
        }
    }
    Ok(())
}
