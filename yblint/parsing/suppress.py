"""Inline suppression comments in Markdown drafts:

    <!-- yblint-disable-next-line RULE -->
    text <!-- yblint-disable-line RULE -->
    <!-- yblint-disable RULE --> … <!-- yblint-enable RULE -->

RULE may be one id, several (comma or space separated), or left out for all rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from yblint import lazyre as re
from yblint.model import Document

_COMMENT = re.compile(r"<!--\s*yblint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->")


@dataclass(frozen=True)
class Suppression:
    rules: frozenset[str] | None  # None: every rule
    start_line: int
    end_line: int  # inclusive
    comment_line: int = 0  # where the comment that opened it stands
    kind: str = "disable"  # disable, disable-line or disable-next-line

    def covers(self, rule: str, line: int) -> bool:
        return self.start_line <= line <= self.end_line and (self.rules is None or rule in self.rules)


def _rules(arg: str) -> frozenset[str] | None:
    names = [r for r in re.split(r"[\s,]+", arg.strip()) if r]
    return frozenset(names) if names else None


def find_suppressions(doc: Document) -> list[Suppression]:
    lines = doc.lines
    out: list[Suppression] = []
    open_: dict[frozenset[str] | None, int] = {}
    for m in _COMMENT.finditer(doc.text):
        kind, rules = m.group(1), _rules(m.group(2))
        line = lines.line_of(m.start())
        end_line = lines.line_of(m.end())
        if kind == "disable-next-line":
            nxt = end_line + 1
            while nxt <= lines.line_count and not doc.text[slice(*lines.line_span(nxt))].strip():
                nxt += 1
            out.append(Suppression(rules, nxt, nxt, line, kind))
        elif kind == "disable-line":  # the line the comment stands on (all of them, if it runs on)
            out.append(Suppression(rules, line, end_line, line, kind))
        elif kind == "disable":
            open_.setdefault(rules, line)
        else:
            if rules is None:
                for key, start in open_.items():
                    out.append(Suppression(key, start, line, start))
                open_.clear()
            elif rules in open_:
                start = open_.pop(rules)
                out.append(Suppression(rules, start, line, start))
    for key, start in open_.items():
        out.append(Suppression(key, start, lines.line_count, start))
    return out
