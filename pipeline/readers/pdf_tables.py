"""PDF tables: the ruling lines pdfium draws make the grid, pdfium's glyphs fill its cells.

The grid is pdfplumber's algorithm (merge the edges, intersect them, close the cells, group the
cells into tables), fed with the straight segments of the page's painted paths as pdfium reads
them (`pdf._path_edges`): pdfplumber's own page parse (pdfminer, every glyph in Python) cost 70%
of a table PDF's read. A page whose drawing is inside form XObjects, which pdfium does not
flatten, is still handed to pdfplumber whole. A 任务分解表 laid out by Word or LibreOffice is cut at
page breaks: the header row is repeated on every page and a task row can continue at the top of
the next page with an empty 序号 cell. `fragments_to_table` puts such a table back together.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.document import Cell, Table
from pipeline.normalize import fold
from pipeline.readers.pdf_layout import Glyph, PhysLine, glyphs_to_lines
from pipeline.readers.pdf_spacing import join_texts
from pipeline.vocab import is_serial
from schemas.notice import Location

DEFAULT_NO_WRAP = 3.0  # characters of room a wrapped line never leaves (a pushed word and its mark)
DEFAULT_PARAGRAPH_END = 1.5  # characters free at a cell line's end that end its paragraph
DEFAULT_MIN_RULES = 2  # long horizontal and as many long vertical edges before a page has tables
DEFAULT_MIN_RULE_LENGTH = 8.0  # points: shorter paths are glyph decoration, not rules
AXIS_EPSILON = 0.01  # points: a segment this close to level or plumb is a rule
PREFILTER_LENGTH = 1.0  # pdfplumber's edge_min_length_prefilter
MIN_EDGE_LENGTH = 3.0  # pdfplumber's edge_min_length, after merging
DEFAULT_EDGE_EPSILON = 1.0  # points: cell edges this close are the same column edge
WHITESPACE_EDGE_TOLERANCE = 8.0  # points: columns found in the whitespace move with their text

BBox = tuple[float, float, float, float]
NULL_HANDLER = logging.NullHandler()


class Edge(NamedTuple):
    """A straight horizontal ("h") or vertical ("v") segment of a painted path, top-left origin."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


def segment_to_edge(a: tuple[float, float], b: tuple[float, float]) -> Edge | None:
    """The edge a path segment draws, if it is axis-aligned (as pdfplumber's curve_to_edges)."""
    if abs(a[0] - b[0]) <= AXIS_EPSILON:
        return Edge("v", a[0], min(a[1], b[1]), a[0], max(a[1], b[1]))
    if abs(a[1] - b[1]) <= AXIS_EPSILON:
        return Edge("h", min(a[0], b[0]), a[1], max(a[0], b[0]), a[1])
    return None


def looks_ruled(edges: Sequence[Edge]) -> bool:
    """Could these edges draw a table grid: two long rules each way? Cheap pre-check."""
    horiz = sum(1 for e in edges if e.orientation == "h" and e.x1 - e.x0 >= DEFAULT_MIN_RULE_LENGTH)
    vert = sum(1 for e in edges if e.orientation == "v" and e.bottom - e.top >= DEFAULT_MIN_RULE_LENGTH)
    return horiz >= DEFAULT_MIN_RULES and vert >= DEFAULT_MIN_RULES


