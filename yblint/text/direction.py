"""Which side of a shared passage is the copy (duplicate-passage): the evidence of git, of the
documents' years, and of each side's seam, where the passage meets the text around it (a bracket
left open across it, own words of its sentence before or after it), in the order
:func:`decide_direction` weighs them."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import Document, Paragraph, Sentence
from yblint.reading.git import earliest, line_times
from yblint.text import marks
from yblint.text.diffs import KEPT, kept_chars
from yblint.text.passage_sets import Side


def _sentence_span(doc: Document, offset: int, at_end: bool = False) -> tuple[int, int] | None:
    """Span of the sentence holding ``offset`` (for an end offset, the character before it)."""
    probe = offset - 1 if at_end else offset
    para = doc.paragraph_at(probe)
    if para is None:
        return None
    for s in para.sentences:
        if s.start <= probe < s.end:
            return s.start, s.end
    return None


#: a Seam's fields as plain values (they travel between processes)
SeamValues = tuple[bool, bool, bool, bool, bool]


@dataclass
class Seam:
    unclosed: bool  # a bracket or quote left unmatched across the passage's boundary
    mid_start: bool  # the passage starts after own text of the same sentence
    clean_start: bool  # the passage starts a sentence
    mid_end: bool
    clean_end: bool


def seam(side: Side) -> Seam:
    doc, text = side.doc, side.doc.text
    head = _sentence_span(doc, side.start)
    tail = _sentence_span(doc, side.end, at_end=True)
    s0 = head[0] if head else side.start
    e1 = tail[1] if tail else side.end
    before, after = text[s0 : side.start], text[side.end : e1]
    # an opener before the passage that the passage never closes, or a closer in the rest of the
    # sentence that was never opened
    opened = marks.unmatched_brackets(text, [(s0, side.end)]).opened
    closed = marks.unmatched_brackets(text, [(s0, e1)]).closed
    unclosed = any(i < side.start for i in opened) or any(i >= side.end for i in closed)
    kb, ka = kept_chars(before), kept_chars(after)
    return Seam(unclosed, kb >= 2, kb == 0, ka >= 2, ka == 0)


class Seams:
    """:func:`seam` for the many sides of one run, with what it needs of a document worked out
    once: its paired marks, each with the mark it pairs with when the whole document is matched,
    and each paragraph's sentence starts. Same result as :func:`seam` (tests compare the two).

    Matching from any offset on pairs the marks after it as matching the whole document does: a
    closer meets the same opener on top of its family's stack, unless that opener stands before
    the offset (then it is unmatched). So an opener before the passage is still open at its end
    when its partner is at or after the end (or it has none), and a closer after the passage was
    never opened when its partner is before the start of the sentence (or it has none): only the
    marks around the passage are looked at, never those inside it."""

    def __init__(self) -> None:
        self._marks: dict[Document, tuple[list[int], list[int]]] = {}
        self._starts: dict[Paragraph, tuple[list[int], list[Sentence]]] = {}
        self._seams: dict[tuple[Document, int, int], SeamValues] = {}  # by the side's span

    def known(self, side: Side) -> SeamValues | None:
        """The seam of ``side`` as plain values, if it was worked out."""
        return self._seams.get((side.doc, side.start, side.end))

    def learn(self, side: Side, values: SeamValues | None) -> None:
        """Take the seam of ``side`` worked out elsewhere (another process)."""
        if values is not None:
            self._seams.setdefault((side.doc, side.start, side.end), values)

    def _sentence_span(self, doc: Document, offset: int, at_end: bool = False) -> tuple[int, int] | None:
        probe = offset - 1 if at_end else offset
        para = doc.paragraph_at(probe)
        if para is None:
            return None
        got = self._starts.get(para)
        if got is None:
            sentences = para.sentences
            got = self._starts[para] = ([s.start for s in sentences], sentences)
        starts, sentences = got
        i = bisect.bisect_right(starts, probe) - 1  # sentences follow each other without overlap
        if i >= 0 and probe < sentences[i].end:
            return sentences[i].start, sentences[i].end
        return None

    def _partners(self, doc: Document) -> tuple[list[int], list[int]]:
        """The offsets of the document's paired marks and each one's partner in a matching of the
        whole text (marks.unmatched_brackets' stacks): an opener's partner after it (len(text)
        when it has none), a closer's before it (-1 when it has none)."""
        got = self._marks.get(doc)
        if got is None:
            text = doc.text
            at = [m.start() for m in marks.PAIRED_MARK.finditer(text)]
            partner = [len(text) if text[i] in marks.OPENERS else -1 for i in at]
            stacks: dict[str, list[int]] = {}
            for k, i in enumerate(at):
                ch = text[i]
                stack = stacks.setdefault(marks.FAMILY[ch], [])
                if ch in marks.OPENERS:
                    stack.append(k)
                elif stack:
                    o = stack.pop()
                    partner[o], partner[k] = i, at[o]
            got = self._marks[doc] = (at, partner)
        return got

    def seam(self, side: Side) -> Seam:
        values = self._seams.get((side.doc, side.start, side.end))
        if values is None:
            values = self._seams[(side.doc, side.start, side.end)] = self._work_out(side)
        return Seam(*values)

    def _work_out(self, side: Side) -> SeamValues:
        doc, text = side.doc, side.doc.text
        start, end = side.start, side.end
        head = self._sentence_span(doc, start)
        tail = self._sentence_span(doc, end, at_end=True)
        s0 = head[0] if head else start
        e1 = tail[1] if tail else end
        at, partner = self._partners(doc)
        lo, hi = bisect.bisect_left(at, s0), bisect.bisect_left(at, start)
        unclosed = any(p >= end for p in partner[lo:hi])  # opened before the passage, open after it
        if not unclosed:  # closed after the passage, opened before its sentence or never
            lo, hi = bisect.bisect_left(at, end), bisect.bisect_left(at, e1)
            unclosed = any(p < s0 for p in partner[lo:hi])
        kb, ka = _kept_upto2(text, s0, start), _kept_upto2(text, end, e1)
        return (unclosed, kb >= 2, kb == 0, ka >= 2, ka == 0)


def _kept_upto2(text: str, lo: int, hi: int) -> int:
    """:func:`kept_chars` of ``text[lo:hi]``, counted up to 2."""
    m = KEPT.search(text, lo, hi)
    if m is None:
        return 0
    return 1 if KEPT.search(text, m.end(), hi) is None else 2


YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")
TITLE_CHARS = 60


def document_year(doc: Document) -> int | None:
    """The year a draft is of: the last year in its path (2021/区妇联.md, 年鉴2020.txt), else the
    first year in its title (its first paragraph, when that is a heading or a short line)."""
    found = YEAR.findall(doc.path.replace("\\", "/"))
    if found:
        return int(found[-1])
    first = doc.paragraphs[0] if doc.paragraphs else None
    if first is not None and (first.kind == "heading" or len(first.text) <= TITLE_CHARS):
        found = YEAR.findall(first.text)
        if found:
            return int(found[0])
    return None


def _year_of(doc: Document) -> int | None:
    """:func:`document_year`, kept with the document."""
    derived = doc.derived
    if "duplicate-passage.year" not in derived:
        derived["duplicate-passage.year"] = document_year(doc)
    return derived["duplicate-passage.year"]


def commit_time(side: Side) -> float | None:
    """When the passage's lines were first committed (git), inf when not yet, None when unknown."""
    doc = side.doc
    if doc.locations != "line":
        return None  # a Word file's lines are not git's lines
    derived = doc.derived  # the file's real path is looked up once a run, not once a passage
    if "git.line_times" not in derived:
        derived["git.line_times"] = line_times(doc.path)
    times = derived["git.line_times"]
    if times is None:
        return None  # git knows nothing of the file: its lines need not be found
    lines = doc.lines
    return earliest(times, lines.line_of(side.start), lines.line_of(max(side.start, side.end - 1)))


_DIGIT = re.compile(r"[0-9０-９]")
#: kept characters (ideographs, letters) a passage's first or last ones on one side must be, as the
#: words its sentence on the other side opens or closes with, for those words to be the passage's
ECHO_CHARS = 4
#: characters at a passage's start or end looked at for its first or last kept ones
ECHO_WINDOW = 48


def _kept(text: str) -> str:
    return "".join(KEPT.findall(text))


def _echoed(x: Side, sx: Seam, y: Side, sy: Seam) -> Seam:
    """The seam of ``x``, with its start taken as a sentence's start where the passage only seems
    to begin inside its sentence: the sentence opens with the words the passage opens with on
    ``y``'s side, which starts its sentence there. The shared words stand twice in ``x``'s sentence
    and the alignment, cut at a change too long to bridge, kept the later ones (【优化营商环境】深入
    实施《…优化营商环境三年行动方案》，推行… against 【优化营商环境】推行…: the original has a clause
    the copy left out). Likewise at the end."""
    mid_start, clean_start, mid_end, clean_end = sx.mid_start, sx.clean_start, sx.mid_end, sx.clean_end
    if mid_start and sy.clean_start:
        head = _sentence_span(x.doc, x.start)
        # the passage's first kept characters, from its first few dozen (a passage may be pages long)
        opening = _kept(y.doc.text[y.start : min(y.end, y.start + ECHO_WINDOW)])[:ECHO_CHARS]
        if head and len(opening) == ECHO_CHARS and _kept(x.doc.text[head[0] : x.start]).startswith(opening):
            mid_start, clean_start = False, True
    if mid_end and sy.clean_end:
        tail = _sentence_span(x.doc, x.end, at_end=True)
        closing = _kept(y.doc.text[max(y.start, y.end - ECHO_WINDOW) : y.end])[-ECHO_CHARS:]
        if tail and len(closing) == ECHO_CHARS and _kept(x.doc.text[x.end : tail[1]]).endswith(closing):
            mid_end, clean_end = False, True
    return Seam(sx.unclosed, mid_start, clean_start, mid_end, clean_end)


def _unit_tail(side: Side) -> bool:
    """The passage is the tail of its unit's last paragraph: it follows the unit's own words in
    that paragraph (whole sentences of them: the caller asks the seam) and nothing follows it in
    the unit, the way text of another unit pasted at
    the end of a section stands (县商务局 … 带动销售额1.36亿元。园区新增国家高新技术企业17家 …, the
    development zone's sentence, which stands inside a paragraph of the zone's own section)."""
    doc, text = side.doc, side.doc.text
    unit_end = side.unit.end
    if KEPT.search(text, side.end, unit_end) is not None or _DIGIT.search(text, side.end, unit_end) is not None:
        return False  # the unit goes on after the passage (a search that stops at the first word or figure)
    para = doc.paragraph_at(side.start)
    return para is not None and _kept_upto2(text, para.start, side.start) >= 2


def decide_direction(a: Side, b: Side, seam_of: Callable[[Side], Seam] = seam) -> tuple[Side, Side, str] | None:
    """(copy, original, reason). Which side is the copy is decided by evidence, in this order:

    1. within one unit, the later occurrence repeats the earlier;
    2. git history: the side whose lines were committed first is the original (``git blame``, once
       per file; lines not committed yet count as newest);
    3. the year of the file (in its path, else in its title): the earlier year is the original;
    4. a side whose seam leaves a bracket or quote unmatched (the passage was spliced into a
       sentence that opened 《 or “ and never closes it, or its sentence goes on to close one the
       passage never opened) is the copy, when the other side has no such seam;
    5. a side whose passage joins a sentence of its own unit's text (own characters before or after
       it in the same sentence) is the copy, when the other side's passage starts (ends) exactly at
       a sentence boundary there;
    6. a side whose passage is the tail of its unit's last paragraph (after whole sentences of the
       unit's own in that paragraph, nothing after it in the unit) is the copy, when the other
       side's is not;
    7. within one file, the later occurrence is the copy;
    8. otherwise there is no evidence ("unknown"): the copy is the side that is linted (not a
       reference document), the later one in reading order if both are; the finding says that
       which one is the original cannot be told, and the other side, when linted, gets one too
       (passage_sets.mirrored). A reference document (--corpus) is not taken for the original
       just because it is one.

    Returns None when both sides are reference documents (nothing to report). ``seam_of``: the
    seam of a side (:func:`seam`, or :meth:`Seams.seam` of a run).
    """
    if a.doc.reference and b.doc.reference:
        return None
    if a.seg == b.seg:  # a passage that stands twice in one unit: the second is the repeat
        return (a, b, "later") if a.order > b.order else (b, a, "later")
    if a.doc is not b.doc:
        ta = commit_time(a)
        tb = commit_time(b) if ta is not None else None
        if ta is not None and tb is not None and ta != tb:
            return (a, b, "git") if ta > tb else (b, a, "git")
        ya, yb = _year_of(a.doc), _year_of(b.doc)
        if ya is not None and yb is not None and ya != yb:
            return (a, b, "year") if ya > yb else (b, a, "year")
    raw_a, raw_b = seam_of(a), seam_of(b)
    sa, sb = _echoed(a, raw_a, b, raw_b), _echoed(b, raw_b, a, raw_a)
    if sa.unclosed != sb.unclosed:
        return (a, b, "unclosed-bracket") if sa.unclosed else (b, a, "unclosed-bracket")
    a_splice = (sa.mid_start and sb.clean_start) or (sa.mid_end and sb.clean_end)
    b_splice = (sb.mid_start and sa.clean_start) or (sb.mid_end and sa.clean_end)
    if a_splice != b_splice:
        return (a, b, "mid-sentence") if a_splice else (b, a, "mid-sentence")
    a_tail, b_tail = raw_a.clean_start and _unit_tail(a), raw_b.clean_start and _unit_tail(b)
    if a_tail != b_tail:
        return (a, b, "unit-end") if a_tail else (b, a, "unit-end")
    if a.doc is b.doc:
        return (a, b, "later") if a.order > b.order else (b, a, "later")
    if a.doc.reference != b.doc.reference:  # report it where it can be reported
        return (b, a, "unknown") if a.doc.reference else (a, b, "unknown")
    return (a, b, "unknown") if a.order > b.order else (b, a, "unknown")
