"""Tables: read a 任务分解表 (序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限) into outline items.

Takes a `Table` block and returns rows as the outline's own vocabulary, so a table layout gives
the same tasks as the paragraph layout: a task row becomes an item with label lines (one per
role column, labelled by its header), a full-width row becomes a heading paragraph, and a
category cell (a 重点工作 column before the 具体任务 column, merged over its block of rows and
written only on the block's first row) becomes a heading over the rows of its block. Columns are
found by their header words (data/tables.json and labels.json), never by position. A repeated
header row (one per page) is skipped; a vertically merged cell (`Cell.continued`) takes the
text of the cell above, as does an empty role cell in a row that has no number of its own
(a sub-row sharing the merged 序号 of the row above).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from pipeline import vocab
from pipeline.assign.labels import PROSE, label_kind, split_label_line
from pipeline.document import Cell, Table
from pipeline.normalize import fold, group_start, top_level

NUMBER, TASK, EXTRA, CATEGORY = "number", "task", "extra", "category"
DEFAULT_MAX_HEADER_CELL = 12  # characters of a column name, spaces removed
HEADER_PUNCT = regex.compile(r"[,.;:。，；：!?%()\[\]<>\d]")
HAN_ONLY = regex.compile(r"^\p{Han}+$")
HAN = regex.compile(r"\p{Han}")
MEASURE = regex.compile(r"\([^()]{1,6}\)$")
PERIOD = regex.compile(
    r"^(?:\d{1,2}月(?:份)?|第?[一二三四1-4]季度|[上下]半年|\d{1,2}-\d{1,2}月)$"
)  # 1月 … 12月 under 进度安排
ASSIGNING = {"lead", "responsible", "supporting", "leaders", "deadline"}


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    kind: str  # number | task | category | extra | lead | responsible | supporting | leaders | deadline
    header: str


@dataclass(slots=True)
class Row:
    """A task row: its number cell, task text and the labelled cells, with the row's first cell."""

    number: str
    text: str
    cells: list[tuple[Column, Cell]]
    first: Cell
    # every category cell written on this row (not one merged from above), by its depth
    # (一级任务 0, 二级任务 1, …)
    categories: list[tuple[int, Cell]] = field(default_factory=list)
    serial: int | None = None  # the number when `number` is no 序号 cell (a form's title: 任务一)

    @property
    def category(self) -> Cell | None:
        """The outermost category cell written on this row."""
        return self.categories[0][1] if self.categories else None


@dataclass(slots=True)
class GroupRow:
    """A full-width row (一、…) or a lone text row: read like a paragraph."""

    cell: Cell


@cache
def _words() -> dict[str, list[str]]:
    data = vocab.load("tables.json")
    return {k: v for k, v in data.items() if not k.startswith("_")}


WHITESPACE = regex.compile(r"\s+")


def squash(text: str) -> str:
    return str(WHITESPACE.sub("", fold(text)))


@cache
def _empty_marks() -> frozenset[str]:
    return frozenset(_words()["empty_cell_marks"])


def is_empty_mark(text: str) -> bool:
    """A cell that says it is empty: / or —, 无 (data/tables.json empty_cell_marks)."""
    return squash(text) in _empty_marks()


def column_kind(header: str) -> str | None:
    key = squash(header)
    if not key:
        return None
    words = _words()
    kind = label_kind(key)  # a listed label or one the grammar reads (牵头负责部门)
    if kind is not None and kind not in (PROSE, "extra"):
        return kind
    if key in words["number"]:
        return NUMBER
    if key in words["category_exact"]:
        return CATEGORY
    if key in words["task_exact"]:
        return TASK
    if any(key.endswith(w) for w in words["number"] if len(w) > 1):
        return NUMBER  # 事项编号, 项目序号: a serial's name ends in one
    # a compound name is what its last word names: 督办事项 a task, 工作进展 and 全年目标 extra fields
    # (the word ending last wins, the longer one where two end together)
    found = [
        (key.rfind(w) + len(w), len(w), kind)
        for kind, name in ((EXTRA, "extra_contains"), (TASK, "task_contains"))
        for w in words[name]
        if w in key
    ]
    return max(found)[2] if found else None


