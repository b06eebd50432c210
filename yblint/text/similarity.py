"""Shared machinery for finding passages that two texts share, exactly or nearly, in near-linear time.

The steps, each vectorised with numpy so that the cost grows with the size of the text and not with
the number of pairs of paragraphs:

1. **Normalise** (:func:`build_stream`): keep only CJK ideographs and letters (lower-cased); drop
   punctuation, spaces, line breaks and digits. Changed figures, different punctuation or
   whitespace and a different paragraph split therefore leave the normalised text unchanged. Each
   kept character remembers its offset in its source text and the *segment* (unit) it belongs to;
   segments are contiguous in the stream.
2. **Fingerprint** (:func:`kgram_hashes`, :func:`winnow`): hash every run of ``k`` normalised
   characters (a k-gram that crosses a segment boundary is void) and keep the minimum hash of every
   window of ``w`` consecutive k-grams (winnowing, Schleimer, Wilkerson and Aiken 2003). Any shared
   run of at least ``w + k - 1`` normalised characters yields at least one shared fingerprint.
3. **Index** (:func:`find_seeds`): sort the fingerprints by hash. A hash found in ``max_units`` or
   more segments is boilerplate: it is dropped and the characters it covers are marked. The others
   give *seed pairs*: two positions in the stream that start the same k-gram, each later occurrence
   paired with the first (so that k copies of a text make k - 1 pairs of units, not k (k - 1) / 2).
4. **Chain** (:func:`chain_seeds`): seeds of the same pair of segments that follow each other along
   nearly the same diagonal become one candidate region in each segment.
5. **Align** (:func:`find_passages`): rapidfuzz's Indel alignment of a candidate's two regions and a
   maximal-scoring segment over its matching blocks give the exact extent of the shared passage and
   its similarity.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel

from yblint.text.marks import HAN_RANGES, LETTER_RANGES

# code-point ranges kept by the normalisation: CJK ideographs (unified, extension A, compatibility,
# extensions B and later), ASCII and full-width letters
_KEEP_RANGES = HAN_RANGES + LETTER_RANGES
_U64 = np.uint64
_MAX = np.iinfo(np.uint64).max


_KEEP_BMP = np.zeros(0x10000, dtype=bool)
for _lo, _hi in _KEEP_RANGES:
    if _lo < 0x10000:
        _KEEP_BMP[_lo : _hi + 1] = True


def _folded_bmp() -> np.ndarray:
    """For each code point of the basic plane, what the normalisation makes of it: itself, folded
    (:func:`fold`), or 0 where it is not kept (code point 0 never is)."""
    codes = np.arange(0x10000, dtype=np.uint32)
    return np.where(_KEEP_BMP, fold(codes), 0).astype(np.uint32)


def keep_mask(codes: np.ndarray) -> np.ndarray:
    """True for the code points the normalisation keeps."""
    keep = _KEEP_BMP[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():
        keep |= astral & (codes >= 0x20000) & (codes <= 0x3134F)
    return keep


def fold(codes: np.ndarray) -> np.ndarray:
    """Lower-case ASCII letters and map full-width letters to ASCII lower case."""
    codes = codes.copy()
    upper = (codes >= 0x41) & (codes <= 0x5A)
    codes[upper] += 0x20
    wide_upper = (codes >= 0xFF21) & (codes <= 0xFF3A)
    codes[wide_upper] -= 0xFF21 - 0x61
    wide_lower = (codes >= 0xFF41) & (codes <= 0xFF5A)
    codes[wide_lower] -= 0xFF41 - 0x61
    return codes


_FOLDED_BMP = _folded_bmp()
#: the same with digits kept, full-width ones as ASCII (normalise(…, digits=True))
_FOLDED_BMP_DIGITS = _FOLDED_BMP.copy()
_FOLDED_BMP_DIGITS[0x30:0x3A] = np.arange(0x30, 0x3A)
_FOLDED_BMP_DIGITS[0xFF10:0xFF1A] = np.arange(0x30, 0x3A)


def _kept_folded(cp: np.ndarray, table: np.ndarray = _FOLDED_BMP) -> np.ndarray:
    """``fold(cp)`` where :func:`keep_mask` keeps ``cp``, 0 elsewhere: one look-up a character."""
    out = np.take(table, cp, mode="clip")  # above the basic plane: U+FFFF's entry, 0
    if cp.size and int(cp.max()) > 0xFFFF:
        astral = (cp >= 0x20000) & (cp <= 0x3134F)
        out[astral] = cp[astral]
    return out


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def normalise(text: str, digits: bool = False) -> str:
    """The normalised form of ``text`` (what the fingerprints and the similarity see); with
    ``digits``, ASCII and full-width digits are kept too (as ASCII)."""
    kept = _kept_folded(code_points(text), _FOLDED_BMP_DIGITS if digits else _FOLDED_BMP)
    return kept[kept != 0].tobytes().decode("utf-32-le")


@dataclass
class Stream:
    """The normalised characters of many segments, one after the other."""

    codes: np.ndarray  # uint32 normalised code points
    seg: np.ndarray  # int32 segment of each character
    pos: np.ndarray  # int32 offset of each character in its source text
    bounds: np.ndarray  # int64, len n_segments + 1: segment i is stream[bounds[i]:bounds[i + 1]]

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def text(self, start: int, end: int) -> str:
        return self.codes[start:end].tobytes().decode("utf-32-le")


def build_stream(sources: Iterable[tuple[str, Sequence[tuple[int, Sequence[tuple[int, int]]]]]]) -> Stream:
    """``sources``: for each text, its segments as ``(segment id, [(start, end), …])`` with ids
    numbered 0, 1, 2 … in the order given (texts and spans in reading order, spans not overlapping)."""
    sources = [(t, segs) for t, segs in sources if segs]
    cap = sum(len(t) for t, _ in sources)
    codes = np.empty(cap, dtype=np.uint32)
    seg = np.empty(cap, dtype=np.int32)
    pos = np.empty(cap, dtype=np.int32)
    n = 0
    n_seg = 0
    for text, segments in sources:
        sids = [sid + 1 for sid, spans in segments for _ in spans]
        n_seg = max(n_seg, segments[-1][0] + 1)
        if not sids:
            continue
        starts = np.fromiter((s for _, spans in segments for s, _ in spans), dtype=np.intp, count=len(sids))
        ends = np.fromiter((e for _, spans in segments for _, e in spans), dtype=np.intp, count=len(sids))
        np.minimum(ends, len(text), out=ends)
        sid_arr = np.asarray(sids, dtype=np.int32)
        some = ends > starts
        if not some.all():
            starts, ends, sid_arr = starts[some], ends[some], sid_arr[some]
        cp = code_points(text)
        # label every character with its segment: +(sid+1) at each span start, -(sid+1) at its end
        # (spans do not overlap: no two start, nor two end, at one offset)
        delta = np.zeros(cp.shape[0] + 1, dtype=np.int32)
        delta[starts] += sid_arr
        delta[ends] -= sid_arr
        label = np.cumsum(delta[:-1], dtype=np.int32)
        label -= 1
        kept = _kept_folded(cp)
        idx = np.flatnonzero((label >= 0) & (kept != 0))
        m = idx.shape[0]
        codes[n : n + m] = kept[idx]
        seg[n : n + m] = label[idx]
        pos[n : n + m] = idx
        n += m
    codes, seg, pos = codes[:n], seg[:n], pos[:n]
    if n and not bool((seg[1:] >= seg[:-1]).all()):
        order = np.argsort(seg, kind="stable")
        codes, seg, pos = codes[order], seg[order], pos[order]
    bounds = seg.searchsorted(np.arange(n_seg + 1, dtype=seg.dtype), side="left").astype(
        np.int64
    )  # no int64 copy of seg
    return Stream(codes=codes, seg=seg, pos=pos, bounds=bounds)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: spreads the polynomial hash over all 64 bits."""
    t = np.empty_like(h)
    with np.errstate(over="ignore"):
        np.right_shift(h, _U64(30), out=t)
        h ^= t
        h *= _U64(0xBF58476D1CE4E5B9)
        np.right_shift(h, _U64(27), out=t)
        h ^= t
        h *= _U64(0x94D049BB133111EB)
        np.right_shift(h, _U64(31), out=t)
        h ^= t
    return h


