"""The book index: what the whole run says, gathered once, for the rules that read a book as one.

``book_index(corpus)`` walks every prose paragraph of every document of the run (the linted files
and the ``corpus:`` references) once, with regular expressions only, and records:

* **names**: each run of characters that ends in a name suffix (基金, 集团, 中心, 场馆, 用地 …), what
  stands in “” and 《》, and names declared with 以下简称/简称 (``NameSpot``; the left edge of a name
  is not known at this stage: a spot keeps up to ``NAME_CONTEXT`` characters before the suffix, and
  the rules cut candidates from it, with jieba word boundaries, only for the few they compare);
* **slogans**: quoted phrases with numerals (“三个样板区”, “五水共治”) keyed by their words with the
  numerals taken out (``Slogan``);
* **figures**: an indicator from a list (常住人口, 地区生产总值 …) with its scope (全区, a named
  place), period (year, 1—N月, 截至…) and the value as :mod:`yblint.text.numbers` parses it
  (``Figure``);
* **cut-offs**: every period that ends at a stated day or month (1—9月, 截至11月15日, 截至目前)
  (``Cutoff``);
* **amounts**: every specific amount (8,600万元, 4,860户) with the words before it in its clause
  (``AmountSpot``, :mod:`yblint.text.figure_names`).

Each document has a **year** (``document_year``): ``year:`` from the configuration for the
linted files, else a year in the file name, else in the title, else the year the text names most.
Every record carries its document's year, so a 1985 report and a 2015 report never meet.
"""

from __future__ import annotations

import bisect
import weakref
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import Corpus, Document, Paragraph, Sentence, Unit
from yblint.text.figure_context import DASH, DAY, MONTH, FigureContext
from yblint.text.numbers import Number, find_numbers, parse_numeral
from yblint.text.scopes import book_scope, inherited_scope, speaks_for_the_book, stated_scope
from yblint.text.years import document_year, drafts_year, yields_to_book

R = TypeVar("R")

__all__ = [
    "AmountSpot",
    "BookIndex",
    "Cutoff",
    "Figure",
    "NameSpot",
    "Slogan",
    "book_index",
    "build_index",
    "document_year",
    "find_cutoffs",
    "slogan_key",
    "slogan_value",
]

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
NAME_CONTEXT = 12  # characters kept before a name suffix
_SUFFIX_WORDS = """
    基金 集团 有限公司 公司 中心 产业园 科技园 园区 公园 乐园 园 场馆 体育馆 博物馆 纪念馆 图书馆 文化馆 美术馆
    展览馆 艺术馆 馆 研究院 研究所 设计院 学院 学校 中学 小学 幼儿园 大学 医院 卫生院 工程 项目 行动 平台
    综合体 基地 小镇 大厦 广场 街区 委员会 管委会 协会 商会 联合会 总会 办公室 用地 示范区 保护区 开发区 集聚区
    功能区 试验区 新区 片区 新城 工作站 服务站 驿站 大道 大桥 隧道 景区 市场 指挥部 救援队 志愿队 服务队
    合作社 银行 研究会 促进会 基金会 联盟 工作室 实验室 数据库 计划
"""
NAME_SUFFIXES = sorted(_SUFFIX_WORDS.split(), key=len, reverse=True)
_NAME_RE = re.compile(f"(?:{'|'.join(NAME_SUFFIXES)})")
_RUN_RE = re.compile(f"[{CJK}]+$")
_QUOTED_RE = re.compile(r"“([^“”\n]{2,24})”|《([^《》\n]{2,40})》")
_DECLARED_RE = re.compile(r"[（(]\s*(?:以下)?简称\s*[“\"]?([^”\"）)\n，,]{1,16})[”\"]?\s*[）)]")

# --- records ------------------------------------------------------------------------------------


@dataclass(eq=False)
class Spot:
    """A place in a document: ``start``/``end`` are offsets into ``document.text``."""

    document: Document
    unit: Unit | None
    start: int
    end: int
    year: int | None

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]


@dataclass(eq=False)
class NameSpot(Spot):
    """A name's end: ``text`` is the suffix-ended run (``context`` characters before it kept),
    or, for ``kind`` ``quoted``/``title``/``declared``, the whole name."""

    kind: str = "suffix"
    context: int = 0  # offset where the run before the suffix starts (suffix kind)
    suffix: str = ""


