"""Word .docx input: paragraphs in order, located by paragraph number; headings; tables; errors."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SEED, findings_of
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from yblint.config import Config
from yblint.engine import lint
from yblint.errors import InputError
from yblint.model import HEADING, LIST_ITEM, PROSE, TABLE
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.text.cells import is_tab_row

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
if SEED_LINES and SEED_LINES[-1] == "":
    SEED_LINES.pop()  # the file's final newline ends line 217; it is not a paragraph


def make_docx(path: Path, paragraphs: list, styles: dict[int, str] | None = None) -> Path:
    """A .docx with one body paragraph per item; ``("table", rows)`` items insert a table.
    ``styles`` maps a 0-based item index to a paragraph style name."""
    d = docx.Document()
    for i, item in enumerate(paragraphs):
        if isinstance(item, tuple) and item[0] == "table":
            rows = item[1]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        d.add_paragraph(item, style=(styles or {}).get(i))
    d.save(str(path))
    return path


def keyed(findings) -> list[tuple]:
    """What must not depend on the format: rule, message (the file's own path aside, and a Word
    draft's 第N段 where text says 第N行) and place."""
    return [(f.rule, normalised(f.message, f.document.path), *f.location.range()) for f in findings]


def normalised(message: str, path: str) -> str:
    message = message.replace(path, "<path>").replace("段落分隔", "空行")
    return re.sub(r"第(\d+)段", r"第\1行", message)


@pytest.fixture(scope="module")
def seed_findings() -> list[tuple]:
    """Every registered rule over the seed page as plain text."""
    found = keyed(findings_of([SEED], select=["ALL"]))
    assert found, "the seed page has findings"
    return found


def test_seed_page_as_docx_gives_the_same_findings_as_the_text(tmp_path: Path, cli, seed_findings):
    path = make_docx(tmp_path / "seed.docx", SEED_LINES)
    report = cli("check", path, "--select", "ALL", "--format", "json").json()
    from_docx = [
        (f["rule"], normalised(f["message"], str(path)), f["line"], f["column"], f["end_line"], f["end_column"])
        for f in report["findings"]
    ]
    assert from_docx == seed_findings
    assert ("layout-marker", 217, 152) in [(f[0], f[2], f[3]) for f in from_docx]
    entry = report["files"][0]
    assert (entry["format"], entry["locations"], entry["encoding"]) == ("docx", "paragraph", "docx")
    text_units = build_document(read_source(str(SEED))).units
    assert [(u["name"], u["line"], u["end_line"]) for u in entry["units"]] == [
        (u.name or None, u.line, u.end_line) for u in text_units
    ]


def test_seed_page_with_word_heading_styles(tmp_path: Path, seed_findings):
    text_doc = build_document(read_source(str(SEED)))
    heading_lines = {u.heading.line - 1 for u in text_doc.units if u.heading is not None}
    assert len(heading_lines) == 20
    path = make_docx(tmp_path / "styled.docx", SEED_LINES, {i: "Heading 1" for i in heading_lines})
    doc = build_document(read_source(str(path)))
    headings = [p for p in doc.paragraphs if p.kind == HEADING]
    assert [(p.line, p.level) for p in headings] == [(i + 1, 1) for i in sorted(heading_lines)]
    assert [(u.name, u.line, u.end_line) for u in doc.units] == [(u.name, u.line, u.end_line) for u in text_doc.units]
    assert keyed(findings_of([path], select=["ALL"])) == seed_findings


def test_empty_paragraphs_count_and_columns_are_characters_in_the_paragraph(tmp_path: Path):
    paragraphs = ["", "区妇联", "", "\u3000\u3000开展宣讲43场，未（下转6版）"]
    path = make_docx(tmp_path / "a.docx", paragraphs)
    (f,) = findings_of([path], select=["layout-marker"])
    assert f.location.range() == (4, 12, 4, 18)
    assert f.location.unit_name == "区妇联"


def test_headings_from_chinese_style_names_and_outline_levels(tmp_path: Path):
    d = docx.Document()
    d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    outline = d.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
    outline.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    d.add_paragraph("区妇联", style="标题 2")
    d.add_paragraph("深化思想政治引领。开展巾帼志愿红色宣讲43场。")
    d.add_paragraph("第二部分：区残联的年度工作总结与展望", style="一级标题")  # long, punctuated: still a heading
    d.add_paragraph("践行民呼我为，做实兜底保障。")
    path = tmp_path / "styles.docx"
    d.save(str(path))
    doc = build_document(read_source(str(path)))
    assert [(p.kind, p.level, p.line) for p in doc.paragraphs] == [
        (HEADING, 2, 1),
        (PROSE, 0, 2),
        (HEADING, 1, 3),
        (PROSE, 0, 4),
    ]
    assert [u.name for u in doc.units] == ["区妇联", "第二部分：区残联的年度工作总结与展望"]


def test_plain_paragraph_headings_use_the_plain_text_rule(tmp_path: Path):
    paragraphs = ["区妇联", "深化思想政治引领。", "区残联", "践行民呼我为。", "这一句很短。"]
    doc = build_document(read_source(str(make_docx(tmp_path / "p.docx", paragraphs))))
    assert [(u.name, u.line) for u in doc.units] == [("区妇联", 1), ("区残联", 3)]
    assert [p.kind for p in doc.paragraphs] == [HEADING, PROSE, HEADING, PROSE, PROSE]


def test_rows_typed_with_tabs_are_a_table_not_unit_headings(tmp_path: Path):
    paragraphs = [
        "区教育局",
        "全区中小学情况如下。",
        "学段\t学校数（所）",
        "小学\t32",
        "初中\t18",
        "合计\t55",
        "全年新增学位3200个。",
        "备注\t见上表",  # one row alone: a paragraph with a tab in it
    ]
    path = make_docx(tmp_path / "t.docx", paragraphs)
    doc = build_document(read_source(str(path)))
    assert [p.kind for p in doc.paragraphs] == [HEADING, PROSE, TABLE, PROSE, PROSE]
    assert [u.name for u in doc.units] == ["区教育局"]
    [f] = findings_of([path], select=["inconsistent-total"])
    assert (f.location.text, f.data["check"], f.location.range()[0]) == ("55", "table", 6)


def test_word_list_items_are_running_text_never_unit_headings(tmp_path: Path):
    paragraphs = ["区妇联", "主要工作：", "党史学习", "普法宣传"]
    path = make_docx(tmp_path / "list.docx", paragraphs, {2: "List Bullet", 3: "List Number"})
    doc = build_document(read_source(str(path)))
    assert [p.kind for p in doc.paragraphs] == [HEADING, PROSE, LIST_ITEM, LIST_ITEM]
    assert [u.name for u in doc.units] == ["区妇联"]
    assert all(p.sentences for p in doc.paragraphs[1:])


def test_tables_are_read_as_tables_one_paragraph_number_per_row(tmp_path: Path):
    rows = [["项目", "数量"], ["新建工会", "1430家（下转6版）"], ["", ""]]
    paragraphs = ["区总工会", ("table", rows), "全年新建工会1430家，未（下转6版）"]
    path = make_docx(tmp_path / "t.docx", paragraphs)
    src = read_source(str(path))
    assert src.text.split("\n") == [
        "区总工会",
        "项目\t数量",
        "新建工会\t1430家（下转6版）",
        "\t",
        "全年新建工会1430家，未（下转6版）",
    ]
    doc = build_document(src)
    assert [(p.kind, p.line, p.end_line) for p in doc.paragraphs] == [(HEADING, 1, 1), (TABLE, 2, 4), (PROSE, 5, 5)]
    assert not doc.paragraphs[1].sentences
    found = [f.location.range()[:2] for f in findings_of([path], select=["layout-marker"])]
    assert found == [(3, 11), (5, 14)]


def test_tracked_changes_line_breaks_and_text_boxes(tmp_path: Path):
    d = docx.Document()
    body = (
        f"<w:p {nsdecls('w')}>"
        "<w:r><w:t>开展宣讲</w:t></w:r>"
        "<w:ins w:id='1' w:author='a'><w:r><w:t>43</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>34</w:delText></w:r></w:del>"
        "<w:r><w:t>场。</w:t><w:br/><w:t>走访</w:t><w:tab/><w:t>8647人次。</w:t>"
        "<w:br w:type='page'/></w:r>"
        "</w:p>"
    )
    d.element.body.insert(0, parse_xml(body))
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    assert read_source(str(path)).text == "开展宣讲43场。\u2028走访\t8647人次。"


def test_table_of_contents_counts_but_is_not_read_hyperlinks_and_fields_are(tmp_path: Path):
    d = docx.Document()
    d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("目录", style="TOC Heading")
    d.add_paragraph("区妇联\t1", style="toc 1")
    control = d.add_paragraph()
    control._p.addprevious(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
            "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>区残联</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    control._p.getparent().remove(control._p)
    d.add_paragraph("区妇联")
    body = d.add_paragraph()
    body._p.addprevious(
        parse_xml(
            f"<w:p {nsdecls('w')}><w:hyperlink w:anchor='x'><w:r><w:t>开展宣讲</w:t></w:r></w:hyperlink>"
            "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>43</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t>场。</w:t></w:r></w:p>"
        )
    )
    body._p.getparent().remove(body._p)
    path = tmp_path / "toc.docx"
    d.save(str(path))
    src = read_source(str(path))
    assert src.text.split("\n") == ["目录", "区妇联\t1", "区残联", "区妇联", "开展宣讲43场。"]
    doc = build_document(src)
    assert [(p.kind, p.line) for p in doc.paragraphs] == [(HEADING, 4), (PROSE, 5)]
    assert [(u.name, u.line) for u in doc.units] == [("区妇联", 4)]


def test_corrupt_docx_is_one_line_input_error_naming_the_file(tmp_path: Path, cli):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(make_docx(tmp_path / "whole.docx", ["区妇联", "正文。"]).read_bytes()[:300])
    no_parts = tmp_path / "noparts.docx"
    with zipfile.ZipFile(no_parts, "w") as z:
        z.writestr("a.txt", "x")
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    good = make_docx(tmp_path / "good.docx", ["正文，未（下转6版）"])
    for path, reason in [
        (bad, "is not a Word .docx file"),
        (truncated, "is not a Word .docx file"),
        (no_parts, "is not a readable Word .docx file"),
        (old, "is a Word 97-2003 .doc"),
    ]:
        r = cli("check", path, good)
        assert r.code == 2
        lines = r.err.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(f"yblint: error: {path}: {reason}")
        assert f"{good}:1:5: error layout-marker" in r.out  # the readable file is still linted


def test_missing_python_docx_names_the_extra(tmp_path: Path, monkeypatch):
    path = make_docx(tmp_path / "a.docx", ["正文。"])
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    with pytest.raises(InputError) as e:
        read_source(str(path))
    assert str(e.value) == f"{path}: reading .docx needs the optional extra: pip install 'yblint[docx]'"
    result = lint([str(path)], Config())
    assert [str(err) for err in result.errors] == [str(e.value)]


_para = st.text(alphabet=st.sampled_from(list("区妇联开展宣讲。，（下转6版） \u3000\t\n")), max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_para, max_size=8))
@example(paragraphs=["6\t6", "6\t6"])  # rows typed with tabs: one table over two paragraphs
def test_line_n_is_paragraph_n(tmp_path: Path, paragraphs: list[str]):
    path = make_docx(tmp_path / "h.docx", paragraphs)
    src = read_source(str(path))
    lines = src.text.split("\n") if paragraphs else []
    assert len(lines) == len(paragraphs)
    for line, given_text in zip(lines, paragraphs, strict=True):
        # python-docx writes "\n" as a line break and "\t" as a tab: they read as U+2028 (a line
        # break that is not a new paragraph) and a tab
        assert line == given_text.replace("\n", "\u2028")
    doc = build_document(src)
    for p in doc.paragraphs:
        if p.kind == TABLE:  # rows typed with tabs, a paragraph each: one table, a line a row
            assert p.line < p.end_line and all(is_tab_row(ln) for ln in lines[p.line - 1 : p.end_line])
            continue
        assert p.line == p.end_line  # one Word paragraph, one line
        assert p.text == p.text.strip(" \t\u3000") and p.text
        assert lines[p.line - 1].strip(" \t\u3000\ufeff") == p.text


# --- Word has paragraphs, not lines (issue #10) -------------------------------------------------


def _split_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "draft.docx", ["团区委", "与23个部门联合建立民企发", "", "展顾问制度。"])


