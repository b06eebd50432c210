"""The editorial rules of issue #13 (yearbook pack): political-formula, number-format,
nonstandard-unit (万方, 亿度, 瓩), unglossed-abbreviation, invisible-char, traditional-char,
common-typo (账, 签订, 那么, 一副, 像, doubled characters) and set-phrase — each on the seed
page's lines, on short positive cases with their fixes, and on the traps that must stay silent."""

from pathlib import Path

import pytest
from conftest import SEED, findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.config import Config, load_config
from yblint.errors import ConfigError
from yblint.registry import Registry
from yblint.text.formulae import FORMULAE, text_year


def _one(tmp_path: Path, text: str, rule: str, config: Config | None = None, name: str = "a.md"):
    p = tmp_path / name
    p.write_text("# 单位\n\n" + text + "\n", encoding="utf-8")
    return findings_of([p], [rule], config)


@pytest.fixture(scope="module")
def seed():
    return findings_of([SEED], ["yearbook"])


def _at(findings, rule):
    return [(*f.location.range()[:2], f.location.text) for f in findings if f.rule == rule]


# --- the seed page ------------------------------------------------------------------------------


def test_seed_political_formula(seed):
    assert _at(seed, "political-formula") == [
        (81, 14, "高举新时代中国特色社会主义思想伟大旗帜"),
        (81, 38, "十九届六中全会"),
        (191, 69, "十四五"),
    ]
    f = next(f for f in seed if f.rule == "political-formula")
    assert f.severity == "error" and "中国特色社会主义伟大旗帜" in f.message


def test_seed_unglossed_abbreviation(seed):
    found = _at(seed, "unglossed-abbreviation")
    assert found == [(53, 121, "AED"), (117, 53, "APP"), (191, 149, "TOD"), (201, 149, "VOCs")]
    assert all(line != 65 for line, _, _ in found)  # 区块链服务网络（BSN） is glossed


def test_seed_number_format(seed):
    assert _at(seed, "number-format") == [
        (3, 56, "十万"),
        (97, 51, "18.5亿"),
        (139, 25, "共计约"),
        (149, 51, "百亿"),
        (157, 205, "4千"),
        (171, 25, "共计约"),
        (193, 144, "达近"),
    ]


def test_seed_wanfang(seed):
    lines = [line for line, _, text in _at(seed, "nonstandard-unit") if text == "万方"]
    assert lines == [87, 87, 87, 87, 105, 105, 139, 171]
    f = next(f for f in seed if f.rule == "nonstandard-unit" and f.location.text == "万方")
    assert f.fix is None and "万平方米" in f.message and "万立方米" in f.message


def test_seed_set_phrase(seed):
    texts = [text for _, _, text in _at(seed, "set-phrase")]
    assert "在区委区政府的正确领导下" in texts and "跑出加速度" in texts and "捷报频传" in texts
    assert all(f.severity == "info" for f in seed if f.rule == "set-phrase")


def test_seed_silent_rules(seed):
    assert not [f for f in seed if f.rule in ("invisible-char", "traditional-char")]


