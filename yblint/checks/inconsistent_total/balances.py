"""balances: a figure that is the difference of two others the same sentence states — 收入X，
支出Y，（收支相抵，）结余Z (Z = X − Y; 赤字: Y − X), and 资产总额X，负债总额Y，所有者权益Z (Z = X − Y,
the balance sheet's own identity)."""

from __future__ import annotations

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number

from .reader import (
    Issue,
    Reader,
    bare,
    clause_start,
    decimals_in,
    end_chars,
    factor,
    fmt_like,
    interval_in,
    may_end_word,
    scale_of,
    sentence_bounds,
)

_ACCUMULATED = re.compile(r"累计|滚存|历年|年末|期末|年底")
_BALANCE = re.compile(r"(?P<word>结余|节余|结存|盈余|赤字)(?:为|了)?$")
#: how every match of _BALANCE ends: a word's last character, then a suffix
_BALANCE_END = ("余存字", ("", "为", "了"))
_BALANCE_CHARS = end_chars(*_BALANCE_END)
#: sentences searched for the 收入 and 支出 of a 收支相抵 balance (its own and two before)
BALANCE_SENTENCES = 3
#: characters before a balance's clause searched for 收支相抵
BALANCE_OFFSET_WINDOW = 8


def balance(r: Reader) -> None:
    """收入X，支出Y，（收支相抵，）结余Z: Z = X − Y (赤字: Y − X), the 收入 and 支出 being the
    nearest figures so named in this or the sentences before."""
    t = r.text
    if t.find("余", r.lo, r.hi) < 0 and t.find("存", r.lo, r.hi) < 0 and t.find("赤字", r.lo, r.hi) < 0:
        return  # every word of _BALANCE holds one
    for z in r.numbers:
        if t[z.start - 1 : z.start] not in _BALANCE_CHARS or not may_end_word(t, z.start, *_BALANCE_END):
            continue
        cs = clause_start(t, z.start, r.lo)
        m = _BALANCE.search(t[cs : z.start])
        if not m or not r.is_amount(z) or z.approx:
            continue
        if _ACCUMULATED.search(t, cs, z.start):
            continue  # 年末累计结存: what years of balances left, not this year's income less spending
        # 收支相抵 says the balance is income less spending; without it the three figures must
        # stand in one sentence (a fund's 收入、支出、结余), since a budget's 赤字 or 结余 also
        # counts transfers and carry-overs
        offset = "收支相抵" in t[max(r.lo, cs - BALANCE_OFFSET_WINDOW) : z.start]
        lo = sentence_bounds(t, z.start, r.lo, r.hi)[0]
        for _ in range(BALANCE_SENTENCES - 1 if offset else 0):
            lo, _e = sentence_bounds(t, max(r.lo, lo - 1), r.lo, r.hi)
        if m.group("word") == "赤字" and not offset:
            continue
        cands = [n for n in r.nums(lo, cs) if r.is_amount(n) and n.group == z.group and not n.approx]
        inc = [n for n in cands if _named(t, n, r.lo, "收入", "支出")]
        exp = [n for n in cands if _named(t, n, r.lo, "支出", "收入")]
        if not inc or not exp:
            continue
        x, y = inc[-1], exp[-1]
        a, b = (y, x) if m.group("word") == "赤字" else (x, y)
        _difference(r, a, b, z, "balance")


def _difference(r: Reader, a: Number, b: Number, z: Number, key: str) -> None:
    """The stated ``z`` against ``a`` − ``b`` (a balance, owners' equity), within the figures'
    precision: an issue under ``key`` (also ``data["check"]``) when no rounding explains it."""
    (alo, ahi), (blo, bhi) = interval_in(a, z.unit), interval_in(b, z.unit)
    zlo, zhi = z.interval
    computed = a.value * factor(a.unit, z.unit) - b.value * factor(b.unit, z.unit)
    scale = scale_of(a)[0]
    formula = f"{bare(a)} − {bare(b)} = {fmt_like(computed, a, max(decimals_in(n, scale) for n in (a, b, z)))}"
    ok = not (alo - bhi > zhi or ahi - blo < zlo)
    r.checked.append(("breakdown", formula, z.value, ok))
    if ok:
        return
    args = {"total": z.text, "formula": formula}
    data = {"check": key, "stated": z.value, "computed": round(computed, 6), "formula": formula}
    data |= {"operands": [a.text, b.text]}
    related = [(a.num_start, a.end), (b.num_start, b.end)]
    r.issues.append(Issue("breakdown", key, (z.num_start, z.end), args, data, related))


_EQUITY = re.compile(r"(?:所有者权益|净资产)(?:总额|合计)?(?:为|达|达到|是)?$")
_PARENT_SHARE = re.compile(r"归属|母公司|少数股东")


def equity(r: Reader) -> None:
    """资产总额X，负债总额Y，所有者权益（净资产）Z, in one sentence: Z = X − Y, the balance
    sheet's own identity (资产 = 负债 + 所有者权益)."""
    t = r.text
    if t.find("负债", r.lo, r.hi) < 0 or (t.find("权益", r.lo, r.hi) < 0 and t.find("净资产", r.lo, r.hi) < 0):
        return
    for z in r.numbers:
        cs = clause_start(t, z.start, r.lo)
        if not _EQUITY.search(t, cs, z.start) or not r.is_amount(z) or z.approx:
            continue
        if _PARENT_SHARE.search(t, cs, z.start):
            continue  # the parent's share leaves out minority interests: not assets less debts
        lo = sentence_bounds(t, z.start, r.lo, r.hi)[0]
        cands = [n for n in r.nums(lo, cs) if r.is_amount(n) and n.group == z.group and not n.approx]
        assets = [n for n in cands if _named(t, n, r.lo, "资产", "负债") and not _named(t, n, r.lo, "净资产", "负债")]
        debts = [n for n in cands if _named(t, n, r.lo, "负债", "资产")]
        if not assets or not debts:
            continue
        _difference(r, assets[-1], debts[-1], z, "equity")


def _named(text: str, n: Number, lo: int, word: str, other: str) -> bool:
    head = text[clause_start(text, n.start, lo) : n.start]
    return word in head and other not in head and "比" not in head
