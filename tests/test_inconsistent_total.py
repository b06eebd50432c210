import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, SHARED, findings_of, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.inconsistent_total import ParagraphChecker
from yblint.config import Config
from yblint.engine import lint
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.registry import Registry

RULE = ["inconsistent-total"]
_REGISTRY: list[Registry] = []


def lint_text(tmp_path, text: str):
    """Findings of the rule on ``text`` (the rule registry is loaded once for the module)."""
    if not _REGISTRY:
        _REGISTRY.append(Registry.load(Config().rules_dirs))
    p = tmp_path / "a.txt"
    p.write_text("区残联\n\n" + text + "\n", encoding="utf-8")
    return lint([str(p)], Config(), registry=_REGISTRY[0], select=RULE).findings


def one(tmp_path, text: str):
    found = lint_text(tmp_path, text)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


# --- the seed page -------------------------------------------------------------------------


def test_seed_page_has_exactly_the_completion_rate():
    found = findings_of([SEED], RULE)
    assert where(found) == [("inconsistent-total", 45, 517)]
    [f] = found
    assert f.location.text == "152.4%"
    assert f.location.range() == (45, 517, 45, 523)
    assert f.severity == "error"
    assert "106人 ÷ 70人 = 151.4%" in f.message and "152.4%" in f.message
    assert f.data["check"] == "rate"
    assert f.data["stated"] == 152.4
    assert f.data["computed"] == pytest.approx(151.4286, abs=1e-3)
    assert f.data["operands"] == ["106人", "70人"]
    assert f.data["formula"] == "106人 ÷ 70人 = 151.4%"
    assert [r.text for r in f.related] == ["70人", "106人"]


def _seed_checked():
    doc = build_document(read_source(str(SEED)))
    out = {}
    for p in doc.paragraphs:
        if p.is_prose:
            pc = ParagraphChecker(doc.text, p.start, p.end)
            pc.run()
            for c in pc.checked:
                out.setdefault(doc.lines.line_of(p.start), []).append(c)
    return out


def test_seed_totals_and_lists_are_read_and_agree():
    """Silence on the seed's right figures comes from checking them, not from skipping them."""
    checked = _seed_checked()
    line45 = {c[1]: c[3] for c in checked[45]}
    assert line45["约944.11万元 + 约692.69万元 + 约2372.1万元 = 4008.9万元"] is True
    line95 = {c[1]: c[3] for c in checked[95]}
    assert line95["3个 + 2个 + 2个 + 4所 + 7条 + 4个 = 22个"] is True
    assert line95["2个: 运河中央公园、运河亚运公园"] is True
    assert line95["2所: 文化商城小学、总管堂幼儿园"] is True
    assert line95["3条: 沁园路、短浜路、工业设计小镇规划支路"] is True
    assert line95["3条: 和丰路、湖墅北路、祥符南路二期"] is True
    assert ("breakdown", "132家 = 132家", 1430.0, True) in checked[7]
    assert ("breakdown", "12家 = 12家", 120.0, True) in checked[35]
    # line 147 (同比增长 with one figure) and line 195 (完成率 without a target) are not checkable
    assert 147 not in checked and 195 not in checked
    # line 203's “26+2”个 and 8+9+8+1 are not read as a total and its parts
    assert 203 not in checked
    bad = [(line, c) for line, cs in checked.items() for c in cs if not c[3]]
    assert bad == [(45, ("rate", "106人 ÷ 70人 → 152.4%", 152.4, False))]


def test_english_message(cli):
    r = cli("check", SEED, "--select", "inconsistent-total", "--lang", "en", "--format", "json")
    [f] = r.json()["findings"]
    assert f["message"].startswith("The completion rate (完成率) does not follow from its figures")
    assert "106人 ÷ 70人 = 151.4%" in f["message"] and "152.4%" in f["message"]


# --- totals and breakdowns -----------------------------------------------------------------


