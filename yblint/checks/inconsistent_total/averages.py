"""averages and ratios of counts, part of the rate check: an average per item or per head
(平均每期42人次, 户均补贴3.1万元), a rate per thousand of the population (每千人口执业医师6.4人),
and ratios named for both their figures (师生比1∶14.1, 性别比97.3, 存贷比81.4%)."""

from __future__ import annotations

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.numbers import Number

from .rate import bracket_base, rate_issue
from .reader import EPSILON, Reader, bare, clause_start, factor, fmt_like, num, sentence_bounds


def _unit(n: Number) -> str | None:
    return n.unit


def _unit_plain(n: Number) -> tuple[str | None, bool]:
    """A figure's unit, and whether it is a count without 万 or 亿 (multiplier 1)."""
    return n.unit, n.multiplier == 1


def _group(n: Number) -> str | None:
    return n.group


def _two_sentences(r: Reader, pos: int) -> int:
    """Where the sentence before the one at ``pos`` starts (the sentence's own start when it is
    the paragraph's first): an average's figures are stated in its sentence or the one before."""
    s_start, _ = sentence_bounds(r.text, pos, r.lo, r.hi)
    if s_start > r.lo:
        s_start, _ = sentence_bounds(r.text, s_start - 1, r.lo, r.hi)
    return s_start


def check(r: Reader) -> None:
    per_capita(r)
    per_item(r)
    pair_ratios(r)
    per_mu_yield(r)
    per_day(r)


_PER = re.compile(
    r"每(?P<per>十万|万|千|百)(?P<who>人|户|名|常住人口|人口)(?:拥有|有|配备|平均)?"
    r"(?P<what>(?:[\u4e00-\u9fff]|（[\u4e00-\u9fff]{1,4}）){1,10}?)(?=[0-9０-９])"
)
_PER_SCALE = {"百": 100.0, "千": 1000.0, "万": 1e4, "十万": 1e5}
_POPULATION = re.compile(r"人口|户籍|常住|居民|户数|总户")


#: the words every match of _PER_ITEM holds: a paragraph without any is not searched
PER_ITEM_WORDS = ("平均每", "户均", "人均", "亩均")
_PER_ITEM = re.compile(
    r"(?:平均每(?P<per>人次|户次|[个场期次户家所名批项座间台辆条处人])|(?P<head>[户人亩])均)"
    r"(?P<what>[\u4e00-\u9fff]{0,6}?)(?=[0-9０-９])"
)


#: how far an average written with 约 (约240亩) may stand from what its figures give
APPROX_SLACK = 0.1
#: the units a count of what an average is per may be written in (人均 over 1,250名职工)
_PER_UNITS = {"人": ("人", "名"), "名": ("名", "人")}


#: a period before an average makes it another period's (月人均, 日均 is no average of the year)
_PERIODS = set("月日周季")
#: an average that is a standard or a level set (人均补助标准, 户均限额), not what the figures give
_STANDARD = re.compile(r"标准|限额|上限|下限|起点|门槛")


