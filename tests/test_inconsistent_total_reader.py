"""The shared reader's fast paths agree with the plain reading they replace."""

import bisect
import re
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from yblint.checks.inconsistent_total import averages, balances, breakdown, count, growth, rate, reader, shares
from yblint.text.numbers import find_numbers

CLAUSE_NOISE = "12３４,，、。；:一年a ①²\n"


def test_no_chinese_character_is_a_digit():
    """Clause ends take a comma after a Chinese character as a clause end without looking further."""
    assert not any(chr(c).isdigit() for c in range(0x4E00, 0xA000))


def _ends(text):
    """Every clause end and every sentence end of ``text``, by a scan of the whole text: the
    reading the block-wise one must equal."""
    clauses = [m.start() for m in reader._CLAUSE_MARK.finditer(text) if reader._ends_clause(text, m.start())]
    return clauses, [m.start() for m in reader._SENTENCE_MARK.finditer(text)]


def _start_before(ends, pos, lo):
    i = bisect.bisect_left(ends, pos) - 1
    return max(lo, ends[i] + 1) if i >= 0 else lo


def _end_after(ends, pos, hi):
    i = bisect.bisect_left(ends, pos)
    return min(hi, ends[i]) if i < len(ends) else hi


@settings(max_examples=1500, deadline=None)
@example("111:", 1, -1, 4, 3, 2)  # a bound before the text: the walk back must stop at the first block
@given(
    st.text(alphabet=CLAUSE_NOISE + "！?？!\ud800😀", max_size=40),
    st.integers(-2, 42),
    st.integers(-2, 42),
    st.integers(-2, 42),
    st.sampled_from([1, 3, 8, 512]),
    st.sampled_from([1, 2, 16]),
)
def test_clauses_and_sentences_read_by_block_are_those_of_the_whole_text(text, pos, a, b, block, walk):
    """Clause and sentence ends are found a block of text at a time, when first asked for (and
    in the whole text past a few blocks without one): the clause and sentence around any offset
    are those a scan of the whole text gives."""
    lo, hi = min(a, b), max(a, b)
    clauses, sentences = _ends(text)
    saved = reader.MARK_BLOCK, reader.MARK_WALK
    reader.MARK_BLOCK, reader.MARK_WALK = block, walk
    reader._marks_cache.clear()
    try:
        assert reader.clause_start(text, pos, lo) == _start_before(clauses, pos, lo)
        assert reader.clause_end(text, pos, hi) == _end_after(clauses, pos, hi)
        start = _start_before(sentences, pos, lo)
        end = _end_after(sentences, pos, hi)
        assert reader.sentence_bounds(text, pos, lo, hi) == (min(start, pos), max(end, pos))
    finally:
        reader.MARK_BLOCK, reader.MARK_WALK = saved
        reader._marks_cache.clear()


def test_clause_ends_keep_thousands_separators_out():
    text = "投资5,630万元，其中３，１５４万元,用于1，2号楼；"
    reader._marks_cache.clear()
    ends = [reader.clause_end(text, i, len(text)) for i in range(len(text))]
    assert [text[i] for i in sorted(set(ends) - {len(text)})] == ["，", ",", "，", "；"]
    assert _ends(text)[0] == sorted(set(ends) - {len(text)})


AMOUNT_NOISE = "增加长减少比上年较的了每人均年平日月多少相当于为共计，。3万元个人"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=AMOUNT_NOISE, max_size=24))
def test_is_amount_equals_its_two_searches(text):
    """is_amount skips a search when the characters before a figure cannot end a match of it."""
    for n in find_numbers(text):
        cs = reader.clause_start(text, n.start, 0)
        head = text[max(cs, n.start - reader.CHANGE_WINDOW) : n.start]
        average = text[max(cs, n.start - reader.AVERAGE_WINDOW) : n.start]
        plain = n.quantity and n.unit is not None
        expected = plain and not (reader.CHANGE.search(head) or reader.AVERAGE.search(average))
        assert reader.is_amount(n, text, 0) == bool(expected)


def test_the_characters_checked_first_are_in_every_match():
    assert all(w[-1] in reader._CHANGE_LAST for w in reader.CHANGE_WORDS.split("|"))
    average_words = re.match(r"\(\?:([^)]*)\)", reader.AVERAGE.pattern).group(1).split("|")
    assert len(average_words) == 11 and all("均" in w or "每" in w for w in average_words)


# --- the words a check looks for before it runs its patterns ------------------------------------

