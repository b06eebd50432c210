"""A document's paragraphs of some kinds joined into one text, made once per document, so that a
rule searches a pattern once in the document instead of once in every paragraph (issue #14).

The paragraphs are joined by :data:`SEPARATOR`: a line break, which the patterns searched this
way do not cross (their character classes leave it out), then a lone surrogate, which no text
read from a file holds and no pattern looks for, so that what a pattern looks at around a
paragraph's edges (a quotation mark before it across spaces, ``$``) is found there as at the
ends of the paragraph alone. A document that holds the surrogate itself is not joined: its
paragraphs are searched one by one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from yblint.model import Document, Paragraph

SEPARATOR = "\n\ud800"


@dataclass
class Joined:
    """``text``: the paragraphs' texts joined by :data:`SEPARATOR`; ``starts``: where each
    paragraph begins in it."""

    paragraphs: list[Paragraph]
    starts: list[int]
    text: str

    def index(self, pos: int) -> int:
        """The index of the paragraph that holds ``pos`` (an offset in :attr:`text`)."""
        return bisect.bisect_right(self.starts, pos) - 1


def in_scope(doc: Document, kinds: Iterable[str]) -> list[Paragraph]:
    """The paragraphs of ``doc`` of one of ``kinds`` that hold any text, in order."""
    kinds = frozenset(kinds)
    return [p for p in doc.paragraphs if p.kind in kinds and p.end > p.start]


def joined(doc: Document, kinds: Iterable[str]) -> Joined | None:
    """The paragraphs of ``kinds`` (:func:`in_scope`) joined, made once per document and kept in
    ``doc.derived``; None when the document holds the separator's surrogate."""
    kinds = tuple(sorted(kinds))
    key = "joined:" + ",".join(kinds)
    if key not in doc.derived:
        doc.derived[key] = None if SEPARATOR[1] in doc.text else _join(doc, kinds)
    found: Joined | None = doc.derived[key]
    return found


def _join(doc: Document, kinds: Iterable[str]) -> Joined:
    paragraphs = in_scope(doc, kinds)
    text = doc.text
    texts = [text[p.start : p.end] for p in paragraphs]
    starts, at = [], 0
    for t in texts:
        starts.append(at)
        at += len(t) + len(SEPARATOR)
    return Joined(paragraphs, starts, SEPARATOR.join(texts))