def test_docx_messages_say_paragraph_and_paragraph_break(tmp_path: Path):
    [f] = findings_of([_split_docx(tmp_path)], select=["split-paragraph"])
    assert f.location.range()[:2] == (2, 13)
    assert "第2段" in f.message and "第4段" in f.message and "段落分隔" in f.message
    assert "行" not in f.message.replace("行文", "")
    assert f.fix is not None and "第2段与第4段之间的段落分隔" in f.fix.description
    cfg = Config()
    cfg.lang = "en"
    [e] = findings_of([_split_docx(tmp_path)], select=["split-paragraph"], config=cfg)
    assert "paragraph 2" in e.message and "paragraph break" in e.message
    assert "line" not in e.message


def test_txt_messages_still_say_line_and_blank_line(tmp_path: Path):
    p = tmp_path / "draft.txt"
    p.write_text("团区委\n\n与23个部门联合建立民企发\n\n展顾问制度。\n", encoding="utf-8")
    [f] = findings_of([p], select=["split-paragraph"])
    assert "第3行" in f.message and "空行" in f.message and "段落分隔" not in f.message


def test_docx_text_and_github_output_say_the_number_is_a_paragraph(tmp_path: Path, cli):
    path = _split_docx(tmp_path)
    text = cli("check", path, "--select", "split-paragraph").out.splitlines()
    assert text[0].startswith(f"{path}:2:13: error split-paragraph （第2段第13字）词语“发展”")
    assert text[2].endswith(":4:1 (与23个部门联合建立民企发)（第4段第1字）")
    gh = cli("check", path, "--select", "split-paragraph", "--format", "github", "--lang", "en").out
    assert ",line=2,col=13," in gh and "::(paragraph 2, character 13) The word" in gh
    assert "(paragraph 4, character 1)" in gh
    js = cli("check", path, "--select", "split-paragraph", "--format", "json").json()
    assert js["files"][0]["locations"] == "paragraph"
    assert (js["findings"][0]["line"], js["findings"][0]["column"]) == (2, 13)  # the contract stays