def kgram_hashes(stream: Stream, k: int) -> np.ndarray:
    """Hash of the k-gram starting at each stream position (``len - k + 1`` of them); k-grams that
    cross a segment boundary get the maximal value (void)."""
    n = len(stream) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = stream.codes
    h = np.zeros(n, dtype=np.uint64)
    base = _U64(1000003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h *= base
            h += c[j : j + n]
    _mix(h)
    h[h == _MAX] -= _U64(1)
    h[stream.seg[:n] != stream.seg[k - 1 :]] = _MAX
    return h


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions selected by winnowing with windows of ``w`` hashes: every position whose hash is the
    minimum of some window that contains it (ties all kept); void hashes are never selected."""
    n = hashes.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    w = max(1, min(w, n))
    m = n - w + 1
    wmin = hashes[:m].copy()
    for j in range(1, w):
        np.minimum(wmin, hashes[j : j + m], out=wmin)
    selected = np.zeros(n, dtype=bool)
    for j in range(w):
        # position i = window start + j is the minimum of that window
        selected[j : j + m] |= hashes[j : j + m] == wmin
    selected &= hashes != _MAX
    return np.flatnonzero(selected)


#: characters fingerprinted at a time: a chunk's arrays stay in the processor's cache (1 << 18:
#: the reports 1x 17 -> 10 ms, 4x 53 -> 41 ms against 1 << 20), and two threads share the chunks
CHUNK = 1 << 18


def fingerprints(stream: Stream, k: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Winnowed fingerprints of the whole stream: positions (int32) and their hashes, computed in
    chunks so that memory stays a small multiple of the stream; with two chunks or more, every
    other one in a second thread (numpy releases the GIL while it works on an array)."""
    n = len(stream) - k + 1
    if n <= 0:
        return np.zeros(0, np.int32), np.zeros(0, np.uint64)

    def chunk(s: int) -> tuple[np.ndarray, np.ndarray]:
        lo = max(0, s - (w - 1))  # windows that end in this chunk start up to w - 1 earlier
        hi = min(n, s + CHUNK + (w - 1))
        sub = Stream(stream.codes[lo : hi + k - 1], stream.seg[lo : hi + k - 1], stream.pos[:0], stream.bounds)
        h = kgram_hashes(sub, k)
        sel = winnow(h, w)
        keep = (sel + lo >= s) & (sel + lo < min(n, s + CHUNK))
        sel = sel[keep]
        return (sel + lo).astype(np.int32), h[sel]

    starts = range(0, n, CHUNK)
    parts: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(starts)
    _in_two_threads(lambda i: parts.__setitem__(i, chunk(starts[i])), len(starts))
    done = [p for p in parts if p is not None]
    return np.concatenate([p[0] for p in done]), np.concatenate([p[1] for p in done])


def _in_two_threads(work: Callable[[int], None], n: int) -> None:
    """``work(i)`` for each ``i`` in ``range(n)``: the odd ones in a second thread when there are
    two or more. What the other thread could not do (it failed: out of memory …) is done here."""
    if n < 2:
        for i in range(n):
            work(i)
        return
    import threading

    done: list[int] = []

    def odd() -> None:
        for i in range(1, n, 2):
            work(i)
            done.append(i)

    other = threading.Thread(target=odd, daemon=True)
    other.start()
    try:
        for i in range(0, n, 2):
            work(i)
    finally:
        other.join()
    for i in sorted(set(range(1, n, 2)) - set(done)):
        work(i)


@dataclass
class Seeds:
    a: np.ndarray  # int32 stream position of the k-gram in the earlier segment (or earlier in the same one)
    b: np.ndarray  # int32 stream position of the same k-gram elsewhere
    boilerplate: np.ndarray  # bool per stream character: covered by a boilerplate fingerprint
    pairs: dict[tuple[int, int], tuple[int, int]] | None = None  # (seg a, seg b) -> index range, once sorted
    seg_a: np.ndarray | None = None  # int32 segment of each a (and of each b), when known; not kept once sorted
    seg_b: np.ndarray | None = None
    #: the seeds of the pair of segments :meth:`anchors` was asked about last, as lists
    _listed: tuple[tuple[int, int], list[int], list[int]] | None = field(default=None, repr=False, compare=False)

    def sort(self, stream: Stream) -> None:
        """Order the seeds by pair of segments, then position, and index each pair's range."""
        if self.a.size == 0:
            self.pairs = {}
            return
        sa, sb = self.seg_a, self.seg_b
        if sa is None or sb is None:
            sa, sb = stream.seg[self.a], stream.seg[self.b]
        self.seg_a = self.seg_b = None
        order = _pair_order(self.a, self.b, sa, sb, len(stream), int(stream.bounds.shape[0]))
        self.a, self.b = self.a[order], self.b[order]
        self._listed = None
        sa, sb = sa[order], sb[order]
        new = np.ones(self.a.shape[0], dtype=bool)
        new[1:] = (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])
        starts = np.flatnonzero(new)
        ends = np.append(starts[1:], self.a.shape[0])
        self.pairs = {(int(sa[i]), int(sb[i])): (int(i), int(j)) for i, j in zip(starts, ends, strict=True)}

    def anchors(
        self, sa: int, sb: int, ra0: int, ra1: int, rb0: int, rb1: int, k: int, spacing: int
    ) -> list[tuple[int, int]]:
        """Seeds inside the regions ``[ra0, ra1)`` × ``[rb0, rb1)`` to split an alignment at: at
        least ``spacing`` apart, increasing on both sides, on a steady diagonal; local positions.

        Of the seeds inside, the first in each stretch of ``spacing`` characters from ``ra0`` is
        looked at; it is taken when it is ``spacing`` characters past the last one taken (``k`` on
        the other side) and near its diagonal. The seeds of the pair of segments asked about last
        are kept as lists (its regions are asked about again as they widen)."""
        if self.pairs is None or (sa, sb) not in self.pairs:
            return []
        listed = self._listed
        if listed is None or listed[0] != (sa, sb):
            i, j = self.pairs[(sa, sb)]
            listed = self._listed = ((sa, sb), self.a[i:j].tolist(), self.b[i:j].tolist())
        _, a, b = listed
        out: list[tuple[int, int]] = []
        last_a = last_b = -(10**12)
        t, end = bisect.bisect_left(a, ra0), bisect.bisect_right(a, ra1 - k)
        while t < end:
            x, y = a[t], b[t]
            if y < rb0 or y + k > rb1:
                t += 1
                continue
            # the first seed inside in its stretch: the next one looked at is in a later stretch
            t = bisect.bisect_left(a, ra0 + ((x - ra0) // spacing + 1) * spacing, t + 1, end)
            if x - last_a < spacing or y - last_b < k:
                continue
            if out and abs((y - last_b) - (x - last_a)) > (x - last_a) // 2:
                continue  # off the diagonal so far: another occurrence of the k-gram
            out.append((x - ra0, y - rb0))
            last_a, last_b = x, y
        return out


#: values from which :func:`stable_argsort` sorts two halves at once, and up to which: the halves
#: and their merge take about three times the memory of one sort (at 16x, 4.5 million hashes:
#: +50 MB at the run's peak), so a run that large keeps to one sort
HALVES = 100_000
HALVES_MAX = 2_000_000


def stable_argsort(values: np.ndarray) -> np.ndarray:
    """``np.argsort(values, kind="stable")``, with many values sorted as two halves at once, one
    in another thread (numpy releases the GIL while it sorts), then merged: a stable sort of the
    two sorted runs, which timsort merges in one pass. The first half's indices come before the
    second's wherever values tie, so the order is the same (1.1 million hashes: 0.14 -> 0.09 s;
    the reports 4x, find_seeds and Seeds.sort: 0.27 -> 0.24 s)."""
    n = values.shape[0]
    if not HALVES <= n <= HALVES_MAX:
        return np.argsort(values, kind="stable")
    m = n // 2
    halves: list[np.ndarray] = [values[:0], values[:0]]

    def half(i: int) -> None:
        halves[i] = np.argsort(values[m:] if i else values[:m], kind="stable")

    _in_two_threads(half, 2)
    both = np.concatenate([halves[0], halves[1] + m])
    halves.clear()
    merged = np.argsort(values[both], kind="stable")
    return both[merged]


def _pair_order(a: np.ndarray, b: np.ndarray, sa: np.ndarray, sb: np.ndarray, n: int, segs: int) -> np.ndarray:
    """The order of seeds by (segment of a, segment of b, a, b), as ``np.lexsort((b, a, sb, sa))``
    gives it, from one stable sort of (pair of segments, a) packed in an int64 where it fits: the
    seeds of one position ``a`` come in the order of ``b`` (find_seeds makes them so; checked)."""
    n = max(n, 1)
    if segs * segs * n < 1 << 62:
        key = (sa.astype(np.int64) * segs + sb) * n + a
        order = stable_argsort(key)
        key, kb = key[order], b[order]
        tied = key[1:] == key[:-1]
        if not bool((kb[1:][tied] < kb[:-1][tied]).any()):
            return order
    return np.lexsort((b, a, sb, sa))


def find_seeds(stream: Stream, k: int, w: int, max_units: int, max_repeats: int | None = None) -> Seeds:
    """Seed pairs from the winnowed fingerprints of ``stream``. A hash that occurs in ``max_units`` or
    more segments is boilerplate; one that occurs more than ``max_repeats`` times in all (default
    ``2 * max_units``) is treated the same way, so that no hash yields more than a few pairs."""
    max_repeats = max_repeats or 2 * max_units
    n = len(stream)
    boiler = np.zeros(n, dtype=bool)
    pos, h = fingerprints(stream, k, w)
    empty = np.zeros(0, dtype=np.int32)
    if pos.size < 2:
        return Seeds(empty, empty, boiler)
    seg = stream.seg[pos]  # (positions in order: the stream's segments read straight through)
    order = stable_argsort(h)  # positions stay in order within a hash
    h, pos, seg = h[order], pos[order], seg[order]
    del order
    # groups of equal hash
    new_group = np.empty(h.shape[0], dtype=bool)
    new_group[0] = True
    np.not_equal(h[1:], h[:-1], out=new_group[1:])
    del h
    gid = np.cumsum(new_group, dtype=np.int32) - 1
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, new_group.shape[0]))
    # distinct segments per group: positions are sorted within a group, segments are monotone in
    # the stream, so a new segment inside a group is a change of segment
    new_seg = new_group.copy()
    new_seg[1:] |= seg[1:] != seg[:-1]
    units = np.add.reduceat(new_seg.astype(np.int32), starts)
    del new_seg
    bad_group = (units >= max_units) | (sizes > max_repeats)
    bad = bad_group[gid]
    if bad.any():
        bp = pos[bad]
        # mark the k characters covered by each boilerplate fingerprint (in place: no count array)
        for j in range(k):
            boiler[bp + j] = True
        del bp
    # each later occurrence of a hash is paired with its first one: k copies of a passage give
    # k - 1 pairs of units to align, not k (k - 1) / 2 (the others are listed with the original)
    keep = (~bad) & (sizes[gid] >= 2) & ~new_group
    del bad, new_group
    first = starts[gid[keep]]
    b, a, sb, sa = pos[keep], pos[first], seg[keep], seg[first]
    del keep, gid, first, seg
    if a.size == 0:
        return Seeds(empty, empty, boiler)
    # the same k-gram twice in one segment: only if the two do not overlap
    ok = (sa != sb) | (b - a >= k)
    return Seeds(a[ok], b[ok], boiler, seg_a=sa[ok], seg_b=sb[ok])


