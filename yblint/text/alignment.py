"""The shared passages of two texts (step 5 of :mod:`yblint.text.similarity`): an Indel alignment
(rapidfuzz) cut into pieces at anchors, the pieces' matching blocks joined, and the maximal-scoring
segments of those blocks, extended over small changes.

A long region is aligned piece by piece between anchors (shared k-grams on its diagonal), so its
cost grows with its length rather than with the product of its two lengths; the pieces are kept by
their place (:data:`PieceCache`), and a region widened to the right keeps its blocks and their
running score up to the last anchor it shares with the region before (:class:`Widening`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel


@dataclass(frozen=True, order=True)
class Passage:
    """A shared passage: normalised offsets ``[a0, a1)`` in the first string and ``[b0, b1)`` in the
    second, ``matched`` characters in common, ``similarity`` (Indel, 0..1)."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: float
    similarity: float

    def shifted(self, da: int, db: int) -> Passage:
        """The same passage with its offsets moved by ``da`` and ``db`` (region -> stream)."""
        return Passage(self.a0 + da, self.a1 + da, self.b0 + db, self.b1 + db, self.matched, self.similarity)


def align_blocks(sa: str, sb: str, anchors: Sequence[tuple[int, int]] = (), k: int = 0) -> list[tuple[int, int, int]]:
    """Matching blocks ``(i, j, size)`` of an Indel alignment of ``sa`` and ``sb``. With ``anchors``
    (positions where both hold the same k characters, increasing on both sides) the strings are
    aligned piece by piece between them, so a long passage costs time in proportion to its length
    rather than to the product of the lengths."""
    xs, ys, sizes, _ = _aligned(sa, sb, anchors, k)
    return list(zip(xs, ys, sizes, strict=True))


#: a piece's matching blocks, by where the piece stands (see _aligned): their starts (relative to
#: the piece's), sizes, and the unmatched characters between each block and the one before it
Piece = tuple[list[int], list[int], list[int], list[int]]
PieceCache = dict[tuple[int, int, int, int], Piece]


def _piece(sa: str, sb: str) -> Piece:
    """The matching blocks of an Indel alignment of ``sa`` and ``sb``, adjacent ones joined."""
    xs: list[int] = []
    ys: list[int] = []
    sizes: list[int] = []
    gaps: list[int] = []
    end_x = end_y = 0
    for m in Indel.opcodes(sa, sb).as_matching_blocks():
        size = m.size
        if size:
            i, j = m.a, m.b
            if i == end_x and j == end_y and sizes:
                sizes[-1] += size
            else:
                xs.append(i)
                ys.append(j)
                sizes.append(size)
                gaps.append((i - end_x) + (j - end_y))
            end_x, end_y = i + size, j + size
    return xs, ys, sizes, gaps


def _join(
    xs: list[int], ys: list[int], sizes: list[int], gaps: list[int], i: int, j: int, size: int, end_x: int, end_y: int
) -> None:
    """Add the block (``i``, ``j``, ``size``) after the last one, which ends at (``end_x``,
    ``end_y``): joined to it when it starts there on both sides (the same bookkeeping as
    :func:`_piece`'s loop, which keeps it inline: it runs once a block)."""
    if i == end_x and j == end_y and sizes:
        sizes[-1] += size
    else:
        xs.append(i)
        ys.append(j)
        sizes.append(size)
        gaps.append((i - end_x) + (j - end_y))


def _aligned(
    sa: str,
    sb: str,
    anchors: Sequence[tuple[int, int]],
    k: int,
    cache: PieceCache | None = None,
    origin: tuple[int, int] = (0, 0),
) -> tuple[list[int], list[int], list[int], list[int]]:
    """:func:`align_blocks` as lists: the blocks' starts in ``sa``, in ``sb``, their sizes, and the
    unmatched characters (on both sides) between each block and the one before it (0 for the first).

    Each piece between two anchors is aligned on its own (:func:`_piece`) and its blocks added in
    one step, the first joined to the block before it where the two touch. With ``cache``, the
    pieces are kept under their place (``origin``: where ``sa`` and ``sb`` start, in a common frame
    such as the stream), so that aligning a wider region with some of the same anchors aligns again
    only the pieces it has not seen (a piece's blocks depend on its two strings alone)."""
    got = _assemble(sa, sb, list(anchors), k, cache, origin, None)
    return got.xs, got.ys, got.sizes, got.gaps