@dataclass(eq=False)
class Slogan(Spot):
    """A quoted phrase with numerals: ``key`` is its words with every numeral replaced by #."""

    key: str = ""
    numerals: tuple[str, ...] = ()


@dataclass(eq=False)
class Cutoff(Spot):
    """A period that ends on a stated day: ``month``/``day`` (day None for a month's end), or
    ``open`` for 截至目前 (up to now); ``stated_year`` when the text names the year."""

    label: str = ""
    month: int | None = None
    day: int | None = None
    stated_year: int | None = None
    open: bool = False
    part: bool = False  # 上半年, 前三季度, 一季度: a part of the year named, not a day
    sentence_end: int = 0  # end of the sentence it stands in


@dataclass(eq=False)
class AmountSpot(Spot):
    """The words before a specific amount in its clause (``start``..``end``; 为, 达到 … left out),
    and the amount: ``key`` (its value in its unit, the unit), where it stands and as written."""

    key: tuple[float, str] = (0.0, "")
    amount_start: int = 0
    amount_end: int = 0

    @property
    def amount(self) -> str:
        return self.document.text[self.amount_start : self.amount_end]


@dataclass(eq=False)
class Figure(Spot):
    """An indicator stated with a value: ``kind`` is ``level`` (常住人口69.9万人) or ``growth``
    (地区生产总值增长8.5%); ``scope`` is the place it is for, or ``""`` when unstated (then it
    compares only within its unit); ``period`` is ``"year"`` or a part (``"1—9月"`` …)."""

    indicator: str = ""
    scope: str = ""
    period: str = "year"
    kind: str = "level"
    number: Number | None = None
    negative: bool = False


class BookIndex:
    """The names, declared short forms, slogans, figures and cut-offs of a book. Each kind is found
    on first use (a rule that reads only names never splits sentences for figures), document by
    document in the corpus's order; an index made empty (``BookIndex()``) is filled by hand."""

    def __init__(self, corpus: Corpus | None = None, year: int | None = None) -> None:
        self.years: dict[int, int | None] = {}  # id(document) -> year
        self.linted_year: int | None = None  # the year most linted documents are of
        self._docs: list[tuple[Document, int | None, Prose]] = []
        if corpus is not None:
            found = [(doc, document_year(doc, year)) for doc in corpus.all_documents]
            # a draft that names no year is of the book's year: the one its other drafts are of;
            # so is one whose year is a weak guess from its text (a unit's draft naming only
            # 2022年亚运 is a 2021 draft: its names and figures are the book's)
            book = Counter(y for doc, y in found if y is not None and not doc.reference).most_common(1)
            # a weak guess yields only to the year of more than half of the documents, linted and
            # reference (a hook's one draft and the rest of the book), or to the configured one
            most = drafts_year(corpus.all_documents, year)
            for doc, y in found:
                if y is not None and most is not None and yields_to_book(doc, year, most):
                    y = most
                elif y is None and book and not doc.reference:
                    y = book[0][0]
                self.years[id(doc)] = y
                self._docs.append((doc, y, Prose(doc)))
            linted = Counter(self.years[id(doc)] for doc in corpus.documents).most_common(1)
            self.linted_year = linted[0][0] if linted else None
        self._names: list[NameSpot] | None = None
        self._declared: list[tuple[str, str]] = []  # (full name, short form)
        self._slogans: list[Slogan] = []
        self._figures: list[Figure] | None = None
        self._compared: list[Figure] | None = None
        self._cutoffs: list[Cutoff] | None = None
        self._amounts: list[AmountSpot] | None = None

    def _find_names(self) -> list[NameSpot]:
        if self._names is None:
            names: list[NameSpot] = []
            for doc, y, prose in self._docs:
                _names(doc, prose, y, self, names)
            self._names = names
        return self._names

    @property
    def names(self) -> list[NameSpot]:
        return self._find_names()

    @property
    def declared(self) -> list[tuple[str, str]]:
        self._find_names()
        return self._declared

    @property
    def slogans(self) -> list[Slogan]:
        self._find_names()
        return self._slogans

    @property
    def figures(self) -> list[Figure]:
        if self._figures is None:
            self._figures = _scoped_by_book([f for doc, y, prose in self._docs for f in _figures(doc, prose, y)])
        return self._figures

    @property
    def compared_figures(self) -> list[Figure]:
        """The figures a linted document's figure can be compared with, in the order of
        :attr:`figures`: every figure of the linted documents, and those of the reference documents
        that name an indicator one of them names (a commit hook's references are most of the
        book, and most of their figures are of other indicators). All of them without references."""
        if self._figures is not None or not any(doc.reference for doc, _y, _p in self._docs):
            return self.figures
        if self._compared is None:
            self._compared = _scoped_by_book(self._linted_first(_figures, lambda f: f.indicator))
        return self._compared

    def _linted_first(self, find: Callable[..., list[R]], key: Callable[[R], Hashable]) -> list[R]:
        """What ``find(doc, prose, year, keys)`` records, in the documents' order: all of it in the
        linted documents, and in the reference documents only what has a ``key`` one of those has
        (``keys`` passed to ``find``, so that it need not make the others)."""
        linted = {id(doc): find(doc, prose, y, None) for doc, y, prose in self._docs if not doc.reference}
        keys = {key(x) for found in linted.values() for x in found}
        return [
            x
            for doc, y, prose in self._docs
            for x in (linted[id(doc)] if not doc.reference else find(doc, prose, y, keys))
        ]

    @property
    def cutoffs(self) -> list[Cutoff]:
        if self._cutoffs is None:
            self._cutoffs = []
            for doc, y, prose in self._docs:
                _cutoffs(doc, prose, y, self._cutoffs)
        return self._cutoffs

    @property
    def amounts(self) -> list[AmountSpot]:
        """The amounts a linted document's amount can be compared with: every amount of the
        linted documents, and those of the reference documents of a key one of them has (a commit
        hook's references are most of the book, and most of their amounts are of other values)."""
        if self._amounts is None:
            from yblint.text.figure_names import amount_spots

            self._amounts = self._linted_first(amount_spots, lambda a: a.key)
        return self._amounts

    def year_of(self, doc: Document) -> int | None:
        return self.years.get(id(doc))

    def is_record(self, doc: Document) -> bool:
        """Whether ``doc`` is a record the linted drafts answer to: a reference document of
        another year than theirs (last year's book, a published bulletin), not one of the same
        book (a commit hook's references are the rest of this year's drafts: their peers)."""
        return doc.reference and self.year_of(doc) != self.linted_year


