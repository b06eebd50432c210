from pathlib import Path

import pytest

from yblint.errors import InputError
from yblint.reading import discover, read_source
from yblint.reading.discover import display_path
from yblint.reading.encoding import decode

TEXT = "区妇联\n\n开展巾帼志愿红色宣讲43场。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_detects_encoding(data, encoding):
    text, used = decode(data, "x.txt")
    assert text == TEXT
    assert used == encoding


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_reads_utf16_and_utf32_by_their_byte_order_mark(codec):
    """Word's and Notepad's "Unicode" files: the mark says the encoding and its byte order, and is
    not part of the text (a UTF-32-LE mark begins with UTF-16-LE's: read as UTF-16, every
    character would be followed by a NUL)."""
    text = TEXT + "𠮷\n"  # a character above the basic plane: two UTF-16 code units
    data = "\ufeff".encode(codec) + text.encode(codec)
    assert decode(data, "x.txt") == (text, codec)


def test_invalid_utf32_names_the_byte():
    data = "\ufeff".encode("utf-32-le") + "区妇".encode("utf-32-le") + b"\x00\x00\x11\x00"  # above U+10FFFF
    with pytest.raises(InputError) as e:
        decode(data, "x.txt")
    assert str(e.value) == "x.txt: invalid UTF-32 at byte 12"


def test_forced_encoding():
    text, used = decode(TEXT.encode("gbk"), "x.txt", "gbk")
    assert (text, used) == (TEXT, "gbk")
    with pytest.raises(InputError, match="cannot decode as utf-8"):
        decode(TEXT.encode("gbk"), "x.txt", "utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "x.txt", "no-such-codec")


def test_binary_file_is_an_input_error_naming_the_file():
    with pytest.raises(InputError) as e:
        decode(bytes(range(256)) * 4, "pics/logo.png")
    assert str(e.value).startswith("pics/logo.png: ")
    assert "binary" in str(e.value)


def test_read_source_sets_format_and_newline(tmp_path: Path):
    md = tmp_path / "a.md"
    md.write_bytes("# 标题\r\n\r\n正文。\r\n".encode())
    src = read_source(str(md))
    assert (src.format, src.newline, src.encoding) == ("markdown", "\r\n", "utf-8")
    txt = tmp_path / "b.txt"
    txt.write_bytes(TEXT.encode("gb18030"))
    assert read_source(str(txt)).format == "text"


def test_discover_walks_folders_with_include_and_exclude(tmp_path: Path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "c.py").write_text("x")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "d.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.md").write_text("x")
    root = str(tmp_path)
    found = discover([root], ["*.md", "*.txt"], [])
    assert [Path(f).name for f in found] == ["a.md", "b.txt", "d.md"]
    found = discover([root], ["*.md", "*.txt"], ["old"])
    assert [Path(f).name for f in found] == ["a.md", "b.txt"]
    assert discover([str(tmp_path / "c.py")], ["*.md"], []) == [str(tmp_path / "c.py").replace("\\", "/")]


def test_discover_missing_path():
    with pytest.raises(InputError, match="no such file"):
        discover(["no/such/dir"], ["*.md"], [])


def test_discover_skips_word_and_editor_lock_files(tmp_path: Path):
    (tmp_path / "团区委.docx").write_bytes(b"PK")
    (tmp_path / "~$团区委.docx").write_bytes(b"\x00owner")
    (tmp_path / ".~lock.a.md#").write_text("x")
    found = discover([str(tmp_path)], ["*.md", "*.docx"], [])
    assert [Path(f).name for f in found] == ["团区委.docx"]


def test_discover_leaves_out_reviewed_copies_in_a_folder(tmp_path: Path):
    """STEM.yblint.docx is yblint annotate's output beside its draft: linted with the folder it
    would be reported as the draft copied word for word; named on the command line it is read."""
    (tmp_path / "团区委.docx").write_bytes(b"PK")
    (tmp_path / "团区委.yblint.docx").write_bytes(b"PK")
    (tmp_path / "团区委.YBLINT.DOCX").write_bytes(b"PK")
    found = discover([str(tmp_path)], ["*.md", "*.docx", "*.DOCX"], [])
    assert [Path(f).name for f in found] == ["团区委.docx"]
    named = discover([str(tmp_path / "团区委.yblint.docx")], ["*.docx"], [])
    assert [Path(f).name for f in named] == ["团区委.yblint.docx"]


