//! Parsing the sample drafts in corpus/: the counts they were written to have, page
//! furniture kept out of provisions, footnotes, hyphenation, brackets, line endings.

mod common;

use treatylint::syntax::{self, Document, FieldKind, NodeKind};

fn parse(name: &str) -> Document {
    syntax::parse(common::repo_corpus(name))
}

fn count(doc: &Document, kind: NodeKind) -> usize {
    doc.of_kind(kind).count()
}

fn article(doc: &Document, number: &str) -> treatylint::syntax::NodeId {
    doc.of_kind(NodeKind::Article)
        .find(|&a| doc.number(a) == Some(number))
        .unwrap_or_else(|| panic!("article {number}"))
}

/// All provision text of the document, as the rules will read it.
fn provision_texts(doc: &Document) -> Vec<String> {
    doc.preorder()
        .into_iter()
        .filter(|&id| {
            matches!(
                doc.node(id).kind,
                NodeKind::Paragraph
                    | NodeKind::Subparagraph
                    | NodeKind::Item
                    | NodeKind::Text
                    | NodeKind::Preamble
            )
        })
        .map(|id| doc.node_text(id).text)
        .collect()
}

#[test]
fn un_style_draft_structure() {
    let doc = parse("un-style-draft-convention.txt");
    common::check_invariants(&doc).unwrap();
    assert_eq!(count(&doc, NodeKind::Instrument), 1);
    assert_eq!(count(&doc, NodeKind::Chapter), 7);
    assert_eq!(count(&doc, NodeKind::Article), 33);
    assert_eq!(count(&doc, NodeKind::Footnote), 1);
    let numbers = &common::article_numbers(&doc)[0];
    assert_eq!(numbers[25], "25 bis");
    // Paragraphs per article as written, for a few articles.
    let paras = |n: &str| {
        doc.node(article(&doc, n))
            .children
            .iter()
            .filter(|&&c| doc.node(c).kind == NodeKind::Paragraph)
            .count()
    };
    assert_eq!(paras("3"), 2);
    assert_eq!(paras("13"), 3);
    assert_eq!(paras("22"), 7);
    assert_eq!(paras("23"), 1);
    assert_eq!(paras("26"), 2);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn un_style_title_block() {
    let doc = parse("un-style-draft-convention.txt");
    let tb = doc.of_kind(NodeKind::TitleBlock).next().unwrap();
    let field = |k: FieldKind| {
        doc.node(tb)
            .fields
            .iter()
            .find(|f| f.kind == k)
            .map(|f| doc.slice(f.range))
    };
    assert_eq!(field(FieldKind::DocumentSymbol), Some("A/AC.999/L.7"));
    assert_eq!(field(FieldKind::Distribution), Some("Distr.: Limited"));
    assert_eq!(field(FieldKind::Date).map(str::trim), Some("3 March 2026"));
    assert_eq!(
        field(FieldKind::OriginalLanguage),
        Some("Original: English")
    );
    assert_eq!(
        field(FieldKind::Title),
        Some("Draft United Nations convention against cybercrime")
    );
}

#[test]
fn page_furniture_stays_out_of_provisions() {
    let doc = parse("un-style-draft-convention.txt");
    let furniture: Vec<_> = doc.of_kind(NodeKind::Furniture).collect();
    assert!(
        furniture.len() >= 36,
        "12 page breaks, each with footer, form feed and header"
    );
    for text in provision_texts(&doc) {
        for needle in ["A/AC.999", "V.26-03117", "/13", "*2603117*", "__"] {
            assert!(!text.contains(needle), "{needle} inside: {text}");
        }
    }
    // A paragraph interrupted by a page break continues as one paragraph.
    let art3 = article(&doc, "3");
    let p1 = doc.node(art3).children[0];
    let text = doc.node_text(p1).text;
    assert!(text.starts_with("This Convention shall apply"));
    assert!(text.ends_with("of any criminal offence."), "{text}");
}

#[test]
fn footnotes_hyphenation_and_brackets() {
    let doc = parse("un-style-draft-convention.txt");
    let note = doc.of_kind(NodeKind::Footnote).next().unwrap();
    assert_eq!(doc.number(note), Some("1"));
    assert!(
        doc.node_text(note)
            .text
            .starts_with("The definition of “serious crime”")
    );
    // The marker after the definition of "serious crime".
    let art2 = article(&doc, "2");
    let marker = doc
        .preorder()
        .into_iter()
        .filter(|&id| doc.enclosing(id, NodeKind::Article) == Some(art2))
        .flat_map(|id| doc.node(id).footnote_refs.clone())
        .collect::<Vec<_>>();
    assert_eq!(marker.len(), 1);
    assert_eq!(doc.slice(marker[0]), "1");
    // Words hyphenated at a line break are rejoined.
    let all = provision_texts(&doc).join(" ");
    assert!(all.contains("relating to a communication by means"));
    assert!(!all.contains("communi- cation"));
    // "[ or national security]" is undecided text; the ad referendum marker is recorded.
    let art10 = article(&doc, "10");
    let para = doc
        .node(art10)
        .children
        .iter()
        .copied()
        .find(|&c| doc.node(c).kind == NodeKind::Paragraph)
        .unwrap();
    assert_eq!(doc.node(para).brackets.len(), 1);
    let bracket = doc
        .slice(doc.node(para).brackets[0])
        .split_whitespace()
        .collect::<Vec<_>>();
    assert_eq!(bracket.join(" "), "[ or national security]");
    let art5 = article(&doc, "5");
    assert_eq!(doc.node(art5).ad_referendum.len(), 1);
    assert_eq!(
        doc.heading(art5),
        Some("Respect for human rights [agreed ad referendum]")
    );
}

#[test]
fn markdown_layout_with_two_instruments() {
    let doc = parse("coe-style-evidence-convention.md");
    common::check_invariants(&doc).unwrap();
    let numbers = common::article_numbers(&doc);
    assert_eq!(numbers.iter().map(Vec::len).collect::<Vec<_>>(), [15, 3]);
    assert_eq!(count(&doc, NodeKind::Chapter), 3);
    assert_eq!(count(&doc, NodeKind::Preamble), 2);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let art2 = article(&doc, "2");
    assert_eq!(doc.heading(art2), Some("Definitions"));
    let subs = doc
        .of_kind(NodeKind::Subparagraph)
        .filter(|&s| doc.enclosing(s, NodeKind::Article) == Some(art2))
        .count();
    assert_eq!(subs, 4);
}

#[test]
fn council_of_europe_layout_with_crlf_and_bom() {
    let text = common::repo_corpus("coe-style-police-agreement.txt");
    assert!(text.starts_with('\u{FEFF}') && text.contains("\r\n"));
    let doc = syntax::parse(text);
    common::check_invariants(&doc).unwrap();
    assert_eq!(count(&doc, NodeKind::Chapter), 3);
    assert_eq!(count(&doc, NodeKind::Section), 2);
    assert_eq!(count(&doc, NodeKind::Title), 2);
    assert_eq!(common::article_numbers(&doc)[0].len(), 8);
    let art5b = article(&doc, "5 bis");
    assert_eq!(
        doc.heading(art5b),
        Some("Access to data in other territories")
    );
    // The BOM is not a column: line 1 starts after it.
    let tb = doc.of_kind(NodeKind::TitleBlock).next().unwrap();
    assert_eq!((doc.node(tb).span.line, doc.node(tb).span.column), (1, 1));
    assert_eq!(doc.node(tb).span.start, 3);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn structural_problems_are_reported_with_spans() {
    let text = "Article 1\nCaption\n1. Text.\n3. Skipped two.\n3. Again.\n\nArticle 3\n\nArticle 3\nText.\n";
    let doc = syntax::parse(text.to_string());
    let codes: Vec<(&str, u32)> = doc
        .problems
        .iter()
        .map(|p| (p.kind.code(), p.span.line))
        .collect();
    assert_eq!(
        codes,
        [
            ("skipped-number", 4),
            ("duplicate-number", 5),
            ("empty-article", 7),
            ("skipped-number", 7),
            ("duplicate-number", 9),
        ]
    );
    let p = &doc.problems[3];
    assert_eq!(&doc.source[p.span.start..p.span.end], "3");
}

#[test]
fn empty_and_odd_inputs() {
    for text in [
        "",
        "\u{FEFF}",
        "\n\n",
        "\r\n",
        "Article",
        "(a)",
        "1.",
        "###",
        "[[[",
        "\u{c}\u{c}",
    ] {
        let doc = syntax::parse(text.to_string());
        common::check_invariants(&doc).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
    let doc = syntax::parse(String::new());
    assert_eq!(doc.nodes.len(), 1);
    assert_eq!(doc.root().kind, NodeKind::Document);
}

#[test]
fn un_style_snapshot() {
    let doc = parse("un-style-draft-convention.txt");
    insta::assert_snapshot!(treatylint::render::parse::tree(&doc, false));
}
