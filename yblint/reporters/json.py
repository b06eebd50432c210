"""``--format json``: the report contract, version 1.

Laid out one entry of a list a line (a finding, a file, an error), each line written by the json
module's C encoder, which a pretty-printing ``indent`` would turn off (five times slower on a
book with ten thousand findings). The document is the same JSON either way."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from yblint.engine import RunResult
from yblint.report import report_dict
from yblint.reporters import ReportContext, reporter


def _unserialisable(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)``, with the C encoder made once rather than for
    every value (half the time of a finding's line)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the json module's own path
        return lambda value: json.dumps(value, ensure_ascii=False)
    # no circular check (markers None): a report is made of plain, acyclic values
    encode = make(None, _unserialisable, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_one_line = _encoder()


def dumps_report(data: dict[str, Any]) -> str:
    """``data`` as JSON: the top-level keys one a line, a list's entries one a line."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            body = ",\n".join("    " + _one_line(v) for v in value)
            parts.append(f"  {_one_line(key)}: [\n{body}\n  ]")
        else:
            parts.append(f"  {_one_line(key)}: {_one_line(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


@reporter("json")
def render(result: RunResult, ctx: ReportContext) -> str:
    return dumps_report(report_dict(result))
