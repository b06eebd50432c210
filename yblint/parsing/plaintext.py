"""Plain-text drafts: a paragraph is a run of non-blank lines; blank lines separate paragraphs. A
run of two lines or more whose every line holds cells separated by tabs (a table pasted from Word
or a spreadsheet) or lined up with spaces (typed, or copied out of a PDF) is a table, not prose
(yblint.text.cells)."""

from __future__ import annotations

from yblint import lazyre as re
from yblint.model import PROSE, TABLE, Block
from yblint.text.cells import is_text_table, may_hold_table
from yblint.text.marks import INLINE_SPACE, skip_space, trim_space

# a line holding only whitespace and invisible characters (U+200B …) is blank, as a reader sees it
_INK = r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]"
_PARA = re.compile(rf"[^\r\n]*{_INK}[^\r\n]*(?:(?:\r\n|\r|\n)[^\r\n]*{_INK}[^\r\n]*)*")


#: characters that leave a line blank besides whitespace (``\s``)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _has_ink(line: str) -> bool:
    """Whether ``line`` has a character other than whitespace and the invisible ones (``_INK``)."""
    s = line.strip()
    while s:
        t = s.strip(_INVISIBLE).strip()
        if t == s:
            return True
        s = t
    return False


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_PARA`` matches: runs of lines with ink, from the start of the first line to the
    end of the last. Text without \r (most drafts) is cut into lines by str.split, faster than the
    regex's scan of every character."""
    if "\r" in text:
        return [m.span() for m in _PARA.finditer(text)]
    spans = []
    start = -1  # start of the current run of lines with ink
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if _has_ink(line):
            if start < 0:
                start = pos
            last = end
        elif start >= 0:
            spans.append((start, last))
            start = -1
        pos = end + 1
    if start >= 0:
        spans.append((start, last))
    return spans


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for start, end in _paragraph_spans(text):
        # trim trailing spaces; content starts after leading spaces (incl. ideographic indent)
        if text[end - 1] in INLINE_SPACE:
            end = trim_space(text, start, end, INLINE_SPACE)
        content = skip_space(text, start, end, INLINE_SPACE) if text[start] in INLINE_SPACE else start
        kind = TABLE if may_hold_table(text, start, end) and is_text_table(text[start:end]) else PROSE
        blocks.append(Block(kind, start, end, min(content, end)))
    return blocks
