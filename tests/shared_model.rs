//! The semantic model on the real texts of ../shared/corpus: cross-references of the
//! Budapest Convention resolve, and a structural snapshot (paths, modal strength, classes;
//! no treaty text) of Budapest Chapter III and UNTOC articles 16 to 18, checked by hand.

mod common;

use treatylint::model::{Model, RefKind};
use treatylint::syntax::{self, Document, NodeId, NodeKind};

fn load(name: &str) -> Option<Document> {
    let dir = common::shared_corpus()?;
    Some(syntax::parse(
        std::fs::read_to_string(dir.join(name)).unwrap(),
    ))
}

#[test]
fn every_budapest_cross_reference_resolves() {
    let Some(doc) = load("budapest-convention-ets185.md") else {
        return;
    };
    let model = Model::build(&doc);
    let internal: Vec<_> = model
        .references
        .iter()
        .filter(|r| r.kind != RefKind::External)
        .collect();
    assert!(internal.len() > 150, "{}", internal.len());
    for r in &internal {
        assert!(
            r.resolved(),
            "unresolved at {}:{}",
            doc.span(r.range).line,
            doc.span(r.range).column
        );
    }
    // Articles 16 to 21 each make their powers subject to Articles 14 and 15.
    let art = |n: &str| {
        doc.of_kind(NodeKind::Article)
            .find(|&a| doc.number(a) == Some(n))
            .unwrap()
    };
    for n in ["16", "17", "18", "19", "20", "21"] {
        let targets: Vec<NodeId> = model
            .references_from(&doc, art(n))
            .flat_map(|r| r.targets.clone())
            .collect();
        assert!(
            targets.contains(&art("14")) && targets.contains(&art("15")),
            "article {n}"
        );
    }
}

#[test]
fn no_dangling_references_across_the_corpus_but_one_misprint() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let mut dangling = Vec::new();
    for path in common::shared_files(&dir) {
        let doc = syntax::parse(std::fs::read_to_string(&path).unwrap());
        let model = Model::build(&doc);
        for r in model.references.iter().filter(|r| !r.resolved()) {
            let s = doc.span(r.range);
            dangling.push(format!(
                "{}:{}:{}",
                path.file_name().unwrap().to_string_lossy(),
                s.line,
                s.column
            ));
        }
    }
    // ETS 141 Article 23(2) prints "paragraph la)" for "paragraph 1.a".
    assert_eq!(
        dangling,
        ["coe-laundering-convention-1990-ets141.md:239:331"]
    );
}

/// "article 25 > paragraph 4 > subparagraph a: shall | classes".
fn outline(doc: &Document, model: &Model, articles: &[NodeId]) -> String {
    let mut out = String::new();
    for &a in articles {
        let classes: Vec<String> = model.classes_of(a).map(|c| c.class.name()).collect();
        out.push_str(&format!(
            "article {} [{}]\n",
            doc.number(a).unwrap(),
            classes.join(", ")
        ));
        for id in doc.preorder() {
            if id == a || doc.enclosing(id, NodeKind::Article) != Some(a) {
                continue;
            }
            let Some(p) = model.provision_of(id) else {
                continue;
            };
            let path: Vec<String> = std::iter::once(id)
                .chain(doc.ancestors(id))
                .take_while(|&n| n != a)
                .filter(|&n| doc.node(n).kind != NodeKind::Text)
                .map(|n| {
                    format!(
                        "{} {}",
                        doc.node(n).kind.name(),
                        doc.number(n).unwrap_or("-")
                    )
                })
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let forces: Vec<String> = model
                .provision(p)
                .clauses
                .iter()
                .map(
                    |&c| match (&model.clause(c).obligation, model.effective_obligation(c)) {
                        (Some(o), _) => format!("{}({})", o.force.name(), o.actor_kind.name()),
                        (None, Some(o)) => format!("^{}", o.force.name()),
                        (None, None) => "-".to_string(),
                    },
                )
                .collect();
            let hedges: Vec<&str> = model
                .provision(p)
                .clauses
                .iter()
                .flat_map(|&c| model.clause(c).hedges.iter().map(|h| h.kind.name()))
                .collect();
            let classes: Vec<String> = model.classes_of(id).map(|c| c.class.name()).collect();
            out.push_str(&format!(
                "  {}: {}{}{}\n",
                if path.is_empty() {
                    doc.node(id).kind.name().to_string()
                } else {
                    path.join(" > ")
                },
                forces.join(" "),
                if hedges.is_empty() {
                    String::new()
                } else {
                    format!(" ~{}", hedges.join(","))
                },
                if classes.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", classes.join(", "))
                },
            ));
        }
    }
    out
}

#[test]
fn budapest_chapter_three_snapshot() {
    let Some(doc) = load("budapest-convention-ets185.md") else {
        return;
    };
    let model = Model::build(&doc);
    let chapter = doc
        .of_kind(NodeKind::Chapter)
        .find(|&c| doc.number(c) == Some("III"))
        .unwrap();
    let articles: Vec<NodeId> = doc
        .of_kind(NodeKind::Article)
        .filter(|&a| doc.enclosing(a, NodeKind::Chapter) == Some(chapter))
        .collect();
    let classes: Vec<String> = model.classes_of(chapter).map(|c| c.class.name()).collect();
    insta::assert_snapshot!(format!(
        "chapter III [{}]\n{}",
        classes.join(", "),
        outline(&doc, &model, &articles)
    ));
}

#[test]
fn untoc_articles_16_to_18_snapshot() {
    let Some(doc) = load("untoc-2000.md") else {
        return;
    };
    let model = Model::build(&doc);
    let articles: Vec<NodeId> = doc
        .of_kind(NodeKind::Article)
        .filter(|&a| matches!(doc.number(a), Some("16" | "17" | "18")))
        .collect();
    insta::assert_snapshot!(outline(&doc, &model, &articles));
}

/// Every finding on the real corpus, structurally: file, rule, article, paragraph, line.
#[test]
fn corpus_findings_snapshot() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let sel = treatylint::rules::Selection::default();
    let mut out = String::new();
    for path in common::shared_files(&dir) {
        let doc = syntax::parse(std::fs::read_to_string(&path).unwrap());
        let model = Model::build(&doc);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for f in treatylint::rules::check(&doc, &model, &sel) {
            let loc = treatylint::rules::location(&doc, f.node);
            out.push_str(&format!(
                "{name} {} {} art={} para={} line={}\n",
                f.rule.code,
                f.severity,
                loc.article.as_deref().unwrap_or("-"),
                loc.paragraph.as_deref().unwrap_or("-"),
                doc.span(f.range).line
            ));
        }
    }
    insta::assert_snapshot!(out);
}