# --- political-formula --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "fixed"),
    [
        ("深入学习新时代中国特色社会主义思想。", "新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
        ("认真学习十九届六中全会精神。", "十九届六中全会", "党的十九届六中全会"),
        ("增强四个意识。", "四个意识", "“四个意识”"),
        ("坚定四个自信。", "四个自信", "“四个自信”"),
        ("深刻领悟两个确立的决定性意义。", "两个确立", "“两个确立”"),
        (
            "迎接中国共产党第二十届全国代表大会召开。",
            "中国共产党第二十届全国代表大会",
            "中国共产党第二十次全国代表大会",
        ),
        ("为全面建设小康社会作出贡献。", "全面建设小康社会", "全面建成小康社会"),
        ("编制十四五规划。", "十四五", "“十四五”"),
        # a numbered slogan with another number or word, the guiding thought called a theory
        ("坚定“三个自信”。", "三个自信", "四个自信"),
        ("协调推进“三个全面”战略布局。", "三个全面", "四个全面"),
        ("统筹推进“四位一体”总体布局。", "四位一体", "五位一体"),
        ("深刻领悟“两个确定”的决定性意义。", "两个确定", "两个确立"),
        (
            "坚持以习近平新时代中国特色社会主义理论为指导。",
            "习近平新时代中国特色社会主义理论",
            "习近平新时代中国特色社会主义思想",
        ),
        # the two layouts swapped
        ("统筹推进“四个全面”总体布局。", "四个全面”总体布局", "四个全面”战略布局"),
        ("协调推进“五位一体”战略布局。", "五位一体”战略布局", "五位一体”总体布局"),
        # the second of the 两个确立 establishes the thought's guiding position, not a leading one
        (
            "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的领导地位。",
            "确立习近平新时代中国特色社会主义思想的领导地位",
            "确立习近平新时代中国特色社会主义思想的指导地位",
        ),
    ],
)
def test_political_formula_flags(tmp_path, text, hit, fixed):
    cfg = Config(rules={"political-formula": {"year": 2022}})
    [f] = _one(tmp_path, text, "political-formula", cfg)
    assert f.location.text == hit and f.severity == "error"
    assert f.fix is not None and not f.fix.safe  # offered, never applied by --fix
    assert f.fix.edits[0].replacement == fixed


@pytest.mark.parametrize(
    "text",
    [
        "高举中国特色社会主义伟大旗帜，以习近平新时代中国特色社会主义思想为指导。",
        "全面贯彻党的二十大和二十届二中、三中全会精神；中共十九届六中全会。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”。",
        "“十四五”规划；“十三五”时期。",
        "党的十六大提出全面建设小康社会的目标。",  # history, told as history
        "中国共产党第八届全国代表大会第二次会议。",  # a congress with sessions
        "阅读《新时代中国特色社会主义思想学习纲要》。",
        "党的十八大提出坚定“三个自信”。",  # history, told as history
        "形成“三个全面”覆盖的工作机制；构建“四位一体”服务体系。",  # other slogans of the same words
        "政策有两个确定性；中国特色社会主义理论体系。",
    ],
)
def test_political_formula_silent(tmp_path, text):
    assert _one(tmp_path, text, "political-formula", Config(rules={"political-formula": {"year": 2022}})) == []


def test_political_formula_years(tmp_path):
    text = "为夺取全面建设小康社会新胜利而努力奋斗；高举邓小平理论伟大旗帜。"
    assert _one(tmp_path, text, "political-formula", Config(rules={"political-formula": {"year": 2005}})) == []
    hits = _one(tmp_path, text, "political-formula", Config(rules={"political-formula": {"year": 2014}}))
    assert [f.location.text for f in hits] == ["全面建设小康社会", "高举邓小平理论伟大旗帜"]
    # without a configured year, the year in the file name decides
    assert _one(tmp_path, text, "political-formula", name="yearbook-2003.md") == []
    assert len(_one(tmp_path, text, "political-formula", name="yearbook-2021.md")) == 2


def test_political_formula_counts_by_year(tmp_path):
    """三个自信 was the wording until 2016, 四个自信 from then; 三个全面 until 2014."""
    text = "坚定“三个自信”，协调推进“三个全面”战略布局。"
    for year, hits in ((2014, []), (2016, ["三个全面"]), (2017, ["三个自信", "三个全面"])):
        cfg = Config(rules={"political-formula": {"year": year}})
        assert [f.location.text for f in _one(tmp_path, text, "political-formula", cfg)] == hits, year


def test_political_formula_bad_year(tmp_path):
    with pytest.raises(ConfigError):
        _one(tmp_path, "文字。", "political-formula", Config(rules={"political-formula": {"year": "今年"}}))


