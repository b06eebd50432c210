"""Is a list of parts all of its total? The signals a proofreader reads in the list itself.

A 其中 list is often partial (其中工业投资…: some of the investment), so parts that fall short of
their total are reported only when the text shows the list is complete:

* certain — the items' shares total 100%; a stated count of kinds (分为4类) equals the items;
  a parallel measure of the same items adds up (checked in :mod:`.breakdown`);
* likely — a catch-all item (其他, 其余, 另有 …); categories that partition the whole (城镇/农村,
  男/女, X/非X, 已/未, age bands from 以下 to 以上, 第一/第二/第三产业, A类/B类/C类, 发明/实用新型/
  外观设计专利, 一般/专项债务, 出口/进口, 税收/非税收入 …; not 小学/初中/高中, since
  pupils are also in 学前, 职高 and 特教); a gap that is one
  mistyped or two swapped digits (3,615 for 3,651);
* open — 等, 主要有, 包括, 如, 一些 …: never reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import parse_numeral

CATCH_ALL = re.compile(r"其他|其它|其余|另有|余下|剩余|剩下")
OPEN_LIST = re.compile(r"等|主要|包括|包含|比如|例如|(?<![比])如|一些|部分|若干|以及|重点|代表")
#: categories that together make up a whole: every item must name a different one of a family
PARTITIONS: list[tuple[str, list[str]]] = [
    ("城乡", ["城镇|城市|城区", "农村|乡村"]),
    ("性别", ["男", "女"]),
    ("三次产业", ["第一产业|一产", "第二产业|二产", "第三产业|三产"]),
    ("奖项等级", ["一等奖", "二等奖", "三等奖"]),
    ("职称", ["正高", "副高|(?<![正副])高级(?!中)", "中级", "初级"]),
    ("内外", ["境内|国内", "境外|国外"]),
    ("公办民办", ["公办", "民办"]),
    ("公有", ["(?<!非)公有", "非公有"]),
    ("国有", ["(?<!非)国有", "非国有"]),
    ("生产消费", ["生产资料", "消费资料"]),
    ("轻重工业", ["轻工业", "重工业"]),
    # classes named by letters (建议办理结果 A类、B类、C类): the letters run through every class
    ("字母分类", ["A类|Ａ类", "B类|Ｂ类", "C类|Ｃ类", "D类|Ｄ类"]),
    # the wholes statistics always divide so: patents by kind, government debt, trade, revenue
    ("专利类型", ["发明", "实用新型", "外观设计"]),
    ("政府债务", ["一般债", "专项债"]),
    ("进出口", ["(?<!进)出口", "进口"]),
    ("税收非税", ["(?<!非)税收", "非税"]),
    ("新开工续建", ["新开工|新建", "续建"]),
]
#: an item worded as the rest of the whole: 二级及以下, 60岁以上, 未…, 非…
_LOW_END = re.compile(r"(?:及|和)?以下|以内|不满|不足|未满")
_HIGH_END = re.compile(r"(?:及|和)?以上|及更高")
_NEGATED = re.compile(r"^(?:未(?!成年|满)|没有|无(?!人|线|障碍|公害)|不(?!同|少|断))")
_DONE_ITEM = re.compile(r"^已|完成|办结|结案")
_PENDING_ITEM = re.compile(r"^未|^正在|办理中|在办|进行中|待")
_KINDS = re.compile(
    r"(?:分为|分成|划分为|包括|共有|有)([0-9一二三四五六七八九十两]+)(?:大)?(?:类|种|个类别|个方面|个部分|档|级|个等级)"
)


def _bands(low: str, high: str) -> bool:
    """Whether ``low`` is the band below a bound and ``high`` the band above one, of one measure:
    35岁以下 and 60岁以上 (岁 both), not 35岁以下 and 大专以上学历 (an age and a schooling)."""
    a, b = _LOW_END.search(low), _HIGH_END.search(high)
    if a is None or b is None:
        return False
    return a.start() > 0 and b.start() > 0 and low[a.start() - 1] == high[b.start() - 1]


#: how far from 100 the items' stated shares may total (each rounded) and still cover the whole
SHARES_SLACK = 1.0
#: a digit slip is read only in figures with this many significant digits (3,615; not 1,200)
SLIP_DIGITS = 3


@dataclass(frozen=True)
class Completeness:
    """Why a list looks complete: ``certain`` or only likely, and the reason in both languages."""

    certain: bool
    why: str
    why_en: str


def partition(leads: list[str]) -> str | None:
    """The name of the partition the items' names make (城乡, 性别 …), or None."""
    if len(leads) < 2:
        return None
    for name, members in PARTITIONS:
        hit = []
        for lead in leads:
            which = [i for i, m in enumerate(members) if re.search(m, lead)]
            if len(which) != 1:
                break
            hit.append(which[0])
        else:
            if len(set(hit)) == len(leads) and (len(hit) == len(members) or len(hit) >= 3):
                return name
    # X / 非X
    if len(leads) == 2:
        a, b = sorted(leads, key=lambda x: x.startswith("非"))
        if b.startswith("非") and len(a) >= 2 and a == b[1:]:
            return f"{a}/非{a}"
    # age bands and grades: the first item below a bound, the last above one (or the reverse)
    if len(leads) >= 2:
        first, last = leads[0], leads[-1]
        if _bands(first, last) or _bands(last, first):
            return "区间"
        # grades down to a last band: 正高级、高级、一级、二级及以下
        if re.search(r"(?:及|和)以[上下]$", last) and len({x[-1:] for x in leads[:-1]}) == 1:
            return "等级"
    # the rest named by a negation: 整改的…、查处的…、未发现问题的…
    neg = [x for x in leads if _NEGATED.search(x)]
    if len(neg) == 1 and len(leads) >= 2:
        return "正反"
    # outcomes: done / not done
    if len(leads) >= 2 and any(_DONE_ITEM.search(x) for x in leads) and any(_PENDING_ITEM.search(x) for x in leads):
        return "办理结果"
    return None


