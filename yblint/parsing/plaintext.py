"""Plain-text drafts: a paragraph is a run of non-blank lines; blank lines separate paragraphs —
or, in a draft written one paragraph a line (Word's "plain text", Notepad: most lines that follow
another line end a sentence, and blank lines, if any, set off headings), each line is one. A
run of two lines or more whose every line holds cells separated by tabs (a table pasted from Word
or a spreadsheet) or lined up with spaces (typed, or copied out of a PDF) is a table, not prose
(yblint.text.cells)."""

from __future__ import annotations

import itertools

from yblint import lazyre as re
from yblint.model import PROSE, TABLE, Block
from yblint.text.cells import is_text_table, may_hold_table
from yblint.text.marks import INLINE_SPACE, MANUAL_BREAK, skip_space, trim_space

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
    """The paragraphs of a plain-text draft, as spans from the start of the first line to the end
    of the last: runs of lines with ink between blank lines (_PARA), or, in a draft written one
    paragraph a line (:func:`one_paragraph_a_line`), each line with ink on its own (lines that all
    hold a gap between cells stay together: a table). Text without \r (most drafts) is cut into
    lines by str.split, faster than the regex's scan of every character."""
    if "\r" in text:
        runs = [m.span() for m in _PARA.finditer(text)]
        lines = [m.span() for m in _LINE.finditer(text) if m.end() > m.start() and _has_ink(m.group())]
        return _line_paragraphs(text, lines) if one_paragraph_a_line(text, runs, lines) else runs
    spans = []
    ink_lines = []
    start = -1  # start of the current run of lines with ink
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if _has_ink(line):
            ink_lines.append((pos, end))
            if start < 0:
                start = pos
            last = end
        elif start >= 0:
            spans.append((start, last))
            start = -1
        pos = end + 1
    if start >= 0:
        spans.append((start, last))
    if one_paragraph_a_line(text, spans, ink_lines):
        return _line_paragraphs(text, ink_lines)
    return spans


#: a line of text, whatever ends it (\r\n, \r, \n)
_LINE = re.compile(r"[^\r\n]*")
#: what ends a line that ends a paragraph: a sentence's final mark (or ；：), closing marks after it
_ENDING = set("。！？；：!?;:…")
_CLOSING = set("”’\"'）)》」』]")
#: a share of the breaks between two lines with ink after a paragraph's end from which the draft
#: is one paragraph a line (hard-wrapped text breaks after such a mark a few times in a hundred)
LINE_ENDS_SHARE = 0.6