def test_parts_over_total(tmp_path):
    f = one(tmp_path, "共发放补贴4008.9万元，其中残疾人津贴2944.11万元、护理补贴2372.1万元。")
    assert f.location.text == "4008.9万元"
    assert f.data["check"] == "breakdown"
    assert f.data["parts"] == ["2944.11万元", "2372.1万元"]
    assert f.data["computed"] == pytest.approx(53162100)
    assert "2944.11万元 + 2372.1万元 = 5316.21万元" in f.message
    assert [r.text for r in f.related] == ["2944.11万元", "2372.1万元"]


def test_parts_over_total_across_semicolons(tmp_path):
    text = (
        "2021年共发放残疾人津贴和两项补贴共计4008.9万元。其中残疾人津贴20983人次，发放金额合计约为944.11万元；"
        "困难残疾人生活补贴2077人次，发放金额合计约为1692.69万元；重度残疾人护理补贴10156人次，"
        "发放金额合计约为2372.1万元。"
    )
    f = one(tmp_path, text)
    assert f.location.text == "4008.9万元"
    assert f.data["formula"] == "约944.11万元 + 约1692.69万元 + 约2372.1万元 = 5008.9万元"


def test_part_larger_than_whole(tmp_path):
    f = one(tmp_path, "全年接待游客120万人次，其中过夜游客150万人次。")
    assert f.data["check"] == "part"
    assert f.location.text == "120万人次"
    assert "150万人次" in f.message


def test_parts_of_overlapping_kinds_are_not_added(tmp_path):
    # 女党员 and 大专以上学历党员 may be the same people: no finding
    assert lint_text(tmp_path, "全年共有党员1200名，其中女党员700名、大专以上学历党员800名。") == []
    assert lint_text(tmp_path, "全区有职工500人，其中女职工300人，管理人员250人。") == []


def test_the_two_sexes_are_a_partition(tmp_path):
    f = one(tmp_path, "年末户籍人口58.3万人，其中男性38.9万人、女性29.4万人。")
    assert f.severity == "error"
    assert "38.9万人 + 29.4万人 = 68.3万人" in f.message
    assert lint_text(tmp_path, "年末户籍人口58.3万人，其中男性28.9万人、女性29.4万人。") == []


def test_plain_qizhong_over_total_is_a_warning(tmp_path):
    f = one(tmp_path, "共有学校50所，其中小学30所、初中25所。")
    assert f.severity == "warning"
    assert "30所 + 25所 = 55所" in f.message


def test_which_total_is_ambiguous(tmp_path):
    # 其中 may refer to 销售收入 or to 利润: say nothing
    assert lint_text(tmp_path, "实现销售收入100亿元，利润20亿元，其中出口收入30亿元。") == []
    # unless one of them is marked as the total
    f = one(tmp_path, "共完成投资100亿元，利润20亿元，其中工业投资130亿元。")
    assert f.location.text == "100亿元"


def test_closed_list_under_total(tmp_path):
    f = one(tmp_path, "全年共投资8.5亿元，分别为3.2亿元、4.1亿元。")
    assert f.data["closed"] is True
    assert "3.2亿元 + 4.1亿元 = 7.3亿元" in f.message
    # whole 亿 are rounded: 3亿 + 4亿 may be 8亿
    assert lint_text(tmp_path, "全年共投资8亿元，分别为3亿元、4亿元。") == []


def test_parts_listed_before_total(tmp_path):
    f = one(tmp_path, "此外3所学校、2条道路、4个公园共计10个项目加速推进。")
    assert f.location.text == "10个"
    assert f.data["computed"] == 9


