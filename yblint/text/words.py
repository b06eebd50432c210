"""Word boundaries in Chinese text: jieba's dictionary and its way of cutting (no HMM).

Loading jieba's dictionary costs almost a second and 70 MB, and yblint only ever cuts a few
characters on either side of a paragraph break. So the dictionary is read once into a compact
index (:func:`word_index`: a hash and a frequency a word, 5 MB, cached on disk like jieba's own
cache), :func:`may_span` answers "no word stands across this break" from it, and :func:`tokens`
runs jieba's algorithm on it, giving exactly jieba's words (tests compare the two).
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from math import log
from pathlib import Path
from typing import TYPE_CHECKING

from yblint import cache
from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.lazy import lazy_import

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_import("numpy")  # imported when a word is first looked up (#14)


@lru_cache(maxsize=1)
def jieba_module():
    import logging  # here: a run that never loads jieba does not import logging either

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


#: what jieba's ``cut`` treats as one run of text (jieba.re_han_default) and as space
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
_RE_ENG = re.compile("[a-zA-Z0-9]", re.U)


@lru_cache(maxsize=4096)
def tokens(s: str) -> tuple[str, ...]:
    """The words of ``s`` as jieba cuts them (no HMM), cached: jieba's own algorithm (the most
    probable route through the words of its dictionary) run on the compact index of
    :func:`word_index`, so that the dictionary itself is not loaded; jieba when there is no index."""
    index = word_index()
    if index is None:
        return tuple(jieba_module().cut(s, HMM=False))
    out: list[str] = []
    for blk in _RE_HAN.split(s):
        if not blk:
            continue
        if _RE_HAN.match(blk):
            out.extend(_cut_block(blk, index))
        else:
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return tuple(out)


def _cut_block(sentence: str, index: WordIndex) -> list[str]:
    """jieba.Tokenizer.__cut_DAG_NO_HMM, with the same arithmetic in the same order."""
    return [word for word, _ in _cut_block_tagged(sentence, index)]


def is_word(s: str) -> bool:
    """Whether ``s`` is a word of two or more characters in jieba's dictionary."""
    if len(s) < 2:
        return False
    index = word_index()
    if index is None:
        return jieba_module().dt.FREQ.get(s, 0) > 0
    return index.freq(s) > 0


def _hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


#: looked-up pieces of text kept with their frequency before the memo starts afresh
MEMO_SIZE = 200_000
#: new pieces looked up one by one (more go through numpy at once): in the words cut to list a
#: copy's changes, most look-ups bring one or two new pieces
FEW = 3


@dataclass(frozen=True)
class WordIndex:
    """jieba's dictionary in three numbers a word: the sorted 64-bit hashes of its words, their
    frequencies (the last line of a word counts, as in jieba), and the sum of every line's; and
    the length of its longest word (0: not known). Pieces of text looked up are remembered with
    their frequency (the same few characters around a break or in a name are asked again and again)."""

    hashes: np.ndarray
    freqs: np.ndarray
    total: int
    longest: int = 0
    memo: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def freq(self, word: str) -> int:
        f = self.memo.get(word)
        if f is None:
            f = self.lookup_many([word])[0]
        return max(f, 0)

    def freq_many(self, words: list[str]) -> list[int]:
        """:meth:`freq` of each word, looked up at once."""
        return [max(f, 0) for f in self.lookup_many(words)]

    def lookup_many(self, words: list[str]) -> list[int]:
        """For each piece of text: its frequency when it is a word of the dictionary, 0 when it
        only begins some word (jieba's FREQ holds these with 0 too), -1 when it is neither."""
        memo = self.memo
        try:
            return [memo[w] for w in words]  # all of them asked before
        except KeyError:
            pass
        missing = [w for w in dict.fromkeys(words) if w not in memo]
        found = [-1] * len(missing)
        hashes = self.hashes
        if hashes.size and len(missing) <= FEW:  # one or two new pieces (most often): no arrays
            found = [self._lookup(w) for w in missing]
        elif hashes.size:
            probe = np.array([_hash(w) for w in missing], dtype=np.uint64)
            at = np.minimum(hashes.searchsorted(probe), hashes.size - 1)
            found = np.where(hashes[at] == probe, self.freqs[at].astype(np.int64), -1).tolist()
        new = dict(zip(missing, found, strict=True))
        out = [new[w] if w in new else memo[w] for w in words]
        if len(memo) + len(new) > MEMO_SIZE:
            memo.clear()
        memo.update(new)
        return out

    def _lookup(self, word: str) -> int:
        """:meth:`lookup_many` of one piece, not remembered."""
        h = np.uint64(_hash(word))
        hashes = self.hashes
        i = int(hashes.searchsorted(h))
        return int(self.freqs[i]) if i < hashes.size and hashes[i] == h else -1

    def has_any(self, words: list[str]) -> bool:
        return any(self.freq_many(words))


