"""growth: 由 X 增至 Y，增长 p% (or 提高 n 个百分点); Y，比上年的 X 增长 p% (or 增加 d)."""

from __future__ import annotations

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number

from .reader import (
    EPSILON,
    Issue,
    Reader,
    bare,
    clause_before,
    clause_start,
    decimals_in,
    factor,
    fmt_like,
    is_change,
    num,
    pct_change,
    pct_interval,
    scale_of,
    sentence_bounds,
    stated_figure_issue,
)

#: any character of a clause, a thousands separator (1,000万元) included
_C = r"(?:[^，,；;。]|(?<=\d),(?=\d{3}))"
_GROWTH = re.compile(
    rf"(?:由|从)(?P<x>(?:(?![由从]){_C}){{0,20}}?)"
    rf"(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|降)?(?:到|至|为)(?P<y>{_C}{{1,20}}?)"
    r"[，,、]?(?:同比|年均|平均每年|每年平均)?(?:增长|增加|提高|提升|上升|扩大|下降|减少|降低|缩小)了?"
    rf"(?P<z>{_C}{{1,16}})"
)
#: the verbs one of which every match of _GROWTH holds (before its stated change)
_GROWTH_VERBS = ("增长", "增加", "提高", "提升", "上升", "扩大", "下降", "减少", "降低", "缩小")
_COMPARED = re.compile(
    r"(?:比(?P<period>[^，,；;。的]{1,10})的|较(?P<when>[^，,；;。的]{0,8}(?:年|月|季度|同期|年初|年末|年底))的"
    r"|[比较](?P<bare>上年末|去年末|上年底|年初|上年|去年|[0-9]{4}年(?:末|底)?)(?=[0-9０-９]))"
    rf"(?P<x>{_C}{{1,16}}?)(?P<verb>增长|增加|提高|上升|下降|减少|降低)了?(?P<z>{_C}{{1,16}})"
)
#: 同比增长p%（上年X）, 提高n个百分点（上年为X%）: the change first, the base after it in brackets
_BASE_AFTER = re.compile(
    r"(?:同比|[比较](?:上年末|上年底|去年末|去年底|上年同期|去年同期|上年|去年))?(?P<verb>增长|增加|提高|上升|下降|减少|降低)了?"
    r"(?P<z>[0-9０-９][0-9０-９.．]*(?:[%％]|个百分点))"
    r"[（(](?:上年末|上年底|去年末|去年底|上年同期|去年同期|上年|去年|[0-9]{4}年(?:末|底)?)(?:为|同期为|同期)?"
    rf"(?P<x>[0-9０-９]{_C}{{0,14}}?)[）)]"
)
_DOUBLED = re.compile(
    rf"(?:由|从)(?P<x>(?:(?![由从]){_C}){{0,20}}?)(?:增加|增长|提高|提升|上升|扩大)?(?:到|至)(?P<y>{_C}{{1,20}}?)"
    r"[，,]?(?:实现)?(?P<word>翻了?(?P<n>一|两|二|三)番)"
)
_CHANGE_AND_RATE = re.compile(
    r"(?P<base>[比较](?:上年末|去年末|上年底|去年底|年初|上年同期|去年同期|上年|去年|[0-9]{4}年(?:末|底)?)|同比)"
    r"(?P<verb>增加|增长|增收|多|净增|减少|下降|减收|少|净减)了?"
    r"(?P<d>[0-9０-９](?:[0-9０-９.．]|,(?=[0-9]))*[^，,；;。0-9]{0,8}?)[，,]?(?:同比)?(?P<verb2>增长|增加|提高|上升|下降|减少|降低)了?"
    r"(?P<z>[0-9０-９][0-9０-９.．]*[%％])"
)
_LEVEL_NAME = re.compile(r"(?:年均|平均|日均)浓度")
#: characters before 由 searched for 年均/平均/累计 and for the years of a compound growth
AVERAGE_LOOKBACK = 6
#: how far from ×2 (×4, ×8) a figure may be and still be 翻一番 (两番, 三番)
DOUBLING_SLACK = 0.1
_REAL_TERMS = re.compile(r"可比价|实际增长|扣除价格|不变价|生产总值|增加值|GDP|口径|剔除|扣除")


