"""traditional-char: traditional characters inside simplified text (農業, 沒有發生, 若幹), found
with OpenCC's conversion data (opencc-python-reimplemented ships the dictionaries): a paragraph
holding a character of TSCharacters is converted with the phrase-aware t2s configuration, and
every character the conversion changes is a finding, fixed to the converted form. A document
written wholly in traditional characters is one note, not thousands; titles in 《》 are left as
written."""

from __future__ import annotations

import bisect
import itertools
import marshal
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import opencc

from yblint import cache
from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import Corpus, Document, Paragraph

SCOPE = ("prose", "list_item", "table")  # headings are left to the editor, as in the whole pack
#: OpenCC's own separators besides whitespace (opencc.OpenCC.split_chars_re): it converts the
#: runs between them apart
SEPARATORS = frozenset(
    "-,.?!*\u3000，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼︒︑︔︓︿﹀︹︺︙︐［﹇］﹈︕︖︰︳︴︽︾︵︶｛︷｝︸﹃﹄【︻】︼"
)
SEGMENT = re.compile("[^\\s" + re.escape("".join(sorted(SEPARATORS))) + "]+")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
TITLE = re.compile(r"《[^《》\n]{0,80}》")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: a document is "written in traditional" when this share of its ideographs, and at least
#: WHOLE_COUNT of them, are traditional (the 1954 report: 31%; the 1957 one, mixed: under 1%)
WHOLE_SHARE = 0.2
WHOLE_COUNT = 20


class _Tables(NamedTuple):
    cc: opencc.OpenCC
    traditional: frozenset[str]  # characters TSCharacters changes
    markers: frozenset[str]  # every key that changes holds one of these
    prefixes: frozenset[str]  # every prefix of every key
    longest: int  # the longest key
    traditional_bmp: re.Pattern[str]  # the same sets as character classes, without the astral
    markers_bmp: re.Pattern[str]  # planes: re scans a class of BMP characters fast, not one with them


def _entries(name: str) -> Iterator[tuple[str, str]]:
    """(key, first value) of one OpenCC dictionary, read as the library reads it."""
    path = Path(opencc.__file__).parent / "dictionary" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split("\t")
        if len(parts) == 2:
            yield parts[0], parts[1].split(" ")[0]


#: the tables made from OpenCC's dictionaries, kept in yblint's cache folder (yblint/cache.py)
KIND = "opencc-"
DICTIONARIES = ("TSCharacters.txt", "TSPhrases.txt", "STPhrases.txt")


