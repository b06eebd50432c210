"""The shared reader of the inconsistent-total checks: one paragraph's figures, its clauses and
sentences, the intervals the figures admit, and how a finding shows its working."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number, convert, find_numbers, unit_info

CLAUSE_END = "，,；;。！？!?：:\n"
SENTENCE_END = "。！？!?\n"

#: characters before a figure searched for a word that makes it a change (增加3亿元)
CHANGE_WINDOW = 8
#: characters before a figure searched for a word that makes it an average (人均…)
AVERAGE_WINDOW = 14
#: slack for floating-point comparisons of stated and computed figures
EPSILON = 1e-9

# a figure introduced by one of these is a change or a rate, not an amount that adds up
CHANGE_WORDS = (
    "增加|增长|减少|下降|提高|提升|降低|上升|扩大|缩小|增收|减收|净增|净减|多|少|人均|户均|平均|年均|日均|月均"
    "|每|比上年|比去年|较上年|较去年|同比|环比|相当于"
)
CHANGE = re.compile(rf"(?:(?:{CHANGE_WORDS})了?|[比较][^，,；;。]{{1,10}}的)$")
#: the last character of any text CHANGE matches at its end
_CHANGE_LAST = frozenset(w[-1] for w in CHANGE_WORDS.split("|")) | {"了", "的"}
AVERAGE = re.compile(r"(?:人均|户均|平均|年均|日均|月均|每年|每人|每户|每天|每月)[\u4e00-\u9fff]{0,8}$")
TOTAL_MARK_LOOSE = re.compile(
    r"(?:(?:共计|合计|总计|总共|一共|累计|共有)[\u4e00-\u9fff]{0,6}|(?<![公中社])共[\u4e00-\u9fff]{0,4})(?:为|达|达到|有)?$"
)
TOTAL_WORD = re.compile(r"总[\u4e00-\u9fff]{0,6}(?:为|达|达到|是)?$")
#: every match of TOTAL_MARK_LOOSE and TOTAL_WORD holds 共, 计 or 总 among its last characters
TOTAL_MARK_CHARS = "共计总"
TOTAL_MARK_WINDOW = 10
TOTAL_MARK_CHAR = re.compile(f"[{TOTAL_MARK_CHARS}]")
#: the longest match of TOTAL_MARK_LOOSE or TOTAL_WORD (共计 + six + 达到, and the line break $
#: stands before), with room to spare
TOTAL_MARK_REACH = 16


@dataclass
class Issue:
    """One contradiction found: the check and message key, the span reported, the message
    arguments and JSON data, the figures it involves. ``certain`` is False when the contradiction
    is likely but not definite (the parts might overlap, the list might be partial): the finding
    is then reported one severity lower than the rule's."""

    check: str
    key: str  # message key
    anchor: tuple[int, int]
    args: dict[str, Any]
    data: dict[str, Any]
    related: list[tuple[int, int]] = field(default_factory=list)
    certain: bool = True


class Figures:
    """The figures of a whole document, found once, looked up by paragraph."""

    def __init__(self, text: str) -> None:
        self.numbers = find_numbers(text)
        self.starts = [n.start for n in self.numbers]

    def within(self, start: int, end: int) -> list[Number]:
        """The figures in ``[start, end)``. They follow one another without overlap, so only
        the last that starts before ``end`` can end after it."""
        a = bisect.bisect_left(self.starts, start)
        b = bisect.bisect_left(self.starts, end)
        found = self.numbers[a:b]
        if found and found[-1].end > end:
            found.pop()
        return found


