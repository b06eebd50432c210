"""Splitting a document into units, one per contributing body (团区委, 区妇联 …).

A unit starts at a Markdown heading, or in plain text at a short line with no sentence
punctuation standing between blank lines. Text before the first heading is a unit of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from yblint import lazyre as re
from yblint.model import HEADING, PROSE, Document, Paragraph, Unit
from yblint.text.cells import is_tab_row
from yblint.text.chronicle import opens_entry
from yblint.text.marks import BODY_END, is_page_number

SENTENCE_PUNCT = set("。！？；，：,.!?;:…")  # 、 may join two bodies (区委宣传部、区文明办), not end one
_ENUM_PREFIX = re.compile(r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．]\s*)")
_BRACKETED = re.compile(r"^[（(【\[].*[）)】\]]$")
#: a table's or a figure's caption (表1　2021年…, 表　各乡镇户籍人口, 图2 …): no unit heading
CAPTION = re.compile(r"^[表图](?:[0-9０-９]+(?:[-—－.．][0-9０-９]+)?)?[ \t\u3000]+\S")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<name>[^*_\n]+)\1$")


@dataclass
class UnitOptions:
    heading_pattern: re.Pattern[str] | None = None
    max_heading_chars: int = 20
    heading_level: int | None = None  # Markdown/Word heading level of units; None: inferred


def is_plain_heading(text: str, options: UnitOptions) -> bool:
    """Whether a one-line plain-text paragraph reads as a unit heading."""
    line = text.strip()
    if not line or "\n" in line or "\r" in line:
        return False
    if options.heading_pattern is not None:
        return options.heading_pattern.fullmatch(line) is not None
    # a chronicle's entry (1月26日　全区…会议召开), a table's row, a page number (第186页) are no heading
    if (
        len(line) > options.max_heading_chars
        or _BRACKETED.match(line)
        or opens_entry(line)
        or is_tab_row(line)
        or is_page_number(line)
        or CAPTION.match(line)
    ):
        return False
    body = _ENUM_PREFIX.sub("", line)
    if not body or any(ch in SENTENCE_PUNCT for ch in body) or body.endswith("、"):
        return False
    return any(ch.isalpha() for ch in body)


def unit_level(doc: Document, options: UnitOptions) -> int | None:
    """The heading level at which units start in a draft with Markdown or Word headings: the
    shallowest level that has two headings or more (``## 团区委`` … ``## 区妇联`` under one
    ``# 2021年卷``), else the deepest level there is. Shallower headings (a book title) start units
    too; deeper ones (``### 主要指标`` inside a unit) are sub-headings within their unit. A draft
    whose one shallowest heading names a body (or its file) over sections that mostly do not
    (``# 运河街道`` / ``## 概况`` / ``## 经济发展``) is that body's own: one unit, at that level."""
    if options.heading_level is not None:
        return options.heading_level
    counts: dict[int, int] = {}
    for p in doc.paragraphs:
        if p.kind == HEADING and p.level > 0:
            counts[p.level] = counts.get(p.level, 0) + 1
    if not counts:
        return None
    repeated = sorted(level for level, n in counts.items() if n >= 2)
    if not repeated:
        return max(counts)
    # a unit's own draft: its name once over its sections (# 运河街道 / ## 概况 / ## 经济发展 …)
    top = min(counts)
    if counts[top] == 1 and top < repeated[0] and _names_a_body(doc, top) and _body_share(doc, repeated[0]) < 0.5:
        return top
    # chapters over units, both repeated (# 综合经济 … ## 市统计局, ## 市财政局 … # 商务与开放 …):
    # the units are the level whose headings name bodies, when the shallower one's do not
    if len(repeated) >= 2 and _body_share(doc, repeated[0]) < 0.5 <= _body_share(doc, repeated[1]):
        return repeated[1]
    return repeated[0]


def _body_share(doc: Document, level: int) -> float:
    """The share of the headings at ``level`` that name a body (市财政局, not 财政税务)."""
    names = [p.text.strip() for p in doc.paragraphs if p.kind == HEADING and p.level == level]
    return sum(bool(BODY_END.search(n)) for n in names) / len(names) if names else 0.0


def _names_a_body(doc: Document, level: int) -> bool:
    """Whether the first heading at ``level`` names a body (运河街道, 区妇联) or the draft's file
    (# 2022年运河街道工作 in 运河街道.md)."""
    name = next((p.text.strip() for p in doc.paragraphs if p.kind == HEADING and p.level == level), "")
    if BODY_END.search(name):
        return True
    file_name = name_of_file(doc.path)
    return bool(file_name) and file_name in name


def _bold_name(p: Paragraph) -> str | None:
    """The text of a Markdown paragraph that is nothing but bold text (**团区委**), the way drafts
    converted from Word mark unit headings."""
    m = _BOLD_LINE.match(p.text.strip())
    return m.group("name").strip() if m else None


def _starts_unit(p: Paragraph, options: UnitOptions, level: int | None, styled: bool) -> bool:
    if p.kind == HEADING:
        if level is not None and p.level > level:
            return False
        if options.heading_pattern is None:
            return True
        return options.heading_pattern.fullmatch(p.text.strip()) is not None
    if p.kind != PROSE:
        return False
    if p.document.format == "markdown":
        # only in a Markdown draft without headings: there, bold lines are the unit headings
        name = _bold_name(p) if level is None else None
        return name is not None and is_plain_heading(name, options)
    if styled:
        return False  # a Word draft whose headings are styled (two or more): they say where units start
    text = p.document.text
    if (
        options.heading_pattern is None
        and p.end - p.start > options.max_heading_chars
        and not text[p.start].isspace()
        and not text[p.end - 1].isspace()
    ):
        return False  # too long to be a heading, as is_plain_heading finds, without copying the paragraph
    return is_plain_heading(p.text, options)


#: the first of a numbering (一、, （一）, 1.): the numbering of a unit's parts starts again in each
_FIRST_NUMBER = re.compile(r"^(?:一、|[（(]一[)）]|[1１][.、．])")


def _parts_headings(headings: list[Paragraph], options: UnitOptions) -> set[int]:
    """Of a plain-text draft's headings (``headings``, in order), the numbered ones that head
    parts of a unit (区妇联 / 一、概况 / 二、主要工作): those under a heading without a number, when
    that heading names a body, or the draft's numbering starts again under another heading, or the
    heading is what the file is named for (拱投资.txt: 拱投资 / 一、概况 …, a unit's own draft). They
    stay headings, in the unit above them (as a Markdown sub-heading does), so that a finding
    names 区妇联, not 二、主要工作. A report's 一、二、三、 under its title, numbered once, still
    head units of their own; so does a numbered heading before any other, and one that names a
    body under a heading that does not (a chapter's 一、区经信局) (the indices)."""
    if options.heading_pattern is not None:
        return set()
    numbered = [p for p in headings if _ENUM_PREFIX.match(p.text.strip())]
    if not numbered:
        return set()
    again = sum(1 for p in numbered if _FIRST_NUMBER.match(p.text.strip())) > 1
    out: set[int] = set()
    above: Paragraph | None = None  # the last heading without a number
    body_above = False  # … and whether it names a body
    for p in headings:
        line = p.text.strip()
        number = _ENUM_PREFIX.match(line)
        if number is None:
            above, body_above = p, BODY_END.search(line) is not None
        elif above is None:
            continue
        elif not body_above and BODY_END.search(line[number.end() :]):
            continue  # 工业 / 一、区经信局 / 二、区商务局: numbered bodies under a chapter head units
        elif again or body_above or _names_the_file(above):
            out.add(p.index)
    return out


def _names_the_file(heading: Paragraph) -> bool:
    """Whether the file's name holds ``heading``'s text (拱投资 in 拱投资.txt, 2021-拱投资-定稿.docx)."""
    name = heading.text.strip()
    stem = PurePath(heading.document.path).stem
    return len(name) >= 2 and name in stem


def split_units(doc: Document, options: UnitOptions) -> list[Unit]:
    units: list[Unit] = []
    current: Unit | None = None
    level = unit_level(doc, options)
    styled = sum(p.kind == HEADING and p.level > 0 for p in doc.paragraphs) >= 2
    starts = [p for p in doc.paragraphs if _starts_unit(p, options, level, styled)]
    parts = _parts_headings([p for p in starts if p.kind == PROSE], options)
    starting = {p.index for p in starts} - parts
    for p in doc.paragraphs:
        if p.index in parts:
            p.kind = HEADING  # a part's heading: no sentences, in the unit above it
        elif p.index in starting:
            if p.kind == PROSE:
                p.kind = HEADING  # a heading has no sentences
            name = (_bold_name(p) if doc.format == "markdown" else None) or p.text.strip()
            current = Unit(document=doc, name=name, index=len(units), heading=p)
            units.append(current)
            p.unit = current
            continue
        if current is None:
            current = Unit(document=doc, name="", index=0, heading=None)
            units.append(current)
        current.paragraphs.append(p)
        p.unit = current
    if len(units) == 1 and units[0].heading is None:
        units[0].name = name_of_file(doc.path)  # a unit's own draft with no heading: named by its file
    return units


#: what a draft's file name holds besides the name of its unit: an ordinal before it (01-, 3_,
#: 12.), years, the stage of the draft, separators
_FILE_NAME_EXTRAS = re.compile(
    r"^[0-9０-９]+[-_.、 　]*|(?:19|20)[0-9]{2}年?(?:度)?"
    r"|[（(]?(?:定稿|初稿|终稿|修改稿|修订稿|送审稿|草稿|修改|最终版)[)）]?|[-_ 　.]+"
)
_UNIT_NAME = re.compile(r"[\u4e00-\u9fff（）()、]{2,24}")


def name_of_file(path: str) -> str:
    """The unit a draft's file is named for (01-团区委.txt, 区妇联2021定稿.docx: 团区委, 区妇联), or
    "" when its name is no unit's (a.txt, chapter-15.md, 00-2025-00.txt): Chinese characters alone
    once ordinals, years and the draft's stage are taken out."""
    stem = _FILE_NAME_EXTRAS.sub("", PurePath(path).stem)
    return stem if _UNIT_NAME.fullmatch(stem) else ""
