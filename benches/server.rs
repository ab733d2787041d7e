//! The language server's re-check latency after a one-character edit, on an 80-article
//! draft assembled from the bundled sample drafts (renumbered), and on each sample.
//! Run with `cargo bench --bench server`.

use std::path::PathBuf;
use std::str::FromStr;

use criterion::{Criterion, criterion_group, criterion_main};

/// An 80-article draft: the UN-style sample's articles repeated and renumbered.
fn eighty_articles() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/un-style-draft-convention.txt");
    let text = std::fs::read_to_string(path).expect("the bundled sample draft");
    treatylint::synthetic::repeated(&text, 80)
}

fn bench_recheck(c: &mut Criterion) {
    let uri = lsp_types::Uri::from_str("file:///bench/draft.txt").expect("uri");
    let selection = treatylint::rules::Selection::default();
    let text = eighty_articles();
    let mut edited = text.clone();
    let at = edited.find("shall").unwrap_or(0);
    edited.replace_range(at..at + 1, "S");
    let mut group = c.benchmark_group("server");
    // As the server runs: each version is checked with what the previous one (the same
    // draft but for one character) lent.
    group.bench_function("recheck-80-articles", |b| {
        let mut cache = treatylint::server::Caches::default();
        let mut toggle = false;
        b.iter(|| {
            toggle = !toggle;
            let t = if toggle { edited.clone() } else { text.clone() };
            std::hint::black_box(treatylint::server::recheck(&uri, t, &selection, &mut cache))
        })
    });
    // The whole check, nothing lent: the document as first opened.
    group.bench_function("open-80-articles", |b| {
        b.iter(|| {
            let mut cache = treatylint::server::Caches::default();
            std::hint::black_box(treatylint::server::recheck(
                &uri,
                text.clone(),
                &selection,
                &mut cache,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_recheck);
criterion_main!(benches);
