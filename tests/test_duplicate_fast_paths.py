"""duplicate-passage's fast paths give what the reference functions give (issue #14): the seam of
a side worked out with each document's paired marks matched once (Seams.seam against seam)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.parsing import build_document
from yblint.reading.source import Source
from yblint.text.diffs import WHITESPACE, compact
from yblint.text.direction import Seams, seam
from yblint.text.passage_sets import Side

#: words, sentence ends, paired marks of several families (half- and full-width), spaces and breaks
PIECES = ["经济", "发展", "我国", "ab", "12", "，", "。", "！", "；", "…", "“", "”", "《", "》", "（", ")", "(", "）"]
PIECES += ["「", "」", "[", "］", "‘", "’", " ", "\n", "\n\n", "一、工作回顾\n\n"]


def document(text: str):
    return build_document(Source(path="a.txt", text=text, encoding="utf-8", format="text"))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60), st.data())
def test_seams_are_seam(pieces, data):
    doc = document("".join(pieces))
    units = [u for u in doc.units if u.end > u.start]
    if not units:
        return
    seams = Seams()
    for _ in range(8):  # several sides of one document, as a run asks
        unit = data.draw(st.sampled_from(units))
        start = data.draw(st.integers(unit.start, unit.end - 1))
        end = data.draw(st.integers(start + 1, unit.end))
        side = Side(0, 0, 0, doc, unit, start, end)
        assert seams.seam(side) == seam(side)


def test_seams_brackets_around_a_passage():
    text = "一、回顾\n\n他说《关于加快发展的意见》已经印发。我们要“全面推进改革”，并且完成。\n"
    doc = document(text)
    unit = doc.units[-1]
    seams = Seams()

    def side(needle: str) -> Side:
        i = text.index(needle)
        return Side(0, 0, 0, doc, unit, i, i + len(needle))

    inside_title = side("关于加快发展")  # 《 before it, 》 after it: spliced into a title
    assert seams.seam(inside_title).unclosed and seam(inside_title).unclosed
    whole = side("我们要“全面推进改革”，并且完成。")
    assert seams.seam(whole) == seam(whole)
    assert not seams.seam(whole).unclosed and seams.seam(whole).clean_start


def test_compact_is_the_whitespace_pattern():
    """compact drops what ``\\s+`` matches: str.split's whitespace is re's, on every code point."""
    everything = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    assert compact(everything) == WHITESPACE.sub("", everything)
    assert compact(" 甲\u3000乙\n\t丙\u00a0丁\u200b ") == WHITESPACE.sub("", " 甲\u3000乙\n\t丙\u00a0丁\u200b ")


def test_a_seam_worked_out_in_another_process_is_taken_as_it_came():
    """The seams of the sides a worker aligned come back with its matches (#14): the main process
    takes them (for the fellow copies of an original) instead of working them out again, and a
    seam it was not given it works out itself."""
    text = "一、回顾\n\n他说《关于加快发展的意见》已经印发。我们要“全面推进改革”，并且完成。\n"
    doc = document(text)
    unit = doc.units[-1]
    i = text.index("关于加快发展")
    side = Side(0, 0, 0, doc, unit, i, i + 6)
    worker = Seams()
    assert worker.known(side) is None
    worked = worker.seam(side)
    values = worker.known(side)
    assert values is not None and worked.unclosed
    here = Seams()
    told = (False, True, False, True, False)  # not what the text says: taken as given, not worked out
    here.learn(side, told)
    assert here.known(side) == told
    assert not here.seam(side).unclosed and here.seam(side).mid_start  # as told
    here.learn(side, values)  # what it knows first stands
    assert here.known(side) == told
    other = Side(0, 0, 0, doc, unit, i, i + 4)
    assert here.seam(other) == seam(other)  # not told: worked out here
