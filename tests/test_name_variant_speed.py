"""name-variant's fast pairing (yblint.checks.name_variant._cut_from, a look-up of each cut by its
text) finds exactly the pairs of the plain search: every form that is the longer one with a piece
cut from inside it, compared character by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.name_variant import Form, _cut_from


def _plain(t: str, k: int, forms: dict[str, Form]) -> list[tuple[int, Form]]:
    """Every form of the right length compared with ``t`` at every place of the cut."""
    out = []
    for i in range(len(t)):
        for s, f in forms.items():
            if len(s) == len(t) - k and 0 < i < len(s) and s[:i] == t[:i] and s[i:] == t[i + k :]:
                out.append((i, f))
    return out


@settings(max_examples=500, deadline=None)
@given(
    t=st.text(alphabet="区委会中心馆场电竞", min_size=5, max_size=12),
    others=st.lists(st.text(alphabet="区委会中心馆场电竞", min_size=1, max_size=11), max_size=30),
    k=st.integers(min_value=1, max_value=4),
)
def test_cut_from_is_the_plain_search(t, others, k):
    forms = {s: Form(s, []) for s in others}
    assert _cut_from(t, k, forms) == _plain(t, k, forms)


def test_cut_from_a_name():
    short = Form("亚运电竞馆", [])
    assert _cut_from("亚运电竞场馆", 1, {"亚运电竞馆": short}) == [(4, short)]
    assert _cut_from("亚运电竞场馆", 1, {"亚运电竞场": Form("亚运电竞场", [])}) == []
    assert _cut_from("亚运电竞场馆", 1, {"运电竞场馆": Form("运电竞场馆", [])}) == []  # not from inside
