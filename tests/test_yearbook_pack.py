"""The built-in yearbook pack (rules/yearbook/*.yaml) on the seed page and on short cases."""

from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, findings_of, where

PACK = [
    "area-unit",
    "common-typo",
    "cutoff-date",
    "dash",
    "first-person",
    "half-width-punct",
    "length-unit",
    "mass-unit",
    "invisible-char",
    "nonstandard-unit",
    "number-format",
    "number-range",
    "percent-sign",
    "political-formula",
    "relative-time",
    "repeated-punct",
    "set-phrase",
    "space-in-cjk",
    "thousands-separator",
    "traditional-char",
    "unglossed-abbreviation",
]

# Every finding of the pack on the seed page, with the text it points at. Besides the examples the
# issue names, the seed also has: 截止目前 on line 45 (same fault as line 65: cutoff-date for the
# word, relative-time for the phrase), 截至目前 on line 75 (correct word, still relative time,
# norms R12), a third and fourth lone dash on line 109 (工程—桃源…, 项目—老虎山…, 项目—浙江云…:
# all three introduce the project they name), and 公顷 on line 195, the only area given in
# hectares among twelve in 亩 (norms N9: one unit for the whole book; info). The editorial rules
# (issue #13) add the political formulae of line 81 and 十四五 on 191, number formats (十万, 18.5亿,
# 共计约, 4千, 达近, 百亿), 万方, set phrases, and the unglossed AED, APP, TOD and VOCs (BSN on line
# 65 is glossed).
SEED_FINDINGS = [
    ("number-format", 3, 56, "十万"),
    ("dash", 23, 50, "—"),
    ("set-phrase", 45, 9, "在区委、区政府正确领导和市残联的精心指导下"),
    ("relative-time", 45, 221, "今年"),
    ("cutoff-date", 45, 497, "截止"),
    ("relative-time", 45, 497, "截止目前"),
    ("unglossed-abbreviation", 53, 121, "AED"),
    ("first-person", 59, 52, "我区"),
    ("first-person", 61, 12, "我区"),
    ("cutoff-date", 61, 32, "截止"),
    ("relative-time", 63, 105, "即将"),
    ("cutoff-date", 65, 29, "截止"),
    ("relative-time", 65, 29, "截止目前"),
    ("number-range", 73, 12, "1-9"),
    ("number-range", 73, 59, "1-10"),
    ("set-phrase", 75, 5, "跑出加速度"),
    ("relative-time", 75, 11, "截至目前"),
    ("political-formula", 81, 14, "高举新时代中国特色社会主义思想伟大旗帜"),
    ("political-formula", 81, 38, "十九届六中全会"),
    ("set-phrase", 83, 5, "捷报频传"),
    ("set-phrase", 85, 28, "完美呈现"),
    ("nonstandard-unit", 87, 4, "万方"),
    ("nonstandard-unit", 87, 34, "万方"),
    ("nonstandard-unit", 87, 50, "万方"),
    ("nonstandard-unit", 87, 70, "万方"),
    ("relative-time", 93, 1, "今年以来"),
    ("relative-time", 95, 199, "至年底还将"),
    ("number-format", 97, 51, "18.5亿"),
    ("nonstandard-unit", 105, 37, "万方"),
    ("nonstandard-unit", 105, 52, "万方"),
    ("dash", 109, 24, "—"),
    ("dash", 109, 53, "—"),
    ("dash", 109, 81, "—"),
    ("unglossed-abbreviation", 117, 53, "APP"),
    ("number-range", 119, 98, "1-4"),
    ("set-phrase", 121, 12, "圆满收官"),
    ("relative-time", 129, 12, "今年"),
    ("relative-time", 131, 36, "今年"),
    ("set-phrase", 133, 73, "圆满完成"),
    ("relative-time", 137, 12, "目前"),
    ("number-format", 139, 25, "共计约"),
    ("nonstandard-unit", 139, 29, "万方"),
    ("cutoff-date", 147, 16, "截止"),
    ("number-format", 149, 51, "百亿"),
    ("first-person", 149, 97, "我区"),
    ("cutoff-date", 157, 164, "截止"),
    ("nonstandard-unit", 157, 190, "平米"),
    ("number-format", 157, 205, "4千"),
    ("common-typo", 157, 218, "窞井"),
    ("set-phrase", 161, 7, "在区委区政府的坚强领导下"),
    ("first-person", 161, 138, "我区"),
    ("relative-time", 163, 168, "今年"),
    ("set-phrase", 165, 73, "圆满完成"),
    ("relative-time", 169, 12, "目前"),
    ("number-format", 171, 25, "共计约"),
    ("nonstandard-unit", 171, 29, "万方"),
    ("number-range", 177, 12, "1-10"),
    ("political-formula", 191, 69, "十四五"),
    ("unglossed-abbreviation", 191, 149, "TOD"),
    ("number-format", 193, 144, "达近"),
    ("area-unit", 195, 197, "公顷"),
    ("set-phrase", 199, 7, "在市生态环境局和区委区政府的坚强领导下"),
    ("space-in-cjk", 201, 84, " "),
    ("unglossed-abbreviation", 201, 149, "VOCs"),
    ("set-phrase", 207, 11, "在区委区政府的正确领导下"),
    ("relative-time", 213, 12, "今年"),
    ("set-phrase", 217, 13, "在区委区政府的领导下"),
]


