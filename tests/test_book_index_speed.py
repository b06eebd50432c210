"""The book index's fast paths answer as the plain regular expressions they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.book_index import _CUTOFF_ANCHOR, cutoff_anchors
from yblint.text.years import _YEAR_NIAN_RE, years_named


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="12089年 \n\t\u3000a٣２", max_size=40))
def test_years_named_are_the_regex_findall(text):
    """years_named (from each 年 backwards) finds what the year regex finds, in order."""
    assert years_named(text) == _YEAR_NIAN_RE.findall(text)


def test_years_named():
    named = "去年2019年，1998 年和\u30002021\n年；12021年、20211年、1799年"
    assert years_named(named) == _YEAR_NIAN_RE.findall(named) == ["2019", "1998", "2021"]


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet="1一截至止到-—～ \n\t前三季度上半年9月", max_size=40),
    st.integers(min_value=0, max_value=45),
    st.integers(min_value=0, max_value=45),
)
def test_cutoff_anchors_are_the_pattern_search(text, start, end):
    """cutoff_anchors (the pattern tried where an anchor can start) finds what finditer finds."""
    end = max(start, end)
    assert [m.span() for m in cutoff_anchors(text, start, end)] == [
        m.span() for m in _CUTOFF_ANCHOR.finditer(text, start, end)
    ]
    assert [m.span() for m in cutoff_anchors(text)] == [m.span() for m in _CUTOFF_ANCHOR.finditer(text)]
