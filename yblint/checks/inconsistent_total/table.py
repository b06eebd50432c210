"""table: a table's total row (合计, 总计, 全区 …) against the sum of its rows, column by column;
a total column (合计, 总计 …) against the sum of the other columns, row by row; and rows that divide
the row above them as statistics always do (地区生产总值, then 第一产业, 第二产业, 第三产业) against it.

A statistical table states its arithmetic in its layout: the row named 合计 holds, in each column
of amounts, the sum of the rows it totals — the rows above it when it is the last, the rows below
it when it comes first (as Chinese statistical tables often set it). A column is left out when it
holds what does not add up (shares, rates, growth, averages, prices, ranks: by its header) or a
cell that is not a figure. A table with subtotals (小计) or sub-items (其中, #) is left alone:
which rows a total covers is then not plain from the table.

Each cell is taken at the precision it is written with: a count (人, 所, 个 …, by the header's
unit, or a header that names a count: 项目数, 企业数) is exact, any other figure may be rounded by
half its last digit, so only a sum that no rounding explains is reported. Rows that add up to more
than their total are an error; to less, a warning (the rows may be a selection: 其他 is then
missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from yblint import lazyre as re  # patterns compiled on first use (#14)
from yblint.model import Paragraph
from yblint.text.cells import space_cells
from yblint.text.marks import LINE_END
from yblint.text.numbers import unit_info

from .complete import PARTITIONS, partition
from .reader import EPSILON, Issue, num

#: the label of a row that totals the others
TOTAL_LABEL = re.compile(r"(?:合计|总计|共计|总数|总量|全区|全市|全县|全省|全镇|全乡|全街道)(?:合计|总计)?")
#: rows a total cannot be read through: subtotals and sub-items
_SUBROWS = re.compile(r"^(?:小计|其中|#|＃|内[：:])")
#: headers of columns that do not add up
_NOT_SUMMED = re.compile(
    r"%|％|‰|率|比重|占比|比例|构成|增长|增幅|增速|同比|比上年|较上年|增减|平均|人均|户均|均价|单价|价格|指数|排名|名次|位次"
    r"|序号|编号|^年份$|^年度$|代码|电话|面积比|密度|每|／|/|倍|等级|星级|评分|得分|分值|温度|气温|℃|海拔|高程|经度|纬度"
)
#: the header of a column that numbers the rows
_SERIAL = re.compile(r"序号|编号|No\.?|NO\.?|排序")
#: what a cell holds when a row has nothing in a column
_EMPTY = {"", "—", "——", "-", "－", "–", "/", "…", "0"}
_FIGURE = re.compile(r"[+-]?(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?")
_UNIT_IN_HEADER = re.compile(r"[（(]([^（）()]{1,6})[）)]\s*$")
_FW = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
#: parts named in a formula before the rest are counted (… 12行)
FORMULA_PARTS = 6


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offsets in the document
    end: int


def rows_of(text: str, para: Paragraph) -> list[list[Cell]]:
    """The rows of a table paragraph, each a list of cells with their offsets: Markdown pipe rows
    (the delimiter row left out), rows of tab-separated cells (a Word table as read, a table
    pasted into a plain or Markdown draft) or rows lined up with spaces (a table typed in a plain
    draft: its cells are the text between gaps of two spaces or more)."""
    rows: list[list[Cell]] = []
    pos = para.start
    markdown = para.document.format == "markdown"  # a Word table's cells are joined by tabs
    for line in LINE_END.split(text[para.start : para.end]):  # a Word paragraph's rows end with ↵
        start, pos = pos, pos + len(line) + 1
        body = line.rstrip("\r")
        if markdown and "|" in body:  # a pipe table's row (a table pasted with tabs has none)
            cells = _split(body, start, "|")
            if cells and cells[0].text == "" and body.lstrip().startswith("|"):
                cells = cells[1:]
            if cells and cells[-1].text == "" and body.rstrip().endswith("|"):
                cells = cells[:-1]
            if cells and all(re.fullmatch(r":?-{3,}:?", c.text) for c in cells):
                continue  # the delimiter row
        elif "\t" in body:
            cells = _split(body, start, "\t")
        else:
            cells = [_cell(body[a:b], start + a) for a, b in space_cells(body)]
        if any(c.text for c in cells):
            rows.append(cells)
    return rows


def _split(line: str, offset: int, sep: str) -> list[Cell]:
    cells = []
    i = 0
    for piece in line.split(sep):
        cells.append(_cell(piece, offset + i))
        i += len(piece) + 1
    return cells


def _cell(piece: str, offset: int) -> Cell:
    """The cell whose text, with its spacing, is ``piece``, at ``offset`` in the document."""
    text = piece.strip().strip("*_").strip()  # the cell's text, without spacing and emphasis
    a = offset + (piece.find(text) if text else 0)
    return Cell(text, a, a + len(text))


def _figure(cell: str) -> tuple[float, int] | None:
    """The value of a cell that holds a figure alone, and its decimals; None for any other text."""
    if not _FIGURE.fullmatch(cell):
        return None
    plain = cell.translate(_FW).replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return float(plain), decimals


def check(text: str, para: Paragraph) -> list[Issue]:
    """The issues of one table paragraph."""
    rows = rows_of(text, para)
    if len(rows) < 2:
        return []
    header, body = rows[0], rows[1:]
    # the rows' names stand in the first column, or the second after a column of numbers (序号)
    named = 1 if header and _SERIAL.fullmatch(header[0].text) and len(header) > 2 else 0
    by_row = _total_columns(header, body, named)
    by_column = [i for i in _total_rows(header, body, named) if not _explained(i, by_row)]
    return (
        by_column
        + by_row
        + _partition_rows(header, body, named)
        + _share_columns(header, body, named)
        + _change_columns(header, body, named)
    )


def _total_rows(header: list[Cell], body: list[list[Cell]], named: int) -> list[Issue]:
    """The total row against the rows it totals, column by column."""
    if len(body) < 3:
        return []  # a total and two rows at least
    labels = _labels(body, named)
    if any(_SUBROWS.match(lab) for lab in labels):
        return []  # subtotals or sub-items: which rows a total covers is not plain
    totals = [i for i, lab in enumerate(labels) if TOTAL_LABEL.fullmatch(lab)]
    if len(totals) != 1:
        return []
    t = totals[0]
    if t == len(body) - 1:
        parts = body[:t]
    elif t == 0:
        parts = body[1:]
    else:
        return []  # a total in the middle: which rows it covers is not plain
    if len(parts) < 2 or any(len(r) != len(header) for r in (*parts, body[t])):
        return []
    issues = []
    for col in range(named + 1, len(header)):
        if _NOT_SUMMED.search(header[col].text):
            continue
        issue = _sum(header[col].text, body[t][col], [r[col] for r in parts], unit_of(header[col].text))
        if issue is not None:
            issues.append(issue)
    return issues


def _explained(column: Issue, rows: list[Issue]) -> bool:
    """A total row's sum of the total column that is off only by the rows whose total cell is off
    (reported on their own): with those cells as their rows' sums, the column adds up. One wrong
    cell is one finding, not two (南塘县 1825.2 for 1852.2, and 全市 then short of the column)."""
    fixes = [r for r in rows if r.data["column"] == column.data["column"]]
    if not fixes:
        return False
    corrected = column.data["computed"] + sum(r.data["computed"] - r.data["stated"] for r in fixes)
    total = str(column.args["total"])
    decimals = len(total.split(".", 1)[1]) if "." in total else 0
    return abs(corrected - column.data["stated"]) <= 0.5 * 10.0**-decimals + EPSILON * max(1.0, abs(corrected))


def _labels(body: list[list[Cell]], named: int) -> list[str]:
    """Each row's name, without spaces."""
    return [r[named].text.replace(" ", "").replace("\u3000", "") if len(r) > named else "" for r in body]


