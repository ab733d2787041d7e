//! Cross-references: "article 17", "Articles 2 through 11", "paragraph 1 of this article",
//! "subparagraph (b) above", "the preceding paragraph", "Chapter V", "this Section",
//! "this Convention", resolved to nodes; references to other instruments recognised.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use super::{Model, source_range};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    Article,
    Paragraph,
    Subparagraph,
    /// Chapter, section, part, title.
    Grouping,
    /// "this Convention"
    Instrument,
    /// Another instrument, or an article of one.
    External,
}

impl RefKind {
    pub fn name(self) -> &'static str {
        match self {
            RefKind::Article => "article",
            RefKind::Paragraph => "paragraph",
            RefKind::Subparagraph => "subparagraph",
            RefKind::Grouping => "grouping",
            RefKind::Instrument => "instrument",
            RefKind::External => "external",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Reference {
    /// The words of the reference.
    pub range: TextRange,
    /// The provision node it appears in.
    pub from: NodeId,
    pub kind: RefKind,
    /// What it points at; empty when unresolved (or external).
    pub targets: Vec<NodeId>,
    /// For external references: the instrument's name as written.
    pub external: Option<TextRange>,
}

impl Reference {
    pub fn resolved(&self) -> bool {
        self.kind == RefKind::External || !self.targets.is_empty()
    }
}

static KEYWORD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?x)
        \b(?P<kw>[Aa]rticles?|ARTICLES?|[Aa]rts?\.|(?:[Ss]ub-?)?[Pp]aragraphs?|[Cc]hapters?|CHAPTER|[Ss]ections?|[Pp]arts?|[Tt]itles?)\s+
      | \b(?P<this>(?:this|the\s+present)\s+(?P<thiskind>[Cc]onvention|[Pp]rotocol|[Aa]greement|[Cc]ovenant|[Tt]reaty|[Aa]rticle|[Pp]aragraph|[Ss]ubparagraph|[Cc]hapter|[Ss]ection|[Pp]art|[Tt]itle))\b
      | \b(?P<rel>[Tt]he\s+(?:preceding|previous|following|next)\s+(?:sub)?paragraphs?)\b
        ",
    )
});

/// Named instruments: "the 1966 International Covenant on Civil and Political Rights",
/// "Convention 108", "ETS No. 185".
static EXTERNAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?x)
        \b(?:the\s+)?(?:\d{4}\s+)?(?:(?:United\s+Nations|Council\s+of\s+Europe|European|International|Universal|American|African|Inter-American|Optional|Additional|Second|First)\s+)*
          (?:Convention|Covenant|Charter|Declaration|Treaty)\s+(?:on|for|against|of|relating\s+to|concerning)\s+
          (?:the\s+|and\s+|of\s+|with\s+regard\s+to\s+|in\s+|to\s+|from\s+|by\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|of|the|with|regard|to|in|from|by|against|on)\s+)*[A-Z][\w-]*)*
      | \bConvention\s+(?:No\.\s+)?108\+?
      | \b(?:ETS|CETS)\s+No\.\s+\d+
        ",
    )
});

/// Where a second instrument's name starts inside a matched name.
static NEXT_NAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"\s+and\s+(?:the\s+)?(?:\d{4}\s+)?(?:Convention|Covenant|Charter|Declaration|Treaty|Protocol|Council|European|International|United|Universal)\b",
    )
});

/// A number or label in a reference list: "6", or "6, paragraph 1.b" with the finer labels
/// in `path` (paragraph "1", subparagraph "b").
#[derive(Clone, Debug)]
struct Item {
    label: String,
    path: Vec<String>,
}

/// What a reference list counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListKind {
    Article,
    Paragraph,
    Subparagraph,
    Grouping,
}

fn anchored(p: &str) -> Pattern {
    Pattern::fixed(format!("^(?:{p})"))
}

static NUM: LazyLock<Pattern> =
    LazyLock::new(|| anchored(r"\d{1,4}(?:\s?(?:bis|ter|quater|quinquies|sexies))?\b"));
