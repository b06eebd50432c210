"""Benchmark of the book index (yblint.text.book_index.build_index) and the three rules on it.

Builds a book of about --chars characters (default 2 million): the government work reports
corpus, one document per report, repeated as often as needed (a repeat is its own document, so
the index does all the work again), plus the seed page. Prints the characters, the best of
--repeat times for building the index (documents already parsed: reading and parsing are not the
index's work), and one timed run of each rule with the index built (jieba's first load included
in the first rule that needs it).

    python benchmarks/bench_book_index.py
    python benchmarks/bench_book_index.py --chars 4000000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from yblint.config import Config
from yblint.engine import read_documents
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading.source import Source
from yblint.registry import Registry
from yblint.text.book_index import _CACHE, build_index

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "government-work-reports.jsonl"
SEED = ROOT / "fixtures" / "gongshu-yearbook-2021-page5.txt"


def book(corpus: Path, chars: int) -> Corpus:
    reports = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    docs, _ = read_documents([str(SEED)], Config())
    total, i = len(docs[0].text), 0
    while total < chars:
        r = reports[i % len(reports)]
        text = r["content"]
        src = Source(path=f"{r.get('year') or 'x'}-{i}.txt", text=text, encoding="utf-8", format="text")
        docs.append(build_document(src))
        total += len(text)
        i += 1
    return Corpus(documents=docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--chars", type=int, default=2_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    corpus = book(args.corpus, args.chars)
    chars = sum(len(d.text) for d in corpus.documents)
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        idx = build_index(corpus)
        _ = idx.names, idx.slogans, idx.figures, idx.cutoffs  # each part is found when first asked for
        times.append(time.perf_counter() - t)
    print(f"book: {len(corpus.documents)} documents, {chars:,} characters")
    print(
        f"index: best {min(times):.3f} s of {args.repeat} ({chars / min(times) / 1e6:.1f} M chars/s): "
        f"{len(idx.names)} names, {len(idx.slogans)} slogans, {len(idx.figures)} figures, {len(idx.cutoffs)} cut-offs"
    )
    registry = Registry.load()
    rules = registry.active(Config(), ["name-variant", "figure-conflict", "partial-period"])
    _CACHE[corpus] = idx
    for check in registry.checks(Config(), rules):
        t = time.perf_counter()
        n = sum(1 for _ in check.run(corpus))
        print(f"{check.rule.id}: {time.perf_counter() - t:.3f} s, {n} findings")


if __name__ == "__main__":
    main()
