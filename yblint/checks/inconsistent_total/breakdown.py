"""breakdown: a total and its parts — 共/合计/… X，其中 a、b、c (or the next sentence opening with
其中), X，分别为 a、b、c, and a、b、c 共计 X. Parts that add up to more than the total are an error;
when the list is closed (分别为, parts listed before 共计) parts that add up to less are too. A
single part larger than its whole is reported as such. 其中 a，占 p% is checked as a share."""

from __future__ import annotations

from itertools import pairwise

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number, summable

from .balances import balance, equity
from .complete import CATCH_ALL, Completeness, digit_slip, judge, partition
from .reader import (
    Issue,
    Reader,
    bare,
    clause_end,
    clause_start,
    decimals_in,
    end_chars,
    factor,
    fmt_like,
    interval_in,
    is_average,
    may_end_word,
    num,
    pct_interval,
    scale_of,
    sentence_bounds,
    shown,
    stated_figure_issue,
    sum_interval,
)

#: characters after a part searched for 占 p% (its share of the total)
SHARE_WINDOW = 12
#: a total after its listed parts: 共计|合计|总计|总共|一共|共 right before it all end so
_LIST_TOTAL = re.compile(r"(等)?(?:共计|合计|总计|总共|一共|共)$")
_LIST_TOTAL_END = ("计共", ("",))
_LIST_TOTAL_CHARS = end_chars(*_LIST_TOTAL_END)


_QIZHONG = re.compile("其中")
_RESPECTIVELY = re.compile("分别(?:为|是)")


def check(r: Reader) -> None:
    t = r.text
    seen_totals: set[int] = set()
    # each pattern's first word looked for by str.find, much faster than the pattern's search
    for m in _QIZHONG.finditer(t, r.lo, r.hi) if t.find("其中", r.lo, r.hi) >= 0 else ():
        if r.quoted(m.start()):
            continue
        if t.startswith("其中之一", m.start()):
            continue
        _breakdown_qizhong(r, m.start(), m.end(), seen_totals)
    for m in _RESPECTIVELY.finditer(t, r.lo, r.hi) if t.find("分别", r.lo, r.hi) >= 0 else ():
        _breakdown_respectively(r, m.start(), m.end(), seen_totals)
    _parts_before_total(r, seen_totals)
    _sum_after_list(r, seen_totals)
    balance(r)
    equity(r)
    _parts_in_next_sentence(r, seen_totals)


def _total_before(r: Reader, pos: int, parts_pool: list[Number]) -> tuple[Number, list[Number]] | None:
    """The total a breakdown at ``pos`` refers to: the nearest amount before ``pos`` in the
    same sentence (or the sentence before, when 其中 opens one) whose unit the parts share.
    When the sentence holds other amounts of that kind (销售收入100亿元，利润20亿元，其中…),
    其中 could refer to either: only a figure marked as the total (共/合计/总…) is taken."""
    t = r.text
    end = pos
    while end > r.lo and t[end - 1] in "，,；;。：: ":
        end -= 1
    if end <= r.lo:
        return None
    s_start, _ = sentence_bounds(t, end - 1, r.lo, r.hi)
    # figures in brackets are asides (…下降25.0%（2021年为12起）): no total, and no rival to one
    region = [n for n in r.nums(s_start, end) if r.is_amount(n) and not _bracketed(t, s_start, n.start)]
    for total in reversed(region):
        parts = [p for p in parts_pool if summable(total.unit, p.unit)]
        if not parts:
            continue
        kin = [n for n in region if summable(total.unit, n.unit) or summable(n.unit, total.unit)]
        if len(kin) > 1:
            marked = [n for n in kin if r.marked_total(n)]
            if len(marked) != 1:
                return None
            total = marked[0]
            parts = [p for p in parts_pool if summable(total.unit, p.unit)]
        return (total, parts) if parts else None
    # no amount the parts could be part of: an average they break down (人均可支配收入X元，其中
    # 工资性收入…), when it is the one average of their kind there
    means = [n for n in r.nums(s_start, end) if is_average(n, t, r.lo)]
    kin_means = [n for n in means if any(summable(n.unit, p.unit) for p in parts_pool)]
    if len(kin_means) == 1 and not kin_means[0].approx:
        total = kin_means[0]
        parts = [p for p in parts_pool if summable(total.unit, p.unit)]
        return total, parts
    return None


