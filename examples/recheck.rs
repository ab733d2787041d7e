//! The language server's re-check after a one-character edit, as `scripts/bench.py` reports
//! it: an 80-article draft (the bundled UN-style sample's articles, repeated), each version
//! checked with what the previous one lent, as the server does. Prints the median of N
//! re-checks and the time of a first check (nothing lent).
//! `cargo run --release --example recheck -- [N]`
use std::str::FromStr;
use std::time::Instant;

use treatylint::server::{Caches, recheck};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/un-style-draft-convention.txt"
    );
    let Ok(sample) = std::fs::read_to_string(path) else {
        eprintln!("{path}: cannot read the bundled sample draft");
        std::process::exit(2);
    };
    let text = treatylint::synthetic::repeated(&sample, 80);
    let mut edited = text.clone();
    if let Some(at) = edited.find("shall") {
        edited.replace_range(at..at + 1, "S");
    }
    let Ok(uri) = lsp_types::Uri::from_str("file:///bench/draft.txt") else {
        std::process::exit(2);
    };
    let selection = treatylint::rules::Selection::default();
    let mut first = Vec::new();
    for _ in 0..runs.clamp(1, 20) {
        let t = Instant::now();
        std::hint::black_box(recheck(
            &uri,
            text.clone(),
            &selection,
            &mut Caches::default(),
        ));
        first.push(t.elapsed().as_secs_f64());
    }
    let mut cache = Caches::default();
    recheck(&uri, text.clone(), &selection, &mut cache);
    let mut times = Vec::new();
    for i in 0..runs.max(1) {
        let t = if i % 2 == 0 { &edited } else { &text };
        let start = Instant::now();
        std::hint::black_box(recheck(&uri, t.clone(), &selection, &mut cache));
        times.push(start.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{} bytes, 80 articles: re-check after a one-character edit {:.2} ms (median of {}), first check {:.2} ms",
        text.len(),
        median(&mut times) * 1e3,
        times.len(),
        median(&mut first) * 1e3
    );
}
