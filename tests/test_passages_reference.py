"""find_passages's fast loops (issue #14: blocks kept in lists, the running score restarted
without re-reading the blocks) give exactly the passages of the reference implementation below,
the one they replaced: same extents, same matched counts, same floating-point similarities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from yblint.text.alignment import Passage, align_blocks, find_passages


def ref_align_blocks(sa, sb, anchors=(), k=0):
    out = []

    def piece(i0, i1, j0, j1):
        if i1 <= i0 or j1 <= j0:
            return
        for m in Indel.opcodes(sa[i0:i1], sb[j0:j1]).as_matching_blocks():
            if m.size:
                add(i0 + m.a, j0 + m.b, m.size)

    def add(i, j, size):
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + size)
        else:
            out.append((i, j, size))

    pi = pj = 0
    for i, j in anchors:
        if i < pi or j < pj:
            continue
        piece(pi, i, pj, j)
        add(i, j, k)
        pi, pj = i + k, j + k
    piece(pi, len(sa), pj, len(sb))
    return out


@dataclass
class _Block:
    a: int
    b: int
    size: int


def ref_find_passages(sa, sb, similarity, anchors=(), k=0, min_len=1, anchor=5, max_change=10):
    blocks = [_Block(*t) for t in ref_align_blocks(sa, sb, anchors, k)]
    out = []
    todo = [(0, len(blocks))]
    gain = 2.0 * (1.0 - similarity) / similarity
    while todo:
        lo_b, hi_b = todo.pop()
        seg = ref_best_segment(blocks, lo_b, hi_b, gain, anchor, max_change)
        if seg is None:
            continue
        lo, hi = seg
        first, last = blocks[lo], blocks[hi]
        a0, a1, b0, b1 = first.a, last.a + last.size, first.b, last.b + last.size
        if min(a1 - a0, b1 - b0) < min_len:
            continue
        matched = sum(m.size for m in blocks[lo : hi + 1])
        out.append(Passage(a0, a1, b0, b1, matched, 2.0 * matched / ((a1 - a0) + (b1 - b0))))
        todo.append((lo_b, lo))
        todo.append((hi + 1, hi_b))
    out.sort(key=lambda p: -(p.a1 - p.a0))
    return out


def ref_best_segment(blocks, lo_b, hi_b, gain, anchor, max_change):
    if hi_b <= lo_b:
        return None
    best = -1.0
    lo = hi = lo_b
    cur = -1.0
    cur_start = lo_b
    for i in range(lo_b, hi_b):
        m = blocks[i]
        score = gain * m.size
        if i > lo_b and cur > 0:
            prev = blocks[i - 1]
            cost = (m.a - prev.a - prev.size) + (m.b - prev.b - prev.size)
            if cur - cost > 0:
                cur = cur - cost + score
            else:
                cur, cur_start = score, i
        else:
            cur, cur_start = score, i
        if cur > best:
            best, lo, hi = cur, cur_start, i
    total = best
    while lo > lo_b:
        edge = blocks[lo]
        j, small = lo - 1, 0
        while j >= lo_b and blocks[j].size < anchor:
            small += blocks[j].size
            j -= 1
        if j < lo_b:
            break
        cand = blocks[j]
        da, db = edge.a - cand.a - cand.size, edge.b - cand.b - cand.size
        new_total = total + gain * (cand.size + small) - (da + db - 2 * small)
        if max(da, db) - small > max_change or new_total < 0:
            break
        total, lo = new_total, j
    while hi < hi_b - 1:
        edge = blocks[hi]
        j, small = hi + 1, 0
        while j < hi_b and blocks[j].size < anchor:
            small += blocks[j].size
            j += 1
        if j >= hi_b:
            break
        cand = blocks[j]
        da, db = cand.a - edge.a - edge.size, cand.b - edge.b - edge.size
        new_total = total + gain * (cand.size + small) - (da + db - 2 * small)
        if max(da, db) - small > max_change or new_total < 0:
            break
        total, hi = new_total, j
    return lo, hi


def _pair(seed: int, length: int, changes: int, alphabet: int):
    """A text and a near copy of it: characters replaced, a stretch left out and one put in."""
    rng = np.random.default_rng(seed)
    a = "".join(chr(0x4E00 + int(x)) for x in rng.integers(0, alphabet, length))
    chars = list(a)
    for i in rng.choice(length, min(changes, length), replace=False):
        chars[i] = chr(0x5000 + int(rng.integers(0, alphabet)))
    cut = int(rng.integers(0, length))
    b = "".join(chars[:cut]) + "插入的一句话" + "".join(chars[cut + int(rng.integers(0, 30)) :])
    return a, b


def _anchors(a: str, b: str, k: int, spacing: int, seed: int):
    """Shared k-grams at least ``spacing`` apart, increasing on both sides (some out of order)."""
    rng = np.random.default_rng(seed)
    where: dict[str, list[int]] = {}
    for j in range(len(b) - k + 1):
        where.setdefault(b[j : j + k], []).append(j)
    out = []
    for i in range(0, len(a) - k + 1, spacing):
        js = where.get(a[i : i + k])
        if js:
            out.append((i, js[int(rng.integers(0, len(js)))]))
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(1, 1500),
    st.integers(0, 200),
    st.sampled_from([5, 30, 400]),
    st.sampled_from([0.7, 0.8, 0.85, 0.9, 0.95, 1.0]),
    st.sampled_from([0, 4, 5]),
    st.integers(1, 60),
)
def test_find_passages_is_the_reference(seed, length, changes, alphabet, similarity, k, min_len):
    a, b = _pair(seed, length, changes, alphabet)
    anchors = _anchors(a, b, k, 97, seed) if k else []
    assert align_blocks(a, b, anchors, k) == ref_align_blocks(a, b, anchors, k)
    got = find_passages(a, b, similarity, anchors, k, min_len)
    want = ref_find_passages(a, b, similarity, anchors, k, min_len)
    assert [(p.a0, p.a1, p.b0, p.b1, p.matched, p.similarity) for p in got] == [
        (p.a0, p.a1, p.b0, p.b1, p.matched, p.similarity) for p in want
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="甲乙丙丁", max_size=60), st.text(alphabet="甲乙丙丁", max_size=60))
def test_find_passages_small_texts(a, b):
    for similarity in (0.6, 0.9, 1.0):
        assert find_passages(a, b, similarity) == ref_find_passages(a, b, similarity)
