//! The pest grammar (grammar/treaty.pest) and the classified lines it yields.
//!
//! Only this module sees pest's `Pairs`; the rest of the crate sees [`Line`]s.

use std::collections::HashMap;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::span::TextRange;

#[derive(Parser)]
#[grammar = "grammar/treaty.pest"]
struct TreatyGrammar;

/// Which heading keyword opened a grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupingKw {
    Part,
    Chapter,
    Section,
    Title,
    Subsection,
}

/// How an enumeration label was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumStyle {
    /// "(a)"
    Parens,
    /// "a)"
    Close,
    /// "a."
    Dot,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// A Markdown heading whose text is not structural (a caption or a title).
    MdText {
        text: TextRange,
    },
    Article {
        number: TextRange,
        caption: Option<TextRange>,
    },
    Grouping {
        kw: GroupingKw,
        number: TextRange,
        caption: Option<TextRange>,
    },
    Annex {
        number: Option<TextRange>,
        caption: Option<TextRange>,
    },
    Preamble {
        inline: Option<TextRange>,
    },
    Testimonium,
    Furniture {
        items: Vec<(FurnitureItem, TextRange)>,
    },
    FootnoteRule,
    /// `<!-- ... -->` on a line of its own.
    Comment,
    Para {
        number: TextRange,
        body: Option<TextRange>,
    },
    Enum {
        style: EnumStyle,
        label: TextRange,
        body: Option<TextRange>,
    },
    FootnoteText {
        number: TextRange,
        body: TextRange,
    },
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FurnitureItem {
    PageCounter,
    JobNumber,
    DocSymbol,
    Barcode,
    PageNumber,
}

/// One classified physical line.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line without its line break.
    pub range: TextRange,
    /// The line's content, without the page break, indentation and trailing blanks.
    pub content: TextRange,
    /// A form feed opens the line.
    pub page_break: Option<TextRange>,
    /// The heading came from Markdown `#` marks.
    pub markdown: bool,
    pub kind: LineKind,
}

/// Classifies every line of `text`. Never fails: the grammar is total, and should pest
/// still refuse a line, it falls back to plain text.
///
/// Lines are classified one at a time (the grammar is line-local; what depends on context
/// is the lowering's business), so pest's token queue never holds more than one line, and
/// a short line repeated in the text (blank lines, running headers, headings) is parsed once.
pub fn classify(text: &str) -> Vec<Line> {
    /// Longer lines are nearly always unique: remembering them costs more than it saves.
    const SHORT: usize = 80;
    let mut seen: HashMap<&str, Line> = HashMap::new();
    lines(text)
        .map(|r| {
            let s = &text[r.as_range()];
            if s.len() > SHORT {
                return shifted(&classify_line(s), r.start);
            }
            let rel = seen.entry(s).or_insert_with(|| classify_line(s));
            shifted(rel, r.start)
        })
        .collect()
}

/// The classification of lines met before, kept between checks of a changing document
/// (the language server): after an edit only the lines that changed are parsed again.
#[derive(Debug, Default)]
pub struct LineCache {
    /// Each line's classification, and the last check that met it.
    lines: HashMap<Box<str>, (Line, u64)>,
    check: u64,
}

impl LineCache {
    /// [`classify`], reading lines met before from the cache. Lines the text no longer has
    /// are dropped once they make up half the cache.
    pub fn classify(&mut self, text: &str) -> Vec<Line> {
        self.check += 1;
        let check = self.check;
        let out: Vec<Line> = lines(text)
            .map(|r| {
                let s = &text[r.as_range()];
                let entry = match self.lines.get_mut(s) {
                    Some(entry) => entry,
                    None => self
                        .lines
                        .entry(s.into())
                        .or_insert_with(|| (classify_line(s), check)),
                };
                entry.1 = check;
                shifted(&entry.0, r.start)
            })
            .collect();
        if self.lines.len() > 2 * out.len() + 64 {
            self.lines.retain(|_, (_, seen)| *seen == check);
        }
        out
    }
}

/// The ranges of the lines of a text, without their line breaks (LF, CRLF or a lone CR),
/// after a byte-order mark; a final line break opens no further line.
fn lines(text: &str) -> impl Iterator<Item = TextRange> + '_ {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let bytes = text.as_bytes();
    let mut pos = start;
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', &bytes[start..]).map(move |i| i + start);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        loop {
            match breaks.next() {
                // The LF of a CRLF ends the line the CR ended.
                Some(i) if i < pos => continue,
                Some(i) => {
                    let line = TextRange::new(pos, i);
                    pos = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    return Some(line);
                }
                None => {
                    done = true;
                    return (pos < bytes.len()).then(|| TextRange::new(pos, bytes.len()));
                }
            }
        }
    })
}

/// One line, with ranges relative to its start.
fn classify_line(line: &str) -> Line {
    TreatyGrammar::parse(Rule::single_line, line)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .and_then(|single| single.into_inner().find_map(lower_line))
        .unwrap_or_else(|| fallback(line))
}

