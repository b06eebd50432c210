"""Numbers as Chinese official text writes them, found in running text with their spans.

``find_numbers(text)`` returns every figure in ``text`` as a :class:`Number`: Arabic figures
(``1430``, ``4008.9``, ``1,234``, full-width ``１２３``) with 万/亿/千 multipliers (``3.8万``,
``1.2亿``, ``4千余``), Chinese numerals (``一百二十``, ``十五``, ``两``, ``三十二万``, ``百分之五``),
percentages (``%`` ``％`` ``个百分点``), the qualifiers that make a figure approximate or a bound
(约 近 余 多 超 以上 左右 不到 …) and the unit that follows (万元 → 元 ×10⁴, 平方米, 亩, 人次 …).

Every Number keeps the precision it was written with, so arithmetic on it can allow exactly the
rounding the text implies: :attr:`Number.interval` is the range of true values the text admits.
Units that measure the same thing convert (:func:`convert`: 亿元 ↔ 万元 ↔ 元, 平方米 ↔ 亩 ↔ 公顷);
units that do not are never mixed (:func:`summable`: 人 and 人次 are not).

cn2an (0.5.24) was considered and not used: it raises on 十余, 近200, 超百亿, 106万余 and cannot
report spans, so the numeral grammar is implemented here (and cross-checked against
``cn2an.an2cn`` in the tests).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

from yblint import lazyre as re  # patterns compiled on first use (#14)

__all__ = [
    "GENERIC_COUNTS",
    "UNITS",
    "MeasureUnit",
    "Number",
    "chinese_to_int",
    "convert",
    "find_numbers",
    "parse_numeral",
    "summable",
    "unit_info",
]

# --------------------------------------------------------------------------------------------
# Units


@dataclass(frozen=True)
class MeasureUnit:
    """What a unit measures. ``group`` names the quantity (``money``, ``area``, ``person`` …);
    ``factor`` converts the unit to the group's base unit; ``summable`` is False for units whose
    values are not added (years, dates, rates)."""

    name: str
    group: str
    factor: float = 1.0
    summable: bool = True
    count: bool = False  # a classifier for counted things (个 所 家 …): integers are exact


def _units() -> dict[str, MeasureUnit]:
    u: dict[str, MeasureUnit] = {}

    def add(names: str, group: str, factor: float = 1.0, summable: bool = True, count: bool = False) -> None:
        for n in names.split(" "):
            u[n] = MeasureUnit(n, group, factor, summable, count)

    add("元", "money:CNY")
    add("美元", "money:USD")
    add("欧元", "money:EUR")
    add("平方米 平米 ㎡", "area")
    add("平方公里 平方千米", "area", 1e6)
    add("公顷", "area", 1e4)
    add("亩", "area", 10000 / 15)
    add("立方米", "volume")
    # concentrations (PM2.5 28微克/立方米; 氨氮 0.5毫克/升): compared, never added
    add("微克/立方米", "concentration:air", summable=False)
    add("毫克/立方米", "concentration:air", 1000, summable=False)
    add("毫克/升", "concentration:water", summable=False)
    add("方", "volume:方")  # 万方 is floor area in building reports and earth volume elsewhere: kept apart
    add("米 延米", "length")
    add("公里 千米", "length", 1000)
    add("吨", "mass", 1000)
    add("千克 公斤", "mass")
    add("克", "mass", 0.001)
    add("千瓦", "power", 1000)
    add("兆瓦", "power", 1e6)
    add("千瓦时 度", "energy")
    add("人 名 位", "person", count=True)
    add("人次", "person-time", count=True)
    add("户", "household", count=True)
    add("户次", "household-time", count=True)
    add("家次", "visit", count=True)
    add("车次", "vehicle-trip", count=True)
    add("班次", "shift", count=True)
    add("架次", "flight", count=True)
    add("次", "times", count=True)
    add("个 项 所 家 条 座 处 宗 件 台 套 幢 栋 场 起 部 支 期 批 批次 类 种 例 块 间 张 篇 本", "count", count=True)
    add("辆 艘 株 棵 只 头 枚 册", "count", count=True)
    add("%", "percent", summable=False)
    add("‰", "permille", summable=False)
    add("个百分点 百分点", "pp", summable=False)
    add("倍", "times-ratio", summable=False)
    add("成", "tenths", summable=False)
    for t in re.findall(r"\S+", "年 月 日 天 号 时 小时 分钟 分 秒 周 周年 个月 岁 届 级 星 代 版 楼 层 路 站"):
        add(t, "other:" + t, summable=False)
    return u


#: every unit the parser recognises after a figure, by name
UNITS: dict[str, MeasureUnit] = _units()
#: a unit after a figure; full-width ％ too, since figures are read in the text as written
_UNIT_RE = re.compile("|".join(sorted((re.escape(k) for k in [*UNITS, "％"]), key=len, reverse=True)))
#: unit spellings and their names in :data:`UNITS`
_UNIT_ALIASES = {"平米": "平方米", "㎡": "平方米", "百分点": "个百分点", "％": "%"}
GENERIC_COUNTS = frozenset({"个", "项"})


def unit_info(unit: str | None) -> MeasureUnit | None:
    """The :class:`MeasureUnit` of a unit name (``"元"``, ``"人次"`` …), or None."""
    return UNITS.get(unit) if unit else None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` between units of one group (亩 → 公顷 …); ValueError if they differ."""
    a, b = UNITS[from_unit], UNITS[to_unit]
    if a.group != b.group:
        raise ValueError(f"{from_unit} and {to_unit} do not measure the same thing")
    return value * a.factor / b.factor


