//! The document tree: a value type with exact spans, stored in an arena.
//!
//! The tree holds no semantic information (no modality, no references): that is the
//! semantic model's job. Text is never copied: nodes hold byte ranges into the source,
//! which the document owns.

use crate::span::{LineIndex, Span, TextRange};

/// Index of a node in its document's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The file.
    Document,
    /// One treaty in the file (a covenant and its optional protocol are two).
    Instrument,
    /// Document symbol, distribution, date, title.
    TitleBlock,
    Preamble,
    Part,
    Chapter,
    Section,
    Title,
    Subsection,
    Article,
    /// "1."
    Paragraph,
    /// "(a)"
    Subparagraph,
    /// "(i)"
    Item,
    Annex,
    Footnote,
    /// Running headers and footers of a converted PDF: document symbol, job number, page counter.
    Furniture,
    /// Anything not recognised, and closing formulas ("IN WITNESS WHEREOF").
    Text,
}

impl NodeKind {
    /// The name used in JSON and the tree outline.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Document => "document",
            NodeKind::Instrument => "instrument",
            NodeKind::TitleBlock => "title_block",
            NodeKind::Preamble => "preamble",
            NodeKind::Part => "part",
            NodeKind::Chapter => "chapter",
            NodeKind::Section => "section",
            NodeKind::Title => "title",
            NodeKind::Subsection => "subsection",
            NodeKind::Article => "article",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Subparagraph => "subparagraph",
            NodeKind::Item => "item",
            NodeKind::Annex => "annex",
            NodeKind::Footnote => "footnote",
            NodeKind::Furniture => "furniture",
            NodeKind::Text => "text",
        }
    }

    /// Part, chapter, section, title, subsection.
    pub fn is_grouping(self) -> bool {
        matches!(
            self,
            NodeKind::Part
                | NodeKind::Chapter
                | NodeKind::Section
                | NodeKind::Title
                | NodeKind::Subsection
        )
    }

    /// Nesting rank of groupings: a part holds chapters, a chapter sections, and so on.
    pub fn grouping_rank(self) -> u8 {
        match self {
            NodeKind::Part => 1,
            NodeKind::Chapter => 2,
            NodeKind::Section => 3,
            NodeKind::Title => 4,
            NodeKind::Subsection => 5,
            _ => 0,
        }
    }

    /// Blocks whose own text is provision text (what rules read).
    pub fn is_provision(self) -> bool {
        matches!(
            self,
            NodeKind::Paragraph | NodeKind::Subparagraph | NodeKind::Item | NodeKind::Text
        )
    }
}

/// What a furniture line or title-block field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    DocumentSymbol,
    JobNumber,
    PageCounter,
    PageNumber,
    Barcode,
    PageBreak,
    FootnoteRule,
    /// An HTML comment line (Markdown drafts); suppression directives live here.
    Comment,
    Distribution,
    Date,
    OriginalLanguage,
    Title,
}

impl FieldKind {
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::DocumentSymbol => "document_symbol",
            FieldKind::JobNumber => "job_number",
            FieldKind::PageCounter => "page_counter",
            FieldKind::PageNumber => "page_number",
            FieldKind::Barcode => "barcode",
            FieldKind::PageBreak => "page_break",
            FieldKind::FootnoteRule => "footnote_rule",
            FieldKind::Comment => "comment",
            FieldKind::Distribution => "distribution",
            FieldKind::Date => "date",
            FieldKind::OriginalLanguage => "original_language",
            FieldKind::Title => "title",
        }
    }
}

/// How a paragraph, subparagraph or item is numbered: "1.", "(a)", "a)", "a.", "(iv)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ListStyle {
    pub numbering: Numbering,
    pub punctuation: Punctuation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Numbering {
    Arabic,
    Letter,
    Roman,
    Upper,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Punctuation {
    /// "(a)"
    Parens,
    /// "a)"
    Close,
    /// "a."
    Dot,
}

/// A labelled piece of a node: a title-block field or a furniture item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    pub range: TextRange,
}

/// A node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    /// The number as printed, without the keyword or punctuation: "27 bis", "III", "1", "a", "iv".
    pub number: Option<TextRange>,
    /// The marker as printed ("1.", "(a)") and how it numbers.
    pub marker: Option<TextRange>,
    pub style: Option<ListStyle>,
    /// The caption or heading text: "Conditions and safeguards".
    pub heading: Option<TextRange>,
    /// The node's own text, line by line, excluding markers, headings and children.
    pub text: Vec<TextRange>,
    /// Square-bracketed spans in the node's own text or heading (undecided text).
    pub brackets: Vec<TextRange>,
    /// "[agreed ad referendum]" markers.
    pub ad_referendum: Vec<TextRange>,
    /// Footnote markers ("offences1"): the digits' range.
    pub footnote_refs: Vec<TextRange>,
    /// Title-block fields, or the items of a furniture line.
    pub fields: Vec<Field>,
}

impl Node {
    pub(crate) fn new(kind: NodeKind, parent: Option<NodeId>, start: usize) -> Self {
        Node {
            kind,
            span: Span {
                start,
                end: start,
                ..Span::default()
            },
            parent,
            children: Vec::new(),
            number: None,
            marker: None,
            style: None,
            heading: None,
            text: Vec::new(),
            brackets: Vec::new(),
            ad_referendum: Vec::new(),
            footnote_refs: Vec::new(),
            fields: Vec::new(),
        }
    }

    pub fn range(&self) -> TextRange {
        self.span.range()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    DuplicateNumber,
    SkippedNumber,
    OutOfOrderNumber,
    EmptyArticle,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::DuplicateNumber => "duplicate-number",
            ProblemKind::SkippedNumber => "skipped-number",
            ProblemKind::OutOfOrderNumber => "out-of-order-number",
            ProblemKind::EmptyArticle => "empty-article",
        }
    }
}

/// Odd structure found while parsing. Parsing never fails; it reports these instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    pub span: Span,
}

/// A parsed document: the source, its line index, the node arena and the problems.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: String,
    pub lines: LineIndex,
    pub nodes: Vec<Node>,
    pub problems: Vec<Problem>,
}

impl Document {
    pub const ROOT: NodeId = NodeId(0);

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn root(&self) -> &Node {
        &self.nodes[0]
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.source.get(range.as_range()).unwrap_or("")
    }

    pub fn span(&self, range: TextRange) -> Span {
        self.lines.span(&self.source, range)
    }

    /// The number as printed, if any.
    pub fn number(&self, id: NodeId) -> Option<&str> {
        self.node(id).number.map(|r| self.slice(r))
    }

    /// The caption, if any.
    pub fn heading(&self, id: NodeId) -> Option<&str> {
        self.node(id).heading.map(|r| self.slice(r))
    }

    /// All node ids in document order (pre-order).
    pub fn preorder(&self) -> Vec<NodeId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![Self::ROOT];
        while let Some(id) = stack.pop() {
            out.push(id);
            stack.extend(self.node(id).children.iter().rev().copied());
        }
        out
    }

    /// Ids of the nodes of a kind, in document order.
    pub fn of_kind(&self, kind: NodeKind) -> impl Iterator<Item = NodeId> + '_ {
        self.preorder()
            .into_iter()
            .filter(move |&id| self.node(id).kind == kind)
    }

    /// The ancestors of a node, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.node(id).parent, move |&p| self.node(p).parent)
    }

    /// The nearest ancestor-or-self of a kind.
    pub fn enclosing(&self, id: NodeId, kind: NodeKind) -> Option<NodeId> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&a| self.node(a).kind == kind)
    }
}
