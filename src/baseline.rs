//! Baseline files: the findings a review has accepted, keyed by file, rule and the
//! provision's path ("Chapter V > Article 22 > paragraph 3"), never by line number, so that
//! re-wrapping or re-paginating a draft keeps the baseline valid.
//!
//! ```json
//! { "schema": "treatylint.baseline/1",
//!   "entries": [ { "file": "drafts/zero.txt", "rule": "TL106", "path": "Chapter I > Article 3 > paragraph 1", "count": 1, "reason": "accepted 2026-11-02" } ] }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::rules::suppress::{Suppression, SuppressionKind};
use crate::rules::{Finding, location};
use crate::syntax::Document;

pub const BASELINE_SCHEMA: &str = "treatylint.baseline/1";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub path: String,
    pub count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Baseline {
    /// A baseline accepting every active finding.
    pub fn from_findings<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a Document, &'a [Finding])>,
    ) -> Baseline {
        let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for (file, doc, findings) in files {
            for f in findings.iter().filter(|f| f.active()) {
                let key = (
                    file.to_string(),
                    f.rule.code.to_string(),
                    location(doc, f.node).path,
                );
                *counts.entry(key).or_default() += 1;
            }
        }
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            entries: counts
                .into_iter()
                .map(|((file, rule, path), count)| Entry {
                    file,
                    rule,
                    path,
                    count,
                    reason: None,
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a baseline; a file of another schema version is an error.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or("");
        if schema != BASELINE_SCHEMA {
            return Err(format!(
                "{}: baseline schema \"{schema}\" is not \"{BASELINE_SCHEMA}\"; write a new one with --write-baseline",
                path.display()
            ));
        }
        serde_json::from_value(value).map_err(|e| format!("{}: bad baseline: {e}", path.display()))
    }

    /// Marks the findings of one file that the baseline accepts. Returns how many of each
    /// entry's count went unused, for reporting.
    pub fn apply(
        &self,
        file: &str,
        doc: &Document,
        findings: &mut [Finding],
        remaining: &mut BTreeMap<usize, usize>,
    ) {
        for f in findings.iter_mut().filter(|f| f.active()) {
            let path = location(doc, f.node).path;
            let hit = self.entries.iter().enumerate().find(|(i, e)| {
                e.file == file
                    && e.rule == f.rule.code
                    && e.path == path
                    && remaining.get(i).copied().unwrap_or(e.count) > 0
            });
            if let Some((i, e)) = hit {
                let left = remaining.entry(i).or_insert(e.count);
                *left -= 1;
                f.suppressed = Some(Suppression {
                    kind: SuppressionKind::Baseline,
                    reason: e.reason.clone(),
                    directive: None,
                });
            }
        }
    }

    /// Entries (with how many of their count went unused) that matched less than they say.
    pub fn unused<'a>(
        &'a self,
        remaining: &'a BTreeMap<usize, usize>,
    ) -> impl Iterator<Item = (&'a Entry, usize)> + 'a {
        self.entries.iter().enumerate().filter_map(move |(i, e)| {
            let left = remaining.get(&i).copied().unwrap_or(e.count);
            (left > 0).then_some((e, left))
        })
    }
}
