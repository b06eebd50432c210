"""political-formula: a fixed political formula written in a wrong variant (新时代中国特色社会主义思想
without 习近平, 高举…思想伟大旗帜, 十九届六中全会 without 党的, 四个意识 without its quotation
marks …), a long formula with a character dropped, added or swapped (习近平新时代特色社会主义思想),
a slogan after another slogan's verb (做到“两个确立”) — the table of these, with the years each
wording applies to, is yblint.text.formulae.FORMULAE — and a numbered formula whose members are
listed with one missing or another word in its place (道路自信、理论自信、制度自信、历史自信:
MEMBERS, below). A text is judged by its year (parameter ``year``, else the file name, else the
text)."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from yblint.check import Check, register_check
from yblint.errors import ConfigError
from yblint.finding import Finding
from yblint.model import Corpus, Document
from yblint.text.formulae import FORMULAE, Formula, text_year
from yblint.text.joined import in_scope, joined

SCOPE = ("prose", "list_item")  # as the whole pack: headings are left to the editor


@dataclass(frozen=True)
class MemberFormula:
    """A numbered formula whose members are fixed (“四个自信”: 道路自信、理论自信、制度自信、文化
    自信), for the listing of its members: a listing that holds three or more of them, or stands
    next to the formula's name, is the formula, and a member missing or put in another's place
    is a fault. ``item``: a regular expression of one item of such a listing, a member or a word
    of the same make (历史自信); ``members`` in their order, ``a|b`` where a year allows either;
    ``companions``: what may be listed beside the members without being one (党的建设 after the
    five constructions); ``history``: a listing after this in its sentence is the formula of an
    earlier year, told as history (党的十八大提出道路自信、理论自信、制度自信)."""

    id: str
    title: str
    members: tuple[str, ...]
    item: str
    names: str
    first_year: int | None
    last_year: int | None
    source: str
    members_en: str
    companions: tuple[str, ...] = ()
    history: str | None = None
    #: all members but one listed with none in its place may be a part told on its own (全面深化
    #: 改革、全面依法治国、全面从严治党: the three strategic measures of the four comprehensives)
    parts: bool = False

    def applies(self, year: int | None) -> bool:
        """As :meth:`Formula.applies`: a text whose year is unknown is held to no changing formula."""
        if year is None:
            return self.first_year is None and self.last_year is None
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    @functools.cached_property
    def item_re(self) -> regex.Pattern:
        """An item before a separator, or after one and a verb (a word that is no member is an
        item only there)."""
        return regex.compile(rf"(?:{self.item})(?=[、，和与及以])|(?<=[、，和与及]\p{{Han}}{{0,4}})(?:{self.item})")

    @functools.cached_property
    def words(self) -> dict[str, int]:
        """Each way of writing a member, with the member's index."""
        return {w: i for i, m in enumerate(self.members) for w in m.split("|")}

    @functools.cached_property
    def words_re(self) -> regex.Pattern:
        return regex.compile("|".join(sorted(self.words, key=len, reverse=True)))

    def member_of(self, word: str) -> int | None:
        """The index of the member ``word`` is, or None."""
        return self.words.get(word)

    def wording(self, i: int) -> str:
        """Member ``i`` as a message gives it (a|b: a（或b）)."""
        first, *others = self.members[i].split("|")
        return first + "".join(f"（或{o}）" for o in others)

    @property
    def listing(self) -> str:
        return "、".join(self.wording(i) for i in range(len(self.members)))


