"""The words of a name (jieba's cut and parts of speech), for name-variant: where its words are
cut, the words two forms begin with alike (a place's, or any), what lies between them, and
whether a character stands in the first word or in a place's or a person's name."""

from __future__ import annotations

from yblint.text.words import tagged_tokens, tokens


def in_first_word(text: str, i: int) -> bool:
    """The character at ``i`` is in the first word of ``text``."""
    return i < len(tokens(text)[0])


def in_place_word(text: str, i: int) -> bool:
    """The character at ``i`` is in a place's or a person's name (石桥村, 柳河乡, 李明)."""
    pos = 0
    for w, flag in tagged_tokens(text):
        if pos <= i < pos + len(w):
            return flag in ("ns", "nr", "nrt", "nz") or w[-1:] in "村镇乡街社"
        pos += len(w)
    return False


def placed_head(a: str, b: str) -> int:
    """The length of the words ``a`` and ``b`` begin with alike, when they begin with a place name
    (清河区, 临江区产业); 0 when they do not, or when fewer than four characters would be left."""
    words = tagged_tokens(a)
    if not words or words[0][1] != "ns":
        return 0
    head = 0
    for w, _flag in words:
        if not b.startswith(a[: head + len(w)]) or len(a) - head - len(w) < 4:
            break
        head += len(w)
    return head if head in cuts(b) else 0


def shared_head(a: str, b: str) -> int:
    """The length of the whole words that ``a`` and ``b`` begin with alike (two characters or
    more), cut at a word boundary in both, four characters or more left; 0 when none."""
    head = 0
    for c in sorted(cuts(a) & cuts(b)):
        if a[:c] != b[:c] or len(a) - c < 4:
            break
        head = c
    return head if head >= 2 else 0


def inner(pa: str, pb: str, head: int) -> tuple[str, str]:
    """``pa`` and ``pb`` after ``head`` characters, without the characters both end with (four
    or more left): the parts swapped need not be jieba's words (中金国投 / 国投中金: it cuts 金国
    and 金科)."""
    tail = len(pa)
    while tail - 1 - head >= 4 and pa[tail - 1] == pb[tail - 1]:
        tail -= 1
    return pa[head:tail], pb[head:tail]


def cuts(s: str) -> set[int]:
    out, pos = set(), 0
    for t in tokens(s):
        pos += len(t)
        out.add(pos)
    return out
