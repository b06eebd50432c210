from pathlib import Path

from conftest import SEED, doc_of
from hypothesis import given
from hypothesis import strategies as st

from yblint.model import CODE, HEADING, HTML, LIST_ITEM, PROSE, TABLE
from yblint.parsing import build_document
from yblint.parsing.sentences import sentence_spans
from yblint.parsing.units import UnitOptions, is_plain_heading
from yblint.reading import read_source

SEED_UNITS = [
    "团区委",
    "区妇联",
    "区工商联",
    "区残联",
    "区红十字会",
    "区数产园管委会",
    "区科技工业区管委会",
    "区城建发展中心",
    "城中村指挥部",
    "拱宸桥指挥部",
    "区运河指挥部",
    "区城投集团",
    "区国投集团",
    "区市政公司",
    "拱投资",
    "区税务局",
    "规划资源拱墅分局",
    "生态环境拱墅分局",
    "交警拱墅大队",
    "区消防大队",
]


def test_seed_page_splits_into_its_20_units_plus_the_leading_fragment():
    doc = doc_of(SEED)
    assert doc.units[0].heading is None and doc.units[0].name == ""
    assert [u.name for u in doc.units[1:]] == SEED_UNITS
    lines = {u.name: (u.line, u.end_line) for u in doc.units}
    assert lines[""] == (3, 13)
    assert lines["拱投资"] == (159, 171)
    assert lines["区城投集团"] == (125, 139)
    assert lines["区消防大队"] == (215, 217)


def test_every_span_maps_back_to_its_text():
    doc = doc_of(SEED)
    for p in doc.paragraphs:
        line, col = doc.lines.position(p.start)
        raw_line = doc.text.splitlines()[line - 1]
        assert raw_line[col - 1 :].startswith(p.text.splitlines()[0])
        for s in p.sentences:
            assert p.start <= s.start < s.end <= p.end
            assert doc.text[s.start : s.end] == s.text


def test_sentence_splitting_keeps_closing_quotes_and_brackets():
    text = "他说：“好。”然后走了！（完。）还有……最后一句"
    parts = [text[s:e] for s, e in sentence_spans(text)]
    assert parts == ["他说：“好。”", "然后走了！", "（完。）", "还有……", "最后一句"]
    text = "甲；乙？丙!  丁"
    parts = [text[s:e] for s, e in sentence_spans(text)]
    assert parts == ["甲；", "乙？", "丙!", "丁"]


def test_plain_heading_rule():
    opts = UnitOptions()
    assert is_plain_heading("区科技工业区管委会", opts)
    assert is_plain_heading("一、2024年工作回顾", opts)
    assert is_plain_heading("区工商联（总商会）", opts)
    assert not is_plain_heading("不紊地开展各项工作。", opts)
    assert not is_plain_heading("各位代表：", opts)
    assert not is_plain_heading("（紧接4版）", opts)
    assert not is_plain_heading("2021", opts)
    assert not is_plain_heading("这是一个超过二十个字的很长很长的并没有标点的行文字", opts)
    assert is_plain_heading("这是一个超过二十个字的很长很长的并没有标点的行文字", UnitOptions(max_heading_chars=30))


