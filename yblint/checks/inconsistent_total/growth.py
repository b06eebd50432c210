"""growth: 由 X 增至 Y，增长 p% (or 提高 n 个百分点); Y，比上年的 X 增长 p% (or 增加 d)."""

from __future__ import annotations

import re

from yblint.text.numbers import Number

from .reader import (
    Issue,
    Reader,
    bare,
    clause_start,
    decimals_in,
    fmt_like,
    num,
    pct_change,
    pct_interval,
    scale_of,
    sentence_bounds,
    stated_figure_issue,
)

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


def _growth_issue(x: Number, y: Number, z: Number, computed: float, shown: str, formula: str) -> Issue:
    """A stated change ``z`` from ``x`` to ``y`` that the figures do not give."""
    end = z.num_end if z.unit == "%" else z.end
    return stated_figure_issue("growth", "growth", z, end, computed, shown, formula, [x, y], {"x": x.text, "y": y.text})


def check(r: Reader) -> None:
    changes(r)
    comparisons(r)


def changes(r: Reader) -> None:
    t = r.text
    for m in _GROWTH.finditer(t, r.lo, r.hi):
        if re.search(r"年均|平均|累计", t[max(r.lo, m.start() - 6) : m.start()] + m.group(0)):
            continue
        s_start, s_end = sentence_bounds(t, m.start(), r.lo, r.hi)
        if _REAL_TERMS.search(t, s_start, s_end):
            continue  # a real (price-adjusted) growth does not follow from nominal figures
        xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.role is None and (n.quantity or n.percent)]
        ys = [n for n in r.nums(m.start("y"), m.end("y")) if n.role is None and (n.quantity or n.percent)]
        zs = [n for n in r.nums(m.start("z"), m.end("z")) if n.role is None]
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
            formula = f"{bare(y)} − {bare(x)} = {num(computed, max(1, z.decimals))}个百分点"
            r.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, hi >= zlo and lo <= zhi))
            if hi >= zlo and lo <= zhi:
                continue
            shown = f"{num(computed, max(1, z.decimals))}个百分点"
        elif z.unit == "%" and x.unit == y.unit and x.quantity and x.value > 0:
            if x.interval[0] <= 0:
                continue
            clo, chi, computed = pct_change(x, y, down)
            zlo, zhi = pct_interval(z)
            r.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, chi >= zlo and clo <= zhi))
            if chi >= zlo and clo <= zhi:
                continue
            formula = (
                f"({bare(x)} − {bare(y)}) ÷ {bare(x)}" if down else f"({bare(y)} − {bare(x)}) ÷ {bare(x)}"
            ) + f" = {num(computed, max(1, z.decimals))}%"
            shown = f"{num(computed, max(1, z.decimals))}%"
        else:
            continue
        r.issues.append(_growth_issue(x, y, z, computed, shown, formula))


def comparisons(r: Reader) -> None:
    """Y，比上年的 X 增长 p% (or 增加 d): the current figure, the base the text names, and
    the change it states."""
    t = r.text
    for m in _COMPARED.finditer(t, r.lo, r.hi):
        if re.search(r"平均|年均|同期", m.group("period")):
            continue
        s_start, s_end = sentence_bounds(t, m.start(), r.lo, r.hi)
        if _REAL_TERMS.search(t, s_start, s_end):
            continue
        xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.role is None]
        if len(xs) != 1 or xs[0].num_start != m.start("x") or xs[0].end != m.end("x"):
            continue  # the base must be a figure alone (not 预计数, 铺轨里数)
        x = xs[0]
        z = next((n for n in r.numbers if n.num_start == m.start("z") and n.role is None), None)
        if z is None or not x.quantity or x.approx or z.approx or x.value <= 0:
            continue
        # the current figure: the amounts of the same kind in the clause before 比
        cs = clause_start(t, m.start(), r.lo)
        if cs == m.start():
            cs = clause_start(t, cs - 1, r.lo)
        ys = [n for n in r.nums(cs, m.start()) if r.is_amount(n) and n.unit == x.unit]
        if len(ys) != 1 or ys[0].approx:
            continue
        y = ys[0]
        down = m.group("verb") in ("下降", "减少", "降低")
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        if z.unit == "%":
            if xlo <= 0:
                continue
            clo, chi, computed = pct_change(x, y, down)
            zlo, zhi = pct_interval(z)
            shown = f"{num(computed, max(1, z.decimals))}%"
            diff = f"({bare(x)} − {bare(y)})" if down else f"({bare(y)} − {bare(x)})"
            formula = f"{diff} ÷ {bare(x)} = {shown}"
        elif z.unit == x.unit and z.quantity:
            clo, chi = ((xlo - yhi), (xhi - ylo)) if down else ((ylo - xhi), (yhi - xlo))
            computed = (x.value - y.value) if down else (y.value - x.value)
            zlo, zhi = z.interval
            scale, _ = scale_of(z)
            dec = max(decimals_in(z, scale), decimals_in(x, scale), decimals_in(y, scale))
            shown = fmt_like(computed, z, dec)
            formula = (f"{bare(x)} − {bare(y)}" if down else f"{bare(y)} − {bare(x)}") + f" = {shown}"
        else:
            continue
        ok = chi >= zlo and clo <= zhi
        r.checked.append(("growth", f"{y.text} 比 {x.text}: {z.text}", z.value, ok))
        if ok:
            continue
        r.issues.append(_growth_issue(x, y, z, computed, shown, formula))
