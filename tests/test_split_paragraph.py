"""split-paragraph: one paragraph broken in two by a blank line, with the fix that joins it."""

from functools import lru_cache

import pytest
from conftest import FIXTURES, SEED, where
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint.config import Config
from yblint.engine import lint as run_lint
from yblint.fixing import apply_fixes, select_fixes
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading.source import Source
from yblint.registry import Registry

RULE = ["split-paragraph"]


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry.load(Config().rules_dirs)


def findings_of(paths, select=RULE, config=None):
    return run_lint([str(p) for p in paths], config or Config(), registry(), select=select).findings


def lint(tmp_path, text: str, name: str = "a.txt", rules=RULE):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return findings_of([p], list(rules))


def fixed(findings) -> str:
    doc = findings[0].document
    taken, left = select_fixes(findings, doc)
    assert left == []
    return apply_fixes(doc, taken)[0]


def test_seed_page_split_paragraphs():
    found = findings_of([SEED])
    assert where(found) == [
        ("split-paragraph", 39, 167),
        ("split-paragraph", 65, 98),
        ("split-paragraph", 107, 14),
        ("split-paragraph", 149, 101),
        ("split-paragraph", 187, 32),
    ]
    assert [f.data["kind"] for f in found] == ["word", "word", "word", "continuing", "word"]
    assert [f.data["word"] for f in found] == ["发展", "活动", "提升", None, "有条不紊"]
    assert [f.location.text for f in found] == ["发", "活", "提", "，", "有条"]
    # the second half is reported too, and the message says where to join
    assert [(r.range()[0], r.range()[1], r.text) for f in found for r in f.related] == [
        (41, 1, "展"),
        (67, 1, "动"),
        (109, 1, "升"),
        (151, 1, "设"),
        (189, 1, "不紊"),
    ]
    assert "词语“发展”被空行拆成两半" in found[0].message and "第41行" in found[0].message
    assert "以“，”结束" in found[3].message and "第151行" in found[3].message


def test_seed_page_fixes_join_the_halves():
    found = findings_of([SEED])
    out = fixed(found)
    for joined in (
        "建立民企发展顾问制度",
        "等品牌活动，以活动为契机",
        "城市功能实现新提升。全面推进",
        "在我区布局，设立杭州润达",
        "真抓实干，有条不紊地开展",
    ):
        assert joined in out
    assert out.count("\n") == SEED.read_text(encoding="utf-8").count("\n") - 10
    edits = [e.to_dict() for f in found for e in f.fix.edits]
    assert edits[0] == {"line": 39, "column": 168, "end_line": 41, "end_column": 1, "replacement": ""}


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("2021年，区妇联开设专栏，全力推动数智妇联建", "设，开展系列活动26场。", "word"),
        ("2021年末，辖区常住人口由八万人增加到二千四百万", "人，其中新增流动人口1.2万人。", "number"),
        ("全年实现税收收入12.5亿元，", "同比增长8.6%。", "continuing"),
        ("全年实现税收收入12.5亿元", "，同比增长8.6%。", "punct"),
        ("空气质量持续改善，细颗粒物（PM", "2.5）浓度下降9.1%。", "token"),
        ("与区法院建立合作机制，并与", "区司法局签订合作协议。", "dangling"),
        ("2021年，区妇联出台《关于加强家庭教育工作的实施意见", "》，推动家庭教育进社区。", "bracket"),
        # one character, then a figure: the end of a word jieba does not know (测试场)
        ("推进智能网联汽车产业集聚，建成智能网联汽车测试", "场1处，开放测试道路36.5千米。", "dangling"),
    ],
)
def test_flags_and_joins(tmp_path, first, second, kind):
    text = f"甲单位\n\n{first}\n\n{second}\n"
    [f] = lint(tmp_path, text)
    assert f.data["kind"] == kind
    assert f.location.range()[0] == 3 and f.related[0].range()[:2] == (5, 1)
    assert f.location.end == f.document.text.index(first) + len(first)
    assert fixed([f]) == f"甲单位\n\n{first}{second}\n"


def test_three_parts_with_a_bracket_over_them(tmp_path):
    found = lint(tmp_path, "甲单位\n\n空气质量持续改善，细颗粒物（PM\n\n2.5\n\n）年均浓度下降9.1%。\n")
    assert [(f.data["kind"], f.location.range()[0]) for f in found] == [("token", 3), ("bracket", 5)]
    assert fixed(found) == "甲单位\n\n空气质量持续改善，细颗粒物（PM2.5）年均浓度下降9.1%。\n"


