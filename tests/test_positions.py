"""Positions resolved once: Document.unit_at/paragraph_at bisect, and give what a linear scan
gives; a Location resolves its line, column and unit once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint.finding import Location, _paragraph_bounds
from yblint.model import Document
from yblint.parsing import build_document
from yblint.reading.source import Source

LINES = st.sampled_from(
    ["团区委", "区妇联", "", "", "开展活动120场。", "- 列表项", "# 标题", "  　缩进的段落，", "（下转6版）"]
)


def _doc(lines: list[str], fmt: str) -> Document:
    text = "\n".join(lines)
    return build_document(Source(path="a", text=text, encoding="utf-8", format=fmt))


def _linear_unit(doc: Document, offset: int):
    found = None
    for u in doc.units:
        if u.start <= offset:
            found = u
        else:
            break
    return found


def _linear_paragraph(doc: Document, offset: int):
    for p in doc.paragraphs:
        if p.first <= offset <= p.end:
            return p
    return None


def _linear_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(doc.text)
    for p in doc.paragraphs:
        if p.first <= start:
            lo = p.first if start <= p.end else p.end
    for p in doc.paragraphs:
        if p.end >= end:
            hi = p.end if p.first <= end else p.first
            break
    return lo, hi


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=14), st.sampled_from(["text", "markdown"]))
def test_bisect_lookups_agree_with_a_linear_scan(lines, fmt):
    doc = _doc(lines, fmt)
    n = len(doc.text)
    for offset in range(n + 1):
        assert doc.unit_at(offset) is _linear_unit(doc, offset)
        assert doc.paragraph_at(offset) is _linear_paragraph(doc, offset)
        for end in (offset, min(n, offset + 3)):
            assert _paragraph_bounds(doc, offset, end) == _linear_bounds(doc, offset, end)


def test_location_resolves_once_and_keeps_the_unit_it_was_given(tmp_path):
    doc = _doc(["团区委", "", "开展活动120场。", "", "区妇联", "", "开展活动120场。"], "text")
    first, second = doc.units
    start = doc.text.rindex("开展")
    loc = Location(doc, start, start + 2, known_unit=first)  # a check that knows better
    assert loc.unit is first and loc.unit_name == "团区委"
    assert Location(doc, start, start + 2).unit is second
    assert loc.range() == (7, 1, 7, 3)
    doc.lines.starts[6] = 10**6  # resolved already: later calls do not look again
    assert loc.range() == (7, 1, 7, 3)