def test_text_year():
    assert text_year("a/gongshu-yearbook-2021-page5.txt", "") == 2021
    assert text_year("a/b.txt", "2019年完成，2020年启动，2020年底") == 2020
    assert text_year("a/b.txt", "没有年份") is None
    assert text_year("a/2013.txt", "", configured=2010) == 2010


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789２年a", max_size=30))
def test_years_named_are_those_of_the_plain_pattern(text):
    """text_year's years before 年 are found by a pattern that begins with a character class:
    the same years as (?<!\\d)(19[5-9]\\d|20\\d\\d)年."""
    import re

    from yblint.text.formulae import _YEAR_NIAN

    assert _YEAR_NIAN.findall(text) == re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)年", text)
    assert _YEAR_NIAN.findall("a1999年，12021年，２2021年，2099年") == ["1999", "2099"]


def test_formula_table_is_complete():
    for f in FORMULAE:
        assert f.canonical and f.variants and f.source and f.note_zh and f.note_en
        assert not any(p.search(f.canonical) for p in f.compiled), f.id  # the canonical form is silent


# --- number-format ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "fixed", "safe"),
    [
        ("侧石4千余米。", "4千", "4000", True),
        ("投资3千万元。", "3千万", "3000万", True),
        ("日均新设企业1万6千多户。", "1万6千多", "1.6万多", True),
        ("出境旅游1亿3千多万人次。", "1亿3千多万", "1.3亿多", True),
        ("增长5—6%。", "5—6%", "5%—6%", True),
        ("投资3～5万元。", "3～5万", "3万～5万", True),
        ("新建道路12条，突破十万人次。", "十万", "10万", False),
        ("新建道路12条，基金规模超百亿元。", "百亿", "100亿", False),
        ("投资18亿元，新增二十万人。", "二十万", "20万", False),
        ("出让地块2宗，总额达18.5亿。", "18.5亿", "18.5亿元", False),
        # the zero of a year in Chinese numerals: the digit, the letter, 零, the circle ○
        ("二0二二年，区档案馆完成搬迁。", "二0二二", "二〇二二", True),
        ("二O二O年开馆。", "二O二O", "二〇二〇", True),
        ("二零二一年竣工。", "二零二一", "二〇二一", True),
        ("编制一九八六年到二○○○年的规划。", "二○○○", "二〇〇〇", True),
        # a year in two kinds of numeral, or with the letter O: in Arabic digits
        ("20二二年，区档案馆完成搬迁。", "20二二", "2022", True),
        ("二〇2一年竣工。", "二〇2一", "2021", True),
        ("2O21年建成。", "2O21", "2021", True),
        # a date with its year in Chinese numerals and its month or day in Arabic digits (a zero
        # written otherwise than 〇 too): the whole date in Arabic digits
        ("二O二O年3月开馆。", "二O二O年3月", "2020年3月", True),
        ("二〇二三年3月，区总工会召开大会。", "二〇二三年3月", "2023年3月", True),
        ("二○二三年3月5日召开。", "二○二三年3月5日", "2023年3月5日", True),
        ("二〇二三年十二月5日召开。", "二〇二三年十二月5日", "2023年12月5日", True),
        ("二〇二三年３月召开。", "二〇二三年３月", "2023年3月", True),
        ("于2o19年开工。", "2o19", "2019", True),
        # full-width digits or a full-width decimal point: half-width (GB/T 15835-2011)
        ("改扩建学校15所，实际完成１2所。", "１2", "12", True),
        ("改扩建学校15所，完成12所，新增学位１．０８万个。", "１．０８", "1.08", True),
        ("投资15亿元，增长7．3%。", "7．3", "7.3", True),
        ("２０２１年新建学校15所，改建3所。", "２０２１", "2021", True),
    ],
)
def test_number_format_flags(tmp_path, text, hit, fixed, safe):
    [f] = _one(tmp_path, text, "number-format")
    assert f.location.text == hit
    assert f.fix.edits[0].replacement == fixed and f.fix.safe is safe


