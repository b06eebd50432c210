"""Faults a blind reading of realistic drafts found missed, each as a kind: placeholders and page
numbers left in the text (layout-marker), an en dash or hyphen between dates (number-range), 本会 and
its kin (first-person), a date half in Chinese numerals (number-format), unit symbols in running
text (nonstandard-unit), 按排 (common-typo), and a standard's number taken for an acronym
(unglossed-abbreviation). Each with the text that must stay silent."""

from __future__ import annotations

import pytest
from conftest import findings_of, where

from yblint.text.marks import is_page_number


def lint(tmp_path, body: str, rule: str, name: str = "a.txt"):
    p = tmp_path / name
    p.write_text("示例单位\n\n" + body + "\n", encoding="utf-8")
    return findings_of([p], [rule])


# --- layout-marker: placeholders ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "marker"),
    [
        ("全年诉前调解成功XX件。", 9, "XX"),
        ("涉及金额XX万元。", 5, "XX"),
        ("为××人发放补助。", 2, "××"),
        ("帮扶x人。", 3, "x"),
        ("增长XX.X%。", 3, "XX.X"),
        ("于20XX年建成。", 2, "20XX"),
        ("全年完成投资【待补】。", 7, "【待补】"),
        ("全年完成投资【待核】。", 7, "【待核】"),
        ("全年完成投资（待补充）。", 7, "（待补充）"),
        ("新增就业1200人（数据待核实）。", 10, "（数据待核实）"),
        ("全年完成投资3.2亿元。TODO", 13, "TODO"),
        ("第X届理事会召开。", 2, "X"),
    ],
)
def test_placeholder_is_flagged(tmp_path, body, column, marker):
    [f] = lint(tmp_path, body, "layout-marker")
    assert where([f]) == [("layout-marker", 3, column)]
    assert f.data["kind"] == "placeholder" and f.data["marker"] == marker
    assert marker in f.message


@pytest.mark.parametrize(
    "body",
    [
        "配备X射线安检机3台，X光机2台。",
        "建成3×4米展板，引进2×2矩阵屏，完成4×100米接力。",
        "采购XX型设备，引进X5系列车辆，MAXX件套。",
        "举办Generation X年轻人论坛。",
        "（其中待查处12件），待遇提高，有待补充完善。",
        "乘法3×4=12。",
    ],
)
def test_no_placeholder_false_alarm(tmp_path, body):
    assert lint(tmp_path, body, "layout-marker") == []


def test_placeholder_in_code_is_not_looked_at(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 示例单位\n\n```\nTODO XX件\n```\n\n完成`XX件`。\n", encoding="utf-8")
    assert findings_of([p], ["layout-marker"]) == []


def test_todo_is_no_acronym(tmp_path):
    assert lint(tmp_path, "全年完成投资3.2亿元。TODO", "unglossed-abbreviation") == []


# --- layout-marker: page numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["— 186 —", "-186-", "－186－", "第186页", "第 18 页 共 300 页", "  —186—  ", "· 156 ·", "•156•"]
)
def test_page_number_line_is_flagged(tmp_path, line):
    [f] = lint(tmp_path, "全区共接警出动1504次。\n\n" + line + "\n\n共发生火灾112起。", "layout-marker")
    assert where([f]) == [("layout-marker", 5, len(line) - len(line.lstrip()) + 1)]
    assert f.data == {"kind": "page_number", "marker": line.strip()}


def test_page_number_inside_a_paragraph(tmp_path):
    [f] = lint(tmp_path, "全区共接警出动1504次，\n— 186 —\n共发生火灾112起。", "layout-marker")
    assert where([f]) == [("layout-marker", 4, 1)]


@pytest.mark.parametrize("body", ["详见第186页。", "1-2", "2021-2022", "— 第二部分 —", "186", "-- 186"])
def test_no_page_number_false_alarm(tmp_path, body):
    assert lint(tmp_path, "正文。\n\n" + body, "layout-marker") == []


def test_a_page_number_is_no_unit_heading(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("区妇联\n\n全年开展活动12场。\n\n第186页\n\n培训家长1200人次。\n", encoding="utf-8")
    [f] = findings_of([p], ["layout-marker"])
    assert f.location.unit.name == "区妇联"
    assert is_page_number("第186页") and is_page_number("— 186 —") and not is_page_number("第一页")


# --- number-range: dates joined by an en dash or a hyphen -----------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "fixed"),
    [
        ("活动于6月1日–9月30日举行。", 4, "6月1日—9月30日"),
        ("规划期为2023–2025年。", 5, "2023—2025"),
        ("2021年10月-2022年3月开展专项整治。", 1, "2021年10月—2022年3月"),
        ("2023年－2025年实施。", 1, "2023年—2025年"),
        ("3月–5月开展。", 1, "3月—5月"),
    ],
)
def test_dates_take_the_one_em_dash(tmp_path, body, column, fixed):
    [f] = lint(tmp_path, body, "number-range")
    assert where([f]) == [("number-range", 3, column)]
    assert f.fix.safe and f.fix.edits[0].replacement == fixed


