"""truncated-sentence: a paragraph that stops before its sentence ends (…，无人员伤亡，未), or that
starts in the middle of one (（紧接4版）代表大会选举工作，…; ，…). Paragraphs broken by a blank line are
split-paragraph's; headings, list items, tables, code, bylines, notes and lead-ins are not sentences.
An entry of a chronicle (1月26日　全区安全生产工作会议召开) is one even when it is one clause."""

from __future__ import annotations

from collections.abc import Iterable

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.check import Check, register_check
from yblint.finding import Finding, excerpt
from yblint.model import CODE, HEADING, LIST_ITEM, TABLE, Corpus, Paragraph
from yblint.text.chronicle import opens_entry
from yblint.text.paragraphs import (
    End,
    ends_dangling,
    has_sentence_end,
    non_sentences,
    paragraph_end,
    paragraph_joins,
    paragraph_start,
    starts_with_enumerator,
)

CONTEXT = 14


def _introduces_list(p: Paragraph, nxt: Paragraph | None) -> bool:
    """A lead-in: 主要原因， / 一是…; 为了加快农业的发展， / - 一要…"""
    if nxt is None:
        return False
    if nxt.kind in (LIST_ITEM, TABLE, CODE) and p.kind != LIST_ITEM:
        return True
    return nxt.is_prose and starts_with_enumerator(nxt.text)


#: characters a paragraph of two clauses or more without its full stop holds at least to be read
#: as a sentence, not a title
CLAUSES_MIN_CHARS = 16


def _clauses(p: Paragraph, end: End, prev: Paragraph | None, nxt: Paragraph | None) -> bool:
    """A sentence of clauses that lost its full stop and is all of its section's text: two
    clauses or more, long enough, no enumerator opening it, and a heading or a numbered title
    on both sides of it (（二）营商环境 / 深化改革，企业开办时间压缩至1个工作日 / （三）价格监测). A line of
    clauses followed by text is a title written as a sentence (五年来，国民经济保持良好发展势头)."""
    text = p.document.text[p.start : end.end]
    if "，" not in text or len(text) < CLAUSES_MIN_CHARS or starts_with_enumerator(text):
        return False
    return _titles(prev) and (nxt is None or _titles(nxt))


#: the subhead a yearbook's paragraph opens with (【国库管理】深化…)
_SUBHEAD = re.compile(r"[ \t\u3000]*【[^【】\n]{1,16}】")


def _subheaded(text: str, start: int, end: int) -> bool:
    """A paragraph under its 【小标题】 with clauses after it: the text of an entry, which ends as a
    sentence (【国库管理】深化预算管理一体化改革，…办理国库集中支付业务4.8万笔，支付金额: cut)."""
    m = _SUBHEAD.match(text, start, end)
    if m is None:
        return False
    body = text[m.end() : end]
    return "，" in body and len(body) >= CLAUSES_MIN_CHARS


#: a last clause that is a connective and a word, no more (…1.2万路，并依托): the clause was cut
#: after its verb, as no title ends
_CUT_CLAUSE = re.compile(r"[，；][并还又且而及与和][\u4e00-\u9fff]{1,2}$")


def _titles(p: Paragraph | None) -> bool:
    """A heading, or a numbered title line (（三）价格监测, 2．要素保障)."""
    if p is None:
        return False
    return p.kind == HEADING or (starts_with_enumerator(p.text) and not has_sentence_end(p, p.end))


@register_check("truncated-sentence")
class TruncatedSentence(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        check_start = bool(self.params["check_start"])
        for doc in corpus.documents:
            text = doc.text
            joins = paragraph_joins(doc)
            continued = {j.second.index for j in joins.values()}
            paras = doc.paragraphs
            ns = non_sentences(doc)
            for i, p in enumerate(paras):
                if ns[i]:
                    continue
                nxt = paras[i + 1] if i + 1 < len(paras) else None
                if check_start and p.index not in continued:
                    start = paragraph_start(p)
                    if start.kind in ("marker", "punct") and start.first < p.end:
                        after = excerpt(text[start.first : min(p.end, start.first + CONTEXT)])
                        marker = text[start.marker[0] : start.marker[1]] if start.marker else ""
                        yield self.finding(
                            doc,
                            start.first,
                            start.first + 1,
                            unit=p.unit,
                            message_key=f"start_{start.kind}",
                            data={"position": "start", "marker": marker or None, "after": after},
                            after=after,
                            marker=marker,
                            mark=text[start.first],
                        )
                if p.index in joins:
                    continue
                end = paragraph_end(p)
                reason = self._end_reason(p, end, paras[i - 1] if i else None, nxt)
                if reason is None:
                    continue
                before = excerpt(text[max(p.start, end.end - CONTEXT) : end.end])
                marker = text[end.marker[0] : end.marker[1]] if end.marker else ""
                yield self.finding(
                    doc,
                    end.last,
                    end.end,
                    unit=p.unit,
                    message_key=f"end_{reason}",
                    data={"position": "end", "reason": reason, "marker": marker or None, "before": before},
                    before=before,
                    marker=marker,
                    mark=text[end.last],
                )

    @staticmethod
    def _end_reason(p: Paragraph, end: End, prev: Paragraph | None, nxt: Paragraph | None) -> str | None:
        text = p.document.text
        if end.end <= p.start:
            return None
        if end.marker is not None and end.kind != "final":
            return "marker"  # …未（下转6版）: the rest went to another page
        if p.kind == LIST_ITEM:
            return None  # short list entries legitimately go without final punctuation
        if end.kind == "continuing":
            return None if _introduces_list(p, nxt) else "continuing"
        if end.kind == "open":
            if ends_dangling(text[p.start : end.end]) or _CUT_CLAUSE.search(text, max(p.start, end.end - 5), end.end):
                return "dangling"
            if (
                has_sentence_end(p, end.last)
                or opens_entry(text, p.start, end.end)
                or _clauses(p, end, prev, nxt)
                or _subheaded(text, p.start, end.end)
            ):
                # a chronicle's entry (1月26日　…) is a sentence even when it is one clause; a
                # paragraph under its 【小标题】 is body text, never a title
                return "open"
            # one clause and no final mark: a heading or title line, not a cut sentence
        return None