def per_item(r: Reader) -> None:
    """举办培训班86期，培训3,820人次，平均每期42人次 (发放补贴1.2亿元，惠及3,860户，户均3.1万元;
    工业用地4820亩，实现税收9.86亿元，亩均税收20.5万元):
    the one figure of the average's unit over the one counted in the unit it is per (期, 户),
    in its sentence and the one before. A count in 万 (常住人口53.2万人) is no such count: an
    average over a population (人均生产总值) is worked out on the year's mean population."""
    t = r.text
    if all(t.find(w, r.lo, r.hi) < 0 for w in PER_ITEM_WORDS):
        return
    for m in _PER_ITEM.finditer(t, r.lo, r.hi):
        per = m.group("per") or m.group("head")
        if t[m.start() - 1 : m.start()] in _PERIODS or _STANDARD.search(m.group("what")):
            continue  # 月人均 (a month's), 人均补助标准 (a standard, not what was paid over the year)
        z = r.at(m.end()) or r.at(m.end() - 1)  # …流转约240亩: the figure may start at its 约
        if z is None or not z.quantity or z.role or z.unit == per:
            continue
        units = _PER_UNITS.get(per, (per,))
        # its own sentence first: the one before may state other sums of its unit (慰问资金326.4万元
        # …。全年帮扶1,240人，发放帮扶资金186.2万元，人均帮扶1,650元)
        by_unit = r.amounts("unit", _unit)
        by_count = r.amounts("unit, plain", _unit_plain)
        for s_start in dict.fromkeys((sentence_bounds(t, m.start(), r.lo, r.hi)[0], _two_sentences(r, m.start()))):
            tops = by_unit.first(s_start, m.start(), z.unit)
            counts = [n for u in dict.fromkeys(units) for n in by_count.first(s_start, m.start(), (u, True))]
            if len(tops) == 1 and len(counts) == 1:
                break
        if len(tops) != 1 or len(counts) != 1 or counts[0].value <= 0:
            continue
        y, x = tops[0], counts[0]
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        if xlo <= 0:
            continue
        clo, chi = ylo / xhi, yhi / xlo
        zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step + EPSILON  # rounded or cut off
        if z.approx:  # 约240亩: as near as 约 allows
            zlo, zhi = min(zlo, z.value * (1 - APPROX_SLACK)), max(zhi, z.value * (1 + APPROX_SLACK))
        ok = chi >= zlo and clo <= zhi
        r.checked.append(("rate", f"{y.text} ÷ {x.text}: {z.text}", z.value, ok))
        if ok:
            continue
        computed = y.value / x.value
        shown = fmt_like(computed, z, max(1, z.decimals))  # 3.1万元, as the average is written
        formula = f"{bare(y)} ÷ {bare(x)} = {shown}"
        label = m.group(0).rstrip("约近逾")
        issue = rate_issue(z, z.end, y, x, computed, shown, formula, label, f"average per {per}")
        issue.certain = not z.approx  # 约: likely wrong, not certainly
        r.issues.append(issue)


def per_capita(r: Reader) -> None:
    """常住人口103.2万人，执业医师3,560人，每万人拥有执业医师34.5人: the figure named (执业医师)
    over the population, scaled to 每万人 (每千人, 每十万人)."""
    t = r.text
    if t.find("每", r.lo, r.hi) < 0:
        return
    for m in _PER.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        if z is None or not z.quantity or z.approx or z.role:
            continue
        s_start = _two_sentences(r, m.start())
        cands = [n for n in r.nums(s_start, m.start()) if r.is_amount(n) and not n.approx]
        what = m.group("what")[-2:]
        tops = [n for n in cands if n.unit == z.unit and what in t[clause_start(t, n.start, r.lo) : n.start]]
        pops = [
            n
            for n in cands
            if n.group in ("person", "household") and _POPULATION.search(t[clause_start(t, n.start, r.lo) : n.start])
        ]
        if not pops:  # 每千人口执业医师6.4人（常住人口53.2万人）: the population after, in brackets
            bracketed = bracket_base(r, z)
            if bracketed is not None and bracketed[0].group == "person" and _POPULATION.search(bracketed[1]):
                pops = [bracketed[0]]
        if len(tops) != 1 or len(pops) != 1 or pops[0].value <= 0 or tops[0] is pops[0]:
            continue
        y, x = tops[0], pops[0]
        scale = _PER_SCALE[m.group("per")]
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        if xlo <= 0:
            continue
        clo, chi = ylo / xhi * scale, yhi / xlo * scale
        zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step + EPSILON
        ok = chi >= zlo and clo <= zhi
        r.checked.append(("rate", f"{y.text} ÷ {x.text} × {m.group('per')}: {z.text}", z.value, ok))
        if ok:
            continue
        computed = y.value / x.value * scale
        shown = f"{num(computed, max(1, z.decimals))}{z.unit}"
        formula = f"{bare(y)} ÷ {bare(x)} × {num(scale, 0)} = {shown}"
        label = m.group(0)
        label_en = f"rate per {num(scale, 0)} ({label})"
        r.issues.append(rate_issue(z, z.end, y, x, computed, shown, formula, label, label_en))