def _growth_issue(
    x: Number, y: Number, z: Number, computed: float, shown: str, formula: str, key: str = "growth"
) -> Issue:
    """A stated change ``z`` from ``x`` to ``y`` that the figures do not give."""
    end = z.num_end if z.unit == "%" else z.end
    return stated_figure_issue("growth", key, z, end, computed, shown, formula, [x, y], {"x": x.text, "y": y.text})


def _real_terms(r: Reader, pos: int) -> bool:
    """Is the sentence at ``pos`` about real (price-adjusted) growth?"""
    s_start, s_end = sentence_bounds(r.text, pos, r.lo, r.hi)
    return bool(_REAL_TERMS.search(r.text, s_start, s_end))


def _current(r: Reader, pos: int, like: Number, same: str) -> Number | None:
    """The current figure a comparison at ``pos`` is about: the one amount with the ``same``
    ``unit`` or ``group`` as ``like`` in the clause before (or holding) ``pos``, when it is not
    approximate."""
    kind = getattr(like, same)
    ys = [
        n
        for n in r.nums(clause_before(r.text, pos, r.lo), pos)
        if (r.is_amount(n) or _level(n)) and getattr(n, same) == kind
    ]
    return ys[0] if len(ys) == 1 and not ys[0].approx else None


def _level(n: Number) -> bool:
    """A level compared from year to year, an average as a rule (PM2.5年均浓度28微克/立方米)."""
    return n.measure and not n.quantity


def _current_rate(r: Reader, pos: int) -> Number | None:
    """The rate a change in percentage points at ``pos`` is about: the one percentage in the
    clause before (or holding) ``pos`` that is not itself a change, when it is not approximate."""
    t = r.text
    cs = clause_before(t, pos, r.lo)
    ys = [n for n in r.nums(cs, pos) if n.unit == "%" and n.role is None and n.bound is None]
    ys = [n for n in ys if not is_change(n, t, clause_start(t, n.start, r.lo))]
    return ys[0] if len(ys) == 1 and not ys[0].approx else None


def points_change(x: Number, y: Number, z: Number, down: bool) -> tuple[bool, float, str, str]:
    """A change of a rate in percentage points: whether the ``z`` points stated from ``x``% to
    ``y``% can be their difference at the figures' rounding, the difference, as written, and the
    formula."""
    computed = (x.value - y.value) if down else (y.value - x.value)
    lo = (y.value - y.step / 2) - (x.value + x.step / 2)
    hi = (y.value + y.step / 2) - (x.value - x.step / 2)
    if down:
        lo, hi = -hi, -lo
    zlo, zhi = z.value - z.step / 2, z.value + z.step
    shown = f"{num(computed, max(1, z.decimals))}个百分点"
    formula = (f"{bare(x)} − {bare(y)}" if down else f"{bare(y)} − {bare(x)}") + f" = {shown}"
    return hi >= zlo and lo <= zhi, computed, shown, formula


def check(r: Reader) -> None:
    changes(r)
    comparisons(r)
    change_and_rate(r)


