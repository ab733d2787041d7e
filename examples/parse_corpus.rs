//! Parses every file given on the command line N times (default 20): a profiling driver.
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = if args.first().is_some_and(|a| a.starts_with("--rounds=")) {
        args.remove(0)[9..].parse().unwrap_or(20)
    } else {
        20
    };
    let texts: Vec<String> = args
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut nodes = 0;
    for _ in 0..rounds {
        for t in &texts {
            nodes += treatylint::parse(t.clone()).nodes.len();
        }
    }
    println!("{nodes}");
}
