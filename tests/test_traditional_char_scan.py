"""traditional-char converts only the pieces around traditional characters: the runs it finds
must be exactly those a whole-text OpenCC t2s conversion gives (issue #14)."""

from __future__ import annotations

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.traditional_char import TITLE, _tables, traditional_runs

CC = opencc.OpenCC("t2s")


def whole_text_runs(text: str) -> list[tuple[int, int, str]]:
    """The former implementation: convert the whole text and compare character by character."""
    converted = CC.convert(text)
    if len(converted) != len(text):
        converted = "".join(CC.convert(c) for c in text)
    titles = [(m.start(), m.end()) for m in TITLE.finditer(text)]
    out, i = [], 0
    while i < len(text):
        if text[i] == converted[i] or any(s <= i < e for s, e in titles):
            i += 1
            continue
        j = i
        while j < len(text) and text[j] != converted[j]:
            j += 1
        out.append((i, j, converted[i:j]))
        i = j
    return out


SAMPLES = [
    "在大革命的过程里，社会财产沒有遭到損坏，农業生产若幹问题。",
    "我们瞭解到群众的意见，一目瞭然；著名的乾隆年间，頭髮與头发。",
    "反覆研究答覆意见，沈默是金，以免藉口。出版《臺灣文學史》一书。",
    "議閉會後繼續發揮積極領導作用，问題在於雲端。",
    "著作權法和乾燥劑，后來的乾坤，於是",
    "生僻字𠁞与𠀾，農業",
]

# (𠁞 is a traditional character outside the BMP, 𠀾 its simplified form)
ALPHABET = "𠁞𠀾農業沒損發頭髮著乾後裡於臺灣問題繼續瞭解覆沈藉一目然名隆坤燥作权法年间的了是在有，。、《》 -“”"


def test_samples_match_whole_text_conversion() -> None:
    for text in SAMPLES:
        assert list(traditional_runs(text)) == whole_text_runs(text), text
    assert list(traditional_runs(SAMPLES[1])) != []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_runs_match_whole_text_conversion(text: str) -> None:
    # a paragraph without a character TSCharacters changes is left alone, as before
    expected = [] if _tables().traditional.isdisjoint(text) else whole_text_runs(text)
    assert list(traditional_runs(text)) == expected


def test_the_conversion_tables_load_on_the_first_traditional_character():
    """A draft in simplified characters needs only TSCharacters' set, not OpenCC's phrases."""
    _tables.cache_clear()
    assert list(traditional_runs("本区农业发展，没有发生事故。")) == []
    assert _tables.cache_info().currsize == 0
    assert list(traditional_runs("本区農業發展。")) == [(2, 5, "农业发")]
    assert _tables.cache_info().currsize == 1
