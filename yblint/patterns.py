"""Matching machinery shared by the YAML pattern rules (existence, substitution, repetition,
consistency): compiling a rule's tokens, swaps and exceptions with the ``regex`` module,
choosing the paragraphs in the rule's scope, and finding matches with their exact offsets.

Rule files are data: every pattern is a regular expression compiled here, never code. A
pattern runs with a timeout, so that one with catastrophic backtracking ends the run with one
line naming the rule instead of hanging it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from yblint import re_cache
from yblint.errors import ConfigError
from yblint.model import CODE, HEADING, HTML, LIST_ITEM, PROSE, TABLE, Document, Paragraph
from yblint.pattern_safety import edge_safe, required_chars, whole_safe
from yblint.ruledefs import RuleDef
from yblint.yamlpos import line_of

#: paragraphs with a match in a document from which a rule's exceptions are searched in the whole
#: document at once rather than paragraph by paragraph (the same spans either way)
WHOLE_EXCEPTIONS = 32
#: a pattern that takes one of a few rare characters is searched only in the paragraphs holding
#: one where they are at most 1 in this many (see :func:`required_chars`)
HOLDING_SHARE = 4
#: regex.IGNORECASE as a plain int: ``flags & regex.IGNORECASE`` makes an enum member every time
#: (2 µs; a rule's patterns in each of 1,000 drafts: 190,000 times)
_IGNORECASE = int(regex.IGNORECASE)
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
        # what prepare() found for the documents it was given: the patterns it searched (their
        # order) and, by document, its matches of them by paragraph (as hits keeps them)
        self._done: frozenset[int] = frozenset()
        self._ready: dict[int, dict[int, list[tuple[int, int, int, int, Any, Pattern]]]] = {}

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

    def _whole(self, pattern: Pattern, scope: _Scope | _BookScope) -> dict[int, list[tuple[int, int, Any]]] | None:
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

    def _holding(self, pattern: Pattern, scope: _Scope | _BookScope, every: bool = False) -> set[int] | None:
        """For a pattern with :func:`required_chars`: the paragraphs holding one of them, found
        with ``str.find``; the pattern matches in no other. For a whole_safe pattern, only where
        they are few (a quarter of the paragraphs at most; None: search the whole document); with
        ``every``, for a pattern otherwise searched in every paragraph one by one, however many
        (None: search every paragraph)."""
        if pattern.compiled.flags & _IGNORECASE:
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

    def prepare(self, documents: list[Document]) -> None:
        """Search ``documents`` for the patterns that see no newline (:func:`whole_safe`) all at
        once, their paragraphs in scope joined by newlines as :meth:`hits` joins one document's:
        one search a pattern for the whole run rather than one a document (1,000 drafts of a
        unit each: a rule's every pattern searched 1,000 times). :meth:`hits` then takes each
        document's matches from here; the same matches as a search of each paragraph alone."""
        self._done, self._ready = frozenset(), {}
        if len(documents) < 2:
            return
        book = _book_scope(documents, self)
        if not book.starts:
            return
        done: set[int] = set()
        ready: dict[int, dict[int, list[tuple[int, int, int, int, Any, Pattern]]]] = {id(d): {} for d in documents}
        for order, pat in enumerate(self.patterns):
            if not whole_safe(pat.compiled.pattern):
                continue
            got = self._book_matches(pat, book)
            if got is None:
                continue  # timed out on the whole run: each document is searched on its own
            done.add(order)
            for g, s, e, m in got:
                k, i = book.owner[g], book.local[g]
                ready[id(book.documents[k])].setdefault(i, []).append((s, s - e, order, e, m, pat))
        self._done, self._ready = frozenset(done), ready

    def _book_matches(self, pat: Pattern, book: _BookScope) -> list[tuple[int, int, int, Any]] | None:
        """The matches of a :func:`whole_safe` pattern in the paragraphs of ``book``: (the
        paragraph's number in the book, start, end in the paragraph, match), empty ones left out;
        None when the search of the whole text timed out."""
        holding = self._holding(pat, book)
        out: list[tuple[int, int, int, Any]] = []
        if holding is not None:  # few paragraphs hold what every match takes: each searched alone
            for g in sorted(holding):
                scope = book.scopes[book.owner[g]]
                i = book.local[g]
                for m in self._run(pat, scope.texts[i], book.documents[book.owner[g]], scope.paragraphs[i]):
                    if m.end() > m.start():
                        out.append((g, m.start(), m.end(), m))
            return out
        whole = self._whole(pat, book)
        if whole is None:
            return None
        return [(g, s, e, m) for g, ms in whole.items() for s, e, m in ms if e > s]

    def hits(self, doc: Document, patterns: Iterable[Pattern] | None = None) -> Iterator[Hit]:
        """Non-overlapping matches in reading order: where matches of different patterns overlap,
        the leftmost wins, then the longest, then the pattern listed first. A match lying inside
        a match of an exception is dropped.

        Each pattern is searched once in the whole document (its paragraphs joined by newlines),
        or once for every document of the run, where :meth:`prepare` was given them.
        A pattern that cannot see a newline (:func:`whole_safe`) finds there exactly its matches
        in each paragraph; another one finds the paragraphs it matches in (:func:`edge_safe`),
        which are then searched one by one. Either way the matches are those a search of every
        paragraph would give. A match's offsets (``Hit.match``) are not to be used: they count
        from the paragraph or from the joined text."""
        pats = list(self.patterns if patterns is None else patterns)
        scope = self._scope(doc)
        if scope is None:
            return
        ready = self._ready.pop(id(doc), None) if patterns is None else None
        done = self._done if ready is not None else frozenset()
        # paragraph index -> [(start, -length, order, end, match, pattern)], offsets in the paragraph
        found_in: dict[int, list[tuple[int, int, int, int, Any, Pattern]]] = ready or {}
        slow: list[tuple[int, Pattern, set[int] | None]] = []
        for order, pat in enumerate(pats):
            if order in done:
                continue  # found by prepare()
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
class _BookScope:
    r"""The paragraphs in one scope of several documents (their :class:`_Scope`\ s), joined by
    newlines as one text: where each paragraph starts and ends there, and whose it is (the
    document's number, the paragraph's number in the document's scope)."""

    documents: list[Document]
    scopes: list[_Scope]
    starts: list[int]
    ends: list[int]
    owner: list[int]
    local: list[int]
    joined: str


def _book_scope(documents: list[Document], matcher: Matcher) -> _BookScope:
    """The :class:`_BookScope` of ``documents`` in the scope of ``matcher``'s rule, made once for
    the rules of one scope run on the same list of documents (kept with the first document, so
    that it goes when the documents go)."""
    key = f"patterns.book:{','.join(sorted(matcher.kinds))}:{id(documents)}"
    derived = documents[0].derived
    kept = derived.get(key)
    if kept is not None and kept[0] is documents:
        return kept[1]
    docs: list[Document] = []
    scopes: list[_Scope] = []
    starts: list[int] = []
    ends: list[int] = []
    owner: list[int] = []
    local: list[int] = []
    at = 0
    for doc in documents:
        scope = matcher._scope(doc)
        if scope is None:
            continue
        k = len(docs)
        docs.append(doc)
        scopes.append(scope)
        starts.extend([at + x for x in scope.starts])
        ends.extend([at + x for x in scope.ends])
        owner.extend([k] * len(scope.starts))
        local.extend(range(len(scope.starts)))
        at += len(scope.joined) + 1
    book = _BookScope(docs, scopes, starts, ends, owner, local, "\n".join(s.joined for s in scopes))
    derived[key] = (documents, book)
    return book


@dataclass(frozen=True)
class _Scope:
    """A document's paragraphs in one scope, their texts, and where each one starts and ends in
    the texts joined by newlines."""

    paragraphs: list[Paragraph]
    texts: list[str]
    starts: list[int]
    ends: list[int]
    joined: str


def group_args(hit: Hit) -> dict[str, str]:
    """Named groups of a match, for message templates."""
    return {k: v for k, v in hit.match.groupdict().items() if isinstance(v, str)}
