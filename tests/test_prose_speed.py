"""The prose rules' fast paths (#14) find what the plain searches they stand in front of find."""

from __future__ import annotations

import regex
from conftest import findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks import unglossed_abbreviation

_ACRONYM_TEXT = st.lists(st.text(alphabet="ABCDsIVX（）(中文)简称 1-.\n", max_size=24), min_size=1, max_size=4).map(
    "\n\n".join
)


@settings(max_examples=150, deadline=None)
@given(text=_ACRONYM_TEXT)
def test_unglossed_abbreviation_skips_only_paragraphs_without_capitals(tmp_path_factory, text):
    """Searching only the paragraphs that hold a run of two capitals finds every finding that
    searching every paragraph finds (CAPITALS made to match the whole text: the plain search)."""
    p = tmp_path_factory.mktemp("u") / "a.md"
    p.write_text(text, encoding="utf-8")
    fast = [(f.location.start, f.location.end, f.message) for f in findings_of([p], ["unglossed-abbreviation"])]
    plain_capitals, unglossed_abbreviation.CAPITALS = unglossed_abbreviation.CAPITALS, regex.compile(r"(?s).+")
    try:
        plain = [(f.location.start, f.location.end, f.message) for f in findings_of([p], ["unglossed-abbreviation"])]
    finally:
        unglossed_abbreviation.CAPITALS = plain_capitals
    assert fast == plain


def test_unglossed_abbreviation_across_paragraphs(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 标题\n\n设置AED25台。\n\n中文\n\n- 又设TOD\n", encoding="utf-8")
    assert [f.location.text for f in findings_of([p], ["unglossed-abbreviation"])] == ["AED", "TOD"]
