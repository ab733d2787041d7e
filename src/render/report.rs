//! Markdown and HTML reports for reviewers who forward findings to colleagues who never run
//! the tool. Per document: a summary (counts by severity, articles by safeguard), then each
//! finding with its path, the provision quoted with the flagged words highlighted, why it
//! matters, the authority and the suggested language.
//!
//! Everything that comes from a document or a rule's text is escaped: a draft containing
//! `<script>` shows it as text. The HTML is one self-contained file: no scripts, no fetches.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::check::FileReport;
use crate::rules::{Finding, Severity, location};
use crate::span::TextRange;
use crate::syntax::{Document, NodeKind};

/// The longest quote, in characters, on either side of the flagged words.
const CONTEXT: usize = 320;

/// A provision quoted around a finding: text before, the flagged words, text after.
struct Quote {
    before: String,
    words: String,
    after: String,
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Quotes the node's own heading and text (never page furniture or footnotes).
fn quote(doc: &Document, f: &Finding) -> Quote {
    let node = doc.node(f.node);
    let mut pieces: Vec<TextRange> = node
        .heading
        .into_iter()
        .chain(node.text.iter().copied())
        .collect();
    if node.kind == NodeKind::Article || node.kind.is_grouping() {
        pieces = node.heading.into_iter().collect();
    }
    pieces.sort();
    let (mut before, mut words, mut after) = (String::new(), String::new(), String::new());
    for p in &pieces {
        let s = p.start.max(f.range.start).min(p.end);
        let e = p.end.min(f.range.end).max(s);
        let b = doc.slice(TextRange::new(p.start, s));
        let w = doc.slice(TextRange::new(s, e));
        let a = doc.slice(TextRange::new(e, p.end));
        if p.end <= f.range.start {
            before.push_str(b);
            before.push(' ');
        } else if p.start >= f.range.end {
            after.push(' ');
            after.push_str(a);
        } else {
            before.push_str(b);
            words.push_str(w);
            words.push(' ');
            after.push_str(a);
        }
    }
    let mut words = fold(&words);
    if words.is_empty() {
        words = fold(doc.slice(f.range));
    }
    // Keep one space at the joints that had white space, outside the highlight.
    let mut before_folded = fold(&before);
    if before.ends_with(char::is_whitespace) && !before_folded.is_empty() {
        before_folded.push(' ');
    }
    let mut after_folded = fold(&after);
    if after.starts_with(char::is_whitespace) && !after_folded.is_empty() {
        after_folded.insert(0, ' ');
    }
    let (before, after) = (before_folded, after_folded);
    let tail = |s: &str| {
        let n = s.chars().count();
        if n > CONTEXT {
            format!("…{}", s.chars().skip(n - CONTEXT).collect::<String>())
        } else {
            s.to_string()
        }
    };
    let head = |s: &str| {
        if s.chars().count() > CONTEXT {
            format!("{}…", s.chars().take(CONTEXT).collect::<String>())
        } else {
            s.to_string()
        }
    };
    Quote {
        before: tail(&before),
        words,
        after: head(&after),
    }
}

/// The "Why it matters" section of a rule's documentation, as one paragraph.
fn why(doc: &str) -> String {
    let Some(rest) = doc.split_once("## Why it matters") else {
        return String::new();
    };
    let text = rest
        .1
        .split("\n ##")
        .next()
        .unwrap_or("")
        .split("## ")
        .next()
        .unwrap_or("");
    fold(text)
}

/// Active findings by severity, then the suppressed ones: [errors, warnings, info, suppressed].
pub fn counts(findings: &[Finding]) -> [usize; 4] {
    let n = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.active() && f.severity == s)
            .count()
    };
    let suppressed = findings.iter().filter(|f| !f.active()).count();
    [
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info),
        suppressed,
    ]
}

/// Articles by safeguard: (code, name, safeguard) → articles as printed.
fn by_safeguard<'a>(
    r: &FileReport<'a>,
) -> BTreeMap<(&'static str, &'static str, &'static str), Vec<String>> {
    let mut map: BTreeMap<(&str, &str, &str), Vec<String>> = BTreeMap::new();
    for f in r.findings.iter().filter(|f| f.active()) {
        let key = (f.rule.code, f.rule.name, f.rule.safeguard.unwrap_or("—"));
        let art = location(r.doc, f.node)
            .article
            .unwrap_or_else(|| "—".to_string());
        let list = map.entry(key).or_default();
        if !list.contains(&art) {
            list.push(art);
        }
    }
    map
}

