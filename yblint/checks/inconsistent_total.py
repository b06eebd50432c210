"""inconsistent-total: arithmetic a draft states that does not hold.

Five checks, each over one paragraph of prose, each showing its working in the message and in
``data`` (``check``, ``stated``, ``computed``, ``parts``/``operands``, ``formula``):

* ``breakdown`` — a total and its parts: 共/合计/… X，其中 a、b、c (or the next sentence opening
  with 其中), X，分别为 a、b、c, and a、b、c 共计 X. Parts that add up to more than the total are an
  error; when the list is closed (分别为, parts listed before 共计) parts that add up to less are
  too. A single part larger than its whole is reported as such.
* ``count`` — a count and the names it counts: 2个项目（A、B）, 3条道路：A、B、C, and 甲、乙、丙等
  3个. A list ending in 等 only sets a lower bound.
* ``rate`` — a rate restated from two figures in the same sentence: 任务70人，完成106人，完成率
  152.4% (106 ÷ 70 = 151.4%); 其中 a，占 p% (a ÷ total).
* ``growth`` — 由 X 增至 Y，增长 p% (or 提高 n 个百分点); Y，比上年的 X 增长 p% (or 增加 d).
* ``shares`` — complementary shares that must total 100% (男性占 p%，女性占 q%; 三次产业结构 a:b:c).

All arithmetic runs on intervals (:attr:`yblint.text.numbers.Number.interval`): a figure admits the
rounding of its last written digit, 约/余/近/多/超 widen or open it, so only a contradiction that
no rounding explains is reported. Sentences the checks cannot read with confidence are skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from yblint.check import Check, register_check
from yblint.finding import Finding, Location
from yblint.model import Corpus, Document, Paragraph
from yblint.text.numbers import Number, find_numbers, summable, unit_info

CLAUSE_END = "，,；;。！？!?：:\n"
SENTENCE_END = "。！？!?\n"
# a figure introduced by one of these is a change or a rate, not an amount that adds up
_CHANGE = re.compile(
    r"(?:(?:增加|增长|减少|下降|提高|提升|降低|上升|扩大|缩小|增收|减收|净增|净减|多|少|人均|户均|平均|年均|日均|月均"
    r"|每|比上年|比去年|较上年|较去年|同比|环比|相当于)了?|[比较][^，,；;。]{1,10}的)$"
)
_AVERAGE = re.compile(r"(?:人均|户均|平均|年均|日均|月均|每年|每人|每户|每天|每月)[\u4e00-\u9fff]{0,8}$")
_TOTAL_MARK_LOOSE = re.compile(
    r"(?:(?:共计|合计|总计|总共|一共|累计|共有)[\u4e00-\u9fff]{0,6}|(?<![公中社])共[\u4e00-\u9fff]{0,4})(?:为|达|达到|有)?$"
)
_TARGET = re.compile(r"任务|目标|计划|总数|总量|指标|应完成")
_DONE = re.compile(r"完成|实现|实际|已|达成|办结|竣工|完工")
RATE_WORDS = (
    "完成率|办结率|完工率|执行率|结案率|化解率|兑现率|到位率|签约率|达标率|合格率|通过率|开工率|竣工率|交付率"
    "|销号率|整改率|履约率|落实率|实现率|回收率|处置率|入住率|出租率|使用率|利用率|覆盖率|参保率|建成率"
)
RATE_EN = {
    "完成率": "completion rate",
    "办结率": "closure rate",
    "执行率": "execution rate",
    "达标率": "compliance rate",
}
_RATE = re.compile(rf"(?:{RATE_WORDS})(?:为|达|达到|是|已达|高达)?")
_GROWTH = re.compile(
    r"(?:由|从)(?P<x>[^，,；;。由从]{0,20}?)"
    r"(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|降)?(?:到|至|为)(?P<y>[^，,；;。]{1,20}?)"
    r"[，,、]?(?:同比)?(?:增长|增加|提高|提升|上升|扩大|下降|减少|降低|缩小)了?(?P<z>[^，,；;。]{1,16})"
)
_COMPARED = re.compile(
    r"比(?P<period>[^，,；;。的]{1,10})的(?P<x>[^，,；;。]{1,16}?)"
    r"(?P<verb>增长|增加|提高|上升|下降|减少|降低)了?(?P<z>[^，,；;。]{1,16})"
)
_REAL_TERMS = re.compile(r"可比价|实际增长|扣除价格|不变价|生产总值|增加值|GDP")
_PAIRS = [("男", "女"), ("城镇", "农村"), ("城镇", "乡村"), ("城市", "农村"), ("公办", "民办"), ("境内", "境外")]
_R = r"(\d+(?:\.\d+)?)"
_RATIO3 = re.compile(rf"三次产业(?:结构|比例|比重|构成)?(?:调整|优化)?(?:为|是|达到)?{_R}[:：]{_R}[:：]{_R}")
_NOUN_THEN_LIST = re.compile(r"([^，,；;。：:（(）)、“”《》0-9０-９]{0,16}?)([（(：:])")


@dataclass
class Issue:
    check: str
    key: str  # message key
    anchor: tuple[int, int]
    args: dict[str, Any]
    data: dict[str, Any]
    related: list[tuple[int, int]] = field(default_factory=list)
    severity: str | None = None


def _stated_figure_issue(
    check: str,
    key: str,
    stated: Number,
    anchor_end: int,
    computed: float,
    shown: str,
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
        {"stated": stated.text, "computed": shown, "formula": formula, **(args or {})},
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


def _pct_change(x: Number, y: Number, down: bool) -> tuple[float, float, float]:
    """The percentage change from ``x`` to ``y`` (a fall when ``down``): the lowest and highest the
    figures' precision allows, and the value from the figures as written. ``x`` must be positive."""
    (xlo, xhi), (ylo, yhi) = x.interval, y.interval
    if down:
        return (xlo - yhi) / xhi * 100, (xhi - ylo) / xlo * 100, (x.value - y.value) / x.value * 100
    return (ylo - xhi) / xhi * 100, (yhi - xlo) / xlo * 100, (y.value - x.value) / x.value * 100


