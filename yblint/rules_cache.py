"""What the YAML parser made of the built-in rule files, kept between runs (#14).

Parsing the rule files, and importing PyYAML to do it, is about 20 ms of every run; the files
change only when yblint is upgraded or edited. So the parsed data and key lines are kept in one
JSON file in yblint's private folder of the temporary directory (yblint/cache.py), named by a
digest of yblint's version and each file's path, size and modification time: any change of the
files is another name, read never (and removed once unused for a week). Data JSON cannot hold
exactly (keys that are not strings, dates) is never cached; every failure to read or write the
cache is silent and the files are parsed as before.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from yblint import __version__, cache

Parsed = list[tuple[Any, dict]]  # per file: (data, key path -> line)
KIND = "rules-"


def path_for(files: list[Path]) -> Path | None:
    digest = hashlib.blake2b(f"{__version__}\0".encode(), digest_size=16)
    try:
        for f in files:
            st = f.stat()
            digest.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return cache.folder() / f"{KIND}{digest.hexdigest()}.json"


def _encode(parsed: Parsed) -> str:
    return json.dumps([[data, [[list(k), n] for k, n in lines.items()]] for data, lines in parsed], ensure_ascii=False)


def _decode(text: str) -> Parsed:
    return [(data, {tuple(k): n for k, n in lines}) for data, lines in json.loads(text)]


def load(files: list[Path]) -> Parsed | None:
    """The parsed files from the cache, or None."""
    path = path_for(files)
    if path is None:
        return None
    try:
        if cache.private() is None:
            return None
        parsed = _decode(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
    if len(parsed) != len(files):
        return None
    cache.used(path)
    return parsed


def store(files: list[Path], parsed: Parsed) -> None:
    """Keep ``parsed`` for the next run, if JSON gives it back exactly."""
    path = path_for(files)
    if path is None:
        return
    try:
        text = _encode(parsed)
        if repr(_decode(text)) != repr(parsed):  # non-string keys, dates, tuples: not cached
            return
        if cache.private(make=True) is None:
            return
    except (ValueError, TypeError):
        return
    cache.write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), KIND)