def catch_all(leads: list[str]) -> str | None:
    for lead in leads:
        m = CATCH_ALL.search(lead)
        if m:
            return m.group(0)
    return None


#: a total named for the number of its kinds (发放两项补贴6386.4万元，其中…): the count, right before the
#: name of the total and its figure
_COUNTED_TOTAL = re.compile(r"([两三四五六七八九2-9])(?:项|类|种)([\u4e00-\u9fff]{1,8})(?=[0-9０-９])")


def stated_kinds(head: str) -> int | None:
    """分为4类, 包括三个方面, 两项补贴6386.4万元 … in the words before a list: the number of kinds
    stated."""
    found = list(_KINDS.finditer(head)) or list(_COUNTED_TOTAL.finditer(head))
    if not found:
        return None
    m = found[-1]
    try:
        return int(parse_numeral(m.group(1)))
    except ValueError:
        return None


def digit_slip(stated: str, computed: str) -> bool:
    """Do two figures (digits only, same length) differ by one mistyped digit that is not the
    last, or by two swapped neighbours (3615 / 3515, 3615 / 3651)?"""
    if len(stated) != len(computed) or len(stated.rstrip("0")) < SLIP_DIGITS or stated == computed:
        return False
    diff = [i for i, (a, b) in enumerate(zip(stated, computed, strict=True)) if a != b]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        return stated[i] == computed[i + 1] and stated[i + 1] == computed[i]
    return len(diff) == 1 and diff[0] < len(stated.rstrip("0")) - 1


def judge(leads: list[str], head: str, tail: str, shares_total: float | None, slip: bool) -> Completeness | None:
    """How complete a list of parts is, from the items' names (``leads``), the words before the
    list (``head``: 分为4类, 主要有 …), the words after its last figure (``tail``: 等), the sum of
    the items' stated shares, and whether the gap looks like a digit slip. None: maybe partial."""
    if any(OPEN_LIST.search(x) for x in [head[-6:], tail[:4], *leads]) and not catch_all(leads):
        return None
    if shares_total is not None and abs(shares_total - 100) <= SHARES_SLACK:
        return Completeness(True, "所列分项的占比合计100%", "the items' shares total 100%")
    kinds = stated_kinds(head)
    if kinds is not None and kinds == len(leads):
        return Completeness(True, f"文中说明共{kinds}类，所列正是{kinds}项", f"the text says there are {kinds} kinds")
    word = catch_all(leads)
    if word:
        return Completeness(False, f"所列分项含“{word}”，应为全部分项", f"the list has a catch-all item ({word})")
    name = partition(leads)
    if name:
        return Completeness(
            False, f"所列分项（{'、'.join(leads)}）已构成全部", f"the items ({'、'.join(leads)}) make up the whole"
        )
    if slip:
        why = "差额像是数字笔误（错一位或两位颠倒）"
        return Completeness(False, why, "the gap looks like a mistyped or swapped digit")
    return None
