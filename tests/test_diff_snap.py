"""duplicate-passage's change windows snap to whole words (jieba's cut of the clause); a window
that is already a whole clause is left as it is without cutting, and only the stretch around each
end (between places no word can cross) is cut (issue #14). Same result as cutting the clause."""

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.diffs import _snap, clause_bounds
from yblint.text.words import always_breaks, tokens

SEED = Path(__file__).parent.parent / "fixtures" / "gongshu-yearbook-2021-page5.txt"


def reference_snap(s: str, lo: int, hi: int) -> tuple[int, int]:
    c0, c1 = clause_bounds(s, lo, hi)
    if c1 <= c0:
        return lo, hi
    bounds = [c0]
    for t in tokens(s[c0:c1]):
        bounds.append(bounds[-1] + len(t))
    return max((b for b in bounds if b <= lo), default=lo), min((b for b in bounds if b >= hi), default=hi)


def _best_cut(block: str, cuts: set[int]) -> float:
    """The log-probability of the most probable cut of a run of text jieba cuts (its arithmetic:
    a word of the dictionary weighs log(freq / total), any other character log(1 / total)) among
    the cuts with a word boundary at each offset of ``cuts`` (inside the run)."""
    from math import inf, log

    from yblint.text.words import word_index

    index = word_index()
    assert index is not None
    logtotal = log(index.total)
    n = len(block)
    route = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        best = -inf
        for j in range(i + 1, n + 1):
            if any(i < c < j for c in cuts):
                break
            f = index.freq(block[i:j])
            if j == i + 1 or f > 0:
                best = max(best, log(f or 1) - logtotal + route[j])
        route[i] = best
    return route[0]


def is_a_best_cut_boundary(s: str, lo: int, hi: int, got: tuple[int, int]) -> bool:
    """Whether ``got`` ends a window on boundaries of a most probable cut of its clause, as the
    reference's do: where two cuts are equally probable (人+人人 / 人人+人), which of them jieba
    takes depends on how the floating-point sums round, and so on the text after the stretch."""
    import regex

    c0, c1 = clause_bounds(s, lo, hi)
    for m in regex.finditer(r"[\u4e00-\u9fd5a-zA-Z0-9+#&\._%\-]+", s[c0:c1]):
        a, b = c0 + m.start(), c0 + m.end()
        inside = {p - a for p in got if a < p < b}
        if any(
            s[p - 1].isascii() and s[p - 1].isalnum() and s[p].isascii() and s[p].isalnum() for p in got if a < p < b
        ):
            return False  # jieba joins single letters and digits: no boundary between two
        if inside and abs(_best_cut(s[a:b], inside) - _best_cut(s[a:b], set())) > 1e-9:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["经济", "发展", "我国", "增长", "12", "，", "。", "、", "“", "”", "人", "民", "顾问", "ab", "T恤", "%"]
        ),
        max_size=20,
    ),
    st.data(),
)
def test_snap_is_the_cut(pieces, data):
    s = "".join(pieces)
    lo = data.draw(st.integers(0, len(s)))
    hi = data.draw(st.integers(lo, len(s)))
    got, want = _snap(s, lo, hi), reference_snap(s, lo, hi)
    assert got == want or is_a_best_cut_boundary(s, lo, hi, got), (s, lo, hi, got, want)


def test_snap_where_two_cuts_tie():
    """人人人 is 人+人人 or 人人+人, equally probable: jieba cuts the stretch alone one way and the
    clause with ab after it the other (the sums round differently). Either is a cut of the clause."""
    s = "人人人ab"
    got, want = _snap(s, 0, 1), reference_snap(s, 0, 1)
    assert is_a_best_cut_boundary(s, 0, 1, got) and is_a_best_cut_boundary(s, 0, 1, want)
    assert not is_a_best_cut_boundary("推动经济发展", 0, 3, (0, 3))  # 经济 cut in two: never the best


def test_snap_whole_clause_and_word():
    s = "推动经济发展，我国经济增长"
    assert _snap(s, 0, 6) == (0, 6)  # the whole first clause
    assert _snap(s, 8, 10) == reference_snap(s, 8, 10)
    assert _snap(s, 3, 4) == (2, 4)  # 济 → 经济


def test_snap_on_a_real_page_is_the_cut_of_the_clause():
    """Every end of a change window on the seed page snaps where the cut of its whole clause puts
    it: the stretches between sure breaks give the clause's own words."""
    s = SEED.read_text(encoding="utf-8")
    rng = random.Random(14)
    moved = 0
    for _ in range(3000):
        lo = rng.randrange(len(s))
        hi = min(len(s), lo + rng.randrange(1, 8))
        got = _snap(s, lo, hi)
        assert got == reference_snap(s, lo, hi), (lo, hi, s[lo:hi])
        moved += got != (lo, hi)
    assert moved > 300  # most windows end inside a word: the stretches were cut


def test_stretch_is_bounded_by_sure_breaks():
    """A window end inside a word widens to the word, though the stretch is short: 发展 in
    “推动经济发展”, 经济 cut out of “国民经济”."""
    s = "推动经济发展，国民经济增长"
    assert _snap(s, 4, 5) == (4, 6)  # 发 → 发展
    assert _snap(s, 9, 10) == reference_snap(s, 9, 10)
    assert always_breaks("，", "国")  # a mark never stands in a word
