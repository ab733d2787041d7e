//! Lowering: classified lines in, document tree out.
//!
//! A line-local grammar cannot tell a caption from a wrapped sentence or a running header
//! from a title-block field; this step decides with what came before. It keeps a stack of
//! open nodes (document, instrument, groupings, article, paragraph, subparagraph, item) and
//! attaches each line to the right one. Page furniture and footnotes become nodes where they
//! occur, so that they never enter the text of the provision they interrupt.

use std::sync::LazyLock;

use regex::Regex;

use super::ast::{
    Document, Field, FieldKind, ListStyle, Node, NodeId, NodeKind, Numbering, Problem, ProblemKind,
    Punctuation,
};
use super::grammar::{self, EnumStyle, FurnitureItem, GroupingKw, Line, LineKind};
use crate::span::{LineIndex, TextRange};

static INSTRUMENT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(protocol|convention|covenant|agreement|treaty|charter)\b")
        .expect("static regex")
});

/// Words that open a preamble (or its first recital) in treaty texts.
static PREAMBLE_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(The (States|Member States|member States|Parties|High Contracting Parties|Contracting Parties|Contracting States|Governments|States Parties|signatory)|We,? the|Considering|Recalling|Recogni[sz]ing|Noting|Convinced|Concerned|Mindful|Affirming|Reaffirming|Desiring|Desirous|Bearing in mind|Taking into account|Having regard|Determined|Acknowledging|Emphasi[sz]ing|Stressing|Welcoming|Aware|Deeply|Believing|Conscious)\b",
    )
    .expect("static regex")
});

static TITLE_FIELDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<distr>Distr\.?:?\s*\p{L}+)
      | (?P<orig>Original:\s*\p{L}+)
      | (?P<date>(?:^|\s{2})\d{1,2}\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{4}\b)
      | (?P<symbol>\b[A-Z]{1,5}(?:/[A-Z0-9.]+){2,})
      | (?P<job>\b[A-Z]\.\d{2}-\d{4,6}\b)",
    )
    .expect("static regex")
});

/// What the last non-blank, non-furniture line was, for context decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prev {
    Nothing,
    Heading,
    Text { terminal: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Nothing seen yet.
    Start,
    /// Inside a UN-style title block.
    TitleBlock,
    /// After the title: preamble, groupings, articles.
    Body,
}

struct Builder<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    /// Own end of each node (end of the last line attributed to it).
    own_end: Vec<usize>,
    problems: Vec<(ProblemKind, String, TextRange)>,
    stack: Vec<NodeId>,
    phase: Phase,
    title_block: Option<NodeId>,
    pending_caption: Option<NodeId>,
    /// The node that a continuation line extends.
    text_target: Option<NodeId>,
    footnote_zone: bool,
    current_footnote: Option<NodeId>,
    prev: Prev,
    blank_since: bool,
    /// Page furniture came after the last content line: blank lines around a page break do
    /// not end the paragraph it interrupts.
    furniture_since: bool,
    /// The last article's number key in the current numbering scope (instrument or annex).
    last_article: Option<(u32, u32, TextRange)>,
}

/// Parses a text into a document. Never fails.
pub fn parse(source: String) -> Document {
    let lines = grammar::classify(&source);
    build(source, &lines)
}

/// [`parse`], taking the classification of lines seen before from `cache` (the language
/// server's re-check after an edit parses only the lines that changed).
pub fn parse_cached(source: String, cache: &mut grammar::LineCache) -> Document {
    let lines = cache.classify(&source);
    build(source, &lines)
}

fn build(source: String, lines: &[grammar::Line]) -> Document {
    let (nodes, problems) = {
        let mut b = Builder::new(&source);
        for line in lines {
            b.line(line);
        }
        b.finish()
    };
    let index = LineIndex::new(&source);
    let mut doc = Document {
        lines: index,
        nodes,
        problems: Vec::new(),
        source,
    };
    for node in 0..doc.nodes.len() {
        let range = doc.nodes[node].span.range();
        doc.nodes[node].span = doc.span(range);
    }
    doc.problems = problems
        .into_iter()
        .map(|(kind, message, range)| Problem {
            kind,
            message,
            span: doc.span(range),
        })
        .collect();
    doc
}

fn ends_terminal(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | ';' | ':' | '!' | '?' | '”' | '"' | ')' | ']'))
}

/// Value of a lowercase or uppercase roman numeral, if it is one.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            'd' => 500,
            'm' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}

/// Ordinal of a letter label: a=1 ... z=26, aa=27, bb=28.
fn letter_value(s: &str) -> Option<u32> {
    let bytes = s.as_bytes();
    let first = *bytes.first()?;
    if !first.is_ascii_alphabetic() || !bytes.iter().all(|&b| b == first) {
        return None;
    }
    let base = u32::from(first.to_ascii_lowercase() - b'a') + 1;
    Some(base + 26 * (bytes.len() as u32 - 1))
}