class _Assembly:
    """The blocks of an alignment (:func:`_aligned`'s lists), the anchors it was cut at, and after
    each anchor what the lists held (``marks``: their length, the size of the last block, where it
    ends and where the next piece starts): an alignment of a region that starts at the same place
    and goes further, with the same first anchors, is the same up to the last of them."""

    __slots__ = ("anchors", "gaps", "marks", "sizes", "xs", "ys")

    def __init__(self) -> None:
        self.anchors: list[tuple[int, int]] = []
        self.xs: list[int] = []
        self.ys: list[int] = []
        self.sizes: list[int] = []
        self.gaps: list[int] = []
        self.marks: list[tuple[int, int, int, int, int, int]] = []

    def common(self, anchors: list[tuple[int, int]]) -> int:
        """How many anchors from the first ``anchors`` shares with the ones assembled."""
        mine = self.anchors
        n = min(len(mine), len(anchors))
        c = 0
        while c < n and mine[c] == anchors[c]:
            c += 1
        return c

    def cut_back(self, c: int) -> None:
        """Keep what the lists held after the first ``c`` anchors (``c`` >= 1)."""
        count, last, *_ = self.marks[c - 1]
        for lst in (self.xs, self.ys, self.sizes, self.gaps):
            del lst[count:]
        if count:
            self.sizes[-1] = last  # a later piece's first block may have been joined to it
        del self.marks[c:]
        del self.anchors[c:]


def _assemble(
    sa: str,
    sb: str,
    anchors: list[tuple[int, int]],
    k: int,
    cache: PieceCache | None,
    origin: tuple[int, int],
    again: _Assembly | None,
) -> _Assembly:
    """:func:`_aligned`, into ``again`` (the assembly of a region that starts where this one does,
    in ``sa`` and ``sb``, and that this one extends: its blocks up to the last anchor the two share
    are kept) or into a new :class:`_Assembly`."""
    out = again if again is not None else _Assembly()
    c = out.common(anchors) if again is not None else 0
    if c:
        out.cut_back(c)
        _, _, end_x, end_y, pi, pj = out.marks[-1]
    else:
        out.__init__()  # type: ignore[misc]
        end_x = end_y = pi = pj = 0  # where the last block ends: a block that starts there joins it
    xs, ys, sizes, gaps, marks = out.xs, out.ys, out.sizes, out.gaps, out.marks
    out.anchors.extend(anchors[c:])
    for ai, aj in (*anchors[c:], (-1, -1)):
        last = ai < 0  # after the last anchor: the rest of both strings
        if last:
            ai, aj = len(sa), len(sb)
        elif ai < pi or aj < pj:
            marks.append((len(sizes), sizes[-1] if sizes else 0, end_x, end_y, pi, pj))
            continue
        if ai > pi and aj > pj:
            piece = None
            if cache is not None:
                key = (origin[0] + pi, origin[0] + ai, origin[1] + pj, origin[1] + aj)
                piece = cache.get(key)
            if piece is None:
                piece = _piece(sa[pi:ai], sb[pj:aj])
                if cache is not None:
                    cache[key] = piece
            px, py, ps, pg = piece
            if px:
                _join(xs, ys, sizes, gaps, pi + px[0], pj + py[0], ps[0], end_x, end_y)
                n = len(px)
                if n > 1:
                    xs.extend(map(pi.__add__, px[1:]))
                    ys.extend(map(pj.__add__, py[1:]))
                    sizes.extend(ps[1:])
                    gaps.extend(pg[1:])
                end_x, end_y = pi + px[-1] + ps[-1], pj + py[-1] + ps[-1]
        if last:
            break
        _join(xs, ys, sizes, gaps, ai, aj, k, end_x, end_y)  # the anchor's k characters
        end_x, end_y = ai + k, aj + k
        pi, pj = end_x, end_y
        marks.append((len(sizes), sizes[-1], end_x, end_y, pi, pj))
    if gaps:
        gaps[0] = 0
    return out


class Widening:
    """What :func:`find_passages` keeps of the region it aligned last, for the next one that
    starts at the same place (``origin``) and reaches further (a region widened to the right): the
    blocks up to the last anchor the two share, with their scores and running score, are kept
    rather than assembled and run again. Regions that start elsewhere start afresh."""

    __slots__ = ("assembly", "gain", "k", "origin", "run", "scores", "start")

    def __init__(self) -> None:
        self.origin: tuple[int, int] | None = None
        self.k = -1
        self.gain = -1.0
        self.assembly: _Assembly | None = None
        self.scores: list[float] = []
        self.run: list[float] = []  # the running score from the first block, before any segment is taken out
        self.start: list[int] = []


