//! The regular expressions of the model and the rules, with what makes them cheap to have so
//! many of.
//!
//! A [`Pattern`] is compiled on its first search, not when it is declared, and only when a
//! search gets past its *gate*: the literals that any match must contain ("dual", then
//! "criminality"; "refus" or "declin"...), read off the pattern's syntax when the pattern is
//! created. A provision's text carries a [`Grams`] sketch of the three-byte sequences it
//! holds, built once; a search given that sketch (through a [`Haystack`]) checks the gate
//! first, and a text that lacks a required literal is never searched. Most provisions hold
//! the words of very few of the model's and rules' patterns, so most searches end there, and
//! a short input never compiles the patterns it cannot match.
//!
//! The gate is only ever a necessary condition: a search it lets through runs the regex as
//! written, so results are exactly those of the regex. Soundness rests on three facts tested
//! below: sketches fold ASCII case (and the two non-ASCII letters that case-fold to ASCII
//! ones, U+017F and U+212A), literals are folded the same way, and a pattern's required
//! literals are taken only from parts that every match must pass through.
//!
//! Compiling is also made cheaper: the regex's own literal prefilters (the gate does their
//! work once per provision for all patterns) and its full DFA for small patterns are not
//! built, and a long bounded gap such as `[^.]{0,200}` counts bytes rather than characters
//! (the same on ASCII text; a UTF-8 automaton for every repetition was most of the cost of
//! compiling the patterns). `\b`, `\w` and `\d` are ASCII.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::util::captures::Captures as RawCaptures;
use regex_automata::{Input, meta};
use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// A bounded repetition at least this long over a class of (nearly) all characters is
/// compiled over bytes.
const LONG_GAP: u32 = 8;

/// A regular expression compiled on first use, with the literals any match must contain.
pub struct Pattern {
    /// The pattern as compiled (ASCII `\b`, `\w`, `\d`); several for a set of
    /// alternatives.
    sources: Vec<String>,
    /// Their syntax trees, read once for the gate and kept for compiling.
    asts: Vec<Ast>,
    gate: Gate,
    regex: OnceLock<meta::Regex>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("sources", &self.sources)
            .finish()
    }
}

