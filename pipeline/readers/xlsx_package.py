""".xlsx sheets scanned as XML streams before calamine loads them: extents and hidden rows/columns.

calamine turns a sheet into a dense grid from its first to its last cell, so a 5 KB file with
one cell in A1 and one in XFD1048576 asks for 550 GB and aborts the process (an abort, not an
exception: no `except` catches it). Each sheet's `<c r="…">` positions are therefore streamed
first and a grid over `DEFAULT_MAX_CELLS` (or with more rows than `--max-paragraphs`) is
refused. The same pass collects what calamine does not expose: hidden rows (`<row hidden="1">`)
and hidden columns (`<col min max hidden="1">`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.errors import InputError, LimitError
from pipeline.limits import Limits
from pipeline.readers.numbers import bounded_int
from pipeline.readers.zip_limits import UNREADABLE, member_xml, refuse_doctype

DEFAULT_MAX_CELLS = 10_000_000  # rows x columns of one sheet's grid (calamine: 32 bytes a cell)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
MAX_COLUMN = 16384  # XFD
MAX_ROW = 1_048_576


@dataclass(slots=True)
class SheetScan:
    """1-based extents and hidden rows/columns of one worksheet part."""

    rows: int = 0
    columns: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_parts(path: Path, z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip, from xl/workbook.xml and its relationships."""
    workbook = member_xml(path, z, "xl/workbook.xml", ".xlsx")
    try:
        rels = member_xml(path, z, "xl/_rels/workbook.xml.rels", ".xlsx")
    except InputError:  # calamine reports a package without them
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(PKG_REL)}
    out: dict[str, str] = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(REL_NS), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            out[sheet.get("name") or ""] = part
    return out


def scan_sheet(path: Path, z: zipfile.ZipFile, name: str, part: str, limits: Limits) -> SheetScan:
    """Stream one sheet part; raise a LimitError when its grid is too large to load."""
    from lxml import etree

    scan = SheetScan()
    row = 0
    col = 0
    try:
        with z.open(part) as f:
            events = etree.iterparse(
                f, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
            )
            for event, el in events:
                tag = el.tag
                if event == "start":
                    if el.getparent() is None:
                        refuse_doctype(path, part, el)
                    elif tag == f"{MAIN}row":
                        row = bounded_int(el.get("r"), MAX_ROW) if el.get("r") else row + 1
                        col = 0
                        if el.get("hidden") in {"1", "true"}:
                            scan.hidden_rows.append(row)
                    elif tag == f"{MAIN}c":
                        m = CELL_REF.match(el.get("r") or "")
                        col = min(column_number(m.group(1)), MAX_COLUMN) if m else col + 1
                        scan.rows = max(scan.rows, row)
                        scan.columns = max(scan.columns, col)
                    elif tag == f"{MAIN}col" and el.get("hidden") in {"1", "true"}:
                        low = bounded_int(el.get("min"), MAX_COLUMN)
                        high = bounded_int(el.get("max"), MAX_COLUMN)
                        scan.hidden_columns.extend(range(low, max(low, high) + 1))
                    continue
                if tag in (f"{MAIN}row", f"{MAIN}mergeCell"):
                    if tag == f"{MAIN}mergeCell":
                        _merge_extent(scan, el.get("ref") or "")
                    el.clear(keep_tail=False)
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
    except (KeyError, *UNREADABLE, etree.XMLSyntaxError):
        return scan  # calamine names the damage
    if scan.rows > limits.max_paragraphs:
        raise limits.refuse(path, "max_paragraphs", f"sheet {name!r} has {scan.rows:,} rows")
    cells = scan.rows * scan.columns
    if cells > DEFAULT_MAX_CELLS:
        raise LimitError(
            f"{path}: sheet {name!r} spans A1:{column_letters(scan.columns)}{scan.rows} "
            f"({cells:,} cells), over the limit of {DEFAULT_MAX_CELLS:,} cells a sheet (no option raises it)"
        )
    return scan


def _merge_extent(scan: SheetScan, ref: str) -> None:
    end = ref.split(":")[-1]
    m = CELL_REF.match(end)
    if m:
        scan.rows = max(scan.rows, min(int(m.group(2)), MAX_ROW))
        scan.columns = max(scan.columns, min(column_number(m.group(1)), MAX_COLUMN))


def scan_workbook(path: Path, z: zipfile.ZipFile, limits: Limits) -> dict[str, SheetScan]:
    return {name: scan_sheet(path, z, name, part, limits) for name, part in sheet_parts(path, z).items()}
