"""The formula filter of duplicate-passage (yblint.text.formulae.strip_formulae) takes out exactly
what the whole alternation of formulae takes out, while trying only the patterns whose required
literals occur in the text (issue #14)."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text import formulae
from yblint.text.alternation import Alternation, literal_anchor, required_literals
from yblint.text.formulae import _FORMULA_PATTERNS, formula_alternation, own_chars, own_chars_below, strip_formulae

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def reference(text: str) -> str:
    return formula_alternation().regex.sub("", text)


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"高举[^。；！\n]{2,40}?旗帜", ("高举",)),
        (r"在以[^。；！\n]{2,20}?为核心的党中央(?:坚强)?领导下", ("为核心的党中央",)),
        (r"(?:增强|坚定|做到|深刻(?:领悟|认识))“[^”\n]{2,8}”", ("增强", "坚定", "做到", "深刻")),
        (r"保持流动性合理充裕|保持宏观杠杆率基本稳定", ("流动性合理充裕", "宏观杠杆率基本稳定")),
        (r"[^。！\n]{0,10}代表国务院", ("代表国务院",)),
        (r"(?:全面)?(?:学习)?", None),  # nothing is required
        (r"(?i)abc", None),  # a case-insensitive literal is not a substring test
    ],
)
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


def test_every_formula_pattern_has_required_literals():
    """Every formula of the table is anchored on a literal (else it is tried on every passage)."""
    assert all(required_literals(p) for p in _FORMULA_PATTERNS)
    assert not formula_alternation().always


# pieces that make and break formulae: their literals, the class stoppers (。！\n), quotes, titles,
# and words that open patterns whose literal comes later (向 … 表示, 以 … 为指导, 在 … 领导下)
PIECES = [
    *(lit for p in _FORMULA_PATTERNS for lit in required_literals(p) or ()),
    *"向以在。！；，、\n“”《》",
    "表示衷心的感谢！",
    "表示崇高的敬意",
    "为指导",
    "的坚强领导下",
    "会议精神",
    "全面",
    "学习",
    "党的",
    "代表国务院",
    "成绩",
    "的结果。",
    "人民军队",
    "建设",
    "拱墅区新建道路12条",
    "甲乙丙丁",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_strip_formulae_is_the_alternation(pieces):
    text = "".join(pieces)
    assert strip_formulae(text) == reference(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20), st.integers(0, 3000), st.integers(10, 800))
def test_strip_formulae_on_real_text(pieces, start, size):
    """Stretches of the seed page with formulae pieces spliced in."""
    seed = (FIXTURES / "gongshu-yearbook-2021-page5.txt").read_text(encoding="utf-8")
    text = seed[start : start + size] + "".join(pieces) + seed[start + size : start + 2 * size]
    assert strip_formulae(text) == reference(text)


def test_strip_formulae_examples():
    text = "向全市人民表示衷心的感谢！以新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调。"
    assert strip_formulae(text) == reference(text) == "，。"
    assert strip_formulae("拱墅区新建道路12条") == "拱墅区新建道路12条"


@pytest.mark.parametrize(
    ("pattern", "anchor"),
    [
        (r"(?:全面|深入)?(?:学习)?贯彻(?:落实)?精神", ("贯彻", 0, 4)),
        (r"[^。！\n]{0,10}代表国务院", ("代表国务院", 0, 10)),
        (r"(?:推动|促进)世界多极化、(?:倡导)?国际关系民主化", ("国际关系民主化", 8, 10)),
        (r"高举[^。]{2,40}?旗帜", None),  # opens with a literal: re finds it itself
        (r"[^。]*代表", None),  # unbounded before the literal
        (r"(?:甲|乙)+", None),  # no literal in the top-level sequence
    ],
)
def test_literal_anchor(pattern, anchor):
    assert literal_anchor(pattern) == anchor


# patterns that open with classes and optional groups, overlap, tie at one start and look behind
STRESS = (
    r"[^。]{0,3}甲乙",
    r"(?:丙)?甲",
    r"乙[^。]{1,4}?丁",
    r"(?<!丙)乙丁",
    r"丁丁|甲乙丙",
    r"(?:乙|丙)?丁[^甲]{0,2}丙",
    r"[乙丙]{1,2}。甲",
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="甲乙丙丁。", max_size=60), st.permutations(STRESS))
def test_alternation_strip_is_sub(text, patterns):
    alternation = Alternation(tuple(patterns))
    assert alternation.strip(text) == re.compile("|".join(f"(?:{p})" for p in patterns)).sub("", text)


#: a stretch of the document's own words, figures and marks longer than its counts' blocks
LONG = "经济社会发展取得新成效，新建道路12条、绿地5万平方米（含公园3个）；" * 3


class _Doc:
    """What own_chars_below needs of a document: its text, and somewhere to keep its counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.derived: dict = {}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, LONG, "a", "《", "》"]), min_size=1, max_size=60),
    st.data(),
)
def test_own_chars_below_is_own_chars(pieces, data):
    """Whether a passage keeps fewer than ``limit`` own characters, told from the document's
    counts where they decide it (duplicate-passage asks for every side of every candidate),
    is what own_chars of the passage's text says."""
    doc = _Doc("".join(pieces))
    n = len(doc.text)
    for _ in range(6):
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(start, n))
        own = own_chars(doc.text[start:end])
        limit = data.draw(st.sampled_from([1, 40, max(1, own), own + 1, own + 30]))
        assert own_chars_below(doc, start, end, limit) == (own < limit), (start, end, limit)