class Reader:
    """One paragraph (``text[start:end]``) and its figures: taken from ``figures`` (the whole
    document's, found once) when given, else found in the paragraph."""

    def __init__(
        self, text: str, start: int, end: int, figures: Figures | None = None, unit_start: int | None = None
    ) -> None:
        self.text = text
        self.lo, self.hi = start, end
        #: the document's figures and where the paragraph's unit starts: a whole a share names
        #: may be stated in an earlier paragraph of the unit (rate._named_before)
        self.figures, self.unit_start = figures, start if unit_start is None else unit_start
        self.numbers = find_numbers(text, start, end) if figures is None else figures.within(start, end)
        self._starts = [n.num_start for n in self.numbers]
        self._quotes: tuple[list[int], list[int]] | None = None
        self._amount: dict[int, bool] = {}  # is_amount by id: the figures are held by this reader
        self._indexes: dict[str, AmountIndex] = {}
        self.issues: list[Issue] = []
        #: every comparison made, consistent or not: (check, formula, stated, consistent)
        self.checked: list[tuple[str, str, float, bool]] = []

    def nums(self, a: int, b: int) -> list[Number]:
        """The figures whose numeral lies in ``[a, b)``."""
        i = bisect.bisect_left(self._starts, a)
        out = []
        for n in self.numbers[i:]:
            if n.num_start >= b:
                break
            if n.num_end <= b:
                out.append(n)
        return out

    def at(self, pos: int, unit: str | None = None, plain: bool = False) -> Number | None:
        """The figure whose numeral starts at ``pos`` (in ``unit``; with no role when ``plain``)."""
        i = bisect.bisect_left(self._starts, pos)
        n = self.numbers[i] if i < len(self._starts) and self._starts[i] == pos else None
        if n is None or (unit is not None and n.unit != unit) or (plain and n.role is not None):
            return None
        return n

    def quoted(self, pos: int) -> bool:
        """Is ``pos`` a quoted figure, or inside “…” in this paragraph?"""
        n = self.at(pos)
        if n is not None and n.role == "quoted":
            return True
        if self._quotes is None:  # the depth after each quote mark, found once
            marks, depths, depth = [], [], 0
            for m in re.finditer("[“”]", self.text[self.lo : self.hi]):
                depth = depth + 1 if m.group(0) == "“" else max(0, depth - 1)
                marks.append(self.lo + m.start())
                depths.append(depth)
            self._quotes = (marks, depths)
        marks, depths = self._quotes
        i = bisect.bisect_left(marks, pos) - 1
        return i >= 0 and depths[i] > 0

    def marked_total(self, n: Number) -> bool:
        """A figure worded as a total: 共/合计/总计/累计 … or 总… before it in its clause."""
        t, a = self.text, max(self.lo, n.start - TOTAL_MARK_WINDOW)
        if not TOTAL_MARK_CHAR.search(t, a, n.start):
            return False
        c = clause_start(t, n.start, self.lo)
        if n.start - c > TOTAL_MARK_REACH:
            # a long clause (a table's row pasted as one): the marks end where the figure starts
            # and are TOTAL_MARK_REACH characters at most, their look-behind inside the clause
            lo = n.start - TOTAL_MARK_REACH
            return bool(TOTAL_MARK_LOOSE.search(t, lo, n.start) or TOTAL_WORD.search(t, lo, n.start))
        head = t[c : n.start]
        return bool(TOTAL_MARK_LOOSE.search(head) or TOTAL_WORD.search(head))

    def is_amount(self, n: Number) -> bool:
        hit = self._amount.get(id(n))
        if hit is None:
            hit = self._amount[id(n)] = is_amount(n, self.text, self.lo)
        return hit

    def amounts(self, name: str, key: Callable[[Number], Hashable]) -> AmountIndex:
        """The paragraph's exact amounts by ``key`` (:class:`AmountIndex`), made on the first
        question under ``name``."""
        got = self._indexes.get(name)
        if got is None:
            got = self._indexes[name] = AmountIndex(self, key)
        return got


class AmountIndex:
    """A paragraph's amounts stated exactly (``is_amount``, not 约), each under a key (its unit,
    its group …), in order: the first few of one key within a stretch, by bisection. A check that
    wants the one figure of its kind before an average asks for two (#14: a table pasted on one
    line, thousands of figures in one sentence, was read from the sentence's start for each)."""

    def __init__(self, r: Reader, key: Callable[[Number], Hashable]) -> None:
        self._by: dict[Hashable, tuple[list[int], list[Number]]] = {}
        for n in r.numbers:
            if r.is_amount(n) and not n.approx:
                starts, found = self._by.setdefault(key(n), ([], []))
                starts.append(n.num_start)
                found.append(n)

    def first(self, a: int, b: int, key: Hashable, most: int = 2) -> list[Number]:
        """The first ``most`` of ``key`` among ``Reader.nums(a, b)``: numerals that start in
        ``[a, b)`` and end by ``b`` (figures do not overlap: only the last can end after it)."""
        got = self._by.get(key)
        if got is None:
            return []
        starts, found = got
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        if j > i and found[j - 1].num_end > b:
            j -= 1
        return found[i : min(j, i + most)]


