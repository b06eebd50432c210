"""``yblint check --fix`` and ``--diff``: fixes applied byte for byte, in the file's own encoding
and line endings; nothing unsafe or overlapping; nothing left to fix on a second run."""

import shutil
from pathlib import Path

import pytest
from conftest import SEED, doc_of

from yblint.finding import Edit, Finding, Fix, Location
from yblint.fixing import _newline, select_fixes

# (line, column, before, after): every fix of the yearbook pack on the seed page
SEED_FIXES = [
    (23, 50, "—", "——"),
    (45, 497, "截止", "截至"),
    (61, 32, "截止", "截至"),
    (65, 29, "截止", "截至"),
    (73, 12, "1-9", "1—9"),
    (73, 59, "1-10", "1—10"),
    (109, 24, "—", "——"),
    (109, 53, "—", "——"),
    (109, 81, "—", "——"),
    (119, 98, "1-4", "1—4"),
    (147, 16, "截止", "截至"),
    (157, 164, "截止", "截至"),
    (157, 190, "平米", "平方米"),
    (157, 205, "4千", "4000"),
    (157, 218, "窞井", "窨井"),
    (177, 12, "1-10", "1—10"),
    (201, 84, " ", ""),
]


def _expected_seed() -> bytes:
    lines = SEED.read_bytes().decode("utf-8").split("\n")
    for line, col, before, after in sorted(SEED_FIXES, reverse=True):
        text = lines[line - 1]
        assert text[col - 1 : col - 1 + len(before)] == before
        lines[line - 1] = text[: col - 1] + after + text[col - 1 + len(before) :]
    return "\n".join(lines).encode("utf-8")


def test_fix_seed_copy_changes_exactly_the_fixable(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, "seed.txt")
    r = cli("check", "seed.txt", "--select", "yearbook", "--fix")
    assert Path("seed.txt").read_bytes() == _expected_seed()
    printed = [ln for ln in r.out.splitlines() if "→" in ln]
    assert printed[0] == "seed.txt:23:50: dash “—” → “——”"
    assert "seed.txt:201:84: space-in-cjk “ ” → “”" in printed
    assert len(printed) == len(SEED_FIXES)
    assert "已修复 17 处，改写 1 个文件。" in r.out
    # the rest is reported as usual: relative time, first person … but nothing fixable
    assert "relative-time" in r.out and "cutoff-date" not in r.out.split("已修复")[1]
    assert r.code == 1
    # a second run finds nothing more to fix
    again = cli("check", "seed.txt", "--select", "yearbook", "--diff")
    assert (again.code, again.out) == (0, "")


def test_diff_writes_nothing(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, "seed.txt")
    r = cli("check", "seed.txt", "--select", "cutoff-date", "--diff")
    assert r.code == 1
    assert Path("seed.txt").read_bytes() == SEED.read_bytes()
    assert r.out.startswith("--- a/seed.txt\n+++ b/seed.txt\n")
    assert "-招大引强成果丰硕。围绕我区“1+4+N”现代产业体系精准布局，截止11月15日" in r.out
    assert "+招大引强成果丰硕。围绕我区“1+4+N”现代产业体系精准布局，截至11月15日" in r.out
    assert r.out.count("\n+") == 6  # the +++ line and lines 45, 61, 65, 147, 157


TEXT = "区市政公司\n\n截止10月底，灌缝8.5万平米，更换窞井144座。\n\n其余内容：“引号”（括号）—— 不变。\n"
FIXED = "区市政公司\n\n截至10月底，灌缝8.5万平方米，更换窨井144座。\n\n其余内容：“引号”（括号）—— 不变。\n"


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", b""),
        ("utf-8", "\r", b""),
        ("utf-8-sig", "\n", b"\xef\xbb\xbf"),
        ("utf-8-sig", "\r\n", b"\xef\xbb\xbf"),
        ("gb18030", "\n", b""),
        ("gb18030", "\r\n", b""),
    ],
)
def test_fix_keeps_encoding_and_line_endings(tmp_path, cli, encoding, newline, bom):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.replace("\n", newline).encode(encoding))
    assert p.read_bytes().startswith(bom) if bom else not p.read_bytes().startswith(b"\xef\xbb\xbf")
    r = cli("check", p, "--select", "yearbook", "--fix")
    assert p.read_bytes() == FIXED.replace("\n", newline).encode(encoding)
    assert r.code == 0, r.out + r.err
    assert cli("check", p, "--select", "yearbook", "--diff").code == 0


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("forced", [False, True])
def test_fix_keeps_a_utf16_or_utf32_file_and_its_byte_order_mark(tmp_path, cli, codec, forced):
    """A UTF-16 or UTF-32 draft with its byte-order mark is fixed byte for byte: the mark, the byte
    order and the CRLF line ends kept (a big-endian file was refused: it was read as "utf-16",
    whose encoder writes little-endian), also when its encoding is forced."""
    bom = "\ufeff".encode(codec)
    p = tmp_path / "a.txt"
    p.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(codec))
    args = ["--encoding", codec] if forced else []
    r = cli("check", p, "--select", "yearbook", "--fix", *args)
    assert r.code == 0, r.out + r.err
    assert p.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(codec)


