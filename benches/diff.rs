//! Aligning and comparing two 80-article drafts (the bundled UN-style draft's articles
//! repeated and renumbered, and a revision with articles renumbered and one modal weakened).
//! Run with `cargo bench --bench diff`.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use treatylint::diff::{Side, compare};
use treatylint::rules::Selection;

fn eighty_articles(offset: usize) -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/un-style-draft-convention.txt");
    let text = std::fs::read_to_string(path).expect("the bundled sample draft");
    let body = &text[text.find("Article 1\n").unwrap_or(0)..];
    let mut out = String::from("Draft convention (benchmark)\n\n");
    let mut n = 0;
    while n < 80 {
        for line in body.lines() {
            let t = line.trim_start();
            let heading = t.strip_prefix("Article ").is_some_and(|r| {
                r.split_whitespace().count() <= 2 && r.starts_with(|c: char| c.is_ascii_digit())
            });
            if heading {
                n += 1;
                if n > 80 {
                    break;
                }
                out.push_str(&format!("Article {}\n", n + offset));
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn bench_diff(c: &mut Criterion) {
    let selection = Selection::default();
    let old = Side::new("old".into(), eighty_articles(0), &selection);
    let revised = eighty_articles(1).replacen("may decline", "shall decline", 1);
    let new = Side::new("new".into(), revised, &selection);
    c.bench_function("diff/align-and-compare-80-articles", |b| {
        b.iter(|| std::hint::black_box(compare(&old, &new).changes.len()))
    });
}

criterion_group!(benches, bench_diff);
criterion_main!(benches);
