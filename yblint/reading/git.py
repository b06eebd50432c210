"""What git knows about a draft: whether it is tracked, and when each of its lines was committed.

Used for two things only: ``corpus:`` globs in a drafts repository read tracked files (a scratch
file that a glob happens to match is not compared against), and duplicate-passage asks which side
of a copy was committed first. ``git`` is run once per repository (``ls-files``) and once per file
(``blame``), and only when needed; without git, or outside a repository, nothing is known.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache

UNCOMMITTED = "0" * 40
TIMEOUT = 30  # seconds for one git command


def _git(args: list[str], cwd: str) -> str | None:
    import subprocess  # here: most runs never start git (about 4 ms of start-up)

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    # bytes, as git gives them: ``blame`` repeats each line of the draft, which may be GB18030, and
    # may hold a lone CR that a text mode would take for a line break; paths keep bytes that are
    # not UTF-8 as the file system does (surrogateescape)
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def _may_be_in_a_work_tree(folder: str) -> bool:
    """False when no folder from ``folder`` up holds a ``.git`` (a folder, or the file of a linked
    work tree or submodule) and the environment names no repository: git would find none there,
    and is not started to say so (most runs outside a repository, #14)."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return True
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return True
        up = os.path.dirname(here)
        if up == here:
            return False
        here = up


@lru_cache(maxsize=256)
def repository_root(folder: str) -> str | None:
    """The top folder of the git work tree holding ``folder``, or None."""
    if not _may_be_in_a_work_tree(folder):
        return None
    out = _git(["rev-parse", "--show-toplevel"], folder)
    return os.path.realpath(out.strip()) if out and out.strip() else None


@lru_cache(maxsize=64)
def _tracked(root: str) -> frozenset[str]:
    out = _git(["ls-files", "-z", "--cached"], root)
    if out is None:
        return frozenset()
    return frozenset(os.path.realpath(os.path.join(root, p)) for p in out.split("\0") if p)


def is_untracked(path: str) -> bool:
    """Whether ``path`` lies in a git work tree without being tracked there (neither committed nor
    staged). False outside a repository or without git."""
    real = os.path.realpath(path)
    root = repository_root(os.path.dirname(real) or ".")
    return root is not None and real not in _tracked(root)


def line_times(path: str) -> tuple[float, ...] | None:
    """For each line of ``path``, when it was committed (committer time, seconds); ``math.inf`` for
    a line not committed yet (new, edited or only staged). None when git knows nothing of the file
    (not in a repository, untracked, or git missing). Kept by the file's real path: the same
    relative path in another folder is another file."""
    return _line_times(os.path.realpath(path))


@lru_cache(maxsize=1024)
def _line_times(real: str) -> tuple[float, ...] | None:
    folder = os.path.dirname(real) or "."
    if repository_root(folder) is None:
        return None
    out = _git(["blame", "--line-porcelain", "--", os.path.basename(real)], folder)
    if out is None:
        return None
    times: list[float] = []
    commit = None
    for line in out.split("\n"):
        if line.startswith("\t"):
            continue
        head = line.split(" ", 1)
        if len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
            commit = head[0]
        elif head[0] == "committer-time" and len(head) == 2:
            times.append(math.inf if commit == UNCOMMITTED else float(head[1]))
    return tuple(times)


def committed_since(path: str, first_line: int, last_line: int) -> float | None:
    """When the earliest of lines ``first_line``..``last_line`` (1-based) of ``path`` was committed:
    ``math.inf`` when none is, None when git knows nothing of the file."""
    return earliest(line_times(path), first_line, last_line)


def earliest(times: tuple[float, ...] | None, first_line: int, last_line: int) -> float | None:
    """:func:`committed_since` from the file's :func:`line_times`."""
    if times is None:
        return None
    span = times[max(0, first_line - 1) : last_line]
    return min(span) if span else None
