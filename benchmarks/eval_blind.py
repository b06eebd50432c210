"""Recall and precision on drafts written blind (stop 22 on): sets of yearbook drafts, each four
files (Markdown, UTF-8 text, GB18030 text with CRLF) of 16 units, written by an editor who had not
seen yblint's rules, with planted faults and look-alike controls listed in ``key.json`` (file, line,
kind, the text, fault or control, why). A plant is found when a finding (or one of its related
places) covers its text; a control is flagged when a finding's own place covers it.

    python benchmarks/eval_blind.py            # every set
    python benchmarks/eval_blind.py setB -v    # one set, every finding listed
    python benchmarks/eval_blind.py --one-paragraph-a-line   # the text drafts without blank lines
    python benchmarks/eval_blind.py --one-paragraph-a-line --headings-set-off

``--one-paragraph-a-line`` scores copies of the sets (in a temporary folder) whose plain-text
drafts have their blank lines taken out, as Word's "plain text" writes a draft: one paragraph a
line, the same encoding and line ends, the key's lines moved with them; with
``--headings-set-off``, a blank line is put back before and after each short line without
sentence marks (a heading), as empty paragraphs around headings make it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "blind"


def _lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc).replace("\r\n", "\n").split("\n")
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: neither UTF-8 nor GB18030")


def _places(f: dict) -> list[tuple[str, int, int, int, int]]:
    """A finding's own place first, then its related ones: (file name, line, column, end line, end column)."""
    out = [
        (Path(f["path"]).name, f["line"], f["column"], f.get("end_line", f["line"]), f.get("end_column", f["column"]))
    ]
    for r in f.get("related", []):
        out.append(
            (
                Path(r["path"]).name,
                r["line"],
                r["column"],
                r.get("end_line", r["line"]),
                r.get("end_column", r["column"]),
            )
        )
    return out


def score(folder: Path, verbose: bool) -> tuple[int, int, int, int]:
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    run = subprocess.run(
        [sys.executable, "-m", "yblint", "check", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=Path("/") if (Path.cwd() / "yblint").is_dir() else None,  # the installed yblint, not a checkout's
        check=False,
    )
    findings = json.loads(run.stdout)["findings"]
    found = flagged = 0
    for k in key:
        line = _lines(folder / k["file"])[k["line"] - 1]
        c0 = line.find(k["text"]) + 1
        c1 = c0 + len(k["text"])
        hits = []
        for f in findings:
            for i, (name, l0, col0, l1, col1) in enumerate(_places(f)):
                if name != k["file"] or not l0 <= k["line"] <= l1:
                    continue
                a = col0 if l0 == k["line"] else 1
                b = col1 if l1 == k["line"] else 10**6
                if a <= c1 + 2 and b >= c0 - 2:
                    hits.append((f, i))
        if k["fault"] and hits:
            found += 1
        elif k["fault"]:
            print(f"  missed  {k['file']}:{k['line']} [{k['kind']}] {k['text']}")
        elif any(i == 0 for _, i in hits):
            flagged += 1
            rules = sorted({f["rule"] for f, i in hits if i == 0})
            print(f"  control {k['file']}:{k['line']} [{k['kind']}] {k['text']} <- {', '.join(rules)}")
        if verbose and k["fault"] and hits:
            print(f"  found   {k['file']}:{k['line']} [{k['kind']}] <- {sorted({f['rule'] for f, _ in hits})}")
    plants = sum(1 for k in key if k["fault"])
    return plants, found, len(key) - plants, flagged


def one_paragraph_a_line(folder: Path, out: Path, headings_set_off: bool = False) -> Path:
    """A copy of the set ``folder`` in ``out`` whose .txt drafts have no blank lines (but around
    their headings, with ``headings_set_off``), with its key's lines for them moved to where the
    lines went."""
    import shutil

    out.mkdir(parents=True)
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    moved: dict[str, dict[int, int]] = {}
    for src in sorted(folder.iterdir()):
        if src.name == "key.json":
            continue
        if src.suffix != ".txt":
            shutil.copy(src, out / src.name)
            continue
        raw = src.read_bytes()
        encoding = "utf-8"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            encoding = "gb18030"
            text = raw.decode(encoding)
        newline = "\r\n" if "\r\n" in text else "\n"
        kept: list[str] = []
        moved[src.name] = {}
        for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
            if not line.strip():
                continue
            heading = headings_set_off and len(line.strip()) <= 20 and not any(c in line for c in "，。；：！？,;:!?")
            if heading and kept and kept[-1]:
                kept.append("")
            kept.append(line)
            moved[src.name][n] = len(kept)
            if heading:
                kept.append("")
        (out / src.name).write_bytes((newline.join(kept) + newline).encode(encoding))
    for k in key:
        k["line"] = moved.get(k["file"], {}).get(k["line"], k["line"])
    (out / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=sorted(d.name for d in HERE.iterdir() if (d / "key.json").is_file()))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--one-paragraph-a-line", action="store_true", help="the text drafts without blank lines")
    ap.add_argument(
        "--headings-set-off", action="store_true", help="with --one-paragraph-a-line: blank lines around headings"
    )
    args = ap.parse_args()
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="yblint-blind-"))
    total = [0, 0, 0, 0]
    for name in args.sets:
        print(name)
        lines = args.one_paragraph_a_line
        folder = one_paragraph_a_line(HERE / name, tmp / name, args.headings_set_off) if lines else HERE / name
        got = score(folder, args.verbose)
        print(f"{name}: plants {got[0]}, found {got[1]}; controls {got[2]}, flagged {got[3]}")
        total = [a + b for a, b in zip(total, got, strict=True)]
    print(f"all: plants {total[0]}, found {total[1]}; controls {total[2]}, flagged {total[3]}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
