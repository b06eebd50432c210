"""The files yblint keeps between runs (the parsed built-in rule files, tables made from jieba's
dictionary and from OpenCC's), in one folder of the temporary directory that only this user may write:
``yblint-UID``, made with mode 0700 and used only while it is a folder this user owns that no one
else may write into (a file another user planted there is never read).

Each file is named by what it was made from (a version, a size, a modification time), so a file
that no longer matches is simply never read again. So that such files do not pile up (every
upgrade, every virtualenv with its own copy of jieba makes new names), writing a file removes the
files of the same kind that no run has used for :data:`STALE_DAYS` days; a run that uses a file
marks it, at most once a day. Every failure to read, write or remove is silent: the data is made
again, as on a first run.
"""

from __future__ import annotations

import os
import stat
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

STALE_DAYS = 7
DAY = 86_400.0


def temporary_directory() -> str:
    """The temporary directory as tempfile.gettempdir finds it on a usual system (TMPDIR, TEMP or
    TMP, else /tmp), without importing tempfile (which imports random, shutil …) on every run."""
    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name)
        if value and os.path.isdir(value):
            return value
    if os.name == "nt":
        import tempfile

        return tempfile.gettempdir()
    return "/tmp"


def folder() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(temporary_directory()) / f"yblint-{uid}"


def private(make: bool = False) -> Path | None:
    """The folder, if it is this user's and nobody else may write into it (made when ``make``)."""
    d = folder()
    try:
        if make:
            d.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(d)
    except OSError:
        return None
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    if stat.S_ISDIR(st.st_mode) and mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return d
    return None


def used(path: Path) -> None:
    """Mark ``path`` as used by this run (its modification time, at most once a day)."""
    try:
        if time.time() - path.stat().st_mtime > DAY:
            os.utime(path)
    except OSError:
        pass


def files_key(files: Iterable[Path]) -> str | None:
    """What data made from ``files`` was made from: yblint's version, each file's path (its
    folder's real path: one look-up a folder, not one a file), size and time (of what a link points
    to); None when one cannot be read."""
    from yblint import __version__

    try:
        parts = [__version__]
        real: dict[Path, str] = {}
        for f in files:
            st = f.stat()
            where = real.get(f.parent)
            if where is None:
                where = real[f.parent] = os.path.realpath(f.parent)
            parts.append(f"{where}{os.sep}{f.name}\0{st.st_size}\0{st.st_mtime_ns}")
    except OSError:
        return None
    return "\0".join(parts)


def keyed(kind: str, key: str, suffix: str) -> Path:
    """The file of the data made from ``key`` (:func:`files_key`): named by its checksum, which the
    file must hold too (a file whose key differs is not read; zlib's checksum, not hashlib, whose
    import loads OpenSSL on every run)."""
    return folder() / f"{kind}{zlib.crc32(key.encode()):08x}{suffix}"


def write(path: Path, save: Callable[[Path], object], kind: str) -> None:
    """Write ``path`` with ``save`` (given a temporary name in the same folder, then renamed, so a
    reader never sees half a file), then remove the files named ``kind*`` that no run has used for
    :data:`STALE_DAYS` days."""
    try:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        save(tmp)
        os.replace(tmp, path)
    except OSError:
        return
    prune(path.parent, kind, keep=path)


def prune(d: Path, kind: str, keep: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove the files ``kind*`` in ``d`` (but ``keep``) unused for :data:`STALE_DAYS` days; the
    ones removed."""
    limit = (now if now is not None else time.time()) - STALE_DAYS * DAY
    gone: list[Path] = []
    try:
        found = list(d.glob(f"{kind}*"))
    except OSError:
        return gone
    for p in found:
        try:  # one that cannot go (in use elsewhere: a mapped table on Windows) stays
            if p != keep and p.stat().st_mtime < limit:
                p.unlink()
                gone.append(p)
        except OSError:
            continue
    return gone