@pytest.fixture(scope="module")
def seed_findings():
    return findings_of([SEED], ["yearbook"])


def test_pack_has_the_rules(cli):
    out = cli("rules").out
    for rid in PACK:
        line = next(ln for ln in out.splitlines() if f" {rid} " in ln)
        assert "yearbook" in line


def test_seed_page_exactly(seed_findings):
    got = [(f.rule, *f.location.range()[:2], f.location.text) for f in seed_findings]
    assert got == SEED_FINDINGS


@pytest.mark.parametrize(
    ("rule", "line", "col"),
    [
        ("cutoff-date", 61, 32),  # 截止11月15日
        ("cutoff-date", 65, 29),  # 截止目前
        ("cutoff-date", 147, 16),  # 截止9月底
        ("cutoff-date", 157, 164),  # 截止10月底
        *[("relative-time", ln, c) for ln, c in [(45, 221), (129, 12), (131, 36), (163, 168), (213, 12)]],  # 今年
        ("relative-time", 137, 12),  # 目前
        ("relative-time", 169, 12),
        ("relative-time", 63, 105),  # 即将
        ("relative-time", 93, 1),  # 今年以来
        ("relative-time", 95, 199),  # 至年底还将
        *[("first-person", ln, c) for ln, c in [(59, 52), (61, 12), (149, 97), (161, 138)]],  # 我区
        ("number-range", 73, 12),  # 1-9月
        ("number-range", 73, 59),  # 1-10月
        ("number-range", 177, 12),
        ("number-range", 119, 98),  # 康渚苑1-4幢
        ("nonstandard-unit", 157, 190),  # 平米
        ("common-typo", 157, 218),  # 窞井
        ("dash", 23, 50),
        ("dash", 109, 24),
        ("space-in-cjk", 201, 84),  # 交办 111个
    ],
)
def test_seed_examples(seed_findings, rule, line, col):
    assert (rule, line, col) in where(seed_findings)


def test_seed_negatives(seed_findings):
    lines = {(f.rule, f.location.range()[0]) for f in seed_findings}
    assert ("number-range", 95) not in lines  # GS0905-A33-08
    assert ("number-range", 97) not in lines  # GS0305-19
    assert ("dash", 31) not in lines  # ——献礼建党100周年 is right
    for ln in (19, 23, 31, 145):  # 《遇见瓜山 遇见未来》 “假日小队 轻松助手” …
        assert ("space-in-cjk", ln) not in lines
    assert ("relative-time", 89) not in lines  # 项目前期 is not 目前


def test_fixture_pair():
    bad = findings_of([FIXTURES / "style" / "yearbook-style-bad.md"], ["yearbook"])
    assert where(bad) == [
        ("cutoff-date", 3, 1),
        ("first-person", 3, 8),
        ("number-range", 3, 12),
        ("relative-time", 3, 23),
        ("half-width-punct", 3, 31),
        ("nonstandard-unit", 3, 39),
        ("common-typo", 3, 44),
        ("dash", 5, 5),
        ("space-in-cjk", 5, 21),
    ]
    assert findings_of([FIXTURES / "style" / "yearbook-style-good.md"], ["yearbook"]) == []


def _one(tmp_path: Path, text: str, rule: str):
    p = tmp_path / "a.md"
    p.write_text("# 单位\n\n" + text + "\n", encoding="utf-8")
    return findings_of([p], [rule])