@pytest.mark.parametrize(
    "text",
    [
        "共计4008.9万元，其中944.11万元、692.69万元、2372.1万元。",
        "全年共投资8亿元，其中A项目3亿元。",  # a plain 其中 may list a subset
        "此外3所学校、2条道路等共计10个项目加速推进。",  # 等: the list is open
        "合计10.0万元，分别为3.33万元、3.33万元、3.33万元。",  # rounding of the parts
        "新建工会1430家，其中新业态企业132家，发展会员2.3万人。",
        "接待游客120万人次，其中过夜游客50万人。",  # 人 and 人次 never mix
        "年均超收2040亿元，其中去年超收2573亿元。",  # an average is not a whole
        "新增铁路1.97万公里，其中高速铁路8951公里；新增公路60.9万公里。",  # a new topic after ；
        "共有企业176家，其中亿元以上大项目4个、重点项目9个。",  # 家 and 个 are different things
        "总产值2050亿元，比上年的1241亿元增长65%。其中，工业产值1170亿元。",
    ],
)
def test_breakdowns_that_agree_or_cannot_be_read(tmp_path, text):
    assert lint_text(tmp_path, text) == []


# --- counts and lists ----------------------------------------------------------------------


def test_count_and_bracketed_list(tmp_path):
    f = one(tmp_path, "开工建设3所学校（文化商城小学、总管堂幼儿园）。")
    assert f.location.text == "3所"
    assert (f.data["stated"], f.data["computed"]) == (3, 2)
    assert f.data["parts"] == ["文化商城小学", "总管堂幼儿园"]
    assert "文化商城小学、总管堂幼儿园" in f.message


def test_count_and_colon_list(tmp_path):
    f = one(tmp_path, "开工建设4条道路：沁园路、短浜路、和丰路。")
    assert (f.data["stated"], f.data["computed"]) == (4, 3)


def test_list_with_deng_is_a_lower_bound(tmp_path):
    assert lint_text(tmp_path, "开工3条道路（沁园路、短浜路等）。") == []
    f = one(tmp_path, "开工2条道路（沁园路、短浜路、和丰路等）。")
    assert f.data["open"] is True
    f = one(tmp_path, "已开工英特、花印、新浪、网易等3个项目。")
    assert (f.data["stated"], f.data["computed"]) == (3, 4)


@pytest.mark.parametrize(
    "text",
    [
        "顺利竣工交付2个大运河文化带项目（运河中央公园、运河亚运公园）。",
        "农村信用社改革扩大到29个省（自治区、直辖市）。",  # a gloss of 省, not a list
        "推进5个项目（总投资10亿元）。",
        "1所学校（祥符单元GS0905-A33-08地块九年一贯制学校二期）。",
        "报告分六个部分：一、三年来的斗争；二、新时期的总任务。",
        "主要内容包括两个方面：一方面是教育、科学、文化的发展；另一方面是思想建设。",
        "完成“26+2”个“无废细胞”建设，建成“无废医院”8所、“无废学校”9所、“无废工地”8个和“无废工厂”1家。",
        "坚持和平共处五项原则，维护世界和平、促进共同发展。",
        "开工3条道路（沁园路、短浜路和丰潭路）。",  # a conjunction: the count of names is uncertain
        "在省、市、区三级开展宣讲、展演等2项活动。",
    ],
)
def test_counts_that_agree_or_are_not_lists(tmp_path, text):
    assert lint_text(tmp_path, text) == []


# --- rates ---------------------------------------------------------------------------------


def test_completion_rate(tmp_path):
    f = one(tmp_path, "残疾人家庭无障碍改造任务数60户，实际完成86户，完成率150%。")
    assert f.location.text == "150%"
    assert f.data["formula"] == "86户 ÷ 60户 = 143.3%"
    assert lint_text(tmp_path, "残疾人家庭无障碍改造任务数60户，实际完成86户，完成率143.3%。") == []
    assert lint_text(tmp_path, "残疾人家庭无障碍改造任务数60户，实际完成86户，完成率143%。") == []


def test_share_of_a_part(tmp_path):
    f = one(tmp_path, "共有职工200人，其中女职工80人，占30%。")
    assert f.data["check"] == "share"
    assert f.location.text == "30%"
    assert "80人 ÷ 200人 = 40%" in f.message
    assert lint_text(tmp_path, "共有职工200人，其中女职工80人，占40%。") == []


