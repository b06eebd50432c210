"""number-format: GB/T 15835-2011 《出版物上数字用法》 in statistical text.

Cases, each with its own message:
  mixed      Arabic digits with 千/百/十 (4千余米 → 4000余米; 3千万元 → 3000万元); only 万/亿 and SI
             prefixes (千克, 千米, 千瓦 …) join Arabic digits
  chinese    a statistic in Chinese numerals (突破十万 → 突破10万; 超百亿 → 超100亿) in a document
             that writes its other statistics in Arabic digits
  no-unit    an amount of money without 元 (总额达18.5亿。 → 18.5亿元)
  stacked    approximation markers stacked (共计约, 达近, 约…左右, 近…余, 约…多, 1.5万多)
  range      a range that drops % or 万/亿 on its first number (5—6% → 5%—6%; 3～5万 → 3万～5万)
  year_zero  a year in Chinese numerals whose zero is not 〇 (二0二二年, 二零二二年, 二○二二年 →
             二〇二二年)
  year_mixed a year in two kinds of numeral (20二二年 → 2022年); year_letter: 2O21年 → 2021年
  year_cn    a date with its year in Chinese numerals and its month or day in Arabic digits
             (二〇二三年3月, 二○二三年3月5日 → 2023年3月, 2023年3月5日)
  date_chinese a date all in Chinese numerals (二〇二三年三月五日) in running text of a document that
             writes its years in Arabic digits (同类别同形式; a date line alone, a heading or a quoted
             title is left as written)
  fullwidth  a number with full-width digits or a full-width decimal point (１２所, １2所, 1．08万 →
             12所, 12所, 1.08万) in a document that writes its numbers half-width; one that mixes
             the two (１2所) in any document
Set phrases, ordinals, idioms and names are not statistics (十四五, 三个代表, 一带一路, 第十四届,
百分之百, 千方百计); text in quotation marks or 《》 is cited as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding, Fix
from yblint.model import Corpus, Document, Paragraph
from yblint.text.numbers import chinese_to_int

NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_FW = str.maketrans("０１２３４５６７８９．", "0123456789.")
QUOTED = re.compile(r"“[^“”\n]{1,80}”|《[^《》\n]{1,80}》|「[^「」\n]{1,80}」")
SCOPE = ("prose", "list_item")

MIXED = re.compile(
    rf"(?<![0-9０-９.．A-Za-z/\-])(?:(?P<hi>{NUM})(?P<hiu>[万亿]))?(?P<n>[0-9０-９]+)(?P<place>[千百])(?P<approx>多|余)?(?P<rest>万|亿)?"
    r"(?!克|米|瓦|帕|赫|焦|伏|卡|兆|字节|分之|比特|[BbKkMmGgWw])"
)
CHINESE = re.compile(
    r"(?P<verb>突破|超过|超|达到|达|逾|近|约|共计|累计|新增|增加|减少|完成|实现|总计|合计|共有|共)"
    r"(?P<num>[一二两三四五六七八九十百千]+)(?P<big>万|亿)(?!众|分|里|物|事|无|全|般|一|年|岁|古|世|象|家|民|方|丈|能|幸|斤)"
)
MONEY_WORDS = (
    r"金额|总额|总价|价款|出让金|投资|资金|收入|支出|营收|销售额|营业额|产值|增加值|税收|税费|利润|"
    r"贷款|存款|融资|预算|经费|补助|补贴|奖金|罚款|罚金|费用|成交额|交易额|GDP|生产总值"
)
NO_UNIT = re.compile(
    rf"(?:{MONEY_WORDS})[^，。；！？、\n\d]{{0,6}}?(?P<n>{NUM})(?P<big>万亿|亿|万)(?=[，。；！？、）)]|$)"
)
STACKED = re.compile(
    rf"(?P<a>(?:共计|合计|总计|累计)约|达到?(?:近|约|逾)|(?:超过?|逾)约|约近|近约)(?={NUM}|[一二两三四五六七八九十百千])"
    rf"|(?P<b>约{NUM}[万亿千百十]?[^，。；！？、\n\d]{{0,8}}?左右)"
    rf"|(?P<c>(?:近|约){NUM}[万亿千百十]?(?:余|多))"
    rf"|(?P<d>(?<![0-9０-９]){NUM}[.．][0-9０-９]+[万亿]?多(?![元个项人家次条])?)"
)
RANGE = re.compile(
    rf"(?<![0-9０-９.．A-Za-z\-/])(?P<a>{NUM})(?P<dash>[—～~〜\-－])(?P<b>{NUM})(?P<unit>[%％‰]|万亿|亿|万)"
)
#: a year in Chinese numerals with its zero written otherwise than 〇: the digit 0, the letter O,
#: 零, or the circle ○ (U+25CB), which looks the same and is not a numeral (二0二二年, 二零二二年)
_CN_YEAR_DIGITS = "一二三四五六七八九〇"
_WRONG_ZEROS = "0０OoＯｏ零○◯"
_YEAR_CHARS = _CN_YEAR_DIGITS + _WRONG_ZEROS
#: four such characters before 年 (a leading character class: scanned fast); which of them are
#: years with a wrong zero is told in Python (_year_zero)
YEAR_RUN = re.compile(f"[{_YEAR_CHARS}]{{4}}(?=年)")
_TO_LING = str.maketrans({c: "〇" for c in _WRONG_ZEROS})


def _year_zero(text: str, m: re.Match[str]) -> bool:
    """Whether a match of YEAR_RUN is a year in Chinese numerals with a zero that is not 〇: not
    the end of a longer number, one of 一…九 in it, and a wrong zero."""
    before = text[m.start() - 1 : m.start()]
    if before and (before in _YEAR_CHARS or before.isdigit()):
        return False
    run = m.group(0)
    return any(c in "一二三四五六七八九" for c in run) and any(c in _WRONG_ZEROS for c in run)


#: a year written partly in Arabic digits and partly in Chinese numerals, or with the letter O for
#: a zero (20二二年, 2O21年): four such characters before 年, one of them an Arabic digit 1-9
_ARABIC = "0123456789０１２３４５６７８９"
_LATIN = re.compile("[A-Za-z]")
YEAR_MIXED = re.compile(f"[{_ARABIC}{_YEAR_CHARS}]{{4}}(?=年)")
_TO_ARABIC = str.maketrans(
    {**{c: str(i + 1) for i, c in enumerate("一二三四五六七八九")}, **dict.fromkeys(_WRONG_ZEROS + "〇", "0")}
    | {c: str(i) for i, c in enumerate("０１２３４５６７８９")}
)


def _year_mixed(text: str, m: re.Match[str]) -> str | None:
    """The year a match of YEAR_MIXED stands for in Arabic digits (20二二 → 2022, 2O21 → 2021),
    when it is one: not the end of a longer number, an Arabic digit 1-9 in it and a character
    that is no Arabic digit, 1900-2099 once read."""
    before = text[m.start() - 1 : m.start()]
    if before and (before in _YEAR_CHARS or before in _ARABIC or before.isdigit() or _LATIN.match(before)):
        return None  # the end of a longer number, or of a code (A2O21年)
    run = m.group(0)
    if not any(c in "123456789１２３４５６７８９" for c in run) or all(c in _ARABIC for c in run):
        return None
    year = run.translate(_TO_ARABIC)
    return year if year.isdigit() and 1900 <= int(year) <= 2099 else None


#: what follows a year in Chinese numerals: 年, then a month and a day in either kind of numeral
#: (二〇二三年3月5日, 二〇二三年三月五日)
DATE_TAIL = re.compile(
    r"年(?:(?P<m>[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月"
    r"(?:(?P<d>[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?)?"
)
#: years in Arabic digits and in Chinese numerals, to tell which form a document writes its dates in
ARABIC_YEAR = re.compile(r"[12](?<![0-9０-９].)(?:(?<=1)[89]|(?<=2)0)[0-9]{2}年")  # 1900-2099, not inside a number
CN_YEAR = re.compile(f"[{_CN_YEAR_DIGITS}零○]{{4}}年")
#: what may stand around a date in a paragraph that is nothing but the date (a date line): left as written
_DATE_LINE_EDGES = " \t\u3000（）()——-"


_ARABIC_DIGITS = frozenset(_ARABIC)


def _is_arabic(numeral: str | None) -> bool:
    return numeral is not None and numeral[:1] in _ARABIC_DIGITS


def _arabic_date(year: str, m: re.Match[str]) -> str:
    """二〇二三 + 年3月五日 → 2023年3月5日."""
    out = year.translate(_TO_ARABIC) + "年"
    for name, unit in (("m", "月"), ("d", "日")):
        part = m.group(name)
        if part:
            out += str(int(_plain(part)) if _is_arabic(part) else chinese_to_int(part)) + unit
    return out


def _date(text: str, y: re.Match[str], arabic_dates: bool) -> NumberHit | None:
    """A date whose year is in Chinese numerals, when it should be in Arabic digits: its month or
    day is in Arabic digits (二〇二三年3月 → 2023年3月, a safe fix), or it is all in Chinese
    numerals with a month (二〇二三年三月五日) in a document that writes its years in Arabic digits
    (同类别同形式; the fix is offered, not applied). None for a year alone (二〇三五年远景目标) and
    for a paragraph that is nothing but the date (a date line)."""
    before = text[y.start() - 1 : y.start()]
    run = y.group(0)
    if (before and (before in _YEAR_CHARS or before.isdigit())) or not any(c in "一二三四五六七八九" for c in run):
        return None
    m = DATE_TAIL.match(text, y.end())
    if m is None or not m.group("m"):
        return None
    mixed = _is_arabic(m.group("m")) or _is_arabic(m.group("d"))
    if not mixed and (
        not arabic_dates
        or not (text[: y.start()] + text[m.end() :]).strip(_DATE_LINE_EDGES)  # a date line
        or text.lstrip().startswith("——")  # a speech's subtitle: ——二〇二三年三月五日在…上
    ):
        return None
    try:
        new = _arabic_date(run, m)
    except ValueError:
        return None
    match = text[y.start() : m.end()]
    case = "year_cn" if mixed else "date_chinese"
    return NumberHit(y.start(), m.end(), case, {"match": match, "replacement": new}, new)


CN_SMALL_VALUE = {"千": 1000, "百": 100}
#: where a match of each pattern can start: Python's re scans a leading character class in C,
#: but tries the patterns above (lookbehinds, groups of alternatives) at every position. Each
#: looks ahead for what a match holds after its first digit (千 or 百; a decimal point; a dash),
#: so that the patterns are tried at few of the digits of a text.
MIXED_START = re.compile(r"[0-9０-９](?<![0-9０-９.．A-Za-z/\-].)(?=[0-9０-９.．]*[万亿]?[0-9０-９]*[千百])")
STACKED_START = re.compile(
    r"[共合总累达超逾约近0-9０-９]"
    r"(?:(?<=[共合总累])(?=计约)|(?<=达)(?=到?[近约逾])|(?<=超)(?=过?约)|(?<=逾)(?=约)"
    r"|(?<=约)(?=[近0-9０-９])|(?<=近)(?=[约0-9０-９])"
    r"|(?<=[0-9０-９])(?<![0-9０-９].)(?=[0-9０-９]*(?:[.．][0-9０-９]+)?[.．][0-9０-９]))"
)
RANGE_START = re.compile(
    r"[0-9０-９](?<![0-9０-９.．A-Za-z\-/].)(?=[0-9０-９]*(?:[.．][0-9０-９]+)?[—～~〜\-－][0-9０-９])"
)
DASHES = "—～~〜-－"


def _finditer(pattern: re.Pattern[str], start: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose (non-empty) matches begin where ``start``
    matches: the same matches, tried only at those positions."""
    pos = 0
    while c := start.search(text, pos):
        m = pattern.match(text, c.start())
        if m:
            yield m
            pos = m.end()
        else:
            pos = c.start() + 1


