"""Sentences typed inside Word table cells are linted as prose (a 供稿单 whose entry is typed in a
cell, a column of remarks), while a data table stays one TABLE block: its 合计 row is checked by
inconsistent-total and read by no prose rule. Positions stay the row's paragraph number and the
character along the row; ``yblint annotate`` anchors on the cell's characters."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import findings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint.config import Config
from yblint.engine import lint
from yblint.finding import Edit, Finding, Fix, Location
from yblint.model import HEADING, PROSE, TABLE
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.reading.docx import read_docx
from yblint.reading.docx_tables import is_sentence

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402


def make(path: Path, items: list, *, note: str | None = None) -> Path:
    """A .docx: a str is a body paragraph; ("table", rows) a table whose cells' paragraphs are
    separated by ¶; ``note`` a last row of the last table merged across it."""
    d = docx.Document()
    for item in items:
        if isinstance(item, str):
            d.add_paragraph(item)
            continue
        rows = item[1]
        table = d.add_table(rows=len(rows) + (note is not None), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                first, *more = value.split("¶")
                cell = table.cell(r, c)
                cell.text = first
                for extra in more:
                    cell.add_paragraph(extra)
        if note is not None:
            merged = table.cell(len(rows), 0).merge(table.cell(len(rows), len(rows[0]) - 1))
            merged.text = note
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def found(path: Path, select: list[str] | None = None) -> list[tuple[str, int, int, str]]:
    """(rule, paragraph, character, excerpt) of each finding."""
    return [(f.rule, *f.location.range()[:2], f.location.text) for f in findings_of([path], select=select)]


def blocks(path: Path) -> list[tuple[str, int, str]]:
    doc = build_document(read_source(str(path)))
    return [(p.kind, p.line, p.text) for p in doc.paragraphs]


ENTRY = "今年，我区妇联截止10月底共开展家庭教育讲座20场（其中线上12场，1-9月服务家庭3000户。"
FORM = ["拱墅年鉴（2022）供稿单", ("table", [["供稿单位", "区妇联"], ["条目内容", ENTRY]])]
#: what the entry gives as a body paragraph and in the form's cell: rule, character in the entry
ENTRY_FINDINGS = [
    ("relative-time", 1, "今年"),
    ("first-person", 4, "我区"),
    ("cutoff-date", 8, "截止"),
    ("partial-period", 8, "截止10月底"),
    ("unbalanced-punctuation", 26, "（"),
    ("number-range", 35, "1-9"),
    ("partial-period", 35, "1-9月"),
]


# --- which cells are prose ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年开展讲座20场。",
        "服务家庭3000户；",
        "评选“最美家庭”30户。”",
        "全年开展志愿服务活动120场，参与青年3000人次",  # long, clauses, no stop
        "注：本表数据截止2021年10月底，不含民办学校。",
    ],
)
def test_a_sentence_is_prose(text: str):
    assert is_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "项目",
        "合计",
        "21",
        "3.5%",
        "截止10月底",
        "今年新开工5个",
        "含续建项目",
        "张三；李四",
        "1,000。",
        "区城投集团，区住建局",
    ],
)
def test_headers_figures_and_short_phrases_are_table_text(text: str):
    assert not is_sentence(text)


# --- a 供稿单: the entry typed in a cell --------------------------------------------------------


def test_an_entry_in_a_form_cell_gives_what_it_gives_as_a_body_paragraph(tmp_path: Path):
    form = make(tmp_path / "form" / "区妇联供稿单.docx", FORM)
    body = make(tmp_path / "body" / "区妇联供稿单.docx", ["拱墅年鉴（2022）供稿单", "区妇联", ENTRY])
    offset = len("条目内容\t")  # the row reads 条目内容⇥今年，…: characters count along the row
    assert found(form) == [(rule, 3, offset + col, text) for rule, col, text in ENTRY_FINDINGS]
    assert found(body) == [(rule, 3, col, text) for rule, col, text in ENTRY_FINDINGS]
    in_form = findings_of([form])
    assert {f.location.unit.name for f in in_form if f.location.unit} == {"区妇联"}
    # the messages are the body paragraph's (its 第3段 included)
    assert [f.message for f in in_form] == [f.message for f in findings_of([body])]
    doc = build_document(read_source(str(form)))
    assert [u.name for u in doc.units] == ["拱墅年鉴（2022）供稿单", "区妇联"]
    assert [(p.kind, p.line, p.text) for p in doc.paragraphs] == [
        (HEADING, 1, "拱墅年鉴（2022）供稿单"),
        (TABLE, 2, "供稿单位"),
        (HEADING, 2, "区妇联"),  # the unit's name after its label heads the unit
        (TABLE, 3, "条目内容"),
        (PROSE, 3, ENTRY),
    ]
    assert read_source(str(form)).text.split("\n")[1:] == ["供稿单位\t区妇联", f"条目内容\t{ENTRY}"]


def test_paragraphs_of_a_cell_are_paragraphs_labels_and_titles_are_not_units(tmp_path: Path):
    rows = [
        ["供稿单位", "区工商联"],
        ["条目标题", "民营经济"],
        ["条目内容", "全年与23个部门联合建立民企发¶展顾问制度，服务企业200家。¶今年新增会员120家。"],
        ["撰稿人", "张三"],
    ]
    path = make(tmp_path / "a.docx", ["拱墅年鉴（2022）供稿单", ("table", rows)])
    doc = build_document(read_source(str(path)))
    assert [(p.kind, p.line, p.text) for p in doc.paragraphs][1:] == [
        (TABLE, 2, "供稿单位"),
        (HEADING, 2, "区工商联"),
        (TABLE, 3, "条目标题\t民营经济"),  # a title beside its label: table text, no unit
        (TABLE, 4, "条目内容"),
        (HEADING, 4, "全年与23个部门联合建立民企发"),  # short: read as a body paragraph would be
        (PROSE, 4, "展顾问制度，服务企业200家。"),
        (PROSE, 4, "今年新增会员120家。"),
        (TABLE, 5, "撰稿人\t张三"),
    ]
    # a word cut by a paragraph break inside the cell, as between body paragraphs
    [split] = findings_of([path], select=["split-paragraph"])
    assert split.location.range()[:2] == (4, 20) and split.location.text == "发"
    assert split.data["second"] == {"line": 4, "column": 22}
    assert found(path, ["relative-time"]) == [("relative-time", 4, 38, "今年")]


def test_a_form_s_instructions_are_not_linted(tmp_path: Path):
    rows = [
        ["供稿单位", "区妇联"],
        ["填表说明", "请使用第三人称，不写“我区”“今年”，数据截止12月31日。"],
        ["条目内容", "全区开展家庭教育讲座20场。"],
        ["注意事项：今年的条目请于1月底前报送，截止日期后不再受理。", ""],
    ]
    path = make(tmp_path / "a.docx", ["供稿单", ("table", rows)])
    assert found(path, ["ALL"]) == []
    # the same sentence as the entry is linted
    rows[2][1] = "我区开展家庭教育讲座20场。"
    path = make(tmp_path / "b.docx", ["供稿单", ("table", rows)])
    assert found(path, ["ALL"]) == [("first-person", 4, 6, "我区")]


def test_a_layout_table_of_units_reads_as_units_and_their_text(tmp_path: Path):
    rows = [
        ["单位", "主要工作"],
        ["团区委", "全年开展志愿服务活动120场，参与青年3000人次。¶今年新建青年之家5个。"],
        ["区妇联", "我区妇联开展家庭教育讲座20场，服务家庭3000户。"],
    ]
    path = make(tmp_path / "a.docx", ["2021年各单位工作", ("table", rows)])
    doc = build_document(read_source(str(path)))
    assert [u.name for u in doc.units] == ["2021年各单位工作", "团区委", "区妇联"]
    fs = findings_of([path], select=["ALL"])
    assert [(f.rule, *f.location.range()[:2], f.location.unit.name) for f in fs] == [
        ("relative-time", 3, 32, "团区委"),
        ("first-person", 4, 5, "区妇联"),
    ]


# --- data tables ----------------------------------------------------------------------------


def test_a_data_table_with_a_total_stays_one_table_and_no_prose_rule_reads_it(tmp_path: Path):
    rows = [
        ["单位", "项目数（个）", "备注"],
        ["区城投集团", "12", "截止10月底"],
        ["区住建局", "8", "含续建项目¶今年新开工5个"],
        ["区交通局", "5", "今年新开工3个，截止10月底完成投资2亿元。"],  # a sentence in a data table
        ["合计", "30", ""],
    ]
    path = make(tmp_path / "a.docx", ["区发改局", "全区重点项目情况见下表。", ("table", rows)])
    assert [(k, line) for k, line, _ in blocks(path)] == [(HEADING, 1), (PROSE, 2), (TABLE, 3)]
    # 12 + 8 + 5 = 25, not 30: the total row is still read with the rows it totals
    assert found(path, ["ALL"]) == [("inconsistent-total", 7, 4, "30")]
    rows[4][1] = "25"
    assert found(make(tmp_path / "b.docx", ["区发改局", "全区重点项目情况见下表。", ("table", rows)]), ["ALL"]) == []


def test_a_note_under_a_data_table_is_prose_and_the_table_is_checked_without_it(tmp_path: Path):
    rows = [["学段", "学校数（所）"], ["小学", "32"], ["初中", "18"], ["完全中学", "4"], ["合计", "55"]]
    note = "注：本表数据截止2021年10月底，不含民办学校。"
    path = make(tmp_path / "a.docx", ["区教育局", ("table", rows)], note=note)
    assert blocks(path)[1:] == [
        (TABLE, 2, "学段\t学校数（所）\n小学\t32\n初中\t18\n完全中学\t4\n合计\t55"),
        (PROSE, 7, note),
    ]
    assert found(path) == [
        ("inconsistent-total", 6, 4, "55"),
        ("cutoff-date", 7, 7, "截止"),
        ("partial-period", 7, 7, "截止2021年10月底"),
    ]
    # a note that is no sentence stays in the table (which then has its total in the middle)
    path = make(tmp_path / "b.docx", ["区教育局", ("table", rows)], note="注：不含民办学校")
    assert [(k, line) for k, line, _ in blocks(path)] == [(HEADING, 1), (TABLE, 2)]


def test_a_list_with_a_column_of_remarks_lints_the_remarks_only(tmp_path: Path):
    rows = [
        ["项目名称", "总投资（亿元）", "进展情况"],
        ["运河新城综合体", "35", "截止10月底，已完成主体结构封顶。"],
        ["智慧网谷园区", "12", "已开工"],
        ["城北体育公园", "8", "今年完成设计招标，明年开工建设。"],
    ]
    path = make(tmp_path / "a.docx", ["区发改局", "2021年重点项目进展情况见下表。", ("table", rows)])
    assert blocks(path)[2:] == [
        (TABLE, 3, "项目名称\t总投资（亿元）\t进展情况"),
        (TABLE, 4, "运河新城综合体\t35"),
        (PROSE, 4, "截止10月底，已完成主体结构封顶。"),
        (TABLE, 5, "智慧网谷园区\t12\t已开工"),
        (TABLE, 6, "城北体育公园\t8"),
        (PROSE, 6, "今年完成设计招标，明年开工建设。"),
    ]
    assert found(path, ["ALL"]) == [
        ("cutoff-date", 4, 12, "截止"),
        ("relative-time", 6, 10, "今年"),
        ("relative-time", 6, 19, "明年"),
    ]


def test_a_table_without_sentences_reads_as_before(tmp_path: Path):
    rows = [
        ["单位", "项目数", "备注"],
        ["区城投集团", "12", "截止10月底"],
        ["区住建局", "8", "含续建项目¶今年新开工5个"],
    ]
    path = make(tmp_path / "a.docx", ["区发改局", ("table", rows), "全年新开工项目20个。"])
    assert blocks(path) == [
        (HEADING, 1, "区发改局"),
        (TABLE, 2, "单位\t项目数\t备注\n区城投集团\t12\t截止10月底\n区住建局\t8\t含续建项目 今年新开工5个"),
        (PROSE, 5, "全年新开工项目20个。"),
    ]
    assert found(path, ["ALL"]) == []


# --- yblint annotate ------------------------------------------------------------------------


def comments(path: Path) -> list[tuple[str, str]]:
    """(the text a comment is anchored on, the text of the cell or body paragraph it starts in),
    in the order of the comments' ids; deleted text left out."""
    body = docx.Document(str(path)).element.body
    open_: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    out: dict[str, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            key = el.get(qn("w:id"))
            open_[key] = []
            holder = next(el.iterancestors(qn("w:tc")), None)
            if holder is None:
                holder = next(el.iterancestors(qn("w:p")))
            where[key] = "".join(_original(holder))
        elif el.tag == qn("w:commentRangeEnd"):
            out[el.get(qn("w:id"))] = "".join(open_.pop(el.get(qn("w:id"))))
        elif el.tag in (qn("w:t"), qn("w:delText")):
            for parts in open_.values():
                parts.extend(_original(el))
    return [(out[k], where[k]) for k in sorted(out, key=int)]


def _original(el) -> list[str]:
    """The text of ``el`` and below it before the tracked changes: deleted text in, inserted out."""
    texts = (t for t in el.iter(qn("w:t"), qn("w:delText")))
    return [t.text or "" for t in texts if not any(a.tag == qn("w:ins") for a in t.iterancestors())]


def resolved(path: Path, accept: bool) -> str:
    """The text read from ``path`` with every tracked change accepted (or rejected)."""
    d = docx.Document(str(path))
    body = d.element.body
    drop, keep = ("w:del", "w:ins") if accept else ("w:ins", "w:del")
    for el in list(body.iter(qn(drop))):
        el.getparent().remove(el)
    for el in list(body.iter(qn(keep))):
        for child in list(el):
            el.addprevious(child)
        el.getparent().remove(el)
    for t in body.iter(qn("w:delText")):
        t.tag = qn("w:t")
    out = path.with_name(f"{path.stem}.{'a' if accept else 'r'}.docx")
    d.save(str(out))
    return read_docx(str(out)).text


def test_annotate_anchors_on_the_cell_s_characters_and_tracks_its_fixes(tmp_path: Path, cli):
    data = [["单位", "项目数（个）"], ["区城投集团", "12"], ["区住建局", "8"], ["区交通局", "5"], ["合计", "30"]]
    draft = make(tmp_path / "a.docx", [*FORM, ("table", data)])
    r = cli("annotate", draft, "--track-changes")
    assert r.code == 1 and "其中 1 条在表格中，放在所在单元格开头" in r.out
    out = tmp_path / "a.yblint.docx"
    # each finding of the entry on exactly its characters, in the entry's cell; the data table's
    # total (table text) at the start of its cell
    assert comments(out) == [*((text, ENTRY) for _rule, _col, text in ENTRY_FINDINGS), ("", "30")]
    original = read_docx(str(draft)).text
    assert resolved(out, accept=False) == original
    assert resolved(out, accept=True) == original.replace("截止10月底", "截至10月底").replace("1-9月", "1—9月")


def test_a_fix_at_the_end_of_a_cell_goes_into_that_cell(tmp_path: Path):
    """An insertion just after a prose cell's last character lands in that cell, not at the start
    of the next; a fix across the break between a cell's paragraphs stays a comment."""
    from yblint import annotate

    first = "全年开展志愿服务活动120场，参与青年3000人次"
    second = "今年新建青年之家5个。¶服务青年2000人次。"
    draft = make(tmp_path / "a.docx", ["团区委", ("table", [[first, second]])])
    result = lint([str(draft)], Config(), select=["relative-time"])
    doc = result.documents[0]
    end = doc.text.index(first) + len(first)
    brk = doc.text.index("5个。") + 3  # the space that stands for the paragraph break in the cell
    made = [
        Finding(
            "x", "warning", "句末缺少句号", Location(doc, end, end), fix=Fix("补句号", [Edit(doc, end, end, "。")])
        ),
        Finding(
            "y", "warning", "两段合一", Location(doc, brk, brk + 1), fix=Fix("合并", [Edit(doc, brk, brk + 1, "")])
        ),
    ]
    out = tmp_path / "a.yblint.docx"
    done = annotate.annotate_document(doc, [*result.findings, *made], out, "zh", True, {})
    assert (done.comments, done.revisions, done.at_cell_start) == (3, 1, 1)
    first_cell, second_cell = docx.Document(str(out)).element.body.find(qn("w:tbl")).iter(qn("w:tc"))
    [ins] = first_cell.iter(qn("w:ins"))
    assert "".join(t.text for t in ins.iter(qn("w:t"))) == "。" and not list(second_cell.iter(qn("w:ins")))
    assert resolved(out, accept=True).split("\n")[1] == f"{first}。\t{second.replace('¶', ' ')}"
    cell_two = second.replace("¶", "")
    # 今年 on its characters; the empty span in the first cell; the break between the second
    # cell's paragraphs is no character of it: at the start of that cell
    assert comments(out) == [("今年", cell_two), ("", first), ("", cell_two)]
    start = next(second_cell.iter(qn("w:p")))
    assert start.find(qn("w:commentRangeStart")).get(qn("w:id")) == "2"


def test_a_cell_paragraph_joined_by_a_deleted_mark_maps_after_the_join(tmp_path: Path, cli):
    w = 'w:id="9" w:author="a" w:date="2021-01-01T00:00:00Z"'
    p1 = f"<w:p><w:pPr><w:rPr><w:del {w}/></w:rPr></w:pPr><w:r><w:t>全区开展老旧小区改</w:t></w:r></w:p>"
    p2 = "<w:p><w:r><w:t>造项目，</w:t></w:r><w:r><w:t>今年完成12个。</w:t></w:r></w:p>"
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("区住建局")
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tr><w:tc><w:p><w:r><w:t>条目内容</w:t></w:r></w:p></w:tc>"
        f"<w:tc>{p1}{p2}</w:tc></w:tr></w:tbl>"
    )
    d.element.body.insert(1, tbl)
    path = tmp_path / "a.docx"
    d.save(str(path))
    assert read_docx(str(path)).text.split("\n")[1] == "条目内容\t全区开展老旧小区改造项目，今年完成12个。"
    assert found(path, ["relative-time"]) == [("relative-time", 2, 19, "今年")]
    cli("annotate", path)
    assert comments(tmp_path / "a.yblint.docx") == [("今年", "全区开展老旧小区改造项目，今年完成12个。")]