@pytest.mark.parametrize(
    "text", ["共计约5万平方米。", "受益群众达近500人次。", "约5000字左右。", "近300余家。", "2.2万多所。"]
)
def test_number_format_stacked(tmp_path, text):
    [f] = _one(tmp_path, text, "number-format")
    assert f.data["case"] == "stacked" and f.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "编制“十四五”规划，贯彻“三个代表”重要思想，共建“一带一路”。",
        "第十四届全国人民代表大会；百分之百完成；千方百计；万众一心。",
        "新建道路12条；他说“十余年来，突破十万难关”。",
        "行驶5千米，重5千克，装机3千瓦。",
        "GS0305-19地块；1—9月；2011—2020年。",
        "新增千亿斤粮食生产能力。",
        "三五万人；十几万元。",
        "约500人；近300家；5%～6%；3万～5万元。",
        "二〇二二年；2022年；一九九八年；公元二〇〇〇年。",
        "二0二二号文件；第三0二年；十0年。",
        # a year in one kind of numeral, a code, a longer number, no year
        "2〇〇〇余年前；型号A2O21年产；12O21年；3O0O年；2O2号。",
        # a text typed all in full-width digits is one form throughout; a quotation stands as cited
        "改扩建学校１５所，完成１２所，新增学位１．０８万个，２０２１年竣工。",
        "建成“第１期”工程，新建学校12所。",
    ],
)
def test_number_format_silent(tmp_path, text):
    assert _one(tmp_path, text, "number-format") == []


def test_number_format_old_style_document_is_left_alone(tmp_path):
    # a text that writes its statistics in Chinese numerals (1950s reports) is consistent
    text = "粮食产量达到三千七百亿斤，棉花产量突破三千万担，钢产量达到五百三十五万吨。"
    assert _one(tmp_path, text, "number-format") == []


# --- nonstandard-unit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "fixed"),
    [
        ("全年发电量12.6亿度。", "亿度", "亿千瓦时"),
        ("节约3万度电。", "万度电", "万千瓦时"),
        ("装机容量500瓩。", "瓩", "千瓦"),
    ],
)
def test_nonstandard_unit_extended(tmp_path, text, hit, fixed):
    [f] = _one(tmp_path, text, "nonstandard-unit")
    assert f.location.text == hit and f.fix.edits[0].replacement == fixed


def test_wanfang_names_both_readings(tmp_path):
    [f] = _one(tmp_path, "竣工安置房8.9万方。", "nonstandard-unit", Config(lang="en"))
    assert f.fix is None and f.data["replacement"] == ["万平方米", "万立方米"]
    assert "“万平方米” or “万立方米”" in f.message


@pytest.mark.parametrize("text", ["万方数据；四面八方；多方协调；温度30度；第二个万方面。", "1万立方米；2万平方米。"])
def test_nonstandard_unit_extended_silent(tmp_path, text):
    assert _one(tmp_path, text, "nonstandard-unit") == []


# --- unglossed-abbreviation ---------------------------------------------------------------------


def test_unglossed_abbreviation_first_use_only(tmp_path):
    found = _one(tmp_path, "设置AED25台。\n\n又设置AED10台。", "unglossed-abbreviation")
    assert [f.location.text for f in found] == ["AED"]


@pytest.mark.parametrize(
    "text",
    [
        "设置自动体外除颤器（AED）25台，后又增设AED10台。",
        "设置AED（自动体外除颤器）25台。",
        "区块链服务网络（BSN）全球合作伙伴大会。",
        "区域全面经济伙伴关系协定\n（RCEP）生效。",
        "GDP增长5%；CPI上涨2%；PM2.5浓度下降；5G基站。",
        "GS0905-A33-08地块；V-TAX远程协议；第II阶段。",
        "简称TOD的开发模式。",
    ],
)
def test_unglossed_abbreviation_silent(tmp_path, text):
    assert _one(tmp_path, text, "unglossed-abbreviation") == []


