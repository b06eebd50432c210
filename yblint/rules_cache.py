"""What the YAML parser made of the built-in rule files, kept between runs (#14).

Parsing the rule files, and importing PyYAML to do it, is about 20 ms of every run; the files
change only when yblint is upgraded or edited. So the parsed data and key lines are kept in one
JSON file in yblint's private folder of the temporary directory (yblint/cache.py), named by a
checksum of yblint's version and each file's path, size and modification time, which the file
holds too: any change of the files is another key, read never (and removed once unused for a
week). Data JSON cannot hold exactly (keys that are not strings, dates) is never cached; every
failure to read or write the cache is silent and the files are parsed as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yblint import cache

Parsed = list[tuple[Any, dict]]  # per file: (data, key path -> line)
KIND = "rules-"


def _key(files: list[Path]) -> str | None:
    """What the parsed data was made from (:func:`cache.files_key`)."""
    return cache.files_key(files)


def _path(key: str) -> Path:
    """The cache file of ``key`` (:func:`cache.keyed`)."""
    return cache.keyed(KIND, key, ".json")


def path_for(files: list[Path]) -> Path | None:
    """The cache file for ``files`` (:func:`_path` of their key)."""
    key = _key(files)
    return None if key is None else _path(key)


def _encode(key: str, parsed: Parsed) -> str:
    body = [[data, [[list(k), n] for k, n in lines.items()]] for data, lines in parsed]
    return json.dumps({"key": key, "parsed": body}, ensure_ascii=False)


def _decode(text: str, key: str) -> Parsed | None:
    stored = json.loads(text)
    if stored.get("key") != key:
        return None
    return [(data, {tuple(k): n for k, n in lines}) for data, lines in stored["parsed"]]


def load(files: list[Path]) -> Parsed | None:
    """The parsed files from the cache, or None."""
    key = _key(files)
    if key is None:
        return None
    path = _path(key)
    try:
        if cache.private() is None:
            return None
        parsed = _decode(path.read_text(encoding="utf-8"), key)
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if parsed is None or len(parsed) != len(files):
        return None
    cache.used(path)
    return parsed


def store(files: list[Path], parsed: Parsed) -> None:
    """Keep ``parsed`` for the next run, if JSON gives it back exactly."""
    key = _key(files)
    if key is None:
        return
    path = _path(key)
    try:
        text = _encode(key, parsed)
        if repr(_decode(text, key)) != repr(parsed):  # non-string keys, dates, tuples: not cached
            return
        if cache.private(make=True) is None:
            return
    except (ValueError, TypeError):
        return
    cache.write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), KIND)
