"""political-formula: a fixed political formula written in a wrong variant (新时代中国特色社会主义思想
without 习近平, 高举…思想伟大旗帜, 十九届六中全会 without 党的, 四个意识 without its quotation
marks …). The table, with the years each wording applies to, is yblint.text.formulae.FORMULAE;
a text is judged by its year (parameter ``year``, else the file name, else the text)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from yblint.check import Check, register_check
from yblint.errors import ConfigError
from yblint.finding import Finding
from yblint.model import Corpus, Document
from yblint.text.formulae import FORMULAE, Formula, text_year
from yblint.text.joined import in_scope, joined

SCOPE = ("prose", "list_item")  # as the whole pack: headings are left to the editor


def formula_hits(doc: Document, year: int | None) -> Iterator[tuple[int, int, Formula, Any]]:
    """(start, end, formula, match) of every variant in ``doc``; where matches overlap, the
    leftmost, then the longest, then the formula listed first wins. The patterns are searched
    once in the document's paragraphs joined (none crosses a line break), else paragraph by
    paragraph."""
    formulae = [(order, f) for order, f in enumerate(FORMULAE) if f.applies(year)]
    scope = joined(doc, SCOPE)
    if scope is None:
        found = [hit for para in in_scope(doc, SCOPE) for hit in _hits(para.text, para.start, formulae)]
    else:
        found = []
        for start, neg, order, f, m in _hits(scope.text, 0, formulae):
            i = scope.index(start)
            found.append((scope.paragraphs[i].start + start - scope.starts[i], neg, order, f, m))
    found.sort(key=lambda t: t[:3])
    last = -1
    for start, neg, _order, f, m in found:
        if start < last:
            continue
        last = start - neg
        yield start, last, f, m


def _hits(text: str, offset: int, formulae: list[tuple[int, Formula]]) -> list[tuple[int, int, int, Formula, Any]]:
    """(offset + start, -length, order, formula, match) of every match of a variant in ``text``
    that no match of the formula's exceptions holds."""
    found = []
    for order, f in formulae:
        matches = [m for pat in f.compiled for m in pat.finditer(text)]
        if not matches:
            continue
        spans = [(m.start(), m.end()) for e in f.compiled_exceptions for m in e.finditer(text)]
        for m in matches:
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            found.append((offset + m.start(), -(m.end() - m.start()), order, f, m))
    return found


@register_check("political-formula")
class PoliticalFormula(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        configured = self.params["year"]
        if configured is not None and (isinstance(configured, bool) or not isinstance(configured, int)):
            raise ConfigError(f"'year' of rule '{self.rule.id}' must be a year such as 2021", self.rule.file)
        lang = "en" if self.lang == "en" else "zh"
        for doc in corpus.documents:
            year = text_year(doc.path, doc.text, configured)
            for start, end, f, m in formula_hits(doc, year):
                fix = None
                replacement = m.expand(f.replace) if f.replace else None
                if replacement:
                    desc = (
                        f"replace “{m.group(0)}” with “{replacement}”"
                        if lang == "en"
                        else f"将“{m.group(0)}”改为“{replacement}”"
                    )
                    fix = self.replace(doc, start, end, replacement, desc)
                    fix.safe = False  # an editor confirms a change to a political formula
                note = f.note_en if lang == "en" else f.note_zh
                canonical = replacement or f.canonical  # 十九届五中全会 → 党的十九届五中全会
                # 四个意识 → “四个意识”: the two differ only by their quotation marks, which a
                # message that quotes the match would hide
                key = "quotes" if canonical == f"“{m.group(0)}”" else "default"
                yield self.finding(
                    doc,
                    start,
                    end,
                    message_key=key,
                    fix=fix,
                    data={"match": m.group(0), "formula": f.id, "canonical": f.canonical, "year": year},
                    match=m.group(0),
                    canonical=canonical,
                    note=note,
                    source=f.source,
                    year=year if year else "",
                )