# -------------------------------------------------------------------------------------------
# text


def _ends_clause(text: str, i: int) -> bool:
    """Does ``text[i]`` end a clause? A comma between a digit and three more (5,630; in older
    typesetting ３，１５４) separates thousands."""
    c = text[i]
    if c not in CLAUSE_END:
        return False
    if c in ",，" and i > 0 and text[i - 1].isdigit():
        after = text[i + 1 : i + 5]
        return not (len(after) >= 3 and after[:3].isdigit() and not after[3:4].isdigit())
    return True


_CLAUSE_MARK = re.compile("[" + re.escape(CLAUSE_END) + "]")
_SENTENCE_MARK = re.compile("[" + re.escape(SENTENCE_END) + "]")
#: characters of a text whose clause and sentence ends are found together, the first time the
#: checks ask about one of them (they read the clauses of a fraction of a book's text)
MARK_BLOCK = 128
#: blocks read in turn for the end before or after an offset; further (a long stretch without a
#: mark: a five-megabyte line), the ends of the whole text are found once and bisected
MARK_WALK = 16
#: texts whose clause and sentence ends are kept (a document and the paragraph strings tests pass)
CLAUSE_CACHE_SIZE = 4


class _Marks:
    """The clause and sentence ends of one text: by block of :data:`MARK_BLOCK` characters
    (None for a block not read yet), and, once asked for, of the whole text."""

    __slots__ = ("blocks", "text", "whole")

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[tuple[list[int], list[int]] | None] = [None] * (len(text) // MARK_BLOCK + 1)
        self.whole: tuple[list[int], list[int]] | None = None

    def block(self, k: int) -> tuple[list[int], list[int]]:
        """Offsets of the clause ends and of the sentence ends in block ``k``."""
        found = self.blocks[k]
        if found is None:
            a = k * MARK_BLOCK
            found = self.blocks[k] = _ends(self.text, a, a + MARK_BLOCK)
        return found

    def all(self) -> tuple[list[int], list[int]]:
        """Offsets of every clause end and every sentence end."""
        if self.whole is None:
            self.whole = _ends(self.text, 0, len(self.text))
        return self.whole


_marks_cache: dict[int, _Marks] = {}


def _ends(text: str, a: int, b: int) -> tuple[list[int], list[int]]:
    """The clause ends and the sentence ends in ``text[a:b]``."""
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text, a, b)]
    clauses = [i for i in marks if text[i] not in ",，" or _ends_clause(text, i)]
    return clauses, [i for i in marks if text[i] in SENTENCE_END]


def _marks(text: str) -> _Marks:
    """The ends of ``text``, kept for the last few texts."""
    hit = _marks_cache.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    if len(_marks_cache) >= CLAUSE_CACHE_SIZE:
        _marks_cache.pop(next(iter(_marks_cache)))
    hit = _marks_cache[id(text)] = _Marks(text)
    return hit


def _last_end(text: str, kind: int, pos: int, lo: int) -> int | None:
    """The last clause end (``kind`` 0) or sentence end (1) in ``[lo, pos)``, or None."""
    if pos > len(text):
        pos = len(text)
    if pos <= lo or pos <= 0:
        return None
    marks = _marks(text)
    k = (pos - 1) // MARK_BLOCK
    for _ in range(MARK_WALK):
        ends = marks.block(k)[kind]
        i = bisect.bisect_left(ends, pos) - 1
        if i >= 0:
            return ends[i] if ends[i] >= lo else None
        if k * MARK_BLOCK <= lo or k == 0:  # the first block: nothing before it (a negative k would wrap)
            return None
        k -= 1
    ends = marks.all()[kind]
    i = bisect.bisect_left(ends, pos) - 1
    return ends[i] if i >= 0 and ends[i] >= lo else None