/// (base number, suffix rank) of an article or grouping number: "27 bis" → (27, 2).
fn number_key(s: &str) -> Option<(u32, u32)> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = s[digits.len()..].trim().to_ascii_lowercase();
    let rank = match suffix.as_str() {
        "" => 0,
        "bis" => 2,
        "ter" => 3,
        "quater" => 4,
        "quinquies" => 5,
        "sexies" => 6,
        "septies" => 7,
        "octies" => 8,
        "novies" | "nonies" => 9,
        "decies" => 10,
        other if other.len() == 1 => u32::from(other.as_bytes()[0].to_ascii_lowercase()) - 96 + 1,
        _ => 1,
    };
    if !digits.is_empty() {
        return Some((digits.parse().ok()?, rank));
    }
    if let Some(v) = roman_value(s) {
        return Some((v, 0));
    }
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    words
        .iter()
        .position(|w| w.eq_ignore_ascii_case(s))
        .map(|i| (i as u32 + 1, 0))
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        let mut root = Node::new(NodeKind::Document, None, 0);
        root.span.end = src.len();
        Builder {
            src,
            nodes: vec![root],
            own_end: vec![src.len()],
            problems: Vec::new(),
            stack: vec![Document::ROOT],
            phase: Phase::Start,
            title_block: None,
            pending_caption: None,
            text_target: None,
            footnote_zone: false,
            current_footnote: None,
            prev: Prev::Nothing,
            blank_since: false,
            furniture_since: false,
            last_article: None,
        }
    }

    fn text(&self, r: TextRange) -> &'a str {
        &self.src[r.as_range()]
    }

    fn top(&self) -> NodeId {
        *self.stack.last().unwrap_or(&Document::ROOT)
    }

    fn kind(&self, id: NodeId) -> NodeKind {
        self.nodes[id.index()].kind
    }

    /// Adds a node as the last child of `parent`, without opening it.
    fn add(&mut self, kind: NodeKind, parent: NodeId, start: usize) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node::new(kind, Some(parent), start));
        self.own_end.push(start);
        self.nodes[parent.index()].children.push(id);
        id
    }

    /// Adds a node under the top of the stack and opens it.
    fn open(&mut self, kind: NodeKind, start: usize) -> NodeId {
        let id = self.add(kind, self.top(), start);
        self.stack.push(id);
        id
    }

    fn touch(&mut self, id: NodeId, end: usize) {
        let e = &mut self.own_end[id.index()];
        *e = (*e).max(end);
    }

    fn push_text(&mut self, id: NodeId, r: TextRange) {
        if !r.is_empty() {
            self.nodes[id.index()].text.push(r);
            self.touch(id, r.end);
        }
    }

    /// Pops open nodes while `keep_popping` says so.
    fn pop_while(&mut self, keep_popping: impl Fn(NodeKind) -> bool) {
        while self.stack.len() > 1 && keep_popping(self.kind(self.top())) {
            self.stack.pop();
        }
    }

    fn problem(&mut self, kind: ProblemKind, message: String, range: TextRange) {
        self.problems.push((kind, message, range));
    }

    /// The current instrument, created on first need.
    fn instrument(&mut self, start: usize) -> NodeId {
        if let Some(&id) = self
            .stack
            .iter()
            .find(|&&id| self.kind(id) == NodeKind::Instrument)
        {
            return id;
        }
        self.stack.truncate(1);
        self.open(NodeKind::Instrument, start)
    }

    fn new_instrument(&mut self, start: usize) -> NodeId {
        self.stack.truncate(1);
        self.last_article = None;
        self.open(NodeKind::Instrument, start)
    }

    fn instrument_has_articles(&self) -> bool {
        self.last_article.is_some()
    }

    fn end_title_block(&mut self) {
        if self.phase == Phase::TitleBlock
            && let Some(tb) = self.title_block
        {
            self.choose_title(tb);
        }
        self.phase = Phase::Body;
        self.pop_while(|k| k == NodeKind::TitleBlock);
    }

    /// The title of a UN-style title block: the last blank-separated group of lines that
    /// names an instrument.
    fn choose_title(&mut self, tb: NodeId) {
        let segments = self.nodes[tb.index()].text.clone();
        let mut groups: Vec<TextRange> = Vec::new();
        let mut last_end = None;
        for seg in segments {
            let joined = last_end.is_some_and(|e: usize| {
                self.src[e..seg.start]
                    .chars()
                    .filter(|&c| c == '\n')
                    .count()
                    <= 1
            });
            match groups.last_mut() {
                Some(g) if joined => *g = g.cover(seg),
                _ => groups.push(seg),
            }
            last_end = Some(seg.end);
        }
        if let Some(title) = groups
            .into_iter()
            .rev()
            .find(|g| INSTRUMENT_TITLE.is_match(self.text(*g)))
        {
            let node = &mut self.nodes[tb.index()];
            node.fields.push(Field {
                kind: FieldKind::Title,
                range: title,
            });
            node.heading = Some(title);
            if let Some(parent) = node.parent {
                self.nodes[parent.index()].heading = Some(title);
            }
        }
    }

    /// Whether a plain-text heading or marker line can start here, rather than continue
    /// the sentence of the line before.
    fn may_start_block(&self) -> bool {
        self.blank_since
            || match self.prev {
                Prev::Nothing | Prev::Heading => true,
                Prev::Text { terminal } => terminal,
            }
    }

    fn line(&mut self, line: &Line) {
        if let Some(pb) = line.page_break {
            self.furniture(&[(FieldKind::PageBreak, pb)], pb);
        }
        match &line.kind {
            LineKind::Blank => {
                if !self.furniture_since && line.page_break.is_none() {
                    self.blank_since = true;
                }
                return;
            }
            LineKind::Furniture { items } => {
                self.footnote_zone = false;
                self.current_footnote = None;
                let fields: Vec<(FieldKind, TextRange)> = items
                    .iter()
                    .map(|(item, r)| {
                        let kind = match item {
                            FurnitureItem::PageCounter => FieldKind::PageCounter,
                            FurnitureItem::JobNumber => FieldKind::JobNumber,
                            FurnitureItem::DocSymbol => FieldKind::DocumentSymbol,
                            FurnitureItem::Barcode => FieldKind::Barcode,
                            FurnitureItem::PageNumber => FieldKind::PageNumber,
                        };
                        (kind, *r)
                    })
                    .collect();
                if self.phase != Phase::Body && !line.markdown {
                    let tb = self.title_block_node(line.content.start);
                    for (kind, range) in fields {
                        self.nodes[tb.index()].fields.push(Field { kind, range });
                    }
                    self.touch(tb, line.content.end);
                } else {
                    self.furniture(&fields, line.content);
                }
                return;
            }
            LineKind::Comment => {
                // Kept as a node where it occurs, out of the provision's text, like furniture;
                // it does not end a footnote zone or the paragraph it sits in.
                let zone = (self.footnote_zone, self.current_footnote);
                match self.current_footnote.filter(|_| self.footnote_zone) {
                    // Inside a footnote that goes on after it: the footnote's child, so that
                    // the footnote's span does not overlap a sibling.
                    Some(footnote) => {
                        let id = self.add(NodeKind::Furniture, footnote, line.content.start);
                        self.touch(id, line.content.end);
                        self.nodes[id.index()].fields = vec![Field {
                            kind: FieldKind::Comment,
                            range: line.content,
                        }];
                    }
                    None => self.furniture(&[(FieldKind::Comment, line.content)], line.content),
                }
                (self.footnote_zone, self.current_footnote) = zone;
                return;
            }
            LineKind::FootnoteRule => {
                self.furniture(&[(FieldKind::FootnoteRule, line.content)], line.content);
                self.footnote_zone = true;
                self.current_footnote = None;
                return;
            }
            _ => {}
        }

        if self.footnote_zone && self.footnote_line(line) {
            self.blank_since = false;
            return;
        }

        self.handle(line);
        self.blank_since = false;
        self.furniture_since = false;
    }

    /// Lines in the footnote zone. Returns false when the zone has ended and the line must
    /// be handled as ordinary text.
    fn footnote_line(&mut self, line: &Line) -> bool {
        match &line.kind {
            LineKind::FootnoteText { number, body } => {
                let parent = self.top();
                let id = self.add(NodeKind::Footnote, parent, line.content.start);
                self.nodes[id.index()].number = Some(*number);
                self.push_text(id, *body);
                self.current_footnote = Some(id);
                true
            }
            LineKind::Text | LineKind::Para { .. } | LineKind::Enum { .. }
                if !self.blank_since && self.current_footnote.is_some() =>
            {
                if let Some(id) = self.current_footnote {
                    self.push_text(id, line.content);
                }
                true
            }
            _ => {
                self.footnote_zone = false;
                self.current_footnote = None;
                false
            }
        }
    }

    /// A furniture node under the deepest open node; it does not interrupt the text.
    fn furniture(&mut self, fields: &[(FieldKind, TextRange)], range: TextRange) {
        let parent = self.top();
        let id = self.add(NodeKind::Furniture, parent, range.start);
        self.touch(id, range.end);
        self.nodes[id.index()].fields = fields
            .iter()
            .map(|&(kind, range)| Field { kind, range })
            .collect();
        if fields.iter().any(|(k, _)| *k != FieldKind::FootnoteRule) {
            self.footnote_zone = false;
            self.current_footnote = None;
        }
        self.blank_since = false;
        self.furniture_since = true;
    }

    fn title_block_node(&mut self, start: usize) -> NodeId {
        if let Some(tb) = self.title_block.filter(|_| self.phase == Phase::TitleBlock) {
            return tb;
        }
        let inst = self.instrument(start);
        self.stack.truncate(
            self.stack
                .iter()
                .position(|&i| i == inst)
                .map_or(self.stack.len(), |p| p + 1),
        );
        let tb = self.open(NodeKind::TitleBlock, start);
        self.title_block = Some(tb);
        self.phase = Phase::TitleBlock;
        tb
    }

    fn handle(&mut self, line: &Line) {
        let content = line.content;
        // A caption on the line after an article or grouping heading.
        if let Some(target) = self.pending_caption {
            let caption = match &line.kind {
                LineKind::MdText { text } => Some(*text),
                LineKind::Text if !line.markdown && self.looks_like_caption(content) => {
                    Some(content)
                }
                _ => None,
            };
            self.pending_caption = None;
            if let Some(mut c) = caption {
                // ECHR captions read "####- Right to life".
                let t = self.text(c);
                if let Some(stripped) = t.strip_prefix("- ") {
                    c = TextRange::new(c.end - stripped.len(), c.end);
                }
                if !c.is_empty() {
                    self.nodes[target.index()].heading = Some(c);
                    self.touch(target, c.end);
                }
                self.prev = Prev::Heading;
                return;
            }
        }

        match line.kind.clone() {
            LineKind::MdText { text } => self.md_text(line, text),
            LineKind::Article { number, caption } => {
                if !line.markdown && !self.may_start_block() {
                    return self.plain_text(line);
                }
                self.article(content, number, caption);
            }
            LineKind::Grouping {
                kw,
                number,
                caption,
            } => {
                if !line.markdown && !self.may_start_block() {
                    return self.plain_text(line);
                }
                self.grouping(content, kw, number, caption);
            }
            LineKind::Annex { number, caption } => {
                if !line.markdown && !self.may_start_block() {
                    return self.plain_text(line);
                }
                self.end_title_block();
                let inst = self.instrument(content.start);
                self.pop_to(inst);
                let id = self.open(NodeKind::Annex, content.start);
                self.touch(id, content.end);
                self.nodes[id.index()].number = number;
                self.nodes[id.index()].heading = caption;
                if caption.is_none() {
                    self.pending_caption = Some(id);
                }
                self.last_article = None;
                self.text_target = None;
                self.prev = Prev::Heading;
            }
            LineKind::Preamble { inline } => {
                if self.instrument_has_articles() {
                    return self.plain_text(line);
                }
                self.end_title_block();
                let inst = self.instrument(content.start);
                self.pop_to(inst);
                let id = self.open(NodeKind::Preamble, content.start);
                self.touch(id, content.end);
                if let Some(t) = inline {
                    self.push_text(id, t);
                    self.text_target = Some(id);
                    self.prev = Prev::Text {
                        terminal: ends_terminal(self.text(t)),
                    };
                } else {
                    self.text_target = Some(id);
                    self.prev = Prev::Heading;
                }
            }
            LineKind::Testimonium => {
                self.end_title_block();
                let inst = self.instrument(content.start);
                self.pop_to(inst);
                let id = self.open(NodeKind::Text, content.start);
                self.push_text(id, content);
                self.text_target = Some(id);
                self.prev = Prev::Text {
                    terminal: ends_terminal(self.text(content)),
                };
            }
            LineKind::Para { number, body } => self.para(line, number, body),
            LineKind::Enum { style, label, body } => self.enumerated(line, style, label, body),
            LineKind::FootnoteText { .. } | LineKind::Text => self.plain_text(line),
            LineKind::Blank
            | LineKind::Furniture { .. }
            | LineKind::FootnoteRule
            | LineKind::Comment => {}
        }
    }

    fn looks_like_caption(&self, r: TextRange) -> bool {
        let t = self.text(r);
        let first_upper = t.chars().next().is_some_and(|c| {
            c.is_alphanumeric() && !c.is_lowercase() || matches!(c, '“' | '"' | '[')
        });
        t.chars().count() <= 160
            && first_upper
            && !t.trim_end().ends_with([',', ';', '.'])
            && !PREAMBLE_OPENER.is_match(t)
    }

    /// Pops the stack down to `id` (kept open).
    fn pop_to(&mut self, id: NodeId) {
        if let Some(p) = self.stack.iter().position(|&i| i == id) {
            self.stack.truncate(p + 1);
        }
    }

    fn md_text(&mut self, line: &Line, text: TextRange) {
        let content = line.content;
        if text.is_empty() {
            return;
        }
        if self.phase == Phase::Start {
            let inst = self.instrument(content.start);
            let tb = self.open(NodeKind::TitleBlock, content.start);
            self.nodes[tb.index()].fields.push(Field {
                kind: FieldKind::Title,
                range: text,
            });
            self.nodes[tb.index()].heading = Some(text);
            self.nodes[inst.index()].heading = Some(text);
            self.touch(tb, content.end);
            self.stack.pop();
            self.phase = Phase::Body;
            self.prev = Prev::Heading;
            self.text_target = None;
            return;
        }
        if self.instrument_has_articles() && INSTRUMENT_TITLE.is_match(self.text(text)) {
            let inst = self.new_instrument(content.start);
            let tb = self.open(NodeKind::TitleBlock, content.start);
            self.nodes[tb.index()].fields.push(Field {
                kind: FieldKind::Title,
                range: text,
            });
            self.nodes[tb.index()].heading = Some(text);
            self.nodes[inst.index()].heading = Some(text);
            self.touch(tb, content.end);
            self.stack.pop();
            self.prev = Prev::Heading;
            self.text_target = None;
            return;
        }
        // Any other heading: a text block with a heading, at the level of the groupings.
        self.end_title_block();
        self.instrument(content.start);
        self.pop_while(|k| !k.is_grouping() && k != NodeKind::Instrument && k != NodeKind::Annex);
        let parent = self.top();
        let id = self.add(NodeKind::Text, parent, content.start);
        self.nodes[id.index()].heading = Some(text);
        self.touch(id, content.end);
        self.text_target = None;
        self.prev = Prev::Heading;
    }

    fn article(&mut self, content: TextRange, number: TextRange, caption: Option<TextRange>) {
        self.end_title_block();
        let key = number_key(self.text(number));
        // Numbering that restarts at 1 after it had progressed starts a new instrument.
        let in_annex = self.stack.iter().any(|&i| self.kind(i) == NodeKind::Annex);
        if let (Some((1, 0)), Some((last, _, _))) = (key, self.last_article)
            && last > 1
            && !in_annex
        {
            self.new_instrument(content.start);
        }
        self.instrument(content.start);
        self.pop_while(|k| !k.is_grouping() && k != NodeKind::Instrument && k != NodeKind::Annex);
        let id = self.open(NodeKind::Article, content.start);
        self.touch(id, content.end);
        self.nodes[id.index()].number = Some(number);
        self.nodes[id.index()].heading = caption;
        if caption.is_none() {
            self.pending_caption = Some(id);
        }
        self.check_article_number(key, number);
        self.text_target = None;
        self.prev = Prev::Heading;
    }

    fn check_article_number(&mut self, key: Option<(u32, u32)>, number: TextRange) {
        let Some((n, suffix)) = key else {
            return;
        };
        let shown = self.text(number).to_string();
        if let Some((last, last_suffix, last_range)) = self.last_article {
            let last_shown = self.text(last_range).to_string();
            if n == last && suffix <= last_suffix {
                self.problem(
                    ProblemKind::DuplicateNumber,
                    format!("article {shown} appears twice (first as article {last_shown})"),
                    number,
                );
            } else if n < last {
                self.problem(
                    ProblemKind::OutOfOrderNumber,
                    format!("article {shown} comes after article {last_shown}"),
                    number,
                );
            } else if n > last + 1 {
                let missing = if n == last + 2 {
                    format!("article {} is missing", last + 1)
                } else {
                    format!("articles {} to {} are missing", last + 1, n - 1)
                };
                self.problem(
                    ProblemKind::SkippedNumber,
                    format!("article {shown} follows article {last_shown}: {missing}"),
                    number,
                );
            }
            if n < last {
                return;
            }
        } else if n > 1 && suffix == 0 {
            // A first article other than 1 is common in extracts; not a problem.
        }
        self.last_article = Some((n, suffix, number));
    }

    fn grouping(
        &mut self,
        content: TextRange,
        kw: GroupingKw,
        number: TextRange,
        caption: Option<TextRange>,
    ) {
        self.end_title_block();
        let kind = match kw {
            GroupingKw::Part => NodeKind::Part,
            GroupingKw::Chapter => NodeKind::Chapter,
            GroupingKw::Section => NodeKind::Section,
            GroupingKw::Title => NodeKind::Title,
            GroupingKw::Subsection => NodeKind::Subsection,
        };
        self.instrument(content.start);
        let rank = kind.grouping_rank();
        self.pop_while(|k| {
            !(k == NodeKind::Instrument
                || k == NodeKind::Annex
                || k.is_grouping() && k.grouping_rank() < rank)
        });
        // Numbering among siblings of the same kind.
        let parent = self.top();
        let key = number_key(self.text(number));
        let last_sibling = self.nodes[parent.index()]
            .children
            .iter()
            .rev()
            .find(|&&c| self.kind(c) == kind)
            .and_then(|&c| self.nodes[c.index()].number);
        if let (Some((n, _)), Some(last_range)) = (key, last_sibling)
            && let Some((last, _)) = number_key(self.text(last_range))
        {
            let name = kind.name();
            let shown = format!("{name} {}", self.text(number));
            let last_shown = format!("{name} {}", self.text(last_range));
            self.check_sequence(n, last, &shown, &last_shown, number);
        }
        let id = self.open(kind, content.start);
        self.touch(id, content.end);
        self.nodes[id.index()].number = Some(number);
        self.nodes[id.index()].heading = caption;
        if caption.is_none() {
            self.pending_caption = Some(id);
        }
        self.text_target = None;
        self.prev = Prev::Heading;
    }

    /// The node numbered blocks of a level go under: pops to the nearest container.
    fn pop_to_container(&mut self, levels: &[NodeKind]) {
        self.pop_while(|k| {
            !(levels.contains(&k)
                || k == NodeKind::Article
                || k == NodeKind::Preamble
                || k == NodeKind::Annex
                || k == NodeKind::Instrument
                || k.is_grouping())
        });
    }

    /// Number of the last child of `kind` under `parent`, as a value.
    fn last_child_value(
        &self,
        parent: NodeId,
        kind: NodeKind,
        value: impl Fn(&str) -> Option<u32>,
    ) -> Option<(u32, TextRange)> {
        self.nodes[parent.index()]
            .children
            .iter()
            .rev()
            .filter(|&&c| self.kind(c) == kind)
            .find_map(|&c| self.nodes[c.index()].number)
            .and_then(|r| value(self.text(r)).map(|v| (v, r)))
    }

    fn para(&mut self, line: &Line, number: TextRange, body: Option<TextRange>) {
        let content = line.content;
        if self.phase != Phase::Body {
            self.end_title_block();
        }
        let n: u32 = self.text(number).parse().unwrap_or(0);
        // Where would it go, and what number is expected there?
        let container = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|&i| {
                let k = self.kind(i);
                k == NodeKind::Article
                    || k == NodeKind::Preamble
                    || k == NodeKind::Annex
                    || k == NodeKind::Instrument
                    || k.is_grouping()
            })
            .unwrap_or(Document::ROOT);
        let last = self.last_child_value(container, NodeKind::Paragraph, |s| s.parse().ok());
        let expected = last.map_or(1, |(v, _)| v + 1);
        if n != expected && !self.may_start_block() {
            return self.plain_text(line);
        }
        self.instrument(content.start);
        self.pop_to_container(&[]);
        let id = self.open(NodeKind::Paragraph, content.start);
        self.touch(id, content.end);
        let parens = self.src[content.start..].starts_with('(');
        let node = &mut self.nodes[id.index()];
        node.number = Some(number);
        node.marker = Some(TextRange::new(
            content.start,
            (number.end + 1).min(content.end),
        ));
        node.style = Some(ListStyle {
            numbering: Numbering::Arabic,
            punctuation: if parens {
                Punctuation::Parens
            } else {
                Punctuation::Dot
            },
        });
        if let Some(b) = body {
            self.push_text(id, b);
        }
        self.text_target = Some(id);
        self.prev = match body {
            Some(b) => Prev::Text {
                terminal: ends_terminal(self.text(b)),
            },
            None => Prev::Heading,
        };
        if let Some((v, r)) = last {
            let shown = format!("paragraph {}", self.text(number));
            let last_shown = format!("paragraph {}", self.text(r));
            self.check_sequence(n, v, &shown, &last_shown, number);
        } else if n > 1 {
            self.problem(
                ProblemKind::SkippedNumber,
                format!("the first paragraph is numbered {n}"),
                number,
            );
        }
    }

    /// Reports a number that repeats, goes back or skips, relative to the one before it.
    fn check_sequence(
        &mut self,
        value: u32,
        last: u32,
        shown: &str,
        last_shown: &str,
        range: TextRange,
    ) {
        let (kind, message) = if value == last {
            (
                ProblemKind::DuplicateNumber,
                format!("{shown} appears twice"),
            )
        } else if value < last {
            (
                ProblemKind::OutOfOrderNumber,
                format!("{shown} comes after {last_shown}"),
            )
        } else if value > last + 1 {
            (
                ProblemKind::SkippedNumber,
                format!("{shown} follows {last_shown}"),
            )
        } else {
            return;
        };
        self.problem(kind, message, range);
    }

    fn enumerated(
        &mut self,
        line: &Line,
        style: EnumStyle,
        label: TextRange,
        body: Option<TextRange>,
    ) {
        let content = line.content;
        let l = self.text(label);
        let upper = l.chars().all(|c| c.is_ascii_uppercase());
        let roman = roman_value(l)
            .filter(|_| !upper && l.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')));
        let letter = letter_value(l);
        // Multi-letter labels must be roman numerals or doubled letters; "a." needs one letter.
        let valid = match style {
            EnumStyle::Dot => !upper && (l.len() == 1 || roman.is_some()),
            _ => l.len() == 1 || roman.is_some() || letter.is_some(),
        };
        if !valid {
            return self.plain_text(line);
        }
        let punctuation = match style {
            EnumStyle::Parens => Punctuation::Parens,
            EnumStyle::Close => Punctuation::Close,
            EnumStyle::Dot => Punctuation::Dot,
        };
        // The open list nodes, deepest first, down to the paragraph or article.
        let open: Vec<NodeId> = self
            .stack
            .iter()
            .rev()
            .copied()
            .take_while(|&i| matches!(self.kind(i), NodeKind::Subparagraph | NodeKind::Item))
            .collect();
        let style_of = |i: NodeId| self.nodes[i.index()].style;
        let value_in = |i: NodeId, numbering: Numbering| {
            self.nodes[i.index()].number.and_then(|r| {
                let t = self.text(r);
                match numbering {
                    Numbering::Roman => roman_value(t),
                    _ => letter_value(t),
                }
            })
        };
        // An open node of the same style makes this its sibling. "(i)" after "(h)" is a letter.
        let candidates: Vec<Numbering> = if upper {
            vec![Numbering::Upper]
        } else {
            let mut c = Vec::new();
            if let Some(lv) = letter {
                let continues = open.iter().any(|&i| {
                    style_of(i).is_some_and(|s| {
                        s.numbering == Numbering::Letter && s.punctuation == punctuation
                    }) && value_in(i, Numbering::Letter) == Some(lv - 1)
                });
                if roman.is_none() || continues {
                    c.push(Numbering::Letter);
                }
            }
            if roman.is_some() {
                c.push(Numbering::Roman);
            }
            c
        };
        let sibling = candidates.iter().find_map(|&n| {
            open.iter()
                .copied()
                .find(|&i| {
                    style_of(i)
                        == Some(ListStyle {
                            numbering: n,
                            punctuation,
                        })
                })
                .map(|i| (i, n))
        });
        let (kind, numbering, container) = match sibling {
            Some((s, n)) => (
                self.kind(s),
                n,
                self.nodes[s.index()].parent.unwrap_or(Document::ROOT),
            ),
            None => {
                let n = candidates.first().copied().unwrap_or(Numbering::Letter);
                match open.first() {
                    Some(&deepest) => (NodeKind::Item, n, deepest),
                    None => {
                        let kind = if n == Numbering::Roman {
                            NodeKind::Item
                        } else {
                            NodeKind::Subparagraph
                        };
                        let container = self
                            .stack
                            .iter()
                            .rev()
                            .copied()
                            .find(|&i| {
                                let k = self.kind(i);
                                matches!(
                                    k,
                                    NodeKind::Paragraph
                                        | NodeKind::Article
                                        | NodeKind::Preamble
                                        | NodeKind::Annex
                                        | NodeKind::Instrument
                                ) || k.is_grouping()
                            })
                            .unwrap_or(Document::ROOT);
                        (kind, n, container)
                    }
                }
            }
        };
        let list_style = ListStyle {
            numbering,
            punctuation,
        };
        let value = match numbering {
            Numbering::Roman => roman,
            _ => letter,
        };
        let last = self.nodes[container.index()]
            .children
            .iter()
            .rev()
            .copied()
            .find(|&c| self.nodes[c.index()].style == Some(list_style))
            .and_then(|c| {
                value_in(c, numbering)
                    .map(|v| (v, self.nodes[c.index()].number.unwrap_or_default()))
            });
        let expected = last.map_or(1, |(v, _)| v + 1);
        if value != Some(expected) && !self.may_start_block() {
            return self.plain_text(line);
        }
        if self.phase != Phase::Body {
            self.end_title_block();
        }
        self.instrument(content.start);
        self.pop_to(container);
        let id = self.open(kind, content.start);
        self.touch(id, content.end);
        let marker_end = label.end + 1;
        let node = &mut self.nodes[id.index()];
        node.number = Some(label);
        node.marker = Some(TextRange::new(content.start, marker_end.min(content.end)));
        node.style = Some(list_style);
        if let Some(b) = body {
            self.push_text(id, b);
        }
        self.text_target = Some(id);
        self.prev = match body {
            Some(b) => Prev::Text {
                terminal: ends_terminal(self.text(b)),
            },
            None => Prev::Heading,
        };
        if let (Some(v), Some((lv, lr))) = (value, last) {
            let name = kind.name();
            let shown = format!("{name} ({})", self.text(label));
            let last_shown = format!("({})", self.text(lr));
            self.check_sequence(v, lv, &shown, &last_shown, label);
        }
    }

    fn plain_text(&mut self, line: &Line) {
        let content = line.content;
        let terminal = ends_terminal(self.text(content));
        match self.phase {
            Phase::Start | Phase::TitleBlock => {
                if PREAMBLE_OPENER.is_match(self.text(content)) || line.markdown {
                    self.end_title_block();
                    let inst = self.instrument(content.start);
                    self.pop_to(inst);
                    let id = self.open(NodeKind::Preamble, content.start);
                    self.push_text(id, content);
                    self.text_target = Some(id);
                } else {
                    let tb = self.title_block_node(content.start);
                    self.push_text(tb, content);
                    let fields: Vec<Field> = TITLE_FIELDS
                        .captures_iter(self.text(content))
                        .filter_map(|c| {
                            let (kind, m) = if let Some(m) = c.name("distr") {
                                (FieldKind::Distribution, m)
                            } else if let Some(m) = c.name("orig") {
                                (FieldKind::OriginalLanguage, m)
                            } else if let Some(m) = c.name("date") {
                                (FieldKind::Date, m)
                            } else if let Some(m) = c.name("symbol") {
                                (FieldKind::DocumentSymbol, m)
                            } else {
                                (FieldKind::JobNumber, c.name("job")?)
                            };
                            Some(Field {
                                kind,
                                range: TextRange::new(
                                    content.start + m.start(),
                                    content.start + m.end(),
                                ),
                            })
                        })
                        .collect();
                    self.nodes[tb.index()].fields.extend(fields);
                }
                self.prev = Prev::Text { terminal };
                return;
            }
            Phase::Body => {}
        }

        // A continuation line of the block being read.
        if !self.blank_since
            && let Some(t) = self.text_target
            && (self.stack.contains(&t)
                || self.nodes[t.index()]
                    .parent
                    .is_some_and(|p| self.stack.contains(&p)))
        {
            self.push_text(t, content);
            self.prev = Prev::Text { terminal };
            return;
        }

        // A new block.
        let inst = self.instrument(content.start);
        let top_kind = self.kind(self.top());
        let id = if top_kind == NodeKind::Preamble {
            let top = self.top();
            self.push_text(top, content);
            top
        } else if !self.instrument_has_articles()
            && !self
                .stack
                .iter()
                .any(|&i| self.kind(i).is_grouping() || self.kind(i) == NodeKind::Annex)
        {
            self.pop_to(inst);
            let id = self.open(NodeKind::Preamble, content.start);
            self.push_text(id, content);
            id
        } else if top_kind == NodeKind::Article
            && !self.nodes[self.top().index()]
                .children
                .iter()
                .any(|&c| self.kind(c) == NodeKind::Paragraph)
        {
            // An article without numbered paragraphs: an unnumbered paragraph.
            let id = self.open(NodeKind::Paragraph, content.start);
            self.push_text(id, content);
            id
        } else {
            // Text after a list, or between headings: a text block under the nearest paragraph
            // or container.
            self.pop_to_container(&[NodeKind::Paragraph]);
            let id = self.open(NodeKind::Text, content.start);
            self.push_text(id, content);
            id
        };
        self.text_target = Some(id);
        self.prev = Prev::Text { terminal };
    }

    fn finish(mut self) -> (Vec<Node>, Vec<(ProblemKind, String, TextRange)>) {
        if self.phase == Phase::TitleBlock
            && let Some(tb) = self.title_block
        {
            self.choose_title(tb);
        }
        // Spans: own extent covered with the children's, bottom-up (children have larger ids).
        for i in (1..self.nodes.len()).rev() {
            let start = self.nodes[i].span.start;
            let end = self.own_end[i].max(start);
            let mut range = TextRange::new(start, end);
            for &c in &self.nodes[i].children {
                range = range.cover(self.nodes[c.index()].span.range());
            }
            self.nodes[i].span.start = range.start;
            self.nodes[i].span.end = range.end;
        }
        // Empty articles.
        for i in 0..self.nodes.len() {
            let node = &self.nodes[i];
            if node.kind == NodeKind::Article
                && node.text.is_empty()
                && node
                    .children
                    .iter()
                    .all(|&c| self.nodes[c.index()].kind == NodeKind::Furniture)
            {
                let number = node.number.map(|r| self.text(r)).unwrap_or("");
                let range = node.span.range();
                self.problems.push((
                    ProblemKind::EmptyArticle,
                    format!("article {number} has a heading but no text"),
                    range,
                ));
            }
        }
        annotate(self.src, &mut self.nodes);
        self.problems.sort_by_key(|p| (p.2.start, p.0));
        (self.nodes, self.problems)
    }
}