def _breakdown_qizhong(r: Reader, qs: int, qe: int, seen: set[int]) -> None:
    t = r.text
    _, s_end = sentence_bounds(t, qe, r.lo, r.hi)
    # the breakdown runs to the end of the sentence, or to the next 其中 / 另 / 此外
    stop = s_end
    nxt = re.compile(r"其中|另有|另外|此外|同时|以及").search(t, qe, s_end)
    if nxt:
        stop = nxt.start()
    if _RESPECTIVELY.search(t, qe, clause_end(t, qe, stop)):
        return  # 其中新开工、续建项目分别为112个、168个: read with 分别为 (_breakdown_respectively)
    # figures in brackets inside an item (一般事故30起（含轻伤事故12起）) are not parts
    pool = [n for n in r.nums(qe, stop) if r.is_amount(n) and not _bracketed(t, qe, n.start)]
    # parts after a plain 其中 stop at the first clause that names no amount
    if not pool:
        return
    if _parallel_measures(r, qs, qe, pool, seen):
        return
    found = _total_before(r, qs, pool)
    if not found:
        return
    total, parts = found
    if total.start in seen:
        return
    parallel = _parallel_parts(r, parts, qe, stop)
    if parallel is None:
        return
    parts = parallel
    leads = [_item_lead(t, p, qe) for p in parts]
    if len(parts) > 1 and not partition(leads) and _overlapping(leads):
        return  # 女党员700名，大专以上学历党员800名: kinds that overlap, not a partition
    if _nested(t, parts, leads):
        return  # 一般公共预算收入…；税收收入…，占一般公共预算收入的90.8%: a part of a part
    distinct = {(p.num_start) for p in parts}
    if len(distinct) != len(parts):
        return
    if is_average(total, t, r.lo) and not _components(t, total, parts, leads, r.lo):
        return
    seen.add(total.start)
    # 其中男性…、女性…: the two sexes are a partition, so parts over the total are definite
    sexes = len(parts) == 2 and _sexes(leads)
    head = t[sentence_bounds(t, total.start, r.lo, r.hi)[0] : qs]
    tail = t[parts[-1].end : clause_end(t, parts[-1].end, stop)]
    complete = judge(leads, head, tail, _shares_total(r, parts), len(parts) > 1 and _slipped(total, parts))
    _compare(r, total, parts, closed=False, how="男女" if sexes else "其中", complete=complete)
    _share_of_parts(r, total, parts)


#: the names of groups of people or places: a list of them after an average is its groups'
#: averages (城镇居民…、农村居民…), which do not add up to it
_POPULATION = re.compile(
    r"居民|城镇|城市|城区|农村|乡村|职工|人员|男|女|学生|老人|儿童|街道|镇|乡|村|社区|地区|省|市|县|区"
)


def _components(text: str, total: Number, parts: list[Number], leads: list[str], lo: int) -> bool:
    """Whether the parts after an average total (人均可支配收入65,820元，其中工资性收入…) are its
    components, which add up to it, rather than the averages of groups (其中城镇居民…、农村居民…),
    which do not: every part below the total, none named for a group of people or places, and
    one at least named with the total's last two characters (收入, 垃圾)."""
    f = [factor(p.unit, total.unit) for p in parts]
    if any(p.value * k >= total.value for p, k in zip(parts, f, strict=True)):
        return False
    if any(_POPULATION.search(lead) for lead in leads):
        return False
    noun = text[clause_start(text, total.start, lo) : total.start].rstrip("为达是了")[-2:]
    return len(noun) == 2 and any(lead.endswith(noun) for lead in leads)


