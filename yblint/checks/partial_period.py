"""partial-period: a statistic whose period ends before the end of the yearbook's year.

A yearbook reports the whole year: 1—9月, 截至11月15日, 截至9月底 and 截至目前 in a 2021 book
are figures counted to a day that the reader cannot see from the year alone. The cut-offs come
from the book index; the book's year from ``year:`` in .yblint.yaml, else the file name or title,
else the year the text names most (yblint.text.book_index.document_year).

Not flagged: a period that ends with December (1—12月, 截至12月底, 截至2021年底); a period of
another year than the book's (2020年1—9月, for comparison); a cut-off with no figure after it in
its sentence (截至目前，工作进展顺利); 上半年, 前三季度, 一季度 (in the drafts and reports these
compare with a part of last year or tell what happened when, far more often than they cut off a
figure); a cut-off in the chronicle (大事记), whose every entry is the news of its own day
(10月18日　区统计局发布2024年1—9月全区经济运行情况); a year cut into parts in one sentence, the rest
of the year given too (其中1—9月1.71万户、10—12月0.65万户).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import Corpus
from yblint.text.book_index import Cutoff, book_index
from yblint.text.chronicle import in_chronicle
from yblint.text.numbers import find_numbers

_CLAUSE_END = re.compile(r"[，；。！？]")
#: what opens a note on the figures before it: （以上数据截至10月底）, 数据统计截至…, 统计时间截至…
_NOTE_LEAD = re.compile(r"(?:以上|上述|本节|本文|文中)?(?:各项|所列)?(?:数据|数字|统计)[\u4e00-\u9fff]{0,4}$")
_SENTENCE_START = re.compile(r"[。！？\n][^。！？\n]*$")
#: a campaign run in the months named (1—3月开展“春风行动”, 6—8月集中开展夏季治安打击整治专项行动)
_CAMPAIGN = re.compile(
    r"(?:期间|间)?[，,]?(?:组织|集中|深入|全面)?(?:开展|举办|实施|启动)[^，；。！？]{0,16}?(?:[“《]|行动|活动|专项|竞赛)"
)
#: the rest of the year named in the same sentence (…、10—12月0.65万户; …，四季度…): the year is
#: cut into parts, and each is given
_REST_OF_YEAR = re.compile(r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})[—–～~-]12月|第?四季度|12月份")
#: characters before a cut-off searched for the bracket or the words of a note
NOTE_WINDOW = 12


def _note_on(c: Cutoff) -> bool:
    """Whether the cut-off is a note on figures stated before it: its clause opens with 数据/统计
    (以上数据截至10月底), or it stands in brackets after a figure of its sentence (…18家（截至10月底）)."""
    text = c.document.text
    lo = max(0, c.start - NOTE_WINDOW)
    head = text[lo : c.start]
    cut = max(head.rfind(ch) for ch in "，；。！？\n（(")
    if _NOTE_LEAD.search(head[cut + 1 :]):
        return True
    opened = max(head.rfind("（"), head.rfind("("))
    if opened < 0 or max(head.rfind("）"), head.rfind(")")) > opened:
        return False
    bracket = lo + opened
    m = _SENTENCE_START.search(text, max(0, bracket - 400), bracket)
    start = m.start() + 1 if m else max(0, bracket - 400)
    return any(n.role is None and n.unit for n in find_numbers(text, start, bracket))


def cutoff_label(c: Cutoff) -> str:
    """The day a cut-off ends on, written the same way for every form: 11月15日, 9月底, 目前."""
    if c.open:
        return "目前"
    if c.part:
        return c.label
    return f"{c.month}月{c.day}日" if c.day else f"{c.month}月底"


@register_check("partial-period")
class PartialPeriod(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        idx = book_index(corpus)
        for c in idx.cutoffs:
            if c.document.reference or c.part:
                continue  # 上半年/前三季度/一季度 mostly compare or narrate; only days and months count
            if c.unit is not None and in_chronicle(c.unit):
                continue  # a chronicle's entry tells what was known on its day
            year = c.year
            if c.stated_year is not None and year is not None and c.stated_year != year:
                continue  # another year's period, stated for comparison
            text = c.document.text
            stop = c.sentence_end
            if c.open:  # 截至目前: a figure must follow in its clause
                m = _CLAUSE_END.search(text, c.end, stop)
                if m is not None and m.start() == c.end:  # 截至目前，… : the clause after it
                    m = _CLAUSE_END.search(text, c.end + 1, stop)
                stop = m.start() if m else stop
            if not any(n.role is None and n.unit for n in find_numbers(text, c.end, stop)) and not _note_on(c):
                continue
            if not c.open and _CAMPAIGN.match(text, c.end, stop):
                continue  # 1—3月开展“春风行动”: when a campaign ran, not where figures stop
            if not c.open and _REST_OF_YEAR.search(text, c.end, stop):
                continue  # 其中1—9月1.71万户、10—12月0.65万户: the year cut in two, both parts given
            label = cutoff_label(c)
            key = "open" if c.open else "default"
            yield self.finding(
                c.document,
                c.start,
                c.end,
                message_key=key,
                data={"cutoff": label, "period": c.label, "year": year},
                period=c.label,
                until=_until(c, label, year, self.lang),
                year_end=_year_end(year, self.lang),
            )


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _until(c: Cutoff, label: str, year: int | None, lang: str) -> str:
    """2021年9月底, or the end of September 2021 (without the year when it is unknown)."""
    if lang == "en":
        month = MONTHS[(c.month or 1) - 1]
        day = f"on {c.day} {month}" if c.day else f"at the end of {month}"
        return f"{day} {year}" if year else day
    return f"{year}年{label}" if year else label


def _year_end(year: int | None, lang: str) -> str:
    if lang == "en":
        return f"the end of {year}" if year else "the end of the year"
    return f"{year}年底" if year else "年底"
