"""Fixed political formulae (固定表述) of Chinese official writing: the canonical wording, the
wrong variants editors meet, the years a wording applies to, and where it is laid down.

Two users: the ``political-formula`` rule flags a variant in a text of a year the formula
covers; ``duplicate-passage`` does not report as a copy a passage made of such formulae, of
quotations, or one that a resolution restates from the report it approves (``fixed_expression``).

Years: formulae change (全面建设小康社会 until the 18th Party Congress of 2012, 全面建成小康社会
after it), so every entry carries the first and last year its canonical form is the rule, and a
text is judged by its own year (``text_year``: the rule's ``year`` parameter, else the year in
the file name, else the year the text mentions most).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.text.alternation import Alternation

if TYPE_CHECKING:
    import regex

#: characters that may stand between a formula and its quotation marks without changing it
_GAP = r"[\s\u200b\u200c\u200d\u2060\ufeff]*"


@dataclass(frozen=True)
class Formula:
    """One canonical formula. ``variants`` are regular expressions of the wrong forms; a match
    inside a match of ``exceptions`` is not a variant (historical narrative, quotations)."""

    id: str
    canonical: str
    variants: tuple[str, ...]
    first_year: int | None  # first year the canonical form is the rule (None: always)
    last_year: int | None  # last year (None: still in force)
    source: str
    note_zh: str
    note_en: str
    exceptions: tuple[str, ...] = ()
    #: the corrected text for a match (groups allowed), where the correction is mechanical
    replace: str | None = None
    #: the message the rule file gives a match: default, wording (a character dropped, added or
    #: swapped inside the formula), verb (a slogan with another slogan's verb)
    message: str = "default"

    @functools.cached_property
    def compiled(self) -> tuple[regex.Pattern, ...]:
        """The variants compiled (on first use: duplicate-passage reads the table, never these)."""
        import regex

        return tuple(regex.compile(v) for v in self.variants)

    @functools.cached_property
    def compiled_exceptions(self) -> tuple[regex.Pattern, ...]:
        import regex

        return tuple(regex.compile(v) for v in self.exceptions)

    def applies(self, year: int | None) -> bool:
        """Does the formula bind a text of ``year``? A text whose year is unknown is held only to
        the formulae that never changed (a historical text must not be judged by today's wording)."""
        if year is None:
            return self.first_year is None and self.last_year is None
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


def _quoted(word: str) -> str:
    """A numbered slogan written without its quotation marks (四个意识 → “四个意识”)."""
    return rf"(?<![“‘\"'「]{_GAP}){word}(?!{_GAP}[”’\"'」])"


def _slogan(id: str, word: str, first_year: int, source: str) -> Formula:
    """A numbered slogan (两个确立, 四个意识 …): written in quotation marks from ``first_year``."""
    return Formula(
        id=id,
        canonical=f"“{word}”",
        variants=(_quoted(word),),
        replace="“\\g<0>”",
        first_year=first_year,
        last_year=None,
        source=source,
        note_zh=f"数字概括的提法加引号：“{word}”",
        note_en=f"a numbered slogan takes quotation marks: “{word}”",
    )


def _count(
    id: str,
    wrong: str,
    word: str,
    first_year: int,
    members_zh: str,
    source: str,
    members_en: str,
    exceptions: tuple[str, ...] = (),
    after: str = "",
) -> Formula:
    """A numbered slogan written with another number or word (三个自信 for 四个自信): the
    slogan's own is fixed from ``first_year``; ``after`` is what must (or must not) follow."""
    return Formula(
        id=id,
        canonical=f"“{word}”",
        variants=(wrong + after,),
        replace=word,
        first_year=first_year,
        last_year=None,
        source=source,
        note_zh=f"数字概括的提法有定数，作“{word}”（{members_zh}）",
        note_en=f"a numbered slogan has a fixed wording, “{word}”: {members_en}",
        exceptions=exceptions,
    )


#: one edit of a misworded formula: a Chinese character added or put in place of another (a
#: line break, a comma or a space is another rule's business)
_HAN = r"\p{Han}"


def _misworded(
    id: str, canonical: str, first_year: int, source: str, note: tuple[str, str] | None = None, edits: int = 2, known=()
) -> Formula:
    """A long formula (习近平新时代中国特色社会主义思想) with one or two characters dropped, added
    or swapped inside (习近平新时代特色社会主义思想, …社会主意思想): its first two and last characters
    as written, what lies between within ``edits`` edits of the canonical, at most one character
    added and one swapped (…社会主义经济思想, two added, is another formula); ``known``: wrong forms
    further off (以习近平总书记为核心的党中央). A title (《…》) is cited as written."""
    head, mid, tail = (re.escape(x) for x in (canonical[:2], canonical[2:-1], canonical[-1]))
    fuzzy = f"{head}(?:{mid}){{1<=e<={edits},s<=1,i<=1,d<={edits}:{_HAN}}}{tail}"
    return Formula(
        id=id,
        canonical=canonical,
        variants=(fuzzy, *known),
        replace=canonical,
        first_year=first_year,
        last_year=None,
        source=source,
        note_zh=note[0] if note else f"“{canonical}”是固定表述，一字不能增减改换",
        note_en=note[1] if note else f"{canonical} is written without a character added, dropped or changed",
        exceptions=(r"《[^《》\n]{0,60}》",),
        message="wording",
    )


def _layout(id: str, verb: str, slogan: str, wrong: str, right: str) -> Formula:
    """One of the two layouts named with the other's noun: “四个全面”总体布局 for 战略布局, “五位一体”
    战略布局 for 总体布局 (党的十九大、二十大报告)."""
    return Formula(
        id=id,
        canonical=f"{verb}“{slogan}”{right}",
        variants=(rf"{slogan}(”?){wrong}",),
        replace=f"{slogan}\\1{right}",
        first_year=2015,
        last_year=None,
        source="党的十九大、二十大报告",
        note_zh="“五位一体”是总体布局，“四个全面”是战略布局",
        note_en="五位一体 is the overall layout (总体布局), 四个全面 the strategic layout (战略布局)",
    )


def _verb(id: str, wrong: str, slogan: str, right: str, first_year: int, source: str, noun: bool = False) -> Formula:
    """A numbered slogan after a verb that belongs to another (做到“两个确立”: 两个确立 is 深刻领悟,
    做到 goes with “两个维护”). ``wrong``: the verbs never written with it in the Party's texts;
    ``right``: the canonical phrase. ``noun``: the verb may govern a noun the slogan qualifies
    (坚定“四个意识”的政治自觉), which is left alone."""
    q_open, q_close = rf"{_GAP}[“‘\"'「]?{_GAP}", rf"{_GAP}[”’\"'」]?{_GAP}"
    after = rf"(?!{q_close}的)" if noun else ""
    verb = right.split("“", 1)[0].removeprefix("深刻")
    return Formula(
        id=id,
        canonical=right,
        variants=(rf"(?:{wrong})(?={q_open}{slogan}{after})",),
        replace=verb if "”的" not in right else None,
        first_year=first_year,
        last_year=None,
        source=source,
        note_zh="党的二十大报告、党章的写法是增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
        "深刻领悟“两个确立”的决定性意义",
        note_en="the 20th Party Congress and the Party constitution write 增强“四个意识”、坚定“四个自信”、"
        "做到“两个维护”, 深刻领悟“两个确立”的决定性意义",
        message="verb",
    )


_XI_SOURCE = "党的十九大通过的《中国共产党章程（修正案）》（2017）；《中华人民共和国宪法修正案》（2018）"
_TWO_SOURCE = "党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》（2021）"
_UPHOLD_SOURCE = "《中共中央政治局关于加强和维护党中央集中统一领导的若干规定》（2017）；党的二十大报告（2022）"
_VERB_SOURCE = (
    "党的二十大报告（2022）：“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”；"
    "党的二十大关于《中国共产党章程（修正案）》的决议：“深刻领悟‘两个确立’的决定性意义”"
)

FORMULAE: tuple[Formula, ...] = (
    Formula(
        id="banner",
        canonical="高举中国特色社会主义伟大旗帜",
        variants=(r"高举(?!中国特色社会主义伟大旗帜)[^，。；！？\n]{2,30}?伟大旗帜",),
        first_year=2008,
        last_year=None,
        source="党的十七大报告（2007）起；党的二十大报告（2022）",
        note_zh="旗帜是“中国特色社会主义”；指导思想另作“以习近平新时代中国特色社会主义思想为指导”",
        note_en="the banner is 中国特色社会主义; the guiding thought is a separate clause, "
        "以习近平新时代中国特色社会主义思想为指导",
    ),
    Formula(
        id="xi-thought",
        canonical="习近平新时代中国特色社会主义思想",
        variants=(rf"(?<!习近平(?:同志)?{_GAP})新时代中国特色社会主义思想",),
        first_year=2017,
        last_year=None,
        source="党的十九大通过的《中国共产党章程（修正案）》（2017）；《中华人民共和国宪法修正案》（2018）",
        note_zh="指导思想的全称不能省去“习近平”",
        note_en="the full name of the guiding thought keeps 习近平",
        exceptions=(r"《[^《》\n]{0,60}》",),
        replace="习近平\\g<0>",
    ),
    Formula(
        id="speeches-spirit",
        canonical="习近平新时代中国特色社会主义思想",
        variants=(r"(?:习近平(?:同志|总书记)?|总书记)系列重要讲话(?:精神)?",),
        first_year=2018,
        last_year=None,
        source="党的十九大报告与《中国共产党章程（修正案）》（2017年10月）：此前的“习近平总书记系列重要讲话精神”"
        "统一表述为“习近平新时代中国特色社会主义思想”",
        note_zh="“系列重要讲话精神”是党的十九大（2017年）前的提法，其后作“习近平新时代中国特色社会主义思想”；"
        "记述某次讲话时写明讲话（如“习近平总书记考察浙江时的重要讲话精神”）",
        note_en="系列重要讲话精神 is the wording before the 19th Party Congress (2017); since then the guiding "
        "thought is 习近平新时代中国特色社会主义思想, and a particular speech is named as such",
        exceptions=(r"《[^《》\n]{0,60}》",),
    ),
    Formula(
        id="plenum",
        canonical="党的十九届六中全会",
        variants=(
            r"(?<!党的)(?<!中共)(?<!中国共产党)(?<!我们党)(?<!大和)(?<![、和])"
            r"(?:十[六七八九]|二十)届[一二三四五六七八九]中(?:、[一二三四五六七八九]中)*全会",
        ),
        first_year=2013,
        last_year=None,
        source="新华社《新闻报道中的禁用词和慎用词》；党的全会的规范称谓“党的十九届六中全会”或“中共十九届六中全会”",
        note_zh="党的全会前加“党的”（或“中共”）",
        note_en="a Party plenum is named with 党的 (or 中共) before it",
        exceptions=(r"《[^《》\n]{0,60}》",),
        replace="党的\\g<0>",
    ),
    Formula(
        id="congress",
        canonical="中国共产党第二十次全国代表大会",
        variants=(
            r"(?P<party>中国共产党|中共|党的)(?P<n>第?[一二三四五六七八九十]{1,3})届全国代表大会(?!第[一二三四五六七八九十]{1,2}次会议)",
        ),
        replace="\\g<party>\\g<n>次全国代表大会",
        first_year=None,
        last_year=None,
        source="《中国共产党章程》：党的全国代表大会按“次”计，中央委员会按“届”计",
        note_zh="党的全国代表大会按“次”计（第二十次全国代表大会），“届”只用于中央委员会",
        note_en="a Party congress is counted with 次 (第二十次全国代表大会); 届 is for the Central Committee",
    ),
    Formula(
        id="xiaokang",
        canonical="全面建成小康社会",
        variants=(r"全面建设小康社会",),
        replace="全面建成小康社会",
        first_year=2013,
        last_year=None,
        source="党的十八大报告（2012）：“确保到二〇二〇年实现全面建成小康社会宏伟目标”",
        note_zh="党的十八大（2012年）起为“全面建成小康社会”；“全面建设小康社会”是此前的提法",
        note_en="since the 18th Party Congress (2012) the goal is 全面建成小康社会; "
        "全面建设小康社会 is the earlier wording",
        exceptions=(r"(?:十六大|十七大|提出|确立|开启|进入|历史|时期|阶段)[^。；\n]{0,12}全面建设小康社会",),
    ),
    _slogan(
        "two-establishes",
        "两个确立",
        2022,
        "党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》（2021）",
    ),
    _slogan("two-upholds", "两个维护", 2019, "《中共中央政治局关于加强和维护党中央集中统一领导的若干规定》（2017）"),
    _slogan("four-consciousness", "四个意识", 2017, "党的十八届六中全会公报（2016）"),
    _slogan(
        "four-confidences", "四个自信", 2017, "习近平在庆祝中国共产党成立95周年大会上的讲话（2016）；党的十九大报告"
    ),
    Formula(
        id="xi-thought-word",
        canonical="习近平新时代中国特色社会主义思想",
        variants=(r"习近平新时代中国特色社会主义(?:理论体系|理论)",),
        replace="习近平新时代中国特色社会主义思想",
        first_year=2017,
        last_year=None,
        source="党的十九大通过的《中国共产党章程（修正案）》（2017）",
        note_zh="指导思想是“思想”，不是“理论”（“中国特色社会主义理论体系”是另一提法，不冠“习近平新时代”）",
        note_en="the guiding thought is a 思想, not a 理论 (中国特色社会主义理论体系 is another formula, "
        "without 习近平新时代)",
    ),
    Formula(
        id="two-establishes-guide",
        canonical="确立习近平新时代中国特色社会主义思想的指导地位",
        variants=(r"确立习近平新时代中国特色社会主义思想(?:的)?(?:领导|主导|核心|统领)地位",),
        replace="确立习近平新时代中国特色社会主义思想的指导地位",
        first_year=2021,
        last_year=None,
        source="党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》（2021）",
        note_zh="“两个确立”：确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位",
        note_en="the second of the 两个确立 establishes the thought's guiding (指导) position",
    ),
    _layout("four-comprehensives-layout", "协调推进", "四个全面", "总体布局", "战略布局"),
    _layout("five-in-one-layout", "统筹推进", "五位一体", "战略布局", "总体布局"),
    _count(
        "four-confidences-count",
        "三个自信",
        "四个自信",
        2017,
        "道路自信、理论自信、制度自信、文化自信",
        "习近平在庆祝中国共产党成立95周年大会上的讲话（2016）；党的十九大报告",
        "the four are confidence in the path, the theory, the system and the culture",
        exceptions=(r"十八大[^。；\n]{0,30}三个自信",),
    ),
    _count(
        "four-comprehensives-count",
        "三个全面",
        "四个全面",
        2015,
        "全面建设社会主义现代化国家（2020年以前为全面建成小康社会）、全面深化改革、全面依法治国、全面从严治党",
        "习近平在江苏调研时的讲话（2014年12月）；党的十九大、二十大报告",
        "the four: building a modern socialist country (until 2020: a moderately prosperous society), "
        "deepening reform, the rule of law, strict Party governance",
        after='(?=[”’"」]?战略布局)',
    ),
    _count(
        "five-in-one-count",
        "四位一体",
        "五位一体",
        2013,
        "经济建设、政治建设、文化建设、社会建设、生态文明建设",
        "党的十八大报告（2012）",
        "the five: economic, political, cultural, social and ecological progress",
        after='(?=[”’"」]?总体布局)',
    ),
    _count(
        "two-establishes-word",
        "两个确定",
        "两个确立",
        2022,
        "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位",
        "党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》（2021）",
        "两个确立 (the two establishments), not 两个确定",
        after="(?!性)",
    ),
    # --- a long formula with a character dropped, added or swapped inside -------------------
    _misworded("xi-thought-wording", "习近平新时代中国特色社会主义思想", 2017, _XI_SOURCE),
    _misworded(
        "core-leadership-wording",
        "以习近平同志为核心的党中央",
        2017,
        "党的十八届六中全会公报（2016）；党的十九大、二十大报告",
        (
            "党的十八届六中全会（2016年）起作“以习近平同志为核心的党中央”，“为核心”前用“同志”",
            "since the Sixth Plenum of 2016: 以习近平同志为核心的党中央, with 同志 before 为核心",
        ),
        known=(r"以习近平(?:总书记|同志)?为总书记的党中央", r"以习近平总书记为核心的党中央"),
    ),
    _misworded(
        "uphold-core-wording",
        "维护习近平总书记党中央的核心、全党的核心地位",
        2019,
        _UPHOLD_SOURCE,
        (
            "“两个维护”作“坚决维护习近平总书记党中央的核心、全党的核心地位”（“两个确立”作“习近平同志”）",
            "the first of the two upholds names 习近平总书记 (the two establishments: 习近平同志)",
        ),
        known=(r"维护习近平同志党中央的核心、全党的核心地位",),
    ),
    _misworded("uphold-authority-wording", "维护党中央权威和集中统一领导", 2019, _UPHOLD_SOURCE),
    _misworded(
        "establish-core-wording",
        "确立习近平同志党中央的核心、全党的核心地位",
        2021,
        _TWO_SOURCE,
        (
            "“两个确立”作“确立习近平同志党中央的核心、全党的核心地位”（“两个维护”作“习近平总书记”）",
            "the first of the two establishments names 习近平同志 (the two upholds: 习近平总书记)",
        ),
        known=(r"确立习近平总书记党中央的核心、全党的核心地位",),
    ),
    _misworded("theory-system-wording", "中国特色社会主义理论体系", 2008, "党的十七大报告（2007）；《中国共产党章程》"),
    _misworded("core-values-wording", "社会主义核心价值观", 2013, "党的十八大报告（2012）", edits=1),
    _misworded("supply-side-wording", "供给侧结构性改革", 2016, "中央财经领导小组第十一次会议（2015年11月）", edits=1),
    _misworded("people-centred-wording", "以人民为中心的发展思想", 2016, "党的十八届五中全会公报（2015）", edits=1),
    # --- a slogan with another slogan's verb --------------------------------------------------
    _verb("two-establishes-verb", "做到", "两个确立", "深刻领悟“两个确立”的决定性意义", 2022, _VERB_SOURCE),
    _verb("two-establishes-verb-np", "增强", "两个确立", "深刻领悟“两个确立”的决定性意义", 2022, _VERB_SOURCE, True),
    _verb("two-upholds-verb", "增强|坚定", "两个维护", "做到“两个维护”", 2019, _VERB_SOURCE, noun=True),
    # the two slogans swapped (深刻领悟“两个维护”的决定性意义): no mechanical fix, the sentence is rewritten
    dataclasses.replace(
        _verb("two-upholds-verb-grasp", "领悟", "两个维护", "做到“两个维护”", 2022, _VERB_SOURCE), replace=None
    ),
    _verb("four-consciousness-verb", "坚定|做到", "四个意识", "增强“四个意识”", 2017, _VERB_SOURCE, noun=True),
    _verb("four-confidences-verb", "做到", "四个自信", "坚定“四个自信”", 2017, _VERB_SOURCE),
    Formula(
        id="five-year-plan",
        canonical="“十四五”规划",
        variants=(rf"(?<![“‘\"「]{_GAP})十[一二三四五六]五(?={_GAP}(?:规划|时期|期间|末|初|以来|开局|收官))",),
        replace="“\\g<0>”",
        first_year=None,
        last_year=None,
        source="《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》（2021）的简称写法",
        note_zh="五年规划的简称加引号：“十四五”规划、“十四五”时期",
        note_en="the short name of a five-year plan takes quotation marks: “十四五”规划, “十四五”时期",
    ),
)


#: a year 1950–2099 before 年, not inside a longer number: (?<!\d)(19[5-9]\d|20\d\d)年, written to
#: begin with a character class (found by a fast scan, not tried at every position of a book)
_YEAR_NIAN = re.compile(r"([12](?<!\d[12])(?:(?<=1)9[5-9]|(?<=2)0\d)\d)年")


def text_year(path: str, text: str, configured: int | None = None) -> int | None:
    """The year a text is judged by: ``configured`` (the rule's ``year``), else a year in the
    file name (…-2021-….txt), else the year the text mentions most (2021年)."""
    if configured:
        return configured
    m = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", os.path.basename(path))
    if m:
        return int(m.group(1))
    counts = Counter(int(y) for y in _YEAR_NIAN.findall(text))
    return counts.most_common(1)[0][0] if counts else None


# --- formulae as passages: what duplicate-passage does not count as a copy --------------------

#: sentences of official writing that every document of a year repeats word for word: guiding
#: thoughts, the plenums to implement, the general tone, thanks to the people and the army …
_PASSAGE_FORMULAE = (
    r"高举[^。；！\n]{2,40}?旗帜",
    r"以[^。；！\n]{2,80}?为指导",
    r"(?:全面|深入)?(?:学习)?贯彻(?:落实)?(?:党的)?[^。；！\n]{0,50}?(?:会议|全会|大)精神",
    r"在以[^。；！\n]{2,20}?为核心的党中央(?:坚强)?领导下",
    r"(?:紧密)?团结在以[^。；！\n]{2,20}?为核心的党中央周围",
    r"(?:增强|坚定|做到|深刻(?:领悟|认识))“[^”\n]{2,8}”",
    r"坚持稳中求进工作总基调",
    r"(?:完整、?准确、?全面|坚持)?贯彻新发展理念",
    r"(?:加快)?构建新发展格局",
    r"(?:着力|扎实)?推动高质量发展",
    r"统筹推进“五位一体”总体布局",
    r"协调推进“四个全面”战略布局",
    # thanks to the people, the army and compatriots
    r"[^。！\n]{0,10}代表国务院[^。\n]{0,300}?表示(?:崇高的|衷心的?|诚挚的?)?(?:敬意|感谢|慰问)[！。]",
    r"向[^。！\n]{2,120}?表示(?:崇高的|衷心的?|诚挚的?)?(?:(?:敬意|感谢|慰问)[！。]|$)",
    r"[^。！\n]{0,20}成绩[^。！\n]{0,10}根本在于[^。！]{0,160}?的结果[。！]",
    r"在肯定成绩的同时，我们也清醒(?:地)?看到",
    r"在[^。；！\n]{2,24}?的(?:英明|正确|坚强)?领导下",
    # the general tone and tasks
    r"坚持以供给侧结构性改革为主线",
    r"(?:全面)?做好稳增长、促改革、调结构、惠民生、防风险(?:、保稳定)?(?:各项)?工作",
    r"保持经济(?:平稳健康发展|运行在合理区间)",
    r"以优异成绩迎接党的[^。；！\n]{2,8}胜利召开",
    # the regional strategies
    r"京津冀协同发展|长江经济带发展|粤港澳大湾区建设|长三角一体化发展|黄河流域生态保护和高质量发展",
    r"(?:高标准高质量)?建设雄安新区|推动西部大开发形成新格局|推动东北振兴取得新突破|促进中部地区加快崛起",
    r"区域发展总体战略|全国主体功能区规划",
    # monetary policy
    r"保持人民币汇率在合理(?:、)?均衡水平上的基本稳定",
    r"保持流动性合理充裕|保持宏观杠杆率基本稳定",
    r"货币供应量和社会融资规模增速(?:同|与)名义经济增速基本匹配",
    # Hong Kong and Macao, religion, the army, diplomacy
    r"(?:全面准确、坚定不移|坚定不移)?贯彻[^。\n]{0,40}?高度自治的方针",
    r"维护宪法和基本法确定的特别行政区宪制秩序",
    r"落实“爱国者治港”、“爱国者治澳”原则",
    r"坚持党的宗教工作基本方针",
    r"(?:深入)?推进我国宗教中国化",
    r"积极引导宗教与社会主义社会相适应",
    r"履行新世纪新阶段(?:军队|我军)历史使命",
    r"全面加强(?:军队|人民军队)[^。；\n]{0,20}?建设",
    r"不断提高以打赢信息化条件下局部战争能力为核心的完成多样化军事任务的能力",
    r"(?:推动|促进)世界多极化、(?:倡导)?国际关系民主化(?:和发展模式多样化)?",
    r"促进经济全球化朝着[^。；\n]{2,24}?的方向发展",
    r"鼓足干劲、力争上游、多快好省地建设社会主义的总路线",
)
_FORMULA_PATTERNS = (*_PASSAGE_FORMULAE, *(f.canonical for f in FORMULAE))
#: titles of documents are cited, not written (a passage wholly inside “…” is a quotation, which
#: duplicate-passage already leaves alone; a slogan in quotation marks inside a copy is copied too)
_TITLE_MOST = 80  # the most characters a title holds (and own_chars takes out with it)
_QUOTED_RE = re.compile(f"《[^《》]{{1,{_TITLE_MOST}}}》")
#: what own_chars counts: ideographs and Latin letters, as code-point ranges …
_KEPT_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x41, 0x5A), (0x61, 0x7A))
_KEPT_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _KEPT_RANGES) + "]+")  # … runs of them
#: a document that restates another: a resolution on a report it has heard (关于政府工作报告的决议)
#: its title names it (关于政府工作报告的决议), or its first sentence says it heard the report …
_TITLE_RE = re.compile(r"关于[^。\n]{0,40}?报告的决议")
_HEARD_RE = re.compile(r"^[^。]{0,60}?(?:听取|审议)[^。]{0,40}?报告")
#: … and it approves it
_APPROVES_RE = re.compile(r"决议|批准|同意")
_HEAD_CHARS = 400


