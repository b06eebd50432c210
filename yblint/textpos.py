"""Offsets in a text <-> 1-based line and column, for \\n, \\r\\n and \\r line endings."""

from __future__ import annotations

import bisect
from itertools import accumulate, count, repeat
from operator import add

from yblint import lazyre as re

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps character offsets of a text to (line, column), both 1-based; columns count code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            starts = [0]
            ends = []
            for m in LINE_BREAK.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
            ends.append(len(text))
        else:  # \n alone (most drafts): the same offsets from the lines' lengths, without a loop in Python
            # line i ends after the characters of lines 0..i and the i line breaks before it
            ends = list(map(add, accumulate(map(len, text.split("\n"))), count()))
            starts = [0, *map(add, ends[:-1], repeat(1))]
        self.starts = starts
        self.ends = ends  # offset of each line's end (before its line break)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """1-based line holding ``offset`` (an offset on a line break belongs to the line it ends)."""
        offset = max(0, min(offset, len(self.text)))
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``; column is 1-based and counts Unicode characters."""
        line = self.line_of(offset)
        col = min(offset, self.ends[line - 1]) - self.starts[line - 1] + 1
        return line, col

    def end_position(self, end: int, start: int | None = None) -> tuple[int, int]:
        """(line, column) just past the last character of a span ending at ``end`` (exclusive)."""
        if start is not None and end <= start:
            return self.position(start)
        # a span that ends right after a line break ends on the line it broke
        if end > 0 and self.text[end - 1 : end] in ("\n", "\r"):
            end -= 1
            if end > 0 and self.text[end - 1 : end + 1] == "\r\n":
                end -= 1
        return self.position(end)

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offset (without the line break) of 1-based ``line``."""
        return self.starts[line - 1], self.ends[line - 1]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1
