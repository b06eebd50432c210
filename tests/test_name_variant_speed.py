"""name-variant's fast pairing finds exactly the pairs of the plain search: the forms that are
the longer one with a piece cut from inside it (yblint.checks.name_variant._cut_among, each form
of the same ends and length compared with it), and the forms whose words are swapped
(_rotation_groups, put together first by suffix, length and the sum of their code units)."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks import name_variant
from yblint.checks.name_variant import Form, _cut_among, _rotation_groups

ALPHABET = "区委会中心馆场电竞"


def _plain(t: str, k: int, forms: dict[str, Form]) -> list[tuple[int, Form]]:
    """Every form of the right length compared with ``t`` at every place of the cut."""
    out = []
    for i in range(len(t)):
        for s, f in forms.items():
            if len(s) == len(t) - k and 0 < i < len(s) and s[:i] == t[:i] and s[i:] == t[i + k :]:
                out.append((i, f))
    return out


def _cut_from(t: str, k: int, forms: dict[str, Form]) -> list[tuple[int, Form]]:
    """The former look-up: each cut of ``t`` looked up by its text."""
    out: list[tuple[int, Form]] = []
    for i in range(1, len(t) - k):
        g = forms.get(t[:i] + t[i + k :])
        if g is not None:
            out.append((i, g))
    return out


def _shorter(t: str, k: int, forms: dict[str, Form]) -> list[str]:
    return [s for s in forms if len(s) == len(t) - k and s[:1] == t[:1] and s[-1:] == t[-1:]]


@settings(max_examples=500, deadline=None)
@given(
    t=st.text(alphabet=ALPHABET, min_size=5, max_size=12),
    others=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=11), max_size=30),
    k=st.integers(min_value=1, max_value=4),
)
def test_cut_among_is_the_plain_search(t, others, k):
    forms = {s: Form(s, []) for s in others}
    assert _cut_among(t, k, _shorter(t, k, forms), forms) == _plain(t, k, forms) == _cut_from(t, k, forms)


def test_cut_among_a_name():
    short = Form("亚运电竞馆", [])
    forms = {"亚运电竞馆": short, "亚运电竞场": Form("亚运电竞场", []), "运电竞场馆": Form("运电竞场馆", [])}
    assert _cut_among("亚运电竞场馆", 1, _shorter("亚运电竞场馆", 1, forms), forms) == [(4, short)]
    assert _cut_among("亚运电竞场馆", 1, ["亚运电竞场", "运电竞场馆"], forms) == []  # not from inside


def _plain_rotations(items: list[tuple[str, Form]]) -> list[list[str]]:
    """The former grouping: every form with a suffix and four or more characters before it, by
    its suffix and its sorted characters."""
    rotations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for t, f in items:
        if f.suffix and len(t) - len(f.suffix) >= 4:
            rotations[(f.suffix, "".join(sorted(t[: -len(f.suffix)])))].append(t)
    return [g for g in rotations.values() if len(g) >= 2]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="中金阿斯利康一丁\udc80", min_size=1, max_size=7),
            st.sampled_from(["", "基金", "馆", "金"]),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_rotation_groups_are_the_plain_grouping(parts, many):
    """Put together first by the sums of their code points, one form at a time or (many) with numpy."""
    forms: dict[str, Form] = {}
    for n, (prefix, suffix) in enumerate(parts):
        forms.setdefault(prefix + suffix, Form(prefix + suffix, [], suffix))
        if n % 3 == 0:  # and a form with its words swapped
            k = len(prefix) // 2
            forms.setdefault(prefix[k:] + prefix[:k] + suffix, Form(prefix[k:] + prefix[:k] + suffix, [], suffix))
    items = list(forms.items())
    threshold = name_variant.MANY_FORMS
    name_variant.MANY_FORMS = 0 if many else 10**9
    try:
        assert _rotation_groups(items) == _plain_rotations(items)
    finally:
        name_variant.MANY_FORMS = threshold


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="型性账号中心化\udc80", max_size=6), max_size=30), st.booleans())
def test_holding_is_the_plain_filter(texts, many):
    """The texts holding a slip character, one at a time or (many) with numpy."""
    threshold = name_variant.MANY_FORMS
    name_variant.MANY_FORMS = 0 if many else 10**9
    try:
        assert name_variant._holding(texts, name_variant._SLIP_CHARS) == [
            t for t in texts if not name_variant._SLIP_CHARS.isdisjoint(t)
        ]
    finally:
        name_variant.MANY_FORMS = threshold


def test_rotation_groups_of_names():
    items = [(t, Form(t, [], "基金")) for t in ["中金阿斯利康基金", "阿斯利康中金基金", "中金利康阿斯基金", "中金基金"]]
    items += [(t, Form(t, [], "馆")) for t in ["亚运电竞馆", "电竞亚运馆"]]
    for many in (False, True):
        threshold = name_variant.MANY_FORMS
        name_variant.MANY_FORMS = 0 if many else 10**9
        try:
            assert _rotation_groups(items) == [
                ["中金阿斯利康基金", "阿斯利康中金基金", "中金利康阿斯基金"],
                ["亚运电竞馆", "电竞亚运馆"],
            ]
        finally:
            name_variant.MANY_FORMS = threshold


def test_pairs_found_only_in_the_references_are_not_examined(tmp_path, monkeypatch):
    """A commit hook lints one chapter against the rest of the book: a pair of forms that both
    stand only in the reference chapters can give no finding, so it is not examined; the findings
    are those of the search that examines every pair."""
    from conftest import findings_of

    from yblint.config import Config

    (tmp_path / "ref-a.txt").write_text(
        "区发改局\n\n参与良渚嫩江基金。良渚嫩江基金运行。推进拱墅电竞场馆建设。拱墅电竞场馆开放。\n", "utf-8"
    )
    (tmp_path / "ref-b.txt").write_text(
        "区体育局\n\n新建拱墅电竞馆一座。推进“三个样板区”建设，“三个样板区”见效。\n", "utf-8"
    )
    # the draft's forms are the rarer ones (the references are the rest of this book: its peers)
    (tmp_path / "draft.txt").write_text("区统计局\n\n发起嫩江良渚基金。以“四个样板区”为关键。\n", "utf-8")
    config = Config(corpus=[str(tmp_path / "ref-*.txt")])
    examined: list[tuple[str, str]] = []
    real_added = name_variant.NameVariant._added

    def added(long: str, short: str, i: int, k: int):
        examined.append((long, short))
        return real_added(long, short, i, k)

    monkeypatch.setattr(name_variant.NameVariant, "_added", staticmethod(added))
    looked_into: list[str] = []  # the longer forms compared with the shorter ones of their ends
    real_cut_among = name_variant._cut_among

    def cut_among(t: str, k: int, shorter: list[str], forms: dict) -> list:
        looked_into.append(t)
        return real_cut_among(t, k, shorter, forms)

    monkeypatch.setattr(name_variant, "_cut_among", cut_among)

    def run() -> list:
        return [
            (f.location.text, f.data["suggestion"])
            for f in findings_of([tmp_path / "draft.txt"], ["name-variant"], config)
        ]

    filtered = run()
    seen_filtered = list(examined)
    # the forms of 拱…馆 all stand in the references: their group is not looked into at all
    assert "拱墅电竞场馆" not in looked_into and "嫩江良渚基金" in looked_into
    real_pairs = name_variant.NameVariant._pairs
    monkeypatch.setattr(
        name_variant.NameVariant, "_pairs", lambda self, forms, with_references=False: real_pairs(self, forms)
    )
    examined.clear()
    assert run() == filtered == [("嫩江良渚基金", "良渚嫩江基金"), ("四个样板区", "三个样板区")]
    assert ("拱墅电竞场馆", "拱墅电竞馆") in examined  # the plain search looks at the references' own pair
    assert ("拱墅电竞场馆", "拱墅电竞馆") not in seen_filtered