def edges_to_grids(edges: Sequence[Edge]) -> list[Grid]:
    """pdfplumber's table finding with its default tolerances, over edges already found."""
    from pdfplumber import table as plumber

    dicts = [
        {
            "object_type": "path_edge",
            "orientation": e.orientation,
            **{"x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.bottom, "doctop": e.top},
            **{"width": e.x1 - e.x0, "height": e.bottom - e.top},
        }
        for e in edges
        if max(e.x1 - e.x0, e.bottom - e.top) >= PREFILTER_LENGTH
    ]
    tol, join = plumber.DEFAULT_SNAP_TOLERANCE, plumber.DEFAULT_JOIN_TOLERANCE
    merged = plumber.merge_edges(dicts, tol, tol, join, join)
    kept = [e for e in merged if max(e["width"], e["height"]) >= MIN_EDGE_LENGTH]
    cells = plumber.intersections_to_cells(plumber.edges_to_intersections(kept, tol, tol))
    found = [plumber.Table(None, group) for group in plumber.cells_to_tables(cells)]  # type: ignore[arg-type]
    grids = [_to_grid(t.rows) for t in found]
    return sorted((g for g in grids if g is not None), key=lambda g: g.bbox[1])


@dataclass(frozen=True, slots=True)
class Grid:
    """One table on one page as pdfplumber sees it: rows of (cell box, columns spanned)."""

    bbox: BBox
    ncols: int
    rows: list[list[tuple[BBox | None, int]]]  # None: a column covered by a cell from a row above
    ruled: bool = True  # False: columns found in the whitespace (pdf_columns), edges less exact


def find_grids(data: bytes, pages: Sequence[int]) -> dict[int, list[Grid]]:
    """Grids on the given 1-based pages found by pdfplumber's own page parse, for pages whose
    drawing pdfium leaves in form XObjects; a page pdfplumber cannot parse simply has none, and
    neither has a file pdfminer cannot open although pdfium could (a damaged /Length)."""
    import pdfplumber

    # pdfminer logs what it repairs ("Invalid MediaBox in /Page, defaulting to US Letter"); with no
    # handler configured Python prints that on stderr, beside the CLI's one line
    logging.getLogger("pdfminer").addHandler(NULL_HANDLER)
    out: dict[int, list[Grid]] = {}
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:  # PdfminerException, PSSyntaxError, ...: the pages are read as lines
        return out
    try:
        for p in pages:
            try:
                found = pdf.pages[p - 1].find_tables()
            except Exception:  # pdfminer raises many types; the page is then read as lines
                continue
            grids = [_to_grid(t.rows) for t in found]
            out[p] = sorted((g for g in grids if g is not None), key=lambda g: g.bbox[1])
    finally:
        with contextlib.suppress(Exception):  # close() builds every page again, and may fail so
            pdf.close()
    return out


def _to_grid(rows: Sequence[object]) -> Grid | None:
    boxes: list[list[BBox | None]] = [
        [None if c is None else (c[0], c[1], c[2], c[3]) for c in getattr(r, "cells", ())] for r in rows
    ]
    edges: list[float] = []
    for box in (b for row in boxes for b in row if b is not None):
        if not any(abs(box[0] - e) <= DEFAULT_EDGE_EPSILON for e in edges):
            edges.append(box[0])
    edges.sort()
    if len(boxes) < 2 or len(edges) < 2:
        return None  # a framed paragraph, not a table
    grid_rows: list[list[tuple[BBox | None, int]]] = []
    for row in boxes:
        out: list[tuple[BBox | None, int]] = []
        col = 0
        for box in sorted((b for b in row if b is not None), key=lambda b: b[0]):
            start = min(range(len(edges)), key=lambda i: abs(edges[i] - box[0]))
            out += [(None, 1)] * max(0, start - col)  # columns held by a cell from a row above
            span = max(1, sum(1 for e in edges if box[0] - DEFAULT_EDGE_EPSILON <= e < box[2] - 1))
            out.append((box, span))
            col = start + span
        out += [(None, 1)] * max(0, len(edges) - col)
        grid_rows.append(out)
    x0 = min(b[0] for row in boxes for b in row if b is not None)
    top = min(b[1] for row in boxes for b in row if b is not None)
    x1 = max(b[2] for row in boxes for b in row if b is not None)
    bottom = max(b[3] for row in boxes for b in row if b is not None)
    return Grid((x0, top, x1, bottom), len(edges), grid_rows)


def _inside(g: Glyph, box: BBox) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


@dataclass(slots=True)
class Fragment:
    """A grid's part of a table with the cell texts filled in, in the document stream."""

    page: int
    grid: Grid
    rows: list[list[tuple[str, BBox | None, int]]]  # (text, box, span)

    @property
    def top(self) -> float:
        return self.grid.bbox[1]


def fill_grid(grid: Grid, glyphs: Sequence[Glyph], page: int) -> Fragment:
    """Give each cell the glyphs whose centre lies in it, read as lines and joined like a paragraph."""
    rows: list[list[tuple[str, BBox | None, int]]] = []
    for row in grid.rows:
        cells: list[tuple[str, BBox | None, int]] = []
        for box, span in row:
            text = ""
            if box is not None:
                inside = [g for g in glyphs if g.ch == "\n" or _inside(g, box)]
                text = cell_lines_to_text(glyphs_to_lines(inside, page), box)
            cells.append((text, box, span))
        rows.append(cells)
    return Fragment(page, grid, rows)


def cell_lines_to_text(lines: Sequence[PhysLine], box: BBox) -> str:
    """A cell's lines joined as a paragraph wraps them, with a line break where a line stops short
    of the cell's width (1.5 characters or more free) before another: the end of a paragraph of the
    cell (县住房城乡建 / 设局 / 县城市管理局: two units, one per paragraph), left or centred; a
    line breaking before a bracket or punctuation is a wrap, whatever room it leaves."""
    parts: list[list[str]] = [[]]
    pad = _padding(lines, box) if lines else 0.0
    for k, ln in enumerate(lines):
        parts[-1].append(ln.text)
        if k + 1 < len(lines):
            free = (box[2] - ln.x1) + (ln.x0 - box[0])
            short = free >= DEFAULT_PARAGRAPH_END * max(ln.size, 1.0) + pad
            # a line broken before a bracket or a closing mark (各市 / （州）人民政府) is a wrap
            nxt = lines[k + 1].text[:1]
            beside = lines[k + 1].top < ln.bottom and lines[k + 1].x0 >= ln.x1 - 1  # one line, in runs
            if short and not beside and nxt.isalnum() and not nxt.isdigit():
                parts.append([])
    return "\n".join(join_texts(part) for part in parts)


def _padding(lines: Sequence[PhysLine], box: BBox) -> float:
    """The cell's own inner margins: the least free space any of its lines leaves. Where even the
    fullest line leaves room for more than a wrap can (a cell of one unit per line: no line is
    full), twice the least left margin, as Word's cell margins are the same on both sides."""
    free = min((box[2] - ln.x1) + (ln.x0 - box[0]) for ln in lines)
    margins = 2 * min(ln.x0 - box[0] for ln in lines)
    size = max(max(ln.size for ln in lines), 1.0)
    return margins if free - margins > DEFAULT_NO_WRAP * size else free


def _squash(row: Sequence[tuple[str, BBox | None, int]]) -> list[str]:
    return ["".join(text.split()) for text, _, _ in row]


def continues(table: list[Fragment], frag: Fragment) -> bool:
    """Is `frag` the same table carried over to the next page (same columns)?"""
    last = table[-1]
    ruled = last.grid.ruled and frag.grid.ruled
    tolerance = 2 * DEFAULT_EDGE_EPSILON if ruled else WHITESPACE_EDGE_TOLERANCE
    same_cols = last.grid.ncols == frag.grid.ncols and all(
        abs(a - b) <= tolerance for a, b in zip(_col_edges(last.grid), _col_edges(frag.grid), strict=False)
    )
    return frag.page == last.page + 1 and same_cols


def _col_edges(grid: Grid) -> list[float]:
    return sorted({round(b[0]) for row in grid.rows for b, span in row if b is not None and span == 1})


def _numbers_a_new_row(above: list[str], texts: list[str]) -> bool:
    """The page's first row holds its own serial where the row above held one (序号 11 under 10):
    a new row, though its first cell is empty (a category merged down from the page before)."""
    for a, t in zip(above, texts, strict=False):
        new, old = fold(t).strip(), fold(a).strip()
        if new and old and new != old and is_serial(new) and is_serial(old):
            return True
    return False


SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?")


def _goes_on(above: list[str], texts: list[str]) -> bool:
    """A page's first row of a table without a 序号 column (任务 | 责任单位) is the rest of the row
    above when it fills only cells the row above left unfinished (no sentence end) and leaves
    some cell of it empty: 县级…年 / 底前形成…做法。 with no unit of its own."""
    filled = [k for k, t in enumerate(texts) if t.strip()]
    if not filled or len(filled) == len(texts) or any(is_serial(fold(t).strip()) for t in texts):
        return False
    return all(above[k].strip() and not above[k].rstrip().endswith(SENTENCE_END) for k in filled)


def _after_header(
    row: list[tuple[str, BBox | None, int]], header: list[str]
) -> list[tuple[str, BBox | None, int]] | None:
    """A page's first row that is the table's header with more text under some of its cells: the
    rest of the row above, which the page break cut and a whitespace table could not tell from the
    header (协办单位 / 人民政府). The row without the header's words, or None."""
    texts = _squash(row)
    if len(texts) != len(header) or not all(t.startswith(h) for t, h in zip(texts, header, strict=True)):
        return None
    if texts == header or not all(header):
        return None
    out = []
    for (text, box, span), head in zip(row, header, strict=True):
        taken = 0
        for i, ch in enumerate(text):  # past the header's characters, whitespace between them
            if taken == len(head):
                text = text[i:]
                break
            if not ch.isspace():
                taken += 1
        else:
            text = ""
        out.append((text.strip(), box, span))
    return out


def fragments_to_table(frags: Sequence[Fragment], number: int) -> Table:
    """One Table from a table's page fragments: repeated headers dropped, split rows rejoined."""
    header = _squash(frags[0].rows[0])
    rows: list[tuple[list[str], list[tuple[BBox | None, int]], int]] = []  # texts, boxes, page
    starts: list[int] = []  # rows that open a continuation page
    for k, frag in enumerate(frags):
        body = frag.rows
        if k and body and _squash(body[0]) == header:
            body = body[1:]
        elif k and body and (rest := _after_header(body[0], header)) is not None:
            body = [rest, *body[1:]]  # the header repeated over the rest of a row the break cut
        for j, row in enumerate(body):
            texts = [t for t, _, _ in row]
            split = (
                k
                and j == 0
                and rows
                and len(row) == len(rows[-1][0])
                and (
                    (not texts[0].strip() and not _numbers_a_new_row(rows[-1][0], texts))
                    or _goes_on(rows[-1][0], texts)
                )
            )
            if split and any(t.strip() for t in texts):
                rows[-1] = (
                    [join_texts([a, b]) for a, b in zip(rows[-1][0], texts, strict=True)],
                    *rows[-1][1:],
                )
            elif any(t.strip() for t in texts) or len(row) > 1:
                if k and j == 0:
                    starts.append(len(rows))
                rows.append((texts, [(b, s) for _, b, s in row], frag.page))
    _merged_over_page_break(rows, starts)
    cells = tuple(
        tuple(
            # a column a cell from a row above covers (a merged unit cell): as Word's vMerge
            Cell(text, Location(page=page, table=number, row=r, bbox=box), span=span, continued=box is None)
            for text, (box, span) in zip(texts, boxes, strict=True)
        )
        for r, (texts, boxes, page) in enumerate(rows, start=1)
    )
    return Table(cells, Location(page=frags[0].page, table=number, bbox=frags[0].grid.bbox))


def _merged_over_page_break(
    rows: list[tuple[list[str], list[tuple[BBox | None, int]], int]], starts: list[int]
) -> None:
    """A merged cell the page break cut (a 牵头单位 over rows 4-7, rows 6-7 on the next page): its
    part on the new page is an empty cell over several rows, so its first row is continued too,
    from the written cell above the break. An empty cell of the new page's first row alone is
    only empty."""
    for s in starts:
        if s == 0 or s + 1 >= len(rows):
            continue
        texts, boxes, _ = rows[s]
        above, below = rows[s - 1], rows[s + 1]
        for c, (box, span) in enumerate(boxes):
            if texts[c].strip() or box is None or c >= len(below[1]) or c >= len(above[1]):
                continue
            if below[1][c][0] is None and (above[0][c].strip() or above[1][c][0] is None):
                boxes[c] = (None, span)
