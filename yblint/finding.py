"""Findings: what a check reports, located by character offsets and resolved to line:column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from yblint.json_text import one_line
from yblint.lazy import lazy_import
from yblint.model import Document, Unit

if TYPE_CHECKING:
    import hashlib
else:
    hashlib = lazy_import("hashlib")  # a report without fingerprints (text) never loads OpenSSL

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
EXCERPT_CHARS = 120
_WS = re.compile(r"\s+")


VISIBLE_SPACE = str.maketrans({" ": "␣", "\u3000": "□", "\t": "⇥", "\r": "↵", "\n": "↵"})


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` with its runs of whitespace made one space (none at the ends), its middle cut out
    when that is longer than ``limit``: its first and last ``limit // 2 - 1`` characters."""
    half = limit // 2 - 1
    if half > 0 and len(text) > 4 * limit:  # a long text (a copied passage): only its ends are looked at
        # the collapsed head of a text begins its collapsed whole, the collapsed tail ends it
        head, tail = " ".join(text[: 2 * limit].split()), " ".join(text[-2 * limit :].split())
        if len(head) > limit and len(tail) >= half:
            return head[:half] + "……" + tail[len(tail) - half :]
    text = " ".join(text.split())  # runs of whitespace made one space, none at the ends
    if len(text) > limit:
        text = text[:half] + "……" + text[-half:]
    return text


def span_excerpt(text: str) -> str:
    """A finding's text as its ``excerpt`` shows it: shortened, or for a span of spaces (a
    space-in-cjk finding) the spaces made visible, ␣ □ ⇥ ↵."""
    if text.strip() or not text:
        return excerpt(text)
    return text[:EXCERPT_CHARS].translate(VISIBLE_SPACE)


@dataclass(eq=False, slots=True)
class Location:
    """A span of a document. Line, column and unit are resolved once, on first use; a check that
    knows the unit passes it (``Check.finding(unit=...)``) and nothing looks it up again."""

    document: Document
    start: int
    end: int
    known_unit: Unit | None = field(default=None, repr=False)
    _pos: tuple[int, int, int, int] | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def unit(self) -> Unit | None:
        unit = self.known_unit
        if unit is None:
            unit = self.known_unit = self.document.unit_at(self.start)
        return unit

    @property
    def unit_name(self) -> str | None:
        unit = self.unit
        return unit.name if unit is not None and unit.name else None

    def range(self) -> tuple[int, int, int, int]:
        """(line, column, end line, end column), 1-based."""
        pos = self._pos
        if pos is None:
            lines = self.document.lines
            line, col = lines.position(self.start)
            end_line, end_col = lines.end_position(self.end, self.start)
            pos = self._pos = (line, col, end_line, end_col)
        return pos

    def to_dict(self) -> dict[str, Any]:
        line, col, end_line, end_col = self.range()
        return {
            "path": self.document.path,
            "line": line,
            "column": col,
            "end_line": end_line,
            "end_column": end_col,
            "unit": self.unit_name,
            "excerpt": self.excerpt(),
        }

    def excerpt(self) -> str:
        """The span's text, shortened; spaces made visible; an empty span shows where it stands
        (▲ between the characters around it). Never empty."""
        if self.start < self.end:
            return span_excerpt(self.text)
        text = self.document.text
        before = _WS.sub("", text[max(0, self.start - 6) : self.start])[-3:]
        after = _WS.sub("", text[self.end : self.end + 6])[:3]
        return f"{before}▲{after}"


@dataclass(eq=False, slots=True)
class Edit:
    """Replace ``document.text[start:end]`` with ``replacement``."""

    document: Document
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        # exact positions: an edit that removes line breaks ends at the next line's column 1
        lines = self.document.lines
        line, col = lines.position(self.start)
        end_line, end_col = lines.position(self.end)
        return {
            "line": line,
            "column": col,
            "end_line": end_line,
            "end_column": end_col,
            "replacement": self.replacement,
        }


@dataclass(eq=False, slots=True)
class Fix:
    description: str
    edits: list[Edit]
    safe: bool = True  # False: offered in reports, never applied by --fix

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "edits": [e.to_dict() for e in self.edits]}


@dataclass(eq=False, slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    location: Location
    related: list[Location] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    key: str | None = None  # text that identifies the finding across moves; default: its span and context
    _fingerprint: str | None = field(default=None, init=False, repr=False)
    _json: str | None = field(default=None, init=False, repr=False)

    @property
    def document(self) -> Document:
        return self.location.document

    @property
    def line(self) -> int:
        return self.location.range()[0]

    @property
    def fingerprint(self) -> str:
        """:func:`fingerprint`, worked out once (it reads only the rule and the text)."""
        fp = self._fingerprint
        if fp is None:
            fp = self._fingerprint = fingerprint(self)
        return fp

    def sort_key(self) -> tuple:
        line, col, _, _ = self.location.range()
        return (self.document.path, line, col, self.rule, self.message)

    def json_line(self) -> str:
        """:meth:`to_dict` as one line of JSON, worked out once (the ``-j`` workers work it out for
        their findings when the report is JSON); :meth:`changed` forgets it."""
        text = self._json
        if text is None:
            text = self._json = one_line(self.to_dict())
        return text

    def changed(self) -> None:
        """The finding was changed after it was made: what was worked out from it is forgotten."""
        self._json = None

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        line, col, end_line, end_col = loc.range()
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "path": loc.document.path,
            "line": line,
            "column": col,
            "end_line": end_line,
            "end_column": end_col,
            "unit": loc.unit_name,
            "excerpt": loc.excerpt(),
            "related": [r.to_dict() for r in self.related],
            "fingerprint": self.fingerprint,
            "data": self.data,
            "fix": self.fix.to_dict() if self.fix else None,
        }


CONTEXT_CHARS = 8


def _paragraph_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Offsets that bound a fingerprint's context: the paragraph(s) the span lies in (a span in
    the gap between paragraphs is bounded by its neighbours), or the whole text."""
    lo, hi = 0, len(doc.text)
    before = doc.paragraph_before(start)
    if before is not None:
        lo = before.first if start <= before.end else before.end
    after = doc.paragraph_ending_after(end)
    if after is not None:
        hi = after.end if after.first <= end else after.first
    return lo, hi


def fingerprint(f: Finding) -> str:
    """Rule + normalised text (the finding's span with a little context), never line numbers:
    moving a passage keeps its fingerprint, editing it changes the fingerprint. Whitespace is
    dropped with str.split (the same characters as re's ``\\s``, and three times faster)."""
    if f.key is not None:
        key = f.key
    else:
        loc = f.location
        doc, start, end = loc.document, loc.start, loc.end
        text = doc.text
        lo, hi = _paragraph_bounds(doc, start, end)  # moving a paragraph keeps the context
        before = "".join(text[max(lo, start - CONTEXT_CHARS * 2) : start].split())[-CONTEXT_CHARS:]
        after = "".join(text[end : min(hi, end + CONTEXT_CHARS * 2)].split())[:CONTEXT_CHARS]
        key = before + "\x1f" + "".join(text[start:end].split()) + "\x1f" + after
    return hashlib.sha1((f.rule + "\x1e" + key).encode()).hexdigest()[:16]