def test_markdown_loose_list_item_and_indentation(tmp_path):
    text = "# 甲单位\n\n- 成功举办全球合作伙伴大会等品牌活\n\n  动，擦亮园区名片。\n"
    [f] = lint(tmp_path, text, "a.md")
    assert where([f]) == [("split-paragraph", 3, 18)]
    assert fixed([f]) == "# 甲单位\n\n- 成功举办全球合作伙伴大会等品牌活动，擦亮园区名片。\n"


def test_crlf_file_is_joined_with_its_own_line_endings(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("甲单位\r\n\r\n2021年，与23个部门联合建立民企发\r\n\r\n展顾问制度。\r\n".encode())
    [f] = findings_of([p])
    assert fixed([f]) == "甲单位\r\n\r\n2021年，与23个部门联合建立民企发展顾问制度。\r\n"


@pytest.mark.parametrize(
    "text",
    [
        # a heading-like line without punctuation, then the body
        "第一，全国动员，大办农业\n\n农业是国民经济的基础。",
        "调整国民经济的任务已经基本完成，并将进入一个新的发展时期\n\n周总理指出，我国国民经济全面好转。",
        # a lead-in, an item of a series, a complete sentence
        "主要做法如下：\n\n成立工作专班，定期会商。",
        "一、物资消耗高而长期亏损的企业；\n\n二、产品大量积压的企业；",
        "全年新增就业1500人。\n\n人才工作取得新成效。",
        # a lead-in with a comma before enumerated items
        "主要原因，\n\n一是企业管理体制不顺；二是历史包袱沉重。",
        "为了加快农业的发展，\n\n（一）继续执行正确的农村政策。",
        # a byline or a note follows
        "全年举办活动20场，\n\n（撰稿：王晓明　审稿：李建国）",
        # a continuation note: the text went to another page, not to the next paragraph
        "共发生火灾112起，无人员伤亡，未（下转6版）\n\n全区消防安全形势平稳。",
        # two complete words that form a compound are not a cut word
        "全力推进经济\n\n发展方式转变取得成效。",
        # a number that belongs to a word
        "实现祖国统一\n\n年内完成各项任务。",
        # a word of its own before a figure opens the next paragraph (在1979年…, 第3…, 共12家…)
        "调整国民经济的任务已经基本完成\n\n在1979年6月五届人大二次会议上，国务院提出调整方针。",
        "坚持稳中求进工作总基调\n\n共12家企业入选省级名单。",
        # a table's source note, then the next table's caption (表2: a character and a figure)
        "资料来源：区统计局\n\n表2　2025年末南湖区经营主体构成",
        "数据来源：区市场监管局\n\n表3 2024—2025年主要经济指标",
        "全区建成5G基站1200个\n\n图1-2　2021—2025年5G基站数",
    ],
)
def test_quiet_on_paragraphs_that_are_not_one(tmp_path, text):
    assert lint(tmp_path, f"甲单位\n\n{text}\n") == []


def test_not_across_units_or_blocks(tmp_path):
    assert lint(tmp_path, "甲单位\n\n2021年，与23个部门联合建立民企发\n\n乙单位\n\n展顾问制度。\n") == []
    md = "# 甲\n\n主要工作，\n\n- 举办宣讲8场\n- 举办讲堂12期\n\n| 项目，未 | 数 |\n| --- | --- |\n| 宣讲 | 8 |\n"
    assert lint(tmp_path, md, "a.md") == []


def test_tight_markdown_list_items_are_not_joined(tmp_path):
    text = "# 甲\n\n- 举办好家教好家风宣讲8场，\n- 举办智慧家长大讲堂12期\n"
    assert lint(tmp_path, text, "a.md") == []


def test_word_boundaries_parameter(tmp_path):
    cfg = Config()
    cfg.rules = {"split-paragraph": {"word_boundaries": False}}
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n2021年，与23个部门联合建立民企发\n\n展顾问制度。\n", encoding="utf-8")
    assert findings_of([p], config=cfg) == []


def test_broken_fixtures():
    md = findings_of([FIXTURES / "broken" / "district-womens-federation.md"])
    assert where(md) == [("split-paragraph", 7, 40)]
    txt = findings_of([FIXTURES / "broken" / "street-report.txt"])
    assert where(txt) == [
        ("split-paragraph", 13, 41),
        ("split-paragraph", 15, 29),
        ("split-paragraph", 23, 16),
        ("split-paragraph", 25, 3),
        ("split-paragraph", 27, 34),
    ]
    assert [f.data["kind"] for f in txt] == ["continuing", "number", "token", "bracket", "dangling"]


# sentences from the seed page that end with 。: cut anywhere, joining must give them back
SENTENCES = [
    "举办6场“亲清直通车、政企恳谈会”，与23个部门联合建立民企发展顾问制度。",
    "2021年，规划资源拱墅分局以党建为引领，精心谋划、真抓实干，有条不紊地开展各项工作。",
    "成功举办浙江省数字医疗健康产业杭州峰会、区块链服务网络（BSN）全球合作伙伴大会等品牌活动。",
    "有效发挥上市公司作用，牵引上下游企业在我区布局，设立杭州润达等12家生物医疗科技类公司。",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SENTENCES), st.data())
