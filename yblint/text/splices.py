"""Short splices at a unit's end: a unit whose text ends with words of another unit's, figures and
all (县总工会's last paragraph ending …为职工追讨欠薪网上主题团课学习48期，参学青年累计21.6万人次。,
the words after 为职工追讨欠薪 being 团县委's), too short for duplicate-passage's passages.

A unit's last clause is looked up among the clauses of the other units; where it stands there,
the two texts are compared backwards from it: a stretch of :data:`MIN_SHARED` characters or more
(Chinese characters and figures, punctuation and spaces aside) that holds two figures or more and
is not the unit's whole last paragraph is a splice. Stretches of a passage's length are left to
duplicate-passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yblint import lazyre as re
from yblint.model import Document, Paragraph, Unit
from yblint.text.chronicle import in_chronicle

#: the fewest characters (Chinese characters and figures) a splice shares with the other text
MIN_SHARED = 16
#: a clause this short is no key (新增学位2.16万个 is one: 8)
MIN_CLAUSE = 6
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")
_CLAUSE_MARKS = "，,；;。！？!?"
_KEPT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9.]")
_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Splice:
    """The spliced end of ``unit`` (``start``..``end`` in its document's text) and where the same
    words stand in ``other`` (``other_start``..``other_end``)."""

    document: Document
    unit: Unit
    start: int
    end: int
    other_document: Document
    other: Unit
    other_start: int
    other_end: int
    chars: int


def unit_end_splices(
    units: list[tuple[Document, Unit]], longest: int, copied: Sequence[tuple[Document, int, int]] = ()
) -> list[Splice]:
    """The units of ``units`` whose text ends with a splice of another's, shorter than ``longest``
    characters (duplicate-passage's own passages are that long or longer) and outside the spans
    ``copied`` (its passages found). Left out: words another unit of the same name holds (one
    body's text in two drafts), and words three units or more hold (the book's template)."""
    ends: dict[str, list[tuple[Document, Unit, int, int]]] = {}
    for doc, unit in units:
        p = next((p for p in reversed(unit.paragraphs) if p.is_prose), None)
        if p is None:
            continue
        clauses = list(_CLAUSE.finditer(doc.text, p.start, p.end))
        last = next((m for m in reversed(clauses) if m.group().strip()), None)
        if last is None or not _FIGURE.search(last.group()) or len(_kept(last.group())) < MIN_CLAUSE:
            continue
        if not in_chronicle(unit):  # a chronicle restates its units' words
            ends.setdefault(last.group().strip(), []).append((doc, unit, p.start, p.end))
    out: list[Splice] = []
    done: set[int] = set()
    holders: dict[str, set[int]] = {}  # key -> the units it stands in (its ends among them)
    for key, where in ends.items():
        holders[key] = {id(u) for _d, u, _lo, _hi in where}
    found: list[tuple[str, Document, Unit, Paragraph, int]] = []
    for doc in dict.fromkeys(doc for doc, _unit in units) if ends else ():
        text = doc.text
        # the whole text's clauses split at once (C speed); only those that end a unit looked up
        for key in sorted(ends.keys() & set(_clauses(text))):
            at = text.find(key)
            while at >= 0:
                end = at + len(key)
                holder, para = doc.unit_at(at), doc.paragraph_at(at)
                at = text.find(key, end)
                if holder is None or para is None or not para.is_prose or in_chronicle(holder):
                    continue
                holders[key].add(id(holder))
                found.append((key, doc, holder, para, end))
    for key, doc, unit, para, end in found:
        if len(holders[key]) > 2:
            continue  # the book's template, in three units or more
        for mdoc, munit, lo, hi in ends[key]:
            if munit is unit or munit.name == unit.name or id(munit) in done or id(unit) in done:
                continue  # one report a unit; two units ending alike, once; one body's text twice
            got = _shared_end(mdoc.text, lo, hi, doc.text, para.start, end)
            if got is None:
                continue
            start, other_start, chars = got
            if MIN_SHARED <= chars < longest and not _covered(copied, (mdoc, start, hi), (doc, other_start, end)):
                done.add(id(munit))
                out.append(Splice(mdoc, munit, start, hi, doc, unit, other_start, end, chars))
    return out


def _covered(copied: Sequence[tuple[Document, int, int]], *spans: tuple[Document, int, int]) -> bool:
    """One of ``spans`` overlaps a passage duplicate-passage found."""
    return any(d is cd and s < ce and cs < e for d, s, e in spans for cd, cs, ce in copied)


def _clauses(text: str) -> list[str]:
    """The clauses of ``text``, split at its clause marks and line breaks (str.replace and
    str.split: far faster here than a pattern's split or str.translate)."""
    for mark in _CLAUSE_MARKS:
        text = text.replace(mark, "\n")
    return text.split("\n")


def _kept(s: str) -> str:
    return "".join(_KEPT.findall(s))


def _shared_end(text: str, lo: int, hi: int, other: str, olo: int, ohi: int) -> tuple[int, int, int] | None:
    """Going back from ``text[hi]`` and ``other[ohi]`` together over the kept characters (each side
    skipping the rest), where the two stop being alike in ``text``, in ``other``, and how many kept
    characters they share; None when they share the whole of ``text[lo:hi]`` (a paragraph copied
    whole is duplicate-passage's) or fewer than two figures."""
    i, j, n = hi, ohi, 0
    start, ostart = hi, ohi
    while True:
        while i > lo and not _KEPT.match(text[i - 1]):
            i -= 1
        while j > olo and not _KEPT.match(other[j - 1]):
            j -= 1
        if i <= lo or j <= olo or text[i - 1] != other[j - 1]:
            break
        i, j, n = i - 1, j - 1, n + 1
        start, ostart = i, j
    if i <= lo or len(_FIGURE.findall(text[start:hi])) < 2:
        return None
    return start, ostart, n