#: ratios of two figures named for both (师生比: students per teacher, written 1∶x; 生师比 x∶1;
#: 性别比: men per hundred women; 存贷比: loans per hundred of deposits, in %): the words naming
#: each figure, how the ratio is written, the kind of figure both are, its name in English
_PAIR_RATIOS = {
    "师生比": ("教师", "学生|在校生", "1:x", "person", "teacher-student ratio"),
    "生师比": ("学生|在校生", "教师", "x:1", "person", "student-teacher ratio"),
    "性别比": ("男", "女", "x", "person", "sex ratio"),
    "存贷比": ("贷款", "存款", "%", "money", "loan-to-deposit ratio"),
    "债务率": ("债务余额", "综合财力", "%", "money", "debt ratio"),
}
#: ratios whose two figures are named so plainly that they are looked for in the whole paragraph
#: before them (年末政府债务余额…。…。按当年综合财力…计算，政府债务率为112.7%)
_PARAGRAPH_WIDE = frozenset({"债务率"})
_PAIR_RATIO = re.compile(
    r"(?P<name>师生比|生师比|性别比|存贷比|债务率)(?:例)?(?:为|是|达|约为)?"
    r"(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<pct>[%％])?(?:\s*[∶:：]\s*(?P<b>[0-9]+(?:\.[0-9]+)?))?"
)


def pair_ratios(r: Reader) -> None:
    """在校学生8.62万人，专任教师6,120人，师生比1∶14.1 (性别比102.8, 生师比14.1∶1, 存贷比85.2%):
    the ratio of the one figure named for each side, in its sentence and the one before (男性25.82万人、
    女性26.54万人), at the precision of the stated ratio."""
    t = r.text
    if all(t.find(w, r.lo, r.hi) < 0 for w in ("师比", "师生比", "性别比", "存贷比", "债务率")):
        return
    done = r.lo  # where the ratio stated before ends: 小学…师生比为1∶16.8；初中…师生比为1∶13.5
    for m in _PAIR_RATIO.finditer(t, r.lo, r.hi):
        after, done = done, m.end()
        top_words, bottom_words, form, group, label_en = _PAIR_RATIOS[m.group("name")]
        if form in ("x", "%"):
            if m.group("b") is not None or (m.group("pct") is not None) != (form == "%"):
                continue
            at = m.start("a")
        else:
            one, at = ("a", m.start("b")) if form == "1:x" else ("b", m.start("a"))
            if m.group("b") is None or m.group(one) != "1":
                continue
        z = next((n for n in r.nums(at, m.end()) if n.num_start == at), None)
        if z is None or z.approx:
            continue
        s_start = r.lo if m.group("name") in _PARAGRAPH_WIDE else max(_two_sentences(r, m.start()), after)
        cands = [
            n
            for n in r.nums(s_start, m.start())
            if r.is_amount(n) and not n.approx and (n.group or "").split(":")[0] == group
        ]
        heads = [_item_head(t, n.start, r.lo) for n in cands]
        tops = [n for n, h in zip(cands, heads, strict=True) if _names_only(h, top_words, bottom_words)]
        bottoms = [n for n, h in zip(cands, heads, strict=True) if _names_only(h, bottom_words, top_words)]
        if len(tops) != 1 or len(bottoms) != 1 or bottoms[0].value <= 0 or tops[0].value <= 0:
            continue
        top, bottom = tops[0], bottoms[0]
        # 师生比 1∶x and 生师比 x∶1 are both students per teacher; 性别比, men per 100 women;
        # 存贷比, loans per 100 of deposits
        y, x = (bottom, top) if form == "1:x" else (top, bottom)
        scale = 100.0 if form in ("x", "%") else 1.0
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        clo, chi = ylo / xhi * scale, yhi / xlo * scale
        zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step / 2 + EPSILON
        ok = chi >= zlo and clo <= zhi
        name = m.group("name")
        r.checked.append(("rate", f"{y.text} ÷ {x.text}: {name} {z.text}", z.value, ok))
        if ok:
            continue
        computed = y.value / x.value * scale
        shown = num(computed, max(1, z.decimals)) + ("%" if form == "%" else "")
        formula = (
            f"{bare(y)} ÷ {bare(x)}" + (" × 100%" if form == "%" else " × 100" if scale != 1.0 else "") + f" = {shown}"
        )
        r.issues.append(rate_issue(z, z.end, y, x, computed, shown, formula, name, f"{label_en} ({name})"))


def _names_only(head: str, words: str, others: str) -> bool:
    return re.search(words, head) is not None and re.search(others, head) is None


#: what ends the words naming an item of a list (男性25.82万人、女性26.54万人)
_ITEM_MARKS = "，,；;。、：:（("


