"""The ``re`` module with one difference: ``compile`` returns a pattern compiled on first use.

A module that compiles its patterns when it is imported (``DATE = re.compile(...)`` at the top)
makes every run pay for all of them, about half a millisecond each, although a run on one draft
uses few (a small draft with every rule: 24 of 155). Such a module imports this instead of re,

    from yblint import lazyre as re

and keeps its code as it is: a pattern is compiled the first time one of its attributes is read
(``DATE.finditer``), and from then on each attribute is the compiled pattern's own, kept on the
stand-in, so calls cost what they cost before; the code compiled is kept between runs
(yblint/re_cache.py). What the stand-in is not: a ``re.Pattern`` for
``isinstance``, or an argument to ``re.sub(pattern, …)`` and the like; call its methods instead.
"""

from __future__ import annotations

from re import (
    ASCII,
    DOTALL,
    IGNORECASE,
    MULTILINE,
    UNICODE,
    VERBOSE,
    A,
    I,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
    findall,
    finditer,
    fullmatch,
    match,
    search,
    split,
    sub,
    subn,
)
from typing import Any, cast

from yblint import re_cache

__all__ = [
    "ASCII",
    "DOTALL",
    "IGNORECASE",
    "MULTILINE",
    "UNICODE",
    "VERBOSE",
    "A",
    "I",
    "LazyPattern",
    "M",
    "Match",
    "Pattern",
    "RegexFlag",
    "S",
    "U",
    "X",
    "compile",
    "error",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "search",
    "split",
    "sub",
    "subn",
]


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until an attribute is first read."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._compiled: Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:  # only for what is not on the stand-in yet
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re_cache.compile(*self.__dict__["_source"])
        value = getattr(compiled, name)
        if not name.startswith("__"):
            setattr(self, name, value)  # P.finditer is now a plain attribute: no second __getattr__
        return value

    def __repr__(self) -> str:
        return f"lazyre.compile({self._source[0]!r}, {self._source[1]!r})"


def compile(pattern: str, flags: int = 0) -> Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast(Pattern[str], LazyPattern(pattern, flags))
