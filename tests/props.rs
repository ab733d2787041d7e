//! Property tests: any string parses, and the tree's span invariants hold; every finding
//! lies inside the document; the same input gives the same report bytes; line endings do
//! not change what is found.

mod common;

use proptest::prelude::*;
use treatylint::model::Model;
use treatylint::render::check::FileReport;
use treatylint::rules::{self, Selection};
use treatylint::syntax;

/// Every report of a text, as the command line renders them.
fn reports(text: &str) -> Vec<String> {
    let doc = syntax::parse(text.to_string());
    let model = Model::build(&doc);
    let findings = rules::check(&doc, &model, &Selection::default());
    let r = [FileReport {
        file: "p.txt".to_string(),
        doc: &doc,
        findings: &findings,
    }];
    vec![
        treatylint::render::check::json(&r),
        treatylint::render::sarif::sarif(&r),
        treatylint::render::check::text(&r),
        treatylint::render::report::markdown(&r),
        treatylint::render::report::html(&r),
    ]
}

/// What was found, positions aside: rule, message, provision path and the words (with line
/// breaks made LF).
fn found(text: &str) -> Vec<(String, String, String, String)> {
    let doc = syntax::parse(text.to_string());
    let model = Model::build(&doc);
    rules::check(&doc, &model, &Selection::default())
        .iter()
        .map(|f| {
            (
                f.rule.code.to_string(),
                f.message.replace("\r\n", "\n"),
                rules::location(&doc, f.node).path,
                doc.source[f.range.as_range()].replace("\r\n", "\n"),
            )
        })
        .collect()
}

/// Lines that look like treaty text, to reach the parser's interesting states.
fn treaty_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Article 1".to_string()),
        Just("### Article  2".to_string()),
        Just("####Caption".to_string()),
        Just("Article 3 – Caption".to_string()),
        Just("Chapter IV".to_string()),
        Just("SECTION 2".to_string()),
        Just("1.   Each Party shall".to_string()),
        Just("2.".to_string()),
        Just("(a) text;".to_string()),
        Just("b) text".to_string()),
        Just("(i) item".to_string()),
        Just("(ii)".to_string()),
        Just("a. x".to_string()),
        Just("A/AC.1/2   3/9".to_string()),
        Just("V.26-12345".to_string()),
        Just("\u{c}A/AC.1/2".to_string()),
        Just("__________".to_string()),
        Just("1   Footnote text".to_string()),
        Just("Preamble".to_string()),
        Just("Annex".to_string()),
        Just("IN WITNESS WHEREOF".to_string()),
        Just("[bracketed [nested] text]".to_string()),
        Just("com-".to_string()),
        Just("1. A State Party may refuse assistance where the conduct is not an offence under its domestic law.".to_string()),
        Just("Each State Party shall adopt such legislative measures as may be necessary to empower its competent authorities to order a service provider to submit subscriber information.".to_string()),
        Just("States Parties shall afford one another the widest measure of mutual legal assistance in investigations of serious crime.".to_string()),
        Just("Personal data shall be transferred in accordance with applicable international law.".to_string()),
        Just("(a) “serious crime” means conduct punishable by a maximum deprivation of liberty of at least four years;".to_string()),
        Just("Article 5 – Mutual legal assistance".to_string()),
        Just("<!-- treatylint-disable-next-line TL101 -- agreed -->".to_string()),
        Just(String::new()),
        "[ -~\u{a0}\u{2013}“”]{0,30}",
    ]
}

fn treaty_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(treaty_line(), 0..40),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        any::<bool>(),
    )
        .prop_map(|(lines, eol, bom)| {
            let body = lines.join(eol);
            if bom { format!("\u{FEFF}{body}") } else { body }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_strings_parse_with_valid_spans(text in any::<String>()) {
        let doc = syntax::parse(text);
        prop_assert!(common::check_invariants(&doc).is_ok(), "{:?}", common::check_invariants(&doc));
    }

    #[test]
    fn treaty_like_texts_parse_with_valid_spans(text in treaty_text()) {
        let doc = syntax::parse(text.clone());
        if let Err(e) = common::check_invariants(&doc) {
            prop_assert!(false, "{e}\n{text:?}");
        }
        // Deterministic: the same input gives the same tree.
        let again = syntax::parse(text);
        prop_assert_eq!(common::structure(&doc), common::structure(&again));
        for p in &doc.problems {
            prop_assert!(p.span.end <= doc.source.len());
        }
    }

    #[test]
    fn line_endings_do_not_change_structure(lines in prop::collection::vec(treaty_line(), 0..30)) {
        let lf = syntax::parse(lines.join("\n"));
        let crlf = syntax::parse(lines.join("\r\n"));
        prop_assert_eq!(common::structure(&lf), common::structure(&crlf));
    }

    #[test]
    fn findings_lie_inside_the_document(text in treaty_text()) {
        let doc = syntax::parse(text);
        let model = Model::build(&doc);
        for f in rules::check(&doc, &model, &Selection::default()) {
            prop_assert!(f.range.end <= doc.source.len(), "{} {:?}", f.rule.code, f.range);
            prop_assert!(doc.source.is_char_boundary(f.range.start) && doc.source.is_char_boundary(f.range.end));
            let span = doc.span(f.range);
            let (line, column) = doc.lines.position(&doc.source, f.range.start);
            prop_assert_eq!((span.line, span.column), (line, column));
            prop_assert!((line as usize) <= doc.lines.line_count());
        }
    }

    #[test]
    fn the_same_input_gives_the_same_report_bytes(text in treaty_text()) {
        prop_assert_eq!(reports(&text), reports(&text));
    }

    #[test]
    fn line_endings_do_not_change_findings(lines in prop::collection::vec(treaty_line(), 0..30)) {
        prop_assert_eq!(found(&lines.join("\n")), found(&lines.join("\r\n")));
    }
}

/// The lines above do produce findings, so the properties compare something.
#[test]
fn the_generated_lines_reach_the_rules() {
    let text = "Article 5 – Mutual legal assistance\n1. A State Party may refuse assistance where the conduct is not an offence under its domestic law.\nPersonal data shall be transferred in accordance with applicable international law.";
    let lf = found(text);
    assert!(lf.len() >= 2, "{lf:?}");
    assert_eq!(lf, found(&text.replace('\n', "\r\n")));
}
