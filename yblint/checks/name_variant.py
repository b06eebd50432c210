"""name-variant: one thing written two ways in the book.

Reads the book index (yblint.text.book_index): the names that end in a name suffix, quoted and
title names, declared short forms and quoted slogans, all of one year. Kinds of variant:

* ``swap``: the words of a name in another order (中金阿斯利康基金 / 阿斯利康中金基金);
* ``slip``: one character of a fixed term swapped for its usual confusion (创新型 / 创新性 产业用地,
  城市规划馆 / 城市规化馆);
* ``added``: a character more or less inside a name (亚运电竞场馆 / 亚运电竞馆);
* ``truncated``: two or three characters cut from inside a name, leaving a piece that is no word
  (中国红十字会总会 / 中国红总会);
* ``changed``: one character changed inside a long name of one body (婚姻家庭纠纷调解委员会 /
  婚姻家事纠纷调解委员会), not in a place's or a person's name, no numeral or direction;
* ``numeral``: one quoted slogan with another numeral (“三个样板区” / “四个样板区”);
* ``figure``: two names that differ by a few characters inside, each stated with the same
  specific amount (小微企业成长扶持资金8,600万元 / 小微企业成长扶持基金8,600万元; a word added,
  老旧小区综合改造专项资金, counts here: the amount says it is one thing).

Never a variant: names that differ by a numeral outside quotes (第一中学 / 第二中学), a name and
a longer name that contains it whole (区委 / 区委宣传部), slogans with other words (“两个确立” /
“两个维护”), a full name and its declared short form, and forms from books of different years.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.collector import paused
from yblint.finding import Finding, Location
from yblint.i18n import line_name, tr
from yblint.model import Corpus, Document
from yblint.text.book_index import AmountSpot, BookIndex, NameSpot, book_index, slogan_value
from yblint.text.figure_names import is_count, named_pair
from yblint.text.name_words import cuts, in_first_word, in_place_word, inner, placed_head, shared_head
from yblint.text.words import is_word, tagged_tokens, tokens, word_freq

MIN_PREFIX = 2  # characters before the suffix
MAX_PREFIX = 10
SLIPS = {"型": "性", "性": "型", "账": "帐", "帐": "账", "象": "像", "像": "象", "划": "化", "化": "划"}
_SLIP_CHARS = frozenset(SLIPS)
NUMERALS = set("0123456789零〇一二两三四五六七八九十百千万亿第")
NOT_NAME_START = {
    "v",
    "vd",
    "vi",
    "p",
    "c",
    "m",
    "mq",
    "q",
    "d",
    "r",
    "u",
    "ul",
    "uj",
    "uz",
    "ud",
    "ug",
    "uv",
    "a",
    "ad",
    "zg",
}
VERBISH = {"v", "p", "u", "ul", "uj", "uz", "ud", "ug", "uv", "c"}
MODIFIERS = set("小大新老总分副子次主")
FUNCTION = set("的和与及或等之各在对为了是、多余近约")
KINDS = {
    "swap": {"zh": "词序颠倒", "en": "words swapped"},
    "slip": {"zh": "一字之差", "en": "one character confused"},
    "added": {"zh": "多字或少字", "en": "a character added or dropped"},
    "truncated": {"zh": "名称被截短", "en": "the name cut short"},
    "numeral": {"zh": "提法中的数字不同", "en": "another numeral in the slogan"},
    "changed": {"zh": "一字之差", "en": "one character changed"},
    "figure": {"zh": "两处数字同为“{figure}”", "en": "both stated with {figure}"},
}
#: an amount stated this many times or more in a year is a common figure (a round sum, a count
#: every unit gives): the names before it are not compared
COMMON_AMOUNT = 12


@dataclass(eq=False)
class Form:
    text: str
    spots: list[tuple[Document, int, int, int]]  # (document, start, end, context start)
    suffix: str = ""  # the name suffix it ends in, for names found by their suffix
    figure: str = ""  # the amount it stands with, for names compared by their amount (kind figure)

    @property
    def count(self) -> int:
        return len(self.spots)

    @property
    def first(self) -> tuple[Document, int, int, int]:
        return self.spots[0]


def _boundary(spot: tuple[Document, int, int, int]) -> bool:
    """Whether the form starts at a word boundary in its context (jieba, no HMM)."""
    doc, start, end, ctx = spot
    if start <= ctx:
        return True
    pos = ctx
    for t in tokens(doc.text[ctx:end]):
        if pos == start:
            return True
        if pos > start:
            return False
        pos += len(t)
    return False


def _at_boundary(form: Form) -> bool:
    return any(_boundary(s) for s in form.spots[:5])


def _any_boundary(form: Form) -> bool:
    """The form can be a name: it starts at a word boundary somewhere, and its first word is no
    verb, preposition, conjunction, numeral, measure word, adverb, pronoun, particle or adjective
    (对于五年计划, 设立革命委员会, 所县医院 are a name with words of the sentence before it)."""
    return _first_word_ok(form.text) and _at_boundary(form)


@lru_cache(maxsize=8192)
def _first_word_ok(text: str) -> bool:
    words = tagged_tokens(text)
    return not words or words[0][1] not in NOT_NAME_START


#: suffixes of a kind of thing, not of one body (临江区重大科技项目 / 临江区科技重大项目: a class)
CLASS_SUFFIXES = frozenset(["项目", "工程", "行动", "用地", "平台", "基地", "市场", "园区", "片区", "功能区", "集聚区"])
COMMON = 500  # a word this frequent in jieba's dictionary is a common word, not part of a name


def _common(s: str) -> bool:
    return word_freq(s) >= COMMON


@lru_cache(maxsize=8192)
def _has_verb(text: str) -> bool:
    """A verb, preposition or particle among the words: a phrase of a sentence (事项交给市场,
    财政拨款改为银行), not a name."""
    return any(flag in VERBISH for _w, flag in tagged_tokens(text)) or bool(FUNCTION & set(text))


@lru_cache(maxsize=8192)
def _is_word(s: str) -> bool:
    return len(s) >= 2 and is_word(s)


def _all_words(s: str) -> bool:
    return all(len(t) >= 2 and is_word(t) for t in tokens(s))


#: the fewest characters of a name (its suffix too) told apart from another by one character
CHANGED_MIN = 10
_DIRECTIONS = set("东西南北中上下内外前后左右")


def _changed_pairs(forms: dict[str, Form], aside: set[str] | frozenset[str]) -> list[tuple[str, str]]:
    """Pairs of names of one body (a suffix not of a kind of thing) of :data:`CHANGED_MIN`
    characters or more that differ by one character after their first word: no numeral or
    direction (第一/第二, 城东/城西), nothing of a place's or a person's name (石桥村/石塘村)."""
    # only forms that share their length, first character and suffix with another can be a pair:
    # the others are not masked (most forms of a book stand alone so)
    alike: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for t, f in forms.items():
        if f.suffix and f.suffix not in CLASS_SUFFIXES and len(t) >= CHANGED_MIN:
            alike[(len(t), t[0], f.suffix)].append(t)
    masked: dict[str, list[str]] = defaultdict(list)
    for (_n, _first, suffix), group in alike.items():
        if len(group) < 2:
            continue
        for t in group:
            if FUNCTION & set(t):
                continue  # 竞争力的大公司和企业集团: a phrase of a sentence
            for i in range(1, len(t) - len(suffix)):  # the first word is checked for the pairs found
                masked[t[:i] + "\0" + t[i + 1 :]].append(t)
    out: list[tuple[str, str]] = []
    for key, group in masked.items():
        if len(group) < 2:
            continue
        i = key.index("\0")
        for j, a in enumerate(group):
            for b in group[j + 1 :]:
                if (a in aside and b in aside) or (NUMERALS | _DIRECTIONS) & {a[i], b[i]}:
                    continue
                fa, fb = forms[a], forms[b]
                if _shared(fa, fb) or not (_any_boundary(fa) and _any_boundary(fb)):
                    continue
                if in_first_word(a, i) or in_place_word(a, i) or in_place_word(b, i):
                    continue
                out.append((a, b))
    return out


@register_check("name-variant")
class NameVariant(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        # tens of thousands of small forms and keys, none of them cyclic: the collector would
        # scan the whole book's model again and again while they are made
        with paused():
            return self._run(corpus)

    def _run(self, corpus: Corpus) -> list[Finding]:
        idx = book_index(corpus)
        shorts: dict[str, list[str]] = defaultdict(list)
        for full, short in idx.declared:
            shorts[short].append(full)
        by_year: dict[int | None, list[NameSpot]] = defaultdict(list)
        for n in idx.names:
            by_year[n.year].append(n)
        amounts_by_year: dict[int | None, list[AmountSpot]] = defaultdict(list)
        for a in idx.amounts:
            amounts_by_year[a.year].append(a)
            by_year.setdefault(a.year, [])
        findings: list[Finding] = []
        # a pair of forms found only in the reference documents cannot give a finding (the form to
        # correct must stand in a linted file): with references, such pairs are not looked at
        with_references = bool(corpus.references)
        for year, spots in by_year.items():
            linted: set[str] | None = set() if with_references else None
            forms = self._forms(spots, linted)
            found = self._pairs(forms, linted)
            found = [*found, *_figure_pairs(amounts_by_year.get(year, []))]
            pairs = [_ranked(k, a, b, idx) for k, a, b in found if not _declared(shorts, a.text, b.text)]
            # one pair of places seen through a longer or shorter left edge, or with a shorter
            # suffix (服务性园区 inside 服务性园区用地): keep the longest reading of the place
            pairs.sort(key=lambda p: (-len(p[2].text), -len(p[1].text), _order(p[2].first)))
            taken: list[tuple[int, int, int]] = []
            for kind, major, minor in pairs:
                if _only_reference(minor):
                    continue  # nothing in the linted files to correct
                spans = [(id(d), st, en) for d, st, en, _ in minor.spots]
                if any(i == j and st < e2 and s2 < en for i, st, en in spans for j, s2, e2 in taken):
                    continue
                taken.extend(spans)
                findings.append(self._finding(kind, major, minor, year))
        slogans = defaultdict(list)
        for s in idx.slogans:
            slogans[(s.year, s.key)].append(s)
        for (year, _key), group in slogans.items():
            by_value: dict[tuple, Form] = {}
            for s in group:
                value = slogan_value(s.numerals)
                if value is None:
                    continue
                f = by_value.setdefault(value, Form(s.text, []))
                f.spots.append((s.document, s.start, s.end, s.start))
            if len(by_value) < 2:
                continue
            ranked = sorted(by_value.values(), key=lambda f: (not _only_record(f, idx), -f.count, _order(f.first)))
            major = ranked[0]
            for minor in ranked[1:]:
                if _only_reference(minor):
                    continue
                findings.append(self._finding("numeral", major, minor, year, quoted=True))
        return findings

    # --- forms ----------------------------------------------------------------------------------

    @staticmethod
    def _forms(spots: list[NameSpot], linted: set[str] | None = None) -> dict[str, Form]:
        """The forms of the names at ``spots``, by their text; ``linted``, if given, gets the
        texts of those that stand in a linted document (not only in the references)."""
        forms: dict[str, Form] = {}
        for n in spots:
            text = n.document.text
            seen = linted if linted is not None and not n.document.reference else None
            if n.kind == "suffix":
                s = n.end - len(n.suffix)
                for c in range(max(n.context, s - MAX_PREFIX), s - MIN_PREFIX + 1):
                    t = text[c : n.end]
                    f = forms.get(t)
                    if f is None:
                        f = forms[t] = Form(t, [], n.suffix)
                    f.spots.append((n.document, c, n.end, n.context))
                    if seen is not None:
                        seen.add(t)
            else:
                t = text[n.start : n.end]
                f = forms.get(t)
                if f is None:
                    f = forms[t] = Form(t, [])
                f.spots.append((n.document, n.start, n.end, n.start))
                if seen is not None:
                    seen.add(t)
        for f in forms.values():
            if len(f.spots) > 1:
                f.spots.sort(key=_order)
        return forms

    def _pairs(self, forms: dict[str, Form], linted: set[str] | None = None) -> Iterable[tuple[str, Form, Form]]:
        """The pairs of forms that may be one name written two ways. ``linted``, with reference
        documents (--corpus): the forms that stand in a linted document; the pairs of two others,
        which stand only in the references, are left out: they can give no finding (``_run``
        skips a pair whose form to correct is such a form)."""
        out: list[tuple[str, Form, Form]] = []
        # the forms that stand only in reference documents (none when there are none)
        aside = forms.keys() - linted if linted is not None else set()
        slips: dict[str, list[str]] = defaultdict(list)
        items = list(forms.items())
        ends: dict[str, list[int]] = defaultdict(list)  # first and last character -> forms
        for j, t in enumerate(forms):
            ends[t[:1] + t[-1:]].append(j)
        for t in _holding(list(forms), _SLIP_CHARS):
            for i, ch in enumerate(t):
                if ch in SLIPS and 0 < i < len(t) - 1:
                    slips[t[:i] + "?" + t[i + 1 :]].append(t)
        # swapped words
        for group in _rotation_groups(items):
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a in aside and b in aside:
                        continue
                    if (
                        not (FUNCTION & set(a))
                        and self._swapped(a, b, forms[a].suffix)
                        and not _shared(forms[a], forms[b])
                        and _any_boundary(forms[a])
                        and _any_boundary(forms[b])
                    ):
                        out.append(("swap", forms[a], forms[b]))
        # one-character confusions
        for group in slips.values():
            if len(set(group)) < 2:
                continue
            a, b = group[0], group[1]
            if a in aside and b in aside:
                continue
            fa, fb = forms[a], forms[b]
            # the word before the slip may read as a verb in the slipped form (学习性 / 学习型)
            if (_first_word_ok(a) or _first_word_ok(b)) and _at_boundary(fa) and _at_boundary(fb):
                out.append(("slip", forms[a], forms[b]))
        # one character changed inside the name of one body after its place (临江区婚姻家庭纠纷
        # 调解委员会 / 临江区婚姻家事纠纷调解委员会)
        for a, b in _changed_pairs(forms, aside):
            out.append(("changed", forms[a], forms[b]))
        # a character (or a cut piece) more or less: the shorter form is the longer one with a piece
        # cut from inside it, so it keeps the first and last character: only forms of the same ends
        # and of lengths 1-4 apart are compared, the shorter looked up by its text
        longer: list[tuple[int, list[tuple[int, list[str]]]]] = []
        for same in ends.values():
            if len(same) < 2 or (aside and all(items[j][0] in aside for j in same)):
                continue  # alone, or only in the references: no pair here can give a finding
            by_len: dict[int, list[str]] = {}
            for j in same:
                t = items[j][0]
                by_len.setdefault(len(t), []).append(t)
            if len(by_len) < 2:
                continue
            for j in same:
                n = len(items[j][0])
                ks = [(k, by_len[n - k]) for k in (1, 2, 3, 4) if n - k >= 4 and n - k in by_len]
                if ks:
                    longer.append((j, ks))
        longer.sort(key=lambda jk: jk[0])
        for j, ks in longer:
            t, f = items[j]
            verbish = bool(FUNCTION & set(t))  # a phrase of a sentence, whatever is cut from it
            for k, shorter in ks:
                if t in aside:  # only a shorter form in a linted file can give a finding with it
                    shorter = [x for x in shorter if x not in aside]
                for i, g in _cut_among(t, k, shorter, forms):
                    short, piece = g.text, t[i : i + k]
                    if verbish or all(c in NUMERALS for c in piece) or any(c in FUNCTION for c in piece):
                        continue
                    if _shared(f, g):
                        continue  # one place read with two left edges (拱投投资公司)
                    kind = self._added(t, short, i, k)
                    legal_form = kind == "added" and k == 2  # …股份有限公司 / …有限公司: a company, whatever its words
                    if not kind or (_has_verb(t) and not legal_form):
                        continue  # a phrase of a sentence (the short form, a name cut, may read as one)
                    if _any_boundary(f) and _any_boundary(g):
                        out.append((kind, f, g))
        yield from out

    @staticmethod
    def _swapped(a: str, b: str, suffix: str) -> bool:
        """b is a with its two parts before the shared suffix swapped, each part two or more
        characters and cut at a word boundary on both sides."""
        if len(a) != len(b) or a == b:
            return False
        pa, pb = a[: -len(suffix)], b[: -len(suffix)]
        for k in range(2, len(pa) - 1):
            if pb == pa[k:] + pa[:k]:
                if _common(pa[:k]) and _common(pa[k:]):
                    return False  # two common words in either order (科技重大项目): a phrase, not a name
                return k in cuts(pa) and (len(pa) - k) in cuts(pb)
        if suffix in CLASS_SUFFIXES:
            return False
        # after the place that owns it, two words of one name swapped, common words or not: the
        # place makes it a proper name (清河区产业引导发展基金 / 清河区产业发展引导基金)
        head = placed_head(pa, pb)
        if head:
            ra, rb = inner(pa, pb, head)
            return any(rb == ra[k:] + ra[:k] for k in range(2, len(ra) - 1))
        # after the words both begin with, or before those both end with, two parts swapped that are
        # not both common words (运河科创产业引导基金 / 运河产业科创引导基金; 科技重大 / 重大科技 is a phrase)
        head = shared_head(pa, pb)
        ra, rb = inner(pa, pb, head)
        if (head or len(ra) < len(pa)) and len(ra) >= 4:
            for k in range(2, len(ra) - 1):
                if rb == ra[k:] + ra[:k]:
                    return not (_common(ra[:k]) and _common(ra[k:])) and k in cuts(ra)
        return False

    @staticmethod
    def _added(long: str, short: str, i: int, k: int) -> str | None:
        """``added`` for one character more inside a name, ``truncated`` for a piece of 2-4 cut out
        that leaves a lone character which is no word; None for a longer name made of whole words
        (农产品批发市场 / 农产品市场) or one that only adds a qualifier."""
        if k == 2 and long[i : i + 2] == "股份" and long.endswith("股份有限公司") and short.endswith("有限公司"):
            return "added"  # one company, with and without 股份 in its legal form (…股份有限公司 / …有限公司)
        if k == 1:
            # the character must sit inside a word of the long form (电竞场馆 / 电竞馆), not be a word
            # of its own added between two words, nor a modifier (运河税滴 / 运河小税滴)
            if long[i] in MODIFIERS:
                return None
            at = cuts(long)
            if i in at and i + 1 in at:
                return None
            lo = max((c for c in at if c <= i), default=0)
            hi = min((c for c in at if c > i), default=len(long))
            word = long[lo:hi]
            if _is_word(word) and _is_word(word.replace(long[i], "", 1)):
                return None  # one word made another (县中医院 / 县医院): two things
            if _all_words(long) and _all_words(short):
                return None  # two phrases of dictionary words (产业项目 / 产业链项目): two things
            return "added"
        # the cut starts inside a word of the long form (红|十字会, 个|体劳动者), and the character
        # left of it stands alone, no word, in the short form
        if i in cuts(long):
            return None
        pos = 0
        for t in tokens(short):
            if pos == i - 1:
                return "truncated" if len(t) == 1 else None
            pos += len(t)
        return None

    # --- finding --------------------------------------------------------------------------------

    def _finding(self, kind: str, major: Form, minor: Form, year: int | None, quoted: bool = False) -> Finding:
        doc, start, end, _ = _first_linted(minor)
        mdoc, mstart, mend, _ = major.first
        lang = self.lang if self.lang in ("zh", "en") else "zh"
        q = ("“", "”") if quoted else ("", "")
        data = {
            "kind": kind,
            "year": year,
            "suggestion": major.text,
            "forms": [_form_dict(major), _form_dict(minor)],
        }
        if minor.figure:
            data["figure"] = minor.figure
        return self.finding(
            doc,
            start,
            end,
            message_key="slogan" if kind == "numeral" else "default",
            related=[Location(mdoc, mstart, mend)],
            data=data,
            key=f"{kind}\x1f{minor.text}\x1f{major.text}",
            form=f"{q[0]}{minor.text}{q[1]}",
            count=minor.count,
            other=f"{q[0]}{major.text}{q[1]}",
            other_count=major.count,
            other_where=where_of(mdoc, mstart, lang),
            kind=KINDS[kind][lang].format(figure=minor.figure),
        )


def _figure_pairs(spots: list[AmountSpot]) -> list[tuple[str, Form, Form]]:
    """``figure`` pairs: the names two places give one specific amount, where they differ by a few
    characters inside (yblint.text.figure_names.named_pair), each name a form with the places it
    stands with that amount. Amounts stated :data:`COMMON_AMOUNT` times or more are left out."""
    by_key: dict[tuple[float, str], list[AmountSpot]] = defaultdict(list)
    for a in spots:
        by_key[a.key].append(a)
    out: list[tuple[str, Form, Form]] = []
    for group in by_key.values():
        if len(group) < 2 or len(group) >= COMMON_AMOUNT or all(a.document.reference for a in group):
            continue  # alone, common, or only in the references (nothing there to correct)
        forms: dict[str, Form] = {}
        named: list[tuple[str, str]] = []
        for i, a in enumerate(group):
            wa = a.text
            for b in group[i + 1 :]:
                wb = b.text
                if wa == wb or (a.document is b.document and a.end == b.end):
                    continue
                if a.document.reference and b.document.reference:
                    continue
                got = named_pair(wa, wb, count=is_count(a.key))
                if got is None:
                    continue
                texts = []
                for spot, (s0, s1) in ((a, got[0]), (b, got[1])):
                    t = spot.document.text[spot.start + s0 : spot.start + s1]
                    f = forms.setdefault(t, Form(t, [], figure=spot.amount))
                    place = (spot.document, spot.start + s0, spot.start + s1, spot.start + s0)
                    if place not in f.spots:
                        f.spots.append(place)
                    texts.append(t)
                if texts[0] != texts[1] and tuple(texts) not in named and tuple(texts[::-1]) not in named:
                    named.append((texts[0], texts[1]))
        for f in forms.values():
            f.spots.sort(key=_order)
        for ta, tb in named:
            out.append(("figure", forms[ta], forms[tb]))
    return out


def _cut_among(t: str, k: int, shorter: list[str], forms: dict[str, Form]) -> list[tuple[int, Form]]:
    """What ``_cut_from(t, k, forms)`` finds, given ``shorter``: the forms of length ``len(t) - k``
    with the first and last character of ``t``. Each is compared with ``t`` (one half of it
    stands in ``t`` as it is, left of the cut or right of it) instead of each cut of ``t`` being
    looked up: there are fewer of them than cuts."""
    m = len(t) - k
    h = m // 2
    head, tail = t[:h], t[h + k :]
    out: list[tuple[int, Form]] = []
    for s in shorter:
        # a cut at i >= h leaves the first h characters as they are; one at i <= h, the last m - h
        if s[:h] != head and s[h:] != tail:
            continue
        for i in range(1, m):
            if s[:i] == t[:i] and s[i:] == t[i + k :]:
                out.append((i, forms[s]))
    if len(out) > 1:
        out.sort(key=lambda ig: ig[0])
    return out


def _rotation_groups(items: list[tuple[str, Form]]) -> list[list[str]]:
    """The forms, in their order, with the same suffix and the same characters before it (four or
    more), two or more a group, the groups in the order of their first form. The forms are first
    put together by suffix, length and the sum of their code points, and only those that share
    that with another one by their sorted characters."""
    cand = [(j, t, f.suffix) for j, (t, f) in enumerate(items) if f.suffix and len(t) - len(f.suffix) >= 4]
    exact: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i in _sharing_sums(cand):
        j, t, suffix = cand[i]
        exact.setdefault((suffix, "".join(sorted(t[: -len(suffix)]))), []).append((j, t))
    groups = sorted((g for g in exact.values() if len(g) >= 2), key=lambda g: g[0][0])
    return [[t for _j, t in g] for g in groups]


#: from this many forms on, their code points are added up and looked at with numpy (already
#: loaded by then for the word look-ups), not one form at a time
MANY_FORMS = 1024


def _sharing_sums(cand: list[tuple[int, str, str]]) -> list[int]:
    """Indices, in order, of the (index, text, suffix) in ``cand`` whose suffix, length and sum of
    code points another one has too."""
    if len(cand) < MANY_FORMS:
        keys = [(suffix, len(t), sum(map(ord, t))) for _j, t, suffix in cand]
        counts = Counter(keys)
        return [i for i, key in enumerate(keys) if counts[key] > 1]
    import numpy as np

    texts = [t for _j, t, _s in cand]
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = _code_points("".join(texts), np).astype(np.int64)
    sums = np.add.reduceat(codes, np.cumsum(lens) - lens)
    ids: dict[str, int] = {}
    suffixes = np.fromiter((ids.setdefault(s, len(ids)) for _j, _t, s in cand), dtype=np.int64, count=len(cand))
    _u, inverse, counts = np.unique((suffixes << 40) | (lens << 32) | sums, return_inverse=True, return_counts=True)
    return np.flatnonzero(counts[inverse] > 1).tolist()


def _code_points(text: str, np: Any) -> Any:
    """The code points of ``text`` as a numpy array (a lone surrogate kept as it is)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _holding(texts: list[str], chars: frozenset[str]) -> list[str]:
    """The texts, in order, that hold one of ``chars`` (with numpy for many texts)."""
    if len(texts) < MANY_FORMS:
        return [t for t in texts if not chars.isdisjoint(t)]
    import numpy as np

    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    found = np.isin(_code_points("".join(texts), np), np.array(sorted(map(ord, chars)), dtype=np.uint32))
    seen = np.concatenate(([0], np.cumsum(found)))
    stops = np.cumsum(lens)
    return [texts[j] for j in np.flatnonzero(seen[stops] > seen[stops - lens]).tolist()]


