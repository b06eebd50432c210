"""layout-marker: what layout and drafting leave in the text that is no part of it.

* newspaper continuation notes — （下转6版） （紧接4版） （上接3版） （转第8版） （接上页） and the
  like — wherever they stand (the pattern is shared with truncated-sentence);
* placeholders for what the author has yet to fill in: a figure written as X or × before its
  unit or measure word (成功XX件, XX万元, ××人, 20XX年), a bracketed note that something is still
  to come (【待补】 【待核】 （待补充） （数据待核实）), TODO / FIXME / TBD;
* a page number left from the layout on a line of its own: ``— 186 —``, ``-186-``, ``第186页``.

X and × are placeholders only where a figure belongs: right before a unit or measure word, with
no letter or digit before them. So X射线, X光, Xbox, MAXX, 3×4米 (× between figures), 2×2矩阵
and model numbers (X5, XX型) are left alone, as is × between quantities named in words (人数×天数).
Code blocks and HTML are never looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding, excerpt
from yblint.model import CODE, HTML, Corpus, Document
from yblint.text.marks import LINE_END, PAGE_NUMBER_LINE
from yblint.text.paragraphs import LAYOUT_MARKER, find_markers, marker_direction

MARKER = LAYOUT_MARKER  # the pattern lives in yblint.text.paragraphs, shared with truncated-sentence
CONTEXT = 12

#: what a figure is counted or measured in: a placeholder stands right before one of these
_MEASURE = (
    r"(?:[万亿](?![A-Za-z])|[万亿千百]?(?:余|多)?"
    r"(?:人次|个百分点|百分点|平方米|平方千米|平方公里|立方米|千米|公里|千克|公斤|千瓦时|千瓦|小时|分钟|公顷|"
    r"[元人件个家次项名户场起所条台辆套座处批期位间栋幢吨亩米天年月日倍册篇份部支株头只宗例班届层床张%％‰]))"
    r"(?!数)"  # 人数×天数: × between two quantities named in words
)
_X = "XxＸｘ×✕╳"
#: each kind of placeholder has its own pattern, which starts with a character (class) that ``re``
#: finds fast: a figure (X, XX, ××, X.X before its measure word, nothing Latin or numeric before it)
FIGURE = re.compile(
    rf"[{_X}](?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９.．{_X}].)(?<![A-Za-z][ \t].)"  # nothing Latin or numeric before it
    rf"[{_X}]{{0,5}}(?:[.．][{_X}]{{1,2}})?(?={_MEASURE})"
)
#: a year with its last digits missing: 20XX年, 202X年
YEAR = re.compile(rf"(?:19|20)(?<![0-9０-９A-Za-z]..)[0-9]?[{_X}]{{1,2}}(?=年)")
#: a bracketed note that something is still to come: 【待补】 （待补充） （数据待核实）
NOTE = re.compile(
    r"[【\[（(〔][ \t]*[^【】\[\]（）()〔〕\n]{0,10}?(?:待|需|请)"
    r"(?:补充?|补录|核实?|核查|核准|核对|确认|定|填写?|查证?|更新|完善)"
    r"(?:数据|数字|内容|材料|信息)?[ \t]*[】\]）)〕]"
)
#: a note to oneself
TODO = re.compile(r"(?<![A-Za-z])(?:TODO|FIXME|TBD)(?![A-Za-z])")
#: (name, pattern, characters or words one of which a text holds if it may match)
PLACEHOLDERS = (
    ("figure", FIGURE, _X),
    ("year", YEAR, _X),
    ("note", NOTE, "待需请"),
    ("todo", TODO, ("TODO", "FIXME", "TBD")),
)
_NOT_LOOKED_AT = (CODE, HTML)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a marker on its line (a Word paragraph's manual line break, U+2028,
    ends a line too)."""
    before = excerpt(LINE_END.split(text[max(0, start - CONTEXT) : start])[-1])
    after = excerpt(LINE_END.split(text[end : end + CONTEXT])[0])
    return before, after


def _in_text(doc: Document, offset: int) -> bool:
    """Whether ``offset`` lies in a paragraph that is read (not code, not HTML)."""
    p = doc.paragraph_at(offset)
    return p is not None and p.kind not in _NOT_LOOKED_AT


def placeholders(doc: Document) -> list[tuple[str, re.Match[str]]]:
    """(kind, match) of each placeholder in the text that is read, in reading order."""
    text = doc.text
    found = [
        (kind, m)
        for kind, pattern, chars in PLACEHOLDERS
        if any(c in text for c in chars)
        for m in pattern.finditer(text)
        if _in_text(doc, m.start())
    ]
    return sorted(found, key=lambda km: km[1].start())


def page_numbers(doc: Document) -> Iterator[re.Match[str]]:
    text = doc.text
    if "页" not in text and not any(c in text for c in "—–-－―─·•・∙"):
        return
    for m in PAGE_NUMBER_LINE.finditer(text):
        if _in_text(doc, m.start("number")):
            yield m


@register_check("layout-marker")
class LayoutMarker(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            text = doc.text
            for m in find_markers(text):  # MARKER.finditer(text), tried only where a note can start
                before, after = _context(text, m.start(), m.end())
                position = "start" if not before else ("end" if not after else "middle")
                key = "default" if position == "middle" else position
                extra = {"position": position, "direction": marker_direction(m.group(0))}
                yield self._in_context(doc, m, key, "continuation", extra)
            for kind, m in placeholders(doc):
                yield self._in_context(doc, m, "placeholder", "placeholder", {"placeholder": kind})
            for m in page_numbers(doc):
                start, end = m.span("number")
                yield self.finding(
                    doc,
                    start,
                    end,
                    message_key="page_number",
                    marker=m.group("number"),
                    data={"kind": "page_number", "marker": m.group("number")},
                )

    def _in_context(self, doc: Document, m: re.Match[str], key: str, kind: str, extra: dict) -> Finding:
        """The finding of a note or placeholder ``m`` with the text around it (message and data)."""
        marker = m.group(0)
        before, after = _context(doc.text, m.start(), m.end())
        data = {"kind": kind, "marker": marker, "before": before, "after": after, **extra}
        return self.finding(
            doc, m.start(), m.end(), message_key=key, marker=marker, before=before, after=after, data=data
        )
