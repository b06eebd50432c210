"""Where a copy differs from its original: the first few changes, each with a little context,
widened to whole words (jieba's cut of its clause) so that no change is shown cut in the middle
of a word or a figure. Whitespace is ignored, changes of punctuation alone are left out."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text import marks
from yblint.text.words import always_breaks, tokens

NUMERIC = set("0123456789０１２３４５６７８９.．")
CLAUSE = set("，。；：！？、,;:!?…\n\r")
DIFF_WINDOW = 400  # characters compared at a time when listing where a copy differs
DIFF_CONTEXT = 4
MAX_DIFFS = 5
KEPT = re.compile(marks.char_class(*marks.HAN_RANGES, *marks.LETTER_RANGES))  # what normalisation keeps
WHITESPACE = re.compile(r"\s+")


def kept_chars(text: str) -> int:
    """Number of characters the normalisation keeps (CJK ideographs and letters)."""
    return len(KEPT.findall(text)) if text else 0


def compact(text: str) -> str:
    """``text`` without whitespace: ``WHITESPACE.sub("", text)`` (str.split's whitespace is
    re's ``\\s``, a test compares them over every code point)."""
    return "".join(text.split())


def unchanged_figures(copy: str, original: str) -> list[str]:
    """The figures of a copy that differs from its original in figures only (the same words, in
    order) and that stand there unchanged while others changed: a copy of last year's text whose
    figures were updated only in part (2021年 → 2022年, 16家 → 18家, but 培训12期 twice). Figures
    with a unit only; years (2021年) left out. Empty when the two hold figures that do not pair
    one to one, or when none changed."""
    from yblint.text.numbers import find_numbers  # only a finding with changed figures asks

    a = [n for n in find_numbers(copy) if n.role is None and n.unit]
    b = [n for n in find_numbers(original) if n.role is None and n.unit]
    if not a or len(a) != len(b) or all(x.text == y.text for x, y in zip(a, b, strict=True)):
        return []
    return [x.text for x, y in zip(a, b, strict=True) if x.text == y.text and not _year(x.text)]


def _year(figure: str) -> bool:
    return len(figure) == 5 and figure.endswith("年") and figure[:4].isdigit() and 1900 <= int(figure[:4]) <= 2100


def _only_punct(s: str) -> bool:
    return not kept_chars(s) and not any(ch in NUMERIC for ch in s)


def _widen(s: str, i: int, j: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and i - lo < DIFF_CONTEXT and s[lo - 1] not in CLAUSE:
        lo -= 1
    hi = j
    while hi < len(s) and hi - j < DIFF_CONTEXT and s[hi] not in CLAUSE:
        hi += 1
    return lo, hi


def char_diffs(
    copy_text: str, orig_text: str, limit: int = MAX_DIFFS, window: int = DIFF_WINDOW
) -> list[dict[str, str]]:
    """The first places where the copy differs from the original (whitespace ignored, punctuation-only
    differences left out), each with a few characters of context: [{"copy": …, "original": …}].
    Long texts are compared window by window, so the cost grows with their length."""
    return compact_diffs(compact(copy_text), compact(orig_text), limit, window)


def compact_diffs(a: str, b: str, limit: int = MAX_DIFFS, window: int = DIFF_WINDOW) -> list[dict[str, str]]:
    """:func:`char_diffs` of the copy and the original without whitespace (:func:`compact`)."""
    if a == b:
        return []
    groups: list[list[int]] = []
    pa = pb = 0
    while pa < len(a) or pb < len(b):
        final = pa + window >= len(a) or pb + window >= len(b)
        wa, wb = (a[pa:], b[pb:]) if final else (a[pa : pa + window], b[pb : pb + window])
        ops = list(Levenshtein.opcodes(wa, wb))
        cut: tuple[int, int] | None = None  # where the next window starts, in wa and in wb
        if not final:  # within the last long run of equal text that starts in the first three quarters
            quarter3 = 3 * window // 4
            for op in reversed(ops):
                if op.tag == "equal" and op.src_start < quarter3 and op.src_end - op.src_start >= 3:
                    end = min(op.src_end, max(quarter3, op.src_start + 3))
                    cut = (end, op.dest_start + (end - op.src_start))
                    break
        for op in ops:
            if cut is not None and op.src_start >= cut[0]:
                break
            if op.tag == "equal":
                continue
            i, j, x, y = pa + op.src_start, pa + op.src_end, pb + op.dest_start, pb + op.dest_end
            if _only_punct(a[i:j]) and _only_punct(b[x:y]):
                continue
            if groups and i - groups[-1][1] <= 2 and x - groups[-1][3] <= 2:
                groups[-1][1], groups[-1][3] = j, y
            else:
                groups.append([i, j, x, y])
                if len(groups) > limit:  # a later change joins this one at most: the first are final
                    break
        if cut is None or len(groups) > limit:
            break
        pa, pb = pa + cut[0], pb + cut[1]
    windows: list[list[int]] = []
    for i, j, x, y in groups[:limit]:
        lo, hi = _widen(a, i, j)
        # the same context on the original side: as many characters before and after
        xlo, xhi = max(0, x - (i - lo)), min(len(b), y + (hi - j))
        lo, hi = _snap(a, lo, hi)
        xlo, xhi = _snap(b, xlo, xhi)
        if windows and lo < windows[-1][1] and xlo < windows[-1][3]:  # overlapping: one change
            windows[-1][1], windows[-1][3] = max(hi, windows[-1][1]), max(xhi, windows[-1][3])
        else:
            windows.append([lo, hi, xlo, xhi])
    out: list[dict[str, str]] = []
    for lo, hi, xlo, xhi in windows:
        d = {"copy": a[lo:hi], "original": b[xlo:xhi]}
        if d not in out:  # the same change made twice is shown once
            out.append(d)
    return out


def clause_bounds(s: str, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``s[lo:hi]``: back to the mark before it and on to the mark after it."""
    c0 = lo
    while c0 > 0 and s[c0 - 1] not in CLAUSE:
        c0 -= 1
    c1 = hi
    while c1 < len(s) and s[c1] not in CLAUSE:
        c1 += 1
    return c0, c1


def _snap(s: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``s[lo:hi]`` to whole words (jieba) of its clause, so a change is never shown cut in
    the middle of a word (…我国经 → …我国经济) or of a figure.

    Only the stretch around each end is cut: between the nearest places where no word of the
    dictionary can stand across (words.always_breaks). No word crosses such a place, so every route
    through the clause's words passes it, and the clause's words in the stretch are the stretch's
    own (#14: a stretch is a few characters, a clause a few dozen, and short stretches repeat)."""
    c0, c1 = clause_bounds(s, lo, hi)
    if c1 <= c0 or (lo == c0 and hi == c1):  # a whole clause: its words need not be cut
        return lo, hi
    return _word_bound(s, lo, c0, c1, before=True), _word_bound(s, hi, c0, c1, before=False)


def _word_bound(s: str, p: int, c0: int, c1: int, before: bool) -> int:
    """The word boundary of the clause ``s[c0:c1]`` nearest ``p``, at or before it (``before``)
    or at or after it: ``p`` itself where no cut of the clause can put a word across it."""
    if _between_words(s, p, c0, c1):
        return p
    start = p - 1  # the stretch around p: from the nearest sure break before it to the one after
    while start > c0 and not always_breaks(s[start - 1], s[start]):
        start -= 1
    end = p + 1
    while end < c1 and not always_breaks(s[end - 1], s[end]):
        end += 1
    at = start
    for t in tokens(s[start:end]):
        if at + len(t) > p:
            return at if before or at == p else at + len(t)
        at += len(t)
    return at


def _between_words(s: str, p: int, c0: int, c1: int) -> bool:
    """Whether ``p`` is a word boundary of every cut of the clause ``s[c0:c1]`` that holds it:
    one of its ends, or between two characters that never stand in one word (words.always_breaks)."""
    return not c0 < p < c1 or always_breaks(s[p - 1], s[p])
