"""Record tables: a task written as its own small form (督办卡, 任务卡, 任务清单卡).

Each cell pair is a label and its value (序号 | 3, 工作任务 | …, 牵头单位 | …), one pair per row or
several side by side, a value cell often merged over the rest of its row, and a merged title row
(任务一, 督办事项卡) may head the form. Read as rows of a table, every label would become a task,
so the shape is inferred first: every row that is not a title row alternates a column name
(`tables.header_kind`) with a value that is none, and the names of one record pass as a table
header (`tables.header_columns`: a task field and an assigning one). A record is then the table
its labels head over the one row of its values, read by `tables.table_to_rows`, so a form gives
the same task as the same fields written as a table row. A label that comes again starts the next
record (forms stacked in one table). A title row carries the record's number when the form has no
序号 field (任务一, 第3项); any other title is a caption, handed back as a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from pipeline import vocab
from pipeline.assign.labels import ASSIGNING_KINDS
from pipeline.document import Cell, Table
from pipeline.normalize import Para, fold
from pipeline.structure.tables import (
    CATEGORY,
    EXTRA,
    HEADER_PUNCT,
    NUMBER,
    TASK,
    GroupRow,
    Row,
    header_columns,
    header_kind,
    is_role_group,
    squash,
)
from pipeline.structure.tables import (
    table_to_rows as rows_of_table,
)

LABEL_END = ":："
MAX_LABEL = 8  # characters of a label before its colon in a one-column form (工作任务：)


@cache
def _title_serial() -> regex.Pattern[str]:
    """A form's title that is its number: a short name, then the number (任务一, 督办事项（三）, 第3项)."""
    return regex.compile(
        r"^\p{Han}{0,10}?第?(?P<n>[(]?(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})[)]?)[项号条]?[:.、]?$"
    )


def title_number(text: str) -> int | None:
    m = _title_serial().match(squash(text))
    return vocab.serial_number(m["n"]) if m else None


@dataclass(slots=True)
class Record:
    title: Cell | None = None
    pairs: list[tuple[Cell, Cell]] = field(default_factory=list)

    def has(self, label: str) -> bool:
        return any(squash(a.text) == label for a, _ in self.pairs)


def _label(cell: Cell) -> Cell:
    """The label cell without the colon a form may write after it (牵头单位：)."""
    return Cell(cell.text.strip().rstrip(LABEL_END).strip(), cell.loc)


def _colon_pair(cell: Cell) -> list[tuple[Cell, Cell]] | None:
    """A one-cell row written 标签：值 (a form of one column)."""
    text = cell.text.strip()
    colon = next((i for i, c in enumerate(text[: MAX_LABEL + 1]) if c in LABEL_END), None)
    if not colon or not text[colon + 1 :].strip() or header_kind(text[:colon].strip()) is None:
        return None
    return [(Cell(text[:colon].strip(), cell.loc), Cell(text[colon + 1 :].strip(), cell.loc))]


def _goes_on(cell: Cell) -> bool:
    """A label cell merged down from the row above (工作任务 over two rows of its text)."""
    return cell.continued and not cell.text.strip()


def _pairs(cells: tuple[Cell, ...]) -> list[tuple[Cell, Cell]] | None:
    """The row's label | value pairs. A first cell over sub-labels (责任单位 | 牵头 | X, merged down
    over 配合 | Y) groups them: the sub-labels name the fields. A pair whose label cell is merged
    down from above goes on the field above (its label is a `_goes_on` cell)."""
    if len(cells) == 1:
        return _colon_pair(cells[0])
    if len(cells) % 2 and len(cells) >= 3 and (_goes_on(cells[0]) or is_role_group(cells[0].text)):
        cells = cells[1:]
    if len(cells) < 2 or len(cells) % 2:
        return None
    out = []
    for name, value in zip(cells[::2], cells[1::2], strict=True):
        label = name if _goes_on(name) else _label(name)
        if not _goes_on(name) and (not label.text or header_kind(label.text) is None):
            return None
        if is_label(value.text):
            return None
        out.append((label, Cell(value.text, value.loc, 1, value.continued)))
    return out


