"""The fast paths of yblint.text.paragraphs answer as the plain code they replace: the Han runs
next to a break found by regex, and each paragraph's is_non_sentence found once per document."""

from __future__ import annotations

import itertools

from conftest import SEED, doc_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text import paragraphs
from yblint.text.marks import is_han

CHARS = "发展民企顾问，。a1 \u3400\u4dbf\u4e00\u9fff\uf900\U00020000\U0003134f\U00031350"


def _plain_runs(left: str, right: str) -> tuple[str, str]:
    i = len(left)
    while i > 0 and is_han(left[i - 1]) and len(left) - i < paragraphs.WORD_REACH:
        i -= 1
    j = 0
    while j < len(right) and is_han(right[j]) and j < paragraphs.WORD_REACH:
        j += 1
    return left[i:], right[:j]


@settings(max_examples=500, deadline=None)
@given(left=st.text(alphabet=CHARS, max_size=14), right=st.text(alphabet=CHARS, max_size=14))
def test_han_runs_at_a_break_are_the_plain_loops(left, right):
    m = paragraphs._HAN_TAIL.search(left, max(0, len(left) - paragraphs.WORD_REACH))
    head = left[m.start() :] if m else ""
    tail = right[: paragraphs._HAN_HEAD.match(right).end()]
    assert (head, tail) == _plain_runs(left, right)


def _plain_joins(doc):
    joins, since = {}, None
    for p, q in itertools.pairwise(doc.paragraphs):
        j = paragraphs.join_of(p, q, since) or paragraphs.heading_join(p, q)
        if j is not None:
            joins[p.index] = j
            since = p.start if since is None else since
        else:
            since = None
    return joins


def test_joins_with_non_sentences_found_once_are_the_plain_ones(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    broken = (
        "区委办公室\n\n联合建立民企发\n\n展顾问制度，效果良好。\n\n（撰稿：王晓明）\n\n"
        "全区共有学校\n\n12所，其中\n\n中学3所。\n"
    )
    for t in (text, broken, text.replace("。\n", "，\n")):
        doc = doc_of(tmp_path / "a.txt", t)
        assert paragraphs.non_sentences(doc) == [paragraphs.is_non_sentence(p) for p in doc.paragraphs]
        assert paragraphs.paragraph_joins(doc) == _plain_joins(doc)
    assert [j.kind for j in paragraphs.paragraph_joins(doc_of(tmp_path / "b.txt", broken)).values()] == [
        "word",
        "dangling",
    ]


_ENDINGS = st.sampled_from(
    ["。", "！", "？", "…", "”", "。”", "）", "（下转6版）", "，", "；", "：", "a", "1.", "。 ", "。*", "。<br>"]
)


@settings(max_examples=200, deadline=None)
@given(
    paras=st.lists(st.tuples(st.text(alphabet="发展顾问（“", max_size=6), _ENDINGS), min_size=1, max_size=6),
    name=st.sampled_from(["a.txt", "a.md"]),
)
def test_paragraph_end_fast_path_is_the_plain_reading(tmp_path_factory, paras, name):
    """A paragraph of plain text ending in 。！？… ends there: the same End the full reading gives."""
    text = "\n\n".join(body + end for body, end in paras) + "\n"
    doc = doc_of(tmp_path_factory.mktemp("e") / name, text)
    fast = [paragraphs.paragraph_end(p) for p in doc.paragraphs]
    final_only, paragraphs._FINAL_ONLY = paragraphs._FINAL_ONLY, frozenset()
    try:
        plain = [paragraphs.paragraph_end(p) for p in doc.paragraphs]
    finally:
        paragraphs._FINAL_ONLY = final_only
    assert fast == plain
