//! Comparing two drafts: which safeguards a new text dropped, weakened or restored.
//!
//! Articles are aligned by number and caption where they are stable, and by the similarity
//! of their words where articles were renumbered, moved, merged or split, or come from
//! another instrument. Within aligned articles, provisions are aligned the same way. For each
//! aligned provision the comparison reports changes of deontic strength, safeguard
//! qualifiers dropped or added, references to safeguard articles removed or added, findings
//! introduced or resolved, and the word-level change of the text.

mod align;

use crate::model::{Class, Force, Model};
use crate::rules::{self, Finding, Selection, location};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};
use std::collections::HashMap;

pub use align::{Pair, PairKind, nodes as align_nodes};

/// One side of a comparison: a parsed draft with its model and findings.
pub struct Side {
    pub name: String,
    pub doc: Document,
    pub model: Model,
    pub findings: Vec<Finding>,
}

impl Side {
    pub fn new(name: String, text: String, selection: &Selection) -> Side {
        let doc = crate::syntax::parse(text);
        let model = Model::build(&doc);
        let findings = rules::check(&doc, &model, selection);
        Side {
            name,
            doc,
            model,
            findings,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    ArticleDeleted,
    ArticleAdded,
    ArticleMoved,
    ArticleRenumbered,
    ProvisionDeleted,
    ProvisionAdded,
    Weakened,
    Strengthened,
    QualifierDropped,
    QualifierAdded,
    SafeguardReferenceRemoved,
    SafeguardReferenceAdded,
    ScopeWidened,
    ScopeNarrowed,
    FindingIntroduced,
    FindingResolved,
    TextChanged,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::ArticleDeleted => "article-deleted",
            ChangeKind::ArticleAdded => "article-added",
            ChangeKind::ArticleMoved => "article-moved",
            ChangeKind::ArticleRenumbered => "article-renumbered",
            ChangeKind::ProvisionDeleted => "provision-deleted",
            ChangeKind::ProvisionAdded => "provision-added",
            ChangeKind::Weakened => "weakened",
            ChangeKind::Strengthened => "strengthened",
            ChangeKind::QualifierDropped => "qualifier-dropped",
            ChangeKind::QualifierAdded => "qualifier-added",
            ChangeKind::SafeguardReferenceRemoved => "safeguard-reference-removed",
            ChangeKind::SafeguardReferenceAdded => "safeguard-reference-added",
            ChangeKind::ScopeWidened => "scope-widened",
            ChangeKind::ScopeNarrowed => "scope-narrowed",
            ChangeKind::FindingIntroduced => "finding-introduced",
            ChangeKind::FindingResolved => "finding-resolved",
            ChangeKind::TextChanged => "text-changed",
        }
    }

    /// Whether the change makes the text worse for human rights.
    pub fn is_regression(self) -> bool {
        matches!(
            self,
            ChangeKind::Weakened
                | ChangeKind::QualifierDropped
                | ChangeKind::SafeguardReferenceRemoved
                | ChangeKind::ScopeWidened
                | ChangeKind::FindingIntroduced
        )
    }
}

/// One change between the drafts.
#[derive(Clone, Debug)]
pub struct Change {
    pub kind: ChangeKind,
    pub message: String,
    /// Where in the old draft (node, words), if anywhere.
    pub old: Option<(NodeId, TextRange)>,
    /// Where in the new draft.
    pub new: Option<(NodeId, TextRange)>,
}

/// A word of a word-level diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Word {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// The comparison of two drafts.
pub struct Comparison {
    pub articles: Vec<Pair>,
    pub changes: Vec<Change>,
    /// Word-level diffs of aligned provisions whose text changed: (old node, new node, words).
    pub words: Vec<(NodeId, NodeId, Vec<Word>)>,
}

/// Safeguard qualifiers whose loss matters.
const QUALIFIERS: &[&str] = &[
    "specific",
    "international human rights law",
    "prior",
    "independent",
    "judicial",
    "necessary",
    "proportionate",
    "proportionality",
    "dual criminality",
];

fn count_phrase(text: &str, phrase: &str) -> usize {
    let lower = text.to_lowercase();
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find(phrase) {
        let at = from + i;
        let before = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = lower[at + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            n += 1;
        }
        from = at + phrase.len();
    }
    n
}

