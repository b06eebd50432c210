"""split-paragraph: one paragraph broken in two by a blank line (民企发 | 展顾问制度), found by
:func:`yblint.text.paragraphs.paragraph_joins`; the finding carries the fix that joins the halves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yblint.check import Check, register_check
from yblint.finding import Edit, Finding, Fix, Location, excerpt
from yblint.i18n import tr
from yblint.model import Corpus
from yblint.text.marks import MANUAL_BREAK
from yblint.text.paragraphs import paragraph_joins
from yblint.wording import break_wording, manual_break_wording

CONTEXT = 12


@register_check("split-paragraph")
class SplitParagraph(Check):
    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        use_words = bool(self.params["word_boundaries"])
        for doc in corpus.documents:
            text = doc.text
            lines = doc.lines
            for join in paragraph_joins(doc).values():
                kind = join.kind
                if kind == "word" and not use_words:
                    continue
                end, start = join.end, join.start
                before = excerpt(text[max(join.first.start, end.end - CONTEXT) : end.end])
                after = excerpt(text[start.first : min(join.second.end, start.first + CONTEXT)])
                line, col = lines.position(end.last)
                next_line, next_col = lines.position(start.first)
                sep = ""  # Chinese text joins without a space; Latin letters here are acronyms (B | SN)
                args: dict[str, Any] = {
                    "before": before,
                    "after": after,
                    "line": line,
                    "next_line": next_line,
                    "mark": text[end.last] if kind == "continuing" else text[start.first],
                    "word": join.word,
                    "left": join.word[: join.split],
                    "right": join.word[join.split :],
                }
                head = text[max(join.first.start, end.end - CONTEXT // 2) : end.end]
                joined = excerpt(head + sep + text[start.first : min(join.second.end, start.first + CONTEXT // 2)])
                description = tr(
                    self.lang,
                    f"删除第{line}行与第{next_line}行之间的空行，把两段接成一段：“…{joined}…”",
                    f"Remove the blank line between lines {line} and {next_line}: “…{joined}…”",
                )
                # a draft written one paragraph a line: a line break, not a blank line, between the
                # halves; in a Word paragraph, a manual line break (Shift+Enter)
                gap = text[end.end : start.first]
                manual = doc.locations == "paragraph" and MANUAL_BREAK in gap
                line_break = doc.locations != "paragraph" and not _blank_line(gap)
                if line_break:
                    description = break_wording(description, self.lang)
                found = self.finding(
                    doc,
                    join.cut_start,
                    end.end,
                    unit=join.first.unit,
                    message_key=kind,
                    related=[Location(doc, start.first, join.second_end)],
                    data={
                        "kind": kind,
                        "word": join.word or None,
                        "first": {"line": line, "column": col},
                        "second": {"line": next_line, "column": next_col},
                        "before": before,
                        "after": after,
                    },
                    fix=Fix(description, [Edit(doc, end.end, start.first, sep)]),
                    key=f"{kind}\x1f{before}\x1f{after}",
                    **args,
                )
                if line_break:
                    found.message = break_wording(found.message, self.lang)
                if manual:
                    found.message = manual_break_wording(found.message, self.lang)
                    assert found.fix is not None
                    found.fix.description = tr(
                        self.lang,
                        f"删除第{line}段中的手动换行，把两段接成一段：“…{joined}…”",
                        f"Remove the manual line break in paragraph {line}: “…{joined}…”",
                    )
                yield found


def _blank_line(gap: str) -> bool:
    """Whether ``gap``, what stands between two paragraphs, holds a blank line (two line breaks)."""
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