/// An error in a pattern's syntax.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Pattern {
    /// Reads a pattern and its gate. Syntax errors are reported here; in debug builds (the
    /// tests) the pattern is also compiled at once, so that every pattern the tests reach is
    /// known to compile.
    pub fn new(pattern: impl AsRef<str>) -> Result<Pattern, Error> {
        Pattern::alternatives(&[pattern.as_ref()])
    }

    /// Alternatives that match as their alternation would (the leftmost match, and of those
    /// starting there the first alternative's), with [`Match::which`] telling which matched:
    /// what named groups would tell, without the cost of capturing.
    pub fn alternatives(patterns: &[&str]) -> Result<Pattern, Error> {
        let sources: Vec<String> = patterns.iter().map(|p| ascii_classes(p)).collect();
        let mut asts = Vec::new();
        for source in &sources {
            let ast = ast::parse::Parser::new()
                .parse(source)
                .map_err(|e| Error(e.to_string()))?;
            asts.push(ast);
        }
        let p = Pattern {
            gate: Gate::any(asts.iter().map(Gate::of).collect()),
            sources,
            asts,
            regex: OnceLock::new(),
        };
        if cfg!(debug_assertions) {
            p.build().map_err(|e| Error(e.to_string()))?;
        }
        Ok(p)
    }

    /// A pattern of the program's own: a syntax error is a bug, found by the tests.
    pub fn fixed(pattern: impl AsRef<str>) -> Pattern {
        let pattern = pattern.as_ref();
        match Pattern::new(pattern) {
            Ok(p) => p,
            Err(e) => panic!("pattern {pattern:?} does not compile: {e}"),
        }
    }

    fn build(&self) -> Result<meta::Regex, Box<dyn std::error::Error>> {
        let mut hirs = Vec::new();
        for (source, ast) in self.sources.iter().zip(&self.asts) {
            let hir = regex_syntax::hir::translate::Translator::new().translate(source, ast)?;
            hirs.push(bytes_for_long_gaps(hir));
        }
        let config = meta::Config::new()
            .auto_prefilter(false)
            .dfa(false)
            .utf8_empty(true);
        Ok(meta::Builder::new()
            .configure(config)
            .build_many_from_hir(&hirs)?)
    }

    fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| match self.build() {
            Ok(re) => re,
            // Every pattern is compiled when it is created in debug builds, so the tests
            // reach this only for a pattern that no test creates.
            Err(e) => panic!("pattern {:?} does not compile: {e}", self.sources),
        })
    }

    /// The regex to search this text with, unless the gate rules the text out.
    fn searcher(&self, hay: &Haystack<'_>) -> Option<&meta::Regex> {
        hay.grams
            .is_none_or(|g| self.gate.admits(g))
            .then(|| self.regex())
    }

    pub fn is_match<'t>(&self, hay: impl Into<Haystack<'t>>) -> bool {
        let hay = hay.into();
        self.searcher(&hay).is_some_and(|re| re.is_match(hay.text))
    }

    pub fn find<'t>(&self, hay: impl Into<Haystack<'t>>) -> Option<Match<'t>> {
        let hay = hay.into();
        let m = self.searcher(&hay)?.find(hay.text)?;
        Some(Match::of(hay.text, m))
    }

    /// The first match starting at or after `start`; the text before `start` still counts
    /// for `\b` and other look-arounds.
    pub fn find_at<'t>(&self, hay: impl Into<Haystack<'t>>, start: usize) -> Option<Match<'t>> {
        let hay = hay.into();
        if start > hay.text.len() {
            return None;
        }
        let m = self
            .searcher(&hay)?
            .search(&Input::new(hay.text).range(start..))?;
        Some(Match::of(hay.text, m))
    }

    pub fn find_iter<'t>(
        &'t self,
        hay: impl Into<Haystack<'t>>,
    ) -> impl Iterator<Item = Match<'t>> + 't {
        let hay = hay.into();
        self.searcher(&hay)
            .into_iter()
            .flat_map(move |re| re.find_iter(hay.text))
            .map(move |m| Match::of(hay.text, m))
    }

    pub fn captures<'t>(&self, hay: impl Into<Haystack<'t>>) -> Option<Captures<'t>> {
        let hay = hay.into();
        let re = self.searcher(&hay)?;
        let mut caps = re.create_captures();
        re.captures(hay.text, &mut caps);
        caps.is_match().then_some(Captures {
            text: hay.text,
            caps,
        })
    }

    pub fn captures_iter<'t>(
        &'t self,
        hay: impl Into<Haystack<'t>>,
    ) -> impl Iterator<Item = Captures<'t>> + 't {
        let hay = hay.into();
        self.searcher(&hay)
            .into_iter()
            .flat_map(move |re| re.captures_iter(hay.text))
            .map(move |caps| Captures {
                text: hay.text,
                caps,
            })
    }
}

/// A text to search, with the sketch of the text it was cut from when there is one.
#[derive(Clone, Copy, Debug)]
pub struct Haystack<'t> {
    text: &'t str,
    grams: Option<&'t Grams>,
}

impl<'t> Haystack<'t> {
    /// `text`, or any part of it later cut with [`Haystack::slice`], is sketched by `grams`.
    pub fn new(text: &'t str, grams: &'t Grams) -> Self {
        Haystack {
            text,
            grams: Some(grams),
        }
    }

    /// A part of the text: whatever it lacks, the whole lacks too, so the sketch still holds.
    pub fn slice(self, range: Range<usize>) -> Self {
        Haystack {
            text: &self.text[range],
            grams: self.grams,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }
}

impl<'t> From<&'t str> for Haystack<'t> {
    fn from(text: &'t str) -> Self {
        Haystack { text, grams: None }
    }
}

impl<'t> From<&'t String> for Haystack<'t> {
    fn from(text: &'t String) -> Self {
        Haystack::from(text.as_str())
    }
}

/// A match: a range of the text searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    which: usize,
}

impl<'t> Match<'t> {
    fn of(text: &'t str, m: regex_automata::Match) -> Self {
        Match {
            which: m.pattern().as_usize(),
            ..Match::new(text, m.range())
        }
    }

    fn new(text: &'t str, r: Range<usize>) -> Self {
        // A gap compiled over bytes could in principle stop inside a character at the very
        // edge of a match; a match always covers whole characters.
        let mut start = r.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = r.end.min(text.len()).max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Match {
            text,
            start,
            end,
            which: 0,
        }
    }

    /// For a set of [`Pattern::alternatives`], the index of the one that matched.
    pub fn which(&self) -> usize {
        self.which
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of a match.
pub struct Captures<'t> {
    text: &'t str,
    caps: RawCaptures,
}

impl<'t> Captures<'t> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'t>> {
        self.caps
            .get_group(i)
            .map(|s| Match::new(self.text, s.range()))
    }

    /// A named group, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.text, s.range()))
    }
}