# --- cut-offs -----------------------------------------------------------------------------------

_CN_MONTH = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")} | {"十一": 11, "十二": 12}
_YEARP = r"(?:(?P<y{n}>(?:19|20)\d\d|[一二三四五六七八九〇○零]{{4}})\s*年\s*)?"
_CUTOFF_RE = re.compile(
    rf"{_YEARP.format(n=1)}(?P<range>(?:1|一){DASH}(?P<rm>{MONTH})\s*月份?)"
    rf"|(?P<to>截[至止](?:到|于)?)\s*(?:(?P<open>目前|当前|现在|发稿|今天|本报告期末)"
    rf"|{_YEARP.format(n=2)}(?:(?P<m>{MONTH})\s*月\s*(?:(?P<d>{DAY})\s*日|(?P<end>底|末|份))?))"
    rf"|(?P<part>前三季度|上半年|(?:第)?一季度)"
)


_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _year_value(s: str) -> int:
    """2021 from 2021 or 二〇二一."""
    return int(s.translate(_CN_YEAR_DIGITS))


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _CN_MONTH[s]


_CUTOFF_ANCHOR = re.compile(r"[1一]\s*[-—–－~～至到]|截[至止]|前三季度|上半年|一季度")
_RANGE_DASHES = "-—–－~～至到"
_ANCHOR_WORDS = ("截", "前三季度", "上半年", "一季度")


