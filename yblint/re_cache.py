"""yblint's own regular expressions as earlier runs compiled them (#14).

``re`` compiles a pattern in Python (its parser, then its code generator) and hands the code, a
list of integers, to ``_sre``. yblint's modules compile some 200 patterns on first use
(yblint/lazyre.py): 0.09 s of CPU on a book with every rule, paid again in each ``-j`` process
that uses them (0.22 s in all on two cores). The code depends only on the pattern, its flags and
the Python that made it, so it is kept between runs in one marshal file in yblint's private folder
of the temporary directory (yblint/cache.py), named by the Python (its version, its ``_sre``, the
file of its ``re`` compiler), which the file holds too; a pattern found there is made by ``_sre``
at once. A file that cannot be read or holds another key, or an entry ``_sre`` refuses, is
compiled as before; a pattern ``re`` refuses raises as ``re.compile`` does. What a process
compiled that the file did not hold is added at the end of its work (:func:`save`: the main
process at the end of its checks, each ``-j`` process at the end of its task), so a file grows
only by the patterns of yblint's code (never by text of a draft: only :mod:`yblint.lazyre` asks).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # CPython's regular expression engine: no stubs
import marshal
import os
import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from yblint import cache

KIND = "re-"
#: a pattern and its flags -> the arguments of ``_sre.compile`` after the pattern
Known = dict[tuple[str, int], tuple[Any, ...]]
#: patterns a file may hold: yblint's own are some 400; past this, a file keeps only the patterns
#: of the run that writes it (patterns made from a draft's text, HTML tags …, do not pile up)
MOST = 2_000

#: patterns a process keeps made (as ``re`` keeps 512)
MADE_MOST = 1_024

_known: Known | None = None  # read on first use
_added: Known = {}  # compiled by this process, not yet written
_used: set[tuple[str, int]] = set()  # asked for by this process
_made: dict[tuple[str, int], re.Pattern[str]] = {}  # compiled in this process: asked again, given again


def _key() -> str | None:
    """What compiled code depends on: the Python, its ``_sre``, its ``re`` compiler's file."""
    where = getattr(_compiler, "__file__", None)
    if not where:
        return None
    try:
        st = os.stat(where)
    except OSError:
        return None
    return f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{where}\0{st.st_size}\0{st.st_mtime_ns}"


def _read(key: str) -> Known:
    path = cache.keyed(KIND, key, ".marshal")
    try:
        if cache.private() is None:
            return {}
        stored = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if type(stored) is not tuple or len(stored) != 2 or stored[0] != key or type(stored[1]) is not dict:
        return {}
    cache.used(path)
    return stored[1]


def _entries() -> Known:
    global _known
    if _known is None:
        key = _key()
        _known = _read(key) if key is not None else {}
    return _known


def _arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands ``_sre.compile`` after the pattern (Python 3.11–3.13)."""
    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]  # its opcodes are ints of a subclass marshal refuses
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code an earlier run kept where it can."""
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is not None:
        return made
    if len(_made) >= MADE_MOST:  # as re's own cache: patterns made from text do not pile up
        _made.clear()
    made = _made[key] = _compile(*key)
    return made


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    key = (pattern, flags)
    known = _entries()
    args = known.get(key)
    if args is not None:
        try:
            compiled = _sre.compile(pattern, *args)
            _used.add(key)
            return compiled
        except Exception:  # damaged, or not this Python's: compiled again below
            known.pop(key, None)
    if not isinstance(pattern, str) or flags & (re.DEBUG | re.LOCALE):
        return re.compile(pattern, flags)
    try:
        args = _arguments(pattern, flags)
        compiled = _sre.compile(pattern, *args)
    except Exception:  # an error re reports in its own words, or a Python whose internals differ
        return re.compile(pattern, flags)
    known[key] = _added[key] = args
    _used.add(key)
    return compiled


def save() -> None:
    """Add what this process compiled to the file (with what other processes added meanwhile)."""
    if not _added:
        return
    key = _key()
    if key is None or cache.private(make=True) is None:
        _added.clear()
        return
    merged = _read(key)
    merged.update(_added)
    _added.clear()
    if len(merged) > MOST:  # only what this run asked for
        known = _entries()
        merged = {k: known[k] for k in _used if k in known}
    try:
        data = marshal.dumps((key, merged))
    except ValueError:
        return
    cache.write(cache.keyed(KIND, key, ".marshal"), lambda tmp: tmp.write_bytes(data), KIND)
