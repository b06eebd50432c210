"""Plain-text drafts written one paragraph a line (Word's "plain text", Notepad), without blank
lines between paragraphs: each line is a paragraph, short lines head units, and split-paragraph
speaks of a line break; drafts with blank lines between paragraphs keep their wrapped lines."""

from __future__ import annotations

import itertools
from collections import Counter

from conftest import FIXTURES, SEED, findings_of, where
from hypothesis import given
from hypothesis import strategies as st

from yblint.config import Config
from yblint.model import PROSE, TABLE
from yblint.parsing import build_document
from yblint.parsing.units import UnitOptions
from yblint.reading.source import Source

LINES = FIXTURES / "lines" / "gongshu-page5-one-paragraph-a-line.txt"  # the seed page, GB18030, CRLF
FIVE = ["团区委", "全年开展活动12场。", "组织志愿服务3次。", "区妇联", "举办培训班5期。"]


def _doc(text: str, path: str = "a.txt"):
    fmt = "markdown" if path.endswith(".md") else "text"
    return build_document(Source(path=path, text=text, encoding="utf-8", format=fmt), UnitOptions())


def test_the_seed_page_written_one_paragraph_a_line_gives_the_seed_pages_findings():
    seed, lines = findings_of([SEED]), findings_of([LINES])
    assert Counter(f.rule for f in lines) == Counter(f.rule for f in seed)
    split = [f for f in lines if f.rule == "split-paragraph"]
    assert where(split) == [("split-paragraph", n, c) for n, c in [(19, 167), (32, 98), (53, 14), (74, 101), (93, 32)]]
    assert all("换行" in f.message and "空行" not in f.message for f in split)
    assert all("换行" in f.fix.description for f in split)
    # units are told apart: the copies name the other unit, not "the untitled opening"
    copies = {(f.location.unit.name, f.data["other_unit"]) for f in lines if f.rule == "duplicate-passage"}
    assert copies == {(f.location.unit.name, f.data["other_unit"]) for f in seed if f.rule == "duplicate-passage"}
    assert ("拱投资", "区城投集团") in copies


def test_a_line_break_in_english():
    split = findings_of([LINES], ["split-paragraph"], Config(lang="en"))
    assert split and all("line break" in f.message and "blank line" not in f.message for f in split)


def test_each_line_is_a_paragraph_and_a_short_line_heads_a_unit():
    doc = _doc("团区委\n全年开展活动12场。\n组织志愿服务3次。\n区妇联\n举办培训班5期。\n")
    assert [p.text for p in doc.paragraphs] == [
        "团区委",
        "全年开展活动12场。",
        "组织志愿服务3次。",
        "区妇联",
        "举办培训班5期。",
    ]
    assert [u.name for u in doc.units] == ["团区委", "区妇联"]


