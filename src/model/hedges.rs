//! Hedges: words that dilute an obligation (discretion), defer it to domestic law, or bind it
//! to a vague international standard.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use crate::pattern::Haystack;
use crate::span::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// "where appropriate", "when it deems appropriate", "if it considers"
    Discretion,
    /// "in accordance with its domestic law", "subject to", "to the extent permitted by"
    DomesticLaw,
    /// "applicable international law" without "human rights"
    VagueInternational,
}

impl HedgeKind {
    pub fn name(self) -> &'static str {
        match self {
            HedgeKind::Discretion => "discretion",
            HedgeKind::DomesticLaw => "domestic-law",
            HedgeKind::VagueInternational => "vague-international",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Hedge {
    pub kind: HedgeKind,
    /// The words that carry the hedge.
    pub range: TextRange,
}

static DISCRETION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:where\s+(?:appropriate|necessary|possible|practicable)|as\s+appropriate|when(?:ever)?\s+(?:it|they)\s+deems?\s+(?:it\s+)?appropriate|(?:if|where|when)\s+(?:it|they)\s+considers?\b|in\s+appropriate\s+cases|as\s+(?:it\s+|they\s+)?deems?\s+(?:necessary|appropriate|fit)|to\s+the\s+extent\s+(?:that\s+)?it\s+decides\s+at\s+its\s+discretion|at\s+(?:its|their)\s+discretion|to\s+the\s+extent\s+(?:possible|practicable|feasible)|as\s+far\s+as\s+possible|if\s+(?:it\s+is\s+)?(?:deemed\s+)?appropriate)",
    )
});

static DOMESTIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?ix)
        \b(?:subject\s+to|in\s+accordance\s+with|pursuant\s+to|consistent\s+with|within\s+the\s+limits\s+of|in\s+conformity\s+with)
          \s+(?:and\s+pursuant\s+to\s+)?(?:the\s+)?(?:its|their|his|her|the\s+requested\s+(?:State\s+)?Party's|each\s+State\s+Party's)?\s*
          (?:own\s+|respective\s+)?(?:domestic|national|internal)\s+(?:law|laws|legislation|legal\s+(?:system|framework|and\s+administrative\s+systems?))
      | \bwithout\s+prejudice\s+to\s+(?:its\s+|their\s+)?(?:domestic|national)\s+law
      | \bprovided\s+for\s+(?:under|by|in)\s+(?:its|their)\s+(?:domestic|national)\s+law
      | \b(?:subject\s+to|in\s+accordance\s+with|governed\s+by)\s+(?:the\s+conditions\s+provided\s+for\s+by\s+)?the\s+law\s+of\s+the\s+requested\s+(?:State\s+)?Party
      | \bin\s+accordance\s+with\s+and\s+pursuant\s+to\s+the\s+domestic\s+law
      | \bto\s+the\s+extent\s+(?:permitted|allowed|authori[sz]ed)\s+(?:by|under)\b[^.;]{0,80}?\b(?:domestic|national|its|their)\s+laws?
      | \bif\s+permitted\s+by\s+(?:the|its|their)\s+domestic\s+law
      | \b(?:in\s+accordance\s+with|consistent\s+with|subject\s+to)\s+(?:the\s+)?(?:its|their)\s+(?:legal\s+system|fundamental\s+principles|constitutional\s+principles)
      | \bconsistent\s+with\s+the\s+fundamental\s+principles\s+of\s+(?:its|their)\s+(?:domestic\s+)?legal\s+systems?
        ",
    )
});

static VAGUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:applicable\s+international\s+law|obligations\s+under\s+international\s+law|relevant\s+international\s+instruments|international\s+law\s+applicable)\b",
    )
});

static HUMAN_RIGHTS: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(r"(?i)human\s+rights"));

/// Hedges in a provision's normalised text: (kind, range in the text).
pub(super) fn find(hay: Haystack<'_>) -> Vec<(HedgeKind, Range<usize>)> {
    let text = hay.text();
    let mut out = Vec::new();
    for m in DISCRETION.find_iter(hay) {
        out.push((HedgeKind::Discretion, m.range()));
    }
    for m in DOMESTIC.find_iter(hay) {
        out.push((HedgeKind::DomesticLaw, m.range()));
    }
    for m in VAGUE.find_iter(hay) {
        // Not vague when "human rights" stands close by: "... international law, including
        // international human rights law".
        let before = text[..m.start()]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        let after = text[m.end()..]
            .char_indices()
            .nth(60)
            .map_or(text.len(), |(i, _)| m.end() + i);
        if HUMAN_RIGHTS.is_match(hay.slice(before..after)) {
            continue;
        }
        out.push((HedgeKind::VagueInternational, m.range()));
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}
