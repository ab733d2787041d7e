//! Parse, and parse + semantic model, throughput over ../shared/corpus (when present) and over the bundled sample drafts.
//! Run with `cargo bench --bench parse`; criterion prints MB/s.

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

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, texts) in [
        ("shared-corpus", load("../shared/corpus", &["md"])),
        ("bundled-corpus", load("corpus", &["md", "txt"])),
    ] {
        if texts.is_empty() {
            eprintln!("{name}: not present, skipped");
            continue;
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for t in &texts {
                    std::hint::black_box(treatylint::parse(t.clone()));
                }
            })
        });
    }
    group.finish();

    // Parse and semantic model together: what every later stage starts from.
    let mut group = c.benchmark_group("parse+model");
    for (name, texts) in [
        ("shared-corpus", load("../shared/corpus", &["md"])),
        ("bundled-corpus", load("corpus", &["md", "txt"])),
    ] {
        if texts.is_empty() {
            continue;
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for t in &texts {
                    let doc = treatylint::parse(t.clone());
                    std::hint::black_box(treatylint::model::Model::build(&doc));
                }
            })
        });
    }
    group.finish();

    // The full check: parse, model and every stable rule.
    let mut group = c.benchmark_group("check");
    let selection = treatylint::rules::Selection::default();
    for (name, texts) in [
        ("shared-corpus", load("../shared/corpus", &["md"])),
        ("bundled-corpus", load("corpus", &["md", "txt"])),
    ] {
        if texts.is_empty() {
            continue;
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for t in &texts {
                    let doc = treatylint::parse(t.clone());
                    let model = treatylint::model::Model::build(&doc);
                    std::hint::black_box(treatylint::rules::check(&doc, &model, &selection));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
