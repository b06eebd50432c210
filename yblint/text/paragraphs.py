"""Shared knowledge about Chinese punctuation and broken text, used by the rules for truncated
sentences, split paragraphs, unbalanced paired marks and layout markers.

* which marks end a sentence, a clause, a lead-in; which marks come in pairs;
* newspaper continuation notes such as （下转6版） and （紧接4版）;
* what is not a sentence at all: bylines, bracketed notes, dash-led subtitles, enumerated heads;
* how a paragraph ends and starts (:func:`paragraph_end`, :func:`paragraph_start`);
* whether two consecutive paragraphs are one paragraph broken by a blank line
  (:func:`paragraph_joins`), including whether the break cuts a word in two (:func:`cut_word`).

Everything works on character offsets into ``Document.text``, like the rest of the model.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import HEADING, LIST_ITEM, PROSE, Document, Paragraph
from yblint.text.marks import (
    CLAUSE_FINAL,
    CLOSERS,
    CONTINUING,
    DASHES,
    FAMILY,
    HAN_RANGES,
    LEAD_IN,
    OPENERS,
    SENTENCE_FINAL,
    SPACE,
    char_class,
    is_ascii_alnum,
    is_han,
    is_page_number,
    partner,
    skip_space,
    trim_space,
    unmatched_brackets,
)
from yblint.text.words import is_word as _is_word
from yblint.text.words import may_span as _may_span
from yblint.text.words import tokens as _tokens

# ---------------------------------------------------------------------------------------------
# layout markers

_N = r"[0-9０-９一二三四五六七八九十百]{1,4}"
#: a newspaper continuation note: （下转6版） （紧接4版） （上接3版） （转第8版） （接上页） 下转第6版
LAYOUT_MARKER = re.compile(
    r"[（(]\s*(?:"
    rf"(?:下转|上接|紧接|接|转|续|下接)\s*(?:第\s*)?{_N}\s*(?:版|页|面)(?:\s*{_N}\s*栏)?"
    r"|(?:接|续|转)\s*(?:上|下|前|后)\s*(?:一)?\s*(?:版|页)"
    r")\s*[）)]"
    rf"|(?:下转|上接|紧接)(?:第)?{_N}(?:版|页)"
)
_MARKER_FROM = re.compile(
    r"上接|紧接|接上|续上|接前|续前|^[（(]?\s*(?:接|续)\s*(?:第\s*)?[0-9０-９一二三四五六七八九十百]"
)


#: what a continuation note starts with: a bracket, or 下转/上接/紧接 without one
_MARKER_OPENINGS = ("（", "(", "下转", "上接", "紧接")


def find_markers(text: str) -> list[re.Match[str]]:
    """The matches of ``LAYOUT_MARKER.finditer(text)``, found from the places where a note can
    start (each found with ``str.find``): the pattern is tried there only, not at every 上 of
    the text."""
    starts: list[int] = []
    for opening in _MARKER_OPENINGS:
        i = text.find(opening)
        while i >= 0:
            starts.append(i)
            i = text.find(opening, i + 1)
    starts.sort()
    out: list[re.Match[str]] = []
    last = 0
    for i in starts:
        if i < last:
            continue
        m = LAYOUT_MARKER.match(text, i)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def marker_direction(marker: str) -> str:
    """``from`` for a note saying the text comes from another page (（紧接4版）, （接上页）),
    ``to`` for one saying it goes on elsewhere (（下转6版）, （转第8版）)."""
    return "from" if _MARKER_FROM.search(marker) else "to"


# ---------------------------------------------------------------------------------------------
# paragraphs that are not sentences

_BYLINE_WORDS = (
    "撰稿|审稿|供稿|执笔|撰文|统稿|编审|编辑|责任编辑|责编|摄影|图片|校对|审核|审定|来源|作者|通讯员|记者|"
    "撰稿人|审稿人|供稿人|供稿单位|资料提供|提供|资料来源|数据来源"
)
_BYLINE = re.compile(rf"^[（(【\[]?\s*(?:{_BYLINE_WORDS})\s*[：:]")
_ENUMERATOR = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十百]{1,3}\s*[、，,．.是要来]"  # 一、 一是 二要
    r"|第[一二三四五六七八九十百\d]{1,3}\s*[、，,．.是条章节部项]"  # 第一， 第二条
    r"|[（(]\s*[一二三四五六七八九十百\d０-９a-zA-Z]{1,3}\s*[)）]"  # （一） (1)
    r"|[0-9０-９]{1,3}\s*(?:[、)）]|[.．](?![0-9０-９]))"  # 1、 1) 1.
    r"|[a-zA-Z]\s*[.)）]"  # a) b.
    r"|[①-⑳⑴-⒇⒈-⒛❶-❿]"
    r"|[一二三四五六七八九十]{1,3}\s*[)）]"  # 一）
    r"|[-*•·●○■□◆◇▪►]\s*"
    r")"
)


def is_byline(text: str) -> bool:
    """（撰稿：王晓明　审稿：李建国）, 供稿：区统计局, 来源：… — credit lines, not sentences."""
    return _BYLINE.match(text.strip(SPACE)) is not None


def is_bracketed_note(text: str) -> bool:
    """The whole paragraph is one bracketed group: （2020年5月28日…通过）, 【附】…】."""
    t = text.strip(SPACE)
    if len(t) < 2 or t[0] not in OPENERS or FAMILY.get(t[-1]) != FAMILY[t[0]] or t[-1] not in CLOSERS:
        return False
    return partner(t, 0) == len(t) - 1


def is_subtitle(text: str) -> bool:
    """——2024年3月5日在…会议上: a dash-led subtitle or date line."""
    t = text.lstrip(SPACE)
    return t.startswith(("——", "──", "—", "－－"))


def starts_with_enumerator(text: str) -> bool:
    """一、 （一） 第一， 一是 1. 1) ① - : the paragraph opens an item of a series."""
    return _ENUMERATOR.match(text.lstrip(SPACE)) is not None


#: a table's or a figure's caption: 表2　2025年末经营主体构成, 图1-2 …, 附表3 …
_CAPTION = re.compile(r"^附?[表图]\s*[0-9０-９]{1,3}(?:[-—－–.．][0-9０-９]{1,3})?(?:[\s\u3000]|$)")


def is_caption(text: str) -> bool:
    """表2　2025年末南湖区经营主体构成: the caption of a table or figure, not a sentence."""
    return _CAPTION.match(text.lstrip(SPACE)) is not None


def is_non_sentence(p: Paragraph) -> bool:
    """Headings, tables, code, HTML, bylines (source notes: 资料来源：…), bracketed notes, dash-led
    subtitles, captions (表2　…) and page numbers left from the layout (— 186 —, layout-marker's)
    are never sentences: the rules for cut-off text leave them alone."""
    if not p.is_prose:
        return True
    text = p.text
    return (
        not text.strip(SPACE)
        or is_byline(text)
        or is_bracketed_note(text)
        or is_subtitle(text)
        or is_caption(text)
        or is_page_number(text)
    )


def non_sentences(doc: Document) -> list[bool]:
    """:func:`is_non_sentence` of each of the document's paragraphs, in order, found once for
    the rules that read every paragraph's end (split-paragraph, truncated-sentence)."""
    found = doc.derived.get("non_sentences")
    if found is None:
        found = doc.derived["non_sentences"] = [is_non_sentence(p) for p in doc.paragraphs]
    return found


# ---------------------------------------------------------------------------------------------
# how a paragraph ends and starts


@dataclass(frozen=True)
class End:
    """How a paragraph's text ends.

    ``kind``: ``final`` (。！？… possibly followed by closing marks or a bracketed note),
    ``clause`` (；), ``lead_in`` (：), ``continuing`` (，、), ``open`` (no punctuation: a character
    or a closing mark after one). ``last`` is the offset of the last significant character (the
    cut point), ``end`` the offset just past it, ``marker`` a continuation note after it, if any.
    """

    kind: str
    last: int
    end: int
    marker: tuple[int, int] | None = None

    @property
    def unfinished(self) -> bool:
        return self.kind in ("continuing", "open")


@dataclass(frozen=True)
class Start:
    """How a paragraph's text starts: ``first`` is the offset of its first significant
    character, ``marker`` a continuation note before it, ``kind`` ``marker`` (a note saying the
    text continues from another page), ``punct`` (，。、； … cannot open a sentence) or ``text``."""

    kind: str
    first: int
    marker: tuple[int, int] | None = None


def _kind_of(ch: str, text: str, i: int) -> str:
    if ch in SENTENCE_FINAL:
        return "final"
    if ch == "." and not (i > 0 and text[i - 1].isdigit()):
        return "final"
    if ch in CLAUSE_FINAL:
        return "clause"
    if ch in LEAD_IN:
        return "lead_in"
    if ch in CONTINUING or ch in DASHES:
        return "continuing"
    return "open"


_MD_TRAIL = re.compile(r"(?:[*_~`]+|\[\^[^\]\s]+\]|<br\s*/?>|\s+)+$")
_MD_LEAD = re.compile(r"[*_~`]+")


_HTML_TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*[\s/>]")


def _html_spans(p: Paragraph) -> list[tuple[int, int]]:
    """Inline HTML and comments in a Markdown paragraph (from ``Document.literal_spans``)."""
    text = p.document.text
    return [(s, e) for s, e in p.document.literal_spans if p.start <= s < p.end and _HTML_TAG.match(text, s)]


def _markdown_trim(p: Paragraph, start: int, end: int) -> int:
    """End of a Markdown paragraph without trailing emphasis, footnote references, <br>, and
    inline HTML and comments (全区共接警1504次。<!-- 待核实 --> ends with 。)."""
    if p.document.format != "markdown":
        return end
    html = {e: s for s, e in _html_spans(p)}
    while True:
        m = _MD_TRAIL.search(p.document.text, start, end)
        new = m.start() if m else end
        if new in html and html[new] >= start:
            new = html[new]
        if new == end:
            return end
        end = new


#: marks that end a sentence and close nothing: a paragraph of plain text ending in one ends there
_FINAL_ONLY = frozenset(SENTENCE_FINAL - CLOSERS)


def paragraph_end(p: Paragraph) -> End:
    text = p.document.text
    start, end = p.start, trim_space(text, p.start, p.end)
    if end > start and text[end - 1] in _FINAL_ONLY and p.document.format != "markdown":
        # most paragraphs: no Markdown to trim, and a continuation note ends in ） 版 or 页
        return End("final", end - 1, end, None)
    end = _markdown_trim(p, start, end)
    marker = None
    # a continuation note at the very end: （下转6版）
    for m in LAYOUT_MARKER.finditer(text, max(start, end - 20), end):
        if m.end() == end and marker_direction(m.group(0)) == "to":
            marker = (m.start(), m.end())
            end = trim_space(text, start, m.start())
            break
    if end <= start:
        return End("open", start, start, marker)
    last = end - 1
    if text[last] in CLOSERS:
        # the sentence ends inside the closing marks (“…。”) or a note follows it (…。（完）)
        j = last - 1
        while j >= start and text[j] in CLOSERS:
            j -= 1
        if j >= start and _kind_of(text[j], text, j) == "final":
            return End("final", last, end, marker)
        if FAMILY.get(text[last]) in ("（", "[", "【", "〔"):
            opener = partner(text, last, start)
            if opener is not None:
                k = trim_space(text, start, opener) - 1
                if k >= start and _kind_of(text[k], text, k) == "final":
                    return End("final", last, end, marker)
    return End(_kind_of(text[last], text, last), last, end, marker)


_LEADING_PUNCT = set("，,、。；;：:？！?!")


def paragraph_start(p: Paragraph) -> Start:
    text = p.document.text
    end = p.end
    first = skip_space(text, p.start, end)
    if p.document.format == "markdown":
        html = dict(_html_spans(p))
        while first in html:  # <!-- 注 -->（紧接4版）…: inline HTML before the text
            first = skip_space(text, html[first], end)
        lead = _MD_LEAD.match(text, first, end)
        first = skip_space(text, lead.end(), end) if lead else first
    m = LAYOUT_MARKER.match(text, first, end)
    if m is not None:
        after = skip_space(text, m.end(), end)
        kind = "marker" if marker_direction(m.group(0)) == "from" else "text"
        return Start(kind, after, (m.start(), m.end()))
    if first < end and text[first] in _LEADING_PUNCT:
        return Start("punct", first)
    return Start("text", first)


def has_sentence_end(p: Paragraph, before: int) -> bool:
    """Whether the paragraph has a complete sentence (。！？…) before offset ``before``."""
    text = p.document.text
    return any(text[i] != "." and _kind_of(text[i], text, i) == "final" for i in range(p.start, min(before, p.end)))


# ---------------------------------------------------------------------------------------------
# words: where a break cuts a word in two


#: single-character words that cannot end a sentence: a paragraph ending in one was cut off
DANGLING = set("和与及或并而且但把被将向从对于为以让使给比跟同因由自至未不没很更最又也都就才再还已其之该各每此这那在")


#: Han characters looked at on each side of a break when asking whether it cuts a word
WORD_REACH = 8
#: characters of a figure looked at before a break (二千四百万, 1234.56)
NUMBER_REACH = 12
#: characters of the next paragraph looked at for the rest of a cut word or number
NEXT_REACH = 12


#: up to WORD_REACH Han characters ending a text, starting one
_HAN_TAIL = re.compile(f"{char_class(*HAN_RANGES)}{{1,{WORD_REACH}}}\\Z")
_HAN_HEAD = re.compile(f"{char_class(*HAN_RANGES)}{{0,{WORD_REACH}}}")


def cut_word(left: str, right: str) -> tuple[str, int] | None:
    """If joining ``left`` and ``right`` puts the join inside a word, (the word, how many of its
    characters are in ``left``); else None. Only Han characters next to the join are looked at."""
    m = _HAN_TAIL.search(left, max(0, len(left) - WORD_REACH))
    head = left[m.start() :] if m else ""
    n = _HAN_HEAD.match(right)
    tail = right[: n.end()] if n else ""
    if not head or not tail or not _may_span(head, tail):
        return None  # no word of the dictionary stands across the join: jieba cannot cut one there
    pos = 0
    for w in _tokens(head + tail):
        e = pos + len(w)
        if pos < len(head) < e:
            a = len(head) - pos
            # two complete words that happen to form a compound are not a cut word
            if _is_word(w[:a]) and _is_word(w[a:]):
                return None
            return w, a
        if pos >= len(head):
            break
        pos = e
    return None


NUMERALS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两")
#: measure words and units that follow a number: 二千四百万 | 人
MEASURES = set(
    "人个家项元件次名户所座条台辆吨米亩千万亿年月日天岁倍种批位间套张本册场起例处宗幢栋架艘部只头匹株棵斤克升里度股周届轮篇份支片块%‰"
)


def cut_number(left: str, right: str) -> tuple[str, int] | None:
    """``left`` ends with a number and ``right`` starts with its measure word or unit (二千四百万 |
    人，…): (the number and unit, length of the number), else None."""
    i = len(left)
    while i > 0 and (left[i - 1] in NUMERALS or left[i - 1] in ".．") and len(left) - i < NUMBER_REACH:
        i -= 1
    number = left[i:].lstrip(".．")
    if not number or not right or right[0] not in MEASURES:
        return None
    if is_han(number[-1]):
        k = len(left)
        while k > 0 and is_han(left[k - 1]) and len(left) - k < WORD_REACH:
            k -= 1
        if not set(_tokens(left[k:])[-1]) <= NUMERALS:
            return None  # 统一 | 年…: the numeral belongs to a word
    if right[0] in "%‰":
        return number + right[0], len(number)
    j = 0
    while j < len(right) and is_han(right[j]) and j < WORD_REACH:
        j += 1
    if j == 0 or len(_tokens(right[:j])[0]) != 1:
        return None  # 人民…, 个人…: a word, not a unit
    return number + right[0], len(number)


#: connectives and prepositions of two characters that cannot end a sentence either (…，其中)
DANGLING_WORDS = {
    "其中", "以及", "及其", "并且", "而且", "但是", "或者", "由于", "因为", "所以", "如果", "虽然", "即使",
    "不仅", "对于", "关于", "包括", "以便", "为了", "随着", "根据", "按照", "围绕", "针对",
}  # fmt: skip


def ends_dangling(text: str) -> bool:
    """Whether ``text`` ends in a word that cannot end a sentence (…，无人员伤亡，未; …，其中)."""
    i = len(text)
    while i > 0 and is_han(text[i - 1]) and len(text) - i < WORD_REACH:
        i -= 1
    head = text[i:]
    if not head or (head[-1] not in DANGLING and not any(head.endswith(w) for w in DANGLING_WORDS)):
        return False
    if head[-1] in DANGLING and not _may_span(head[:-1], head[-1]):
        return True  # no word of the dictionary ends with that character here: it stands alone
    last = _tokens(head)[-1]
    return (len(last) == 1 and last in DANGLING) or last in DANGLING_WORDS


_DATE = r"(?:(?:1[89]|20)[0-9]{2}|[〇零一二三四五六七八九]{4})年(?:度|初|底|末|中)?"
_MONTH_DAY = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:月(?:份|初|底|末|中|[上中下]旬)?|日)"
#: a time that opens a sentence: 2021年， 11月， 2021年5月28日， 今年以来， 同年，
_NEW_SENTENCE = re.compile(
    rf"^(?:(?:{_DATE})?(?:{_MONTH_DAY}){{0,2}}(?<=[年度初底末中月份旬日])(?:以来|期间|前后)?"
    r"|(?:今年|去年|全年|同年|当年|是年|年内|近年|近年来|上半年|下半年|[一二三四]季度|此外|另外|与此同时)(?:以来)?)"
    r"[，,]"
    # a heading-like start: a body named before a colon (区妇联：…), a bracketed title (【家庭教育】…)
    r"|^(?!其中|包括|分别|即|如|例如|比如|具体)[^，。；：！？、,;:!?\s“”《》（）()]{2,16}[：:](?![0-9])|^【"
)


