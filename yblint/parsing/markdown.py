"""Markdown drafts, parsed with markdown-it-py: its block tokens carry source line maps.

Headings, list items, tables, code and HTML (comments included) are recognised as such, so
that rules for running text do not lint them as prose.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from yblint.model import CODE, HEADING, HTML, LIST_ITEM, PROSE, TABLE, Block
from yblint.textpos import LineIndex

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_MARKUP = re.compile(r"(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}(?:[ \t]+|$)))*[ \t\u3000]*")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported for Markdown drafts only

    return MarkdownIt("commonmark").enable("table")


def markdown_blocks(text: str) -> list[Block]:
    lines = LineIndex(text)
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    list_depth = 0
    skip_until: str | None = None
    for _i, tok in enumerate(tokens):
        if skip_until:
            if tok.type == skip_until:
                skip_until = None
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        if tok.map is None or tok.nesting == -1:
            continue
        first, last = tok.map[0] + 1, tok.map[1]  # 1-based, inclusive
        if last < first:
            last = first
        start = lines.line_span(first)[0]
        end = lines.line_span(min(last, lines.line_count))[1]
        kind = None
        level = 0
        if tok.type == "heading_open":
            kind, level = HEADING, int(tok.tag[1:])
            if tok.markup in ("=", "-"):  # setext heading: the text is on the first line(s) only
                end = lines.line_span(max(first, last - 1))[1]
        elif tok.type == "paragraph_open":
            kind = LIST_ITEM if list_depth else PROSE
        elif tok.type in ("fence", "code_block"):
            kind = CODE
        elif tok.type == "html_block":
            kind = HTML
        elif tok.type == "table_open":
            kind, skip_until = TABLE, "table_close"
        if kind is None:
            continue
        while end > start and text[end - 1] in " \t\u3000":
            end -= 1
        content = start
        if kind in (HEADING, PROSE, LIST_ITEM):
            content = min(_MARKUP.match(text, start, end).end(), end)
            if kind == HEADING:
                m = _CLOSING_HASHES.search(text, content, end)
                if m:
                    end = m.start()
        blocks.append(Block(kind=kind, start=start, end=end, content_start=content, level=level or list_depth))
    return blocks