@dataclass
class NumberHit:
    start: int
    end: int
    case: str
    args: dict[str, str]
    replacement: str | None = None


def _plain(s: str) -> str:
    return s.translate(_FW)


BIG = {"万": 10**4, "亿": 10**8}


def _mixed(m: re.Match[str]) -> tuple[int, str]:
    """Where the mixed number starts, and its standard form: 4千 → 4000; 3千万 → 3000万;
    1万6千 → 1.6万; 1亿3千多万 → 1.3亿多; 4千余 → 4000余."""
    value = float(_plain(m.group("n"))) * CN_SMALL_VALUE[m.group("place")]
    approx, rest = m.group("approx") or "", m.group("rest") or ""
    unit = m.group("hiu")
    if m.group("hi") and (unit == "万" or rest):
        value = float(_plain(m.group("hi"))) * BIG[unit] + value * (BIG[rest] if rest else 1)
        return m.start(), f"{value / BIG[unit]:.6g}{unit}{approx}"
    return m.start("n"), (str(int(value)) if value == int(value) else f"{value:g}") + approx + rest


#: a number written with a full-width digit or decimal point in it (１２所, １2所, 1．08万): only
#: half-width Arabic digits are Arabic numerals in running text (GB/T 15835-2011)
FULL_WIDTH = re.compile(r"[０-９]")
DIGIT_RUN = re.compile(r"[0-9０-９](?:[0-9０-９]|[.．](?=[0-9０-９]))*")


