//! Comparing drafts: our own zero draft and revision, and real texts edited inside the test.

mod common;

use treatylint::diff::{ChangeKind, Side, compare};
use treatylint::rules::Selection;

fn side(name: &str, text: String) -> Side {
    Side::new(name.to_string(), text, &Selection::default())
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/diff")
            .join(name),
    )
    .unwrap()
}

#[test]
fn zero_draft_to_revision() {
    let old = side("zero-draft.txt", fixture("zero-draft.txt"));
    let new = side("revised-draft.txt", fixture("revised-draft.txt"));
    let cmp = compare(&old, &new);
    let kinds: Vec<ChangeKind> = cmp.changes.iter().map(|c| c.kind).collect();
    for k in [
        ChangeKind::ArticleAdded,
        ChangeKind::ArticleDeleted,
        ChangeKind::ArticleRenumbered,
        ChangeKind::ArticleMoved,
        ChangeKind::Weakened,
        ChangeKind::QualifierDropped,
        ChangeKind::SafeguardReferenceRemoved,
        ChangeKind::ScopeWidened,
        ChangeKind::FindingIntroduced,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing: {kinds:?}");
    }
    // The weakening of dual criminality is found in the renumbered article 8 (was 7).
    let w = cmp
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Weakened)
        .unwrap();
    assert_eq!(new.doc.slice(w.new.unwrap().1), "may");
    assert_eq!(old.doc.slice(w.old.unwrap().1), "shall");
    insta::assert_snapshot!(treatylint::render::diff::text(&old, &new, &cmp));
}

#[test]
fn identical_drafts_have_no_changes() {
    let text = fixture("zero-draft.txt");
    let cmp = compare(&side("a", text.clone()), &side("b", text));
    assert!(cmp.changes.is_empty());
    assert!(
        cmp.articles
            .iter()
            .all(|p| p.old.is_some() && p.new.is_some())
    );
}

/// A real text and an edited copy made here: "shall" → "may" in one sentence, "specific"
/// removed, an article deleted, two articles swapped. Exactly those changes are reported.
#[test]
fn edited_copy_of_a_real_text() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("budapest-convention-ets185.md")).unwrap();
    let mut edited = text.clone();
    // 1. "shall" → "may" in Article 25(1).
    let s = edited
        .find("The Parties shall afford one another mutual assistance")
        .expect("article 25(1)");
    edited.replace_range(s + 12..s + 17, "may");
    // 2. "specific" removed from Article 14(1).
    let p = edited
        .find("for the purpose of specific criminal investigations")
        .expect("article 14(1)");
    edited.replace_range(p + 19..p + 28, "");
    // An article: from its heading to the next heading that is not its caption.
    let article = |t: &str, n: &str| -> std::ops::Range<usize> {
        let a = t.find(&format!("### Article  {n}\n")).unwrap();
        let rest = &t[a + 4..];
        let b = rest
            .match_indices("\n###")
            .find(|(i, _)| !rest[i + 4..].starts_with('#'))
            .map_or(t.len(), |(i, _)| a + 4 + i + 1);
        a..b
    };
    // 3. Article 26 deleted.
    let r26 = article(&edited, "26");
    edited.replace_range(r26, "");
    // 4. Articles 33 and 34 swapped (they stand next to each other).
    let (r33, r34) = (article(&edited, "33"), article(&edited, "34"));
    assert_eq!(r33.end, r34.start);
    let (art33, art34) = (
        edited[r33.clone()].to_string(),
        edited[r34.clone()].to_string(),
    );
    edited.replace_range(r33.start..r34.end, &(art34 + &art33));

    let old = side("budapest", text);
    let new = side("edited", edited);
    let cmp = compare(&old, &new);
    let structural: Vec<(ChangeKind, String)> = cmp
        .changes
        .iter()
        .filter(|c| {
            !matches!(
                c.kind,
                ChangeKind::TextChanged
                    | ChangeKind::FindingIntroduced
                    | ChangeKind::FindingResolved
            )
        })
        .map(|c| (c.kind, c.message.clone()))
        .collect();
    let kinds: Vec<ChangeKind> = structural.iter().map(|c| c.0).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::QualifierDropped,
            ChangeKind::Weakened,
            ChangeKind::ArticleDeleted,
            ChangeKind::ArticleMoved
        ],
        "{structural:#?}"
    );
    assert!(
        structural[0]
            .1
            .contains("Article 14 > paragraph 1: \"specific\" dropped")
    );
    assert!(
        structural[1]
            .1
            .contains("Article 25 > paragraph 1: \"shall\" became \"may\"")
    );
    assert!(structural[2].1.contains("Article 26 was deleted"));
    assert!(structural[3].1.contains("Article 3"), "{}", structural[3].1);
    // Every other article is paired with itself.
    assert_eq!(
        cmp.articles
            .iter()
            .filter(|p| p.old.is_some() && p.new.is_some())
            .count(),
        47
    );
}