def test_the_same_draft_with_blank_lines_between_its_paragraphs_gives_the_same_findings():
    paragraphs = [
        "区工商联",
        "今年我区与23个部门联合建立民企发",
        "展顾问制度（试行。截止2021年底，新建工会1430家。",
        "全年开展活动12场，组织志愿服务3次。",
        "团区委",
        "举办培训班5期，参训人员300人次。",
    ]
    lines = where(findings_of([_write("\n".join(paragraphs) + "\n")]))
    blank = where(findings_of([_write("\n\n".join(paragraphs) + "\n")]))
    assert {"cutoff-date", "split-paragraph", "unbalanced-punctuation"} <= {r for r, _, _ in lines}
    assert lines == [(r, (n + 1) // 2, c) for r, n, c in blank]


def test_wrapped_lines_between_blank_lines_stay_one_paragraph():
    """Text wrapped at a width (copied out of a PDF), blank lines between paragraphs: a line that
    happens to end a sentence does not make the draft one paragraph a line."""
    para = "全年开展活动12场，组织志愿服务3次。举办培训班5期，参训人员达到300人次，评选优秀青年10名。"
    wrapped = "\n".join(para[i : i + 16] for i in range(0, len(para), 16))
    doc = _doc(f"团区委\n\n{wrapped}\n\n{wrapped}\n")
    assert [p.text.replace("\n", "") for p in doc.paragraphs] == ["团区委", para, para]


def test_few_lines_or_lines_not_ending_sentences_stay_one_paragraph():
    assert len(_doc("全年开展活动。\n组织志愿服务。\n").paragraphs) == 1  # one line break: too few to tell
    # most lines after another do not end a sentence: lines wrapped without blank lines between
    assert len(_doc("全年开展活动12场\n组织志愿服务3次\n举办培训班5期。\n评选优秀青年\n表彰10名。\n").paragraphs) == 1


def test_a_table_in_a_draft_one_paragraph_a_line_stays_a_table():
    text = "情况如下。\n项目\t数量\n甲\t1\n乙\t2\n合计\t3\n说明一。\n说明二。\n说明三。\n"
    doc = _doc(text)
    kinds = [(p.kind, p.text.count("\n") + 1) for p in doc.paragraphs]
    assert kinds == [(PROSE, 1), (TABLE, 4), (PROSE, 1), (PROSE, 1), (PROSE, 1)]


def test_markdown_keeps_its_soft_line_breaks():
    doc = _doc("全年开展活动12场。\n组织志愿服务3次。\n举办培训班5期。\n评选优秀青年10名。\n", "a.md")
    assert len(doc.paragraphs) == 1


def test_carriage_returns_alone_end_lines_too(tmp_path):
    text = "团区委\r全年开展活动12场。\r组织志愿服务3次。\r区妇联\r举办培训班5期。\r"
    assert [p.text for p in _doc(text).paragraphs] == [
        "团区委",
        "全年开展活动12场。",
        "组织志愿服务3次。",
        "区妇联",
        "举办培训班5期。",
    ]


_N = [0]


def _write(text: str):
    import tempfile
    from pathlib import Path

    _N[0] += 1
    p = Path(tempfile.mkdtemp()) / f"draft{_N[0]}.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_blank_lines_only_around_headings_still_one_paragraph_a_line():
    """A draft whose empty paragraphs set off its headings, its paragraphs one a line."""
    text = (
        "团区委\n\n全年开展活动12场。\n组织志愿服务3次。\n\n"
        "区妇联\n\n举办培训班5期。\n建立妇联组织120家。\n开展普法宣传217场。\n"
    )
    doc = _doc(text)
    assert [u.name for u in doc.units] == ["团区委", "区妇联"]
    assert [len(u.paragraphs) for u in doc.units] == [2, 3]


def test_paragraphs_between_blank_lines_are_not_one_a_line_for_a_few_line_breaks():
    """Blank lines between the paragraphs, and a few paragraphs wrapped after a sentence: the
    blank lines between paragraphs outnumber the line breaks."""
    para = "全年开展活动12场，组织志愿服务3次。"
    text = "团区委\n\n" + "\n\n".join([para] * 6) + f"\n\n{para}\n{para}\n\n{para}\n{para}\n\n{para}\n{para}\n"
    assert len(_doc(text).paragraphs) == 1 + 6 + 3


def test_the_seed_page_one_paragraph_a_line_with_its_headings_set_off(tmp_path):
    """The seed page as Word's plain text writes it when empty paragraphs set off its headings:
    the seed page's findings, rule by rule."""
    lines = LINES.read_bytes().decode("gb18030").split("\r\n")
    out: list[str] = []
    for line in lines:
        heading = line.strip() and len(line.strip()) <= 20 and not any(c in line for c in "，。；：！？")
        out += ["", line, ""] if heading else [line]
    p = tmp_path / "page.txt"
    p.write_bytes("\r\n".join(out).encode("gb18030"))
    assert Counter(f.rule for f in findings_of([p])) == Counter(f.rule for f in findings_of([SEED]))


@given(st.lists(st.text(alphabet=st.sampled_from("甲乙。；\t \u3000"), max_size=8), max_size=10))
def test_manual_break_blocks_stay_inside_their_paragraph(pieces):
    """A Word paragraph cut at its manual breaks: blocks in order, inside it, on ink."""
    from yblint.model import Block
    from yblint.parsing.plaintext import manual_break_blocks

    text = "前\n" + "\u2028".join(pieces) + "\n后"
    start, end = 2, 2 + len("\u2028".join(pieces))
    after = Block(PROSE, end + 1, end + 2)
    blocks = manual_break_blocks(text, [Block(PROSE, start, end), after])
    assert blocks[-1] is after
    inner = blocks[:-1]
    assert inner and all(start <= b.start <= b.end <= end for b in inner)
    assert all(a.end <= b.start for a, b in itertools.pairwise(inner))
    if len(inner) > 1:  # cut at its breaks: each block holds ink
        assert all(text[b.start : b.end].strip() for b in inner)