static ROMAN_UPPER: LazyLock<Pattern> = LazyLock::new(|| anchored(r"[IVXLC]{1,7}\b"));
/// ".b", ".e.ii", "(a)", " (a)(i)" after a number.
static DOTPATH: LazyLock<Pattern> = LazyLock::new(|| {
    anchored(r"\.([a-z]{1,2})(?:\.([ivx]{1,5}))?\b|\s?\(([a-z]{1,2})\)(?:\s?\(([ivx]{1,5})\))?")
});
/// A letter label: "(a)", "a)", "d.", "a.i", "c".
static LETTER: LazyLock<Pattern> = LazyLock::new(|| {
    anchored(r"\(([a-z]{1,4})\)|([a-z]{1,2})\)|([a-z]{1,4})(?:\.([ivx]{1,5})\b|\.|\b)")
});
static SEP: LazyLock<Pattern> = LazyLock::new(|| {
    anchored(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or)\s+|\s*(?:to|through|-|–)\s*")
});
/// ", paragraph 1.b", " - paragraphs 3 and 4", " paragraph 3": a finer list after an article.
static PARA_INTRO: LazyLock<Pattern> =
    LazyLock::new(|| anchored(r",?\s*(?:-\s*)?(?:sub-?)?paragraphs?\s+"));
static SUB_CHAIN: LazyLock<Pattern> =
    LazyLock::new(|| anchored(r",?\s+sub-?paragraph\s+\(([a-z]{1,2})\)(?:\s?\(([ivx]{1,5})\))?"));
static SUB_INTRO: LazyLock<Pattern> = LazyLock::new(|| anchored(r",?\s+sub-?paragraphs?\s+"));
/// Separators inside a finer list: no bare comma ("Articles 6, paragraph 1.b, 7" goes on
/// with article 7).
static INNER_SEP: LazyLock<Pattern> =
    LazyLock::new(|| anchored(r"\.?(?:\s+(?:and/or|and|or)\s+|\s*(?:to|through)\s*)"));

fn is_range_sep(sep: &str) -> bool {
    matches!(sep.trim(), "to" | "through" | "-" | "–")
}

