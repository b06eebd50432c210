"""A draft file as read: its decoded text, the encoding used, and which parser it needs."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from yblint.errors import InputError
from yblint.reading.encoding import decode

MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass
class DocxLimits:
    """How much of a .docx is read at most (``docx:`` in the config): a Word file that inflates
    beyond them (a zip bomb, or a whole book in one file) is refused with one line."""

    max_xml_mb: float = 50.0  # decompressed size of all its parts together
    max_paragraphs: int = 50_000  # body paragraphs and table rows


@dataclass
class Source:
    path: str  # as given, with forward slashes
    text: str
    encoding: str
    format: str  # "markdown", "text" or "docx"
    locations: str = "line"  # "line", or "paragraph" for .docx
    blocks: list = field(default_factory=list)  # pre-parsed blocks (docx); empty for text formats
    newline: str = "\n"


def _dominant_newline(text: str) -> str:
    if "\r" not in text:  # \n alone (most drafts), or no line break at all
        return "\n"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda t: t[0])
    return best[1] if best[0] else "\n"


def read_source(path: str, encoding: str | None = None, limits: DocxLimits | None = None) -> Source:
    """Read and decode one draft. Raises InputError (one line, naming the file) when it can't.
    Only regular files are opened (a FIFO would block the run)."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a directory", path)
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file (a FIFO, socket or device): not read", path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from yblint.reading.docx import read_docx

        return read_docx(path, limits)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    return source_from_bytes(data, path, encoding)


def source_from_bytes(data: bytes, path: str, encoding: str | None = None, limits: DocxLimits | None = None) -> Source:
    """A draft given as bytes (standard input), read as the file ``path`` would be."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from yblint.reading.docx import read_docx

        return read_docx(path, limits, data)
    text, used = decode(data, path, encoding)
    fmt = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return Source(path=path, text=text, encoding=used, format=fmt, newline=_dominant_newline(text))
