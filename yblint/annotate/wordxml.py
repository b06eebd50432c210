"""Marking up a Word body: runs split at given characters, comment ranges, tracked revisions.

Offsets are those of ``yblint.reading.docx.read_docx``'s text (line N = body paragraph or table
row N, lines joined by ``\\n``); ``body_lines`` and ``pieces`` from that module say which element
holds which character, and ``yblint.reading.docx_tables.read_table`` which cells of a table read as
body paragraphs (prose), so the mapping is the reader's own and cannot drift from it. A span inside
one paragraph of such a cell is marked up as a body paragraph's is; other table text is not.

Run splitting moves the original ``w:t`` elements into the new runs (each new run gets a copy of
the run's ``w:rPr``), so formatting is kept and the pieces stay valid while the body changes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from yblint.reading.docx import _cell_text, _cells, _w, body_lines, mark_deleted, pieces
from yblint.reading.docx_tables import read_table, text_parts

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_REVISION_TAGS = {_w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}


@dataclass
class Piece:
    element: Any  # a w:t, w:tab, w:br … inside a w:r (lxml)
    start: int  # offset in the document text
    end: int


@dataclass
class Line:
    element: Any  # w:p, or w:tr for a table row (lxml)
    start: int
    text: str
    pieces: list[Piece] = field(default_factory=list)
    #: in a table row, the spans (document offsets) of the cells' paragraphs read as prose: the
    #: pieces lie in them, and only a span inside one of them is marked up
    segments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_paragraph(self) -> bool:
        return self.element.tag == _w("p")

    def segment(self, start: int, end: int) -> tuple[int, int] | None:
        """The span holding [start, end) that is marked up as a paragraph: the whole line of a
        body paragraph, the paragraph of a prose cell in a table row; None if there is none."""
        if self.is_paragraph:
            return (self.start, self.end) if self.start <= start and end <= self.end else None
        return next(((a, b) for a, b in self.segments if a <= start and end <= b), None)


def _content(run) -> list:
    return [c for c in run if c.tag != _w("rPr")]


def _new_run_like(run):
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(_w("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    return new


def _split_run_before(child) -> None:
    """Split the run holding ``child`` so that ``child`` starts a run (no-op if it already does)."""
    run = child.getparent()
    content = _content(run)
    i = content.index(child)
    if i == 0:
        return
    new = _new_run_like(run)
    for c in content[i:]:
        new.append(c)  # moves the element: references to it stay valid
    run.addnext(new)


def _split_run_after(child) -> None:
    content = _content(child.getparent())
    i = content.index(child)
    if i + 1 < len(content):
        _split_run_before(content[i + 1])


def _split_text(t, k: int):
    """Split a ``w:t`` at character k into two ``w:t`` elements in the same run; returns the second."""
    text = t.text or ""
    second = t.makeelement(t.tag, {})
    second.text = text[k:]
    t.text = text[:k]
    for el in (t, second):
        el.set(XML_SPACE, "preserve")
    t.addnext(second)
    return second


def _add_pieces(line: Line, p: Any, offset: int) -> str:
    """Add the pieces of paragraph ``p``, whose text starts at ``offset``, to ``line``; its text."""
    parts: list[str] = []
    pos = offset
    for piece_el, text in pieces(p):
        parts.append(text)
        if text:
            line.pieces.append(Piece(piece_el, pos, pos + len(text)))
        pos += len(text)
    return "".join(parts)


class Body:
    """The body of a Word document as yblint reads it, ready to be marked up by offsets."""

    def __init__(self, body) -> None:
        self.body = body
        self.lines: list[Line] = []
        offset = 0
        tables: dict[Any, dict[Any, Any]] = {}  # w:tbl -> its rows' texts and prose parts
        for el in body_lines(body):
            if el.tag == _w("p"):
                line = Line(el, offset, "")
                line.text = _add_pieces(line, el, offset)
            else:  # a table row reads as its cells joined by tabs, as read_docx has it
                tbl = next(el.iterancestors(_w("tbl")))
                if tbl not in tables:
                    table = read_table(tbl)
                    parts = text_parts(table)
                    tables[tbl] = {row.element: (row.text, parts[row.element]) for row in table.rows}
                text, prose = tables[tbl][el]
                line = Line(el, offset, text)
                for part in prose:  # the paragraphs of cells read as prose: pieces as in a body paragraph
                    at = offset + part.start
                    for p in part.paragraphs:
                        at += len(_add_pieces(line, p, at))
                    line.segments.append((offset + part.start, offset + part.end))
            self.lines.append(line)
            offset = line.end + 1
        self.next_id = 1 + max(
            (int(v) for el in body.iter() if el.tag in _REVISION_TAGS if (v := el.get(_w("id"), "")).isdigit()),
            default=0,
        )
        self.date = datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    # -- locating -------------------------------------------------------------------------------

    def line_at(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a line's end, its \\n, belongs to it)."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_paragraphs(self, start: int, end: int) -> bool:
        """True when every line the span touches is a body paragraph, or the span lies inside one
        paragraph of a table cell read as prose (not elsewhere in a table row)."""
        if not self.lines:
            return False
        first, last = self.line_at(start), self.line_at(end)
        if first == last and not self.lines[first].is_paragraph:
            return self.lines[first].segment(start, end) is not None
        return all(self.lines[i].is_paragraph for i in range(first, last + 1))

    def split_at(self, offset: int) -> None:
        """Make ``offset`` a run boundary: no run holds characters on both sides of it."""
        line = self.lines[self.line_at(offset)]
        if line.segment(offset, offset) is None:
            return  # table text (or past the line): never split
        for i, p in enumerate(line.pieces):
            if p.start < offset < p.end:  # inside a w:t: cut it in two
                second = _split_text(p.element, offset - p.start)
                line.pieces[i : i + 1] = [Piece(p.element, p.start, offset), Piece(second, offset, p.end)]
                p = line.pieces[i]
            if p.end == offset:
                _split_run_after(p.element)
            elif p.start == offset:
                _split_run_before(p.element)

    def runs(self, start: int, end: int) -> list:
        """The runs holding the characters in [start, end), in order (split first)."""
        out: list = []
        for i in range(self.line_at(start), self.line_at(end) + 1):
            for p in self.lines[i].pieces:
                if start <= p.start and p.end <= end:
                    run = p.element.getparent()
                    if not out or out[-1] is not run:
                        out.append(run)
        return out

    def point(self, offset: int):
        """(element, 'before' | 'after' | 'append') where a thing at ``offset`` goes."""
        line = self.lines[self.line_at(offset)]
        seg = line.segment(offset, offset)
        # in a table row, the pieces of the cell paragraph that holds offset, never the next cell's
        held = line.pieces
        if seg is not None and not line.is_paragraph:
            held = [p for p in line.pieces if seg[0] <= p.start < seg[1]]
        for p in held:
            if p.start >= offset:
                return p.element.getparent(), "before"
        if held:
            return held[-1].element.getparent(), "after"
        return line.element, "append"

    def paragraph_start(self, offset: int):
        """The first paragraph at or around ``offset``: in a table row, the first paragraph of the
        cell that holds it (the row reads as its cells joined by tabs)."""
        line = self.lines[self.line_at(offset)]
        el = line.element
        if el.tag == _w("p"):
            return el
        at = line.start
        for cell in _cells(el):
            at += len(_cell_text(cell)) + 1  # past the cell and the tab after it
            if offset < at:
                return next(cell.iter(_w("p")), None)
        return next(el.iter(_w("p")), None)

    # -- marking up -----------------------------------------------------------------------------

    def _revision(self, tag: str):
        el = self.body.makeelement(
            _w(tag), {_w("id"): str(self.next_id), _w("author"): "yblint", _w("date"): self.date}
        )
        self.next_id += 1
        return el

    def insert(self, node, where) -> None:
        target, how = where
        if how == "before":
            target.addprevious(node)
        elif how == "after":
            target.addnext(node)
        else:
            target.append(node)  # an empty paragraph: after its w:pPr

    def delete_run(self, run) -> None:
        """Wrap ``run`` in a tracked deletion (its text becomes w:delText)."""
        wrapper = self._revision("del")
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.iter(_w("t")):
            t.tag = _w("delText")

    #: whether ``p``'s paragraph mark is deleted already as a tracked change (w:del in its
    #: w:pPr/w:rPr, or moved away: w:moveFrom), by whoever made it: as the reader joins it
    mark_deleted = staticmethod(mark_deleted)

    def delete_paragraph_mark(self, p) -> bool:
        """Delete ``p``'s paragraph mark as a tracked change (a w:del in its w:pPr/w:rPr); False,
        and nothing written, when the mark is deleted already (w:del, or moved away: w:moveFrom),
        by the author or anyone: the join is there, and one rPr holds one w:del at most."""
        if self.mark_deleted(p):
            return False
        ppr = p.find(_w("pPr"))
        if ppr is None:
            ppr = p.makeelement(_w("pPr"), {})
            p.insert(0, ppr)
        rpr = ppr.find(_w("rPr"))
        if rpr is None:
            rpr = ppr.makeelement(_w("rPr"), {})
            # w:rPr comes after the other paragraph properties, before sectPr and pPrChange
            tail = next((c for c in ppr if c.tag in (_w("sectPr"), _w("pPrChange"))), None)
            (tail.addprevious(rpr) if tail is not None else ppr.append(rpr))
        # CT_ParaRPr: w:ins?, w:del?, w:moveFrom?, w:moveTo?, then the run properties
        inserted = rpr.find(_w("ins"))
        rpr.insert(0 if inserted is None else rpr.index(inserted) + 1, self._revision("del"))
        return True

    def inserted_run(self, text: str, like):
        """A tracked insertion of ``text``, formatted like run ``like`` (or plain)."""
        wrapper = self._revision("ins")
        run = _new_run_like(like) if like is not None else self.body.makeelement(_w("r"), {})
        t = run.makeelement(_w("t"), {XML_SPACE: "preserve"})
        t.text = text
        run.append(t)
        wrapper.append(run)
        return wrapper
