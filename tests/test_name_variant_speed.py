"""name-variant's fast pairing (yblint.checks.name_variant._cut_from) finds exactly the pairs of
the plain search: every form that is the longer one with a piece cut from inside it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.name_variant import Form, _cut_from


@settings(max_examples=500, deadline=None)
@given(
    t=st.text(alphabet="区委会中心馆场电竞", min_size=5, max_size=12),
    others=st.lists(st.text(alphabet="区委会中心馆场电竞", min_size=1, max_size=11), max_size=30),
    k=st.integers(min_value=1, max_value=4),
)
def test_cut_from_is_the_plain_search(t, others, k):
    forms = {s: Form(s, []) for s in others}
    plain = [(i, forms[t[:i] + t[i + k :]]) for i in range(1, len(t) - k) if t[:i] + t[i + k :] in forms]
    same = [f for s, f in forms.items() if s[:1] == t[:1] and s[-1:] == t[-1:] and len(s) == len(t) - k]
    assert _cut_from(t, k, same) == plain


def test_cut_from_a_name():
    short = Form("亚运电竞馆", [])
    assert _cut_from("亚运电竞场馆", 1, [short, Form("亚运电竞馆", [])][:1]) == [(4, short)]
    assert _cut_from("亚运电竞场馆", 1, [Form("亚运电竞场", [])]) == []