class _Span(Protocol):
    """What fixed_expression needs of a duplicate-passage side: the document and the span."""

    @property
    def doc(self): ...  # yblint.model.Document

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@functools.cache
def formula_alternation() -> Alternation:
    """The formulae as one alternation (built on first use: start-up does not pay for it)."""
    return Alternation(_FORMULA_PATTERNS)


def strip_formulae(text: str) -> str:
    """``text`` without its formulae: exactly ``formula_alternation().regex.sub("", text)``,
    trying only the patterns whose literals occur in the text (yblint.text.alternation)."""
    return formula_alternation().strip(text)


def own_chars(text: str) -> int:
    """Ideographs and letters of ``text`` left once titles (《…》) and formulae are taken out."""
    text = _QUOTED_RE.sub("", text)
    text = strip_formulae(text)
    return _kept(text)


def _kept(text: str) -> int:
    return sum(map(len, _KEPT_RE.findall(text)))


#: a document's kept characters are counted up to every this many characters of its text
_BLOCK = 64


def _literal_starts(text: str, alt: Alternation) -> tuple[list[int], list[int]]:
    """Each offset of ``text`` where a literal of some formula starts (they may overlap), and the
    most characters the formula matches holding a literal at one of the offsets can take out,
    summed up to each (0 first): the width of the widest formula whose literal starts there."""
    finder, widths, longer = alt.shortest_literal, alt.literal_widths, alt.literals_from
    assert finder is not None
    starts: list[int] = []
    taken = [0]
    m = finder.search(text)
    while m is not None:
        p = m.start()
        starts.append(p)
        taken.append(taken[-1] + max(widths[x] for x in longer[m.group()] if text.startswith(x, p)))
        m = finder.search(text, p + 1)
    return starts, taken