def _declared(shorts: dict[str, list[str]], a: str, b: str) -> bool:
    """One form is a declared short form (以下简称“b”) of a full name that ends in the other."""
    return any(full.endswith(a) for full in shorts.get(b, ())) or any(full.endswith(b) for full in shorts.get(a, ()))


_SHORT_FORM_NEXT = re.compile(r"[ \u3000]*[（(][ \u3000]*(?:以下)?简称")


def _declares_short(f: Form) -> bool:
    """One of the form's places is followed by the short form it is given: （以下简称…）, （简称…）."""
    return any(_SHORT_FORM_NEXT.match(d.text, end) is not None for d, _start, end, _ctx in f.spots)


def _ranked(kind: str, a: Form, b: Form, idx: BookIndex) -> tuple[str, Form, Form]:
    """(kind, the form to keep, the other): the form written more often, else the first written;
    for a name cut short, the full name."""
    ra, rb = _only_record(a, idx), _only_record(b, idx)
    if ra != rb:  # a form found only in records (last year's book: BookIndex.is_record) is kept
        return (kind, a, b) if ra else (kind, b, a)
    if kind == "truncated":
        return (kind, a, b) if len(a.text) > len(b.text) else (kind, b, a)
    da, db = _declares_short(a), _declares_short(b)
    if da != db:  # a name given a short form (…有限公司（以下简称华创新材）) is written there in full
        return (kind, a, b) if da else (kind, b, a)
    if a.count != b.count:
        return (kind, a, b) if a.count > b.count else (kind, b, a)
    return (kind, a, b) if _order(a.first) <= _order(b.first) else (kind, b, a)


