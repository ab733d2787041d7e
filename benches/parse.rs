//! Throughput of each stage over ../shared/corpus (when present) and over the bundled sample
//! drafts: parse; parse + semantic model; the full check (parse, model, all stable rules).
//! Run with `cargo bench --bench parse`; criterion prints MiB/s.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn load(dir: &str, exts: &[&str]) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
                && !p.ends_with("SOURCES.md")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// One benchmark group: `stage` run over each input set, as bytes per second.
fn group(c: &mut Criterion, name: &str, stage: impl Fn(&str)) {
    let mut group = c.benchmark_group(name);
    for (input, texts) in [
        ("shared-corpus", load("../shared/corpus", &["md"])),
        ("bundled-corpus", load("corpus", &["md", "txt"])),
    ] {
        if texts.is_empty() {
            eprintln!("{input}: not present, skipped");
            continue;
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(input, |b| {
            b.iter(|| {
                for t in &texts {
                    stage(t);
                }
            })
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    group(c, "parse", |t| {
        std::hint::black_box(treatylint::parse(t.to_string()));
    });
    group(c, "parse+model", |t| {
        let doc = treatylint::parse(t.to_string());
        std::hint::black_box(treatylint::model::Model::build(&doc));
    });
    let selection = treatylint::rules::Selection::default();
    group(c, "check", |t| {
        let doc = treatylint::parse(t.to_string());
        let model = treatylint::model::Model::build(&doc);
        std::hint::black_box(treatylint::rules::check(&doc, &model, &selection));
    });
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