def test_unglossed_abbreviation_known_list(tmp_path):
    cfg = Config(rules={"unglossed-abbreviation": {"extra_known": ["TOD"]}})
    assert _one(tmp_path, "开展TOD城市设计。", "unglossed-abbreviation", cfg) == []
    assert len(_one(tmp_path, "开展TOD城市设计。", "unglossed-abbreviation")) == 1


def test_unglossed_abbreviation_once_per_book(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("# 甲\n\n开展TOD城市设计。\n", encoding="utf-8")
    b.write_text("# 乙\n\n开展TOD研究。\n", encoding="utf-8")
    found = findings_of([a, b], ["unglossed-abbreviation"])
    assert [f.location.document.path.endswith("a.md") for f in found] == [True]


# --- invisible-char -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "fixed"),
    [
        ("交出一份人\u200b民满意的答卷。", "\u200b", ""),
        ("零宽\u200c\u200d连接符。", "\u200c\u200d", ""),
        ("文中\ufeff的BOM。", "\ufeff", ""),
        ("软连\u00ad字符。", "\u00ad", ""),
        ("使用Windows\u00a010系统。", "\u00a0", " "),
        ("不换行\u00a0空格。", "\u00a0", ""),
        ("行\u2028分隔。", "\u2028", ""),
    ],
)
def test_invisible_char(tmp_path, text, hit, fixed):
    [f] = _one(tmp_path, text, "invisible-char")
    assert f.location.text == hit and f.fix.safe and f.fix.edits[0].replacement == fixed


def test_invisible_char_silent_and_leading_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeff拱墅区年鉴。普通空格 与全角空格\u3000。\n".encode())
    assert findings_of([p], ["invisible-char"]) == []


# --- traditional-char ---------------------------------------------------------------------------


def test_traditional_char_in_simplified_text(tmp_path):
    found = _one(tmp_path, "在大革命的过程里，社会财产沒有遭到損坏，农業生产若幹问题。", "traditional-char")
    got = [(f.location.text, f.fix.edits[0].replacement) for f in found]
    assert got == [("沒", "没"), ("損", "损"), ("業", "业"), ("幹", "干")]
    assert all(f.severity == "warning" and f.fix.safe for f in found)


def test_traditional_char_titles_left_alone(tmp_path):
    assert _one(tmp_path, "出版《臺灣文學史》一书。", "traditional-char") == []


@pytest.mark.parametrize("text", ["著名的乾隆皇帝；干部；于是；后来；皇后；余额。", "拱墅区新建道路12条。"])
def test_traditional_char_silent(tmp_path, text):
    assert _one(tmp_path, text, "traditional-char") == []


def test_wholly_traditional_document_is_one_note(tmp_path):
    text = "各位代表：政府工作報告經過全國人民代表大會討論，決定發揚團結協作的精神，鞏固國家統一。" * 20
    [f] = _one(tmp_path, text, "traditional-char")
    assert f.severity == "info" and f.fix is None and f.data["count"] > 100


# --- common-typo and set-phrase ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hit", "fixed"),
    [
        ("清收呆帐。", "呆帐", "呆账"),
        ("核销坏帐。", "坏帐", "坏账"),
        ("严禁做假帐。", "假帐", "假账"),
        ("一笔糊涂帐。", "糊涂帐", "糊涂账"),
        ("推动签定综合性经济合作协议。", "签定", "签订"),
        ("那末，问题在哪里。", "那末", "那么"),
        ("戴一付眼镜。", "一付", "一副"),
        ("好象没有变化。", "好象", "好像"),
        ("正象雨后春笋一样。", "象", "像"),
        ("机会和和效力。", "和和", "和"),
        ("发展的的成果。", "的的", "的"),
        ("演出精采纷呈。", "精采", "精彩"),
        ("超出想像。", "想像", "想象"),
        ("核实身分信息。", "身分", "身份"),
        ("惟一的办法。", "惟一", "唯一"),
    ],
)
def test_common_typo_extended(tmp_path, text, hit, fixed):
    [f] = _one(tmp_path, text, "common-typo")
    assert f.location.text == hit and f.fix.edits[0].replacement == fixed


