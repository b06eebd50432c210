"""Long paragraphs (#14): a draft whose line breaks were lost, or a paragraph with a table's worth
of figures, must cost time in proportion to its length. Each shortcut against the search it
replaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yblint.checks.inconsistent_total.shares import _SHARE_ITEM, _search_share_item

SHARES = st.text(alphabet=st.sampled_from("占比重所其他甲乙（）PM、，1.%为达约的"), max_size=400)


def _span(m):
    return m and m.span()


@given(SHARES, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_a_share_item_is_searched_around_its_word(text, pos, hi):
    pos, hi = min(pos, len(text)), min(hi, len(text))
    assert _span(_search_share_item(text, pos, hi)) == _span(_SHARE_ITEM.search(text, pos, hi))


@given(
    st.lists(
        st.sampled_from(["甲", "占地", "比重", "（PM10）", "所", "、", "，", "30%", "占比为", "其他"]), max_size=60
    )
)
def test_share_items_among_words_that_hold_share_words(parts):
    text = "".join(parts)
    assert _span(_search_share_item(text, 0, len(text))) == _span(_SHARE_ITEM.search(text))


def test_the_longest_share_item_is_found():
    """Sixteen bracketed names of twelve characters, then 所占比重为: its 占 stands 225 characters
    after the item's start, the most there can be, and its figure 17 characters after the 占…
    of the longest kind."""
    item = "（" + "a" * 12 + "）"
    for tail in ("所占比重30%", "占" + "乙" * 10 + "的比重约为30%"):
        text = "，" * 1000 + item * 16 + tail
        want = _SHARE_ITEM.search(text)
        assert want is not None and want.start() == 1000
        assert _span(_search_share_item(text, 0, len(text))) == want.span()


def _quantity_reads(monkeypatch, figures: int) -> int:
    """How many times inconsistent-total asks whether a figure is a quantity, on one sentence of
    ``figures`` figures, each a total (生产总值)."""
    import tempfile
    from pathlib import Path

    from conftest import findings_of

    from yblint.text.numbers import Number

    reads = [0]
    plain = Number.quantity.fget

    def counted(self):
        reads[0] += 1
        return plain(self)

    monkeypatch.setattr(Number, "quantity", property(counted))
    p = Path(tempfile.mkdtemp()) / "a.txt"
    p.write_text("团区委\n\n全区" + "实现生产总值100亿元，" * figures + "增长5%。\n", encoding="utf-8")
    findings_of([p], ["inconsistent-total"])
    return reads[0]


def test_figures_of_one_long_sentence_are_grouped_once(monkeypatch):
    """A sentence of many figures: inconsistent-total reads each once, not once for each of them
    (800 figures took 0.57 s, quadratic in their number)."""
    small, large = _quantity_reads(monkeypatch, 200), _quantity_reads(monkeypatch, 400)
    assert large < 3 * small


LENGTHS = st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=20)


@given(LENGTHS, st.integers(min_value=0, max_value=700))
def test_the_sentence_at_a_place_by_bisection(lengths, pos):
    from types import SimpleNamespace

    from yblint.text.book_index import _sentence_at

    sentences, at = [], 0
    for n in lengths:
        sentences.append(SimpleNamespace(start=at + 1, end=at + 1 + n))  # a space between sentences
        at += n + 1
    para = SimpleNamespace(index=0, sentences=sentences)
    want = next((x for x in sentences if x.start <= pos < x.end), None)
    assert _sentence_at(para, pos, {}) is want


#: text around scope words: places, the words trimmed before an indicator, line breaks
SCOPED = st.text(alphabet=st.sampled_from("全区市本我国街道的实现完成共有杭州县人口其中年辖景公司 \n"), max_size=300)


def _named_scope_reference(text: str, start: int, end: int) -> str:
    from yblint.text.scopes import _SCOPE_WORD_RE

    words = _SCOPE_WORD_RE.findall(text, start, end)
    if not words:
        return ""
    w = words[-1]
    return "全国" if w == "我国" else "全" + w[1:] if w[0] in "本我" else w


@given(SCOPED, st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_the_last_scope_word_from_a_growing_window(text, a, b):
    from yblint.text.scopes import named_scope

    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert named_scope(text, start, end) == _named_scope_reference(text, start, end)


@given(SCOPED, st.integers(min_value=0, max_value=300))
def test_the_words_before_an_indicator_trimmed_from_its_last_characters(sentence, at):
    from yblint.text.scopes import _SCOPE_TRIM_RE, _trim

    at = min(at, len(sentence))
    cut, tail = _trim(sentence, at)
    assert sentence[:cut] + tail == _SCOPE_TRIM_RE.sub("", sentence[:at])


def test_a_long_run_of_trimmed_words_is_trimmed_whole():
    from yblint.text.scopes import _SCOPE_TRIM_RE, _trim

    sentence = "全区" + "实现完成" * 20 + "生产总值"
    cut, tail = _trim(sentence, 82)
    assert sentence[:cut] + tail == _SCOPE_TRIM_RE.sub("", sentence[:82]) == "全区"


def _stated_scope_reference(sentence: str, at: int) -> str:
    """stated_scope reading the sentence up to the indicator from its start."""
    from yblint.text import scopes

    before = scopes._SCOPE_TRIM_RE.sub("", sentence[:at])
    m = scopes._RUN_END_RE.search(before)
    if m:
        body = scopes._TIME_TAIL_RE.sub("", m.group(0))
        own = scopes._OWN_UNIT_RE.search(body) and not scopes._SCOPE_WORD_RE.search(body)
        if body != m.group(0) and len(body) >= 3 and own:
            return body
        if scopes._PLACE_END_RE.search(m.group(0)):
            run = scopes._SCOPE_LEAD_RE.sub("", m.group(0))
            if len(run) >= 2 and not scopes._SCOPE_WORD_RE.search(run[-3:]) and run not in scopes._GENERIC_AREAS:
                return run
    return _named_scope_reference(before, 0, len(before))


@given(SCOPED, st.integers(min_value=0, max_value=300))
def test_a_stated_scope_from_the_last_characters(sentence, at):
    from yblint.text.scopes import stated_scope

    at = min(at, len(sentence))
    assert stated_scope(sentence, at) == _stated_scope_reference(sentence, at)


#: figures with and without units, approximate ones, totals and the words between
FIGURE_PIECES = st.lists(
    st.sampled_from(
        [
            *("120户", "3,860户", "1.2亿元", "4.5万元", "约240亩", "86期", "3.1万人", "42人次", "5.8万吨", "460公斤"),
            *("共", "合计", "总计", "总额为", "共有", "公共", "社会", "人均", "户均", "平均每期", "亩产"),
            *("增长8%", "，", "。", "；", "\n", "甲", "乙", "实现", "达到", "其中"),
        ]
    ),
    max_size=50,
)


@given(FIGURE_PIECES, st.integers(0, 400), st.integers(0, 400), st.sampled_from(["unit", "group", "plain"]))
def test_the_first_amounts_of_a_kind_by_bisection(pieces, a, b, kind):
    """AmountIndex.first: the first two exact amounts of one unit (group; unit and count) in a
    stretch, as reading the stretch's figures from its start finds them."""
    from yblint.checks.inconsistent_total import averages
    from yblint.checks.inconsistent_total.reader import AmountIndex, Reader

    text = "".join(pieces)
    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    r = Reader(text, 0, len(text))
    key = {"unit": averages._unit, "group": averages._group, "plain": averages._unit_plain}[kind]
    index = AmountIndex(r, key)
    plain = [n for n in r.nums(a, b) if r.is_amount(n) and not n.approx]
    for k in {key(n) for n in r.numbers} | {None}:
        assert index.first(a, b, k) == [n for n in plain if key(n) == k][:2]


@given(FIGURE_PIECES, st.integers(0, 30))
def test_a_total_mark_before_a_figure_of_a_long_clause(pieces, pad):
    """Reader.marked_total reads the last TOTAL_MARK_REACH characters of a long clause: the
    same answer as the clause read from its start."""
    from unittest import mock

    from yblint.checks.inconsistent_total import reader as rd

    text = "乙" * pad + "".join(pieces)
    r = rd.Reader(text, 0, len(text))
    for n in r.numbers:
        c = rd.clause_start(text, n.start, 0)
        head = text[c : n.start]
        window = rd.TOTAL_MARK_CHAR.search(text, max(0, n.start - rd.TOTAL_MARK_WINDOW), n.start)
        want = bool(window) and bool(rd.TOTAL_MARK_LOOSE.search(head) or rd.TOTAL_WORD.search(head))
        with mock.patch.object(rd, "TOTAL_MARK_REACH", 11):  # the longest match: every clause is long
            assert r.marked_total(n) == want
        assert r.marked_total(n) == want