@dataclass
class Candidate:
    """Two stream regions that share seeds: ``[a0, a1)`` and ``[b0, b1)``."""

    a0: int
    a1: int
    b0: int
    b1: int
    seeds: int


def chain_seeds(stream: Stream, seeds: Seeds, k: int, gap: int, drift: int, min_span: int = 0) -> list[Candidate]:
    """Chain the seeds of each pair of segments: consecutive seeds (in order of ``a``) at most ``gap``
    characters apart whose diagonals ``b - a`` differ by at most ``drift`` stay in one chain. Chains
    shorter than ``min_span`` characters on either side are left out."""
    if seeds.a.size == 0:
        return []
    if seeds.pairs is None:
        seeds.sort(stream)
    a, b = seeds.a, seeds.b
    sa, sb = stream.seg[a], stream.seg[b]
    diag = b - a
    brk = np.ones(a.shape[0], dtype=bool)
    brk[1:] = (
        (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1]) | (a[1:] - a[:-1] > gap) | (np.abs(diag[1:] - diag[:-1]) > drift)
    )
    starts = np.flatnonzero(brk)
    a0 = np.minimum.reduceat(a, starts)
    a1 = np.maximum.reduceat(a, starts) + k
    b0 = np.minimum.reduceat(b, starts)
    b1 = np.maximum.reduceat(b, starts) + k
    cnt = np.diff(np.append(starts, a.shape[0]))
    ok = (a1 - a0 >= min_span) & (b1 - b0 >= min_span)
    a0, a1, b0, b1, cnt = a0[ok], a1[ok], b0[ok], b1[ok], cnt[ok]
    return [
        Candidate(int(x0), int(x1), int(y0), int(y1), int(c))
        for x0, x1, y0, y1, c in zip(a0, a1, b0, b1, cnt, strict=True)
    ]


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