@pytest.mark.parametrize(
    ("body", "column", "fixed"),
    [("单个项目补助3万–5万元。", 7, "3万～5"), ("增长10%–15%。", 3, "10%～15"), ("补助3万-5万元。", 3, "3万～5")],
)
def test_quantities_joined_by_an_en_dash_take_the_wave(tmp_path, body, column, fixed):
    [f] = lint(tmp_path, body, "number-range")
    assert where([f]) == [("number-range", 3, column)]
    assert f.fix.safe and f.fix.edits[0].replacement == fixed


@pytest.mark.parametrize(
    "body",
    [
        "执行《环境空气质量标准》（GB 3095-2012）和HJ 2025-2018年版。",
        "咨询电话0571-85061234，编号GS0905-A33-08，日期2021-12-31。",
        "The plan runs 2023-2025 in English, from May 1-30.",
        "6月1日—9月30日；2023—2025年；1—9月。",
    ],
)
def test_no_date_range_false_alarm(tmp_path, body):
    assert lint(tmp_path, body, "number-range") == []


# --- first-person: 本会, 本局 … -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "word"),
    [
        ("本会全年为1136名困难职工发放慰问金。", 1, "本会"),
        ("区总工会为本会会员办理互助保障。", 6, "本会"),
        ("2021年，本局共受理行政许可事项2130件。", 7, "本局"),
        ("本委员会审议通过3项决定。", 1, "本委"),
        ("本院全年受理案件1.2万件。", 1, "本院"),
        ("本中心接待来访群众860人次。", 1, "本中心"),
        ("本馆全年接待读者12万人次。", 1, "本馆"),
        ("2021年，本单位完成投资3亿元。", 7, "本单位"),
        ("本区共有社区卫生服务中心12家。", 1, "本区"),
        ("全年，本市新增就业1.2万人。", 4, "本市"),
    ],
)
def test_first_person_ben(tmp_path, body, column, word):
    [f] = lint(tmp_path, body, "first-person")
    assert where([f]) == [("first-person", 3, column)]
    assert f.location.text == word


@pytest.mark.parametrize(
    "body",
    [
        "本会议由区总工会主办，本会期内审议3项报告，本会计年度结余12万元。",
        "本次会议、本届理事会、本年度工作要点。",
        "要求各单位结合本单位实际，从本单位利益出发，为本单位谋取利益。",
        "把本部门、本单位的计划定低了；推进本地区本单位的精神文明建设。",
        "降低成本会计风险，完善资本市场、基本单位名录和样本单位，日本院线上映。",
        "负责本省的粮食供应，各区结合本区实际，本区域内禁止焚烧，本县域经济，日本市场。",
        "成本中心、标本馆、善本馆、绘本馆和固本培元。",
        "出台《本市促进就业若干规定》，他说：“本会将继续努力。”",
        "根本局面没有改变。",
    ],
)
def test_no_first_person_ben_false_alarm(tmp_path, body):
    assert lint(tmp_path, body, "first-person") == []


# --- number-format: a date half in Chinese numerals ----------------------------------------------

ARABIC_YEARS = "2016年立项，2017年规划，2018年开工，2019年建成，2020年验收。"


@pytest.mark.parametrize(
    ("body", "column", "fixed", "safe"),
    [
        ("二〇二三年3月，区总工会召开大会。", 1, "2023年3月", True),
        ("二○二三年3月5日，区妇联召开执委会议。", 1, "2023年3月5日", True),
        ("会议于二〇二三年十二月5日召开。", 4, "2023年12月5日", True),
        (ARABIC_YEARS + "二〇二三年三月五日，区档案馆举办开放日。", 41, "2023年3月5日", False),
    ],
)
def test_date_in_two_kinds_of_numeral(tmp_path, body, column, fixed, safe):
    [f] = lint(tmp_path, body, "number-format")
    assert where([f]) == [("number-format", 3, column)]
    assert f.fix.edits[0].replacement == fixed and f.fix.safe is safe


