"""rate: a rate restated from two figures in the same sentence — 任务70人，完成106人，完成率152.4%
(106 ÷ 70 = 151.4%)."""

from __future__ import annotations

import re

from .reader import Issue, Reader, bare, clause_start, num, pct_interval, sentence_bounds

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


def check(r: Reader) -> None:
    t = r.text
    prev_end: dict[int, int] = {}
    for m in _RATE.finditer(t, r.lo, r.hi):
        z = next((n for n in r.numbers if n.num_start == m.end() and n.unit == "%"), None)
        if z is None or z.role is not None or z.bound is not None:
            continue
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        seg_start = max(s_start, prev_end.get(s_start, s_start))
        prev_end[s_start] = z.end
        cands = [n for n in r.nums(seg_start, m.start()) if r.is_amount(n)]
        if len(cands) < 2:
            continue
        # the two figures of one kind closest to the rate
        y = cands[-1]
        same = [n for n in cands if n.unit == y.unit]
        if len(same) != 2 or any(n.approx for n in same):
            continue
        x = same[0]
        # the order must be readable: the target marked as such, or the result as done
        hx = t[clause_start(t, x.start, r.lo) : x.start]
        hy = t[clause_start(t, y.start, r.lo) : y.start]
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
        slo, shi = pct_interval(z)
        r.checked.append(("rate", f"{y.text} ÷ {x.text} → {z.text}", z.value, chi >= slo and clo <= shi))
        if chi >= slo and clo <= shi:
            continue
        computed = y.value / x.value * 100
        dec = max(1, z.decimals)
        formula = f"{bare(y)} ÷ {bare(x)} = {num(computed, dec)}%"
        r.issues.append(
            Issue(
                "rate",
                "rate",
                (z.num_start, z.num_end),
                {
                    "rate": _rate_word(m.group(0)),
                    "rate_en": RATE_EN.get(_rate_word(m.group(0)), "rate") + f" ({_rate_word(m.group(0))})",
                    "stated": z.text,
                    "computed": f"{num(computed, dec)}%",
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


def _rate_word(s: str) -> str:
    return re.match(r"[\u4e00-\u9fff]{1,3}率", s).group(0)
