"""Chinese punctuation marks and character classes: which marks end a sentence or a clause,
which come in pairs (and their names for messages), whitespace, Han ranges.

The one place this knowledge is written down; rules and the other text modules import it.
"""

from __future__ import annotations

SENTENCE_FINAL = set("。！？!?…")  # "……" is two "…"; a lone "." is handled in ``paragraph_end``
CLAUSE_FINAL = set("；;")  # ends an item of a series; the series goes on
LEAD_IN = set("：:")  # introduces what follows (a list, a quotation)
CONTINUING = set("，,、")  # the sentence goes on after these
DASHES = set("—－-~～")
SPACE = " \t\r\n\u3000\ufeff\u200b\u200c\u200d\u2060\xa0"

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


def mark_name(mark: str, lang: str = "zh") -> str:
    zh, en = MARK_NAMES.get(FAMILY.get(mark, mark), ("标点", "mark"))
    return en if lang == "en" else zh


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


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