/// Which three-byte sequences a text holds, case folded, as a bit set (a Bloom filter with
/// one hash): a literal whose trigrams are not all set cannot occur in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grams {
    bits: Box<[u64]>,
    /// The number of bits less one (a power of two less one).
    mask: u32,
}

impl Grams {
    /// About two bits per byte of text: a five-letter word absent from a provision passes
    /// for present about one time in twenty, an eight-letter one one time in a hundred.
    pub fn of(text: &str) -> Grams {
        let n_bits = (text.len() * 2).next_power_of_two().clamp(64, 1 << 22);
        let mut bits = vec![0u64; n_bits / 64].into_boxed_slice();
        let mask = n_bits as u32 - 1;
        let folded;
        let bytes = if !text.is_ascii() && text.contains(['\u{17F}', '\u{212A}']) {
            folded = text.replace('\u{17F}', "s").replace('\u{212A}', "k");
            folded.as_bytes()
        } else {
            text.as_bytes()
        };
        if let [a, b, rest @ ..] = bytes {
            let mut window =
                u32::from(a.to_ascii_lowercase()) << 8 | u32::from(b.to_ascii_lowercase());
            for &c in rest {
                window = (window << 8 | u32::from(c.to_ascii_lowercase())) & 0x00FF_FFFF;
                let h = hash(window) & mask;
                bits[(h >> 6) as usize] |= 1 << (h & 63);
            }
        }
        Grams { bits, mask }
    }

    /// Whether trigrams, given by their hashes, may all be in the text.
    #[inline(always)]
    fn has_all(&self, hashed: &[u32]) -> bool {
        hashed.iter().all(|&g| {
            let h = g & self.mask;
            self.bits
                .get((h >> 6) as usize)
                .is_some_and(|w| w >> (h & 63) & 1 != 0)
        })
    }
}

fn hash(trigram: u32) -> u32 {
    // Fibonacci hashing; the low bits are used, so fold the high ones down.
    let h = trigram.wrapping_mul(0x9E37_79B1);
    h ^ (h >> 15)
}

/// What any match must contain: a tree of literals (as trigrams, folded), all or any of.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Gate {
    /// Nothing is known: every text may match.
    Always,
    /// Trigrams of one literal, hashed, and the literal's length.
    Literal(Box<[u32]>, usize),
    All(Box<[Gate]>),
    Any(Box<[Gate]>),
}

impl Gate {
    fn of(ast: &Ast) -> Gate {
        match ast {
            Ast::Concat(c) => {
                let mut parts = Vec::new();
                let mut run: Vec<u8> = Vec::new();
                for item in &c.asts {
                    if let Some(bytes) = literal_bytes(item) {
                        run.extend_from_slice(&bytes);
                    } else if !zero_width(item) {
                        parts.push(Gate::literal(&run));
                        run.clear();
                        parts.push(Gate::of(item));
                    }
                }
                parts.push(Gate::literal(&run));
                Gate::all(parts)
            }
            Ast::Alternation(a) => Gate::any(a.asts.iter().map(Gate::of).collect()),
            Ast::Group(g) => Gate::of(&g.ast),
            Ast::Repetition(r) => {
                let at_least_once = match &r.op.kind {
                    RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
                    RepetitionKind::OneOrMore => true,
                    RepetitionKind::Range(
                        RepetitionRange::Exactly(n)
                        | RepetitionRange::AtLeast(n)
                        | RepetitionRange::Bounded(n, _),
                    ) => *n >= 1,
                };
                if at_least_once {
                    Gate::of(&r.ast)
                } else {
                    Gate::Always
                }
            }
            Ast::Literal(_) => Gate::literal(&literal_bytes(ast).unwrap_or_default()),
            _ => Gate::Always,
        }
    }

    /// A literal shorter than a trigram says nothing.
    fn literal(bytes: &[u8]) -> Gate {
        if bytes.len() < 3 {
            return Gate::Always;
        }
        let mut grams: Vec<u32> = bytes
            .windows(3)
            .map(|w| hash(u32::from(w[0]) << 16 | u32::from(w[1]) << 8 | u32::from(w[2])))
            .collect();
        grams.sort_unstable();
        grams.dedup();
        Gate::Literal(grams.into_boxed_slice(), bytes.len())
    }