def _parallel_parts(r: Reader, parts: list[Number], qe: int, stop: int) -> list[Number] | None:
    """The parts a plain 其中 lists: every amount in the first clause that has one (joined by
    、/和), then one amount in each later clause of the same sentence as long as it is worded
    like the first part (残疾人津贴…发放金额合计944.11万元；…发放金额合计692.69万元). A later
    clause worded differently starts a new topic and ends the list."""
    t = r.text
    semi = re.compile("[；;]").search(t, qe, stop)
    if semi and parts[0].num_start > semi.start():
        return None  # no part in the 其中 clause itself: the next one is a new topic
    first_end = clause_end(t, parts[0].num_end, stop)
    first_start = clause_start(t, parts[0].num_start, qe)
    kept = [p for p in parts if p.num_start < first_end]
    for a, b in pairwise(kept):
        if not _one_item_apart(t[a.end : b.start]):
            return None
    pattern = _lead(t[first_start : kept[0].start])
    rest = [p for p in parts if p.num_start >= first_end]
    if rest and partition([_item_lead(t, p, qe) for p in (*kept, *rest)]):
        # 其中发明专利1,026件，占16.7%；实用新型专利3,652件、外观设计专利1,350件: every part named
        # for one member of a partition, whatever stands between them
        return [*kept, *rest]
    clause = None
    for p in rest:
        cs = clause_start(t, p.num_start, qe)
        if cs == clause:
            return None  # two amounts in one later clause: not a list we can read
        clause = cs
        across = bool(re.search("[；;]", t[kept[-1].end : p.start]))
        lead = _lead(t[cs : p.start])
        if CATCH_ALL.match(lead):
            kept.append(p)  # 其余为基金会33家: the rest, the last part
            break
        if not _parallel(pattern, lead, strict=across):
            break
        kept.append(p)
    return kept


def _breakdown_respectively(r: Reader, rs: int, re_: int, seen: set[int]) -> None:
    t = r.text
    _, s_end = sentence_bounds(t, re_, r.lo, r.hi)
    ce = re_
    # the list after 分别为 runs to the end of the clause, across 、 and 和
    ce = clause_end(t, re_, s_end)
    pool = [n for n in r.nums(re_, ce) if r.is_amount(n)]
    if len(pool) < 2:
        return
    # the total must be marked as one (共/合计/总…) in the clause before 分别, or end that clause
    # right before it (开发公益性岗位1268个，分别为城关镇156个、…)
    cs = clause_start(t, rs, r.lo)
    leads: list[str] | None = None
    if cs == rs:
        cs = clause_start(t, rs - 1, r.lo)
    elif t.startswith("其中", cs):
        # 286个，其中新开工、续建项目分别为112个、168个: the names before 分别, the total before 其中
        leads = [x for x in re.split(r"[、和及与]", t[cs + 2 : rs]) if x]
        if len(leads) != len(pool):
            return
        cs = clause_start(t, cs - 1, r.lo)
        rs = clause_end(t, cs, rs)
    amounts = [n for n in r.nums(cs, rs) if r.is_amount(n)]
    cands = [n for n in amounts if r.marked_total(n)]
    if not cands and amounts and not t[amounts[-1].end : rs].strip("，, "):
        cands = amounts[-1:]
    if not cands:
        return
    total = cands[-1]
    parts = [p for p in pool if summable(total.unit, p.unit)]
    if len(parts) != len(pool) or total.start in seen:
        return
    seen.add(total.start)
    if leads is None:
        _compare(r, total, parts, closed=True, how="分别为")
    else:  # 其中: a selection, unless the names make up the whole
        complete = judge(leads, "", "", _shares_total(r, parts), len(parts) > 1 and _slipped(total, parts))
        _compare(r, total, parts, closed=False, how="其中", complete=complete)


