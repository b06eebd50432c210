"""unglossed-abbreviation: a Latin acronym (AED, VOCs, TOD, APP) at its first use in the book
without its Chinese name. Glossed means the Chinese name stands with it in brackets, either way
round — 自动体外除颤器（AED）, AED（自动体外除颤器） — or after 简称/英文缩写; acronyms readers
know (GDP, CPI, PM2.5 …: parameter ``known``) need no gloss, nor does the prefix of a standard's
number (GB 3095-2012, HJ 2.2-2018, ISO 9001:2015: a code). One finding per acronym, at its first
use in the files linted, in their order."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import regex

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding
from yblint.model import Corpus, Document

SCOPE = ("prose", "list_item", "heading")
ACRONYM = re.compile(r"(?<![A-Za-z0-9\-/_.@])(?P<abbr>[A-Z]{2,}s?)(?![A-Za-z\-/_@]|[0-9]+[A-Za-z\-/_])")
CJK = re.compile(r"[\u3400-\u9fff]")
NAMED_BEFORE = re.compile(r"(?:简称|英文缩写|缩写为|英文简称|英文名称?)[为是：:“]?\s*$")
SPACE = " \t\u3000\r\n\u200b"
#: what follows the prefix of a standard's number (GB 3095-2012, HJ 2.2-2018, GB/Z 1-2020, JGJ 79-2012, JTG H10-2009,
#: ISO 9001:2015, DB33/T 1020-2015): its kind (/T, /Z), then the number and, after a dash or a colon,
#: its year
STANDARD_NUMBER = re.compile(
    r"(?:/[A-Z]{1,2})?[ \t\u3000\u00a0]?[A-Z]?[0-9０-９]{1,6}(?:[.．][0-9０-９]+)*"  # the number: 3095, 2.2, H10
    r"[ \t]?[-－–—:：][ \t]?(?:19|20)[0-9]{2}(?![0-9])"  # its year: -2012, :2015
)
#: bodies whose standards are often cited by number alone (ISO 9001, GB 3095): the prefix followed
#: by a number of three digits or more is a standard's number even without its year
STANDARD_BODIES = frozenset({"GB", "ISO", "IEC", "HJ", "JGJ", "CJJ", "JJF", "JJG", "YY", "NY", "DB", "GA", "WS", "SL"})
STANDARD_NUMBER_ONLY = re.compile(r"(?:/[A-Z]{1,2})?[ \t\u3000\u00a0]?[0-9０-９]{3,}")
#: notes to oneself, not acronyms: layout-marker reports them as placeholders
NOTES = frozenset({"TODO", "FIXME", "TBD"})
#: two or more capitals: every acronym is in one (the regex module finds them in a whole document
#: some 30 times faster than ``re`` tries ACRONYM at every character of every paragraph)
CAPITALS = regex.compile(r"[A-Z]{2,}")


def standard_number(text: str, abbr: str, end: int) -> bool:
    """The capitals ending at ``end`` are the prefix of a standard's number: GB 3095-2012, HJ 2.2-2018,
    ISO 9001:2015, ISO 9001 — a code, not an acronym that needs its Chinese name."""
    if STANDARD_NUMBER.match(text, end):
        return True
    return abbr in STANDARD_BODIES and STANDARD_NUMBER_ONLY.match(text, end) is not None


def glossed(text: str, start: int, end: int) -> bool:
    """The acronym text[start:end] stands with its Chinese name: 名称（ABC）, ABC（名称）, 简称ABC."""
    i = start
    while i > 0 and text[i - 1] in SPACE:
        i -= 1
    if i > 0 and text[i - 1] in "（(":
        j = i - 1
        while j > 0 and text[j - 1] in SPACE:
            j -= 1
        if j > 0 and CJK.match(text[j - 1]):
            return True
    k = end
    while k < len(text) and text[k] in SPACE:
        k += 1
    if k < len(text) and text[k] in "（(" and CJK.match(text[k + 1 : k + 2] or " "):
        return True
    return NAMED_BEFORE.search(text[max(0, start - 12) : start]) is not None


@register_check("unglossed-abbreviation")
class UnglossedAbbreviation(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        known = {str(k).upper() for k in [*(self.params["known"] or []), *(self.params["extra_known"] or [])]}
        seen: set[str] = set()
        for doc in corpus.documents:
            yield from self._document(doc, known, seen)

    def _document(self, doc: Document, known: set[str], seen: set[str]) -> Iterable[Finding]:
        text = doc.text
        runs = [m.span() for m in CAPITALS.finditer(text)]
        if not runs:
            return
        run_ends = [e for _s, e in runs]
        for para in doc.paragraphs:
            if para.kind not in SCOPE:
                continue
            i = bisect.bisect_right(run_ends, para.start)  # the first run of capitals ending in it or after
            if i == len(runs) or runs[i][0] >= para.end:
                continue  # no two capitals in the paragraph: no acronym
            for m in ACRONYM.finditer(text, para.start, para.end):
                abbr = m.group("abbr")
                key = abbr.upper().removesuffix("S") if abbr.endswith("s") else abbr.upper()
                if key in known or abbr.upper() in known or key in seen or set(key) <= set("IVXL") or set(key) == {"A"}:
                    continue
                if abbr in NOTES or standard_number(text, abbr, m.end()):
                    continue  # a placeholder (layout-marker's), or the prefix of a standard's number
                seen.add(key)
                if glossed(text, m.start(), m.end()):
                    continue
                yield self.finding(doc, m.start(), m.end(), data={"abbreviation": abbr}, abbr=abbr)