HALF_WIDTH = re.compile(r"[0-9]")


def _full_width(text: str, half_width: bool) -> Iterator[NumberHit]:
    """Numbers with full-width characters: each one in a document that writes its numbers
    half-width (``half_width``); else only a number that mixes the two (１2所): a document typed
    all in full-width digits (an old report) is one form throughout, not a fault at every figure."""
    for m in DIGIT_RUN.finditer(text):
        run = m.group(0)
        new = _plain(run)
        if new != run and (half_width or HALF_WIDTH.search(run)):
            yield NumberHit(m.start(), m.end(), "fullwidth", {"match": run, "replacement": new}, new)


def half_width_document(text: str) -> bool:
    """Whether more of the document's numbers are written in half-width digits than not."""
    if not FULL_WIDTH.search(text):
        return True
    runs = DIGIT_RUN.findall(text)
    return 2 * sum(1 for r in runs if _plain(r) == r) > len(runs)


def _hits(text: str, arabic_stats: bool, arabic_dates: bool = False, half_width: bool = True) -> Iterator[NumberHit]:
    if FULL_WIDTH.search(text) or "．" in text:
        yield from _full_width(text, half_width)
    mixed = "千" in text or "百" in text
    for m in _finditer(MIXED, MIXED_START, text) if mixed else ():
        start, new = _mixed(m)
        yield NumberHit(start, m.end(), "mixed", {"match": text[start : m.end()], "replacement": new}, new)
    # CHINESE and NO_UNIT end every match in 万 or 亿 (looked for by str.find, much faster)
    big = "万" in text or "亿" in text
    if arabic_stats and big:
        for m in CHINESE.finditer(text):
            try:
                value = chinese_to_int(m.group("num"))
            except ValueError:
                continue  # 三五万, 十几万: approximations written in Chinese numerals are right
            start = m.start("num")
            new = f"{value}{m.group('big')}"
            yield NumberHit(start, m.end(), "chinese", {"match": text[start : m.end()], "replacement": new}, new)
    for m in NO_UNIT.finditer(text) if big else ():
        start = m.start("n")
        new = text[start : m.end()] + "元"
        yield NumberHit(start, m.end(), "no_unit", {"match": text[start : m.end()], "replacement": new}, new)
    years = "年" in text
    for m in YEAR_RUN.finditer(text) if years else ():
        date = _date(text, m, arabic_dates)
        if date is not None:
            yield date
            continue
        if not _year_zero(text, m):
            continue
        new = m.group(0).translate(_TO_LING)
        yield NumberHit(m.start(), m.end(), "year_zero", {"match": m.group(0), "replacement": new}, new)
    for m in YEAR_MIXED.finditer(text) if years else ():
        arabic = _year_mixed(text, m)
        if arabic is not None:
            case = "year_mixed" if any(c in _CN_YEAR_DIGITS or c in "零○◯" for c in m.group(0)) else "year_letter"
            yield NumberHit(m.start(), m.end(), case, {"match": m.group(0), "replacement": arabic}, arabic)
    # every stacked marker holds 约, 近 or 逾, or (1.5万多) 多
    stacked = "约" in text or "近" in text or "逾" in text or "多" in text
    for m in _finditer(STACKED, STACKED_START, text) if stacked else ():
        yield NumberHit(m.start(), m.end(), "stacked", {"match": m.group(0)})
    ranged = "—" in text or "～" in text or "-" in text or "－" in text or "~" in text or "〜" in text  # DASHES
    for m in _finditer(RANGE, RANGE_START, text) if ranged else ():
        unit = m.group("unit")
        new = f"{m.group('a')}{unit}{m.group('dash')}{m.group('b')}{unit}"
        yield NumberHit(m.start(), m.end(), "range", {"match": m.group(0), "replacement": new}, new)