#: (pattern, words one of which is in every match, a text it matches): a check skips a paragraph
#: holding none of the words, so a pattern changed to match without them must fail here
KEYWORDS = [
    (shares._RATIO3, "三次产业", "三次产业结构为3.1:40.2:56.7"),
    *(
        (first, "占", re.sub(r"\(\?<!.\)", "", a) + "占")
        for (first, _, _w), (a, _b) in zip(shares._PAIR_PATTERNS, shares._PAIRS, strict=True)
    ),
    *((first, (word,), word + "占") for first, _, word in shares._PAIR_PATTERNS),
    (breakdown._QIZHONG, ("其中",), "其中"),
    (breakdown._RESPECTIVELY, ("分别",), "分别为"),
    (count._LIST_OPENER, count._LIST_OPENERS, "（"),
    (rate._RATE, "率", "完成率达"),
    (rate._NAMED_RATE, "率", "合格率为"),
    (rate._SHARE_OF, "占", "占全年计划的41%"),
    (rate._SHARE_OF, ("的", "比重", "比例"), "占全年计划的41%"),  # ratio_phrases reads 占 with one of them
    (rate._TIMES_OF, "的", "是上年的1.2倍"),
    (rate._PLAN_SHARE, "的", "为计划的112%"),
    (averages._PER, "每", "每万人拥有医师34人"),
    (averages._PER_ITEM, averages.PER_ITEM_WORDS, "户均补贴3.1万元"),
    (averages._DAILY, ("日均", "平均每"), "日均735.3吨"),
    (averages._PAIR_RATIO, ("师比", "师生比", "性别比"), "生师比为14.1∶1"),
    (averages._YIELD, "亩产", "平均亩产460公斤"),
    (rate._TIMES_OF, "的", "完成年度目标（8000人）的112.1%"),
    (shares._SHARE_AFTER, ("占", "比重"), "工业企业300家，占25%"),
    (growth._GROWTH, "由从", "由30万元增加到36万元，增长20%"),
    (growth._DOUBLED, "由从", "由3亿元增至6亿元，翻了一番"),
    (growth._DOUBLED, "番", "由3亿元增至6亿元，翻了一番"),
    (growth._COMPARED, ("比", "较"), "比上年的30万元增长20%"),
    (growth._COMPARED, ("比", "较"), "较上年30万元增长20%"),
    (growth._BASE_AFTER, ("（", "("), "同比增长20%（上年30万元）"),
    (growth._CHANGE_AND_RATE, ("比", "较"), "比上年增收1,260万元，增长8.4%"),
    (growth._CHANGE_AND_RATE, ("比", "较"), "较年初增加106.3亿元，增长9.1%"),
    (rate._BALANCE_RATIO, ("负债率", "收入利润率"), "资产负债率为57.3%"),
    (growth._GROWTH, growth._GROWTH_VERBS, "由30万元增加到36万元，增长20%"),
    (breakdown._LIST_TOTAL, "共计", "等共计"),
    (breakdown._SUM_HEAD, "计总共", "收入合计达到"),
    (balances._BALANCE, ("余", "存", "赤字"), "收支相抵结余为"),
    (reader.TOTAL_MARK_LOOSE, "共计总", "合计"),
    (reader.TOTAL_WORD, "共计总", "总收入为"),
]


def _alphabet(pattern: re.Pattern) -> str:
    return "".join(sorted({c for c in pattern.pattern if "\u4e00" <= c <= "\u9fff"})) + "0123456789.%：，,、。（）()"


@pytest.mark.parametrize(("pattern", "words", "example"), KEYWORDS)
def test_every_match_holds_a_word_looked_for(pattern, words, example):
    assert pattern.search(example)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_alphabet(pattern), max_size=30))
    def every_match(text):
        for m in pattern.finditer(text):
            assert any(w in m.group(0) for w in words), (text, m.group(0))

    every_match()


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="占是为相当于完成达到全年计划预算任务的比重例上年总量3０٣一百分之十%倍，", max_size=24))
@example("占全年计划的41%，是上年的1.2倍，为计划的百分之九十，相当于上年的٣倍")
@example("占3的是3")
@example("占3比例3")
def test_a_ratio_phrase_before_a_figure_ends_in_de_before_a_numeral(text):
    """ratio_phrases reads a paragraph only if 的 stands before a numeral in it, or 比重 / 比例
    does: every phrase it reads ends in 的, or in (的)比重 (比例) and a verb, and the figure it
    reads starts right after."""
    starts = {n.num_start for n in find_numbers(text)}
    for pattern in (rate._SHARE_OF, rate._TIMES_OF, rate._PLAN_SHARE):
        for m in pattern.finditer(text):
            if m.end() in starts:
                de = rate._DE_FIGURE.match(text, m.end() - 1)
                assert de or (pattern is rate._SHARE_OF and rate._WEIGHTED.search(m.group(0))), (text, m.group(0))
    assert rate._DE_FIGURE.search("是上年的1.2倍") and rate._DE_FIGURE.search("为计划的百分之九十")


