"""What the text before a figure says of it, from one reading of each sentence and paragraph
(yblint.text.figure_context, #14: a table pasted on one line, 2,000 figures in one sentence, took
figure-conflict 9.7 s), against the searches from the start it replaces."""

from __future__ import annotations

import re
from types import SimpleNamespace
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from yblint.text import figure_context as fc
from yblint.text import scopes

#: the pieces the year, part, target and span patterns are made of, and what stands between
PIECES = st.lists(
    st.sampled_from(
        [
            *("2020", "2019", "1998", "12020", "年", " ", "度", "底", "末", "至", "到", "—", "-"),
            *("去年", "上年", "今年", "本年", "当年", "比", "较", "与", "同期", "相比", "增长"),
            *("1", "一", "9", "10", "十二", "月", "份", "日", "截至", "截止", "前三季度", "上半年", "第一季度", "目前"),
            *("预期", "目标", "达到", "以上", "年均", "五年", "过去", "三", "年来", "期间", "以来", "时期"),
            *("全区", "实现", "生产总值", "，", "。", "；", "甲", "乙"),
        ]
    ),
    max_size=60,
)
PLACES = st.integers(min_value=0, max_value=400)
#: a year word, a year that opens a range left out (2019年至)
YEAR_WORD_RE = re.compile(r"(?:(?<!\d)((?:19|20)\d\d)\s*年(?![度底末]?[至到—-]))|(去年|上年|今年|本年|当年)")


def period(sentence: str, at: int, year: int | None) -> tuple[int | None, str]:
    """The period of a figure at ``at``: the sentence up to it read from its start, every year
    word and part in turn (what the book index did before #14)."""
    before = sentence[:at]
    stated = year
    for m in YEAR_WORD_RE.finditer(before):
        if fc._compared(before, m.start()):
            continue
        if m.group(1):
            stated = int(m.group(1))
        elif year is not None:
            stated = year - 1 if m.group(2) in ("去年", "上年") else year
    parts = list(fc.PART_RE.finditer(before))
    return stated, fc._part_name(parts[-1].group(0) if parts else None)


@given(PIECES, PLACES, st.sampled_from([None, 2021]))
def test_the_period_from_the_sentence_read_once(pieces, at, year):
    sentence = "".join(pieces)
    at = min(at, len(sentence))
    assert fc._Periods(sentence).period(at, year) == period(sentence, at, year)


@given(PIECES, PLACES, PLACES)
def test_the_period_of_each_figure_of_one_sentence(pieces, a, b):
    """One reading answers for every figure of the sentence, in any order."""
    sentence = "".join(pieces)
    periods = fc._Periods(sentence)
    for at in (min(b, len(sentence)), min(a, len(sentence)), len(sentence)):
        assert periods.period(at, 2021) == period(sentence, at, 2021)


@given(PIECES, PLACES, PLACES, PLACES, st.sampled_from([fc.TARGET_RE, fc.SPAN_RE]))
def test_a_target_or_span_before_a_place_from_one_search(pieces, start, hi, ends, pattern):
    text = "".join(pieces)
    start, hi = min(start, len(text)), min(max(start, hi), len(text))
    first = fc._FirstMatch(pattern, text, start, hi)
    for end in range(start, len(text) + 1):  # up to hi from one search; beyond it, searched again
        assert first.before(end) == (pattern.search(text, start, end) is not None), end


def test_a_year_that_opens_a_range_is_no_year_but_where_the_figure_cuts_it():
    """The look-ahead of the year word: 2019年至 opens a range; cut after 年, the text before the
    figure holds a year."""
    sentence = "2019年至2021年全区生产总值"
    periods = fc._Periods(sentence)
    assert periods.period(len(sentence), None) == (2021, "year")
    assert periods.period(5, None) == period(sentence, 5, None) == (2019, "year")
    assert periods.period(6, None) == period(sentence, 6, None) == (None, "year")


def test_a_part_the_figure_cuts_short():
    sentence = "1—9月份全区生产总值"
    for at in range(len(sentence) + 1):
        assert fc._Periods(sentence).period(at, 2021) == period(sentence, at, 2021)
    assert fc._Periods(sentence).period(4, 2021) == (2021, "1—9月")


STOPS = st.text(alphabet=st.sampled_from("甲。！？，；"), max_size=80)


@given(STOPS, PLACES, PLACES)
def test_the_full_sentence_start_by_bisection(text, lo, pos):
    lo, pos = min(lo, len(text)), min(pos, len(text))
    lo, pos = min(lo, pos), max(lo, pos)
    para = SimpleNamespace(start=lo, end=len(text))
    stop_before = max(text.rfind(mark, lo, pos) for mark in "。！？")
    want = stop_before + 1 if stop_before >= 0 else lo
    assert fc.FigureContext(text).full_start(para, pos) == want


SCOPED = st.text(alphabet=st.sampled_from("全区市本我国街道的实现完成共有杭州县人口其中年辖景公司 \n"), max_size=300)


@given(SCOPED, PLACES, PLACES)
def test_the_scope_words_of_a_text_found_once(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert scopes.ScopeWords(text).named(start, end) == scopes.named_scope(text, start, end)


@given(SCOPED, SCOPED, PLACES)
def test_a_long_sentence_looked_up_in_its_texts_scope_words(before, sentence, at):
    """stated_scope and inherited_scope looking every stretch up in the text's words (as they do
    above LONG_STRETCH characters) say what they say searching it."""
    at = min(at, len(sentence))
    text = before + sentence
    words = scopes.ScopeWords(text)
    want = scopes.stated_scope(sentence, at), scopes.inherited_scope(text, 0, len(before))
    with mock.patch.object(scopes, "LONG_STRETCH", 0):
        got = scopes.stated_scope(sentence, at, words, len(before)), scopes.inherited_scope(text, 0, len(before), words)
    assert got == want


def test_a_sentence_of_many_figures_is_read_once(tmp_path):
    """A table pasted on one line: its sentence's years and parts are found once, not once for
    each of its figures."""
    from conftest import findings_of

    made = [0]
    plain = fc._Periods.__init__

    def counted(self, sentence):
        made[0] += 1
        plain(self, sentence)

    p = tmp_path / "a.txt"
    cells = "".join(f"{2000 + i % 20}年地区生产总值{100 + i}亿元，" for i in range(300))
    p.write_text("统计资料\n\n" + cells + "全区一般公共预算收入10亿元。\n", encoding="utf-8")
    with mock.patch.object(fc._Periods, "__init__", counted):
        found = findings_of([p], ["figure-conflict"])
    assert made[0] == 1
    assert found  # the same year's 地区生产总值 stated twenty times: conflicts are still found
