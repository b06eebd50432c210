"""``--format text``: one finding a line, ``path:line:col: severity rule-id message``, the excerpt
under it, and a summary line. Colour only on a terminal."""

from __future__ import annotations

from yblint.engine import RunResult
from yblint.finding import Finding, Location, excerpt
from yblint.i18n import tr
from yblint.report import cutoff_note, summary
from yblint.reporters import ReportContext, reporter
from yblint.text.marks import MANUAL_BREAK
from yblint.wording import where_words

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
RESET = "\033[0m"
CONTEXT = 20


def paragraph_note(loc: Location, lang: str, related: bool = False) -> str:
    """For a Word draft, where ``path:8:1`` means paragraph 8: （第8段第1字） / (paragraph 8,
    character 1), said once before the message and after each related location. Text drafts: ""."""
    if loc.document.locations != "paragraph":
        return ""
    line, col, _, _ = loc.range()
    words = where_words(line, col, "paragraph", lang)
    if lang == "en":
        return f" ({words})" if related else f"({words}) "
    return f"（{words}）"


def _paint(text: str, style: str, ctx: ReportContext) -> str:
    return f"{COLOURS[style]}{text}{RESET}" if ctx.color else text


def _context(f: Finding, ctx: ReportContext) -> str:
    text = f.document.text
    loc = f.location
    before = text[max(0, loc.start - CONTEXT) : loc.start].replace("\r", "\n").split("\n")[-1]
    before = before.replace(MANUAL_BREAK, "↵")
    hit = excerpt(loc.text, 60) if loc.text.strip() else loc.text.replace(" ", "␣").replace("\u3000", "□")
    after = text[loc.end : loc.end + CONTEXT].replace("\r", "\n").split("\n")[0].replace(MANUAL_BREAK, "↵")
    hit = _paint(hit, "bold", ctx) if ctx.color else f"【{hit}】" if hit else "▲"
    return f"    | {before}{hit}{after}"


def _summary_line(result: RunResult, ctx: ReportContext) -> str:
    s = summary(result)
    sev = s["by_severity"]
    if ctx.lang == "en":
        line = (
            f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} "
            f"({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info) in {s['files']} "
            f"file{'s' if s['files'] != 1 else ''}."
        )
        if result.suppressed:
            line += f" {result.suppressed} suppressed by comments."
    else:
        line = (
            f"共 {s['files']} 个文件，发现 {s['findings']} 处问题"
            f"（错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}）。"
        )
        if result.suppressed:
            line += f"另有 {result.suppressed} 处被注释屏蔽。"
    return line


@reporter("text")
def render(result: RunResult, ctx: ReportContext) -> str:
    out = []
    for f in result.findings:
        line, col, _, _ = f.location.range()
        sev, rule = _paint(f.severity, f.severity, ctx), _paint(f.rule, "dim", ctx)
        out.append(f"{f.document.path}:{line}:{col}: {sev} {rule} {paragraph_note(f.location, ctx.lang)}{f.message}")
        out.append(_context(f, ctx))
        for r in f.related:
            rl, rc, _, _ = r.range()
            label = tr(ctx.lang, "相关", "related")
            unit = f" ({r.unit_name})" if r.unit_name else ""
            out.append(f"    = {label}: {r.document.path}:{rl}:{rc}{unit}{paragraph_note(r, ctx.lang, related=True)}")
    lines = "\n".join(out)
    tail = "\n".join([*result.notes, *cutoff_note(result, ctx.lang), _summary_line(result, ctx)])
    return (lines + "\n" if lines else "") + tail + "\n"