@pytest.mark.parametrize(
    ("rule", "text", "hit", "replacement"),
    [
        ("cutoff-date", "截止2021年底，共办结。", "截止", "截至"),
        ("cutoff-date", "截止上年末，余额增长。", "截止", "截至"),
        ("cutoff-date", "截止二〇二一年，共办结。", "截止", "截至"),
        ("number-range", "2011-2020年规划纲要。", "2011-2020", "2011—2020"),
        ("number-range", "第3－5届会议。", "3－5", "3—5"),
        ("number-range", "增长6.5%-7%。", "6.5%-7", "6.5%～7"),
        ("number-range", "每年新增3-5个。", "3-5", "3～5"),
        ("nonstandard-unit", "蓄水二十亿立方公尺。", "公尺", "米"),
        ("dash", "民生工程—桃源小学竣工。", "—", "——"),
        ("dash", "实施公交优先发展战略—全年新开公交线路46条。", "—", "——"),
        ("dash", "推出原创舞台剧《岭上花开》—讲述山乡巨变的故事。", "—", "——"),
        ("dash", "　　--我们要推动经济发展。", "--", "——"),
        ("half-width-punct", "县(处)级以上干部。", "(处)", "（处）"),
        ("half-width-punct", "各位代表:", ":", "："),
        ("half-width-punct", "(1)加强监管。", "(1)", "（1）"),
        ("half-width-punct", "调整结构, 必须坚持。", ", ", "，"),
        # doubled in either width: one fix to one full-width mark, nothing half-width left behind
        ("half-width-punct", "完成投资58.6亿元,,同比增长。", ",,", "，"),
        ("half-width-punct", "同比增长12.3%,,利润1.8亿元。", ",,", "，"),
        ("half-width-punct", "完成投资58.6亿元,，同比增长。", ",，", "，"),
        ("half-width-punct", "完成投资58.6亿元，,同比增长。", "，,", "，"),
        ("half-width-punct", "利润1.8亿元::其中营业收入。", "::", "："),
        ("half-width-punct", "利润1.8亿元；;其中营业收入。", "；;", "；"),
        ("half-width-punct", '深入推进"三服务"活动。', '"三服务"', "“三服务”"),
        ("half-width-punct", "他说'好'，就办了。", "'好'", "‘好’"),
        ("space-in-cjk", "比上年增加 1304.8亿元。", " ", ""),
        ("space-in-cjk", "新建道路 3条。", " ", ""),
        ("common-typo", "消费卷发放3亿元。", "消费卷", "消费券"),
        ("common-typo", "建立个人帐户。", "帐户", "账户"),
        ("common-typo", "推广转帐结算。", "转帐", "转账"),
        ("common-typo", "完善通迅设施。", "通迅", "通讯"),
        ("common-typo", "文章针贬时弊。", "针贬时弊", "针砭时弊"),
        ("repeated-punct", "精神状态，，工作作风。", "，，", "，"),
    ],
)
def test_flags_and_fixes(tmp_path, rule, text, hit, replacement):
    [f] = _one(tmp_path, text, rule)
    assert f.location.text == hit
    [edit] = f.fix.edits
    assert edit.replacement == replacement


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("cutoff-date", "报名于12月31日截止，截止日期不变，截止时间为17时。"),
        ("cutoff-date", "截止到目前，共受理。"),  # grammatical (relative-time reports 目前)
        ("relative-time", "2021年底前完成；项目前期手续；节目前半段。"),
        ("relative-time", "接近年均水平；邻近期末。"),
        ("relative-time", "托起明天的希望。"),
        ("relative-time", "5日前报送。"),
        ("relative-time", "建于20世纪90年代，21世纪初改造；世纪之交；百年世纪工程。"),
        ("first-person", "我国经济增长；自我革命；民呼我为；“我们的节日”主题活动；为我所用。"),
        ("number-range", "GS0905-A33-08地块；GS0305-19地块；2021-12-31；电话0571-88888888；比分3-1。"),
        ("dash", "中国—东盟自由贸易区；1—9月；2021年—2025年；北京—上海；活动——献礼建党。"),
        ("dash", "科技创新2030—重大项目。"),
        ("half-width-punct", "共1,000人；10:30开会；网址http://a.cn/a.php?id=1；[链接](http://a.cn)。"),
        # straight quotes around no Chinese, or not a pair of the line (the second pair of "a"中"b")
        ("half-width-punct", 'He said "yes" 是英文引语；规格为"A4"纸。'),
        ("half-width-punct", '英文报道称"abc"中文"def"不同。'),
        ("half-width-punct", "O'Brien来访，'未闭合的引号。"),
        ("half-width-punct", '引号未闭合："三服务活动。'),
        ("space-in-cjk", "《遇见瓜山 遇见未来》；“胸怀伟业 百年风华”；李 强、王　芳；使用 APP 办理。"),
        ("space-in-cjk", "（撰稿：王晓明 审稿：李建国）"),
        # the space that ends a web address is no space inside Chinese text
        ("space-in-cjk", "公告见 https://www.gs.gov.cn/art/2021/3/5/art_1229 和区政府网站；www.gs.gov.cn/1 为准。"),
        ("common-typo", "地势险峻工程艰巨；全部份额；一座落成的大桥；消费卷烟；签定向协议；交通迅速发展。"),
        ("repeated-punct", "删节号……与破折号——不算。"),
        ("nonstandard-unit", "公斤、公里、公顷都是法定单位。"),
    ],
)
def test_quiet_on_correct_text(tmp_path, rule, text):
    assert _one(tmp_path, text, rule) == []