def _partition_rows(header: list[Cell], body: list[list[Cell]], named: int) -> list[Issue]:
    """A row followed by rows that divide it as statistics always do (地区生产总值, then 第一产业,
    第二产业, 第三产业; 进出口总额, then 出口, 进口): those rows against it, column by column. Every
    part named, the parts are the whole: a difference either way is certain. Sub-items between
    them (其中：工业) are passed over; averages and rates (人均, 率) are no sum."""
    labels = _labels(body, named)
    issues: list[Issue] = []
    for w, whole in enumerate(labels):
        if not whole or _part(whole) or _NOT_SUMMED.search(whole) or TOTAL_LABEL.fullmatch(whole):
            continue
        parts = []
        for j in range(w + 1, len(body)):
            if _SUBROWS.match(labels[j]):
                continue
            if not _part(labels[j]):
                break
            parts.append(j)
        named_parts = [labels[j] for j in parts]
        name = partition(named_parts)
        if name is None or len(parts) != _MEMBERS.get(name, -1) or any(_NOT_SUMMED.search(x) for x in named_parts):
            continue
        if not _divides(whole, name, named_parts):
            continue
        if any(len(body[i]) != len(header) for i in (w, *parts)):
            continue
        for col in range(named + 1, len(header)):
            if _NOT_SUMMED.search(header[col].text):
                continue
            cells = [body[j][col] for j in parts]
            issue = _sum(header[col].text, body[w][col], cells, unit_of(header[col].text), whole=(whole, name))
            if issue is not None:
                issues.append(issue)
    return issues


