"""Bilingual strings: messages are for editors, Chinese by default and English with --lang en.

``tr(lang, zh, en)`` picks one of two literals; ``pick(texts, lang)`` picks from a rule file's
``{zh: …, en: …}`` mapping, falling back to Chinese, then to whatever language there is."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")


def tr(lang: str, zh: str, en: str) -> str:
    """``en`` for English output, else ``zh``."""
    return en if lang == "en" else zh


def pick(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else the Chinese one, else any; "" for an empty mapping."""
    return texts.get(lang) or texts.get(DEFAULT_LANG) or next(iter(texts.values()), "")


def line_name(line: int, lang: str, by_paragraph: bool = False) -> str:
    """第N行 / line N; 第N段 / paragraph N where a draft is located by paragraph (Word)."""
    if by_paragraph:
        return tr(lang, f"第{line}段", f"paragraph {line}")
    return tr(lang, f"第{line}行", f"line {line}")