def starts_new_sentence(text: str) -> bool:
    """Whether a paragraph's text opens a sentence of its own: a time and a comma (2021年，区妇联…),
    a body named before a colon, or a bracketed title. Such a paragraph does not continue the
    one before it on weak evidence (a trailing ， or a dangling 与)."""
    return _NEW_SENTENCE.match(text.lstrip(SPACE)) is not None


# ---------------------------------------------------------------------------------------------
# split paragraphs


@dataclass(frozen=True)
class Join:
    """``first`` and ``second`` are one paragraph broken by a blank line.

    ``kind`` says how we know:

    * ``word``: a word cut in two (``word``; ``split`` of its characters are in the first half);
    * ``number``: a number and its unit cut apart (二千四百万 | 人);
    * ``punct``: the second half starts with ，。、 …;
    * ``bracket``: the second half closes a bracket or quotation the first half opened;
    * ``continuing``: the first half ends with ，、;
    * ``token``: a Latin word or number cut in two (PM | 2.5);
    * ``dangling``: the first half ends in a word that cannot end a sentence (…，与).
    """

    first: Paragraph
    second: Paragraph
    kind: str
    end: End
    start: Start
    word: str = ""
    split: int = 0

    @property
    def cut_start(self) -> int:
        """Start of the first half's end as reported: the cut word's first part, or the last character."""
        return self.end.end - self.split if self.kind in ("word", "number") else self.end.last

    @property
    def second_end(self) -> int:
        """End of the second half's start as reported: the cut word's second part, or the first character."""
        if self.kind in ("word", "number"):
            return self.start.first + len(self.word) - self.split
        return self.start.first + 1