@pytest.mark.parametrize(
    "text",
    [
        "谢谢；常常；人人；的的确确；和和美美；目的的实现。",
        "平等互利和和平共处；为了了解情况；不了了之；现在在做。",
        "现象；形象；印象；对象；景象；大象；气象；一付了之。",
        "帐篷；蚊帐；签定向协议。",
        "理想像一盏灯；思想像旗帜；参预算编制。",
    ],
)
def test_common_typo_extended_silent(tmp_path, text):
    assert _one(tmp_path, text, "common-typo") == []


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("在区委区政府的正确领导下，完成任务。", "在区委区政府的正确领导下"),
        ("在市残联的大力支持下，建成家园。", "在市残联的大力支持下"),
        ("在市委的领导下，完成任务。", "在市委的领导下"),
        ("在各级领导的关心和支持下，建成家园。", "在各级领导的关心和支持下"),
        ("领导高度重视。", "高度重视"),
        ("工作取得了显著成效。", "取得了显著成效"),
        ("活动圆满结束。", "圆满结束"),
        ("演出完美呈现。", "完美呈现"),
        ("项目建设跑出加速度。", "跑出加速度"),
        ("土地出让捷报频传。", "捷报频传"),
    ],
)
def test_set_phrase(tmp_path, text, hit):
    [f] = _one(tmp_path, text, "set-phrase")
    assert f.location.text == hit and f.severity == "info"


def test_set_phrase_silent(tmp_path):
    assert _one(tmp_path, "举办“圆满人生”讲座；出版《高度重视》一书；任务未圆满完成的原因。", "set-phrase") == []
    assert _one(tmp_path, "在国家统一计划的指导下；在贴息贷款的帮助下。", "set-phrase") == []


def test_rules_listed(cli):
    out = cli("rules").out
    for rid in (
        "political-formula",
        "number-format",
        "unglossed-abbreviation",
        "invisible-char",
        "traditional-char",
        "set-phrase",
    ):
        assert any(f" {rid} " in ln and "yearbook" in ln for ln in out.splitlines()), rid
        shown = cli("rule", rid).out
        assert rid in shown and "误" in shown and "依据" in shown


# --- substitution: a list of replacements -----------------------------------------------------------