def _dictionary_lines() -> Iterator[list[str]]:
    """The lines of jieba's dictionary, each split into word, frequency and tag."""
    path = _dictionary()
    assert path is not None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.strip().split(" ")


def _cached_table(name: str, build: Callable[[], np.ndarray], mapped: bool = False) -> np.ndarray | None:
    """A table made from jieba's dictionary by ``build`` (None without the dictionary file), kept
    in yblint's private folder of the temporary directory (yblint/cache.py) as
    ``jieba-NAME-DIGEST.npy``, named by the dictionary's content (:func:`_dictionary_digest`), so
    that every copy of jieba with the same dictionary (one in each virtualenv, one more each time
    jieba is installed again) shares one table; tables unused for a week (made from another
    dictionary, or of a format no longer read) are removed when one is written.
    ``mapped``: the file is mapped into memory (read-only) rather than read."""
    path = _dictionary()
    if path is None:
        return None
    st = path.stat()
    where = cache.private()
    digest = _dictionary_digest(str(path), st.st_size, st.st_mtime_ns, where)
    stored = (where or cache.folder()) / f"jieba-{name}-{digest}.npy"
    if where is not None:
        try:
            table = np.load(stored, mmap_mode="r" if mapped else None)
            cache.used(stored)
            return table
        except (OSError, ValueError, EOFError):
            pass
    table = build()
    if cache.private(make=True) is not None:
        cache.write(stored, lambda tmp: _save(tmp, table), "jieba-")
    return table


#: the stamps that name a dictionary's digest by its size and modification time
STAMP = "jieba-stamp-"


@lru_cache(maxsize=4)
def _dictionary_digest(path: str, size: int, mtime_ns: int, where: Path | None) -> str:
    """A digest of the dictionary file's content (16 hex digits). Hashing the 5 MB file takes a
    few milliseconds, so it is done once for each size and modification time, and kept as a stamp
    (``jieba-stamp-SIZE-MTIME``, keyed as jieba keys its own cache) that later runs read instead."""
    stamp = (where or cache.folder()) / f"{STAMP}{size}-{mtime_ns}"
    if where is not None:
        try:
            digest = stamp.read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            digest = ""
        if len(digest) == 16 and all(c in "0123456789abcdef" for c in digest):
            cache.used(stamp)
            return digest
    digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=8).hexdigest()
    if cache.private(make=True) is not None:
        cache.write(stamp, lambda tmp: tmp.write_text(digest, encoding="ascii"), STAMP)
    return digest


def _save(path: Path, table: np.ndarray) -> None:
    with path.open("wb") as fh:  # a file object: np.save would add .npy to the temporary name
        np.save(fh, table)


def _frequencies() -> dict[str, int]:
    return {p[0]: int(p[1]) for p in _dictionary_lines() if len(p) >= 2 and p[1].isdigit()}


