"""Splitting a document into units, one per contributing body (团区委, 区妇联 …).

A unit starts at a Markdown heading, or in plain text at a short line with no sentence
punctuation standing between blank lines. Text before the first heading is a unit of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yblint.model import HEADING, PROSE, Document, Paragraph, Unit

SENTENCE_PUNCT = set("。！？；，：、,.!?;:…")
_ENUM_PREFIX = re.compile(r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．]\s*)")
_BRACKETED = re.compile(r"^[（(【\[].*[）)】\]]$")


@dataclass
class UnitOptions:
    heading_pattern: re.Pattern[str] | None = None
    max_heading_chars: int = 20


def is_plain_heading(text: str, options: UnitOptions) -> bool:
    """Whether a one-line plain-text paragraph reads as a unit heading."""
    line = text.strip()
    if not line or "\n" in line or "\r" in line:
        return False
    if options.heading_pattern is not None:
        return options.heading_pattern.fullmatch(line) is not None
    if len(line) > options.max_heading_chars or _BRACKETED.match(line):
        return False
    body = _ENUM_PREFIX.sub("", line)
    if not body or any(ch in SENTENCE_PUNCT for ch in body):
        return False
    return any(ch.isalpha() for ch in body)


def _starts_unit(p: Paragraph, options: UnitOptions) -> bool:
    if p.kind == HEADING:
        if options.heading_pattern is None:
            return True
        return options.heading_pattern.fullmatch(p.text.strip()) is not None
    if p.document.format == "markdown" or p.kind != PROSE:
        return False
    return is_plain_heading(p.text, options)


def split_units(doc: Document, options: UnitOptions) -> list[Unit]:
    units: list[Unit] = []
    current: Unit | None = None
    for p in doc.paragraphs:
        if _starts_unit(p, options):
            if p.kind == PROSE:
                p.kind = HEADING
                p.sentences = []
            current = Unit(document=doc, name=p.text.strip(), index=len(units), heading=p)
            units.append(current)
            p.unit = current
            continue
        if current is None:
            current = Unit(document=doc, name="", index=0, heading=None)
            units.append(current)
        current.paragraphs.append(p)
        p.unit = current
    return units