class _OwnIndex:
    """What :func:`own_chars_below` needs of one document, worked out once: how many characters
    own_chars counts before every ``_BLOCK``-th offset, and each offset where a literal of some
    formula starts, with the most characters a formula match holding a literal there can take out
    (the widest formula among those whose literals start there), summed up to each such offset."""

    __slots__ = ("blocks", "starts", "taken", "title_cost")

    def __init__(self, text: str, alt: Alternation) -> None:
        import numpy as np  # loaded already by duplicate-passage (yblint.text.similarity)

        self.starts, self.taken = _literal_starts(text, alt)
        # the most a title (《…》) of a passage can take out: its own characters, and a formula
        # match that holds a literal only once the title is gone (matches do not overlap: at most
        # one holds the place where the title was)
        self.title_cost = _TITLE_MOST + max(alt.literal_widths.values(), default=0)
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        kept = np.zeros(points.size, dtype=bool)
        for lo, hi in _KEPT_RANGES:
            kept |= (points >= lo) & (points <= hi)
        counts = np.cumsum(kept, dtype=np.int64)  # kept characters up to and including each offset
        self.blocks = array("q", [0, *counts[_BLOCK - 1 :: _BLOCK].tolist()])

    def kept(self, text: str, start: int, end: int) -> int:
        """Characters own_chars counts in ``text[start:end]`` before anything is taken out."""
        b0, b1 = start // _BLOCK, end // _BLOCK
        before_end = self.blocks[b1] + _kept(text[b1 * _BLOCK : end])
        return before_end - self.blocks[b0] - _kept(text[b0 * _BLOCK : start])

    def most_taken(self, start: int, end: int) -> int:
        """The most characters the formulae can take out of ``start``..``end``: matches do not
        overlap, each holds a literal of its formula, so each starts a literal at its own offset."""
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.taken[j] - self.taken[i]


