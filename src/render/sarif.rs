//! SARIF 2.1.0 output for code-scanning tools: every rule with its full documentation and
//! authorities in `tool.driver.rules`, results with regions (line, column, byte offset and
//! length), related locations, and fixes where a rule suggests one.

use serde_json::{Value, json};

use super::check::FileReport;
use crate::rules::{self, Finding, RuleMeta, Severity, location};
use crate::span::TextRange;
use crate::syntax::Document;

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A URI for a path: relative paths as relative references, absolute ones as `file://`
/// URIs; forward slashes, reserved characters percent-encoded.
pub fn uri(path: &str) -> String {
    if path == "<stdin>" {
        return "stdin".to_string();
    }
    let path = path.replace('\\', "/");
    // An absolute path is a file URI; a relative one a relative reference.
    let mut out = if path.starts_with('/') {
        String::from("file://")
    } else {
        String::new()
    };
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first paragraph of a section of a rule's documentation.
fn section(doc: &str, heading: &str) -> String {
    doc.split_once(heading)
        .map(|(_, rest)| rest.split("## ").next().unwrap_or(""))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn rule_descriptor(m: &RuleMeta) -> Value {
    let doc: String = m
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": format!("{} ({})", m.name, m.safeguard.unwrap_or("structure")) },
        "fullDescription": { "text": section(m.doc, "## What it flags") },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": {
            "safeguard": m.safeguard,
            "category": m.category.name(),
            "status": m.status.name(),
            "authorities": m.authorities,
            "tags": [m.category.name()],
        }
    })
}

fn region(doc: &Document, range: TextRange) -> Value {
    let s = doc.span(range);
    json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": s.end_line,
        "endColumn": s.end_column,
        "byteOffset": s.start,
        "byteLength": s.end - s.start,
        "snippet": { "text": doc.slice(range) },
    })
}

fn result(file: &str, doc: &Document, f: &Finding, rule_index: usize) -> Value {
    let loc = location(doc, f.node);
    let artifact = json!({ "uri": uri(file) });
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message.push_str(&format!(" Suggested language: {h}"));
    }
    let mut r = json!({
        "ruleId": f.rule.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": { "artifactLocation": artifact, "region": region(doc, f.range) },
            "logicalLocations": [{ "fullyQualifiedName": if loc.path.is_empty() { "document".to_string() } else { loc.path.clone() } }],
        }],
        "properties": {
            "name": f.rule.name,
            "safeguard": f.rule.safeguard,
            "article": loc.article,
            "paragraph": loc.paragraph,
            "path": loc.path,
        }
    });
    if !f.related.is_empty() {
        r["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(i, (range, message))| {
                json!({
                    "id": i,
                    "physicalLocation": { "artifactLocation": artifact, "region": region(doc, *range) },
                    "message": { "text": message },
                })
            })
            .collect();
    }
    if let Some(s) = &f.suppressed {
        r["suppressions"] = json!([{
            "kind": match s.kind {
                rules::suppress::SuppressionKind::InSource => "inSource",
                rules::suppress::SuppressionKind::Baseline => "external",
            },
            "justification": s.reason.clone().unwrap_or_default(),
        }]);
    }
    if let Some(fix) = &f.fix {
        r["fixes"] = json!([{
            "description": { "text": fix.description },
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{
                    "deletedRegion": { "byteOffset": fix.range.start, "byteLength": fix.range.len() },
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    r
}

pub fn sarif(reports: &[FileReport]) -> String {
    let all: Vec<&RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for r in reports {
        artifacts
            .push(json!({ "location": { "uri": uri(&r.file) }, "length": r.doc.source.len() }));
        for f in r.findings {
            let index = all.iter().position(|m| m.code == f.rule.code).unwrap_or(0);
            results.push(result(&r.file, r.doc, f, index));
        }
    }
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "treatylint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": all.iter().map(|m| rule_descriptor(m)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
