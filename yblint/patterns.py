"""Matching machinery shared by the YAML pattern rules (existence, substitution, repetition,
consistency): compiling a rule's tokens, swaps and exceptions with the ``regex`` module,
choosing the paragraphs in the rule's scope, and finding matches with their exact offsets.

Rule files are data: every pattern is a regular expression compiled here, never code. A
pattern runs with a timeout, so that one with catastrophic backtracking ends the run with one
line naming the rule instead of hanging it.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from yblint import re_cache
from yblint.errors import ConfigError
from yblint.model import CODE, HEADING, HTML, LIST_ITEM, PROSE, TABLE, Document, Paragraph
from yblint.ruledefs import RuleDef
from yblint.yamlpos import line_of

#: paragraphs with a match in a document from which a rule's exceptions are searched in the whole
#: document at once rather than paragraph by paragraph (the same spans either way)
WHOLE_EXCEPTIONS = 32
#: a pattern that takes one of a few rare characters is searched only in the paragraphs holding
#: one where they are at most 1 in this many (see :func:`required_chars`)
HOLDING_SHARE = 4
#: names a rule's ``scope`` may use, and the paragraph kinds they stand for
SCOPES: dict[str, str] = {
    "prose": PROSE,
    "list_item": LIST_ITEM,
    "list": LIST_ITEM,
    "heading": HEADING,
    "table": TABLE,
    "code": CODE,
    "html": HTML,
}
DEFAULT_SCOPE = ("prose", "list_item")
#: seconds one pattern may spend on one paragraph
DEFAULT_TIMEOUT = 1.0
MAX_TIMEOUT = 60.0


class PatternTimeout(ConfigError):
    """A rule's pattern ran past its timeout (catastrophic backtracking): the run ends, exit 2."""