def _sorted_pairs(keys: Iterable[str], values: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """The hashes of ``keys`` sorted, with ``values`` in the same order."""
    hashes = np.array([_hash(w) for w in keys], dtype=np.uint64)
    order = np.argsort(hashes)
    return hashes[order], np.array(list(values), dtype=np.uint64)[order]


def _build_word_table() -> np.ndarray:
    """jieba's FREQ (jieba.Tokenizer.gen_pfdict): every word with its frequency (the last line of
    a word counts) and every beginning of a word that is no word itself with 0. Two rows: the
    longest word's length, then the sorted hashes; the sum of the frequencies, then each hash's
    frequency (rows, so that each is one run of memory in the file that word_index maps)."""
    freqs: dict[str, int] = {}
    total = 0
    for p in _dictionary_lines():  # one reading: every line counts in the total, the last in freqs
        if len(p) >= 2 and p[1].isdigit():
            freqs[p[0]] = int(p[1])
            total += int(p[1])
    known = dict.fromkeys((w[:i] for w in freqs for i in range(1, len(w))), 0)
    known.update(freqs)
    hashes, values = _sorted_pairs(known, known.values())
    table = np.empty((2, hashes.size + 1), dtype=np.uint64)
    table[:, 0] = (max(map(len, freqs), default=0), total)  # longest word, sum of frequencies
    table[0, 1:], table[1, 1:] = hashes, values
    return table


@lru_cache(maxsize=1)
def word_index() -> WordIndex | None:
    """The index of jieba's dictionary (None without the dictionary file), built once and cached
    in the temporary folder (:func:`_cached_table`)."""
    table = _cached_table("index4", _build_word_table, mapped=True)
    if table is None:
        return None
    # views of the mapped file: a run reads only the pages its look-ups touch (a few findings'
    # worth of words do not read the 8 MB table)
    hashes, freqs = np.asarray(table[0, 1:]), np.asarray(table[1, 1:])
    return WordIndex(hashes, freqs, int(table[1, 0]), int(table[0, 0]))


def _build_pair_table() -> np.ndarray:
    pairs = {w[i : i + 2] for w, f in _frequencies().items() if f > 0 for i in range(len(w) - 1)}
    return np.unique(np.array([_hash(p) for p in pairs], dtype=np.uint64))


@lru_cache(maxsize=1)
def pair_index() -> np.ndarray | None:
    """The sorted 64-bit hashes of every two characters that stand next to each other inside a
    word of jieba's dictionary (None without the dictionary file): a break between two characters
    that are no such pair cuts no word. Built once and cached like :func:`word_index`."""
    table = _cached_table("pairs", _build_pair_table, mapped=True)
    return None if table is None else np.asarray(table)


#: one character of what jieba's ``cut`` treats as a run of text (_RE_HAN)
_RE_RUN_CHAR = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]")
#: pairs of characters asked about, with the answer
_BREAKS: dict[str, bool] = {}


def always_breaks(a: str, b: str) -> bool:
    """Whether :func:`tokens` puts a word boundary between the characters ``a`` and ``b``
    wherever they stand next to each other: one of them is no part of a run of text that jieba
    cuts, or no word of its dictionary holds the two next to each other (the pair index) and they
    are not two Latin letters or digits (which jieba joins). False is not certain (a hash
    collision, no dictionary): the caller then cuts."""
    pair = a + b
    got = _BREAKS.get(pair)  # asked before: most pairs are (the same few thousand characters)
    if got is not None:
        return got
    if not (_RE_RUN_CHAR.match(a) and _RE_RUN_CHAR.match(b)):
        got = True
    elif _RE_ENG.match(a) and _RE_ENG.match(b):
        got = False
    else:
        pairs = pair_index()
        if pairs is None or word_index() is None:
            return False  # not remembered: the index may come later (tests switch it off)
        h = np.uint64(_hash(pair))
        i = int(np.searchsorted(pairs, h))
        got = not (i < pairs.size and pairs[i] == h)
    if len(_BREAKS) >= MEMO_SIZE:
        _BREAKS.clear()
    _BREAKS[pair] = got
    return got


def may_span(head: str, tail: str) -> bool:
    """Whether some word of jieba's dictionary is a run of characters ending ``head`` and starting
    ``tail`` (so that cutting ``head + tail`` into words may put the join inside a word). False is
    certain: jieba (without HMM) only joins characters into a word of its dictionary. True may be a
    hash collision: the caller then asks jieba."""
    if not head or not tail:
        return False
    index = word_index()
    if index is None or index.hashes.size == 0:
        return True
    pairs = pair_index()
    if pairs is not None:
        h = np.uint64(_hash(head[-1] + tail[0]))
        i = int(np.searchsorted(pairs, h))
        if i >= pairs.size or pairs[i] != h:
            return False  # the two characters at the break stand next to each other in no word
    return index.has_any([head[p:] + tail[:q] for p in range(len(head)) for q in range(1, len(tail) + 1)])


#: what jieba.posseg's ``cut`` treats as one run of text, as space, and as a numeral
_RE_HAN_POS = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)", re.U)
_RE_NUM_POS = re.compile("[\\.0-9]+")
_RE_ENG_POS = re.compile("[a-zA-Z0-9]+", re.U)


def word_freq(word: str) -> int:
    """The frequency of ``word`` in jieba's dictionary (0 when it is no word), from the compact
    index of :func:`word_index`; from jieba when there is no index."""
    index = word_index()
    if index is None:
        return int(jieba_module().dt.FREQ.get(word, 0))
    return index.freq(word)


