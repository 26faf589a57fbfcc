"""`<stem>.xlsx`: the 台账 a 督查 clerk works in, laid out for screen and paper.

Written with XlsxWriter: fast, write-only, well kept, and in full control of print setup and
formats (openpyxl is used only by the tests and `make golden`, to read the file back). It is
imported inside `write`, so other outputs never load it. Every sheet: a bold header row, frozen
and autofiltered; columns fitted to their text (a CJK character counts as 2) and wrapped; A4
landscape, fit to one page wide, the header repeated on every printed page, page numbers in
the footer. Strings are written as strings: a task text starting with = is no formula.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.writers.ledger import display_width
from pipeline.writers.xlsx_sheets import Cell, Column, Sheet, result_to_sheets

if TYPE_CHECKING:
    from schemas.notice import ParseResult

SUFFIXES: tuple[str, ...] = (".xlsx",)
A4 = 9  # Excel's paper code
WIDTH_PADDING = 2
NOTE_ROW_HEIGHT = 36
LINE_HEIGHT = 15  # points per wrapped line of 11-point text with CJK glyphs (Excel's 14.25, and room)
ROW_PADDING = 3
MAX_ROW_HEIGHT = 409  # Excel's limit
MAX_HEADER_TITLE = 120  # Excel caps a page header at 255 characters
HEADER_COLOR = "#DDEBF7"
NOTE_COLOR = "#FFF2CC"
WORKBOOK_OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def row_height(row: list[Cell], widths: list[int]) -> float:
    """Points for a row whose cells wrap at their column's width. Set explicitly: LibreOffice (and
    so a PDF made from the file) keeps the default height of a row it is given none."""
    lines = 1
    for value, width in zip(row, widths, strict=True):
        if value is None or value == "":
            continue
        room = max(1, width - WIDTH_PADDING)
        lines = max(
            lines, sum(max(1, math.ceil(display_width(part) / room)) for part in str(value).split("\n"))
        )
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def column_width(column: Column, values: list[Cell]) -> int:
    widest = max([display_width(column.header), *(display_width(str(v)) for v in values if v is not None)])
    return max(column.min_width, min(column.max_width, widest + WIDTH_PADDING))


def _formats(book: Any) -> dict[str, Any]:
    base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#A6A6A6"}
    return {
        "header": book.add_format({**base, "bold": True, "bg_color": HEADER_COLOR, "valign": "vcenter"}),
        "text": book.add_format(base),
        "number": book.add_format({**base, "align": "center"}),
        "note": book.add_format({"text_wrap": True, "valign": "top", "bg_color": NOTE_COLOR}),
    }


def _print_setup(ws: Any, sheet: Sheet, header_row: int, title: str) -> None:
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.repeat_rows(0, header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&L&8{title[:MAX_HEADER_TITLE].replace('&', '&&')}&R&8{sheet.name}")
    ws.set_footer("&C&8第 &P 页，共 &N 页")


def write_sheet(book: Any, sheet: Sheet, formats: dict[str, Any], title: str) -> None:
    ws = book.add_worksheet(sheet.name)
    header_row = len(sheet.notes)
    last_col = len(sheet.columns) - 1
    for i, note in enumerate(sheet.notes):
        if last_col > 0:
            ws.merge_range(i, 0, i, last_col, note, formats["note"])
        else:
            ws.write_string(i, 0, note, formats["note"])
        ws.set_row(i, NOTE_ROW_HEIGHT)
    widths = [column_width(column, [row[c] for row in sheet.rows]) for c, column in enumerate(sheet.columns)]
    for c, column in enumerate(sheet.columns):
        ws.set_column(c, c, widths[c])
        ws.write_string(header_row, c, column.header, formats["header"])
    ws.set_row(header_row, row_height([col.header for col in sheet.columns], widths))
    for r, row in enumerate(sheet.rows, start=header_row + 1):
        ws.set_row(r, row_height(row, widths))
        for c, value in enumerate(row):
            if value is None or value == "":
                ws.write_blank(r, c, None, formats["text"])
            elif isinstance(value, int):
                ws.write_number(r, c, value, formats["number"])
            else:
                ws.write_string(r, c, value, formats["text"])
    ws.freeze_panes(header_row + 1, 0)
    if sheet.autofilter:
        ws.autofilter(header_row, 0, header_row + max(len(sheet.rows), 1), last_col)
    _print_setup(ws, sheet, header_row, title)


def write(result: ParseResult, dest: Path) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    notice = result.notice
    title = " ".join(x for x in (notice.doc_number, notice.title) if x)
    book = xlsxwriter.Workbook(str(dest.with_name(dest.name + SUFFIXES[0])), WORKBOOK_OPTIONS)
    try:
        book.set_properties(
            {"title": notice.title or "", "subject": notice.doc_number or "", "author": "notice-parse"}
        )
        formats = _formats(book)
        for sheet in result_to_sheets(result):
            write_sheet(book, sheet, formats, title)
    finally:
        book.close()