def _first_end(text: str, kind: int, pos: int, hi: int) -> int | None:
    """The first clause end (``kind`` 0) or sentence end (1) in ``[pos, hi)``, or None."""
    if pos < 0:
        pos = 0
    hi = min(hi, len(text))
    if pos >= hi:
        return None
    marks = _marks(text)
    k = pos // MARK_BLOCK
    for _ in range(MARK_WALK):
        ends = marks.block(k)[kind]
        i = bisect.bisect_left(ends, pos)
        if i < len(ends):
            return ends[i] if ends[i] < hi else None
        k += 1
        if k * MARK_BLOCK >= hi:
            return None
    ends = marks.all()[kind]
    i = bisect.bisect_left(ends, pos)
    return ends[i] if i < len(ends) and ends[i] < hi else None


def clause_start(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding ``pos`` (not before ``lo``)."""
    e = _last_end(text, 0, pos, lo)
    return lo if e is None else max(lo, e + 1)


def clause_before(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding ``pos``, or of the clause before when ``pos`` opens one
    (实现收入1.63亿元，比上年…: the figure a comparison at 比 is about)."""
    cs = clause_start(text, pos, lo)
    return clause_start(text, cs - 1, lo) if cs == pos else cs


def clause_end(text: str, pos: int, hi: int) -> int:
    """End of the clause holding ``pos`` (the offset of its mark, at most ``hi``)."""
    e = _first_end(text, 0, pos, hi)
    return hi if e is None else e


def sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence holding ``pos``: its start (not before ``lo``) and the offset of its end mark
    (at most ``hi``)."""
    a = _last_end(text, 1, pos, lo)
    b = _first_end(text, 1, pos, hi)
    start = lo if a is None else max(lo, a + 1)
    end = hi if b is None else b
    return min(start, pos), max(end, pos)


def may_end_word(text: str, pos: int, last: str, suffixes: tuple[str, ...] = ("",)) -> bool:
    """Might a word ending in a character of ``last``, then one of ``suffixes``, end at ``pos``?
    (A check looks before it searches: a pattern anchored at a figure matches only there.)"""
    for suffix in suffixes:
        k = pos - len(suffix)
        if text[k - 1 : k] in last and k > 0 and text.startswith(suffix, k):
            return True
    return False


def end_chars(last: str, suffixes: tuple[str, ...] = ("",)) -> frozenset[str]:
    """The characters a word that :func:`may_end_word` looks for can end with: a first look
    at the character before a figure, before the call."""
    return frozenset(last) | {s[-1] for s in suffixes if s}


def is_change(n: Number, text: str, cs: int) -> bool:
    """Whether ``n`` is introduced as a change or a comparison (增加3亿元, 比上年的…, 提高5%);
    ``cs``: where its clause starts."""
    if cs >= n.start or text[n.start - 1] not in _CHANGE_LAST:  # else CHANGE cannot match
        return False
    return CHANGE.search(text[max(cs, n.start - CHANGE_WINDOW) : n.start]) is not None


def is_amount(n: Number, text: str, lo: int) -> bool:
    """An amount that adds up: a summable quantity not introduced as a change (增加3亿元), a
    comparison base (比上年的…) or an average (人均, 年均超收)."""
    if not n.quantity or n.unit is None:
        return False
    cs = clause_start(text, n.start, lo)
    if is_change(n, text, cs):
        return False
    a = max(cs, n.start - AVERAGE_WINDOW)
    if text.find("均", a, n.start) < 0 and text.find("每", a, n.start) < 0:  # in every AVERAGE word
        return True
    return not AVERAGE.search(text[a : n.start])


#: a change or comparison right before a figure: CHANGE without its average words (人均, 每 …)
_CHANGE_NOT_AVERAGE = re.compile(
    "(?:(?:{})了?|[比较][^，,；;。]{{1,10}}的)$".format(
        "|".join(w for w in CHANGE_WORDS.split("|") if "均" not in w and w != "每")
    )
)


def is_average(n: Number, text: str, lo: int) -> bool:
    """An average of amounts that add up (人均可支配收入65,820元, 日均清运1,560吨): a summable
    quantity that :func:`is_amount` leaves out only for the average word before it. Averages add
    up as their amounts do: the average of a total is the total of its parts' averages."""
    if not n.quantity or n.unit is None or is_amount(n, text, lo):
        return False
    cs = clause_start(text, n.start, lo)
    if _CHANGE_NOT_AVERAGE.search(text[max(cs, n.start - CHANGE_WINDOW) : n.start]):
        return False
    return bool(AVERAGE.search(text[max(cs, n.start - AVERAGE_WINDOW) : n.start]))


# -------------------------------------------------------------------------------------------
# intervals


def factor(unit: str | None, to_unit: str | None) -> float:
    """What a figure in ``unit`` is multiplied by to be in ``to_unit`` (1 for units that do not
    convert: count classifiers of one kind, unknown units)."""
    a, b = unit_info(unit), unit_info(to_unit)
    if a is None or b is None or a.group != b.group:
        return 1.0
    return convert(1.0, a.name, b.name)


def interval_in(n: Number, to_unit: str | None) -> tuple[float, float]:
    """``n.interval`` expressed in ``to_unit``."""
    f = factor(n.unit, to_unit)
    lo, hi = n.interval
    return lo * f, hi * f


def sum_interval(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(i[0] for i in intervals), sum(i[1] for i in intervals)


def pct_interval(z: Number) -> tuple[float, float]:
    """A stated percentage admits rounding (half a step either way) and truncation (a full step up)."""
    return z.value - z.step / 2 - EPSILON, z.value + z.step + EPSILON


def pct_change(x: Number, y: Number, down: bool) -> tuple[float, float, float]:
    """The percentage change from ``x`` to ``y`` (a fall when ``down``): the lowest and highest the
    figures' precision allows, and the value from the figures as written. ``x`` must be positive."""
    (xlo, xhi), (ylo, yhi) = x.interval, y.interval
    if down:
        return (xlo - yhi) / xhi * 100, (xhi - ylo) / xlo * 100, (x.value - y.value) / x.value * 100
    return (ylo - xhi) / xhi * 100, (yhi - xlo) / xlo * 100, (y.value - x.value) / x.value * 100


# -------------------------------------------------------------------------------------------
# formatting


def num(v: float, decimals: int = 2) -> str:
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def scale_of(n: Number) -> tuple[float, str]:
    """The multiplier and its character as written in ``n`` (万元 → 10⁴, 万)."""
    written = n.text[n.num_start - n.start :]
    for ch, f in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if abs(n.value) >= f and ch in written:
            return f, ch
    return 1.0, ""


def fmt_like(value: float, like: Number, decimals: int) -> str:
    """``value`` written like ``like``: its multiplier (万, 亿), unit, and thousands separators."""
    scale, ch = scale_of(like)
    shown = num(value / scale, decimals)
    if re.search(r"\d[,，]\d", bare(like)):
        whole, _, frac = shown.partition(".")
        shown = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return shown + ch + (like.unit or "")


def decimals_in(n: Number, scale: float) -> int:
    """Decimals needed to show ``n`` at ``scale``."""
    s = math.log10(scale / n.step) if n.step > 0 else 0
    return max(0, math.ceil(round(s, 6)))


def shown(n: Number) -> str:
    """The figure as written, its qualifier kept but shortened (约为944.11万元 → 约944.11万元)."""
    q = n.text[: n.num_start - n.start]
    return re.sub(r"(?<=[约近超逾])[为合达有了]$", "", q) + n.text[n.num_start - n.start :]


def bare(n: Number) -> str:
    """The figure without its qualifier (``约为944.11万元`` → ``944.11万元``)."""
    return n.text[n.num_start - n.start :]


def stated_figure_issue(
    check: str,
    key: str,
    stated: Number,
    anchor_end: int,
    computed: float,
    shown_value: str,
    formula: str,
    operands: list[Number],
    args: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> Issue:
    """A stated figure (a rate, a share, a change) that the figures it comes from do not give."""
    return Issue(
        check,
        key,
        (stated.num_start, anchor_end),
        {"stated": stated.text, "computed": shown_value, "formula": formula, **(args or {})},
        {
            "check": (data or {}).get("check", check),
            **{k: v for k, v in (data or {}).items() if k != "check"},
            "stated": stated.value,
            "computed": round(computed, 4),
            "operands": [o.text for o in operands],
            "formula": formula,
        },
        [(o.num_start, o.end) for o in operands],
    )
