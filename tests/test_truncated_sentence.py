"""truncated-sentence: paragraphs that stop before their sentence ends or start in the middle of one."""

from functools import lru_cache

import pytest
from conftest import FIXTURES, SEED, where

from yblint.config import Config
from yblint.engine import lint as run_lint
from yblint.registry import Registry

BROKEN = ["truncated-sentence", "split-paragraph", "unbalanced-punctuation", "layout-marker"]


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry.load(Config().rules_dirs)


def findings_of(paths, select, config=None):
    """conftest.findings_of with the rule registry loaded once for the module (keeps the tests fast)."""
    return run_lint([str(p) for p in paths], config or Config(), registry(), select=select).findings


def lint(tmp_path, text: str, name: str = "a.txt", rules=("truncated-sentence",)):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return findings_of([p], list(rules))


def test_seed_page_every_broken_text_defect_and_nothing_else():
    found = sorted(where(findings_of([SEED], BROKEN)), key=lambda t: (t[1], t[2], t[0]))
    assert found == [
        ("layout-marker", 3, 1),
        ("truncated-sentence", 3, 7),  # starts mid-sentence after （紧接4版）
        ("split-paragraph", 39, 167),  # 民企发 | 展
        ("unbalanced-punctuation", 41, 243),  # 《促进… never closed
        ("split-paragraph", 65, 98),  # 品牌活 | 动
        ("split-paragraph", 107, 14),  # 新提 | 升
        ("split-paragraph", 149, 101),  # 布局， | 设立
        ("split-paragraph", 187, 32),  # 有条 | 不紊
        ("truncated-sentence", 217, 151),  # …无人员伤亡，未
        ("layout-marker", 217, 152),
    ]


def test_seed_page_messages_name_the_cut_and_the_marker():
    start, end = findings_of([SEED], ["truncated-sentence"])
    assert start.location.text == "代" and start.data["marker"] == "（紧接4版）"
    assert "（紧接4版）" in start.message and "句子开头缺失" in start.message
    assert end.location.text == "未" and end.data["reason"] == "marker"
    assert "…火灾112起，无人员伤亡，未" in end.message and "（下转6版）" in end.message


def test_english_message(tmp_path):
    cfg = Config()
    cfg.lang = "en"
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n共发生火灾112起。无人员伤亡，未（下转6版）\n", encoding="utf-8")
    [f] = findings_of([p], ["truncated-sentence"], config=cfg)
    assert f.message.startswith("The sentence breaks off after “…")


@pytest.mark.parametrize(
    ("text", "line", "col", "reason"),
    [
        # ends with ， and nothing continues it (the next block is a heading)
        ("甲单位\n\n完成帮扶86户，发放救助金50万元，\n\n乙单位\n\n正文。\n", 3, 18, "continuing"),
        # several sentences, the last without its full stop
        ("甲单位\n\n开展创建活动。全年组织活动120场。群众满意度进一步提升\n", 3, 28, "open"),
        # ends in a word that cannot end a sentence
        ("甲单位\n\n全年共发生火灾112起，无人员伤亡，未\n", 3, 19, "dangling"),
        # a continuation note at the end, even without a sentence before
        ("甲单位\n\n全区共接警出动1504次出动人员16005人次（下转6版）\n", 3, 23, "marker"),
    ],
)
def test_flags_paragraph_that_stops_mid_sentence(tmp_path, text, line, col, reason):
    [f] = lint(tmp_path, text)
    assert where([f]) == [("truncated-sentence", line, col)]
    assert f.data["reason"] == reason


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("甲单位\n\n（紧接4版）代表大会选举工作，产生新一届领导班子。\n", 3, 7),
        ("甲单位\n\n（接上页）代表大会选举工作。\n", 3, 6),
        ("甲单位\n\n开展活动。\n\n，全年共接待来访群众1200人次。\n", 5, 1),
    ],
)
def test_flags_paragraph_that_starts_mid_sentence(tmp_path, text, line, col):
    assert where(lint(tmp_path, text)) == [("truncated-sentence", line, col)]


