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
5. **Align** (:func:`yblint.text.alignment.find_passages`): rapidfuzz's Indel alignment of a
   candidate's two regions and a maximal-scoring segment over its matching blocks give the exact
   extent of the shared passage and its similarity.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

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


#: characters fingerprinted at a time, fewest and most: a chunk's arrays stay in the processor's
#: cache, and two threads share the chunks (see :func:`chunk_size`)
CHUNK_MIN = 1 << 16
CHUNK = 1 << 18


def chunk_size(n: int) -> int:
    """How many characters :func:`fingerprints` takes at a time for a stream of ``n``: the power of
    two nearest below n / 32, from CHUNK_MIN to CHUNK. Fewer, larger chunks fault in more fresh
    memory for their temporaries in a short run; many small ones hand the interpreter lock between
    the two threads more often in a long one (first run in a fresh process, ms, chunks of
    2^16 / 2^17 / 2^18: the reports 1x 18 / 28 / 34, 4x 60 / 49 / 55, 16x 250 / 189 / 157)."""
    size = CHUNK_MIN
    while size * 2 <= min(n // 32, CHUNK):
        size *= 2
    return size


def fingerprints(stream: Stream, k: int, w: int, chunk: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Winnowed fingerprints of the whole stream: positions (int32) and their hashes, computed in
    chunks of ``chunk`` characters (default :func:`chunk_size`) so that memory stays a small
    multiple of the stream; with two chunks or more, every other one in a second thread (numpy
    releases the GIL while it works on an array)."""
    n = len(stream) - k + 1
    if n <= 0:
        return np.zeros(0, np.int32), np.zeros(0, np.uint64)
    size = chunk or chunk_size(n)

    def part(s: int) -> tuple[np.ndarray, np.ndarray]:
        lo = max(0, s - (w - 1))  # windows that end in this chunk start up to w - 1 earlier
        hi = min(n, s + size + (w - 1))
        sub = Stream(stream.codes[lo : hi + k - 1], stream.seg[lo : hi + k - 1], stream.pos[:0], stream.bounds)
        h = kgram_hashes(sub, k)
        sel = winnow(h, w)
        keep = (sel + lo >= s) & (sel + lo < min(n, s + size))
        sel = sel[keep]
        return (sel + lo).astype(np.int32), h[sel]

    starts = range(0, n, size)
    parts: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(starts)
    _in_two_threads(lambda i: parts.__setitem__(i, part(starts[i])), len(starts))
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
    #: (seg a, seg b) -> index range once sorted: the pairs asked about so far (:meth:`pair_range`)
    pairs: dict[tuple[int, int], tuple[int, int]] | None = None
    seg_a: np.ndarray | None = None  # int32 segment of each a (and of each b), when known; not kept once sorted
    seg_b: np.ndarray | None = None
    #: once sorted: each pair of segments as seg a * segments + seg b, in order, and where its seeds
    #: start (one more: where the last one's end)
    _keys: np.ndarray | None = field(default=None, repr=False, compare=False)
    _starts: np.ndarray | None = field(default=None, repr=False, compare=False)
    _segments: int = field(default=0, repr=False, compare=False)
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
        segments = int(stream.bounds.shape[0])
        # the ranges are looked up as they are asked for: a run asks about few of its pairs (the
        # reports 1x: 6,853 pairs, a dictionary of them 7 ms)
        self._keys = sa[starts].astype(np.int64) * segments + sb[starts]
        self._starts, self._segments = np.append(starts, self.a.shape[0]), segments
        self.pairs = {}

    def pair_range(self, sa: int, sb: int) -> tuple[int, int] | None:
        """The range of the seeds of segments ``sa`` and ``sb`` (in :attr:`a` and :attr:`b`), None
        when they share none (or the seeds are not sorted)."""
        if self.pairs is None:
            return None
        got = self.pairs.get((sa, sb))
        if got is None and self._keys is not None and self._starts is not None:
            key = sa * self._segments + sb
            i = int(self._keys.searchsorted(key))
            if i < self._keys.shape[0] and int(self._keys[i]) == key:
                got = self.pairs[(sa, sb)] = (int(self._starts[i]), int(self._starts[i + 1]))
        return got

    def anchors(
        self, sa: int, sb: int, ra0: int, ra1: int, rb0: int, rb1: int, k: int, spacing: int
    ) -> list[tuple[int, int]]:
        """Seeds inside the regions ``[ra0, ra1)`` × ``[rb0, rb1)`` to split an alignment at: one
        in a stretch of ``spacing`` characters at most, increasing on both sides, on a steady
        diagonal; local positions.

        Of the seeds inside, the first in each stretch of ``spacing`` characters of the stream
        (from position 0, not from ``ra0``) is looked at; it is taken when it is ``k`` characters
        past the last one taken on both sides and near its diagonal. The stretches stand where
        they stand whatever the region: a region widened to the left is cut at the same anchors
        from its second on, and its pieces between them are not aligned again (the reports 4x:
        the pieces aligned 4.5 -> 3.4 million characters a side, against 2.2 million in the regions).
        The seeds of the pair of segments asked about last are kept as lists (its regions are
        asked about again as they widen)."""
        listed = self._listed
        if listed is None or listed[0] != (sa, sb):
            found = self.pair_range(sa, sb)
            if found is None:
                return []
            i, j = found
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
            t = bisect.bisect_left(a, (x // spacing + 1) * spacing, t + 1, end)
            if x - last_a < k or y - last_b < k:
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


def sort_hashes(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``order = np.argsort(h, kind="stable")`` and ``h[order]``, for hashes spread over all 64
    bits, from a sort of the values themselves: each hash's low bits replaced by its index, one
    plain sort orders by hash and then by index, and no index array is carried through the sort
    (the reports 4x, 1.1 million hashes, the halves in two threads: 65 -> 36 ms). Two hashes that
    differ only in the low bits come in the order of their indices, not of their values: the
    order is checked against the full hashes (one pass) and, where it is not theirs, made by
    :func:`stable_argsort`."""
    n = h.shape[0]
    if n < 2:
        return np.arange(n, dtype=np.int64), h.copy()
    mask = _U64((1 << max(1, (n - 1).bit_length())) - 1)
    key = h & ~mask
    key |= np.arange(n, dtype=np.uint64)
    if HALVES <= n <= HALVES_MAX:
        m = n // 2
        _in_two_threads(lambda i: key[m:].sort() if i else key[:m].sort(), 2)
        key.sort(kind="stable")  # two sorted runs: one merge
    else:
        key.sort()
    key &= mask
    order = key.view(np.int64)  # indices below 2^63: the same bits
    ordered = h[order]
    if bool((ordered[1:] >= ordered[:-1]).all()):
        return order, ordered  # in order of the full hashes: equal ones are in index order already
    order = stable_argsort(h)
    return order, h[order]


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


def find_seeds(
    stream: Stream,
    k: int,
    w: int,
    max_units: int,
    max_repeats: int | None = None,
    template_units: int = 0,
    passage_chars: int = 0,
) -> Seeds:
    """Seed pairs from the winnowed fingerprints of ``stream``. A hash that occurs in ``max_units`` or
    more segments is boilerplate; one that occurs more than ``max_repeats`` times in all (default
    ``2 * max_units``) is treated the same way, so that no hash yields more than a few pairs.

    Boilerplate is a phrase; a passage is not: where boilerplate hashes first found in one
    segment (each at most twice a segment, none in ``template_units`` segments or more) follow one
    another over ``passage_chars`` characters or more, a passage was copied from that segment,
    and its hashes are seeds after all (:func:`_shared_passages`)."""
    max_repeats = max_repeats or 2 * max_units
    n = len(stream)
    boiler = np.zeros(n, dtype=bool)
    pos, h = fingerprints(stream, k, w)
    empty = np.zeros(0, dtype=np.int32)
    if pos.size < 2:
        return Seeds(empty, empty, boiler)
    # each fingerprint's segment, read straight through the stream while the positions are in
    # order; above HALVES_MAX fingerprints (16x) after the sort, so that it is not held through it
    early = pos.size <= HALVES_MAX
    seg = stream.seg[pos] if early else empty
    order, h = sort_hashes(h)  # positions stay in order within a hash
    pos = pos[order]  # one at a time: each unsorted array is freed before the next is sorted
    seg = seg[order] if early else stream.seg[pos]
    del order
    # groups of equal hash
    new_group = np.empty(h.shape[0], dtype=bool)
    new_group[0] = True
    np.not_equal(h[1:], h[:-1], out=new_group[1:])
    del h
    gid = np.cumsum(new_group, dtype=np.int32)
    gid -= 1  # in place: no second int32 array a fingerprint
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, new_group.shape[0]))
    # distinct segments per group: positions are sorted within a group, segments are monotone in
    # the stream, so a new segment inside a group is a change of segment
    new_seg = new_group.copy()
    new_seg[1:] |= seg[1:] != seg[:-1]
    units = np.add.reduceat(new_seg, starts, dtype=np.int32)
    bad_group = (units >= max_units) | (sizes > max_repeats)
    shared = None
    if passage_chars > 0 and template_units > max_units:
        shared = _shared_passages(
            stream, pos, seg, gid, starts, units, sizes, bad_group, k, w, template_units, passage_chars
        )
    del new_seg, seg  # freed before the pairs are made: the run's peak at 16x
    bad = bad_group[gid]
    if shared is not None:
        bad[shared] = False
    if bad.any():
        bp = pos[bad]
        # mark the k characters covered by each boilerplate fingerprint (in place: no count array)
        for j in range(k):
            boiler[bp + j] = True
        del bp
    # each later occurrence of a hash is paired with its first one: k copies of a passage give
    # k - 1 pairs of units to align, not k (k - 1) / 2 (the others are listed with the original)
    keep = (sizes >= 2)[gid]  # a bool a fingerprint, not an int64 copy of the sizes (16x: 36 MB)
    keep &= ~bad
    keep &= ~new_group
    del bad, new_group
    b, a = pos[keep], pos[starts[gid[keep]]]
    del keep, gid
    if a.size == 0:
        return Seeds(empty, empty, boiler)
    sa, sb = stream.seg[a], stream.seg[b]
    # the same k-gram twice in one segment: only if the two do not overlap
    ok = (sa != sb) | (b - a >= k)
    return Seeds(a[ok], b[ok], boiler, seg_a=sa[ok], seg_b=sb[ok])