def test_git_is_not_started_where_no_repository_can_be(tmp_path, monkeypatch):
    """Outside any work tree (no .git from the folder up, no GIT_DIR) git is not run at all; inside
    one, or with GIT_DIR set, it is asked as before."""
    import yblint.reading.git as git

    started: list[list[str]] = []
    monkeypatch.setattr(git, "_git", lambda args, cwd: started.append(args) or None)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    git.repository_root.cache_clear()
    outside = tmp_path / "a" / "b"
    outside.mkdir(parents=True)
    if git._may_be_in_a_work_tree(str(outside)):
        pytest.skip("the temporary folder lies inside a work tree")
    assert git.repository_root(str(outside)) is None and started == []
    (tmp_path / "a" / ".git").write_text("gitdir: /elsewhere\n")  # a linked work tree's .git file
    git.repository_root.cache_clear()
    assert git.repository_root(str(outside)) is None and started == [["rev-parse", "--show-toplevel"]]
    (tmp_path / "a" / ".git").unlink()
    git.repository_root.cache_clear()
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "repo.git"))
    git.repository_root(str(outside))
    assert len(started) == 2
    git.repository_root.cache_clear()


@pytest.mark.parametrize(
    ("data", "forced", "expected"),
    [
        # a stray byte in the middle of a UTF-8 line (neither UTF-8 nor GB18030)
        (
            TEXT.encode() + "开展活动".encode() + b"\xff" + "43场。\n".encode(),
            None,
            f"x.txt:4: cannot decode as UTF-8 at column 5 (byte {len(TEXT.encode()) + 12})"
            " or as GB18030; use --encoding",
        ),
        # a file cut in the middle of its last character (a copy that stopped short)
        (TEXT.encode()[:-2], None, None),
        # forced, on the first line; a BOM is not a column
        (
            b"\xef\xbb\xbf" + "区妇联".encode("gbk") + b"\n",
            "utf-8",
            "x.txt:1: cannot decode as utf-8 at column 1 (byte 3)",
        ),
        (
            b"\xef\xbb\xbf" + "区妇联\n开".encode()[:-1],
            None,
            "x.txt:2: has a UTF-8 BOM but invalid UTF-8 at column 1 (byte 13)",
        ),
    ],
)
def test_a_decoding_error_names_the_line_and_column(data, forced, expected):
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", forced)
    if expected is None:  # the cut character 。 (3 bytes, then the line break): the last one of line 3
        last = TEXT.rstrip("\n").split("\n")[-1]
        expected = (
            f"x.txt:3: cannot decode as UTF-8 at column {len(last)} (byte {len(TEXT.encode()) - 4})"
            " or as GB18030; use --encoding"
        )
    assert str(e.value) == expected
    assert e.value.line == int(expected.split(":")[1])


def test_a_decoding_error_in_utf16_names_only_the_byte():
    """In UTF-16 a line break is not the byte 0x0A (上 is 0A 4E): no line is named, not a wrong one."""
    data = "区妇联\n上上上".encode("utf-16-le") + b"\x00"
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", "utf-16-le")
    assert str(e.value) == f"x.txt: cannot decode as utf-16-le at byte {len(data) - 1}"
    assert e.value.line is None


#: Chinese written in UTF-8 whose bytes also read as GB18030 (an even number of ideographs a run)
UTF8_PART = "妇联\n\n全年走访企业\n".encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a GBK line pasted at the end of a UTF-8 draft
        (
            UTF8_PART + "团区委\n".encode("gbk"),
            "x.txt:4: mixes encodings: UTF-8 text on line 3, other bytes at line 4, column 1 (byte 27)",
        ),
        # a UTF-8 passage pasted into a GBK draft
        (
            "区妇联\n\n全区开展活动。\n\n".encode("gbk") + "全年走访企业\n".encode(),
            "x.txt:1: mixes encodings: UTF-8 text on line 5, other bytes at line 1, column 1 (byte 0)",
        ),
    ],
)
def test_a_draft_in_two_encodings_is_an_error_not_garbled_text(data, expected):
    """Both halves read as GB18030 too, the UTF-8 one garbled (濡囪仈 for 妇联): such a file is
    not read as GB18030 silently, it is an error that names the lines of both."""
    data.decode("gb18030")  # what the file would have been read as
    with pytest.raises(InputError) as e:
        decode(data, "x.txt")
    assert str(e.value) == expected + " (GBK pasted in?): save the file in one encoding, or use --encoding"
    assert e.value.line == int(expected.split(":")[1])
    assert decode(data, "x.txt", "gb18030")[1] == "gb18030"  # forced, as the message says