#: how many members each partition of statistics has (complete.PARTITIONS)
_MEMBERS = {name: len(members) for name, members in PARTITIONS}


#: what the partitions divide, where their rows do not say it (三次产业: a row of 全社会用电量 is
#: divided among the three industries and 居民生活 too)
_WHOLES = {
    "三次产业": re.compile(r"生产总值|增加值|GDP|从业人员|就业人员|投资"),
    "进出口": re.compile(r"进出口"),
    "税收非税": re.compile(r"一般公共预算收入|财政收入"),
    "政府债务": re.compile(r"债务"),
    "专利类型": re.compile(r"专利"),
}


def _divides(whole: str, name: str, parts: list[str]) -> bool:
    """Whether the rows ``parts`` (the partition ``name``) divide the row ``whole``: it is what
    the partition divides (_WHOLES), or it ends in what the parts share after their members'
    names (城镇人口, 农村人口 under 常住人口); 男 and 女 under any row."""
    if name in _WHOLES:
        return _WHOLES[name].search(whole) is not None
    members = dict(PARTITIONS)[name]
    tails = set()
    for x in parts:  # what follows the member's name (城镇|人口)
        m = next(filter(None, (re.search(pat, x) for pat in members)), None)
        tails.add(x[m.end() :] if m else x)
    tail = tails.pop() if len(tails) == 1 else ""
    if len(tail) >= 2:
        return whole.endswith(tail)
    return name == "性别" and all(len(x) <= 2 for x in parts)


def _part(label: str) -> bool:
    """Whether ``label`` names a member of one of the partitions of statistics."""
    return any(re.search(m, label) for _, members in PARTITIONS for m in members)


#: the header of a column that totals the others in its row
TOTAL_HEADER = re.compile(r"(?:合计|总计|共计|总数|总量|小计)(?:[（(][^（）()]{1,6}[）)])?")
#: headers of columns that are part of another (其中：女), so the row's columns are no partition
_SUB_HEADER = re.compile(r"^(?:其中|#|＃|内[：:]|含)")


#: a header that names a count without a unit in brackets (项目数, 企业数, 人数): whole numbers,
#: exact; not an index, a coefficient, a multiple, a score, an average (指数, 系数, 倍数, 分数, 均数)
_COUNT_HEADER = re.compile(r"(?<![指系倍分参基均])数\s*$")


