"""stale-year: a paragraph that tells last year as the current one — carried over from last year's
book (2023年，全市新核发排污许可证312张… in the 2024 book; 2020年是…“十三五”规划收官之年 in 2021's).

A paragraph is reported when it opens (after its 【subhead】) with the year before the book's
(``2023年，``, ``2023年是``), states a figure, and names the book's year nowhere. The book's year
is the one the book index gives the document (``year:``, the file name, the title …), and only
where the document's text names that year most: a draft named by its volume (拱墅年鉴（2022）)
that records the year before is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from yblint import lazyre as re
from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import Corpus, Document
from yblint.text.book_index import book_index
from yblint.text.numbers import find_numbers
from yblint.text.years import years_named

#: the year a paragraph opens with, after its subhead, as the time of what it tells
_LEAD = re.compile(r"(?:【[^】\n]{1,20}】)?[ \t\u3000]*(?P<year>(?:19|20)[0-9]{2})年(?=[，,]|是)")


@register_check("stale-year")
class StaleYear(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        idx = book_index(corpus)
        for doc in corpus.documents:
            year = idx.year_of(doc)
            if year is None or not _about(doc, year):
                continue
            text = doc.text
            for p in doc.paragraphs:
                if not p.is_prose:
                    continue
                m = _LEAD.match(text, p.start, p.end)
                if m is None or int(m["year"]) != year - 1 or f"{year}年" in text[p.start : p.end]:
                    continue
                if not any(n.role is None and n.unit and n.unit != "年" for n in find_numbers(text, m.end(), p.end)):
                    continue  # no figure: history told, not last year's statistics
                yield self.finding(
                    doc,
                    m.start("year"),
                    m.end(),
                    data={"year": year, "stated_year": year - 1},
                    lead=text[m.start("year") : m.end()],
                    year=year,
                    last=year - 1,
                )


def _about(doc: Document, year: int) -> bool:
    """The document's text names ``year`` more than any other year (ties to the later)."""
    counts: dict[int, int] = {}
    for y in years_named(doc.text):
        counts[int(y)] = counts.get(int(y), 0) + 1
    return bool(counts) and max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] == year
