"""The scope of a figure a book states (yblint.text.book_index): the place it is for — a place
named right before its indicator (杭州市常住人口), a 全X / 本X / 我X word in its sentence (全区), or,
where the sentence names none, the local scope the paragraph's sentences before it named."""

from __future__ import annotations

import bisect

from yblint import lazyre as re  # patterns compiled on first use (#14)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_SCOPE_TRIM_RE = re.compile(r"(?:的|实现|完成|共有|有)+$")
_RUN_END_RE = re.compile(rf"[{_CJK}]{{1,10}}$")
_PLACE_END_RE = re.compile(r"(?:省|市|区|县|镇|乡|街道)$")
_SCOPE_WORD_RE = re.compile(r"(全国|全省|全市|全区|全县|全镇|全乡|全街道|本省|本市|本区|本县|我省|我市|我区|我县|我国)")
_SCOPE_LEAD_RE = re.compile(r"^.*(?:其中|全年|年末|年底|实现|完成|共有|拥有|[年月日末底和及与在])")
#: areas that end in 区 but name no place: 辖区 is the unit's own; 景区, 园区, 社区 … are places of
#: some kind, not the one a book's figures are for
_GENERIC_AREAS = frozenset(
    {
        *("辖区", "本辖区", "全辖区", "城区", "市区", "郊区", "山区", "林区", "牧区", "库区", "矿区"),
        *("片区", "街区", "小区", "社区", "景区", "园区", "校区", "厂区", "院区", "展区", "学区"),
    }
)
#: a time between a body's name and its indicator: 梅花洲景区全年接待游客
_TIME_TAIL_RE = re.compile(r"(?:全年|当年|年末|年底|上半年|下半年|前三季度)$")


def stated_scope(sentence: str, at: int, words: ScopeWords | None = None, offset: int = 0) -> str:
    """Scope of an indicator at ``at`` in ``sentence``: a place named right before it
    (杭州市常住人口), else a 全X/本X/我X word before it in the sentence, else "". ``words``: those
    of the text the sentence stands in at ``offset``, to look a long sentence up in."""
    cut, tail = _trim(sentence, at)
    if tail:  # the words trimmed stood before a line break: the text before the indicator, as it was
        before = sentence[:cut] + tail
        sentence, cut, words = before, len(before), None
    m = _RUN_END_RE.search(sentence, max(0, cut - 10), cut)  # a run of 10 at most ends it
    if m:
        body = _TIME_TAIL_RE.sub("", m.group(0))
        if body != m.group(0) and len(body) >= 3 and _OWN_UNIT_RE.search(body) and not _SCOPE_WORD_RE.search(body):
            return body  # a body of its own, then its year: 梅花洲景区全年接待游客 is the scenic area's
        if _PLACE_END_RE.search(m.group(0)):
            run = _SCOPE_LEAD_RE.sub("", m.group(0))
            if len(run) >= 2 and not _SCOPE_WORD_RE.search(run[-3:]) and run not in _GENERIC_AREAS:
                return run
    if words is not None and cut > LONG_STRETCH:
        return words.named(offset, offset + cut)
    return named_scope(sentence, 0, cut)


#: characters before an indicator looked at first for the words _SCOPE_TRIM_RE takes off
_TRIM_WINDOW = 16


def _trim(sentence: str, at: int) -> tuple[int, str]:
    """``_SCOPE_TRIM_RE.sub("", sentence[:at])`` (the text before an indicator without the words
    before it that name no scope: 的, 实现, 完成 …) as where the words trimmed start and what
    stands after them (nothing, or the line break that ends ``sentence[:at]``), looking at the
    last characters only (#14: a
    sentence of a thousand figures was read from its start for each): its words are of two
    characters at most, so a run of them that goes on before the window starts at its first
    two characters, and only then is the whole read."""
    lo = max(0, at - _TRIM_WINDOW)
    m = _SCOPE_TRIM_RE.search(sentence, lo, at)
    if m is not None and lo > 0 and m.start() <= lo + 1:
        m = _SCOPE_TRIM_RE.search(sentence, 0, at)
    return (at, "") if m is None else (m.start(), sentence[m.end() : at])


