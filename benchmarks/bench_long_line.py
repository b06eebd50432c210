"""Benchmark of every rule on a statistics table pasted on one line (#14): one sentence of
thousands of figures (2000年地区生产总值1234.5亿元 增长8.6% …), the cells set apart by full-width
spaces or by commas. Each rule that reads the text before a figure must read it once, not once
for each figure: four times the cells should take about four times as long (stop 27: 2,000 cells
took figure-conflict 9.7 s and 8,000 inconsistent-total 5.5 s, quadratic in the cells).

    python benchmarks/bench_long_line.py
    python benchmarks/bench_long_line.py --cells 2000 8000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_totals import measure

INDICATORS = ("地区生产总值", "一般公共预算收入", "社会消费品零售总额", "固定资产投资", "城镇居民人均可支配收入")


def build(cells: int, between: str, folder: Path) -> Path:
    rng = random.Random(cells)
    row = [
        f"{2000 + i % 20}年{rng.choice(INDICATORS)}{rng.randint(10, 9999)}.{rng.randint(0, 9)}亿元 "
        f"增长{rng.randint(1, 15)}.{rng.randint(0, 9)}%"
        for i in range(cells)
    ]
    path = folder / f"row-{cells}-{'comma' if between == '，' else 'space'}.txt"
    path.write_text("统计资料\n\n" + between.join(row) + "。\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        head = f"{'cells apart by':<16} {'cells':>6} {'characters':>11} {'wall s':>7} {'cpu s':>6} {'findings':>9}"
        print(f"{head} {'growth':>22}")
        for between, name in (("　", "spaces"), ("，", "commas")):
            prev: tuple[int, float] | None = None
            for cells in args.cells:
                chars, secs, cpu, found, growth = measure(build(cells, between, Path(tmp)), prev, None)
                row = f"{name:<16} {cells:>6} {chars:>11,} {secs:>7.2f} {cpu:>6.2f} {found:>9}"
                print(f"{row} {growth:>22}", flush=True)
                prev = (chars, cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
