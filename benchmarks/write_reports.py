"""Write the government work reports corpus as draft files, for the measurements in the README.

The corpus (``government-work-reports.jsonl``: 72 reports, one JSON object a line with ``year``,
``title`` and ``content``) is not part of this repository; pass its path.

    python benchmarks/write_reports.py CORPUS.jsonl OUT             # OUT/NN-YEAR.txt, as published
    python benchmarks/write_reports.py CORPUS.jsonl OUT --norm NORM --docx DOCX
        # also one paragraph a line with blank lines between (NORM/NN-YEAR.txt) and the same
        # paragraphs as Word files (DOCX/NN-YEAR.docx, needs python-docx)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="government-work-reports.jsonl")
    ap.add_argument("out", type=Path, help="folder for one .txt per report")
    ap.add_argument("--norm", type=Path, help="folder for the reports one paragraph a line")
    ap.add_argument("--docx", type=Path, help="folder for the same paragraphs as .docx")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"write_reports: {args.corpus}: no such file (the reports corpus is not in this repository)")
        return 2
    for d in (args.out, args.norm, args.docx):
        if d is not None:
            d.mkdir(parents=True, exist_ok=True)
    if args.docx is not None:
        import docx
    n = 0
    for i, line in enumerate(args.corpus.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        report = json.loads(line)
        name = f"{i:02d}-{report.get('year')}"
        text = report["content"]
        (args.out / f"{name}.txt").write_text(text, encoding="utf-8")
        paras = [p for p in "\n\n".join(x for x in text.splitlines() if x.strip()).split("\n")]
        if args.norm is not None:
            (args.norm / f"{name}.txt").write_text("\n".join(paras) + "\n", encoding="utf-8")
        if args.docx is not None:
            d = docx.Document()
            for p in paras:
                d.add_paragraph(p)
            d.save(str(args.docx / f"{name}.docx"))
        n += 1
    print(f"{n} reports written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
