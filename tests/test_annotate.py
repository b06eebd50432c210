"""``yblint annotate``: the reviewed Word copy, read back with python-docx and over its XML."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from conftest import SEED

from yblint.config import Config
from yblint.engine import lint
from yblint.finding import excerpt, span_excerpt
from yblint.fixing import apply_fixes, select_fixes
from yblint.reading.docx import read_docx

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEED_LINES = SEED.read_text(encoding="utf-8").rstrip("\n").split("\n")


def make_docx(path: Path, paragraphs: list, *, rich: bool = False) -> Path:
    """One paragraph per item; ("table", rows) inserts a table. ``rich`` splits each paragraph
    into runs of three characters with alternating bold, to test splitting runs."""
    d = docx.Document()
    for item in paragraphs:
        if isinstance(item, tuple) and item[0] == "table":
            rows = item[1]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        if rich:
            p = d.add_paragraph()
            for i in range(0, len(item), 3):
                p.add_run(item[i : i + 3]).bold = (i // 3) % 2 == 1
        else:
            d.add_paragraph(item)
    d.save(str(path))
    return path


def body_of(path: Path):
    return docx.Document(str(path)).element.body


def anchored_texts(path: Path) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd, paragraphs
    joined by \\n, deleted text left out (as Word shows the document with changes accepted … no:
    as the original, when ``rejected``)."""
    body = body_of(path)
    open_: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for el in body.iter():
        tag = el.tag
        if tag == qn("w:commentRangeStart"):
            open_[el.get(qn("w:id"))] = []
        elif tag == qn("w:commentRangeEnd"):
            out[el.get(qn("w:id"))] = "".join(open_.pop(el.get(qn("w:id"))))
        elif tag == qn("w:t") and not any(a.tag == qn("w:del") for a in el.iterancestors()):
            for parts in open_.values():
                parts.append(el.text or "")
        elif tag == qn("w:p"):
            for parts in open_.values():
                if parts:
                    parts.append("\n")
    return out


def comments_of(path: Path) -> dict[str, tuple[str, str]]:
    """comment id -> (author, text) as python-docx reads them."""
    d = docx.Document(str(path))
    return {str(c.comment_id): (c.author, c.text) for c in d.comments}


def resolve(path: Path, out: Path, accept: bool, author: str = "yblint") -> Path:
    """Accept (or reject) every revision by ``author`` in the body of ``path``, write ``out``."""
    d = docx.Document(str(path))
    body = d.element.body
    drop, keep = ("w:del", "w:ins") if accept else ("w:ins", "w:del")
    # paragraph marks from the last: a run of deleted marks joins into the first paragraph
    marks = [e for e in body.iter(qn(drop)) if e.getparent().tag == qn("w:rPr")]
    others = [e for e in body.iter(qn(drop)) if e.getparent().tag != qn("w:rPr")]
    for el in [*reversed(marks), *others]:
        if el.get(qn("w:author")) != author:
            continue
        parent = el.getparent()
        if parent.tag == qn("w:rPr"):  # a paragraph mark
            p = parent.getparent().getparent()
            parent.remove(el)
            if accept:  # the paragraph mark goes: the next paragraph's content joins this one
                nxt = p.getnext()
                for child in list(nxt):
                    if child.tag != qn("w:pPr"):
                        p.append(child)
                nxt.getparent().remove(nxt)
            continue
        parent.remove(el)
    for el in list(body.iter(qn(keep))):
        if el.get(qn("w:author")) != author:
            continue
        parent = el.getparent()
        if parent.tag == qn("w:rPr"):
            parent.remove(el)
            continue
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
        for t in body.iter(qn("w:delText")):
            if not any(a.tag == qn("w:del") for a in t.iterancestors()):
                t.tag = qn("w:t")
    d.save(str(out))
    return out


