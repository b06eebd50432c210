"""What a figure's sentence and paragraph say before it (yblint.text.book_index): the year and
the part of the year it is for (2020年…1—9月…), whether it is a target (预期, 到2025年 …) and
whether its paragraph speaks of several years (过去五年, 以来).

Each is a search of the text before the figure. A sentence of a table pasted on one line holds
thousands of figures, and searching from its start for each read it again for each (#14: 2,000
figures, 9.7 s). :class:`FigureContext` answers the same questions, with the same answers, from
one reading of each sentence or paragraph: the matches of the whole are found once, and only the
last one before the figure, which the figure's place may cut, is looked at again.

Why that is the same: these patterns consume characters and look behind, never ahead (the year
word's look-ahead is taken apart in :class:`_Periods`). A match in the text cut at ``end`` is then
a match in the whole text, so a place where the whole text has none has none in the cut text
either; and a match of the whole text that ends before ``end`` read nothing from ``end`` on, so the
cut text has it too."""

from __future__ import annotations

import bisect

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import Paragraph, Sentence
from yblint.text.scopes import ScopeWords

MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
DASH = r"\s*[-—–－~～至到]\s*"

TARGET_RE = re.compile(
    r"预期|目标|计划|规划|力争|争取|预计|确保|要求|将达|将增|将要|要使|达到\S{0,3}以上|年均|平均每年|累计|五年|十年|每年"
    r"|到\s*(?:19|20)\d\d\s*年"
)
SPAN_RE = re.compile(
    r"过去[一二三四五六七八九十两\d]+年|[一二三四五六七八九十两\d]+年(?:来|间|中|里)|期间|时期|(?<!今年)以来"
)
_COMPARED_RE = re.compile(r"(?:[比较与和同于超高低]|相比|对比)\s*$")
#: a year word (2021年, 去年 …), and what after a year makes it open a range (2019年至2021年), which
#: states no year
_YEAR_WORD_BARE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年|(去年|上年|今年|本年|当年)")
_RANGE_AFTER_RE = re.compile(r"[度底末]?[至到—-]")
PART_RE = re.compile(
    rf"(?:1|一){DASH}(?P<rm>{MONTH})\s*月份?|(前三季度|上半年|(?:第)?一季度)"
    rf"|截[至止](?:到)?\s*(?:{MONTH}\s*月\s*(?:{DAY}\s*日|底|末)?|目前)"
)
_FULL_STOP_RE = re.compile("[。！？]")  # a list of targets runs over ；-separated sentences
_SPACES_RE = re.compile(r"\s+")
_FROM_JANUARY_RE = re.compile(r"^(?:1|一)[-—–－~～至到]")


def _compared(sentence: str, start: int) -> bool:
    """Whether the year word at ``start`` is the one compared with (比上年, 较2020年, 与去年同期)."""
    return _COMPARED_RE.search(sentence, max(0, start - 2), start) is not None


def _part_name(found: str | None) -> str:
    if found is None:
        return "year"
    return _FROM_JANUARY_RE.sub("1—", _SPACES_RE.sub("", found))


class _Periods:
    """The year and the part of it (the document's year, 1—9月, 上半年, 截至10月底 …) that the
    words of one sentence before each of its figures state: the last year word named counts
    (2020年, 去年 from the document's year), unless it is the one compared with (比上年,
    较2020年, 与去年同期) or opens a range with the text up to the figure (2019年至); the last part
    named counts. The sentence's year words and parts are found once, for all its figures.

    Whether a year opens a range is what the cut at the figure can change: the words are found
    without that test, each told on its own for the text up to the figure. The words never
    overlap (a year's digits, spaces and 年 hold no 去上今本当, and no year starts after a digit),
    so those found in the whole sentence that end before the figure are those a search of the
    text before it goes through (tests/test_figure_context.py holds that search)."""

    __slots__ = ("compared", "part_ends", "parts", "sentence", "word_ends", "words")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.words = list(_YEAR_WORD_BARE_RE.finditer(sentence))
        self.word_ends = [m.end() for m in self.words]
        self.compared = [_compared(sentence, m.start()) for m in self.words]
        self.parts = list(PART_RE.finditer(sentence))
        self.part_ends = [m.end() for m in self.parts]

    def period(self, at: int, year: int | None) -> tuple[int | None, str]:
        return self._year(at, year), _part_name(self._last_part(at))

    def _year(self, at: int, year: int | None) -> int | None:
        """The year the last word before ``at`` that states one names (back from ``at``)."""
        s = self.sentence
        for i in range(bisect.bisect_right(self.word_ends, at) - 1, -1, -1):
            m = self.words[i]
            if self.compared[i]:
                continue  # 比上年, 较2020年: the year compared with
            if m.group(1):
                if _RANGE_AFTER_RE.match(s, m.end(), at):
                    continue  # 2019年至…: a range, no year, in the text before ``at``
                return int(m.group(1))
            if year is not None:
                return year - 1 if m.group(2) in ("去年", "上年") else year
        return year

    def _last_part(self, at: int) -> str | None:
        """The last part the text before ``at`` names: of the whole sentence's, the last that ends
        before ``at``, unless the text before ``at`` searched again from the first that does not
        holds one."""
        j = bisect.bisect_left(self.part_ends, at)
        last = self.parts[j - 1] if j else None
        if j < len(self.parts):
            for m in PART_RE.finditer(self.sentence, self.parts[j].start(), at):
                last = m
        return last.group(0) if last is not None else None


