//! Prints a synthetic UN-style draft of N articles (`treatylint::synthetic::draft`), for
//! the pathological-input suite and for trying the tool on large drafts:
//! `cargo run --release --example synthetic -- 50000 > big.txt`
fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    print!("{}", treatylint::synthetic::draft(n));
}
