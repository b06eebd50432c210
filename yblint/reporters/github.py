"""``--format github``: GitHub Actions workflow commands, one a finding, so that findings show
inline on a pull request's changed files::

    ::error file=drafts/a.md,line=3,col=1,endLine=3,endColumn=7,title=yblint layout-marker::message

error -> ``::error``, warning -> ``::warning``, info -> ``::notice``. Values are escaped the way
the Actions runner unescapes them: ``%``, CR and LF in the message; also ``:`` and ``,`` in the
properties. The related locations (e.g. the original of a copied passage) follow the message on
lines of their own. The notes and the summary end the output as plain log lines.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter

from yblint.engine import RunResult
from yblint.finding import Finding
from yblint.i18n import tr
from yblint.reporters import ReportContext, reporter
from yblint.reporters.text import _summary_line, paragraph_note

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATIONS_SHOWN = 10  # per kind and step (and 50 per job)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_path(path: str) -> str:
    """The file as GitHub names it: relative to the working directory (the checkout in a
    workflow), forward slashes, no leading ``./``."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:
            rel = path
        if not rel.startswith(".."):
            path = rel
    return posixpath.normpath(path.replace("\\", "/"))


class _Paths(dict[str, str]):
    """workflow_path of each file, worked out once in a report (it asks the working directory)."""

    def __missing__(self, path: str) -> str:
        shown = self[path] = workflow_path(path)
        return shown


def command(f: Finding, ctx: ReportContext, paths: dict[str, str] | None = None) -> str:
    shown = paths if paths is not None else _Paths()
    line, col, end_line, end_col = f.location.range()
    props = [
        ("file", shown[f.document.path]),
        ("line", str(line)),
        ("col", str(col)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_col)),
        ("title", f"yblint {f.rule}"),
    ]
    message = paragraph_note(f.location, ctx.lang) + f.message
    label = tr(ctx.lang, "相关位置", "related")
    for r in f.related:
        rl, rc, _, _ = r.range()
        unit = f" ({r.unit_name})" if r.unit_name else ""
        unit += paragraph_note(r, ctx.lang, related=True)
        message += f"\n{label}: {shown[r.document.path]}:{rl}:{rc}{unit}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"


@reporter("github")
def render(result: RunResult, ctx: ReportContext) -> str:
    paths = _Paths()
    out = [command(f, ctx, paths) for f in result.findings]
    for e in result.errors:
        props = f"file={escape_property(workflow_path(e.path))}" if e.path else ""
        if e.path and e.line:
            props += f",line={e.line}"
        out.append(f"::error {props}::{escape_data(e.message)}" if props else f"::error::{escape_data(e.message)}")
    out.extend(result.notes)
    kinds = Counter(COMMANDS[f.severity] for f in result.findings)
    if any(n > ANNOTATIONS_SHOWN for n in kinds.values()):
        out.append(
            tr(
                ctx.lang,
                f"GitHub 每一步每种级别只显示 {ANNOTATIONS_SHOWN} 条注释：全部问题见本日志。",
                f"GitHub shows {ANNOTATIONS_SHOWN} annotations of each kind per step: every finding is in this log.",
            )
        )
    out.append(_summary_line(result, ctx))
    return "\n".join(out) + "\n"