def _parts_before_total(r: Reader, seen: set[int]) -> None:
    """a个A、b个B、c个C(等)共计T: items listed with 、 (和/及 before the last) in the clause
    right before the total."""
    t = r.text
    if t.find("共", r.lo, r.hi) < 0 and t.find("计", r.lo, r.hi) < 0:
        return  # every marker of the total holds one
    for total in r.numbers:
        if t[total.start - 1 : total.start] not in _LIST_TOTAL_CHARS or total.start in seen:
            continue
        if not may_end_word(t, total.start, *_LIST_TOTAL_END):
            continue  # 共 or 计 ends every marker of the total
        if not r.is_amount(total):
            continue
        head_start = clause_start(t, total.start, r.lo)
        head = t[head_start : total.start]
        mk = _LIST_TOTAL.search(head)
        if not mk:
            continue
        parts = [n for n in r.nums(head_start, total.start) if n.role is None]
        if len(parts) < 2 or not all(r.is_amount(p) and summable(total.unit, p.unit) for p in parts):
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
            prev = r.nums(clause_start(t, head_start - 1, r.lo), head_start - 1)
            closed = not any(r.is_amount(n) and summable(total.unit, n.unit) for n in prev)
        seen.add(total.start)
        _compare(r, total, parts, closed=closed, how="共计")


def _compare(
    r: Reader, total: Number, parts: list[Number], closed: bool, how: str, complete: Completeness | None = None
) -> None:
    lo, hi = sum_interval([interval_in(p, total.unit) for p in parts])
    tlo, thi = interval_in(total, total.unit)
    # the sum is shown at the scale the parts share (3500人 + 1200人 = 4700人), else the total's
    scales = {scale_of(p) for p in parts}
    like = parts[0] if len(scales) == 1 and all(p.unit == total.unit for p in parts) else total
    scale, _ = scale_of(like)
    dec = max([decimals_in(total, scale), *(decimals_in(p, scale) for p in parts)])
    computed = sum(p.value * factor(p.unit, total.unit) for p in parts)
    parts_text = " + ".join(shown(p) for p in parts)
    data = {
        "check": "breakdown",
        "stated": total.value,
        "computed": round(computed, 6),
        "unit": total.unit,
        "total": total.text,
        "parts": [p.text for p in parts],
        "formula": f"{parts_text} = {fmt_like(computed, like, dec)}",
        "closed": closed,
    }
    args = {
        "total": total.text,
        "parts": parts_text,
        "sum": fmt_like(computed, like, dec),
        "n": len(parts),
        "how": how,
    }
    related = [(p.num_start, p.end) for p in parts]
    anchor = (total.num_start, total.end if total.unit != "%" else total.num_end)
    short = closed or complete is not None
    r.checked.append(("breakdown", str(data["formula"]), total.value, not (lo > thi or (short and hi < tlo))))
    if len(parts) == 1 and lo > thi:
        r.issues.append(Issue("breakdown", "part_over", anchor, args, data | {"check": "part"}, related))
    elif lo > thi:
        # after a plain 其中 the parts may overlap (女职工…, 党员…): likely, not definite, unless
        # the list reads as a partition of the whole
        soft = not closed and how == "其中" and complete is None
        key = "sum_over_overlap" if soft else "sum_over"
        r.issues.append(Issue("breakdown", key, anchor, args, data, related, certain=not soft))
    elif closed and hi < tlo:
        r.issues.append(Issue("breakdown", "sum_under", anchor, args, data, related))
    elif complete is not None and hi < tlo:
        args |= {"why": complete.why, "why_en": complete.why_en}
        data |= {"complete": complete.why_en, "certain": complete.certain}
        r.issues.append(Issue("breakdown", "sum_under_complete", anchor, args, data, related, complete.certain))