def _shared_passages(
    stream: Stream,
    pos: np.ndarray,
    seg: np.ndarray,
    gid: np.ndarray,
    starts: np.ndarray,
    units: np.ndarray,
    sizes: np.ndarray,
    bad_group: np.ndarray,
    k: int,
    w: int,
    template_units: int,
    passage_chars: int,
) -> np.ndarray | None:
    """The fingerprints (indices in hash order) of boilerplate that is a passage: a run of
    boilerplate fingerprints whose hashes occur first in one and the same segment (twice a
    segment at most), one after another (gaps of a changed word or two allowed), over
    ``passage_chars`` characters or more of one segment: a passage shared as a whole with that
    segment, as each occurrence is paired with the first; unless one of its hashes is in
    ``template_units`` segments or more (the book's template). A passage of a hundred
    characters in six units was copied into them (a word changed in one copy does not break the
    others' runs); a phrase in six units, or a run of phrases first found in different units,
    stays boilerplate. None when there is none (a run with no such hash pays one comparison a
    hash)."""
    repeated = bad_group & (sizes <= 2 * units)  # boilerplate found at most twice a segment
    if not (repeated & (units < template_units)).any():
        return None
    # every such fingerprint, in stream order: the runs are made of them all, those in
    # template_units segments or more included, so that a template's run is seen as one
    which = np.flatnonzero(repeated[gid]).astype(np.int32)
    at = pos[which]
    order = np.argsort(at, kind="stable")
    which, at = which[order], at[order]
    del order
    g = gid[which]
    # each hash's first segment (positions are in order within a hash): the one every later
    # occurrence is paired with, so a run of one first segment is text shared, as a whole, with it
    sig = seg[starts][g]
    spread = units[g]
    del g
    brk = np.ones(at.shape[0], dtype=bool)
    # a fingerprint at least every w positions, as winnowing leaves them; a word changed in this
    # copy (its own k-grams, in one segment) leaves a gap of up to 2 (k + w)
    brk[1:] = (sig[1:] != sig[:-1]) | (stream.seg[at[1:]] != stream.seg[at[:-1]]) | (at[1:] - at[:-1] > 2 * (k + w))
    del sig
    run_starts = np.flatnonzero(brk)
    del brk
    run_ends = np.append(run_starts[1:], at.shape[0])
    extent = at[run_ends - 1] + k - at[run_starts]
    # a run some of whose hashes are in template_units segments or more is the book's template
    widest = np.maximum.reduceat(spread, run_starts)
    del spread
    long_runs = (extent >= passage_chars) & (widest < template_units)
    if not long_runs.any():
        return None
    keep = np.repeat(long_runs, run_ends - run_starts)
    return which[keep]


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
