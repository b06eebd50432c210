import math

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.numbers import (
    Number,
    chinese_to_int,
    convert,
    find_numbers,
    parse_numeral,
    summable,
    unit_info,
)

DIGITS = "零一二三四五六七八九"


def spell(n: int, *, liang: bool = False, yi_shi: bool = False) -> str:
    """The Chinese spelling of ``n`` (0 ≤ n < 10¹⁶), written independently of the parser:
    一百零一, 十五 (or 一十五 with ``yi_shi``), 二千 (or 两千 with ``liang``), 一万零一亿."""

    def four(x: int, first: bool) -> str:  # 1..9999
        out, gap = "", False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // place % 10
            if d == 0:
                gap = gap or bool(out)
                continue
            if gap:
                out, gap = out + "零", False
            if place == 10 and d == 1 and not out and first and not yi_shi:
                digit = ""
            elif liang and d == 2 and place in (100, 1000):
                digit = "两"
            else:
                digit = DIGITS[d]
            out += digit + name
        return out

    def eight(x: int, first: bool) -> str:  # 1..99999999
        hi, lo = divmod(x, 10**4)
        if hi == 0:
            return four(lo, first)
        return four(hi, first) + "万" + (("零" if lo < 1000 else "") + four(lo, False) if lo else "")

    def full(x: int, first: bool) -> str:
        hi, lo = divmod(x, 10**8)
        if hi == 0:
            return eight(lo, first)
        return full(hi, first) + "亿" + (("零" if lo < 10**7 else "") + eight(lo, False) if lo else "")

    return "零" if n == 0 else full(n, True)


# --- Chinese integers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("十", 10),
        ("十五", 15),
        ("一十五", 15),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零一", 101),
        ("一百一十", 110),
        ("两千", 2000),
        ("两万", 20000),
        ("三十二万", 320000),
        ("一百二十万", 1200000),
        ("十万零一十", 100010),
        ("一千零一万", 10010000),
        ("一亿零一", 100000001),
        ("三亿五千万", 350000000),
        ("百亿", 10**10),
        ("一万亿", 10**12),
        ("六百五十亿二千万", 65020000000),
        ("二〇二一", 2021),
    ],
)
def test_chinese_integers(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize(
    "text", ["四十五六", "三五", "十四五", "二二", "百千", "万", "亿", "一万二万", "", "十零", "abc"]
)
def test_not_one_chinese_integer(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_chinese_round_trip_against_cn2an(n):
    # cn2an.an2cn is a sound speller of integers (its parser is the part that fails on 十余, 近200 …)
    assert chinese_to_int(cn2an.an2cn(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.booleans(), st.booleans())
def test_chinese_round_trip_own_spelling(n, liang, yi_shi):
    s = spell(n, liang=liang, yi_shi=yi_shi)
    assert chinese_to_int(s) == n, s


def test_own_spelling_agrees_with_cn2an():
    for n in [0, 10, 15, 101, 110, 1001, 10010000, 100000001, 100010, 12345678901, 20000000000]:
        assert spell(n) == cn2an.an2cn(n)


# --- numerals and figures in text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4008.9", 4008.9),
        ("1,234", 1234),
        ("1,234.5万", 12345000),
        ("３．８万", 38000),
        ("1.2亿", 1.2e8),
        ("4千", 4000),
        ("三点五", 3.5),
        ("百分之五十点五", 50.5),
        ("一百二十", 120),
    ],
)
def test_parse_numeral(text, value):
    assert parse_numeral(text) == pytest.approx(value)


def one(text: str) -> Number:
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "approx", "bound"),
    [
        ("发放4008.9万元。", "4008.9万元", 40089000, "元", None, None),
        ("总资产385亿元", "385亿元", 385e8, "元", None, None),
        ("新增就业106人", "106人", 106, "人", None, None),
        ("完成率达152.4%。", "152.4%", 152.4, "%", None, None),
        ("占比为１２．５％", "１２．５％", 12.5, "%", None, None),
        ("开展活动6000余场", "6000余场", 6000, "场", "余", "lower"),
        ("侧石4千余米", "4千余米", 4000, "米", "余", "lower"),
        ("查处106万余起", "106万余起", 1060000, "起", "余", "lower"),
        ("惠及10余万人", "10余万人", 100000, "人", "余", "lower"),
        ("走访服务企业近200家次", "近200家次", 200, "家次", "近", "upper"),
        ("规模超百亿", "超百亿", 1e10, None, "超", "lower"),
        ("发放金额合计约为944.11万元", "约为944.11万元", 9441100, "元", "约为", "about"),
        ("出租率98%以上", "98%以上", 98, "%", "以上", "lower"),
        ("用时3个月左右", "3个月左右", 3, "个月", "左右", "about"),
        ("两项补贴", "两项", 2, "项", None, None),
        ("三十二万人", "三十二万人", 320000, "人", None, None),
        ("二十几个", "二十几个", 20, "个", "几", "lower"),
        ("修复8.5万平米", "8.5万平米", 85000, "平方米", None, None),
        ("提高2.5个百分点", "2.5个百分点", 2.5, "个百分点", None, None),
        ("共计约5万方", "约5万方", 50000, "方", "约", "about"),
    ],
)
def test_find_one_figure(text, figure, value, unit, approx, bound):
    n = one(text)
    assert n.text == figure
    assert text[n.start : n.end] == figure
    assert n.value == pytest.approx(value)
    assert (n.unit, n.approx, n.bound) == (unit, approx, bound)


