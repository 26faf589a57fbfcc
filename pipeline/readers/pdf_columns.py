"""PDF tables drawn without vertical rules: the columns are the whitespace between the glyphs.

A 任务分解表 styled with horizontal rules only (三线表), or with no borders at all, has no grid for
`pdf_tables`, and its cells ran together into lines (1推进高标准农田建设县农业农村局2024年底).
A run of lines that leave the same vertical gaps free of ink (rivers) is such a table: the rivers
are its column edges. Its rows start at a horizontal rule between two lines, else at a serial in
a first column of serials (1, 2, 3 … with wrapped lines under them empty), else after a gap
wider than the table's line pitch, else at a line that does not go on from a full line above.
A running text line crosses the rivers, which ends the run; a lone line of a few words in the
first column after the last cell line (二、工作要求 under the table) is not a row. In a table that
starts at a line of column names, a lone line across it with rows below (一、优化政务服务) is a
group row; a first header line over the body's finer gaps is a parent header (责任单位 over
牵头单位 | 配合单位); a page's first lines in the columns of the table the page before ended with
go on with it. A header whose names overhang the body's gaps (序号 centred over a column of
serials in a cell of narrow padding) heads the table found under it, and a column edge goes where
the header's names leave room. Cells and rivers are cut in `pdf_visual_lines`. The result is a
`Grid`, so its cells are filled, and the table is carried over pages, as a ruled one is.
`structure/text_columns` runs the same finder on a .txt's characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from pipeline import vocab
from pipeline.normalize import fold
from pipeline.readers.pdf_layout import PhysLine
from pipeline.readers.pdf_tables import BBox, Edge, Grid
from pipeline.readers.pdf_visual_lines import (
    VisualLine,
    cell_gap,
    column_of,
    header_like,
    keeps_rivers,
    line_cells,
    merge_ink,
    rivers_of,
    visual_lines,
)
from pipeline.vocab import is_serial

MAX_SPANNING_SHARE = 0.25  # group rows across the table, at most this share of its lines
MIN_TABLE_LINES = 3  # lines with text in two columns or more before a run is a table
MAX_ROW_GAP_EMS = 2.5  # a vertical gap wider than this (in font sizes) ends the table
ROW_PITCH_FACTOR = 1.25  # a line this much farther below than the table's pitch starts a row
RULE_SHARE = 0.6  # a horizontal rule as wide as this share of the table is a row edge
MAX_HEADER_LINES = 3  # lines a header's first cell may wrap over (序 / 号)
FULL_LINE_EMS = 1.5  # a cell line ending closer than this to its column's edge wraps on


def _run(
    lines: Sequence[VisualLine], i: int, *, spans: bool = True
) -> tuple[int, list[tuple[float, float]], set[int]]:
    """The lines from `i` that keep the column gaps free which the lines above them leave:
    (end, rivers, spanning lines). A line that fills a river ends the run, unless it is a row that
    spans the table (a lone line: 一、优化政务服务) with the table going on below it."""
    size = lines[i].size
    width = cell_gap(size)
    ink = merge_ink([seg[:2] for seg in lines[i].segments], width)
    spans = spans and header_like(lines[i])  # group rows only in a table that starts at its header
    spanning: set[int] = set()
    j = i + 1
    while j < len(lines):
        ln = lines[j]
        if ln.top - lines[j - 1].bottom > MAX_ROW_GAP_EMS * size or abs(ln.size - size) > 0.2 * size:
            break
        grown = merge_ink(ink + [seg[:2] for seg in ln.segments], width)
        if keeps_rivers(rivers_of(ink), rivers_of(grown)):
            ink, j = grown, j + 1
            continue
        after = lines[j + 1] if j + 1 < len(lines) else None
        if (
            spans
            and len(ln.segments) == 1
            and abs(ln.x0 - min(a for a, _ in ink)) <= width
            and after is not None
            and after.top - ln.bottom <= MAX_ROW_GAP_EMS * size
            and keeps_rivers(
                rivers_of(ink), rivers_of(merge_ink(ink + [seg[:2] for seg in after.segments], width))
            )
            and len(after.segments) > 1
        ):
            spanning.add(j)
            j += 1
            continue
        break
    if len(spanning) > MAX_SPANNING_SHARE * (j - i):  # lines between lines, no group rows of a table
        return _run(lines, i, spans=False)
    return j, rivers_of(ink), spanning


def _row_starts(
    lines: Sequence[VisualLine], rivers: list[tuple[float, float]], rules: list[float], spanning: set[int]
) -> list[int]:
    """Indexes of the lines that start a row (the header's first line is row 0)."""
    cells = [{} if k in spanning else line_cells(ln, rivers) for k, ln in enumerate(lines)]
    serials = _serial_column(cells)
    pitches = [b.top - a.top for a, b in pairwise(lines)]
    pitch = min(pitches) if pitches else 0.0
    spaced = bool(pitches) and max(pitches) > ROW_PITCH_FACTOR * pitch  # rows set apart by spacing
    edge = rivers[0][0] if rivers else max(ln.x1 for ln in lines)
    starts = [0]
    header = header_like(lines[0])  # the header's lines (序 / 号), column names until the first serial
    for k in range(1, len(lines)):
        ruled = any(lines[k - 1].bottom - 1 <= y <= lines[k].top + 1 for y in rules)
        was_header = header
        header = (
            header
            and header_like(lines[k])
            and not (serials and is_serial(fold(cells[k].get(0, "")).strip()))
        )
        if k in spanning or k - 1 in spanning or (serials and was_header and not header):
            starts.append(k)  # after a repeated header: the rest of a row the page break cut
        elif serials and header and not ruled:
            continue
        elif ruled or (serials and cells[k].get(0)):
            starts.append(k)
        elif serials or rules:
            continue
        elif spaced:
            if lines[k].top - lines[k - 1].top > ROW_PITCH_FACTOR * pitch:
                starts.append(k)
        elif cells[k].get(0) and not _wraps(lines[k - 1], cells[k - 1].get(0, ""), rivers, edge):
            starts.append(k)
    return starts


def _serial_column(cells: Sequence[dict[int, str]]) -> bool:
    """Is the first column a 序号 column: below the header (its first lines, 序 / 号 when it wraps),
    every text it holds a serial, two at least?"""
    firsts = [c[0] for c in cells if c.get(0)]
    head = next((k for k, t in enumerate(firsts) if is_serial(fold(t).strip())), len(firsts))
    body = firsts[head:]
    enough = len(body) >= (1 if head else 2)  # under a header, one serial row is a column of serials
    return head <= MAX_HEADER_LINES and enough and all(is_serial(fold(t).strip()) for t in body)


SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?")


def _wraps(line: VisualLine, first: str, rivers: Sequence[tuple[float, float]], edge: float) -> bool:
    """Does the first column's text go on from `line` to the next: it reaches the column's edge
    and ends no sentence? (Rows of one pitch, no rules, no serials: the first column decides.)"""
    return bool(first) and not first.rstrip().endswith(SENTENCE_END) and _full(line, 0, rivers, edge)


def _full(line: VisualLine, col: int, rivers: Sequence[tuple[float, float]], edge: float) -> bool:
    ends = [g.x1 for g in line.glyphs if column_of(g.x0, g.x1, rivers) == col]
    return bool(ends) and edge - max(ends) <= FULL_LINE_EMS * line.size


def _grid(
    lines: Sequence[VisualLine],
    rivers: list[tuple[float, float]],
    rules: list[float],
    spanning: set[int],
    x_edges: list[float] | None = None,
) -> Grid:
    starts = _row_starts(lines, rivers, rules, spanning)
    parent = (
        None if x_edges or len(starts) < 2 or starts[1] != 2 else _parent_header(lines, rivers, starts[1])
    )
    rivers = parent[0] if parent else rivers
    heads = lines[: starts[1]] if len(starts) > 1 and not parent and header_like(lines[0]) else []
    mids = [_edge(a, b, heads) for a, b in rivers]
    x_edges = x_edges or [min(ln.x0 for ln in lines) - 1, *mids, max(ln.x1 for ln in lines) + 1]
    y_edges = [lines[0].top - 1]
    for s in starts[1:]:
        y_edges.append((lines[s - 1].bottom + lines[s].top) / 2)
    y_edges.append(lines[-1].bottom + 1)
    rows: list[list[tuple[BBox | None, int]]] = []
    ncols = len(x_edges) - 1
    for r, start in enumerate(starts):
        top, bottom = y_edges[r], y_edges[r + 1]
        if r == 0 and parent:
            middle = (lines[0].bottom + lines[1].top) / 2
            rows += _two_header_rows(parent[1], x_edges, top, middle, bottom)
            continue
        if start in spanning:  # a group row across the table: one cell
            rows.append([((x_edges[0], top, x_edges[-1], bottom), ncols)])
            continue
        rows.append([((x_edges[c], top, x_edges[c + 1], bottom), 1) for c in range(ncols)])
    return Grid((x_edges[0], y_edges[0], x_edges[-1], y_edges[-1]), ncols, rows, ruled=False)


def _edge(a: float, b: float, heads: Sequence[VisualLine]) -> float:
    """Where the column edge goes in the gap (a, b): in its middle, or in the middle of what the
    header's names leave of it (责任领导 over a column of two-character names reaches into it)."""
    for ln in heads:
        for x0, x1, _ in ln.segments:
            if x0 < a < x1:
                a = x1
            elif x0 < b < x1:
                b = x0
    return (a + b) / 2


def _parent_header(
    lines: Sequence[VisualLine], rivers: list[tuple[float, float]], body: int
) -> tuple[list[tuple[float, float]], list[tuple[int, int]]] | None:
    """A two-line header whose first line names a parent over two columns (责任单位 over 牵头单位 |
    配合单位): the body's rivers, more than the header left, and the column runs the parent spans."""
    width = cell_gap(lines[0].size)
    ink = [seg[:2] for ln in lines[body:] for seg in ln.segments]
    fine = rivers_of(merge_ink(ink, width))
    kept = all(any(c < b and d > a for c, d in fine) for a, b in rivers)  # the header's gaps, refined
    names = rivers_of(merge_ink(ink + [seg[:2] for seg in lines[1].segments], width))  # 牵头单位 | 配合单位
    if len(fine) <= len(rivers) or not kept or len(names) != len(fine):
        return None
    runs = []
    for x0, x1, _ in lines[0].segments:
        crossed = sum(1 for a, b in fine if x0 < (a + b) / 2 < x1)  # 责任单位 centred over the gap
        if crossed:
            first = sum(1 for _, b in fine if b <= x0)
            runs.append((first, first + crossed))
    return (fine, runs) if runs else None


def _two_header_rows(
    runs: list[tuple[int, int]], x_edges: list[float], top: float, middle: float, bottom: float
) -> list[list[tuple[BBox | None, int]]]:
    """The header as two grid rows: a parent cell over its columns in the first, their names in the
    second; every other column one cell over both rows (序号, 完成时限 wrapped in it)."""
    first: list[tuple[BBox | None, int]] = []
    second: list[tuple[BBox | None, int]] = []
    c = 0
    while c < len(x_edges) - 1:
        run = next((r for r in runs if r[0] == c), None)
        if run is None:
            first.append(((x_edges[c], top, x_edges[c + 1], bottom), 1))
            second.append((None, 1))
            c += 1
            continue
        first.append(((x_edges[run[0]], top, x_edges[run[1] + 1], middle), run[1] - run[0] + 1))
        second += [((x_edges[k], middle, x_edges[k + 1], bottom), 1) for k in range(run[0], run[1] + 1)]
        c = run[1] + 1
    return [first, second]


def _text_after(body: Sequence[VisualLine], rivers: list[tuple[float, float]]) -> bool:
    """Is the run's last line text under the table, not its last cell line: a lone line in the first
    column (二、工作要求) below a table of serials, or set off by more than the table's pitch?"""
    last = body[-1]
    if set(line_cells(last, rivers)) != {0}:
        return False
    if _serial_column([line_cells(ln, rivers) for ln in body[:-1]]):
        return not is_serial(fold(last.segments[0][2]).strip())
    pitch = min(b.top - a.top for a, b in pairwise(body))
    return last.top - body[-2].top > ROW_PITCH_FACTOR * pitch


def lines_to_grids(
    phys: Sequence[PhysLine], edges: Sequence[Edge] | None, carried: Grid | None = None
) -> list[Grid]:
    """The page's tables laid out by whitespace, from its lines outside any ruled grid. `carried`:
    the previous page's last such table, which the lines at the top of this page may go on with."""
    lines = visual_lines(phys)
    grids: list[Grid] = []
    i = 0
    if carried is not None:
        i, grid = _carried_on(lines, carried, edges)
        grids += [grid] if grid is not None else []
    if sum(1 for ln in lines[i:] if len(ln.segments) > 1) < MIN_TABLE_LINES:
        return grids  # the common page: running text, nothing to look for
    while i < len(lines):
        if len(lines[i].segments) < 2:
            i += 1
            continue
        found = _table_at(lines, i) or _under_header(lines, i)
        if found is None:
            i += 1
            continue
        body, rivers, spanning = found
        grids.append(_grid(body, rivers, _rules(body, edges), spanning))
        i += len(body)
    return grids


Found = tuple[list[VisualLine], list[tuple[float, float]], set[int]]  # lines, rivers, spanning rows


def _table_at(lines: Sequence[VisualLine], i: int) -> Found | None:
    """The table whose run of lines starts at line i, if there is one."""
    end, rivers, spanning = _run(lines, i)
    body = list(lines[i:end])
    while len(body) > 1 and _text_after(body, rivers):
        body.pop()
    # a line across the gaps (a task's own line between its label lines) is no row of cells
    rows = [(ln, line_cells(ln, rivers)) for k, ln in enumerate(body, i) if k not in spanning]
    spread = [(ln, cells) for ln, cells in rows if len(cells) > 1]
    if (
        not rivers
        or len(spread) < MIN_TABLE_LINES
        or all(_is_label(c.get(0, "")) or _opens_with_label(ln) for ln, c in spread)
    ):
        return None
    return body, rivers, {k - i for k in spanning}


QUALIFIER = re.compile(r"^[(\[][^()\[\]]{1,6}[)\]]")  # 牵头单位（部门）: a label's bracketed qualifier


def _is_label(text: str) -> bool:
    """A first cell that is only an assignment label (牵头单位：, 完成时限): a column of labels is
    label lines set with a tab or a hanging indent before their values, not a table."""
    key = fold(text).strip()
    m = vocab.labels().pattern.match(key)
    return bool(m) and not QUALIFIER.sub("", key[m.end() :].strip(" :")).strip(" :")


def _opens_with_label(line: VisualLine) -> bool:
    """A line that opens with a letter-spaced label (牵 头 单 位    县教育局, 分散对齐 over 6 em):
    the gaps between its letters are no columns."""
    key = fold(" ".join(text for _, _, text in line.segments))
    m = vocab.labels().pattern.match(key)
    return bool(m) and " " in m.group() and bool(key[m.end() :].strip(" :"))


def _under_header(lines: Sequence[VisualLine], i: int) -> Found | None:
    """A header whose names overhang the gaps of the columns under them (序号 centred over a
    column of serials, set close to the next column's text in a cell of narrow padding) leaves no
    river the body keeps: the table starts below it, and the header lines are its first rows
    where each of their names stands over a column of its own."""
    if not header_like(lines[i]):
        return None
    for k in range(i + 1, min(i + 1 + MAX_HEADER_LINES, len(lines))):
        if lines[k].top - lines[k - 1].bottom > MAX_ROW_GAP_EMS * lines[k].size:
            return None
        below = _table_at(lines, k)
        if below is None:
            continue
        body, rivers, spanning = below
        heads = lines[i:k]
        mids = [(a + b) / 2 for a, b in rivers]  # the grid's column edges: a name may overhang a gap
        own = all(
            len({sum(1 for m in mids if (a + b) / 2 > m) for a, b, _ in ln.segments}) == len(ln.segments)
            for ln in heads
        )
        if own and len(heads[0].segments) > 1 and all(header_like(ln) for ln in heads):
            return [*heads, *body], rivers, {s + len(heads) for s in spanning}
        return None
    return None


def _rules(body: Sequence[VisualLine], edges: Sequence[Edge] | None) -> list[float]:
    """The heights of the horizontal rules across the table, between its first and last line."""
    width = max(ln.x1 for ln in body) - min(ln.x0 for ln in body)
    return [
        e.top
        for e in edges or ()
        if e.orientation == "h"
        and e.x1 - e.x0 >= RULE_SHARE * width
        and body[0].bottom <= e.top <= body[-1].top
    ]


def _carried_on(
    lines: Sequence[VisualLine], carried: Grid, edges: Sequence[Edge] | None
) -> tuple[int, Grid | None]:
    """The page's first lines that keep to the columns of the table the page before ended with
    (the rest of a row cut by the page break, the rows after it): (lines taken, their grid)."""
    x_edges = sorted(
        {round(b[0], 2) for row in carried.rows for b, span in row if b is not None and span == 1}
    )
    x_edges.append(carried.bbox[2])
    inner = x_edges[1:-1]
    end = 0
    while end < len(lines) and all(not (g.x0 < e < g.x1) for g in lines[end].glyphs for e in inner):
        if end and lines[end].top - lines[end - 1].bottom > MAX_ROW_GAP_EMS * lines[end].size:
            break
        if not (x_edges[0] - cell_gap(lines[end].size) <= lines[end].x0 and lines[end].x1 <= x_edges[-1] + 1):
            break
        end += 1
    if not end or len(inner) + 1 != carried.ncols:
        return 0, None
    body = lines[:end]
    return end, _grid(body, [(e, e) for e in inner], _rules(body, edges), set(), x_edges)
