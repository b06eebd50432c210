"""Words without loading jieba's dictionary: may_span and tokens (compact index) answer as jieba
(yblint.text.words), so that jieba itself is never loaded."""

from __future__ import annotations

import pytest
from conftest import findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text import paragraphs, words

#: characters that make many words of the dictionary together
ALPHABET = "民企发展顾问制度区委办公室人们知道工作会议未和与建设经济社会其中以及并且"


def test_no_jieba_for_a_clean_book(tmp_path):
    """Nor for a book with a real cut word: its words come from the compact index."""
    (tmp_path / "a.txt").write_text(
        "区委办公室\n\n2021年，区委办公室召开会议12次。\n\n区财政局\n\n全年收入增长5%，支出平稳。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("区委办公室\n\n联合建立民企发\n\n展顾问制度，效果良好。\n", encoding="utf-8")
    words.jieba_module.cache_clear()
    words.tokens.cache_clear()
    assert not [f for f in findings_of([tmp_path / "a.txt"], ["split-paragraph"])]
    assert [f.data["word"] for f in findings_of([tmp_path / "b.txt"], ["split-paragraph"])] == ["发展"]
    assert words.jieba_module.cache_info().currsize == 0


def test_a_cut_word_is_found(tmp_path):
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
    last = words.tokens(left)[-1]
    assert paragraphs.ends_dangling(left) == (
        (len(last) == 1 and last in paragraphs.DANGLING) or last in paragraphs.DANGLING_WORDS
    )


#: a richer alphabet: common characters, digits and Latin letters, characters outside jieba's range
RICH = ALPHABET + "中华人民共和国国务院政府报告我们年月日一二三四五六七八九十百千万亿AaBb019的了是在有"


@settings(max_examples=400, deadline=None)
@given(s=st.text(alphabet=RICH + " \u3400\u9fffＡ", min_size=1, max_size=16))
def test_tokens_are_exactly_jiebas(s):
    """words.tokens runs jieba's algorithm on the compact index: the same words as jieba itself."""
    assert words.tokens(s) == tuple(words.jieba_module().cut(s, HMM=False))
    for w in set(words.tokens(s)):
        assert words.is_word(w) == (len(w) >= 2 and words.jieba_module().dt.FREQ.get(w, 0) > 0)


def test_tokens_of_the_seed_page_are_jiebas():
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    for i in range(0, len(text) - 16, 37):
        window = text[i : i + 16]
        assert words.tokens(window) == tuple(words.jieba_module().cut(window, HMM=False)), window


@settings(max_examples=400, deadline=None)
@given(s=st.text(alphabet=RICH + " .%-+#&_\u3400\u9fffＡ", min_size=0, max_size=16))
def test_tagged_tokens_are_exactly_jieba_posseg(s):
    """words.tagged_tokens gives jieba.posseg's words and parts of speech (no HMM) from the compact
    indexes: its runs of text (without % and -), its 'eng' runs, 'm' digits and 'x' for the rest."""
    import jieba.posseg as pseg

    words.jieba_module()
    assert words.tagged_tokens(s) == tuple((w.word, w.flag) for w in pseg.lcut(s, HMM=False))
    for w in set(words.tokens(s)):
        assert words.word_freq(w) == words.jieba_module().dt.FREQ.get(w, 0)


def test_tagged_tokens_of_the_seed_page_are_jieba_posseg():
    import jieba.posseg as pseg
    from conftest import SEED

    words.jieba_module()
    text = SEED.read_text(encoding="utf-8")
    for i in range(0, len(text) - 16, 37):
        window = text[i : i + 16]
        assert words.tagged_tokens(window) == tuple((w.word, w.flag) for w in pseg.lcut(window, HMM=False)), window


def test_name_variant_loads_no_jieba(tmp_path):
    """name-variant takes its word boundaries, frequencies and parts of speech from the compact
    indexes: a book with a variant is linted without loading jieba's dictionary."""
    (tmp_path / "a.txt").write_text(
        "区体育局\n\n2021年，亚运电竞场馆建成。亚运电竞场馆投入使用。亚运电竞馆开放。\n", encoding="utf-8"
    )
    words.jieba_module.cache_clear()
    from yblint.checks import name_variant

    name_variant._first_word_ok.cache_clear()
    name_variant._has_verb.cache_clear()
    words.tagged_tokens.cache_clear()
    found = findings_of([tmp_path / "a.txt"], ["name-variant"])
    assert [(f.data["kind"], f.data["suggestion"]) for f in found] == [("added", "亚运电竞场馆")]
    assert words.jieba_module.cache_info().currsize == 0


def test_longest_word_is_the_dictionarys():
    """Pieces longer than the dictionary's longest word are never looked up: none is a word."""
    index = words.word_index()
    assert index is not None
    longest = max(len(w) for w, f in words.jieba_module().dt.FREQ.items() if f > 0)
    assert index.longest == longest


@settings(max_examples=150, deadline=None)
@given(s=st.text(alphabet=RICH + " ", min_size=17, max_size=60))
def test_long_runs_are_cut_as_jieba_cuts_them(s):
    """Runs longer than the longest word (a clause, for duplicate-passage) are cut exactly as jieba does."""
    words.tokens.cache_clear()
    assert words.tokens(s) == tuple(words.jieba_module().cut(s, HMM=False))


@settings(max_examples=200, deadline=None)
@given(batches=st.lists(st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), max_size=12), max_size=8))
def test_remembered_frequencies_are_the_looked_up_ones(batches):
    """freq_many with its memo (repeated pieces, a memo that starts afresh when full) answers as a
    look-up of every piece in a fresh index."""
    index = words.word_index()
    assert index is not None
    small = words.WordIndex(index.hashes, index.freqs, index.total, index.longest)
    old = words.MEMO_SIZE
    words.MEMO_SIZE = 10
    try:
        largest = 0
        for batch in batches:
            largest = max(largest, len(set(batch)))
            fresh = words.WordIndex(index.hashes, index.freqs, index.total, index.longest)
            assert small.freq_many(batch) == fresh.freq_many(batch)
            assert len(small.memo) <= max(10, largest)
            assert all(small.freq(w) == fresh.freq_many([w])[0] for w in batch)
    finally:
        words.MEMO_SIZE = old