/// A bare label ("c", "aa", "iv") rather than a word ("by", "if").
fn plausible_label(label: &str, bare: bool) -> bool {
    if !bare || label.len() == 1 {
        return true;
    }
    let b = label.as_bytes();
    b.iter().all(|&c| c == b[0]) || label.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

/// Parses one token of a list of `kind` at `pos`: its item and where it ends.
fn token(text: &str, pos: usize, kind: ListKind, first: bool) -> Option<(Item, usize)> {
    let rest = &text[pos..];
    match kind {
        ListKind::Grouping => {
            let m = NUM.find(rest).or_else(|| ROMAN_UPPER.find(rest))?;
            Some((
                Item {
                    label: m.as_str().to_string(),
                    path: Vec::new(),
                },
                pos + m.end(),
            ))
        }
        ListKind::Article | ListKind::Paragraph => {
            if let Some(m) = NUM.find(rest) {
                let mut end = pos + m.end();
                let mut path = Vec::new();
                if let Some(c) = DOTPATH.captures(&text[end..]) {
                    path.extend(
                        [1, 2, 3, 4]
                            .iter()
                            .filter_map(|&g| c.get(g).map(|x| x.as_str().to_string())),
                    );
                    end += c.get(0).map_or(0, |x| x.end());
                }
                // "paragraph 1, subparagraph (c)(iv)"
                if kind == ListKind::Paragraph
                    && let Some(c) = SUB_CHAIN.captures(&text[end..])
                {
                    path.extend(
                        [1, 2]
                            .iter()
                            .filter_map(|&g| c.get(g).map(|x| x.as_str().to_string())),
                    );
                    end += c.get(0).map_or(0, |x| x.end());
                }
                return Some((
                    Item {
                        label: m.as_str().to_string(),
                        path,
                    },
                    end,
                ));
            }
            // "paragraphs b and c", "paragraphs a.i or ii": letters only as the first item.
            if kind == ListKind::Paragraph && first {
                let c = LETTER.captures(rest)?;
                let label = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().to_string();
                if !plausible_label(&label, c.get(3).is_some()) {
                    return None;
                }
                let path = c
                    .get(4)
                    .map(|x| x.as_str().to_string())
                    .into_iter()
                    .collect();
                return Some((
                    Item { label, path },
                    pos + c.get(0)?.as_str().trim_end_matches('.').len(),
                ));
            }
            None
        }
        ListKind::Subparagraph => {
            // "sub-paragraph 2.b": paragraph 2, subparagraph b.
            if let Some(m) = NUM.find(rest) {
                let c = DOTPATH.captures(&rest[m.end()..])?;
                let letter = c.get(1).or(c.get(3))?.as_str().to_string();
                let end = pos + m.end() + c.get(0)?.end();
                return Some((
                    Item {
                        label: letter,
                        path: vec![m.as_str().to_string()],
                    },
                    end,
                ));
            }
            let c = LETTER.captures(rest)?;
            let label = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().to_string();
            if !plausible_label(&label, c.get(3).is_some()) {
                return None;
            }
            let end = pos + c.get(0)?.as_str().trim_end_matches('.').len();
            Some((
                Item {
                    label,
                    path: Vec::new(),
                },
                end,
            ))
        }
    }
}

/// Parses "2, 3 and 5", "6 to 16", "2 through 11", "(a) and (b)", "IV", "6, paragraph 1.b",
/// "1, sub-paragraphs d. and e". Returns the items, ranges expanded, and where the list ends.
fn parse_list(text: &str, start: usize, kind: ListKind) -> (Vec<Item>, usize) {
    let mut items: Vec<Item> = Vec::new();
    let mut pos = start;
    let mut range_from: Option<Item> = None;
    while let Some((mut item, end)) = token(text, pos, kind, items.is_empty()) {
        pos = end;
        // A letter after "2.b or": the same paragraph.
        if kind == ListKind::Subparagraph
            && item.path.is_empty()
            && let Some(prev) = items.last()
        {
            item.path = prev.path.clone();
        }
        // "a.i or ii": a sibling item of the same subparagraph.
        let mut finer: Vec<Item> = Vec::new();
        let intro = match kind {
            ListKind::Article => PARA_INTRO
                .captures(&text[pos..])
                .map(|c| (c, ListKind::Paragraph)),
            ListKind::Paragraph => SUB_INTRO
                .captures(&text[pos..])
                .map(|c| (c, ListKind::Subparagraph)),
            _ => None,
        };
        if let Some((c, sub_kind)) = intro {
            let mut p = pos + c.get(0).map_or(0, |m| m.end());
            let mut got = Vec::new();
            while let Some((sub, e)) = token(text, p, sub_kind, got.is_empty()) {
                got.push(sub);
                p = e;
                match INNER_SEP.find(&text[p..]) {
                    Some(sep) if token(text, p + sep.end(), sub_kind, false).is_some() => {
                        p += sep.end()
                    }
                    _ => break,
                }
            }
            if !got.is_empty() {
                pos = p;
                finer = got;
            }
        }
        let mut expanded: Vec<Item> = if finer.is_empty() {
            vec![item.clone()]
        } else {
            finer
                .into_iter()
                .map(|f| {
                    let mut path = vec![f.label];
                    path.extend(f.path);
                    Item {
                        label: item.label.clone(),
                        path,
                    }
                })
                .collect()
        };
        if let Some(lo) = range_from.take()
            && let (Ok(a), Ok(b)) = (lo.label.parse::<u32>(), item.label.parse::<u32>())
        {
            for n in a + 1..b.min(a + 500) {
                items.push(Item {
                    label: n.to_string(),
                    path: Vec::new(),
                });
            }
        }
        items.append(&mut expanded);
        let after = &text[pos..];
        let Some(sep) = SEP.find(after) else { break };
        if token(text, pos + sep.end(), kind, false).is_none() {
            break;
        }
        if is_range_sep(sep.as_str()) {
            range_from = Some(item);
        }
        pos += sep.end();
    }
    (items, pos)
}

fn norm_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

struct Ctx<'a> {
    doc: &'a Document,
    from: NodeId,
    /// Articles by (instrument, normalised number), built once per document.
    articles: &'a HashMap<(NodeId, String), NodeId>,
}

