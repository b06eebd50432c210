"""unbalanced-punctuation: paired marks 《》 “” ‘’ （） 【】 「」 () [] that open without closing or
close without opening. A paragraph broken by a blank line counts as one; quotations run over
paragraphs the Chinese way (an opening “ at the start of each continued paragraph)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding, Location, excerpt
from yblint.model import Corpus, Document, Paragraph
from yblint.text.marks import (
    FAMILY,
    PAIRED_MARK,
    PAIRS,
    QUOTE_FAMILIES,
    mark_label,
    mark_name,
    skip_space,
    unmatched_brackets,
)
from yblint.text.paragraphs import logical_paragraphs

CONTEXT = 14
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
# 1) a) 一） used as item numbers: a closing bracket with no opener on purpose
_ITEM_NUMBER = re.compile(r"(?:^|[\s，,；;：:。、．.])[0-9０-９a-zA-Z一二三四五六七八九十]{1,3}$")


@dataclass
class Unmatched:
    offset: int
    mark: str
    side: str  # "open" | "close"
    paragraph: Paragraph


def _masked(doc: Document) -> list[tuple[int, int]]:
    if doc.format != "markdown":
        return []
    return [(m.start(), m.end()) for m in _CODE_SPAN.finditer(doc.text)]


def _skip(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in "’‘" and prev.isascii() and prev.isalpha():
        return True  # China’s
    return ch in "’‘" and nxt.isascii() and nxt.isdigit()  # ’99昆明世界园艺博览会, ‘90s


def scan(group: list[Paragraph], masked: list[tuple[int, int]]) -> list[Unmatched]:
    """Unmatched paired marks of one (logical) paragraph, each family on its own."""
    doc = group[0].document
    text = doc.text
    starts = [p.start for p in group]

    def paragraph(i: int) -> Paragraph:
        return group[bisect.bisect_right(starts, i) - 1]

    def skip(i: int) -> bool:
        return _skip(text, i) or any(a <= i < b for a, b in masked)

    found = unmatched_brackets(text, [(p.start, p.end) for p in group], skip)
    out = [Unmatched(i, text[i], "open", paragraph(i)) for i in found.opened]
    for i in found.closed:
        p = paragraph(i)
        # 1) 2) …: a list number, not a closing bracket
        if not _ITEM_NUMBER.search(text, max(0, p.start - 1), i) or FAMILY[text[i]] not in ("（", "["):
            out.append(Unmatched(i, text[i], "close", p))
    out.sort(key=lambda u: u.offset)
    return out


def _partner(mark: str) -> str:
    return PAIRS.get(mark) or next(o for o, c in PAIRS.items() if c == mark)


def _first_char(p: Paragraph) -> str:
    text = p.document.text
    i = skip_space(text, p.start, p.end)
    return text[i] if i < p.end else ""


MISMATCH_SPAN = 20  # an opener and a closer of another family this close are one mistyped pair


@dataclass
class Defect:
    kind: str  # open | close | reversed (” typed for “) | mismatch (“…’)
    mark: Unmatched
    other: Unmatched | None = None


def pair_up(found: list[Unmatched]) -> list[Defect]:
    """One finding a defect: ”…” (a reversed opening quote) and “…’ (two different marks used as a
    pair) leave two unmatched marks each, reported once."""
    text = found[0].paragraph.document.text if found else ""
    issues: list[Defect] = []
    i = 0
    while i < len(found):
        u = found[i]
        v = found[i + 1] if i + 1 < len(found) else None
        if v is not None and u.side == v.side == "close" and FAMILY[u.mark] == FAMILY[v.mark] in QUOTE_FAMILIES:
            issues.append(Defect("reversed", u, v))
            i += 2
            continue
        if (
            v is not None
            and u.side == "open"
            and v.side == "close"
            and FAMILY[u.mark] != FAMILY[v.mark]
            and v.offset - u.offset <= MISMATCH_SPAN
            and not any(ch in "。！？" for ch in text[u.offset : v.offset])
        ):
            issues.append(Defect("mismatch", u, v))
            i += 2
            continue
        issues.append(Defect(u.side, u))
        i += 1
    return issues


@register_check("unbalanced-punctuation")
class UnbalancedPunctuation(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            text = doc.text
            masked = _masked(doc)
            groups = list(logical_paragraphs(doc))
            marks = [m.start() for m in PAIRED_MARK.finditer(text)]
            for gi, group in enumerate(groups):
                k = bisect.bisect_left(marks, group[0].start)
                if k == len(marks) or marks[k] >= group[-1].end:
                    continue  # no paired mark at all (two paragraphs in three)
                found = scan(group, masked)
                if any(u.side == "open" and FAMILY[u.mark] in QUOTE_FAMILIES for u in found):
                    nxt = groups[gi + 1][0] if gi + 1 < len(groups) else None
                    carried = _first_char(nxt) if nxt is not None and nxt.is_prose else ""
                    found = [
                        u
                        for u in found
                        # “… / “… / “…”: a quotation over paragraphs, reopened at the start of each
                        if not (u.side == "open" and FAMILY[u.mark] in QUOTE_FAMILIES and carried == FAMILY[u.mark])
                    ]
                last = group[-1]
                for issue in pair_up(found):
                    u, v = issue.mark, issue.other
                    if issue.kind == "open":
                        snippet = excerpt(text[u.offset : min(last.end, u.offset + CONTEXT)])
                    elif issue.kind == "close":
                        snippet = excerpt(text[max(group[0].start, u.offset - CONTEXT + 1) : u.offset + 1])
                    else:
                        assert v is not None  # a reversed or mismatched pair has two marks
                        snippet = excerpt(text[u.offset : v.offset + 1])
                    partner = _partner(u.mark)
                    yield self.finding(
                        doc,
                        u.offset,
                        u.offset + 1,
                        unit=u.paragraph.unit,
                        message_key=issue.kind,
                        related=[Location(doc, v.offset, v.offset + 1)] if v is not None else [],
                        data={
                            "mark": u.mark,
                            "problem": issue.kind,
                            "expected": partner,
                            "other": v.mark if v is not None else None,
                            "context": snippet,
                        },
                        mark=u.mark,
                        partner=partner,
                        other=v.mark if v is not None else "",
                        other_partner=_partner(v.mark) if v is not None else "",
                        name=mark_name(u.mark, self.lang),
                        mark_label=mark_label(u.mark, self.lang),
                        partner_label=mark_label(partner, self.lang),
                        other_label=mark_label(v.mark, self.lang) if v is not None else "",
                        other_partner_label=mark_label(_partner(v.mark), self.lang) if v is not None else "",
                        context=snippet,
                        end_line=doc.lines.end_position(last.end, last.start)[0],
                    )