def _unclosed_families(text: str, start: int, end: int) -> set[str]:
    return {FAMILY[text[i]] for i in unmatched_brackets(text, [(start, end)]).opened}


#: a paragraph that opens with one character and then a figure (场1处，开放测试道路…): the character
#: is the end of a word the paragraph before broke off (测试|场), unless it is a word that stands
#: before a figure of its own (在1979年, 第3, 共12家, 约5万, 年均6%)
_ORPHAN_HEAD = re.compile(r"[\u4e00-\u9fff][0-9０-９]")
_FIGURE_LEADS = frozenset("在自从为于第至到共约近达计合每比较和与及或等逾超占按年月日是有增减降升")


def join_of(
    p: Paragraph, q: Paragraph, since: int | None = None, non_sentence: tuple[bool, bool] | None = None
) -> Join | None:
    """Whether ``q`` continues ``p`` (consecutive paragraphs of one unit and one kind); ``since``
    is where the text ``p`` ends started, if ``p`` itself continues earlier paragraphs;
    ``non_sentence``: :func:`is_non_sentence` of ``p`` and ``q``, when known."""
    if p.kind != q.kind or not p.is_prose or p.unit is not q.unit:
        return None
    if non_sentence is None:
        non_sentence = (is_non_sentence(p), is_non_sentence(q))
    if non_sentence[0] or non_sentence[1]:
        return None
    end = paragraph_end(p)
    if end.marker is not None or end.end <= p.start or end.kind in ("final", "clause", "lead_in"):
        return None  # (without the start of q, which changes nothing then)
    start = paragraph_start(q)
    if start.marker is not None or start.first >= q.end:
        return None
    # list items are often short entries without punctuation: only a cut word or mark joins them
    strong_only = p.kind == LIST_ITEM
    text = p.document.text
    if starts_with_enumerator(text[start.first : q.end]):
        return None
    a, b = text[end.last], text[start.first]
    if start.kind == "punct":
        return Join(p, q, "punct", end, start)
    if is_han(a) and is_han(b):
        cut = cut_word(text[p.start : end.end], text[start.first : min(q.end, start.first + NEXT_REACH)])
        if cut is not None:
            return Join(p, q, "word", end, start, word=cut[0], split=cut[1])
    number = cut_number(text[p.start : end.end], text[start.first : min(q.end, start.first + NEXT_REACH)])
    if number is not None:
        return Join(p, q, "number", end, start, word=number[0], split=number[1])
    if b in CLOSERS and FAMILY[b] in _unclosed_families(text, p.start if since is None else since, end.end):
        return Join(p, q, "bracket", end, start)
    if is_ascii_alnum(a) and (is_ascii_alnum(b) or b in ".%"):
        return Join(p, q, "token", end, start)
    if not strong_only and is_han(a) and b not in _FIGURE_LEADS and _ORPHAN_HEAD.match(text, start.first, q.end):
        return Join(p, q, "dangling", end, start)  # 建成智能网联汽车测试 | 场1处: 场 ends the word before
    if strong_only or starts_new_sentence(text[start.first : q.end]):
        return None
    if end.kind == "continuing":
        return Join(p, q, "continuing", end, start)
    if is_han(a) and ends_dangling(text[p.start : end.end]):
        return Join(p, q, "dangling", end, start)
    return None


