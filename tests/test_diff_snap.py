"""duplicate-passage's change windows snap to whole words (jieba's cut of the clause); a window
that is already a whole clause is left as it is without cutting (issue #14). Same result as
cutting it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.diffs import CLAUSE, _snap
from yblint.text.words import tokens


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
