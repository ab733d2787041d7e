//! Deontic force: who must do what, and how strongly.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use super::{Clause, ClauseId, Model, ProvisionId};
use crate::pattern::Haystack;
use crate::span::TextRange;
use crate::syntax::{Document, NodeKind};

/// The force of a clause's main modal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Force {
    /// "shall", "must", "is required to", "undertakes to"
    Shall,
    /// "shall not", "must not"
    ShallNot,
    /// "may not" (a prohibition in treaty English: "may not be invoked")
    MayNot,
    /// "may", "is entitled to"
    May,
    /// "should"
    Should,
    /// "shall endeavour to", "shall seek to", "shall strive to"
    Endeavour,
    /// "shall consider", "shall give consideration"
    Consider,
    /// "is encouraged to", "are invited to"
    Encouraged,
    /// "shall not be required to": a permission, not a prohibition
    NotRequired,
    /// "Nothing in this Convention shall be interpreted as imposing an obligation": leaves
    /// the matter to the party (a permission to refuse, not a duty to refuse)
    NonObligation,
    /// "Nothing in this article shall prevent ...": a saving clause
    Saving,
    /// "shall be deemed fulfilled": a deeming clause
    Deeming,
}

impl Force {
    pub fn name(self) -> &'static str {
        match self {
            Force::Shall => "shall",
            Force::ShallNot => "shall-not",
            Force::MayNot => "may-not",
            Force::May => "may",
            Force::Should => "should",
            Force::Endeavour => "endeavour",
            Force::Consider => "consider",
            Force::Encouraged => "encouraged",
            Force::NotRequired => "not-required",
            Force::NonObligation => "non-obligation",
            Force::Saving => "saving",
            Force::Deeming => "deeming",
        }
    }

    /// A binding duty or prohibition.
    pub fn is_mandatory(self) -> bool {
        matches!(self, Force::Shall | Force::ShallNot | Force::MayNot)
    }

    /// Optional, hortatory or best-efforts language.
    pub fn is_weak(self) -> bool {
        matches!(
            self,
            Force::May
                | Force::Should
                | Force::Endeavour
                | Force::Consider
                | Force::Encouraged
                | Force::NotRequired
                | Force::NonObligation
        )
    }

    /// Strength on a scale for comparing drafts: 3 binding, 2 deeming/saving, 1 weak, 0 none.
    pub fn strength(self) -> u8 {
        if self.is_mandatory() {
            3
        } else if matches!(self, Force::Deeming | Force::Saving) {
            2
        } else {
            1
        }
    }
}

/// Who a clause addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    StateParty,
    RequestedParty,
    RequestingParty,
    ServiceProvider,
    Authority,
    Body,
    Person,
    Pronoun,
    /// The subject of a passive clause ("Mutual legal assistance may be refused").
    Other,
}

impl ActorKind {
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::StateParty => "state-party",
            ActorKind::RequestedParty => "requested-party",
            ActorKind::RequestingParty => "requesting-party",
            ActorKind::ServiceProvider => "service-provider",
            ActorKind::Authority => "authority",
            ActorKind::Body => "body",
            ActorKind::Person => "person",
            ActorKind::Pronoun => "pronoun",
            ActorKind::Other => "other",
        }
    }
}

/// The main obligation of a clause.
#[derive(Clone, Debug)]
pub struct Obligation {
    pub force: Force,
    /// The modal words ("shall not", "may, where appropriate," excluded): source range.
    pub modal: TextRange,
    pub actor: Option<TextRange>,
    pub actor_kind: ActorKind,
    /// From after the modal to the end of the clause: source range.
    pub action: TextRange,
    /// The main verb, lower case: "adopt", "provide", "be refused", "refuse".
    pub verb: String,
    /// The force is negative: "shall not", "may not".
    pub negated: bool,
    /// "be" + participle: the actor is what is acted on.
    pub passive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConditionKind {
    Unless,
    Except,
    ProvidedThat,
    If,
    Where,
    When,
}

impl ConditionKind {
    pub fn name(self) -> &'static str {
        match self {
            ConditionKind::Unless => "unless",
            ConditionKind::Except => "except",
            ConditionKind::ProvidedThat => "provided-that",
            ConditionKind::If => "if",
            ConditionKind::Where => "where",
            ConditionKind::When => "when",
        }
    }
}

/// A condition or exception marker in a clause.
#[derive(Clone, Debug)]
pub struct Condition {
    pub kind: ConditionKind,
    pub range: TextRange,
}