def _only_reference(f: Form) -> bool:
    return all(d.reference for d, _s, _e, _c in f.spots)


def _only_record(f: Form, idx: BookIndex) -> bool:
    """The form stands only in records (another year's book): not in the rest of this one, which a
    commit hook reads as references."""
    return all(idx.is_record(d) for d, _s, _e, _c in f.spots)


def _first_linted(f: Form) -> tuple[Document, int, int, int]:
    """The first place of a form in a linted file (the first place when there is none)."""
    return next((sp for sp in f.spots if not sp[0].reference), f.first)


def _shared(a: Form, b: Form) -> bool:
    ends = {(id(d), e) for d, _s, e, _c in a.spots}
    return any((id(d), e) in ends for d, _s, e, _c in b.spots)


def _order(spot: tuple[Document, int, int, int]) -> tuple[str, int]:
    return (spot[0].path, spot[1])


def where_of(doc: Document, offset: int, lang: str) -> str:
    """The file, line (or paragraph, for Word) and unit of ``offset``, for a message:
    ``a.txt第61行，“区数产园管委会”`` / ``a.txt, line 61, “区数产园管委会”``."""
    line = line_name(doc.lines.line_of(offset), lang, doc.locations == "paragraph")
    unit = doc.unit_at(offset)
    where = tr(lang, f"{doc.path}{line}", f"{doc.path}, {line}")
    if unit is not None and unit.name:
        where += tr(lang, f"，“{unit.name}”", f", “{unit.name}”")
    return where


def _form_dict(f: Form) -> dict:
    doc, start, _, _ = f.first
    return {"text": f.text, "count": f.count, "path": doc.path, "line": doc.lines.line_of(start)}