def _growth_issue(x: Number, y: Number, z: Number, computed: float, shown: str, formula: str) -> Issue:
    """A stated change ``z`` from ``x`` to ``y`` that the figures do not give."""
    end = z.num_end if z.unit == "%" else z.end
    return _stated_figure_issue(
        "growth", "growth", z, end, computed, shown, formula, [x, y], {"x": x.text, "y": y.text}
    )


# -------------------------------------------------------------------------------------------
# formatting


def _num(v: float, decimals: int = 2) -> str:
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _scale_of(n: Number) -> tuple[float, str]:
    """The multiplier and its character as written in ``n`` (万元 → 10⁴, 万)."""
    written = n.text[n.num_start - n.start :]
    for ch, f in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if abs(n.value) >= f and ch in written:
            return f, ch
    return 1.0, ""


def _fmt_like(value: float, like: Number, decimals: int) -> str:
    scale, ch = _scale_of(like)
    return _num(value / scale, decimals) + ch + (like.unit or "")


# -------------------------------------------------------------------------------------------
# text helpers


def _clause_start(text: str, pos: int, lo: int) -> int:
    i = pos
    while i > lo and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def _clause_end(text: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi and text[i] not in CLAUSE_END:
        i += 1
    return i


def _sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    s = pos
    while s > lo and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = pos
    while e < hi and text[e] not in SENTENCE_END:
        e += 1
    return s, e


def _is_amount(n: Number, text: str, lo: int) -> bool:
    """An amount that adds up: a summable quantity not introduced as a change (增加3亿元), a
    comparison base (比上年的…) or an average (人均, 年均超收)."""
    if not n.quantity or n.unit is None:
        return False
    cs = _clause_start(text, n.start, lo)
    head = text[max(cs, n.start - 8) : n.start]
    return not (_CHANGE.search(head) or _AVERAGE.search(text[max(cs, n.start - 14) : n.start]))


def _decimals_in(n: Number, scale: float) -> int:
    """Decimals needed to show ``n`` at ``scale``."""
    s = math.log10(scale / n.step) if n.step > 0 else 0
    return max(0, math.ceil(round(s, 6)))


def _sum_interval(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(i[0] for i in intervals), sum(i[1] for i in intervals)


def _convert_interval(n: Number, to_unit: str) -> tuple[float, float]:
    a, b = unit_info(n.unit), unit_info(to_unit)
    f = (a.factor / b.factor) if a and b and a.group == b.group else 1.0
    lo, hi = n.interval
    return lo * f, hi * f


# -------------------------------------------------------------------------------------------
# checks


class ParagraphChecker:
    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.lo, self.hi = start, end
        self.numbers = find_numbers(text, start, end)
        self.issues: list[Issue] = []
        #: every comparison made, consistent or not: (check, formula, stated, consistent)
        self.checked: list[tuple[str, str, float, bool]] = []

    def run(self) -> list[Issue]:
        if not self.numbers:
            return []
        self.breakdowns()
        self.counted_lists()
        self.rates()
        self.growth()
        self.comparisons()
        self.shares()
        return self.issues

    def nums(self, a: int, b: int) -> list[Number]:
        return [n for n in self.numbers if a <= n.num_start and n.num_end <= b]

    # --- totals and breakdowns ------------------------------------------------------------

    def breakdowns(self) -> None:
        t = self.text
        seen_totals: set[int] = set()
        for m in re.compile("其中").finditer(t, self.lo, self.hi):
            if self._quoted(m.start()):
                continue
            if t.startswith("其中之一", m.start()):
                continue
            self._breakdown_qizhong(m.start(), m.end(), seen_totals)
        for m in re.compile("分别(?:为|是)").finditer(t, self.lo, self.hi):
            self._breakdown_respectively(m.start(), m.end(), seen_totals)
        self._parts_before_total(seen_totals)

    def _total_before(self, pos: int, parts_pool: list[Number]) -> tuple[Number, list[Number]] | None:
        """The total a breakdown at ``pos`` refers to: the nearest amount before ``pos`` in the
        same sentence (or the sentence before, when 其中 opens one) whose unit the parts share.
        When the sentence holds other amounts of that kind (销售收入100亿元，利润20亿元，其中…),
        其中 could refer to either: only a figure marked as the total (共/合计/总…) is taken."""
        t = self.text
        end = pos
        while end > self.lo and t[end - 1] in "，,；;。：: ":
            end -= 1
        if end <= self.lo:
            return None
        s_start, _ = _sentence_bounds(t, end - 1, self.lo, self.hi)
        region = [n for n in self.nums(s_start, end) if _is_amount(n, t, self.lo)]
        for total in reversed(region):
            parts = [p for p in parts_pool if summable(total.unit, p.unit)]
            if not parts:
                continue
            kin = [n for n in region if summable(total.unit, n.unit) or summable(n.unit, total.unit)]
            if len(kin) > 1:
                marked = [n for n in kin if self._marked_total(n)]
                if len(marked) != 1:
                    return None
                total = marked[0]
                parts = [p for p in parts_pool if summable(total.unit, p.unit)]
            return (total, parts) if parts else None
        return None

    def _breakdown_qizhong(self, qs: int, qe: int, seen: set[int]) -> None:
        t = self.text
        _, s_end = _sentence_bounds(t, qe, self.lo, self.hi)
        # the breakdown runs to the end of the sentence, or to the next 其中 / 另 / 此外
        stop = s_end
        nxt = re.compile(r"其中|另有|另外|此外|同时|以及").search(t, qe, s_end)
        if nxt:
            stop = nxt.start()
        pool = [n for n in self.nums(qe, stop) if _is_amount(n, t, self.lo)]
        # parts after a plain 其中 stop at the first clause that names no amount
        if not pool:
            return
        found = self._total_before(qs, pool)
        if not found:
            return
        total, parts = found
        if total.start in seen:
            return
        parallel = self._parallel_parts(parts, qe, stop)
        if parallel is None:
            return
        parts = parallel
        if len(parts) > 1 and _overlapping([_item_lead(t, p, qe) for p in parts]):
            return  # 女党员700名，大专以上学历党员800名: kinds that overlap, not a partition
        distinct = {(p.num_start) for p in parts}
        if len(distinct) != len(parts):
            return
        seen.add(total.start)
        # 其中男性…、女性…: the two sexes are a partition, so parts over the total are definite
        sexes = len(parts) == 2 and _sexes([_item_lead(t, p, qe) for p in parts])
        self._compare(total, parts, closed=False, how="男女" if sexes else "其中")
        self._share_of_parts(total, parts)

    def _parallel_parts(self, parts: list[Number], qe: int, stop: int) -> list[Number] | None:
        """The parts a plain 其中 lists: every amount in the first clause that has one (joined by
        、/和), then one amount in each later clause of the same sentence as long as it is worded
        like the first part (残疾人津贴…发放金额合计944.11万元；…发放金额合计692.69万元). A later
        clause worded differently starts a new topic and ends the list."""
        t = self.text
        semi = re.compile("[；;]").search(t, qe, stop)
        if semi and parts[0].num_start > semi.start():
            return None  # no part in the 其中 clause itself: the next one is a new topic
        first_end = _clause_end(t, parts[0].num_end, stop)
        first_start = _clause_start(t, parts[0].num_start, qe)
        kept = [p for p in parts if p.num_start < first_end]
        for a, b in pairwise(kept):
            if t[a.end : b.start].count("、") + len(re.findall("和|及|与", t[a.end : b.start])) != 1:
                return None
        pattern = _lead(t[first_start : kept[0].start])
        rest = [p for p in parts if p.num_start >= first_end]
        clause = None
        for p in rest:
            cs = _clause_start(t, p.num_start, qe)
            if cs == clause:
                return None  # two amounts in one later clause: not a list we can read
            clause = cs
            across = bool(re.search("[；;]", t[kept[-1].end : p.start]))
            if not _parallel(pattern, _lead(t[cs : p.start]), strict=across):
                break
            kept.append(p)
        return kept

    def _breakdown_respectively(self, rs: int, re_: int, seen: set[int]) -> None:
        t = self.text
        _, s_end = _sentence_bounds(t, re_, self.lo, self.hi)
        ce = re_
        # the list after 分别为 runs to the end of the clause, across 、 and 和
        ce = _clause_end(t, re_, s_end)
        pool = [n for n in self.nums(re_, ce) if _is_amount(n, t, self.lo)]
        if len(pool) < 2:
            return
        # the total must be marked as one (共/合计/总…) in the clause before 分别
        cs = _clause_start(t, rs, self.lo)
        if cs == rs:
            cs = _clause_start(t, rs - 1, self.lo)
        cands = [n for n in self.nums(cs, rs) if _is_amount(n, t, self.lo) and self._marked_total(n)]
        if not cands:
            return
        total = cands[-1]
        parts = [p for p in pool if summable(total.unit, p.unit)]
        if len(parts) != len(pool) or total.start in seen:
            return
        seen.add(total.start)
        self._compare(total, parts, closed=True, how="分别为")

    def _marked_total(self, n: Number) -> bool:
        t = self.text
        cs = _clause_start(t, n.start, self.lo)
        head = t[cs : n.start]
        return bool(_TOTAL_MARK_LOOSE.search(head)) or bool(
            re.search(r"总[\u4e00-\u9fff]{0,6}(?:为|达|达到|是)?$", head)
        )

    def _parts_before_total(self, seen: set[int]) -> None:
        """a个A、b个B、c个C(等)共计T: items listed with 、 (和/及 before the last) in the clause
        right before the total."""
        t = self.text
        for total in self.numbers:
            if total.start in seen or not _is_amount(total, t, self.lo):
                continue
            head_start = _clause_start(t, total.start, self.lo)
            head = t[head_start : total.start]
            mk = re.search(r"(等)?(?:共计|合计|总计|总共|一共|共)$", head)
            if not mk:
                continue
            parts = [n for n in self.nums(head_start, total.start) if n.role is None]
            if len(parts) < 2 or not all(_is_amount(p, t, self.lo) and summable(total.unit, p.unit) for p in parts):
                continue
            # between consecutive parts: one 、 (or 和/及/与 before the last), no other figure
            ok = True
            for a, b in pairwise(parts):
                gap = t[a.end : b.start]
                if not (gap.count("、") == 1 or (gap.count("、") == 0 and re.search(r"和|及|与", gap))):
                    ok = False
                    break
            if not ok:
                continue
            tail = t[parts[-1].end : head_start + mk.start()]
            if "、" in tail:
                continue
            closed = not mk.group(1) and "等" not in tail
            if closed and t[head_start - 1 : head_start] in ("，", ","):
                # 完成5个道路项目，2个公园、3所学校共计10个: the list may begin in the clause before
                prev = self.nums(_clause_start(t, head_start - 1, self.lo), head_start - 1)
                closed = not any(_is_amount(n, t, self.lo) and summable(total.unit, n.unit) for n in prev)
            seen.add(total.start)
            self._compare(total, parts, closed=closed, how="共计")

    def _compare(self, total: Number, parts: list[Number], closed: bool, how: str) -> None:
        lo, hi = _sum_interval([_as(p, total) for p in parts])
        tlo, thi = _convert_interval(total, total.unit or "")
        # the sum is shown at the scale the parts share (3500人 + 1200人 = 4700人), else the total's
        scales = {_scale_of(p) for p in parts}
        like = parts[0] if len(scales) == 1 and all(p.unit == total.unit for p in parts) else total
        scale, _ = _scale_of(like)
        dec = max([_decimals_in(total, scale), *(_decimals_in(p, scale) for p in parts)])
        computed = sum(p.value * _factor(p, total) for p in parts)
        parts_text = " + ".join(_shown(p) for p in parts)
        data = {
            "check": "breakdown",
            "stated": total.value,
            "computed": round(computed, 6),
            "unit": total.unit,
            "total": total.text,
            "parts": [p.text for p in parts],
            "formula": f"{parts_text} = {_fmt_like(computed, like, dec)}",
            "closed": closed,
        }
        args = {
            "total": total.text,
            "parts": parts_text,
            "sum": _fmt_like(computed, like, dec),
            "n": len(parts),
            "how": how,
        }
        related = [(p.num_start, p.end) for p in parts]
        anchor = (total.num_start, total.end if total.unit != "%" else total.num_end)
        self.checked.append(("breakdown", str(data["formula"]), total.value, not (lo > thi or (closed and hi < tlo))))
        if len(parts) == 1 and lo > thi:
            self.issues.append(Issue("breakdown", "part_over", anchor, args, data | {"check": "part"}, related))
        elif lo > thi:
            # after a plain 其中 the parts may overlap (女职工…, 党员…): likely, not definite
            soft = not closed and how == "其中"
            key = "sum_over_overlap" if soft else "sum_over"
            self.issues.append(Issue("breakdown", key, anchor, args, data, related, "lower" if soft else None))
        elif closed and hi < tlo:
            self.issues.append(Issue("breakdown", "sum_under", anchor, args, data, related))

    def _share_of_parts(self, total: Number, parts: list[Number]) -> None:
        """其中 a，占 p%: p must be a ÷ total."""
        t = self.text
        for p in parts:
            after = t[p.end : p.end + 12]
            m = re.match(r"[，,]?(?:占比?|比重)(?:为|达|达到|约|约为)?", after)
            if not m:
                continue
            share = next((n for n in self.numbers if n.num_start == p.end + m.end() and n.unit == "%"), None)
            if share is None or share.role is not None or total.value <= 0:
                continue
            plo, phi = _as(p, total)
            tlo, thi = total.interval
            if tlo <= 0:
                continue
            clo, chi = plo / thi * 100, phi / tlo * 100
            slo, shi = _pct_interval(share)
            computed = p.value * _factor(p, total) / total.value * 100
            self.checked.append(("share", f"{p.text} ÷ {total.text}", share.value, not (chi < slo or clo > shi)))
            if chi < slo or clo > shi:
                dec = max(1, share.decimals)
                formula = f"{p.text} ÷ {total.text} = {_num(computed, dec)}%"
                shown = f"{_num(computed, dec)}%"
                self.issues.append(
                    _stated_figure_issue(
                        "rate",
                        "share",
                        share,
                        share.num_end,
                        computed,
                        shown,
                        formula,
                        [p, total],
                        data={"check": "share"},
                    )
                )

    # --- counted lists --------------------------------------------------------------------

    def counted_lists(self) -> None:
        t = self.text
        for n in self.numbers:
            u = unit_info(n.unit)
            if not u or not u.count or n.role is not None or n.approx or n.value != int(n.value) or n.value < 1:
                continue
            # N个X（A、B、C）, N个（A、B）, N个X：A、B、C。 — X names what is counted (学校, 道路);
            # a bracket right after a one-character noun glosses the noun (省（区、市）), not a list
            m = _NOUN_THEN_LIST.match(t, n.end, self.hi)
            if m and len(m.group(1)) != 1:
                opener = m.group(2)
                ls = m.end()
                if opener in "（(":
                    close = _matching_close(t, ls, min(self.hi, ls + 200))
                    if close is not None:
                        self._compare_list(n, t[ls:close], ls, close + 1)
                else:
                    le = _list_end(t, ls, self.hi)
                    if le is not None and len(m.group(1)) <= 8:
                        self._compare_list(n, t[ls:le], ls, le, colon=True)
            self._list_before(n)

    def _compare_list(self, n: Number, body: str, ls: int, le: int, colon: bool = False) -> None:
        items, open_ = _split_items(body)
        if items is None or len(items) < 2:
            return
        if colon and any(len(i) > 12 or re.search(r"的|是|方面|^[一二三四五六七八九十]", i) for i in items):
            return  # a colon introduces clauses as often as names: only plain short names are counted
        count = len(items)
        stated = int(n.value)
        ok = count == stated or (open_ and count <= stated)
        self.checked.append(("count", f"{n.text}: {'、'.join(items)}", stated, ok))
        if ok:
            return
        key = "list_open" if open_ else "list"
        data = {
            "check": "count",
            "stated": stated,
            "computed": count,
            "parts": items,
            "open": open_,
            "formula": f"{'、'.join(items)} = {count}",
        }
        args = {"count": n.text, "n": count, "items": "、".join(items), "stated": stated}
        self.issues.append(Issue("count", key, (n.num_start, n.end), args, data, [(ls, le)]))

    def _list_before(self, n: Number) -> None:
        """甲、乙、丙等3个: a list closed by 等 right before the count sets a lower bound."""
        t = self.text
        if n.start < 1 or t[n.start - 1] != "等":
            return
        head_start = _clause_start(t, n.start, self.lo)
        seg = t[head_start : n.start - 1]
        if "、" not in seg or re.search(r"\d", seg):
            return
        depth = 0
        seps = 0
        for ch in seg:
            if ch in "“《（(「":
                depth += 1
            elif ch in "”》）)」":
                depth = max(0, depth - 1)
            elif ch == "、" and depth == 0:
                seps += 1
        items = seg.split("、")
        if seps == 0 or any(len(i) > 12 or any(x.unit for x in find_numbers(i)) for i in items[1:]):
            return  # 在省、市、区三级开展A、B等2项: the 、 before belong to another list
        count = seps + 1
        stated = int(n.value)
        self.checked.append(("count", f"{seg}等{n.text}", stated, count <= stated))
        if count <= stated:
            return
        data = {
            "check": "count",
            "stated": stated,
            "computed": count,
            "parts": items,
            "open": True,
            "formula": f"{'、'.join(items)} = {count}",
        }
        args = {"count": n.text, "n": count, "items": "、".join(items), "stated": stated}
        self.issues.append(Issue("count", "list_open", (n.num_start, n.end), args, data, [(head_start, n.start - 1)]))

    # --- rates ------------------------------------------------------------------------------

    def rates(self) -> None:
        t = self.text
        prev_end: dict[int, int] = {}
        for m in _RATE.finditer(t, self.lo, self.hi):
            z = next((n for n in self.numbers if n.num_start == m.end() and n.unit == "%"), None)
            if z is None or z.role is not None or z.bound is not None:
                continue
            s_start, _ = _sentence_bounds(t, m.start(), self.lo, self.hi)
            seg_start = max(s_start, prev_end.get(s_start, s_start))
            prev_end[s_start] = z.end
            cands = [n for n in self.nums(seg_start, m.start()) if _is_amount(n, t, self.lo)]
            if len(cands) < 2:
                continue
            # the two figures of one kind closest to the rate
            y = cands[-1]
            same = [n for n in cands if n.unit == y.unit]
            if len(same) != 2 or any(n.approx for n in same):
                continue
            x = same[0]
            # the order must be readable: the target marked as such, or the result as done
            hx = t[_clause_start(t, x.start, self.lo) : x.start]
            hy = t[_clause_start(t, y.start, self.lo) : y.start]
            if _TARGET.search(hy) and not _TARGET.search(hx):
                x, y = y, x
            elif not (_TARGET.search(hx) or _DONE.search(hy)):
                continue
            if x.value <= 0:
                continue
            xlo, xhi = x.interval
            ylo, yhi = y.interval
            if xlo <= 0:
                continue
            clo, chi = ylo / xhi * 100, yhi / xlo * 100
            slo, shi = _pct_interval(z)
            self.checked.append(("rate", f"{y.text} ÷ {x.text} → {z.text}", z.value, chi >= slo and clo <= shi))
            if chi >= slo and clo <= shi:
                continue
            computed = y.value / x.value * 100
            dec = max(1, z.decimals)
            formula = f"{_bare(y)} ÷ {_bare(x)} = {_num(computed, dec)}%"
            self.issues.append(
                Issue(
                    "rate",
                    "rate",
                    (z.num_start, z.num_end),
                    {
                        "rate": _rate_word(m.group(0)),
                        "rate_en": RATE_EN.get(_rate_word(m.group(0)), "rate") + f" ({_rate_word(m.group(0))})",
                        "stated": z.text,
                        "computed": f"{_num(computed, dec)}%",
                        "formula": formula,
                        "x": x.text,
                        "y": y.text,
                    },
                    {
                        "check": "rate",
                        "rate": _rate_word(m.group(0)),
                        "stated": z.value,
                        "computed": round(computed, 4),
                        "operands": [y.text, x.text],
                        "formula": formula,
                    },
                    [(x.num_start, x.end), (y.num_start, y.end)],
                )
            )

    def growth(self) -> None:
        t = self.text
        for m in _GROWTH.finditer(t, self.lo, self.hi):
            if re.search(r"年均|平均|累计", t[max(self.lo, m.start() - 6) : m.start()] + m.group(0)):
                continue
            s_start, s_end = _sentence_bounds(t, m.start(), self.lo, self.hi)
            if _REAL_TERMS.search(t, s_start, s_end):
                continue  # a real (price-adjusted) growth does not follow from nominal figures
            xs = [n for n in self.nums(m.start("x"), m.end("x")) if n.role is None and (n.quantity or n.percent)]
            ys = [n for n in self.nums(m.start("y"), m.end("y")) if n.role is None and (n.quantity or n.percent)]
            zs = [n for n in self.nums(m.start("z"), m.end("z")) if n.role is None]
            if len(xs) != 1 or len(ys) != 1 or not zs:
                continue
            x, y, z = xs[0], ys[0], zs[0]
            if z.num_start != m.start("z") or x.approx or y.approx or z.approx:
                continue
            down = bool(re.search(r"下降|减少|降低|缩小", t[m.end("y") : m.start("z")]))
            if x.unit == "%" and y.unit == "%" and z.unit == "个百分点":
                computed = (x.value - y.value) if down else (y.value - x.value)
                lo = (y.value - y.step / 2) - (x.value + x.step / 2)
                hi = (y.value + y.step / 2) - (x.value - x.step / 2)
                if down:
                    lo, hi = -hi, -lo
                zlo, zhi = z.value - z.step / 2, z.value + z.step
                formula = f"{_bare(y)} − {_bare(x)} = {_num(computed, max(1, z.decimals))}个百分点"
                self.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, hi >= zlo and lo <= zhi))
                if hi >= zlo and lo <= zhi:
                    continue
                shown = f"{_num(computed, max(1, z.decimals))}个百分点"
            elif z.unit == "%" and x.unit == y.unit and x.quantity and x.value > 0:
                if x.interval[0] <= 0:
                    continue
                clo, chi, computed = _pct_change(x, y, down)
                zlo, zhi = _pct_interval(z)
                self.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, chi >= zlo and clo <= zhi))
                if chi >= zlo and clo <= zhi:
                    continue
                formula = (
                    f"({_bare(x)} − {_bare(y)}) ÷ {_bare(x)}" if down else f"({_bare(y)} − {_bare(x)}) ÷ {_bare(x)}"
                ) + f" = {_num(computed, max(1, z.decimals))}%"
                shown = f"{_num(computed, max(1, z.decimals))}%"
            else:
                continue
            self.issues.append(_growth_issue(x, y, z, computed, shown, formula))

    def comparisons(self) -> None:
        """Y，比上年的 X 增长 p% (or 增加 d): the current figure, the base the text names, and
        the change it states."""
        t = self.text
        for m in _COMPARED.finditer(t, self.lo, self.hi):
            if re.search(r"平均|年均|同期", m.group("period")):
                continue
            s_start, s_end = _sentence_bounds(t, m.start(), self.lo, self.hi)
            if _REAL_TERMS.search(t, s_start, s_end):
                continue
            xs = [n for n in self.nums(m.start("x"), m.end("x")) if n.role is None]
            if len(xs) != 1 or xs[0].num_start != m.start("x") or xs[0].end != m.end("x"):
                continue  # the base must be a figure alone (not 预计数, 铺轨里数)
            x = xs[0]
            z = next((n for n in self.numbers if n.num_start == m.start("z") and n.role is None), None)
            if z is None or not x.quantity or x.approx or z.approx or x.value <= 0:
                continue
            # the current figure: the amounts of the same kind in the clause before 比
            cs = _clause_start(t, m.start(), self.lo)
            if cs == m.start():
                cs = _clause_start(t, cs - 1, self.lo)
            ys = [n for n in self.nums(cs, m.start()) if _is_amount(n, t, self.lo) and n.unit == x.unit]
            if len(ys) != 1 or ys[0].approx:
                continue
            y = ys[0]
            down = m.group("verb") in ("下降", "减少", "降低")
            (xlo, xhi), (ylo, yhi) = x.interval, y.interval
            if z.unit == "%":
                if xlo <= 0:
                    continue
                clo, chi, computed = _pct_change(x, y, down)
                zlo, zhi = _pct_interval(z)
                shown = f"{_num(computed, max(1, z.decimals))}%"
                diff = f"({_bare(x)} − {_bare(y)})" if down else f"({_bare(y)} − {_bare(x)})"
                formula = f"{diff} ÷ {_bare(x)} = {shown}"
            elif z.unit == x.unit and z.quantity:
                clo, chi = ((xlo - yhi), (xhi - ylo)) if down else ((ylo - xhi), (yhi - xlo))
                computed = (x.value - y.value) if down else (y.value - x.value)
                zlo, zhi = z.interval
                scale, _ = _scale_of(z)
                dec = max(_decimals_in(z, scale), _decimals_in(x, scale), _decimals_in(y, scale))
                shown = _fmt_like(computed, z, dec)
                formula = (f"{_bare(x)} − {_bare(y)}" if down else f"{_bare(y)} − {_bare(x)}") + f" = {shown}"
            else:
                continue
            ok = chi >= zlo and clo <= zhi
            self.checked.append(("growth", f"{y.text} 比 {x.text}: {z.text}", z.value, ok))
            if ok:
                continue
            self.issues.append(_growth_issue(x, y, z, computed, shown, formula))

    def shares(self) -> None:
        t = self.text
        for m in _RATIO3.finditer(t, self.lo, self.hi):
            vals = [float(m.group(i)) for i in (1, 2, 3)]
            decs = [len(m.group(i).split(".")[1]) if "." in m.group(i) else 0 for i in (1, 2, 3)]
            tol = sum(0.5 * 10.0**-d for d in decs)
            total = sum(vals)
            self.checked.append(("shares", m.group(0), 100, abs(total - 100) <= tol + 1e-9))
            if abs(total - 100) <= tol + 1e-9:
                continue
            formula = " + ".join(m.group(i) for i in (1, 2, 3)) + f" = {_num(total, max(decs))}"
            self.issues.append(
                Issue(
                    "shares",
                    "shares",
                    (m.start(1), m.end(3)),
                    {
                        "shares": ":".join(m.group(i) for i in (1, 2, 3)),
                        "sum": _num(total, max(decs)) + "%",
                        "formula": formula + "%",
                    },
                    {"check": "shares", "stated": 100, "computed": total, "parts": vals, "formula": formula},
                )
            )
        # 男性占p%，女性占q% within one sentence
        for a, b in _PAIRS:
            for ma in re.compile(rf"{a}[\u4e00-\u9fff]{{0,4}}占比?(?:为|达)?").finditer(t, self.lo, self.hi):
                pa = next((n for n in self.numbers if n.num_start == ma.end() and n.unit == "%"), None)
                if pa is None or pa.approx:
                    continue
                mb = re.compile(rf"[，,、；;]{b}[\u4e00-\u9fff]{{0,4}}占比?(?:为|达)?").match(t, pa.num_end)
                if not mb:
                    continue
                pb = next((n for n in self.numbers if n.num_start == mb.end() and n.unit == "%"), None)
                if pb is None or pb.approx:
                    continue
                total = pa.value + pb.value
                tol = pa.step / 2 + pb.step / 2
                self.checked.append(("shares", f"{pa.text} + {pb.text}", 100, abs(total - 100) <= tol + 1e-9))
                if abs(total - 100) <= tol + 1e-9:
                    continue
                dec = max(pa.decimals, pb.decimals)
                la = re.sub(r"占比?(?:为|达)?$", "", ma.group(0))
                lb = re.sub(r"^[，,、；;]|占比?(?:为|达)?$", "", mb.group(0))
                formula = f"{la}{pa.text} + {lb}{pb.text} = {_num(total, dec)}%"
                self.issues.append(
                    Issue(
                        "shares",
                        "shares",
                        (pa.num_start, pb.num_end),
                        {"shares": f"{pa.text}、{pb.text}", "sum": _num(total, dec) + "%", "formula": formula},
                        {
                            "check": "shares",
                            "stated": 100,
                            "computed": total,
                            "parts": [pa.text, pb.text],
                            "formula": formula,
                        },
                    )
                )

    def _quoted(self, pos: int) -> bool:
        return any(n.role == "quoted" and n.num_start == pos for n in self.numbers) or _inside_quotes(
            self.text, self.lo, pos
        )