/// The modals, strongest reading first: at one position the first alternative that matches
/// wins, as in an alternation.
const MODALS: &[(Force, &str)] = &[
    (
        Force::NonObligation,
        r"(?i)\bnothing\s+in\s+this\s+(?:convention|protocol|agreement|article|chapter|treaty|covenant)\s+shall\s+be\s+(?:interpreted|construed|deemed)\s+as\s+(?:imposing|creating|establishing)\s+an?\s+(?:obligation|duty)",
    ),
    (
        Force::Saving,
        r"(?i)\bnothing\s+in\s+this\s+(?:convention|protocol|agreement|article|chapter|section|paragraph|treaty)\s+shall\s+(?:be\s+(?:interpreted|construed|deemed)|prevent|affect|prejudice|preclude|limit|restrict|derogate|entitle)",
    ),
    (
        Force::Deeming,
        r"(?i)\bshall\s+be\s+deemed\s+(?:to\s+(?:be|have\s+been)\s+)?(?:fulfilled|satisfied|met)",
    ),
    (
        Force::NotRequired,
        r"(?i)\b(?:shall|is|are)\s+not\s+(?:be\s+)?(?:required|obliged|obligated|bound)\s+to\b",
    ),
    (
        Force::Endeavour,
        r"(?i)\bshall\s+(?:endeavou?r|seek|strive|make\s+(?:every\s+)?efforts?|use\s+(?:its|their)\s+best\s+efforts)\b",
    ),
    (
        Force::Consider,
        r"(?i)\bshall\s+(?:consider|give\s+(?:due\s+)?consideration)\b",
    ),
    (
        Force::Encouraged,
        r"(?i)\b(?:is|are)\s+(?:encouraged|invited|urged)\s+to\b",
    ),
    (
        Force::ShallNot,
        r"(?i)\b(?:shall|must)\s+not\b|\bshall\s+(?:in\s+no\s+case|never)\b",
    ),
    (Force::MayNot, r"(?i)\bmay\s+not\b|\bcannot\b"),
    (Force::Should, r"(?i)\bshould\b"),
    (
        Force::Shall,
        r"(?i)\bshall\b|\bmust\b|\b(?:is|are)\s+(?:required|obliged|bound)\s+to\b|\bundertakes?\s+to\b",
    ),
    (
        Force::May,
        r"(?i)\bmay\b|\b(?:is|are)\s+(?:entitled|permitted|authori[sz]ed|free)\s+to\b|\b(?:has|have)\s+the\s+right\s+to\b",
    ),
];

static MODAL: LazyLock<Pattern> = LazyLock::new(|| {
    let patterns: Vec<&str> = MODALS.iter().map(|(_, p)| *p).collect();
    match Pattern::alternatives(&patterns) {
        Ok(p) => p,
        Err(e) => panic!("the modal patterns do not compile: {e}"),
    }
});

static CONDITION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(unless|except|save\s+(?:as|where|that)|provided\s+that|if|where(?:ver)?|when(?:ever)?|in\s+the\s+event\s+that)\b",
    )
});

/// A modal found in a clause.
#[derive(Clone, Debug)]
struct ModalHit {
    force: Force,
    range: Range<usize>,
    subordinate: bool,
}

fn modal_hits(hay: Haystack<'_>) -> Vec<ModalHit> {
    let text = hay.text();
    let mut hits = Vec::new();
    for m in MODAL.find_iter(hay) {
        let force = MODALS[m.which()].0;
        // "may not only ... but also": a permission, not a prohibition.
        let force = if force == Force::MayNot && text[m.end()..].trim_start().starts_with("only") {
            Force::May
        } else {
            force
        };
        // "“Service provider” shall mean": a definition, not an obligation.
        let next_word = text[m.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let defines = matches!(next_word.as_str(), "mean" | "means")
            || text[m.end()..].trim_start().starts_with("have the meaning");
        if defines && force == Force::Shall {
            continue;
        }
        let before = text[..m.start()].trim_end();
        // "May" the month: "20 May 2024".
        if force == Force::May
            && &text[m.range()] == "May"
            && before.ends_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let prev_word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // "as may be necessary", "which shall provide": not the clause's main modal.
        let subordinate = matches!(
            prev_word.as_str(),
            "as" | "which" | "that" | "who" | "whom" | "whose" | "whatever"
        ) && !matches!(force, Force::NonObligation | Force::Saving);
        hits.push(ModalHit {
            force,
            range: m.range(),
            subordinate,
        });
    }
    hits
}

/// Where a leading condition ends: the first comma after the opening word, skipping an
/// interjection set off right after it ("Where, in accordance with this chapter, the ...").
fn condition_end(text: &str) -> Option<usize> {
    if !opens_condition(text) {
        return None;
    }
    let first_word_end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let rest = &text[first_word_end..];
    let skip = match rest.strip_prefix(',') {
        // ", in accordance with this chapter," → past the second comma.
        Some(after) => after.find(',').map_or(1, |i| i + 2),
        None => 0,
    };

    text[first_word_end + skip..]
        .find(',')
        .map(|i| first_word_end + skip + i)
}

/// Words that open a leading condition: a modal inside it is not the main one.
fn opens_condition(text: &str) -> bool {
    let first = text
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        first.as_str(),
        "where" | "if" | "when" | "whenever" | "unless" | "in" | "to" | "provided" | "should"
    )
}