def unit_of(head: str) -> str | None:
    """The unit a header names in brackets at its end (企业数（家） → 家)."""
    m = _UNIT_IN_HEADER.search(head)
    return m.group(1) if m else None


def _total_columns(header: list[Cell], body: list[list[Cell]], named: int) -> list[Issue]:
    """A total column (合计, first or last of the figures) against the other columns of each row,
    when they are of one unit and none is a part of another (其中…)."""
    heads = [re.sub(r"\s+", "", c.text) for c in header]
    totals = [i for i in range(named + 1, len(heads)) if TOTAL_HEADER.fullmatch(heads[i])]
    if len(totals) != 1 or any(_SUB_HEADER.match(h) for h in heads):
        return []
    t = totals[0]
    parts = [i for i in range(named + 1, len(heads)) if i != t and not _NOT_SUMMED.search(heads[i])]
    if len(parts) < 2 or not (t < parts[0] or t > parts[-1]):
        return []  # the total stands first or last of what it totals
    unit = unit_of(heads[t])
    units = {unit_of(heads[i]) for i in parts} - {None}
    if len(units) > 1 or (unit is not None and units and units != {unit}):
        return []  # columns of other units (企业数（家）, 产值（亿元）) do not add up
    issues = []
    for row in body:
        if len(row) != len(header):
            continue
        issue = _sum(heads[t], row[t], [row[i] for i in parts], unit or next(iter(units), None), row[named].text)
        if issue is not None:
            issues.append(issue)
    return issues


def _sum(
    head: str,
    total_cell: Cell,
    cells: list[Cell],
    unit: str | None,
    row: str | None = None,
    whole: tuple[str, str] | None = None,
) -> Issue | None:
    """The cells against the total: an issue when no rounding of theirs explains the difference.
    ``row``: the name of the row whose total column is checked (a total row's column: None);
    ``whole``: the name of the row the cells' rows divide, and the partition they make."""
    total = _figure(total_cell.text)
    if total is None:
        return None
    values: list[tuple[float, int]] = []
    for c in cells:
        if c.text in _EMPTY:
            continue
        got = _figure(c.text)
        if got is None:
            return None  # a cell that is no figure: the column is not amounts
        values.append(got)
    if len(values) < 2:
        return None
    info = unit_info(unit) if unit else None
    counted = info.count if info is not None else _COUNT_HEADER.search(head) is not None
    exact = counted and total[1] == 0 and all(d == 0 for _, d in values)
    computed = sum(v for v, _ in values)
    slack = 0.0 if exact else sum(0.5 * 10.0**-d for _, d in values) + 0.5 * 10.0 ** -total[1]
    if abs(computed - total[0]) <= slack + EPSILON * max(1.0, abs(total[0])):
        return None
    decimals = max([total[1], *(d for _, d in values)])
    shown = [c.text for c in cells if c.text not in _EMPTY]
    listed = " + ".join(shown[:FORMULA_PARTS]) + (f" + …（共{len(shown)}行）" if len(shown) > FORMULA_PARTS else "")
    grouped = any("," in c or "，" in c for c in (total_cell.text, *shown))  # 44,020 as the table writes it
    total_shown = f"{computed:,.{decimals}f}" if grouped else num(computed, decimals)
    formula = f"{listed} = {total_shown}"
    over = computed > total[0]
    column = re.sub(r"\s+", "", head) or "?"
    args = {"column": column, "total": total_cell.text, "sum": total_shown, "formula": formula}
    data = {
        "check": "table",
        "column": column,
        **({"row": row} if row is not None else {}),
        "stated": total[0],
        "computed": round(computed, 6),
        "parts": shown,
        "formula": formula,
    }
    related = [(c.start, c.end) for c in cells if c.text not in _EMPTY][:10]
    if row is not None:
        args["row"] = re.sub(r"\s+", "", row) or "?"
    key = ("table_row_" if row is not None else "table_") + ("over" if over else "under")
    if whole is not None:  # every part named: the parts are the whole
        args["row"], args["partition"] = whole
        data["row"], data["partition"] = whole
        key = "table_parts"
    certain = over or whole is not None
    return Issue("table", key, (total_cell.start, total_cell.end), args, data, related, certain=certain)


