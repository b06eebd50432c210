"""yblint.text.figure_names: the amounts a book states and the names it gives each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.figure_names import amounts, named_pair


def _amounts(text: str) -> list[tuple[str, str, float, str]]:
    return [(text[a.start : a.end], text[a.head : a.words_end], a.value, a.unit) for a in amounts(text, 0, len(text))]


def test_amounts_are_specific_ones_with_the_words_before_them():
    text = (
        "全年安排扶持资金8,600万元，支持企业326家，新建道路12条，"
        "完成固定资产投资达到3.2亿元；拨付2亿元，增长12.5%，2019年1234户。"
    )
    assert _amounts(text) == [
        ("8,600万元", "全年安排扶持资金", 86_000_000.0, "元"),
        ("326家", "支持企业", 326.0, "家"),
        ("3.2亿元", "完成固定资产投资", 320_000_000.0, "元"),  # 达到 is no part of the name
    ]


@pytest.mark.parametrize(
    "text",
    [
        "型号A1260套。",  # a code
        "面积12.6万平方米%。",  # not an amount
        "第1260套。",  # an ordinal
        "投资3亿元。",  # one significant digit
        "设立12个站点。",  # a count of two
        "，1,260套。",  # no words before it
    ],
)
def test_no_amount(text):
    assert amounts(text, 0, len(text)) == []


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        (
            "全年安排“小微企业成长扶持资金”",
            "兑现“小微企业成长扶持基金”",
            ("小微企业成长扶持资金", "小微企业成长扶持基金"),
        ),
        (
            "全年拨付老旧小区改造专项资金",
            "全年使用老旧小区综合改造专项资金",
            ("老旧小区改造专项资金", "老旧小区综合改造专项资金"),
        ),
        ("城市有机更新示范项目", "城市更新示范项目", ("城市有机更新示范项目", "城市更新示范项目")),
    ],
)
def test_named_pair(a, b, names):
    got = named_pair(a, b)
    assert got is not None
    (a0, a1), (b0, b1) = got
    assert (a[a0:a1], b[b0:b1]) == names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("城东街道拆除违法建筑", "城西街道拆除违法建筑"),  # places
        ("第一中学投资", "第二中学投资"),  # numerals
        ("中央财政用于“三农”支出", "中央财政用于“三农”的支出"),  # wording, and no noun at the end
        ("财政收入", "一般预算收入"),  # too little alike
        ("发放创业担保贷款", "发放创业贷款"),  # a name of four characters is too short to tell
        ("小微企业成长扶持资金", "小微企业成长扶持资金"),  # the same
    ],
)
def test_no_named_pair(a, b):
    assert named_pair(a, b) is None


WORDS = st.text(alphabet="小微企业成长扶持资金基老旧区改造专项综合的和“”12东西全年拨付", max_size=16)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_named_pair_gives_two_different_names_inside_the_words(a, b):
    got = named_pair(a, b)
    if got is None:
        return
    (a0, a1), (b0, b1) = got
    assert 0 <= a0 < a1 <= len(a) and 0 <= b0 < b1 <= len(b)
    assert a[a0:a1] != b[b0:b1]
    assert a[a1 - 1] == b[b1 - 1]  # both end alike


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789,.万亿元户家套个为达共计年第A资金扶持，。", max_size=40))
def test_amounts_lie_in_the_text(text):
    for a in amounts(text, 0, len(text)):
        assert 0 <= a.head <= a.words_end <= a.start < a.end <= len(text)
        assert a.value > 0
