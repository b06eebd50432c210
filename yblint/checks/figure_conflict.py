"""figure-conflict: one indicator, for one scope and period, stated with two values in the book.

The figures come from the book index (yblint.text.book_index): an indicator from its list
(常住人口, 地区生产总值 …) followed by its value, with the scope (全区, a named place, or none:
then the unit's own), the period (the year stated or the document's year; a part such as 1—9月)
and the kind (a level, or a growth rate). Two figures conflict when all of these are the same
and the ranges of true values their written precision admits (yblint.text.numbers
``Number.interval``, in the unit group's base unit) do not meet: 69.9万人 and 699,000人 agree,
70万人 and 69.9万人 agree, 69.9万人 and 65.0万人 do not.

With last year's book among the references (``corpus:``), a growth stated as 比上年增长X% is
checked against the two levels: this year's and last year's for the same indicator and scope.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from yblint import lazyre as re
from yblint.check import Check, register_check
from yblint.checks.name_variant import where_of
from yblint.finding import Finding, Location
from yblint.model import Corpus
from yblint.text.book_index import BookIndex, Figure, book_index, indicator_key
from yblint.text.events import dated_events
from yblint.text.transposed import transposed_pairs

GROWTH_SLACK = 0.05  # percentage points allowed besides the rounding of the three figures


def _interval(f: Figure) -> tuple[float, float]:
    n = f.number
    assert n is not None
    factor = n.unit_info.factor if n.unit_info else 1.0
    lo, hi = n.interval
    if f.negative:
        lo, hi = -hi, -lo
    return lo * factor, hi * factor


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _group(f: Figure) -> str:
    n = f.number
    return (n.group or n.unit or "") if n is not None else ""


def _compatible(a: Figure, b: Figure) -> bool:
    """Two figures measure alike: one unit group (万人 and 人; 亿元 and 万元), or one of them
    written without a unit (常住人口65万)."""
    ga, gb = _group(a), _group(b)
    return ga == gb or not ga or not gb


def _scope_key(f: Figure) -> tuple:
    if f.scope:
        return ("named", f.scope)
    return ("unit", f.document.path, f.unit.index if f.unit is not None else -1)


@register_check("figure-conflict")
class FigureConflict(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        idx = book_index(corpus)
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        figures = idx.compared_figures  # a finding is for a figure of a linted document
        for f in figures:
            if f.year is None or f.number is None:
                continue
            groups[(f.year, f.period, _scope_key(f), indicator_key(f.indicator), f.kind)].append(f)
        told: list[Finding] = []  # figures told apart already: their amounts are not told twice
        for figs in groups.values():
            if len(figs) < 2:
                continue
            # the record first: reference documents, then the statistics bureau's own section, then
            # for a figure the bureau makes, the book's overview (written from its bulletin), then
            # the competent department's (norms R4: statistics come from the statistics bureau,
            # otherwise the competent department), then the overview, then the value most places
            # agree on, then the book's order
            ivs = {id(f): _interval(f) for f in figs}
            agree = {id(f): sum(_compatible(f, g) and _meet(ivs[id(f)], ivs[id(g)]) for g in figs) for f in figs}
            figs.sort(
                key=lambda f: (
                    not idx.is_record(f.document),
                    not _statistics(f),
                    not _overview(f) or indicator_key(f.indicator) not in _SURVEYED,
                    not _competent(f),
                    not _overview(f),
                    -agree[id(f)],
                    f.document.path,
                    f.start,
                )
            )
            for finding in self._conflicts(figs, idx):
                told.append(finding)
                yield finding
        yield from self._growth(figures)
        yield from self._dates(corpus)
        yield from self._transposed(idx, told)

    # --- one amount, two neighbouring digits swapped --------------------------------------------

    def _transposed(self, idx: BookIndex, told: list[Finding]) -> Iterable[Finding]:
        """Two amounts of one thing whose digits are swapped neighbours (1286户 / 1268户): one is a
        typing slip, and which cannot be told, so each place in a linted draft is told; not one
        an indicator's finding (``told``) covers already, nor its partner then."""
        lang = self.lang if self.lang in ("zh", "en") else "zh"
        covered = {(id(f.document), f.location.start, f.location.end) for f in told}
        covered |= {(id(r.document), r.start, r.end) for f in told for r in f.related}

        def inside(a) -> bool:
            return any(
                doc == id(a.document) and start <= a.amount_start and a.amount_end <= end for doc, start, end in covered
            )

        for a, b, words in transposed_pairs(idx.amounts):
            if inside(a) or inside(b):
                continue
            for here, other in ((a, b), (b, a)):
                if here.document.reference:
                    continue
                data: dict[str, str | int] = {"kind": "transposed", "indicator": words, "value": here.amount}
                data |= {"other_value": other.amount, "other_path": other.document.path}
                data["other_line"] = other.document.lines.line_of(other.start)
                yield self.finding(
                    here.document,
                    here.amount_start,
                    here.amount_end,
                    message_key="transposed",
                    related=[Location(other.document, other.amount_start, other.amount_end)],
                    data=data,
                    key=f"transposed\x1f{words}\x1f{here.amount}\x1f{other.amount}",
                    indicator=words,
                    value=here.amount,
                    other_value=other.amount,
                    other_where=where_of(other.document, other.start, lang),
                )

    # --- one event, two days ------------------------------------------------------------------

    def _dates(self, corpus: Corpus) -> Iterable[Finding]:
        """A chronicle entry and the sentences that tell its event with another day: the day most
        places give is the record (a tie: the units' text, which the chronicle restates)."""
        for entry, sentences in dated_events(corpus):
            places = [entry, *sentences]
            days = Counter((d.month, d.day) for d in places)
            if len(days) < 2:
                continue
            top = max(days.values())
            best = [day for day, n in days.items() if n == top]
            record = best[0] if len(best) == 1 else next(day for day in best if day != (entry.month, entry.day))
            agree = [d for d in places if (d.month, d.day) == record]
            other = agree[0]
            lang = self.lang if self.lang in ("zh", "en") else "zh"
            for d in places:
                if (d.month, d.day) == record or d.document.reference:
                    continue
                data: dict[str, str | int] = {"kind": "date", "event": entry.event, "value": d.date}
                data["other_value"] = other.date
                data |= {"other_path": other.document.path, "other_line": other.document.lines.line_of(other.start)}
                yield self.finding(
                    d.document,
                    d.start,
                    d.end,
                    message_key="date",
                    related=[Location(a.document, a.start, a.end) for a in agree],
                    data=data,
                    key=f"date\x1f{entry.event}\x1f{d.date}\x1f{other.date}",
                    event=entry.event,
                    value=d.date,
                    other_value=other.date,
                    other_where=where_of(other.document, other.start, lang),
                    more=_more(len(agree), lang),
                )

    def _conflicts(self, figs: list[Figure], idx: BookIndex) -> Iterable[Finding]:
        """Figures that agree with none of those before them, each reported once against the
        first figure it disagrees with (records first: last year's book, a bulletin)."""
        kept: list[Figure] = []
        for f in figs:
            iv = _interval(f)
            comparable = [k for k in kept if _compatible(f, k)]
            if comparable and not any(_meet(iv, _interval(k)) for k in comparable) and not f.document.reference:
                yield self._finding(f, comparable[0], idx.is_record(comparable[0].document))
            kept.append(f)

    def _finding(self, f: Figure, other: Figure, record: bool) -> Finding:
        lang = self.lang if self.lang in ("zh", "en") else "zh"
        assert f.number is not None and other.number is not None
        period = f"{f.year}年" + ("" if f.period == "year" else f.period)
        scope = f.scope or (
            (f.unit.name if f.unit is not None and f.unit.name else "本单位") if lang == "zh" else "this unit"
        )
        if lang == "en" and f.scope:
            scope = f.scope
        what = f.indicator + (
            "增速" if f.kind == "growth" and lang == "zh" else " growth" if f.kind == "growth" else ""
        )
        value = ("-" if f.negative else "") + f.number.text
        other_value = ("-" if other.negative else "") + other.number.text
        data = {
            "indicator": f.indicator,
            "kind": f.kind,
            "scope": f.scope or None,
            "year": f.year,
            "period": f.period,
            "value": value,
            "other_value": other_value,
            "other_path": other.document.path,
            "other_line": other.document.lines.line_of(other.start),
        }
        return self.finding(
            f.document,
            f.start,
            f.end,
            message_key="reference" if record else "statistics" if _statistics(other) else "default",
            related=[Location(other.document, other.start, other.end)],
            data=data,
            key=f"{f.indicator}\x1f{f.scope}\x1f{f.year}\x1f{f.period}\x1f{value}\x1f{other_value}",
            indicator=what,
            scope=scope,
            period=period,
            value=value,
            other_value=other_value,
            other_where=where_of(other.document, other.start, lang),
        )

    # --- growth against last year's book ------------------------------------------------------

    def _growth(self, figures: list[Figure]) -> Iterable[Finding]:
        """比上年增长X% against this year's level and last year's level (a reference document of
        the year before) for the same indicator, scope and unit group."""
        levels: dict[tuple, list[Figure]] = defaultdict(list)
        for f in figures:
            scope = _book_scope(f)
            if f.kind == "level" and f.period == "year" and scope and f.year is not None:
                levels[(f.year, scope, indicator_key(f.indicator))].append(f)
        for g in figures:
            scope = _book_scope(g)
            if g.kind != "growth" or g.document.reference or g.period != "year" or not scope or g.year is None:
                continue
            if g.number is None or g.number.unit != "%":
                continue
            now = levels.get((g.year, scope, indicator_key(g.indicator)), [])
            now = [f for f in now if f.document is g.document] or now
            before = [
                f for f in levels.get((g.year - 1, scope, indicator_key(g.indicator)), []) if f.document.reference
            ]
            if not now or not before:
                continue
            cur, prev = now[0], before[0]
            if _group(cur) != _group(prev):
                continue
            a, b = _interval(cur), _interval(prev)
            if b[0] <= 0:
                continue
            lo, hi = (a[0] / b[1] - 1) * 100, (a[1] / b[0] - 1) * 100
            s = _interval(g)
            if _meet((lo - GROWTH_SLACK, hi + GROWTH_SLACK), s):
                continue
            yield self._growth_finding(g, cur, prev, (lo + hi) / 2)

    def _growth_finding(self, g: Figure, cur: Figure, prev: Figure, computed: float) -> Finding:
        lang = self.lang if self.lang in ("zh", "en") else "zh"
        assert g.number is not None and cur.number is not None and prev.number is not None
        stated = ("-" if g.negative else "") + g.number.text
        data = {
            "indicator": g.indicator,
            "kind": "growth-vs-last-year",
            "scope": g.scope,
            "year": g.year,
            "period": g.period,
            "value": stated,
            "computed": round(computed, 2),
            "this_year": cur.number.text,
            "last_year": prev.number.text,
            "other_path": prev.document.path,
            "other_line": prev.document.lines.line_of(prev.start),
        }
        return self.finding(
            g.document,
            g.start,
            g.end,
            message_key="growth",
            related=[Location(cur.document, cur.start, cur.end), Location(prev.document, prev.start, prev.end)],
            data=data,
            key=f"growth\x1f{g.indicator}\x1f{g.scope}\x1f{g.year}\x1f{stated}",
            indicator=g.indicator,
            scope=g.scope or (g.unit.name if g.unit is not None and g.unit.name else ""),
            value=stated,
            this_year=cur.number.text,
            last_year=prev.number.text,
            computed=f"{computed:.1f}%",
            other_where=where_of(prev.document, prev.start, lang),
            year=g.year,
            last=(g.year or 0) - 1,
        )


