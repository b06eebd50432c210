"""Plain-text drafts: a paragraph is a run of non-blank lines; blank lines separate paragraphs."""

from __future__ import annotations

import re

from yblint.model import PROSE, Block
from yblint.text.marks import INLINE_SPACE, skip_space, trim_space

_PARA = re.compile(r"[^\r\n]*\S[^\r\n]*(?:(?:\r\n|\r|\n)[^\r\n]*\S[^\r\n]*)*")


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for m in _PARA.finditer(text):
        start, end = m.start(), m.end()
        # trim trailing spaces; content starts after leading spaces (incl. ideographic indent)
        end = trim_space(text, start, end, INLINE_SPACE)
        content = skip_space(text, start, end, INLINE_SPACE)
        blocks.append(Block(kind=PROSE, start=start, end=end, content_start=min(content, end)))
    return blocks