def fixed_text(path: Path, select: list[str] | None = None) -> str:
    """What ``--fix`` computes for the draft (one round), from the fixing module."""
    result = lint([str(path)], Config(), select=select or ["ALL"])
    doc = result.documents[0]
    taken, _ = select_fixes(result.findings, doc)
    return apply_fixes(doc, taken)[0]


@pytest.fixture
def seed_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "seed.docx", SEED_LINES, rich=True)


def test_one_comment_per_finding_on_exactly_its_characters(seed_docx: Path, cli):
    before = seed_docx.read_bytes()
    report = cli("check", seed_docx, "--select", "ALL", "--format", "json").json()
    r = cli("annotate", seed_docx, "--select", "ALL")
    assert r.code == 1, r.err
    out = seed_docx.with_name("seed.yblint.docx")
    assert seed_docx.read_bytes() == before  # the input is never written
    comments = comments_of(out)
    findings = report["findings"]
    assert len(comments) == len(findings) > 40
    assert {a for a, _ in comments.values()} == {"yblint"}
    anchored = anchored_texts(out)
    # comments are added in finding order: ids 0, 1, 2 …
    for cid, f in zip(sorted(anchored, key=int), findings, strict=True):
        assert span_excerpt(anchored[cid]) == f["excerpt"], (f["rule"], f["line"])
        assert comments[cid][1].startswith(f["message"])
    # the text of the copy is the text of the input
    assert read_docx(str(out)).text == read_docx(str(seed_docx)).text


