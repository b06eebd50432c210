"""Benchmark of the duplicate-passage rule (and of jscpd as the reference point).

Turns the government work reports corpus (one JSON object a line with year/title/content) into one
file per report, then 4x and 16x as much text, where every extra copy of a report substitutes one
character in twelve (so the copies are near, not exact), and times

    yblint check --select duplicate-passage DIR

in a fresh process each time (start-up included), printing wall time and peak memory (maximum
resident set size of the child). With --jscpd DIR (a folder where ``npm i -E jscpd@5.3.2`` was run)
jscpd is timed on the same files.

    python benchmarks/bench_duplicates.py                      # 1x, 4x, 16x
    python benchmarks/bench_duplicates.py --scales 1 --repeat 5
    python benchmarks/bench_duplicates.py --jscpd /tmp/jscpd
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "government-work-reports.jsonl"
SUBSTITUTE_EVERY = 12


def load_reports(path: Path) -> list[tuple[str, str]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                obj = json.loads(line)
                out.append((f"{i:02d}-{obj.get('year') or 'x'}", obj["content"]))
    return out


def near_copy(text: str, rng: random.Random, pool: str) -> str:
    """Substitute one character in twelve (chosen at random among the non-space characters) with
    another character of the same text."""
    chars = list(text)
    candidates = [i for i, ch in enumerate(chars) if not ch.isspace()]
    for i in rng.sample(candidates, len(candidates) // SUBSTITUTE_EVERY):
        new = rng.choice(pool)
        while new == chars[i]:
            new = rng.choice(pool)
        chars[i] = new
    return "".join(chars)


def make_corpus(reports: list[tuple[str, str]], scale: int, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in reports:
        pool = "".join(sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff"})) or "的"
        for copy in range(scale):
            body = text if copy == 0 else near_copy(text, random.Random(f"{name}/{copy}"), pool)
            (folder / f"{name}-{copy:02d}.txt").write_text(body, encoding="utf-8")
            total += len(body)
    return total


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """Run ``cmd`` in a fresh helper process; wall seconds, peak RSS of the command in MiB, exit code."""
    helper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([wall, rss, code]))\n"
    )
    out = subprocess.run([sys.executable, "-c", helper, *cmd], capture_output=True, text=True, check=True)
    wall, rss_kb, code = json.loads(out.stdout)
    return wall, rss_kb / 1024, code


def yblint_cmd(folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "yblint",
        "check",
        "--select",
        "duplicate-passage",
        "--format",
        "json",
        "-o",
        os.devnull,
        str(folder),
    ]


def jscpd_cmd(jscpd_dir: Path, folder: Path, report_dir: Path) -> list[str]:
    exe = jscpd_dir / "node_modules" / ".bin" / "jscpd"
    return [
        str(exe),
        "--silent",
        "--reporters",
        "json",
        "--output",
        str(report_dir),
        "--formats-exts",
        "txt:txt",
        str(folder),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best wall time is shown")
    ap.add_argument("--jscpd", type=Path, help="folder with node_modules/.bin/jscpd (npm i -E jscpd@5.3.2)")
    ap.add_argument("--workdir", type=Path, help="where the generated files go (default: a temporary folder)")
    args = ap.parse_args(argv)
    reports = load_reports(args.corpus)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="yblint-bench-"))
    print(f"corpus: {args.corpus} ({len(reports)} reports); files in {work}")
    print(f"{'tool':<8} {'scale':>5} {'files':>6} {'chars':>11} {'wall s':>8} {'peak MiB':>9} {'exit':>4}")
    base_wall: float | None = None
    for scale in args.scales:
        folder = work / f"x{scale}"
        if folder.exists():
            shutil.rmtree(folder)
        chars = make_corpus(reports, scale, folder)
        files = len(reports) * scale
        runs = [measure(yblint_cmd(folder)) for _ in range(args.repeat)]
        wall = min(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        code = runs[0][2]
        if base_wall is None:
            base_wall = wall
        ratio = f"  ({wall / base_wall:.1f}x the 1x time)" if scale != args.scales[0] else ""
        print(f"{'yblint':<8} {scale:>5} {files:>6} {chars:>11,} {wall:>8.2f} {rss:>9.0f} {code:>4}{ratio}")
        if args.jscpd:
            report_dir = work / f"jscpd-report-x{scale}"
            jruns = [measure(jscpd_cmd(args.jscpd, folder, report_dir)) for _ in range(args.repeat)]
            jwall = min(r[0] for r in jruns)
            jrss = max(r[1] for r in jruns)
            print(f"{'jscpd':<8} {scale:>5} {files:>6} {chars:>11,} {jwall:>8.2f} {jrss:>9.0f} {jruns[0][2]:>4}")
        sys.stdout.flush()
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