def summable(total_unit: str | None, part_unit: str | None) -> bool:
    """May a figure in ``part_unit`` be a part of a total in ``total_unit``? Same group (元 and
    美元 are not; 人 and 人次 are not), or a generic classifier total (个, 项) over counted things
    (3所学校、7条道路 … 共22个项目)."""
    a, b = unit_info(total_unit), unit_info(part_unit)
    if a is None or b is None or not a.summable or not b.summable:
        return False
    if a.group == b.group:
        return a.group != "count" or a.name == b.name or a.name in GENERIC_COUNTS
    return False


# --------------------------------------------------------------------------------------------
# Numerals

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")  # 33，212万吨 (older typesetting)
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "".join(CN_DIGITS) + "十百千万亿"


def chinese_to_int(s: str) -> int:
    """The value of a Chinese integer numeral: 一百二十 → 120, 十五 → 15, 两千 → 2000,
    三十二万 → 320000, 一亿零一 → 100000001, 一万亿 → 10¹², 百亿 → 10¹⁰; year-style digit strings
    with a zero (二〇二一 → 2021). Raises ValueError on anything else, including approximations
    by adjacent digits (四十五六, 三五), which are ranges, not one number."""
    if not s or any(c not in _CN_CHARS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if s in ("零", "〇", "○"):
        return 0
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        if not any(c in "〇○零" for c in s) or s[0] in "〇○零":
            raise ValueError(f"adjacent digits are a range, not a number: {s!r}")
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = section = small = 0
    digit: int | None = None  # pending digit
    last_small = 10**5  # place of the last 十/百/千 in this 万 group
    seen_wan = False  # a 万 in the current 亿 section
    prev = ""
    for i, c in enumerate(s):
        if c in "零〇○":
            if digit is not None or prev in ("", "零", "〇", "○"):
                raise ValueError(f"misplaced zero: {s!r}")
            prev = c
            continue
        if c in CN_DIGITS:
            if digit is not None:
                raise ValueError(f"two digits in a row: {s!r}")
            digit = CN_DIGITS[c]
            if c == "两" and i + 1 < len(s) and s[i + 1] == "十":
                raise ValueError(f"两 does not stand before 十: {s!r}")
        elif c in CN_SMALL:
            place = CN_SMALL[c]
            if place >= last_small:
                raise ValueError(f"misplaced {c}: {s!r}")
            if digit is None:
                if not (c == "十" or i == 0):
                    raise ValueError(f"{c} without a digit: {s!r}")
                digit = 1
            small += digit * place
            digit = None
            last_small = place
        elif c == "万":
            if seen_wan or (small == 0 and digit is None):
                raise ValueError(f"misplaced 万: {s!r}")
            section += (small + (digit or 0)) * 10**4
            small, digit, last_small, seen_wan = 0, None, 10**5, True
        else:  # 亿
            if section == 0 and small == 0 and digit is None and total == 0:
                raise ValueError(f"nothing before 亿: {s!r}")
            if prev == "亿":
                raise ValueError(s)
            total = (total + section + small + (digit or 0)) * 10**8
            section = small = 0
            digit, last_small, seen_wan = None, 10**5, False
        prev = c
    if prev in "零〇○":
        raise ValueError(f"trailing zero: {s!r}")
    return total + section + small + (digit or 0)


# full-width separators (４，００８．９) are read as written: the text is never translated whole
_ARABIC = r"(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?:[.．]\d+)?"
_CN_NUM = r"[零〇○一二两三四五六七八九十百千万亿]+(?:点[零〇○一二三四五六七八九]+)?"
_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8}
_MULT |= {"千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}
_MULT_RE = "万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千"
_NUMBER = re.compile(
    rf"(?P<pct>百分之)(?P<pn>{_CN_NUM})"
    rf"|(?P<ar>{_ARABIC})(?P<mult>{_MULT_RE})?"
    rf"|(?P<cn>{_CN_NUM})"
)
#: where a figure may start: every match of :data:`_NUMBER` starts with one of these characters
#: (found by a character scan, several times faster than the search), except a lone 一, 百 or 千
#: (一批, 百家, 千方百计), which is never a figure and is passed over in the scan
_NUMBER_START = re.compile(
    r"[\d零〇○一二两三四五六七八九十百千万亿]"
    r"(?:(?<![一百千])|(?=[零〇○一二两三四五六七八九十百千万亿]|点[零〇○一二三四五六七八九])|(?<=百)(?=分之))"
)
_PRE_APPROX = re.compile(
    r"(?P<q>大约|(?<![签节制合公预相契履违特邀条践赴守])约(?:为|合)?|将近|接近|(?<![附最临就靠亲])近"
    r"|超过|(?<![赶])超|逾|不到|不足|不少于|不低于|至少|突破|多达|最高|最多|高达)"
    r"(?:[为达有了]|达到)?$"
)
#: the characters a match of _PRE_APPROX can end with (it is searched for only after one)
_PRE_APPROX_LAST = frozenset("约为合近过超逾到足于少破达高多有了")
_POST_APPROX = re.compile(r"余|多|几|来")
_POST_BOUND = re.compile(r"左右|上下|以上|以下|以内|之上|多|余|开外")
LOWER = {"余", "多", "几", "来", "超过", "超", "逾", "以上", "之上", "不少于", "不低于", "至少", "突破", "开外"}
UPPER = {"近", "将近", "接近", "不到", "不足", "以下", "以内", "最高", "最多"}
ABOUT = {"约", "大约", "约为", "约合", "左右", "上下"}
# a lone 一 in these words is not a figure (一起 一批 一体 …)
_NOT_ONE = re.compile(r"一(?:起|批|道|体|样|般|些|切|直|定|致|律|流|线|手|带|系列|并|同|度|再|举|场|次|代)")


def parse_numeral(s: str) -> float:
    """The value of a numeral as written, without unit: ``4008.9``, ``1,234``, ``３．８万``,
    ``一百二十``, ``三点五``, ``1.2亿``, ``4千``, ``百分之五`` (→ 5). ValueError if it is none."""
    t = s.translate(_FULLWIDTH)
    m = _NUMBER.fullmatch(t)
    if not m:
        raise ValueError(f"not a numeral: {s!r}")
    return _value(m)[0]


def _cn_value(s: str) -> tuple[float, int]:
    """Value and decimals of a Chinese numeral with an optional 点 part."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = chinese_to_int(whole) if whole else 0
        digits = "".join(str(CN_DIGITS[c]) for c in frac)
        return float(f"{w}.{digits}"), len(digits)
    return float(chinese_to_int(s)), 0


@lru_cache(maxsize=4096)
def _cn_value_known(s: str) -> tuple[float, int] | None:
    """:func:`_cn_value`, None for what is no numeral; kept, since a text repeats its numerals."""
    try:
        return _cn_value(s)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _arabic_value(s: str) -> tuple[float, int]:
    """Value and decimals of an Arabic numeral as written (``4,008.9``, ``４，００８．９``)."""
    raw = s.translate(_FULLWIDTH).replace(",", "")
    return float(raw), len(raw.split(".")[1]) if "." in raw else 0


def _value(m: re.Match) -> tuple[float, int, float, bool]:
    """(value, decimals, multiplier, chinese) of a _NUMBER match."""
    return _value_of(*m.groups()[1:])


def _value_of(pn: str | None, ar: str | None, mult: str | None, cn: str | None) -> tuple[float, int, float, bool]:
    """(value, decimals, multiplier, chinese) of the groups of a _NUMBER match (百分之's numeral,
    the Arabic numeral and its multiplier, the Chinese numeral)."""
    if ar:
        v, d = _arabic_value(ar)
        factor = _MULT[mult] if mult else 1.0
        return v * factor, d, factor, False
    s = pn if pn is not None else cn
    known = _cn_value_known(s)
    if known is None:
        raise ValueError(f"not a Chinese numeral: {s!r}")
    return known[0], known[1], 1.0, True


def _last_place(value: float, decimals: int, multiplier: float) -> float:
    """Place value of the last non-zero digit written (6000 → 1000, 4008.9万 → 1000, 20 → 10)."""
    if value == 0:
        return multiplier * 10**-decimals
    scaled = round(abs(value) / multiplier * 10**decimals)
    place = 1
    while scaled and scaled % 10 == 0:
        scaled //= 10
        place *= 10
    return place * multiplier * 10**-decimals


@dataclass(frozen=True)
class Number:
    """A figure found in text.

    ``value`` is in ``unit`` with any 万/亿/千 multiplier applied (``4008.9万元`` → 40089000.0,
    unit ``元``); percentages keep their face value (``152.4%`` → 152.4, unit ``%``).
    ``start``/``end`` span the figure (qualifiers and unit included) in the text given to
    :func:`find_numbers`; ``num_start``/``num_end`` span the numeral with its multiplier (and
    ``%``); ``step`` is the place of the last digit written (0.1 × 10⁴ for ``4008.9万``);
    ``approx`` is the qualifier(s) as written (``"约"``, ``"余"``, ``"近"``, ``"以上"`` …) and
    ``bound`` what it means: ``"lower"`` (the true value is above), ``"upper"`` (below) or
    ``"about"``. ``role`` marks figures that are not quantities: ``"ordinal"`` (第3), ``"range"``
    (1-9月, 9～16亿), ``"expression"`` (26+2), ``"code"`` (GS0905, 5G), ``"quoted"`` (in “”《》).
    """

    text: str
    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    unit: str | None
    decimals: int
    multiplier: float
    step: float
    approx: str | None = None
    bound: str | None = None
    chinese: bool = False
    role: str | None = None

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def unit_info(self) -> MeasureUnit | None:
        return unit_info(self.unit)

    @property
    def group(self) -> str | None:
        u = self.unit_info
        return u.group if u else None

    @property
    def exact(self) -> bool:
        """True for a whole count written out without multiplier or qualifier (``70人``, ``22个``,
        ``十五个``): such a figure is not rounded. ``28万人`` and ``二十八万人`` are."""
        u = self.unit_info
        big_chinese = self.chinese and self.value >= 10000  # 二十八万人 is rounded to 万 like 28万人
        return bool(
            u and u.count and self.decimals == 0 and self.multiplier == 1 and not self.approx and not big_chinese
        )

    @property
    def quantity(self) -> bool:
        """A figure that can take part in arithmetic: has a summable unit and no special role."""
        u = self.unit_info
        return self.role is None and u is not None and u.summable

    @property
    def measure(self) -> bool:
        """A figure whose change can be worked out: a quantity, or a level that is compared but
        never added (a concentration: 28微克/立方米)."""
        u = self.unit_info
        return self.role is None and u is not None and (u.summable or u.group.startswith("concentration"))

    @cached_property
    def interval(self) -> tuple[float, float]:
        """The true values the text admits, in ``unit``: rounding of the last digit written,
        widened or opened by the qualifier (余/多 → up to the next step of the last non-zero
        digit; 以上/超 → unbounded above; 近 → up to one step below; 约/左右 → 5 % either way)."""
        v = self.value
        half = 0.0 if self.exact else self.step / 2
        place = _last_place(v, self.decimals, self.multiplier)
        if self.bound == "lower":
            hi = v + place if self.approx and self.approx[-1] in "余多几来" else math.inf
            return v - half, hi
        if self.bound == "upper":
            lo = v - place if self.approx in {"近", "将近", "接近"} else 0.0
            return min(lo, v - half), v + half
        if self.bound == "about":
            w = max(place / 2, abs(v) * 0.05, half)
            return v - w, v + w
        return v - half, v + half

    def __str__(self) -> str:
        return self.text


_QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』"}


def _quote_marks(text: str, start: int, end: int) -> list[int]:
    """Offsets of the quotation marks in ``text[start:end]``, in order: each mark found by
    ``str.find``, much faster than a regular expression's scan of a character class."""
    found: list[int] = []
    for c in "“”《》「」『』":
        i = text.find(c, start, end)
        while i >= 0:
            found.append(i)
            i = text.find(c, i + 1, end)
    found.sort()
    return found


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the outermost “…” 《…》 「…」 『…』 in ``text[start:end]`` (a line break closes all)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    last = start  # the mark before: a line break since then closes every quote still open
    for i in _quote_marks(text, start, end):
        c = text[i]
        if stack and text.find("\n", last, i) >= 0:
            stack = []
        last = i
        if c in _QUOTE_PAIRS:
            stack.append((c, i))
        elif stack and c == _QUOTE_PAIRS[stack[-1][0]]:
            _, s = stack.pop()
            if not stack:
                spans.append((s, i + 1))
    return spans


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every figure in ``text[start:end]``, in order, with spans as offsets into ``text``.

    Chinese numerals are taken only where they count or measure something (``两项``, ``三十二万人``,
    ``十五个``, ``百分之五``) or are large (``十万``, ``超百亿``), never in words (一起, 统一, 三服务,
    十佳, 万家, 十四五); a lone 一/百/千/万 is not a figure, nor is a range by adjacent digits
    (四十五六, 三五天). Figures inside “” or 《》 are returned with ``role="quoted"``.

    >>> [(n.text, n.value, n.unit, n.approx) for n in find_numbers("共计4008.9万元，其中20余家")]
    [('4008.9万元', 40089000.0, '元', None), ('20余家', 20.0, '家', '余')]
    """
    end = len(text) if end is None else end
    quoted = _quoted_spans(text, start, end)
    quoted_starts = [a for a, _ in quoted]
    out: list[Number] = []
    pos = start
    first, match = _NUMBER_START.search, _NUMBER.match
    while pos < end:
        f = first(text, pos, end)  # a figure can start only here: found by a scan of one class
        if not f:
            break
        m = match(text, f.start(), end)
        if not m:
            pos = f.end()
            continue
        pos = m.end()
        n = _make(text, m, start, end, quoted, quoted_starts)
        if n is not None:
            out.append(n)
            pos = max(pos, n.end)
    return out


_BIG_AFTER_APPROX = re.compile("万亿|亿|万")
_new_number = object.__new__
_set_fields = object.__setattr__
_bisect_right = bisect.bisect_right
#: the characters a qualifier (余 多 …), a unit (万元 → 元, ％ …) or a bound (左右 以上 …) after a
#: figure starts with: after any other, none of them is looked for
_TAIL_FIRST = frozenset("余多几来左上以之开％").union(u[0] for u in UNITS)
#: what may stand before the 至 or ～ of a range ending in a figure (3～5个, 百分之三至百分之五)
_RANGE_BEFORE = _CN_CHARS + "%％万亿"
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: the characters before and after a figure that can give it a role (a code, a range, an
#: expression): the ASCII letters (the letters str.isascii and str.isalpha both take) and marks
_ROLE_BEFORE = frozenset(_ASCII_LETTERS + "-－~～—至到" + "+＋×÷/*" + ".．")
_ROLE_AFTER = frozenset(_ASCII_LETTERS + "-－~～—" + "+＋×÷/*" + ".．")


@lru_cache(maxsize=4096)
def _chinese_step(value: float, decimals: int) -> float:
    """The step of a Chinese numeral: the place of its last digit (kept: a text repeats them)."""
    return _last_place(value, decimals, 1.0)


def _make(
    t: str, m: re.Match, lo: int, hi: int, quoted: list[tuple[int, int]], quoted_starts: list[int]
) -> Number | None:
    ns, ne = m.span()
    pct_word, pn, ar, mult_word, core = m.groups()
    pct = pct_word is not None
    chinese = ar is None
    # what follows the numeral can be a qualifier, a unit or a bound only if it starts like one
    tail = ne < hi and t[ne] in _TAIL_FIRST
    if chinese and not pct:
        if core[0] in "万亿零〇○" or (len(core) == 1 and core in "一百千"):
            return None  # 万家, 亿元, 零星, a lone 一/百/千: words, not figures
        if core[0] == "一" and _NOT_ONE.match(t, ns):
            return None
        small = len(core) <= 4 and "万" not in core and "亿" not in core  # below 10,000: 四千, 二〇二一
        if small and not (tail and (_UNIT_RE.match(t, ne, hi) or _POST_APPROX.match(t, ne, hi))):
            return None  # counting nothing (三服务, 十佳): a word, as below, known before its value
    if ar is not None:  # _value_of, written out
        value, decimals = _arabic_value(ar)
        mult = _MULT[mult_word] if mult_word else 1.0
        value *= mult
    else:
        known = _cn_value_known(core if pn is None else pn)
        if known is None:
            return None  # 四十五六, 三五 (a range by adjacent digits) or a word
        value, decimals = known
        mult = 1.0
    num_end = p = ne
    approx: list[str] = []
    unit = None
    if tail:
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
    if pct:
        unit = "%"
    elif p < hi and t[p] in _TAIL_FIRST:
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
    if p < hi and t[p] in _TAIL_FIRST:
        bm = _POST_BOUND.match(t, p, hi)
        if bm and (unit is not None or bm.group(0) not in ("多", "余")):
            approx.append(bm.group(0))
            p = bm.end()
    if chinese and unit is None and not pct and value < 10000:
        return None  # a Chinese numeral that counts nothing (三服务, 十佳): a word
    start = ns
    before = t[ns - 1] if ns > lo else ""
    if before in _PRE_APPROX_LAST and before:
        pm = _PRE_APPROX.search(t, max(lo, ns - 6), ns)
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
    after = t[num_end] if num_end < hi else ""
    if before == "第" or (chinese and unit == "期"):
        role = "ordinal"  # 第3, 二期工程
    elif before in _ROLE_BEFORE or after in _ROLE_AFTER:  # else none of the roles below
        before2 = t[ns - 2] if ns - 1 > lo else ""
        after2 = t[num_end + 1] if num_end + 1 < hi else ""
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha() and unit is None):
            role = "code"
        elif (before and before in "-－~～—至到" and (before2.isdigit() or (before2 and before2 in _RANGE_BEFORE))) or (
            after and after in "-－~～—" and (after2.isdigit() or (after2 and after2 in _CN_CHARS))
        ):
            role = "range"
        elif (before and before in "+＋×÷/*") or (after and after in "+＋×÷/*"):
            role = "expression"
        elif (before and before in ".．") or (after and after in ".．" and after2.isdigit()):
            role = "code"
    if role is None and ar is not None and len(ar) > 1 and ar[0] in "0０" and ar[1] not in ".．":
        role = "code"  # 03, 0905: a number written with a leading zero is a code
    if role is None and quoted:  # inside one of the quoted spans (disjoint, in order)?
        i = _bisect_right(quoted_starts, ns) - 1
        if i >= 0 and ns < quoted[i][1]:
            role = "quoted"
    if unit == "%":
        step = 10.0**-decimals
    elif chinese:
        step = _chinese_step(value, decimals)
    else:
        step = mult * 10.0**-decimals
    # built as Number(...) would be, without the frozen dataclass's one object.__setattr__ a field
    n = _new_number(Number)
    _set_fields(
        n,
        "__dict__",
        {
            "text": t[start:p],
            "start": start,
            "end": p,
            "num_start": ns,
            "num_end": num_end,
            "value": value,
            "unit": unit,
            "decimals": decimals,
            "multiplier": mult,
            "step": step,
            "approx": "".join(approx) or None,
            "bound": bound,
            "chinese": chinese,
            "role": role,
        },
    )
    return n
