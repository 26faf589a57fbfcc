"""Write the seed notice as an Excel 任务分解表 (.xlsx, with XlsxWriter) for the reader tests.

`seed_entries` splits the seed text into its preamble, the headings and tasks (number, text,
牵头单位, 责任单位) and the closing lines. `to_xlsx` lays them out as a clerk's workbook:

- layout "headings" (the layout of ../shared/fixtures/luanzheng-2021-2.table.docx): the preamble
  one line a row, each merged over A:D; then 序号 | 工作任务 | 牵头单位 | 责任单位, each 一、 and
  （一） heading a row merged over A:D, one row per task; the date below.
- layout "category": 类别 | 序号 | 工作任务 | 牵头单位 | 责任单位, the area heading (一、…) in
  a 类别 cell merged down over its tasks' rows, the sub-areas left out.

Numbers are written as numbers (1.0 in the file), as a clerk's sheet holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

AREA = re.compile(r"^[一二三四五六七八九十]+、")
SUB = re.compile(r"^（[一二三四五六七八九十]+）")
TASK = re.compile(r"^(\d+)\.(.*)$")
LEAD, RESP = "牵头单位：", "责任单位："


@dataclass
class Task:
    number: int
    text: str
    lead: str = ""
    responsible: str = ""


@dataclass
class Seed:
    preamble: list[str] = field(default_factory=list)
    body: list[str | Task] = field(default_factory=list)  # a heading as written, or a task
    closing: list[str] = field(default_factory=list)


def seed_entries(text: str) -> Seed:
    seed = Seed()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        task = seed.body[-1] if seed.body and isinstance(seed.body[-1], Task) else None
        if AREA.match(line) or SUB.match(line):
            seed.body.append(line)
        elif (m := TASK.match(line)) is not None:
            seed.body.append(Task(int(m.group(1)), m.group(2)))
        elif task is not None and line.startswith(LEAD):
            task.lead = line.removeprefix(LEAD)
        elif task is not None and line.startswith(RESP):
            task.responsible = line.removeprefix(RESP)
        elif seed.body:
            seed.closing.append(line)
        else:
            seed.preamble.append(line)
    return seed


def to_xlsx(seed: Seed, path: Path, *, layout: str = "headings", hidden_rows: tuple[int, ...] = ()) -> Path:
    """`hidden_rows` (1-based, as Excel numbers them) are written hidden."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("任务分解表")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    first = 1 if layout == "category" else 0  # the 类别 column comes before 序号
    width = 4 + first
    row = 0
    for line in seed.preamble:
        sheet.merge_range(row, 0, row, width - 1, line, wrap)
        row += 1
    row += 1  # a blank row between the text and the table
    header = ["序号", "工作任务", "牵头单位", "责任单位"]
    sheet.write_row(row, 0, (["类别"] if first else []) + header)
    row += 1
    block_start = row
    area = ""

    def close_area() -> None:
        if not area:
            return
        if row - 1 > block_start:
            sheet.merge_range(block_start, 0, row - 1, 0, area, wrap)
        else:
            sheet.write(block_start, 0, area, wrap)

    for entry in seed.body:
        if isinstance(entry, str):
            if first:
                if AREA.match(entry):
                    close_area()
                    area, block_start = entry, row
                continue  # the category layout leaves the sub-areas out
            sheet.merge_range(row, 0, row, width - 1, entry, wrap)
        else:
            sheet.write_number(row, first, float(entry.number))
            sheet.write(row, first + 1, entry.text, wrap)
            sheet.write(row, first + 2, entry.lead or None)
            sheet.write(row, first + 3, entry.responsible or None)
        row += 1
    close_area()
    row += 1
    for line in seed.closing:
        sheet.write(row, width - 1, line)
        row += 1
    for r in hidden_rows:
        sheet.set_row(r - 1, None, None, {"hidden": True})
    book.close()
    return path