/// A line as plain text, used only if the grammar ever rejects one.
fn fallback(line: &str) -> Line {
    let range = TextRange::new(0, line.len());
    let content = trim(line, range);
    Line {
        range,
        content,
        page_break: None,
        markdown: false,
        kind: if content.is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        },
    }
}

/// A line classified on its own, moved to where it starts in the text.
fn shifted(line: &Line, by: usize) -> Line {
    let s = |r: TextRange| TextRange::new(r.start + by, r.end + by);
    let o = |r: Option<TextRange>| r.map(s);
    let kind = match &line.kind {
        LineKind::Blank => LineKind::Blank,
        LineKind::MdText { text } => LineKind::MdText { text: s(*text) },
        LineKind::Article { number, caption } => LineKind::Article {
            number: s(*number),
            caption: o(*caption),
        },
        LineKind::Grouping {
            kw,
            number,
            caption,
        } => LineKind::Grouping {
            kw: *kw,
            number: s(*number),
            caption: o(*caption),
        },
        LineKind::Annex { number, caption } => LineKind::Annex {
            number: o(*number),
            caption: o(*caption),
        },
        LineKind::Preamble { inline } => LineKind::Preamble { inline: o(*inline) },
        LineKind::Testimonium => LineKind::Testimonium,
        LineKind::Furniture { items } => LineKind::Furniture {
            items: items.iter().map(|&(item, r)| (item, s(r))).collect(),
        },
        LineKind::FootnoteRule => LineKind::FootnoteRule,
        LineKind::Comment => LineKind::Comment,
        LineKind::Para { number, body } => LineKind::Para {
            number: s(*number),
            body: o(*body),
        },
        LineKind::Enum { style, label, body } => LineKind::Enum {
            style: *style,
            label: s(*label),
            body: o(*body),
        },
        LineKind::FootnoteText { number, body } => LineKind::FootnoteText {
            number: s(*number),
            body: s(*body),
        },
        LineKind::Text => LineKind::Text,
    };
    Line {
        range: s(line.range),
        content: s(line.content),
        page_break: o(line.page_break),
        markdown: line.markdown,
        kind,
    }
}

fn trim(text: &str, range: TextRange) -> TextRange {
    let s = &text[range.as_range()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        TextRange::new(range.start, range.start)
    } else {
        TextRange::new(range.start + lead, range.end - trail)
    }
}

/// The pair's range, without trailing blanks (the grammar's `rest` runs to the line break).
fn range(pair: &Pair<Rule>) -> TextRange {
    let span = pair.as_span();
    let trimmed = span.as_str().trim_end_matches(is_blank);
    TextRange::new(span.start(), span.start() + trimmed.len())
}

fn is_blank(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2002}' | '\u{2003}' | '\u{2009}'
    )
}

fn lower_line(pair: Pair<Rule>) -> Option<Line> {
    if pair.as_rule() != Rule::line {
        return None;
    }
    let line_range = range(&pair);
    let mut page_break = None;
    let mut markdown = false;
    let mut kind = LineKind::Blank;
    let mut content = TextRange::new(line_range.end, line_range.end);
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::page_break => page_break = Some(range(&inner)),
            Rule::md_heading => {
                markdown = true;
                content = range(&inner);
                kind = LineKind::MdText {
                    text: TextRange::new(content.end, content.end),
                };
                for part in inner.into_inner() {
                    match part.as_rule() {
                        Rule::md_hashes => {}
                        Rule::heading_text => kind = LineKind::MdText { text: range(&part) },
                        _ => kind = structural(part),
                    }
                }
            }
            _ => {
                content = range(&inner);
                kind = structural(inner);
            }
        }
    }
    Some(Line {
        range: line_range,
        content,
        page_break,
        markdown,
        kind,
    })
}

fn first_of(pair: &Pair<Rule>, rule: Rule) -> Option<TextRange> {
    pair.clone()
        .into_inner()
        .find(|p| p.as_rule() == rule)
        .map(|p| range(&p))
}

