import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.alignment import align_blocks, find_passages
from yblint.text.similarity import (
    build_stream,
    find_seeds,
    kgram_hashes,
    normalise,
    winnow,
)

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)


def test_normalise_drops_punctuation_space_digits_and_folds_letters():
    assert normalise("增长20%，达到 ＡＢc\n亿元。") == "增长达到abc亿元"
    assert normalise("第１２页", digits=True) == "第12页"


def test_stream_keeps_offsets_and_segments():
    text = "标题\n\n甲乙，丙1丁。\n\n戊己"
    stream = build_stream([(text, [(0, [(4, 11)]), (1, [(13, 15)])])])
    assert stream.text(0, len(stream)) == "甲乙丙丁戊己"
    assert stream.pos.tolist() == [4, 5, 7, 9, 13, 14]
    assert stream.seg.tolist() == [0, 0, 0, 0, 1, 1]
    assert stream.bounds.tolist() == [0, 4, 6]


def test_kgrams_do_not_cross_segments():
    stream = build_stream([("甲乙丙丁戊", [(0, [(0, 3)]), (1, [(3, 5)])])])
    h = kgram_hashes(stream, 2)
    assert h.shape == (4,)
    assert h[2] == np.iinfo(np.uint64).max  # 丙丁 crosses from segment 0 to 1
    assert (h[[0, 1, 3]] != np.iinfo(np.uint64).max).all()


@settings(max_examples=60, deadline=None)
@given(st.text(CJK, min_size=30, max_size=80), st.text(CJK, max_size=40), st.text(CJK, max_size=40))
def test_winnowing_guarantee(shared, left, right):
    """Any shared run of at least w + k - 1 characters yields a fingerprint selected on both sides."""
    k, w = 4, 5
    a, b = left + shared, shared + right
    stream = build_stream([(a, [(0, [(0, len(a))])]), (b, [(1, [(0, len(b))])])])
    h = kgram_hashes(stream, k)
    sel = winnow(h, w)
    in_a = {int(h[i]) for i in sel if i + k <= len(a)}
    in_b = {int(h[i]) for i in sel if i >= len(a)}
    assert in_a & in_b


def test_boilerplate_hash_is_dropped_and_marked():
    stock = "在区委区政府的坚强领导下"
    texts = [(f"{stock}第{i}单位独有的文字{'甲乙丙丁戊己庚辛'[i]}", [(i, [(0, 99)])]) for i in range(6)]
    stream = build_stream(texts)
    seeds = find_seeds(stream, 4, 3, max_units=5)
    assert seeds.a.size == 0  # the only shared k-grams are in six units
    assert seeds.boilerplate[2 : len(stock) - 2].all()  # every window of 3 k-grams has a selected one
    seeds = find_seeds(stream, 4, 3, max_units=7)
    assert seeds.a.size > 0 and not seeds.boilerplate.any()


def _passage_in_units(n: int, passage: str) -> list:
    """``n`` units, each its own opening, then ``passage``, then its own closing."""
    own = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
    return [(f"{own[i]}{own[-1 - i]}单位{passage}{own[i]}结尾", [(i, [(0, 999)])]) for i in range(n)]


#: 64 characters with no 4-gram twice
PASSAGE = "".join(chr(0x4E00 + 37 * i % 2000) for i in range(64))


@pytest.mark.parametrize("n", [5, 6, 9])
def test_a_long_passage_in_many_units_is_no_boilerplate(n):
    stream = build_stream(_passage_in_units(n, PASSAGE))
    seeds = find_seeds(stream, 4, 3, max_units=5, template_units=10, passage_chars=60)
    assert seeds.a.size > 0
    first = stream.seg[seeds.a]
    assert set(first.tolist()) == {0}  # each later copy is paired with the first
    assert set(stream.seg[seeds.b].tolist()) == set(range(1, n))
    assert not seeds.boilerplate.any()


def test_a_passage_in_template_units_or_more_stays_boilerplate():
    assert _as_without(build_stream(_passage_in_units(10, PASSAGE)))