def test_splitting_runs_keeps_their_formatting(tmp_path: Path, cli):
    draft = make_docx(tmp_path / "a.docx", ["2021年，全区平米数增长。截止2021年底，共建成10处。"], rich=True)
    assert cli("annotate", draft, "--select", "nonstandard-unit,cutoff-date").code == 1
    out = tmp_path / "a.yblint.docx"
    p = docx.Document(str(out)).paragraphs[0]
    # every character keeps the boldness it had: runs of 3, alternating
    chars = [(ch, bool(run.bold)) for run in p.runs for ch in run.text]
    text = p.text
    assert [b for _, b in chars] == [(i // 3) % 2 == 1 for i in range(len(text))]
    assert sorted(anchored_texts(out).values()) == ["平米", "截止"]


def test_comment_text_has_the_fix_and_the_related_place(tmp_path: Path, cli):
    lines = list(SEED_LINES)
    draft = make_docx(tmp_path / "seed.docx", lines)
    cli("annotate", draft, "--select", "duplicate-passage,cutoff-date")
    texts = [t for _, t in comments_of(tmp_path / "seed.yblint.docx").values()]
    assert any("见第131段（区城投集团）" in t for t in texts), texts
    assert any("建议：将“截止”改为“截至”" in t for t in texts)


def test_related_place_in_another_file_is_named_by_the_file(tmp_path: Path, cli):
    text = "\n\n".join(SEED_LINES)
    original = next(p for p in text.split("\n\n") if "快收地、收好地" in p)
    (tmp_path / "last-year.txt").write_text("区城投集团\n\n" + original + "\n", encoding="utf-8")
    draft = make_docx(tmp_path / "b.docx", ["区城投集团", "", original])
    r = cli("annotate", tmp_path / "last-year.txt", draft, "--select", "duplicate-passage")
    assert "last-year.txt" in r.err  # a non-.docx input: one line, not annotated
    assert not (tmp_path / "last-year.yblint.docx").exists()
    texts = [t for _, t in comments_of(tmp_path / "b.yblint.docx").values()]
    assert any("last-year.txt第3行" in t for t in texts), texts


def test_track_changes_accept_all_is_fix_reject_all_is_original(seed_docx: Path, tmp_path: Path, cli):
    r = cli("annotate", seed_docx, "--select", "ALL", "--track-changes")
    assert r.code == 1, r.err
    out = seed_docx.with_name("seed.yblint.docx")
    body = body_of(out)
    dels = list(body.iter(qn("w:del")))
    ins = list(body.iter(qn("w:ins")))
    assert dels and ins and {e.get(qn("w:author")) for e in dels + ins} == {"yblint"}
    # split-paragraph joins: the paragraph marks are deleted as tracked changes
    assert any(e.getparent().tag == qn("w:rPr") for e in dels)
    accepted = resolve(out, tmp_path / "accepted.docx", accept=True)
    rejected = resolve(out, tmp_path / "rejected.docx", accept=False)
    assert read_docx(str(accepted)).text == fixed_text(seed_docx)
    assert read_docx(str(rejected)).text == read_docx(str(seed_docx)).text
    assert read_docx(str(accepted)).text != read_docx(str(seed_docx)).text
    # what a reviewer sees in the comments of the original text is still each finding's excerpt
    report = cli("check", seed_docx, "--select", "ALL", "--format", "json").json()
    anchored = anchored_texts(rejected)
    for cid, f in zip(sorted(anchored, key=int), report["findings"], strict=True):
        assert span_excerpt(anchored[cid]) == f["excerpt"], (f["rule"], f["line"])


def test_tracked_insertion_keeps_the_run_formatting(tmp_path: Path, cli):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("地下管网改造，清理")
    run = p.add_run("窞井")
    run.bold, run.italic = True, True
    p.add_run("30处。")
    d.save(str(tmp_path / "t.docx"))
    cli("annotate", tmp_path / "t.docx", "--select", "common-typo", "--track-changes")
    body = body_of(tmp_path / "t.yblint.docx")
    (ins,) = body.iter(qn("w:ins"))
    (r,) = ins.iter(qn("w:r"))
    assert r.find(qn("w:rPr")).find(qn("w:b")) is not None and r.find(qn("w:rPr")).find(qn("w:i")) is not None
    assert "".join(t.text for t in r.iter(qn("w:t"))) == "窨井"
    (deleted,) = body.iter(qn("w:del"))
    assert "".join(t.text for t in deleted.iter(qn("w:delText"))) == "窞井"


def test_unsafe_or_untracked_fixes_stay_comments(seed_docx: Path, cli):
    cli("annotate", seed_docx, "--select", "ALL")
    body = body_of(seed_docx.with_name("seed.yblint.docx"))
    assert not list(body.iter(qn("w:ins"))) and not list(body.iter(qn("w:del")))


def test_finding_in_a_table_is_commented_at_the_start_of_its_cell(tmp_path: Path, cli):
    """A finding with a fix made by hand in a table cell, one in a body paragraph: the cell's
    comment goes to the start of its cell and its fix is not tracked."""
    from yblint import annotate
    from yblint.finding import Edit, Finding, Fix, Location

    draft = make_docx(
        tmp_path / "t.docx",
        ["区城管局", "2021年，全区清理窞井30处。", ("table", [["项目", "数量"], ["窞井", "30处"]])],
    )
    result = lint([str(draft)], Config(), select=["common-typo"])
    doc = result.documents[0]
    cell = doc.text.index("窞井", doc.text.index("项目"))
    made = Finding(
        "common-typo",
        "warning",
        "窞井应为窨井",
        Location(doc, cell, cell + 2),
        fix=Fix("将“窞井”改为“窨井”", [Edit(doc, cell, cell + 2, "窨井")]),
    )
    out = tmp_path / "t.yblint.docx"
    done = annotate.annotate_document(doc, [*result.findings, made], out, "zh", True, {})
    assert (done.comments, done.at_cell_start, done.revisions) == (2, 1, 1)
    assert "其中 1 条放在表格单元格开头" in annotate.summary([done], en=False)
    texts = [t for _, t in comments_of(out).values()]
    assert len(texts) == 2 and texts[1].endswith("（位置：第4段第1字“窞井”）")
    body = body_of(out)
    cell_p = body.find(qn("w:tbl")).findall(f".//{qn('w:tr')}")[1].find(f".//{qn('w:p')}")
    assert cell_p.find(qn("w:commentRangeStart")) is not None
    assert len(list(body.iter(qn("w:ins")))) == 1  # the body paragraph's fix only
    assert read_docx(str(resolve(out, tmp_path / "r.docx", accept=False))).text == doc.text


def test_a_finding_in_a_later_cell_is_commented_in_that_cell(tmp_path):
    from yblint import annotate

    draft = make_docx(
        tmp_path / "t.docx",
        [
            "区教育局",
            (
                "table",
                [["学段", "学校数（所）"], ["小学", "32"], ["初中", "18"], ["完全中学", "4"], ["合计", "55"]],
            ),
        ],
    )
    result = lint([str(draft)], Config(), select=["inconsistent-total"])
    [f] = result.findings
    assert f.location.text == "55" and f.data["check"] == "table"
    out = tmp_path / "t.yblint.docx"
    done = annotate.annotate_document(result.documents[0], result.findings, out, "zh", True, {})
    assert (done.comments, done.at_cell_start) == (1, 1)
    last_row = body_of(out).find(qn("w:tbl")).findall(f".//{qn('w:tr')}")[-1]
    first_cell, second_cell = last_row.findall(qn("w:tc"))
    assert first_cell.find(f".//{qn('w:commentRangeStart')}") is None
    assert second_cell.find(f".//{qn('w:commentRangeStart')}") is not None


def test_existing_output_replaced_only_with_force(seed_docx: Path, cli):
    out = seed_docx.with_name("seed.yblint.docx")
    out.write_bytes(b"mine")
    r = cli("annotate", seed_docx, "--select", "layout-marker")
    assert r.code == 2 and "--force" in r.err and out.read_bytes() == b"mine"
    r = cli("annotate", seed_docx, "--select", "layout-marker", "--force")
    assert r.code == 1 and zipfile.is_zipfile(out)


def test_output_dir(seed_docx: Path, tmp_path: Path, cli):
    r = cli("annotate", seed_docx, "--select", "layout-marker", "--output-dir", tmp_path / "review")
    assert r.code == 1
    assert (tmp_path / "review" / "seed.yblint.docx").is_file()
    assert not seed_docx.with_name("seed.yblint.docx").exists()


def test_reviewed_copies_in_a_folder_are_not_annotated_again(seed_docx: Path, cli):
    cli("annotate", seed_docx.parent, "--select", "layout-marker")
    r = cli("annotate", seed_docx.parent, "--select", "layout-marker", "--force")
    assert "seed.yblint.yblint.docx" not in r.out
    assert not seed_docx.with_name("seed.yblint.yblint.docx").exists()


def test_word_features_survive(tmp_path: Path, cli):
    """Styles, tables, headers and footers, and the author's own comments and revisions."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "拱墅年鉴（2021）页眉"
    d.sections[0].footer.paragraphs[0].text = "页脚文字"
    d.add_paragraph("区城管局", style="Heading 1")
    p = d.add_paragraph("2021年，全区清理窞井30处，")
    d.add_comment(p.runs[0], text="作者自己的批注", author="王编辑")
    ins = copy.deepcopy(p.runs[0]._r)
    ins.find(qn("w:t")).text = "新增文字。"
    wrapper = p._p.makeelement(
        qn("w:ins"), {qn("w:id"): "90", qn("w:author"): "王编辑", qn("w:date"): "2021-01-01T00:00:00Z"}
    )
    wrapper.append(ins)
    p._p.append(wrapper)
    table = d.add_table(rows=1, cols=2, style="Table Grid")
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "数量"
    d.save(str(tmp_path / "w.docx"))
    cli("annotate", tmp_path / "w.docx", "--select", "common-typo", "--track-changes")
    out = docx.Document(str(tmp_path / "w.yblint.docx"))
    assert out.sections[0].header.paragraphs[0].text == "拱墅年鉴（2021）页眉"
    assert out.sections[0].footer.paragraphs[0].text == "页脚文字"
    assert out.paragraphs[0].style.name == "Heading 1"
    assert out.tables[0].style.name == "Table Grid" and out.tables[0].cell(0, 1).text == "数量"
    authors = {c.author: c.text for c in out.comments}
    assert authors["王编辑"] == "作者自己的批注" and "yblint" in authors
    theirs = [e for e in out.element.body.iter(qn("w:ins")) if e.get(qn("w:author")) == "王编辑"]
    assert len(theirs) == 1 and "".join(t.text for t in theirs[0].iter(qn("w:t"))) == "新增文字。"
    ids = [e.get(qn("w:id")) for e in out.element.body.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids))  # revision ids stay unique


def test_multi_paragraph_finding_is_anchored_start_to_end(tmp_path: Path, cli):
    lines = ["区工商联", "", "与23个部门联合建立民企发", "", "展顾问制度。"]
    draft = make_docx(tmp_path / "s.docx", lines)
    report = cli("check", draft, "--select", "duplicate-passage,split-paragraph", "--format", "json").json()
    cli("annotate", draft, "--select", "split-paragraph", "--track-changes")
    (text,) = anchored_texts(resolve(tmp_path / "s.yblint.docx", tmp_path / "r.docx", accept=False)).values()
    assert span_excerpt(text) == report["findings"][0]["excerpt"]
    accepted = resolve(tmp_path / "s.yblint.docx", tmp_path / "a.docx", accept=True)
    assert read_docx(str(accepted)).text == "区工商联\n\n与23个部门联合建立民企发展顾问制度。"


def test_a_piped_docx_is_read_as_word(tmp_path: Path, seed_docx: Path, monkeypatch, cli):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed_docx.read_bytes())))
    name = tmp_path / "piped.docx"
    r = cli("check", "-", "--stdin-filename", name, "--select", "layout-marker")
    assert r.code == 1 and f"{name}:3:1:" in r.out


# -- any runs, any spans: hypothesis ---------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_chunk = st.text(alphabet="截止窞井平米，。ab 1", min_size=1, max_size=4)
_paragraph = st.lists(_chunk, min_size=0, max_size=5)


@st.composite
def drafts_and_edits(draw):
    paragraphs = draw(st.lists(_paragraph, min_size=1, max_size=4))
    text = "\n".join("".join(p) for p in paragraphs)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=0, max_size=6, unique=True)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a == b:
            continue
        edits.append((a, b, draw(st.sampled_from(["", "截至", "—"]))))
    return paragraphs, edits


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drafts_and_edits())
def test_any_runs_any_spans_anchor_and_track_exactly(tmp_path_factory, case):
    """Paragraphs made of arbitrary runs (with bold), arbitrary spans (across paragraphs too):
    each comment holds exactly its span (compared as the JSON excerpt is: whitespace and
    paragraph breaks at its edges do not count); accepting the tracked edits gives the edited text,
    rejecting them the original."""
    from types import SimpleNamespace

    from docx.text.run import Run

    from yblint.annotate import _track
    from yblint.annotate.wordxml import Body

    paragraphs, edits = case
    d = docx.Document()
    for runs in paragraphs:
        p = d.add_paragraph()
        for i, chunk in enumerate(runs):
            p.add_run(chunk).bold = i % 2 == 1
    body = Body(d.element.body)
    text = "\n".join("".join(p) for p in paragraphs)
    for a, b, _ in edits:
        body.split_at(a)
        body.split_at(b)
    for n, (a, b, _) in enumerate(edits):
        runs = body.runs(a, b)
        if runs:
            Run(runs[0], None).mark_comment_range(Run(runs[-1], None), n)
    for a, b, r in edits:
        _track(body, SimpleNamespace(fix=SimpleNamespace(edits=[SimpleNamespace(start=a, end=b, replacement=r)])))
    folder = tmp_path_factory.mktemp("h")
    d.save(str(folder / "x.docx"))
    expected, pos = [], 0
    for a, b, r in edits:
        expected += [text[pos:a], r]
        pos = b
    expected.append(text[pos:])
    assert read_docx(str(resolve(folder / "x.docx", folder / "a.docx", accept=True))).text == "".join(expected)
    rejected = resolve(folder / "x.docx", folder / "r.docx", accept=False)
    assert read_docx(str(rejected)).text == text
    anchored = anchored_texts(rejected)
    for n, (a, b, _) in enumerate(edits):
        if text[a:b].replace("\n", ""):  # a span of characters: a comment on exactly them
            assert excerpt(anchored[str(n)]) == excerpt(text[a:b])


def test_baseline_and_exit_zero_as_for_check(seed_docx: Path, tmp_path: Path, cli):
    base = tmp_path / "base.json"
    assert cli("check", seed_docx, "--select", "layout-marker", "--write-baseline", base).code == 0
    r = cli("annotate", seed_docx, "--select", "layout-marker,cutoff-date", "--baseline", base)
    assert r.code == 1
    texts = [t for _, t in comments_of(seed_docx.with_name("seed.yblint.docx")).values()]
    assert texts and all("[cutoff-date]" in t for t in texts)  # the baselined findings are left out
    r = cli("annotate", seed_docx, "--select", "layout-marker", "--exit-zero", "--force", "--quiet")
    assert r.code == 0 and r.out.startswith("已生成 1 份批注副本：批注 2 条")


def test_hyperlinks_tabs_and_breaks_inside_a_span(tmp_path: Path, cli):
    """Characters in a hyperlink, a tab and a manual line break in the middle of a run: the
    comment and the tracked fix still land on exactly the flagged characters."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:rPr><w:i/></w:rPr><w:t>2021年，全区</w:t><w:tab/><w:t>面积</w:t>"
            "<w:br/><w:t>达12平米。</w:t></w:r>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99">'
            "<w:r><w:t>截止11月底，清理窞井3处。</w:t></w:r></w:hyperlink>"
        )
    )
    d.save(str(tmp_path / "h.docx"))
    report = cli("check", tmp_path / "h.docx", "--select", "ALL", "--format", "json").json()
    r = cli("annotate", tmp_path / "h.docx", "--select", "ALL", "--track-changes")
    assert r.code == 1, r.err
    out = tmp_path / "h.yblint.docx"
    rejected = resolve(out, tmp_path / "r.docx", accept=False)
    anchored = anchored_texts(rejected)
    # anchored_texts reads w:t only: a comment on the tab (space-in-cjk, excerpt ⇥) holds no w:t text
    shown = [f["excerpt"] if f["excerpt"].strip("␣□⇥↵") else "" for f in report["findings"]]
    assert [span_excerpt(anchored[c]) for c in sorted(anchored, key=int)] == shown
    assert "⇥" in [f["excerpt"] for f in report["findings"]]
    assert {"平米", "截止", "窞井"} <= {f["excerpt"] for f in report["findings"]}
    assert read_docx(str(rejected)).text == read_docx(str(tmp_path / "h.docx")).text
    accepted = read_docx(str(resolve(out, tmp_path / "a.docx", accept=True))).text
    assert (
        accepted == fixed_text(tmp_path / "h.docx") == "2021年，全区面积\u2028达12平方米。截至11月底，清理窨井3处。"
    )  # space-in-cjk: the tab goes; the manual line break (w:br) is a line break and stays (#10)
    # the italic run was split, every part still italic
    body = body_of(out)
    italic = [
        r
        for r in body.iter(qn("w:r"))
        if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:i")) is not None
    ]
    assert (
        "".join(t.text for r in italic for t in r.iter(qn("w:t"), qn("w:delText")))
        == "2021年，全区面积达12平米平方米。"
    )
