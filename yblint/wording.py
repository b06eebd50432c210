"""Words for where a finding is, by how the document is located.

A Word draft (``locations: paragraph``) has no lines and no blank lines: its "line" N is paragraph
N, and what separates two paragraphs is a paragraph break. Messages are written for text drafts
(第12行, 空行; line 12, blank line); ``paragraph_wording`` rewrites a message template (or a fix's
description) for a Word draft: 第12段, 段落分隔; paragraph 12, paragraph break; ``break_wording``
for a text draft written one paragraph a line: 换行, line break.
"""

from __future__ import annotations

from collections.abc import Callable

from yblint import lazyre as re

Replacement = str | Callable[[re.Match[str]], str]

_NUM = r"(\{[A-Za-z_]+\}|\d+)"
_ZH: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(f"第{_NUM}行"), r"第\1段"),
    (re.compile("行末"), "段末"),
    (re.compile("行首"), "段首"),
    (re.compile("空行"), "段落分隔"),
]
_EN: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(rf"\blines {_NUM} and {_NUM}"), r"paragraphs \1 and \2"),
    (re.compile(rf"\b[Ll]ine {_NUM}"), lambda m: ("P" if m.group(0)[0] == "L" else "p") + f"aragraph {m.group(1)}"),
    (re.compile(r"\bblank lines\b"), "paragraph breaks"),
    (re.compile(r"\bblank line\b"), "paragraph break"),
]


_BREAK_ZH = re.compile("空行")
_BREAK_EN = re.compile(r"\bblank line(s?)\b")


def break_wording(text: str, lang: str) -> str:
    """``text`` for two paragraphs of a text draft written one paragraph a line, which a line
    break separates rather than a blank line: 空行 → 换行, blank line → line break."""
    if lang == "en":
        return _BREAK_EN.sub(r"line break\1", text)
    return _BREAK_ZH.sub("换行", text)


def manual_break_wording(text: str, lang: str) -> str:
    """``text`` (already in a Word draft's words) for two paragraphs of one Word paragraph that a
    manual line break (Shift+Enter) separates: 段落分隔 → 手动换行, paragraph break → manual line
    break."""
    if lang == "en":
        return text.replace("paragraph break", "manual line break")
    return text.replace("段落分隔", "手动换行")


def paragraph_wording(text: str, lang: str) -> str:
    """``text`` with line words turned into paragraph words (for a .docx)."""
    for pattern, repl in _EN if lang == "en" else _ZH:
        text = pattern.sub(repl, text)
    return text


def where_words(line: int, column: int, locations: str, lang: str) -> str:
    """A finding's place in words, for reports: 第8段第1字 / paragraph 8, character 1 (.docx), or
    第8行第1列 / line 8, column 1."""
    if locations == "paragraph":
        return f"paragraph {line}, character {column}" if lang == "en" else f"第{line}段第{column}字"
    return f"line {line}, column {column}" if lang == "en" else f"第{line}行第{column}列"
