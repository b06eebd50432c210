"""Decoding draft files: UTF-8 (with or without BOM) and GB18030/GBK, which Chinese Windows tools write."""

from __future__ import annotations

import codecs

from yblint.errors import InputError

# encodings a user may force with --encoding are checked against Python's codec registry
SNIFF_BYTES = 8192


def _looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    return b"\x00" in head


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / min(len(text), SNIFF_BYTES)


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
            raise InputError(f"cannot decode as {forced} at byte {e.start}", path) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, forced.lower()
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"has a UTF-8 BOM but invalid UTF-8 at byte {e.start + 3}", path) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"invalid UTF-16 at byte {e.start}", path) from None
    if _looks_binary(data):
        raise InputError("is a binary file, not a text draft (use --encoding to force one)", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"cannot decode as UTF-8 (byte {first_bad}) or GB18030; use --encoding", path) from None
    if _control_ratio(text) > 0.01:
        raise InputError("does not look like text in UTF-8 or GB18030; use --encoding", path)
    return text, "gb18030"
