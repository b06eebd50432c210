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
