"""``yblint annotate``: where each reviewed copy goes, and what it never writes over (the drafts
and every file the run reads, a copy written earlier in the run); reviewed copies named on the
command line; a paragraph mark the draft has deleted already."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.oxml.parser import parse_xml  # noqa: E402
from test_annotate import anchored_texts, body_of, comments_of, resolve  # noqa: E402

from yblint.annotate import annotate_document  # noqa: E402
from yblint.annotate.outputs import Outputs, common_folder, copy_name, output_path  # noqa: E402
from yblint.annotate.wordxml import Body  # noqa: E402
from yblint.cli import overwritten_input  # noqa: E402
from yblint.config import Config  # noqa: E402
from yblint.engine import lint  # noqa: E402
from yblint.finding import Edit, Finding, Fix, Location  # noqa: E402
from yblint.reading.docx import read_docx  # noqa: E402

TEXT = "今年，我区妇联开展活动120场。"  # relative-time and first-person: findings, exit 1
SUMMARY_NONE = "已生成 0 份批注副本：批注 0 条，修订 0 处，其中 0 条放在表格单元格开头。\n"


def draft(path: Path, text: str = TEXT, unit: str = "区妇联") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    d.add_heading(unit, 1)
    d.add_paragraph(text)
    d.save(str(path))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def body_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def copies(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yblint.docx"))


# -- 1. never write over a file the run reads -------------------------------------------------------


@pytest.mark.parametrize("force", [True, False])
def test_a_copy_name_linked_to_its_draft_is_refused_and_the_draft_kept(cli, tmp_path, monkeypatch, force):
    """区妇联.yblint.docx -> 区妇联.docx (a link left by a sync tool): --force or not, one line
    naming the copy and the draft, exit 2, nothing written through the link."""
    monkeypatch.chdir(tmp_path)
    original = draft(Path("d/区妇联.docx"))
    Path("d/区妇联.yblint.docx").symlink_to("区妇联.docx")
    before = sha(original)
    r = cli("annotate", "d", *(["--force"] if force else []))
    assert r.code == 2
    assert r.err == (
        "yblint: error: d/区妇联.docx: d/区妇联.yblint.docx 是本次读取的输入文件 d/区妇联.docx"
        "（链接或同一文件的另一种写法），批注副本未写入：--force 也不会覆盖输入文件\n"
    )
    assert r.out == SUMMARY_NONE
    assert sha(original) == before and not docx.Document(str(original)).comments
    assert os.readlink("d/区妇联.yblint.docx") == "区妇联.docx"


def test_the_refusal_in_english(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = draft(Path("d/区妇联.docx"))
    Path("d/区妇联.yblint.docx").symlink_to("区妇联.docx")
    before = sha(original)
    r = cli("annotate", "d", "--force", "--lang", "en")
    assert r.code == 2
    assert r.err == (
        "yblint: error: d/区妇联.docx: d/区妇联.yblint.docx is the input d/区妇联.docx (a link to it, or another"
        " spelling of its path): the reviewed copy is not written; --force never replaces an input\n"
    )
    assert sha(original) == before


@pytest.mark.parametrize("what", ["hard link to its draft", "link to another draft", "link to a corpus file"])
def test_a_copy_name_that_is_any_file_of_the_run_is_refused(cli, tmp_path, monkeypatch, what):
    monkeypatch.chdir(tmp_path)
    a = draft(Path("d/区妇联.docx"))
    b = draft(Path("d/团区委.docx"), "今年，团区委开展活动85场。", "团区委")
    corpus = draft(Path("old/区妇联2020.docx"), "2020年，区妇联开展活动100场。")
    target = {"hard link to its draft": a, "link to another draft": b, "link to a corpus file": corpus}[what]
    link = Path("d/区妇联.yblint.docx")
    if what.startswith("hard"):
        os.link(target, link)
    else:
        link.symlink_to(os.path.relpath(target, link.parent))
    before = {p: sha(p) for p in (a, b, corpus)}
    r = cli("annotate", "d", "--corpus", "old/*.docx", "--force")
    assert r.code == 2
    errors = [line for line in r.err.splitlines() if line.startswith("yblint: error:")]
    assert errors == [
        f"yblint: error: d/区妇联.docx: d/区妇联.yblint.docx 是本次读取的输入文件 {target.as_posix()}"
        "（链接或同一文件的另一种写法），批注副本未写入：--force 也不会覆盖输入文件"
    ]
    assert {p: sha(p) for p in (a, b, corpus)} == before
    assert Path("d/团区委.yblint.docx").is_file()  # the other draft's copy is still written
    assert r.out.endswith("已生成 1 份批注副本：批注 1 条，修订 0 处，其中 0 条放在表格单元格开头。\n")


def test_a_copy_name_linked_to_the_config_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".yblint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    draft(Path("区妇联.docx"))
    Path("区妇联.yblint.docx").symlink_to(".yblint.yaml")
    r = cli("annotate", "区妇联.docx", "--force")
    assert r.code == 2 and "区妇联.yblint.docx 是本次读取的输入文件 .yblint.yaml" in r.err
    assert Path(".yblint.yaml").read_text(encoding="utf-8") == "fail_on: error\n"


def test_a_copy_name_linked_outside_the_run_is_written_with_force(cli, tmp_path, monkeypatch):
    """The guard refuses the run's files only: a stale copy linked elsewhere is replaced with
    --force (written through the link, as before), and refused without it."""
    monkeypatch.chdir(tmp_path)
    original = draft(Path("d/区妇联.docx"))
    Path("elsewhere.docx").write_bytes(b"stale")
    Path("d/区妇联.yblint.docx").symlink_to("../elsewhere.docx")
    r = cli("annotate", "d")
    assert r.code == 2 and r.err == "yblint: error: d/区妇联.docx: d/区妇联.yblint.docx 已存在（用 --force 替换）\n"
    assert Path("elsewhere.docx").read_bytes() == b"stale"
    before = sha(original)
    r = cli("annotate", "d", "--force")
    assert r.code == 1, r.err
    assert len(comments_of(Path("elsewhere.docx"))) == 2 and sha(original) == before


def test_a_reviewed_copy_named_with_its_draft_is_an_input_never_replaced(cli, tmp_path, monkeypatch):
    """yblint annotate d/*.docx --force after an earlier run: d/区妇联.yblint.docx is named, so it
    is an input; its draft's copy is refused, and it is annotated itself as the next round."""
    monkeypatch.chdir(tmp_path)
    original = draft(Path("d/区妇联.docx"))
    named = Path("d/区妇联.yblint.docx")
    named.write_bytes(original.read_bytes())
    before = (sha(original), sha(named))
    r = cli("annotate", "d/区妇联.docx", "d/区妇联.yblint.docx", "--force")
    assert r.code == 2
    assert r.err == (
        "yblint: error: d/区妇联.docx: d/区妇联.yblint.docx 是本次读取的输入文件，"
        "批注副本未写入：--force 也不会覆盖输入文件\n"
    )
    assert (sha(original), sha(named)) == before
    assert copies(Path("d")) == ["区妇联.2.yblint.docx", "区妇联.yblint.docx"]
    assert "d/区妇联.yblint.docx → d/区妇联.2.yblint.docx：" in r.out
    assert r.out.endswith("已生成 1 份批注副本：" + r.out.rsplit("已生成 1 份批注副本：", 1)[1])


def test_overwritten_input_sees_links_and_other_spellings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    Path("d/a.txt").write_text("a", encoding="utf-8")
    Path("d/b.txt").write_text("b", encoding="utf-8")
    Path("link.txt").symlink_to("d/a.txt")
    os.link("d/a.txt", "hard.txt")
    inputs = ["d/b.txt", "d/a.txt"]
    assert overwritten_input("d/a.txt", inputs) == "d/a.txt"
    assert overwritten_input("./d/../d/a.txt", inputs) == "d/a.txt"
    assert overwritten_input("link.txt", inputs) == "d/a.txt"
    assert overwritten_input(Path("hard.txt"), inputs) == "d/a.txt"
    assert overwritten_input(tmp_path / "d" / "b.txt", inputs) == "d/b.txt"
    assert overwritten_input("other.txt", inputs) is None  # absent
    Path("other.txt").write_text("a", encoding="utf-8")  # same bytes, another file
    assert overwritten_input("other.txt", inputs) is None
    assert overwritten_input("d/a.txt", ["gone.txt"]) is None


# -- 2. drafts of one name in different folders -----------------------------------------------------


def _two_of_one_name(root: Path) -> tuple[Path, Path]:
    a = draft(root / "综合经济" / "区发改局.docx", "今年，区发改局完成投资56亿元。", "区发改局")
    b = draft(root / "社会事业" / "区发改局.docx", "截止10月底，区发改局审批项目30个。", "区发改局")
    return a, b


def test_drafts_of_one_name_get_their_own_copies_in_their_folders(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _two_of_one_name(Path("r3"))
    r = cli("annotate", "r3/综合经济", "r3/社会事业", "--output-dir", "r3/review")
    assert r.code == 1 and r.err == "", r.err
    assert copies(Path("r3/review")) == ["社会事业/区发改局.yblint.docx", "综合经济/区发改局.yblint.docx"]
    assert body_text(Path("r3/review/综合经济/区发改局.yblint.docx"))[1] == "今年，区发改局完成投资56亿元。"
    assert body_text(Path("r3/review/社会事业/区发改局.yblint.docx"))[1] == "截止10月底，区发改局审批项目30个。"
    assert r.out.splitlines() == [
        "r3/综合经济/区发改局.docx → r3/review/综合经济/区发改局.yblint.docx：批注 1 条，修订 0 处",
        "r3/社会事业/区发改局.docx → r3/review/社会事业/区发改局.yblint.docx：批注 2 条，修订 0 处",
        "已生成 2 份批注副本：批注 3 条，修订 0 处，其中 0 条放在表格单元格开头。",
    ]
    # again: both exist (no copy of this run is taken for an earlier one) …
    r = cli("annotate", "r3/综合经济", "r3/社会事业", "--output-dir", "r3/review")
    assert r.code == 2 and r.err.count("已存在（用 --force 替换）") == 2 and "已生成 0 份" in r.out
    # … and --force replaces each with its own draft's copy
    r = cli("annotate", "r3/综合经济", "r3/社会事业", "--output-dir", "r3/review", "--force")
    assert r.code == 1 and r.err == "" and "已生成 2 份批注副本：批注 3 条" in r.out
    assert body_text(Path("r3/review/综合经济/区发改局.yblint.docx"))[1] == "今年，区发改局完成投资56亿元。"


def test_a_folder_tree_is_mirrored_and_one_folder_stays_flat(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _two_of_one_name(Path("drafts"))
    assert cli("annotate", "drafts", "--output-dir", "review").code == 1
    assert copies(Path("review")) == ["社会事业/区发改局.yblint.docx", "综合经济/区发改局.yblint.docx"]
    draft(Path("flat/区妇联.docx"))
    draft(Path("flat/团区委.docx"), "今年，团区委开展活动85场。", "团区委")
    assert cli("annotate", "flat/区妇联.docx", "flat/团区委.docx", "--output-dir", "out").code == 1
    assert copies(Path("out")) == ["区妇联.yblint.docx", "团区委.yblint.docx"]
    assert not list(Path("flat").glob("*.yblint.docx"))


def test_two_drafts_with_one_copy_name_never_replace_each_other(cli, tmp_path, monkeypatch):
    """区发改局.docx and 区发改局.DOCX in one folder both name 区发改局.yblint.docx: the second is
    refused with --force too, and only the copy written is counted."""
    monkeypatch.chdir(tmp_path)
    draft(Path("d/区发改局.docx"), "今年，区发改局完成投资56亿元。", "区发改局")
    draft(Path("d/区发改局.DOCX"), "截止10月底，区发改局审批项目30个。", "区发改局")
    if len(list(Path("d").iterdir())) != 2:
        pytest.skip("a file system that ignores case")
    r = cli("annotate", "d/区发改局.docx", "d/区发改局.DOCX", "--force")
    assert r.code == 2
    assert r.err == (
        "yblint: error: d/区发改局.DOCX: d/区发改局.yblint.docx 已在本次运行中写为 d/区发改局.docx 的批注副本，"
        "不再覆盖：未写入\n"
    )
    assert body_text(Path("d/区发改局.yblint.docx"))[1] == "今年，区发改局完成投资56亿元。"
    assert r.out.endswith("已生成 1 份批注副本：批注 1 条，修订 0 处，其中 0 条放在表格单元格开头。\n")
    r = cli("annotate", "d/区发改局.docx", "d/区发改局.DOCX", "--force", "--lang", "en")
    assert r.err == (
        "yblint: error: d/区发改局.DOCX: d/区发改局.yblint.docx was written in this run as the reviewed copy of"
        " d/区发改局.docx: not replaced, not written\n"
    )


def test_output_paths_mirror_below_the_shared_folder(tmp_path):
    a, b = str(tmp_path / "x" / "综合经济" / "a.docx"), str(tmp_path / "x" / "社会事业" / "a.docx")
    base = common_folder([a, b])
    assert base == str(tmp_path / "x")
    assert output_path(a, "review", base) == Path("review/综合经济/a.yblint.docx")
    assert output_path(a, "review", str(tmp_path / "x" / "综合经济")) == Path("review/a.yblint.docx")
    assert output_path(a, "review", str(tmp_path / "y")) == Path("review/a.yblint.docx")  # not below: flat
    assert output_path(a, None, base) == Path(a).parent / "a.yblint.docx"
    assert common_folder([]) is None
    outputs = Outputs("review", [a, b, str(tmp_path / "notes.txt")], lambda out: None)
    assert outputs.base == str(tmp_path / "x")  # Word drafts only


# -- 3. a reviewed copy named on the command line ---------------------------------------------------


def test_a_reviewed_copy_named_on_the_command_line_is_annotated_as_the_next_round(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    named = draft(Path("r4/区妇联.yblint.docx"), "今年，我区妇联截止10月底开展活动120场。")
    before = sha(named)
    r = cli("annotate", "r4/区妇联.yblint.docx")
    assert r.code == 1, r.err
    assert r.out.splitlines() == [
        "r4/区妇联.yblint.docx → r4/区妇联.2.yblint.docx：批注 3 条，修订 0 处",
        "已生成 1 份批注副本：批注 3 条，修订 0 处，其中 0 条放在表格单元格开头。",
    ]
    assert sha(named) == before and len(comments_of(Path("r4/区妇联.2.yblint.docx"))) == 3
    r = cli("annotate", "r4/区妇联.2.yblint.docx", "--track-changes")
    assert r.code == 1 and Path("r4/区妇联.3.yblint.docx").is_file()
    # in a folder, every round is a copy: only drafts are annotated
    draft(Path("r4/团区委.docx"), "今年，团区委开展活动85场。", "团区委")
    r = cli("annotate", "r4")
    assert r.code == 1 and r.out.splitlines() == [
        "r4/团区委.docx → r4/团区委.yblint.docx：批注 1 条，修订 0 处",
        "已生成 1 份批注副本：批注 1 条，修订 0 处，其中 0 条放在表格单元格开头。",
    ]


def test_copy_names():
    assert copy_name("d/区妇联.docx") == "区妇联.yblint.docx"
    assert copy_name("区妇联.DOCX") == "区妇联.yblint.docx"
    assert copy_name("d/区妇联.yblint.docx") == "区妇联.2.yblint.docx"
    assert copy_name("区妇联.YBLINT.DOCX") == "区妇联.2.yblint.docx"
    assert copy_name("区妇联.2.yblint.docx") == "区妇联.3.yblint.docx"
    assert copy_name("区妇联.9.yblint.docx") == "区妇联.10.yblint.docx"
    assert copy_name("报告.2021.yblint.docx") == "报告.2021.2.yblint.docx"  # a year, not a round
    assert copy_name("a.1.yblint.docx") == "a.1.2.yblint.docx"
    for name in ("a.docx", "a.yblint.docx", "a.2.yblint.docx", "a.2021.yblint.docx"):
        assert copy_name(name) != name and copy_name(name).endswith(".yblint.docx")


# -- 4. a paragraph mark the draft has deleted already ----------------------------------------------

W = nsdecls("w")
DELETED = '<w:del w:id="904" w:author="张编辑" w:date="2022-03-01T10:00:00Z"/>'


def _joined_draft(path: Path, rpr: str) -> Path:
    """A paragraph whose mark holds ``rpr`` (a reviewer's tracked change), then its second half."""
    d = docx.Document()
    d.add_heading("区城投集团", 1)
    sect = d.element.body[-1]
    sect.addprevious(
        parse_xml(f"<w:p {W}><w:pPr><w:rPr>{rpr}</w:rPr></w:pPr><w:r><w:t>截止10月底，开展老旧小区改</w:t></w:r></w:p>")
    )
    sect.addprevious(parse_xml(f"<w:p {W}><w:r><w:t>造项目12个。</w:t></w:r></w:p>"))
    d.save(str(path))
    return path


def _rprs(path: Path) -> list[list[str]]:
    """The revision marks of each paragraph mark, as (tag, author)."""
    return [
        [f"{el.tag.rsplit('}', 1)[1]}:{el.get(qn('w:author'))}" for el in rpr]
        for rpr in body_of(path).iter(qn("w:rPr"))
        if rpr.getparent().tag == qn("w:pPr")
    ]


def _mark_fix(path: Path) -> tuple:
    """The draft's document and a finding whose fix deletes the first paragraph's mark (what
    split-paragraph writes), at the offsets the writer's Body has for it."""
    result = lint([str(path)], Config(), select=["cutoff-date"])
    doc = result.documents[0]
    body = Body(docx.Document(str(path)).element.body)
    (line,) = [ln for ln in body.lines if ln.text.endswith("改")]
    join = Finding(
        "split-paragraph",
        "error",
        "段落被拆开",
        Location(doc, line.end - 1, line.end + 2),
        fix=Fix("删除段落分隔", [Edit(doc, line.end, line.end + 1, "")]),
    )
    return doc, [*result.findings, join]


def test_a_deleted_paragraph_mark_is_not_deleted_twice(tmp_path):
    path = _joined_draft(tmp_path / "r1.docx", DELETED)
    doc, findings = _mark_fix(path)
    out = tmp_path / "r1.yblint.docx"
    done = annotate_document(doc, findings, out, "zh", True, {})
    assert _rprs(out) == [["del:张编辑"]]  # the reviewer's deletion, and no second w:del
    assert (done.comments, done.revisions) == (2, 1)  # 截止 → 截至 only
    texts = [t for _, t in comments_of(out).values()]
    assert texts[1].endswith("稿中已有此修订：删除段落分隔") and texts[0].endswith("已作修订：将“截止”改为“截至”")
    accepted = read_docx(str(resolve(resolve(out, tmp_path / "a.docx", True), tmp_path / "b.docx", True, "张编辑")))
    assert accepted.text.endswith("截至10月底，开展老旧小区改造项目12个。")
    en = annotate_document(doc, findings, tmp_path / "en.yblint.docx", "en", True, {})
    assert en.revisions == 1
    assert any(
        t.endswith("Already a tracked change in the draft: 删除段落分隔")
        for _, t in comments_of(tmp_path / "en.yblint.docx").values()
    )


def test_a_mark_not_deleted_yet_is_deleted_once_after_an_inserted_mark(tmp_path):
    """The negative case: a mark the reviewer inserted (w:ins) is deleted by yblint, its w:del
    after the w:ins (the schema's order); a plain mark gets one w:del."""
    path = _joined_draft(tmp_path / "ins.docx", DELETED.replace("w:del", "w:ins"))
    doc, findings = _mark_fix(path)
    out = tmp_path / "ins.yblint.docx"
    done = annotate_document(doc, findings, out, "zh", True, {})
    assert _rprs(out) == [["ins:张编辑", "del:yblint"]] and done.revisions == 2
    path = _joined_draft(tmp_path / "plain.docx", "")
    doc, findings = _mark_fix(path)
    out = tmp_path / "plain.yblint.docx"
    assert annotate_document(doc, findings, out, "zh", True, {}).revisions == 2
    assert _rprs(out) == [["del:yblint"]]
    assert read_docx(str(resolve(out, tmp_path / "a.docx", True))).text.endswith(
        "截至10月底，开展老旧小区改造项目12个。"
    )


def test_delete_paragraph_mark_says_whether_it_wrote(tmp_path):
    d = docx.Document()
    for rpr in (DELETED, DELETED.replace("w:del", "w:moveFrom"), ""):
        d.element.body[-1].addprevious(parse_xml(f"<w:p {W}><w:pPr><w:rPr>{rpr}</w:rPr></w:pPr></w:p>"))
    body = Body(d.element.body)
    deleted, moved, plain = (ln.element for ln in body.lines)
    assert (body.delete_paragraph_mark(deleted), body.delete_paragraph_mark(moved)) == (False, False)
    assert body.delete_paragraph_mark(plain) is True and body.delete_paragraph_mark(plain) is False
    for p in (deleted, moved, plain):
        rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        assert len(rpr.findall(qn("w:del"))) + len(rpr.findall(qn("w:moveFrom"))) == 1


def test_the_cli_run_on_a_joined_draft_writes_one_deletion_per_mark(cli, tmp_path):
    path = _joined_draft(tmp_path / "r1.docx", DELETED)
    before = sha(path)
    r = cli("annotate", path, "--track-changes", "--force")
    assert r.code == 1, r.err
    assert _rprs(tmp_path / "r1.yblint.docx") == [["del:张编辑"]] and sha(path) == before
    assert "截至" in anchored_texts(tmp_path / "r1.yblint.docx").values()  # 截止 → 截至, tracked