def heading_join(h: Paragraph, q: Paragraph, q_non_sentence: bool | None = None) -> Join | None:
    """Whether a line that the plain-text rule took for a unit heading (short, no punctuation) is
    really the first half of a word cut by a blank line (…联合建立民企发 | 展顾问制度): only a cut word
    is evidence enough to doubt a heading."""
    if h.kind != HEADING or h.level != 0 or h.document.format == "markdown":
        return None
    if q.kind != PROSE or q.unit is not h.unit:
        return None
    if is_non_sentence(q) if q_non_sentence is None else q_non_sentence:
        return None
    text = h.document.text
    end = trim_space(text, h.start, h.end)
    start = paragraph_start(q)
    if end <= h.start or start.marker is not None or start.first >= q.end:
        return None
    if not (is_han(text[end - 1]) and is_han(text[start.first])):
        return None
    cut = cut_word(text[h.start : end], text[start.first : min(q.end, start.first + NEXT_REACH)])
    if cut is None:
        return None
    return Join(h, q, "word", End("open", end - 1, end, None), start, word=cut[0], split=cut[1])


def paragraph_joins(doc: Document) -> dict[int, Join]:
    """Every split paragraph of a document: ``Paragraph.index`` of the first half -> Join."""
    joins = doc.derived.get("paragraph_joins")
    if joins is None:
        joins = {}
        paras = doc.paragraphs
        ns = non_sentences(doc)
        since = None
        for k, (p, q) in enumerate(itertools.pairwise(paras)):
            j = join_of(p, q, since, (ns[k], ns[k + 1])) or heading_join(p, q, ns[k + 1])
            if j is not None:
                joins[p.index] = j
                since = p.start if since is None else since
            else:
                since = None
        doc.derived["paragraph_joins"] = joins
    return joins


def logical_paragraphs(doc: Document) -> Iterator[list[Paragraph]]:
    """Paragraphs with text (prose, list items, headings) grouped so that a paragraph broken by a
    blank line is one group."""
    joins = paragraph_joins(doc)
    group: list[Paragraph] = []
    for p in doc.paragraphs:
        if not (p.is_prose or p.kind == "heading"):
            continue
        if group and group[-1].index in joins and joins[group[-1].index].second is p:
            group.append(p)
            continue
        if group:
            yield group
        group = [p]
    if group:
        yield group