def changes(r: Reader) -> None:
    t = r.text
    # 由/从 opens every change and 番 ends every doubling: most paragraphs have neither
    if t.find("由", r.lo, r.hi) < 0 and t.find("从", r.lo, r.hi) < 0:
        return
    verbs = any(t.find(v, r.lo, r.hi) >= 0 for v in _GROWTH_VERBS)  # one ends every change
    for m in _GROWTH.finditer(t, r.lo, r.hi) if verbs else ():
        around = t[max(r.lo, m.start() - AVERAGE_LOOKBACK) : m.start()] + m.group(0)
        around = _LEVEL_NAME.sub("", around)  # 年均浓度: the name of a level, not a yearly growth
        if re.search(r"年均|平均", around) and not re.search(r"累计", around):
            _compound(r, m)
            continue
        if re.search(r"年均|平均|累计", around):
            continue
        xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.role is None and (n.measure or n.percent)]
        ys = [n for n in r.nums(m.start("y"), m.end("y")) if n.role is None and (n.measure or n.percent)]
        zs = [n for n in r.nums(m.start("z"), m.end("z")) if n.role is None]
        if len(xs) != 1 or len(ys) != 1 or not zs:
            continue
        x, y, z = xs[0], ys[0], zs[0]
        in_points = x.unit == "%" and y.unit == "%" and z.unit == "个百分点"
        if not in_points and _real_terms(r, m.start()):
            continue  # a real (price-adjusted) growth does not follow from nominal figures; a change of
            # a share in points does (占地区生产总值的比重由3.12%提高到3.38%，提高0.26个百分点)
        if z.num_start != m.start("z") or x.approx or y.approx or z.approx:
            continue
        down = bool(re.search(r"下降|减少|降低|缩小", t[m.end("y") : m.start("z")]))
        if in_points:
            ok, computed, shown, formula = points_change(x, y, z, down)
            r.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, ok))
            if ok:
                continue
        elif x.unit == "%" and y.unit == "%" and z.unit == "%" and x.interval[0] > 0:
            # 由8%下降到6%，下降2%: a change of a rate given as the points' difference but written
            # as a percentage (the relative change is 25%); only that unit slip is reported
            clo, chi, computed = pct_change(x, y, down)
            zlo, zhi = pct_interval(z)
            relative = chi >= zlo and clo <= zhi
            points = abs(y.value - x.value)
            plo = abs(y.value - x.value) - (x.step + y.step) / 2
            phi = abs(y.value - x.value) + (x.step + y.step) / 2
            slip = not relative and phi >= zlo and plo <= zhi and abs(computed - points) > z.step
            r.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, not slip))
            if not slip:
                continue
            shown = f"{num(points, max(1, z.decimals))}个百分点"
            formula = f"{bare(y)} − {bare(x)} = {shown}"
            r.issues.append(_growth_issue(x, y, z, points, shown, formula, key="points"))
            continue
        elif z.unit == "%" and x.unit == y.unit and x.measure and x.value > 0:
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
        elif z.unit == "倍" and not down and x.unit == y.unit and x.quantity and x.interval[0] > 0:
            # 增长N倍: Y = X × (N + 1)
            (xlo, xhi), (ylo, yhi) = x.interval, y.interval
            clo, chi, computed = ylo / xhi - 1, yhi / xlo - 1, y.value / x.value - 1
            zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step + EPSILON
            ok = chi >= zlo and clo <= zhi
            r.checked.append(("growth", f"{x.text} → {y.text}: {z.text}", z.value, ok))
            if ok:
                continue
            shown = f"{computed:.{max(1, z.decimals)}f}倍"
            formula = f"{bare(y)} ÷ {bare(x)} − 1 = {shown}"
        else:
            continue
        r.issues.append(_growth_issue(x, y, z, computed, shown, formula))
    doublings = _DOUBLED.finditer(t, r.lo, r.hi) if t.find("番", r.lo, r.hi) >= 0 else ()
    for m in doublings:
        xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.quantity]
        ys = [n for n in r.nums(m.start("y"), m.end("y")) if n.quantity]
        if len(xs) != 1 or len(ys) != 1 or xs[0].unit != ys[0].unit or xs[0].approx or ys[0].approx:
            continue
        x, y = xs[0], ys[0]
        times = 2 ** {"一": 1, "两": 2, "二": 2, "三": 3}[m.group("n")]
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        if xlo <= 0:
            continue
        # 翻一番 is read loosely (about double): only a ratio off by more than a tenth is reported
        ok = yhi / xlo >= times * (1 - DOUBLING_SLACK) and ylo / xhi <= times * (1 + DOUBLING_SLACK)
        r.checked.append(("growth", f"{x.text} → {y.text}: {m.group('word')}", times, ok))
        if ok:
            continue
        computed = y.value / x.value
        shown = f"{computed:.1f}倍"
        formula = f"{bare(y)} ÷ {bare(x)} = {shown}"
        r.issues.append(
            Issue(
                "growth",
                "growth",
                (m.start("word"), m.end("word")),
                {"stated": m.group("word"), "computed": shown, "formula": formula, "x": x.text, "y": y.text},
                {
                    "check": "growth",
                    "stated": times,
                    "computed": round(computed, 4),
                    "operands": [x.text, y.text],
                    "formula": formula,
                },
                [(x.num_start, x.end), (y.num_start, y.end)],
            )
        )