impl Ctx<'_> {
    fn enclosing(&self, kind: NodeKind) -> Option<NodeId> {
        self.doc.enclosing(self.from, kind)
    }

    fn instrument(&self) -> Option<NodeId> {
        self.enclosing(NodeKind::Instrument)
    }

    /// Whether "the Convention" in this instrument means another one (in a protocol).
    fn is_protocol(&self) -> bool {
        self.instrument()
            .and_then(|i| self.doc.heading(i))
            .is_some_and(|t| t.to_lowercase().contains("protocol"))
    }

    fn article(&self, label: &str) -> Option<NodeId> {
        let inst = self.instrument()?;
        self.articles.get(&(inst, norm_label(label))).copied()
    }

    fn child(&self, parent: NodeId, kind: NodeKind, label: &str) -> Option<NodeId> {
        let want = norm_label(label);
        let mut stack = vec![parent];
        // Paragraphs may sit below unnumbered text blocks; search the subtree, nearest first.
        while let Some(n) = stack.pop() {
            for &c in &self.doc.node(n).children {
                let node = self.doc.node(c);
                if node.kind == kind && self.doc.number(c).is_some_and(|x| norm_label(x) == want) {
                    return Some(c);
                }
                if !matches!(node.kind, NodeKind::Article | NodeKind::Footnote) && node.kind != kind
                {
                    stack.push(c);
                }
            }
        }
        None
    }

    /// Follows finer labels down from a node: numbers are paragraphs, letters subparagraphs,
    /// roman numerals below a subparagraph items.
    fn descend(&self, from: NodeId, path: &[String]) -> Option<NodeId> {
        let mut cur = from;
        for label in path {
            let here = self.doc.node(cur).kind;
            let next = if label.chars().all(|c| c.is_ascii_digit()) {
                self.child(cur, NodeKind::Paragraph, label)
            } else if matches!(here, NodeKind::Subparagraph | NodeKind::Item) {
                self.child(cur, NodeKind::Item, label)
            } else {
                self.child(cur, NodeKind::Subparagraph, label)
                    .or_else(|| self.child(cur, NodeKind::Item, label))
            };
            cur = next?;
        }
        Some(cur)
    }

    fn grouping(&self, kind: NodeKind, label: &str) -> Option<NodeId> {
        let inst = self.instrument()?;
        let want = norm_label(label);
        let range = self.doc.node(inst).range();
        let candidates: Vec<NodeId> = self
            .doc
            .of_kind(kind)
            .filter(|&g| range.contains(self.doc.node(g).range()))
            .filter(|&g| self.doc.number(g).is_some_and(|n| norm_label(n) == want))
            .collect();
        // Prefer the one in the same enclosing chapter (sections restart per chapter).
        let chapter = self.enclosing(NodeKind::Chapter);
        candidates
            .iter()
            .copied()
            .find(|&g| chapter.is_some() && self.doc.enclosing(g, NodeKind::Chapter) == chapter)
            .or_else(|| candidates.first().copied())
    }
}

fn grouping_kind(word: &str) -> Option<NodeKind> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "chapter" => NodeKind::Chapter,
        "section" => NodeKind::Section,
        "part" => NodeKind::Part,
        "title" => NodeKind::Title,
        _ => return None,
    })
}

/// Reads a tail after a list: " of this article", " of article 18", " above", " of paragraph 2",
/// " of this Convention", " of the Covenant". Returns what it says and where it ends.
enum Tail {
    None,
    ThisArticle,
    /// "of that article", "of the same article": the article named before.
    ThatArticle,
    Article(String),
    Paragraph(String),
    ThisInstrument,
    External(Range<usize>),
}

