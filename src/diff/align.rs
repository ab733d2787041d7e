//! Alignment of articles and provisions between two drafts: by number and caption where they
//! are stable, by the similarity of their words otherwise. Candidate pairs come from an
//! inverted index of words, so that only articles sharing words are ever compared.

use std::collections::HashMap;

use super::Side;
use crate::syntax::{Document, NodeId, NodeKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairKind {
    /// Same number and similar text.
    Number,
    /// Same caption.
    Caption,
    /// Similar text only (renumbered, moved, or another instrument).
    Similarity,
    /// Only in one draft.
    Unpaired,
}

impl PairKind {
    pub fn name(self) -> &'static str {
        match self {
            PairKind::Number => "number",
            PairKind::Caption => "caption",
            PairKind::Similarity => "similarity",
            PairKind::Unpaired => "unpaired",
        }
    }
}

/// Two aligned nodes (either may be missing).
#[derive(Clone, Debug)]
pub struct Pair {
    pub old: Option<NodeId>,
    pub new: Option<NodeId>,
    pub kind: PairKind,
    pub similarity: f32,
    /// The drafts are different instruments (numbers and chapters do not correspond).
    pub cross_instrument: bool,
}

impl Pair {
    /// An item of the old draft with no counterpart in the new one.
    fn deleted(node: NodeId) -> Pair {
        Pair {
            old: Some(node),
            new: None,
            kind: PairKind::Unpaired,
            similarity: 0.0,
            cross_instrument: false,
        }
    }

    /// An item of the new draft with no counterpart in the old one.
    fn inserted(node: NodeId) -> Pair {
        Pair {
            old: None,
            new: Some(node),
            kind: PairKind::Unpaired,
            similarity: 0.0,
            cross_instrument: false,
        }
    }
}

/// Lower-case words of three letters or more.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text of a node and all its provisions below it.
fn text_under(side: &Side, node: NodeId) -> String {
    let range = side.doc.node(node).range();
    let mut s = side.doc.heading(node).unwrap_or("").to_string();
    for p in &side.model.provisions {
        if range.contains(side.doc.node(p.node).range()) {
            s.push(' ');
            s.push_str(&p.text.text);
        }
    }
    s
}

struct Item {
    node: NodeId,
    tokens: Vec<String>,
    number: String,
    caption: String,
}

/// Greedy alignment of two lists of items by similarity with number and caption bonuses.
/// How two items' shared words are scored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// Shared weight over the union (two versions of one text).
    Jaccard,
    /// Shared weight over the smaller side (a long article against a short paragraph).
    Containment,
}

