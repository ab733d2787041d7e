//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use treatylint::syntax::{Document, NodeId, NodeKind};

/// ../shared/corpus, when it exists beside the repository (it does in CI, not in a user's
/// clone: tests that need it skip).
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir.canonicalize().unwrap_or(dir))
    } else {
        eprintln!("skipped: ../shared/corpus is not present");
        None
    }
}

/// The real treaty texts of ../shared/corpus, sorted by name.
pub fn shared_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read ../shared/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("SOURCES.md"))
        .collect();
    files.sort();
    files
}

pub fn repo_corpus(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    std::fs::read_to_string(path).expect("read sample draft")
}

/// Checks the tree's span invariants; returns a description of the first violation.
pub fn check_invariants(doc: &Document) -> Result<(), String> {
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

/// Article numbers of each instrument, as printed.
pub fn article_numbers(doc: &Document) -> Vec<Vec<String>> {
    doc.of_kind(NodeKind::Instrument)
        .map(|inst| {
            doc.preorder()
                .into_iter()
                .filter(|&id| {
                    doc.node(id).kind == NodeKind::Article
                        && doc.enclosing(id, NodeKind::Instrument) == Some(inst)
                        && doc.enclosing(id, NodeKind::Annex).is_none()
                })
                .map(|id| doc.number(id).unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// The outline without any of the document's words: kind, number, line range.
pub fn structure(doc: &Document) -> String {
    let mut out = String::new();
    let mut stack = vec![(Document::ROOT, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let node = doc.node(id);
        if node.kind == NodeKind::Furniture || node.kind == NodeKind::Text {
            continue;
        }
        out.push_str(&"  ".repeat(depth));
        out.push_str(node.kind.name());
        if let Some(n) = doc.number(id) {
            out.push(' ');
            out.push_str(n);
        }
        out.push_str(&format!(" {}-{}\n", node.span.line, node.span.end_line));
        for &c in node.children.iter().rev() {
            stack.push((c, depth + 1));
        }
    }
    out
}
