"""Two versions of yblint by turns on the benchmark's material (#14): this checkout and a git
revision, each installed by pip in a virtualenv of its own, run one after the other ``--repeat``
times on the 2-million-character book (every rule), the commit hook's run (one chapter, the book
as ``--corpus``), duplicate-passage on the reports 1x and 4x and every rule on the reports 4x
(benchmarks/bench.py builds them).
For each: the two medians, the change, and whether the two versions' JSON reports are the same.

This machine's speed moves by up to 45% from one half hour to the next, so a change of a few
percent shows only when the two versions take turns. Both are installed by pip, which compiles
their bytecode: a copy of a virtualenv keeps the bytecode of where it was copied from, which
Python finds stale and, with PYTHONDONTWRITEBYTECODE set, compiles again on every run (stop 18
first compared against such a copy, and the old version looked 0.2 s slower than it was).

    python benchmarks/compare.py HEAD~3 --corpus "$REPORTS" --repeat 11 [--python /usr/bin/python3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import bench
from bench_duplicates import DEFAULT_CORPUS, load_reports, make_corpus


def export(rev: str, dest: Path) -> str:
    """The tree of ``rev`` (a commit, a tag, a branch) written to ``dest``; its short hash."""
    commit = subprocess.run(
        ["git", "-C", str(bench.ROOT), "rev-parse", "--short", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(bench.ROOT), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return commit


def same_report(a: list[str], b: list[str], extra: list[str], work: Path) -> str:
    """Whether the two versions write the same JSON report for ``extra`` (one run each)."""
    outs = [work / "compare-a.json", work / "compare-b.json"]
    for command, out in zip((a, b), outs, strict=True):
        subprocess.run(bench.check(command, str(out), *extra), env=bench.CHILD_ENV, capture_output=True, check=False)
    first, second = (o.read_bytes() for o in outs)
    if first == second:
        return "same findings"
    count = [o.read_text(encoding="utf-8").count('\n    {"rule"') for o in outs]
    return f"OTHER FINDINGS ({count[0]} against {count[1]} lines)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the git revision to compare this checkout with")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--python", default=sys.executable, help="the interpreter of both virtualenvs")
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it (the virtualenvs too)")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="yblint-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    reports = load_reports(args.corpus)
    book = work / "book"
    if not book.exists():
        bench.make_book(reports, book)
    for k in (1, 4):
        if not (work / f"x{k}").exists():
            make_corpus(reports, k, work / f"x{k}")
    commit = export(args.rev, work / "rev-src")
    old, version = bench.install_into(work / "venv-rev", work / "rev-src", args.python, work)
    new, _ = bench.install_into(work / "venv", bench.ROOT, args.python, work)
    print(f"{args.rev} ({commit}) against this checkout, Python {version}, {args.repeat} runs each by turns")
    rows = [
        ("every rule, book", [str(book)]),
        (
            "commit hook (one chapter, book as --corpus)",
            [str(book / bench.HOOK_CHAPTER), "--corpus", str(book / "*.txt")],
        ),
        ("duplicate-passage, reports 1x", ["--select", "duplicate-passage", str(work / "x1")]),
        ("duplicate-passage, reports 4x", ["--select", "duplicate-passage", str(work / "x4")]),
        ("every rule, reports 4x", [str(work / "x4")]),
    ]
    for command in (old, new):
        bench.warm_up(book / "chapter-01.txt", command)
    head = f"{'run':<46} {'before s':>9} {'after s':>8} {'change':>7} {'CPU before':>11} {'CPU after':>10}"
    print(head)
    print("-" * len(head))
    for name, extra in rows:
        (a_wall, a_cpu, _), (b_wall, b_cpu, _) = bench.timed(
            bench.check(old, os.devnull, *extra), bench.check(new, os.devnull, *extra), repeat=args.repeat
        )
        change = f"{(b_wall / a_wall - 1) * 100:+.0f}%"
        print(
            f"{name:<46} {a_wall:>9.3f} {b_wall:>8.3f} {change:>7} {a_cpu:>11.2f} {b_cpu:>10.2f}  "
            f"{same_report(old, new, extra, work)}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