/// The primary force of a provision: its first clause with an obligation.
fn force_of(side: &Side, node: NodeId) -> Option<(Force, TextRange)> {
    let p = side.model.provision_of(node)?;
    side.model.provision(p).clauses.iter().find_map(|&c| {
        let clause = side.model.clause(c);
        clause.obligation.as_ref().map(|o| (o.force, o.modal))
    })
}

fn label(side: &Side, node: NodeId) -> String {
    let loc = location(&side.doc, node);
    if loc.path.is_empty() {
        side.doc.node(node).kind.name().to_string()
    } else {
        loc.path
    }
}

/// Articles referred to from a provision that are safeguard articles, as aligned keys.
fn safeguard_refs(side: &Side, node: NodeId) -> Vec<NodeId> {
    let range = side.doc.node(node).range();
    let mut out = Vec::new();
    for r in side
        .model
        .references
        .iter()
        .filter(|r| r.from == node || range.contains(r.range))
    {
        for &t in &r.targets {
            let art = side.doc.enclosing(t, NodeKind::Article).unwrap_or(t);
            let is_safeguard = [
                Class::ConditionsSafeguards,
                Class::DataProtection,
                Class::HumanRights,
            ]
            .iter()
            .any(|&c| side.model.has_class(art, c));
            if is_safeguard && !out.contains(&art) {
                out.push(art);
            }
        }
    }
    out
}

/// The word-level diff, with runs of the same kind joined ("{+ and any offence+}").
fn words(old: &str, new: &str) -> Vec<Word> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<Word> = Vec::new();
    for c in diff.iter_all_changes() {
        let v = c.value();
        match (c.tag(), out.last_mut()) {
            (similar::ChangeTag::Equal, Some(Word::Same(s)))
            | (similar::ChangeTag::Delete, Some(Word::Deleted(s)))
            | (similar::ChangeTag::Insert, Some(Word::Inserted(s))) => s.push_str(v),
            (similar::ChangeTag::Equal, _) => out.push(Word::Same(v.to_string())),
            (similar::ChangeTag::Delete, _) => out.push(Word::Deleted(v.to_string())),
            (similar::ChangeTag::Insert, _) => out.push(Word::Inserted(v.to_string())),
        }
    }
    out
}

/// Compares two drafts.
pub fn compare(old: &Side, new: &Side) -> Comparison {
    let articles = align::articles(old, new);
    let mut changes = Vec::new();
    let mut word_diffs = Vec::new();
    // Old article → new article, for mapping references.
    let mapping: HashMap<NodeId, NodeId> = articles
        .iter()
        .filter_map(|p| Some((p.old?, p.new?)))
        .collect();

    // Articles that changed chapter are reported as such; the order is judged without them.
    let regrouped: Vec<NodeId> = articles
        .iter()
        .filter_map(|p| {
            let (o, n) = (p.old?, p.new?);
            let (a, b) = (grouping_of(&old.doc, o), grouping_of(&new.doc, n));
            (a.is_some() && b.is_some() && a != b && !p.cross_instrument).then_some(o)
        })
        .collect();
    let kept: Vec<Pair> = articles
        .iter()
        .filter(|p| p.old.is_none_or(|o| !regrouped.contains(&o)))
        .cloned()
        .collect();
    let moved = out_of_order(old, &kept);
    for pair in &articles {
        if let (Some(o), Some(n)) = (pair.old, pair.new)
            && moved.contains(&o)
        {
            changes.push(Change {
                kind: ChangeKind::ArticleMoved,
                message: format!(
                    "{} moved: it now stands elsewhere in the order of articles",
                    label(new, n)
                ),
                old: Some((o, anchor(&old.doc, o))),
                new: Some((n, anchor(&new.doc, n))),
            });
        }
        match (pair.old, pair.new) {
            (Some(o), None) => changes.push(Change {
                kind: ChangeKind::ArticleDeleted,
                message: format!("{} was deleted", label(old, o)),
                old: Some((o, anchor(&old.doc, o))),
                new: None,
            }),
            (None, Some(n)) => changes.push(Change {
                kind: ChangeKind::ArticleAdded,
                message: format!("{} was added", label(new, n)),
                old: None,
                new: Some((n, anchor(&new.doc, n))),
            }),
            (Some(o), Some(n)) => {
                let (on, nn) = (
                    old.doc.number(o).unwrap_or(""),
                    new.doc.number(n).unwrap_or(""),
                );
                if !on.split_whitespace().eq(nn.split_whitespace()) {
                    changes.push(Change {
                        kind: ChangeKind::ArticleRenumbered,
                        message: format!("article {on} is now article {nn}"),
                        old: Some((o, anchor(&old.doc, o))),
                        new: Some((n, anchor(&new.doc, n))),
                    });
                }
                let (oc, nc) = (grouping_of(&old.doc, o), grouping_of(&new.doc, n));
                if oc.is_some() && nc.is_some() && oc != nc && !pair.cross_instrument {
                    changes.push(Change {
                        kind: ChangeKind::ArticleMoved,
                        message: format!(
                            "article {on} moved from {} to {}",
                            oc.unwrap_or_default(),
                            nc.unwrap_or_default()
                        ),
                        old: Some((o, anchor(&old.doc, o))),
                        new: Some((n, anchor(&new.doc, n))),
                    });
                }
                for pp in align::provisions(old, new, o, n) {
                    provision_changes(old, new, &pp, &mut changes, &mut word_diffs);
                }
                reference_changes(old, new, o, n, &mapping, &mut changes);
                finding_changes(old, new, o, n, &mut changes);
            }
            (None, None) => {}
        }
    }
    Comparison {
        articles,
        changes,
        words: word_diffs,
    }
}

