"""duplicate-passage's change windows snap to whole words (jieba's cut of the clause); a window
that is already a whole clause is left as it is without cutting, and only the stretch around each
end (between places no word can cross) is cut (issue #14). Same result as cutting the clause."""

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.diffs import CLAUSE, _snap
from yblint.text.words import always_breaks, tokens

SEED = Path(__file__).parent.parent / "fixtures" / "gongshu-yearbook-2021-page5.txt"


def reference_snap(s: str, lo: int, hi: int) -> tuple[int, int]:
    c0 = lo
    while c0 > 0 and s[c0 - 1] not in CLAUSE:
        c0 -= 1
    c1 = hi
    while c1 < len(s) and s[c1] not in CLAUSE:
        c1 += 1
    if c1 <= c0:
        return lo, hi
    bounds = [c0]
    for t in tokens(s[c0:c1]):
        bounds.append(bounds[-1] + len(t))
    return max((b for b in bounds if b <= lo), default=lo), min((b for b in bounds if b >= hi), default=hi)


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
    assert _snap(s, lo, hi) == reference_snap(s, lo, hi)


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
