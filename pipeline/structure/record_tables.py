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
from pipeline.document import Cell, Table
from pipeline.normalize import Para, fold
from pipeline.structure.tables import (
    EXTRA,
    HEADER_PUNCT,
    NUMBER,
    GroupRow,
    Row,
    header_columns,
    header_kind,
    squash,
)
from pipeline.structure.tables import (
    table_to_rows as rows_of_table,
)

LABEL_END = ":："


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


def _pairs(cells: tuple[Cell, ...]) -> list[tuple[Cell, Cell]] | None:
    if len(cells) < 2 or len(cells) % 2:
        return None
    out = []
    for name, value in zip(cells[::2], cells[1::2], strict=True):
        label = _label(name)
        if not label.text or header_kind(label.text) is None or is_label(value.text):
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


def table_to_records(table: Table) -> list[Record] | None:
    """The table's records, or None when it is not a table of label | value forms."""
    records: list[Record] = [Record()]
    for cells in table.rows:
        if is_title(cells):
            if records[-1].pairs or records[-1].title is not None:
                records.append(Record())
            records[-1].title = next(c for c in cells if c.text.strip())
            continue
        if not any(c.text.strip() for c in cells):
            continue
        pairs = _pairs(cells)
        if pairs is None:
            return None
        for label, value in pairs:
            if records[-1].has(squash(label.text)):
                records.append(Record())
            records[-1].pairs.append((label, value))
    records = [r for r in records if r.pairs or r.title is not None]
    if not records or any(
        not r.pairs or header_columns(tuple(a for a, _ in r.pairs)) is None for r in records
    ):
        return None
    return records


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