/// Old articles whose place in the order changed: those outside the longest run of pairs
/// that keeps the old order (a swap of two articles moves one of them).
fn out_of_order(old: &Side, articles: &[Pair]) -> Vec<NodeId> {
    let index: HashMap<NodeId, usize> = old
        .doc
        .of_kind(NodeKind::Article)
        .enumerate()
        .map(|(i, a)| (a, i))
        .collect();
    let seq: Vec<(usize, NodeId)> = articles
        .iter()
        .filter_map(|p| Some((*index.get(&p.old?)?, p.old?)))
        .collect();
    // Longest increasing subsequence, O(n log n), with predecessors to recover it.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; seq.len()];
    for (k, &(v, _)) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t].0 < v);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        keep[k] = true;
        k = prev[k];
    }
    seq.iter()
        .zip(keep)
        .filter(|(_, kept)| !kept)
        .map(|(&(_, n), _)| n)
        .collect()
}

fn anchor(doc: &Document, node: NodeId) -> TextRange {
    let n = doc.node(node);
    n.heading.or(n.number).unwrap_or_else(|| n.range())
}

fn grouping_of(doc: &Document, node: NodeId) -> Option<String> {
    doc.ancestors(node)
        .find(|&a| doc.node(a).kind.is_grouping())
        .map(|g| {
            let n = doc.node(g);
            format!("{} {}", n.kind.name(), doc.number(g).unwrap_or(""))
        })
}

fn provision_changes(
    old: &Side,
    new: &Side,
    pair: &Pair,
    changes: &mut Vec<Change>,
    word_diffs: &mut Vec<(NodeId, NodeId, Vec<Word>)>,
) {
    let (o, n) = match (pair.old, pair.new) {
        (Some(o), None) => {
            changes.push(Change {
                kind: ChangeKind::ProvisionDeleted,
                message: format!("{} was deleted", label(old, o)),
                old: Some((o, old.doc.node(o).range())),
                new: None,
            });
            return;
        }
        (None, Some(n)) => {
            changes.push(Change {
                kind: ChangeKind::ProvisionAdded,
                message: format!("{} was added", label(new, n)),
                old: None,
                new: Some((n, new.doc.node(n).range())),
            });
            return;
        }
        (Some(o), Some(n)) => (o, n),
        (None, None) => return,
    };
    let (Some(op), Some(np)) = (old.model.provision_of(o), new.model.provision_of(n)) else {
        return;
    };
    let (ot, nt) = (
        &old.model.provision(op).text.text,
        &new.model.provision(np).text.text,
    );
    if ot == nt {
        return;
    }
    // Deontic strength.
    if let (Some((of, om)), Some((nf, nm))) = (force_of(old, o), force_of(new, n))
        && of != nf
    {
        let kind = if nf.strength() < of.strength() {
            Some(ChangeKind::Weakened)
        } else if nf.strength() > of.strength() {
            Some(ChangeKind::Strengthened)
        } else {
            None
        };
        if let Some(kind) = kind {
            changes.push(Change {
                kind,
                message: format!(
                    "{}: \"{}\" became \"{}\" ({} → {})",
                    label(new, n),
                    old.doc.slice(om),
                    new.doc.slice(nm),
                    of.name(),
                    nf.name()
                ),
                old: Some((o, om)),
                new: Some((n, nm)),
            });
        }
    }
    // Qualifiers.
    for q in QUALIFIERS {
        let (a, b) = (count_phrase(ot, q), count_phrase(nt, q));
        if a != b {
            let kind = if b < a {
                ChangeKind::QualifierDropped
            } else {
                ChangeKind::QualifierAdded
            };
            let verb = if b < a { "dropped" } else { "added" };
            changes.push(Change {
                kind,
                message: format!("{}: \"{q}\" {verb}", label(new, n)),
                old: Some((o, old.doc.node(o).range())),
                new: Some((n, new.doc.node(n).range())),
            });
        }
    }
    let w = words(ot, nt);
    changes.push(Change {
        kind: ChangeKind::TextChanged,
        message: format!("{}: the text changed", label(new, n)),
        old: Some((o, old.doc.node(o).range())),
        new: Some((n, new.doc.node(n).range())),
    });
    word_diffs.push((o, n, w));
}

