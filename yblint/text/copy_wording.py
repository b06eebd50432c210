"""How a duplicate-passage finding words the likeness of a copy and its original: 一字不差 /
只有数字不同：“1112户”→“1306户” / 相似度92%，改动处：…, and the figures a copy of earlier
material left as they were."""

from __future__ import annotations

SHOWN_DIFFS = 2


def similarity_percent(similarity: float) -> str:
    """92%; never 100% for texts that differ (99.6%)."""
    if similarity >= 1:
        return "100%"
    shown = f"{similarity:.0%}"
    return shown if shown != "100%" else f"{min(similarity, 0.999):.1%}"


def describe_likeness(similarity: float, diffs: list[dict[str, str]], figures_only: bool, lang: str) -> str:
    """How alike the two passages are, for the message: 一字不差 / 只有数字不同：… /
    相似度92%，改动处：…. Never 100% next to a change."""
    zh = lang != "en"
    if not diffs:
        return "一字不差" if zh else "word for word"
    shown = diffs[:SHOWN_DIFFS]
    sep, arrow = ("；", "→") if zh else ("; ", " → ")
    changes = sep.join(f"“{d['original']}”{arrow}“{d['copy']}”" for d in shown)
    if len(diffs) > len(shown):
        changes += "等" if zh else " …"
    if figures_only:
        return f"只有数字不同：{changes}" if zh else f"the same words, only the figures differ: {changes}"
    percent = similarity_percent(similarity)
    return f"相似度{percent}，改动处：{changes}" if zh else f"{percent} similar; changed: {changes}"


#: unchanged figures named in a message before the rest are counted
SHOWN_STALE = 4


def stale_sentence(figures: list[str], lang: str) -> str:
    """The sentence of a message that names the figures a copy left as they were (or "")."""
    if not figures:
        return ""
    if lang == "en":
        shown = ", ".join(figures[:SHOWN_STALE]) + (" …" if len(figures) > SHOWN_STALE else "")
        return f"Its figures {shown} are the same as there: were they updated for this year? "
    shown = "".join(f"“{x}”" for x in figures[:SHOWN_STALE]) + ("等" if len(figures) > SHOWN_STALE else "")
    return f"其中{shown}与参照材料相同，是否未按本年数据更新？"
