"""The text of a Word comment: the finding's message, its suggested fix, the related places."""

from __future__ import annotations

from yblint.finding import Finding, Location


def place(loc: Location, own: str, lang: str, names: dict[str, str]) -> str:
    """第12段（区城投集团） in the same draft; the file's name and its line/paragraph otherwise."""
    line = loc.range()[0]
    doc = loc.document
    en = lang == "en"
    if doc.locations == "paragraph":
        where = f"paragraph {line}" if en else f"第{line}段"
    else:
        where = f"line {line}" if en else f"第{line}行"
    if doc.path != own:
        name = names.get(doc.path, doc.path)
        where = f"{name} {where}" if en else f"{name}{where}"
    unit = loc.unit_name
    if unit:
        where += f" ({unit})" if en else f"（{unit}）"
    return where


def comment_text(f: Finding, lang: str, names: dict[str, str], tracked: bool = False, in_draft: bool = False) -> str:
    """Paragraphs of the comment, joined by newlines. ``tracked``: the fix is written as a tracked
    change; ``in_draft``: the draft holds it as a tracked change already (nothing written)."""
    en = lang == "en"
    lines = [f"{f.message} [{f.rule}]"]
    if f.fix is not None and f.fix.description:
        if in_draft:
            lines.append(("Already a tracked change in the draft: " if en else "稿中已有此修订：") + f.fix.description)
        elif tracked:
            lines.append(("Fixed as a tracked change: " if en else "已作修订：") + f.fix.description)
        else:
            lines.append(("Suggested fix: " if en else "建议：") + f.fix.description)
    seen: list[str] = []
    for r in f.related:
        p = place(r, f.document.path, lang, names)
        if p not in seen:
            seen.append(p)
    if seen:
        lines.append(("See " if en else "见") + ("; " if en else "；").join(seen))
    return "\n".join(lines)
