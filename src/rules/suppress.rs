//! Suppressions a reviewer can audit. In a draft, an HTML comment on its own line:
//!
//! ```text
//! <!-- treatylint-disable-next-line TL101 -- accepted by the delegation, see minutes -->
//! <!-- treatylint-disable SG-GAG -- reviewed 2026-11-02 -->  ...  <!-- treatylint-enable SG-GAG -->
//! ```
//!
//! Rules are named by code, name or safeguard; none means every rule; the reason follows
//! ` -- `. Suppressed findings are kept, marked with their reason, so that JSON and SARIF
//! show them; a directive that suppresses nothing is itself reported (TL007).

use std::sync::LazyLock;

use regex::Regex;

use super::{Cx, Finding, RuleMeta, Selection, declare_rule};
use crate::span::TextRange;
use crate::syntax::{FieldKind, NodeId, NodeKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// A directive in the document.
    InSource,
    /// An entry of a baseline file.
    Baseline,
}

impl SuppressionKind {
    pub fn name(self) -> &'static str {
        match self {
            SuppressionKind::InSource => "in-source",
            SuppressionKind::Baseline => "baseline",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: Option<String>,
    /// The directive, for in-source suppressions.
    pub directive: Option<TextRange>,
}

declare_rule! {
    /// ## What it flags
    /// A suppression directive (`<!-- treatylint-disable-next-line ... -->`,
    /// `<!-- treatylint-disable ... -->`) that suppresses nothing: the finding it was written
    /// for has gone, or the rule it names never fired there.
    ///
    /// ## Why it matters
    /// Suppressions are a record of what reviewers accepted. One that no longer matches hides
    /// nothing today but would silently hide a new finding tomorrow; it should be removed.
    ///
    /// ## Authority
    /// Review practice: every accepted deviation is justified and still current.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Scope
    /// <!-- treatylint-disable-next-line TL106 -- accepted -->
    /// 1. This Convention shall apply to the offences established in accordance with articles 2 to 5.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Scope
    /// 1. This Convention shall apply to the offences established in accordance with articles 2 to 5.
    /// ```
    ///
    /// ## Fix
    /// Delete the directive.
    pub struct UnusedSuppression {
        code: "TL007",
        name: "unused-suppression",
        safeguard: None,
        category: Structure,
        severity: Warning,
        status: Stable,
        authorities: ["Review practice"],
    }
}

impl super::Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Reported by [`apply`], after the other rules have run.
    fn check(&self, _cx: &Cx, _out: &mut Vec<Finding>) {}
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^<!--\s*treatylint-(?P<verb>disable-next-line|disable|enable)\b(?P<body>.*?)-->\s*$",
    )
    .expect("static regex")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    NextLine,
    Disable,
    Enable,
}

struct Directive {
    verb: Verb,
    keys: Vec<String>,
    reason: Option<String>,
    range: TextRange,
    used: bool,
}

fn matches_key(meta: &RuleMeta, keys: &[String]) -> bool {
    keys.is_empty()
        || keys.iter().any(|k| {
            meta.code.eq_ignore_ascii_case(k)
                || meta.name == k
                || meta.safeguard.is_some_and(|s| s.eq_ignore_ascii_case(k))
        })
}

fn directives(cx: &Cx) -> Vec<Directive> {
    let mut out = Vec::new();
    for node in &cx.doc.nodes {
        if node.kind != NodeKind::Furniture {
            continue;
        }
        for f in node.fields.iter().filter(|f| f.kind == FieldKind::Comment) {
            let Some(c) = DIRECTIVE.captures(cx.doc.slice(f.range)) else {
                continue;
            };
            let verb = match &c["verb"] {
                "disable-next-line" => Verb::NextLine,
                "disable" => Verb::Disable,
                _ => Verb::Enable,
            };
            let body = c["body"].trim();
            let (keys, reason) = match body.split_once("--") {
                Some((k, r)) => (k, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
                None => (body, None),
            };
            let keys = keys
                .split(|ch: char| ch == ',' || ch.is_whitespace())
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect();
            out.push(Directive {
                verb,
                keys,
                reason,
                range: f.range,
                used: false,
            });
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

/// The byte range a directive covers.
fn covered(cx: &Cx, ds: &[Directive], i: usize) -> TextRange {
    let d = &ds[i];
    let src = &cx.doc.source;
    match d.verb {
        Verb::NextLine => {
            // The next line with content other than another directive or a blank.
            let lines = &cx.doc.lines;
            let mut l = lines.line_of(d.range.end) + 1;
            while l < lines.line_count() {
                let start = lines.line_start(l);
                let end = if l + 1 < lines.line_count() {
                    lines.line_start(l + 1)
                } else {
                    src.len()
                };
                let text = src.get(start..end).unwrap_or("").trim();
                if !text.is_empty() && !text.starts_with("<!--") {
                    return TextRange::new(start, end);
                }
                l += 1;
            }
            TextRange::new(d.range.end, d.range.end)
        }
        Verb::Disable => {
            let end = ds[i + 1..]
                .iter()
                .find(|e| {
                    e.verb == Verb::Enable
                        && (e.keys.is_empty() || e.keys.iter().any(|k| d.keys.contains(k)))
                })
                .map_or(src.len(), |e| e.range.start);
            TextRange::new(d.range.end, end)
        }
        Verb::Enable => TextRange::new(d.range.end, d.range.end),
    }
}

/// Marks the findings that directives suppress, and reports directives that suppress
/// nothing among the selected rules.
pub(super) fn apply(cx: &Cx, selection: &Selection, findings: &mut Vec<Finding>) {
    let mut ds = directives(cx);
    if ds.is_empty() {
        return;
    }
    let ranges: Vec<TextRange> = (0..ds.len()).map(|i| covered(cx, &ds, i)).collect();
    for f in findings.iter_mut() {
        for (i, d) in ds.iter_mut().enumerate() {
            if d.verb == Verb::Enable || !matches_key(f.rule, &d.keys) {
                continue;
            }
            let r = ranges[i];
            if r.start <= f.range.start && f.range.start < r.end.max(r.start + 1) {
                f.suppressed = Some(Suppression {
                    kind: SuppressionKind::InSource,
                    reason: d.reason.clone(),
                    directive: Some(d.range),
                });
                d.used = true;
                break;
            }
        }
    }
    if !selection.enabled(&UnusedSuppression::META) {
        return;
    }
    for d in ds.iter().filter(|d| d.verb != Verb::Enable && !d.used) {
        // Only directives about rules that ran can be judged unused.
        let ran = super::all()
            .iter()
            .map(|r| r.meta())
            .any(|m| selection.enabled(m) && matches_key(m, &d.keys));
        if !ran {
            continue;
        }
        let node: NodeId = cx.node_at(d.range.start);
        let what = if d.keys.is_empty() {
            "any rule".to_string()
        } else {
            d.keys.join(", ")
        };
        findings.push(cx.finding(
            &UnusedSuppression::META,
            node,
            d.range,
            format!("this suppression of {what} suppresses nothing"),
        ));
    }
}
