"""count: a count and the names it counts — 2个项目（A、B）, 3条道路：A、B、C, and 甲、乙、丙等3个.
A list ending in 等 only sets a lower bound."""

from __future__ import annotations

import re

from yblint.text.numbers import UNITS, Number, find_numbers

from .reader import Issue, Reader, clause_start

_NOUN_THEN_LIST = re.compile(r"([^，,；;。：:（(）)、“”《》0-9０-９]{0,16}?)([（(：:])")
_LIST_OPENER = re.compile(r"[（(：:]")
#: its marks, each looked for by str.find (much faster than the pattern's search)
_LIST_OPENERS = "（：(:"
#: the furthest a bracketed list may run after its count
BRACKET_LIST_MAX = 200
#: the longest noun a colon list may follow (开工建设4条道路：…)
COLON_NOUN_MAX = 8
#: the longest name in a colon list, and in a list closed by 等 before its count
SHORT_NAME_MAX = 12
#: the longest name in a bracketed list
NAME_MAX = 30


def check(r: Reader) -> None:
    t = r.text
    # a list after a count opens with one of _LIST_OPENERS
    lo, hi = r.lo, r.hi
    lists = (
        t.find("（", lo, hi) >= 0 or t.find("：", lo, hi) >= 0 or t.find("(", lo, hi) >= 0 or t.find(":", lo, hi) >= 0
    )
    if not lists and t.find("等", lo, hi) < 0:
        return  # no list after a count, and none closed by 等 before one
    for n in r.numbers:
        u = UNITS.get(n.unit) if n.unit else None  # unit_info, written out
        if not u or not u.count or n.role is not None or n.approx or n.value != int(n.value) or n.value < 1:
            continue
        # N个X（A、B、C）, N个（A、B）, N个X：A、B、C。 — X names what is counted (学校, 道路);
        # a bracket right after a one-character noun glosses the noun (省（区、市）), not a list
        m = _NOUN_THEN_LIST.match(t, n.end, r.hi) if lists else None
        if m and len(m.group(1)) != 1:
            opener = m.group(2)
            ls = m.end()
            if opener in "（(":
                close = _matching_close(t, ls, min(r.hi, ls + BRACKET_LIST_MAX))
                if close is not None:
                    _compare_list(r, n, t[ls:close], ls, close + 1)
            else:
                le = _list_end(t, ls, r.hi)
                if le is not None and len(m.group(1)) <= COLON_NOUN_MAX:
                    _compare_list(r, n, t[ls:le], ls, le, colon=True)
        _list_before(r, n)


def _compare_list(r: Reader, n: Number, body: str, ls: int, le: int, colon: bool = False) -> None:
    items, open_ = _split_items(body)
    if items is None or len(items) < 2:
        return
    if colon and any(len(i) > SHORT_NAME_MAX or re.search(r"的|是|方面|^[一二三四五六七八九十]", i) for i in items):
        return  # a colon introduces clauses as often as names: only plain short names are counted
    count = len(items)
    stated = int(n.value)
    ok = count == stated or (open_ and count <= stated)
    r.checked.append(("count", f"{n.text}: {'、'.join(items)}", stated, ok))
    if ok:
        return
    key = "list_open" if open_ else "list"
    data = {
        "check": "count",
        "stated": stated,
        "computed": count,
        "parts": items,
        "open": open_,
        "formula": f"{'、'.join(items)} = {count}",
    }
    args = {"count": n.text, "n": count, "items": "、".join(items), "stated": stated}
    r.issues.append(Issue("count", key, (n.num_start, n.end), args, data, [(ls, le)]))


def _list_before(r: Reader, n: Number) -> None:
    """甲、乙、丙等3个: a list closed by 等 right before the count sets a lower bound."""
    t = r.text
    if n.start < 1 or t[n.start - 1] != "等":
        return
    head_start = clause_start(t, n.start, r.lo)
    seg = t[head_start : n.start - 1]
    if "、" not in seg or re.search(r"\d", seg):
        return
    seps = len(_top_level_items(seg)) - 1
    items = seg.split("、")
    if seps == 0 or any(len(i) > SHORT_NAME_MAX or any(x.unit for x in find_numbers(i)) for i in items[1:]):
        return  # 在省、市、区三级开展A、B等2项: the 、 before belong to another list
    count = seps + 1
    stated = int(n.value)
    r.checked.append(("count", f"{seg}等{n.text}", stated, count <= stated))
    if count <= stated:
        return
    data = {
        "check": "count",
        "stated": stated,
        "computed": count,
        "parts": items,
        "open": True,
        "formula": f"{'、'.join(items)} = {count}",
    }
    args = {"count": n.text, "n": count, "items": "、".join(items), "stated": stated}
    r.issues.append(Issue("count", "list_open", (n.num_start, n.end), args, data, [(head_start, n.start - 1)]))


# --- rates ------------------------------------------------------------------------------


def _matching_close(text: str, start: int, hi: int) -> int | None:
    """Offset of the bracket closing the one just before ``start`` (nested brackets skipped)."""
    depth = 1
    for i in range(start, hi):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None


def _list_end(text: str, start: int, hi: int) -> int | None:
    """End of a colon list: it must end the sentence (。 or ；)."""
    i = start
    while i < hi and text[i] not in "。；;，,！？\n":
        i += 1
    if i >= hi or text[i] in "，,\n":
        return None
    return i


def _top_level_items(s: str) -> list[str]:
    """``s`` split at each 、 outside brackets and quotes (A、《B、C》 → A, 《B、C》)."""
    items, depth, cur = [], 0, ""
    for ch in s:
        if ch in "“《（(「":
            depth += 1
        elif ch in "”》）)」":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return items


def _split_items(body: str) -> tuple[list[str] | None, bool]:
    """Names in a list body separated by 、 (brackets and quotes respected). None when the body
    is not a plain list of names (has figures, clauses, or a gloss such as 含/包括/即)."""
    b = body.strip()
    if not b or re.search(r"[，,；;。：:]", b) or re.match(r"含|即|包括|其中|如|主要|总|共|约|分别", b):
        return None, False
    if re.search(r"\d+(?:\.\d+)?(?:万|亿)?(?:元|人|个|项|家|所|条|亩|平方米|%|年|月|日)", b):
        return None, False
    open_ = False
    if b.endswith("等"):
        open_ = True
        b = b[:-1]
    items = [i.strip() for i in _top_level_items(b)]
    if any(not i or len(i) > NAME_MAX or re.search(r"(?<=.)(?:和|及|与)", i) for i in items):
        return None, False  # 甲、乙和丙: a conjunction makes the count of names uncertain
    if any(re.search(r"已|正在|其中", i) or any(n.role is None and n.unit for n in find_numbers(i)) for i in items):
        return None, False  # 甲、乙两个项目已竣工: a clause about the items, not their names
    if "等" in "".join(items[:-1]) or re.search(r"等[^级]", items[-1] if items else ""):
        return None, False
    return items, open_
