//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use treatylint::syntax::{Document, NodeKind};

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

/// The tree's span invariants (see `treatylint::syntax::invariants`).
pub fn check_invariants(doc: &Document) -> Result<(), String> {
    treatylint::syntax::invariants(doc)
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
