//! Bytes held after each stage of a check (a counting allocator): where the memory of a
//! large draft goes. `cargo run --release --example memory -- FILE`
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let input = text.len() as f64;
    let mib = |n: usize| n as f64 / (1024.0 * 1024.0);
    let report = |stage: &str, base: usize| {
        let live = LIVE.load(Ordering::Relaxed);
        println!(
            "{stage:<10} held {:>8.1} MiB ({:>5.1}x input), stage adds {:>8.1} MiB; peak so far {:>8.1} MiB",
            mib(live),
            live as f64 / input,
            mib(live.saturating_sub(base)),
            mib(PEAK.load(Ordering::Relaxed))
        );
        live
    };
    let b = report("input", 0);
    let doc = treatylint::parse(text);
    let b = report("parse", b);
    let model = treatylint::model::Model::build(&doc);
    let b = report("model", b);
    let n = |what: &str, count: usize, size: usize| {
        println!(
            "  {what:<16} {count:>8} x {size:>4} B = {:>8.1} MiB inline",
            mib(count * size)
        )
    };
    n(
        "nodes",
        doc.nodes.len(),
        std::mem::size_of::<treatylint::syntax::Node>(),
    );
    n(
        "provisions",
        model.provisions.len(),
        std::mem::size_of::<treatylint::model::Provision>(),
    );
    n(
        "clauses",
        model.clauses.len(),
        std::mem::size_of::<treatylint::model::Clause>(),
    );
    n(
        "references",
        model.references.len(),
        std::mem::size_of::<treatylint::model::Reference>(),
    );
    n(
        "term uses",
        model.term_uses.len(),
        std::mem::size_of::<treatylint::model::TermUse>(),
    );
    n(
        "classifications",
        model.classifications.len(),
        std::mem::size_of::<treatylint::model::classify::Classification>(),
    );
    n("findings (model)", model.findings.len(), 64);
    let text: usize = model
        .provisions
        .iter()
        .map(|p| p.text.text.capacity())
        .sum();
    println!("  provision texts  {:>8.1} MiB", mib(text));
    let findings = treatylint::rules::check(&doc, &model, &treatylint::rules::Selection::default());
    let b = report("rules", b);
    let out = treatylint::render::check::text(&[treatylint::render::check::FileReport {
        file: path.clone(),
        doc: &doc,
        findings: &findings,
    }]);
    report("render", b);
    println!("{} findings, {} bytes of output", findings.len(), out.len());
}
