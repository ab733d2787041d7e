#!/usr/bin/env python3
"""One-command benchmark: times treatylint and other tools a reviewer might run on the same
treaty texts, each as a whole process, several runs, medians, and prints a Markdown table
with ratios to treatylint.

    python3 scripts/bench.py [--runs 7] [FILES...]

Inputs default to ../shared/corpus/*.md when present, else corpus/. The other tools come
from PyPI into target/bench-venv: typos (a spell checker for source code), proselint (a
prose linter), bluebell-akn (a parser of legal text into Akoma Ntoso). bluebell takes one
file per process, so its time is the sum over the files.
"""
import argparse
import glob
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "bench-venv")
BIN = os.path.join(VENV, "bin")


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
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(
        f for f in glob.glob(os.path.join(ROOT, "..", "shared", "corpus", "*.md")) if not f.endswith("SOURCES.md")
    ) or sorted(glob.glob(os.path.join(ROOT, "corpus", "*.*")))
    files = [os.path.abspath(f) for f in files]
    size = sum(os.path.getsize(f) for f in files)
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    ensure_tools()
    tl = os.path.join(ROOT, "target", "release", "treatylint")
    tools = [
        ("treatylint check (parse, model, 35 rules)", [[tl, "check", "--no-config", "--format", "concise", *files]]),
        ("treatylint parse (tree only, per file)", [[tl, "parse", "--format", "json", f] for f in files]),
        ("typos", [[os.path.join(BIN, "typos"), *files]]),
        ("proselint check", [[os.path.join(BIN, "proselint"), "check", *files]]),
        ("bluebell-akn (per file)", [[os.path.join(BIN, "bluebell"), "/akn/xx/act/2000/1", "act", f] for f in files]),
    ]
    results = [(name, timed(cmds, args.runs)) for name, cmds in tools]
    base = results[0][1]
    print(f"Machine: {os.cpu_count()} cores, {cpu()}; input: {len(files)} files, {size / 1024:.0f} KiB; "
          f"median of {args.runs} runs, whole processes.\n")
    print("| tool | median time | relative to treatylint check |")
    print("|---|---|---|")
    for name, t in results:
        print(f"| {name} | {t * 1000:.0f} ms | {t / base:.2f}× |")


if __name__ == "__main__":
    main()
