"""The year a document is about (``document_year``), for the rules that compare a book's years
and the messages that suggest one: ``year:`` from the configuration, else its file name or
folder, else its first line, else the year its text names most."""

from __future__ import annotations

from collections import Counter

from yblint import lazyre as re
from yblint.model import Document

_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_YEAR_NIAN_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*年")


_YEAR_DIGITS = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)")


def years_named(text: str) -> list[str]:
    """The years before a 年 in ``text`` (2021年, 1998 年), as ``_YEAR_NIAN_RE.findall`` finds them:
    found from each 年 backwards, over the spaces, to four digits (a 年 is far rarer than a digit,
    and a scan of the text for digits costs more than one for 年)."""
    out = []
    j = text.find("年")
    while j >= 0:
        k = j
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k >= 4 and _YEAR_DIGITS.fullmatch(text, k - 4, k):
            out.append(text[k - 4 : k])
        j = text.find("年", j + 1)
    return out


def document_year(doc: Document, configured: int | None = None) -> int | None:
    """The year the document is about: ``configured`` (``year:`` in .yblint.yaml) for linted
    files; else the one year its file name holds (or, failing that, the name of its folder or
    the folder above); else a year in its first heading or line;
    else the year its text names most (None when it names none)."""
    return _year_of(doc, configured)[0]


def drafts_year(documents: list[Document], configured: int | None = None) -> int | None:
    """The year of a run's drafts: ``configured`` when given, else the year more than half of
    the documents that have one are of (:func:`document_year`), the linted drafts and the
    reference ones alike (a commit hook lints one draft against the rest of the book); None when
    no year has half of them (a run of reports of many years)."""
    if configured is not None:
        return configured
    return majority_year([y for y in (document_year(d) for d in documents) if y is not None])


def majority_year(years: list[int]) -> int | None:
    """The year more than half of ``years`` are, or None."""
    top = Counter(years).most_common(1)
    return top[0][0] if top and 2 * top[0][1] > len(years) else None


def yields_to_book(doc: Document, configured: int | None, book_year: int) -> bool:
    """Whether the year :func:`document_year` finds for ``doc`` is a guess the book's year
    ``book_year`` (the year most drafts of the run are of) outweighs: a year its text names only
    once (a 2021 draft's one 2022年亚运, a plan for next year), or no more often than the book's
    year. A year from the configuration, the file's name or folders, or the title stands; so does
    one the text names twice or more, and more often than the book's."""
    year, _tied, counts = _year_of(doc, configured)
    if counts is None or year is None or year == book_year:
        return False
    return counts[year] < 2 or counts[year] <= counts.get(book_year, 0)


def suggested_year(doc: Document, configured: int | None = None, book_year: int | None = None) -> int | None:
    """:func:`document_year`, for a message to suggest (如“2021年”): the year of the run's drafts
    (``book_year``, :func:`drafts_year`) where the draft's own is missing or a weak guess
    (:func:`yields_to_book`); None where it is a guess between years the text names equally often
    (成立于2009年 … 成立于2015年: neither need be the year the draft is about; the rules that
    compare years still take the later one)."""
    year, tied, _counts = _year_of(doc, configured)
    if book_year is not None and not doc.reference and (year is None or yields_to_book(doc, configured, book_year)):
        return book_year
    return None if tied else year


def _year_of(doc: Document, configured: int | None) -> tuple[int | None, bool, Counter[int] | None]:
    """:func:`document_year`, whether it is the later of years the text names equally often, and
    how often the text names each year when the year was found there (else None); kept with the
    document (the book index, the run's year and the messages each ask)."""
    key = f"years.of:{configured}"
    got = doc.derived.get(key)
    if got is None:
        got = doc.derived[key] = _read_year(doc, configured)
    return got


def _read_year(doc: Document, configured: int | None) -> tuple[int | None, bool, Counter[int] | None]:
    if configured is not None and not doc.reference:
        return configured, False, None
    parts = doc.path.replace("\\", "/").split("/")
    for part in reversed(parts[-3:]):  # the file's name, then its folders (../2020/区统计局.md)
        found = set(_YEAR_RE.findall(part))
        if len(found) == 1:
            return int(found.pop()), False, None
    first = next((p for p in doc.paragraphs if p.text.strip()), None)
    if first is not None and len(first.text) <= 60:
        m = _YEAR_NIAN_RE.search(first.text)
        if m:
            return int(m.group(1)), False, None
    counts = Counter(int(y) for y in years_named(doc.text))
    if not counts:
        return None, False, counts
    ranked = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    return ranked[0][0], len(ranked) > 1 and ranked[0][1] == ranked[1][1], counts
