//! The pest grammar (grammar/treaty.pest) and the classified lines it yields.
//!
//! Only this module sees pest's `Pairs`; the rest of the crate sees [`Line`]s.

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
/// still refuse an input, every line falls back to plain text.
pub fn classify(text: &str) -> Vec<Line> {
    match TreatyGrammar::parse(Rule::document, text) {
        Ok(mut pairs) => {
            let doc = pairs.next();
            doc.map(|d| d.into_inner().filter_map(lower_line).collect())
                .unwrap_or_default()
        }
        Err(_) => fallback(text),
    }
}

/// Plain-text lines, used only if the grammar ever rejects an input.
fn fallback(text: &str) -> Vec<Line> {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut lines = Vec::new();
    let mut pos = start;
    let bytes = text.as_bytes();
    let mut i = start;
    while i <= bytes.len() {
        let end_of_line = i == bytes.len() || bytes[i] == b'\n' || bytes[i] == b'\r';
        if end_of_line {
            if i > pos || i < bytes.len() {
                let range = TextRange::new(pos, i);
                let trimmed = trim(text, range);
                let kind = if trimmed.is_empty() {
                    LineKind::Blank
                } else {
                    LineKind::Text
                };
                lines.push(Line {
                    range,
                    content: trimmed,
                    page_break: None,
                    markdown: false,
                    kind,
                });
            }
            if i + 1 < bytes.len() && bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
                i += 1;
            }
            pos = i + 1;
        }
        i += 1;
    }
    lines
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
