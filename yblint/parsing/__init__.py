"""From a read Source to a Document: blocks, units, paragraphs and sentences with exact spans."""

from __future__ import annotations

from yblint.model import Document, Paragraph
from yblint.parsing.markdown import parse_markdown, url_spans
from yblint.parsing.plaintext import manual_break_blocks, text_blocks
from yblint.parsing.suppress import find_suppressions
from yblint.parsing.units import UnitOptions, split_units
from yblint.reading.source import Source

__all__ = ["UnitOptions", "build_document"]


def build_document(source: Source, options: UnitOptions | None = None, reference: bool = False) -> Document:
    options = options or UnitOptions()
    doc = Document(
        path=source.path,
        text=source.text,
        encoding=source.encoding,
        format=source.format,
        locations=source.locations,
        newline=source.newline,
        reference=reference,
    )
    if source.blocks:
        blocks = manual_break_blocks(source.text, source.blocks)
    elif source.format == "markdown":
        blocks, doc.literal_spans = parse_markdown(source.text)
    else:
        blocks = text_blocks(source.text)
    if source.format != "markdown":
        doc.literal_spans = url_spans(source.text)
    for i, b in enumerate(blocks):
        p = Paragraph(
            document=doc,
            kind=b.kind,
            start=b.start if b.content_start is None else b.content_start,
            end=b.end,
            index=i,
            block_start=b.start,
            level=b.level,
        )
        doc.paragraphs.append(p)  # its sentences are split on first use (Paragraph.sentences)
    doc.units = split_units(doc, options)
    if source.format == "markdown":
        doc.suppressions = find_suppressions(doc)
    return doc
