"""inconsistent-total's table check: a total row (合计, 总计, 全区 …) against the rows it totals."""

from __future__ import annotations

import pytest
from conftest import findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.inconsistent_total.table import rows_of
from yblint.config import Config
from yblint.model import TABLE, Document, Paragraph

HEAD = "| 学段 | 学校数（所） | 在校生（人） | 经费（万元） |\n| --- | ---: | ---: | ---: |\n"
ROWS = "| 小学 | 32 | 28,120 | 1,256.3 |\n| 初中 | 18 | 12,340 | 980.5 |\n| 完全中学 | 4 | 3,560 | 402.1 |\n"


def table_findings(tmp_path, table: str, name: str = "a.md", config: Config | None = None):
    p = tmp_path / name
    p.write_text(f"# 区教育局\n\n全区学校情况见下表。\n\n{table}", encoding="utf-8")
    return findings_of([p], select=["inconsistent-total"], config=config)


def where(fs):
    return [(f.location.range()[:2], f.location.text, f.severity, f.data["column"]) for f in fs]


def test_total_row_last(tmp_path):
    assert table_findings(tmp_path, HEAD + ROWS + "| 合计 | 54 | 44,020 | 2,638.9 |\n") == []
    fs = table_findings(tmp_path, HEAD + ROWS + "| 合计 | 55 | 43,020 | 2,638.9 |\n")
    assert where(fs) == [
        ((10, 8), "55", "warning", "学校数（所）"),  # the rows give less: a selection is possible
        ((10, 13), "43,020", "error", "在校生（人）"),  # the rows give more: certain
    ]
    assert "28,120 + 12,340 + 3,560 = 44,020" in fs[1].message and "43,020" in fs[1].message
    assert fs[1].data["computed"] == 44020 and fs[1].data["stated"] == 43020
    assert [r.range()[0] for r in fs[1].related] == [7, 8, 9]


def test_total_row_first_as_statistical_tables_set_it(tmp_path):
    table = HEAD + "| 全区 | 54 | 44,020 | 2,638.9 |\n" + ROWS
    assert table_findings(tmp_path, table) == []
    fs = table_findings(tmp_path, table.replace("| 全区 | 54 |", "| 全区 | 56 |"))
    assert where(fs) == [((7, 8), "56", "warning", "学校数（所）")]


def test_precision_of_rounded_figures_and_exact_counts(tmp_path):
    # 万元 with one decimal: each of four figures may be off by 0.05, 2,638.8 is within them
    assert table_findings(tmp_path, HEAD + ROWS + "| 合计 | 54 | 44,020 | 2,638.8 |\n") == []
    fs = table_findings(tmp_path, HEAD + ROWS + "| 合计 | 54 | 44,020 | 2,639.9 |\n")
    assert where(fs) == [((10, 22), "2,639.9", "warning", "经费（万元）")]
    # 所 and 人 are counts: one school off is a contradiction
    fs = table_findings(tmp_path, HEAD + ROWS + "| 合计 | 53 | 44,020 | 2,638.9 |\n")
    assert where(fs) == [((10, 8), "53", "error", "学校数（所）")]


def test_a_header_that_names_a_count_is_exact(tmp_path):
    """项目数, 企业数 without a unit in brackets are counts: one off is a contradiction; 指数, 均数
    may be rounded (and do not add up besides)."""
    head = "| 单位 | 项目数 | 投资额 |\n| --- | ---: | ---: |\n| 区城投集团 | 12 | 5 |\n| 区住建局 | 8 | 3 |\n"
    assert table_findings(tmp_path, head + "| 合计 | 20 | 8 |\n") == []
    fs = table_findings(tmp_path, head + "| 合计 | 21 | 8 |\n")
    assert where(fs) == [((9, 8), "21", "warning", "项目数")]
    # 投资额 has no unit: whole figures there may be rounded, 9 against 8 is within
    assert table_findings(tmp_path, head + "| 合计 | 20 | 9 |\n") == []


