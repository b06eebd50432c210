"""``--format json``: the report contract, version 1.

Laid out one entry of a list a line (a finding, a file, an error), each line written by the json
module's C encoder (yblint.json_text.one_line), which a pretty-printing ``indent`` would turn off
(five times slower on a book with ten thousand findings). The document is the same JSON either way."""

from __future__ import annotations

from typing import Any

from yblint.engine import RunResult
from yblint.json_text import one_line as _one_line
from yblint.report import report_dict
from yblint.reporters import ReportContext, reporter


def dumps_report(data: dict[str, Any], written: dict[str, list[str]] | None = None) -> str:
    """``data`` as JSON: the top-level keys one a line, a list's entries one a line. ``written``:
    lists whose entries are JSON already, by key (they replace those in ``data``). The text is
    joined once from its pieces: a book's report is tens of megabytes, each copy of it counts."""
    out = ["{\n"]
    for n, (key, value) in enumerate(data.items()):
        if n:
            out.append(",\n")
        out += ("  ", _one_line(key), ": ")
        lines = written[key] if written and key in written else None
        if lines is None and isinstance(value, list) and value:
            lines = [_one_line(v) for v in value]
        if lines:
            out.append("[\n    ")
            for i, line in enumerate(lines):
                if i:
                    out.append(",\n    ")
                out.append(line)
            out.append("\n  ]")
        elif lines is not None:
            out.append("[]")
        else:
            out.append(_one_line(value))
    out.append("\n}\n")
    return "".join(out)


@reporter("json")
def render(result: RunResult, ctx: ReportContext) -> str:
    lines = [f.json_line() for f in result.findings]  # the -j workers wrote most of them
    return dumps_report(report_dict(result, findings=False), {"findings": lines})