@lru_cache(maxsize=4096)
def header_kind(text: str) -> str | None:
    """The column kind of a header cell: a known kind (`column_kind`), EXTRA for a column name no
    rule knows (当前进度, 联系电话, 项目责任人: a short Han phrase that is no unit name), None for
    anything that is no column name (a number, a sentence, a unit name)."""
    from pipeline.assign.unit_vocab import looks_like_unit

    key = squash(fold(text).strip().strip("|"))
    both = key.split("/")
    if len(both) == 2 and all(both):  # 责任领导/责任单位: one column holding two fields
        kinds = [column_kind(part) for part in both]
        if kinds[0] in ASSIGNING and kinds[1] in ASSIGNING and kinds[0] != kinds[1]:
            return f"{kinds[0]}/{kinds[1]}"
    remark = group_start(key, len(key))
    if remark and remark <= DEFAULT_MAX_HEADER_CELL and HAN_ONLY.match(key[:remark]):
        # 责任单位（排第一位的为牵头单位）: a remark on the column (a convention reads it)
        kind = column_kind(key[:remark])
        if kind is not None and kind != EXTRA:
            return kind
    if not key or len(key) > DEFAULT_MAX_HEADER_CELL:
        return None
    kind = column_kind(key)
    if kind is not None:
        return kind
    key = MEASURE.sub("", key)  # 投资额（万元）: the unit of measure is no part of the name
    if HEADER_PUNCT.search(key) or not HAN_ONLY.match(key) or len(key) < 2 or looks_like_unit(key):
        return None
    return EXTRA


def header_columns(row: tuple[Cell, ...]) -> list[Column] | None:
    """Columns of a header row, or None when the row is not a header: it needs a task column and
    an assigning one, and at least as many known columns as unknown (EXTRA) ones."""
    columns = []
    for i, cell in enumerate(row):
        kind = header_kind(cell.text)
        if kind is None and HAN_ONLY.match(key := squash(cell.text)) and 2 <= len(key) <= 4:
            kind = EXTRA  # 片区, 乡镇: a short name that ends like a unit's, still a column's name
        if kind is None:
            return None
        columns.append(Column(i, kind, squash(cell.text)))
    kinds = {k for c in columns for k in c.kind.split("/")}
    if TASK not in kinds or not kinds & ASSIGNING:
        return None
    unknown = sum(1 for c in columns if c.kind == EXTRA and c.header and column_kind(c.header) is None)
    if unknown * 2 > len(columns):
        return None
    tasks = [c for c in columns if c.kind == TASK]
    targets = [c for c in tasks if is_target(c.header)]
    if targets and len(targets) < len(tasks):  # 主要目标 | 工作任务: the figure column is no task
        tasks = [c for c in tasks if c not in targets]
        for c in targets:  # before the task column it may group rows (a category: _settle_categories)
            columns[c.index] = Column(c.index, CATEGORY if c.index < tasks[-1].index else EXTRA, c.header)
    elif len(targets) > 1:  # 目标任务 | 全县目标 | 其中：各乡镇目标分解: the first names the target,
        for c in targets[1:]:  # the later ones hold its figures
            columns[c.index] = Column(c.index, EXTRA, c.header)
        tasks = targets[:1]
    for c in tasks[:-1]:  # 重点工作 | 具体任务: the last task column holds the task, earlier ones group it
        columns[c.index] = Column(c.index, CATEGORY, c.header)
    return columns


ROLE_COLUMNS = frozenset({"lead", "responsible", "supporting"})


def is_role_group(text: str) -> bool:
    """责任分工, 责任单位 over 牵头单位 | 配合单位 (tables.json role_group)."""
    return squash(text) in set(_words()["role_group"])


def two_row_header(cells: list[Cell]) -> list[Cell]:
    """A two-row header flattened into one run: ``序号 重点任务 责任单位 完成时限 牵头单位 配合单位``.

    When the run closes with two or more role columns after a column that carries no units, and
    one earlier column is a role group (责任单位, tables.json role_group) spanning them, the group
    is replaced by those sub-columns in its place; any other run is returned unchanged."""
    kinds = [column_kind(c.text) for c in cells]
    tail = len(cells)
    while tail > 0 and kinds[tail - 1] in ROLE_COLUMNS:
        tail -= 1
    if len(cells) - tail < 2 or tail < 2:
        return cells
    group_words = set(_words()["role_group"])
    groups = [k for k in range(tail - 1) if squash(cells[k].text) in group_words]
    if len(groups) != 1:
        return cells
    g = groups[0]
    return [*cells[:g], *cells[tail:], *cells[g + 1 : tail]]


def cell_text(cell: Cell) -> str:
    """Lines inside a cell are layout: joined with nothing, as the paragraph layout writes them;
    a line that starts with a label (a task and its 牵头单位：/配合单位： lines in one cell) keeps
    its line break, so the label is not glued to the words before it (王建军牵头单位：)."""
    out = ""
    for part in (p.strip() for p in cell.text.splitlines()):
        if out and part and split_label_line(part, fold(part), cell.loc) is not None:
            out += "\n"
        out += part
    return out