@pytest.mark.parametrize(
    "text",
    [
        "新增国土绿化面积581亩，完成率为363%。",  # no target: nothing to check
        "集团总资产385亿元，同比增长12.24%，净资产116亿元，同比增长9.43%。",  # one figure per rate
        "维权服务窗口年办件量288件，好评率达100%。",
        "受理120件，办结118件，新增8件，完成率98%。",  # three figures of one kind: ambiguous
    ],
)
def test_rates_that_cannot_be_checked(tmp_path, text):
    assert lint_text(tmp_path, text) == []


# --- growth --------------------------------------------------------------------------------


def test_growth_from_two_figures(tmp_path):
    f = one(tmp_path, "营业收入由1000万元增至1500万元，增长60%。")
    assert f.data["check"] == "growth"
    assert f.location.text == "60%"
    assert "(1500万元 − 1000万元) ÷ 1000万元 = 50%" in f.message
    assert lint_text(tmp_path, "营业收入由1000万元增至1500万元，增长50%。") == []
    assert lint_text(tmp_path, "钢产量由五百二十四万吨增加到八百六十九万吨，增长百分之六十六。") == []


def test_growth_against_a_named_base(tmp_path):
    f = one(tmp_path, "全年实现营业收入120亿元，比上年的100亿元增长25%。")
    assert f.location.text == "25%"
    assert "(120亿元 − 100亿元) ÷ 100亿元 = 20%" in f.message
    assert lint_text(tmp_path, "全年实现营业收入120亿元，比上年的100亿元增长20%。") == []
    f = one(tmp_path, "工农业总产值达到8710亿元，比1980年的7159亿元增加1651亿元。")
    assert "8710亿元 − 7159亿元 = 1551亿元" in f.message
    assert lint_text(tmp_path, "工农业总产值达到8710亿元，比1980年的7159亿元增加1551亿元。") == []
    assert (
        lint_text(tmp_path, "一九五八年总产值达到二千零五十亿元，比一九五七年的一千二百四十一亿元增长百分之六十五。")
        == []
    )
    # the base must be a figure alone, and the current figure one of its kind
    assert lint_text(tmp_path, "比1954年的铺轨里数增长了47%。") == []
    assert lint_text(tmp_path, "收入120亿元、支出90亿元，比上年的100亿元增长25%。") == []


def test_growth_allows_rounding_of_chinese_round_figures(tmp_path):
    # 1982 report: 281 200 → 400 000 is 42.2%; 二十八万 is that figure rounded to 万
    text = "全日制高等学校招生数将从一九八○年的二十八万人增加到四十万人，增长百分之四十二点二。"
    assert lint_text(tmp_path, text) == []
    # but written out in full the figures are exact
    f = one(tmp_path, "招生数将从一九八○年的280000人增加到400000人，增长42.2%。")
    assert "= 42.9%" in f.message


def test_real_growth_is_not_checked_against_nominal_figures(tmp_path):
    text = "地区生产总值由500亿元增加到600亿元，按可比价格计算，增长7%。"
    assert lint_text(tmp_path, text) == []


def test_growth_in_percentage_points(tmp_path):
    f = one(tmp_path, "城镇化率由8.1%提高到10.2%，提高了3.1个百分点。")
    assert f.location.text == "3.1个百分点"
    assert "10.2% − 8.1% = 2.1个百分点" in f.message
    assert lint_text(tmp_path, "城镇化率由8.1%提高到10.2%，提高了2.1个百分点。") == []
    # whole percentages are rounded: 8% → 10% may be a rise of up to 3 points
    assert lint_text(tmp_path, "城镇化率由8%提高到10%，提高了3个百分点。") == []


def test_average_growth_is_not_checked(tmp_path):
    assert lint_text(tmp_path, "年均由1000万元增至1500万元，增长60%。") == []