def test_heading_pattern_overrides_the_short_line_rule(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("【团区委】\n\n正文一。\n\n区妇联\n\n正文二。\n", encoding="utf-8")
    import re

    doc = build_document(read_source(str(p)), UnitOptions(heading_pattern=re.compile(r"【.+】")))
    assert [u.name for u in doc.units] == ["【团区委】"]
    assert len(doc.units[0].paragraphs) == 3


MD = """# 2021年卷

## 团区委

正文第一段，
续行。

- 列表项一。
- 列表项二

| 项目 | 数量 |
| --- | --- |
| 甲 | 1 |

```
code 不检查
```

<!-- 注释 -->

> 引文。
"""


def test_markdown_blocks_kinds_and_positions(tmp_path: Path):
    doc = doc_of(tmp_path / "a.md", MD)
    kinds = [(p.kind, p.line) for p in doc.paragraphs]
    assert kinds == [
        (HEADING, 1),
        (HEADING, 3),
        (PROSE, 5),
        (LIST_ITEM, 8),
        (LIST_ITEM, 9),
        (TABLE, 11),
        (CODE, 15),
        (HTML, 19),
        (PROSE, 21),
    ]
    assert [u.name for u in doc.units] == ["2021年卷", "团区委"]
    heading = doc.paragraphs[1]
    assert heading.text == "团区委"
    assert doc.lines.position(heading.start) == (3, 4)
    item = doc.paragraphs[3]
    assert item.text == "列表项一。"
    assert doc.lines.position(item.start) == (8, 3)
    assert doc.paragraphs[2].text == "正文第一段，\n续行。"
    assert len(doc.paragraphs[2].sentences) == 1
    assert doc.paragraphs[-1].text == "引文。"


def test_markdown_crlf_positions(tmp_path: Path):
    p = tmp_path / "a.md"
    p.write_bytes(MD.replace("\n", "\r\n").encode())
    doc = build_document(read_source(str(p)))
    assert [(q.kind, q.line) for q in doc.paragraphs][:4] == [(HEADING, 1), (HEADING, 3), (PROSE, 5), (LIST_ITEM, 8)]
    assert doc.paragraphs[3].text == "列表项一。"


def test_text_before_first_markdown_heading_is_its_own_unit(tmp_path: Path):
    doc = doc_of(tmp_path / "a.md", "导语。\n\n# 甲\n\n正文。\n")
    assert [(u.name, u.heading is None) for u in doc.units] == [("", True), ("甲", False)]


BOOK = """# 滨江区2023年概况

## 区发改局

### 主要指标

全年完成投资238.6亿元。

### 重点工作

实施项目56个。

## 区教育局

全区共有中小学62所。

#### 附注

数据来源于区统计局。
"""


def test_markdown_sub_headings_stay_inside_their_unit(tmp_path: Path):
    doc = doc_of(tmp_path / "book.md", BOOK)
    assert [(u.name, u.line) for u in doc.units] == [("滨江区2023年概况", 1), ("区发改局", 3), ("区教育局", 13)]
    sub = [p.text for p in doc.units[1].paragraphs if p.kind == HEADING]
    assert sub == ["主要指标", "重点工作"]
    assert doc.units[1].end_line == 11


CHAPTERS = """# 综合经济与统计

## 市统计局

全年地区生产总值4862.37亿元。

## 市财政局

一般公共预算收入412.6亿元。

# 商务与开放

## 市商务局

进出口总额1268.54亿元。

# 交通运输

## 交通运输局

### 概况

公路通车里程1.2万公里。
"""


def test_units_under_chapters_are_the_level_that_names_bodies(tmp_path: Path):
    doc = doc_of(tmp_path / "book.md", CHAPTERS)
    names = [u.name for u in doc.units]
    assert names == ["综合经济与统计", "市统计局", "市财政局", "商务与开放", "市商务局", "交通运输", "交通运输局"]
    assert [p.text for p in doc.units[-1].paragraphs if p.kind == HEADING] == ["概况"]  # ### stays inside


def test_heading_level_can_be_set(tmp_path: Path):
    p = tmp_path / "book.md"
    p.write_text(BOOK, encoding="utf-8")
    doc = build_document(read_source(str(p)), UnitOptions(heading_level=3))
    assert [u.name for u in doc.units] == ["滨江区2023年概况", "区发改局", "主要指标", "重点工作", "区教育局"]


def test_one_unit_under_a_title_and_a_file_of_one_unit(tmp_path: Path):
    doc = doc_of(tmp_path / "a.md", "# 2021年卷\n\n## 团区委\n\n正文。\n")
    assert [u.name for u in doc.units] == ["2021年卷", "团区委"]
    # a unit's own draft: its name once over its sections, which name no body: one unit
    doc = doc_of(tmp_path / "b.md", "# 区发改局\n\n## 主要指标\n\n正文。\n\n## 重点工作\n\n正文。\n")
    assert [u.name for u in doc.units] == ["区发改局"]
    assert [p.text for p in doc.units[0].paragraphs if p.kind == HEADING] == ["主要指标", "重点工作"]


def test_a_units_own_draft_is_one_unit_whatever_its_sections(tmp_path: Path):
    sections = "\n\n## 概况\n\n常住人口7.14万人。\n\n## 经济发展\n\n税收12.6亿元。\n"
    # named as a body (…街道, …局), or as the file is
    assert [u.name for u in doc_of(tmp_path / "x.md", "# 运河街道" + sections).units] == ["运河街道"]
    assert [u.name for u in doc_of(tmp_path / "运河街道.md", "# 2022年运河街道工作" + sections).units] == [
        "2022年运河街道工作"
    ]
    # a title that names no body over sections: the sections are the units, as before
    assert [u.name for u in doc_of(tmp_path / "y.md", "# 2022年卷" + sections).units] == [
        "2022年卷",
        "概况",
        "经济发展",
    ]
    # a body's name over bodies: a book of units (## 区妇联, ## 团区委 under # 拱墅区人民政府)
    book = "# 拱墅区人民政府\n\n## 区妇联\n\n正文。\n\n## 团区委\n\n正文。\n"
    assert [u.name for u in doc_of(tmp_path / "z.md", book).units] == ["拱墅区人民政府", "区妇联", "团区委"]
    # two bodies at the top: each its own unit, their sections inside
    two = "# 区妇联\n\n## 概况\n\n正文。\n\n# 团区委\n\n## 概况\n\n正文。\n"
    assert [u.name for u in doc_of(tmp_path / "w.md", two).units] == ["区妇联", "团区委"]


def test_a_table_caption_is_no_unit_heading(tmp_path: Path):
    text = (
        "市交通运输局\n\n全年完成货运量1.2亿吨。\n\n表1　2024年分运输方式货运量\n\n公路货运量0.9亿吨。\n\n"
        "表　各县货运量\n\n图2 货运量变化\n"
    )
    doc = doc_of(tmp_path / "a.txt", text)
    assert [u.name for u in doc.units] == ["市交通运输局"]


def test_joint_units_and_lines_ending_in_a_list_mark(tmp_path: Path):
    doc = doc_of(tmp_path / "a.txt", "区委宣传部、区文明办\n\n开展宣讲。\n\n举办活动、\n\n展览12场。\n")
    assert [u.name for u in doc.units] == ["区委宣传部、区文明办"]


def test_bold_lines_are_unit_headings_only_in_markdown_without_headings(tmp_path: Path):
    doc = doc_of(tmp_path / "a.md", "**团区委**\n\n开展宣讲。\n\n**区妇联**\n\n举办活动。\n")
    assert [(u.name, u.line) for u in doc.units] == [("团区委", 1), ("区妇联", 5)]
    doc = doc_of(tmp_path / "b.md", "## 团区委\n\n**主要做法**\n\n开展宣讲。\n\n## 区妇联\n\n举办活动。\n")
    assert [u.name for u in doc.units] == ["团区委", "区妇联"]
    doc = doc_of(tmp_path / "c.md", "**全年开展宣讲活动，覆盖群众。**\n\n正文。\n")
    assert [u.name for u in doc.units] == [""]


PARTS = """区妇联

一、概况

区妇联下设3个部门。

二、主要工作

开展活动43场次。

区城投集团

（一）概况

年末资产总额235.6亿元。

（二）主要工作

完成投资48.6亿元。
"""


def test_numbered_headings_under_a_units_name_are_its_parts(tmp_path: Path):
    """一、概况 / 二、主要工作 under 区妇联: headings inside the unit (no sentences), as a Markdown
    sub-heading is, so that a finding names 区妇联, not 二、主要工作."""
    doc = doc_of(tmp_path / "a.txt", PARTS)
    assert [(u.name, u.line) for u in doc.units] == [("区妇联", 1), ("区城投集团", 11)]
    parts = [p.text for p in doc.units[1].paragraphs if p.kind == HEADING]
    assert parts == ["（一）概况", "（二）主要工作"]
    assert all(not p.sentences for p in doc.units[0].paragraphs if p.kind == HEADING)


def test_numbering_that_starts_again_makes_parts_under_any_name(tmp_path: Path):
    """拱投资 names no body by its ending, but the numbering starts again under 拱建设: parts."""
    text = "拱投资\n\n一、概况\n\n成立于2015年。\n\n拱建设\n\n一、概况\n\n成立于2016年。\n"
    doc = doc_of(tmp_path / "a.txt", text)
    assert [u.name for u in doc.units] == ["拱投资", "拱建设"]


def test_numbered_headings_of_one_numbering_still_head_units(tmp_path: Path):
    """A report's 一、二、三、 under its title and its speaker, numbered once, and numbered headings
    with no heading above them, head units of their own, as before."""
    report = "政府工作报告\n\n李强\n\n各位代表：\n\n一、工作回顾\n\n过去一年很不平凡。\n\n二、总体要求\n\n今年发展。\n"
    doc = doc_of(tmp_path / "r.txt", report)
    assert [u.name for u in doc.units] == ["政府工作报告", "李强", "一、工作回顾", "二、总体要求"]
    doc = doc_of(tmp_path / "n.txt", "一、团区委\n\n开展宣讲。\n\n二、区妇联\n\n举办活动。\n")
    assert [u.name for u in doc.units] == ["一、团区委", "二、区妇联"]


def test_a_units_own_draft_named_for_it_has_parts(tmp_path: Path):
    """拱投资.txt opens with 拱投资 (no body's ending) and numbers its parts once: the file is
    named for the unit, so they are its parts; the same text under another file name keeps them
    as units."""
    text = "拱投资\n\n一、概况\n\n成立于2015年。\n\n二、主要工作\n\n完成投资4.8亿元。\n"
    assert [u.name for u in doc_of(tmp_path / "2021-拱投资-定稿.txt", text).units] == ["拱投资"]
    assert [u.name for u in doc_of(tmp_path / "a.txt", text).units] == ["拱投资", "一、概况", "二、主要工作"]


def test_a_units_own_draft_without_a_heading_is_named_by_its_file(tmp_path: Path):
    """A draft a unit, its text with no heading (the unit's name is the file's): the unit is the
    file's name once an ordinal, years and the draft's stage are taken out; a file named for no
    unit (a.txt, chapter-15.md) keeps an untitled unit, and a draft with headings its own."""
    body = "全年开展宣讲43场。\n\n举办活动120场，服务妇女儿童5万人次。\n"
    for name, unit in [
        ("01-团区委.txt", "团区委"),
        ("区妇联2021定稿.txt", "区妇联"),
        ("12. 区民政局 2021年度.md", "区民政局"),
        ("区委办公室、区政府办公室.txt", "区委办公室、区政府办公室"),
        ("a.txt", ""),
        ("chapter-15.md", ""),
        ("00-2025-00.txt", ""),
    ]:
        assert [u.name for u in doc_of(tmp_path / name, body).units] == [unit], name
    assert [u.name for u in doc_of(tmp_path / "01-团区委.txt", "区妇联\n\n" + body).units] == ["区妇联"]
    two = doc_of(tmp_path / "01-团区委.txt", body + "\n区妇联\n\n举办活动。\n")
    assert [u.name for u in two.units] == ["", "区妇联"]  # the opening of a book's file stays untitled


def test_numbered_bodies_under_chapters_head_units(tmp_path: Path):
    """工业 / 一、区经信局 / 二、区商务局 / 农业 / 一、区农业农村局: the numbering starts again,
    but the numbered headings name bodies and the chapters do not: they head units."""
    lines = ["工业", "一、区经信局", "完成产值。", "二、区商务局", "完成销售。"]
    text = "\n\n".join([*lines, "农业", "一、区农业农村局", "完成播种。"]) + "\n"
    doc = doc_of(tmp_path / "a.txt", text)
    assert [u.name for u in doc.units] == ["工业", "一、区经信局", "二、区商务局", "农业", "一、区农业农村局"]


LINES = st.lists(
    st.sampled_from(
        [
            "区妇联",
            "拱投资",
            "工业",
            "一、概况",
            "二、主要工作",
            "（一）组织建设",
            "1. 主要指标",
            "一、区经信局",
            "开展活动43场次。",
            "全年完成投资4.8亿元。",
            "表1　主要指标",
            "第3页",
        ]
    ),
    min_size=1,
    max_size=25,
)


@given(LINES, st.sampled_from(["a.txt", "拱投资.txt"]))
def test_units_and_their_parts_hold_every_paragraph_once(lines, name):
    """Whatever the headings and their numbers, every paragraph stands in one unit, in order; a
    unit is named by its heading's line; a part's heading is a heading inside its unit."""
    import tempfile

    path = Path(tempfile.mkdtemp()) / name
    doc = doc_of(path, "\n\n".join(lines) + "\n")
    inside = [p for u in doc.units for p in ([u.heading] if u.heading else []) + u.paragraphs]
    assert [p.index for p in inside] == [p.index for p in doc.paragraphs]
    for u in doc.units:
        assert u.heading is None or u.name == u.heading.text.strip()
        assert all(p.unit is u for p in u.paragraphs)
