"""jieba's dictionary is loaded only when a word of it stands across a paragraph break
(yblint.text.words.may_span): the answers are those jieba gives."""

from __future__ import annotations

from conftest import findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text import paragraphs, words

#: characters that make many words of the dictionary together
ALPHABET = "民企发展顾问制度区委办公室人们知道工作会议未和与建设经济社会"


def test_no_jieba_for_a_clean_book(tmp_path):
    (tmp_path / "a.txt").write_text(
        "区委办公室\n\n2021年，区委办公室召开会议12次。\n\n区财政局\n\n全年收入增长5%，支出平稳。\n", encoding="utf-8"
    )
    words.jieba_module.cache_clear()
    assert not [f for f in findings_of([tmp_path / "a.txt"], ["split-paragraph"])]
    assert words.jieba_module.cache_info().currsize == 0


def test_a_cut_word_still_loads_jieba_and_is_found(tmp_path):
    (tmp_path / "a.txt").write_text("区委办公室\n\n联合建立民企发\n\n展顾问制度，效果良好。\n", encoding="utf-8")
    found = findings_of([tmp_path / "a.txt"], ["split-paragraph"])
    assert [f.data["word"] for f in found] == ["发展"]


@settings(max_examples=300, deadline=None)
@given(
    left=st.text(alphabet=ALPHABET, min_size=1, max_size=8), right=st.text(alphabet=ALPHABET, min_size=1, max_size=8)
)
def test_may_span_never_says_no_where_jieba_cuts_across(left, right):
    joined = list(words.tokens(left + right))
    pos = 0
    for w in joined:
        if pos < len(left) < pos + len(w):
            assert words.may_span(left, right)
        pos += len(w)
    # and the filtered functions answer as jieba does
    assert paragraphs.ends_dangling(left) == (
        len(joined_tail := words.tokens(left)[-1]) == 1 and joined_tail in paragraphs.DANGLING
    )