def _as_without(stream) -> bool:
    """Whether the seeds and the boilerplate are those found with passages turned off (a k-gram
    the winnowing happens to pick in two units only is a seed either way)."""
    got = find_seeds(stream, 4, 3, max_units=5, template_units=10, passage_chars=60)
    off = find_seeds(stream, 4, 3, max_units=5)
    return (
        got.a.tolist() == off.a.tolist()
        and got.b.tolist() == off.b.tolist()
        and (got.boilerplate == off.boilerplate).all()
        and got.boilerplate.any()
    )


def test_a_short_phrase_in_many_units_stays_boilerplate():
    assert _as_without(build_stream(_passage_in_units(6, PASSAGE[:40])))


def test_phrases_of_different_units_in_a_row_stay_boilerplate():
    """Two phrases of 35 characters, each in six units but not the same six: the run of their
    boilerplate in the one unit that has both is no passage copied into six units."""
    one, two = PASSAGE[:35], PASSAGE[35:64] + "天地玄黄宇宙洪荒"
    texts = [(f"{'甲乙丙丁戊己'[i]}单位{one}独有", [(i, [(0, 999)])]) for i in range(6)]
    texts += [(f"{'庚辛壬癸子丑'[i]}单位{two}独有", [(6 + i, [(0, 999)])]) for i in range(5)]
    texts.append((f"午单位{one}{two}独有", [(11, [(0, 999)])]))
    assert _as_without(build_stream(texts))


def test_anchored_alignment_matches_plain_alignment():
    rng = np.random.default_rng(3)
    a = "".join(chr(0x4E00 + int(x)) for x in rng.integers(0, 500, 3000))
    chars = list(a)
    for i in rng.choice(len(chars), 150, replace=False):
        chars[i] = chr(0x5000 + int(rng.integers(0, 500)))
    b = "".join(chars[:1000]) + "插入的一句话" + "".join(chars[1000:])
    anchors = [
        (i, i + (6 if i > 1000 else 0))
        for i in range(100, 3000, 200)
        if a[i : i + 5] == b[i + (6 if i > 1000 else 0) :][:5]
    ]
    plain = sum(s for _, _, s in align_blocks(a, b))
    anchored = sum(s for _, _, s in align_blocks(a, b, anchors, 5))
    assert anchored >= plain * 0.99


def test_find_passages_extent_and_similarity():
    shared = "聚焦民生增进民生福祉重机宿舍区地块搬迁项目居民实现签约清零分三批次组织搬迁项目回迁看房"
    a = "甲乙丙丁戊己庚辛" + shared + "子丑寅卯辰巳午未"
    b = "天地玄黄宇宙洪荒" + shared.replace("签约", "鉴约") + "日月盈昃辰宿列张"
    [p] = find_passages(a, b, 0.9, min_len=20)
    assert (p.a0, p.a1, p.b0, p.b1) == (8, 8 + len(shared), 8, 8 + len(shared))
    assert 0.9 < p.similarity < 1
    assert find_passages(a, b, 0.99, min_len=len(shared)) == []


def _units_stream(units: list[str]):
    """The stream of one text made of ``units``, each a segment of its own."""
    text = "".join(units)
    spans, at = [], 0
    for i, u in enumerate(units):
        spans.append((i, [(at, at + len(u))]))
        at += len(u)
    return build_stream([(text, spans)])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙丁戊己", min_size=8, max_size=40), min_size=6, max_size=12))
def test_seeds_int32_and_boilerplate_marks_every_covered_character(units):
    """The index holds int32 positions (#14: memory at 16x); a character is boilerplate exactly
    when a fingerprint found in max_units units or more covers it."""
    stream = _units_stream(units)
    k, w, max_units = 3, 2, 4
    seeds = find_seeds(stream, k, w, max_units)
    assert seeds.a.dtype == np.int32 and seeds.b.dtype == np.int32
    from yblint.text.similarity import fingerprints

    pos, h = fingerprints(stream, k, w)
    expected = np.zeros(len(stream), dtype=bool)
    for value in set(h.tolist()):
        at_value = pos[h == value]
        if len(set(stream.seg[at_value].tolist())) >= max_units or at_value.size > 2 * max_units:
            for p in at_value.tolist():
                expected[p : p + k] = True
    assert (seeds.boilerplate == expected).all()