# --- shares --------------------------------------------------------------------------------


def test_complementary_shares(tmp_path):
    f = one(tmp_path, "参训人员中男性占55%，女性占48%。")
    assert f.data["check"] == "shares"
    assert "103%" in f.message
    assert lint_text(tmp_path, "参训人员中男性占52%，女性占48%。") == []


def test_three_sector_ratio(tmp_path):
    f = one(tmp_path, "三次产业结构调整为3.5:40.2:56.1。")
    assert f.data["computed"] == pytest.approx(99.8)
    assert lint_text(tmp_path, "三次产业结构调整为3.5:40.2:56.3。") == []


# --- configuration -------------------------------------------------------------------------


def test_checks_can_be_turned_off(tmp_path):
    (tmp_path / ".yblint.yaml").write_text(
        "rules:\n  inconsistent-total:\n    checks: [breakdown, count]\n", encoding="utf-8"
    )
    p = tmp_path / "a.txt"
    p.write_text("甲\n\n任务数60户，实际完成86户，完成率150%。\n", encoding="utf-8")
    from yblint.config import load_config

    config = load_config(str(tmp_path / ".yblint.yaml"))
    assert findings_of([p], RULE, config) == []
    assert len(findings_of([p], RULE)) == 1


@pytest.mark.slow
def test_government_reports_only_real_contradictions(tmp_path):
    """72 published reports, 1.1M characters of checked figures: the one finding is a real
    contradiction (the 1956 budget report: the five kinds of state-enterprise revenue, the last
    being 其他企业和事业收入, add up to 14,128,144,000元, and the text gives 14,328,144,000元)."""
    corpus = SHARED / "corpora" / "government-work-reports.jsonl"
    if not corpus.exists():
        pytest.skip("shared corpus not available")
    paths = []
    for i, line in enumerate(corpus.read_text(encoding="utf-8").splitlines()):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text(json.loads(line)["content"], encoding="utf-8")
        paths.append(p)
    found = findings_of(paths, RULE)
    assert [(Path(f.location.document.path).name, f.line, f.location.text, f.severity) for f in found] == [
        ("069.txt", 87, "１４，３２８，１４４，０００元", "warning")
    ]
    assert found[0].data["computed"] == 14128144000
    assert "其他" in found[0].message


# --- fixtures ------------------------------------------------------------------------------


def test_arithmetic_fixture_bad():
    found = findings_of([FIXTURES / "arithmetic" / "arithmetic-bad.md"], RULE)
    assert [(*w[1:], f.data["check"], f.severity) for w, f in zip(where(found), found, strict=True)] == [
        (3, 21, "breakdown", "warning"),  # 其中 … parts over the total (the parts might overlap)
        (5, 38, "rate", "error"),
        (9, 5, "count", "error"),
        (9, 46, "breakdown", "error"),  # parts listed before 共计: a closed list
        (13, 7, "part", "error"),
        (13, 51, "growth", "error"),
        (17, 12, "shares", "error"),
        (17, 37, "shares", "error"),
        (21, 22, "share", "error"),
        (21, 31, "breakdown", "error"),
    ]


def test_arithmetic_fixture_good():
    assert findings_of([FIXTURES / "arithmetic" / "arithmetic-good.md"], RULE) == []


# --- properties ----------------------------------------------------------------------------

amounts = st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=6)


def _checker(text: str) -> ParagraphChecker:
    pc = ParagraphChecker(text, 0, len(text))
    pc.run()
    return pc


@settings(max_examples=80, deadline=None)
@given(amounts, st.sampled_from([0, 1, 2]))
def test_rounded_parts_never_contradict_their_total(cents, decimals):
    """Parts given to ``decimals`` places and a total rounded to one place less always agree."""
    parts = [c / 100 for c in cents]
    total = round(sum(round(p, decimals) for p in parts), max(0, decimals - 1))
    shown = [f"{p:.{decimals}f}" for p in parts]
    text = f"共投资{total:.{max(0, decimals - 1)}f}万元，分别为" + "、".join(f"{s}万元" for s in shown) + "。"
    pc = _checker(text)
    assert pc.checked and all(c[3] for c in pc.checked), (text, pc.checked)
    assert pc.issues == []