def _four_comprehensives(first: str, first_year: int, last_year: int | None) -> MemberFormula:
    """The four comprehensives, whose first member is the goal of the years (全面建成小康社会 until
    2020, 全面建设社会主义现代化国家 from the Fifth Plenum of 2020; either in 2020–2021)."""
    return MemberFormula(
        id="four-comprehensives-members",
        title="“四个全面”战略布局",
        members=(first, "全面深化改革", "全面依法治国", "全面从严治党"),
        item=r"全面(?:建成小康社会|建设小康社会|建[设成]社会主义现代化(?:强国|国家)|\p{Han}{4})",
        names=r"四个全面",
        first_year=first_year,
        last_year=last_year,
        source="习近平在江苏调研时的讲话（2014年12月）；党的十九届五中全会（2020）起为“全面建设社会主义现代化国家”",
        members_en="the four comprehensives: building a modern socialist country (until 2020: a moderately "
        "prosperous society), deepening reform, the rule of law, strict Party governance",
        history=r"十八大|十三五|过去五年|五年来|回顾",
        parts=True,
    )


MEMBERS: tuple[MemberFormula, ...] = (
    MemberFormula(
        id="four-confidences-members",
        title="“四个自信”",
        members=("道路自信", "理论自信", "制度自信", "文化自信"),
        item=r"\p{Han}{2}自信",
        names=r"四个自信",
        first_year=2017,
        last_year=None,
        source="习近平在庆祝中国共产党成立95周年大会上的讲话（2016）；党的十九大、二十大报告",
        members_en="the four confidences: in the path, the theory, the system and the culture",
        history=r"十八大",
    ),
    MemberFormula(
        id="four-consciousness-members",
        title="“四个意识”",
        members=("政治意识", "大局意识", "核心意识", "看齐意识"),
        item=r"\p{Han}{2}意识",
        names=r"四个意识",
        first_year=2016,
        last_year=None,
        source="中央政治局会议（2016年1月）；党的十八届六中全会公报（2016）；《中国共产党章程》",
        members_en="the four consciousnesses: political integrity, the big picture, the core, alignment",
    ),
    _four_comprehensives("全面建成小康社会", 2015, 2019),
    _four_comprehensives("全面建成小康社会|全面建设社会主义现代化国家", 2020, 2021),
    _four_comprehensives("全面建设社会主义现代化国家", 2022, None),
    MemberFormula(
        id="five-in-one-members",
        title="“五位一体”总体布局",
        members=("经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设"),
        item=r"(?:生态文明|\p{Han}{2})建设",
        names=r"五位一体",
        first_year=2013,
        last_year=None,
        source="党的十八大报告（2012）",
        members_en="the five-sphere plan: economic, political, cultural, social and ecological progress",
        companions=("党的建设",),
        history=r"十[六七]大",
    ),
    MemberFormula(
        id="new-development-philosophy-members",
        title="新发展理念",
        members=("创新", "协调", "绿色", "开放", "共享"),
        item=r"\p{Han}{2}",
        names=r"新发展理念|五大发展理念",  # not 发展理念 alone: 创新、协调发展理念 is a part
        first_year=2016,
        last_year=None,
        source="党的十八届五中全会公报（2015）；党的十九大、二十大报告",
        members_en="the new development philosophy: innovative, coordinated, green, open and shared development",
    ),
    MemberFormula(
        id="three-new-members",
        title="“三新”",
        members=("新发展阶段", "新发展理念", "新发展格局"),
        item=r"新发展\p{Han}{2}",
        names=r"三新",
        first_year=2021,
        last_year=None,
        source="习近平在省部级主要领导干部学习贯彻党的十九届五中全会精神专题研讨班上的讲话（2021年1月）",
        members_en="the three new: the new stage of development, the new development philosophy, "
        "the new pattern of development",
    ),
    MemberFormula(
        id="four-greats-members",
        title="“四个伟大”",
        members=("伟大斗争", "伟大工程", "伟大事业", "伟大梦想"),
        item=r"伟大\p{Han}{2}",
        names=r"四个伟大",
        first_year=2018,
        last_year=None,
        source="党的十九大报告（2017）",
        members_en="the four greats: the great struggle, project, cause and dream",
    ),
)


