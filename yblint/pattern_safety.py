"""What a pattern of a rule can see around a paragraph's edges, read from its source: whether a
search of a document's paragraphs joined by newlines finds its matches in each paragraph
(:func:`edge_safe`), or finds exactly its matches in each paragraph (:func:`whole_safe`), and the
characters every match of it takes one of (:func:`required_chars`). yblint.patterns.Matcher
searches a pattern once for a whole document, or a whole run, by them."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

#: what makes a pattern see past the edge of a paragraph differently in a joined text than in the
#: paragraph alone: anchors, and a negative lookaround with something that matches a newline
_ANCHORS = re.compile(r"(?<!\\)(?<!\[)[\^$]|\\[AZzGK]|\(\?[a-zA-Z]*s")
_NEWLINE_MATCHERS = re.compile(
    r"\n|\\[snWDPRvXhHN]|\\x0[aA]|\\u000[aA]|\\U0000000[aA]|\\0?12|\[\^|\[:"
    r"|\\p(?!\{(?:Han|Latin|L[ultmo]?|N[dlo]?|P[cdseifo]?)\})"  # \p{Common}, \p{Z} … may match a newline
)


@lru_cache(maxsize=1024)
def edge_safe(source: str) -> bool:
    """Whether a search of the paragraphs joined by newlines finds a match in every paragraph that
    a search of the paragraph alone finds one in (it may find more, never fewer). A lookbehind or
    lookahead at a paragraph's edge sees the newline instead of nothing: a positive one may then
    match where it would not (a candidate too many, searched again on its own), a negative one
    fails only if it can match a newline (``.`` does not, nor a class like ``[^，\\n]``); a word
    boundary treats both alike. So only what stands inside a negative lookaround is looked at.
    Anchors (^ $ \\A \\Z) and dot-all differ: such patterns are searched paragraph by paragraph."""
    if _ANCHORS.search(source):
        return False
    if "(?!" in source or "(?<!" in source:
        masked = _mask_newline_free_classes(source)
        bodies = _negative_lookarounds(masked) if masked is not None else None
        if bodies is None:  # not read to the end: the whole pattern is looked at
            return not _NEWLINE_MATCHERS.search(source)
        return not any(_NEWLINE_MATCHERS.search(b) for b in bodies)
    return True


#: stands for a class that cannot match a newline once it is taken out of a pattern: a character
#: no rule below reads as an escape, a range or a class
_MASK = "\u00b7"


def _classes(source: str) -> list[tuple[int, int]] | None:
    """(start, end) of each character class ``[…]`` of ``source``, escapes and a ``]`` right
    after ``[`` or ``[^`` read as regex reads them; None when a class never closes or one
    nests (``[[:space:]]``, a set operation): such a pattern is read the safe way."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                if source[j] == "[":
                    return None
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                return None
            out.append((i, j + 1))
            i = j + 1
            continue
        i += 1
    return out


def _mask_newline_free_classes(source: str) -> str | None:
    """``source`` with each negated class that leaves out the newline (``[^，。\\n]``: an escaped
    ``\\n`` or a newline in it, no range) put as one neutral character: it matches no newline,
    whatever else its letters say; None when the classes cannot be read."""
    classes = _classes(source)
    if classes is None:
        return None
    parts: list[str] = []
    last = 0
    for a, b in classes:
        body = source[a + 2 : b - 1] if source.startswith("[^", a) else None
        if body is None or "-" in body:
            continue
        units = re.findall(r"\\.|.", body, re.S)
        if "\\n" in units or "\n" in units:
            parts += [source[last:a], _MASK]
            last = b
    return "".join(parts) + source[last:]


def _negative_lookarounds(source: str) -> list[str] | None:
    """What stands inside each negative lookaround ``(?!…)`` / ``(?<!…)`` of ``source``, read
    with its escapes and classes; None when the brackets do not pair up."""
    classes = _classes(source)
    if classes is None:
        return None
    inside = {a: b for a, b in classes}
    stack: list[tuple[int, bool]] = []
    bodies: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if i in inside:
            i = inside[i]
            continue
        if ch == "(":
            negative = source.startswith("(?!", i) or source.startswith("(?<!", i)
            start = i + (4 if source.startswith("(?<!", i) else 3 if negative else 1)
            stack.append((start, negative))
            i = start
            continue
        if ch == ")":
            if not stack:
                return None
            start, negative = stack.pop()
            if negative:
                bodies.append(source[start:i])
        i += 1
    return bodies if not stack else None


#: what may let a pattern match a newline, or see one differently from a paragraph's edge: a
#: newline, an escape that matches or may stand for one (\\s, \\W, \\x0a, an octal escape …), a
#: range that starts below it (\\t-\\r), a negated or POSIX class, a Unicode property other than
#: letters, numbers and punctuation, inline flags (dot-all, multi-line, word …) and braces other
#: than a counted repeat (the regex module's fuzzy matching may substitute any character)
_SEES_NEWLINE = re.compile(
    r"\n|\\[snWDPRvXhHNLc0-7]"
    r"|\\x(?![0-9a-fA-F]{2})|\\x0[0-9aA]|\\u(?![0-9a-fA-F]{4})|\\u000[0-9aA]|\\U(?![0-9a-fA-F]{8})|\\U0000000[0-9aA]"
    r"|(?:\\t|[\x00-\x09])-|\[\^|\[:|\\p|\(\?(?!P[<=>])[a-zA-Z^-]|\{(?![0-9]*(?:,[0-9]*)?\})"
)
_SAFE_PROPERTY = re.compile(r"\\p\{(?:Han|Latin|L[ultmo]?|N[dlo]?|P[cdseifo]?)\}")


@lru_cache(maxsize=1024)
def whole_safe(source: str) -> bool:
    """Whether a search of the paragraphs joined by newlines finds exactly the matches a search
    of each paragraph alone finds (offsets aside). So it is when no part of the pattern, its
    lookarounds included, can match a newline and nothing anchors it: no match then runs across
    paragraphs, and at a paragraph's edge the pattern fails on the newline where it fails on the
    end of the text (a word boundary treats both alike)."""
    if _ANCHORS.search(source):
        return False
    masked = _mask_newline_free_classes(source)
    return not _SEES_NEWLINE.search(_SAFE_PROPERTY.sub("", source if masked is None else masked))


#: a set of characters a pattern's every match takes one of is used to skip paragraphs only if
#: it has at most this many characters, and then only sets without ASCII letters or digits or
#: ideographs, which most paragraphs hold
_REQUIRED_MAX = 8
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")
_UNKNOWN = "\ue000"  # stands for a Unicode property while a pattern is read with re's parser
_BRACES = re.compile(r"(?<!\\)\{(?![0-9]*(?:,[0-9]*)?\})")  # braces other than a counted repeat
_NAMED_BRACES = re.compile(r"\\[pPNx]\{[^}]*\}")  # \p{Han}, \N{…}, \x{…}


def _common_char(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or "\u3400" <= ch <= "\u9fff"


@lru_cache(maxsize=1024)
def required_chars(source: str, every: bool = False) -> frozenset[str] | None:
    """Characters of which every match of ``source`` takes at least one (not in a lookaround),
    when the pattern does not start with a literal (the regex module finds those fast anyway) and
    such a set is small and made of rare characters (- － – ： ␣): a paragraph without them has no
    match, and need not be searched. With ``every``, for a pattern that would otherwise be
    searched in every paragraph one by one (anchored, or seeing newlines; one search costs a
    clock read for its timeout), a literal first and common characters count too (本, ", 第).
    None when there is no such set or the pattern cannot be read (read with ``re``'s parser,
    Unicode properties standing for an unknown character)."""
    if _BRACES.search(_NAMED_BRACES.sub("", source)):  # fuzzy matching ({e<=1}): any character may stand in
        return None
    try:
        sre = importlib.import_module("re._constants")  # (private: a Python without them skips this)
        parser = importlib.import_module("re._parser")
        parsed = parser.parse(_PROPERTY.sub(lambda m: "\\ue000", source))
        items = list(parsed)
    except Exception:  # the regex module's own syntax
        return None
    if parsed.state.flags & re.IGNORECASE:  # (?i) at the start: any case of each character
        return None
    if not every and _starts_with_literal(items, sre):
        return None
    sets = [r for op, av in items if (r := _required(op, av, sre)) is not None]
    sets = [r for r in sets if len(r) <= _REQUIRED_MAX and (every or not any(_common_char(c) for c in r))]
    return min(sets, key=len) if sets else None


def _starts_with_literal(items: Any, sre: Any) -> bool:
    """Whether the first character a parsed pattern takes is a literal (after its lookarounds,
    inside its first group): the regex module searches for it fast."""
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            return chr(av) != _UNKNOWN
        if op is sre.SUBPATTERN:
            return _starts_with_literal(av[-1], sre)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            return _starts_with_literal(av[2], sre)
        return False
    return False


def _required(op: Any, av: Any, sre: Any) -> frozenset[str] | None:
    """Characters one of which the item ``(op, av)`` of a parsed pattern takes whenever it
    matches, or None (it may match nothing, or anything)."""
    if op is sre.LITERAL:
        return None if chr(av) == _UNKNOWN else frozenset(chr(av))
    if op is sre.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is sre.LITERAL:
                chars.add(chr(a))
            elif o is sre.RANGE and a[1] - a[0] < _REQUIRED_MAX:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:  # a negated class, a category, a wide range
                return None
        return None if _UNKNOWN in chars else frozenset(chars)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            r = _sequence(branch, sre)
            if r is None:
                return None
            union |= r
        return frozenset(union)
    if op is sre.SUBPATTERN:  # a group with flags of its own ((?i:…)) is not read
        return None if av[1] or av[2] else _sequence(av[-1], sre)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, sre)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _sequence(av[2], sre) if av[0] >= 1 else None
    return None  # a lookaround, a back reference, any character …


def _sequence(items: Any, sre: Any) -> frozenset[str] | None:
    """The smallest set one of whose characters a sequence of items takes (each item it holds
    always matches)."""
    sets = [r for op, av in items if (r := _required(op, av, sre)) is not None]
    return min(sets, key=len) if sets else None