def _house(tmp_path: Path, rule: str) -> Config:
    d = tmp_path / "house"
    d.mkdir()
    (d / "a.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    return load_config(str(tmp_path / ".yblint.yaml"))


def test_substitution_alternatives(tmp_path):
    rule = 'id: house-fang\ntype: substitution\nmessage: "“{match}”应作“{replacement}”"\n'
    rule += 'swap:\n  (?<=\\d)(万)方: ["\\\\1平方米", "\\\\1立方米"]\n'
    cfg = _house(tmp_path, rule)
    [f] = _one(tmp_path, "安置房8.9万方。", "house-fang", cfg)
    assert f.fix is None and f.message == "“万方”应作“万平方米”或“万立方米”"


@pytest.mark.parametrize("swap", ["[]", '["\\\\2平方米"]', '[""]'])
def test_substitution_alternatives_checked(tmp_path, swap):
    cfg = _house(tmp_path, f"id: house-fang\ntype: substitution\nmessage: x\nswap:\n  (万)方: {swap}\n")
    with pytest.raises(ConfigError) as e:
        Registry.load(cfg.rules_dirs)
    assert "a.yaml" in str(e.value)


def test_political_formula_across_a_line_break(tmp_path):
    text = "深入学习习近平\n新时代中国特色社会主义思想。"
    assert _one(tmp_path, text, "political-formula", Config(rules={"political-formula": {"year": 2022}})) == []


@pytest.mark.parametrize("text", ["国家AAAA级旅游景区；CO2排放；NOx浓度；第IV阶段。"])
def test_unglossed_abbreviation_not_acronyms(tmp_path, text):
    assert _one(tmp_path, text, "unglossed-abbreviation") == []


def test_political_formula_message_names_the_corrected_match(tmp_path):
    cfg = Config(rules={"political-formula": {"year": 2021}})
    [f] = _one(tmp_path, "认真贯彻十九届五中全会精神。", "political-formula", cfg)
    assert "规范表述为 党的十九届五中全会：" in f.message
    assert f.data["canonical"] == "党的十九届六中全会"  # the table's example form


def test_invisible_char_leaves_a_word_manual_line_break_alone(tmp_path: Path, cli):
    """A Shift+Enter in Word is read as U+2028 (a line break the author typed): not a stray
    character there, while the same U+2028 pasted into a plain-text draft is one."""
    import docx

    d = docx.Document()
    d.add_paragraph("2021年，全区新建公园3个。").add_run().add_break()
    d.paragraphs[0].add_run("改造绿道12千米。")
    d.save(str(tmp_path / "a.docx"))
    word = cli("check", tmp_path / "a.docx", "--select", "invisible-char", "--format", "json").json()
    assert word["findings"] == []
    (tmp_path / "b.txt").write_text("2021年，全区新建公园3个。\u2028改造绿道12千米。\n", encoding="utf-8")
    text = cli("check", tmp_path / "b.txt", "--select", "invisible-char", "--format", "json").json()
    assert [(f["rule"], f["line"], f["column"]) for f in text["findings"]] == [("invisible-char", 1, 16)]


def test_political_formula_series_of_speeches_is_the_wording_before_2018(tmp_path):
    text = "深入学习贯彻习近平总书记系列重要讲话精神；学习总书记系列重要讲话。"
    for year, hits in ((2016, []), (2017, []), (2018, ["习近平总书记系列重要讲话精神", "总书记系列重要讲话"])):
        cfg = Config(rules={"political-formula": {"year": year}})
        found = _one(tmp_path, text, "political-formula", cfg)
        assert [f.location.text for f in found] == hits, year
        assert all(f.fix is None for f in found)  # the rewrite is the editor's
    # a particular speech, and a title, are no such formula
    cfg = Config(rules={"political-formula": {"year": 2021}})
    silent = "学习习近平总书记考察浙江时的重要讲话精神；阅读《习近平总书记系列重要讲话读本》。"
    assert _one(tmp_path, silent, "political-formula", cfg) == []


def test_political_formula_missing_quotation_marks_are_named_as_such(tmp_path):
    cfg = Config(rules={"political-formula": {"year": 2022}})
    [f] = _one(tmp_path, "全局增强四个意识。", "political-formula", cfg)
    assert f.message.startswith("数字概括的提法 四个意识 未加引号，应作 “四个意识”")
    [g] = _one(tmp_path, "贯彻十九届六中全会精神。", "political-formula", cfg)
    assert g.message.startswith("固定表述“十九届六中全会”不规范，规范表述为 党的十九届六中全会")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the book writes its figures ungrouped: the grouped one is the odd one out
        ("城镇居民收入78,624元，农村居民收入46915元，全体居民收入75163元。", ["78,624"]),
        ("下达直达资金5,860万元。全年税收收入128640万元，非税收入36218万元。", ["5,860"]),
        # grouped: the ungrouped five-digit figure; a four-digit one may stand ungrouped
        ("城镇居民收入78,624元，农村居民收入46,915元，户均4820元，全体居民收入75163元。", ["75163"]),
        # hotlines, standards, codes and one style alone are no inconsistency
        ("拨打12345热线，执行GB/T 15835-2011，城镇居民收入78,624元，农村居民收入46,915元。", []),
        ("城镇居民收入78624元，农村居民收入46915元，户均4,820元。", ["4,820"]),
        ("城镇居民收入78624元，农村居民收入46915元。", []),
    ],
)
def test_thousands_separator(tmp_path, text, found):
    p = tmp_path / "a.txt"
    p.write_text(f"区统计局\n\n{text}\n", encoding="utf-8")
    assert [f.location.text for f in findings_of([p], ["thousands-separator"])] == found
