"""Word boundaries in Chinese text, through jieba (its dictionary is loaded on first use).

Loading jieba's dictionary costs about half a second and 70 MB, and most runs only ask whether a
break between two paragraphs falls inside a word. :func:`may_span` answers "no" for most breaks
from a compact index of the dictionary's words (hashes, cached on disk like jieba's own cache),
and jieba is loaded only when some word of its dictionary does stand across the break.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np


@lru_cache(maxsize=1)
def jieba_module():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def tokens(s: str) -> tuple[str, ...]:
    """The words of ``s`` (jieba, no HMM), cached."""
    return tuple(jieba_module().cut(s, HMM=False))


def is_word(s: str) -> bool:
    """Whether ``s`` is a word of two or more characters in jieba's dictionary."""
    return len(s) >= 2 and jieba_module().dt.FREQ.get(s, 0) > 0


def _hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def word_hashes() -> np.ndarray | None:
    """Sorted 64-bit hashes of every word of jieba's dictionary (None without the dictionary file);
    cached in the temporary folder, keyed by the dictionary's size and time."""
    path = _dictionary()
    if path is None:
        return None
    st = path.stat()
    cache = Path(tempfile.gettempdir()) / f"yblint-jieba-words-{st.st_size}-{st.st_mtime_ns}.npy"
    try:
        return np.load(cache)
    except (OSError, ValueError):
        pass
    with path.open(encoding="utf-8") as fh:
        words = {line.split(" ", 1)[0].strip() for line in fh}
    hashes = np.unique(np.array([_hash(w) for w in words if w], dtype=np.uint64))
    try:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, hashes)
        os.replace(tmp, cache)
    except OSError:
        pass
    return hashes


def may_span(head: str, tail: str) -> bool:
    """Whether some word of jieba's dictionary is a run of characters ending ``head`` and starting
    ``tail`` (so that cutting ``head + tail`` into words may put the join inside a word). False is
    certain: jieba (without HMM) only joins characters into a word of its dictionary. True may be a
    hash collision: the caller then asks jieba."""
    if not head or not tail:
        return False
    hashes = word_hashes()
    if hashes is None or hashes.size == 0:
        return True
    spans = [_hash(head[p:] + tail[:q]) for p in range(len(head)) for q in range(1, len(tail) + 1)]
    probe = np.array(spans, dtype=np.uint64)
    at = np.minimum(np.searchsorted(hashes, probe), hashes.size - 1)
    return bool((hashes[at] == probe).any())