def named_scope(text: str, start: int, end: int) -> str:
    """The scope the last 全X/本X/我X word in ``text[start:end]`` names (本区, 我区 → 全区; 我国 →
    全国), "" when there is none. The words never overlap (each starts with 全, 本 or 我 and ends
    with a place), so the last is searched for in a window before ``end`` that grows until it
    holds one (#14: a long paragraph was read from its start for each figure)."""
    size, lo = 64, end
    while lo > start:
        lo = max(start, end - size)
        words = _SCOPE_WORD_RE.findall(text, lo, end)
        if words:
            return _scope_of(words[-1])
        size *= 4
    return ""


def _scope_of(word: str) -> str:
    return "全国" if word == "我国" else "全" + word[1:] if word[0] in "本我" else word


#: a stretch of text longer than this is looked up in its text's ScopeWords, when there are some
LONG_STRETCH = 2_000


class ScopeWords:
    """The 全X/本X/我X words of a text, found on the first question: :func:`named_scope` of any
    stretch of it, by bisection (#14: a sentence of a table pasted on one line that names no
    scope was read back to its start for each of its thousands of figures). The words never
    overlap, so those found in the whole text are those of any stretch that holds them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: tuple[list[int], list[int], list[str]] | None = None

    def named(self, start: int, end: int) -> str:
        """``named_scope(text, start, end)``."""
        if self._found is None:
            found = list(_SCOPE_WORD_RE.finditer(self.text))
            self._found = ([m.start() for m in found], [m.end() for m in found], [m.group(0) for m in found])
        starts, ends, words = self._found
        i = bisect.bisect_right(ends, end) - 1
        return _scope_of(words[i]) if i >= 0 and starts[i] >= start else ""


def inherited_scope(text: str, start: int, end: int, words: ScopeWords | None = None) -> str:
    """The scope of an indicator whose sentence names none: the local one (全区, 全市 …) the
    paragraph's sentences ``text[start:end]`` named last (全区实现地区生产总值…。城镇新增就业2.36万人:
    the district's); not the country's or the province's (a local book quotes those for context,
    in sentences of their own). ``words``: those of ``text``, to look a long stretch up in."""
    if words is not None and end - start > LONG_STRETCH:
        scope = words.named(start, end)
    else:
        scope = named_scope(text, start, end)
    return "" if scope in ("全国", "全省") else scope


#: the scopes a book's own area is named by (全区, 全市, 全县): the most common is the book's
_BOOK_SCOPES = ("全区", "全市", "全县")
#: units that speak for a place of their own or for themselves, not for the book's area: a town,
#: a village, a company, a school, a hospital … (their figures without a scope are their own)
_OWN_UNIT_RE = re.compile(
    r"(?:镇|乡|街道|村|社区|公司|集团|银行|医院|卫生院|学校|学院|大学|中学|小学|幼儿园|厂|场|所|站|馆|院|景区|园区|开发区|管委会"
    r"|[区园城港]管理委员会)$"
)


def book_scope(scopes: list[str]) -> str:
    """The book's own area, the one of 全区/全市/全县 its figures name most; "" when none is named."""
    counts = {s: scopes.count(s) for s in _BOOK_SCOPES}
    best = max(_BOOK_SCOPES, key=lambda s: counts[s])
    return best if counts[best] else ""


def speaks_for_the_book(unit_name: str) -> bool:
    """A unit whose figures without a scope are the book's area's: a department, a Party or
    people's body, an overview (区发改局, 县委组织部, 县情概览, 国民经济概况), not a town, a company
    or an institution (城关镇, 区城投集团, 区人民医院)."""
    name = unit_name.strip()
    return bool(name) and not _OWN_UNIT_RE.search(name)
