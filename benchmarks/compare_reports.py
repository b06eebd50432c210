"""Whether two JSON reports over the same reports, one as text and one as Word, give the same
findings: same rule, message (paths aside, and a Word draft's 第N段/段落分隔 read as the text's
第N行/空行), file and position. Prints both counts and True/False.

    python benchmarks/compare_reports.py norm.json docx.json
"""

from __future__ import annotations

import json
import re
import sys


def key(f: dict) -> tuple:
    message = re.sub(r"\S*/([^/\s]+)\.(?:txt|docx)", r"\1", f["message"])
    message = re.sub(r"第(\d+)段", r"第\1行", message.replace("段落分隔", "空行"))
    message = re.sub(r"^（第\d+行第\d+字）", "", message)
    name = re.sub(r".*/([^/]+)\.\w+$", r"\1", f["path"])
    return (f["rule"], message, name, f["line"], f["column"], f["end_line"], f["end_column"])


def findings(path: str) -> list[tuple]:
    with open(path, encoding="utf-8") as f:
        return sorted(map(key, json.load(f)["findings"]))


def main(a_path: str, b_path: str) -> int:
    a, b = findings(a_path), findings(b_path)
    print(len(a), len(b), a == b)
    return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