def find_passages(
    sa: str,
    sb: str,
    similarity: float,
    anchors: Sequence[tuple[int, int]] = (),
    k: int = 0,
    min_len: int = 1,
    anchor: int = 5,
    max_change: int = 10,
    cache: PieceCache | None = None,
    origin: tuple[int, int] = (0, 0),
    widening: Widening | None = None,
) -> list[Passage]:
    """The shared passages of ``sa`` and ``sb`` at least ``min_len`` long, longest first.

    A passage's core is the segment of the alignment with the highest score, where each matched
    character scores ``2 (1 - s) / s`` and each unmatched one (in either string) costs 1: a segment
    with a score of zero or more has an Indel similarity of at least ``s``. The core is then
    extended over changes of at most ``max_change`` unmatched characters on each side (shorter
    matching runs between them count as matched) to a further run of at least ``anchor`` matching
    characters, as long as the whole keeps a score of zero or more: a phrase changed near the start
    or end of a copy, or a stretch with several changes, does not cut the copy short. The parts of
    the alignment before and after a passage are searched the same way. ``cache`` and ``origin``:
    see :func:`_aligned`. ``widening``: see :class:`Widening` (``sa`` and ``sb`` then start at
    ``origin`` of one common text, such as the stream, for every call with it).
    """
    gain = 2.0 * (1.0 - similarity) / similarity
    anchors = list(anchors)
    again = None
    if widening is not None and widening.origin == origin and widening.k == k and widening.gain == gain:
        again = widening.assembly
    kept = 0  # blocks whose score and running score are those of the alignment before
    if again is not None:
        c = again.common(anchors)
        kept = max(0, again.marks[c - 1][0] - 1) if c else 0  # the last of them may grow
    assembly = _assemble(sa, sb, anchors, k, cache, origin, again)
    xs, ys, sizes, costs = assembly.xs, assembly.ys, assembly.sizes, assembly.gaps
    if widening is not None and kept:
        scores, run, start = widening.scores, widening.run, widening.start
        del scores[kept:], run[kept:], start[kept:]
        scores.extend([gain * s for s in sizes[kept:]])
    else:
        scores, run, start = [gain * s for s in sizes], [], []
    _run_on(scores, costs, run, start, len(sizes))
    if widening is not None:
        widening.origin, widening.k, widening.gain, widening.assembly = origin, k, gain, assembly
        widening.scores, widening.run, widening.start = scores, run, start
        run, start = run[:], start[:]  # the segments taken out below run it again in places
    blocks = _Blocks(xs, ys, sizes, costs, gain, scores, run, start)
    out: list[Passage] = []
    todo = [(0, len(sizes))]
    while todo:
        lo_b, hi_b = todo.pop()
        seg = _best_segment(blocks, lo_b, hi_b, anchor, max_change)
        if seg is None:
            continue
        lo, hi = seg
        a0, a1, b0, b1 = xs[lo], xs[hi] + sizes[hi], ys[lo], ys[hi] + sizes[hi]
        if min(a1 - a0, b1 - b0) < min_len:
            continue  # the best part of this stretch is too short: so is every other part
        matched = sum(sizes[lo : hi + 1])
        out.append(Passage(a0, a1, b0, b1, matched, 2.0 * matched / ((a1 - a0) + (b1 - b0))))
        todo.append((lo_b, lo))  # its running score is the one run from lo_b already
        blocks.run_from(hi + 1, hi_b)
        todo.append((hi + 1, hi_b))
    out.sort(key=lambda p: -(p.a1 - p.a0))
    return out


def _run_on(scores: list[float], costs: list[int], run: list[float], start: list[int], n: int) -> None:
    """Carry the running score of the blocks from the first (``run`` and ``start`` hold it up to
    their length) on to block ``n``: :meth:`_Blocks.run_from` from 0 on blocks never run."""
    first = len(run)
    if first >= n:
        return
    if first == 0:
        cur, cur_start = scores[0], 0
        run.append(cur)
        start.append(0)
        first = 1
    else:
        cur, cur_start = run[-1], start[-1]
    add_run, add_start = run.append, start.append
    for i in range(first, n):
        rest = cur - costs[i]
        if cur > 0 and rest > 0:
            cur = rest + scores[i]
        else:
            cur, cur_start = scores[i], i
        add_run(cur)
        add_start(cur_start)


