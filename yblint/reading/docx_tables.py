"""Word tables as yblint reads them: which cells are table text and which are prose, and the
blocks they make.

A Word table reads one line per row, its cells joined by tabs and the paragraphs of a cell by a
space (:mod:`yblint.reading.docx`), so that paragraph N is still line N. What in it is prose is
decided here, from the text alone, so that ``yblint annotate`` (:mod:`yblint.annotate.wordxml`)
reads the same cells as prose as the linter does:

* A cell is **prose** when a paragraph of it holds a sentence: it ends with 。！？； or …… (closing
  quotes and brackets may follow), or it is long (LONG_CELL characters or more) and has clause
  punctuation (，；：); and it has two Han characters at least. Figures, headers (项目, 合计), short
  phrases without a sentence mark (截止10月底, 含续建项目) and form labels (供稿单位, 条目内容) are table
  text; so are a form's instructions (the cell after 填表说明 or 注意事项, or opening with it), the
  yearbook office's text, the same on every unit's form.
* A table without a prose cell is one TABLE block.
* A **data table**, one with a figure in a cell and a total (a row named 合计, 总计, 全区 … or a
  column headed 合计, 小计, 增减 …), stays one TABLE block as well, so that inconsistent-total reads
  every row of it and no prose rule reads its 合计 row. Only whole rows of prose cells at its top
  or bottom (a note under it: 注：…。) are taken out of it and read as prose; a sentence in one of
  its other cells stays table text (a paragraph never lies inside another).
* Any other table with a prose cell (a 供稿单 whose entry is typed in a cell, a layout table
  单位 | 内容, a list with a column of remarks) is read cell by cell, as the body text it is: each
  paragraph of a prose cell is a paragraph of its own (prose, or a heading or list item by its
  style; a short one may head a unit as a body paragraph does). A cell that names the unit — the
  one after a label 供稿单位 or 单位 in its row, or the first cell of a row of prose under a header
  单位 or ending as a body's name does (团区委, 区城投集团) — is a paragraph too, so that it heads
  its unit. The other cells of a row, side by side, are one TABLE block (one line: no total is
  checked across rows of such a table).

Positions do not move: a finding in a cell is at the row's paragraph number, and its character
counts along the row (the tab between two cells and the space between two paragraphs of a cell
count one each).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from yblint import lazyre as re
from yblint.model import TABLE, Block
from yblint.reading.docx import _cells, _rows, cell_parts
from yblint.text.marks import BODY_END, INLINE_SPACE, is_han, skip_space, trim_space

#: roles of a cell: table text, prose, the name of the unit
TABLE_CELL = "table"
PROSE_CELL = "prose"
NAME_CELL = "name"

#: a paragraph this long (spaces left out) with clause punctuation is a sentence without its stop
LONG_CELL = 20
#: the longest name of a unit in a cell
NAME_CHARS = 20
#: how a sentence ends: its mark, then closing quotes and brackets
_SENTENCE_END = re.compile(r"(?:[。！？；]|……)[”’」』）)》〉】\]]*$")
_CLAUSE_MARKS = "，；："
_SPACES = re.compile(r"[\s\u3000]+")
#: the labels of a form (供稿单): table text, never a unit's name nor prose
_LABELS = frozenset({
    "单位", "单位名称", "供稿单位", "报送单位", "填报单位", "撰稿单位", "责任单位", "牵头单位", "部门", "部门名称",
    "供稿部门", "标题", "条目", "条目标题", "条目名称", "题目", "题名", "名称", "项目", "项目名称", "内容",
    "条目内容", "正文", "主要内容", "稿件内容", "工作内容", "主要工作", "具体内容", "备注", "说明", "附注", "注",
    "撰稿", "撰稿人", "供稿人", "审稿", "审稿人", "审核", "审核人", "签发", "签发人", "联系人", "联系电话", "电话",
    "手机", "日期", "时间", "报送日期", "供稿日期", "字数", "类目", "分目", "栏目", "类别", "序号", "年份", "年度",
    "图片", "照片", "附件", "负责人", "分管领导", "姓名", "职务", "单位意见", "审核意见", "意见", "盖章", "单位盖章",
    "邮箱", "电子邮箱",
})  # fmt: skip
#: labels whose cell (to their right, or below them in a header) names the unit that wrote the text
_UNIT_LABELS = frozenset({
    "单位", "单位名称", "供稿单位", "报送单位", "填报单位", "撰稿单位", "部门", "部门名称", "供稿部门",
})  # fmt: skip
#: labels of a form's instructions (the yearbook office's text, the same on every unit's form:
#: 填表说明：请使用第三人称，不用“我区”…): the cell after one, or opening with one, is not linted
_INSTRUCTIONS = ("填表说明", "填写说明", "填报说明", "注意事项", "供稿要求", "撰稿要求", "编写要求", "写作要求")
_OPENS_WITH_INSTRUCTIONS = re.compile(rf"^(?:{'|'.join(_INSTRUCTIONS)})[：:]")
#: a cell that is a figure alone
_FIGURE = re.compile(r"[+\-−－]?[0-9０-９][0-9０-９,，.．]*[%％‰]?")
#: the name of a row that totals others, and the header of a column that totals or compares others
_TOTAL_ROW = re.compile(r"(?:合计|总计|共计|小计|总数|总量|全区|全市|全县|全省|全镇|全乡|全街道)(?:合计|总计)?")
_TOTAL_COLUMN = re.compile(
    r"(?:合计|总计|共计|小计|总数|总量|(?:比上年)?增减|增加)(?:额|量|数)?(?:[（(][^（）()]{1,6}[）)])?"
)


@dataclass
class CellPart:
    """One paragraph of a cell (or paragraphs a deleted mark joined): its text at ``start`` in the
    row's text, and the ``w:p`` elements behind it."""

    start: int
    text: str
    paragraphs: list[Any]

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class TableCell:
    start: int  # offset in the row's text
    text: str
    parts: list[CellPart]
    role: str = TABLE_CELL

    @property
    def read_as_text(self) -> bool:
        """Whether the cell reads as body paragraphs (prose, a unit's name), not as table text."""
        return self.role != TABLE_CELL


