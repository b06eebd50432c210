"""Tables typed or pasted as text: rows whose cells are separated by tabs (from Word or a
spreadsheet). Such lines are a table, not prose, and none of them is a unit heading."""

from __future__ import annotations

import re

#: a tab between two cells' text (not a tab that indents a line)
_CELL_TAB = re.compile(r"\S[ \u3000]*\t[\t \u3000]*\S")


def is_tab_row(line: str) -> bool:
    """Whether ``line`` holds a tab between two cells' text."""
    return "\t" in line and _CELL_TAB.search(line) is not None


def is_tab_table(block: str) -> bool:
    """Two lines or more with text, each a row of tab-separated cells."""
    lines = [ln for ln in block.splitlines() if ln.strip()]
    return len(lines) >= 2 and all(is_tab_row(ln) for ln in lines)