def _compound(r: Reader, m: re.Match) -> None:
    """由2016年的X增至2021年的Y，年均增长p%: p = (Y ÷ X)^(1/n) − 1 over the n years between."""
    t = r.text
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", t[max(r.lo, m.start() - AVERAGE_LOOKBACK) : m.end("y")])]
    xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.quantity]
    ys = [n for n in r.nums(m.start("y"), m.end("y")) if n.quantity]
    zs = [n for n in r.nums(m.start("z"), m.end("z")) if n.unit == "%" and n.num_start == m.start("z")]
    if len(years) != 2 or years[1] <= years[0] or len(xs) != 1 or len(ys) != 1 or not zs:
        return
    x, y, z = xs[0], ys[0], zs[0]
    if x.unit != y.unit or x.approx or y.approx or z.approx or x.interval[0] <= 0:
        return
    if re.search(r"下降|减少|降低", t[m.end("y") : m.start("z")]):
        return
    span = years[1] - years[0]
    (xlo, xhi), (ylo, yhi) = x.interval, y.interval
    clo = ((ylo / xhi) ** (1 / span) - 1) * 100
    chi = ((yhi / xlo) ** (1 / span) - 1) * 100
    computed = ((y.value / x.value) ** (1 / span) - 1) * 100
    zlo, zhi = pct_interval(z)
    ok = chi >= zlo and clo <= zhi
    r.checked.append(("growth", f"{x.text} → {y.text} in {span} years: {z.text}", z.value, ok))
    if ok:
        return
    shown = f"{num(computed, max(1, z.decimals))}%"
    formula = f"({bare(y)} ÷ {bare(x)})^(1/{span}) − 1 = {shown}"
    r.issues.append(_growth_issue(x, y, z, computed, shown, formula))


def change_and_rate(r: Reader) -> None:
    """实现收入1.63亿元，比上年增收1,260万元，增长8.4% (or 年末…，比上年末/较年初/比2013年末增加
    d，增长 p%, a stock against an earlier date): the change over the base the current figure and
    the change give, p = d ÷ (Y − d)."""
    t = r.text
    if t.find("比", r.lo, r.hi) < 0 and t.find("较", r.lo, r.hi) < 0:
        return  # in every base _CHANGE_AND_RATE names (比上年末, 较年初, 比2013年末, 同比 …)
    for m in _CHANGE_AND_RATE.finditer(t, r.lo, r.hi):
        d = r.at(m.start("d"))
        z = r.at(m.start("z"))
        if d is None or z is None or z.unit != "%" or not d.quantity or d.approx or z.approx or z.role:
            continue
        if _real_terms(r, m.start()):
            continue
        y = _current(r, m.start(), d, "group")
        if y is None:
            continue
        down = m.group("verb") in ("减少", "下降", "减收", "少", "净减")
        if down != bool(re.match("下降|减少|降低", m.group("verb2"))):
            continue
        f = factor(d.unit, y.unit)
        (ylo, yhi), (dlo, dhi) = y.interval, d.interval
        dlo, dhi = dlo * f, dhi * f
        # the base: Y − d (or Y + d for a fall); the rate d ÷ base is monotone in both
        if down:
            blo, bhi = ylo + dlo, yhi + dhi
        else:
            blo, bhi = ylo - dhi, yhi - dlo
        if blo <= 0:
            continue
        clo, chi = dlo / bhi * 100, dhi / blo * 100
        base = y.value + d.value * f if down else y.value - d.value * f
        computed = d.value * f / base * 100
        zlo, zhi = pct_interval(z)
        ok = chi >= zlo and clo <= zhi
        r.checked.append(("growth", f"{y.text}, {d.text}: {z.text}", z.value, ok))
        if ok:
            continue
        shown = f"{num(computed, max(1, z.decimals))}%"
        sign = "+" if down else "−"
        formula = f"{bare(d)} ÷ ({bare(y)} {sign} {bare(d)}) = {shown}"
        said = {"x": d.text, "y": y.text, "change": f"{m.group('base')}{m.group('verb')}{d.text}"}
        r.issues.append(
            stated_figure_issue("growth", "growth_change", z, z.num_end, computed, shown, formula, [y, d], said)
        )


