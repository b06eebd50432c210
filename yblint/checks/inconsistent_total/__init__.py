"""inconsistent-total: arithmetic a draft states that does not hold.

Five checks, each a module over one paragraph read by :class:`~.reader.Reader`, each showing its
working in the message and in ``data`` (``check``, ``stated``, ``computed``, ``parts``/``operands``,
``formula``): :mod:`.breakdown` (a total and its parts), :mod:`.count` (a count and the names it
counts), ``rate`` (a rate or share from two figures, :mod:`.rate`; an average or a ratio of
counts, :mod:`.averages`), :mod:`.growth` (a change from two figures) and :mod:`.shares`
(complementary shares that total 100%); and a sixth over tables, :mod:`.table` (a total row
against the rows it totals, column by column; a total column against the columns, row by row).

All arithmetic runs on intervals (:attr:`yblint.text.numbers.Number.interval`): a figure admits the
rounding of its last written digit, 约/余/近/多/超 widen or open it, so only a contradiction that
no rounding explains is reported. Sentences the checks cannot read with confidence are skipped.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from yblint.check import Check, register_check
from yblint.finding import Finding, Location
from yblint.model import TABLE, Corpus, Document, Paragraph

from . import averages, breakdown, count, growth, rate, shares, table
from .reader import Figures, Issue, Reader


def _rates(r: Reader) -> None:
    """The rate check: rates and shares (:mod:`.rate`), averages and ratios of counts (:mod:`.averages`)."""
    rate.check(r)
    averages.check(r)


#: the checks in the order they run, by the name ``parameters.checks`` uses
CHECKS: dict[str, Callable[[Reader], None]] = {
    "breakdown": breakdown.check,
    "count": count.check,
    "rate": _rates,
    "growth": growth.check,
    "shares": shares.check,
}
#: the check over tables, which reads table paragraphs (the others read prose)
TABLE_CHECK = "table"
#: the checks that can find something in a paragraph with one figure: a count and the names it
#: counts, shares stated as a ratio (三次产业结构 a:b:c). Every other compares two figures or more
#: (a total and its parts, a rate and what it comes from, a change and its two ends).
ONE_FIGURE = ("count", "shares")
#: the severity a finding that is likely, not certain, is reported at
LOWER = {"error": "warning", "warning": "info"}


class ParagraphChecker(Reader):
    """Every check over one paragraph: ``run()`` returns the issues found; ``checked`` lists
    every comparison made."""

    def run(self) -> list[Issue]:
        if len(self.numbers) > 1:
            for check in CHECKS.values():
                check(self)
        elif self.numbers:
            for name in ONE_FIGURE:
                CHECKS[name](self)
        # one figure read by two checks (完成率 as a completion rate and as a named rate): once
        unique: dict[tuple[int, int], Issue] = {}
        for issue in self.issues:
            unique.setdefault(issue.anchor, issue)
        self.issues = list(unique.values())
        return self.issues


@register_check("inconsistent-total")
class InconsistentTotal(Check):
    per_document = True
    param_choices: ClassVar[dict[str, tuple[str, ...]]] = {"checks": (*CHECKS, TABLE_CHECK)}

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        enabled = set(self.params["checks"])
        for doc in corpus.documents:
            figures: Figures | None = None
            for para in doc.paragraphs:
                if para.kind == TABLE and TABLE_CHECK in enabled:
                    yield from self._findings(doc, table.check(doc.text, para), enabled)
                    continue
                if para.is_prose:
                    if figures is None:
                        figures = Figures(doc.text)  # once per document
                    starts = figures.starts
                    i = bisect.bisect_left(starts, para.start)
                    if i == len(starts) or starts[i] >= para.end:
                        continue  # no figure: nothing to check
                    yield from self._paragraph(doc, para, figures, enabled)

    def _paragraph(self, doc: Document, para: Paragraph, figures: Figures, enabled: set[str]) -> Iterator[Finding]:
        unit = doc.unit_at(para.start)
        checker = ParagraphChecker(doc.text, para.start, para.end, figures, unit.start if unit is not None else None)
        yield from self._findings(doc, checker.run(), enabled)

    def _findings(self, doc: Document, issues: list[Issue], enabled: set[str]) -> Iterator[Finding]:
        """The findings of one paragraph's issues, each once, of the checks ``enabled``."""
        seen: set[tuple[int, int]] = set()
        for issue in issues:
            if issue.check not in enabled or issue.anchor in seen:
                continue
            seen.add(issue.anchor)
            start, end = issue.anchor
            f = self.finding(
                doc,
                start,
                end,
                message_key=issue.key,
                related=[Location(doc, a, b) for a, b in issue.related],
                data=issue.data,
                key=f"{issue.check}\x1f{issue.data.get('formula')}\x1f{doc.text[start:end]}",
                **issue.args,
            )
            if not issue.certain:
                f.severity = LOWER.get(self.severity, "info")
            yield f


__all__ = ["InconsistentTotal", "Issue", "ParagraphChecker"]
