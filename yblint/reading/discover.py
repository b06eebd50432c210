"""Turning command-line paths into the list of draft files, with include/exclude globs."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from yblint.errors import InputError

DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.txt", "*.docx"]
LOCK_PREFIXES = ("~$", ".~lock.", ".#")
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


def discover(paths: list[str], include: list[str], exclude: list[str]) -> list[str]:
    """Files to lint, in a stable order. A file named on the command line is linted whatever
    its extension (unless excluded); directories are walked and filtered by ``include``."""
    found: list[str] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError("no such file or directory", display_path(given))
        if p.is_file():
            rel = display_path(given)
            if not _matches(rel, exclude) and rel not in seen:
                seen.add(rel)
                found.append(rel)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for f in sorted(files):
                if f.startswith(LOCK_PREFIXES):
                    continue  # Word's ~$name.docx owner files and editor lock files, never drafts
                full = display_path(os.path.join(root, f))
                rel = display_path(os.path.relpath(os.path.join(root, f), p))
                if not _matches(rel, include) or _matches(rel, exclude) or _matches(full, exclude):
                    continue
                if full not in seen:
                    seen.add(full)
                    found.append(full)
    return found
