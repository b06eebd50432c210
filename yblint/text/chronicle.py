"""Chronicles (大事记): each entry opens with its date, set off from the text by a space
(``1月26日　全区安全生产工作会议召开。``, ``2月15日—16日　…``, ``3月　…``). Such a line is an entry, a
sentence, never a unit heading; and the space after its date is layout, not a stray space."""

from __future__ import annotations

from yblint import lazyre as re  # patterns compiled on first use (#14)

_DIGIT = "[0-9０-９]"
#: the date of an entry and the space after it (the space included)
ENTRY_DATE = (
    rf"[ \t\u3000]*(?:(?:19|20){_DIGIT}{{2}}年)?{_DIGIT}{{1,2}}月(?:{_DIGIT}{{1,2}}日)?"
    rf"(?:[—～~-](?:{_DIGIT}{{1,2}}月)?{_DIGIT}{{1,2}}日)?[ \t\u3000]+"
)
_ENTRY = re.compile(ENTRY_DATE + r"\S")


def opens_entry(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` opens with the date of a chronicle entry and text after it."""
    return _ENTRY.match(text, start, len(text) if end is None else end) is not None
