"""Two amounts of one thing whose digits differ by two neighbours swapped (棚户区改造征迁1286户 /
1268户): one of them was typed wrong. The words before each amount in its clause must end alike
in :data:`MIN_WORDS` characters or more (the thing counted), the unit and the book year (known) be the same,
and each amount hold :data:`MIN_DIGITS` digits or more: a swap in a two-digit number (42 / 24) is as
likely two numbers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from yblint.text.book_index import AmountSpot

MIN_WORDS = 6
MIN_DIGITS = 3


def digits(amount: str) -> str:
    return "".join(c for c in amount if c.isdigit())


def swapped(x: str, y: str) -> bool:
    """``y`` is ``x`` with two neighbouring digits swapped (and nothing else changed)."""
    if len(x) != len(y) or x == y:
        return False
    at = [i for i in range(len(x)) if x[i] != y[i]]
    return len(at) == 2 and at[1] == at[0] + 1 and x[at[0]] == y[at[1]] and x[at[1]] == y[at[0]]


def shared_words(a: AmountSpot, b: AmountSpot) -> str:
    """The words the two amounts' clauses end with alike, before the amounts."""
    wa, wb = a.document.text[a.start : a.end], b.document.text[b.start : b.end]
    k = 0
    while k < min(len(wa), len(wb)) and wa[-1 - k] == wb[-1 - k]:
        k += 1
    return wa[len(wa) - k :]


#: the words both end with are this share of each one's words or more (完成棚户区改造征迁 of
#: 全区完成棚户区改造征迁), not a part of a longer name (医疗卫生机构 of 基层医疗卫生机构 is another thing)
SHARE = 0.8
#: the text around the two amounts this alike or more: a passage copied with its figures changed,
#: which duplicate-passage tells (its changes listed), not a slip of one figure
COPIED = 0.8
AROUND = 40


def _around(a: AmountSpot) -> str:
    text = a.document.text
    return text[max(0, a.amount_start - AROUND) : a.amount_start] + text[a.amount_end : a.amount_end + AROUND]


#: the least text around both amounts for them to be told apart as a copy: a short sentence that
#: two units both write (全年完成棚户区改造征迁1286户。) is no passage duplicate-passage reports
COPY_CONTEXT = 40


def _copied(a: AmountSpot, b: AmountSpot) -> bool:
    from rapidfuzz.distance import Indel

    ta, tb = _around(a), _around(b)
    return min(len(ta), len(tb)) >= COPY_CONTEXT and Indel.normalized_similarity(ta, tb) >= COPIED


def transposed_pairs(amounts: list[AmountSpot]) -> Iterator[tuple[AmountSpot, AmountSpot, str]]:
    """Pairs of amounts of one year and unit whose digits are swapped neighbours, stated after the
    same words (returned with the pair: most of each one's words), in the order the amounts stand;
    not two places of one passage copied with its figures changed."""
    by: dict[tuple[int | None, str, int], list[tuple[AmountSpot, str]]] = defaultdict(list)
    for a in amounts:
        d = digits(a.amount)
        if len(d) >= MIN_DIGITS and a.year is not None:  # with no year, no period to compare by
            by[(a.year, a.key[1], len(d))].append((a, d))
    for group in by.values():
        if len(group) < 2:
            continue
        # two amounts that differ by a swap hold the same digits: only those are compared
        alike: dict[str, list[tuple[AmountSpot, str]]] = defaultdict(list)
        for a, d in group:
            alike["".join(sorted(d))].append((a, d))
        for same in alike.values():
            for i, (a, da) in enumerate(same):
                for b, db in same[i + 1 :]:
                    if not swapped(da, db):
                        continue
                    words = shared_words(a, b)
                    share = len(words) / max(a.end - a.start, b.end - b.start)
                    if len(words) >= MIN_WORDS and share >= SHARE and not _copied(a, b):
                        yield a, b, words