fn parse_tail(text: &str, pos: usize, ctx: &Ctx) -> (Tail, usize) {
    static TAIL: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::fixed(
            r"(?x)^(?:
               \s+(?P<above>above|below|hereof)\b
             | ,?\s+of\s+(?:this|the\s+present)\s+(?P<thisart>article)\b
             | ,?\s+of\s+(?:[Aa]rticle|Art\.)\s+(?P<art>\d{1,4}(?:\s?(?:bis|ter|quater))?)\b
             | ,?\s+of\s+(?:sub)?paragraph\s+(?P<para>\d{1,3})\b
             | ,?\s+of\s+(?:this|the\s+present)\s+(?P<thisinst>Convention|Protocol|Agreement|Covenant|Treaty)\b
             | ,?\s+of\s+the\s+(?P<theinst>Convention|Protocol|Agreement|Covenant|Treaty)\b
             | ,?\s+of\s+(?:that|the\s+same)\s+(?P<thatart>article)\b
             | \.?,?\s+of\s+(?P<ext>the\s+(?:\d{4}\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|of|the|on|for|against|with|regard|to|in)\s+)*[A-Z][\w-]*)*)
            )",
        )
    });
    let Some(c) = TAIL.captures(&text[pos..]) else {
        return (Tail::None, pos);
    };
    let end = pos + c.get(0).expect("match").end();
    let tail = if c.name("above").is_some() || c.name("thisart").is_some() {
        Tail::ThisArticle
    } else if c.name("thatart").is_some() {
        Tail::ThatArticle
    } else if let Some(a) = c.name("art") {
        Tail::Article(a.as_str().to_string())
    } else if let Some(p) = c.name("para") {
        Tail::Paragraph(p.as_str().to_string())
    } else if c.name("thisinst").is_some() {
        Tail::ThisInstrument
    } else if let Some(k) = c.name("theinst") {
        // In a protocol, "the Convention" is the parent instrument.
        if ctx.is_protocol() && !k.as_str().eq_ignore_ascii_case("protocol") {
            Tail::External(pos + k.start()..pos + k.end())
        } else {
            Tail::ThisInstrument
        }
    } else if let Some(e) = c.name("ext") {
        Tail::External(pos + e.start()..pos + e.end())
    } else {
        Tail::None
    };
    (tail, end)
}

/// A reference that belongs to the instrument named just before it: "Convention on
/// Laundering ... (ETS No. 141), Article 6", "Security Council resolution ..., and
/// particularly its paragraph 3". Returns the name's range, if any.
fn preceding_external(text: &str, kw_start: usize) -> Option<Option<Range<usize>>> {
    let before = &text[..kw_start];
    let trimmed = before.trim_end();
    if trimmed.ends_with(" its") || trimmed.ends_with(" their") {
        return Some(None);
    }
    let window = before.char_indices().rev().nth(200).map_or(0, |(i, _)| i);
    EXTERNAL
        .find_iter(&text[window..kw_start])
        .last()
        .filter(|m| {
            let gap = &text[window + m.end()..kw_start];
            gap.len() <= 20
                && gap
                    .chars()
                    .all(|c| matches!(c, ' ' | ',' | '(' | ')' | '.') || c.is_ascii_alphanumeric())
                && !gap.contains("and")
        })
        .map(|m| Some(window + m.start()..window + m.end()))
}

/// A tail shared by a coordinated list: "Article 22, paragraph 2, and Article 41, paragraph
/// 1, of the Convention" gives both articles the tail.
fn coordinated_tail(text: &str, pos: usize, ctx: &Ctx) -> Option<(Tail, usize)> {
    static COORD: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::fixed(
            r"^,?\s+(?:and|or)\s+[Aa]rticles?\s+[^.;]{0,80}?(?P<of>,?\s+of\s+(?:the|this|the\s+present)\s+[A-Z])",
        )
    });
    let c = COORD.captures(&text[pos..])?;
    let at = pos + c.name("of")?.start();
    match parse_tail(text, at, ctx) {
        (Tail::None, _) => None,
        (t, e) => Some((t, e)),
    }
}

/// A reference found in a provision: kind, targets, its words, an external name.
type Found = (RefKind, Vec<NodeId>, Range<usize>, Option<Range<usize>>);

