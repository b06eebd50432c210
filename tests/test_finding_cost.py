"""The fast paths a finding takes from its check to the report give what the plain ways give:
message templates filled from pre-cut parts, JSON from one reused C encoder (one_line) and from
a recursive writer (indented, the SARIF report)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yblint import ruledefs
from yblint.checks.pattern_types import QUOTE_CLOSERS, QUOTE_PAIRS, quoted_spans
from yblint.finding import excerpt
from yblint.json_text import indented, one_line

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill_by_regex(template: str, args: dict[str, Any], strict: bool = False) -> str:
    """The reference: one regular-expression substitution over the template."""

    def one(m: re.Match[str]) -> str:
        if m.group(1) in args:
            return str(args[m.group(1)])
        if strict:
            raise KeyError(m.group(1))
        return m.group(0)

    return _FIELD.sub(one, template)


NAMES = st.sampled_from(["match", "count", "other", "a_1", "x"])
PIECES = st.one_of(
    st.text(alphabet="{}!:0aé中 “”", max_size=6),
    NAMES.map(lambda n: "{" + n + "}"),
    NAMES.map(lambda n: "{" + n + "!r}"),
)
TEMPLATES = st.lists(PIECES, max_size=8).map("".join)
ARGS = st.dictionaries(NAMES, st.one_of(st.integers(), st.text(max_size=4), st.none()), max_size=4)


@pytest.mark.parametrize("strict", [False, True])
@given(template=TEMPLATES, args=ARGS)
def test_fill_equals_one_substitution(strict: bool, template: str, args: dict[str, Any]) -> None:
    """Same text; under STRICT (the tests' setting), a KeyError where the reference raises one."""
    try:
        expected: str | None = fill_by_regex(template, args, strict=strict)
    except KeyError:
        expected = None
    old = ruledefs.STRICT
    ruledefs.STRICT = strict
    try:
        if expected is None:
            with pytest.raises(KeyError):
                ruledefs.fill(template, args)
        else:
            assert ruledefs.fill(template, args) == expected
    finally:
        ruledefs.STRICT = old


def test_fill_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ruledefs, "STRICT", False)
    assert ruledefs.fill("“{match}”出现{count}次{0}{}{other!r}{", {"match": "我们", "count": 3}) == (
        "“我们”出现3次{0}{}{other!r}{"
    )
    assert ruledefs.fill("{x}{x}", {"x": None}) == "NoneNone"
    assert ruledefs.fill("plain", {}) == "plain"


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # nan and infinity too: NaN, Infinity as json.dumps writes them
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers(), st.booleans(), st.none()), inner, max_size=4),
    ),
    max_leaves=12,
)


@given(JSONISH)
def test_one_line_is_json_dumps(value: Any) -> None:
    assert one_line(value) == json.dumps(value, ensure_ascii=False)


@given(JSONISH)
def test_indented_is_json_dumps_indent_2(value: Any) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_examples() -> None:
    value = {"a": [], "b": {}, "c": [1, [2, {"d": None}]], 1.5: True, None: -0.0, "e": float("nan")}
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert indented(value).startswith('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    [\n      2,')


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {(1, 2): 3}])
def test_encoders_refuse_what_json_dumps_refuses(value: Any) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, ensure_ascii=False)
    with pytest.raises(TypeError):
        one_line(value)
    with pytest.raises(TypeError):
        indented(value)


def quoted_spans_by_character(text: str) -> list[tuple[int, int]]:
    """The reference: quoted_spans as it was, looking at every character."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in QUOTE_CLOSERS and stack:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == QUOTE_CLOSERS[ch]:
                    start = stack[depth][1]
                    del stack[depth:]
                    if not stack:
                        spans.append((start, i + 1))
                    break
    if stack:
        spans.append((stack[0][1], len(text)))
    return spans


@given(st.text(alphabet="“”‘’「」『』\"'我们a。\n", max_size=30))
def test_quoted_spans_scan_the_marks_only(text: str) -> None:
    assert quoted_spans(text) == quoted_spans_by_character(text)


SPACEY = ["a", "中", " ", "\u3000", "\t", "\n", "\r", "\x1c", "\x85", "\u2028", "\xa0"]


@given(st.text(alphabet=st.sampled_from(SPACEY)))
def test_split_drops_what_the_regex_drops(text: str) -> None:
    """fingerprint and excerpt drop whitespace with str.split, as re.sub(r"\\s+") did."""
    assert "".join(text.split()) == re.sub(r"\s+", "", text)
    assert excerpt(text, 10**6) == re.sub(r"\s+", " ", text).strip()


def test_split_and_regex_whitespace_are_one_set() -> None:
    space = re.compile(r"\s")
    assert all(chr(c).isspace() == bool(space.match(chr(c))) for c in range(0x110000))