#: passages of a document counted on their own before its counts are worked out (a run with a
#: few findings does not read whole documents for them) …
INDEX_AFTER = 2
#: … unless a passage is this share of the document or more: counting it on its own reads as
#: much of the text as the counts would (the copies of whole units; 0: never)
INDEX_SHARE = 0.25


def _own_index(doc, start: int = 0, end: int = 0) -> _OwnIndex | None:
    """The counts of ``doc`` (:class:`_OwnIndex`), worked out from its ``INDEX_AFTER + 1``-th
    passage on, or at once for a passage ``start``..``end`` of ``INDEX_SHARE`` of it or more."""
    derived = getattr(doc, "derived", None)
    if derived is None:
        return None
    got = derived.get("formulae.own")
    if got is None:
        asked = derived["formulae.asked"] = derived.get("formulae.asked", 0) + 1
        if asked <= INDEX_AFTER and not (INDEX_SHARE and end - start >= INDEX_SHARE * len(doc.text)):
            return None
        alt = formula_alternation()
        if alt.always or alt.shortest_literal is None:
            return None  # a formula without literals is tried everywhere: no bound
        got = derived["formulae.own"] = _OwnIndex(doc.text, alt)
    return got


def own_chars_below(doc, start: int, end: int, limit: int) -> bool:
    """``own_chars(doc.text[start:end]) < limit``, told without taking the formulae out where
    the counts decide it: fewer than ``limit`` characters before anything is taken out, or
    ``limit`` or more once the most the formulae can take out is taken (every match holds a
    literal of its formula, matches do not overlap: each is charged to its own literal's offset).
    A passage is counted from its document's counts (:class:`_OwnIndex`, from the document's
    ``INDEX_AFTER + 1``-th passage on, or a passage of ``INDEX_SHARE`` of it), each title (《…》)
    in it charged the most one can take out; where those counts do not decide, on its own, once
    its titles are taken out; where neither decides, the formulae are taken out."""
    text = doc.text
    titles = text.count("《", start, end)
    index = _own_index(doc, start, end)
    if index is not None:
        kept = index.kept(text, start, end)
        if kept < limit:
            return True  # taking titles and formulae out only takes characters away
        if kept - index.most_taken(start, end) - titles * index.title_cost >= limit:
            return False
        if not titles:
            return own_chars(text[start:end]) < limit
    untitled = _QUOTED_RE.sub("", text[start:end]) if titles else text[start:end]
    kept = _kept(untitled)
    if kept < limit:
        return True
    alt = formula_alternation()
    if not alt.always and alt.shortest_literal is not None and kept - _literal_starts(untitled, alt)[1][-1] >= limit:
        return False
    return _kept(strip_formulae(untitled)) < limit