# --- the mapping, for any cells ---------------------------------------------------------------

#: no mark, and no character a body's name ends with: a cell without "开展。" added is table text
_chunk = st.text(alphabet=st.sampled_from(list("区妇开展宣讲今年我截止家")), min_size=1, max_size=4)
_cell_paragraph = st.lists(_chunk, min_size=1, max_size=3)


@st.composite
def tables_and_spans(draw):
    cells = draw(st.lists(st.lists(_cell_paragraph, min_size=1, max_size=3), min_size=1, max_size=3))
    prose = draw(st.lists(st.booleans(), min_size=len(cells), max_size=len(cells)))
    for cell, is_prose in zip(cells, prose, strict=True):
        if is_prose:
            cell[0] = [*cell[0], "开展。"]  # a sentence: the cell reads as prose
    return cells, prose, draw(st.data())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables_and_spans())
def test_any_runs_in_prose_cells_anchor_and_track_exactly(tmp_path_factory, case):
    """Cells of arbitrary runs, some of them prose: the annotate body reads each row as the reader
    does; a span inside one paragraph of a prose cell is split out, commented and tracked exactly
    (accepting gives the edited text, rejecting the original); table text is never split."""
    from docx.text.run import Run

    from yblint.annotate import _track
    from yblint.annotate.wordxml import Body

    cells, prose, data = case
    d = docx.Document()
    table = d.add_table(rows=1, cols=len(cells))
    for tc, paragraphs in zip(table.rows[0].cells, cells, strict=True):
        for k, runs in enumerate(paragraphs):
            p = tc.paragraphs[0] if k == 0 else tc.add_paragraph()
            for i, chunk in enumerate(runs):
                p.add_run(chunk).bold = i % 2 == 1
    folder = tmp_path_factory.mktemp("t")
    d.save(str(folder / "in.docx"))
    text = read_docx(str(folder / "in.docx")).text
    body = Body(d.element.body)
    assert [line.text for line in body.lines] == text.split("\n")
    # the paragraphs of the prose cells, and nothing else, are marked up
    spans, at = [], 0
    for paragraphs, is_prose in zip(cells, prose, strict=True):
        for k, runs in enumerate(paragraphs):
            if is_prose:
                spans.append((at, at + len("".join(runs))))
            at += len("".join(runs)) + (1 if k + 1 < len(paragraphs) else 0)
        at += 1
    assert body.lines[0].segments == spans
    assert body.in_paragraphs(0, len(text)) == (len(spans) == 1 and spans[0] == (0, len(text)))
    if not spans:
        assert not body.in_paragraphs(0, 1)
        return
    segment = spans[data.draw(st.integers(0, len(spans) - 1))]
    a, b = sorted(data.draw(st.lists(st.integers(*segment), min_size=2, max_size=2)))
    replacement = data.draw(st.sampled_from(["", "截至", "—"]))
    if (a, b) == segment and not replacement:
        replacement = "—"  # a cell paragraph left empty is no paragraph: the reader drops it and its space
    assert body.in_paragraphs(a, b)
    body.split_at(a)
    body.split_at(b)
    runs = body.runs(a, b)
    if runs:
        Run(runs[0], None).mark_comment_range(Run(runs[-1], None), 0)
    edit = SimpleNamespace(start=a, end=b, replacement=replacement)
    _track(body, SimpleNamespace(fix=SimpleNamespace(edits=[edit])))
    d.save(str(folder / "x.docx"))
    assert resolved(folder / "x.docx", accept=True) == text[:a] + replacement + text[b:]
    assert resolved(folder / "x.docx", accept=False) == text
    if a < b:
        assert comments(folder / "x.docx")[0][0] == text[a:b]