@pytest.mark.parametrize(
    "text",
    [
        "现将2021年工作情况报告如下。（完）",  # a note after the full stop
        "他说：“我们一定要完成任务。”",  # the full stop inside the quotation
        "调处家暴案件1240件，办结率100%……",  # an ellipsis ends the sentence
        "你们准备好了吗？",
        "各位代表：",  # a lead-in
        "一是加强管理；",  # an item of a series
        "（撰稿：王晓明　审稿：李建国）",  # a byline
        "撰稿：王晓明",
        "（2021年12月20日区第一届人民代表大会第一次会议通过）",  # a bracketed note
        "——在米市巷街道第一届居民代表大会第二次会议上",  # a dash-led subtitle
        "关于2021年度工作情况和2022年工作安排的报告",  # a title line (no punctuation at all)
        "（一）坚持党建引领，推进基层治理现代化取得新的进展",  # an enumerated head with a comma
        "（下转6版）",  # only a marker: layout-marker's
        # a title written as a sentence whose last clause opens with a connective, but is whole
        "坚持发展和安全，并行不悖",
        "坚持质量第一，以质取胜",
    ],
)
def test_quiet_on_paragraphs_that_are_complete_or_not_sentences(tmp_path, text):
    assert lint(tmp_path, f"甲单位\n\n{text}\n\n正文第二段。\n") == []
    assert lint(tmp_path, f"甲单位\n\n{text}\n") == []


def test_lead_in_with_comma_before_an_enumerated_paragraph_is_not_cut(tmp_path):
    text = "甲单位\n\n主要原因，\n\n一是老旧小区改造带动人口回流；二是新业态企业集聚。\n"
    assert lint(tmp_path, text, rules=("truncated-sentence", "split-paragraph")) == []


def test_markdown_list_items_headings_tables_code_are_not_sentences(tmp_path):
    text = (
        "# 区妇联工作\n\n"
        "主要工作，\n\n"
        "- 举办好家教好家风宣讲8场\n"
        "- 举办智慧家长大讲堂12期\n\n"
        "## 数据，\n\n"
        "| 项目 | 数量，未 |\n| --- | --- |\n| 宣讲 | 8 |\n\n"
        "```\n示例，未\n```\n\n"
        "<!-- 待补充，未 -->\n\n"
        "全年举办活动20场。\n"
    )
    assert lint(tmp_path, text, "a.md") == []


def test_markdown_title_line_without_heading_markup(tmp_path):
    assert lint(tmp_path, "区妇联2021年工作总结\n\n全年举办活动20场。\n", "a.md") == []


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_a_chronicle_entry_is_a_sentence(tmp_path, name):
    """大事记: a date set off by a space opens each entry; an entry of one clause without its full
    stop is no heading. A month or a date alone is one."""
    text = (
        "大事记\n\n1月\n\n1月5日　区委十届二次全体（扩大）会议召开。\n\n"
        "1月26日　全区安全生产工作会议召开\n\n2月15日—16日　区政协十届一次会议召开\n\n"
        "3月8日\n\n3月　全区启动“清廉拱墅”建设。\n\n全区安全生产工作会议召开\n"
    )
    found = lint(tmp_path, text, name, rules=("truncated-sentence", "space-in-cjk"))
    assert where(found) == [("truncated-sentence", 7, 18), ("truncated-sentence", 9, 21)]


def test_a_sentence_of_clauses_that_is_all_its_section_holds(tmp_path):
    """Between two numbered titles, a line of clauses without its full stop is the section's text
    cut short; the same line followed by text is a title written as a sentence."""
    body = "深化“最多跑一次”改革，企业开办时间压缩至1个工作日"
    text = f"区发改局\n\n（二）营商环境\n\n{body}\n\n（三）价格监测\n\n发布价格信息52期。\n"
    assert where(lint(tmp_path, text)) == [("truncated-sentence", 5, len(body))]
    text = f"区发改局\n\n（二）营商环境\n\n{body}\n\n全年新设企业1.2万户。\n"
    assert lint(tmp_path, text) == []
    text = "区发改局\n\n（二）营商环境\n\n五年来，国民经济保持良好发展势头\n\n（三）价格监测\n\n发布价格信息52期。\n"
    assert where(lint(tmp_path, text)) == [("truncated-sentence", 5, 16)]