def cutoff_anchors(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches of ``_CUTOFF_ANCHOR.finditer(text, start, end)``, the pattern tried only where
    one can start: at 截 前三季度 上半年 一季度, and at a 1 or 一 that spaces at most part from a
    dash, 至 or 到 (each found with ``str.find``), not at every 一 and 1 of the text."""
    end = len(text) if end is None else end
    starts: list[int] = []
    for word in _ANCHOR_WORDS:
        i = text.find(word, start, end)
        while i >= 0:
            starts.append(i)
            i = text.find(word, i + 1, end)
    for dash in _RANGE_DASHES:
        i = text.find(dash, start, end)
        while i >= 0:
            j = i - 1
            while j >= start and text[j].isspace():
                j -= 1
            if j >= start and text[j] in "1一":
                starts.append(j)
            i = text.find(dash, i + 1, end)
    starts.sort()
    out: list[re.Match[str]] = []
    last = start
    for i in starts:
        if i < last:
            continue
        m = _CUTOFF_ANCHOR.match(text, i, end)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_YEAR_BEFORE = re.compile(r"(?:(?:19|20)\d\d|[一二三四五六七八九〇○零]{4})\s*年\s*$")


def find_cutoffs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, dict]]:
    """Early cut-offs in ``text[start:end]``: (start, end, fields) with fields ``label``,
    ``month``, ``day``, ``stated_year``, ``open``. A period ending at the end of December is not
    one; 截至2021年 (a year alone) is not one."""
    end = len(text) if end is None else end
    out = []
    for a in cutoff_anchors(text, start, end):  # _CUTOFF_ANCHOR.finditer(text, start, end)
        if a.group(0)[0] in "1一" and a.start() > start and text[a.start() - 1].isdigit():
            continue  # 11-12月, 21—30
        lo = a.start()
        yb = _YEAR_BEFORE.search(text, max(start, lo - 8), lo)
        if yb and a.group(0)[0] in "1一":
            lo = yb.start()
        m = _CUTOFF_RE.match(text, lo, end)
        if m is None:
            continue
        y = m.group("y1") or m.group("y2")
        year = _year_value(y) if y else None
        if m.group("range"):
            mo = _month(m.group("rm"))
            if mo >= 12 or text[m.end("rm") - 1 : m.end("rm") + 1].isdigit():
                continue
            out.append((m.start(), m.end(), _fields(m, mo, None, year)))
        elif m.group("to"):
            if m.group("open"):
                out.append((m.start(), m.end(), {"label": m.group(0), "open": True, "month": None, "day": None}))
                continue
            if not m.group("m"):
                continue
            mo = _month(m.group("m"))
            day = int(m.group("d")) if m.group("d") else None
            if mo == 12 and (day is None or day >= 31):
                continue
            out.append((m.start(), m.end(), _fields(m, mo, day, year)))
        else:
            part = m.group("part")
            mo = {"前三季度": 9, "上半年": 6}.get(part, 3)
            out.append((m.start(), m.end(), {"label": part, "month": mo, "day": None, "part": True}))
    return out


def _fields(m: re.Match, month: int, day: int | None, year: int | None) -> dict:
    return {"label": re.sub(r"\s+", "", m.group(0)), "month": month, "day": day, "stated_year": year}


# --- slogans ------------------------------------------------------------------------------------

_NUMERAL_RE = re.compile(r"第?[0-9一二两三四五六七八九十百千万]+")
_ORDINAL_AFTER = re.compile(r"[号期届代连轮版]")  # 嫦娥五号, 八连增: a number in a series, a name
_PLAN_RE = re.compile(r"[一二三四五六七八九十]+五")  # 十四五: the Nth five-year plan, a name
_NOT_NUMERAL = re.compile(r"十字|万[家户物众]|千[家方]|一[体流线带]|统一|唯一|同一|万一")


def slogan_key(phrase: str) -> tuple[str, tuple[str, ...]] | None:
    """(key, numerals) of a quoted phrase with numerals, or None: “三个样板区” → ("#个样板区",
    ("三",)). Ordinals (第二) and five-year plans (十四五) stay in the key; a phrase of numerals
    alone, or with fewer than three other characters (“千万工程” and “百千工程”
    are two programmes, not one with two numerals), is not a slogan."""
    numerals: list[str] = []
    masked = _NOT_NUMERAL.sub(lambda m: "\0" * len(m.group(0)), phrase)

    def repl(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("第") or _PLAN_RE.fullmatch(s) or "\0" in s or _ORDINAL_AFTER.match(masked, m.end()):
            return phrase[m.start() : m.end()]
        numerals.append(s)
        return "#"

    key = _NUMERAL_RE.sub(repl, masked)
    key = "".join(phrase[i] if ch == "\0" else ch for i, ch in enumerate(key)) if "\0" in masked else key
    if not numerals or len(re.findall(f"[{CJK}A-Za-z]", key)) < 3:
        return None
    return key, tuple(numerals)


def slogan_value(numerals: tuple[str, ...]) -> tuple | None:
    """The values of a slogan's numerals (两 and 二 are one value), or None when one is zero:
    “最多跑一次” and “跑零次” are two slogans, not one with a slip."""
    out: list[float | str] = []
    for n in numerals:
        try:
            v = parse_numeral(n)
        except ValueError:
            out.append(n)
            continue
        if v == 0:
            return None
        out.append(v)
    return tuple(out)


# --- figures ------------------------------------------------------------------------------------

_INDICATOR_WORDS = """
    常住人口 户籍人口 户籍总人口 总人口 出生人口 地区生产总值 国内生产总值 生产总值 GDP 财政总收入
    一般公共预算收入 地方一般公共预算收入 一般公共预算支出 地方财政收入 财政收入 财政支出 税收收入
    城镇居民人均可支配收入 农村居民人均可支配收入 居民人均可支配收入 城镇常住居民人均可支配收入
    农村常住居民人均可支配收入 农民人均纯收入 社会消费品零售总额 固定资产投资 全社会固定资产投资
    规模以上工业增加值 规上工业增加值 工业增加值 规模以上工业总产值 规上工业总产值 工业总产值 进出口总额
    外贸进出口总额 出口总额 进口总额 实际利用外资 实际使用外资 粮食产量 粮食总产量 城镇新增就业 新增城镇就业
    城镇登记失业率 城镇调查失业率 旅游总收入 市场主体 人口自然增长率 出生率 森林覆盖率 限额以上批发零售业销售额
    服务业增加值 第三产业增加值 数字经济核心产业增加值 高新技术产业增加值 研发投入 研究与试验发展经费支出
    高新技术企业 接待游客 接待国内外游客 公路通车里程 公路总里程
"""
INDICATORS = sorted(_INDICATOR_WORDS.split(), key=len, reverse=True)
#: names of one indicator written two ways (规上 for 规模以上, GDP, 服务业 for 第三产业 …): figures
#: under either name are the same indicator's
_SAME_INDICATOR = {
    "生产总值": "地区生产总值",
    "GDP": "地区生产总值",
    "户籍总人口": "户籍人口",
    "规上工业增加值": "规模以上工业增加值",
    "规上工业总产值": "规模以上工业总产值",
    "外贸进出口总额": "进出口总额",
    "实际使用外资": "实际利用外资",
    "粮食总产量": "粮食产量",
    "接待国内外游客": "接待游客",
    "公路总里程": "公路通车里程",
    "城镇常住居民人均可支配收入": "城镇居民人均可支配收入",
    "农村常住居民人均可支配收入": "农村居民人均可支配收入",
    "服务业增加值": "第三产业增加值",
    "研究与试验发展经费支出": "研发投入",
    "新增城镇就业": "城镇新增就业",
}


def indicator_key(indicator: str) -> str:
    """The one name of an indicator written under any of its names (规上工业增加值 → 规模以上工业增加值)."""
    return _SAME_INDICATOR.get(indicator, indicator)


_IND_RE = re.compile("|".join(re.escape(i) for i in INDICATORS))
_CONNECT_RE = re.compile(
    r"\s*(?:[（(][A-Za-z]{2,5}[）)])?\s*(?:总量|总额|规模)?\s*"  # 地区生产总值（GDP）
    r"(?:达到了?|达|为|是|实现|完成|共计|共|合计|总计|约为|突破|超过|有)?\s*"
)
_GROWTH_RE = re.compile(
    r"\s*(?:比上年|比去年|较上年|同比|比\d{4}年)?\s*(?P<dir>增长|增加|提高|上升|下降|减少|回落)了?\s*"
)
_PLAN_UNIT_RE = re.compile(r"任务|目标|计划|安排|规划|建议|五年|十年")
_NUMBER_START = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千约近超逾不大将接至最多高突")
_CJK_CHAR = re.compile(f"[{CJK}]")
_SCOPE_BEFORE_RE = re.compile(r"(?:[省市区县镇乡国道年月末底的现成计中有]|全年|其中|有效期内|(?<![一-鿿])按)$")


def _scoped_by_book(figures: list[Figure]) -> list[Figure]:
    """``figures``, those that name no scope in a unit that speaks for the book's area (a
    department, an overview: ``speaks_for_the_book``) given the book's scope of their year (全市,
    the one its figures name most): 全年城镇新增就业6.28万人 in 国民经济概况 is the city's."""
    by_year: dict[int | None, list[str]] = {}
    for f in figures:
        by_year.setdefault(f.year, []).append(f.scope)
    scopes = {y: book_scope(s) for y, s in by_year.items()}
    for f in figures:
        if not f.scope and scopes[f.year] and f.unit is not None and speaks_for_the_book(f.unit.name or ""):
            f.scope = scopes[f.year]
    return figures