fn structural(pair: Pair<Rule>) -> LineKind {
    match pair.as_rule() {
        Rule::article_head => LineKind::Article {
            number: first_of(&pair, Rule::number).unwrap_or_default(),
            caption: first_of(&pair, Rule::caption),
        },
        Rule::grouping_head => {
            let kw = match first_of(&pair, Rule::grouping_kw)
                .map(|r| pair.get_input()[r.as_range()].to_ascii_lowercase())
                .as_deref()
            {
                Some("part") => GroupingKw::Part,
                Some("chapter") => GroupingKw::Chapter,
                Some("section") => GroupingKw::Section,
                Some("title") => GroupingKw::Title,
                _ => GroupingKw::Subsection,
            };
            LineKind::Grouping {
                kw,
                number: first_of(&pair, Rule::number).unwrap_or_default(),
                caption: first_of(&pair, Rule::caption),
            }
        }
        Rule::annex_head => LineKind::Annex {
            number: first_of(&pair, Rule::number),
            caption: first_of(&pair, Rule::caption),
        },
        Rule::preamble_head => LineKind::Preamble {
            inline: first_of(&pair, Rule::inline_text),
        },
        Rule::testimonium => LineKind::Testimonium,
        Rule::furniture => LineKind::Furniture {
            items: pair
                .into_inner()
                .filter_map(|p| {
                    let item = match p.as_rule() {
                        Rule::page_counter => FurnitureItem::PageCounter,
                        Rule::job_number => FurnitureItem::JobNumber,
                        Rule::doc_symbol => FurnitureItem::DocSymbol,
                        Rule::barcode => FurnitureItem::Barcode,
                        Rule::page_number => FurnitureItem::PageNumber,
                        _ => return None,
                    };
                    Some((item, range(&p)))
                })
                .collect(),
        },
        Rule::footnote_rule => LineKind::FootnoteRule,
        Rule::comment => LineKind::Comment,
        Rule::para_marker => LineKind::Para {
            number: first_of(&pair, Rule::para_num).unwrap_or_default(),
            body: first_of(&pair, Rule::body),
        },
        Rule::enum_marker => {
            let text = pair.as_str();
            let style = if text.starts_with('(') {
                EnumStyle::Parens
            } else {
                let label_len = first_of(&pair, Rule::enum_label).map_or(0, |r| r.len());
                if text.as_bytes().get(label_len) == Some(&b'.') {
                    EnumStyle::Dot
                } else {
                    EnumStyle::Close
                }
            };
            LineKind::Enum {
                style,
                label: first_of(&pair, Rule::enum_label).unwrap_or_default(),
                body: first_of(&pair, Rule::body),
            }
        }
        Rule::footnote_text => LineKind::FootnoteText {
            number: first_of(&pair, Rule::footnote_num).unwrap_or_default(),
            body: first_of(&pair, Rule::body).unwrap_or_default(),
        },
        _ => LineKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        classify(text).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn headings_in_all_layouts() {
        let text = "### Article  25\n###Article 1\nArticle 27 bis\nARTICLE 35. Caption\n\
                    Article 25 – General principles\nChapter V\n### CHAPTER  III\n\
                    Section 2 – Procedural law\nArticle 5 of this Convention applies.\n";
        let k = kinds(text);
        assert!(matches!(k[0], LineKind::Article { caption: None, .. }));
        assert!(matches!(k[1], LineKind::Article { .. }));
        match &k[2] {
            LineKind::Article { number, .. } => assert_eq!(&text[number.as_range()], "27 bis"),
            other => panic!("{other:?}"),
        }
        match &k[3] {
            LineKind::Article {
                caption: Some(c), ..
            } => assert_eq!(&text[c.as_range()], "Caption"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            k[4],
            LineKind::Article {
                caption: Some(_),
                ..
            }
        ));
        assert!(matches!(
            k[5],
            LineKind::Grouping {
                kw: GroupingKw::Chapter,
                ..
            }
        ));
        assert!(matches!(
            k[6],
            LineKind::Grouping {
                kw: GroupingKw::Chapter,
                ..
            }
        ));
        assert!(matches!(
            k[7],
            LineKind::Grouping {
                kw: GroupingKw::Section,
                caption: Some(_),
                ..
            }
        ));
        assert_eq!(k[8], LineKind::Text);
    }

    #[test]
    fn markers_furniture_and_footnotes() {
        let text = "1.   Each Party\n3.\na)Each Party\n(iv) item\nA/AC.291/22   7/31\nV.23-12345 (E)\n\
                    __________\n1 Official Records\n1.5 million\n\u{c}Article 3\n";
        let k = kinds(text);
        assert!(matches!(k[0], LineKind::Para { body: Some(_), .. }));
        assert!(matches!(k[1], LineKind::Para { body: None, .. }));
        assert!(matches!(
            k[2],
            LineKind::Enum {
                style: EnumStyle::Close,
                ..
            }
        ));
        assert!(matches!(
            k[3],
            LineKind::Enum {
                style: EnumStyle::Parens,
                ..
            }
        ));
        assert!(matches!(&k[4], LineKind::Furniture { items } if items.len() == 2));
        assert!(matches!(&k[5], LineKind::Furniture { items } if items.len() == 1));
        assert_eq!(k[6], LineKind::FootnoteRule);
        assert!(matches!(k[7], LineKind::FootnoteText { .. }));
        assert_eq!(k[8], LineKind::Text);
        assert!(matches!(k[9], LineKind::Article { .. }));
    }

    #[test]
    fn total_on_odd_input() {
        for text in [
            "",
            "\n",
            "\r",
            "\u{FEFF}",
            "(",
            "###",
            "Article",
            "\u{c}",
            "a\r\n\r\nb",
        ] {
            let lines = classify(text);
            for l in &lines {
                assert!(l.range.end <= text.len());
            }
        }
        assert_eq!(classify("").len(), 0);
        assert_eq!(classify("a\nb").len(), 2);
        assert_eq!(classify("a\n").len(), 1);
    }
}