#: anchored patterns, how every match ends (a word's last character, then a suffix), an example
LAST_CHARS = [
    (breakdown._SUM_HEAD, *breakdown._SUM_HEAD_END, "收入合计达到"),
    (balances._BALANCE, *balances._BALANCE_END, "收支相抵结余为"),
    (breakdown._LIST_TOTAL, *breakdown._LIST_TOTAL_END, "等共计"),
    (reader.CHANGE, "".join(reader._CHANGE_LAST), ("",), "比上年的"),
]


@pytest.mark.parametrize(("pattern", "last", "suffixes", "example"), LAST_CHARS)
def test_every_match_ends_as_looked_for(pattern, last, suffixes, example):
    assert pattern.search(example) and reader.may_end_word(example, len(example), last, suffixes)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_alphabet(pattern), max_size=20))
    def every_match(text):
        assert pattern.search(text) is None or reader.may_end_word(text, len(text), last, suffixes)
        if reader.may_end_word(text, len(text), last, suffixes):
            assert text[-1] in reader.end_chars(last, suffixes)

    every_match()


def test_may_end_word():
    last, suffixes = breakdown._SUM_HEAD_END
    assert reader.may_end_word("收入合计达到", 6, last, suffixes)
    assert reader.may_end_word("收入合计达到", 5, last, suffixes)  # 合计达
    assert not reader.may_end_word("收入合计达到", 2, last, suffixes)
    assert not reader.may_end_word("为", 1, last, suffixes)  # a suffix alone
    assert not reader.may_end_word("", 0, last, suffixes)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="共计合总累一有公中社为达到是收入人口万3，", max_size=24))
def test_a_total_mark_ends_near_its_figure(text):
    """marked_total searches a clause only when 共, 计 or 总 stands just before the figure."""
    for pattern in (reader.TOTAL_MARK_LOOSE, reader.TOTAL_WORD):
        if pattern.search(text):
            near = text[-reader.TOTAL_MARK_WINDOW :]
            assert any(c in near for c in reader.TOTAL_MARK_CHARS), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="3万元个，。“”共计5%\n\n", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_a_paragraph_s_figures_are_the_document_s_within_it(text, a, b):
    start, end = min(a, b), max(a, b)
    numbers = find_numbers(text)
    expected = [n for n in numbers if start <= n.start and n.end <= end]
    assert reader.Figures(text).within(start, end) == expected
    assert all(x.end <= y.start for x, y in pairwise(numbers))


# --- a paragraph with one figure: only the checks that can read one (issue #14) -------------------

ONE_FIGURE_TOKENS = [
    *"，。；、：（）",
    *("其中", "分别为", "共计", "合计", "总计", "共", "等", "占", "占比", "的", "比上年", "同比", "由", "增至"),
    *("增长", "下降", "增加", "完成", "任务", "完成率", "合格率", "抽检", "合格", "每万人拥有", "医师", "常住人口"),
    *("结余", "收入", "支出", "男性", "女性", "三次产业结构为", "5:40:55", "项目", "学校", "甲", "乙", "丙"),
    *("3", "12", "25.5", "100", "1,200", "两", "十五"),
    *("个", "所", "人", "家", "万元", "亿元", "%", "个百分点", "倍"),
]


def _all_checks(text: str, start: int, end: int) -> tuple[list, list]:
    """Every check over one paragraph, whatever its figures: (issues, comparisons made)."""
    from yblint.checks.inconsistent_total import CHECKS, ParagraphChecker

    r = ParagraphChecker(text, start, end)
    for check in CHECKS.values():
        check(r)
    return [(i.check, i.key, i.anchor) for i in r.issues], r.checked


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(ONE_FIGURE_TOKENS), max_size=24))
def test_a_paragraph_with_one_figure_is_read_only_by_the_checks_that_can_use_one(tokens):
    """ParagraphChecker runs only ONE_FIGURE's checks on a paragraph with one figure: every other
    check compares two figures or more and finds nothing there."""
    from yblint.checks.inconsistent_total import CHECKS, ONE_FIGURE, ParagraphChecker

    text = "".join(tokens)
    r = ParagraphChecker(text, 0, len(text))
    if len(r.numbers) != 1:
        return
    for name, check in CHECKS.items():
        if name not in ONE_FIGURE:
            check(r)
    assert r.issues == [] and r.checked == []