def _sentence_at(para: Paragraph, pos: int, starts: dict[int, list[int]]) -> Sentence | None:
    """The sentence of ``para`` that holds ``pos`` (by bisection: a long paragraph has hundreds),
    or None; ``starts`` keeps each paragraph's sentence starts."""
    sentences = para.sentences
    at = starts.get(para.index)
    if at is None:
        at = starts[para.index] = [x.start for x in sentences]
    i = bisect.bisect_right(at, pos) - 1
    return sentences[i] if i >= 0 and pos < sentences[i].end else None


def _figures(doc: Document, prose: Prose, year: int | None, indicators: set[str] | None = None) -> list[Figure]:
    """The figures of ``doc``; with ``indicators``, only those of these indicators (the pattern
    still finds every indicator, so that a longer one is not read as a shorter one inside it)."""
    out: list[Figure] = []
    text = doc.text
    starts: dict[int, list[int]] = {}  # the sentences' starts of each paragraph asked, by its index
    context = FigureContext(text)  # the text before each figure, each sentence read once for all of them
    for m in _IND_RE.finditer(text):
        if indicators is not None and m.group(0) not in indicators:
            continue
        pu = prose.at(m.start())
        if pu is None:
            continue
        para, unit = pu
        s = _sentence_at(para, m.start(), starts)
        if s is None:
            continue
        sent = context.sentence(s)
        at, stop = m.start() - s.start, m.end() - s.start
        prev = sent[at - 1 : at]
        if prev and "\u3400" <= prev <= "\u9fff" and not _SCOPE_BEFORE_RE.search(sent, max(0, at - 4), at):
            continue  # inside a longer term (常规财政收入, 人均地区生产总值)
        gm = _GROWTH_RE.match(sent, stop)
        if gm:
            kind, pos, negative = "growth", gm.end(), gm.group("dir") in ("下降", "减少", "回落")
        else:
            cm = _CONNECT_RE.match(sent, stop)
            kind, pos, negative = "level", cm.end() if cm else stop, False
        if pos >= len(sent) or sent[pos] not in _NUMBER_START:
            continue
        nums = find_numbers(sent, pos, min(len(sent), pos + 24))
        if not nums or nums[0].start != pos or nums[0].role is not None:
            continue
        n = nums[0]
        if n.unit is None and (n.multiplier == 1 or _CJK_CHAR.match(sent, n.end)):
            continue  # a bare number (常住人口3) or an unknown unit (1.3万亿斤); 69.9万 alone is a figure
        after = sent[n.end : n.end + 2]
        if after[:1] in ("、", "-", "—", "～", "~", "至", "到") or after.startswith("和"):
            continue  # a range or a list of figures
        if kind == "growth" and n.unit not in ("%", "个百分点", "倍"):
            continue
        if kind == "level" and n.unit in ("%", "个百分点", "倍") and not m.group(0).endswith("率"):
            continue
        full_start = context.full_start(para, m.start())
        if context.target_before(para, full_start, s.start + pos) or n.approx == "左右":
            continue  # a target (预期增长6%左右, 到2025年达到…, …比上年预计增加), not a result
        if context.span_before(para, m.start()) or (unit.name and _PLAN_UNIT_RE.search(unit.name)):
            continue  # several years (过去五年…, 五年来) or a plan (今年主要任务): not one year's figure
        fy, part = context.period(s, at, year)
        out.append(
            Figure(
                doc,
                unit,
                m.start(),
                s.start + n.end,
                fy,
                indicator=m.group(0),
                scope=stated_scope(sent, at, context.words, s.start)
                or inherited_scope(text, para.start, s.start, context.words),
                period=part,
                kind=kind,
                number=n,
                negative=negative,
            )
        )
    return out


