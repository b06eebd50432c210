from hypothesis import given
from hypothesis import strategies as st

from yblint.textpos import LineIndex


def test_positions_with_mixed_line_endings():
    text = "ab\ncd\r\nef\rgh"
    idx = LineIndex(text)
    assert idx.line_count == 4
    assert idx.position(0) == (1, 1)
    assert idx.position(text.index("c")) == (2, 1)
    assert idx.position(text.index("f")) == (3, 2)
    assert idx.position(text.index("h")) == (4, 2)
    assert idx.position(len(text)) == (4, 3)


def test_end_position_is_just_past_the_last_character():
    idx = LineIndex("一二三\n四五")
    assert idx.end_position(3, 0) == (1, 4)
    # a span that swallowed the line break still ends on its own line
    assert idx.end_position(4, 0) == (1, 4)
    assert idx.end_position(6, 4) == (2, 3)


def test_columns_count_characters_not_bytes():
    idx = LineIndex("年鉴𠀀x")
    assert idx.position(3) == (1, 4)


@given(st.text(alphabet=st.sampled_from("ab中\n\r "), max_size=60), st.data())
def test_position_round_trip(text, data):
    idx = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    line, col = idx.position(offset)
    assert 1 <= line <= idx.line_count
    start, end = idx.line_span(line)
    assert start <= idx.offset(line, col) <= end
    if text[offset : offset + 1] not in ("\n", "\r") and offset < len(text):
        assert idx.offset(line, col) == offset


def _line_offsets_one_break_at_a_time(text: str) -> tuple[list[int], list[int]]:
    """The reference: every line break found by LINE_BREAK, one at a time."""
    from yblint.textpos import LINE_BREAK

    starts, ends = [0], []
    for m in LINE_BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


@given(st.text(alphabet=st.sampled_from("ab中\n \u3000"), max_size=80))
def test_line_offsets_of_newline_only_text_are_those_of_the_reference(text):
    """Text without \\r takes the fast path (line lengths); it gives the reference's offsets."""
    idx = LineIndex(text)
    assert (idx.starts, idx.ends) == _line_offsets_one_break_at_a_time(text)
    assert (LineIndex(text + "\r").starts, LineIndex(text + "\r").ends) == _line_offsets_one_break_at_a_time(
        text + "\r"
    )