/// Escapes text for Markdown, including HTML that a Markdown viewer would render; controls
/// and bidirectional overrides are shown, not kept (`super::visible`).
pub fn md_escape(s: &str) -> String {
    let s = super::visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '{' | '}' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values; controls and bidirectional
/// overrides are shown, not kept (`super::visible`).
pub fn html_escape(s: &str) -> String {
    let s = super::visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn title(doc: &Document) -> Option<String> {
    doc.of_kind(NodeKind::Instrument)
        .find_map(|i| doc.heading(i).map(fold))
}

pub fn markdown(reports: &[FileReport]) -> String {
    let mut out = String::from("# treatylint report\n\n");
    let _ = writeln!(
        out,
        "treatylint {}. Rules: `treatylint rules`; a rule's documentation: `treatylint rule CODE`.\n",
        env!("CARGO_PKG_VERSION")
    );
    for r in reports {
        let _ = writeln!(out, "## {}\n", md_escape(&r.file));
        if let Some(t) = title(r.doc) {
            let _ = writeln!(out, "*{}*\n", md_escape(&t));
        }
        let [e, w, i, sup] = counts(r.findings);
        let _ = writeln!(
            out,
            "| errors | warnings | info | suppressed |\n|---|---|---|---|\n| {e} | {w} | {i} | {sup} |\n"
        );
        let table = by_safeguard(r);
        if !table.is_empty() {
            out.push_str("| rule | safeguard | articles |\n|---|---|---|\n");
            for ((code, name, sg), arts) in &table {
                let _ = writeln!(
                    out,
                    "| {code} {name} | {sg} | {} |",
                    md_escape(&arts.join(", "))
                );
            }
            out.push('\n');
        }
        for f in r.findings.iter().filter(|f| f.active()) {
            let loc = location(r.doc, f.node);
            let q = quote(r.doc, f);
            let span = r.doc.span(f.range);
            let _ = writeln!(
                out,
                "### {} {} {} — {}\n",
                f.severity,
                f.rule.code,
                f.rule.name,
                md_escape(if loc.path.is_empty() {
                    "(document)"
                } else {
                    &loc.path
                })
            );
            let _ = writeln!(
                out,
                "{} (line {}, column {})\n",
                md_escape(&f.message),
                span.line,
                span.column
            );
            let _ = writeln!(
                out,
                "> {}**{}**{}\n",
                md_escape(&q.before),
                md_escape(&q.words),
                md_escape(&q.after)
            );
            let w = why(f.rule.doc);
            if !w.is_empty() {
                let _ = writeln!(out, "**Why it matters.** {}\n", md_escape(&w));
            }
            if let Some(sg) = f.rule.safeguard {
                let _ = writeln!(out, "**Safeguard.** {sg}\n");
            }
            let _ = writeln!(
                out,
                "**Authority.** {}\n",
                md_escape(&f.rule.authorities.join("; "))
            );
            if let Some(h) = &f.help {
                let _ = writeln!(out, "**Suggested language.** {}\n", md_escape(h));
            }
        }
    }
    out
}

const CSS: &str = "body{font:15px/1.5 Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1a1a1a}\
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h3{font-size:1.05em;margin-top:1.8em}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}\
blockquote{margin:.6em 0;padding:.4em .9em;border-left:4px solid #999;background:#f6f6f6}\
mark{background:#ffe27a;padding:0 .1em}.sev{font:bold .8em Helvetica,Arial,sans-serif;padding:.1em .4em;border-radius:3px;color:#fff}\
.error{background:#b3261e}.warning{background:#a15c00}.info{background:#2f5f8f}.meta{color:#555;font-size:.9em}\
@media print{body{margin:0;max-width:none}.finding{break-inside:avoid}}";

pub fn html(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>treatylint report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>treatylint report</h1>\n\
         <p class=\"meta\">treatylint {}. A rule's documentation: <code>treatylint rule CODE</code>.</p>\n",
        env!("CARGO_PKG_VERSION")
    );
    for r in reports {
        let _ = writeln!(
            out,
            "<section class=\"document\">\n<h2>{}</h2>",
            html_escape(&r.file)
        );
        if let Some(t) = title(r.doc) {
            let _ = writeln!(out, "<p><em>{}</em></p>", html_escape(&t));
        }
        let [e, w, i, sup] = counts(r.findings);
        let _ = writeln!(
            out,
            "<table class=\"summary\"><tr><th>errors</th><th>warnings</th><th>info</th><th>suppressed</th></tr><tr><td>{e}</td><td>{w}</td><td>{i}</td><td>{sup}</td></tr></table>"
        );
        let table = by_safeguard(r);
        if !table.is_empty() {
            out.push_str("<table class=\"safeguards\"><tr><th>rule</th><th>safeguard</th><th>articles</th></tr>\n");
            for ((code, name, sg), arts) in &table {
                let _ = writeln!(
                    out,
                    "<tr><td>{code} {name}</td><td>{sg}</td><td>{}</td></tr>",
                    html_escape(&arts.join(", "))
                );
            }
            out.push_str("</table>\n");
        }
        for f in r.findings.iter().filter(|f| f.active()) {
            let loc = location(r.doc, f.node);
            let q = quote(r.doc, f);
            let span = r.doc.span(f.range);
            let sev = f.severity.name();
            let _ = writeln!(
                out,
                "<div class=\"finding\">\n<h3><span class=\"sev {sev}\">{sev}</span> {} {} — {}</h3>",
                f.rule.code,
                f.rule.name,
                html_escape(if loc.path.is_empty() {
                    "(document)"
                } else {
                    &loc.path
                })
            );
            let _ = writeln!(
                out,
                "<p>{} <span class=\"meta\">(line {}, column {})</span></p>",
                html_escape(&f.message),
                span.line,
                span.column
            );
            let _ = writeln!(
                out,
                "<blockquote>{}<mark>{}</mark>{}</blockquote>",
                html_escape(&q.before),
                html_escape(&q.words),
                html_escape(&q.after)
            );
            let w = why(f.rule.doc);
            if !w.is_empty() {
                let _ = writeln!(
                    out,
                    "<p><strong>Why it matters.</strong> {}</p>",
                    html_escape(&w)
                );
            }
            if let Some(sg) = f.rule.safeguard {
                let _ = writeln!(out, "<p><strong>Safeguard.</strong> {sg}</p>");
            }
            let _ = writeln!(
                out,
                "<p><strong>Authority.</strong> {}</p>",
                html_escape(&f.rule.authorities.join("; "))
            );
            if let Some(h) = &f.help {
                let _ = writeln!(
                    out,
                    "<p><strong>Suggested language.</strong> {}</p>",
                    html_escape(h)
                );
            }
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
