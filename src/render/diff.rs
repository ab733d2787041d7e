//! `treatylint diff` output: text lines, and JSON (schema `treatylint.diff/1`, described in
//! docs/diff-json.md).

use std::fmt::Write;

use serde::Serialize;

use super::parse::JsonSpan;
use crate::diff::{Change, Comparison, Side, Word};
use crate::rules::location;
use crate::syntax::NodeId;

pub const DIFF_SCHEMA: &str = "treatylint.diff/1";

fn where_(side: &Side, at: Option<(NodeId, crate::span::TextRange)>) -> String {
    match at {
        Some((node, range)) => {
            let s = side.doc.span(range);
            let path = location(&side.doc, node).path;
            format!(
                "{}:{}:{} ({})",
                side.name,
                s.line,
                s.column,
                if path.is_empty() { "document" } else { &path }
            )
        }
        None => "—".to_string(),
    }
}

fn marker(c: &Change) -> &'static str {
    if c.kind.is_regression() { "−" } else { " " }
}

/// Text: one line per change, regressions marked, then a summary.
pub fn text(old: &Side, new: &Side, cmp: &Comparison) -> String {
    let mut out = String::new();
    for c in &cmp.changes {
        let _ = writeln!(out, "{} {}: {}", marker(c), c.kind.name(), c.message);
        let _ = writeln!(
            out,
            "    old {}  →  new {}",
            where_(old, c.old),
            where_(new, c.new)
        );
    }
    for (o, n, words) in &cmp.words {
        let _ = write!(
            out,
            "  words {} → {}: ",
            location(&old.doc, *o).path,
            location(&new.doc, *n).path
        );
        for w in words {
            match w {
                Word::Same(s) => out.push_str(s),
                Word::Deleted(s) => {
                    let _ = write!(out, "[-{s}-]");
                }
                Word::Inserted(s) => {
                    let _ = write!(out, "{{+{s}+}}");
                }
            }
        }
        out.push('\n');
    }
    let regressions = cmp
        .changes
        .iter()
        .filter(|c| c.kind.is_regression())
        .count();
    let paired = cmp
        .articles
        .iter()
        .filter(|p| p.old.is_some() && p.new.is_some())
        .count();
    let _ = writeln!(
        out,
        "{} → {}: {paired} articles aligned, {} changes, {regressions} weakening safeguards",
        old.name,
        new.name,
        cmp.changes.len()
    );
    out
}

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    article: Option<String>,
    path: String,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonChange {
    kind: &'static str,
    regression: bool,
    message: String,
    old: Option<JsonPlace>,
    new: Option<JsonPlace>,
}

#[derive(Serialize)]
struct JsonPair {
    old: Option<String>,
    new: Option<String>,
    alignment: &'static str,
    similarity: f32,
}

#[derive(Serialize)]
struct JsonWords {
    old: String,
    new: String,
    words: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
struct JsonDiff {
    schema: &'static str,
    old: String,
    new: String,
    articles: Vec<JsonPair>,
    changes: Vec<JsonChange>,
    text: Vec<JsonWords>,
}

fn place(side: &Side, at: Option<(NodeId, crate::span::TextRange)>) -> Option<JsonPlace> {
    at.map(|(node, range)| {
        let loc = location(&side.doc, node);
        JsonPlace {
            file: side.name.clone(),
            article: loc.article,
            path: loc.path,
            span: side.doc.span(range).into(),
        }
    })
}

pub fn json(old: &Side, new: &Side, cmp: &Comparison) -> String {
    let article = |side: &Side, n: Option<NodeId>| n.map(|n| location(&side.doc, n).path);
    let out = JsonDiff {
        schema: DIFF_SCHEMA,
        old: old.name.clone(),
        new: new.name.clone(),
        articles: cmp
            .articles
            .iter()
            .map(|p| JsonPair {
                old: article(old, p.old),
                new: article(new, p.new),
                alignment: p.kind.name(),
                similarity: (p.similarity * 100.0).round() / 100.0,
            })
            .collect(),
        changes: cmp
            .changes
            .iter()
            .map(|c| JsonChange {
                kind: c.kind.name(),
                regression: c.kind.is_regression(),
                message: c.message.clone(),
                old: place(old, c.old),
                new: place(new, c.new),
            })
            .collect(),
        text: cmp
            .words
            .iter()
            .map(|(o, n, words)| JsonWords {
                old: location(&old.doc, *o).path,
                new: location(&new.doc, *n).path,
                words: words
                    .iter()
                    .map(|w| match w {
                        Word::Same(s) => ("same", s.clone()),
                        Word::Deleted(s) => ("deleted", s.clone()),
                        Word::Inserted(s) => ("inserted", s.clone()),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
