"""The JSON report, version 1: a documented contract (see README, and the JSON Schema shipped
as yblint/schema/report.schema.json). Other reporters build on the same dictionaries."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from yblint import __version__
from yblint.engine import RunResult
from yblint.finding import SEVERITIES
from yblint.i18n import tr
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
    cutoffs = cutoff_summary(result)
    if cutoffs:  # only when partial-period found statistics cut off before the year's end
        out["cutoffs"] = cutoffs
    return out


def cutoff_summary(result: RunResult) -> list[dict[str, Any]]:
    """The cut-off dates partial-period found, each with how often and in which units, earliest
    first: [{"cutoff": "9月底", "year": 2021, "count": 2, "units": ["区科技工业区管委会", …]}]."""
    by: dict[tuple, dict[str, Any]] = {}
    for f in result.findings:
        if f.rule != "partial-period":
            continue
        d = f.data
        e = by.setdefault(
            (d.get("year"), d.get("cutoff")),
            {"cutoff": d.get("cutoff"), "year": d.get("year"), "count": 0, "units": []},
        )
        e["count"] += 1
        unit = f.location.unit_name
        if unit and unit not in e["units"]:
            e["units"].append(unit)
    return [by[k] for k in sorted(by, key=lambda k: (k[0] or 0, _cutoff_order(k[1])))]


def cutoff_note(result: RunResult, lang: str = "zh") -> list[str]:
    """One line naming the cut-off dates partial-period found across units (the run's summary
    in the text and HTML reports), or none."""
    cutoffs = cutoff_summary(result)
    if not cutoffs:
        return []
    # a run over books of several years names each date's year (2021年11月底, 2024年11月底)
    years = len({c["year"] for c in cutoffs}) > 1
    zh = "、".join(f"{_dated(c, years)}（{c['count']}处）" for c in cutoffs)
    en = ", ".join(f"{_dated(c, years, 'en')} ×{c['count']}" for c in cutoffs)
    return [
        tr(
            lang,
            f"各单位统计数据截止时点不一（年鉴应记述全年）：{zh}。",
            f"Statistics cut off before the end of the year, by cut-off date: {en}.",
        )
    ]


def _dated(c: dict[str, Any], years: bool, lang: str = "zh") -> str:
    """A cut-off date as the summary names it: with its year when the run holds several years."""
    cutoff, year = c["cutoff"], c["year"]
    if not years or year is None:
        return str(cutoff)
    if lang == "en":
        return f"{cutoff} ({year})"
    return f"{cutoff}（{year}年）" if cutoff == "目前" else f"{year}年{cutoff}"


def _cutoff_order(label: str | None) -> tuple[int, int]:
    m = re.match(r"(\d+)月(?:(\d+)日|底)", label or "")
    if not m:
        return (13, 0)  # 目前: no day named
    return (int(m.group(1)), int(m.group(2) or 32))


def report_dict(result: RunResult, findings: bool = True) -> dict[str, Any]:
    """The JSON report's data; without ``findings``, their list is left empty (for a writer that
    has them as JSON already)."""
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "yblint", "version": __version__},
        "files": [file_entry(d) for d in result.documents],
        "findings": [f.to_dict() for f in result.findings] if findings else [],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors],
        "summary": summary(result),
    }