def test_each_occurrence_is_paired_with_the_first():
    """k copies of a text give k - 1 pairs of units (each with the first), not k (k - 1) / 2 (#14)."""
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    units = [(text, [(i, [(0, len(text))])]) for i in range(4)]
    stream = build_stream(units)
    seeds = find_seeds(stream, 4, 3, max_units=5)
    pairs = set(zip(stream.seg[seeds.a].tolist(), stream.seg[seeds.b].tolist(), strict=True))
    assert pairs == {(0, 1), (0, 2), (0, 3)}


def _near_copy(rng: np.random.Generator, length: int, letters: int, changes: int) -> tuple[str, str]:
    """A random text of ``length`` ideographs out of ``letters``, and a copy of it with ``changes``
    of them replaced."""
    a = "".join(chr(0x4E00 + int(x)) for x in rng.integers(0, letters, length))
    chars = list(a)
    for i in rng.choice(len(chars), changes, replace=False):
        chars[i] = chr(0x5000 + int(rng.integers(0, letters)))
    return a, "".join(chars)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=60), st.integers(0, 60))
def test_piece_cache_gives_the_alignment_of_every_region_unchanged(seed, left, right):
    """Aligning a region, then a wider one around the same anchors, with the pieces kept between
    the two (#14), gives what each alignment gives alone."""
    a, b = _near_copy(np.random.default_rng(seed), 900, 300, 70)
    anchors = [(i, i) for i in range(50, 900, 120) if a[i : i + 5] == b[i : i + 5]]
    cache: dict = {}
    for lo, hi in ((300, 600), (300 - left * 4, 600 + right * 4), (0, 900)):
        local = [(x - lo, y - lo) for x, y in anchors if lo <= x and x + 5 <= hi]
        plain = find_passages(a[lo:hi], b[lo:hi], 0.8, local, 5, min_len=20)
        kept = find_passages(a[lo:hi], b[lo:hi], 0.8, local, 5, min_len=20, cache=cache, origin=(lo, lo))
        assert kept == plain
    assert cache


def _aligned_reference(sa, sb, anchors, k):
    """The alignment block by block, as it was written first (#14 made it a piece at a time)."""
    from rapidfuzz.distance import Indel

    xs, ys, sizes, gaps = [], [], [], []
    end_x = end_y = 0
    pi = pj = 0
    for ai, aj in (*anchors, (-1, -1)):
        last = ai < 0
        if last:
            ai, aj = len(sa), len(sb)
        elif ai < pi or aj < pj:
            continue
        if ai > pi and aj > pj:
            for m in Indel.opcodes(sa[pi:ai], sb[pj:aj]).as_matching_blocks():
                if m.size:
                    i, j = pi + m.a, pj + m.b
                    if i == end_x and j == end_y and sizes:
                        sizes[-1] += m.size
                    else:
                        xs.append(i)
                        ys.append(j)
                        sizes.append(m.size)
                        gaps.append((i - end_x) + (j - end_y))
                    end_x, end_y = i + m.size, j + m.size
        if last:
            break
        if ai == end_x and aj == end_y and sizes:
            sizes[-1] += k
        else:
            xs.append(ai)
            ys.append(aj)
            sizes.append(k)
            gaps.append((ai - end_x) + (aj - end_y))
        end_x, end_y = ai + k, aj + k
        pi, pj = end_x, end_y
    if gaps:
        gaps[0] = 0
    return xs, ys, sizes, gaps


