"""The document model: Corpus -> Document -> Unit -> Paragraph -> Sentence.

Every element keeps its span as character offsets into its Document's original text, so any
finding can be mapped back to line:column in the file as it was read.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from yblint.textpos import LineIndex

# block kinds: prose is linted as running text; the others are recognised but are not prose
PROSE = "prose"
HEADING = "heading"
LIST_ITEM = "list_item"
TABLE = "table"
CODE = "code"
HTML = "html"
SENTENCE_KINDS = (PROSE, LIST_ITEM)


@dataclass(eq=False)
class Block:
    """A block as a parser found it: ``start``/``end`` bound its source lines, ``content_start``
    skips markup such as ``# `` or ``- ``."""

    kind: str
    start: int
    end: int
    content_start: int | None = None
    level: int = 0  # heading level (Markdown) or nesting depth

    def __post_init__(self) -> None:
        if self.content_start is None:
            self.content_start = self.start


class _Lines:
    """First and last line of an element with ``document``, ``start`` and ``end``."""

    document: Document

    if TYPE_CHECKING:  # fields of a Paragraph, properties of a Unit

        @property
        def start(self) -> int: ...

        @property
        def end(self) -> int: ...

    @property
    def line(self) -> int:
        return self.document.lines.line_of(self.start)

    @property
    def end_line(self) -> int:
        return self.document.lines.end_position(self.end, self.start)[0]


@dataclass(eq=False)
class Sentence:
    paragraph: Paragraph
    start: int
    end: int
    index: int

    @property
    def text(self) -> str:
        return self.paragraph.document.text[self.start : self.end]


@dataclass(eq=False)
class Paragraph(_Lines):
    document: Document
    kind: str
    start: int  # offset of the content (markup such as "- " skipped)
    end: int
    index: int  # position in the document, over all blocks
    block_start: int = -1  # offset of the block including its markup
    level: int = 0
    unit: Unit | None = None
    #: the sentences of a prose paragraph, split on first use (most rules never read them)
    _sentences: list[Sentence] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            from yblint.parsing.sentences import split_sentences

            self._sentences = split_sentences(self) if self.is_prose else []
        return self._sentences

    @sentences.setter
    def sentences(self, value: list[Sentence]) -> None:
        self._sentences = value

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def first(self) -> int:
        """Offset of the block including its markup (``- ``, ``# ``)."""
        return self.block_start if 0 <= self.block_start <= self.start else self.start

    @property
    def is_prose(self) -> bool:
        return self.kind in SENTENCE_KINDS


@dataclass(eq=False)
class Unit(_Lines):
    """The section one contributing body wrote; ``heading`` is None for text before the first heading."""

    document: Document
    name: str
    index: int
    heading: Paragraph | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def start(self) -> int:
        if self.heading is not None:
            return self.heading.start
        return self.paragraphs[0].start if self.paragraphs else 0

    @property
    def end(self) -> int:
        if self.paragraphs:
            return self.paragraphs[-1].end
        return self.heading.end if self.heading is not None else 0

    @property
    def prose(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.is_prose]


@dataclass(eq=False)
class Document:
    path: str
    text: str
    encoding: str
    format: str
    locations: str = "line"
    newline: str = "\n"
    units: list[Unit] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every block, in order
    reference: bool = False  # compared against (--corpus) but never reported on
    suppressions: list = field(default_factory=list)
    #: what yblint/text derives from the text once per document (paragraph joins …), by name
    derived: dict[str, Any] = field(default_factory=dict, repr=False)
    #: spans that are not prose although they stand in or between prose paragraphs (Markdown code
    #: spans, inline HTML and comments, link targets, URLs, front matter): never linted, never fixed
    literal_spans: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    # Offsets of units and paragraphs, for bisecting; built on first use, once parsing is done.
    @cached_property
    def _unit_starts(self) -> list[int]:
        return [u.start for u in self.units]

    @cached_property
    def _paragraph_firsts(self) -> list[int]:
        return [p.first for p in self.paragraphs]

    @cached_property
    def _paragraph_ends(self) -> list[int]:
        return [p.end for p in self.paragraphs]

    def unit_at(self, offset: int) -> Unit | None:
        """The unit holding ``offset``: the last one starting at or before it."""
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        return self.units[i] if i >= 0 else None

    def paragraph_before(self, offset: int) -> Paragraph | None:
        """The last paragraph whose block starts at or before ``offset``."""
        i = bisect.bisect_right(self._paragraph_firsts, offset) - 1
        return self.paragraphs[i] if i >= 0 else None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph whose block (markup included) holds ``offset``, its end included."""
        p = self.paragraph_before(offset)
        return p if p is not None and offset <= p.end else None

    def paragraph_ending_after(self, offset: int) -> Paragraph | None:
        """The first paragraph that ends at or after ``offset``."""
        i = bisect.bisect_left(self._paragraph_ends, offset)
        return self.paragraphs[i] if i < len(self.paragraphs) else None

    def sentences(self) -> Iterator[Sentence]:
        for p in self.paragraphs:
            yield from p.sentences


@dataclass(eq=False)
class Corpus:
    documents: list[Document] = field(default_factory=list)  # linted and reported
    references: list[Document] = field(default_factory=list)  # --corpus files, compared only
    year: int | None = None  # the book's year (``year:`` in .yblint.yaml), when given
    #: the year of more than half of the run's documents, linted and reference (``year`` when
    #: given; text.years.drafts_year): worked out once for the whole run, so that a part of it
    #: (-j's runs of documents) has the same
    drafts_year: int | None = None

    @property
    def all_documents(self) -> list[Document]:
        return self.documents + self.references

    def units(self, include_references: bool = False) -> Iterator[Unit]:
        docs = self.all_documents if include_references else self.documents
        for d in docs:
            yield from d.units
