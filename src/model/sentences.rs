//! Sentence and clause segmentation of a provision's normalised text, and the per-clause
//! analysis (obligation, conditions, hedges).

use std::ops::Range;

use super::{Clause, ClauseId, Hedge, Model, ProvisionId, deontic, hedges, source_range};

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

/// Segments one provision and analyses each clause.
pub(super) fn segment(model: &mut Model, pid: ProvisionId) {
    let p = model.provision(pid);
    let text = p.text.text.as_str();
    let found_hedges = hedges::find(p.hay());
    let mut new_clauses = Vec::new();
    for (si, sentence) in sentences(text).into_iter().enumerate() {
        for clause in clauses(text, sentence) {
            let map = |r: Range<usize>| source_range(p, r);
            let (obligation, conditions) = deontic::analyse(p.hay(), clause.clone(), &map);
            let hedges = found_hedges
                .iter()
                .filter(|(_, r)| clause.start <= r.start && r.start < clause.end)
                .map(|(kind, r)| Hedge {
                    kind: *kind,
                    range: map(r.clone()),
                })
                .collect();
            new_clauses.push(Clause {
                provision: pid,
                sentence: si as u32,
                range: map(clause.clone()),
                norm: clause,
                obligation,
                inherits: None,
                hedges,
                conditions,
            });
        }
    }
    for c in new_clauses {
        let id = ClauseId(model.clauses.len() as u32);
        model.clauses.push(c);
        model.provisions[pid.0 as usize].clauses.push(id);
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