@settings(max_examples=200, deadline=None)
@given(
    st.text("甲乙丙丁戊", max_size=120),
    st.text("甲乙丙丁戊", max_size=120),
    st.lists(st.tuples(st.integers(0, 125), st.integers(0, 125)), max_size=8),
    st.integers(1, 4),
)
def test_aligned_a_piece_at_a_time_equals_block_by_block(sa, sb, anchors, k):
    from yblint.text.alignment import _aligned

    anchors = sorted(anchors)
    assert _aligned(sa, sb, anchors, k) == _aligned_reference(sa, sb, anchors, k)
    cache: dict = {}
    assert _aligned(sa, sb, anchors, k, cache, (3, 5)) == _aligned_reference(sa, sb, anchors, k)
    assert _aligned(sa, sb, anchors, k, cache, (3, 5)) == _aligned_reference(sa, sb, anchors, k)


@settings(max_examples=100, deadline=None)
@given(st.text("甲乙，a 丙丁。Ｂ戊", max_size=60), st.lists(st.integers(0, 60), max_size=10), st.integers(1, 3))
def test_stream_labels_each_kept_character_with_its_segment(text, cuts, n_segs):
    """Spans that touch (one ends where the next starts) and several spans a segment."""
    bounds = sorted({0, len(text), *[c for c in cuts if c <= len(text)]})
    spans = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    segments: dict[int, list[tuple[int, int]]] = {}
    for i, span in enumerate(spans):
        segments.setdefault(i % n_segs, []).append(span)
    ordered = sorted(segments.items())
    stream = build_stream([(text, ordered)])
    expected = [
        (i, sid)
        for sid, ss in ordered
        for s, e in ss
        for i in range(s, e)
        if "\u4e00" <= text[i] <= "\u9fff" or (text[i].isalpha() and text[i] not in "，。 ")
    ]
    expected.sort(key=lambda x: (x[1], x[0]))
    assert list(zip(stream.pos.tolist(), stream.seg.tolist(), strict=True)) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=40),
    st.integers(1, 6),
    st.booleans(),
    st.randoms(),
)
def test_seeds_ordered_as_lexsort_orders_them(pairs, segs, grouped, rnd):
    """Seeds of one position come in the order of b (as find_seeds makes them: the fast path),
    or in any order (the check sends them to lexsort)."""
    from yblint.text.similarity import _pair_order

    if grouped:  # the positions in any order, each one's seeds in the order of b
        rank = {x: rnd.random() for x, _ in pairs}
        pairs = sorted(pairs, key=lambda p: (rank[p[0]], p[1]))
    a = np.array([p[0] for p in pairs], dtype=np.int32)
    b = np.array([p[1] for p in pairs], dtype=np.int32)
    sa, sb = a // 9 % segs, b // 9 % segs
    order = _pair_order(a, b, sa, sb, 51, segs)
    expected = np.lexsort((b, a, sb, sa))
    assert a[order].tolist() == a[expected].tolist() and b[order].tolist() == b[expected].tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), min_size=0, max_size=300), st.integers(1, 150))
def test_stable_argsort_in_halves_is_numpys_stable_argsort(values, halves):
    """Two halves sorted at once and merged give numpy's stable order, ties in index order (#14)."""
    import yblint.text.similarity as sim

    arr = np.asarray(values, dtype=np.uint64)
    before = sim.HALVES
    sim.HALVES = halves  # halves of a few values: the merge sees every kind of tie
    try:
        got = sim.stable_argsort(arr)
    finally:
        sim.HALVES = before
    assert got.tolist() == np.argsort(arr, kind="stable").tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=30), min_size=1, max_size=8), st.integers(1, 40))
