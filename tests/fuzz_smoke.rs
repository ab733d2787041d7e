//! A short run of each fuzz target's body (`treatylint::fuzzing`) on every `cargo test`:
//! the seeds (the bundled sample drafts, fuzz/seeds/), every input a fuzzer ever crashed on
//! (fuzz/regressions/<target>/, kept as regression tests), and a few hundred mutations of
//! them from a fixed-seed generator. The real fuzzing runs under cargo fuzz (docs/fuzzing.md).

use std::path::Path;

/// A small xorshift generator: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that reach the parser's and rules' interesting states.
const TOKENS: &[&[u8]] = &[
    b"\nArticle 7\n",
    b"\nArticle 7 bis. Caption\n",
    b"\nCHAPTER IV\n",
    b"\n### Article 2\n",
    b"\n1. ",
    b"\n(a) ",
    b"\n(ii) ",
    b" shall ",
    b" may ",
    b" shall not ",
    b"[",
    b"]",
    b"(",
    b"\xe2\x80\x9c",
    b"\r\n",
    b"\r",
    b"\x0c",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xf0\x9f\x98\x80",
    b"article 3, paragraph 2 (a)",
    b"in accordance with its domestic law",
    b"mutual legal assistance",
    b"personal data",
    b"dual criminality",
    b"<!-- treatylint-disable-next-line TL101 -- x -->\n",
    b"Content-Length: 10\r\n\r\n",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            2 => {
                let end = (at + rng.below(200)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(400)).min(v.len());
                let copy = v[at..end].to_vec();
                v.splice(at..at, copy);
            }
            4 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + rng.below(800)).min(other.len());
                v.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let n = 1 + rng.below(50);
                for _ in 0..n {
                    v.splice(at..at, t.iter().copied());
                }
            }
        }
    }
    v
}

fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn run(target: &str, body: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regressions = files_in(&root.join("fuzz/regressions").join(target));
    for input in &regressions {
        body(input);
    }
    // Seeds cut to their first 6 KB, so that the mutations stay quick in a debug build.
    let mut seeds: Vec<Vec<u8>> = files_in(&root.join("corpus"))
        .into_iter()
        .chain(files_in(&root.join("fuzz/seeds").join(target)))
        .map(|mut s| {
            s.truncate(6 * 1024);
            s
        })
        .collect();
    seeds.extend(regressions);
    assert!(seeds.len() >= 3, "seeds for {target}");
    for s in &seeds {
        body(s);
    }
    let mut rng = Rng(0x7ea7_11a7 ^ target.len() as u64);
    for _ in 0..120 {
        let a = &seeds[rng.below(seeds.len())];
        let b = &seeds[rng.below(seeds.len())];
        body(&mutate(&mut rng, a, b));
    }
}

#[test]
fn parse_target() {
    run("parse", treatylint::fuzzing::parse);
}

#[test]
fn check_target() {
    run("check", treatylint::fuzzing::check);
}

#[test]
fn diff_target() {
    run("diff", treatylint::fuzzing::diff);
}

#[test]
fn server_target() {
    run("server", treatylint::fuzzing::server);
}
