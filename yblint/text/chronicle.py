"""Chronicles (大事记): each entry opens with its date, set off from the text by a space
(``1月26日　全区安全生产工作会议召开。``, ``2月15日—16日　…``, ``3月下旬　…``, ``同日　…``). Such a
line is an entry, a sentence, never a unit heading; and the space after its date is layout, not a
stray space (rules/yearbook/space-in-cjk.yaml has the same pattern among its exceptions; a test
holds the two together)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from yblint import lazyre as re  # patterns compiled on first use (#14)

if TYPE_CHECKING:
    from yblint.model import Unit

_DIGIT = "[0-9０-９]"
_RANGE = "(?:[—–～~-]|至|到)"
#: the date of an entry and the space after it (the space included): a month (3月, 3—4月), a day
#: (3月5日), a range of days (2月15日—16日, 2月20—21日, 5月16日至18日, 6月30日—7月2日), a part of
#: the month (3月下旬, 4月初, 12月底), a time of the day or a start (1月5日晚, 4月1日起), or an
#: entry on the same date as the one before (同日, 是月)
ENTRY_DATE = (
    rf"[ \t\u3000]*(?:(?:(?:19|20){_DIGIT}{{2}}年)?(?:{_DIGIT}{{1,2}}{_RANGE})?{_DIGIT}{{1,2}}月"
    rf"(?:{_DIGIT}{{1,2}}日?{_RANGE}(?:{_DIGIT}{{1,2}}月)?{_DIGIT}{{1,2}}日|{_DIGIT}{{1,2}}日"
    rf"|上旬|中旬|下旬|上中旬|中下旬|初|中|底|末)?"
    rf"(?:起|前后|期间|上午|下午|晚|晚间|凌晨|夜间)?|同日|是日|当日|次日|同月|是月|当月)"
    rf"[ \t\u3000]+(?!{_DIGIT}{{1,2}}日)"
)
_ENTRY = re.compile(ENTRY_DATE + r"\S")


def opens_entry(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` opens with the date of a chronicle entry and text after it."""
    return _ENTRY.match(text, start, len(text) if end is None else end) is not None


_CHRONICLES: weakref.WeakKeyDictionary[Unit, bool] = weakref.WeakKeyDictionary()
#: a unit named as a month of a chronicle (10月, 十月, 10月份), and the day its entries open with
#: (10月26日　…, 10月26日，…, 26日　…)
_MONTH = re.compile(r"(?:[0-9０-９]{1,2}|十[一二]|[一二三四五六七八九十])月份?")
_DAY = re.compile(rf"[ \t\u3000]*(?:{_DIGIT}{{1,2}}月)?{_DIGIT}{{1,2}}日")


def in_chronicle(unit: Unit) -> bool:
    """Whether ``unit`` is a chronicle: named 大事记 (大事记, 2021年大事记, 大事纪要), a month of
    one (## 10月) whose paragraphs open with their day, or half its prose paragraphs or more open
    with an entry's date (worked out once a unit)."""
    known = _CHRONICLES.get(unit)
    if known is None:
        name = (unit.name or "").strip()
        text = unit.document.text
        prose = [p for p in unit.paragraphs if p.is_prose]
        if "大事" in name:
            known = True
        elif _MONTH.fullmatch(name):  # a chronicle's month (## 10月): its entries open with their day
            known = bool(prose) and 2 * sum(_DAY.match(text, p.start, p.end) is not None for p in prose) >= len(prose)
        else:
            known = len(prose) >= 3 and 2 * sum(opens_entry(text, p.start, p.end) for p in prose) >= len(prose)
        _CHRONICLES[unit] = known
    return known
