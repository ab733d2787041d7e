//! Property tests: any string parses, and the tree's span invariants hold.

mod common;

use proptest::prelude::*;
use treatylint::syntax;

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
}