def slots(cells: tuple[Cell, ...], *, header: bool = False) -> tuple[Cell, ...]:
    """The row with one cell per grid column: a cell spanning k columns is followed by k - 1 empty
    ones, or in a header by copies of itself (责任单位 over 牵头单位 | 配合单位 below it). A row of
    one cell (a full-width group row) stays as it is."""
    if len(cells) < 2 or all(c.span == 1 for c in cells):
        return cells
    out: list[Cell] = []
    for c in cells:
        out.append(Cell(c.text, c.loc, 1, c.continued) if c.span > 1 else c)
        out += [Cell(c.text if header else "", c.loc, 1, c.continued)] * (c.span - 1)
    return tuple(out)


def sub_header(cells: tuple[Cell, ...], columns: list[Column], spanned: set[int]) -> list[Column] | None:
    """The columns refined by a header's second row, which names the parts of its spanning cells
    (牵头单位 | 配合单位 under 责任单位, 一季度 … under 进度安排) and leaves the rest empty."""
    filled = [i for i, c in enumerate(cells) if c.text.strip()]
    if len(filled) < 2 or any(i not in spanned for i in filled):
        return None
    extra = {c.index for c in columns if c.kind == EXTRA}  # under 其中：各乡镇目标分解: 城关镇 | 龙潭镇 …
    kinds = {
        i: header_kind(cells[i].text)
        or (EXTRA if PERIOD.match(squash(cells[i].text)) or i in extra else None)
        for i in filled
    }
    if any(k is None for k in kinds.values()):
        return None
    return [
        Column(c.index, kinds[c.index] or c.kind, squash(cells[c.index].text)) if c.index in kinds else c
        for c in columns
    ]


def split_fields(column: Column, cell: Cell) -> list[tuple[Column, Cell]]:
    """A cell under a header naming two fields (责任领导/责任单位) cut at its first top-level slash
    (刘建平／县发改委、县财政局) or, without one, its first line break (黄春梅 / 县农业农村局); a cell
    of one line without a slash holds the second field alone."""
    (first, second), (head_a, head_b) = column.kind.split("/"), column.header.split("/")
    cut = next(top_level(fold(cell.text), "/"), None)
    if cut is None and "\n" in cell.text.strip():
        cut = cell.text.index("\n", len(cell.text) - len(cell.text.lstrip()))
    if cut is None:
        return [(Column(column.index, second, head_b), cell)]
    parts = (cell.text[:cut].strip(), cell.text[cut + 1 :].strip())
    return [
        (Column(column.index, kind, head), Cell(part, cell.loc, cell.span, cell.continued))
        for kind, head, part in ((first, head_a, parts[0]), (second, head_b, parts[1]))
        if part
    ]


def _merged_categories(columns: list[Column], rows: list[tuple[Cell, ...]]) -> list[Column]:
    """Columns that group rows, read from the rows: one merged over blocks of rows (its cell written
    on a block's first row, continued or blank below) groups them, one written on every row does
    not. An unknown column (片区, 项目分类) merged so is a category; of two task-named columns
    (工作任务 | 重点工作, 一级任务 | 二级任务 after the task) the merged one is the category and the one
    written on every row holds the task, wherever each stands."""
    grid = [r for r in rows if len(r) == len(columns)]

    def written(index: int) -> int | None:  # rows whose cell is written, None unless the first is
        cells = [r[index] for r in grid]
        mine = [cell for cell in cells if cell.text.strip() and not cell.continued]
        return len(mine) if cells and mine and cells[0] in mine else None

    def titles(index: int) -> bool:  # 城关片区, never a tick (√) or a figure in a 一季度 column
        texts = [squash(r[index].text) for r in grid if r[index].text.strip() and not r[index].continued]
        return not PERIOD.match(columns[index].header) and all(len(t) >= 2 and HAN.search(t) for t in texts)

    out = list(columns)
    for c in columns:
        n = written(c.index) if c.kind == EXTRA and column_kind(c.header) is None else None
        if n and n < len(grid) and titles(c.index):
            out[c.index] = Column(c.index, CATEGORY, c.header)
    task = next((c for c in out if c.kind == TASK), None)
    if task is None or (n := written(task.index)) is None or n == len(grid):
        return out
    full = [
        c
        for c in out
        if c.kind == CATEGORY and column_kind(c.header) == TASK and written(c.index) == len(grid)
    ]
    if full:  # the task column is merged, a task-named one is written on every row: they swap
        out[task.index] = Column(task.index, CATEGORY, task.header)
        out[full[-1].index] = Column(full[-1].index, TASK, full[-1].header)
    return out