def test_spans_are_offsets_into_the_text():
    text = "甲" * 5 + "共计4008.9万元，其中944.11万元"
    ns = find_numbers(text, 5)
    assert [text[n.num_start : n.num_end] for n in ns] == ["4008.9万", "944.11万"]
    assert [n.start for n in ns] == [7, 18]
    assert find_numbers(text, 5, 16)[0].text == "4008.9万元"
    assert len(find_numbers(text, 5, 16)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "一起开展",
        "统一部署",
        "三服务",
        "十佳优秀",
        "博爱送万家",
        "千方百计",
        "四十五六岁",
        "三五天",
        "一系列",
        "百年华诞",
    ],
)
def test_words_are_not_figures(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("第3名", "ordinal"),
        ("1-9月", "range"),
        ("9～16亿", "range"),
        ("“26+2”个", "expression"),
        ("GS0905地块", "code"),
        ("上塘03安置房", "code"),
        ("“八个一”", "quoted"),
        ("二期工程", "ordinal"),
    ],
)
def test_roles(text, role):
    assert find_numbers(text)[0].role == role


def test_thousands_separators():
    assert one("共1,234人").value == 1234
    assert one("产量33，212万吨").value == 332120000  # older typesetting uses the full-width comma
    assert [n.text for n in find_numbers("建成5个，200户受益")] == ["5个", "200户"]
    assert [n.value for n in find_numbers("2，3月")] == [2, 3]


def test_signed_up_is_not_about():
    # 签约 is a word, not the qualifier 约
    n = one("大项目签约7个")
    assert (n.text, n.approx) == ("7个", None)


# --- precision and intervals ----------------------------------------------------------------


def test_interval_follows_written_precision():
    assert one("4008.9万元").interval == pytest.approx((40088500, 40089500))
    assert one("23.8亿元").interval == pytest.approx((2375e6, 2385e6))
    assert one("70人").interval == (70, 70)  # a whole count is exact
    assert one("152.4%").interval == pytest.approx((152.35, 152.45))


def test_round_chinese_figures_are_rounded():
    assert not one("二十八万人").exact
    assert one("二十八万人").interval == (275000, 285000)
    assert one("十五个").exact


def test_interval_of_qualified_figures():
    lo, hi = one("20余次").interval
    assert lo < 21 and 29 < hi <= 30.5
    lo, hi = one("近200家次").interval
    assert lo <= 100 and hi == pytest.approx(200.5)
    assert one("98%以上").interval[1] == math.inf
    lo, hi = one("约5万方").interval
    assert lo <= 47500 and hi >= 52500


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=3))
def test_arabic_round_trip(n, decimals):
    written = f"{n / 10**decimals:.{decimals}f}"
    for mult, factor in (("", 1), ("万", 1e4), ("亿", 1e8)):
        f = one(f"共计{written}{mult}元。")
        assert f.value == pytest.approx(n / 10**decimals * factor)
        assert f.decimals == decimals
        assert f.interval[0] <= f.value <= f.interval[1]
        assert f.unit == "元"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=10**8))
