"""Sets of shared passages for duplicate-passage: the two sides of a match, how matches of one
pair of units are joined, which pairs of units the fingerprints' pairing left out (each occurrence
is paired with the first one only), and one finding per copied passage with the others listed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from yblint.model import Document, Unit
from yblint.text.alignment import Passage
from yblint.text.similarity import Candidate, Stream


@dataclass
class Side:
    """One occurrence of a shared passage: stream range and source span."""

    seg: int
    s0: int  # stream offsets (normalised)
    s1: int
    doc: Document
    unit: Unit
    start: int = 0  # offsets in doc.text
    end: int = 0
    order: tuple[int, int] = (0, 0)


@dataclass
class Match:
    copy: Side
    original: Side
    similarity: float
    reason: str
    others: list[Side] = field(default_factory=list)


def merge_passages(items: list[Passage], threshold: float) -> list[Passage]:
    """Join passages of one pair of units that follow each other on both sides into one, as long as
    the joined passage still has the similarity: a copy with a sentence left out or put in is one
    finding, not two."""
    out: list[Passage] = []
    for it in sorted(set(items)):
        if out:
            last = out[-1]
            if it.a0 >= last.a0 and it.b0 >= last.b0 and it.a1 <= last.a1 and it.b1 <= last.b1:
                continue  # inside the last one
            if it.a0 >= last.a1 - 1 and it.b0 >= last.b1 - 1:
                matched = (
                    last.similarity * ((last.a1 - last.a0) + (last.b1 - last.b0)) / 2
                    + it.similarity * ((it.a1 - it.a0) + (it.b1 - it.b0)) / 2
                )
                joined = 2 * matched / ((it.a1 - last.a0) + (it.b1 - last.b0))
                if joined >= threshold:
                    out[-1] = Passage(last.a0, it.a1, last.b0, it.b1, matched, joined)
                    continue
        out.append(it)
    return out


def overlap(x0: int, x1: int, y0: int, y1: int) -> bool:
    """The two stream ranges share more than half of the shorter one."""
    return min(x1, y1) - max(x0, y0) > 0.5 * min(x1 - x0, y1 - y0)


def implied_pairs(
    matches: list[Match], aligned: dict[tuple[int, int], list[Candidate]], stream: Stream
) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Pairs of units to align that the seeds did not give (each occurrence of a fingerprint was
    paired with the first one only):

    * where one passage copies two others (the first occurrence of a text turned out to be the
      copy of two later ones), the two originals, which may copy one another;
    * where two passages copy the same passage of one original and hold the same text, the two
      copies: the later one is a copy of the earlier copy (一字不差 with it), and the two may go
      on together beyond what they share with the original.

    Two copies of one original that differ are not aligned (k near copies would cost k (k - 1) / 2
    alignments again): :func:`list_fellow_copies` lists them with each other."""
    out: dict[tuple[int, int], list[Candidate]] = {}

    def add(x: Side, y: Side) -> None:
        if x.seg > y.seg:
            x, y = y, x
        key = (x.seg, y.seg)
        if x.seg != y.seg and key not in aligned:
            out.setdefault(key, []).append(Candidate(x.s0, x.s1, y.s0, y.s1, 0))

    by_copy: dict[int, list[Match]] = {}
    by_original: dict[int, list[Match]] = {}
    for m in matches:
        by_copy.setdefault(m.copy.seg, []).append(m)
        by_original.setdefault(m.original.seg, []).append(m)
    for group in by_copy.values():
        for i, m1 in enumerate(group):
            for m2 in group[i + 1 :]:
                if overlap(m1.copy.s0, m1.copy.s1, m2.copy.s0, m2.copy.s1):
                    add(m1.original, m2.original)
    for group in by_original.values():
        for i, m1 in enumerate(group):
            for m2 in group[i + 1 :]:
                c1, c2 = m1.copy, m2.copy
                if c1.s1 - c1.s0 != c2.s1 - c2.s0 or m1.original.s0 != m2.original.s0:
                    continue
                if stream.text(c1.s0, c1.s1) == stream.text(c2.s0, c2.s1):
                    add(c1, c2)
    return sorted(out.items())


def list_fellow_copies(chosen: list[Match], decide: Callable[[Side, Side], tuple[Side, Side, str] | None]) -> None:
    """Two copies of one passage of one original that were not aligned with each other (see
    :func:`implied_pairs`): the later one (as the evidence decides) lists the other with its
    original, as it would had they been aligned. ``decide``: which of two sides is the copy
    (copy, original, reason), None when neither is."""
    by_original: dict[int, list[Match]] = {}
    for m in chosen:
        by_original.setdefault(m.original.seg, []).append(m)
    for group in by_original.values():
        for i, m1 in enumerate(group):
            for m2 in group[i + 1 :]:
                c1, c2 = m1.copy, m2.copy
                if c1.seg == c2.seg or not overlap(m1.original.s0, m1.original.s1, m2.original.s0, m2.original.s1):
                    continue
                decided = decide(c1, c2)
                if decided is None:
                    continue
                later, earlier = (m1, m2) if decided[0] is c1 else (m2, m1)
                if all(x.seg != earlier.copy.seg for x in [later.original, *later.others]):
                    later.others.append(earlier.copy)


def dedupe(matches: list[Match]) -> list[Match]:
    """One finding per copied passage: where a passage copies several others (three units with the
    same text), keep the longest, most similar match and list the other originals as related."""
    matches.sort(key=lambda m: (-(m.copy.s1 - m.copy.s0), -m.similarity, m.original.order))
    kept: list[Match] = []
    by_seg: dict[int, list[Match]] = {}
    for m in matches:
        c = m.copy
        for k in by_seg.get(c.seg, ()):
            kc = k.copy
            if min(kc.s1, c.s1) - max(kc.s0, c.s0) > 0.5 * (c.s1 - c.s0):
                if not any(x.seg == m.original.seg for x in [k.original, *k.others]):
                    k.others.append(m.original)
                break
        else:
            kept.append(m)
            by_seg.setdefault(c.seg, []).append(m)
    return kept


def mirrored(chosen: list[Match]) -> dict[int, Match]:
    """For each match whose direction cannot be told (``unknown``), the same match seen from its
    other side, by the index of the match, so that each of the two units is told to check its
    text (an editor reviews a unit's draft, or its Word copy, on its own): unless that side is
    reported as a copy already, or stands in a reference document (nothing there to correct)."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in chosen:
        taken.setdefault(m.copy.seg, []).append((m.copy.s0, m.copy.s1))
    out: dict[int, Match] = {}
    for i, m in enumerate(chosen):
        o = m.original
        if m.reason != "unknown" or o.doc.reference:
            continue
        if any(overlap(o.s0, o.s1, x0, x1) for x0, x1 in taken.get(o.seg, ())):
            continue
        out[i] = Match(o, m.copy, m.similarity, m.reason, list(m.others))
        taken.setdefault(o.seg, []).append((o.s0, o.s1))
    return out