fn actor_kind(actor: Haystack<'_>) -> ActorKind {
    static KINDS: LazyLock<Vec<(Pattern, ActorKind)>> = LazyLock::new(|| {
        [
            (r"(?i)\brequested\s+(?:State|Party|Parties|Contracting)", ActorKind::RequestedParty),
            (r"(?i)\brequesting\s+(?:State|Party|Parties|Contracting)", ActorKind::RequestingParty),
            (r"(?i)\b(?:issuing|transferring|receiving|providing|transmitting)\s+(?:State|Party)", ActorKind::StateParty),
            (r"(?i)\bservice\s+providers?\b|\bproviders?\b|\bcustodian", ActorKind::ServiceProvider),
            (r"(?i)\bauthorit(?:y|ies)\b|\bpoint\s+of\s+contact\b|\bofficials?\b|\bprosecutors?\b|\bcourts?\b|\bjudges?\b", ActorKind::Authority),
            (r"(?i)\bConference\b|\bCommittee\b|\bSecretary-General\b|\bSecretariat\b|\bCommission\b|\bBoard\b|\bteam\b", ActorKind::Body),
            (r"(?i)\bStates?\b|\bPart(?:y|ies)\b|\bContracting\b|\bmember\s+States\b|\bGovernments?\b|\bsignator", ActorKind::StateParty),
            (r"(?i)\bpersons?\b|\bindividuals?\b|\busers?\b|\bsubscribers?\b|\bdata\s+subjects?\b|\bvictims?\b|\bwitness", ActorKind::Person),
            (r"(?i)^(?:it|they|he|she|he\s+or\s+she|she\s+or\s+he)$", ActorKind::Pronoun),
        ]
        .into_iter()
        .map(|(p, k)| (Pattern::fixed(p), k))
        .collect()
    });
    KINDS
        .iter()
        .find(|(re, _)| re.is_match(actor))
        .map_or(ActorKind::Other, |&(_, k)| k)
}

/// The subject before the modal: the last comma-separated segment, without conjunctions.
fn actor_range(text: &str, clause_start: usize, modal_start: usize) -> Option<Range<usize>> {
    let before = &text[clause_start..modal_start];
    let mut seg_start = clause_start;
    if let Some(i) = before.rfind(',') {
        let after = before[i + 1..].trim();
        if after.split_whitespace().count() >= 1 {
            seg_start = clause_start + i + 1;
        }
    }
    let mut seg = &text[seg_start..modal_start];
    let lead = seg.len() - seg.trim_start().len();
    seg_start += lead;
    seg = seg.trim();
    for conj in [
        "and ",
        "or ",
        "but ",
        "However ",
        "however ",
        "then ",
        "Furthermore ",
        "Moreover ",
    ] {
        if let Some(rest) = seg.strip_prefix(conj) {
            seg_start += conj.len();
            seg = rest;
        }
    }
    if seg.is_empty() {
        return None;
    }
    Some(seg_start..seg_start + seg.len())
}

/// The main verb after the modal, skipping adverbs and a comma-enclosed hedge.
fn main_verb(action: &str) -> (String, bool) {
    let mut rest = action.trim_start();
    if let Some(r) = rest.strip_prefix(',') {
        // ", where appropriate, provide" → skip to after the next comma.
        rest = r.split_once(',').map_or(r, |(_, after)| after).trim_start();
    }
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| {
            !matches!(
                w.as_str(),
                "not"
                    | "to"
                    | "also"
                    | "only"
                    | "further"
                    | "promptly"
                    | "expeditiously"
                    | "immediately"
                    | "at"
                    | "all"
                    | "times"
                    | "in"
                    | "no"
                    | "case"
                    | "never"
            )
        });
    let first = words.next().unwrap_or_default();
    if first == "be" {
        let participle = words.next().unwrap_or_default();
        (format!("be {participle}"), true)
    } else {
        (first, false)
    }
}

