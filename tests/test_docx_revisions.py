"""Word .docx input as Word shows it: paragraph marks deleted or inserted as tracked changes,
hidden text, symbols (Insert > Symbol), and other office files named .docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import findings_of, where
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint.model import HEADING, PROSE, TABLE
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.reading.docx import SYMBOL_PLACEHOLDER

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

W = nsdecls("w")
WHO = 'w:author="张编辑" w:date="2022-03-01T10:00:00Z"'
DEL_MARK = f'<w:pPr><w:rPr><w:del w:id="904" {WHO}/></w:rPr></w:pPr>'
MOVED_MARK = f'<w:pPr><w:rPr><w:moveFrom w:id="905" {WHO}/></w:rPr></w:pPr>'
INS_MARK = f'<w:pPr><w:rPr><w:ins w:id="906" {WHO}/></w:rPr></w:pPr>'
HIDDEN = "<w:rPr><w:vanish/></w:rPr>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    """A body paragraph; plain strings are runs of text, strings starting with < are XML."""
    return f"<w:p {W}>{ppr}{''.join(x if x.startswith('<') else r(x) for x in runs)}</w:p>"


def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def draft(path: Path, *items: str, heading: str | None = "区城投集团") -> Path:
    """A .docx: a Heading 1 (unless None), then each item (a w:p or w:tbl element's XML, or
    plain text for a paragraph) in order."""
    d = docx.Document()
    if heading is not None:
        d.add_heading(heading, 1)
    sect = d.element.body[-1]
    for item in items:
        sect.addprevious(parse_xml(item if item.startswith("<") else p(item)))
    d.save(str(path))
    return path


def blocks_of(path: Path) -> list[tuple[str, int, int, str]]:
    """(kind, first line, last line, text) of each paragraph as the rules see it."""
    doc = build_document(read_source(str(path)))
    return [(x.kind, x.line, x.end_line, x.text) for x in doc.paragraphs]


# --- a paragraph mark deleted as a tracked change: the paragraph runs on into the next -------------

CUT = ("推进城市有机更新，开展老旧小区改", "造项目12个。")


def test_deleted_paragraph_mark_joins_the_two_paragraphs(tmp_path: Path):
    joined = draft(tmp_path / "joined.docx", p(CUT[0], ppr=DEL_MARK), CUT[1])
    src = read_source(str(joined))
    assert src.text.split("\n") == ["区城投集团", *CUT]  # paragraph N is still line N
    assert blocks_of(joined) == [(HEADING, 1, 1, "区城投集团"), (PROSE, 2, 3, "\n".join(CUT))]
    assert findings_of([joined], select=["ALL"]) == []
    # the same paragraphs with their mark kept are a word cut by a paragraph break
    split = draft(tmp_path / "split.docx", CUT[0], CUT[1])
    assert where(findings_of([split], select=["split-paragraph"])) == [("split-paragraph", 2, 16)]


def test_a_paragraph_mark_moved_away_joins_too_and_an_inserted_one_splits(tmp_path: Path):
    moved = draft(tmp_path / "moved.docx", p(CUT[0], ppr=MOVED_MARK), CUT[1])
    assert [b[:3] for b in blocks_of(moved)] == [(HEADING, 1, 1), (PROSE, 2, 3)]
    assert findings_of([moved], select=["split-paragraph"]) == []
    # an inserted mark is a split the reviewer made: accepted, two paragraphs, the word cut in two
    inserted = draft(tmp_path / "inserted.docx", p(CUT[0], ppr=INS_MARK), CUT[1])
    assert read_source(str(inserted)).text.split("\n") == ["区城投集团", *CUT]
    assert [b[:3] for b in blocks_of(inserted)] == [(HEADING, 1, 1), (PROSE, 2, 2), (PROSE, 3, 3)]
    assert where(findings_of([inserted], select=["split-paragraph"])) == [("split-paragraph", 2, 16)]
    # inserted, then deleted by another reviewer: gone
    both = f'<w:pPr><w:rPr><w:ins w:id="1" {WHO}/><w:del w:id="2" {WHO}/></w:rPr></w:pPr>'
    gone = draft(tmp_path / "gone.docx", p(CUT[0], ppr=both), CUT[1])
    assert [b[:3] for b in blocks_of(gone)] == [(HEADING, 1, 1), (PROSE, 2, 3)]


def test_findings_after_a_join_keep_their_word_paragraph_and_column(tmp_path: Path, cli):
    later = "今年新开工项目8个，我区截止目前完成。"
    joined = draft(tmp_path / "joined.docx", p(CUT[0], ppr=DEL_MARK), "造项目12个，今年我区截止10月底完成。", "", later)
    expected = [
        ("relative-time", 3, 8),
        ("first-person", 3, 10),
        ("cutoff-date", 3, 12),
        ("relative-time", 5, 1),
        ("first-person", 5, 11),
        ("cutoff-date", 5, 13),
        ("relative-time", 5, 13),
    ]
    rules = ["relative-time", "first-person", "cutoff-date", "split-paragraph"]
    assert where(findings_of([joined], select=rules)) == expected
    report = cli("check", joined, "--select", ",".join(rules)).out
    assert f"{joined}:3:8: warning relative-time （第3段第8字）" in report
    assert f"{joined}:5:1: warning relative-time （第5段第1字）" in report
    # the comments of the reviewed copy sit on exactly the flagged characters
    out = tmp_path / "review"
    assert cli("annotate", joined, "--select", ",".join(rules), "--output-dir", out).code == 1
    anchored = anchored_texts(out / "joined.yblint.docx")
    assert anchored == ["今年", "我区", "截止", "今年", "我区", "截止", "截止目前"]


def anchored_texts(path: Path) -> list[str]:
    """The text each comment of a reviewed copy is anchored on, in the order of the comments."""
    body = docx.Document(str(path)).element.body
    open_: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            out[el.get(qn("w:id"))] = "".join(open_.pop(el.get(qn("w:id"))))
        elif el.tag == qn("w:t"):
            for parts in open_.values():
                parts.append(el.text or "")
    return [out[k] for k in sorted(out, key=int)]


def test_joins_chain_take_the_last_marks_style_and_stop_at_a_table(tmp_path: Path):
    path = draft(
        tmp_path / "chain.docx",
        p("开展老旧", ppr=DEL_MARK),
        p("小区改", ppr=DEL_MARK),
        "造项目12个。",
        # a heading whose mark is deleted runs on into the body paragraph: no heading any more
        p("区住建局", ppr=f'<w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="7" {WHO}/></w:rPr></w:pPr>'),
        "完成保障房建设1200套。",
        # a mark before a table has nothing to run on into
        p("表1　各项目完成情况", ppr=DEL_MARK),
        f"<w:tbl {W}><w:tr><w:tc>{p('项目')}</w:tc><w:tc>{p('12')}</w:tc></w:tr></w:tbl>",
        heading=None,
    )
    assert blocks_of(path) == [
        (PROSE, 1, 3, "开展老旧\n小区改\n造项目12个。"),
        (PROSE, 4, 5, "区住建局\n完成保障房建设1200套。"),
        (PROSE, 6, 6, "表1　各项目完成情况"),
        (TABLE, 7, 7, "项目\t12"),
    ]
    assert findings_of([path], select=["split-paragraph"]) == []


def test_a_whole_paragraph_deleted_with_its_mark_reads_as_before(tmp_path: Path):
    """The commonest deleted mark: a reviewer deleted a whole paragraph. Its line stays (empty),
    the next paragraph reads as it did."""
    deleted = f'<w:del w:id="3" {WHO}><w:r><w:delText>今年我区截止目前完成。</w:delText></w:r></w:del>'
    path = draft(tmp_path / "deleted.docx", "公司实施项目18个。", p(deleted, ppr=DEL_MARK), "总投资35亿元。")
    assert read_source(str(path)).text.split("\n") == ["区城投集团", "公司实施项目18个。", "", "总投资35亿元。"]
    assert blocks_of(path)[1:] == [(PROSE, 2, 2, "公司实施项目18个。"), (PROSE, 4, 4, "总投资35亿元。")]
    assert findings_of([path], select=["ALL"]) == []


def test_a_deleted_mark_in_a_table_cell_joins_without_a_space(tmp_path: Path):
    cell = f"<w:tc>{p('老旧小区改', ppr=DEL_MARK)}{p('造项目')}</w:tc><w:tc>{p('12')}</w:tc>"
    kept = f"<w:tc>{p('老旧小区改')}{p('造项目')}</w:tc><w:tc>{p('12')}</w:tc>"
    path = draft(tmp_path / "cell.docx", f"<w:tbl {W}><w:tr>{cell}</w:tr><w:tr>{kept}</w:tr></w:tbl>")
    assert read_source(str(path)).text.split("\n")[1:] == ["老旧小区改造项目\t12", "老旧小区改 造项目\t12"]


def test_a_table_of_contents_entry_never_runs_on_into_the_body(tmp_path: Path):
    d = docx.Document()
    d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    entry = d.add_paragraph("区妇联\t1", style="toc 1")
    entry._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {W}><w:del w:id="8" {WHO}/></w:rPr>'))
    d.add_paragraph("区妇联")
    d.add_paragraph("开展宣讲43场。")
    path = tmp_path / "toc.docx"
    d.save(str(path))
    assert blocks_of(path) == [(HEADING, 2, 2, "区妇联"), (PROSE, 3, 3, "开展宣讲43场。")]
    assert [(u.name, u.line) for u in build_document(read_source(str(path))).units] == [("区妇联", 2)]


_piece = st.text(alphabet=st.sampled_from(list("区妇联开展宣讲。，改造 \u3000")), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_piece, st.booleans()), max_size=7))
def test_every_word_paragraph_is_a_line_and_joins_follow_deleted_marks(tmp_path: Path, paragraphs):
    path = draft(
        tmp_path / "h.docx", *(p(text, ppr=DEL_MARK if deleted else "") for text, deleted in paragraphs), heading=None
    )
    src = read_source(str(path))
    lines = src.text.split("\n") if paragraphs else []
    assert lines == [text for text, _ in paragraphs]
    for block in build_document(src).paragraphs:
        # a block runs over several lines only where every line but its last has a deleted mark
        assert all(paragraphs[i][1] for i in range(block.line - 1, block.end_line - 1))
        if block.end_line < len(paragraphs):
            assert not paragraphs[block.end_line - 1][1] or not paragraphs[block.end_line][0].strip(" \u3000")


# --- hidden text (Font > Hidden) is neither shown nor printed: not read --------------------------


def test_hidden_text_is_not_read_and_the_columns_after_it_hold(tmp_path: Path):
    visible = "2021年，区住建局完成保障房建设1200套"
    path = draft(
        tmp_path / "hidden.docx", p(visible, r("（今年我区截止目前", HIDDEN), "。今年完成。"), heading="区住建局"
    )
    assert read_source(str(path)).text.split("\n")[1] == visible + "。今年完成。"
    assert where(findings_of([path], select=["ALL"])) == [("relative-time", 2, 24)]
    # shown, the same run is six findings and moves 今年 along
    shown = draft(tmp_path / "shown.docx", p(visible, "（今年我区截止目前", "。今年完成。"), heading="区住建局")
    found = where(findings_of([shown], select=["ALL"]))
    assert len(found) == 7 and ("unbalanced-punctuation", 2, 23) in found and ("relative-time", 2, 33) in found


def test_hidden_switched_off_is_read_special_vanish_is_hidden_in_tables_too(tmp_path: Path):
    off = '<w:rPr><w:vanish w:val="0"/></w:rPr>'
    false = '<w:rPr><w:vanish w:val="false"/></w:rPr>'
    spec = "<w:rPr><w:specVanish/></w:rPr>"
    inserted_hidden = f'<w:ins w:id="1" {WHO}>{r("删去", HIDDEN)}</w:ins>'
    cell = f"<w:tc>{p('公租房', r('（旧）', HIDDEN))}</w:tc><w:tc>{p('700')}</w:tc>"
    path = draft(
        tmp_path / "h.docx",
        p("开展", r("宣讲", off), r("43", false), "场", r("（注）", spec), inserted_hidden, "。"),
        f"<w:tbl {W}><w:tr>{cell}</w:tr></w:tbl>",
        heading=None,
    )
    assert read_source(str(path)).text.split("\n") == ["开展宣讲43场。", "公租房\t700"]


def test_comments_after_hidden_text_sit_on_their_characters(tmp_path: Path, cli):
    path = draft(tmp_path / "h.docx", p("全年", r("（隐藏的说明）", HIDDEN), "今年我区完成。"), heading="区住建局")
    assert where(findings_of([path], select=["relative-time", "first-person"])) == [
        ("relative-time", 2, 3),
        ("first-person", 2, 5),
    ]
    out = tmp_path / "review"
    cli("annotate", path, "--select", "relative-time,first-person", "--output-dir", out)
    assert anchored_texts(out / "h.yblint.docx") == ["今年", "我区"]


# --- symbols (Insert > Symbol) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "char", "reads"),
    [
        ("宋体", "2103", "℃"),  # a Unicode font, a plain code point
        ("Arial", "00B0", "°"),
        ("Times New Roman", "FF05", "％"),
        ("Symbol", "F0B0", SYMBOL_PLACEHOLDER),  # the Symbol font's own codes: no Unicode known
        ("Symbol", "B0", SYMBOL_PLACEHOLDER),
        ("Wingdings", "F0FC", SYMBOL_PLACEHOLDER),
        ("Arial", "F025", SYMBOL_PLACEHOLDER),  # the range symbol fonts use
        ("Arial", "zz", SYMBOL_PLACEHOLDER),  # no code at all
        ("Arial", "000A", SYMBOL_PLACEHOLDER),  # a control character, never a line break
    ],
)
def test_a_symbol_reads_as_its_character_or_one_placeholder(tmp_path: Path, font: str, char: str, reads: str):
    path = draft(tmp_path / "s.docx", p("完成率达98", sym(font, char), "，今年完成。"), heading=None)
    assert read_source(str(path)).text == f"完成率达98{reads}，今年完成。"
    assert where(findings_of([path], select=["relative-time"])) == [("relative-time", 1, 9)]


def test_comments_after_a_symbol_sit_on_their_characters(tmp_path: Path, cli):
    path = draft(tmp_path / "s.docx", p("气温38.5", sym("Symbol", "F0B0"), "C，今年我区完成。"), heading="区气象局")
    assert where(findings_of([path], select=["relative-time", "first-person"])) == [
        ("relative-time", 2, 10),
        ("first-person", 2, 12),
    ]
    out = tmp_path / "review"
    cli("annotate", path, "--select", "relative-time,first-person", "--output-dir", out)
    assert anchored_texts(out / "s.yblint.docx") == ["今年", "我区"]


# --- other office files named .docx: one line saying what the file is and what to do -------------


def _package(path: Path, content_type: str, target: str = "word/document.xml", rel_ns: str = "") -> Path:
    rel_ns = rel_ns or "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{target}" ContentType="{content_type}"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="{target}"/></Relationships>',
        )
        z.writestr(target, "<x/>")
    return path


def _strict(path: Path) -> Path:
    """A Word document saved as Strict Open XML (the ISO/IEC 29500 Strict namespaces)."""
    d = docx.Document()
    d.add_paragraph("今年我区截止10月底生产总值增长8%。")
    buf = io.BytesIO()
    d.save(buf)
    swaps = [
        (
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        ),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    ]
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w") as z:
        for name in zin.namelist():
            data = zin.read(name)
            for a, b in swaps:
                data = data.replace(a, b)
            z.writestr(name, data)
    return path


SAVE_AS = 'in Word, use Save As > "Word Document (*.docx)" and lint that file'
MAIN = "application/vnd.openxmlformats-officedocument"


def test_other_office_files_named_docx_say_what_they_are_and_what_to_do(tmp_path: Path, cli):
    odt = tmp_path / "odt.docx"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    cases = [
        (
            _package(tmp_path / "sheet.docx", f"{MAIN}.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
            "is an Excel workbook (.xlsx) named .docx, not a Word document: rename it to .xlsx, "
            "and lint the unit's Word draft",
        ),
        (
            _package(tmp_path / "slides.docx", f"{MAIN}.presentationml.presentation.main+xml", "ppt/p.xml"),
            "is a PowerPoint presentation (.pptx) named .docx, not a Word document: rename it to .pptx, "
            "and lint the unit's Word draft",
        ),
        (
            _package(tmp_path / "macro.docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            f"is a macro-enabled Word document (.docm) named .docx, not a Word document: {SAVE_AS}",
        ),
        (
            _package(tmp_path / "template.docx", f"{MAIN}.wordprocessingml.template.main+xml"),
            f"is a Word template (.dotx) named .docx, not a Word document: {SAVE_AS}",
        ),
        (_strict(tmp_path / "strict.docx"), f"is saved as Strict Open XML, which yblint cannot read: {SAVE_AS}"),
        (odt, f"is an OpenDocument text (.odt) named .docx, not a Word document: {SAVE_AS}"),
    ]
    good = draft(tmp_path / "good.docx", "正文，未（下转6版）", heading=None)
    for path, message in cases:
        for lang in ("zh", "en"):
            result = cli("check", path, good, "--lang", lang, "--select", "layout-marker")
            assert result.code == 2
            assert result.err.splitlines() == [f"yblint: error: {path}: {message}"]
            assert f"{good}:1:5: " in result.out  # the readable draft is still linted
    # a package of another kind: its content named, no internal object of yblint's
    other = _package(tmp_path / "other.docx", "application/x-unknown")
    assert cli("check", other).err.splitlines() == [
        f"yblint: error: {other}: is not a Word document (its main part is 'application/x-unknown'): "
        "save the draft in Word as .docx"
    ]
    # a Word file that is damaged still says why
    damaged = _package(tmp_path / "damaged.docx", f"{MAIN}.wordprocessingml.document.main+xml")
    assert cli("check", damaged).err.splitlines() == [
        f"yblint: error: {damaged}: is not a readable Word .docx file (its document part has no body)"
    ]