def test_docx_manual_line_break_is_a_line_break_not_a_space(tmp_path: Path):
    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            f"<w:p {nsdecls('w')}><w:r><w:t>全年开展宣讲43场</w:t><w:br/><w:t>走访群众8647人次</w:t>"
            "<w:cr/><w:t>交办 111个。</w:t></w:r></w:p>"
        ),
    )
    path = tmp_path / "br.docx"
    d.save(str(path))
    found = findings_of([path], select=["space-in-cjk"])
    assert [f.location.range()[:2] for f in found] == [(1, 24)]  # only the real space, after 交办
    assert read_source(str(path)).text.count("\u2028") == 2


def _soft_docx(path: Path, lines: list[str]) -> Path:
    """One Word paragraph whose lines are set apart by manual line breaks (Shift+Enter)."""
    d = docx.Document()
    p = d.add_paragraph()
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    d.save(str(path))
    return path


SOFT = ["团区委", "全年开展志愿服务活动12场，组织青年参加培训3次。", "2021年，与23个部门联合建立民企发"]
SOFT += ["展顾问制度。新建团组织5个。", "区妇联", "举办培训班5期，参训300人次。"]


def test_docx_paragraphs_set_apart_by_manual_line_breaks(tmp_path: Path):
    """Text pasted from the web: one Word paragraph, its paragraphs set apart by Shift+Enter. Each
    line is a paragraph, as a reader sees them: short ones head units, a word cut across a break
    is a split paragraph, told as a manual line break."""
    path = _soft_docx(tmp_path / "soft.docx", SOFT)
    doc = build_document(read_source(str(path)))
    assert [u.name for u in doc.units] == ["团区委", "区妇联"]
    assert [p.text for p in doc.units[0].paragraphs] == SOFT[1:4]
    [f] = findings_of([path], select=["split-paragraph"])
    assert f.location.range()[:2] == (1, 49) and f.data["word"] == "发展"
    assert "手动换行" in f.message and "段落分隔" not in f.message
    assert f.fix is not None and f.fix.description.startswith("删除第1段中的手动换行")
    [en] = findings_of([path], select=["split-paragraph"], config=Config(lang="en"))
    assert "manual line break" in en.message and "manual line break in paragraph 1" in en.fix.description


