//! How cost grows with size: synthetic drafts of 10, 100, 1,000 and 10,000 articles
//! (src/synthetic.rs), through parse, parse + model, and the full check. Throughput in bytes
//! per second should stay flat if cost grows linearly.
//! Run with `cargo bench --bench scaling`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench_scaling(c: &mut Criterion) {
    let selection = treatylint::rules::Selection::default();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for n in [10usize, 100, 1_000, 10_000] {
        let text = treatylint::synthetic::draft(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", n), &text, |b, t| {
            b.iter(|| std::hint::black_box(treatylint::parse(t.clone())))
        });
        group.bench_with_input(BenchmarkId::new("check", n), &text, |b, t| {
            b.iter(|| {
                let doc = treatylint::parse(t.clone());
                let model = treatylint::model::Model::build(&doc);
                std::hint::black_box(treatylint::rules::check(&doc, &model, &selection))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_scaling);
criterion_main!(benches);
