"""Excel workbooks (.xlsx, .xlsm, .xls): every worksheet, in workbook order, as lines and a table.

Read with python-calamine (Rust calamine): one dependency-free wheel that reads .xlsx and the
legacy .xls (BIFF) alike, about 10-50x faster than openpyxl (pure Python, .xlsx only), and gives
merged ranges (`merged_cell_ranges`). What it does not give, hidden rows and columns, comes from
a stream over the .xlsx sheet XML made first anyway (`xlsx_package`), because calamine aborts the
process on a sheet whose cells lie far apart. A .xls (at most 65,536 x 256 cells) is bounded by
the format; its hidden rows and columns are not reported.

A sheet becomes the layout the .docx table path has: a merged range is its top-left cell with
`span` = the columns it covers, and on every row below one `continued` cell of that span (Word's
gridSpan + vMerge). Rows with nothing in them are skipped. The rows before the first row with
two filled cells and after the last one are `Line`s (a title merged over A1:E1, 发文字号, the
date under the table): text around the table, as in a .docx. Locations are the sheet's number
(`table`, 1-based) and the row's number as Excel shows it (`row`).

Hidden rows, columns and sheets are read like the others (a clerk who filters a 台账 by unit
hides the other units' tasks; they are still the notice's) and listed in
`RawDocument.metadata["hidden"]`, e.g. ``任务表: rows 7, 9; columns F; sheet 说明 hidden``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.document import Block, Cell, Line, RawDocument, Table
from pipeline.errors import InputError, UnsupportedFormatError
from pipeline.limits import Limits
from pipeline.readers.xlsx_package import DEFAULT_MAX_CELLS, SheetScan, column_letters, scan_workbook
from pipeline.readers.zip_limits import open_zip
from schemas.notice import Location, SourceFormat

MISSING = (
    "{path}: reading Excel workbooks needs python-calamine, which is not installed: "
    "pip install python-calamine"
)
Merge = tuple[tuple[int, int], tuple[int, int]]  # (first row, first column), (last row, last column); 0-based


def cell_to_text(value: Any) -> str:
    """A cell's value as text: 12.0 -> '12', a date -> '2021年12月31日' (as notices write dates)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def grid_to_rows(
    grid: Sequence[Sequence[Any]], merges: Sequence[Merge], sheet: int
) -> list[tuple[Cell, ...]]:
    """The sheet's non-blank rows as cells, merged ranges as spans and continued cells."""
    texts = [[cell_to_text(v) for v in row] for row in grid]
    starts: dict[tuple[int, int], int] = {}  # (row, col) of a range's left column on each row -> span
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merges:
        for r in range(r0, r1 + 1):
            starts[(r, c0)] = c1 - c0 + 1
            covered.update((r, c) for c in range(c0 + 1, c1 + 1))
    used = [c for row in texts for c, t in enumerate(row) if t.strip()] + [m[0][1] for m in merges]
    if not used:
        return []
    first = min(used)
    last = max([c for row in texts for c, t in enumerate(row) if t.strip()] + [m[1][1] for m in merges])
    tops = {(r0, c0) for (r0, c0), _ in merges}
    out: list[tuple[Cell, ...]] = []
    for r, row in enumerate(texts):
        if not any(t.strip() for t in row):
            continue
        loc = Location(table=sheet, row=r + 1)
        cells: list[Cell] = []
        for c in range(first, last + 1):
            if (r, c) in covered:
                continue
            text = row[c] if c < len(row) else ""
            span = starts.get((r, c), 1)
            continued = (r, c) in starts and (r, c) not in tops
            cells.append(Cell("" if continued else text, loc, span, continued=continued))
        out.append(tuple(cells))
    return out


def rows_to_blocks(rows: list[tuple[Cell, ...]], sheet: int) -> list[Block]:
    """Single-cell rows before and after the table are lines; the rows between are one table."""
    filled = [sum(1 for c in row if c.text.strip()) for row in rows]
    wide = [i for i, n in enumerate(filled) if n >= 2]
    if not wide:
        return [Line(c.text, c.loc) for row in rows for c in row if c.text.strip()]
    head, tail = wide[0], wide[-1] + 1
    blocks: list[Block] = [Line(c.text, c.loc) for row in rows[:head] for c in row if c.text.strip()]
    blocks.append(Table(tuple(rows[head:tail]), Location(table=sheet)))
    blocks += [Line(c.text, c.loc) for row in rows[tail:] for c in row if c.text.strip()]
    return blocks


def _hidden_note(name: str, scan: SheetScan | None, visible: bool) -> str:
    parts = []
    if scan is not None and scan.hidden_rows:
        parts.append("rows " + ", ".join(str(r) for r in scan.hidden_rows[:50]))
    if scan is not None and scan.hidden_columns:
        parts.append("columns " + ", ".join(column_letters(c) for c in scan.hidden_columns[:50]))
    if not visible:
        parts.append("sheet hidden")
    return f"{name}: {'; '.join(parts)}" if parts else ""


def _open(path: Path, data: bytes) -> Any:
    try:
        import python_calamine as calamine
    except ImportError:
        raise UnsupportedFormatError(MISSING.format(path=path)) from None
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise InputError(
            f"{path}: the workbook is password-protected; save an unprotected copy first"
        ) from exc
    except Exception as exc:  # calamine's errors (zip, XML, BIFF) carry the reason
        reason = (str(exc).splitlines() or ["damaged"])[0][:200]
        raise InputError(f"{path}: cannot read as an Excel workbook: {reason}") from exc


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    is_zip = data.startswith(b"PK\x03\x04")
    scans = scan_workbook(path, open_zip(path, data, limits, "an Excel workbook"), limits) if is_zip else {}
    workbook = _open(path, data)
    blocks: list[Block] = []
    notes: list[str] = []
    rows_read = 0
    for k, meta in enumerate(workbook.sheets_metadata, start=1):
        if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
            continue  # chart and dialog sheets hold no cells
        try:
            sheet = workbook.get_sheet_by_index(k - 1)
            grid = sheet.to_python(skip_empty_area=False)
            merges = getattr(sheet, "merged_cell_ranges", None) or []
        except Exception as exc:  # calamine's own error types
            raise InputError(f"{path}: sheet {meta.name!r} cannot be read: {exc}") from exc
        if not is_zip and len(grid) * max((len(r) for r in grid), default=0) > DEFAULT_MAX_CELLS:
            raise InputError(f"{path}: sheet {meta.name!r} is over {DEFAULT_MAX_CELLS:,} cells")
        rows = grid_to_rows(grid, merges, k)
        rows_read += len(rows)
        if rows_read > limits.max_paragraphs:
            raise limits.refuse(path, "max_paragraphs", f"holds more than {limits.max_paragraphs:,} rows")
        blocks += rows_to_blocks(rows, k)
        visible = str(meta.visible).rsplit(".", 1)[-1] == "Visible"
        note = _hidden_note(meta.name, scans.get(meta.name), visible)
        if note:
            notes.append(note)
    workbook.close()
    if not blocks:
        raise InputError(f"{path}: the workbook holds no text")
    fmt = SourceFormat.xlsx if is_zip else SourceFormat.xls
    metadata = {"hidden": " | ".join(notes)} if notes else {}
    return RawDocument(str(path), fmt, sha256, blocks, encoding=None, pages=None, metadata=metadata)