def is_label(text: str) -> bool:
    """A cell that names a column (工作任务, 完成时限: a header row), not one a form fills in."""
    key = squash(text)
    return header_kind(key) not in (None, EXTRA) and not HEADER_PUNCT.search(key)


def is_title(cells: tuple[Cell, ...]) -> bool:
    filled = [c for c in cells if c.text.strip()]
    return len(filled) == 1 and (len(cells) == 1 or filled[0].span > 1) and cells[0] is filled[0]


def _parse(table: Table) -> list[Record] | None:
    """The table cut into records by shape alone, or None when a row is no label | value row. A
    first row of column names only (项目 | 内容) heads the form's two columns, and is no field."""
    records: list[Record] = [Record()]
    for cells in table.rows:
        pairs = _colon_pair(cells[0]) if len(cells) == 1 else None
        if pairs is None and is_title(cells):
            if records[-1].pairs or records[-1].title is not None:
                records.append(Record())
            records[-1].title = next(c for c in cells if c.text.strip())
            continue
        if not any(c.text.strip() for c in cells):
            continue
        pairs = pairs or _pairs(cells)
        if pairs is None:
            if len(records) == 1 and not records[0].pairs and all(is_label(c.text) for c in cells):
                continue
            return None
        for label, value in pairs:
            if _goes_on(label):
                if not records[-1].pairs:
                    return None
                above, before = records[-1].pairs[-1]
                records[-1].pairs[-1] = (above, Cell(f"{before.text}\n{value.text}", before.loc))
                continue
            if records[-1].has(squash(label.text)):
                records.append(Record())
            records[-1].pairs.append((label, value))
    records = [r for r in records if r.pairs or r.title is not None]
    return records if records and all(r.pairs for r in records) else None


def table_to_records(table: Table) -> list[Record] | None:
    """The table's records, or None when it is not a table of label | value forms."""
    records = _parse(table)
    if records and all(header_columns(tuple(a for a, _ in r.pairs)) for r in records):
        return records
    return None


def table_to_label_pairs(table: Table) -> list[tuple[Cell, Cell]] | None:
    """A task's own form under it, holding no task field (1.… then 牵头单位 | X | 责任领导 | Y): its
    label | value pairs, read as the task's label lines; None for any other table."""
    records = _parse(table)
    if not records or len(records) != 1 or records[0].title is not None:
        return None
    kinds = {header_kind(a.text) for a, _ in records[0].pairs}
    if kinds & {NUMBER, TASK, CATEGORY, None} or not kinds & set(ASSIGNING_KINDS):
        return None
    return records[0].pairs


def record_to_rows(record: Record) -> tuple[Cell | None, list[Row | GroupRow]]:
    """The record read as a one-row table, and its caption (a title that is not its number). A
    task-like field before the task's own (重点工作 | 具体任务) is its category: one form shows no
    merged block to tell a category from a task written on every row, as a table's rows do."""
    header = tuple(a for a, _ in record.pairs)
    rows = rows_of_table(Table((header, tuple(v for _, v in record.pairs)), header[0].loc), settle=False)
    caption = record.title
    serial = title_number(caption.text) if caption is not None else None
    numbered = any(header_kind(a.text) == NUMBER for a in header)
    task_rows = [r for r in rows if isinstance(r, Row)]
    if serial is not None and not numbered and len(task_rows) == 1 and caption is not None:
        task_rows[0].number, task_rows[0].serial, caption = caption.text.strip(), serial, None
    return caption, rows


def table_to_rows(table: Table) -> list[Row | GroupRow | Para]:
    """A table's task rows (`tables.table_to_rows`), or its forms' rows, each form's caption before
    them as a paragraph."""
    records = table_to_records(table)
    if records is None:
        return list(rows_of_table(table))
    out: list[Row | GroupRow | Para] = []
    for record in records:
        caption, rows = record_to_rows(record)
        if caption is not None:
            out.append(Para(caption.text.strip(), fold(caption.text).strip(), caption.loc))
        out += rows
    return out
