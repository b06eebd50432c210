"""The figures of a text as yblint.text.numbers read them before its reading was made faster
(issue #14): every place a numeral starts tried in turn, each match made into a Number step by
step. Tests compare :func:`yblint.text.numbers.find_numbers` with :func:`find_numbers` here."""

from __future__ import annotations

import re

from yblint.text.numbers import (
    _BIG_AFTER_APPROX,
    _CN_CHARS,
    _MULT,
    _NOT_ONE,
    _NUMBER,
    _POST_APPROX,
    _POST_BOUND,
    _PRE_APPROX,
    _PRE_APPROX_LAST,
    _RANGE_BEFORE,
    _UNIT_ALIASES,
    _UNIT_RE,
    ABOUT,
    LOWER,
    UPPER,
    Number,
    _last_place,
    _quoted_spans,
    _value_of,
)

_START = re.compile(r"[\d零〇○一二两三四五六七八九十百千万亿]")


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    end = len(text) if end is None else end
    quoted = _quoted_spans(text, start, end)
    out: list[Number] = []
    pos = start
    while pos < end:
        f = _START.search(text, pos, end)
        if not f:
            break
        m = _NUMBER.match(text, f.start(), end)
        if not m:
            pos = f.end()
            continue
        pos = m.end()
        n = _make(text, m, start, end, quoted)
        if n is not None:
            out.append(n)
            pos = max(pos, n.end)
    return out


def _make(t: str, m: re.Match, lo: int, hi: int, quoted: list[tuple[int, int]]) -> Number | None:
    ns, ne = m.start(), m.end()
    pct_word, pn, ar, mult_word, core = m.groups()
    pct = bool(pct_word)
    chinese = ar is None
    if chinese and not pct:
        if core[0] in "万亿零〇○" or (len(core) == 1 and core in "一百千"):
            return None  # 万家, 亿元, 零星, a lone 一/百/千: words, not figures
        if core[0] == "一" and _NOT_ONE.match(t, ns):
            return None
        small = len(core) <= 4 and "万" not in core and "亿" not in core  # below 10,000: 四千, 二〇二一
        if small and not _UNIT_RE.match(t, ne, hi) and not _POST_APPROX.match(t, ne, hi):
            return None  # counting nothing (三服务, 十佳): a word, as below, known before its value
    try:
        value, decimals, mult, _ = _value_of(pn, ar, mult_word, core)
    except ValueError:
        return None  # 四十五六, 三五 (a range by adjacent digits) or a word
    num_end = p = ne
    approx: list[str] = []
    # a qualifier before the unit: 20余家, 4千余米, 106万余起, 二十几个, 10余万人
    sm = _POST_APPROX.match(t, p, hi)
    if sm:
        q, after_q = sm.group(0), sm.end()
        big = _BIG_AFTER_APPROX.match(t, after_q, hi)
        if q == "余" or big or _UNIT_RE.match(t, after_q, hi):
            approx.append(q)
            p = after_q
            if big:
                value *= _MULT[big.group(0)]
                mult *= _MULT[big.group(0)]
                p = big.end()
    unit = None
    if pct:
        unit = "%"
    else:
        um = _UNIT_RE.match(t, p, hi)
        if um:
            unit = um.group(0)
            if unit == "个":
                for longer in ("个百分点", "个月"):
                    if t.startswith(longer, p):
                        unit = longer
                if t.startswith("个多月", p):
                    unit = "个月"
                    approx.append("多")
                    p += 1
            p += len(unit)
            if unit in ("%", "‰", "％"):
                num_end = p
            unit = _UNIT_ALIASES.get(unit, unit)
    bm = _POST_BOUND.match(t, p, hi)
    if bm and (unit is not None or bm.group(0) not in ("多", "余")):
        approx.append(bm.group(0))
        p = bm.end()
    if chinese and unit is None and not pct and value < 10000:
        return None  # a Chinese numeral that counts nothing (三服务, 十佳): a word
    start = ns
    pm = _PRE_APPROX.search(t, max(lo, ns - 6), ns) if t[ns - 1 : ns] in _PRE_APPROX_LAST else None
    if pm:
        approx.insert(0, pm.group("q"))
        start = pm.start()
    bound = None
    for q in approx:
        if q in ABOUT:
            bound = "about"
        elif q in LOWER:
            bound = "lower"
        elif q in UPPER:
            bound = "upper"
    role = None
    before = t[ns - 1] if ns > lo else ""
    before2 = t[ns - 2] if ns - 1 > lo else ""
    after = t[num_end] if num_end < hi else ""
    after2 = t[num_end + 1] if num_end + 1 < hi else ""
    if before == "第" or (chinese and unit == "期"):
        role = "ordinal"  # 第3, 二期工程
    elif (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha() and unit is None):
        role = "code"
    elif (before and before in "-－~～—至到" and (before2.isdigit() or (before2 and before2 in _RANGE_BEFORE))) or (
        after and after in "-－~～—" and (after2.isdigit() or (after2 and after2 in _CN_CHARS))
    ):
        role = "range"
    elif (before and before in "+＋×÷/*") or (after and after in "+＋×÷/*"):
        role = "expression"
    elif (before and before in ".．") or (after and after in ".．" and after2.isdigit()):
        role = "code"
    elif ar is not None and len(ar) > 1 and ar[0] in "0０" and ar[1] not in ".．":
        role = "code"  # 03, 0905: a number written with a leading zero is a code
    if role is None and any(a <= ns < b for a, b in quoted):
        role = "quoted"
    if unit == "%":
        step = 10.0**-decimals
    elif chinese:
        step = _last_place(value, decimals, 1.0)
    else:
        step = mult * 10.0**-decimals
    return Number(
        text=t[start:p],
        start=start,
        end=p,
        num_start=ns,
        num_end=num_end,
        value=value,
        unit=unit,
        decimals=decimals,
        multiplier=mult,
        step=step,
        approx="".join(approx) or None,
        bound=bound,
        chinese=chinese,
        role=role,
    )
