"""Chinese punctuation marks and character classes: which marks end a sentence or a clause,
which come in pairs (and their names for messages), the one scanner of paired marks
(``unmatched_brackets``, ``partner``), spaces (zero-width characters included), Han ranges.

The one place this knowledge is written down; rules and the other text modules import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from yblint import lazyre as re
from yblint.i18n import tr

SENTENCE_FINAL = set("。！？!?…")  # "……" is two "…"; a lone "." is handled in ``paragraph_end``
CLAUSE_FINAL = set("；;")  # ends an item of a series; the series goes on
LEAD_IN = set("：:")  # introduces what follows (a list, a quotation)
CONTINUING = set("，,、")  # the sentence goes on after these
DASHES = set("—－-~～")
#: spaces inside a line: ASCII space and tab, the ideographic space of indents, the no-break
#: space, and the BOM and zero-width characters that a copy from a web page or Word leaves behind
INLINE_SPACE = " \t\u3000\xa0\ufeff\u200b\u200c\u200d\u2060"
SPACE = INLINE_SPACE + "\r\n"

#: opening mark -> closing mark; marks of one family are matched with each other only
PAIRS: dict[str, str] = {
    "《": "》",
    "〈": "〉",
    "“": "”",
    "‘": "’",
    "（": "）",
    "(": ")",
    "【": "】",
    "「": "」",
    "『": "』",
    "〔": "〕",
    "［": "］",
    "[": "]",
}
#: family of each mark: full- and half-width brackets of one shape are one family, so that
#: （PM2.5) counts as closed (the mixed width is a style fault, not a missing bracket)
FAMILY: dict[str, str] = {}
for _o, _c in PAIRS.items():
    FAMILY[_o] = FAMILY[_c] = _o
FAMILY.update({"(": "（", ")": "（", "［": "[", "］": "["})
OPENERS = set(PAIRS)
PAIRED_MARK = re.compile("[" + re.escape("".join(FAMILY)) + "]")
CLOSERS = set(PAIRS.values())
QUOTE_FAMILIES = {"“", "‘", "「", "『"}  # may run over paragraphs (Chinese typesetting)

MARK_NAMES = {
    "《": ("书名号", "title mark"),
    "〈": ("书名号", "title mark"),
    "“": ("引号", "quotation mark"),
    "‘": ("单引号", "single quotation mark"),
    "（": ("括号", "parenthesis"),
    "【": ("方头括号", "lenticular bracket"),
    "「": ("直角引号", "corner bracket"),
    "『": ("双直角引号", "double corner bracket"),
    "〔": ("六角括号", "tortoise-shell bracket"),
    "[": ("方括号", "square bracket"),
}


@dataclass
class Unpaired:
    """Offsets of paired marks left without a partner: ``opened`` were never closed, ``closed``
    were never opened."""

    opened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)


def unmatched_brackets(
    text: str, spans: Iterable[tuple[int, int]], skip: Callable[[int], bool] | None = None
) -> Unpaired:
    """The paired marks of ``text`` within ``spans`` (in order) that find no partner. Each family
    (see FAMILY) is matched on its own stack, so （PM2.5) is closed and 《“》” leaves nothing
    unmatched of either family; ``skip(offset)`` leaves a mark out (an apostrophe, code)."""
    stacks: dict[str, list[int]] = {}
    out = Unpaired()
    for start, end in spans:
        for m in PAIRED_MARK.finditer(text, start, end):  # the paired marks only, not every character
            i = m.start()
            fam = FAMILY[text[i]]
            if skip is not None and skip(i):
                continue
            stack = stacks.setdefault(fam, [])
            if text[i] in OPENERS:
                stack.append(i)
            elif stack:
                stack.pop()
            else:
                out.closed.append(i)
    out.opened = sorted(i for stack in stacks.values() for i in stack)
    return out


def partner(text: str, i: int, lo: int = 0, hi: int | None = None) -> int | None:
    """Offset of the mark that pairs with the one at ``i`` (same family): the closer of an opener,
    looking forward to ``hi``, or the opener of a closer, looking back to ``lo``; None if unpaired."""
    hi = len(text) if hi is None else hi
    family = FAMILY.get(text[i])
    if family is None:
        return None
    forward = text[i] in OPENERS
    depth = 0
    for j in range(i, hi) if forward else range(i, lo - 1, -1):
        ch = text[j]
        if FAMILY.get(ch) != family:
            continue
        depth += 1 if (ch in OPENERS) == forward else -1
        if depth == 0:
            return j
    return None


def skip_space(text: str, start: int, end: int | None = None, space: str = SPACE) -> int:
    """The first offset from ``start`` (before ``end``) that is not a space."""
    end = len(text) if end is None else end
    while start < end and text[start] in space:
        start += 1
    return start


def trim_space(text: str, start: int, end: int, space: str = SPACE) -> int:
    """``end`` moved back over the spaces that end ``text[start:end]``."""
    while end > start and text[end - 1] in space:
        end -= 1
    return end


def mark_name(mark: str, lang: str = "zh") -> str:
    zh, en = MARK_NAMES.get(FAMILY.get(mark, mark), ("标点", "mark"))
    return tr(lang, zh, en)


#: CJK ideographs: extension A, the unified block, compatibility ideographs, extensions B and later
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
#: Latin letters, ASCII and full-width
LETTER_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))


def char_class(*ranges: tuple[int, int]) -> str:
    """A regex character class of code-point ranges: ``char_class(*HAN_RANGES)``."""
    return "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges) + "]"


def is_han(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in HAN_RANGES)


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def mark_label(mark: str, lang: str = "zh") -> str:
    """A paired mark named with its side, for messages that must not wrap a quotation mark in
    quotation marks: 前引号“, 后书名号》; opening quotation mark “."""
    name = mark_name(mark, lang)
    if mark in PAIRS:
        return f"opening {name} {mark}" if lang == "en" else f"前{name}{mark}"
    if mark in CLOSERS:
        return f"closing {name} {mark}" if lang == "en" else f"后{name}{mark}"
    return mark


#: a manual line break inside a Word paragraph (Shift+Enter), as yblint.reading.docx reads it
MANUAL_BREAK = "\u2028"
#: what ends a line: a line break, or a manual one inside a Word paragraph
LINE_END = re.compile("[\n\u2028]")


# ---------------------------------------------------------------------------------------------
# page numbers left from the layout

_PAGE_NUMBER = (
    r"(?:[—–\-－―─]{1,2}[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[—–\-－―─]{1,2}"  # — 186 —  -186-
    r"|[·•・∙][ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[·•・∙]"  # · 156 ·
    r"|第[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页"  # 第186页
    r"(?:[ \t\u3000]*[，,/／]?[ \t\u3000]*共[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页)?)"  # 共300页
)
#: a line that is nothing but a page number left from the layout: ``— 186 —``, ``-186-``,
#: ``第186页`` (group ``number``: the page number without the spaces around it); a manual line
#: break in a Word paragraph (U+2028) ends a line too
PAGE_NUMBER_LINE = re.compile(
    rf"(?:^|(?<=\u2028))[ \t\u3000]*(?P<number>{_PAGE_NUMBER})[ \t\u3000]*(?:\r?$|(?=\u2028))", re.MULTILINE
)
_PAGE_NUMBER_ALONE = re.compile(rf"[ \t\u3000]*{_PAGE_NUMBER}[ \t\u3000]*")


def is_page_number(line: str) -> bool:
    """Whether ``line`` is nothing but a page number (``— 186 —``, ``第186页``): no heading."""
    return _PAGE_NUMBER_ALONE.fullmatch(line) is not None


#: how the name of a contributing body ends (市统计局, 团县委, 县总工会, 城关镇, 区城投集团 …): units'
#: headings (yblint.parsing.units) and the unit cells of a Word 供稿单 (yblint.reading.docx_tables)
BODY_END = re.compile(
    r"(?:局|委|办|会|院|中心|公司|集团|镇|乡|街道|部|所|队|站|团|联|社|处|室|馆|行|厂|政府|海关|法院|检察院|管委会)$"
)