@pytest.mark.parametrize(
    "table",
    [
        # shares, growth and averages do not add up
        "| 学段 | 占比（%） | 增长（%） | 平均班额（人） |\n| --- | --- | --- | --- |\n"
        "| 小学 | 60 | 5 | 40 |\n| 初中 | 30 | 6 | 42 |\n| 高中 | 20 | 7 | 45 |\n| 合计 | 100 | 6 | 42 |\n",
        # rates per head, densities, scores
        "| 街道 | 每千人床位数（张） | 人口密度（人/平方公里） | 得分 |\n| --- | --- | --- | --- |\n"
        "| 全区 | 6.2 | 8,120 | 95 |\n| 甲街道 | 5.1 | 9,000 | 96 |\n| 乙街道 | 7.3 | 7,800 | 94 |\n",
        # sub-items and subtotals: which rows the total covers is not plain
        HEAD + ROWS + "| 其中：民办 | 3 | 2,100 | 150.0 |\n| 合计 | 54 | 46,120 | 2,788.9 |\n",
        HEAD + "| 小学 | 32 | 28,120 | 1,256.3 |\n| 小计 | 32 | 28,120 | 1,256.3 |\n| 初中 | 18 | 12,340 | 980.5 |\n"
        "| 合计 | 60 | 44,020 | 2,638.9 |\n",
        # a cell that is no plain figure: the column is not read
        "| 项目 | 负责单位 | 投资（亿元） |\n| --- | --- | --- |\n| 甲 | 区城投 | 1.2 |\n| 乙 | 区交投 | 约2.3 |\n"
        "| 丙 | 区城建 | 0.5 |\n| 合计 | 3家 | 4.5 |\n",
        # no total row, or a total in the middle
        HEAD + ROWS,
        HEAD + "| 小学 | 32 | 28,120 | 1,256.3 |\n| 合计 | 60 | 1 | 1 |\n" + ROWS,
    ],
)
def test_silent(tmp_path, table):
    assert table_findings(tmp_path, table) == []


def test_empty_cells_and_dashes_count_as_nothing(tmp_path):
    table = HEAD + "| 小学 | 32 | 28,120 | — |\n| 初中 | 18 | 12,340 | 980.5 |\n| 特教 | 1 |  | 402.1 |\n"
    assert table_findings(tmp_path, table + "| 合计 | 51 | 40,460 | 1,382.6 |\n") == []
    assert len(table_findings(tmp_path, table + "| 合计 | 51 | 40,460 | 1,482.6 |\n")) == 1


def test_rows_numbered_in_a_first_column(tmp_path):
    table = (
        "| 序号 | 街道 | 常住人口（万人） |\n| --- | --- | ---: |\n| 1 | 甲街道 | 20.1 |\n| 2 | 乙街道 | 18.2 |\n"
        "| 3 | 丙街道 | 20.0 |\n|  | 合计 | {} |\n"
    )
    assert table_findings(tmp_path, table.format("58.3")) == []
    fs = table_findings(tmp_path, table.format("60.3"))
    assert where(fs) == [((10, 11), "60.3", "warning", "常住人口（万人）")]  # not the 序号 column


def test_emphasised_cells_point_at_the_figure(tmp_path):
    fs = table_findings(tmp_path, HEAD + ROWS + "| **合计** | **55** | 44,020 | 2,638.9 |\n")
    assert where(fs) == [((10, 14), "55", "warning", "学校数（所）")]


def test_the_check_can_be_left_out(tmp_path):
    table = HEAD + ROWS + "| 合计 | 55 | 43,020 | 2,638.9 |\n"
    only = Config(rules={"inconsistent-total": {"checks": ["breakdown", "count", "rate", "growth", "shares"]}})
    assert table_findings(tmp_path, table, config=only) == []


def test_english_message(tmp_path):
    fs = table_findings(tmp_path, HEAD + ROWS + "| 合计 | 54 | 43,020 | 2,638.9 |\n", config=Config(lang="en"))
    assert fs[0].message.startswith("In the column “在校生（人）” the rows add up to more than the total")


