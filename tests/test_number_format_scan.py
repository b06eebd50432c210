"""number-format tries its patterns only where a match can start (issue #14): the matches must be
exactly those of a plain finditer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.number_format import (
    MIXED,
    MIXED_START,
    RANGE,
    RANGE_START,
    STACKED,
    STACKED_START,
    _finditer,
)

ALPHABET = "0123456789０５.．千百万亿多余约近逾达到超过共计合总累左右元米克%—～-－，。 aB/"
#: every digit: where the patterns were tried before they looked ahead (the reference)
DIGIT = re.compile(r"[0-9０-９]")


#: each pattern with where it is tried: at every digit (the reference), and where a match can start
SCANS = ((MIXED, DIGIT), (MIXED, MIXED_START), (STACKED, STACKED_START), (RANGE, DIGIT), (RANGE, RANGE_START))


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_samples_match_plain_finditer() -> None:
    text = "共计约3千余人，约1.5万多元，近5千余，达近300万，约2万人左右，5—6%，3～5万，1万6千。"
    for pattern, start in SCANS:
        found = spans(_finditer(pattern, start, text))
        assert found == spans(pattern.finditer(text))
        assert found


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_matches_equal_plain_finditer(text: str) -> None:
    for pattern, start in SCANS:
        assert spans(_finditer(pattern, start, text)) == spans(pattern.finditer(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="突破超过达到约近逾多余左右共计总额投资收入金额3.5十百万亿元，。“”《》「」a", max_size=30))
def test_a_paragraph_is_searched_only_for_what_its_characters_allow(text: str) -> None:
    """number_hits searches CHINESE and NO_UNIT only in a paragraph holding 万 or 亿, QUOTED only
    in one holding “, 《 or 「, STACKED in one holding 约, 近, 逾 or 多: every match holds one."""
    from yblint.checks.number_format import CHINESE, NO_UNIT, QUOTED

    for m in [*CHINESE.finditer(text), *NO_UNIT.finditer(text)]:
        assert "万" in m.group(0) or "亿" in m.group(0)
    for m in QUOTED.finditer(text):
        assert m.group(0)[0] in "“《「"
    for m in STACKED.finditer(text):
        assert any(c in m.group(0) for c in "约近逾多")
    assert CHINESE.search("突破十万") and NO_UNIT.search("总额达18.5亿。") and QUOTED.search("“十万”")
