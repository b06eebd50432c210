"""Benchmark of the inconsistent-total rule on one long file.

The seed page (fixtures/gongshu-yearbook-2021-page5.txt) is repeated until the file holds about
0.1, 0.4 and 1.6 million characters, and each size is timed with

    yblint check FILE --select inconsistent-total --format json

in a fresh process (start-up included), printing wall and CPU time. For a linear rule, four
times the text takes about four times as long: the script prints the growth of CPU time (steadier
than wall time on a busy machine) over the size before.

    python benchmarks/bench_totals.py
    python benchmarks/bench_totals.py --sizes 400000 1600000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "gongshu-yearbook-2021-page5.txt"


def build(size: int, folder: Path) -> Path:
    page = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    copies = max(1, round(size / len(page)))
    path = folder / f"seed-x{copies}.txt"
    path.write_text(page * copies, encoding="utf-8")
    return path


def time_check(path: Path, select: str | None = "inconsistent-total") -> tuple[float, float, int]:
    """Wall time, CPU time of the child (user + system: steadier on a busy machine), findings
    (of ``select``; every rule's when it is None)."""
    cmd = [sys.executable, "-m", "yblint", "check", str(path), "--format", "json"]
    cmd += ["--select", select] if select else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode not in (0, 1):
        raise SystemExit(f"yblint failed on {path}: {r.stderr.strip()}")
    return elapsed, cpu, r.stdout.count(f'"rule": "{select}"' if select else '"rule": ')


def measure(
    path: Path, prev: tuple[int, float] | None, select: str | None = "inconsistent-total"
) -> tuple[int, float, float, int, str]:
    """:func:`time_check` of ``path``, with its characters first and, last, how its characters and
    CPU time grew over ``prev`` (the characters and CPU time of the size before)."""
    chars = len(path.read_text(encoding="utf-8"))
    secs, cpu, found = time_check(path, select)
    growth = f"x{chars / prev[0]:.1f} text, x{cpu / prev[1]:.1f} cpu" if prev else ""
    return chars, secs, cpu, found, growth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        prev: tuple[int, float] | None = None
        print(f"{'characters':>12} {'wall s':>8} {'cpu s':>8} {'findings':>9} {'growth (cpu)':>24}")
        for size in args.sizes:
            chars, secs, cpu, found, growth = measure(build(size, Path(tmp)), prev)
            print(f"{chars:>12,} {secs:>8.2f} {cpu:>8.2f} {found:>9} {growth:>24}", flush=True)
            prev = (chars, cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
