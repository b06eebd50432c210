"""yblint/text/marks.py: the one bracket scanner, partners, spaces and Han ranges."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from yblint.text.marks import (
    HAN_RANGES,
    PAIRS,
    SPACE,
    char_class,
    is_han,
    partner,
    skip_space,
    trim_space,
    unmatched_brackets,
)


def _unpaired(text: str) -> tuple[list[str], list[str]]:
    u = unmatched_brackets(text, [(0, len(text))])
    return [text[i] for i in u.opened], [text[i] for i in u.closed]


def test_unmatched_brackets_by_family():
    assert _unpaired("出台《促进“两个健康”意见》。") == ([], [])
    assert _unpaired("出台《促进“两个健康”助力项目16个。") == (["《"], [])
    assert _unpaired("细颗粒物（PM2.5)浓度") == ([], [])  # mixed width: one family
    assert _unpaired("1）完成；2）推进") == ([], ["）", "）"])
    assert _unpaired("《“》”") == ([], [])  # each family on its own stack


def test_unmatched_brackets_over_spans_and_skip():
    text = "“甲\n\n乙”丙’"
    u = unmatched_brackets(text, [(0, 2), (4, len(text))], skip=lambda i: text[i] == "’")
    assert (u.opened, u.closed) == ([], [])


def test_partner_forward_and_back():
    text = "（一（二）三）四"
    assert partner(text, 0) == 6
    assert partner(text, 6) == 0
    assert partner(text, 4) == 2
    assert partner("（未闭合", 0) is None
    assert partner(text, 7) is None  # not a mark


@given(st.text(alphabet="".join(PAIRS) + "".join(PAIRS.values()) + "甲乙 ", max_size=30))
def test_every_opener_is_paired_or_reported(text):
    u = unmatched_brackets(text, [(0, len(text))])
    for i, ch in enumerate(text):
        if ch in PAIRS and i not in u.opened:
            assert partner(text, i) is not None


def test_spaces_include_zero_width_and_ideographic():
    text = "\u200b\u3000 甲乙\ufeff\xa0"
    assert skip_space(text, 0) == 3
    assert trim_space(text, 0, len(text)) == 5
    assert "\u200b" in SPACE and "\u2060" in SPACE


def test_han_ranges():
    han = re.compile(char_class(*HAN_RANGES))
    for ch in "拱墅㐀豈𠮷":
        assert is_han(ch) and han.fullmatch(ch)
    for ch in "a１。䷀":
        assert not is_han(ch) and not han.fullmatch(ch)