/// Brackets, ad referendum markers and footnote markers, from each node's own text.
fn annotate(src: &str, nodes: &mut [Node]) {
    let footnotes: Vec<&str> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Footnote)
        .filter_map(|n| n.number.map(|r| &src[r.as_range()]))
        .collect();
    let mut refs_by_node = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.kind == NodeKind::Furniture || node.kind == NodeKind::Footnote {
            continue;
        }
        let mut segments: Vec<TextRange> = node
            .heading
            .into_iter()
            .chain(node.text.iter().copied())
            .collect();
        segments.sort();
        let mut depth = 0usize;
        let mut open_at = 0usize;
        let mut groups = Vec::new();
        for seg in &segments {
            for (off, c) in src[seg.as_range()].char_indices() {
                match c {
                    '[' => {
                        if depth == 0 {
                            open_at = seg.start + off;
                        }
                        depth += 1;
                    }
                    ']' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            groups.push(TextRange::new(open_at, seg.start + off + 1));
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut refs = Vec::new();
        if !footnotes.is_empty() {
            for seg in &segments {
                let s = &src[seg.as_range()];
                let bytes = s.as_bytes();
                let mut j = 1;
                while j < bytes.len() {
                    if bytes[j].is_ascii_digit() && !bytes[j - 1].is_ascii_digit() {
                        let before = s[..j].chars().next_back().unwrap_or(' ');
                        let mut k = j;
                        while k < bytes.len() && bytes[k].is_ascii_digit() {
                            k += 1;
                        }
                        let after_ok = k == bytes.len() || !bytes[k].is_ascii_alphanumeric();
                        let before_ok = before.is_lowercase()
                            || matches!(
                                before,
                                ')' | ']' | '.' | ',' | ';' | ':' | '”' | '"' | '’'
                            );
                        if before_ok && after_ok && footnotes.contains(&&s[j..k]) {
                            refs.push(TextRange::new(seg.start + j, seg.start + k));
                        }
                        j = k;
                    } else {
                        j += 1;
                    }
                }
            }
        }
        refs_by_node.push((i, groups, refs));
    }
    for (i, groups, refs) in refs_by_node {
        let (ad_ref, brackets): (Vec<TextRange>, Vec<TextRange>) =
            groups.into_iter().partition(|g| {
                src[g.as_range()]
                    .to_ascii_lowercase()
                    .contains("ad referendum")
            });
        nodes[i].brackets = brackets;
        nodes[i].ad_referendum = ad_ref;
        nodes[i].footnote_refs = refs;
    }
}
