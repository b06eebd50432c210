"""traditional-char: traditional characters inside simplified text (農業, 沒有發生, 若幹), found
with OpenCC's conversion data (opencc-python-reimplemented ships the dictionaries): a paragraph
holding a character of TSCharacters is converted with the phrase-aware t2s configuration, and
every character the conversion changes is a finding, fixed to the converted form. A document
written wholly in traditional characters is one note, not thousands; titles in 《》 are left as
written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import opencc

from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import Corpus, Document

SCOPE = ("prose", "list_item", "table")  # headings are left to the editor, as in the whole pack
TITLE = re.compile(r"《[^《》\n]{0,80}》")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: a document is "written in traditional" when this share of its ideographs, and at least
#: WHOLE_COUNT of them, are traditional (the 1954 report: 31%; the 1957 one, mixed: under 1%)
WHOLE_SHARE = 0.2
WHOLE_COUNT = 20


@lru_cache(maxsize=1)
def _converter() -> tuple[opencc.OpenCC, re.Pattern[str]]:
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and parts[1] != parts[0]:
            chars.add(parts[0])
    return opencc.OpenCC("t2s"), re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def traditional_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, simplified) of each run of traditional characters in ``text``."""
    cc, trad = _converter()
    if not trad.search(text):
        return
    converted = cc.convert(text)
    if len(converted) != len(text):  # a phrase changed length: fall back to characters
        converted = "".join(cc.convert(c) if trad.match(c) else c for c in text)
    titles = [(m.start(), m.end()) for m in TITLE.finditer(text)]
    i, n = 0, len(text)
    while i < n:
        if text[i] == converted[i] or any(s <= i < e for s, e in titles):
            i += 1
            continue
        j = i
        while j < n and text[j] != converted[j]:
            j += 1
        yield i, j, converted[i:j]
        i = j


@register_check("traditional-char")
class TraditionalChar(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            yield from self._document(doc)

    def _document(self, doc: Document) -> Iterator[Finding]:
        hits: list[tuple[int, int, str]] = []
        for para in doc.paragraphs:
            if para.kind in SCOPE and para.end > para.start:
                hits.extend((para.start + s, para.start + e, simp) for s, e, simp in traditional_runs(para.text))
        if not hits:
            return
        count = sum(e - s for s, e, _ in hits)
        ideographs = len(CJK.findall(doc.text))
        if count >= WHOLE_COUNT and count / ideographs >= WHOLE_SHARE:
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
