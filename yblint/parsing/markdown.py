"""Markdown drafts, parsed with markdown-it-py: its block tokens carry source line maps.

Headings, list items, tables, code and HTML (comments included) are recognised as such, so
that rules for running text do not lint them as prose. YAML front matter (mdit-py-plugins) is no
block at all. Inside the text blocks, the spans that are not prose either — code spans, inline
HTML and comments, autolinks, link targets and titles, bare URLs — are found by
:func:`literal_spans`: no finding and no fix may touch them (see ``Document.literal_spans``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import CODE, HEADING, HTML, LIST_ITEM, PROSE, TABLE, Block
from yblint.text.cells import is_text_table, may_hold_table
from yblint.text.marks import INLINE_SPACE, trim_space
from yblint.textpos import LineIndex

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_MARKUP = re.compile(r"(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}(?:[ \t]+|$)))*[ \t\u3000]*")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported for Markdown drafts only
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def parse_markdown(text: str) -> tuple[list[Block], list[tuple[int, int]]]:
    """The blocks of a Markdown draft, and its literal spans (sorted, not overlapping)."""
    lines = LineIndex(text)
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    spans: list[tuple[int, int]] = []
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
        if tok.type == "front_matter":
            spans.append((start, end))
            continue
        if tok.type == "heading_open":
            kind, level = HEADING, int(tok.tag[1:])
            if tok.markup in ("=", "-"):  # setext heading: the text is on the first line(s) only
                end = lines.line_span(max(first, last - 1))[1]
        elif tok.type == "paragraph_open":
            kind = LIST_ITEM if list_depth else PROSE
            if kind == PROSE and may_hold_table(text, start, end) and is_text_table(text[start:end]):
                kind = TABLE  # a table pasted with tabs between its cells, not a pipe table
        elif tok.type in ("fence", "code_block"):
            kind = CODE
        elif tok.type == "html_block":
            kind = HTML
        elif tok.type == "table_open":
            kind, skip_until = TABLE, "table_close"
        if kind is None:
            continue
        end = trim_space(text, start, end, INLINE_SPACE)
        content = start
        if kind in (HEADING, PROSE, LIST_ITEM):
            markup = _MARKUP.match(text, start, end)  # every part optional: always matches
            content = min(markup.end() if markup else start, end)
            if kind == HEADING:
                m = _CLOSING_HASHES.search(text, content, end)
                if m:
                    end = m.start()
        blocks.append(Block(kind=kind, start=start, end=end, content_start=content, level=level or list_depth))
        if kind in (HEADING, PROSE, LIST_ITEM, TABLE):
            spans.extend(literal_spans(text, start, end))
    spans.sort()
    return blocks, spans


# inline HTML as CommonMark knows it (6.6 Raw HTML) and autolinks (6.5)
_ATTR = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_INLINE_HTML = re.compile(
    r"<!--[\s\S]*?-->"
    rf"|</?[A-Za-z][A-Za-z0-9-]*{_ATTR}*\s*/?>"
    r"|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>"
    r"|<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?>"
)
#: inline elements whose content is code or markup, not prose
_VERBATIM = re.compile(r"<(code|kbd|samp|var|tt|pre|script|style|math|svg)\b[^>]*(?<!/)>", re.IGNORECASE)
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'`（）【】《》“”‘’，。；：！？、]+")
_URL_TRAIL = ".,;:!?)]*_~"
_TITLE = re.compile(r"""[ \t]*(?:\n[ \t]*)?(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))""")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Bare URLs (http://, https://, ftp://, www.) in any text: never prose, never fixed."""
    if "://" not in text and "www." not in text:  # every URL has one (most drafts have none)
        return []
    out = []
    for m in _URL.finditer(text):
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        e = m.end()
        while e > m.start() and text[e - 1] in _URL_TRAIL:
            e -= 1
        if e > m.start():
            out.append((m.start(), e))
    return out


def _link_target_end(text: str, i: int, end: int) -> int | None:
    """``text[i]`` is the ``(`` after ``]``: the offset just past the ``)`` closing a link target
    (destination and optional title), or None when there is none."""
    j = i + 1
    while j < end and text[j] in " \t\n":
        j += 1
    if j < end and text[j] == "<":
        k = j + 1
        while k < end and text[k] not in "<>\n":
            k += 2 if text[k] == "\\" else 1
        if k >= end or text[k] != ">":
            return None
        j = k + 1
    else:
        depth = 0
        while j < end and not text[j].isspace():
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
    m = _TITLE.match(text, j, end)
    if m:
        j = m.end()
    while j < end and text[j] in " \t\n":
        j += 1
    return j + 1 if j < end and text[j] == ")" else None


def _image_opens(text: str, i: int, end: int) -> bool:
    """Whether the ``!`` at ``text[i]`` opens an image: ``![alt](target)`` or ``![alt][label]``,
    the alt text on one line."""
    if not text.startswith("![", i):
        return False
    close = text.find("]", i + 2, end)
    if close < 0 or "\n" in text[i:close]:
        return False
    if text.startswith("](", close):
        return _link_target_end(text, close + 1, end) is not None
    return text.startswith("][", close)


def literal_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` (a block of running text) that are not prose: code spans,
    inline HTML and comments, autolinks, link targets with their titles, the ``!`` of an image,
    bare URLs."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            n = i
            while n < end and text[n] == "`":
                n += 1
            run = n - i
            k = n
            close: int | None = None
            while k < end:
                k = text.find("`", k, end)
                if k < 0:
                    break
                after = k
                while after < end and text[after] == "`":
                    after += 1
                if after - k == run:
                    close = after
                    break
                k = after
            if close is None:
                i = n  # an unmatched backtick run is literal text
                continue
            out.append((i, close))
            i = close
            continue
        if ch == "<":
            m = _INLINE_HTML.match(text, i, end)
            if m:
                stop = m.end()
                verbatim = _VERBATIM.match(m.group(0))
                if verbatim:  # <code>…</code>: the element's content is not prose either
                    end_tag = re.compile(rf"</{verbatim.group(1)}\s*>", re.IGNORECASE).search(text, stop, end)
                    stop = end_tag.end() if end_tag else stop
                out.append((i, stop))
                i = stop
                continue
        elif ch == "!" and _image_opens(text, i, end):
            out.append((i, i + 1))  # the ! of an image (![alt](a.png)): markup; the alt text is prose
        elif ch == "(" and i > start and text[i - 1] == "]":
            close = _link_target_end(text, i, end)
            if close is not None:
                out.append((i, close))
                i = close
                continue
        elif ch in "hfw" and (i == start or not text[i - 1].isalnum()):
            m = _URL.match(text, i, end)
            if m:
                e = m.end()
                while e > i and text[e - 1] in _URL_TRAIL:
                    e -= 1
                out.append((i, e))
                i = e
                continue
        i += 1
    return out