def one_paragraph_a_line(
    text: str, runs: list[tuple[int, int]], ink_lines: list[tuple[int, int]] | None = None
) -> bool:
    """Whether a plain-text draft is written one paragraph a line, as Word's "plain text" and
    Notepad drafts are (blank lines, if any, set off its headings), rather than with blank lines
    between paragraphs (its lines then may be wrapped): of the lines with ink that follow another
    line with ink, three or more, most follow a line ending a sentence (。！？；：), and more of
    them follow it directly than after a blank line. A short line without sentence marks (a
    heading, or a term a wiki link set on a line of its own) counts for neither, unless the next
    line goes on with a mark (，。）…: the short line was wrapped), nor do blank lines next to
    one; nor do two rows of a table (both hold a gap between cells). ``runs``: the runs of lines
    with ink; ``ink_lines``: the lines with ink, if known."""
    if ink_lines is None:
        ink_lines = [m.span() for m in _LINE.finditer(text) if m.end() > m.start() and _has_ink(m.group())]
    if len(ink_lines) - len(runs) < max(3, len(runs) // 2):  # lines right after another, against runs
        return False
    run_ends = {b for _, b in runs}
    breaks = ends = 0
    gaps = may_hold_table(text, 0, len(text))  # without a gap between cells anywhere, no table
    for k, ((a, b), (c, d)) in enumerate(itertools.pairwise(ink_lines)):
        if b in run_ends:
            continue
        if gaps and _cells(text, a, b) and _cells(text, c, d):
            continue  # within a table
        if _heading_like(text, ink_lines, k):
            continue  # a heading, or a term alone on its line
        breaks += 1
        while b > a and text[b - 1] in _TRAILING:  # spaces, then closing marks, after the last mark
            b -= 1
        while b > a and text[b - 1] in _CLOSING:
            b -= 1
        ends += b > a and text[b - 1] in _ENDING
    if breaks < 2 or ends < LINE_ENDS_SHARE * breaks:
        return False
    blanks = sum(
        1
        for k, (_, b) in enumerate(ink_lines[:-1])
        if b in run_ends and not _heading_like(text, ink_lines, k) and not _heading_like(text, ink_lines, k + 1)
    )
    return breaks > blanks


def _heading_like(text: str, ink_lines: list[tuple[int, int]], k: int) -> bool:
    """Whether the ``k``-th line with ink is short and has no sentence marks (a heading, or a term
    a wiki link set on a line of its own), and the next one does not go on with a mark."""
    a, b = ink_lines[k]
    if b - a > 2 * SHORT_LINE:
        return False  # too long to be short once its spaces are trimmed, without copying it
    line = text[a:b].strip()
    if len(line) > SHORT_LINE or _SENTENCE_MARK.search(line):
        return False
    return k + 1 == len(ink_lines) or text[ink_lines[k + 1][0] : ink_lines[k + 1][1]].lstrip()[:1] not in _GOES_ON


#: a line this short without sentence marks may be a heading (units: max_heading_chars' default)
SHORT_LINE = 20
_SENTENCE_MARK = re.compile(r"[，。；：！？,;:!?]")
#: what may trail a line after its last mark
_TRAILING = set(" \t\u3000\xa0\u200b")
#: what starts a line that goes on with the line before it
_GOES_ON = set("。，、；：！？）》」』”’,.;:!?)]…—")


def _cells(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` holds a gap between cells after its indent."""
    line = text[start:end]
    return may_hold_table(text, start + len(line) - len(line.lstrip()), end)


def _line_paragraphs(text: str, ink_lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each line its own paragraph, but lines next to each other that all hold a gap between
    cells (a tab, two spaces: yblint.text.cells) stay one block, so that a table is still seen."""
    spans: list[tuple[int, int]] = []
    table = False  # whether the last span is lines with cells
    prev_end = -2
    for a, b in ink_lines:
        cells = _cells(text, a, b)
        if cells and table and _only_break(text, prev_end, a):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
        table, prev_end = cells, b
    return spans


def _only_break(text: str, end: int, start: int) -> bool:
    """Whether one line break alone stands between ``end`` and ``start``."""
    return text[end:start] in ("\n", "\r\n", "\r", MANUAL_BREAK)


def text_blocks(text: str) -> list[Block]:
    return _blocks(text, _paragraph_spans(text))


def _blocks(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    """A block for each paragraph span: its spaces trimmed, its content after its indent, a table
    where its lines hold cells."""
    blocks = []
    for start, end in spans:
        # trim trailing spaces; content starts after leading spaces (incl. ideographic indent)
        if text[end - 1] in INLINE_SPACE:
            end = trim_space(text, start, end, INLINE_SPACE)
        content = skip_space(text, start, end, INLINE_SPACE) if text[start] in INLINE_SPACE else start
        kind = TABLE if may_hold_table(text, start, end) and is_text_table(text[start:end]) else PROSE
        blocks.append(Block(kind, start, end, min(content, end)))
    return blocks


def manual_break_blocks(text: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` of a Word draft, each prose paragraph whose lines are set apart by manual line
    breaks (Shift+Enter, text pasted from the web) cut into one paragraph a line where its lines
    are written so (:func:`one_paragraph_a_line`): 团区委↵全年开展…。↵组织… is a heading and two
    paragraphs, as a reader sees them, not one paragraph."""
    out: list[Block] = []
    for b in blocks:
        start = b.start if b.content_start is None else b.content_start
        if b.kind != PROSE or text.find(MANUAL_BREAK, start, b.end) < 0:
            out.append(b)
            continue
        lines: list[tuple[int, int]] = []
        runs: list[tuple[int, int]] = []
        run_start = -1
        pos = start
        for piece in text[start : b.end].split(MANUAL_BREAK):
            end = pos + len(piece)
            if _has_ink(piece):
                lines.append((pos, end))
                run_start = pos if run_start < 0 else run_start
            elif run_start >= 0:
                runs.append((run_start, lines[-1][1]))
                run_start = -1
            pos = end + 1
        if run_start >= 0:
            runs.append((run_start, lines[-1][1]))
        if one_paragraph_a_line(text, runs, lines):
            out.extend(_blocks(text, _line_paragraphs(text, lines)))
        else:
            out.append(b)
    return out
