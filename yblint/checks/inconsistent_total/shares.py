"""shares: complementary shares that must total 100% (男性占 p%，女性占 q%; 三次产业结构 a:b:c)."""

from __future__ import annotations

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import summable

from .complete import CATCH_ALL
from .rate import ratio
from .reader import EPSILON, Issue, Reader, num, sentence_bounds

#: two categories that make up a whole: their shares of it total 100%
_PAIRS = [
    ("男", "女"),
    ("城镇", "农村"),
    ("城镇", "乡村"),
    ("城市", "农村"),
    ("公办", "民办"),
    ("境内", "境外"),
    ("(?<!非)国有", "非国有"),
    ("(?<!非)公有", "非公有"),
    ("生产资料", "消费资料"),
    ("轻工业", "重工业"),
]
#: the pattern of each pair's first share, and of the second right after it, and the word every
#: match of the first holds (looked for by str.find first)
_PAIR_PATTERNS = [
    (
        re.compile(rf"{a}[\u4e00-\u9fff]{{0,4}}占比?(?:为|达)?"),
        re.compile(rf"[，,、；;]{b}[\u4e00-\u9fff]{{0,4}}占比?(?:为|达)?"),
        re.sub(r"\(\?<!.\)", "", a),
    )
    for a, b in _PAIRS
]
_R = r"(\d+(?:\.\d+)?)"
#: 三次产业结构（比）为 a:b:c, with the ratio sign GB/T 15834 gives (∶) or a colon
_RATIO3 = re.compile(
    rf"三次产业(?:结构|比例|比重|构成)?(?:比例?)?(?:调整|优化)?(?:为|是|达到)?{_R}[:：∶]{_R}[:：∶]{_R}"
)


def check(r: Reader) -> None:
    complementary(r)
    share_lists(r)
    shares_of_earlier_total(r)


def complementary(r: Reader) -> None:
    t = r.text
    # each pattern holds a word (三次产业, 占) not in most paragraphs: looked for first
    ratios = _RATIO3.finditer(t, r.lo, r.hi) if t.find("三次产业", r.lo, r.hi) >= 0 else ()
    for m in ratios:
        vals = [float(m.group(i)) for i in (1, 2, 3)]
        decs = [len(m.group(i).split(".")[1]) if "." in m.group(i) else 0 for i in (1, 2, 3)]
        tol = sum(0.5 * 10.0**-d for d in decs)
        total = sum(vals)
        r.checked.append(("shares", m.group(0), 100, abs(total - 100) <= tol + EPSILON))
        if abs(total - 100) <= tol + EPSILON:
            continue
        formula = " + ".join(m.group(i) for i in (1, 2, 3)) + f" = {num(total, max(decs))}"
        r.issues.append(
            Issue(
                "shares",
                "shares",
                (m.start(1), m.end(3)),
                {
                    "shares": ":".join(m.group(i) for i in (1, 2, 3)),
                    "sum": num(total, max(decs)) + "%",
                    "formula": formula + "%",
                },
                {"check": "shares", "stated": 100, "computed": total, "parts": vals, "formula": formula},
            )
        )
    # 男性占p%，女性占q% within one sentence
    if t.find("占", r.lo, r.hi) < 0:
        return
    for first, second, word in _PAIR_PATTERNS:
        if t.find(word, r.lo, r.hi) < 0:
            continue
        for ma in first.finditer(t, r.lo, r.hi):
            pa = r.at(ma.end(), unit="%")
            if pa is None or pa.approx:
                continue
            mb = second.match(t, pa.num_end)
            if not mb:
                continue
            pb = r.at(mb.end(), unit="%")
            if pb is None or pb.approx:
                continue
            total = pa.value + pb.value
            tol = pa.step / 2 + pb.step / 2
            r.checked.append(("shares", f"{pa.text} + {pb.text}", 100, abs(total - 100) <= tol + EPSILON))
            if abs(total - 100) <= tol + EPSILON:
                continue
            dec = max(pa.decimals, pb.decimals)
            la = re.sub(r"占比?(?:为|达)?$", "", ma.group(0))
            lb = re.sub(r"^[，,、；;]|占比?(?:为|达)?$", "", mb.group(0))
            shown = num(total, dec)  # as before 0.x: the formula is part of a finding's fingerprint
            formula = f"{la}{pa.text} + {lb}{pb.text} = {shown}%"
            r.issues.append(
                Issue(
                    "shares",
                    "shares",
                    (pa.num_start, pb.num_end),
                    {"shares": f"{pa.text}、{pb.text}", "sum": shown + "%", "formula": formula},
                    {
                        "check": "shares",
                        "stated": 100,
                        "computed": total,
                        "parts": [pa.text, pb.text],
                        "formula": formula,
                    },
                )
            )


_SHARE_AFTER = re.compile(r"[，,](?:占比?|比重)(?:为|达|达到)?(?=[0-9０-９])")