fn align(old: &[Item], new: &[Item], by_number: bool, idf: bool, measure: Measure) -> Vec<Pair> {
    // Inverse document frequency over both sides.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for it in old.iter().chain(new) {
        for t in &it.tokens {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let n = (old.len() + new.len()).max(1) as f32;
    // Within one article's provisions, word rarity means little: every word counts the same.
    let weight = |t: &str| {
        if idf {
            (n / *df.get(t).unwrap_or(&1) as f32).ln() + 0.1
        } else {
            1.0
        }
    };
    let total = |it: &Item| it.tokens.iter().map(|t| weight(t)).sum::<f32>();
    let old_total: Vec<f32> = old.iter().map(total).collect();
    let new_total: Vec<f32> = new.iter().map(total).collect();
    // Inverted index of the old side; very common words carry no signal and are skipped.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in old.iter().enumerate() {
        for t in &it.tokens {
            index.entry(t.as_str()).or_default().push(i);
        }
    }
    let common = (old.len() / 2).max(8);
    let mut scores: Vec<(f32, usize, usize, f32)> = Vec::new();
    for (j, it) in new.iter().enumerate() {
        let mut shared: HashMap<usize, f32> = HashMap::new();
        for t in &it.tokens {
            if let Some(list) = index.get(t.as_str()) {
                if list.len() > common {
                    continue;
                }
                for &i in list {
                    *shared.entry(i).or_default() += weight(t);
                }
            }
        }
        // Same number or caption: candidates even without shared rare words.
        for (i, o) in old.iter().enumerate() {
            if (by_number && !o.number.is_empty() && o.number == it.number)
                || (!o.caption.is_empty() && o.caption == it.caption)
            {
                shared.entry(i).or_insert(0.0);
            }
        }
        // One provision on each side: they correspond.
        if old.len() == 1 && new.len() == 1 {
            shared.entry(0).or_insert(0.0);
        }
        for (i, s) in shared {
            let denominator = match measure {
                Measure::Jaccard => old_total[i] + new_total[j] - s,
                Measure::Containment => old_total[i].min(new_total[j]),
            };
            let sim = if denominator > 0.0 {
                s / denominator
            } else {
                0.0
            };
            let mut score = sim;
            if by_number && !old[i].number.is_empty() && old[i].number == it.number {
                score += 0.25;
            }
            if !old[i].caption.is_empty() && old[i].caption == it.caption {
                score += 0.4;
            }
            if old.len() == 1 && new.len() == 1 {
                score += 0.3;
            }
            scores.push((score, i, j, sim));
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_used = vec![None; old.len()];
    let mut new_used = vec![None; new.len()];
    for (score, i, j, sim) in scores {
        if score < 0.3 || old_used[i].is_some() || new_used[j].is_some() {
            continue;
        }
        let kind = if !old[i].caption.is_empty() && old[i].caption == new[j].caption {
            PairKind::Caption
        } else if by_number && old[i].number == new[j].number {
            PairKind::Number
        } else {
            PairKind::Similarity
        };
        old_used[i] = Some((j, kind, sim));
        new_used[j] = Some(i);
    }
    // In the new draft's order, with deleted items where they stood in the old one.
    let mut out = Vec::new();
    let mut next_old = 0;
    for (j, it) in new.iter().enumerate() {
        if let Some(i) = new_used[j] {
            while next_old < i {
                if old_used[next_old].is_none() {
                    out.push(Pair::deleted(old[next_old].node));
                }
                next_old += 1;
            }
            next_old = next_old.max(i + 1);
            let (_, kind, sim) = old_used[i].expect("paired");
            out.push(Pair {
                old: Some(old[i].node),
                new: Some(it.node),
                kind,
                similarity: sim,
                cross_instrument: false,
            });
        } else {
            out.push(Pair::inserted(it.node));
        }
    }
    // Deleted items after the last match. (Every unpaired item before `next_old` was
    // placed by the walk above: it only moves forward, one index at a time, or past a
    // paired item.)
    for (i, o) in old.iter().enumerate().skip(next_old) {
        if old_used[i].is_none() {
            out.push(Pair::deleted(o.node));
        }
    }
    out
}

fn title_words(doc: &Document) -> Vec<String> {
    doc.of_kind(NodeKind::Instrument)
        .next()
        .and_then(|i| doc.heading(i))
        .map(tokens)
        .unwrap_or_default()
}

/// Aligns the articles of two drafts.
pub fn articles(old: &Side, new: &Side) -> Vec<Pair> {
    let items = |side: &Side| -> Vec<Item> {
        side.doc
            .of_kind(NodeKind::Article)
            .map(|a| Item {
                node: a,
                tokens: tokens(&text_under(side, a)),
                number: side.doc.number(a).map(norm).unwrap_or_default(),
                caption: side.doc.heading(a).map(norm).unwrap_or_default(),
            })
            .collect()
    };
    // Two versions of one draft share most of their title; two instruments do not, and then
    // their numbers say nothing.
    let (ot, nt) = (title_words(&old.doc), title_words(&new.doc));
    let shared = ot.iter().filter(|w| nt.contains(w)).count();
    let same_instrument = ot.is_empty() || nt.is_empty() || shared * 2 >= ot.len().min(nt.len());
    let mut pairs = align(
        &items(old),
        &items(new),
        same_instrument,
        true,
        Measure::Jaccard,
    );
    for p in &mut pairs {
        p.cross_instrument = !same_instrument;
    }
    pairs
}

/// Aligns the provisions (paragraphs, subparagraphs, items, text) of two aligned articles.
pub fn provisions(old: &Side, new: &Side, o: NodeId, n: NodeId) -> Vec<Pair> {
    let items = |side: &Side, art: NodeId| -> Vec<Item> {
        let range = side.doc.node(art).range();
        side.model
            .provisions
            .iter()
            .filter(|p| range.contains(side.doc.node(p.node).range()))
            .map(|p| {
                // The label path below the article: "2", "2(a)".
                let mut labels: Vec<String> = std::iter::once(p.node)
                    .chain(side.doc.ancestors(p.node))
                    .take_while(|&x| x != art)
                    .filter_map(|x| side.doc.number(x).map(str::to_string))
                    .collect();
                labels.reverse();
                Item {
                    node: p.node,
                    tokens: tokens(&p.text.text),
                    number: labels.join("/"),
                    caption: String::new(),
                }
            })
            .collect()
    };
    align(
        &items(old, o),
        &items(new, n),
        true,
        false,
        Measure::Jaccard,
    )
}

/// Aligns arbitrary nodes of two documents (for example the articles of one convention with
/// the paragraphs of one article of another) by the similarity of their words alone.
pub fn nodes(old: &Side, old_nodes: &[NodeId], new: &Side, new_nodes: &[NodeId]) -> Vec<Pair> {
    let items = |side: &Side, nodes: &[NodeId]| -> Vec<Item> {
        nodes
            .iter()
            .map(|&n| Item {
                node: n,
                tokens: tokens(&text_under(side, n)),
                number: String::new(),
                caption: String::new(),
            })
            .collect()
    };
    let mut pairs = align(
        &items(old, old_nodes),
        &items(new, new_nodes),
        false,
        true,
        Measure::Containment,
    );
    for p in &mut pairs {
        p.cross_instrument = true;
    }
    pairs
}