_FAMILIES = {
    "gender": re.compile(r"男|女"),
    "ethnicity": re.compile(r"少数民族|汉族"),
    "politics": re.compile(r"党员|团员|民主党派|无党派"),
    "education": re.compile(r"学历|本科|专科|大专|研究生|硕士|博士"),
    "age": re.compile(r"\d+岁|岁以|青年|老年|离退休|退休"),
    "title": re.compile(r"职称|高级|中级|初级|教授|工程师|技师"),
}


def _overlapping(leads: list[str]) -> bool:
    """Parts named by attributes of different kinds (sex, education, age, party …) overlap:
    女党员 and 大专以上学历党员 may be the same people. The head they share is ignored."""
    common = 0
    while all(len(x) > common for x in leads) and len({x[-1 - common] for x in leads}) == 1:
        common += 1
    kinds = []
    for lead in leads:
        core = lead[: len(lead) - common] if common else lead
        kinds.append({name for name, rx in _FAMILIES.items() if rx.search(core)})
    found = set().union(*kinds)
    return len(found) > 1 or (len(found) == 1 and any(not k for k in kinds))


def _sexes(leads: list[str]) -> bool:
    """男性… and 女性… (in either order, with the same head)."""
    heads = sorted(x.lstrip("其中") for x in leads)
    return len(heads) == 2 and heads[0][:1] == "女" and heads[1][:1] == "男" and heads[0][1:] == heads[1][1:]


