//! `treatylint parse`: the document tree as an outline or as JSON.
//!
//! The JSON is a contract: `schema` names its version, and docs/parse-json.md describes it.
//! Change it only on purpose, and bump the version when a field changes meaning or goes.

use serde::Serialize;

use crate::span::{Span, TextRange};
use crate::syntax::{Document, NodeId, NodeKind};

/// The version of the parse JSON.
pub const PARSE_SCHEMA: &str = "treatylint.parse/1";

#[derive(Serialize)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl From<Span> for JsonSpan {
    fn from(s: Span) -> Self {
        JsonSpan {
            start: s.start,
            end: s.end,
            line: s.line,
            column: s.column,
            end_line: s.end_line,
            end_column: s.end_column,
        }
    }
}

#[derive(Serialize)]
struct JsonField {
    kind: &'static str,
    value: String,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonNode {
    kind: &'static str,
    number: Option<String>,
    heading: Option<String>,
    span: JsonSpan,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<JsonField>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    brackets: Vec<JsonSpan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ad_referendum: Vec<JsonSpan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    footnote_refs: Vec<JsonSpan>,
    children: Vec<JsonNode>,
}

#[derive(Serialize)]
struct JsonProblem {
    code: &'static str,
    message: String,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    schema: &'static str,
    file: &'a str,
    root: JsonNode,
    problems: Vec<JsonProblem>,
}

fn node_json(doc: &Document, id: NodeId) -> JsonNode {
    let node = doc.node(id);
    let spans = |ranges: &[TextRange]| ranges.iter().map(|&r| doc.span(r).into()).collect();
    let text = if node.text.is_empty() {
        None
    } else {
        Some(doc.node_text(id).text)
    };
    JsonNode {
        kind: node.kind.name(),
        number: node.number.map(|r| doc.slice(r).to_string()),
        heading: node.heading.map(|r| doc.slice(r).to_string()),
        span: node.span.into(),
        text,
        fields: node
            .fields
            .iter()
            .map(|f| JsonField {
                kind: f.kind.name(),
                value: doc.slice(f.range).to_string(),
                span: doc.span(f.range).into(),
            })
            .collect(),
        brackets: spans(&node.brackets),
        ad_referendum: spans(&node.ad_referendum),
        footnote_refs: spans(&node.footnote_refs),
        children: node.children.iter().map(|&c| node_json(doc, c)).collect(),
    }
}

/// The whole tree as JSON.
pub fn json(doc: &Document, file: &str) -> String {
    let out = JsonDocument {
        schema: PARSE_SCHEMA,
        file,
        root: node_json(doc, Document::ROOT),
        problems: doc
            .problems
            .iter()
            .map(|p| JsonProblem {
                code: p.kind.code(),
                message: p.message.clone(),
                span: p.span.into(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// Label of a node in the outline: "article 27 bis — Caption".
pub fn label(doc: &Document, id: NodeId) -> String {
    let node = doc.node(id);
    let mut s = node.kind.name().to_string();
    if let Some(n) = node.number {
        let n = doc.slice(n);
        match node.kind {
            NodeKind::Subparagraph | NodeKind::Item => s.push_str(&format!(" ({n})")),
            _ => {
                s.push(' ');
                s.push_str(n);
            }
        }
    }
    if let Some(h) = node.heading {
        s.push_str(" — ");
        s.push_str(&truncate(doc.slice(h), 72));
    }
    s
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// The indented outline: kind, number, caption, line range. Furniture and footnotes are
/// shown; text blocks below paragraphs are not, to keep the outline an outline.
pub fn tree(doc: &Document, with_text: bool) -> String {
    let mut out = String::new();
    let mut stack = vec![(Document::ROOT, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let node = doc.node(id);
        let lines = if node.span.line == node.span.end_line {
            format!("{}", node.span.line)
        } else {
            format!("{}-{}", node.span.line, node.span.end_line)
        };
        out.push_str(&"  ".repeat(depth));
        out.push_str(&label(doc, id));
        out.push_str(&format!("  [{lines}]"));
        if node.kind == NodeKind::Furniture || node.kind == NodeKind::TitleBlock {
            let kinds: Vec<&str> = node.fields.iter().map(|f| f.kind.name()).collect();
            if !kinds.is_empty() {
                out.push_str(&format!(" {{{}}}", kinds.join(", ")));
            }
        }
        if with_text && !node.text.is_empty() {
            out.push_str(": ");
            out.push_str(&truncate(&doc.node_text(id).text, 60));
        }
        out.push('\n');
        for &c in node.children.iter().rev() {
            stack.push((c, depth + 1));
        }
    }
    out
}
