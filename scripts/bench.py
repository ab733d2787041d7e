#!/usr/bin/env python3
"""One-command benchmark: the performance targets of treatylint, and treatylint against other
tools a reviewer might run on the same treaty texts. Prints two Markdown tables.

    python3 scripts/bench.py [--runs 7] [--no-tools] [FILES...]

1. Targets: the whole corpus checked as one process (both cores); parse + model + all rules
   single-threaded, on the corpus and on a synthetic draft of 10,000 articles; the language
   server's re-check of an 80-article draft after a one-character edit; the peak memory of a
   check of that synthetic draft, against the size of the draft.
2. Tools: each as a whole process on the same files, several runs, medians, as ratios to
   treatylint check. The other tools come from PyPI into target/bench-venv: typos (a spell
   checker for source code), proselint (a prose linter), bluebell-akn (a parser of legal
   text into Akoma Ntoso). bluebell takes one file per process, so its time is the sum over
   the files.

Inputs default to ../shared/corpus/*.md when present, else corpus/.
"""
import argparse
import glob
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "bench-venv")
BIN = os.path.join(VENV, "bin")
RELEASE = os.path.join(ROOT, "target", "release")
EXAMPLES = os.path.join(RELEASE, "examples")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_tools():
    if not os.path.exists(os.path.join(BIN, "bluebell")):
        sh([sys.executable, "-m", "venv", VENV])
        sh([os.path.join(BIN, "pip"), "install", "-q", "typos", "proselint", "bluebell-akn"])


def timed(cmds, runs):
    """Median wall time of running every command in `cmds` in sequence."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for c in cmds:
            subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def peak_rss(cmd):
    """Peak resident memory of one process, in bytes (from wait4's resource usage)."""
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss * 1024


def output(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def number(pattern, text):
    m = re.search(pattern, text)
    if not m:
        sys.exit(f"bench: no figure matching {pattern!r} in {text!r}")
    return float(m.group(1))


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-tools", action="store_true", help="only the targets table")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(
        f for f in glob.glob(os.path.join(ROOT, "..", "shared", "corpus", "*.md")) if not f.endswith("SOURCES.md")
    ) or sorted(glob.glob(os.path.join(ROOT, "corpus", "*.*")))
    files = [os.path.abspath(f) for f in files]
    size = sum(os.path.getsize(f) for f in files)
    sh(["cargo", "build", "--release", "--quiet", "--bins", "--examples"], cwd=ROOT)
    tl = os.path.join(RELEASE, "treatylint")
    check = [tl, "check", "--no-config", "--format", "concise"]
    inputs = f"{len(files)} files, {size / 1024:.0f} KiB"
    print(f"Machine: {os.cpu_count()} cores, {cpu()}; release build; medians of {args.runs} runs.\n")

    # Targets.
    synthetic = os.path.join(ROOT, "target", "bench-synthetic-10000.txt")
    with open(synthetic, "w") as f:
        sh([os.path.join(EXAMPLES, "synthetic"), "10000"], stdout=f)
    syn_size = os.path.getsize(synthetic)
    whole = timed([check + files], args.runs)
    corpus_rate = number(r"([\d.]+) MiB/s", output(
        [os.path.join(EXAMPLES, "parse_corpus"), "--rounds=10", "--check", *files]))
    syn_rate = number(r"([\d.]+) MiB/s", output(
        [os.path.join(EXAMPLES, "parse_corpus"), "--rounds=3", "--check", synthetic]))
    server = output([os.path.join(EXAMPLES, "recheck"), "300"])
    recheck = number(r"edit ([\d.]+) ms", server)
    first = number(r"first check ([\d.]+) ms", server)
    peak = max(peak_rss(check + [synthetic]) for _ in range(3))
    mb = 1e6 / (1024 * 1024)  # MiB/s to MB/s
    rows = [
        ("whole check as one process (2 threads)", inputs, f"{whole * 1000:.0f} ms", "< 30 ms", whole < 0.030),
        ("parse + model + rules, one thread", inputs, f"{corpus_rate / mb:.1f} MB/s", "≥ 50 MB/s", corpus_rate / mb >= 50),
        ("parse + model + rules, one thread", f"synthetic draft, 10,000 articles, {syn_size / 1e6:.1f} MB",
         f"{syn_rate / mb:.1f} MB/s", "≥ 50 MB/s", syn_rate / mb >= 50),
        ("language server: re-check after a one-character edit", "80-article draft (bundled sample repeated)",
         f"{recheck:.2f} ms (first check {first:.2f} ms)", "< 2 ms", recheck < 2),
        ("peak memory of a check (process)", f"synthetic draft, 10,000 articles, {syn_size / 1e6:.1f} MB",
         f"{peak / 1e6:.0f} MB = {peak / syn_size:.1f}× input", "< 10× input", peak < 10 * syn_size),
    ]
    print("| measure | input | figure | target | met |")
    print("|---|---|---|---|---|")
    for measure, inp, fig, target, met in rows:
        print(f"| {measure} | {inp} | {fig} | {target} | {'yes' if met else 'no'} |")

    if args.no_tools:
        return
    ensure_tools()
    tools = [
        ("treatylint check (parse, model, 35 rules)", [check + files]),
        ("treatylint parse (tree only, per file)", [[tl, "parse", "--format", "json", f] for f in files]),
        ("typos", [[os.path.join(BIN, "typos"), *files]]),
        ("proselint check", [[os.path.join(BIN, "proselint"), "check", *files]]),
        ("bluebell-akn (per file)", [[os.path.join(BIN, "bluebell"), "/akn/xx/act/2000/1", "act", f] for f in files]),
    ]
    results = [(name, timed(cmds, args.runs)) for name, cmds in tools]
    base = results[0][1]
    print(f"\nWhole processes on {inputs}:\n")
    print("| tool | median time | relative to treatylint check |")
    print("|---|---|---|")
    for name, t in results:
        print(f"| {name} | {t * 1000:.0f} ms | {t / base:.2f}× |")


if __name__ == "__main__":
    main()