def _item_lead(text: str, n: Number, lo: int) -> str:
    """The words naming one item of a list, back to the previous separator (、，；和 …)."""
    i = n.start
    while i > lo and text[i - 1] not in "，,；;。、：:" and not text[i - 1].isdigit():
        i -= 1
    return _lead(re.sub(r"^(?:和|及|与)", "", text[i : n.start]))


def _lead(head: str) -> str:
    """The wording before a part's figure, without 其中 and a leading connective."""
    return re.sub(r"^(?:其中|另|和|及|以及)[，,]?", "", head.strip())


def _parallel(a: str, b: str, strict: bool = False) -> bool:
    """Two parts worded alike: the same last two characters (…发放金额合计 / …发放金额合计,
    高速公路 / 普通公路), or two short names sharing the last character (男性 / 女性)."""
    if not a or not b:
        return False
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common >= 2 or (not strict and common >= 1 and len(a) <= 4 and len(b) <= 4)


def _inside_quotes(text: str, lo: int, pos: int) -> bool:
    depth = 0
    for ch in text[lo:pos]:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
    return depth > 0


def _rate_word(s: str) -> str:
    m = re.match(r"[\u4e00-\u9fff]{1,3}率", s)
    return m.group(0) if m else "率"


def _shown(n: Number) -> str:
    """The figure as written, its qualifier kept but shortened (约为944.11万元 → 约944.11万元)."""
    q = n.text[: n.num_start - n.start]
    return re.sub(r"(?<=[约近超逾])[为合达有了]$", "", q) + n.text[n.num_start - n.start :]