def restates(doc) -> bool:
    """The document announces that it restates another: a resolution on the report it approves —
    its first line is such a title, or its first sentence says it heard the report, and its
    opening approves it. Anything later in a document (a chronicle of the year's sessions) is not
    an announcement."""
    head = doc.text[:_HEAD_CHARS].lstrip(" \t\r\n\u3000\u200b\ufeff")
    first_line = head.split("\n", 1)[0]
    announced = _TITLE_RE.search(first_line) is not None or _HEARD_RE.search(head) is not None
    return announced and _APPROVES_RE.search(head) is not None


def _restates(doc) -> bool:
    """:func:`restates`, kept with the document."""
    derived = getattr(doc, "derived", None)
    if derived is None:
        return restates(doc)
    got = derived.get("formulae.restates")
    if got is None:
        got = derived["formulae.restates"] = restates(doc)
    return got


def fixed_expression(a: _Span, b: _Span, min_chars: int) -> str | None:
    """Why the shared passage ``a``/``b`` is not a copy worth an editor's time, or None:
    ``restatement`` (one side is a resolution restating the other document), ``formula`` (once
    formulae and titles are taken out, less than ``min_chars`` own characters are left)."""
    if a.doc is not b.doc and (_restates(a.doc) or _restates(b.doc)):
        return "restatement"
    if any(own_chars_below(s.doc, s.start, s.end, min_chars) for s in (a, b)):
        return "formula"
    return None
