"""Fast paths of reading (#14), each against the slower reference it replaces: paragraphs of plain
text cut by str.split instead of a regex scan, bare URLs looked for only where one can be."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yblint.parsing.markdown import _URL, url_spans
from yblint.parsing.plaintext import _PARA, _paragraph_spans, text_blocks

#: ink, every kind of blank (spaces, the invisible characters, \s beyond ASCII) and line ends
LINES = st.text(
    alphabet=st.sampled_from("a中。 \t\u3000\xa0\u200b\u200c\u200d\u2060\ufeff\u00ad\x0b\x0c\x1c\n"), max_size=80
)


@given(LINES)
def test_paragraph_spans_are_the_regex_spans(text):
    assert _paragraph_spans(text) == [m.span() for m in _PARA.finditer(text)]


@given(LINES, st.sampled_from(["\r\n", "\r"]))
def test_with_carriage_returns_the_regex_itself_is_used(text, newline):
    text = text.replace("\n", newline)
    assert _paragraph_spans(text) == [m.span() for m in _PARA.finditer(text)]


def test_blocks_of_a_draft():
    text = "区妇联\n\n\u3000\u3000开展宣讲43场。\n第二行。  \n \u200b \n\n末段\n"
    assert [(b.start, b.content_start, b.end) for b in text_blocks(text)] == [(0, 0, 3), (5, 7, 20), (28, 28, 30)]
    assert text[7:20] == "开展宣讲43场。\n第二行。"


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
