//! Parses (with --model also builds the semantic model, with --check runs the rules on)
//! every file given, N times:
//! a profiling driver. `cargo run --release --example parse_corpus -- --rounds=20 --model FILES`
fn main() {
    let mut rounds: u32 = 20;
    let mut model = false;
    let mut check = false;
    let mut synthetic: Vec<String> = Vec::new();
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if let Some(n) = a.strip_prefix("--rounds=") {
            rounds = n.parse().unwrap_or(20);
        } else if a == "--model" {
            model = true;
        } else if a == "--check" {
            check = true;
        } else if let Some(n) = a.strip_prefix("--synthetic=") {
            synthetic.push(treatylint::synthetic::draft(n.parse().unwrap_or(100)));
        } else {
            files.push(a);
        }
    }
    let mut texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.extend(synthetic);
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let mut count = 0;
    for _ in 0..rounds {
        for t in &texts {
            let doc = treatylint::parse(t.clone());
            count += if check {
                let m = treatylint::model::Model::build(&doc);
                treatylint::rules::check(&doc, &m, &treatylint::rules::Selection::default()).len()
            } else if model {
                treatylint::model::Model::build(&doc).clauses.len()
            } else {
                doc.nodes.len()
            };
        }
    }
    let per_round = started.elapsed().as_secs_f64() / f64::from(rounds.max(1));
    println!(
        "{count} results; {:.2} ms per round over {} bytes: {:.1} MiB/s",
        per_round * 1e3,
        bytes,
        bytes as f64 / per_round / (1024.0 * 1024.0)
    );
}