class _FirstMatch:
    """``pattern.search(text, start, end) is not None`` for one ``start`` and any ``end`` up to
    ``hi``, from one search of ``text[start:hi]``: no match there is none before ``end``; one that
    ends before ``end`` is one; else the text is searched again from where that one starts."""

    __slots__ = ("found", "hi", "pattern", "start", "text")

    def __init__(self, pattern: re.Pattern[str], text: str, start: int, hi: int) -> None:
        self.pattern, self.text, self.start, self.hi = pattern, text, start, hi
        self.found = pattern.search(text, start, hi)

    def before(self, end: int) -> bool:
        if end > self.hi:
            return self.pattern.search(self.text, self.start, end) is not None
        m = self.found
        if m is None or m.start() >= end:
            return False
        return m.end() < end or self.pattern.search(self.text, m.start(), end) is not None


class FigureContext:
    """The questions :func:`yblint.text.book_index._figures` asks of the text before each figure
    of one document, each sentence and paragraph read once for all of its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = ScopeWords(text)  # its scope words, for a long stretch before a figure
        self._sentence: tuple[int, int, str, _Periods | None] = (-1, -1, "", None)
        self._stops: dict[int, list[int]] = {}  # full stops of each paragraph asked, by its start
        self._targets: dict[int, _FirstMatch] = {}  # by the start of the full sentence
        self._spans: dict[int, _FirstMatch] = {}  # by the paragraph's start

    def sentence(self, s: Sentence) -> str:
        """The text of ``s`` (the last sentence asked is kept: its figures come one after another)."""
        if (s.start, s.end) != self._sentence[:2]:
            self._sentence = (s.start, s.end, self.text[s.start : s.end], None)
        return self._sentence[2]

    def period(self, s: Sentence, at: int, year: int | None) -> tuple[int | None, str]:
        """The year and part of the year ``s``'s words before ``at`` state (:class:`_Periods`)."""
        start, end, sent, periods = self._sentence
        if (s.start, s.end) != (start, end):
            sent = self.sentence(s)
            periods = None
        if periods is None:
            periods = _Periods(sent)
            self._sentence = (s.start, s.end, sent, periods)
        return periods.period(at, year)

    def full_start(self, para: Paragraph, pos: int) -> int:
        """Where the full sentence (。！？) of ``para`` that holds ``pos`` starts."""
        stops = self._stops_of(para)
        i = bisect.bisect_left(stops, pos)
        return stops[i - 1] + 1 if i else para.start

    def _stops_of(self, para: Paragraph) -> list[int]:
        stops = self._stops.get(para.start)
        if stops is None:
            found = _FULL_STOP_RE.finditer(self.text, para.start, para.end)
            stops = self._stops[para.start] = [m.start() for m in found]
        return stops

    def target_before(self, para: Paragraph, full_start: int, end: int) -> bool:
        """``TARGET_RE.search(text, full_start, end)``: a target word in the full sentence before ``end``."""
        got = self._targets.get(full_start)
        if got is None:
            stops = self._stops_of(para)
            i = bisect.bisect_left(stops, full_start)
            hi = stops[i] + 1 if i < len(stops) else para.end  # the full sentence's end
            got = self._targets[full_start] = _FirstMatch(TARGET_RE, self.text, full_start, hi)
        return got.before(end)

    def span_before(self, para: Paragraph, end: int) -> bool:
        """``SPAN_RE.search(text, para.start, end)``: several years named in the paragraph before ``end``."""
        got = self._spans.get(para.start)
        if got is None:
            got = self._spans[para.start] = _FirstMatch(SPAN_RE, self.text, para.start, para.end)
        return got.before(end)