def formula_hits(doc: Document, year: int | None) -> Iterator[tuple[int, int, Formula, Any]]:
    """(start, end, formula, match) of every variant in ``doc``; where matches overlap, the
    leftmost, then the longest, then the formula listed first wins. The patterns are searched
    once in the document's paragraphs joined (none crosses a line break), else paragraph by
    paragraph."""
    formulae = [(order, f) for order, f in enumerate(FORMULAE) if f.applies(year)]
    scope = joined(doc, SCOPE)
    if scope is None:
        found = [hit for para in in_scope(doc, SCOPE) for hit in _hits(para.text, para.start, formulae)]
    else:
        found = []
        for start, neg, order, f, m in _hits(scope.text, 0, formulae):
            i = scope.index(start)
            found.append((scope.paragraphs[i].start + start - scope.starts[i], neg, order, f, m))
    found.sort(key=lambda t: t[:3])
    last = -1
    for start, neg, _order, f, m in found:
        if start < last:
            continue
        last = start - neg
        yield start, last, f, m


def _hits(text: str, offset: int, formulae: list[tuple[int, Formula]]) -> list[tuple[int, int, int, Formula, Any]]:
    """(offset + start, -length, order, formula, match) of every match of a variant in ``text``
    that no match of the formula's exceptions holds."""
    found = []
    for order, f in formulae:
        matches = [m for pat in f.compiled for m in pat.finditer(text)]
        if not matches:
            continue
        spans = [(m.start(), m.end()) for e in f.compiled_exceptions for m in e.finditer(text)]
        for m in matches:
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            found.append((offset + m.start(), -(m.end() - m.start()), order, f, m))
    return found


# --- listings of a formula's members ------------------------------------------------------

#: what stands between two items of a listing: 、 or ， (and, or) 和/与/及/以及, then up to four
#: characters of a verb (立足新发展阶段，贯彻新发展理念) — only before a member
_SEP = regex.compile(r"(?:[、，]|[、，]?(?:以及|和|与|及))(\p{Han}{0,4})")
#: what may follow a word that is not a member for it to be an item (全面推进乡村振兴 is not 全面推进乡村)
_END = regex.compile(r"\P{Han}|以及|和|与|及|的|等|$")
#: the mark that ends the sentence before a listing (its clause told as history starts after it),
#: searched back from the listing: the paragraph is not read from its start for each listing
_SENTENCE_END = regex.compile(r"[。！？；\n]", flags=regex.REVERSE)


class FormulaHit(NamedTuple):
    """A finding of the rule before it is one: where, what is wrong, and what to say."""

    start: int
    end: int
    order: int  # which of overlapping hits wins: the leftmost, the longest, then the lowest order
    formula: str
    text: str
    canonical: str  # the table's canonical form (the finding's data)
    key: str  # the message
    replacement: str | None
    args: dict[str, dict[str, Any]]  # the message's fields by language (zh, en)


def _named(f: MemberFormula, text: str, start: int, end: int) -> bool:
    """Does the listing ``text[start:end]`` stand next to the formula's name: “四个自信”即道路自信、…,
    …、共享的新发展理念, …生态文明建设“五位一体”总体布局?"""
    before = regex.search(
        rf"(?:{f.names})[”’\"」]?(?:[（(：:]|，?(?:即|就是|包括))[“‘\"「]?$", text[max(0, start - 16) : start]
    )
    after = regex.match(rf"[”’\"」]?[）)]?(?:的|等)?[“‘\"「]?(?:{f.names})", text[end : end + 16])
    return before is not None or after is not None


