//! Sentence and clause segmentation of a provision's normalised text, and the per-clause
//! analysis (obligation, conditions, hedges).

use std::ops::Range;

use super::{Clause, Condition, Hedge, Obligation, Provision, ProvisionId, deontic, hedges};
use crate::pattern::Haystack;
use crate::span::TextRange;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "para", "paras", "no", "nos", "i.e", "e.g", "cf", "mr", "mrs", "ms", "dr", "st",
    "p", "pp", "vol", "doc", "rev", "corr", "add", "inc", "ltd", "co", "u.n", "u.s", "v", "ibid",
    "op", "cit", "seq", "sect", "subpara", "ch", "chap", "approx", "viz",
];

/// Sentence ranges of a text.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = i + 1;
        // The end of the text, or a space then a capital, a quote or an opening bracket.
        let ends = if next >= bytes.len() {
            true
        } else {
            bytes[next] == b' '
                && text[next + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_uppercase() || matches!(n, '“' | '"' | '(' | '[' | '‘'))
        };
        if !ends {
            continue;
        }
        if c == '.' {
            let word_start = text[..i]
                .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                .map_or(0, |p| p + 1);
            let word = text[word_start..i].to_lowercase();
            // "Art. 5", "i.e.", "No. 185", and initials ("J. Smith").
            if ABBREVIATIONS.contains(&word.as_str())
                || word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
            {
                continue;
            }
        }
        if next > start {
            out.push(start..next);
        }
        start = (next + 1).min(text.len());
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Clause ranges within a sentence: split at semicolons.
pub fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, c) in text[sentence.clone()].char_indices() {
        if c == ';' {
            let at = sentence.start + i;
            push_trimmed(text, &mut out, start..at + 1);
            start = at + 1;
        }
    }
    push_trimmed(text, &mut out, start..sentence.end);
    out
}

fn push_trimmed(text: &str, out: &mut Vec<Range<usize>>, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Segments a provision's text and analyses each clause. Every range of the result is in
/// the text's own (normalised) offsets, and the clauses belong to no provision yet: the
/// analysis depends on the text alone, and [`relocate`] places it in a document.
pub(super) fn clauses_of(hay: Haystack<'_>) -> Vec<Clause> {
    let text = hay.text();
    let found_hedges = hedges::find(hay);
    let mut out = Vec::new();
    let norm = |r: Range<usize>| TextRange::new(r.start, r.end);
    for (si, sentence) in sentences(text).into_iter().enumerate() {
        for clause in clauses(text, sentence) {
            let (obligation, conditions) = deontic::analyse(hay, clause.clone());
            let hedges = found_hedges
                .iter()
                .filter(|(_, r)| clause.start <= r.start && r.start < clause.end)
                .map(|(kind, r)| Hedge {
                    kind: *kind,
                    range: norm(r.clone()),
                })
                .collect();
            out.push(Clause {
                provision: ProvisionId(0),
                sentence: si as u32,
                range: norm(clause.clone()),
                norm: clause,
                obligation,
                inherits: None,
                hedges,
                conditions,
            });
        }
    }
    out
}

/// A clause of [`clauses_of`] placed in provision `pid`: its ranges mapped to the source.
pub(super) fn relocate(c: &Clause, pid: ProvisionId, p: &Provision) -> Clause {
    let map = |r: TextRange| p.text.source_range(r);
    Clause {
        provision: pid,
        sentence: c.sentence,
        range: map(c.range),
        norm: c.norm.clone(),
        obligation: c.obligation.as_ref().map(|o| Obligation {
            modal: map(o.modal),
            actor: o.actor.map(map),
            action: map(o.action),
            ..o.clone()
        }),
        inherits: None,
        hedges: c
            .hedges
            .iter()
            .map(|h| Hedge {
                kind: h.kind,
                range: map(h.range),
            })
            .collect(),
        conditions: c
            .conditions
            .iter()
            .map(|k| Condition {
                kind: k.kind,
                range: map(k.range),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_survive_legal_punctuation() {
        assert_eq!(
            split("See Art. 5 and para. 2, i.e. the rule. States Parties shall act. It ends."),
            [
                "See Art. 5 and para. 2, i.e. the rule.",
                "States Parties shall act.",
                "It ends."
            ]
        );
        assert_eq!(
            split(
                "Under ETS No. 185 the Parties may act. However, the requested Party may refuse."
            ),
            [
                "Under ETS No. 185 the Parties may act.",
                "However, the requested Party may refuse."
            ]
        );
        assert_eq!(
            split("Data in and/or from a system (e.g. logs)."),
            ["Data in and/or from a system (e.g. logs)."]
        );
    }

    #[test]
    fn clauses_split_enumerations() {
        let text = "(a) the offences; (b) other offences; and (c) the collection of evidence.";
        let s = sentences(text);
        let c: Vec<&str> = clauses(text, s[0].clone())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            c,
            [
                "(a) the offences;",
                "(b) other offences;",
                "and (c) the collection of evidence."
            ]
        );
    }
}
