"""layout-marker: newspaper continuation notes left in the text — （下转6版） （紧接4版）
（上接3版） （转第8版） （接上页） and the like — wherever they stand."""

from __future__ import annotations

from collections.abc import Iterable

from yblint.check import Check, register_check
from yblint.finding import Finding, excerpt
from yblint.model import Corpus
from yblint.text.paragraphs import LAYOUT_MARKER, find_markers, marker_direction

MARKER = LAYOUT_MARKER  # the pattern lives in yblint.text.paragraphs, shared with truncated-sentence
CONTEXT = 12


@register_check("layout-marker")
class LayoutMarker(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            text = doc.text
            for m in find_markers(text):  # MARKER.finditer(text), tried only where a note can start
                before = excerpt(text[max(0, m.start() - CONTEXT) : m.start()].split("\n")[-1])
                after = excerpt(text[m.end() : m.end() + CONTEXT].split("\n")[0])
                position = "start" if not before else ("end" if not after else "middle")
                yield self.finding(
                    doc,
                    m.start(),
                    m.end(),
                    message_key="default" if position == "middle" else position,
                    marker=m.group(0),
                    before=before,
                    after=after,
                    data={
                        "marker": m.group(0),
                        "before": before,
                        "after": after,
                        "position": position,
                        "direction": marker_direction(m.group(0)),
                    },
                )
