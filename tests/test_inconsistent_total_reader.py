"""The shared reader's fast paths agree with the plain reading they replace."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.inconsistent_total import reader
from yblint.text.numbers import find_numbers

CLAUSE_NOISE = "12３４,，、。；:一年a ①²\n"


def test_no_chinese_character_is_a_digit():
    """Clause ends take a comma after a Chinese character as a clause end without looking further."""
    assert not any(chr(c).isdigit() for c in range(0x4E00, 0xA000))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=CLAUSE_NOISE, max_size=30))
def test_clause_ends_are_the_marks_that_end_a_clause(text):
    expected = [m.start() for m in reader._CLAUSE_MARK.finditer(text) if reader._ends_clause(text, m.start())]
    reader._clause_cache.clear()
    assert reader._clause_ends(text) == expected


def test_clause_ends_keep_thousands_separators_out():
    text = "投资5,630万元，其中３，１５４万元,用于1，2号楼；"
    reader._clause_cache.clear()
    assert [text[i] for i in reader._clause_ends(text)] == ["，", ",", "，", "；"]


AMOUNT_NOISE = "增加长减少比上年较的了每人均年平日月多少相当于为共计，。3万元个人"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=AMOUNT_NOISE, max_size=24))
def test_is_amount_equals_its_two_searches(text):
    """is_amount skips a search when the characters before a figure cannot end a match of it."""
    for n in find_numbers(text):
        cs = reader.clause_start(text, n.start, 0)
        head = text[max(cs, n.start - reader.CHANGE_WINDOW) : n.start]
        average = text[max(cs, n.start - reader.AVERAGE_WINDOW) : n.start]
        plain = n.quantity and n.unit is not None
        expected = plain and not (reader.CHANGE.search(head) or reader.AVERAGE.search(average))
        assert reader.is_amount(n, text, 0) == bool(expected)


def test_the_characters_checked_first_are_in_every_match():
    assert all(w[-1] in reader._CHANGE_LAST for w in reader.CHANGE_WORDS.split("|"))
    average_words = re.match(r"\(\?:([^)]*)\)", reader.AVERAGE.pattern).group(1).split("|")
    assert len(average_words) == 11 and all("均" in w or "每" in w for w in average_words)
