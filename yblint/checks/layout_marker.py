"""layout-marker: newspaper continuation notes left in the text — （下转6版） （紧接4版）
（上接3版） （转第8版） （接上页） and the like — wherever they stand."""

from __future__ import annotations

import re
from collections.abc import Iterable

from yblint.check import Check, register_check
from yblint.finding import Finding, excerpt
from yblint.model import Corpus

_N = r"[0-9０-９一二三四五六七八九十百]{1,4}"
MARKER = re.compile(
    r"[（(]\s*(?:"
    rf"(?:下转|上接|紧接|接|转|续|下接)\s*(?:第\s*)?{_N}\s*(?:版|页|面)(?:\s*{_N}\s*栏)?"
    r"|(?:接|续|转)\s*(?:上|下|前|后)\s*(?:一)?\s*(?:版|页)"
    r")\s*[）)]"
    rf"|(?:下转|上接|紧接)(?:第)?{_N}(?:版|页)"
)
CONTEXT = 12


@register_check("layout-marker")
class LayoutMarker(Check):
    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            text = doc.text
            for m in MARKER.finditer(text):
                before = excerpt(text[max(0, m.start() - CONTEXT) : m.start()].split("\n")[-1])
                after = excerpt(text[m.end() : m.end() + CONTEXT].split("\n")[0])
                position = "start" if not before else ("end" if not after else "middle")
                yield self.finding(
                    doc,
                    m.start(),
                    m.end(),
                    message_key=position,
                    marker=m.group(0),
                    before=before,
                    after=after,
                    data={"marker": m.group(0), "before": before, "after": after, "position": position},
                )