def test_fingerprints_in_chunks_are_the_whole_streams(units, chunk):
    """Chunks of any size, shared between two threads, select what winnowing the whole stream at
    once selects (#14), and the seeds know each side's segment."""
    import yblint.text.similarity as sim

    stream = _units_stream(units)
    k, w = 3, 4
    h = sim.kgram_hashes(stream, k)
    expected = sim.winnow(h, w)
    pos, got_h = sim.fingerprints(stream, k, w, chunk)
    before = sim.CHUNK_MIN, sim.CHUNK
    sim.CHUNK_MIN = sim.CHUNK = chunk  # find_seeds with chunks of that size too
    try:
        seeds = find_seeds(stream, k, w, max_units=3)
    finally:
        sim.CHUNK_MIN, sim.CHUNK = before
    assert pos.tolist() == expected.tolist() and got_h.tolist() == h[expected].tolist()
    if seeds.a.size:
        assert seeds.seg_a is not None and seeds.seg_b is not None
        assert seeds.seg_a.tolist() == stream.seg[seeds.a].tolist()
        assert seeds.seg_b.tolist() == stream.seg[seeds.b].tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=30), min_size=2, max_size=9))
def test_sorted_seeds_give_each_pair_of_segments_its_range(units):
    """Once sorted, the seeds of each pair of segments are the range pair_range gives (looked up
    when asked, #14), every seed in the one range of its pair; a pair without seeds has none."""
    stream = _units_stream(units)
    seeds = find_seeds(stream, 3, 2, max_units=4)
    seeds.sort(stream)
    sa, sb = stream.seg[seeds.a].tolist(), stream.seg[seeds.b].tolist()
    ranges: dict[tuple[int, int], list[int]] = {}
    for i, pair in enumerate(zip(sa, sb, strict=True)):
        ranges.setdefault(pair, []).append(i)
    for x in range(len(units)):
        for y in range(len(units)):
            got = seeds.pair_range(x, y)
            if (x, y) in ranges:
                at = ranges[(x, y)]
                assert got == (at[0], at[-1] + 1) and at == list(range(at[0], at[-1] + 1))
            else:
                assert got is None


def test_chunks_grow_with_the_stream_within_their_bounds():
    """About 32 chunks a stream, never fewer characters than CHUNK_MIN nor more than CHUNK (#14:
    small chunks fault in less fresh memory, large ones hand the interpreter lock over less)."""
    import yblint.text.similarity as sim

    assert sim.chunk_size(10) == sim.chunk_size(2_000_000) == sim.CHUNK_MIN == 1 << 16
    assert sim.chunk_size(4_500_000) == 1 << 17  # the reports 4x
    assert sim.chunk_size(18_000_000) == sim.chunk_size(10**9) == sim.CHUNK == 1 << 18
    sizes = [sim.chunk_size(n) for n in range(0, 20_000_000, 99_991)]
    assert sizes == sorted(sizes)


