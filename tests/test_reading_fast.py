"""Fast paths of reading (#14), each against the slower reference it replaces: paragraphs of plain
text cut by str.split instead of a regex scan, bare URLs looked for only where one can be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yblint.model import PROSE
from yblint.parsing import build_document
from yblint.parsing.markdown import _URL, url_spans
from yblint.parsing.plaintext import (
    _LINE,
    _PARA,
    _has_ink,
    _line_paragraphs,
    _paragraph_spans,
    one_paragraph_a_line,
    text_blocks,
)
from yblint.parsing.units import UnitOptions, _starts_unit, is_plain_heading
from yblint.reading.source import Source, _dominant_newline
from yblint.text.marks import INLINE_SPACE, skip_space, trim_space

#: ink, every kind of blank (spaces, the invisible characters, \s beyond ASCII) and line ends
LINES = st.text(
    alphabet=st.sampled_from("a中。 \t\u3000\xa0\u200b\u200c\u200d\u2060\ufeff\u00ad\x0b\x0c\x1c\n"), max_size=80
)


#: drafts of a few lines, some ending a sentence, with one line break or a blank line between
DRAFTS = st.lists(
    st.tuples(st.text(alphabet=st.sampled_from("a中。；\t \u3000\u200b"), max_size=8), st.sampled_from(["\n", "\n\n"])),
    max_size=12,
).map(lambda parts: "".join(line + end for line, end in parts))


def _regex_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs by the regexes: runs of lines with ink (_PARA), or, for a draft written one
    paragraph a line, its lines with ink (_LINE)."""
    runs = [m.span() for m in _PARA.finditer(text)]
    if not one_paragraph_a_line(text, runs):
        return runs
    return _line_paragraphs(
        text, [m.span() for m in _LINE.finditer(text) if m.end() > m.start() and _has_ink(m.group())]
    )


@given(st.one_of(LINES, DRAFTS))
def test_paragraph_spans_are_the_regex_spans(text):
    assert _paragraph_spans(text) == _regex_spans(text)


@given(st.one_of(LINES, DRAFTS), st.sampled_from(["\r\n", "\r"]))
def test_with_carriage_returns_the_regex_itself_is_used(text, newline):
    assert _paragraph_spans(text.replace("\n", newline)) == _regex_spans(text.replace("\n", newline))
    # the same paragraphs whatever ends the lines
    assert len(_paragraph_spans(text.replace("\n", newline))) == len(_paragraph_spans(text))


@given(st.one_of(LINES, DRAFTS))
def test_blocks_are_those_of_the_regex_and_the_space_loops(text):
    want = []
    for start, stop in _regex_spans(text):
        end = trim_space(text, start, stop, INLINE_SPACE)
        content = skip_space(text, start, end, INLINE_SPACE)
        want.append((start, min(content, end), end))
    assert [(b.start, b.content_start, b.end) for b in text_blocks(text)] == want


#: short lines that may or may not head a unit, with whitespace beyond spaces at their ends
HEADINGS = st.lists(
    st.text(alphabet=st.sampled_from("区委团妇联、。1一 \u3000\x0c\x1c"), min_size=1, max_size=30), max_size=8
)


@given(HEADINGS, st.integers(min_value=1, max_value=25))
def test_a_long_paragraph_is_no_heading_without_being_copied(lines, max_chars):
    """_starts_unit skips is_plain_heading for a paragraph longer than a heading may be whose ends
    are no whitespace: is_plain_heading would say no to it."""
    text = "\n\n".join(lines) + "\n"
    options = UnitOptions(max_heading_chars=max_chars)
    doc = build_document(Source(path="a.txt", text=text, encoding="utf-8", format="text"), options)
    for p in doc.paragraphs:
        if p.kind == PROSE or (p.unit is not None and p.unit.heading is p):
            assert _starts_unit(p, options, None, False) == is_plain_heading(p.text, options)


@given(st.text(alphabet=st.sampled_from("a\r\n"), max_size=30))
def test_dominant_newline(text):
    crlf = text.count("\r\n")
    counts = [(text.count("\n") - crlf, "\n"), (crlf, "\r\n"), (text.count("\r") - crlf, "\r")]
    best = max(counts, key=lambda t: t[0])
    assert _dominant_newline(text) == (best[1] if best[0] else "\n")