class _Blocks:
    """The matching blocks of an alignment as lists, with what scoring a segment of them needs:
    each block's score (``gain`` a matched character) and the unmatched characters before it, and
    the running score of a maximal-scoring segment up to each block (``run``, from ``start``)."""

    __slots__ = ("costs", "gain", "run", "scores", "sizes", "start", "xs", "ys")

    def __init__(
        self,
        xs: list[int],
        ys: list[int],
        sizes: list[int],
        costs: list[int],
        gain: float,
        scores: list[float],
        run: list[float],
        start: list[int],
    ) -> None:
        self.xs, self.ys, self.sizes, self.gain = xs, ys, sizes, gain
        self.scores = scores
        self.costs = costs  # unmatched characters between block i - 1 and block i (none before the first)
        self.run = run  # the running score from the first block (_run_on), run again from where segments end
        self.start = start

    def run_from(self, lo_b: int, hi_b: int) -> None:
        """Set ``run[i]`` and ``start[i]`` for ``i`` in ``[lo_b, hi_b)`` to the running score
        started at ``lo_b``: it adds each block's score to what is left of the score before it once
        the unmatched characters between are paid, and restarts at the block when nothing is left.

        The range was part of a longer one run from further left. Once both runs restart at one
        block they are the same from there on, so the rest is kept as it is."""
        if hi_b <= lo_b:
            return
        scores, costs, run, start = self.scores, self.costs, self.run, self.start
        cur = run[lo_b] = scores[lo_b]
        cur_start = start[lo_b] = lo_b
        for i in range(lo_b + 1, hi_b):
            rest = cur - costs[i]
            if cur > 0 and rest > 0:
                cur = rest + scores[i]
            else:
                if start[i] == i:  # the older run restarted here too
                    return
                cur, cur_start = scores[i], i
            run[i] = cur
            start[i] = cur_start


def _best_segment(blocks: _Blocks, lo_b: int, hi_b: int, anchor: int, max_change: int) -> tuple[int, int] | None:
    """The best-scoring run of blocks in ``[lo_b, hi_b)`` (the first block where the running score
    from ``lo_b`` is highest, from where that run started), extended over small changes on both
    sides. ``blocks.run_from(lo_b, hi_b)`` must have been called (or a run from ``lo_b`` be
    left in place for the range)."""
    if hi_b <= lo_b:
        return None
    run = blocks.run
    best = max(run[lo_b:hi_b])
    hi = run.index(best, lo_b, hi_b)  # the first block with the highest score
    return _extend(blocks, lo_b, hi_b, blocks.start[hi], hi, best, anchor, max_change)


def _extend(
    blocks: _Blocks, lo_b: int, hi_b: int, lo: int, hi: int, total: float, anchor: int, max_change: int
) -> tuple[int, int]:
    """Extend the segment ``[lo, hi]`` over changes of at most ``max_change`` characters to a
    further block of at least ``anchor`` characters, as long as the score stays at zero or more."""
    xs, ys, sizes, gain = blocks.xs, blocks.ys, blocks.sizes, blocks.gain
    # extend to the left
    while lo > lo_b:
        j, small = lo - 1, 0
        while j >= lo_b and sizes[j] < anchor:
            small += sizes[j]
            j -= 1
        if j < lo_b:
            break
        da, db = xs[lo] - xs[j] - sizes[j], ys[lo] - ys[j] - sizes[j]
        new_total = total + gain * (sizes[j] + small) - (da + db - 2 * small)
        if max(da, db) - small > max_change or new_total < 0:
            break
        total, lo = new_total, j
    # extend to the right
    while hi < hi_b - 1:
        edge_x, edge_y = xs[hi] + sizes[hi], ys[hi] + sizes[hi]
        j, small = hi + 1, 0
        while j < hi_b and sizes[j] < anchor:
            small += sizes[j]
            j += 1
        if j >= hi_b:
            break
        da, db = xs[j] - edge_x, ys[j] - edge_y
        new_total = total + gain * (sizes[j] + small) - (da + db - 2 * small)
        if max(da, db) - small > max_change or new_total < 0:
            break
        total, hi = new_total, j
    return lo, hi