/// The mutual-assistance provisions of the 1959 European Convention on Mutual Assistance
/// (its articles) against the paragraphs of UNTOC article 18, aligned by similarity alone.
/// The pairing was checked by hand; the snapshot records it structurally (numbers only).
#[test]
fn ecma_articles_against_untoc_article_18() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    use treatylint::syntax::NodeKind;
    let ecma = side(
        "ecma",
        std::fs::read_to_string(dir.join("ecma-1959-ets030.md")).unwrap(),
    );
    let untoc = side(
        "untoc",
        std::fs::read_to_string(dir.join("untoc-2000.md")).unwrap(),
    );
    let ecma_articles: Vec<_> = ecma.doc.of_kind(NodeKind::Article).collect();
    let art18 = untoc
        .doc
        .of_kind(NodeKind::Article)
        .find(|&a| untoc.doc.number(a) == Some("18"))
        .unwrap();
    let paragraphs: Vec<_> = untoc
        .doc
        .node(art18)
        .children
        .iter()
        .copied()
        .filter(|&c| untoc.doc.node(c).kind == NodeKind::Paragraph)
        .collect();
    let pairs = treatylint::diff::align_nodes(&ecma, &ecma_articles, &untoc, &paragraphs);
    let mut out = String::new();
    for p in pairs.iter().filter(|p| p.old.is_some() && p.new.is_some()) {
        out.push_str(&format!(
            "ECMA art {} <-> UNTOC 18({}) {:.2}\n",
            ecma.doc.number(p.old.unwrap()).unwrap(),
            untoc.doc.number(p.new.unwrap()).unwrap(),
            p.similarity,
        ));
    }
    // Checked by hand: refusal grounds, reasons for refusal, safe conduct, content of
    // requests, relation to other treaties and costs pair with their UNTOC counterparts.
    // (ECMA 15, channels of communication, pairs with 18(29), government records: the one
    // pairing judged wrong; 18(13), the central authority, went to ECMA 18.)
    for (e, u) in [
        ("2", "21"),
        ("19", "23"),
        ("12", "27"),
        ("14", "15"),
        ("26", "6"),
        ("20", "28"),
        ("1", "2"),
    ] {
        assert!(
            out.contains(&format!("ECMA art {e} <-> UNTOC 18({u}) ")),
            "{e} <-> {u}\n{out}"
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn side_by_side_reports_escape_and_mark_words() {
    let old = side("zero-draft.txt", fixture("zero-draft.txt"));
    let new_text = fixture("revised-draft.txt").replace(
        "Protection of sovereignty",
        "Protection of sovereignty <script>alert(1)</script>",
    );
    let new = side("revised-draft.txt", new_text);
    let cmp = compare(&old, &new);
    let html = treatylint::render::diff::html(&old, &new, &cmp);
    assert!(html.contains("<del>shall</del>") && html.contains("<ins>may</ins>"));
    assert!(!html.contains("<script") && html.contains("&lt;script&gt;"));
    let md = treatylint::render::diff::markdown(&old, &new, &cmp);
    assert!(md.contains("~~shall~~") && md.contains("**may**"));
    assert!(!md.contains("<script"));
    let json: serde_json::Value =
        serde_json::from_str(&treatylint::render::diff::json(&old, &new, &cmp)).unwrap();
    assert_eq!(json["schema"], "treatylint.diff/1");
    assert!(
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "weakened" && c["regression"] == true)
    );
}
