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
    // Controls in the documents or their names are shown, not obeyed by the terminal.
    super::visible(&out).into_owned()
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

/// The text of a change's place, for the side-by-side reports.
fn place_text(side: &Side, at: Option<(NodeId, crate::span::TextRange)>) -> String {
    at.map(|(node, _)| {
        let n = side.doc.node(node);
        let mut s = String::new();
        if let Some(h) = n.heading {
            s.push_str(side.doc.slice(h));
        }
        if let Some(p) = side.model.provision_of(node) {
            if !s.is_empty() {
                s.push_str(" — ");
            }
            s.push_str(&side.model.provision(p).text.text);
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    })
    .unwrap_or_default()
}

fn summary_counts(cmp: &Comparison) -> (usize, usize, usize) {
    let paired = cmp
        .articles
        .iter()
        .filter(|p| p.old.is_some() && p.new.is_some())
        .count();
    let regressions = cmp
        .changes
        .iter()
        .filter(|c| c.kind.is_regression())
        .count();
    (paired, cmp.changes.len(), regressions)
}

/// Markdown: the changes, then each changed provision old | new with the words marked.
pub fn markdown(old: &Side, new: &Side, cmp: &Comparison) -> String {
    use super::report::md_escape as esc;
    let mut out = String::from("# treatylint comparison\n\n");
    let (paired, total, regressions) = summary_counts(cmp);
    let _ = writeln!(
        out,
        "{} → {}: {paired} articles aligned, {total} changes, **{regressions} weakening safeguards**.\n",
        esc(&old.name),
        esc(&new.name)
    );
    out.push_str("| change | where (new) | what |\n|---|---|---|\n");
    for c in cmp
        .changes
        .iter()
        .filter(|c| c.kind != crate::diff::ChangeKind::TextChanged)
    {
        let at = c
            .new
            .or(c.old)
            .map(|(n, _)| location(if c.new.is_some() { &new.doc } else { &old.doc }, n).path)
            .unwrap_or_default();
        let mark = if c.kind.is_regression() { "⚠ " } else { "" };
        let _ = writeln!(
            out,
            "| {mark}{} | {} | {} |",
            c.kind.name(),
            esc(&at),
            esc(&c.message)
        );
    }
    out.push_str("\n## Text, side by side\n\n| old | new |\n|---|---|\n");
    for (o, n, words) in &cmp.words {
        let (mut left, mut right) = (String::new(), String::new());
        for w in words {
            match w {
                Word::Same(s) => {
                    left.push_str(&esc(s));
                    right.push_str(&esc(s));
                }
                Word::Deleted(s) if !s.trim().is_empty() => {
                    let _ = write!(left, "~~{}~~", esc(s.trim()));
                    left.push(' ');
                }
                Word::Inserted(s) if !s.trim().is_empty() => {
                    let _ = write!(right, "**{}**", esc(s.trim()));
                    right.push(' ');
                }
                _ => {}
            }
        }
        let _ = writeln!(
            out,
            "| *{}*<br>{} | *{}*<br>{} |",
            esc(&location(&old.doc, *o).path),
            left.trim(),
            esc(&location(&new.doc, *n).path),
            right.trim()
        );
    }
    out
}

const CSS: &str = "body{font:15px/1.5 Georgia,serif;max-width:75em;margin:2em auto;padding:0 1em;color:#1a1a1a}\
h1,h2{font-family:Helvetica,Arial,sans-serif}table{border-collapse:collapse;width:100%;margin:1em 0}\
td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}td.side{width:50%}\
del{background:#fbd3d0;text-decoration:line-through}ins{background:#cdeccf;text-decoration:none}\
.regression{color:#b3261e;font-weight:bold}.path{color:#555;font-size:.85em;display:block}\
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}";

/// HTML, one self-contained file: the changes, then old and new side by side.
pub fn html(old: &Side, new: &Side, cmp: &Comparison) -> String {
    use super::report::html_escape as esc;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>treatylint comparison</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>treatylint comparison</h1>\n"
    );
    let (paired, total, regressions) = summary_counts(cmp);
    let _ = writeln!(
        out,
        "<p>{} → {}: {paired} articles aligned, {total} changes, <span class=\"regression\">{regressions} weakening safeguards</span>.</p>",
        esc(&old.name),
        esc(&new.name)
    );
    out.push_str(
        "<table class=\"changes\"><tr><th>change</th><th>old</th><th>new</th><th>what</th></tr>\n",
    );
    for c in cmp
        .changes
        .iter()
        .filter(|c| c.kind != crate::diff::ChangeKind::TextChanged)
    {
        let class = if c.kind.is_regression() {
            " class=\"regression\""
        } else {
            ""
        };
        let path = |side: &Side, at: Option<(NodeId, crate::span::TextRange)>| {
            at.map(|(n, _)| location(&side.doc, n).path)
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            out,
            "<tr><td{class}>{}</td><td>{}</td><td>{}</td><td>{}<span class=\"path\">{}</span></td></tr>",
            c.kind.name(),
            esc(&path(old, c.old)),
            esc(&path(new, c.new)),
            esc(&c.message),
            esc(&place_text(new, c.new).chars().take(200).collect::<String>())
        );
    }
    out.push_str("</table>\n<h2>Text, side by side</h2>\n<table class=\"sides\"><tr><th>old</th><th>new</th></tr>\n");
    for (o, n, words) in &cmp.words {
        let (mut left, mut right) = (String::new(), String::new());
        for w in words {
            match w {
                Word::Same(s) => {
                    left.push_str(&esc(s));
                    right.push_str(&esc(s));
                }
                Word::Deleted(s) => {
                    let _ = write!(left, "<del>{}</del>", esc(s));
                }
                Word::Inserted(s) => {
                    let _ = write!(right, "<ins>{}</ins>", esc(s));
                }
            }
        }
        let _ = writeln!(
            out,
            "<tr><td class=\"side\"><span class=\"path\">{}</span>{left}</td><td class=\"side\"><span class=\"path\">{}</span>{right}</td></tr>",
            esc(&location(&old.doc, *o).path),
            esc(&location(&new.doc, *n).path)
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

/// The comparison in the terminal through miette: each change shown on the new draft's
/// text (or the old one's, for what was deleted), regressions as warnings.
pub fn terminal(old: &Side, new: &Side, cmp: &Comparison, style: super::terminal::Style) -> String {
    use super::terminal::{Plain, render_plain};
    let items: Vec<Plain> = cmp
        .changes
        .iter()
        .filter(|c| c.kind != crate::diff::ChangeKind::TextChanged)
        .filter_map(|c| {
            let (side, (_, range)) = match (c.new, c.old) {
                (Some(n), _) => (new, n),
                (None, Some(o)) => (old, o),
                (None, None) => return None,
            };
            let severity = if c.kind.is_regression() {
                miette::Severity::Warning
            } else {
                miette::Severity::Advice
            };
            let help = c.old.filter(|_| c.new.is_some()).map(|(node, r)| {
                let s = old.doc.span(r);
                format!(
                    "was at {}:{}:{} ({})",
                    old.name,
                    s.line,
                    s.column,
                    location(&old.doc, node).path
                )
            });
            Some(Plain {
                message: c.message.clone(),
                code: c.kind.name().to_string(),
                severity,
                help,
                file: &side.name,
                text: &side.doc.source,
                labels: vec![(range, c.kind.name().to_string())],
            })
        })
        .collect();
    let mut out = render_plain(&items, style);
    let (paired, total, regressions) = summary_counts(cmp);
    let _ = writeln!(
        out,
        "{} → {}: {paired} articles aligned, {total} changes, {regressions} weakening safeguards",
        super::visible(&old.name),
        super::visible(&new.name)
    );
    out
}