def test_work_the_other_thread_could_not_do_is_done_here():
    """_in_two_threads does every item once, whichever thread; an item the other thread failed on
    is done again in this one."""
    import threading

    from yblint.text.similarity import _in_two_threads

    done: list[int] = []
    failed: list[int] = []
    main = threading.current_thread()

    def work(i: int) -> None:
        if i == 3 and threading.current_thread() is not main and not failed:
            failed.append(i)
            raise MemoryError
        done.append(i)

    hook, threading.excepthook = threading.excepthook, lambda args: None
    try:
        _in_two_threads(work, 6)
    finally:
        threading.excepthook = hook
    assert failed == [3] and sorted(done) == [0, 1, 2, 3, 4, 5]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="aZｚＡ甲乙，。 \n1２\U00020000\U0001f600\uffff\u3400Ωé", max_size=30),
            st.lists(st.lists(st.tuples(st.integers(0, 6), st.integers(-2, 9)), max_size=3), max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_stream_is_each_kept_character_folded(texts):
    """build_stream (one look-up a character, #14) keeps what normalise keeps of each span, folded,
    with its offset and segment; spans past the text's end are cut there, empty ones dropped."""
    sources, sid = [], 0
    codes, segs, offsets = [], [], []
    for text, units in texts:
        segments, at = [], 0
        for unit in units:
            spans = []
            for gap, length in unit:
                s = at + gap
                e = s + length
                at = max(s, e) + 1
                spans.append((s, e))
                for p in range(s, min(e, len(text))):
                    kept = normalise(text[p])
                    if kept:
                        codes.append(ord(kept))
                        segs.append(sid)
                        offsets.append(p)
            segments.append((sid, spans))
            sid += 1
        sources.append((text, segments))
    stream = build_stream(sources)
    assert stream.codes.tolist() == codes
    assert stream.seg.tolist() == segs and stream.pos.tolist() == offsets
    assert stream.bounds.tolist() == [sum(1 for x in segs if x < i) for i in range(sid + 1)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZｚＡ甲乙，。 \n1２９0\U00020000\U0001f600\uffff\u3400Ωé", max_size=40), st.booleans())
def test_normalise_is_keep_mask_and_fold(text, digits):
    """normalise (a look-up table, #14) keeps and folds what keep_mask and fold say; digits, when
    asked for, as ASCII."""
    from yblint.text.similarity import code_points, fold, keep_mask

    cp = code_points(text)
    keep = keep_mask(cp)
    if digits:
        cp = np.where((cp >= 0xFF10) & (cp <= 0xFF19), cp - (0xFF10 - 0x30), cp).astype(np.uint32)
        keep |= (cp >= 0x30) & (cp <= 0x39)
    assert normalise(text, digits) == fold(cp[keep]).tobytes().decode("utf-32-le")


def _reference_anchors(a, b, ra0, ra1, rb0, rb1, k, spacing):
    """Seeds.anchors as it was written with numpy (before #14's lists): the reference."""
    inside = (a >= ra0) & (a + k <= ra1) & (b >= rb0) & (b + k <= rb1)
    a, b = a[inside], b[inside]
    if a.size == 0:
        return []
    bucket = a // spacing  # stretches of the stream, wherever the region starts
    first = np.ones(a.shape[0], dtype=bool)
    first[1:] = bucket[1:] != bucket[:-1]
    out, last_a, last_b = [], -(10**12), -(10**12)
    for x, y in zip(a[first].tolist(), b[first].tolist(), strict=True):
        if x - last_a < k or y - last_b < k:
            continue
        if out and abs((y - last_b) - (x - last_a)) > (x - last_a) // 2:
            continue
        out.append((x - ra0, y - rb0))
        last_a, last_b = x, y
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=60),
    st.lists(st.tuples(st.integers(0, 1), st.integers(0, 420), st.integers(0, 420), st.integers(0, 420)), max_size=8),
    st.integers(1, 40),
)
def test_anchors_are_the_first_seed_of_each_stretch_near_the_diagonal(points, regions, spacing):
    """Seeds.anchors (lists of the pair asked about last, #14) picks what the numpy reference picks,
    for regions of two pairs of segments asked about in any order."""
    from yblint.text.similarity import Seeds

    k = 3
    pts = sorted(set(points))
    a = np.array([p[0] for p in pts] * 2, dtype=np.int32)
    b = np.array([p[1] for p in pts] * 2, dtype=np.int32)
    n = len(pts)
    seeds = Seeds(a, b, np.zeros(0, dtype=bool), pairs={(0, 1): (0, n), (0, 2): (n, 2 * n)})
    for which, x0, y0, width in regions:
        pair = (0, 1 + which)
        i, j = seeds.pairs[pair]
        got = seeds.anchors(*pair, x0, x0 + width, y0, y0 + width // 2 + 10, k, spacing)
        assert got == _reference_anchors(a[i:j], b[i:j], x0, x0 + width, y0, y0 + width // 2 + 10, k, spacing)
    assert seeds.anchors(0, 3, 0, 400, 0, 400, k, spacing) == []


@pytest.mark.parametrize("start", [1, 37, 137, 149])
def test_a_region_widened_to_the_left_is_cut_at_the_same_anchors(start):
    """The anchors stand on a grid of the stream, not of the region (#14): a region widened to the
    left is cut at the narrower one's anchors from its second on, so the pieces between them
    are not aligned again (PieceCache) and only the new edge is. (A grid that started at the
    region's start shifted every anchor, and the reports 4x aligned twice the text they hold.)"""
    from yblint.text.similarity import Seeds

    k, spacing = 6, 50
    a = np.arange(0, 2000, dtype=np.int32)  # one long shared passage: a seed at every position
    seeds = Seeds(a, a + 5000, np.zeros(0, dtype=bool), pairs={(0, 1): (0, a.shape[0])})
    narrow = [(x + start, y + start) for x, y in seeds.anchors(0, 1, start, 2000, start + 5000, 7000, k, spacing)]
    wide = seeds.anchors(0, 1, 0, 2000, 5000, 7000, k, spacing)
    assert narrow[0] == (start, start)
    # from the narrower region's second anchor on (its first is wherever the region starts)
    assert narrow[1:] == [p for p in wide if p[0] >= narrow[1][0]]
    assert len(narrow) > 30
    assert all(x2 - x1 >= k for (x1, _), (x2, _) in itertools.pairwise(wide))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.lists(st.tuples(st.integers(0, 2), st.integers(1, 120), st.booleans()), min_size=1, max_size=8),
)
def test_a_region_widened_to_the_right_keeps_its_blocks_and_finds_the_same(seed, steps):
    """find_passages with a Widening (#14): each region that starts where the last one did and
    reaches further re-uses its blocks up to their last common anchor; one that starts elsewhere,
    or whose anchors differ early, starts afresh. Every call finds what it finds alone."""
    from yblint.text.alignment import Widening, _aligned, _run_on

    rng = np.random.default_rng(seed)
    a, b = _near_copy(rng, 1200, 40, 60)
    every = [(i, i) for i in range(0, 1200, 23) if a[i : i + 5] == b[i : i + 5]]
    widening, cache = Widening(), {}
    lo, hi = 200, 200
    for where, grow, drop in steps:
        if where == 0:  # wider to the right
            hi = min(1200, hi + grow)
        elif where == 1:  # and to the left: another origin
            lo, hi = max(0, lo - grow), min(1200, hi + grow)
        else:  # a region elsewhere
            lo = int(rng.integers(0, 1000))
            hi = min(1200, lo + grow)
        local = [(x - lo, y - lo) for x, y in every if lo <= x and x + 5 <= hi]
        if drop and len(local) > 2:
            del local[len(local) // 2]  # an anchor seen before is missing: re-used up to it only
        plain = find_passages(a[lo:hi], b[lo:hi], 0.8, local, 5, min_len=10)
        got = find_passages(
            a[lo:hi], b[lo:hi], 0.8, local, 5, min_len=10, cache=cache, origin=(lo, lo), widening=widening
        )
        assert got == plain
        # what it keeps for the next region is what aligning and scoring this one afresh gives
        kept = widening.assembly
        assert kept is not None
        assert (kept.xs, kept.ys, kept.sizes, kept.gaps) == _aligned(a[lo:hi], b[lo:hi], local, 5)
        assert widening.scores == [widening.gain * x for x in kept.sizes]
        run: list[float] = []
        start: list[int] = []
        _run_on(widening.scores, kept.gaps, run, start, len(kept.sizes))
        assert (widening.run, widening.start) == (run, start)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=0, max_size=300),
    st.lists(st.integers(min_value=0, max_value=40), max_size=300),
    st.integers(1, 150),
)
def test_sorted_hashes_are_numpys_stable_argsort(spread, low, halves):
    """sort_hashes (a sort of the hashes with their indices in the low bits, #14) gives numpy's
    stable order and the sorted hashes: for hashes over all 64 bits, for equal ones, and for ones
    that differ only in the low bits the indices take (the order made again from the full ones)."""
    import yblint.text.similarity as sim

    values = spread + [(2**40) * (x % 3) + x for x in low]  # ties, and hashes close below 2^9
    arr = np.asarray(values, dtype=np.uint64)
    before = sim.HALVES
    sim.HALVES = halves
    try:
        order, ordered = sim.sort_hashes(arr)
    finally:
        sim.HALVES = before
    expected = np.argsort(arr, kind="stable")
    assert order.tolist() == expected.tolist()
    assert ordered.tolist() == arr[expected].tolist()
