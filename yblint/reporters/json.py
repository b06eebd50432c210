"""``--format json``: the report contract, version 1."""

from __future__ import annotations

import json

from yblint.engine import RunResult
from yblint.report import report_dict
from yblint.reporters import ReportContext, reporter


@reporter("json")
def render(result: RunResult, ctx: ReportContext) -> str:
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"