def test_the_fix_gives_back_the_unbroken_paragraph(sentence, data):
    # a short first half without punctuation would be read as a unit heading (see units.py)
    cut = data.draw(st.integers(min_value=21, max_value=len(sentence) - 2))
    first, second = sentence[:cut], sentence[cut:]
    text = f"甲单位\n\n{first}\n\n{second}\n"
    doc = build_document(Source(path="a.txt", text=text, encoding="utf-8", format="text"))
    check = registry().checks(Config(), [registry().defs["split-paragraph"]])[0]
    found = list(check.run(Corpus(documents=[doc])))
    if first[-1] in "，、":
        assert found, first  # a paragraph never ends with a comma
    for f in found:
        assert f.location.range()[0] == 3 and f.related[0].range()[0] == 5
        assert fixed(found) == f"甲单位\n\n{sentence}\n"


def test_short_first_half_that_reads_like_a_heading(tmp_path):
    # 与23个部门联合建立民企发 is short and has no punctuation, so the plain-text rule takes it for a
    # unit heading; the word cut across the blank line shows it is the first half of a paragraph
    text = "区工商联\n\n举办6场恳谈会。\n\n与23个部门联合建立民企发\n\n展顾问制度。打造民营智慧工人之家。\n"
    found = lint(tmp_path, text)
    assert where(found) == [("split-paragraph", 5, 13)]
    assert found[0].data["word"] == "发展"
    assert fixed(found) == text.replace("民企发\n\n展", "民企发展")


@pytest.mark.parametrize(
    "text",
    [
        "区妇联\n\n深化思想政治引领。开展宣讲43场。\n",
        "城中村指挥部\n\n今年以来，指挥部推进六大专项行动。\n",
        "区城投集团\n\n2021年，集团推进100余个建设项目。\n",
        "# 民企发\n\n展顾问制度。\n",
    ],
)
def test_real_headings_are_not_joined_to_their_text(tmp_path, text):
    name = "a.md" if text.startswith("#") else "a.txt"
    assert lint(tmp_path, text, name) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a date, then a comma: a new sentence (and here another unit's work), not the rest of this one
        ("区委宣传部联合各街道开展青年交流活动，为青年发展提供支撑，与", "2021年，区妇联开展家庭教育宣讲48场。"),
        ("全年共举办青年交流活动26场，", "2021年，区妇联开展家庭教育宣讲48场。"),
        ("与区法院建立合作机制，并与", "11月，区司法局召开年度工作会议。"),
        ("全年开展宣讲活动，并与", "2021年5月28日，区妇联召开第三次代表大会。"),
        ("全年开展宣讲活动，", "今年以来，区妇联共开展宣讲48场。"),
        # a heading-like start: a body named before a colon, a bracketed title
        ("全年开展宣讲活动，为青年发展提供支撑，与", "区妇联：全年开展家庭教育宣讲48场。"),
        ("全年开展宣讲活动，为青年发展提供支撑，与", "【家庭教育】全年开展宣讲48场。"),
    ],
)
def test_no_join_when_the_second_half_starts_a_new_sentence(tmp_path, first, second):
    found = lint(tmp_path, f"甲单位\n\n{first}\n\n{second}\n", rules=("split-paragraph", "truncated-sentence"))
    assert where(found) == [("truncated-sentence", 3, len(first))]


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("全区开展就业援助，帮扶困难人员就业1200人，其中", "女性720人，占60%。", "dangling"),
        ("加快老旧小区改造，并在", "2021年底前全面完成38个小区的改造任务。", "dangling"),
        ("全年实现税收收入12.5亿元，", "较2020年增长8.6%。", "continuing"),
        ("与区法院建立合作机制，并与", "区司法局签订合作协议。", "dangling"),
        ("全区共有规模以上企业120家，", "其中：国有企业20家，民营企业100家。", "continuing"),
    ],
)
def test_join_when_the_second_half_continues_the_sentence(tmp_path, first, second, kind):
    [f] = lint(tmp_path, f"甲单位\n\n{first}\n\n{second}\n", rules=("split-paragraph", "truncated-sentence"))
    assert (f.rule, f.data["kind"]) == ("split-paragraph", kind)
