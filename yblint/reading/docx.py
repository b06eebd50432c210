"""Word .docx drafts (optional extra ``yblint[docx]``); filled in by the Word-input work."""

from __future__ import annotations

from yblint.errors import InputError


def read_docx(path: str):  # pragma: no cover - replaced when Word input lands
    raise InputError("reading .docx needs the optional extra: pip install 'yblint[docx]'", path)
