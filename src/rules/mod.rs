//! The rule catalogue: each rule in its own file, registered in [`registry`], with a stable
//! code, a name that reads as the pattern it flags, the catalogue safeguard it implements,
//! a category, a default severity, a status, and its documentation in its doc comment.
//!
//! Rules are stateless: they read the document tree and the semantic model and push
//! findings. They never rescan the source text.

mod context;
mod registry;
pub mod safeguards;
pub mod structure;
pub mod suppress;

pub use context::{Cx, Location, location};
pub use registry::{all, find};

use std::fmt;

use crate::model::Model;
use crate::span::TextRange;
use crate::syntax::{Document, NodeId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Stable,
    Preview,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Preview => "preview",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// The document's structure: numbering, references, brackets.
    Structure,
    /// Which offences and purposes the instrument covers.
    Scope,
    /// Mutual assistance, extradition, sharing between states.
    Cooperation,
    /// Personal data and its transfer.
    DataProtection,
    /// Human-rights anchoring, legality, authorisation, oversight, remedies.
    HumanRights,
    /// Surveillance and other intrusive powers.
    Powers,
    /// Transparency and review of the instrument itself.
    Accountability,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Scope => "scope",
            Category::Cooperation => "cooperation",
            Category::DataProtection => "data-protection",
            Category::HumanRights => "human-rights",
            Category::Powers => "powers",
            Category::Accountability => "accountability",
        }
    }
}

/// What a rule is, independent of any document.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code: "TL101".
    pub code: &'static str,
    /// The pattern it flags: "optional-dual-criminality".
    pub name: &'static str,
    /// The catalogue safeguard, exactly as the catalogue names it: "SG-DUALCRIM"; structural
    /// rules have none.
    pub safeguard: Option<&'static str>,
    pub category: Category,
    pub severity: Severity,
    pub status: Status,
    /// Instruments and articles the rule rests on.
    pub authorities: &'static [&'static str],
    /// The rule's documentation (its doc comment): what it flags, why it matters, the
    /// authority, an example, what to use instead, the fix.
    pub doc: &'static str,
}

/// A suggested edit: replace `range` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub range: TextRange,
    pub replacement: String,
    pub description: String,
}

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// The node the finding is about (a provision, article or chapter).
    pub node: NodeId,
    /// The exact words it turns on.
    pub range: TextRange,
    /// Suggested treaty language or an edit.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Other places that matter (the safeguards article that does not reach, ...).
    pub related: Vec<(TextRange, String)>,
    /// Set when a directive in the document or a baseline entry suppresses the finding.
    pub suppressed: Option<suppress::Suppression>,
}

impl Finding {
    /// Whether the finding counts (is not suppressed).
    pub fn active(&self) -> bool {
        self.suppressed.is_none()
    }
}

/// A rule: stateless, reads the tree and the model.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Cx, out: &mut Vec<Finding>);
}

/// Declares a rule: its metadata from the doc comment and fields, and a unit struct.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            safeguard: $sg:expr,
            category: $cat:ident,
            severity: $sev:ident,
            status: $status:ident,
            authorities: [$($auth:literal),* $(,)?],
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                safeguard: $sg,
                category: $crate::rules::Category::$cat,
                severity: $crate::rules::Severity::$sev,
                status: $crate::rules::Status::$status,
                authorities: &[$($auth),*],
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Which rules run, at which severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Codes, names or safeguards to run (empty: all stable rules).
    pub select: Vec<String>,
    /// Codes, names or safeguards not to run.
    pub ignore: Vec<String>,
    /// Severity overrides by code, name or safeguard.
    pub severity: Vec<(String, Severity)>,
    /// Run preview rules too.
    pub preview: bool,
}

fn matches(meta: &RuleMeta, key: &str) -> bool {
    meta.code.eq_ignore_ascii_case(key)
        || meta.name == key
        || meta.safeguard.is_some_and(|s| s.eq_ignore_ascii_case(key))
        || key.eq_ignore_ascii_case("all")
        || meta.category.name() == key
}

impl Selection {
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        let selected = if self.select.is_empty() {
            meta.status == Status::Stable || self.preview
        } else {
            self.select.iter().any(|k| matches(meta, k))
        };
        selected && !self.ignore.iter().any(|k| matches(meta, k))
    }

    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(k, _)| matches(meta, k))
            .map_or(meta.severity, |&(_, s)| s)
    }
}

/// Runs the selected rules over a document. Findings come sorted by position, then code.
pub fn check(doc: &Document, model: &Model, selection: &Selection) -> Vec<Finding> {
    let cx = Cx::new(doc, model);
    let mut out = Vec::new();
    for rule in all() {
        let meta = rule.meta();
        if !selection.enabled(meta) {
            continue;
        }
        let start = out.len();
        rule.check(&cx, &mut out);
        let severity = selection.severity_of(meta);
        for f in &mut out[start..] {
            if f.severity == meta.severity {
                f.severity = severity;
            }
        }
    }
    suppress::apply(&cx, selection, &mut out);
    out.sort_by(|a, b| {
        (a.range.start, a.rule.code, a.range.end).cmp(&(b.range.start, b.rule.code, b.range.end))
    });
    out.dedup_by(|a, b| a.rule.code == b.rule.code && a.range == b.range && a.message == b.message);
    out
}