def test_chinese_figure_round_trip_in_text(n):
    text = f"建成{cn2an.an2cn(n)}个项目"
    f = one(text)
    assert f.value == n
    assert f.unit == "个"
    assert text[f.start : f.end] == cn2an.an2cn(n) + "个"


@given(st.integers(min_value=0, max_value=10**7))
def test_fullwidth_digits(n):
    full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert one(f"{full}人").value == n


# --- units ---------------------------------------------------------------------------------


def test_units_convert_within_a_group():
    assert convert(15, "亩", "公顷") == pytest.approx(1)
    assert convert(1, "公顷", "平方米") == pytest.approx(10000)
    assert convert(2, "公里", "米") == 2000
    with pytest.raises(ValueError):
        convert(1, "人", "人次")


def test_summable_units():
    assert summable("元", "元")
    assert summable("亩", "公顷")
    assert summable("个", "所") and summable("个", "条")  # 3所学校、7条支小路 … 共计22个项目
    assert not summable("家", "个")
    assert not summable("人", "人次")
    assert not summable("元", "美元")
    assert not summable("%", "%")
    assert not summable("年", "年")
    assert summable("人", "名")
    assert unit_info("人次").group == "person-time"


NOISE = (
    "0123456789０１２.,，%％万亿千百十一二两三四五六七八九零〇○点"
    "约近余多几来超逾以上下左右不到足第-～—+/“”《》个人次元亩平方米公顷年月分之"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=NOISE, max_size=40))
def test_find_numbers_never_crashes_and_spans_hold(text):
    last = 0
    for n in find_numbers(text):
        assert last <= n.start <= n.num_start < n.num_end <= n.end <= len(text)
        assert text[n.start : n.end] == n.text
        lo, hi = n.interval
        assert lo <= n.value <= hi
        last = n.end


def test_a_document_is_read_the_same_in_pieces():
    """Checks read a document's figures once; reading a paragraph, or a short string in between,
    gives the same figures, full-width ones read as written."""
    doc = ("甲“１２３个”乙共计４，００８．９万元，其中２０余家。\n\n" * 40) + "丙3所学校。"
    whole = find_numbers(doc)
    find_numbers("开工2所学校")  # a short string between two reads of the document
    para_end = doc.index("\n\n")
    assert find_numbers(doc, 0, para_end) == [n for n in whole if n.end <= para_end]
    assert [n.text for n in whole[:3]] == ["１２３个", "４，００８．９万元", "２０余家"]
    assert whole[0].role == "quoted" and whole[1].value == 40089000


FULLWIDTH_NOISE = NOISE + "３４５６７８９．％‰a"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=FULLWIDTH_NOISE, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_full_width_figures_read_as_written_equal_the_ascii_reading(text, a, b):
    """Figures are read in the text as written (４，００８．９万元, ３０％): the same figures, at
    the same offsets, as in the text with its full-width digits and marks made ASCII."""
    from dataclasses import replace

    from yblint.text.numbers import _FULLWIDTH

    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    ascii_ = text.translate(_FULLWIDTH)
    expected = [replace(n, text=text[n.start : n.end]) for n in find_numbers(ascii_, start, end)]
    assert find_numbers(text, start, end) == expected