def test_markdown_positions(tmp_path):
    text = "# 区消防大队\n\n- 共发生火灾112起，未（下转6版）\n\n全区共接警1504次。无人员伤亡，未\n"
    assert where(lint(tmp_path, text, "a.md")) == [("truncated-sentence", 3, 13), ("truncated-sentence", 5, 18)]


def test_split_paragraph_first_half_is_not_also_truncated(tmp_path):
    text = "甲单位\n\n2021年，分局以党建为引领，真抓实干，有条\n\n不紊地开展各项工作。\n"
    found = lint(tmp_path, text, rules=("truncated-sentence", "split-paragraph"))
    assert [f.rule for f in found] == ["split-paragraph"]


def test_check_start_parameter_turns_off_the_start_check(tmp_path):
    cfg = Config()
    cfg.rules = {"truncated-sentence": {"check_start": False}}
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n（紧接4版）代表大会选举工作。\n", encoding="utf-8")
    assert findings_of([p], ["truncated-sentence"], config=cfg) == []


def test_broken_fixtures(tmp_path):
    md = where(findings_of([FIXTURES / "broken" / "district-womens-federation.md"], ["truncated-sentence"]))
    assert md == [("truncated-sentence", 3, 7)]
    txt = where(findings_of([FIXTURES / "broken" / "street-report.txt"], ["truncated-sentence"]))
    assert txt == [("truncated-sentence", 35, 1), ("truncated-sentence", 39, 34), ("truncated-sentence", 43, 34)]


def test_clean_fixture_is_quiet():
    assert findings_of([FIXTURES / "clean"], BROKEN) == []


def test_markdown_emphasis_footnotes_and_breaks_after_the_full_stop(tmp_path):
    text = (
        "# 甲\n\n**全年完成投资12亿元。**\n\n全年举办活动20场。[^1]\n\n详见附件。<br>\n\n[^1]: 数据来源：区统计局。\n"
    )
    assert lint(tmp_path, text, "a.md") == []
    assert where(lint(tmp_path, "# 甲\n\n*（紧接4版）代表大会选举工作。*\n", "a.md")) == [("truncated-sentence", 3, 8)]


@pytest.mark.parametrize(
    "text",
    [
        "全区开展就业援助，帮扶困难人员就业1200人，其中",
        "区委宣传部联合各街道开展青年交流活动，为青年发展提供支撑，与",
        "全年开展宣讲活动48场，以及",
        # a last clause of a connective and a word: cut after its verb
        "推进城市运行管理“一网统管”，接入视频监控点位1.2万路，并依托",
        "全年新建口袋公园5处，还开展",
    ],
)
def test_a_dangling_connective_at_the_end_is_a_cut(tmp_path, text):
    [f] = lint(tmp_path, f"甲单位\n\n{text}\n")
    assert where([f]) == [("truncated-sentence", 3, len(text))]
    assert f.data["reason"] == "dangling"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_a_paragraph_under_its_subhead_ends_as_a_sentence(tmp_path, name):
    """A paragraph that opens with its 【小标题】 is an entry's text, never a title line: cut short
    between two entries, its last clause is reported; the subhead alone, or a short label after
    it, is no sentence."""
    text = (
        "区财政局\n\n【预算管理】全年开展财政重点绩效评价项目42个，涉及资金15.37亿元。\n\n"
        "【国库管理】深化预算管理一体化改革，全年办理国库集中支付业务4.8万笔，支付金额\n\n"
        "【政府采购】全年完成政府采购预算金额21.64亿元。\n\n【概况】\n\n【获奖情况】省级先进集体\n"
    )
    assert where(lint(tmp_path, text, name)) == [("truncated-sentence", 5, 40)]  # 额