def _more(n: int, lang: str) -> str:
    """How many places give the other day, when more than the one named: 等2处 / and 1 more."""
    if n < 2:
        return ""
    return f"等{n}处" if lang == "zh" else f" and {n - 1} more"


def _statistics(f: Figure) -> bool:
    """``f`` stands in the statistics bureau's section (区统计局, 市统计局, 国家统计局…调查队)."""
    name = f.unit.name if f.unit is not None else ""
    return bool(name) and ("统计局" in name or name.endswith("调查队"))


#: the name of the book's overview of the year: 县情概览, 国民经济和社会发展概况, 综述, 市情
_OVERVIEW = re.compile(r"概况|概览|综述|总述|^(?:[省市州县区盟旗]情|基本情况)")


def _overview(f: Figure) -> bool:
    """``f`` stands in the book's overview (县情概览, 国民经济概况, 综述), whose figures the
    yearbook office takes from the statistics bureau's bulletin (_SURVEYED)."""
    name = f.unit.name if f.unit is not None else ""
    return bool(name) and _OVERVIEW.search(name) is not None


#: the indicators the statistics bureau makes, which a department only quotes: for these the book's
#: overview, written from the bureau's bulletin, is the record before the department (城镇新增就业,
#: 户籍人口 or 财政收入 are the department's own records: its figure stands before the overview's)
_SURVEYED = frozenset(
    {"地区生产总值", "规模以上工业增加值", "规模以上工业总产值", "社会消费品零售总额", "高新技术产业增加值", "常住人口"}
)