@pytest.mark.parametrize("text", ["共计4008.9万元，其中20余家", "约为３０％", "一百二十个", "第3期", "二〇二一年"])
def test_a_figure_found_is_the_number_its_fields_make(text):
    """find_numbers builds each Number without the dataclass constructor: it must be the same."""
    from dataclasses import FrozenInstanceError, fields

    for n in find_numbers(text):
        made = Number(**{f.name: getattr(n, f.name) for f in fields(Number)})
        assert n == made and hash(n) == hash(made) and vars(n) == vars(made)
        with pytest.raises(FrozenInstanceError):
            n.value = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("“甲”和《乙“丙”》", [(0, 3), (4, 10)]),
        ("“未闭合\n“甲”", [(5, 8)]),  # a line break closes every open quote
        ("「甲」『乙』", [(0, 3), (3, 6)]),
    ],
)
def test_quoted_spans(text, spans):
    from yblint.text.numbers import _quoted_spans

    assert _quoted_spans(text, 0, len(text)) == spans


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="大约为合将近接超过逾不到足少于低至突破多达最高有了签附赶3", max_size=8))
def test_a_qualifier_before_a_figure_ends_in_a_character_looked_for(text):
    """The qualifier before a figure (约为, 不少于, 高达 …) is searched for only after one of the
    characters its matches end with."""
    from yblint.text.numbers import _PRE_APPROX, _PRE_APPROX_LAST

    m = _PRE_APPROX.search(text)
    assert m is None or m.group(0)[-1] in _PRE_APPROX_LAST
    assert _PRE_APPROX.search("约为") and _PRE_APPROX.search("不少于") and _PRE_APPROX.search("突破")


def test_a_numeral_read_again_is_read_the_same():
    """Chinese numerals are kept once read (a text repeats them): a second reading is the same,
    and what is no numeral stays none."""
    for s in ["一百二十", "三点五", "两千", "二〇二一"]:
        assert parse_numeral(s) == parse_numeral(s) == float(cn2an.cn2an(s.replace("两", "二"), "normal"))
    for _ in range(2):
        with pytest.raises(ValueError):
            parse_numeral("四十五六")


def _quoted_spans_by_character(text):
    """The outermost quotes, character by character: the reading _quoted_spans must equal."""
    pairs = {"“": "”", "《": "》", "「": "」", "『": "』"}
    spans, stack = [], []
    for i, c in enumerate(text):
        if c == "\n":
            stack = []
        elif c in pairs:
            stack.append((c, i))
        elif stack and c == pairs[stack[-1][0]]:
            _, s = stack.pop()
            if not stack:
                spans.append((s, i + 1))
    return spans


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="“”《》「」『』\n甲", max_size=30))
def test_quoted_spans_skip_line_breaks_between_marks_yet_close_at_them(text):
    from yblint.text.numbers import _quoted_spans

    assert _quoted_spans(text, 0, len(text)) == _quoted_spans_by_character(text)


# --- the fast reading against the reference (issue #14) ---------------------------------------

FIGURE_TEXT = NOISE + "３４５６７８９．％‰aA第期起批项家余多几来左右上下以之开外一起统一十四五百分之“”《》\n"


def _fields(numbers):
    return [tuple(sorted(vars(n).items())) for n in numbers]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=FIGURE_TEXT, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_figures_are_those_of_the_reference_reading(text, a, b):
    """find_numbers tries only the places a figure can start (no lone 一, 百, 千), looks for a
    unit or qualifier only after a character one starts with, and builds each Number in one
    step: the figures, and every field of each, are those the reference reading finds."""
    import numbers_reference

    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _fields(find_numbers(text, start, end)) == _fields(numbers_reference.find_numbers(text, start, end))
    assert _fields(find_numbers(text)) == _fields(numbers_reference.find_numbers(text))


def _decoded(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")  # a fixture saved as Word's plain text on Chinese Windows


def test_figures_of_real_text_are_those_of_the_reference_reading():
    """The same on the seed page and on the fixtures: real figures, words that are no figures."""
    import numbers_reference
    from conftest import FIXTURES

    texts = [_decoded(p.read_bytes()) for p in sorted(FIXTURES.rglob("*.txt"))]
    assert texts
    for text in texts:
        found = find_numbers(text)
        assert _fields(found) == _fields(numbers_reference.find_numbers(text))
    assert len(found) > 0
    lone = "统一一起一百三十二个一批百家千家"
    expected = [n.text for n in numbers_reference.find_numbers(lone)]
    assert [n.text for n in find_numbers(lone)] == expected == ["一百三十二个"]