def _listings(f: MemberFormula, text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Each listing in ``text`` of two or more items of ``f``'s make: (start, end, word) of each.
    A word that is no member is an item only before a break (全面推进乡村振兴 is not 全面推进乡村),
    and after a verb only where the listing is one of verbs: after 、, or after ， where every
    item so far had its verb (立足新发展阶段，贯彻新发展理念，构建…; not 社会建设，为夺取全面建设…)."""
    found = {(m.start(), m.end(), m.group()) for m in f.words_re.finditer(text)}
    for m in f.item_re.finditer(text, overlapped=True):
        if m.group() not in f.words and _END.match(text, m.end()):
            found.add((m.start(), m.end(), m.group()))
    items = sorted(found)
    starts = [c[0] for c in items]
    done = 0
    for first in items:
        if first[0] < done or not _SEP.match(text, first[1]):
            continue
        run, verbs = [first], True
        while True:
            pos, nxt = run[-1][1], None
            for c in items[bisect.bisect_left(starts, pos) : bisect.bisect_right(starts, pos + 6)]:
                gap = _SEP.fullmatch(text, pos, c[0])
                if gap and (
                    not gap.group(1) or c[2] in f.words or "、" in text[pos : gap.start(1)] or (verbs and len(run) > 1)
                ):
                    nxt = c
                    verbs = verbs and bool(gap.group(1))
                    break
            if nxt is None:
                break
            run.append(nxt)
        if len(run) > 1:
            done = run[-1][1]
            yield run


def _member_hits(f: MemberFormula, text: str, offset: int) -> Iterator[FormulaHit]:
    """The listings of ``f`` in ``text`` with a member missing or another word in its place."""
    n = len(f.members)
    for run in _listings(f, text):
        seen: set[int] = set()
        extras = []
        for item in run:
            i = f.member_of(item[2])
            if i is None or i in seen:
                if item[2] not in f.companions:
                    extras.append(item)
            else:
                seen.add(i)
        missing = [i for i in range(n) if i not in seen]
        if not missing:
            order = [i for _, _, w in run if w not in f.companions and (i := f.member_of(w)) is not None]
            if not extras and order != sorted(order):
                yield _order_hit(f, text, run, offset)
            continue
        start, end = run[0][0], run[-1][1]
        named = _named(f, text, start, end)
        if extras:
            ok = (named and len(seen) >= 2) or (len(seen) >= n - 1 and (len(seen) >= 3 or len(run) == n))
        else:
            ok = (named and len(seen) >= 2) or (len(seen) == n - 1 >= 3 and not f.parts)
        mark = _SENTENCE_END.search(text, 0, start)
        told = text[mark.end() if mark else 0 : start]  # its sentence up to the listing
        if not ok or (f.history and regex.search(f.history, told)):
            continue
        words = [f.wording(i) for i in missing]
        named_zh, named_en = "或".join(f"“{w}”" for w in words), " or ".join(f"“{w}”" for w in words)
        one = words[0].split("（", 1)[0] if len(missing) == 1 else None
        common = {"title": f.title, "source": f.source}
        args = {
            "zh": {**common, "note": f.listing, "canonical": named_zh},
            "en": {**common, "note": f"{f.members_en} ({f.listing})", "canonical": named_en},
        }
        if extras:
            for s, e, word in extras:
                replace = one if len(extras) == 1 else None
                yield FormulaHit(offset + s, offset + e, -1, f.id, word, f.listing, "member", replace, args)
            continue
        listed = text[start:end]
        plain = listed == "、".join(w for _, _, w in run)  # 、 alone between the items: the fix is mechanical
        fixed = "、".join(
            next((w for _, _, w in run if f.member_of(w) == i), f.wording(i).split("（")[0]) for i in range(n)
        )
        yield FormulaHit(
            offset + start, offset + end, -1, f.id, listed, f.listing, "missing", fixed if plain else None, args
        )


def _order_hit(f: MemberFormula, text: str, run: list[tuple[int, int, str]], offset: int) -> FormulaHit:
    """Every member of ``f`` listed, in another order than the fixed one (政治意识、大局意识、看齐意识、
    核心意识): the listing in the fixed order, a fix where 、 alone stands between the items."""
    start, end = run[0][0], run[-1][1]
    listed = text[start:end]
    by_member = {f.member_of(w): w for _, _, w in run}
    fixed = "、".join(by_member[i] for i in range(len(f.members)))
    plain = listed == "、".join(w for _, _, w in run)
    common = {"title": f.title, "source": f.source}
    args = {
        "zh": {**common, "note": f.listing, "canonical": fixed},
        "en": {**common, "note": f"{f.members_en} ({f.listing})", "canonical": fixed},
    }
    return FormulaHit(
        offset + start, offset + end, -1, f.id, listed, f.listing, "order", fixed if plain else None, args
    )


#: plenary sessions of one Central Committee listed together: 二十届二中、三中全会
_SESSIONS = regex.compile(
    r"(?P<term>[一二三四五六七八九十]+届)(?P<list>(?:[一二三四五六七八九]中[、和及与]){1,8}[一二三四五六七八九]中)全会"
)
_SESSION_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
#: plenary sessions listed by their whole names: 十九届六中全会、十九届七中全会 (党的 before any)
_SESSION_NAME = r"(?:党的)?[一二三四五六七八九十]+届[一二三四五六七八九]中全会"
_SESSION_NAMES = regex.compile(rf"{_SESSION_NAME}(?:[、和及与]{_SESSION_NAME}){{1,8}}")
_ONE_SESSION = regex.compile(r"(?:党的)?([一二三四五六七八九十]+)届([一二三四五六七八九])中全会")


def _term(numeral: str) -> int:
    """十九 → 19, 二十 → 20, 二十一 → 21, 八 → 8: a Central Committee's term."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return _SESSION_NUMBER.get(numeral, 0)
    return (_SESSION_NUMBER.get(tens, 0) if tens else 1) * 10 + (_SESSION_NUMBER.get(units, 0) if units else 0)


def session_hits(doc: Document) -> list[FormulaHit]:
    """Plenary sessions of one Central Committee listed out of their order (党的二十大和二十届三中、
    二中、四中全会精神): the order they were held in."""
    out: list[FormulaHit] = []
    text = doc.text
    if "中全会" not in text:
        return out
    for m in _SESSIONS.finditer(text):
        items = regex.findall(r"[一二三四五六七八九]中", m["list"])
        numbers = [_SESSION_NUMBER[x[0]] for x in items]
        if numbers == sorted(numbers) or len(set(numbers)) != len(numbers):
            continue
        fixed = "、".join(sorted(items, key=lambda x: _SESSION_NUMBER[x[0]]))
        listed = m["list"]
        common = {"title": f"{m['term']}全会", "source": "党的全会按召开先后排列"}
        args = {
            "zh": {**common, "note": "按召开先后", "canonical": fixed},
            "en": {**common, "note": "in the order they were held", "canonical": fixed},
        }
        start = m.start("list")
        plain = listed == "、".join(items)
        out.append(
            FormulaHit(
                start, start + len(listed), -1, "plenary-order", listed, fixed, "order", fixed if plain else None, args
            )
        )
    listed_names: list[regex.Match] = []
    at = text.find("中全会")
    while at >= 0:  # a listing of whole names has a name followed by 、和及与: searched only there
        if text[at + 3 : at + 4] in ("、", "和", "及", "与"):
            found = _SESSION_NAMES.search(text, max(0, at - 12), at + 200)
            if found is not None and (not listed_names or found.start() >= listed_names[-1].end()):
                listed_names.append(found)
        at = text.find("中全会", at + 3)
    for m in listed_names:  # 十九届七中全会、十九届六中全会
        names = list(_ONE_SESSION.finditer(m.group(0)))
        keys = [(_term(x[1]), _SESSION_NUMBER[x[2]]) for x in names]
        if keys == sorted(keys) or len(set(keys)) != len(keys):
            continue
        bare = [x.group(0).removeprefix("党的") for _, x in sorted(zip(keys, names, strict=True), key=lambda kx: kx[0])]
        listed = m.group(0)
        seps = regex.findall(r"[、和及与]", listed)
        lead = "党的" if listed.startswith("党的") else ""  # 党的 stays in front of the listing
        fixed = lead + bare[0] + "".join(sep + name for sep, name in zip(seps, bare[1:], strict=True))
        common = {"title": "党的全会", "source": "党的全会按召开先后排列"}
        args = {
            "zh": {**common, "note": "按召开先后", "canonical": fixed},
            "en": {**common, "note": "in the order they were held", "canonical": fixed},
        }
        out.append(FormulaHit(m.start(), m.end(), -1, "plenary-order", listed, fixed, "order", fixed, args))
    return out


def member_hits(doc: Document, year: int | None) -> list[FormulaHit]:
    """The listings of a formula's members in ``doc`` with a member missing or misplaced, looked
    for in the paragraphs that hold two of its members, or one and its name."""
    formulae = [f for f in MEMBERS if f.applies(year)]
    paragraphs = in_scope(doc, SCOPE) if formulae else []
    starts = [p.start for p in paragraphs]
    found: list[FormulaHit] = []
    for f in formulae:
        held: dict[int, set[int]] = {}
        for m in f.words_re.finditer(doc.text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.end() <= paragraphs[i].end:
                held.setdefault(i, set()).add(f.words[m.group()])
        for i, members in held.items():
            text = paragraphs[i].text
            if len(members) >= 2 or regex.search(f.names, text):
                found.extend(_member_hits(f, text, paragraphs[i].start))
    return found


def _formula_hit(start: int, end: int, order: int, f: Formula, m: Any, year: int | None) -> FormulaHit:
    replacement = m.expand(f.replace) if f.replace else None
    text = m.group(0)
    if f.message != "default":
        key, canonical = f.message, f.canonical
    else:
        canonical = replacement or f.canonical  # 十九届五中全会 → 党的十九届五中全会
        # 四个意识 → “四个意识”: the two differ only by their quotation marks, which a message
        # that quotes the match would hide
        key = "quotes" if canonical == f"“{text}”" else "default"
    common = {"canonical": canonical, "source": f.source, "year": year if year else ""}
    args = {"zh": {**common, "note": f.note_zh}, "en": {**common, "note": f.note_en}}
    return FormulaHit(start, end, order, f.id, text, f.canonical, key, replacement, args)


def all_hits(doc: Document, year: int | None) -> list[FormulaHit]:
    """Every hit in ``doc``: the variants of the table's formulae, and the listings of members;
    where hits overlap, the leftmost, then the longest, then a listing, then the formula listed
    first wins."""
    order = {id(f): i for i, f in enumerate(FORMULAE)}
    found = [_formula_hit(s, e, order[id(f)], f, m, year) for s, e, f, m in formula_hits(doc, year)]
    found += member_hits(doc, year) + session_hits(doc)
    found.sort(key=lambda h: (h.start, h.start - h.end, h.order))
    out, last = [], -1
    for hit in found:
        if hit.start >= last:
            out.append(hit)
            last = hit.end
    return out


@register_check("political-formula")
class PoliticalFormula(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        configured = self.params["year"]
        if configured is not None and (isinstance(configured, bool) or not isinstance(configured, int)):
            raise ConfigError(f"'year' of rule '{self.rule.id}' must be a year such as 2021", self.rule.file)
        lang = "en" if self.lang == "en" else "zh"
        for doc in corpus.documents:
            year = text_year(doc.path, doc.text, configured)
            for hit in all_hits(doc, year):
                fix = None
                if hit.replacement:
                    desc = (
                        f"replace “{hit.text}” with “{hit.replacement}”"
                        if lang == "en"
                        else f"将“{hit.text}”改为“{hit.replacement}”"
                    )
                    fix = self.replace(doc, hit.start, hit.end, hit.replacement, desc)
                    fix.safe = False  # an editor confirms a change to a political formula
                yield self.finding(
                    doc,
                    hit.start,
                    hit.end,
                    message_key=hit.key,
                    fix=fix,
                    data={"match": hit.text, "formula": hit.formula, "canonical": hit.canonical, "year": year},
                    match=hit.text,
                    **{"year": year if year else "", **hit.args[lang]},
                )