def number_hits(
    para: Paragraph, arabic_stats: bool, arabic_dates: bool = False, half_width: bool = True
) -> list[NumberHit]:
    """The findings of one paragraph, outside quotations and titles, leftmost first, no overlaps."""
    text = para.text
    marked = "“" in text or "《" in text or "「" in text  # every match of QUOTED opens with one
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)] if marked else []
    out: list[NumberHit] = []
    last = -1
    for h in sorted(_hits(text, arabic_stats, arabic_dates, half_width), key=lambda h: (h.start, -h.end)):
        if h.start < last or any(s <= h.start < e for s, e in quoted):
            continue
        last = h.end
        out.append(h)
    return out


_COUNTED = "个项人元吨户家次条座所辆台套件名位批宗亩场期"
# (each begins with a character class, which Python's re scans fast)
ARABIC_STAT = re.compile(rf"[0-9０-９](?:[万亿]|[0-9０-９]+(?:[.．][0-9０-９]+)?[{_COUNTED}])")
CHINESE_STAT = re.compile(rf"[一二两三四五六七八九十百千][一二两三四五六七八九十百千]+(?:万|亿|[{_COUNTED}])")


@register_check("number-format")
class NumberFormat(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        en = self.lang == "en"
        for doc in corpus.documents:
            # 同类别同形式: Chinese-numeral statistics are flagged where Arabic ones are the usual form
            # as many Arabic statistics as Chinese ones, and one at least (counted that far only)
            need = max(1, len(CHINESE_STAT.findall(doc.text)))
            arabic_stats = sum(1 for _ in islice(ARABIC_STAT.finditer(doc.text), need)) == need
            # dates likewise: a date all in Chinese numerals is flagged where Arabic years are the usual form
            arabic_dates = False
            if "年" in doc.text:
                cn_years = len(CN_YEAR.findall(doc.text))
                if cn_years:
                    arabic_years = sum(1 for _ in islice(ARABIC_YEAR.finditer(doc.text), cn_years + 1))
                    arabic_dates = arabic_years > cn_years
            half_width = half_width_document(doc.text)
            for para in doc.paragraphs:
                if para.kind not in SCOPE or para.end <= para.start:
                    continue
                for h in number_hits(para, arabic_stats, arabic_dates, half_width):
                    yield self._finding(doc, para, h, en)

    def _finding(self, doc: Document, para: Paragraph, h: NumberHit, en: bool) -> Finding:
        start, end = para.start + h.start, para.start + h.end
        fix: Fix | None = None
        if h.replacement is not None:
            old = doc.text[start:end]
            desc = f"replace “{old}” with “{h.replacement}”" if en else f"将“{old}”改为“{h.replacement}”"
            fix = self.replace(doc, start, end, h.replacement, desc)
            fix.safe = h.case in (
                "mixed",
                "range",
                "year_zero",
                "year_mixed",
                "year_letter",
                "year_cn",
                "fullwidth",
            )  # the others need the editor's eye (date_chinese: a date line, a quoted document's date?)
        args: dict[str, Any] = dict(h.args)
        return self.finding(doc, start, end, message_key=h.case, fix=fix, data={"case": h.case, **args}, **args)