def _item_head(text: str, at: int, lo: int) -> str:
    """The words before the figure at ``at`` back to the mark that opens its clause or list item."""
    i = at
    while i > lo and text[i - 1] not in _ITEM_MARKS:
        i -= 1
    return text[i:at]


_YIELD = re.compile(r"(?:平均)?亩产(?:量)?(?:为|达|达到)?(?=[0-9０-９])")


def per_mu_yield(r: Reader) -> None:
    """粮食播种面积12.6万亩，总产量5.8万吨，平均亩产460公斤: the one weight over the one area in its
    sentence and the one before, per 亩, in the unit the yield is written in."""
    t = r.text
    if t.find("亩产", r.lo, r.hi) < 0:
        return
    for m in _YIELD.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        if z is None or z.group != "mass" or z.approx or z.role:
            continue
        s_start = _two_sentences(r, m.start())
        by_group = r.amounts("group", _group)
        masses, areas = by_group.first(s_start, m.start(), "mass"), by_group.first(s_start, m.start(), "area")
        if len(masses) != 1 or len(areas) != 1 or areas[0].value <= 0:
            continue
        y, x = masses[0], areas[0]
        fy, fx = factor(y.unit, z.unit), factor(x.unit, "亩")
        (xlo, xhi), (ylo, yhi) = x.interval, y.interval
        if xlo <= 0:
            continue
        clo, chi = ylo * fy / (xhi * fx), yhi * fy / (xlo * fx)
        zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step / 2 + EPSILON
        ok = chi >= zlo and clo <= zhi
        r.checked.append(("rate", f"{y.text} ÷ {x.text}: 亩产 {z.text}", z.value, ok))
        if ok:
            continue
        computed = y.value * fy / (x.value * fx)
        shown = fmt_like(computed, z, z.decimals)
        formula = f"{bare(y)} ÷ {bare(x)} = {shown}"
        r.issues.append(rate_issue(z, z.end, y, x, computed, shown, formula, "亩产", "yield per mu (亩产)"))


_DAILY = re.compile(r"(?:日均|平均每[天日])(?:[\u4e00-\u9fff]{0,6}?)(?=[0-9０-９])")
#: the year a paragraph names for its figures (2024年，全区…): the days of that year divide them
_YEAR_NAMED = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(?![0-9]|底|末|初|[1-9]月|度?目标)")


def per_day(r: Reader) -> None:
    """2024年，全区清运生活垃圾26.84万吨，日均733.3吨: the year's one total of the unit of the daily
    average, in its sentence, over the days of the year the paragraph names before it (366 in a
    leap year); only when the paragraph names one year and the sentence no other period."""
    t = r.text
    if t.find("日均", r.lo, r.hi) < 0 and t.find("平均每", r.lo, r.hi) < 0:
        return
    for m in _DAILY.finditer(t, r.lo, r.hi):
        z = r.at(m.end())
        if z is None or not z.quantity or z.approx or z.role or z.unit == "%":
            continue
        s_start, _ = sentence_bounds(t, m.start(), r.lo, r.hi)
        years = {int(y) for y in _YEAR_NAMED.findall(t, r.lo, m.start())}
        if len(years) != 1 or re.search(r"[0-9０-９]+[个]?月|季度|半年|期间|以来", t[s_start : m.start()]):
            continue  # no year or several, or a part of a year (1—9月, 上半年, 汛期期间)
        cands = r.amounts("unit", _unit).first(s_start, m.start(), z.unit)
        if len(cands) != 1 or cands[0].value <= 0:
            continue
        (year,) = years
        days = 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365
        y = cands[0]
        ylo, yhi = y.interval
        zlo, zhi = z.value - z.step / 2 - EPSILON, z.value + z.step / 2 + EPSILON
        ok = yhi / days >= zlo and ylo / days <= zhi
        r.checked.append(("rate", f"{y.text} ÷ {days}: {z.text}", z.value, ok))
        if ok:
            continue
        computed = y.value / days
        shown = fmt_like(computed, z, max(1, z.decimals))
        formula = f"{bare(y)} ÷ {days}天（{year}年）= {shown}"
        label = m.group(0)
        r.issues.append(
            rate_issue(z, z.end, y, f"{year}年的{days}天", computed, shown, formula, label, f"daily average ({label})")
        )