@dataclass
class TableRow:
    element: Any  # w:tr
    text: str  # the cells joined by tabs: the row's line
    cells: list[TableCell] = field(default_factory=list)


@dataclass
class WordTable:
    rows: list[TableRow]
    #: rows [first, last) read as one TABLE block; None: the table is read cell by cell
    core: tuple[int, int] | None


def _bare(text: str) -> str:
    return _SPACES.sub("", text)


def _label(text: str, labels: Collection[str] = _LABELS) -> bool:
    return _bare(text).rstrip("：:") in labels


def is_sentence(text: str) -> bool:
    """Whether a paragraph of a cell is a sentence: it ends with 。！？； or …… (closing marks may
    follow), or it is long and has clause punctuation; two Han characters at least."""
    bare = _bare(text)
    if sum(1 for ch in bare if is_han(ch)) < 2:
        return False
    if _SENTENCE_END.search(bare):
        return True
    return len(bare) >= LONG_CELL and any(mark in bare for mark in _CLAUSE_MARKS)


def _prose_row(row: TableRow) -> bool:
    """A row whose cells with text are all prose (a note under a table, a title sentence)."""
    filled = [c for c in row.cells if c.text.strip()]
    return bool(filled) and all(c.role == PROSE_CELL for c in filled)


def _data_table(rows: list[TableRow]) -> bool:
    """A table of figures with a total that inconsistent-total checks: a figure alone in a cell,
    and a row named as a total or a column headed as one (or as a change: 增减)."""
    cells = [_bare(c.text) for r in rows for c in r.cells]
    if not any(_FIGURE.fullmatch(t) for t in cells):
        return False
    if any(_TOTAL_ROW.fullmatch(_bare(c.text)) for r in rows for c in r.cells[:2]):
        return True
    return any(_TOTAL_COLUMN.fullmatch(t) for t in cells)


def _name_like(text: str) -> bool:
    """Short, no sentence or clause mark, Han characters, no label: a unit's name may stand so."""
    bare = _bare(text)
    return (
        2 <= len(bare) <= NAME_CHARS
        and not any(ch in "，。；：！？,;:!?…" for ch in bare)
        and sum(1 for ch in bare if is_han(ch)) >= 2
        and not _label(bare)
    )


def _instructions(row: TableRow) -> None:
    """Take the prose role from the cells of ``row`` that are a form's instructions: after a label
    填表说明 (注意事项 …), or opening with one."""
    before: TableCell | None = None  # the last cell with text
    for cell in row.cells:
        if not cell.text.strip():
            continue
        if cell.role == PROSE_CELL and (
            _OPENS_WITH_INSTRUCTIONS.match(_bare(cell.text))
            or (before is not None and _label(before.text, _INSTRUCTIONS))
        ):
            cell.role = TABLE_CELL
        before = cell