def _paragraphs(text: str):
    pos = 0
    for para in text.split("\n"):
        yield pos, pos + len(para)
        pos += len(para) + 1


def test_the_bad_examples_left_with_one_figure_are_found_only_by_the_checks_that_read_one():
    """Every paragraph of the arithmetic fixtures that a check finds fault with, its figures but
    one written as words (若干): no check outside ONE_FIGURE finds anything there."""
    from conftest import FIXTURES

    from yblint.checks.inconsistent_total import CHECKS, ONE_FIGURE, ParagraphChecker

    tried = 0
    for path in sorted((FIXTURES / "arithmetic").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for start, end in _paragraphs(text):
            para = text[start:end]
            numbers = find_numbers(para)
            if len(numbers) < 2 or not _all_checks(para, 0, len(para))[0]:
                continue
            for keep in numbers:
                variant = para
                for n in reversed(numbers):
                    if n is not keep:
                        variant = variant[: n.num_start] + "若干" + variant[n.num_end :]
                r = ParagraphChecker(variant, 0, len(variant))
                if len(r.numbers) != 1:
                    continue
                tried += 1
                for name, check in CHECKS.items():
                    if name not in ONE_FIGURE:
                        check(r)
                assert r.issues == [] and r.checked == [], variant
    assert tried > 30


def test_the_fixtures_read_alike_with_and_without_the_one_figure_shortcut():
    """Every paragraph of the arithmetic fixtures and the seed page with one figure or none: the
    issues and comparisons of ParagraphChecker.run are those of every check run in full."""
    from conftest import FIXTURES, SEED

    from yblint.checks.inconsistent_total import ParagraphChecker

    single = 0
    for path in [*sorted((FIXTURES / "arithmetic").glob("*.md")), SEED]:
        text = path.read_text(encoding="utf-8")
        for start, end in _paragraphs(text):
            r = ParagraphChecker(text, start, end)
            if len(r.numbers) > 1:
                continue
            single += len(r.numbers) == 1
            issues, checked = _all_checks(text, start, end)
            first = {}
            for check, key, anchor in issues:
                first.setdefault(anchor, (check, key, anchor))
            r.run()
            assert [(i.check, i.key, i.anchor) for i in r.issues] == list(first.values())
            assert r.checked == checked
    assert single > 5


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["甲", "乙", "丙", "、", "和", "等", "共", "3", "2", "个", "项", "，", "。"]), max_size=20)
)
def test_a_count_is_read_only_after_a_list_opener_or_deng(tokens):
    """count skips a paragraph with no list opener (（ ( ： :) and no 等: with neither, reading
    each count for a list closed by 等 before it finds nothing."""
    text = "".join(tokens)
    r = reader.Reader(text, 0, len(text))
    if count._LIST_OPENER.search(text) is None and "等" not in text:
        for n in r.numbers:
            count._list_before(r, n)
        assert r.issues == [] and r.checked == []
    r = reader.Reader("甲、乙、丙等2个", 0, 8)
    count.check(r)
    assert [i.key for i in r.issues] == ["list_open"]


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="率合格完成为达到是已高提升至甲乙3，", max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
)
@example("抽检合格率为97.8%，完成率达到95%，率率率为，甲率乙丙丁戊己庚率提高到", 0, 40)
@example("3甲率乙率提高到", 0, 9)  # the leftmost match near the first 率 ends at the second
def test_named_rates_are_searched_near_each_lu_alone(text, a, b):
    """named_rate_matches searches _NAMED_RATE only just before each 率: the matches of a plain
    finditer, the same spans and groups."""
    lo, hi = min(a, b, len(text)), min(max(a, b), len(text))
    spans = [(m.span(), m.group(0), m.group(1)) for m in rate.named_rate_matches(text, lo, hi)]
    assert spans == [(m.span(), m.group(0), m.group(1)) for m in rate._NAMED_RATE.finditer(text, lo, hi)]
