//! Parsing the real treaty texts of ../shared/corpus: article counts from SOURCES.md, the
//! chapter structure as printed, span invariants, and structural snapshots (kinds, numbers,
//! line ranges; never treaty text). Skips when ../shared is not present.

mod common;

use regex::Regex;
use treatylint::syntax::{self, NodeKind};

/// Article numbering ranges per file from SOURCES.md's table: "48 (1-48)" gives [48];
/// "67 = Covenant 53 (1-53) + Optional Protocol 14 (1-14)" gives [53, 14].
fn expected_counts(sources: &str) -> Vec<(String, Vec<u32>)> {
    let range = Regex::new(r"\((\d+)-(\d+)\)").unwrap();
    sources
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(".md |"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let file = cells[1].to_string();
            let counts = range
                .captures_iter(cells[6])
                .map(|c| {
                    assert_eq!(&c[1], "1", "{file}: numbering starts at 1");
                    c[2].parse().unwrap()
                })
                .collect();
            (file, counts)
        })
        .collect()
}

#[test]
fn every_file_has_the_articles_sources_md_gives() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap();
    let expected = expected_counts(&sources);
    assert_eq!(
        expected.len(),
        common::shared_files(&dir).len(),
        "every file is in SOURCES.md"
    );
    for (file, counts) in expected {
        let text = std::fs::read_to_string(dir.join(&file)).unwrap();
        let doc = syntax::parse(text);
        let numbers = common::article_numbers(&doc);
        let got: Vec<u32> = numbers.iter().map(|n| n.len() as u32).collect();
        assert_eq!(got, counts, "{file}: articles per instrument");
        // No article lost or merged: each instrument numbers 1..N in order.
        for (inst, nums) in numbers.iter().enumerate() {
            let want: Vec<String> = (1..=nums.len()).map(|n| n.to_string()).collect();
            assert_eq!(nums, &want, "{file}: instrument {inst} article numbers");
        }
    }
}

#[test]
fn groupings_are_as_printed() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let heading = Regex::new(r"(?m)^#+\s*(CHAPTER|PART|SECTION|TITLE)\s").unwrap();
    for path in common::shared_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut printed = std::collections::BTreeMap::new();
        for c in heading.captures_iter(&text) {
            *printed.entry(c[1].to_lowercase()).or_insert(0usize) += 1;
        }
        let doc = syntax::parse(text);
        for (kind, name) in [
            (NodeKind::Chapter, "chapter"),
            (NodeKind::Part, "part"),
            (NodeKind::Section, "section"),
            (NodeKind::Title, "title"),
        ] {
            assert_eq!(
                doc.of_kind(kind).count(),
                printed.get(name).copied().unwrap_or(0),
                "{}: {name}s",
                path.display()
            );
        }
    }
    let budapest = std::fs::read_to_string(dir.join("budapest-convention-ets185.md")).unwrap();
    let doc = syntax::parse(budapest);
    let chapters: Vec<&str> = doc
        .of_kind(NodeKind::Chapter)
        .map(|c| doc.number(c).unwrap())
        .collect();
    assert_eq!(chapters, ["I", "II", "III", "IV"]);
    // Article 15 sits in Chapter II, Section 2; Article 25 in Chapter III.
    let article = |n: &str| {
        doc.of_kind(NodeKind::Article)
            .find(|&a| doc.number(a) == Some(n))
            .unwrap()
    };
    let chapter_of = |a| {
        doc.enclosing(a, NodeKind::Chapter)
            .and_then(|c| doc.number(c))
    };
    assert_eq!(chapter_of(article("15")), Some("II"));
    assert_eq!(
        doc.enclosing(article("15"), NodeKind::Section)
            .and_then(|s| doc.number(s)),
        Some("2")
    );
    assert_eq!(chapter_of(article("25")), Some("III"));
}

#[test]
fn span_invariants_hold_on_real_texts() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    for path in common::shared_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = syntax::parse(text);
        if let Err(e) = common::check_invariants(&doc) {
            panic!("{}: {e}", path.display());
        }
        // The CRLF form of the same text has the same structure.
        let crlf = syntax::parse(doc.source.replace('\n', "\r\n"));
        assert_eq!(
            common::structure(&doc),
            common::structure(&crlf),
            "{}",
            path.display()
        );
    }
}

#[test]
fn structure_snapshots() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    for path in common::shared_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = syntax::parse(text);
        let mut out = common::structure(&doc);
        for p in &doc.problems {
            out.push_str(&format!(
                "problem {} at {}:{}\n",
                p.kind.code(),
                p.span.line,
                p.span.column
            ));
        }
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("shared_{name}"), out);
    }
}