# --- building -----------------------------------------------------------------------------------


class Prose:
    """The prose paragraphs of a document, found by offset (a bisection, not a scan)."""

    def __init__(self, doc: Document) -> None:
        self.paras: list[tuple[Paragraph, Unit]] = [(p, u) for u in doc.units for p in u.paragraphs if p.is_prose]
        self.paras.sort(key=lambda pu: pu[0].start)
        self.starts = [p.start for p, _ in self.paras]

    def at(self, offset: int) -> tuple[Paragraph, Unit] | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        p, u = self.paras[i]
        return (p, u) if offset < p.end else None


def _names(doc: Document, prose: Prose, year: int | None, idx: BookIndex, names: list[NameSpot]) -> None:
    text = doc.text
    for m in _NAME_RE.finditer(text):
        s = m.start()
        pu = prose.at(s)
        if pu is None or m.end() > pu[0].end:
            continue
        run = _RUN_RE.search(text, max(pu[0].start, s - NAME_CONTEXT), s)
        c = run.start() if run else s
        if s - c >= 2:
            names.append(NameSpot(doc, pu[1], c, m.end(), year, kind="suffix", context=c, suffix=m.group(0)))
    for m in _QUOTED_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        pu = prose.at(m.start())
        if pu is None or m.end() > pu[0].end:
            continue
        unit = pu[1]
        names.append(
            NameSpot(doc, unit, m.start(g), m.end(g), year, kind="quoted" if g == 1 else "title", context=m.start(g))
        )
        if g == 1:
            sk = slogan_key(m.group(1))
            if sk is not None:
                idx._slogans.append(Slogan(doc, unit, m.start(1), m.end(1), year, key=sk[0], numerals=sk[1]))
    k = text.find("简称")
    while k >= 0:
        # the bracket opens up to four characters before 简称: （以下简称 （简称 ( 简称
        dm = next((x for b in (4, 3, 2, 1) if (x := _DECLARED_RE.match(text, max(0, k - b), k + 24))), None)
        k = text.find("简称", k + 2)
        if dm is None:
            continue
        pu = prose.at(dm.start())
        short = dm.group(1).strip()
        if pu is None or not short:
            continue
        # the full name: what stands before the bracket, back to the clause's start
        j = dm.start()
        if j > pu[0].start and text[j - 1] in "”》":
            j -= 1
        i = j
        while i > pu[0].start and j - i < 30 and text[i - 1] not in "，。；：、（(“《\n":
            i -= 1
        if i < j:
            idx._declared.append((text[i:j], short))
            names.append(NameSpot(doc, pu[1], dm.start(1), dm.end(1), year, kind="declared", context=dm.start(1)))


