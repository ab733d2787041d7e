#!/usr/bin/env python3
"""The pathological-input suite: inputs built to make a text tool hang, blow up or crash,
each checked by the release binary as a whole process, with its wall time and peak memory.

    python3 scripts/pathological.py [--quick] [--markdown]

Each input is also run at a quarter of its size: the suite fails if a case exits with an
unexpected code or message, or if its time or memory grows faster than linearly (more than
eight times for four times the input, leaving room for noise). Inputs over the default
limits (64 MiB, brackets 500 deep) must be refused with a clear error; raised limits let
them through. Inputs are generated into target/pathological/ (all text is our own:
treatylint's synthetic UN-style drafts and fixed lines). --quick runs at a tenth of the
sizes, for a development loop; CI runs the full sizes.
"""
import argparse
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "pathological")
BIN = os.path.join(ROOT, "target", "release", "treatylint")
SYNTHETIC = os.path.join(ROOT, "target", "release", "examples", "synthetic")

# Short lines (29 bytes on average): a million of them stay under the default size limit.
LINES = [
    "1. Each Party shall act.",
    "plain text of a draft",
    "(a) the conduct is punishable;",
    "Personal data shall be shared.",
    "Article 7",
    "",
    "2. A Party may refuse assistance.",
]


def synthetic(articles):
    return subprocess.run([SYNTHETIC, str(articles)], check=True, capture_output=True).stdout


def million_lines(n):
    return "".join(LINES[i % len(LINES)] + "\n" for i in range(n)).encode()


def one_line(size):
    unit = "States Parties shall cooperate to the widest extent possible, where appropriate. "
    return (unit * (size // len(unit) + 1))[:size].encode()


def nested(depth):
    return ("Article 1\n\n1. Each Party shall " + "(" * depth + "x" + ")" * depth + ".\n").encode()


def article_lines(n):
    return b"Article 1\n" * n


# name, generator, full-size parameter, extra arguments, expected exit codes, expected
# stderr fragment (for refusals: these run once, at full size, and must fail fast).
CASES = [
    ("100 MB draft (230,000 articles), default limits", synthetic, 230_000, [], {2},
     "is more than the largest file treatylint reads"),
    ("100 MB draft (230,000 articles), --max-file-size 128M", synthetic, 230_000,
     ["--max-file-size", "128M"], {0, 1}, None),
    ("a million lines", million_lines, 1_000_000, [], {0, 1}, None),
    ("a single 10 MB line", one_line, 10_000_000, [], {0, 1}, None),
    ("100,000 nested brackets, default limits", nested, 100_000, [], {2},
     "brackets nested more than 500 deep"),
    ("100,000 nested brackets, --max-nesting 200000", nested, 100_000,
     ["--max-nesting", "200000"], {0, 1}, None),
    ("50,000 articles", synthetic, 50_000, [], {0, 1}, None),
    ("every line \"Article 1\" (1,000,000 lines)", article_lines, 1_000_000, [], {0, 1}, None),
]


def run(path, extra):
    """(exit code, wall seconds, peak RSS in KiB, stderr) of one whole process."""
    cmd = ["/usr/bin/time", "-f", "%e %M", BIN, "check", "--no-config", "--format", "concise",
           *extra, path]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = p.stderr.strip().splitlines()
    wall, rss = lines[-1].split()
    err = "\n".join(l for l in lines[:-1] if not l.startswith("Command exited"))
    return p.returncode, float(wall), int(rss), err


def human(n):
    for unit in ["B", "KB", "MB", "GB"]:
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "treatylint",
                    "--example", "synthetic"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    scale = 10 if args.quick else 1
    rows = []
    failures = []
    for index, (name, gen, size, extra, codes, message) in enumerate(CASES):
        results = []
        sizes = [("full", size // scale), ("quarter", size // scale // 4)]
        if message:
            # A refusal: once, at full size (the default limit is what is tested).
            sizes = [("full", size)]
        for label, param in sizes:
            data = gen(param)
            path = os.path.join(OUT, f"case-{index}-{label}.txt")
            with open(path, "wb") as f:
                f.write(data)
            code, wall, rss, err = run(path, extra)
            os.remove(path)
            results.append((len(data), code, wall, rss, err))
            if code not in codes:
                failures.append(f"{name} ({label}): exit {code}, expected {sorted(codes)}: {err[:300]}")
            if "panicked" in err:
                failures.append(f"{name} ({label}): panic: {err[:300]}")
            if message and message not in err:
                failures.append(f"{name} ({label}): expected {message!r} in: {err[:300]}")
        size_f, code, wall_f, rss_f, _ = results[0]
        time_ratio = mem_ratio = None
        if len(results) > 1:
            _, _, wall_q, rss_q, _ = results[1]
            time_ratio = wall_f / wall_q if wall_q >= 0.05 else None
            mem_ratio = rss_f / rss_q
        elif wall_f > 1.0:
            failures.append(f"{name}: a refusal took {wall_f:.2f} s")
        # Linear growth gives about 4 for 4 times the input; 8 leaves room for noise and
        # for the fixed start-up cost at the small size. Below 50 ms the times are noise.
        if time_ratio is not None and time_ratio > 8:
            failures.append(f"{name}: time grew {time_ratio:.1f}x for 4x the input")
        if mem_ratio is not None and mem_ratio > 8:
            failures.append(f"{name}: memory grew {mem_ratio:.1f}x for 4x the input")
        rows.append((name, human(size_f), code, wall_f, rss_f * 1024, rss_f * 1024 / size_f,
                     time_ratio, mem_ratio))
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    print(f"Machine: {os.cpu_count()} cores, {cpu}, {platform.system()}; "
          f"`treatylint check --format concise`, release build, one run each.\n")
    print("| input | size | exit | time | peak memory | memory / input | time ×, ¼ → full | memory ×, ¼ → full |")
    print("|---|---|---|---|---|---|---|---|")
    for name, size, code, wall, rss, per, tr, mr in rows:
        if mr is None:
            trs = mrs = "(refused)"
        else:
            trs = f"{tr:.1f}" if tr is not None else "(< 50 ms)"
            mrs = f"{mr:.1f}"
        print(f"| {name} | {size} | {code} | {wall:.2f} s | {human(rss)} | {per:.1f}× | {trs} | {mrs} |")
    if failures:
        print("\nFAILED:", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
