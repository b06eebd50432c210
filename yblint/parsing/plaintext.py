"""Plain-text drafts: a paragraph is a run of non-blank lines; blank lines separate paragraphs."""

from __future__ import annotations

import re

from yblint.model import PROSE, Block

# a line holding only whitespace and invisible characters (U+200B …) is blank, as a reader sees it
_INK = r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]"
_PARA = re.compile(rf"[^\r\n]*{_INK}[^\r\n]*(?:(?:\r\n|\r|\n)[^\r\n]*{_INK}[^\r\n]*)*")
_LEAD_WS = re.compile(r"[ \t\u3000\ufeff]*")


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for m in _PARA.finditer(text):
        start, end = m.start(), m.end()
        # trim trailing spaces; content starts after leading spaces (incl. ideographic indent)
        while end > start and text[end - 1] in " \t\u3000":
            end -= 1
        content = _LEAD_WS.match(text, start).end()
        blocks.append(Block(kind=PROSE, start=start, end=end, content_start=min(content, end)))
    return blocks
