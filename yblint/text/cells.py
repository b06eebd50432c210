"""Tables typed or pasted as text: rows whose cells are separated by tabs (from Word or a
spreadsheet), or lined up with runs of spaces (a table typed in a plain-text draft, or copied out
of a PDF). Such lines are a table, not prose, and none of them is a unit heading; a line that ends
a sentence is prose, whatever spaces or tabs stand in it (a chronicle's day, then its event)."""

from __future__ import annotations

from yblint import lazyre as re

#: a tab between two cells' text (not a tab that indents a line)
_CELL_TAB = re.compile(r"\S[ \u3000]*\t[\t \u3000]*\S")
#: the gap between two cells of a row lined up with spaces: a tab, or two spaces or more
CELL_GAP = re.compile(r"[ \u3000]*\t[\t \u3000]*|[ \u3000]{2,}")
#: what ends a sentence: a line that ends so is prose (a chronicle's entries, set off by spaces)
_SENTENCE_END = re.compile(r"[。！？；!?;…][”’」』）)]*\s*$")
#: the longest cell of a row lined up with spaces: a prose line with a double space is longer
_SPACED_CELL = 30
_DIGIT = re.compile(r"[0-9０-９]")


def is_tab_row(line: str) -> bool:
    """Whether ``line`` holds a tab between two cells' text, and does not end a sentence: a
    chronicle's entry typed with a tab after its day (3月5日⇥区妇联召开执委会。) is prose."""
    return "\t" in line and _CELL_TAB.search(line) is not None and _SENTENCE_END.search(line) is None


def space_cells(line: str) -> list[tuple[int, int]]:
    """The spans of the cells of ``line`` taken as a row lined up with spaces (or tabs): the text
    between its gaps, leading and trailing space left out."""
    body = line.rstrip()
    start = len(body) - len(body.lstrip())
    out = []
    for m in CELL_GAP.finditer(body, start):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(body)))
    return [(a, b) for a, b in out if b > a]


def is_space_row(line: str) -> bool:
    """Whether ``line`` reads as a row of cells lined up with spaces: two cells or more, none longer
    than a table's cell, and no sentence end at its close."""
    if _SENTENCE_END.search(line):
        return False
    cells = space_cells(line)
    return len(cells) >= 2 and all(b - a <= _SPACED_CELL for a, b in cells)


def is_text_table(block: str) -> bool:
    """Two lines or more with text, each a row of tab-separated cells; or each a row of cells lined
    up with spaces (:func:`is_space_row`), one of them holding a figure."""
    lines = [ln for ln in block.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    if all(is_tab_row(ln) for ln in lines):
        return True
    return all(is_space_row(ln) for ln in lines) and any(_DIGIT.search(ln) for ln in lines)


def may_hold_table(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a gap between cells at all (a tab, two spaces): the blocks
    worth asking :func:`is_text_table` about (str.find, not CELL_GAP: the book's 12,000 blocks in
    8 ms rather than 78)."""
    return any(text.find(gap, start, end) >= 0 for gap in _GAPS)


#: what every gap between two cells holds (CELL_GAP)
_GAPS = ("\t", "  ", "\u3000\u3000", " \u3000", "\u3000 ")
