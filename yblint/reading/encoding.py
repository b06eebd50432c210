"""Decoding draft files: UTF-8 (with or without BOM) and GB18030/GBK, which Chinese Windows tools
write, and UTF-16 or UTF-32 with a BOM (Word's and Notepad's "Unicode")."""

from __future__ import annotations

import codecs

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.errors import InputError

# encodings a user may force with --encoding are checked against Python's codec registry
SNIFF_BYTES = 8192

#: the byte-order marks read as such, longest first (a UTF-32-LE mark begins with UTF-16-LE's), and
#: the codec of each: the text is decoded without its mark, which fixing writes back (BOMS)
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: each codec's byte-order mark, by the codec's canonical name: a file read in that codec that
#: begins with it gets it back in front when fixed
BOMS = {codecs.lookup(name).name: bom for bom, name in _BOM_CODECS} | {"utf-8": codecs.BOM_UTF8}


def _looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    return b"\x00" in head


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / min(len(text), SNIFF_BYTES)


def _place(data: bytes, at: int, encoding: str) -> tuple[int | None, str]:
    """The line of byte ``at`` and where in it, for a decoding error (the line goes before the
    message, after the path): ``(line, "column C (byte N)")``, the column counted in characters
    of the line's start, decoded. In an encoding whose line break is not the byte 0x0A (UTF-16),
    only the byte: ``(None, "byte N")``."""
    if "\n".encode(encoding, errors="replace") != b"\n":
        return None, f"byte {at}"
    line_start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, line_start) + 1
    column = len(data[line_start:at].decode(encoding, errors="replace").lstrip("\ufeff")) + 1
    return line, f"column {column} (byte {at})"


def decode(data: bytes, path: str, forced: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError naming ``path`` when it cannot be read as text."""
    if forced:
        try:
            codecs.lookup(forced)
        except LookupError:
            raise InputError(f"unknown encoding '{forced}'", path) from None
        try:
            text = data.decode(forced)
        except UnicodeDecodeError as e:
            line, where = _place(data, e.start, forced)
            raise InputError(f"cannot decode as {forced} at {where}", path, line) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, forced.lower()
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            line, where = _place(data, e.start + 3, "utf-8")
            raise InputError(f"has a UTF-8 BOM but invalid UTF-8 at {where}", path, line) from None
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as e:
                raise InputError(f"invalid {codec[:6].upper()} at byte {e.start + len(bom)}", path) from None
    if _looks_binary(data):
        raise InputError("is a binary file, not a text draft (use --encoding to force one)", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        if _gbk_line_at(data, first_bad):
            _mixed(data, first_bad, path)
        line, where = _place(data, first_bad, "utf-8")
        raise InputError(f"cannot decode as UTF-8 at {where} or as GB18030; use --encoding", path, line) from None
    if _control_ratio(text) > 0.01:
        raise InputError("does not look like text in UTF-8 or GB18030; use --encoding", path)
    _mixed(data, first_bad, path)
    return text, "gb18030"


def _mixed(data: bytes, first_bad: int, path: str) -> None:
    """Raise the error of a file in two encodings when ``data`` (not UTF-8 from ``first_bad``)
    holds Chinese written in UTF-8 (:func:`_utf8_text_line`)."""
    utf8_line = _utf8_text_line(data)
    if utf8_line is None:
        return
    line, where = _place(data, first_bad, "utf-8")
    raise InputError(
        f"mixes encodings: UTF-8 text on line {utf8_line}, other bytes at line {line}, {where}"
        " (GBK pasted in?): save the file in one encoding, or use --encoding",
        path,
        line,
    )


def _gbk_line_at(data: bytes, at: int) -> bool:
    """Whether the line of ``data`` from byte ``at`` on is Chinese in GB18030 (two ideographs or
    more): a GBK passage, where a stray byte or a character cut short is none."""
    end = data.find(b"\n", at)
    try:
        rest = data[at : len(data) if end < 0 else end].decode("gb18030")
    except UnicodeDecodeError:
        return False
    return len(_IDEOGRAPH.findall(rest)) >= 2


#: ideographs in a row, read as UTF-8, that only UTF-8 text gives: in GB18030 text, bytes that
#: happen to make an ideograph in UTF-8 stand alone (the 72 reports so written: 88 to 524 each,
#: never two in a row)
MIXED_RUN = 4
_IDEOGRAPH_RUN = re.compile(f"[\u4e00-\u9fff]{{{MIXED_RUN},}}")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def _utf8_text_line(data: bytes) -> int | None:
    """The first line of ``data`` (not UTF-8 as a whole) that holds Chinese written in UTF-8:
    ``MIXED_RUN`` ideographs in a row, read as UTF-8 (a file saved in two encodings, a GBK
    passage pasted into a UTF-8 draft or the other way round), or None."""
    read = data.decode("utf-8", errors="replace")
    m = _IDEOGRAPH_RUN.search(read)
    return None if m is None else read.count("\n", 0, m.start()) + 1
