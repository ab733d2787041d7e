//! Defined terms ("“computer data” means ...", "(a) ``Service provider" shall mean ...") and
//! their uses elsewhere in the document.

use std::sync::LazyLock;

use crate::pattern::Pattern;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use std::sync::Arc;

use super::classify::TextFacts;
use super::{Model, source_range};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

#[derive(Clone, Debug)]
pub struct DefinedTerm {
    /// The term, lower case, white space folded: "computer data".
    pub term: String,
    /// The term's words in the definition.
    pub range: TextRange,
    /// The provision that defines it.
    pub definition: NodeId,
}

#[derive(Clone, Debug)]
pub struct TermUse {
    /// Index into `Model::terms`.
    pub term: usize,
    pub range: TextRange,
    /// The provision the use is in.
    pub node: NodeId,
}

/// A quoted term followed by a defining verb. Quotes: straight, curly, TeX (``term").
pub(super) static DEFINITION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r#"(?:“|"|``|‘|')(?P<term>[^“”"'`‘’]{1,80}?)(?:”|"|''|’|')\s*,?\s+(?:shall\s+)?(?:means?|mean\b|includes?|refers?\s+to|denotes?|shall\s+be\s+understood|shall\s+have\s+the\s+meaning|is\s+defined\s+as)\b"#,
    )
});

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A searcher for a list of defined terms, kept while the list stays the same.
#[derive(Debug, Default)]
pub(super) struct Searcher {
    built: Option<(Vec<String>, AhoCorasick)>,
}

impl Searcher {
    fn for_terms(&mut self, terms: &[DefinedTerm]) -> Option<&AhoCorasick> {
        let same = self.built.as_ref().is_some_and(|(words, _)| {
            words.len() == terms.len() && words.iter().zip(terms).all(|(w, t)| *w == t.term)
        });
        if !same {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(terms.iter().map(|t| t.term.as_str()))
                .ok()?;
            self.built = Some((terms.iter().map(|t| t.term.clone()).collect(), ac));
        }
        self.built.as_ref().map(|(_, ac)| ac)
    }
}

pub(super) fn collect(
    doc: &Document,
    model: &Model,
    facts: &[Arc<TextFacts>],
    searcher: Option<&mut Searcher>,
) -> (Vec<DefinedTerm>, Vec<TermUse>) {
    let mut terms: Vec<DefinedTerm> = Vec::new();
    for (p, f) in model.provisions.iter().zip(facts) {
        for m in &f.definitions {
            let term = fold(&p.text.text[m.clone()]);
            if term.is_empty() || terms.iter().any(|t| t.term == term) {
                continue;
            }
            terms.push(DefinedTerm {
                term,
                range: source_range(p, m.clone()),
                definition: p.node,
            });
        }
    }
    let mut uses = Vec::new();
    if terms.is_empty() {
        return (terms, uses);
    }
    let mut own = Searcher::default();
    let Some(ac) = searcher.unwrap_or(&mut own).for_terms(&terms) else {
        return (terms, uses);
    };
    for p in &model.provisions {
        let text = &p.text.text;
        for m in ac.find_iter(text) {
            let before_ok = text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let mut end = m.end();
            // Plurals: "service providers".
            if text[end..].starts_with('s') {
                end += 1;
            }
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                continue;
            }
            let range = source_range(p, m.start()..end);
            let t = m.pattern().as_usize();
            if terms[t].definition == p.node && terms[t].range.start == range.start {
                continue;
            }
            uses.push(TermUse {
                term: t,
                range,
                node: p.node,
            });
        }
    }
    let _ = doc.of_kind(NodeKind::Article);
    (terms, uses)
}