def test_gb18030_text_is_not_taken_for_two_encodings():
    """GB18030 text makes, read as UTF-8, an ideograph here and there, never several in a row:
    the reports written so (1.1 million characters) read as GB18030."""
    import json

    from book_drafts import CORPUS

    if not CORPUS.exists():
        pytest.skip("the reports corpus is not here")
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        content = json.loads(line)["content"]
        assert decode(content.encode("gb18030"), "r.txt") == (content, "gb18030")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "区妇联\n\n全区妇联开展活动43场。\n".encode() + "团区委\n\n全区共青团员1.2万人。\n".encode("gbk"),
            "x.txt:4: mixes encodings: UTF-8 text on line 3, other bytes at line 4, column 1 (byte 44)",
        ),
        (
            "团区委\n\n全区共青团员1.2万人。\n".encode("gbk") + "区妇联\n\n全区妇联开展活动43场。\n".encode(),
            "x.txt:1: mixes encodings: UTF-8 text on line 6, other bytes at line 1, column 1 (byte 0)",
        ),
    ],
)
def test_a_draft_in_two_encodings_that_is_no_gb18030_either(data, expected):
    """Most such files are not GB18030 as a whole either: where the bytes that are not UTF-8 make
    a line of Chinese in GB18030, the error says the file mixes the two (a stray byte, a file cut
    short keep their message: see test_a_decoding_error_names_the_line_and_column)."""
    with pytest.raises(InputError) as e:
        decode(data, "x.txt")
    assert str(e.value) == expected + " (GBK pasted in?): save the file in one encoding, or use --encoding"


def test_a_file_reached_twice_is_linted_once(tmp_path, cli):
    """Named twice, spelled two ways, or linked to from a linted folder: one file, linted once and
    fixed once (a second fix of it would find it changed and fail)."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "区城投集团.txt"
    draft.write_text("区城投集团\n\n2021年，完成投资58.6亿元,同比增长12.3%。\n", "utf-8")
    (drafts / "最新稿.txt").symlink_to("区城投集团.txt")
    skipped: list[str] = []
    assert discover([str(drafts)], ["*.txt"], [], skipped=skipped) == [display_path(draft)]
    assert skipped == [f"{display_path(drafts / '最新稿.txt')}: skipped: the same file as {display_path(draft)}"]
    assert discover([str(draft), str(drafts / "." / "区城投集团.txt")], ["*.txt"], []) == [display_path(draft)]
    r = cli("check", drafts, str(draft), "--fix")
    assert r.code == 0 and r.out.count("half-width-punct") == 1
    assert draft.read_text("utf-8") == "区城投集团\n\n2021年，完成投资58.6亿元，同比增长12.3%。\n"
    assert (drafts / "最新稿.txt").is_symlink()


def test_a_folder_with_no_draft_says_so(tmp_path, cli):
    """A CI job pointed at a folder of .doc files (or an empty one) checks nothing: a warning says
    so, naming the folder and what is read; a folder with drafts, or a file named, gives none."""
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "区妇联.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "2022").mkdir()
    (tmp_path / "2022" / "区妇联.txt").write_text("区妇联\n\n开展活动12场。\n", "utf-8")
    r = cli("check", tmp_path / "2021", tmp_path / "2022")
    assert r.code == 0
    folder = display_path(tmp_path / "2021")
    assert f"{folder}: no drafts found (include: *.md, *.markdown, *.txt, *.docx)" in r.err
    assert "2022" not in r.err
    assert "no drafts found" not in cli("check", tmp_path / "2022" / "区妇联.txt").err