def shares_of_earlier_total(r: Reader) -> None:
    """全区共有企业1,200家。工业企业300家，占25%。: a part whose share names no base, the base
    being the one figure of its kind in the sentence before (the part's own sentence has none
    before it)."""
    t = r.text
    if t.find("占", r.lo, r.hi) < 0 and t.find("比重", r.lo, r.hi) < 0:  # in every match
        return
    for m in _SHARE_AFTER.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        if z is None or z.unit != "%" or z.approx or z.role:
            continue
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        if s_start <= r.lo or t.startswith("其中", s_start):
            continue
        own = [n for n in r.nums(s_start, m.start()) if r.is_amount(n)]
        if len(own) != 1 or own[0].end != m.start() or own[0].approx:
            continue
        part = own[0]
        p_start, _ = sentence_bounds(t, s_start - 1, r.lo, r.hi)
        base = [n for n in r.nums(p_start, s_start) if r.is_amount(n) and summable(n.unit, part.unit)]
        if len(base) != 1 or base[0].approx or not r.marked_total(base[0]):
            continue
        ratio(r, z, part, base[0], "占比", "占比")


#: one item of a list of shares: its name, 占 (比重为 …), its share (the separator before it apart)
_SHARE_ITEM = re.compile(
    r"(?P<lead>(?:[\u4e00-\u9fff“”]|[（(][^（）()，,。；;]{1,12}[）)]){1,16}?)"  # 可吸入颗粒物（PM10）
    r"(?:占(?:[\u4e00-\u9fff]{2,10}的)?(?:比重)?|占比|比重|所占比重)"
    r"(?:为|达|约为)?(?=[0-9０-９])"
)
#: what stands between two items of a list of shares
_SHARE_SEP = re.compile(r"[、，,；;]")
#: the most characters an item's name (_SHARE_ITEM's lead: sixteen names of 14 at most, （PM10） …)
#: and the 所 of 所占比重 take before its 占 or 比重; and from there to the figure after it, the
#: figure included (占, ten characters and 的, 比重, 约为: 16)
_LEAD_MOST = 16 * 14 + 1
_WORD_TO_FIGURE = 16 + 1
_SHARE_WORD = re.compile("占|比重")


def _search_share_item(t: str, pos: int, hi: int) -> re.Match[str] | None:
    """``_SHARE_ITEM.search(t, pos, hi)``, without trying the pattern at every character of a long
    paragraph (#14): every item holds 占 or 比重 after a name of _LEAD_MOST characters at most, so
    the text around each of those words is searched; where an item is found there, the search
    from the window's start gives the first item of all (none starts before the window)."""
    for w in _SHARE_WORD.finditer(t, pos, hi):
        start = max(pos, w.start() - _LEAD_MOST)
        if _SHARE_ITEM.search(t, start, min(hi, w.start() + _WORD_TO_FIGURE)) is not None:
            return _SHARE_ITEM.search(t, start, hi)
    return None


def share_lists(r: Reader) -> None:
    """受理投诉1.52万件，其中商品类占46.3%、服务类占41.2%、其他占10.5%: the shares of a list that
    names every part (its last is the rest: 其他, 其余) total 100%, within their rounding (46.3 +
    41.2 + 10.5 = 98.0: a share is wrong, or a part missing)."""
    t = r.text
    if t.find("占", r.lo, r.hi) < 0 or (t.find("其他", r.lo, r.hi) < 0 and t.find("其余", r.lo, r.hi) < 0):
        return
    pos = r.lo
    while True:
        m = _search_share_item(t, pos, r.hi)
        if m is None:
            return
        items = []  # (lead, share)
        while m is not None:
            z = r.at(m.end(), unit="%")
            if z is None or z.approx:
                break
            items.append((m.group("lead"), z))
            sep = _SHARE_SEP.match(t, z.end)
            if sep is None:
                break
            m = _SHARE_ITEM.match(t, sep.end(), r.hi)
        pos = items[-1][1].end if items else m.end() if m else r.hi
        if len(items) < 2:
            continue
        leads = [re.sub(r"^(?:其中|分别|对|向|与|从)", "", lead) for lead, _ in items]
        if not CATCH_ALL.match(leads[-1]):
            continue  # two members of a partition: complementary(); a list without the rest may be a selection
        shares = [z for _, z in items]
        total = sum(z.value for z in shares)
        tol = sum(z.step / 2 for z in shares)
        ok = abs(total - 100) <= tol + EPSILON
        r.checked.append(("shares", " + ".join(z.text for z in shares), 100, ok))
        if ok:
            continue
        dec = max(z.decimals for z in shares)
        formula = " + ".join(f"{lead}{z.text}" for lead, z in zip(leads, shares, strict=True))
        shown = f"{total:.{dec}f}"  # 98.0, not 98: the precision of the shares
        formula += f" = {shown}%"
        r.issues.append(
            Issue(
                "shares",
                "shares",
                (shares[0].num_start, shares[-1].num_end),
                {"shares": "、".join(z.text for z in shares), "sum": shown + "%", "formula": formula},
                {
                    "check": "shares",
                    "stated": 100,
                    "computed": round(total, 6),
                    "parts": [z.text for z in shares],
                    "formula": formula,
                },
            )
        )