def _cutoffs(doc: Document, prose: Prose, year: int | None, out: list[Cutoff]) -> None:
    for a, b, f in find_cutoffs(doc.text):
        pu = prose.at(a)
        if pu is None:
            continue
        sent_end = next((x.end for x in pu[0].sentences if x.start <= a < x.end), pu[0].end)
        out.append(
            Cutoff(
                doc,
                pu[1],
                a,
                b,
                year,
                label=f["label"],
                month=f.get("month"),
                day=f.get("day"),
                stated_year=f.get("stated_year"),
                open=bool(f.get("open")),
                part=bool(f.get("part")),
                sentence_end=sent_end,
            )
        )


def build_index(corpus: Corpus, year: int | None = None) -> BookIndex:
    """Index every prose paragraph of every document of ``corpus`` (references included): one
    pass of each pattern over each document's text."""
    return BookIndex(corpus, year)


_CACHE: weakref.WeakKeyDictionary[Corpus, BookIndex] = weakref.WeakKeyDictionary()


def book_index(corpus: Corpus) -> BookIndex:
    """The index of ``corpus``, built on first use and shared by every rule of the run."""
    idx = _CACHE.get(corpus)
    if idx is None:
        idx = _CACHE[corpus] = build_index(corpus, getattr(corpus, "year", None))
    return idx