def _mark_names(rows: list[TableRow]) -> None:
    """Give the cells that name the unit the NAME role: the cell after a unit label (供稿单位 |
    区妇联), and the first cell of a row of prose (团区委 | 全年开展…。) under a header 单位 or
    ending as a body's name does."""
    header = next((r for r in rows if r.text.strip()), None)
    unit_columns = {i for i, c in enumerate(header.cells) if _label(c.text, _UNIT_LABELS)} if header else set()
    for row in rows:
        filled = [(i, c) for i, c in enumerate(row.cells) if c.text.strip()]
        for k, (i, cell) in enumerate(filled):
            if cell.role != TABLE_CELL or not _name_like(cell.text):
                continue
            after_label = k > 0 and _label(filled[k - 1][1].text, _UNIT_LABELS)
            rest = [c for _, c in filled[k + 1 :]]
            heads_prose = (
                k == 0
                and bool(rest)
                and all(c.role == PROSE_CELL for c in rest)
                and (i in unit_columns or BODY_END.search(_bare(cell.text)) is not None)
            )
            if after_label or heads_prose:
                cell.role = NAME_CELL


def read_table(tbl: Any) -> WordTable:
    """A ``w:tbl`` as read: its rows' text, each cell's paragraphs and role, and how its blocks
    are made (one TABLE block over its core rows, or cell by cell)."""
    rows: list[TableRow] = []
    for tr in _rows(tbl):
        cells: list[TableCell] = []
        at = 0
        for tc in _cells(tr):
            parts: list[CellPart] = []
            pos = at
            for text, paragraphs in cell_parts(tc):
                if parts:
                    pos += 1  # the space between two paragraphs of the cell
                parts.append(CellPart(pos, text, paragraphs))
                pos += len(text)
            cell = TableCell(at, " ".join(p.text for p in parts), parts)
            if any(is_sentence(p.text) for p in parts):
                cell.role = PROSE_CELL
            cells.append(cell)
            at += len(cell.text) + 1  # the tab after it
        rows.append(TableRow(tr, "\t".join(c.text for c in cells), cells))
        _instructions(rows[-1])
    if not any(c.role == PROSE_CELL for r in rows for c in r.cells):
        return WordTable(rows, (0, len(rows)))
    if _data_table(rows):
        first, last = 0, len(rows)
        while first < last and (_prose_row(rows[first]) or not rows[first].text.strip()):
            first += 1
        while last > first and (_prose_row(rows[last - 1]) or not rows[last - 1].text.strip()):
            last -= 1
        for row in rows[first:last]:  # a sentence inside the data table stays table text
            for c in row.cells:
                c.role = TABLE_CELL
        return WordTable(rows, (first, last))
    _mark_names(rows)
    return WordTable(rows, None)


def table_blocks(table: WordTable, starts: list[int], kind_of: Callable[[Any], tuple[str | None, int]]) -> list[Block]:
    """The blocks of ``table`` whose rows start at ``starts`` in the document's text:
    ``kind_of(p)`` gives the kind and heading level of a ``w:p`` read as a body paragraph (kind
    None: not read, an entry of a table of contents)."""
    blocks: list[Block] = []
    rows = table.rows
    core = table.core
    for k, row in enumerate(rows):
        base = starts[k]
        if core is not None and core[0] <= k < core[1]:
            if k == core[0] and any(r.text.strip() for r in rows[core[0] : core[1]]):
                last = core[1] - 1
                blocks.append(Block(kind=TABLE, start=base, end=starts[last] + len(rows[last].text)))
            continue
        run: tuple[int, int] | None = None  # the table text of cells side by side in the row
        for cell in row.cells:
            if not cell.read_as_text:
                a = skip_space(cell.text, 0, len(cell.text), INLINE_SPACE)
                b = trim_space(cell.text, a, len(cell.text), INLINE_SPACE)
                if a < b:
                    span = (base + cell.start + a, base + cell.start + b)
                    run = span if run is None else (run[0], span[1])
                continue
            if run is not None:
                blocks.append(Block(kind=TABLE, start=run[0], end=run[1]))
                run = None
            for part in cell.parts:
                kind, level = kind_of(part.paragraphs[-1])  # the mark that stays: its style
                a = skip_space(part.text, 0, len(part.text), INLINE_SPACE)
                b = trim_space(part.text, a, len(part.text), INLINE_SPACE)
                if kind is None or a >= b:
                    continue
                start = base + part.start
                blocks.append(Block(kind=kind, start=start, end=start + b, content_start=start + a, level=level))
        if run is not None:
            blocks.append(Block(kind=TABLE, start=run[0], end=run[1]))
    return blocks


def text_parts(table: WordTable) -> dict[Any, list[CellPart]]:
    """The parts of the cells read as body paragraphs, by row (``w:tr``): ``yblint annotate``
    anchors comments and tracks fixes on their characters, as it does in body paragraphs."""
    return {row.element: [p for c in row.cells if c.read_as_text for p in c.parts] for row in table.rows}
