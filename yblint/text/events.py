"""Events a book dates twice: an entry of its chronicle (大事记: ``10月28日　柳河大桥建成通车。``)
and a sentence of a unit's text that opens with a day and tells the same event (``10月18日，柳河
大桥建成通车，大桥全长458米…``).

An entry and a sentence tell the same event when the words after their dates share a stretch of
:data:`MIN_SHARED` Chinese characters or more that is most of the entry's event (its first
clause after its date, or its first sentence when that clause is short). An event the chronicle
tells more than once (县委常委会召开, month after month), or a sentence that more than one entry
would match, is left out: which day is meant is not plain. What is compared is the day the event
starts on (9月26—28日: 9月26日).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from yblint import lazyre as re
from yblint.model import Corpus, Document, Unit
from yblint.text.chronicle import in_chronicle, opens_entry
from yblint.text.years import document_year

#: the fewest Chinese characters an entry and a sentence share to tell one event
MIN_SHARED = 8
#: … and the least share of the entry's event they cover
MIN_COVER = 0.6
#: characters of a key used to find the sentences an entry may match (a sentence shares one)
GRAM = 4

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
#: a day, and the days of a range after it: 3月5日, 9月26—28日, 6月30日—7月2日, 5月16日至18日
_DAY = re.compile(
    r"(?<![0-9０-９年.])(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})"
    r"(?:日?(?:[—～~-]|至|到)(?:[0-9]{1,2}月)?[0-9]{1,2})?日"
)
#: where a sentence that opens with its day may start: a paragraph, a subhead, a sentence
_OPENS = re.compile(r"(?:^|[。；！？】\n])[ \t\u3000]*$")
#: an entry of a chronicle whose day is set off by a comma (7月28日，云溪经开区通过…认定。): in a
#: chronicle's text, as the entries set off by a space are anywhere
_COMMA_ENTRY = re.compile(
    r"[ \t\u3000]*[0-9]{1,2}月[0-9]{1,2}(?:日?(?:[—～~-]|至|到)(?:[0-9]{1,2}月)?[0-9]{1,2})?日[，,]"
)
_END = re.compile(r"[。；！？\n]")
_CLAUSE_END = re.compile(r"[，,。；！？\n]")


@dataclass(frozen=True)
class Dated:
    """An event with the day it is dated: ``start``/``end`` the date in ``document.text``;
    ``event``: the Chinese characters of the words after it, up to the end of the sentence."""

    document: Document
    unit: Unit
    start: int
    end: int
    month: int
    day: int
    event: str
    chronicle: bool
    #: for a day told after its event's subject (…高速公路，于2023年11月26日建成通车): the words after
    #: the day, which an entry telling the same event ends with
    tail: str = ""

    @property
    def date(self) -> str:
        return f"{self.month}月{self.day}日"


def dated_events(corpus: Corpus) -> list[tuple[Dated, list[Dated]]]:
    """Each chronicle entry the book also tells elsewhere with a date, and those sentences."""
    entries: list[Dated] = []
    others: list[tuple[Document, Unit]] = []
    for doc in corpus.all_documents:
        for unit in doc.units:
            if not in_chronicle(unit):
                others.append((doc, unit))
                continue
            for p in unit.paragraphs:
                if p.is_prose and (
                    opens_entry(doc.text, p.start, p.end) or _COMMA_ENTRY.match(doc.text, p.start, p.end)
                ):
                    entries.extend(_dated(doc, unit, p.start, p.end, True, first=True))
    if not entries:
        return []  # most books a run reads have no chronicle among them
    years = {id(doc): document_year(doc, corpus.year) for doc, _unit in others}  # once a document
    sentences = [
        d
        for doc, unit in others
        for p in unit.paragraphs
        if p.is_prose
        for d in (
            *_dated(doc, unit, p.start, p.end, False, first=False),
            *_dated_after_subject(doc, unit, p.start, p.end, years[id(doc)]),
        )
    ]
    by_gram: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        for g in {s.event[k : k + GRAM] for k in range(len(s.event) - GRAM + 1)}:
            by_gram[g].append(i)
    matched: dict[int, list[int]] = defaultdict(list)  # entry -> sentences; a sentence's entries
    of_sentence: dict[int, list[int]] = defaultdict(list)
    for e, entry in enumerate(entries):
        cands = {i for k in range(len(entry.event) - GRAM + 1) for i in by_gram.get(entry.event[k : k + GRAM], ())}
        for i in sorted(cands):
            tail = sentences[i].tail
            if _same_event(entry.event, sentences[i].event) and entry.event.endswith(tail):
                matched[e].append(i)
                of_sentence[i].append(e)
    # an event the chronicle tells twice (a meeting held month after month): not one day
    told: dict[str, int] = defaultdict(int)
    for entry in entries:
        told[entry.event] += 1
    out = []
    for e, found in matched.items():
        entry = entries[e]
        if told[entry.event] > 1:
            continue
        ones = [sentences[i] for i in found if len(of_sentence[i]) == 1]
        if ones:
            out.append((entry, ones))
    return out


def _dated(doc: Document, unit: Unit, lo: int, hi: int, chronicle: bool, first: bool) -> list[Dated]:
    """The days in ``doc.text[lo:hi]`` that open a sentence (an entry's first only), each with the
    event its sentence tells."""
    text = doc.text
    out = []
    for m in _DAY.finditer(text, lo, hi):
        if not _OPENS.search(text, max(lo, m.start() - 3), m.start()) and m.start() != lo:
            continue
        stop = (_CLAUSE_END if first else _END).search(text, m.end() + 1, hi)
        event = "".join(_HAN.findall(text, m.end(), stop.start() if stop else hi))
        if first and len(event) < MIN_SHARED and stop is not None:  # 3月2日，县委召开…: the sentence
            stop = _END.search(text, m.end(), hi)
            event = "".join(_HAN.findall(text, m.end(), stop.start() if stop else hi))
        if len(event) >= MIN_SHARED:
            out.append(Dated(doc, unit, m.start(), m.end(), int(m["month"]), int(m["day"]), event, chronicle))
        if first:
            break
    return out


#: a day told after its event's subject, in the clause it dates: …高速公路，于2023年11月26日建成通车
_DAY_AFTER_SUBJECT = re.compile(
    r"于(?:(?P<year>(?:19|20)[0-9]{2})年)?(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})日(?=[\u4e00-\u9fff])"
)
#: the fewest characters after the day that name what happened (建成通车, 开工)
MIN_TAIL = 2


def _dated_after_subject(doc: Document, unit: Unit, lo: int, hi: int, year: int | None) -> list[Dated]:
    """Days told after their event's subject (临川至东溪高速公路，于2023年11月26日建成通车): the event is
    the words of the sentence before the day and those of its clause after it, and an entry matches
    it only if it ends with those after it (a road opened to traffic, not begun). A day of another
    year than the document's is left out."""
    text = doc.text
    out = []
    for m in _DAY_AFTER_SUBJECT.finditer(text, lo, hi):
        if m["year"] is not None and year is not None and int(m["year"]) != year:
            continue
        s_start = max((x.end() for x in _END.finditer(text, lo, m.start())), default=lo)
        stop = _CLAUSE_END.search(text, m.end(), hi)
        tail = "".join(_HAN.findall(text, m.end(), stop.start() if stop else hi))
        event = "".join(_HAN.findall(text, s_start, m.start())) + tail  # the match starts at its 于
        if len(tail) >= MIN_TAIL and len(event) >= MIN_SHARED:
            out.append(Dated(doc, unit, m.start(), m.end(), int(m["month"]), int(m["day"]), event, False, tail))
    return out


def _same_event(entry: str, sentence: str) -> bool:
    """The two events share a stretch of :data:`MIN_SHARED` characters or more, most of the entry's."""
    m = SequenceMatcher(None, entry, sentence, autojunk=False).find_longest_match(0, len(entry), 0, len(sentence))
    return m.size >= MIN_SHARED and m.size >= MIN_COVER * len(entry)
