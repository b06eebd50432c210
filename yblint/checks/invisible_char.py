"""invisible-char: characters a reader cannot see in running text — zero-width space, joiner and
non-joiner, word joiner, a byte-order mark inside the text, soft hyphen, no-break space, line and
paragraph separators. They break searching, counting and layout; the fix deletes them (a no-break
space between Latin words or digits becomes a plain space)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import LIST_ITEM, PROSE, TABLE, Corpus

#: the characters, with their names as editors meet them
INVISIBLE = {
    "\u200b": ("零宽空格", "zero-width space", "U+200B"),
    "\u200c": ("零宽非连接符", "zero-width non-joiner", "U+200C"),
    "\u200d": ("零宽连接符", "zero-width joiner", "U+200D"),
    "\u2060": ("零宽不换行符", "word joiner", "U+2060"),
    "\ufeff": ("字节顺序标记（BOM）", "byte-order mark", "U+FEFF"),
    "\u00ad": ("软连字符", "soft hyphen", "U+00AD"),
    "\u00a0": ("不换行空格", "no-break space", "U+00A0"),
    "\u202f": ("窄不换行空格", "narrow no-break space", "U+202F"),
    "\u2028": ("行分隔符", "line separator", "U+2028"),
    "\u2029": ("段分隔符", "paragraph separator", "U+2029"),
}
RUN = re.compile("[" + "".join(INVISIBLE) + "]+")
#: in a Word draft the reader writes a manual line break (Shift+Enter) as U+2028: Word's own
#: line break, which the author typed, not a stray character
RUN_IN_WORD = re.compile("[" + "".join(c for c in INVISIBLE if c != "\u2028") + "]+")
_WESTERN = re.compile(r"[A-Za-z0-9]")
_SPACES = {"\u00a0", "\u202f"}
TEXT = (PROSE, LIST_ITEM, TABLE)
_LINE_SPACE = set(" \t\u3000") | set(INVISIBLE)


def _in_text(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """``offset`` lies in a paragraph of running text, or right after its last visible character."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset <= spans[i][1]


def _blank_line(text: str, offset: int) -> bool:
    """The line holding ``offset`` has nothing a reader can see."""
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    line = text[a : len(text) if b < 0 else b].rstrip("\r")
    return all(c in _LINE_SPACE for c in line)


def replacement(text: str, start: int, end: int) -> str:
    """What a run of invisible characters becomes: nothing, or one plain space where a no-break
    space stood between two Latin letters or digits (Windows 10, 3 km)."""
    run = text[start:end]
    if any(c in _SPACES for c in run):
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if _WESTERN.match(before) and _WESTERN.match(after):
            return " "
    return ""


@register_check("invisible-char")
class InvisibleChar(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        en = self.lang == "en"
        for doc in corpus.documents:
            text = doc.text
            # running text (prose, list items, tables) and lines that look blank; never code, raw
            # HTML, headings, link definitions or front matter, which are cited as they are
            spans = sorted(
                (p.block_start if p.block_start >= 0 else p.start, p.end) for p in doc.paragraphs if p.kind in TEXT
            )
            starts = [a for a, _ in spans]
            for m in (RUN_IN_WORD if doc.format == "docx" else RUN).finditer(text):
                start, end = m.start(), m.end()
                if not (_in_text(spans, starts, start) or _blank_line(text, start)):
                    continue
                if start == 0 and text[0] == "\ufeff":
                    start += 1  # a byte-order mark that opens the file is not in the text
                    if start == end:
                        continue
                run = text[start:end]
                kinds = list(dict.fromkeys(run))
                names = (", " if en else "、").join(INVISIBLE[c][1 if en else 0] for c in kinds)
                codes = " ".join(INVISIBLE[c][2] for c in kinds)
                new = replacement(text, start, end)
                if en:
                    desc = f"delete {codes}" if not new else f"replace {codes} with a space"
                else:
                    desc = f"删除{codes}" if not new else f"将{codes}改为空格"
                yield self.finding(
                    doc,
                    start,
                    end,
                    fix=self.replace(doc, start, end, new, desc),
                    data={"chars": [INVISIBLE[c][2] for c in run]},
                    names=names,
                    codes=codes,
                    count=len(run),
                )
