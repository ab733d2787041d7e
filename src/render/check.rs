//! `treatylint check` output: plain text lines, and JSON (schema `treatylint.check/1`,
//! described in docs/check-json.md).

use std::fmt::Write;

use serde::Serialize;

use super::parse::JsonSpan;
use crate::rules::{Finding, location};
use crate::syntax::Document;

pub const CHECK_SCHEMA: &str = "treatylint.check/1";

/// One checked file.
pub struct FileReport<'a> {
    pub file: String,
    pub doc: &'a Document,
    pub findings: &'a [Finding],
}

/// Plain text: `file:line:column: severity[CODE name]: message`, then the path, safeguard,
/// help and authority, indented.
pub fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for f in r.findings.iter().filter(|f| f.active()) {
            let span = r.doc.span(f.range);
            let loc = location(r.doc, f.node);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{} {}]: {}",
                r.file, span.line, span.column, f.severity, f.rule.code, f.rule.name, f.message
            );
            let words: String = r
                .doc
                .slice(f.range)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let words = if words.chars().count() > 100 {
                format!("{}…", words.chars().take(99).collect::<String>())
            } else {
                words
            };
            let mut meta = Vec::new();
            if !loc.path.is_empty() {
                meta.push(loc.path.clone());
            }
            if let Some(sg) = f.rule.safeguard {
                meta.push(sg.to_string());
            }
            let _ = writeln!(out, "  {}: “{words}”", meta.join(" · "));
            if let Some(h) = &f.help {
                let _ = writeln!(out, "  help: {h}");
            }
        }
    }
    // Controls in the document or its name are shown, not obeyed by the terminal.
    super::visible(&out).into_owned()
}

#[derive(Serialize)]
struct JsonFix {
    span: JsonSpan,
    replacement: String,
    description: String,
}

#[derive(Serialize)]
struct JsonRelated {
    span: JsonSpan,
    message: String,
}

#[derive(Serialize)]
struct JsonSuppression {
    kind: &'static str,
    reason: Option<String>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    name: &'static str,
    safeguard: Option<&'static str>,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    article: Option<String>,
    paragraph: Option<String>,
    path: String,
    span: JsonSpan,
    words: &'a str,
    authorities: &'static [&'static str],
    help: Option<&'a str>,
    fix: Option<JsonFix>,
    related: Vec<JsonRelated>,
    suppressed: Option<JsonSuppression>,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    schema: &'static str,
    findings: Vec<JsonFinding<'a>>,
}

pub fn json(reports: &[FileReport]) -> String {
    let mut findings = Vec::new();
    for r in reports {
        for f in r.findings {
            let loc = location(r.doc, f.node);
            findings.push(JsonFinding {
                rule: f.rule.code,
                name: f.rule.name,
                safeguard: f.rule.safeguard,
                category: f.rule.category.name(),
                severity: f.severity.name(),
                message: &f.message,
                file: &r.file,
                article: loc.article,
                paragraph: loc.paragraph,
                path: loc.path,
                span: r.doc.span(f.range).into(),
                words: r.doc.slice(f.range),
                authorities: f.rule.authorities,
                help: f.help.as_deref(),
                fix: f.fix.as_ref().map(|x| JsonFix {
                    span: r.doc.span(x.range).into(),
                    replacement: x.replacement.clone(),
                    description: x.description.clone(),
                }),
                related: f
                    .related
                    .iter()
                    .map(|(range, message)| JsonRelated {
                        span: r.doc.span(*range).into(),
                        message: message.clone(),
                    })
                    .collect(),
                suppressed: f.suppressed.as_ref().map(|s| JsonSuppression {
                    kind: s.kind.name(),
                    reason: s.reason.clone(),
                }),
            });
        }
    }
    serde_json::to_string_pretty(&JsonCheck {
        schema: CHECK_SCHEMA,
        findings,
    })
    .unwrap_or_default()
        + "\n"
}