def table_to_rows(table: Table, *, settle: bool = True) -> list[Row | GroupRow]:
    columns: list[Column] | None = None
    out: list[Row | GroupRow] = []
    previous: dict[int, Cell] = {}
    spanned: set[int] = set()  # grid columns under a spanning header cell, until its second row
    for k, written in enumerate(table.rows):
        cells = slots(written)
        if columns is None or len(cells) == len(columns):
            found = header_columns(slots(written, header=True))
            if found is not None:
                if columns is None:
                    columns = _merged_categories(found, [slots(r) for r in table.rows[k + 1 :]])
                    spanned = {i for i, c in enumerate(slots(written, header=True)) if c.text} - {
                        i for i, c in enumerate(cells) if c.text
                    }
                    spanned |= {i - 1 for i in spanned}
                continue
        if columns is not None and spanned:
            refined = sub_header(cells, columns, spanned)
            spanned = set()
            if refined is not None:
                columns = refined
                continue
        filled = [c for c in cells if c.text.strip()]
        if not any(not c.continued for c in filled):
            continue  # a blank form's empty rows (进展情况报表), or one merged from above alone: nothing
        if columns is None and len(filled) > 1 and all(column_kind(c.text) for c in filled):
            continue  # column names without a task column (序号 | 牵头单位): no heading, no task
        if columns is None or len(cells) == 1 or (len(filled) == 1 and filled[0].span > 1):
            if filled:
                out.append(GroupRow(filled[0]))
            continue
        out.append(_row(cells, columns, previous))
    return _settle_categories(out, columns) if columns is not None and settle else out


def _settle_categories(out: list[Row | GroupRow], columns: list[Column]) -> list[Row | GroupRow]:
    """A task-like column before the task column groups rows only when its cell is merged over a
    block (empty or continued on later rows): 目标任务 over its 具体措施 too. Filled on every row, a
    target column holds each task's figure (an extra field); another holds the task itself
    (序号 | 重点任务 | 具体目标: the 重点任务 cell is the task, 具体目标 its detail), unless its
    header names a category (类别, 领域: tables.json category_exact)."""
    named = set(_words()["category_exact"])
    if not any(c.kind == CATEGORY and c.header not in named for c in columns):
        return out
    rows = [r for r in out if isinstance(r, Row)]
    if not rows or any(r.category is None for r in rows):
        return out
    target = next((c for c in columns if c.kind == CATEGORY and is_target(c.header)), None)
    for r in rows:
        assert r.category is not None
        if target is not None:  # 主要目标 filled on every row: each task's figure, an extra field
            r.cells.append((Column(target.index, EXTRA, target.header), r.category))
        else:
            r.text = cell_text(r.category)
        r.categories = []
    return out


def is_target(header: str) -> bool:
    """A column of targets (主要目标, 目标任务: tables.json target_contains)."""
    return any(w in header for w in _words()["target_contains"])


def _row(cells: tuple[Cell, ...], columns: list[Column], previous: dict[int, Cell]) -> Row:
    by_kind: dict[str, str] = {}
    labelled: list[tuple[Column, Cell]] = []
    categories: list[tuple[int, Cell]] = []
    number_cell = next((cells[c.index] for c in columns if c.kind == NUMBER and c.index < len(cells)), None)
    has_number = bool(number_cell and number_cell.text.strip() and not number_cell.continued)
    for column in columns:
        if column.index >= len(cells):
            continue
        cell = cells[column.index]
        blank = not cell.text.strip()
        if column.kind == CATEGORY:
            depth = sum(1 for c in columns if c.kind == CATEGORY and c.index < column.index)
            if not blank and not cell.continued:
                categories.append((depth, cell))
            continue
        inherit = cell.continued or (blank and not has_number and column.kind in (NUMBER, *ASSIGNING))
        if inherit and column.index in previous:
            cell = previous[column.index]
        previous[column.index] = cell
        if column.kind in (NUMBER, TASK):
            by_kind.setdefault(column.kind, cell_text(cell))
        elif column.kind in (*ASSIGNING, EXTRA) and cell.text.strip() and not is_empty_mark(cell.text):
            labelled.append((column, cell))
        elif "/" in column.kind and cell.text.strip() and not is_empty_mark(cell.text):
            labelled += split_fields(column, cell)
    return Row(by_kind.get(NUMBER, ""), by_kind.get(TASK, ""), labelled, cells[0], categories)