@dataclass(frozen=True)
class TagIndex:
    """jieba's parts of speech: the sorted 64-bit hashes of its dictionary's words and each one's
    tag (the last line of a word counts, as in jieba.posseg), packed into eight bytes."""

    hashes: np.ndarray
    tags: np.ndarray

    def tag(self, word: str) -> str | None:
        h = np.uint64(_hash(word))
        i = int(np.searchsorted(self.hashes, h))
        if i < self.hashes.size and self.hashes[i] == h:
            return int(self.tags[i]).to_bytes(8, "little").rstrip(b"\0").decode("ascii")
        return None


def _build_tag_table() -> np.ndarray:
    tags = {
        p[0]: int.from_bytes(p[2].encode("ascii", "replace"), "little")
        for p in _dictionary_lines()
        if len(p) == 3 and len(p[2].encode("ascii", "replace")) <= 8
    }
    hashes, values = _sorted_pairs(tags, tags.values())
    return np.stack([hashes, values])  # rows: each one run of memory in the mapped file


@lru_cache(maxsize=1)
def tag_index() -> TagIndex | None:
    """The parts of speech of jieba's dictionary (None without the dictionary file), built once
    and cached like :func:`word_index`."""
    table = _cached_table("tags2", _build_tag_table, mapped=True)
    if table is None:
        return None
    return TagIndex(np.asarray(table[0]), np.asarray(table[1]))


@lru_cache(maxsize=8192)
def tagged_tokens(s: str) -> tuple[tuple[str, str], ...]:
    """The words of ``s`` with their parts of speech, as ``jieba.posseg.lcut(s, HMM=False)`` gives
    them (its runs of text, its tags for numerals, Latin letters and the rest), from the compact
    indexes, so that neither jieba's dictionary nor its table of tags is loaded; jieba when there
    is no index."""
    index, tagger = word_index(), tag_index()
    if index is None or tagger is None:
        jieba_module()
        import jieba.posseg as pseg

        return tuple((w.word, w.flag) for w in pseg.lcut(s, HMM=False))
    out: list[tuple[str, str]] = []
    for blk in _RE_HAN_POS.split(s):
        if _RE_HAN_POS.match(blk):
            for w, eng in _cut_block_tagged(blk, index):
                out.append((w, "eng" if eng else (tagger.tag(w) or "x")))
        else:
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    out.append((x, "x"))
                else:
                    for xx in x:
                        if _RE_NUM_POS.match(xx):
                            out.append((xx, "m"))
                        elif _RE_ENG_POS.match(x):
                            out.append((xx, "eng"))
                        else:
                            out.append((xx, "x"))
    return tuple(out)


def _cut_block_tagged(sentence: str, index: WordIndex) -> list[tuple[str, bool]]:
    """:func:`_cut_block` (jieba.posseg.POSTokenizer.__cut_DAG_NO_HMM), each word with whether it is
    a run of single Latin letters and digits joined together (tagged 'eng' by posseg)."""
    n = len(sentence)
    # the DAG: for each start, the ends of the words of the dictionary there (the character alone
    # when there is none), each with its weight, log(frequency / total); a start is given up, as
    # in jieba's get_DAG, at the first piece from it that begins no word. Pieces of one length are
    # looked up at once.
    logtotal = log(index.total)
    dag: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    alive = list(range(n))
    size = 1
    while alive:
        found = index.lookup_many([sentence[k : k + size] for k in alive])
        going = []
        for k, f in zip(alive, found, strict=True):
            if f < 0:
                continue
            if f:
                dag[k].append((log(f) - logtotal, k + size - 1))
            if k + size < n:
                going.append(k)
        alive = going
        size += 1
    alone = log(1) - logtotal  # a character that is no word: frequency 1
    # the route: jieba's max((log(freq or 1) - logtotal + route[x + 1][0], x) ...), the weight
    # worked out above, a start with one word taken without max()
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        ends = dag[idx]
        if not ends:
            route[idx] = (alone + route[idx + 1][0], idx)
        elif len(ends) == 1:
            w, x = ends[0]
            route[idx] = (w + route[x + 1][0], x)
        else:
            route[idx] = max((w + route[x + 1][0], x) for w, x in ends)
    out: list[tuple[str, bool]] = []
    x, buf = 0, ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if len(word) == 1 and _RE_ENG.match(word):
            buf += word
        else:
            if buf:
                out.append((buf, True))
                buf = ""
            out.append((word, False))
        x = y
    if buf:
        out.append((buf, True))
    return out
