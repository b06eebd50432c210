"""Deleting the matches of a long alternation of regular expressions fast, with exactly the
result of ``re.compile("|".join(f"(?:{p})" for p in patterns)).sub("", text)``.

Python's ``re`` tries every branch of an alternation at every position of the text, and cannot
skip ahead to a literal when a pattern opens with an optional group or a character class. Here
each pattern's required literals are read from its parse: a pattern none of whose literals is in
the text cannot match and is not tried; one that opens with a part of bounded width followed by
a literal is tried only at the positions that distance before an occurrence of that literal.
The alternation's match is then the leftmost match of any pattern (the first pattern on a tie),
and the search goes on where it ended, as ``sub`` does.
"""

from __future__ import annotations

import re
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]

from yblint import lazyre

_LITERAL = _sre_constants.LITERAL
_FLAGS = re.IGNORECASE | re.VERBOSE | re.LOCALE


def _parse(pattern: str):
    try:
        parsed = _sre_parser.parse(pattern)
    except re.error:
        return None
    return None if parsed.state.flags & _FLAGS else parsed


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (the longest such choice found in
    its parse), or None when none can be told (an optional pattern, flags, an unknown construct).
    A pattern whose literals are all absent from a text cannot match anywhere in it."""
    parsed = _parse(pattern)
    return None if parsed is None else _required(list(parsed))


def _required(items: list) -> tuple[str, ...] | None:
    """Literals of a parsed sequence one of which must occur: its best required part."""
    choices: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        if run:
            choices.append(("".join(run),))
            run = []
        sub: tuple[str, ...] | None = None
        if op is _sre_constants.SUBPATTERN and not av[1] and not av[2]:  # a group without flags
            sub = _required(list(av[3]))
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        elif op is _sre_constants.BRANCH:
            alts = [_required(list(b)) for b in av[1]]
            if all(a is not None for a in alts):
                sub = tuple(dict.fromkeys(x for a in alts if a for x in a))
        if sub:
            choices.append(sub)
    # the choice whose shortest literal is longest, then the one with fewest literals
    return max(choices, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def literal_anchor(pattern: str, widest: int = 24) -> tuple[str, int, int] | None:
    """``(literal, lo, hi)``: every match of ``pattern`` holds ``literal`` at ``lo`` to ``hi``
    characters from its start (the longest literal of the top-level sequence whose preceding
    part is at most ``widest`` characters wide), or None: none such, or the pattern opens with a
    literal (``re`` finds those itself)."""
    return _anchor(_parse(pattern), widest)


def _anchor(parsed, widest: int = 24) -> tuple[str, int, int] | None:
    """:func:`literal_anchor` of a parsed pattern (None: not parsed)."""
    if parsed is None:
        return None
    items = list(parsed)
    if not items or items[0][0] is _LITERAL:
        return None
    best: tuple[str, int, int] | None = None
    i = 0
    while i < len(items):
        if items[i][0] is not _LITERAL:
            i += 1
            continue
        j = i
        while j < len(items) and items[j][0] is _LITERAL:
            j += 1
        lo, hi = _sre_parser.SubPattern(parsed.state, items[:i]).getwidth()
        if hi <= widest and (best is None or j - i > len(best[0])):
            best = ("".join(chr(av) for _, av in items[i:j]), lo, hi)
        i = j
    return best


def _width(parsed) -> int:
    """The most characters a match of a parsed pattern can hold (sre's getwidth: a large number
    for a pattern with an unbounded repeat; the largest for a pattern that was not parsed)."""
    return _sre_constants.MAXREPEAT if parsed is None else int(parsed.getwidth()[1])


class _Searcher:
    """One pattern's ``search``; where it has a literal anchor, tried only where it can match."""

    __slots__ = ("anchor", "regex")

    def __init__(self, pattern: str, anchor: tuple[str, int, int] | None) -> None:
        self.regex = lazyre.compile(pattern)  # compiled when a text first holds its literals
        self.anchor = anchor

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        if self.anchor is None:
            return self.regex.search(text, pos)
        literal, lo, hi = self.anchor
        match = self.regex.match
        tried = pos  # every start before this one has been tried (or cannot match)
        q = text.find(literal, pos + lo)
        while q >= 0:
            # a match holding this occurrence of the literal starts q - hi .. q - lo
            for start in range(max(tried, q - hi), q - lo + 1):
                m = match(text, start)
                if m is not None:
                    return m
            tried = max(tried, q - lo + 1)
            q = text.find(literal, q + 1)
        return None


class Alternation:
    """The alternation of ``patterns`` (each wrapped in a non-capturing group, in this order)."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        # every pattern parsed once; the patterns compiled on first use (the whole alternation
        # only for a text where a pattern matches the empty string)
        self.regex = lazyre.compile("|".join(f"(?:{p})" for p in patterns))
        parsed = [_parse(p) for p in patterns]
        self.searchers = tuple(_Searcher(p, _anchor(q)) for p, q in zip(patterns, parsed, strict=True))
        literals = [None if q is None else _required(list(q)) for q in parsed]
        self.literals = tuple((x, i) for i, lits in enumerate(literals) for x in lits or ())
        self.always = frozenset(i for i, lits in enumerate(literals) if lits is None)
        # does the text hold any literal at all (most texts hold none): one scan
        words = sorted({x for x, _ in self.literals}, key=lambda x: (-len(x), x))  # the same pattern every run
        self.any_literal = lazyre.compile("|".join(map(re.escape, words))) if words else None
        #: the literals, shortest first: searched from an offset, the first one that starts there
        #: or later, and the shortest one there; the literals that begin with each literal; and for
        #: each literal the most characters a match of a pattern requiring it can hold
        self.shortest_literal = lazyre.compile("|".join(map(re.escape, words[::-1]))) if words else None
        self.literals_from = {x: [y for y in words if y.startswith(x)] for x in words}
        widths = [_width(q) for q in parsed]
        self.literal_widths: dict[str, int] = {}
        for x, i in self.literals:
            self.literal_widths[x] = max(self.literal_widths.get(x, 0), widths[i])

    def strip(self, text: str) -> str:
        """``text`` with every match deleted: exactly ``self.regex.sub("", text)``."""
        if self.any_literal is not None and not self.always and not self.any_literal.search(text):
            return text
        present = sorted(self.always.union(i for x, i in self.literals if x in text))
        if not present:
            return text
        searchers = [self.searchers[i] for i in present]
        nxt = [s.search(text, 0) for s in searchers]
        out = []
        p = 0
        while True:
            best = None
            for j, s in enumerate(searchers):
                m = nxt[j]
                if m is not None and m.start() < p:
                    m = nxt[j] = s.search(text, p)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                break
            if best.end() == best.start():  # an empty match: re.sub's own rules for those
                return self.regex.sub("", text)
            out.append(text[p : best.start()])
            p = best.end()
        out.append(text[p:])
        return "".join(out)