def rule_error(rule: RuleDef, message: str, *key: Any) -> ConfigError:
    """A ConfigError naming the rule file and the line of ``key`` (a key path into the YAML)."""
    return ConfigError(message, rule.file, line_of(rule.line_of_key, *key) if rule.line_of_key else None)


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern of a rule, the YAML key path it came from, and what it carries
    (a substitution's replacement, a consistency form's index …)."""

    source: str
    compiled: regex.Pattern
    key: tuple
    payload: Any = None


@dataclass(frozen=True)
class Hit:
    """A match in a document: offsets into ``Document.text``."""

    document: Document
    start: int
    end: int
    match: Any  # regex.Match, for its groups (its offsets count from the paragraph or the joined text)
    pattern: Pattern
    paragraph: Paragraph

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    def expand(self, template: str) -> str:
        return self.match.expand(template)


def flags_of(rule: RuleDef) -> int:
    flags = regex.V0
    if rule.raw.get("ignorecase"):
        flags |= regex.IGNORECASE
    return flags


def compile_one(rule: RuleDef, source: Any, *key: Any, literal: bool = False, payload: Any = None) -> Pattern:
    if not isinstance(source, str) or not source:
        raise rule_error(rule, f"rule '{rule.id}': a pattern must be a non-empty string", *key)
    text = regex.escape(source) if literal else source
    try:
        compiled = re_cache.compile_regex(text, flags_of(rule))
    except regex.error as e:
        raise rule_error(rule, f"rule '{rule.id}': invalid regular expression {source!r}: {e}", *key) from None
    return Pattern(source, compiled, tuple(key), payload)


def str_list(rule: RuleDef, key: str, *, required: bool = False) -> list[str]:
    value = rule.raw.get(key)
    if value is None:
        if required:
            raise rule_error(rule, f"rule '{rule.id}' of type '{rule.type}' needs '{key}' (a list of patterns)", "id")
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or (not value and required):
        raise rule_error(rule, f"'{key}' of rule '{rule.id}' must be a non-empty list of patterns", key)
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v:
            raise rule_error(rule, f"'{key}' of rule '{rule.id}' must list non-empty strings", key, i)
    return list(value)


def compile_list(rule: RuleDef, key: str, *, required: bool = False) -> list[Pattern]:
    literal = bool(rule.raw.get("literal"))
    return [compile_one(rule, s, key, i, literal=literal) for i, s in enumerate(str_list(rule, key, required=required))]


def scope_kinds(rule: RuleDef) -> frozenset[str]:
    value = rule.raw.get("scope", list(DEFAULT_SCOPE))
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise rule_error(rule, f"'scope' of rule '{rule.id}' must be a list of: {', '.join(SCOPES)}", "scope")
    kinds = set()
    for i, v in enumerate(value):
        if v not in SCOPES:
            raise rule_error(rule, f"unknown scope '{v}' in rule '{rule.id}' (known: {', '.join(SCOPES)})", "scope", i)
        kinds.add(SCOPES[v])
    return frozenset(kinds)


def timeout_of(rule: RuleDef) -> float:
    value = rule.raw.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_TIMEOUT:
        raise rule_error(
            rule, f"'timeout' of rule '{rule.id}' must be seconds between 0 and {MAX_TIMEOUT:g}", "timeout"
        )
    return float(value)


@dataclass(frozen=True)
class PatternOptions:
    """The keys every pattern type shares, decoded from a rule file."""

    exceptions: tuple[Pattern, ...] = ()
    scope: frozenset[str] = frozenset(SCOPES[s] for s in DEFAULT_SCOPE)
    ignorecase: bool = False
    literal: bool = False
    timeout: float = DEFAULT_TIMEOUT


def decode_options(rule: RuleDef) -> PatternOptions:
    """The keys every pattern type shares: exceptions, scope, ignorecase, literal, timeout."""
    for key in ("ignorecase", "literal"):
        if key in rule.raw and not isinstance(rule.raw[key], bool):
            raise rule_error(rule, f"'{key}' of rule '{rule.id}' must be true or false", key)
    return PatternOptions(
        exceptions=tuple(compile_list(rule, "exceptions")),
        scope=scope_kinds(rule),
        ignorecase=bool(rule.raw.get("ignorecase")),
        literal=bool(rule.raw.get("literal")),
        timeout=timeout_of(rule),
    )


_GROUP_REF = re.compile(r"\\(?:g<([^>]*)>|(\d+))")


def check_template(rule: RuleDef, pattern: Pattern, template: Any, *key: Any) -> None:
    """A replacement may refer to the groups of its pattern (\\1, \\g<1>, \\g<name>); refuse others."""
    if not isinstance(template, str):
        raise rule_error(rule, f"rule '{rule.id}': a replacement must be a string", *key)
    groups, names = pattern.compiled.groups, set(pattern.compiled.groupindex)
    for m in _GROUP_REF.finditer(template):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        ok = (ref.isdigit() and int(ref) <= groups) or ref in names
        if not ok:
            raise rule_error(rule, f"rule '{rule.id}': replacement {template!r} refers to unknown group '{ref}'", *key)


class Matcher:
    """A rule's compiled patterns, exceptions and scope; ``hits`` finds its matches in a document."""

    def __init__(self, rule: RuleDef, patterns: list[Pattern], options: PatternOptions | None = None) -> None:
        options = options or decode_options(rule)
        self.rule = rule
        self.patterns = patterns
        self.exceptions = list(options.exceptions)
        self.kinds = options.scope
        self.timeout = options.timeout

    def paragraphs(self, doc: Document) -> Iterator[Paragraph]:
        for p in doc.paragraphs:
            if p.kind in self.kinds and p.end > p.start:
                yield p

    def _run(self, pattern: Pattern, text: str, doc: Document, para: Paragraph) -> list[Any]:
        try:
            return list(pattern.compiled.finditer(text, timeout=self.timeout, concurrent=False))
        except TimeoutError:
            line = doc.lines.line_of(para.start)
            raise PatternTimeout(
                f"rule '{self.rule.id}': pattern {pattern.source!r} ran longer than {self.timeout:g}s on "
                f"{doc.path}:{line} (catastrophic backtracking?); simplify it",
                self.rule.file,
                line_of(self.rule.line_of_key, *pattern.key) if self.rule.line_of_key else None,
            ) from None

    def _candidates(self, pattern: Pattern, joined: str, starts: list[int], ends: list[int]) -> set[int] | None:
        """Indices of the paragraphs a match of ``pattern`` may lie in, from one search of the
        paragraphs joined by newlines (see :func:`edge_safe`); None: search every paragraph."""
        if not edge_safe(pattern.source):
            return None
        try:
            found = pattern.compiled.finditer(joined, timeout=self.timeout, concurrent=False)
            out: set[int] = set()
            for m in found:
                s, e = m.span()
                i = bisect.bisect_right(starts, s) - 1
                if e <= ends[i]:
                    out.add(i)
                else:  # across paragraphs: each one it touches is searched on its own
                    out.update(range(i, bisect.bisect_left(starts, e)))
            return out
        except TimeoutError:
            return None  # search paragraph by paragraph, which names the paragraph if it times out

    def _scope(self, doc: Document) -> _Scope | None:
        """The paragraphs in the rule's scope and their text joined by newlines, made once a
        document for all the rules of the same scope."""
        key = "patterns.scope:" + ",".join(sorted(self.kinds))
        scope = doc.derived.get(key)
        if scope is None:
            paragraphs = list(self.paragraphs(doc))
            texts = [p.text for p in paragraphs]
            starts, ends, at = [], [], 0
            for t in texts:
                starts.append(at)
                ends.append(at + len(t))
                at += len(t) + 1
            scope = doc.derived[key] = _Scope(paragraphs, texts, starts, ends, "\n".join(texts))
        return scope if scope.paragraphs else None

    def _whole(self, pattern: Pattern, scope: _Scope) -> dict[int, list[tuple[int, int, Any]]] | None:
        """The matches of ``pattern`` by paragraph (index: [(start, end, match)], offsets in the
        paragraph), from one search of the joined text, for a pattern that matches there exactly
        as in each paragraph alone (:func:`whole_safe`); None: search paragraph by paragraph."""
        if not whole_safe(pattern.compiled.pattern):
            return None
        starts = scope.starts
        out: dict[int, list[tuple[int, int, Any]]] = {}
        try:
            for m in pattern.compiled.finditer(scope.joined, timeout=self.timeout, concurrent=False):
                s, e = m.span()
                i = bisect.bisect_right(starts, s) - 1
                out.setdefault(i, []).append((s - starts[i], e - starts[i], m))
        except TimeoutError:
            return None  # search paragraph by paragraph, which names the paragraph if it times out
        return out

    def _holding(self, pattern: Pattern, scope: _Scope, every: bool = False) -> set[int] | None:
        """For a pattern with :func:`required_chars`: the paragraphs holding one of them, found
        with ``str.find``; the pattern matches in no other. For a whole_safe pattern, only where
        they are few (a quarter of the paragraphs at most; None: search the whole document); with
        ``every``, for a pattern otherwise searched in every paragraph one by one, however many
        (None: search every paragraph)."""
        if pattern.compiled.flags & regex.IGNORECASE:
            return None
        chars = required_chars(pattern.compiled.pattern, every)
        if chars is None:
            return None
        joined, starts, ends = scope.joined, scope.starts, scope.ends
        most = len(starts) if every else len(starts) // HOLDING_SHARE
        out: set[int] = set()
        for ch in chars:
            at = joined.find(ch)
            while at >= 0:
                i = bisect.bisect_right(starts, at) - 1
                out.add(i)
                if len(out) > most:
                    return None
                at = joined.find(ch, ends[i])
        return out

    def hits(self, doc: Document, patterns: Iterable[Pattern] | None = None) -> Iterator[Hit]:
        """Non-overlapping matches in reading order: where matches of different patterns overlap,
        the leftmost wins, then the longest, then the pattern listed first. A match lying inside
        a match of an exception is dropped.

        Each pattern is searched once in the whole document (its paragraphs joined by newlines).
        A pattern that cannot see a newline (:func:`whole_safe`) finds there exactly its matches
        in each paragraph; another one finds the paragraphs it matches in (:func:`edge_safe`),
        which are then searched one by one. Either way the matches are those a search of every
        paragraph would give. A match's offsets (``Hit.match``) are not to be used: they count
        from the paragraph or from the joined text."""
        pats = list(self.patterns if patterns is None else patterns)
        scope = self._scope(doc)
        if scope is None:
            return
        # paragraph index -> [(start, -length, order, end, match, pattern)], offsets in the paragraph
        found_in: dict[int, list[tuple[int, int, int, int, Any, Pattern]]] = {}
        slow: list[tuple[int, Pattern, set[int] | None]] = []
        for order, pat in enumerate(pats):
            holding = self._holding(pat, scope) if whole_safe(pat.compiled.pattern) else None
            if holding is not None:  # only these paragraphs can hold a match: each searched alone
                slow.append((order, pat, holding))
                continue
            whole = self._whole(pat, scope)
            if whole is None:
                where = self._candidates(pat, scope.joined, scope.starts, scope.ends)
                if where is None:  # every paragraph alone: only those holding a character every match takes
                    where = self._holding(pat, scope, every=True)
                slow.append((order, pat, where))
                continue
            for i, ms in whole.items():
                found_in.setdefault(i, []).extend((s, s - e, order, e, m, pat) for s, e, m in ms if e > s)
        todo: Iterable[int]
        if any(where is None for _, _, where in slow):
            todo = range(len(scope.paragraphs))
        else:
            todo = sorted(found_in.keys() | set().union(*(where for _, _, where in slow if where is not None)))
        # exceptions: in the paragraphs with a match only, where matches are rare (space-in-cjk);
        # in one search of the whole document where many paragraphs have one (first-person's
        # 我们 in 3,124 paragraphs), for an exception that matches there as in each paragraph
        exc_whole: list[dict[int, list[tuple[int, int, Any]]] | None] = [None] * len(self.exceptions)
        if len(found_in) >= WHOLE_EXCEPTIONS:
            exc_whole = [self._whole(exc, scope) for exc in self.exceptions]
        for i in todo:
            para, text = scope.paragraphs[i], scope.texts[i]
            found = list(found_in.get(i, ()))
            for order, pat, where in slow:
                if where is not None and i not in where:
                    continue
                for m in self._run(pat, text, doc, para):
                    if m.end() > m.start():
                        found.append((m.start(), m.start() - m.end(), order, m.end(), m, pat))
            if not found:
                continue
            spans = [
                span
                for exc, whole in zip(self.exceptions, exc_whole, strict=True)
                for span in (
                    [(m.start(), m.end()) for m in self._run(exc, text, doc, para)]
                    if whole is None
                    else [(s, e) for s, e, _m in whole.get(i, ())]
                )
            ]
            found.sort(key=lambda t: t[:3])
            last_end = -1
            for start, _neg, _order, end, m, pat in found:
                if start < last_end:
                    continue
                if any(s <= start and end <= e for s, e in spans):
                    continue
                last_end = end
                yield Hit(doc, para.start + start, para.start + end, m, pat, para)


@dataclass(frozen=True)
class _Scope:
    """A document's paragraphs in one scope, their texts, and where each one starts and ends in
    the texts joined by newlines."""

    paragraphs: list[Paragraph]
    texts: list[str]
    starts: list[int]
    ends: list[int]
    joined: str


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


def group_args(hit: Hit) -> dict[str, str]:
    """Named groups of a match, for message templates."""
    return {k: v for k, v in hit.match.groupdict().items() if isinstance(v, str)}