_PIECES = ["|", "\t", "\n", " ", "合计", "全区", "12", "1,234", "3.5", "—", "其中", "---", ":---:", "（人）"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_rows_of_never_fails_and_cells_stay_inside(pieces):
    text = "".join(pieces)
    doc = Document(path="a.md", text=text, encoding="utf-8", format="markdown")
    para = Paragraph(doc, TABLE, 0, len(text), 0)
    for row in rows_of(text, para):
        for c in row:
            assert 0 <= c.start <= c.end <= len(text)
            assert c.text in text[c.start : c.end] or c.text == ""


# --- a total column -------------------------------------------------------------------------------

SEXES = (
    "| 街道 | 男（人） | 女（人） | 合计（人） |\n| --- | ---: | ---: | ---: |\n"
    "| 米市巷 | 2,310 | 2,450 | 4,760 |\n| 湖墅 | 3,120 | 3,060 | 6,180 |\n| 小河 | 1,980 | 2,010 | 3,990 |\n"
)


def test_total_column_last(tmp_path):
    assert table_findings(tmp_path, SEXES) == []
    fs = table_findings(tmp_path, SEXES.replace("| 3,060 | 6,180 |", "| 3,060 | 6,280 |"))
    assert [(f.location.range()[:2], f.location.text, f.severity, f.data["row"]) for f in fs] == [
        ((8, 24), "6,280", "warning", "湖墅")
    ]
    assert fs[0].message.startswith("表格“湖墅”行各列之和小于“合计（人）”：3,120 + 3,060 = 6,180")
    fs = table_findings(tmp_path, SEXES.replace("| 3,060 | 6,180 |", "| 3,060 | 6,080 |"))
    assert [f.severity for f in fs] == ["error"] and "超过" in fs[0].message


def test_total_column_first_and_a_total_row_both_checked(tmp_path):
    table = (
        "| 季度 | 合计（万元） | 一季度 | 二季度 | 三季度 | 四季度 |\n| --- | --- | --- | --- | --- | --- |\n"
        "| 税收 | 1,200.5 | 300.1 | 300.2 | 300.1 | 300.1 |\n| 非税 | 410.0 | 100.0 | 110.0 | 100.0 | 100.0 |\n"
        "| 合计 | 1,610.5 | 400.1 | 410.2 | 400.1 | 400.1 |\n"
    )
    assert table_findings(tmp_path, table) == []
    # one wrong cell of the total column: its row is reported, and the total row's 合计, short of the
    # column only by that cell, is not reported again
    fs = table_findings(tmp_path, table.replace("| 非税 | 410.0 |", "| 非税 | 420.0 |"))
    assert sorted((f.data.get("row", "-"), f.data["column"]) for f in fs) == [("非税", "合计（万元）")]
    # the total row off by more than that cell: both
    wrong = table.replace("| 非税 | 410.0 |", "| 非税 | 420.0 |").replace("| 合计 | 1,610.5 |", "| 合计 | 1,640.5 |")
    fs = table_findings(tmp_path, wrong, "b.md")
    assert sorted((f.data.get("row", "-"), f.data["column"]) for f in fs) == [
        ("-", "合计（万元）"),
        ("非税", "合计（万元）"),
    ]


@pytest.mark.parametrize(
    "table",
    [
        # columns of other units do not add up
        "| 单位 | 企业数（家） | 产值（亿元） | 合计 |\n|---|---|---|---|\n"
        "| 甲 | 12 | 3.5 | 16 |\n| 乙 | 13 | 4.5 | 18 |\n",
        # one column a part of another: no partition
        "| 街道 | 合计 | 其中：女 | 男 |\n|---|---|---|---|\n| 甲 | 100 | 45 | 50 |\n| 乙 | 120 | 60 | 61 |\n",
        # a total between the columns it would total
        "| 街道 | 男 | 合计 | 女 |\n|---|---|---|---|\n| 甲 | 55 | 100 | 40 |\n| 乙 | 60 | 120 | 61 |\n",
        # rates and shares are left out of the sum
        "| 街道 | 男 | 女 | 合计 | 女性占比 |\n|---|---|---|---|---|\n"
        "| 甲 | 55 | 45 | 100 | 45% |\n| 乙 | 60 | 60 | 120 | 50% |\n",
    ],
)
def test_total_column_silent(tmp_path, table):
    assert table_findings(tmp_path, table) == []


ECONOMY = (
    "| 指标 | 单位 | 2023年 | 2022年 | 增长（%） |\n| --- | --- | ---: | ---: | ---: |\n"
    "| 地区生产总值 | 亿元 | 1256.8 | 1180.2 | 6.5 |\n"
    "| 第一产业 | 亿元 | 12.4 | 12.1 | 2.5 |\n"
    "| 第二产业 | 亿元 | 402.6 | 385.3 | 4.5 |\n"
    "| 其中：工业 | 亿元 | 356.2 | 341.0 | 4.5 |\n"
    "| 第三产业 | 亿元 | 841.8 | 782.8 | 7.5 |\n"
    "| 进出口总额 | 亿元 | 86.5 | 80.1 | 8.0 |\n"
    "| 出口 | 亿元 | 52.3 | 49.0 | 6.7 |\n"
    "| 进口 | 亿元 | 34.2 | 31.1 | 10.0 |\n"
    "| 全体居民人均可支配收入 | 元 | 68,420 | 65,100 | 5.1 |\n"
    "| 城镇居民人均可支配收入 | 元 | 75,260 | 71,580 | 5.1 |\n"
    "| 农村居民人均可支配收入 | 元 | 45,870 | 43,520 | 5.4 |\n"
)


def test_rows_that_divide_the_row_before_them(tmp_path):
    """三次产业 under 地区生产总值, 出口 and 进口 under 进出口总额: every part named, so the parts are
    the whole; a sub-item (其中：工业) is passed over, averages (人均) and growth are no sum."""
    assert table_findings(tmp_path, ECONOMY) == []
    fs = table_findings(tmp_path, ECONOMY.replace("| 1256.8 |", "| 1265.8 |").replace("| 34.2 |", "| 43.2 |"))
    assert where(fs) == [((7, 17), "1265.8", "error", "2023年"), ((12, 16), "86.5", "error", "2023年")]
    assert fs[0].data["partition"] == "三次产业" and fs[0].data["row"] == "地区生产总值"
    assert "12.4 + 402.6 + 841.8 = 1256.8" in fs[0].message and "1265.8" in fs[0].message
    assert fs[1].data["computed"] == 95.5  # 52.3 + 43.2: more than the whole


@pytest.mark.parametrize(
    ("edit", "rows"),
    [
        (("| 第三产业 | 亿元 | 841.8 | 782.8 | 7.5 |\n", ""), []),  # two industries of three: not the whole
        # electricity goes to households too: the three industries are not the whole of it
        (("| 地区生产总值 |", "| 全社会用电量 |"), []),
        (("| 地区生产总值 |", "| 第三季度地区生产总值 |"), ["第三季度地区生产总值"]),
    ],
)
def test_rows_that_divide_only_what_they_name(tmp_path, edit, rows):
    fs = table_findings(tmp_path, ECONOMY.replace(*edit).replace("| 1256.8 |", "| 1265.8 |"))
    assert [f.data["row"] for f in fs] == rows


def test_rows_of_a_partition_under_the_row_they_share_a_name_with(tmp_path):
    table = (
        "| 项目 | 2023年 |\n| --- | ---: |\n| 常住人口（万人） | 53.2 |\n| 城镇人口（万人） | 41.6 |\n"
        "| 农村人口（万人） | 11.6 |\n| 学校（所） | 58 |\n| 公办学校（所） | 46 |\n| 民办学校（所） | 12 |\n"
    )
    assert table_findings(tmp_path, table) == []
    fs = table_findings(tmp_path, table.replace("| 12 |", "| 14 |").replace("| 11.6 |", "| 10.6 |"))
    assert [(f.data["row"], f.data["partition"], f.location.text) for f in fs] == [
        ("常住人口（万人）", "城乡", "53.2"),
        ("学校（所）", "公办民办", "58"),
    ]


def test_a_column_of_the_year_s_plan_is_summed_a_column_of_years_is_not(tmp_path):
    head = "| 板块 | 年度计划投资（亿元） | 完成投资（亿元） |\n| --- | ---: | ---: |\n"
    rows = "| 交通路网 | 32.5 | 34.2 |\n| 城市更新 | 15.4 | 16.1 |\n| 公共服务配套 | 20.1 | 20.7 |\n"
    fs = table_findings(tmp_path, head + rows + "| 合计 | 68.6 | 71.0 |\n")
    assert where(fs) == [((10, 8), "68.6", "warning", "年度计划投资（亿元）")]  # 32.5 + 15.4 + 20.1 = 68.0
    years = "| 项目 | 年度 | 投资（亿元） |\n| --- | ---: | ---: |\n| 甲 | 2021 | 3.5 |\n| 乙 | 2022 | 4.1 |\n"
    assert table_findings(tmp_path, years + "| 丙 | 2023 | 2.0 |\n| 合计 | 6066 | 9.6 |\n") == []


SHARES = (
    "| 乡镇 | 户数（户） | 户籍人口（人） | 占全县比重（%） |\n| --- | ---: | ---: | ---: |\n"
    "| 城关镇 | 34215 | 98386 | 38.9 |\n| 石桥镇 | 21306 | 62718 | 24.8 |\n"
    "| 河口镇 | 17736 | 51287 | 20.3 |\n| 柳河乡 | 11482 | 40441 | 16.0 |\n"
    "| 合计 | 84739 | 252832 | 100.0 |\n"
)


def test_share_column_against_the_column_it_is_a_share_of(tmp_path):
    assert table_findings(tmp_path, SHARES) == []
    fs = table_findings(tmp_path, SHARES.replace("| 51287 | 20.3 |", "| 51287 | 21.3 |"))
    assert where(fs) == [((9, 25), "21.3", "error", "占全县比重（%）")]
    f = fs[0]
    assert f.data["row"] == "河口镇" and f.data["base"] == "户籍人口（人）"
    assert "51287 ÷ 252832 = 20.3%" in f.message and "河口镇" in f.message
    assert [r.range()[0] for r in f.related] == [9, 11]


def test_share_column_of_another_whole_is_left_alone(tmp_path):
    # shares of the city (占全市比重), not of the table's total: no column gives them
    table = SHARES.replace("占全县比重", "占全市比重").replace("| 38.9 |", "| 8.1 |").replace("| 24.8 |", "| 5.2 |")
    table = table.replace("| 20.3 |", "| 4.2 |").replace("| 16.0 |", "| 3.3 |").replace("| 100.0 |", "| 20.8 |")
    assert table_findings(tmp_path, table) == []


CHANGES = (
    "| 项目 | 2020年 | 2021年 | 增减额 | 增长（%） |\n| --- | ---: | ---: | ---: | ---: |\n"
    "| 教育 | 78935 | 84217 | 5282 | 6.7 |\n| 节能环保 | 9652 | 8936 | -716 | -7.4 |\n"
    "| 科学技术 | 6218 | 7136 | 918 | 14.8 |\n"
)


def test_change_columns_against_the_two_years(tmp_path):
    assert table_findings(tmp_path, CHANGES) == []
    fs = table_findings(tmp_path, CHANGES.replace("| 5282 | 6.7 |", "| 5382 | 6.7 |"))
    assert [(f.location.text, f.data["row"], f.data["column"]) for f in fs] == [("5382", "教育", "增减额")]
    assert "84217 − 78935 = 5282" in fs[0].message
    fs = table_findings(tmp_path, CHANGES.replace("| -716 | -7.4 |", "| -716 | -8.4 |"))
    assert [(f.location.text, f.data["row"], f.data["column"]) for f in fs] == [("-8.4", "节能环保", "增长（%）")]
    assert "-716 ÷ 9652 = -7.4%" in fs[0].message


def test_a_rate_column_without_a_change_column_is_left_alone(tmp_path):
    # a growth at comparable prices is no difference of the two nominal columns
    table = "| 指标 | 2020年 | 2021年 | 增长（%） |\n| --- | ---: | ---: | ---: |\n"
    table += "| 地区生产总值 | 1012.5 | 1106.8 | 8.5 |\n"
    table += "| 第一产业 | 52.3 | 55.1 | 2.6 |\n| 第二产业 | 402.6 | 441.2 | 9.1 |\n"
    assert table_findings(tmp_path, table) == []


def test_a_change_column_in_percent_is_a_rate(tmp_path):
    # 增减（%） is the rate of change, not its amount: with no column of amounts it is left alone
    table = "| 指标 | 2024年 | 2025年 | 增减（%） |\n| --- | ---: | ---: | ---: |\n"
    table += "| 存款余额 | 2051.2 | 2186.5 | 6.6 |\n| 贷款余额 | 2300.4 | 2413.9 | 4.9 |\n"
    table += "| 保费收入 | 30.1 | 27.0 | -10.3 |\n"
    assert table_findings(tmp_path, table) == []
