"""Plain-text drafts: a paragraph is a run of non-blank lines; blank lines separate paragraphs."""

from __future__ import annotations

import re

from yblint.model import PROSE, Block
from yblint.text.marks import INLINE_SPACE, skip_space, trim_space

# a line holding only whitespace and invisible characters (U+200B …) is blank, as a reader sees it
_INK = r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]"
_PARA = re.compile(rf"[^\r\n]*{_INK}[^\r\n]*(?:(?:\r\n|\r|\n)[^\r\n]*{_INK}[^\r\n]*)*")


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for m in _PARA.finditer(text):
        start, end = m.start(), m.end()
        # trim trailing spaces; content starts after leading spaces (incl. ideographic indent)
        end = trim_space(text, start, end, INLINE_SPACE)
        content = skip_space(text, start, end, INLINE_SPACE)
        blocks.append(Block(kind=PROSE, start=start, end=end, content_start=min(content, end)))
    return blocks