def test_blocks_of_a_draft():
    text = "区妇联\n\n\u3000\u3000开展宣讲43场。\n第二行。  \n \u200b \n\n末段\n"
    assert [(b.start, b.content_start, b.end) for b in text_blocks(text)] == [(0, 0, 3), (5, 7, 20), (28, 28, 30)]
    assert text[7:20] == "开展宣讲43场。\n第二行。"


def test_a_tab_separated_table_is_a_table():
    table = "学段\t学校数（所）\n小学\t32\n初中\t18\n合计\t50"
    indented = "\t全年新增学位3200个，\n\t新建学校3所。"  # tabs that indent lines: prose
    one_line = "学段\t学校数"  # one line: no table
    text = "\n\n".join([table, indented, one_line]) + "\n"
    assert [b.kind for b in text_blocks(text)] == ["table", "prose", "prose"]
    from yblint.parsing.markdown import parse_markdown

    blocks, _ = parse_markdown("# 区教育局\n\n" + text)
    assert [b.kind for b in blocks] == ["heading", "table", "code", "prose"]  # a tab indents code in Markdown


def test_a_tab_separated_table_in_a_plain_draft_is_checked_and_its_tabs_left_alone(tmp_path, cli):
    draft = tmp_path / "a.txt"
    draft.write_text(
        "区教育局\n\n全区中小学情况如下表。\n\n学段\t学校数（所）\n小学\t32\n初中\t18\n完全中学\t4\n合计\t55\n",
        encoding="utf-8",
    )
    r = cli("check", draft, "--format", "json")
    assert [(f["rule"], f["line"], f["data"]["check"]) for f in r.json()["findings"]] == [
        ("inconsistent-total", 9, "table")
    ]


def _url_spans_reference(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _URL.finditer(text):
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        e = m.end()
        while e > m.start() and text[e - 1] in ".,;:!?)]*_~":
            e -= 1
        if e > m.start():
            out.append((m.start(), e))
    return out


@given(st.lists(st.sampled_from(["http://", "https://", "ftp:/", "www.", "ww.", ":/", "a.cn", "中文", " ", "。", "x"])))
def test_url_spans_are_found_wherever_one_can_be(parts):
    text = "".join(parts)
    assert url_spans(text) == _url_spans_reference(text)
    assert url_spans("见https://www.gov.cn/a。") == [(1, 21)]


SPACED = (
    "街道        户数（户）    人口（人）\n"
    "东城街道    12,356        35,210\n"
    "西城街道    10,218        29,874\n"
    "合计        22,574        65,084"
)


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        (SPACED, "table"),  # typed with its columns lined up
        ("指标　　单位　　2023年\n地区生产总值　　亿元　　1256.8", "table"),  # ideographic spaces
        ("街道    户数\n东城街道    户数较多", "prose"),  # no figure: a list, left to the prose rules
        # a chronicle's entries, each set off by two spaces, are sentences
        ("1月3日  区委召开全区经济工作会议。\n1月12日  区人大会议开幕。", "prose"),
        ("全年新增学位3200个，  新建学校3所。\n开展培训12期。", "prose"),  # a stray double space in prose
        ("全区开展“清廉村居”建设行动，覆盖所有村社区  12个\n完成率100%", "prose"),  # a cell too long
        ("东城街道    12,356", "prose"),  # one line
    ],
)
def test_a_table_lined_up_with_spaces_is_a_table(block, kind):
    assert [b.kind for b in text_blocks(block + "\n")] == [kind]


def test_a_table_lined_up_with_spaces_is_checked_cell_by_cell(tmp_path, cli):
    draft = tmp_path / "a.txt"
    table = SPACED.replace("65,084", "65,184")
    draft.write_text("区民政局\n\n各街道户籍人口如下。\n\n" + table + "\n", encoding="utf-8")
    r = cli("check", draft, "--format", "json")
    assert [(f["rule"], f["line"], f["column"], f["data"]["check"]) for f in r.json()["findings"]] == [
        ("inconsistent-total", 8, 25, "table")
    ]
    assert "35,210 + 29,874 = 65,084" in r.json()["findings"][0]["message"]
