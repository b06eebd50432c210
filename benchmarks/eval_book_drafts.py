"""Recall and precision of name-variant, figure-conflict and partial-period on generated drafts.

Each book comes from ``tests/book_drafts.py`` (running text from the reports corpus, one planted
fault of every kind, look-alike controls); odd seeds split the book into one Markdown file per
unit. Prints every missed plant and every other finding, then the totals.

    python benchmarks/eval_book_drafts.py            # 50 books
    python benchmarks/eval_book_drafts.py --books 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from book_drafts import RULES, make_book  # noqa: E402

from yblint.config import Config  # noqa: E402
from yblint.engine import lint  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--books", type=int, default=50)
    args = ap.parse_args()
    found = missed = extra = 0
    for seed in range(args.books):
        book = make_book(seed, split=seed % 2 == 1)
        with tempfile.TemporaryDirectory() as d:
            paths = book.write(Path(d))
            fs = lint([str(p) for p in paths], Config(), select=list(RULES)).findings

            def covers(f, text):
                return text in f.location.text or any(text in r.text for r in f.related)

            for p in book.plants:
                if any(f.rule == p.rule and covers(f, p.text) for f in fs):
                    found += 1
                else:
                    missed += 1
                    print(f"book {seed}: missed {p.rule} {p.kind} {p.text}")
            for f in fs:
                if not any(f.rule == p.rule and covers(f, p.text) for p in book.plants):
                    extra += 1
                    print(f"book {seed}: other finding {f.rule} {f.location.text}: {f.message}")
    total = found + missed
    print(f"{args.books} books: {found} of {total} plants found ({found / total:.1%}), {extra} other findings")


if __name__ == "__main__":
    main()