@settings(max_examples=300, deadline=None)
@given(left=st.text(alphabet=RICH, min_size=1, max_size=8), right=st.text(alphabet=RICH, min_size=1, max_size=8))
def test_may_span_with_the_pair_index_is_the_full_search(left, right):
    """The pair index only answers the breaks no word can stand across: may_span answers as the
    search of every run across the break in the word index."""
    index = words.word_index()
    assert index is not None
    full = index.has_any([left[p:] + right[:q] for p in range(len(left)) for q in range(1, len(right) + 1)])
    assert words.may_span(left, right) == full


def test_pair_index_holds_the_pairs_inside_words():
    pairs = words.pair_index()
    assert pairs is not None
    for pair, inside in (("发展", True), ("展顾", False), ("公室", True), ("室公", False)):
        h = words.np.uint64(words._hash(pair))
        i = int(words.np.searchsorted(pairs, h))
        assert (i < pairs.size and pairs[i] == h) == inside, pair
    assert words.may_span("民企发", "展顾问") and not words.may_span("区委办公室", "全年收入")


def test_the_dictionary_tables_are_built_in_an_empty_temporary_folder_and_read_back(tmp_path, monkeypatch):
    """A fresh machine: no cached table yet. Each is built, written atomically, and the next run
    reads the same table from the file."""
    import tempfile

    import numpy as np

    if words._dictionary() is None:
        pytest.skip("jieba's dictionary is not installed")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    built = {}
    for name, index in (("index4", words.word_index), ("pairs", words.pair_index), ("tags2", words.tag_index)):
        index.cache_clear()
        built[name] = index()
        from yblint import cache

        assert len(list(cache.folder().glob(f"jieba-{name}-*.npy"))) == 1
        assert cache.folder().parent == tmp_path
        assert not list(cache.folder().glob("*.tmp"))
    try:
        assert built["index4"].freq("经济") > 0 and built["index4"].freq("经济济") == 0
        assert words.tag_index().tag("经济") == "n"
        for name, index in (("index4", words.word_index), ("pairs", words.pair_index), ("tags2", words.tag_index)):
            index.cache_clear()
            again = index()
            if name == "pairs":
                assert np.array_equal(again, built[name])
            else:
                assert np.array_equal(again.hashes, built[name].hashes)
    finally:
        for index in (words.word_index, words.pair_index, words.tag_index):
            index.cache_clear()


@settings(max_examples=300, deadline=None)
@given(s=st.text(alphabet=RICH + "，。“”+%.-x", min_size=2, max_size=24))
def test_always_breaks_only_where_jieba_always_breaks(s):
    """Wherever always_breaks says two characters are never one word's, jieba's cut of any text
    holding them puts a word boundary between them (duplicate-passage's change windows skip the
    cut when both their ends fall on such places)."""
    bounds = {0}
    for w in words.tokens(s):
        bounds.add(max(bounds) + len(w))
    for p in range(1, len(s)):
        if words.always_breaks(s[p - 1], s[p]):
            assert p in bounds, (s, p)
    assert not words.always_breaks("发", "展") and words.always_breaks("展", "顾")
    assert not words.always_breaks("a", "1") and words.always_breaks("，", "我")


def test_a_few_new_pieces_are_looked_up_as_many_are():
    """lookup_many looks one or two new pieces up one by one, more at once (#14): the same answers,
    words, beginnings of words (0) and neither (-1) alike."""
    index = words.word_index()
    assert index is not None
    pieces = ["经济", "经", "经济发", "发展", "甲乙丙", "我国", "国民经济", "x", "人民代表大会", "代表大"]
    at_once = words.WordIndex(index.hashes, index.freqs, index.total, index.longest).lookup_many(pieces)
    one_by_one = [
        words.WordIndex(index.hashes, index.freqs, index.total, index.longest).lookup_many([p])[0] for p in pieces
    ]
    assert at_once == one_by_one
    assert at_once[0] > 0 and at_once[2] == -1 and at_once[4] == 0 and at_once[9] == 0  # 甲乙丙(丁), 代表大(会)