/// References from an aligned article to the safeguard articles, removed or added.
fn reference_changes(
    old: &Side,
    new: &Side,
    o: NodeId,
    n: NodeId,
    mapping: &HashMap<NodeId, NodeId>,
    changes: &mut Vec<Change>,
) {
    let old_refs: Vec<NodeId> = safeguard_refs(old, o)
        .into_iter()
        .filter_map(|a| mapping.get(&a).copied())
        .collect();
    let new_refs = safeguard_refs(new, n);
    for &r in &old_refs {
        if !new_refs.contains(&r) {
            changes.push(Change {
                kind: ChangeKind::SafeguardReferenceRemoved,
                message: format!(
                    "{} no longer refers to {} ({})",
                    label(new, n),
                    label(new, r),
                    new.doc.heading(r).unwrap_or("")
                ),
                old: Some((o, anchor(&old.doc, o))),
                new: Some((n, anchor(&new.doc, n))),
            });
        }
    }
    for &r in &new_refs {
        if !old_refs.contains(&r) {
            changes.push(Change {
                kind: ChangeKind::SafeguardReferenceAdded,
                message: format!(
                    "{} now refers to {} ({})",
                    label(new, n),
                    label(new, r),
                    new.doc.heading(r).unwrap_or("")
                ),
                old: Some((o, anchor(&old.doc, o))),
                new: Some((n, anchor(&new.doc, n))),
            });
        }
    }
}

/// Findings introduced and resolved in an aligned article, by rule.
fn finding_changes(old: &Side, new: &Side, o: NodeId, n: NodeId, changes: &mut Vec<Change>) {
    fn within(side: &Side, art: NodeId) -> Vec<&Finding> {
        let range = side.doc.node(art).range();
        side.findings
            .iter()
            .filter(|f| f.active() && range.contains(f.range))
            .collect()
    }
    let (of, nf) = (within(old, o), within(new, n));
    let mut codes: Vec<&str> = of.iter().chain(nf.iter()).map(|f| f.rule.code).collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let a: Vec<&&Finding> = of.iter().filter(|f| f.rule.code == code).collect();
        let b: Vec<&&Finding> = nf.iter().filter(|f| f.rule.code == code).collect();
        if b.len() > a.len() {
            let f = b[a.len()];
            let scope = code == "TL106";
            changes.push(Change {
                kind: if scope {
                    ChangeKind::ScopeWidened
                } else {
                    ChangeKind::FindingIntroduced
                },
                message: format!("{} {}: {}", f.rule.code, f.rule.name, f.message),
                old: Some((o, anchor(&old.doc, o))),
                new: Some((f.node, f.range)),
            });
        } else if a.len() > b.len() {
            let f = a[b.len()];
            let scope = code == "TL106";
            changes.push(Change {
                kind: if scope {
                    ChangeKind::ScopeNarrowed
                } else {
                    ChangeKind::FindingResolved
                },
                message: format!("{} {} resolved: {}", f.rule.code, f.rule.name, f.message),
                old: Some((f.node, f.range)),
                new: Some((n, anchor(&new.doc, n))),
            });
        }
    }
}
