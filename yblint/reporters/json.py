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
    lists whose entries are JSON already, by key (they replace those in ``data``)."""
    parts = []
    for key, value in data.items():
        if written and key in written:
            lines = written[key]
            body = ",\n".join("    " + line for line in lines)
            parts.append(f"  {_one_line(key)}: [\n{body}\n  ]" if lines else f"  {_one_line(key)}: []")
        elif isinstance(value, list) and value:
            body = ",\n".join("    " + _one_line(v) for v in value)
            parts.append(f"  {_one_line(key)}: [\n{body}\n  ]")
        else:
            parts.append(f"  {_one_line(key)}: {_one_line(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


@reporter("json")
def render(result: RunResult, ctx: ReportContext) -> str:
    lines = [f.json_line() for f in result.findings]  # the -j workers wrote most of them
    return dumps_report(report_dict(result, findings=False), {"findings": lines})