def _made() -> tuple[str, str, list[str], int]:
    """What the tables are made of, from OpenCC's dictionaries: the characters TSCharacters
    changes, the markers (every key that changes holds one), every prefix of every key, the longest
    key (25-45 ms)."""
    traditional = set()
    for line in (Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and parts[1] != parts[0]:
            traditional.add(parts[0])
    prefixes: set[str] = set()
    longest, odd = 1, []
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        for key, value in _entries(name):
            if key != value and traditional.isdisjoint(key):
                odd.append(key)  # 瞭解 → 了解: a key that changes without a traditional character
            prefixes.update(key[:k] for k in range(1, len(key) + 1))
            longest = max(longest, len(key))
    # every occurrence of such a key holds each of its characters: mark it by its rarest one in
    # simplified phrases (瞭, 覆, 藉), so that common characters (一, 不) stay unmarked
    phrases = (Path(opencc.__file__).parent / "dictionary" / "STPhrases.txt").read_text("utf-8")
    keys = "".join(re.findall(r"^[^\t\n]+", phrases, re.M))
    chars = "".join(sorted({c for key in odd for c in key}))  # counted in the keys, in one scan
    counts = Counter(re.findall("[" + re.escape(chars) + "]", keys)) if chars else Counter()
    markers = traditional | {min(key, key=lambda c: (counts[c], c)) for key in odd}
    return "".join(sorted(traditional)), "".join(sorted(markers)), sorted(prefixes), longest


def _stored() -> tuple[str, Path] | tuple[None, None]:
    """The key of the kept tables (:func:`cache.files_key` of the dictionaries) and their file."""
    where = Path(opencc.__file__).parent / "dictionary"
    key = cache.files_key(where / name for name in DICTIONARIES)
    return (key, cache.keyed(KIND, key, ".marshal")) if key is not None else (None, None)


@lru_cache(maxsize=1)
def _plain() -> tuple[str, str, list[str], int]:
    """:func:`_made`, made once and kept in yblint's cache folder (read back in 1 ms), in a file
    named by a checksum of its key, which it holds too: a file that cannot be read, or holds
    another key, is made again; every failure to read or write it is silent."""
    key, path = _stored()
    if key is not None and path is not None and cache.private() is not None:
        try:
            stored = marshal.loads(path.read_bytes())
            if type(stored) is tuple and len(stored) == 5 and stored[0] == key:
                cache.used(path)
                return stored[1], stored[2], stored[3], stored[4]
        except (OSError, ValueError, EOFError, TypeError):
            pass
    plain = _made()
    if key is not None and path is not None and cache.private(make=True) is not None:
        cache.write(path, lambda tmp: tmp.write_bytes(marshal.dumps((key, *plain))), KIND)
    return plain


@lru_cache(maxsize=1)
def _traditional() -> tuple[frozenset[str], re.Pattern[str]]:
    """The characters TSCharacters changes, and those of them in the BMP as a character class:
    all a text without any of them needs (the rest of the tables is made on the first one)."""
    traditional = frozenset(_plain()[0])
    return traditional, _bmp_class(traditional)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    traditional, traditional_bmp = _traditional()
    _chars, marked, prefixes, longest = _plain()
    markers = frozenset(marked)
    return _Tables(
        opencc.OpenCC("t2s"),
        traditional,
        markers,
        frozenset(prefixes),
        longest,
        traditional_bmp,
        _bmp_class(markers),
    )


def _bmp_class(chars: set[str] | frozenset[str]) -> re.Pattern[str]:
    bmp = "".join(sorted(c for c in chars if ord(c) <= 0xFFFF))
    return re.compile("[" + re.escape(bmp) + "]" if bmp else "(?!)")


def _has(text: str, chars: frozenset[str], bmp: re.Pattern[str]) -> bool:
    """Whether ``text`` holds one of ``chars`` (``bmp``: those of them in the BMP)."""
    return bmp.search(text) is not None or (ASTRAL.search(text) is not None and not chars.isdisjoint(text))


def _positions(text: str, chars: frozenset[str], bmp: re.Pattern[str]) -> list[int]:
    if ASTRAL.search(text):
        return [p for p, ch in enumerate(text) if ch in chars]
    return [m.start() for m in bmp.finditer(text)]


@lru_cache(maxsize=1 << 16)
def _convert(piece: str) -> str:
    return _tables().cc.convert(piece)


def _inner_bounds(text: str, t: _Tables) -> set[int]:
    """Positions c where some dictionary key could cover both text[c - 1] and text[c]."""
    pairs = t.prefixes
    out: set[int] = set()
    for a in [a for a in range(len(text) - 1) if text[a : a + 2] in pairs]:
        b = a + 2
        while b < len(text) and text[a : b + 1] in pairs:
            b += 1
        out.update(range(a + 1, b))
    return out


def _pieces(text: str, t: _Tables) -> Iterator[tuple[int, int]]:
    """The stretches around each marker character that OpenCC converts independently.

    OpenCC splits its input at separators (whitespace, punctuation) and, inside a run, matches
    the longest key first; so a run cut where no key can cover the cut converts piece by piece
    exactly as it converts whole, and a piece holding no marker comes back as it is. The
    markers are found once in ``text``; a run holding none is passed over."""
    marks = _positions(text, t.markers, t.markers_bmp)
    k, n = 0, len(marks)
    if not n:
        return
    for m in SEGMENT.finditer(text):
        base, stop = m.start(), m.end()
        while k < n and marks[k] < base:
            k += 1
        if k == n:
            return
        if marks[k] >= stop:
            continue  # no marker in this run
        inner, end = _inner_bounds(m.group(), t), 0
        while k < n and marks[k] < stop:
            p = marks[k] - base
            k += 1
            if p < end:
                continue
            lo, hi = p, p + 1
            while lo > end and lo in inner:
                lo -= 1
            while hi in inner:
                hi += 1
            yield base + lo, base + hi
            end = hi


def _converted_pieces(text: str, t: _Tables) -> list[tuple[int, str, str]]:
    """(start, piece, converted piece) of every piece the conversion changes."""
    out = []
    for lo, hi in _pieces(text, t):
        piece = text[lo:hi]
        conv = _convert(piece)
        if conv != piece:
            out.append((lo, piece, conv))
    return out


def traditional_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, simplified) of each run of traditional characters in ``text``.

    Same result as converting the whole text with OpenCC's t2s and comparing it character by
    character, but only the separator-free runs holding a convertible character are converted."""
    if not _has(text, *_traditional()):
        return
    t = _tables()
    changed = _converted_pieces(text, t)
    diff: dict[int, str] = {}  # position -> its simplified character, where they differ
    if all(len(conv) == len(piece) for _, piece, conv in changed):
        for s, piece, conv in changed:
            diff.update((s + k, b) for k, (a, b) in enumerate(zip(piece, conv, strict=True)) if a != b)
    else:  # a phrase changed length: compare the whole text, as a whole conversion would
        parts, last = [], 0
        for s, piece, conv in changed:
            parts += [text[last:s], conv]
            last = s + len(piece)
        converted = "".join(parts) + text[last:]
        if len(converted) != len(text):  # fall back to characters
            converted = "".join(t.cc.convert(c) if c in t.traditional else c for c in text)
        diff = {i: b for i, (a, b) in enumerate(zip(text, converted, strict=False)) if a != b}
    titles = [(m.start(), m.end()) for m in TITLE.finditer(text)]
    end = 0
    for i in sorted(diff):
        if i < end or any(s <= i < e for s, e in titles):
            continue
        end = i + 1
        while end in diff:
            end += 1
        yield i, end, "".join(diff[k] for k in range(i, end))


def _candidates(doc: Document) -> list[Paragraph]:
    """The paragraphs in scope that may hold a traditional character: those with one of
    TSCharacters' characters of the BMP, found in one search of the whole text (every paragraph
    in scope when the text has a character beyond the BMP)."""
    paras = [p for p in doc.paragraphs if p.kind in SCOPE and p.end > p.start]
    text = doc.text
    if ASTRAL.search(text) or any(a.end > b.start for a, b in itertools.pairwise(paras)):
        return paras
    ends = [p.end for p in paras]
    out: list[Paragraph] = []
    bmp = _traditional()[1]
    m = bmp.search(text)
    while m is not None:
        i = bisect.bisect_right(ends, m.start())  # the first paragraph ending after it
        if i == len(paras):
            break
        p = paras[i]
        if p.start <= m.start():
            out.append(p)
            m = bmp.search(text, p.end)
        else:
            m = bmp.search(text, p.start)
    return out


def _mostly(text: str, count: int) -> bool:
    """Whether ``count`` traditional characters are WHOLE_SHARE or more of the ideographs of
    ``text`` (``count / ideographs >= WHOLE_SHARE``): the runs of ideographs are added up only
    until there are too many."""
    ideographs = 0
    for m in CJK_RUN.finditer(text):
        ideographs += m.end() - m.start()
        if count / ideographs < WHOLE_SHARE:
            return False
    return ideographs > 0 and count / ideographs >= WHOLE_SHARE


@register_check("traditional-char")
class TraditionalChar(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            yield from self._document(doc)

    def _document(self, doc: Document) -> Iterator[Finding]:
        hits: list[tuple[int, int, str]] = []
        for para in _candidates(doc):
            hits.extend((para.start + s, para.start + e, simp) for s, e, simp in traditional_runs(para.text))
        if not hits:
            return
        count = sum(e - s for s, e, _ in hits)
        if count >= WHOLE_COUNT and _mostly(doc.text, count):
            ideographs = sum(map(len, CJK_RUN.findall(doc.text)))
            s, e, _ = hits[0]
            f = self.finding(
                doc, s, e, message_key="document", data={"count": count, "ideographs": ideographs}, count=count
            )
            f.severity = "info"
            yield f
            return
        en = self.lang == "en"
        for s, e, simp in hits:
            old = doc.text[s:e]
            desc = f"replace “{old}” with “{simp}”" if en else f"将“{old}”改为“{simp}”"
            yield self.finding(
                doc,
                s,
                e,
                fix=self.replace(doc, s, e, simp, desc),
                data={"match": old, "replacement": simp},
                match=old,
                replacement=simp,
            )