/// Finds the main obligation and the conditions of a clause.
pub(super) fn analyse(
    hay: Haystack<'_>,
    clause: Range<usize>,
) -> (Option<Obligation>, Vec<Condition>) {
    // Ranges in the text's own offsets; `sentences::relocate` maps them to the source.
    let map = |r: Range<usize>| TextRange::new(r.start, r.end);
    let text = hay.text();
    let body = &text[clause.clone()];
    let hits = modal_hits(hay.slice(clause.clone()));
    let main: Vec<&ModalHit> = hits.iter().filter(|h| !h.subordinate).collect();
    // A clause that opens with a condition ("Where X is permitted to Y, that condition shall
    // be deemed fulfilled"): a modal before the comma that closes the condition is not the
    // main one.
    let primary = match condition_end(body) {
        Some(close) if main.len() > 1 && main[0].range.start < close => main
            .iter()
            .find(|h| h.range.start > close)
            .copied()
            .or(main.first().copied()),
        _ => main.first().copied(),
    };
    let conditions = CONDITION
        .find_iter(hay.slice(clause.clone()))
        .map(|m| {
            let word = m.as_str().to_ascii_lowercase();
            let kind = if word.starts_with("unless") {
                ConditionKind::Unless
            } else if word.starts_with("except") || word.starts_with("save") {
                ConditionKind::Except
            } else if word.starts_with("provided") {
                ConditionKind::ProvidedThat
            } else if word == "if" || word.starts_with("in") {
                ConditionKind::If
            } else if word.starts_with("where") {
                ConditionKind::Where
            } else {
                ConditionKind::When
            };
            let abs = clause.start + m.start()..clause.start + m.end();
            Condition {
                kind,
                range: map(abs),
            }
        })
        .collect();
    let obligation = primary.map(|h| {
        let modal = clause.start + h.range.start..clause.start + h.range.end;
        let action = modal.end..clause.end;
        let (verb, passive) = match h.force {
            // The modal phrase is the verb: "shall be deemed fulfilled", "Nothing ... shall prevent".
            Force::Deeming | Force::NonObligation | Force::Saving => (String::new(), false),
            _ => main_verb(&text[action.clone()]),
        };
        // "shall, subject to their domestic law, endeavour to": best efforts after all.
        let force = match (h.force, verb.as_str()) {
            (Force::Shall, "endeavour" | "endeavor" | "seek" | "strive") => Force::Endeavour,
            (Force::Shall, "consider") => Force::Consider,
            (f, _) => f,
        };
        let actor = match h.force {
            Force::NonObligation | Force::Saving => None,
            _ => actor_range(text, clause.start, modal.start),
        };
        let actor_kind = actor
            .clone()
            .map_or(ActorKind::Other, |r| actor_kind(hay.slice(r)));
        Obligation {
            force,
            modal: map(modal),
            actor: actor.map(map),
            actor_kind,
            action: map(action),
            verb,
            negated: matches!(h.force, Force::ShallNot | Force::MayNot),
            passive,
        }
    });
    (obligation, conditions)
}

/// Subparagraphs and items without a modal of their own continue their parent's chapeau.
pub(super) fn inherit_chapeaus(doc: &Document, model: &mut Model) {
    for ci in 0..model.clauses.len() {
        let clause = &model.clauses[ci];
        if clause.obligation.is_some() {
            continue;
        }
        let node = model.provision(clause.provision).node;
        if !matches!(doc.node(node).kind, NodeKind::Subparagraph | NodeKind::Item) {
            continue;
        }
        // The nearest ancestor provision whose last clause has an obligation.
        let chapeau = doc
            .ancestors(node)
            .filter_map(|a| model.provision_of(a))
            .find_map(|p: ProvisionId| {
                model
                    .provision(p)
                    .clauses
                    .iter()
                    .rev()
                    .find(|&&c| model.clause(c).obligation.is_some())
                    .copied()
            });
        model.clauses[ci].inherits = chapeau;
    }
}

/// For tests and the semantic printer: the clause's obligation or its inherited one.
pub fn describe(clause: &Clause, model: &Model) -> Option<Force> {
    clause.obligation.as_ref().map(|o| o.force).or_else(|| {
        clause
            .inherits
            .map(|c: ClauseId| model.clause(c))
            .and_then(|c| c.obligation.as_ref().map(|o| o.force))
    })
}