def _share_of_parts(r: Reader, total: Number, parts: list[Number]) -> None:
    """其中 a，占 p%: p must be a ÷ total."""
    t = r.text
    for p in parts:
        after = t[p.end : p.end + SHARE_WINDOW]
        m = re.match(r"[，,]?(?:占比?|比重)(?:为|达|达到|约|约为)?", after)
        if not m:
            continue
        share = r.at(p.end + m.end(), unit="%")
        if share is None or share.role is not None or total.value <= 0:
            continue
        plo, phi = interval_in(p, total.unit)
        tlo, thi = total.interval
        if tlo <= 0:
            continue
        clo, chi = plo / thi * 100, phi / tlo * 100
        slo, shi = pct_interval(share)
        computed = p.value * factor(p.unit, total.unit) / total.value * 100
        r.checked.append(("share", f"{p.text} ÷ {total.text}", share.value, not (chi < slo or clo > shi)))
        if chi < slo or clo > shi:
            dec = max(1, share.decimals)
            formula = f"{p.text} ÷ {total.text} = {num(computed, dec)}%"
            shown = f"{num(computed, dec)}%"
            r.issues.append(
                stated_figure_issue(
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


_SUM_HEAD = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:合计|共计|总计|总数|总额|总共|一共)(?:为|是|达|达到)?$")
#: words before 合计 that name the scope of a sum, not a measure (全年合计, 两项合计)
_SUM_SCOPE = frozenset(
    ("全年", "本年", "全部", "全区", "全市", "全县", "全省", "以上", "上述", "各项", "两项", "三项", "四项", "五项")
)
#: how every match of _SUM_HEAD ends: a word's last character, then a suffix
_SUM_HEAD_END = ("计数额共", ("", "为", "是", "达", "达到"))
_SUM_HEAD_CHARS = end_chars(*_SUM_HEAD_END)


def _sum_after_list(r: Reader, seen: set[int]) -> None:
    """分别为a、b、c和d，合计X; 本年收入X，上年结转Y，收入合计Z: a clause that opens with 合计
    (收入合计, 两项合计, 总数 …) and holds one figure sums the figures of the clauses before it in
    its sentence. Such a list is closed."""
    t = r.text
    if t.find("计", r.lo, r.hi) < 0 and t.find("总", r.lo, r.hi) < 0 and t.find("共", r.lo, r.hi) < 0:
        return  # every word of _SUM_HEAD holds one
    for total in r.numbers:
        if t[total.start - 1 : total.start] not in _SUM_HEAD_CHARS or total.start in seen or total.approx:
            continue
        if not may_end_word(t, total.start, *_SUM_HEAD_END):
            continue
        if not r.is_amount(total):
            continue
        cs = clause_start(t, total.start, r.lo)
        head = t[cs : total.start]
        if not _SUM_HEAD.match(head) or cs == r.lo or t[cs - 1] not in "，,":
            continue
        s_start, _ = sentence_bounds(t, total.start, r.lo, r.hi)
        semi = max(t.rfind("；", s_start, cs), t.rfind(";", s_start, cs))
        s_start = max(s_start, semi + 1)
        before = [n for n in r.nums(s_start, cs) if n.quantity]
        parts = [n for n in before if r.is_amount(n) and summable(total.unit, n.unit)]
        if len(parts) < 2 or len(parts) != len([n for n in before if n.group == total.group]):
            continue
        if any(p.approx for p in parts) or re.search(r"其中|等", t[s_start:cs]):
            continue  # a 其中 list or an open one inside: not the list the 合计 sums
        noun = re.sub(r"(?:合计|共计|总计|总数|总额|总共|一共).*$", "", head)[-2:]
        named = [t[clause_start(t, p.start, r.lo) : p.start] for p in parts]
        kinds = all(x.endswith(noun[-1:]) for x in named)  # 金牌、银牌、铜牌，奖牌总数: kinds of 牌
        if noun and noun not in _SUM_SCOPE and not any(noun in x for x in named) and not kinds:
            continue  # 支出总数 after figures of 收入: another measure, not their sum
        seen.add(total.start)
        _compare(r, total, parts, closed=True, how="合计")


_NEXT_LEAD = re.compile(r"的$")


#: what separates clauses: a comma or semicolon, but no comma of a figure's thousands (1,630户)
_CLAUSE_SEP = re.compile(r"[，；;]|(?<![0-9]),|,(?![0-9]{3}(?![0-9]))")
#: a sentence that opens by saying how the whole before it is classified (按案件类别分，从行业看：)
_BY_KIND = re.compile(r"(?:按|从)[\u4e00-\u9fff]{1,8}(?:分|划分|看|统计)[，,：:]")


def _parts_in_next_sentence(r: Reader, seen: set[int]) -> None:
    """全年共检查企业860家。责令整改的512家，立案查处的236家，未发现问题的102家。: a total marked
    as one (共/合计 …) ending its sentence, and a next sentence made only of clauses that each
    name one part of it (…的N家, or names that partition the whole); or a next sentence that opens
    by naming the classification (立案查处各类违法案件312件，罚没款486.5万元。按案件类别分，食品类128件，
    …其他85件。), after the last figure of its kind in the sentence before, marked as a total or not."""
    t = r.text
    marked = t.find("共", r.lo, r.hi) >= 0 or t.find("计", r.lo, r.hi) >= 0 or t.find("总", r.lo, r.hi) >= 0
    by_kinds = (
        {m.start() for m in _BY_KIND.finditer(t, r.lo, r.hi)}
        if t.find("按", r.lo, r.hi) >= 0 or t.find("从", r.lo, r.hi) >= 0
        else set()
    )
    if not marked and not by_kinds:
        return  # a total is marked with one of TOTAL_MARK_CHARS, a classification opens with 按 or 从
    # each sentence's quantities by unit group, sorted once (a sentence of a thousand figures
    # was read again for each of them)
    groups: dict[tuple[int, int], dict[str | None, list[Number]]] = {}
    for total in r.numbers:
        if total.start in seen or total.approx or not r.is_amount(total):
            continue
        if not by_kinds and not r.marked_total(total):
            continue
        s_start, s_end = sentence_bounds(t, total.start, r.lo, r.hi)
        if s_end >= r.hi or t[s_end] != "。":
            continue
        by_group = groups.get((s_start, s_end))
        if by_group is None:
            by_group = groups[(s_start, s_end)] = {}
            for n in r.nums(s_start, s_end):
                if n.quantity:
                    by_group.setdefault(n.group, []).append(n)
        same = by_group.get(total.group, [])
        if same[-1:] != [total]:
            continue
        n_start = s_end + 1
        _, n_end = sentence_bounds(t, n_start, r.lo, r.hi)
        if t.startswith("其中", n_start):
            continue  # read as a 其中 breakdown
        by_kind = _BY_KIND.match(t, n_start, n_end) if n_start in by_kinds else None
        if not r.marked_total(total) and (by_kind is None or len(same) > 1):
            continue  # unmarked: the one figure of its kind before the classification (受理400件，办结380件: which?)
        p_start = by_kind.end() if by_kind else n_start
        clauses = _CLAUSE_SEP.split(t[p_start:n_end])
        parts: list[Number] = []
        pos = p_start
        for c in clauses:
            nums = [n for n in r.nums(pos, pos + len(c)) if n.quantity]
            pos += len(c) + 1
            if len(nums) != 1 or not r.is_amount(nums[0]) or not summable(total.unit, nums[0].unit):
                parts = []
                break
            parts.append(nums[0])
        if len(parts) < 2:
            continue
        leads = [_item_lead(t, p, p_start) for p in parts]
        if by_kind is None and not (all(_NEXT_LEAD.search(x) for x in leads) or partition(leads)):
            continue
        seen.add(total.start)
        complete = judge(leads, "", t[parts[-1].end : n_end], _shares_total(r, parts), _slipped(total, parts))
        _compare(r, total, parts, closed=False, how="其中", complete=complete)


def _bracketed(text: str, lo: int, pos: int) -> bool:
    """Is ``pos`` inside brackets opened after ``lo``?"""
    seg = text[lo:pos]
    return seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")")


