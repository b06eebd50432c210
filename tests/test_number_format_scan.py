"""number-format tries its patterns only where a match can start (issue #14): the matches must be
exactly those of a plain finditer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.number_format import DIGIT, MIXED, RANGE, STACKED, STACKED_START, _finditer

ALPHABET = "0123456789０５.．千百万亿多余约近逾达到超过共计合总累左右元米克%—～-－，。 "


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_samples_match_plain_finditer() -> None:
    text = "共计约3千余人，约1.5万多元，近5千余，达近300万，约2万人左右，5—6%，3～5万，1万6千。"
    for pattern, start in ((MIXED, DIGIT), (STACKED, STACKED_START), (RANGE, DIGIT)):
        found = spans(_finditer(pattern, start, text))
        assert found == spans(pattern.finditer(text))
        assert found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_matches_equal_plain_finditer(text: str) -> None:
    for pattern, start in ((MIXED, DIGIT), (STACKED, STACKED_START), (RANGE, DIGIT)):
        assert spans(_finditer(pattern, start, text)) == spans(pattern.finditer(text))
