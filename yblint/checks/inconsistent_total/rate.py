"""rate: a rate restated from two figures in the same sentence — 任务70人，完成106人，完成率152.4%
(106 ÷ 70 = 151.4%)."""

from __future__ import annotations

from collections.abc import Iterator

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number

from .reader import (
    EPSILON,
    Issue,
    Reader,
    bare,
    clause_before,
    clause_start,
    factor,
    is_amount,
    num,
    pct_interval,
    sentence_bounds,
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


def check(r: Reader) -> None:
    completion_rates(r)
    named_rates(r)
    ratio_phrases(r)
    balance_ratios(r)


#: words that make a rate another one (按期办结率: of the cases closed, those closed in time), so
#: its numerator is not the figure its last words name
_QUALIFIED = re.compile(r"(?:按期|按时|及时|限时|准时|提前|当场|当日|一次性|首次|满意)$")


def completion_rates(r: Reader) -> None:
    t = r.text
    if t.find("率", r.lo, r.hi) < 0:  # in every rate word
        return
    prev_end: dict[int, int] = {}
    for m in _RATE.finditer(t, r.lo, r.hi):
        z = r.at(m.end(), unit="%")
        if z is None or z.role is not None or z.bound is not None:
            continue
        if _QUALIFIED.search(t, max(r.lo, m.start() - 3), m.start()):
            continue  # 按期办结率, 一次性通过率: another rate than the figures before give
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
        shown = f"{num(computed, max(1, z.decimals))}%"
        word = _rate_word(m.group(0))
        formula = f"{bare(y)} ÷ {bare(x)} = {shown}"
        r.issues.append(
            rate_issue(z, z.num_end, y, x, computed, shown, formula, word, RATE_EN.get(word, "rate") + f" ({word})")
        )


def rate_issue(
    z: Number,
    anchor_end: int,
    y: Number,
    x: Number | str,
    computed: float,
    shown: str,
    formula: str,
    label: str,
    label_en: str,
    rate: str | None = None,
) -> Issue:
    """A stated rate ``z`` that ``y`` over ``x`` does not give; ``rate`` names it in the data
    (``label``, the words the text uses, when None). ``x`` may be a divisor the text does not
    write (a year's 366 days): its words then, and no place of it."""
    x_text = x if isinstance(x, str) else x.text
    places = [(y.num_start, y.end)] if isinstance(x, str) else [(x.num_start, x.end), (y.num_start, y.end)]
    return Issue(
        "rate",
        "rate",
        (z.num_start, anchor_end),
        {
            "rate": label,
            "rate_en": label_en,
            "stated": z.text,
            "computed": shown,
            "formula": formula,
            "x": x_text,
            "y": y.text,
        },
        {
            "check": "rate",
            "rate": label if rate is None else rate,
            "stated": z.value,
            "computed": round(computed, 4),
            "operands": [y.text, x_text],
            "formula": formula,
        },
        places,
    )


def _rate_word(s: str) -> str:
    m = re.match(r"[\u4e00-\u9fff]{1,3}率", s)
    return m.group(0) if m else "率"


# --- any named rate, and ratios stated in a phrase ---------------------------------------------

#: X率 that are not a part over a whole of the same kind (growth, profit, tax, exchange rates …)
_NOT_A_SHARE = re.compile(
    r"增长|增速|利润|利|税|汇|比|效|频|概|功|速|贡献|周转|回报|收益|负债|资产|折旧|贴现|准备金|自给|成活|储蓄|城镇化|恩格尔|系数"
    r"|失业|赤字|空置"
)
#: the denominator of a named rate is worded as the whole examined, enrolled, due … (抽检食品1,350批次)
_BASE_WORDS = re.compile(
    r"共|总|全|抽检|抽查|抽样|检查|检测|监测|检验|参加|参检|参考|参保人|应|适龄|登记|受理|申请|报名|调查|计划|任务|目标|户籍|常住|在册|在校|入园|出生"
)
_NAMED_RATE = re.compile(r"([\u4e00-\u9fff]{2,6}?)率(?:为|达|达到|是|已达|高达|提高到|提高至|提升至|提升到)?")
#: the longest verb _NAMED_RATE takes after 率
NAMED_RATE_SUFFIX_MAX = 3
_PLAN_WORDS = ("计划", "预算", "任务")
_PLAN_SHARE = re.compile(rf"(?:为|完成|达到|完成了|相当于)(?:全年|年度|年)?(?:{'|'.join(_PLAN_WORDS)})的")
_SHARE_OF = re.compile(
    r"占(?P<base>[^，,；;。占]{1,24}?)(?:的(?:(?:比重|比例)(?:为|达到|达|是)?)?|(?<!的)(?:比重|比例)(?:为|达到|达|是)?)"
    r"(?=[0-9０-９]|百分之)"
)
#: how a share phrase ends before its figure besides 的 (占…的比重为61.0%, 占…比重为61.0%): the
#: paragraphs ratio_phrases reads hold 比重 or 比例 then (its gate)
_WEIGHTED = re.compile(r"(?:比重|比例)(?:为|达到|达|是)?$")
_TIMES_OF = re.compile(
    r"(?:是|为|相当于|完成了?)(?P<base>(?:[^，,；;。是]|(?<=\d),(?=\d{3})){1,20}?)的(?=[0-9０-９一二两三四五六七八九十])"
)
#: a base named as a plan, a target or a budget (完成年度目标（8000人）的112.1%, 年度目标任务4,000套):
#: its name ends so once its figure and brackets are taken off (一般公共预算支出 is no plan)
_PLANNED = re.compile(r"(?:计划|预算|任务|目标|指标)(?:数|额|总额)?$")
#: a base that is a target set as written (目标任务1.6万人 is 16,000, not 15,500 to 16,500)
_SET_TARGET = re.compile(r"目标|任务")
_FIGURE_OR_BRACKET = re.compile(r"[（(][^（）()]*[）)]|[0-9０-９][0-9０-９,，.．]*[\u4e00-\u9fff]{0,2}$")
#: 的 right before a numeral: each of the three phrases above ends so, its figure following
_DE_FIGURE = re.compile(r"的[\d零〇○一二两三四五六七八九十百千万亿]")
#: how a stated ratio is scaled from a quotient
_SCALE = {"%": 100.0, "‰": 1000.0, "倍": 1.0}
RATIO_EN = {
    "占比": "share",
    "倍数": "ratio",
    "计划完成程度": "share of the plan",
    "资产负债率": "debt-to-asset ratio",
    "营业收入利润率": "profit margin on revenue",
}


def named_rates(r: Reader) -> None:
    """抽检食品1,350批次，合格1,318批次，合格率97.8%: any X率 whose numerator is the figure named
    by X (合格…) and whose denominator is the one other figure of that kind before it."""
    t = r.text
    if t.find("率", r.lo, r.hi) < 0:
        return
    for m in named_rate_matches(t, r.lo, r.hi):
        z = r.at(m.end())
        word = m.group(1)
        if z is None or z.unit not in ("%", "‰") or z.role is not None or z.bound is not None:
            continue
        stem = word[-2:]
        if _NOT_A_SHARE.search(word) or _QUALIFIED.search(word, 0, len(word) - len(stem)):
            continue
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        cands = [n for n in r.nums(s_start, m.start()) if r.is_amount(n) and not n.approx]
        tops = [n for n in cands if stem in t[clause_start(t, n.start, r.lo) : n.start]]
        if not tops:
            continue
        y = tops[-1]
        bracketed = bracket_base(r, z)  # 上线率92.6%（参考人数1,420人）: the whole after the rate
        if bracketed is not None:
            x, head = bracketed
            if x.unit == y.unit and stem not in head and _BASE_WORDS.search(head) and x.value > 0:
                ratio(r, z, y, x, word + "率", f"{word}率")
            continue
        dens = [n for n in cands if n.unit == y.unit and n.end <= clause_start(t, y.start, r.lo)]
        if len(dens) != 1 or dens[0].value <= 0:
            continue
        x = dens[0]
        x_head = t[clause_start(t, x.start, r.lo) : x.start]
        if stem in x_head:
            continue  # both figures named by the rate: which is which is unclear
        if not _BASE_WORDS.search(x_head):
            continue  # 新增就业1.2万人 … 失业率: the figure before is not the rate's whole
        if _numerator_of_another(t, x, x_head, y.start, word):
            continue  # 出生人口3,862人，出生率7.4‰；死亡人口…，死亡率: the births are no base of deaths
        ratio(r, z, y, x, word + "率", f"{word}率")


def _numerator_of_another(text: str, x: Number, x_head: str, before: int, word: str) -> bool:
    """Whether the figure ``x`` is the numerator of another named rate that follows it before
    ``before`` (出生人口3,862人，出生率7.4‰ … 死亡率: 3,862 is the births, not the population)."""
    for m in named_rate_matches(text, x.end, before):
        other = m.group(1)
        if other != word and other[-2:] in x_head:
            return True
    return False


#: ratios named for both their figures: the ratio, the words naming its numerator and its
#: denominator (a figure named by one and not the other), in one sentence before it
_BALANCE_RATIOS = {
    "资产负债率": ("负债", "资产"),
    "营业收入利润率": ("利润", "营业收入"),
}
_BALANCE_RATIO = re.compile(r"(资产负债率|营业收入利润率)(?:为|达|达到|是)?")


def balance_ratios(r: Reader) -> None:
    """资产总额856.3亿元，负债总额512.6亿元，资产负债率59.9%: the figure named for the numerator
    over the one named for the denominator, the nearest so named before the ratio in its sentence
    (营业收入利润率: 利润 over 营业收入). Such a ratio names both its figures, so it is no share
    of the kind :func:`named_rates` reads."""
    t = r.text
    if t.find("负债率", r.lo, r.hi) < 0 and t.find("收入利润率", r.lo, r.hi) < 0:
        return
    for m in _BALANCE_RATIO.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        if z is None or z.unit != "%" or z.role is not None or z.bound is not None or z.approx:
            continue
        top, bottom = _BALANCE_RATIOS[m.group(1)]
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        cands = [n for n in r.nums(s_start, m.start()) if r.is_amount(n) and not n.approx]
        heads = [t[clause_start(t, n.start, r.lo) : n.start] for n in cands]
        ys = [n for n, h in zip(cands, heads, strict=True) if top in h and bottom not in h]
        xs = [n for n, h in zip(cands, heads, strict=True) if bottom in h and top not in h and "净" + bottom not in h]
        if ys and xs and xs[-1].value > 0 and xs[-1].group == ys[-1].group:
            ratio(r, z, ys[-1], xs[-1], m.group(1), m.group(1))


def named_rate_matches(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``_NAMED_RATE.finditer(text, lo, hi)``, the pattern searched only near each 率 (instead of
    at every Chinese character): a match is 2 to 6 Chinese characters, the first 率 after them,
    then a verb of at most :data:`NAMED_RATE_SUFFIX_MAX` characters, so it starts 2 to 6
    characters before a 率, and the first 率 a match can end at is the one the leftmost does."""
    pos = lo
    p = text.find("率", lo, hi)
    while p >= 0:
        start = max(pos, p - 6)
        if start <= p - 2:
            m = _NAMED_RATE.search(text, start, min(hi, p + 1 + NAMED_RATE_SUFFIX_MAX))
            if m is not None and m.start() <= p - 2:  # one that ends at a later 率 is found there
                yield m
                pos = m.end()
        p = text.find("率", p + 1, hi)


def ratio_phrases(r: Reader) -> None:
    """占全年计划投资3.2亿元的41.5%, 是上年3.1亿元的1.2倍, 相当于…的X%: the part (the nearest
    amount before) over the base named in the phrase; 为计划的112% over the figure called 计划."""
    t = r.text
    weighted = t.find("比重", r.lo, r.hi) >= 0 or t.find("比例", r.lo, r.hi) >= 0  # 占…(的)比重为61.0%
    if not weighted and not _DE_FIGURE.search(t, r.lo, r.hi):  # every other phrase: 的 before its figure
        return
    shares = _SHARE_OF.finditer(t, r.lo, r.hi) if t.find("占", r.lo, r.hi) >= 0 else ()
    for m in shares:
        _phrase(r, m, "占比")
    for m in _TIMES_OF.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        _phrase(r, m, "倍数" if z is not None and z.unit == "倍" else "占比")
    # _PLAN_WORDS, written out (a generator over three words costs more than the searches)
    planned = t.find("计划", r.lo, r.hi) >= 0 or t.find("预算", r.lo, r.hi) >= 0 or t.find("任务", r.lo, r.hi) >= 0
    done = r.lo  # where the completion stated before ends: a plan and its outturn come after it
    for m in _PLAN_SHARE.finditer(t, r.lo, r.hi) if planned else ():
        z = r.at(m.end())
        if z is None or z.unit != "%" or z.role is not None or z.bound is not None:
            continue
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        # 计划投资126.50亿元，完成138.27亿元，完成年度计划的109.3%；计划投资95.00亿元，…的112.4%
        cands = [n for n in r.nums(max(s_start, done), m.start()) if r.is_amount(n) and not n.approx]
        done = z.end
        if not cands:
            continue
        y = cands[-1]
        named = re.search("计划|预算|任务", m.group(0))
        word = named.group(0) if named else "计划"
        plans = [n for n in cands[:-1] if n.unit == y.unit and word in t[clause_start(t, n.start, r.lo) : n.start]]
        if len(plans) != 1 or plans[0].value <= 0 or word in t[clause_start(t, y.start, r.lo) : y.start]:
            continue
        ratio(r, z, y, plans[0], "计划完成程度", "完成计划的比例")


def _phrase(r: Reader, m: re.Match, what: str) -> None:
    t = r.text
    z = r.at(m.end())
    if z is None or z.unit not in _SCALE or z.role is not None or z.bound is not None:
        return
    if (what == "倍数") != (z.unit == "倍"):
        return  # 占…的2倍 is not a share, 是…的40% is read as one
    bases = [n for n in r.nums(m.start("base"), m.end("base")) if n.quantity]
    named = None
    if not bases and what == "占比":
        bracketed = bracket_base(r, z)  # 占全区常住人口的比重为24.3%（常住人口53.2万人）
        if bracketed is not None and _names_match(m.group("base"), bracketed[1]):
            bases = [bracketed[0]]
        else:
            named = _named_before(r, m.group("base"), m.start())  # 占一般公共预算收入的82%: stated before
            bases = [named] if named is not None else []
    if len(bases) != 1 or bases[0].approx or bases[0].value <= 0:
        return
    x = bases[0]
    parts = [n for n in r.nums(clause_before(t, m.start(), r.lo), m.start()) if r.is_amount(n) and n.group == x.group]
    if not parts and what == "占比":  # 农村公路占全市公路通车里程的81.6%: the part's figure stated before
        named_part = _named_before(r, t[clause_start(t, m.start(), r.lo) : m.start()], m.start())
        if named_part is not None and named_part.group == x.group:
            parts, named = [named_part], named or named_part
    if not parts or parts[-1].approx or parts[-1] is x:
        return
    found = len(r.issues)
    part = parts[-1]
    if what == "占比" and _PLANNED.search(_FIGURE_OR_BRACKET.sub("", m.group("base"))):
        what = "计划完成程度"  # 为年度计划的106.8%, 完成年度目标任务4,000套的106.5%
        part = _whole_before_list(r, part, m.start())
    target = what == "计划完成程度" and _SET_TARGET.search(m.group("base")) is not None
    ratio(r, z, part, x, what, "完成计划的比例" if what == "计划完成程度" else what, target)
    if named is not None and len(r.issues) > found:
        r.issues[-1].certain = False  # the whole found by its name: likely the one meant, not surely


def _whole_before_list(r: Reader, part: Number, before: int) -> Number:
    """What a plan's completion after a list of parts measures: the whole the list breaks down
    (完成造林3.65万亩，其中人工造林1.12万亩、封山育林1.86万亩、退化林修复0.67万亩，完成年度计划3.5万亩的
    104.3%: 3.65万亩, not the last part), when two parts or more follow 其中; else ``part``."""
    t = r.text
    s_start, _ = sentence_bounds(t, before, r.lo, r.hi)
    q = t.rfind("其中", s_start, part.start)
    if q < 0:
        return part
    listed = [n for n in r.nums(q, before) if r.is_amount(n) and n.group == part.group]
    wholes = [n for n in r.nums(s_start, q) if r.is_amount(n) and n.group == part.group and not n.approx]
    return wholes[-1] if len(listed) >= 2 and wholes else part


#: a whole named in a share phrase without its figure: at least this many characters
NAMED_BASE_MIN = 3
#: names of a base that is each item's own (its budget, plan, target, last year's figure)
_OWN_BASE = re.compile(
    r"^(?:年度|全年|本级)?(?:预算|计划|任务|目标|指标)(?:数|额|总额|总数|任务)?$|^(?:上年|去年|同期|年初)"
)


#: the words a whole in brackets after a share may open with before its figure (（常住人口为53.2万人）)
_BRACKET_VERB = re.compile(r"(?:为|是|共|共计|合计|总计|达|：|:)$")
#: the most characters a bracket holding a share's whole may hold
BRACKET_MAX = 24


def bracket_base(r: Reader, z: Number) -> tuple[Number, str] | None:
    """The whole a share or rate ``z`` states in brackets right after it (上线率92.6%（参考人数1,420人）):
    the bracket's one figure, which ends it, and the words before that figure; None when the
    bracket holds anything else (上年为88.7%, 不含…, two figures)."""
    t = r.text
    at = z.end
    if at >= r.hi or t[at] not in "（(":
        return None
    close = t.find("）" if t[at] == "（" else ")", at + 1, min(r.hi, at + BRACKET_MAX + 2))
    if close < 0:
        return None
    inside = [n for n in r.nums(at + 1, close) if n.role is None]
    if len(inside) != 1 or not inside[0].quantity or inside[0].approx or inside[0].end != close:
        return None
    x = inside[0]
    head = _BRACKET_VERB.sub("", t[at + 1 : x.num_start])
    if not head or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
        return None
    return x, head


def _names_match(whole: str, head: str) -> bool:
    """Whether the whole a share phrase names (全区常住人口) is the one a bracket after it gives a
    figure for (常住人口): one name ends the other, once 全区/全市 … is taken off, two characters or more."""
    whole = _PLACE_WIDE.sub("", whole.strip())
    head = _PLACE_WIDE.sub("", head)
    return min(len(whole), len(head)) >= 2 and (whole.endswith(head) or head.endswith(whole))


_PLACE_WIDE = re.compile(r"^(?:全区|全市|全县|全省|全年|本年|当年)")


def _named_before(r: Reader, name: str, before: int) -> Number | None:
    """The figure stated earlier in the paragraph for the whole a share names without a figure
    (占一般公共预算收入的82.0% → 全区一般公共预算收入68.5亿元): the nearest amount whose wording in its
    clause ends with that name (or that name with 全区…, 全年… before it), None when there is none."""
    t = r.text
    name = _PLACE_WIDE.sub("", name.strip())
    if len(name) < NAMED_BASE_MIN or not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z]+", name):
        return None
    if _OWN_BASE.search(name):
        return None  # 占预算数的96.99%: each item's own budget, not the whole's stated before
    for n in reversed(r.nums(r.lo, before)):
        if not r.is_amount(n) or n.approx:
            continue
        if _names(t, n, r.lo, name):
            return n
    # else in an earlier paragraph of the unit (its 概况: 规上工业增加值1523.84亿元 … 占规上工业增加值比重为52.6%)
    if r.figures is None or r.unit_start >= r.lo:
        return None
    for n in reversed(r.figures.within(r.unit_start, r.lo)):
        if is_amount(n, t, r.unit_start) and not n.approx and _names(t, n, r.unit_start, name):
            return n
    return None


def _names(t: str, n: Number, lo: int, name: str) -> bool:
    """The words before ``n`` in its clause end with ``name`` (为, 达到 … aside; 规上 is 规模以上)."""
    head = t[clause_start(t, n.start, lo) : n.start]
    head = re.sub(r"(?:为|达到|达|是|实现|完成|共计|共|合计|总计)$", "", head)
    return head.replace("规模以上", "规上").endswith(name.replace("规模以上", "规上"))


def ratio(r: Reader, z: Number, y: Number, x: Number, rate: str, label: str, target: bool = False) -> None:
    """The stated ratio ``z`` of ``y`` over ``x`` (scaled to %, ‰ or 倍), within the figures'
    precision; a ``target`` ``x`` (目标任务1.6万人) is set as written, not rounded."""
    scale = _SCALE.get(z.unit or "")
    if scale is None:
        return
    f = factor(y.unit, x.unit)
    (xlo, xhi), (ylo, yhi) = (x.value, x.value) if target and not x.approx else x.interval, y.interval
    if xlo <= 0:
        return
    clo, chi = ylo * f / xhi * scale, yhi * f / xlo * scale
    slo, shi = pct_interval(z) if z.unit != "倍" else (z.value - z.step / 2 - EPSILON, z.value + z.step + EPSILON)
    ok = chi >= slo and clo <= shi
    r.checked.append(("rate", f"{y.text} ÷ {x.text} → {z.text}", z.value, ok))
    if ok:
        return
    computed = y.value * f / x.value * scale
    dec = max(1, z.decimals)
    shown = f"{computed:.{dec}f}倍" if z.unit == "倍" else f"{num(computed, dec)}{z.unit}"
    formula = f"{bare(y)} ÷ {bare(x)} = {shown}"
    end = z.num_end if z.unit != "倍" else z.end
    label_en = RATIO_EN.get(rate, "rate") + f" ({rate})"
    r.issues.append(rate_issue(z, end, y, x, computed, shown, formula, label, label_en, rate))