#: the header of a column of each row's share of the total (占全县比重（%）, 构成（%）)
_SHARE_HEADER = re.compile(r"比重|占比|构成|占.{0,6}(?:%|％)")
#: rows whose shares may disagree with a base column, at most this share of the rows (a column
#: that disagrees more is of another base: 占全市比重 in a table of the county's towns)
SHARE_MISFITS = 1 / 3


def _share_columns(header: list[Cell], body: list[list[Cell]], named: int) -> list[Issue]:
    """A column of shares (占全县比重（%）) against the column they are shares of: the one of the
    figures left of it whose rows, each over the total row, give the stated shares in most rows;
    the rows where they do not are reported."""
    heads = [re.sub(r"\s+", "", c.text) for c in header]
    shares = [i for i in range(named + 1, len(heads)) if _SHARE_HEADER.search(heads[i])]
    labels = _labels(body, named)
    totals = [i for i, lab in enumerate(labels) if TOTAL_LABEL.fullmatch(lab)]
    if not shares or len(totals) != 1 or any(_SUBROWS.match(lab) for lab in labels):
        return []
    t = totals[0]
    rows = [r for i, r in enumerate(body) if i != t and len(r) == len(header)]
    if len(rows) < 3 or len(body[t]) != len(header):
        return []
    issues: list[Issue] = []
    for s in shares:
        stated = [_figure(r[s].text) for r in rows]
        if any(x is None for x in stated):
            continue
        best: tuple[int, int, list[int]] | None = None  # (fits, column, rows that do not fit)
        for b in range(named + 1, s):
            if _NOT_SUMMED.search(heads[b]):
                continue
            whole = _figure(body[t][b].text)
            values = [_figure(r[b].text) for r in rows]
            if whole is None or whole[0] <= 0 or any(v is None for v in values):
                continue
            misfits = [
                k
                for k, (v, z) in enumerate(zip(values, stated, strict=True))
                if v is not None and z is not None and not _share_fits(v, whole, z)
            ]
            fits = len(rows) - len(misfits)
            if best is None or fits > best[0]:
                best = (fits, b, misfits)
        if best is None or not best[2] or len(best[2]) > SHARE_MISFITS * len(rows):
            continue
        _fits, b, misfits = best
        whole_cell = body[t][b]
        for k in misfits:
            row = rows[k]
            v, z = _figure(row[b].text), _figure(row[s].text)
            assert v is not None and z is not None
            computed = v[0] / _figure(whole_cell.text)[0] * 100  # type: ignore[index]
            shown = f"{num(computed, max(1, z[1]))}%"
            formula = f"{row[b].text} ÷ {whole_cell.text} = {shown}"
            name = re.sub(r"\s+", "", row[named].text) or "?"
            issue = _cell_issue("table_share", row, s, name, heads[s], formula, z[0], computed, [row[b], whole_cell])
            issue.args["base"] = issue.data["base"] = heads[b]
            issues.append(issue)
    return issues


def _share_fits(value: tuple[float, int], whole: tuple[float, int], share: tuple[float, int]) -> bool:
    """``share`` (%, as written) is ``value`` over ``whole``, within the rounding of the three."""
    (v, dv), (w, dw), (z, dz) = value, whole, share
    vlo, vhi = v - 0.5 * 10.0**-dv, v + 0.5 * 10.0**-dv
    wlo, whi = w - 0.5 * 10.0**-dw, w + 0.5 * 10.0**-dw
    lo, hi = max(vlo, 0.0) / whi * 100, vhi / max(wlo, EPSILON) * 100
    step = 0.5 * 10.0**-dz
    return hi >= z - step - EPSILON and lo <= z + step + EPSILON


