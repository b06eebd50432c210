"""yblint's regular expressions as earlier runs compiled them (#14).

``re`` compiles a pattern in Python (its parser, then its code generator) and hands the code, a
list of integers, to ``_sre``; the ``regex`` module does the same with ``_regex``. yblint's modules
compile some 200 ``re`` patterns on first use (yblint/lazyre.py): 0.09 s of CPU on a book with
every rule, paid again in each ``-j`` process that uses them (0.22 s in all on two cores); the rule
files' ``regex`` patterns (yblint/patterns.py) 0.035 s of every run, before any work starts. The
code depends only on the pattern, its flags and the engine that made it, so it is kept between
runs, one marshal file an engine in yblint's private folder of the temporary directory
(yblint/cache.py), named by the engine (the Python, the module's version, its compiled file), which
the file holds too; a pattern found there is made at once. A file that cannot be read or holds
another key, or an entry the engine refuses, is compiled as before; a pattern the engine refuses
raises as its ``compile`` does. What a process compiled that the file did not hold is added at the
end of its work (:func:`save`: the main process at the end of its checks, each ``-j`` process at
the end of its task), so a file grows only by the patterns of yblint's code and rule files.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # CPython's regular expression engine: no stubs
import marshal
import os
import re
import sys
from collections.abc import Callable
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from yblint import cache

#: a pattern and its flags -> the arguments of the engine's ``compile`` after the pattern
Known = dict[tuple[str, int], tuple[Any, ...]]
#: patterns a file may hold: yblint's own are some 400 a kind; past this, a file keeps only the
#: patterns of the run that writes it (patterns made from a draft's text do not pile up)
MOST = 2_000
#: patterns a process keeps made (as ``re`` keeps 512)
MADE_MOST = 1_024


def _file_key(engine: str, where: str | None) -> str | None:
    """What compiled code depends on: the Python, ``engine`` (names and versions) and the file
    ``where`` of its compiler."""
    if not where:
        return None
    try:
        st = os.stat(where)
    except OSError:
        return None
    return f"{sys.version}\0{engine}\0{where}\0{st.st_size}\0{st.st_mtime_ns}"


class Kept:
    """One engine's compiled patterns: those an earlier run kept, those made in this process."""

    def __init__(
        self,
        kind: str,
        key: Callable[[], str | None],
        arguments: Callable[[str, int], tuple[Any, ...]],
        build: Callable[[str, tuple[Any, ...]], Any],
        plain: Callable[[str, int], Any],
    ) -> None:
        self.kind = kind  # the cache files' prefix
        self.key = key  # the file's key (:func:`_file_key`)
        self.arguments = arguments  # the engine's compile arguments for a pattern, compiled afresh
        self.build = build  # the pattern made from them
        self.plain = plain  # the engine's own compile: what this falls back to
        self.known: Known | None = None  # read on first use
        self.added: Known = {}  # compiled by this process, not yet written
        self.used: set[tuple[str, int]] = set()  # asked for by this process
        self.made: dict[tuple[str, int], Any] = {}  # compiled in this process: asked again, given again

    def _read(self, key: str) -> Known:
        path = cache.keyed(self.kind, key, ".marshal")
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

    def entries(self) -> Known:
        if self.known is None:
            key = self.key()
            self.known = self._read(key) if key is not None else {}
        return self.known

    def compile(self, pattern: str, flags: int) -> Any:
        key = (pattern, flags)
        made = self.made.get(key)
        if made is not None:
            return made
        if len(self.made) >= MADE_MOST:  # as re's own cache: patterns made from text do not pile up
            self.made.clear()
        made = self.made[key] = self._compile(pattern, flags)
        return made

    def _compile(self, pattern: str, flags: int) -> Any:
        key = (pattern, flags)
        known = self.entries()
        args = known.get(key)
        if args is not None:
            try:
                compiled = self.build(pattern, args)
                self.used.add(key)
                return compiled
            except Exception:  # damaged, or not this engine's: compiled again below
                known.pop(key, None)
        try:
            args = self.arguments(pattern, flags)
            compiled = self.build(pattern, args)
            marshal.dumps(args)  # ValueError: not kept
        except Exception:  # an error the engine reports in its own words, or internals that differ
            return self.plain(pattern, flags)
        known[key] = self.added[key] = args
        self.used.add(key)
        return compiled

    def save(self) -> None:
        """Add what this process compiled to the file (with what other processes added meanwhile)."""
        if not self.added:
            return
        key = self.key()
        if key is None or cache.private(make=True) is None:
            self.added.clear()
            return
        merged = self._read(key)
        merged.update(self.added)
        self.added.clear()
        if len(merged) > MOST:  # only what this run asked for
            known = self.entries()
            merged = {k: known[k] for k in self.used if k in known}
        data = marshal.dumps((key, merged))
        cache.write(cache.keyed(self.kind, key, ".marshal"), lambda tmp: tmp.write_bytes(data), self.kind)


# --- re ------------------------------------------------------------------------------------------


def _re_key() -> str | None:
    return _file_key(f"_sre {_sre.MAGIC} {_sre.CODESIZE}", getattr(_compiler, "__file__", None))


def _re_arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands ``_sre.compile`` after the pattern (Python 3.11–3.13)."""
    if not isinstance(pattern, str) or flags & (re.DEBUG | re.LOCALE):
        raise ValueError("compiled by re itself")
    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]  # its opcodes are ints of a subclass marshal refuses
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


RE = Kept("re-", _re_key, _re_arguments, lambda pattern, args: _sre.compile(pattern, *args), re.compile)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code an earlier run kept where it can."""
    return RE.compile(pattern, int(flags))


# --- regex ---------------------------------------------------------------------------------------


def _regex_key() -> str | None:
    import regex

    engine = getattr(regex, "_regex", None)
    return _file_key(f"regex {regex.__version__}", getattr(engine, "__file__", None))


class _Recorder:
    """Stands for the ``_regex`` extension in ``regex._main`` while a pattern is compiled: keeps
    the arguments its ``compile`` is given."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.args: tuple[Any, ...] | None = None

    def compile(self, *args: Any) -> Any:
        self.args = args
        return self.engine.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def _regex_arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``regex`` hands ``_regex.compile`` after the pattern, seen as it compiles it afresh."""
    import regex
    from regex import _main

    if not isinstance(pattern, str) or flags & regex.LOCALE:
        raise ValueError("compiled by regex itself")
    engine = _main._regex
    recorder = _Recorder(engine)
    _main._regex = recorder
    try:
        regex.compile(pattern, flags, cache_pattern=False)
    finally:
        _main._regex = engine
    if recorder.args is None or recorder.args[0] != pattern:
        raise ValueError("not seen")
    return (int(recorder.args[1]), *recorder.args[2:])


def _regex_build(pattern: str, args: tuple[Any, ...]) -> Any:
    import regex

    return regex._regex.compile(pattern, *args)


def _regex_plain(pattern: str, flags: int) -> Any:
    import regex

    return regex.compile(pattern, flags)


REGEX = Kept("regex-", _regex_key, _regex_arguments, _regex_build, _regex_plain)


def compile_regex(pattern: str, flags: int) -> Any:
    """``regex.compile(pattern, flags)`` (flags naming the version: the default may change), from
    the code an earlier run kept where it can."""
    return REGEX.compile(pattern, int(flags))


def save() -> None:
    """Add what this process compiled to the files (with what other processes added meanwhile)."""
    RE.save()
    REGEX.save()