def test_relative_century(tmp_path):
    found = _one(tmp_path, "建于上世纪90年代，本世纪初改造，上个世纪末开馆。", "relative-time")
    assert [f.location.text for f in found] == ["上世纪", "本世纪", "上个世纪"]
    assert "20世纪90年代" in found[0].message


def test_prose_only_by_default(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 我区今年截止10月底\n\n| 截止10月底 | 我区 |\n|---|---|\n| 1-9月 | 平米 |\n", encoding="utf-8")
    assert findings_of([p], ["yearbook"]) == []


def test_consistency_across_files(tmp_path):
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text("# 甲\n\n新增绿地12亩，改造农田30亩。\n", encoding="utf-8")
    b.write_text("# 乙\n\n修复山体5公顷。\n", encoding="utf-8")
    [f] = findings_of([a, b], ["area-unit"])
    assert (f.document.path.endswith("b.md"), f.location.text, f.data["other"], f.data["other_count"]) == (
        True,
        "公顷",
        "亩",
        2,
    )
    assert f.related[0].document.path.endswith("a.md")
    assert "亩" in f.message and "2" in f.message


def test_english_messages(cli):
    r = cli("check", SEED, "--select", "cutoff-date", "--lang", "en")
    assert "should be “截至”" in r.out


def test_straight_quotes_each_pair_with_its_own_message(tmp_path):
    found = _one(tmp_path, '推进"最多跑一次"改革，做到"两手硬"。', "half-width-punct")
    assert [(f.location.text, f.fix.edits[0].replacement) for f in found] == [
        ('"最多跑一次"', "“最多跑一次”"),
        ('"两手硬"', "“两手硬”"),
    ]
    assert found[0].message == '中文里用了半角引号："最多跑一次" 应作 “最多跑一次”。'
    assert found[0].fix.description == '将 "最多跑一次" 改为 “最多跑一次”'  # not quoted again
    [bracket] = _one(tmp_path, "县(处)级以上干部。", "half-width-punct")
    assert bracket.message == "中文里用了半角标点“(处)”，应作全角“（处）”。"


def test_straight_quotes_message_in_english(cli, tmp_path):
    p = tmp_path / "a.md"
    p.write_text('# 单位\n\n深入推进"三服务"活动。\n', encoding="utf-8")
    r = cli("check", str(p), "--select", "half-width-punct", "--lang", "en")
    assert 'Straight quotes in Chinese text: "三服务" should be “三服务”.' in r.out


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("预计至年底还将新增2所学校。", ["预计至年底还将"]),
        ("至年底还将新增2所学校。", ["至年底还将"]),
        ("到年底前完成改造。", ["到年底前"]),
        ("预计到年底，全区建成5G基站1,200个。", ["预计到年底"]),
        # what was done by the year's end is no forecast
        ("截至年底，286件提案已全部办结。", []),
        ("截止到年底，共建成5G基站1,200个。", []),
        ("从年初到年底，共举办活动36场。", []),
    ],
)
def test_year_end_forecasts(tmp_path, text, flagged):
    found = _one(tmp_path, text, "relative-time")
    assert [f.location.text for f in found] == flagged


@pytest.mark.parametrize(
    ("line", "cols"),
    [
        ("副主任：李　梅　王　强", []),  # a list of names after its label (名录)
        ("2023年度省级先进集体（3个）：区教育局　区卫生健康局　区应急管理局", []),
        ("主要工作：全区开展 专项整治，成效明显。", [10]),  # a sentence after a label: a stray space
        ("区教育局　区卫生健康局获评先进集体。", [5]),
        # a caption's number set off by a space
        ("表1　2024年东川市分运输方式货运量", []),
        ("表　2024年东川市各县生活垃圾处理量", []),
        # names after a label in a sentence, to its end
        ("选举产生常委会。主任：王建国；副主任：刘德明　陈淑芬　赵国华　周志勇。", []),
        ("选举产生常委会。副主任：刘德明　陈淑芬等4人当选。", [16]),  # the sentence goes on: no list
        ("评选“西岭工匠”10名：王建国　李春梅　张　伟　刘德明　陈　静。", []),  # two-character names padded
    ],
)
def test_space_in_cjk_lists_after_a_label(tmp_path, line, cols):
    p = tmp_path / "minglu.md"
    p.write_text(f"# 名录\n\n{line}\n", encoding="utf-8")
    assert where(findings_of([p], ["space-in-cjk"])) == [("space-in-cjk", 3, c) for c in cols]