def _one_item_apart(gap: str) -> bool:
    """Two figures of consecutive items: one 、 (or 和/及/与) between them outside brackets, or
    more when the later item names several things with 等 (火灾、爆炸等其他事故11起)."""
    plain = re.sub(r"[（(][^（()）]*[）)]", "", gap)
    seps = plain.count("、") + len(re.findall("和|及(?!以[上下])|与", plain))
    return seps == 1 or (seps > 1 and "等" in plain)


def _shares_total(r: Reader, parts: list[Number]) -> float | None:
    """The sum of the shares stated after the parts (其中A 30万元，占30%), if every part has one."""
    total = 0.0
    for p in parts:
        m = re.match(r"[，,、]?(?:占比?|比重)(?:为|达|约)?", r.text[p.end : p.end + SHARE_WINDOW])
        share = r.at(p.end + m.end()) if m else None
        if share is None or share.unit != "%" or share.approx:
            return None
        total += share.value
    return total


def _slipped(total: Number, parts: list[Number]) -> bool:
    """The parts' sum differs from the total by a digit slip, at the total's written precision."""
    if total.approx or any(p.approx for p in parts):
        return False
    scale, _ = scale_of(total)
    computed = sum(p.value * factor(p.unit, total.unit) for p in parts) / scale * 10**total.decimals
    if abs(computed - round(computed)) > 1e-6 or any(p.step * factor(p.unit, total.unit) > total.step for p in parts):
        return False
    stated = round(total.value / scale * 10**total.decimals)
    return digit_slip(str(stated), str(round(computed)))