@pytest.mark.parametrize(
    "body",
    [
        # a date all in Chinese numerals where the text writes its years so too
        "二〇二三年三月五日，区档案馆举办开放日。一九九八年建馆。",
        # a year alone (a formula), a quoted title, a date line, a speech's subtitle
        ARABIC_YEARS + "编制二〇三五年远景目标，转发《关于二〇二三年三月工作安排的通知》。",
        ARABIC_YEARS + "\n\n二〇二三年三月五日",
        ARABIC_YEARS + "\n\n——二〇二三年三月五日在区人民代表大会上",
    ],
)
def test_no_chinese_date_false_alarm(tmp_path, body):
    assert lint(tmp_path, body, "number-format") == []


def test_chinese_date_in_a_heading_is_left_alone(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 二〇二三年三月大事记\n\n" + ARABIC_YEARS + "\n", encoding="utf-8")
    assert findings_of([p], ["number-format"]) == []


# --- nonstandard-unit: unit symbols in running text ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "fixed"),
    [
        ("新建厂房16.4万m2。", 10, "平方米"),
        ("治理面积12.63km²。", 10, "平方千米"),
        ("改造绿地300m²。", 8, "平方米"),
        ("新建绿道5km。", 6, "千米"),
        ("步道长100 m。", 8, "米"),
        ("蓄水5000m3，直径50mm，重20kg，种植3hm²。", 7, "立方米"),
    ],
)
def test_unit_symbol_in_running_text(tmp_path, body, column, fixed):
    found = lint(tmp_path, body, "nonstandard-unit")
    assert where(found[:1]) == [("nonstandard-unit", 3, column)]
    f = found[0]
    assert f.fix.safe and f.fix.edits[0].replacement == fixed
    assert f.message.startswith("中文正文中用了单位符号")


@pytest.mark.parametrize(
    "body",
    [
        "PM2.5浓度下降9.1%，铺设DN300mm管道，型号A5m。",
        "风机风量2000m3/h，限速60km/h，5mm2电缆。",
        "He ran 5 km in 30 min.",
        "新建厂房16.4万平方米，绿道5千米。",
    ],
)
def test_no_unit_symbol_false_alarm(tmp_path, body):
    assert lint(tmp_path, body, "nonstandard-unit") == []


def test_unit_symbol_in_a_table_is_left_alone(tmp_path):
    assert lint(tmp_path, "项目\t面积（m²）\t长度（km）\n道路\t300\t5", "nonstandard-unit") == []


# --- common-typo: 按排 ---------------------------------------------------------------------------


def test_an_pai(tmp_path):
    found = lint(tmp_path, "按排专项资金120万元，统筹按排好各项工作。", "common-typo")
    assert where(found) == [("common-typo", 3, 1), ("common-typo", 3, 15)]
    assert {f.fix.edits[0].replacement for f in found} == {"安排"}


def test_an_pai_words_are_no_typo(tmp_path):
    body = (
        "按排名先后录取，按排序号办理，按排放量核定，按排列顺序公示，"
        "按排查结果整改，按排量征税，按排水量计费，按排班表值守。"
    )
    assert lint(tmp_path, body, "common-typo") == []


# --- unglossed-abbreviation: a standard's number -------------------------------------------------


def test_standard_numbers_are_no_acronyms(tmp_path):
    body = (
        "执行《环境空气质量标准》（GB 3095-2012），参照HJ 2.2-2018、JGJ 79-2012、GB/Z 1-2020、"
        "ISO 9001:2015、DB33/T 1020-2015、JTG H10-2009，通过ISO 9001认证，符合GB 3095要求。在车站设置AED25台。"
    )
    found = lint(tmp_path, body, "unglossed-abbreviation")
    assert [f.data["abbreviation"] for f in found] == ["AED"]


def test_a_page_number_is_no_half_of_a_split_paragraph(tmp_path):
    """The text cut by the page break is not joined to the page number (a fix would bury it in the
    sentence): layout-marker reports the page number, truncated-sentence the half sentence."""
    body = "全区共接警出动1504次，共发生火灾112起，\n\n第186页\n\n无人员伤亡。"
    p = tmp_path / "a.txt"
    p.write_text("区消防大队\n\n" + body + "\n", encoding="utf-8")
    found = findings_of([p], ["split-paragraph", "truncated-sentence", "layout-marker"])
    assert where(found) == [("truncated-sentence", 3, 23), ("layout-marker", 5, 1)]


@pytest.mark.parametrize("body", ["补贴金额按人数×天数×标准计算。", "办理时（需提供材料）。"])
def test_no_placeholder_false_alarm_in_formulae_and_guides(tmp_path, body):
    assert lint(tmp_path, body, "layout-marker") == []