    /// How long a literal the check rests on: long literals are rare, so an `All` tries them
    /// first (and fails soonest), an `Any` tries short ones first (and passes soonest).
    fn weight(&self) -> usize {
        match self {
            Gate::Always => 0,
            Gate::Literal(_, len) => *len,
            Gate::All(parts) => parts.iter().map(Gate::weight).max().unwrap_or(0),
            Gate::Any(parts) => parts.iter().map(Gate::weight).min().unwrap_or(0),
        }
    }

    fn all(parts: Vec<Gate>) -> Gate {
        let mut parts: Vec<Gate> = parts.into_iter().filter(|g| *g != Gate::Always).collect();
        parts.sort_by_key(|g| std::cmp::Reverse(g.weight()));
        match parts.len() {
            0 => Gate::Always,
            1 => parts.pop().unwrap_or(Gate::Always),
            _ => Gate::All(parts.into_boxed_slice()),
        }
    }

    fn any(parts: Vec<Gate>) -> Gate {
        if parts.is_empty() || parts.contains(&Gate::Always) {
            return Gate::Always;
        }
        let mut parts = parts;
        parts.sort_by_key(Gate::weight);
        if parts.len() == 1 {
            return parts.pop().unwrap_or(Gate::Always);
        }
        Gate::Any(parts.into_boxed_slice())
    }

    fn admits(&self, grams: &Grams) -> bool {
        match self {
            Gate::Always => true,
            Gate::Literal(t, _) => grams.has_all(t),
            Gate::All(parts) => parts.iter().all(|p| p.admits_inline(grams)),
            Gate::Any(parts) => parts.iter().any(|p| p.admits_inline(grams)),
        }
    }

    /// [`Gate::admits`] with a literal checked in place: most parts are literals, and a call
    /// per part cost more than the check itself.
    #[inline(always)]
    fn admits_inline(&self, grams: &Grams) -> bool {
        match self {
            Gate::Literal(t, _) => grams.has_all(t),
            other => other.admits(grams),
        }
    }
}

/// The folded bytes of a literal character; `None` for a letter outside ASCII, whose case
/// variants the sketch does not fold.
fn literal_bytes(ast: &Ast) -> Option<Vec<u8>> {
    let Ast::Literal(lit) = ast else {
        return None;
    };
    let c = lit.c;
    if c.is_ascii() {
        return Some(vec![c.to_ascii_lowercase() as u8]);
    }
    if c.is_lowercase() || c.is_uppercase() {
        return None;
    }
    Some(c.to_string().into_bytes())
}

/// Assertions and flag groups match no text: a literal run goes on across them.
fn zero_width(ast: &Ast) -> bool {
    matches!(ast, Ast::Assertion(_) | Ast::Flags(_) | Ast::Empty(_))
}

/// Compiles long bounded repetitions of a class holding every non-ASCII character (`[^.]`,
/// `[^.;]`) over bytes, which costs one automaton state per repetition instead of a UTF-8
/// automaton each.
fn bytes_for_long_gaps(hir: Hir) -> Hir {
    if !has_long_gap(&hir) {
        return hir;
    }
    match hir.into_kind() {
        HirKind::Repetition(rep) => {
            let long = rep.max.is_some_and(|m| m >= LONG_GAP);
            let sub = match (long, rep.sub.kind()) {
                (true, HirKind::Class(Class::Unicode(cls))) if covers_non_ascii(cls) => {
                    let mut ranges: Vec<ClassBytesRange> = cls
                        .ranges()
                        .iter()
                        .filter(|r| r.start().is_ascii())
                        .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7F') as u8))
                        .collect();
                    ranges.push(ClassBytesRange::new(0x80, 0xFF));
                    Hir::class(Class::Bytes(ClassBytes::new(ranges)))
                }
                _ => bytes_for_long_gaps(*rep.sub),
            };
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..rep
            })
        }
        HirKind::Concat(hs) => Hir::concat(hs.into_iter().map(bytes_for_long_gaps).collect()),
        HirKind::Alternation(hs) => {
            Hir::alternation(hs.into_iter().map(bytes_for_long_gaps).collect())
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(bytes_for_long_gaps(*c.sub));
            Hir::capture(c)
        }
        kind => rebuild(kind),
    }
}

fn has_long_gap(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            rep.max.is_some_and(|m| m >= LONG_GAP) || has_long_gap(&rep.sub)
        }
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(has_long_gap),
        HirKind::Capture(c) => has_long_gap(&c.sub),
        _ => false,
    }
}

