"""The prose rules' fast paths (#14) find what the plain searches they stand in front of find."""

from __future__ import annotations

import regex
from conftest import findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks import traditional_char, unglossed_abbreviation

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


_TRAD_TEXT = st.lists(
    st.text(alphabet="農業沒損發頭髮著乾后来的了是《》，。 \t𠁞农业", max_size=30), min_size=1, max_size=5
).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(text=_TRAD_TEXT, fmt=st.sampled_from(["a.md", "a.txt"]))
def test_traditional_char_candidates_are_every_paragraph_with_one(tmp_path_factory, text, fmt):
    """The paragraphs found by one search of the whole text give the findings that every
    paragraph in scope gives (the plain loop)."""
    p = tmp_path_factory.mktemp("t") / fmt
    p.write_text(text, encoding="utf-8")
    fast = [(f.location.start, f.location.end, f.message) for f in findings_of([p], ["traditional-char"])]
    candidates = traditional_char._candidates
    traditional_char._candidates = lambda doc: [
        q for q in doc.paragraphs if q.kind in traditional_char.SCOPE and q.end > q.start
    ]
    try:
        plain = [(f.location.start, f.location.end, f.message) for f in findings_of([p], ["traditional-char"])]
    finally:
        traditional_char._candidates = candidates
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="農业a1，\n中", max_size=80), count=st.integers(min_value=1, max_value=40))
def test_traditional_char_share_added_up_until_too_many(text, count):
    ideographs = sum(map(len, traditional_char.CJK_RUN.findall(text)))
    assert traditional_char._mostly(text, count) == (
        ideographs > 0 and count / ideographs >= traditional_char.WHOLE_SHARE
    )