def comparisons(r: Reader) -> None:
    """Y，比上年的 X 增长 p% (or 增加 d; 较…的 X, 比上年 X, 比2021年 X without 的), and Y，同比增长
    p%（上年 X）: the current figure, the base the text names, and the change it states."""
    t = r.text
    if t.find("比", r.lo, r.hi) < 0 and t.find("较", r.lo, r.hi) < 0:  # in every match
        return
    for m in _COMPARED.finditer(t, r.lo, r.hi):
        period = m.group("period") or m.group("when")  # 较 compares with a time only (not 较大的12家)
        if period is not None and re.search(r"平均|年均|同期", period):
            continue
        _compared(r, m, m.start())
    if t.find("（", r.lo, r.hi) >= 0 or t.find("(", r.lo, r.hi) >= 0:
        for m in _BASE_AFTER.finditer(t, r.lo, r.hi):
            _compared(r, m, m.start())


def _compared(r: Reader, m: re.Match[str], at: int) -> None:
    """The change ``z`` a match of _COMPARED or _BASE_AFTER states from the base ``x`` it names
    to the current figure, the one amount of the base's unit in the clause before ``at``."""
    if _real_terms(r, m.start()):
        return
    xs = [n for n in r.nums(m.start("x"), m.end("x")) if n.role is None]
    if len(xs) != 1 or xs[0].num_start != m.start("x") or xs[0].end != m.end("x"):
        return  # the base must be a figure alone (not 预计数, 铺轨里数)
    x = xs[0]
    z = r.at(m.start("z"), plain=True)
    points = z is not None and z.unit == "个百分点" and x.unit == "%"  # 比上年提高3.5个百分点（上年为88.7%）
    if z is None or not (x.measure or points) or x.approx or z.approx or x.value <= 0:
        return
    # the current figure: the amounts of the same kind in the clause before 比
    y = _current_rate(r, at) if points else _current(r, at, x, "unit")
    if y is None:
        return
    down = m.group("verb") in ("下降", "减少", "降低")
    (xlo, xhi), (ylo, yhi) = x.interval, y.interval
    if points:
        ok, computed, shown, formula = points_change(x, y, z, down)
        r.checked.append(("growth", f"{y.text} 比 {x.text}: {z.text}", z.value, ok))
        if not ok:
            r.issues.append(_growth_issue(x, y, z, computed, shown, formula))
        return
    if z.unit == "%":
        if xlo <= 0:
            return
        clo, chi, computed = pct_change(x, y, down)
        zlo, zhi = pct_interval(z)
        shown = f"{num(computed, max(1, z.decimals))}%"
        diff = f"({bare(x)} − {bare(y)})" if down else f"({bare(y)} − {bare(x)})"
        formula = f"{diff} ÷ {bare(x)} = {shown}"
    elif z.unit == x.unit and z.measure:
        clo, chi = ((xlo - yhi), (xhi - ylo)) if down else ((ylo - xhi), (yhi - xlo))
        computed = (x.value - y.value) if down else (y.value - x.value)
        zlo, zhi = z.interval
        scale, _ = scale_of(z)
        dec = max(decimals_in(z, scale), decimals_in(x, scale), decimals_in(y, scale))
        shown = fmt_like(computed, z, dec)
        formula = (f"{bare(x)} − {bare(y)}" if down else f"{bare(y)} − {bare(x)}") + f" = {shown}"
    else:
        return
    ok = chi >= zlo and clo <= zhi
    r.checked.append(("growth", f"{y.text} 比 {x.text}: {z.text}", z.value, ok))
    if ok:
        return
    r.issues.append(_growth_issue(x, y, z, computed, shown, formula))