def test_docx_lines_wrapped_with_manual_breaks_stay_one_paragraph(tmp_path: Path):
    """Manual breaks inside sentences (a paragraph wrapped by hand): one paragraph, as before."""
    lines = ["全区开展志愿服务活动12场", "组织青年参加培训3次，建立", "民企发展顾问制度", "新建团组织5个。"]
    doc = build_document(read_source(str(_soft_docx(tmp_path / "wrap.docx", lines))))
    assert len(doc.paragraphs) == 1


def test_docx_manual_line_breaks_end_lines_for_page_numbers_markers_and_table_rows(tmp_path: Path):
    """In a Word paragraph set apart by manual breaks, a page number on a line of its own, a
    continuation note ending a line and the rows of a table typed with spaces are seen as in the
    same draft as plain text, one paragraph a line."""
    lines = [
        "区交通运输局",
        "全年完成综合交通投资386.72亿元。",
        "完成普通国省道大中修工程156.8千米。",
        "更新新能源公交车620辆。",
        "新建农村公路1260千米，改造危桥86座。（下转第38页）",
        "— 186 —",
        "表　2024年各区生活垃圾处理量",
        "区         焚烧发电    厨余垃圾处理    其他处理      合计",
        "临江区      54.62         13.85          2.41       70.88",
        "川北区      31.45          7.12          1.36       39.39",
        "合计        86.07         20.97          3.77      110.27",
        "全年生活垃圾分类覆盖率达98.5%。",
    ]
    path = _soft_docx(tmp_path / "soft.docx", lines)
    text = tmp_path / "soft.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = ["layout-marker", "inconsistent-total"]
    got, want = findings_of([path], select=rules), findings_of([text], select=rules)
    assert [(f.rule, f.data.get("kind"), f.data.get("position")) for f in got] == [
        (f.rule, f.data.get("kind"), f.data.get("position")) for f in want
    ]
    assert {f.data.get("kind") for f in got if f.rule == "layout-marker"} == {"continuation", "page_number"}
    assert any(f.rule == "inconsistent-total" for f in got)