#: two columns of one measure in two years (2020年, 2021年; 上年, 本年)
_YEAR_HEADER = re.compile(r"^(?:(?:19|20)[0-9]{2}年|上年|本年|去年|今年|上年同期|本期)")
#: a column of the change between them (增减额, 增加额, 增减（万元）), and of its rate (增长（%）)
_CHANGE_HEADER = re.compile(r"^(?:增减|增加|比上年增减|比上年增加)(?:额|量|数)?(?:[（(](?![%％])[^）)]*[）)])?$")
_RATE_HEADER = re.compile(r"^(?:比上年)?(?:增长|增减|增幅|增速)(?:率|幅度)?[（(](?:%|％)[）)]$")  # 增减（%） is a rate


def _change_columns(header: list[Cell], body: list[list[Cell]], named: int) -> list[Issue]:
    """A column of changes (增减额) after two year columns (2020年, 2021年) against their difference,
    row by row; and, in such a table, a column of rates (增长（%）) against the change over the
    earlier year. (A rate column without a column of changes is left alone: a growth at comparable
    prices is no difference of the two nominal columns.)"""
    heads = [re.sub(r"\s+", "", c.text) for c in header]
    changes = [i for i in range(named + 3, len(heads)) if _CHANGE_HEADER.match(heads[i])]
    if len(changes) != 1:
        return []
    d = changes[0]
    a, b = d - 2, d - 1
    if not (_YEAR_HEADER.match(heads[a]) and _YEAR_HEADER.match(heads[b])):
        return []
    rates = [i for i in range(d + 1, len(heads)) if _RATE_HEADER.match(heads[i])]
    issues: list[Issue] = []
    for row in body:
        if len(row) != len(header):
            continue
        x, y, z = _figure(row[a].text), _figure(row[b].text), _figure(row[d].text)
        if x is None or y is None or z is None:
            continue
        name = re.sub(r"\s+", "", row[named].text) or "?"
        slack = 0.5 * (10.0 ** -x[1] + 10.0 ** -y[1] + 10.0 ** -z[1])
        computed = y[0] - x[0]
        if abs(computed - z[0]) > slack + EPSILON * max(1.0, abs(z[0])):
            shown = num(computed, max(x[1], y[1]))
            formula = f"{row[b].text} − {row[a].text} = {shown}"
            cells = [row[b], row[a]]
            issues.append(_cell_issue("table_change", row, d, name, heads[d], formula, z[0], computed, cells))
            continue
        for k in rates:
            p = _figure(row[k].text)
            if p is None or x[0] <= 0:
                continue
            pct = computed / x[0] * 100
            plo = (computed - slack) / (x[0] + 0.5 * 10.0 ** -x[1]) * 100
            phi = (computed + slack) / max(x[0] - 0.5 * 10.0 ** -x[1], EPSILON) * 100
            step = 0.5 * 10.0 ** -p[1]
            if phi >= p[0] - step - EPSILON and plo <= p[0] + step + EPSILON:
                continue
            formula = f"{row[d].text} ÷ {row[a].text} = {num(pct, max(1, p[1]))}%"
            issues.append(_cell_issue("table_change", row, k, name, heads[k], formula, p[0], pct, [row[d], row[a]]))
    return issues


def _cell_issue(
    key: str,
    row: list[Cell],
    col: int,
    name: str,
    head: str,
    formula: str,
    stated: float,
    computed: float,
    cells: list[Cell],
) -> Issue:
    """An issue at one cell of ``row`` (its column ``col``, headed ``head``): the figures it was
    worked out from are ``cells``."""
    args = {"row": name, "column": head, "total": row[col].text, "formula": formula}
    data = {"check": "table", "column": head, "row": name, "stated": stated}
    data |= {"computed": round(computed, 6), "formula": formula}
    related = [(c.start, c.end) for c in cells]
    return Issue("table", key, (row[col].start, row[col].end), args, data, related)
