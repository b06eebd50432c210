"""Turning command-line paths into the list of draft files, with include/exclude globs."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from yblint.errors import InputError

DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.txt", "*.docx"]
LOCK_PREFIXES = ("~$", ".~lock.", ".#")
#: the name ending of yblint's own reviewed Word copies (yblint annotate): in a folder they are
#: its output, not drafts (linting one beside its draft would report the draft copied)
REVIEW_COPY_SUFFIX = ".yblint.docx"
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}


def _matches(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for pat in patterns:
        if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(name, pat):
            return True
        if pat.startswith("**/") and fnmatch.fnmatchcase(rel, pat[3:]):
            return True
        # a pattern naming a folder excludes everything below it
        if any(fnmatch.fnmatchcase(part, pat.rstrip("/")) for part in rel.split("/")[:-1]):
            return True
    return False


def display_path(path: Path | str) -> str:
    return str(path).replace(os.sep, "/")


def _kind(path: str) -> str | None:
    """None for a regular file (or a link to one), else what it is: FIFOs, sockets and devices
    are never opened (reading a FIFO blocks until someone writes to it)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone, or a dangling link: reading it reports the error
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special"


def _identity(path: str) -> tuple[int, int] | str:
    """What makes two paths one file: its device and inode (a link, another spelling, a hard
    link), or its real path when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


def discover(
    paths: list[str],
    include: list[str],
    exclude: list[str],
    errors: list[InputError] | None = None,
    skipped: list[str] | None = None,
    specials: list[str] | None = None,
) -> list[str]:
    """Files to lint, in a stable order. A file named on the command line is linted whatever
    its extension (unless excluded); directories are walked and filtered by ``include``.

    A path that does not exist raises InputError, or is added to ``errors`` when a list is
    given (the other paths are still walked). Anything but a regular file or a folder (a FIFO,
    a socket, a device) is never opened: a line saying so goes to ``skipped``, and its path to
    ``specials`` (for a caller that hands the paths on to be read and reported later). A file
    reached twice (named twice, another spelling of its path, a link to it in a walked folder) is
    linted once, as the path it was first found as; the others go to ``skipped``."""
    found: list[str] = []
    seen: dict[tuple[int, int] | str, str] = {}  # each file once, by what it is: the path it was found as

    def add(path: str) -> None:
        key = _identity(path)
        first = seen.get(key)
        if first is None:
            seen[key] = path
            found.append(path)
        elif first != path and skipped is not None:
            skipped.append(f"{path}: skipped: the same file as {first}")

    for given in paths:
        p = Path(given)
        if not p.exists():
            error = InputError("no such file or directory", display_path(given))
            if errors is None:
                raise error
            errors.append(error)
            continue
        special = _kind(given)
        if special is not None:
            if skipped is not None:
                skipped.append(f"{display_path(given)}: skipped: {special}, not a regular file")
            continue
        if p.is_file():
            rel = display_path(given)
            if not _matches(rel, exclude):
                add(rel)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for f in sorted(files):
                if f.startswith(LOCK_PREFIXES) or f.lower().endswith(REVIEW_COPY_SUFFIX):
                    continue  # Word's ~$name.docx owner files, editor lock files, reviewed copies
                full = display_path(os.path.join(root, f))
                rel = display_path(os.path.relpath(os.path.join(root, f), p))
                if not _matches(rel, include) or _matches(rel, exclude) or _matches(full, exclude):
                    continue
                special = _kind(os.path.join(root, f))
                if special is not None:
                    if skipped is not None:
                        skipped.append(f"{full}: skipped: {special}, not a regular file")
                    if specials is not None:
                        specials.append(full)
                    continue
                add(full)
    return found
