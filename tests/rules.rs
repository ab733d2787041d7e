//! Every rule against its own fixtures (tests/fixtures/rules/CODE-bad.txt and -good.txt,
//! with the expected findings listed after a `=== expect ===` line as "LINE CODE"), against
//! the examples of its documentation, and a snapshot of all fixture findings.

use std::path::PathBuf;

use treatylint::model::Model;
use treatylint::rules::{self, Selection};
use treatylint::syntax;

const SENTINEL: &str = "=== expect ===";

fn fixture(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name);
    std::fs::read_to_string(path).ok()
}

/// Splits a fixture into the text to check and its expectations.
fn split(fixture: &str) -> (String, Vec<(u32, String)>) {
    match fixture.split_once(SENTINEL) {
        Some((text, expect)) => {
            let expected = expect
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let (line, code) = l.trim().split_once(' ').expect("LINE CODE");
                    (line.parse().expect("line number"), code.to_string())
                })
                .collect();
            (text.to_string(), expected)
        }
        None => (fixture.to_string(), Vec::new()),
    }
}

/// (line, code) of the findings of one rule on a text.
fn run(text: &str, code: &str) -> Vec<(u32, String)> {
    let doc = syntax::parse(text.to_string());
    let model = Model::build(&doc);
    // Every rule runs (suppression directives are judged against the rules that ran); the
    // findings of the rule under test are kept.
    let sel = Selection {
        preview: true,
        ..Selection::default()
    };
    let mut got: Vec<(u32, String)> = rules::check(&doc, &model, &sel)
        .iter()
        .filter(|f| f.rule.code == code && f.active())
        .map(|f| (doc.span(f.range).line, f.rule.code.to_string()))
        .collect();
    got.sort();
    got
}

#[test]
fn every_rule_has_a_bad_and_a_good_fixture() {
    for r in rules::all() {
        let code = r.meta().code;
        assert!(
            fixture(&format!("{code}-bad.txt")).is_some(),
            "{code}: no bad fixture"
        );
        assert!(
            fixture(&format!("{code}-good.txt")).is_some(),
            "{code}: no good fixture"
        );
    }
}

#[test]
fn bad_fixtures_give_exactly_the_expected_findings() {
    for r in rules::all() {
        let code = r.meta().code;
        let Some(f) = fixture(&format!("{code}-bad.txt")) else {
            continue;
        };
        let (text, mut expected) = split(&f);
        expected.sort();
        assert!(
            !expected.is_empty(),
            "{code}: the bad fixture expects nothing"
        );
        assert_eq!(run(&text, code), expected, "{code}-bad.txt");
    }
}

#[test]
fn good_fixtures_are_quiet() {
    for r in rules::all() {
        let code = r.meta().code;
        let Some(f) = fixture(&format!("{code}-good.txt")) else {
            continue;
        };
        let (text, _) = split(&f);
        assert_eq!(run(&text, code), Vec::new(), "{code}-good.txt");
    }
}

/// The fenced block after a heading of a rule's documentation.
fn doc_block(doc: &str, heading: &str) -> Option<String> {
    let after = doc.split_once(heading)?.1;
    let start = after.find("```")?;
    let body = &after[start + 3..];
    let body = &body[body.find('\n')? + 1..];
    let end = body.find("```")?;
    Some(
        body[..end]
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn documentation_examples_run() {
    for r in rules::all() {
        let m = r.meta();
        for heading in [
            "## What it flags",
            "## Why it matters",
            "## Authority",
            "## Example",
            "## Use instead",
            "## Fix",
        ] {
            assert!(
                m.doc.contains(heading),
                "{}: documentation lacks {heading}",
                m.code
            );
        }
        let bad =
            doc_block(m.doc, "## Example").unwrap_or_else(|| panic!("{}: no example", m.code));
        let good = doc_block(m.doc, "## Use instead")
            .unwrap_or_else(|| panic!("{}: no good example", m.code));
        assert!(
            !run(&bad, m.code).is_empty(),
            "{}: the documented example gives no finding",
            m.code
        );
        assert_eq!(
            run(&good, m.code),
            Vec::new(),
            "{}: the documented good language is flagged",
            m.code
        );
    }
}

#[test]
fn rule_metadata_is_consistent() {
    let mut codes: Vec<&str> = rules::all().iter().map(|r| r.meta().code).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate codes");
    let catalogue = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/safeguards.md");
    let catalogue = std::fs::read_to_string(catalogue).ok();
    for r in rules::all() {
        let m = r.meta();
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            m.name
        );
        assert!(!m.authorities.is_empty(), "{}: no authority", m.code);
        if let (Some(sg), Some(cat)) = (m.safeguard, &catalogue) {
            assert!(
                cat.contains(&format!("## {sg}:")),
                "{}: {sg} is not a catalogue entry",
                m.code
            );
        }
    }
}

#[test]
fn fixture_findings_snapshot() {
    let mut out = String::new();
    for r in rules::all() {
        let code = r.meta().code;
        for kind in ["bad", "good"] {
            let Some(f) = fixture(&format!("{code}-{kind}.txt")) else {
                continue;
            };
            let (text, _) = split(&f);
            let doc = syntax::parse(text);
            let model = Model::build(&doc);
            let sel = Selection {
                select: vec![code.to_string()],
                preview: true,
                ..Selection::default()
            };
            let findings = rules::check(&doc, &model, &sel);
            let report = treatylint::render::check::FileReport {
                file: format!("{code}-{kind}.txt"),
                doc: &doc,
                findings: &findings,
            };
            out.push_str(&treatylint::render::check::text(&[report]));
        }
    }
    insta::assert_snapshot!(out);
}