def _parallel_measures(r: Reader, qs: int, qe: int, pool: list[Number], seen: set[int]) -> bool:
    """停车场48个、泊位5,630个，其中商业区16个、2,140个，居住区21个、2,380个…: each item gives
    one figure per measure of the total clause. When one measure adds up, the list is all of the
    whole, so a measure that does not is an error."""
    t = r.text
    end = qs
    while end > r.lo and t[end - 1] in "，,；;：: ":
        end -= 1
    # one item a clause: 商业区16个、2,140个，… or 公办机构12家、床位2,100张，…
    by_clause: dict[int, list[Number]] = {}
    for n in pool:
        by_clause.setdefault(clause_start(t, n.start, qe), []).append(n)
    items = list(by_clause.values())
    k = len(items[0]) if items else 0
    if k < 2 or len(items) < 2 or any(len(i) != k for i in items):
        return False
    # the totals: the last k amounts of the sentence before 其中 (养老机构36家，床位5,200张)
    s_start, _ = sentence_bounds(t, max(r.lo, end - 1), r.lo, r.hi)
    totals = [n for n in r.nums(s_start, end) if r.is_amount(n)][-k:]
    if len(totals) != k or any(n.start in seen for n in totals):
        return False
    if not all(summable(totals[j].unit, it[j].unit) for it in items for j in range(k)):
        return False
    sums = [sum_interval([interval_in(it[j], totals[j].unit) for it in items]) for j in range(k)]
    agree = [not (lo > totals[j].interval[1] or hi < totals[j].interval[0]) for j, (lo, hi) in enumerate(sums)]
    if not any(agree):
        return False
    for j in range(k):
        seen.add(totals[j].start)
        if agree[j]:
            r.checked.append(
                ("breakdown", f"{'、'.join(bare(it[j]) for it in items)} → {bare(totals[j])}", totals[j].value, True)
            )
            continue
        other = next(i for i in range(k) if agree[i])
        why = f"各分项的{_measure(t, totals[other], r.lo)}之和与合计相符，所列分项应为全部"
        why_en = f"the same items' {bare(totals[other])} adds up, so the list is complete"
        _compare(r, totals[j], [it[j] for it in items], False, "并列", Completeness(True, why, why_en))
    return True


def _measure(text: str, n: Number, lo: int) -> str:
    """The name of a measure: the words before its figure in its list item (泊位, 停车场)."""
    return _item_lead(text, n, lo).lstrip("全区市县共计现有") or bare(n)


# --- counted lists --------------------------------------------------------------------


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


#: a part's share of another part stated right after it (税收收入142.3亿元，占一般公共预算收入的…)
_SHARE_OF_PART = re.compile(r"[，,、]?(?:占|为)(?P<base>[^，,；;。的]{2,16})的")


def _nested(text: str, parts: list[Number], leads: list[str]) -> bool:
    """Whether a part is stated as a share of another part (其中，一般公共预算收入156.8亿元；税收收入
    142.3亿元，占一般公共预算收入的比重为90.8%): it is part of that part, and the parts do not add up
    to the total."""
    for i, p in enumerate(parts):
        m = _SHARE_OF_PART.match(text, p.end, p.end + 2 * SHARE_WINDOW)
        if m is None:
            continue
        base = re.sub(r"^(?:全区|全市|全县|全年|本年)", "", m.group("base"))
        if len(base) >= 3 and any(j != i and leads[j].endswith(base) for j in range(len(parts))):
            return True
    return False


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