#: the departments an indicator's figures come from when not from the statistics bureau (norms R4),
#: by words of their units' names
_COMPETENT = {
    "地区生产总值": "国民经济|发展和改革|发改",
    "户籍人口": "公安",
    "常住人口": "卫生健康|卫健",
    "出生人口": "卫生健康|卫健|公安",
    "一般公共预算收入": "财政",
    "地方一般公共预算收入": "财政",
    "一般公共预算支出": "财政",
    "财政总收入": "财政",
    "地方财政收入": "财政",
    "财政收入": "财政",
    "财政支出": "财政",
    "税收收入": "税务|财政",
    "粮食产量": "农业农村|农业",
    "城镇新增就业": "人力资源和社会保障|人社",
    "城镇登记失业率": "人力资源和社会保障|人社",
    "城镇调查失业率": "人力资源和社会保障|人社",
    "进出口总额": "商务|海关",
    "出口总额": "商务|海关",
    "进口总额": "商务|海关",
    "实际利用外资": "商务",
    "社会消费品零售总额": "商务",
    "森林覆盖率": "林业|自然资源",
    "旅游总收入": "文化|旅游",
    "市场主体": "市场监督管理|市场监管",
    "研发投入": "科学技术|科技",
    "规模以上工业增加值": "经济和信息化|经信|工业和信息化",
    "规模以上工业总产值": "经济和信息化|经信|工业和信息化",
    "高新技术产业增加值": "科学技术|科技",
    "高新技术企业": "科学技术|科技",
}


def _competent(f: Figure) -> bool:
    """``f`` stands in the section of the department its indicator's figures come from (户籍人口:
    公安; 粮食产量: 农业农村; 城镇新增就业: 人力资源和社会保障 …)."""
    words = _COMPETENT.get(indicator_key(f.indicator))
    name = f.unit.name if f.unit is not None else ""
    return bool(words and name and re.search(words, name))


def _book_scope(f: Figure) -> str:
    """The scope across books: the place stated, else the unit's name (区统计局 in this year's
    book and in last year's), else none."""
    if f.scope:
        return f.scope
    return f"unit:{f.unit.name}" if f.unit is not None and f.unit.name else ""