def _bare(n: Number) -> str:
    """The figure without its qualifier (``约为944.11万元`` → ``944.11万元``)."""
    return n.text[n.num_start - n.start :]


def _factor(p: Number, total: Number) -> float:
    a, b = unit_info(p.unit), unit_info(total.unit)
    return a.factor / b.factor if a and b and a.group == b.group else 1.0


def _as(p: Number, total: Number) -> tuple[float, float]:
    lo, hi = p.interval
    f = _factor(p, total)
    return lo * f, hi * f


def _pct_interval(z: Number) -> tuple[float, float]:
    """A stated percentage admits rounding (half a step either way) and truncation (a full step up)."""
    return z.value - z.step / 2 - 1e-9, z.value + z.step + 1e-9


def _matching_close(text: str, start: int, hi: int) -> int | None:
    """Offset of the bracket closing the one just before ``start`` (nested brackets skipped)."""
    depth = 1
    for i in range(start, hi):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None


def _list_end(text: str, start: int, hi: int) -> int | None:
    """End of a colon list: it must end the sentence (。 or ；)."""
    i = start
    while i < hi and text[i] not in "。；;，,！？\n":
        i += 1
    if i >= hi or text[i] in "，,\n":
        return None
    return i


def _split_items(body: str) -> tuple[list[str] | None, bool]:
    """Names in a list body separated by 、 (brackets and quotes respected). None when the body
    is not a plain list of names (has figures, clauses, or a gloss such as 含/包括/即)."""
    b = body.strip()
    if not b or re.search(r"[，,；;。：:]", b) or re.match(r"含|即|包括|其中|如|主要|总|共|约|分别", b):
        return None, False
    if re.search(r"\d+(?:\.\d+)?(?:万|亿)?(?:元|人|个|项|家|所|条|亩|平方米|%|年|月|日)", b):
        return None, False
    open_ = False
    if b.endswith("等"):
        open_ = True
        b = b[:-1]
    items, depth, cur = [], 0, ""
    for ch in b:
        if ch in "“《（(「":
            depth += 1
        elif ch in "”》）)」":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    items = [i.strip() for i in items]
    if any(not i or len(i) > 30 or re.search(r"(?<=.)(?:和|及|与)", i) for i in items):
        return None, False  # 甲、乙和丙: a conjunction makes the count of names uncertain
    if any(re.search(r"已|正在|其中", i) or any(n.role is None and n.unit for n in find_numbers(i)) for i in items):
        return None, False  # 甲、乙两个项目已竣工: a clause about the items, not their names
    if "等" in "".join(items[:-1]) or re.search(r"等[^级]", items[-1] if items else ""):
        return None, False
    return items, open_


@register_check("inconsistent-total")
class InconsistentTotal(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            for para in doc.paragraphs:
                if para.is_prose:
                    yield from self._paragraph(doc, para)

    def _paragraph(self, doc: Document, para: Paragraph) -> Iterator[Finding]:
        enabled = set(self.params["checks"])
        seen: set[tuple[int, int]] = set()
        for issue in ParagraphChecker(doc.text, para.start, para.end).run():
            if issue.check not in enabled or issue.anchor in seen:
                continue
            seen.add(issue.anchor)
            start, end = issue.anchor
            f = self.finding(
                doc,
                start,
                end,
                message_key=issue.key,
                related=[Location(doc, a, b) for a, b in issue.related],
                data=issue.data,
                key=f"{issue.check}\x1f{issue.data.get('formula')}\x1f{doc.text[start:end]}",
                **issue.args,
            )
            if issue.severity == "lower":
                f.severity = {"error": "warning", "warning": "info"}.get(self.severity, "info")
            yield f


__all__ = ["InconsistentTotal", "Issue", "ParagraphChecker"]