fn rebuild(kind: HirKind) -> Hir {
    match kind {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Repetition(r) => Hir::repetition(r),
        HirKind::Capture(c) => Hir::capture(c),
        HirKind::Concat(hs) => Hir::concat(hs),
        HirKind::Alternation(hs) => Hir::alternation(hs),
    }
}

/// Whether a class holds every character from U+0080 up.
fn covers_non_ascii(cls: &regex_syntax::hir::ClassUnicode) -> bool {
    let mut next = '\u{80}';
    for r in cls.ranges() {
        if r.end() < next {
            continue;
        }
        if r.start() > next {
            return false;
        }
        if r.end() == char::MAX {
            return true;
        }
        // The surrogates (U+D800 to U+DFFF) are not characters: after U+D7FF comes U+E000.
        next = match r.end() {
            '\u{D7FF}' => '\u{E000}',
            end => char::from_u32(end as u32 + 1).unwrap_or(char::MAX),
        };
    }
    false
}

/// Rewrites `\b`, `\w` and `\d` of a pattern to their ASCII forms, inside character classes
/// as well as outside. Treaty text is overwhelmingly ASCII, quotation marks and dashes are
/// not word characters either way, and Unicode `\w` alone is hundreds of ranges, copied once
/// per repetition.
fn ascii_classes(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut class_depth = 0usize;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if class_depth == 0 => out.push_str(r"(?-u:\b)"),
                Some('w') if class_depth == 0 => out.push_str("[0-9A-Za-z_]"),
                Some('w') => out.push_str("0-9A-Za-z_"),
                Some('d') if class_depth == 0 => out.push_str("[0-9]"),
                Some('d') => out.push_str("0-9"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated<'t>(text: &'t str, grams: &'t Grams) -> Haystack<'t> {
        Haystack::new(text, grams)
    }

    #[test]
    fn patterns_use_ascii_classes_inside_and_outside_brackets() {
        assert_eq!(
            ascii_classes(r"\bshall\s+\w+[\w,’']\d[\d.]\.\\w"),
            r"(?-u:\b)shall\s+[0-9A-Za-z_]+[0-9A-Za-z_,’'][0-9][0-9.]\.\\w"
        );
        let re = Pattern::fixed(r"(?i)\b(?:\w+\s+){0,2}data\b");
        assert_eq!(
            re.find("transfer any data.").map(|m| m.as_str()),
            Some("transfer any data")
        );
    }

    #[test]
    fn gates_require_what_every_match_holds() {
        let lit = |s: &str| Gate::literal(s.as_bytes());
        let gate = |p: &str| Pattern::fixed(p).gate;
        assert_eq!(
            gate(r"(?i)\bhuman\s+rights\b"),
            Gate::all(vec![lit("human"), lit("rights")])
        );
        assert_eq!(
            gate(r"(?i)\b(?:dual|double)\s+criminality\b"),
            Gate::all(vec![
                Gate::any(vec![lit("dual"), lit("double")]),
                lit("criminality")
            ])
        );
        // An optional part, a short word or a class says nothing.
        assert_eq!(gate(r"(?i)\bpreserv(?:e|ation)?\b"), lit("preserv"));
        assert_eq!(gate(r"\bmay\b|\bif\b"), Gate::Always);
        assert_eq!(gate(r"[a-z]+\d"), Gate::Always);
        // Case is folded; caseless non-ASCII characters are kept, letters are not.
        assert_eq!(gate(r"SHALL"), lit("shall"));
        assert_eq!(gate(r"“x”"), lit("“x”"));
        assert_eq!(gate(r"(?i)décision"), lit("cision"));
    }

    #[test]
    fn a_gated_search_finds_exactly_what_the_regex_finds() {
        let patterns = [
            r"(?i)\b(?:dual|double)\s+criminality\b",
            r"(?i)\bshall\s+(?:be\s+)?refused\b[^.]{0,200}\boffence\b",
            r"(?i)\bhuman\s+rights\b",
            r"(?i)\bpreserv",
            r"Convention\s+(?:No\.\s+)?108",
        ];
        let texts = [
            "Assistance shall be refused where the conduct is not an offence under its law.",
            "DUAL CRIMINALITY shall not be required for preservation.",
            "The requested Party may refuse; it may preserve data.",
            "Parties to Convention No. 108 and to the ſecond Protocol on \u{212A}nown data.",
            "Human  Rights are not mentioned here at all, but human rights are.",
            "",
            "ab",
        ];
        for p in patterns {
            let pattern = Pattern::fixed(p);
            let plain = regex::Regex::new(&ascii_classes(p)).expect("compiles");
            for t in texts {
                let grams = Grams::of(t);
                let want: Vec<_> = plain.find_iter(t).map(|m| m.range()).collect();
                let got: Vec<_> = pattern
                    .find_iter(gated(t, &grams))
                    .map(|m| m.range())
                    .collect();
                assert_eq!(got, want, "{p} on {t:?}");
                assert_eq!(pattern.is_match(gated(t, &grams)), plain.is_match(t));
            }
        }
    }

    #[test]
    fn sketches_fold_the_letters_that_case_fold_to_ascii() {
        // regex's case-insensitive ASCII letters take in exactly these two non-ASCII ones.
        let mut extra = Vec::new();
        for c in ('a'..='z').chain('A'..='Z') {
            let hir = regex_syntax::Parser::new()
                .parse(&format!("(?i){c}"))
                .expect("parses");
            if let HirKind::Class(Class::Unicode(cls)) = hir.kind() {
                for r in cls.ranges() {
                    for ch in r.start()..=r.end() {
                        if !ch.is_ascii() && !extra.contains(&ch) {
                            extra.push(ch);
                        }
                    }
                }
            }
        }
        extra.sort();
        assert_eq!(extra, ['\u{17F}', '\u{212A}']);
        let p = Pattern::fixed(r"(?i)second\s+known");
        let t = "the ſecond \u{212A}nown";
        assert!(p.is_match(gated(t, &Grams::of(t))));
    }

    #[test]
    fn long_gaps_count_bytes_and_matches_cover_whole_characters() {
        let p = Pattern::fixed(r"(?i)\brefus\w*\b[^.]{0,20}\bdata\b");
        assert!(p.is_match("refused “all” data"));
        assert!(!p.is_match("refused. data"));
        // A match that ends in a gap ends on a character boundary.
        let p = Pattern::fixed(r"x[^.]{0,9}");
        let t = "x’’’’";
        let m = p.find(t).expect("matches");
        assert!(t.is_char_boundary(m.end()));
        assert_eq!(m.as_str(), "x’’’");
        assert!(covers_non_ascii(&regex_syntax::hir::ClassUnicode::new([
            regex_syntax::hir::ClassUnicodeRange::new('\0', char::MAX)
        ])));
    }

    #[test]
    fn alternatives_match_as_their_alternation_with_named_groups() {
        let alts = [
            r"(?i)\bshall\s+not\b",
            r"(?i)\bshall\b",
            r"(?i)\bmay\b|\bcannot\b",
        ];
        let set = Pattern::alternatives(&alts).expect("compiles");
        let joined = alts
            .iter()
            .enumerate()
            .map(|(i, p)| format!("(?P<g{i}>{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let plain = regex::Regex::new(&ascii_classes(&joined)).expect("compiles");
        let t = "It shall not act, it shall act; it may, but cannot, SHALL NOT.";
        let want: Vec<_> = plain
            .captures_iter(t)
            .map(|c| {
                let i = (0..alts.len())
                    .find(|i| c.name(&format!("g{i}")).is_some())
                    .expect("a group matched");
                (c.get(0).map(|m| m.range()), i)
            })
            .collect();
        let got: Vec<_> = set
            .find_iter(t)
            .map(|m| (Some(m.range()), m.which()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(want.len(), 5);
    }

    #[test]
    fn captures_and_find_at_keep_regex_semantics() {
        let p = Pattern::fixed(r"(?P<kw>[Aa]rticles?)\s+(?P<n>\d+)");
        let c = p.captures("see Article 17 and").expect("matches");
        assert_eq!(c.name("n").map(|m| m.as_str()), Some("17"));
        assert_eq!(c.get(0).map(|m| m.as_str()), Some("Article 17"));
        assert!(c.name("missing").is_none());
        let all: Vec<_> = p
            .captures_iter("articles 1 and Article 2")
            .filter_map(|c| c.name("n").map(|m| m.as_str()))
            .collect();
        assert_eq!(all, ["1", "2"]);
        let w = Pattern::fixed(r"\bdata\b");
        assert_eq!(w.find_at("metadata data", 4).map(|m| m.start()), Some(9));
        assert_eq!(w.find_at("data", 9), None);
    }
}