@settings(max_examples=80, deadline=None)
@given(amounts, st.integers(min_value=1, max_value=50))
def test_a_total_off_by_more_than_rounding_is_reported(units, off):
    total = sum(units) + off * len(units)  # more than half a unit per part away
    text = f"共投资{total}万元，分别为" + "、".join(f"{u}万元" for u in units) + "。"
    pc = _checker(text)
    assert [i.key for i in pc.issues] == ["sum_under"], text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**5), st.integers(min_value=1, max_value=10**5))
def test_completion_rate_property(target, done):
    rate = done / target * 100
    good = f"任务数{target}户，实际完成{done}户，完成率{rate:.1f}%。"
    assert _checker(good).issues == []
    bad = f"任务数{target}户，实际完成{done}户，完成率{rate + 0.3:.1f}%。"
    assert [i.key for i in _checker(bad).issues] == ["rate"]


def test_rule_examples(tmp_path):
    import yaml

    from yblint.ruledefs import builtin_rules_dir

    rule = yaml.safe_load((builtin_rules_dir() / "inconsistent-total.yaml").read_text(encoding="utf-8"))
    for ex in rule["examples"]:
        assert len(lint_text(tmp_path, ex["bad"])) == 1, ex["bad"]
        assert lint_text(tmp_path, ex["good"]) == [], ex["good"]


ALPHABET = (
    "0123456789０１２.,%％万亿千百十一二两三五零〇约近余多超以上左右共计合计其中分别为"
    "、，；。：（）“”等个所家人次元亩条项增长至由到提高率完成任务占男女第-～+"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_never_crashes_on_noise(text):
    pc = ParagraphChecker(text, 0, len(text))
    for issue in pc.run():
        a, b = issue.anchor
        assert 0 <= a < b <= len(text)
        assert issue.data["formula"]


def test_figures_read_once_per_document_equal_figures_read_per_paragraph():
    from yblint.checks.inconsistent_total.reader import Figures

    doc = build_document(read_source(str(SEED)))
    figures = Figures(doc.text)
    for p in doc.paragraphs:
        by_doc = ParagraphChecker(doc.text, p.start, p.end, figures)
        by_para = ParagraphChecker(doc.text, p.start, p.end)
        assert by_doc.numbers == by_para.numbers
        assert by_doc.run() == by_para.run()


def test_likely_findings_are_one_severity_lower(tmp_path):
    """Issue.certain, not a severity string, says a finding is likely: warning under an error rule."""
    f = one(tmp_path, "全年受理消费投诉260件，其中质量类118件、价格类97件、其他35件。")
    assert (f.severity, f.data["certain"]) == ("warning", False)
    text = "全区公共停车场48个、泊位5,630个，其中商业区16个、2,140个，居住区21个、2,380个，交通枢纽11个、1,010个。"
    f = one(tmp_path, text)
    assert (f.severity, f.data["certain"]) == ("error", True)
    assert f.location.text == "5,630个"
    assert "2,140个 + 2,380个 + 1,010个 = 5,530个" in f.message


@pytest.mark.parametrize(
    ("stated", "computed", "slip"),
    [
        ("3615", "3651", True),  # two swapped digits
        ("3615", "3515", True),  # one mistyped digit
        ("3615", "3614", False),  # the last digit: a small remainder, not a slip
        ("1200", "1100", False),  # two significant digits: too few to tell
        ("3615", "3561", False),
    ],
)
def test_digit_slip(stated, computed, slip):
    from yblint.checks.inconsistent_total.complete import digit_slip

    assert digit_slip(stated, computed) is slip