def _starts_by_definition(text: str, alt: Alternation) -> tuple[list[int], list[int]]:
    """_literal_starts as its docstring says: every offset where a literal starts, and the widest
    width of the literals that start there, summed."""
    starts, taken = [], [0]
    for p in range(len(text)):
        here = [w for x, w in alt.literal_widths.items() if text.startswith(x, p)]
        if here:
            starts.append(p)
            taken.append(taken[-1] + max(here))
    return starts, taken


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, LONG, "“", "”", "四个", "党的", "𠀋", "a"]), max_size=40))
def test_literal_starts_are_every_offset_where_a_literal_starts(pieces):
    """The offsets and widths that own_chars_below's counts take out are those of the definition,
    overlapping literals, astral characters and a literal of one character included."""
    text = "".join(pieces)
    alt = formula_alternation()
    assert formulae._literal_starts(text, alt) == _starts_by_definition(text, alt)
    one = Alternation(("党", "党的领导", "四个(?:意识|自信)"))
    assert formulae._literal_starts(text, one) == _starts_by_definition(text, one)


def test_own_chars_below_decides_from_the_counts():
    """A long passage with one formula is decided without stripping it: the most the formula
    can take out still leaves enough; a passage of formulae alone is stripped."""
    own = "拱墅区新建道路12条，改造老旧小区30个，新增绿地面积5万平方米。" * 4
    doc = _Doc(own + "坚持稳中求进工作总基调。" + own)
    doc.derived["formulae.asked"] = formulae.INDEX_AFTER  # its next passage is counted from the index
    index = formulae._own_index(doc)
    assert index is not None and index.most_taken(0, len(doc.text)) == len("坚持稳中求进工作总基调")
    assert not own_chars_below(doc, 0, len(doc.text), 40)
    formula = _Doc("坚持稳中求进工作总基调，加快构建新发展格局")
    assert own_chars_below(formula, 0, len(formula.text), 1)


def test_titled_passage_decided_from_the_counts(monkeypatch):
    """A long passage with titles (《…》) is decided from its document's counts, each title charged
    the most it can take out, without the titles or the formulae being taken out of its text."""
    own = "拱墅区新建道路12条，改造老旧小区30个，新增绿地面积5万平方米。" * 20
    doc = _Doc(own + "按照《关于加快发展的决定》要求，坚持稳中求进工作总基调。" + own)
    doc.derived["formulae.asked"] = formulae.INDEX_AFTER

    class Untouchable:
        def sub(self, *args):
            raise AssertionError("the titles were taken out")

    monkeypatch.setattr(formulae, "_QUOTED_RE", Untouchable())
    monkeypatch.setattr(formulae, "strip_formulae", Untouchable().sub)
    assert not own_chars_below(doc, 0, len(doc.text), 40)
    # a short titled passage is not decided by the counts: it is taken apart as before
    short = _Doc("《关于加快发展的决定》拱墅区新建道路12条")
    short.derived["formulae.asked"] = formulae.INDEX_AFTER
    with pytest.raises(AssertionError, match="titles were taken out"):
        own_chars_below(short, 0, len(short.text), 5)


@pytest.mark.parametrize("titled", [False, True])
@pytest.mark.parametrize("index_after", [0, 100])
def test_own_chars_below_at_the_edge(titled, index_after, monkeypatch):
    """A formula that takes out all it can (a fixed wording): the counts tell ``own`` from
    ``own + 1`` exactly, with a title taken out first or without one, from the document's counts
    or from the passage's own."""
    monkeypatch.setattr(formulae, "INDEX_AFTER", index_after)
    monkeypatch.setattr(formulae, "INDEX_SHARE", 0 if index_after else formulae.INDEX_SHARE)  # the passage's own
    text = ("《关于加快发展的决定》" if titled else "") + "坚持稳中求进工作总基调，拱墅区新建道路12条"
    doc = _Doc(text)
    own = own_chars(text)
    assert own == len("拱墅区新建道路条")
    assert own_chars_below(doc, 0, len(text), own + 1)
    assert not own_chars_below(doc, 0, len(text), own)