def test_forced_encoding_and_bom_with_forced_utf8(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    cli("check", p, "--select", "yearbook", "--fix", "--encoding", "utf-8")
    assert p.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")
    q = tmp_path / "b.txt"
    q.write_bytes(TEXT.encode("gbk"))
    cli("check", q, "--select", "yearbook", "--fix", "--encoding", "gbk")
    assert q.read_bytes() == FIXED.encode("gbk")


def test_unchanged_file_is_not_written(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("甲\n\n截至10月底完成。\n", encoding="utf-8")
    before = p.stat().st_mtime_ns
    r = cli("check", p, "--select", "yearbook", "--fix")
    assert p.stat().st_mtime_ns == before
    assert "已修复 0 处" in r.out


def test_cascading_fixes_settle_in_one_run(tmp_path, cli, monkeypatch):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "a.yaml").write_text("id: one\ntype: substitution\nmessage: m\nswap: {甲: 乙}\n", encoding="utf-8")
    (rules / "b.yaml").write_text("id: two\ntype: substitution\nmessage: m\nswap: {乙乙: 丙}\n", encoding="utf-8")
    (tmp_path / ".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("标题\n\n甲乙。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli("check", "a.txt", "--select", "house", "--fix")
    assert Path("a.txt").read_text(encoding="utf-8") == "标题\n\n丙。\n"
    assert cli("check", "a.txt", "--select", "house", "--diff").code == 0


def test_json_report_stays_clean(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = cli("check", p, "--select", "yearbook", "--fix", "--format", "json")
    assert r.json()["findings"] == []
    assert "“截止” → “截至”" in r.err


def test_docx_is_never_rewritten(tmp_path, cli):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("区市政公司")
    d.add_paragraph("截止10月底，灌缝8.5万平米。")
    p = tmp_path / "a.docx"
    d.save(str(p))
    before = p.read_bytes()
    r = cli("check", p, "--select", "yearbook", "--fix")
    assert p.read_bytes() == before
    assert "Word 文件不会被改写" in r.out
    assert "cutoff-date" in r.out  # still reported
    r = cli("check", p, "--select", "yearbook", "--diff", "--lang", "en")
    assert ".docx files are never rewritten" in r.out


def test_split_paragraph_fix_is_applied_generically(tmp_path, cli):
    p = tmp_path / "seed.txt"
    original = SEED.read_text(encoding="utf-8")
    p.write_bytes(original.replace("\n", "\r\n").encode("gb18030"))
    r = cli("check", p, "--select", "split-paragraph,cutoff-date", "--fix")
    assert "split-paragraph" in r.out
    lines = original.split("\n")
    for first in (187, 149, 107, 65, 39):  # each paragraph ending mid-word joins the next one
        lines[first - 1 : first + 2] = [lines[first - 1] + lines[first + 1]]
    expected = "\n".join(lines).replace("截止", "截至")
    assert "民企发展顾问制度" in expected
    assert p.read_bytes() == expected.replace("\n", "\r\n").encode("gb18030")
    assert cli("check", p, "--select", "split-paragraph,cutoff-date", "--diff").code == 0


# --- choosing fixes -------------------------------------------------------------------------


def _finding(doc, start, end, repl, rule="r", safe=True):
    fix = Fix("d", [Edit(doc, start, end, repl)], safe=safe)
    return Finding(rule=rule, severity="warning", message="m", location=Location(doc, start, end), fix=fix)


def test_overlapping_and_unsafe_fixes_are_left_alone(tmp_path):
    doc = doc_of(tmp_path / "a.txt", "甲\n\n0123456789\n")
    s = doc.text.index("0")
    a = _finding(doc, s, s + 3, "x", "a")
    b = _finding(doc, s + 2, s + 5, "y", "b")  # overlaps a: left out
    c = _finding(doc, s + 5, s + 6, "z", "c")  # touches b's end but not a: taken
    d = _finding(doc, s + 7, s + 8, "w", "d", safe=False)
    e = _finding(doc, s + 9, s + 9, "!", "e")  # insertion
    f = _finding(doc, s + 9, s + 9, "?", "f")  # second insertion at the same point: left out
    taken, left = select_fixes([a, b, c, d, e, f], doc)
    assert [t[0].rule for t in taken] == ["a", "c", "e"]
    assert sorted(x.rule for x in left) == ["b", "d", "f"]


def test_replacement_line_breaks_follow_the_file():
    assert _newline("a\nb", "\r\n") == "a\r\nb"
    assert _newline("a\r\nb", "\r\n") == "a\r\nb"
    assert _newline("a\nb", "\n") == "a\nb"
