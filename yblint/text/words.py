"""Word boundaries in Chinese text, through jieba (its dictionary is loaded on first use)."""

from __future__ import annotations

import logging
from functools import lru_cache


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
