"""The JSON report, version 1: a documented contract (see README, and the JSON Schema shipped
as yblint/schema/report.schema.json). Other reporters build on the same dictionaries."""

from __future__ import annotations

from collections import Counter
from typing import Any

from yblint import __version__
from yblint.engine import RunResult
from yblint.finding import SEVERITIES
from yblint.model import Document

REPORT_VERSION = 1


def file_entry(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "format": doc.format,
        "locations": doc.locations,
        "units": [{"name": u.name or None, "line": u.line, "end_line": u.end_line} for u in doc.units],
    }


def summary(result: RunResult) -> dict[str, Any]:
    by_rule = Counter(f.rule for f in result.findings)
    by_sev = Counter(f.severity for f in result.findings)
    out = {
        "files": len(result.documents),
        "findings": len(result.findings),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
        "suppressed": result.suppressed,
        "errors": len(result.errors),
    }
    if result.baseline is not None:  # only when --baseline/--write-baseline or config baseline: was used
        out["baseline"] = result.baseline
    return out


def report_dict(result: RunResult) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "yblint", "version": __version__},
        "files": [file_entry(d) for d in result.documents],
        "findings": [f.to_dict() for f in result.findings],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors],
        "summary": summary(result),
    }