/// Finds and resolves the references of every provision.
pub(super) fn resolve_all(doc: &Document, model: &Model) -> Vec<Reference> {
    let mut out = Vec::new();
    // The first article of each number in each instrument (annex articles included).
    let mut articles: HashMap<(NodeId, String), NodeId> = HashMap::new();
    for a in doc.of_kind(NodeKind::Article) {
        if let (Some(inst), Some(n)) = (doc.enclosing(a, NodeKind::Instrument), doc.number(a)) {
            articles.entry((inst, norm_label(n))).or_insert(a);
        }
    }
    for p in &model.provisions {
        let text = &p.text.text;
        let ctx = Ctx {
            doc,
            from: p.node,
            articles: &articles,
        };
        let map = |r: Range<usize>| source_range(p, r);
        let mut covered_until = 0usize;
        let mut last_article: Option<NodeId> = None;
        for caps in KEYWORD.captures_iter(text) {
            let m = caps.get(0).expect("match");
            if m.start() < covered_until {
                continue;
            }
            let mut refs_here: Vec<Found> = Vec::new();
            let mut end = m.end();
            if let Some(kw) = caps.name("kw") {
                let word = kw.as_str().to_lowercase();
                let is_sub = word.starts_with("sub");
                let list_kind = if word.starts_with("art") {
                    ListKind::Article
                } else if is_sub {
                    ListKind::Subparagraph
                } else if word.starts_with("para") {
                    ListKind::Paragraph
                } else {
                    ListKind::Grouping
                };
                let (items, list_end) = parse_list(text, m.end(), list_kind);
                if items.is_empty() {
                    continue;
                }
                let (mut tail, mut tail_end) = parse_tail(text, list_end, &ctx);
                // "subparagraph (b) of paragraph 4 above": the paragraph's own tail.
                if matches!(tail, Tail::Paragraph(_))
                    && let (Tail::ThisArticle, e) = parse_tail(text, tail_end, &ctx)
                {
                    tail_end = e;
                }
                if matches!(tail, Tail::None) {
                    // "Articles 14 to 21 and Articles 23 to 35 of the Convention".
                    if let Some((t, _)) = coordinated_tail(text, list_end, &ctx) {
                        tail = t;
                    }
                } else {
                    tail_end = tail_end.max(list_end);
                }
                end = tail_end;
                let whole = kw.start()..end;
                let kind = match list_kind {
                    ListKind::Article => RefKind::Article,
                    ListKind::Paragraph => RefKind::Paragraph,
                    ListKind::Subparagraph => RefKind::Subparagraph,
                    ListKind::Grouping => RefKind::Grouping,
                };
                if let Tail::External(name) = tail {
                    refs_here.push((RefKind::External, Vec::new(), whole, Some(name)));
                } else if let Some(name) = preceding_external(text, kw.start()) {
                    // "... (ETS No. 141), Article 6", "the resolution ... its paragraph 3".
                    refs_here.push((RefKind::External, Vec::new(), whole, name));
                } else {
                    let resolve = |it: &Item| -> Option<NodeId> {
                        match list_kind {
                            ListKind::Article => {
                                let a = ctx.article(&it.label)?;
                                ctx.descend(a, &it.path)
                            }
                            ListKind::Grouping => ctx.grouping(grouping_kind(&word)?, &it.label),
                            ListKind::Paragraph | ListKind::Subparagraph => {
                                let article = match &tail {
                                    Tail::Article(n) => ctx.article(n)?,
                                    Tail::ThatArticle => last_article?,
                                    _ => ctx.enclosing(NodeKind::Article)?,
                                };
                                let mut labels = Vec::new();
                                let base = if list_kind == ListKind::Subparagraph {
                                    match (&tail, it.path.first()) {
                                        (_, Some(pn)) => {
                                            ctx.child(article, NodeKind::Paragraph, pn)?
                                        }
                                        (Tail::Paragraph(pn), None) => {
                                            ctx.child(article, NodeKind::Paragraph, pn)?
                                        }
                                        _ => ctx.enclosing(NodeKind::Paragraph).unwrap_or(article),
                                    }
                                } else if it.label.chars().all(|c| c.is_ascii_digit()) {
                                    article
                                } else {
                                    // "paragraphs b and c": lettered subdivisions.
                                    ctx.enclosing(NodeKind::Paragraph).unwrap_or(article)
                                };
                                labels.push(it.label.clone());
                                if list_kind == ListKind::Paragraph {
                                    labels.extend(it.path.iter().cloned());
                                }
                                ctx.descend(base, &labels).or_else(|| {
                                    if base != article {
                                        ctx.descend(article, &labels)
                                    } else {
                                        None
                                    }
                                })
                            }
                        }
                    };
                    let targets: Option<Vec<NodeId>> = items.iter().map(resolve).collect();
                    match targets {
                        Some(t) => {
                            if kind == RefKind::Article {
                                last_article =
                                    t.first().and_then(|&n| doc.enclosing(n, NodeKind::Article));
                            }
                            refs_here.push((kind, t, whole, None));
                        }
                        // In a protocol, an article or chapter it does not have is the
                        // parent convention's.
                        None if ctx.is_protocol()
                            && matches!(kind, RefKind::Article | RefKind::Grouping)
                            && matches!(tail, Tail::None) =>
                        {
                            refs_here.push((RefKind::External, Vec::new(), whole, None))
                        }
                        None => refs_here.push((kind, Vec::new(), whole, None)),
                    }
                }
            } else if let Some(kind) = caps.name("thiskind") {
                let word = kind.as_str().to_lowercase();
                let whole = m.range();
                let (rk, target) = match word.as_str() {
                    "article" => (RefKind::Article, ctx.enclosing(NodeKind::Article)),
                    "paragraph" => (RefKind::Paragraph, ctx.enclosing(NodeKind::Paragraph)),
                    "subparagraph" => {
                        (RefKind::Subparagraph, ctx.enclosing(NodeKind::Subparagraph))
                    }
                    w => match grouping_kind(w) {
                        Some(g) => (RefKind::Grouping, ctx.enclosing(g)),
                        None => (RefKind::Instrument, ctx.instrument()),
                    },
                };
                refs_here.push((rk, target.into_iter().collect(), whole, None));
            } else if caps.name("rel").is_some() {
                let phrase = m.as_str().to_lowercase();
                let kind = if phrase.contains("subparagraph") {
                    NodeKind::Subparagraph
                } else {
                    NodeKind::Paragraph
                };
                let here = ctx.enclosing(kind);
                let target = here.and_then(|h| {
                    let parent = doc.node(h).parent?;
                    let sibs: Vec<NodeId> = doc
                        .node(parent)
                        .children
                        .iter()
                        .copied()
                        .filter(|&c| doc.node(c).kind == kind)
                        .collect();
                    let i = sibs.iter().position(|&s| s == h)?;
                    if phrase.contains("preceding") || phrase.contains("previous") {
                        i.checked_sub(1).map(|j| sibs[j])
                    } else {
                        sibs.get(i + 1).copied()
                    }
                });
                let rk = if kind == NodeKind::Subparagraph {
                    RefKind::Subparagraph
                } else {
                    RefKind::Paragraph
                };
                refs_here.push((rk, target.into_iter().collect(), m.range(), None));
            }
            covered_until = end;
            for (kind, targets, range, external) in refs_here {
                out.push(Reference {
                    range: map(range),
                    from: p.node,
                    kind,
                    targets,
                    external: external.map(map),
                });
            }
        }
        // Named instruments not already covered by an article reference.
        let mut at = 0;
        while let Some(m) = EXTERNAL.find_at(text, at) {
            // "the Covenant on Civil and Political Rights and Convention 108" is two names.
            let end = NEXT_NAME
                .find(m.as_str())
                .map_or(m.end(), |cut| m.start() + cut.start());
            at = if end > m.start() { end } else { m.end() };
            let r = map(m.start()..end);
            if out.iter().any(|x: &Reference| {
                x.from == p.node
                    && x.range.start <= r.start
                    && r.end <= x.range.end.max(x.external.map_or(0, |e| e.end))
            }) {
                continue;
            }
            out.push(Reference {
                range: r,
                from: p.node,
                kind: RefKind::External,
                targets: Vec::new(),
                external: Some(r),
            });
        }
    }
    out.sort_by_key(|r| (r.range.start, r.range.end));
    out
}
