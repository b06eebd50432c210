"""One figure, two names: the words a book puts before the same specific amount (8,600万元,
4,860户), compared for one name written two ways (小微企业成长扶持资金 / 小微企业成长扶持基金,
老旧小区改造专项资金 / 老旧小区综合改造专项资金).

``amounts(text, lo, hi)`` finds the amounts of a stretch of prose that are specific enough for
two of them to be one thing: money, areas, lengths and weights with two significant digits or
more, counts with three or more (326家, 4,860户; not 12个). Each keeps the words before it in its
clause (``Amount.head``: where they start); ``amount_spots`` records them for the book index
(``BookIndex.amounts``). ``named_pair(a, b)`` tells, from the words before two equal amounts, the
two names they give it, when those differ only by a few characters inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from yblint import lazyre as re
from yblint.model import Document
from yblint.text.book_index import AmountSpot, Prose
from yblint.text.words import tagged_tokens, tokens

#: units and the kind of quantity they measure (counts need three significant digits)
_UNITS = {
    "元": "money",
    "平方米": "area",
    "平方千米": "area",
    "亩": "area",
    "公顷": "area",
    "千米": "length",
    "公里": "length",
    "吨": "weight",
    **dict.fromkeys(("户", "家", "套", "个", "人次", "人", "名", "辆", "台", "项", "件"), "count"),
    **dict.fromkeys(("所", "座", "间", "张", "批次", "场", "株", "棵", "只", "头"), "count"),
}
_MULT = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
#: a leading character class (the pattern is tried at digits only), then what stands before the
#: first digit checked (no part of a longer number or a code)
_AMOUNT_RE = re.compile(
    r"(?P<num>[0-9](?<![0-9.．,，A-Za-z][0-9])[0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"(?P<mult>万亿|亿|万)?(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
)
#: where the words before an amount stop: a clause mark, a bracket (a subhead's 【】 too), a line end
_CLAUSE_MARKS = "，,；;。：:！!？?、（）()【】〔〕[]\n"
#: the most characters of words kept before an amount
HEAD_CHARS = 30
#: words between a name and its amount (为, 达到, 共计 …), taken off the end of the words before it
_CONNECTOR_RE = re.compile(
    r"(?:为|达到|达|共计|共|合计|总计|累计|计|约|总投资|计划投资|投资总额|总额|金额|规模|总量)+$"
)
#: the most characters the two names may differ by, on each side
MAX_DIFF = 4
#: characters of a name's own: at least this many shared
MIN_SHARED = 4
#: a difference of these is another place or another number, not another way to write one name
_NOT_A_VARIANT = set("0123456789零〇一二两三四五六七八九十百千万亿第东西南北中上下内外前后左右")
#: a difference of these is one of wording (用于“三农”支出 / 用于“三农”的支出), not of a name
_FUNCTION = set("的地得和与及或等之各在对为了是着过")
#: parts of speech a name does not start with (verbs, prepositions, time words, numerals …)
_NOT_NAME_START = {"m", "mq", "q", "t", "f", "x", "zg"}
#: … nor with any word of these classes (verbs but a verbal noun, prepositions, conjunctions,
#: adverbs, pronouns, particles)
_NOT_NAME_CLASS = ("v", "p", "c", "d", "r", "u")


@dataclass(frozen=True)
class Amount:
    """An amount at ``start``..``end`` of its text, ``value`` in its unit (万, 亿 multiplied out),
    ``kind`` of quantity, and where the words before it in its clause start (``head``; up to
    ``words_end``, the amount's start with 为, 达到 … taken off)."""

    start: int
    end: int
    value: float
    unit: str
    head: int
    words_end: int

    @property
    def key(self) -> tuple[float, str]:
        return (round(self.value, 6), self.unit)


def _significant(num: str) -> int:
    digits = num.replace(",", "").replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def amounts(text: str, lo: int, hi: int, keys: set[tuple[float, str]] | None = None) -> list[Amount]:
    """The specific amounts of ``text[lo:hi]``, each with the words before it in its clause;
    with ``keys``, only those of these keys (:attr:`Amount.key`)."""
    out: list[Amount] = []
    for m in _AMOUNT_RE.finditer(text, lo, hi):
        unit = m.group("unit")
        kind = _UNITS[unit]
        if _significant(m.group("num")) < (3 if kind == "count" else 2):
            continue
        value = float(m.group("num").replace(",", "")) * _MULT.get(m.group("mult") or "", 1.0)
        if keys is not None and (round(value, 6), unit) not in keys:
            continue
        if text[m.end() : m.end() + 1] in ("%", "％") or text[m.start() - 1 : m.start()] in ("第", "年"):
            continue
        start = m.start()
        head = start
        floor = max(lo, start - HEAD_CHARS)
        while head > floor and text[head - 1] not in _CLAUSE_MARKS:
            head -= 1
        words = text[head:start]
        cut = _CONNECTOR_RE.search(words)
        words_end = head + (cut.start() if cut else len(words))
        if words_end - head < MIN_SHARED:
            continue
        out.append(Amount(start, m.end(), value, unit, head, words_end))
    return out


def _trim(name: str) -> int:
    """How many characters to take off the front of ``name`` so that it starts with a word a
    name can start with (not 全年, 拨付, 使用 or a quotation mark)."""
    off = 0
    for word, flag in tagged_tokens(name):
        if flag in _NOT_NAME_START or (flag[:1] in _NOT_NAME_CLASS and flag != "vn") or word in _SCOPES:
            off += len(word)
            continue
        if not any("\u3400" <= ch <= "\u9fff" or ch.isalnum() for ch in word):
            off += len(word)  # a quotation mark, a space
            continue
        break
    return off


_QUOTES = "“”‘’《》「」\"' \u3000"
#: the area a figure is for, before its name (全区金融机构本外币存款余额 is 金融机构本外币存款余额)
_SCOPES = frozenset(["全区", "全市", "全县", "全省", "全国", "全镇", "全乡", "全街道", "本区", "本市", "本县"])


def is_count(key: tuple[float, str]) -> bool:
    """The amount of ``key`` counts things (326家, 4,860户)."""
    return _UNITS.get(key[1]) == "count"


def named_pair(a: str, b: str, count: bool = False) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The names two stretches of words before one amount give it, as ``(start, end)`` in each,
    when they are one name written two ways: the stretches end alike and, going back from their
    ends, differ only by pieces of at most :data:`MAX_DIFF` characters (neither numerals nor
    places: 一中 / 二中, 城东 / 城西 are two things) between shared ones, :data:`MIN_SHARED`
    shared characters or more, the shared ones most of each name; the names start where the
    words stop being alike, at a word a name can start with. None when they are not, and, for a
    ``count`` of things, when one name only has a word more just before its last word: the kind
    of thing described more fully (总承包和专业承包企业 / 总承包和专业承包建筑业企业 218家), not a
    name written two ways (城市更新示范项目 / 城市有机更新示范项目 1,260套 is one)."""
    ops = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(a, b)]
    if not ops or ops[-1][0] != "equal":
        return None
    differ = 0
    first = len(ops)
    for k in range(len(ops) - 1, -1, -1):
        tag, i1, i2, j1, j2 = ops[k]
        if tag == "equal":
            first = k
            continue
        size = max(i2 - i1, j2 - j1)
        piece = a[i1:i2] + b[j1:j2]
        if size > MAX_DIFF or differ + size > 2 * MAX_DIFF or _NOT_A_VARIANT & set(piece) or _FUNCTION & set(piece):
            break
        differ += size
    # the names start at the first shared block reached (a difference before it is no part of them)
    _, i0, _, j0, _ = ops[first]
    ta, tb = _trim(a[i0:]), _trim(b[j0:])
    if ta != tb:
        return None  # the same words are cut differently: no name of the same start
    span_a, span_b = _unquoted(a, i0 + ta), _unquoted(b, j0 + tb)
    na, nb = a[span_a[0] : span_a[1]], b[span_b[0] : span_b[1]]
    if na == nb or min(len(na), len(nb)) < MIN_SHARED + 1 or not (_ends_in_noun(na) and _ends_in_noun(nb)):
        return None
    common = sum(min(i2, span_a[1]) - max(i1, span_a[0]) for tag, i1, i2, _j1, _j2 in ops if tag == "equal")
    if common < MIN_SHARED or common < 0.6 * max(len(na), len(nb)):
        return None
    if count and _qualified(na, nb):
        return None
    return span_a, span_b


def _qualified(a: str, b: str) -> bool:
    """The longer of ``a`` and ``b`` is the other with whole words put in just before its last word."""
    long, short = (a, b) if len(a) > len(b) else (b, a)
    words = tokens(long)
    if len(words) < 3 or not short.endswith(words[-1]):
        return False
    last = len(long) - len(words[-1])
    cuts = {0}
    pos = 0
    for w in words:
        pos += len(w)
        cuts.add(pos)
    ops = [o for o in Indel.opcodes(short, long) if o.tag != "equal"]
    return len(ops) == 1 and ops[0].tag == "insert" and ops[0].dest_start in cuts and ops[0].dest_end == last


def _ends_in_noun(name: str) -> bool:
    """A name ends in a noun (资金, 基金, 集团; 用于“三农”支出 ends in a verb: a phrase)."""
    words = tagged_tokens(name)
    return bool(words) and (words[-1][1][:1] == "n" or words[-1][1] == "vn")


def _unquoted(s: str, start: int) -> tuple[int, int]:
    """``s[start:]`` without the quotation marks and spaces at its ends, as (start, end)."""
    end = len(s)
    while start < end and s[start] in _QUOTES:
        start += 1
    while end > start and s[end - 1] in _QUOTES:
        end -= 1
    return start, end


def amount_spots(
    doc: Document, prose: Prose, year: int | None, keys: set[tuple[float, str]] | None = None
) -> list[AmountSpot]:
    """The amounts of ``doc`` (of ``keys`` only, when given): one search of its whole text (a
    clause, so the words before an amount, never crosses a line), each amount kept where it
    stands in prose with its words in its paragraph."""
    found: list[AmountSpot] = []
    for a in amounts(doc.text, 0, len(doc.text), keys):
        pu = prose.at(a.start)
        if pu is not None and a.head >= pu[0].start and a.end <= pu[0].end:
            where = {"amount_start": a.start, "amount_end": a.end}
            found.append(AmountSpot(doc, pu[1], a.head, a.words_end, year, key=a.key, **where))
    return found
