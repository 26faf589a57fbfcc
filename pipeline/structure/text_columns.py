"""Text laid out in columns: a table printed with spaces, its cells wrapped inside their columns.

A table copied from a PDF's layout text, or typed in a fixed-width editor, reaches a .txt as lines
whose cells stand at the same character columns, a cell's text wrapping onto the next lines in
its own column (``1     新建标准化厂房20万平方米，引进茶叶精深  杨柏林  县工业和信息化局`` over
``      加工企业5家以上。``). A line is a row of glyphs set on a grid of character columns (a wide
character takes two), so the PDF reader's whitespace table finder (`pdf_columns`) finds the
columns and rows, and its cells are filled as a PDF's are. Only runs with wrapped cells are taken:
one row per line is the `text_tables` line layout, which reads the cells by what they hold.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from pipeline.document import Block, Cell, Line, Table
from pipeline.readers import pdf_columns
from pipeline.readers.pdf_layout import Glyph, PhysLine
from pipeline.readers.pdf_tables import Grid, fill_grid, fragments_to_table
from schemas.notice import Location

EM = 2.0  # character columns a wide character takes: the em of this grid
PITCH = 2.0  # grid units from one line to the next
HEIGHT = 1.5  # grid units a line's glyphs stand high
MIN_SPACED_LINES = 3  # lines with a run of spaces inside them before a document is looked at
TAB = "\t"


def _glyphs(text: str, row: int) -> list[Glyph]:
    out: list[Glyph] = []
    col = 0.0
    for ch in text:
        width = EM if unicodedata.east_asian_width(ch) in "WF" else EM / 2
        if not ch.isspace():
            out.append(Glyph(ch, col, row * PITCH, col + width, row * PITCH + HEIGHT, EM))
        col += width
    return out


def _spaced(text: str) -> bool:
    return "  " in text.strip() or "\u3000\u3000" in text.strip()


def _wrapped(grid: Grid, lines: Sequence[PhysLine]) -> bool:
    """Does some line inside the grid leave its first column empty (a cell wrapped below)?"""
    first_edge = grid.rows[0][0][0][2] if grid.rows and grid.rows[0][0][0] is not None else grid.bbox[0]
    inside = [ln for ln in lines if grid.bbox[1] <= ln.top <= grid.bbox[3]]
    return any(ln.x0 > first_edge for ln in inside[1:])


def _located(table: Table, rows: dict[float, int]) -> Table:
    """The table with each cell placed by the document lines it covers, not by grid units."""

    def loc(cell: Cell, r: int) -> Location:
        box = cell.loc.bbox
        if box is None:
            return Location(table=table.loc.table, row=r)
        covered = [n for top, n in rows.items() if box[1] <= top <= box[3]]
        start, end = (min(covered), max(covered)) if covered else (None, None)
        return Location(line_start=start, line_end=end, table=table.loc.table, row=r)

    cells = tuple(
        tuple(Cell(c.text, loc(c, r), c.span, c.continued) for c in row)
        for r, row in enumerate(table.rows, start=1)
    )
    first = table.rows[0][0] if table.rows and table.rows[0] else None
    top = loc(first, 1) if first is not None else Location(table=table.loc.table)
    return Table(cells, Location(line_start=top.line_start, table=table.loc.table))


def lines_to_tables(blocks: list[Block]) -> list[Block]:
    """The text document's blocks with each column-laid table (with wrapped cells) made a Table."""
    text_lines = [b for b in blocks if isinstance(b, Line) and TAB not in b.text]
    if sum(1 for b in text_lines if _spaced(b.text)) < MIN_SPACED_LINES:
        return blocks  # the common document: running text
    by_line: dict[int, Line] = {}
    phys: list[PhysLine] = []
    glyphs: list[Glyph] = []
    for b in text_lines:
        n = b.loc.line_start
        ink = _glyphs(b.text, n) if n is not None else []
        if n is None or not ink:
            continue
        by_line[n] = b
        phys.append(PhysLine(1, ink))
        glyphs += ink
    grids = [g for g in pdf_columns.lines_to_grids(phys, None) if _wrapped(g, phys)]
    if not grids:
        return blocks
    rows = {n * PITCH: n for n in by_line}
    tables: dict[int, Table] = {}  # first document line -> table
    taken: set[int] = set()
    for k, grid in enumerate(grids, start=1):
        inside = [n for n in by_line if grid.bbox[1] <= n * PITCH <= grid.bbox[3]]
        table = _located(fragments_to_table([fill_grid(grid, glyphs, 1)], k), rows)
        tables[min(inside)] = table
        taken |= set(inside)
    out: list[Block] = []
    for block in blocks:
        n = block.loc.line_start if isinstance(block, Line) else None
        if n is not None and n in tables:
            out.append(tables[n])
        if n is None or n not in taken:
            out.append(block)
    return out
