"""Pages set in two or more text columns (a 政府公报, a newspaper page) are read column by column.

A gazette sets a notice in columns side by side, so the lines at one height belong to two
paragraphs, and a whitespace-table finder would take the two columns for a table. A page is set
in columns where a gutter at least an em wide runs down between two sides that few lines cross,
and each side is running text: wide, filled line after line at the pitch, most of its lines
ending at the side's right edge (justified), and its paragraph starts do not line up with the
other side's (the rows of a table do). Lines that cross the gutter (a masthead, a title set across
the page) cut the page into bands; each band is read left column first. A side may itself be set
in columns. The lines of a column get `column` 1, 2, … from the left; the others keep 0.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from itertools import pairwise

from pipeline.readers.pdf_layout import PhysLine

MIN_COLUMN_LINES = 8  # lines on each side before a page counts as set in columns,
MIN_SPLIT_LINES = 4  # and before a column found that way is split again (a last column may be short)
MIN_COLUMN_EMS = 12.0  # a text column is at least this wide (in font sizes); a unit column is narrower
MIN_GUTTER_EMS = 1.0  # the white space between two columns
MAX_CROSSING_SHARE = 0.2  # lines across the gutter (mastheads, titles), at most this share
MIN_FULL_SHARE = 0.5  # justified text: this share of a side's lines end at its right edge
FULL_EMS = 1.5  # a line ending this close to the side's right edge (its median line end) is full
MIN_FILLED_SHARE = 0.7  # this share of a side's lines have the next line at the pitch
MIN_ALIGNED_STARTS = 0.7  # a table's rows start together on both sides; running text's do not
SAME_TOP = 2.0  # points: two lines this close in height are side by side
MAX_DEPTH = 3  # a side split again at most this often (four columns)
WIDE_SHARE = 0.6  # a line this share of the page's text width or wider is set across the page


def _size(lines: Sequence[PhysLine]) -> float:
    return statistics.median(ln.size for ln in lines) or 1.0


def _gutter(lines: Sequence[PhysLine], size: float, least: int) -> float | None:
    """The x that the fewest lines cross, an em or more of white right of it, with enough lines
    wholly (`least`) on each side; of those the one with the widest white."""
    lefts = sorted(ln.x0 for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    best: tuple[int, float, float] | None = None  # lines crossing, minus the gutter's width, x
    for x in rights:
        ends_before = bisect.bisect_right(rights, x)  # lines wholly left of x
        after = bisect.bisect_right(lefts, x)
        starts_after = len(lefts) - after  # lines wholly right of x
        if min(ends_before, starts_after) < least or lefts[after] - x < MIN_GUTTER_EMS * size:
            continue
        key = (len(lines) - ends_before - starts_after, x - lefts[after], x)
        best = key if best is None or key < best else best
    if best is None or best[0] > MAX_CROSSING_SHARE * len(lines):
        return None
    return best[2]


def _starts(side: Sequence[PhysLine], left: float, right: float, size: float) -> list[float]:
    """Tops of the side's paragraph starts: indented, or under a line that stopped short."""
    out = [side[0].top]
    for prev, ln in pairwise(side):
        if ln.x0 - left > size or right - prev.x1 > 2 * size:
            out.append(ln.top)
    return out


def _running_text(side: Sequence[PhysLine], size: float) -> bool:
    left = min(ln.x0 for ln in side)
    right = statistics.median_high(ln.x1 for ln in side)  # justified: most lines end there
    if right - left < MIN_COLUMN_EMS * size:
        return False
    full = sum(1 for ln in side if abs(right - ln.x1) <= FULL_EMS * size)
    steps = [b.top - a.top for a, b in pairwise(side)]
    pitch = statistics.median(steps) if steps else 0.0
    filled = sum(1 for s in steps if s <= 1.6 * pitch)
    return full >= MIN_FULL_SHARE * len(side) and filled >= MIN_FILLED_SHARE * len(steps)


def _aligned(a: Sequence[PhysLine], b: Sequence[PhysLine], size: float) -> bool:
    """Do the paragraph starts on each side sit beside those on the other, as a table's rows do?
    Two columns of text set on one baseline grid share some starts by chance, not most."""
    starts_a = _starts(a, min(ln.x0 for ln in a), max(ln.x1 for ln in a), size)
    starts_b = _starts(b, min(ln.x0 for ln in b), max(ln.x1 for ln in b), size)

    def beside(these: list[float], those: list[float]) -> bool:
        hits = sum(1 for t in these if any(abs(t - s) <= SAME_TOP for s in those))
        return hits >= MIN_ALIGNED_STARTS * len(these)

    return beside(starts_a, starts_b) and beside(starts_b, starts_a)


def _split(lines: list[PhysLine], depth: int = 0) -> list[list[PhysLine]] | None:
    """The page's columns, left to right, each top to bottom; None when it is not set in columns.
    Lines across a gutter are not in any column."""
    least = MIN_SPLIT_LINES if depth else MIN_COLUMN_LINES
    if depth > MAX_DEPTH or len(lines) < 2 * least:
        return None
    size = _size(lines)
    x = _gutter(lines, size, least)
    if x is None:
        return None
    left = sorted((ln for ln in lines if ln.x1 <= x), key=lambda ln: ln.top)
    right = sorted((ln for ln in lines if ln.x0 > x), key=lambda ln: ln.top)
    if not (_running_text(left, size) and _running_text(right, size)) or _aligned(left, right, size):
        return None
    return [*(_split(left, depth + 1) or [left]), *(_split(right, depth + 1) or [right])]


def _wide_line_runs(lines: Sequence[PhysLine]) -> list[list[PhysLine]]:
    """The page's lines, top to bottom, cut at lines set across the page (a cover letter's text
    above a section set in columns): the runs between them."""
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    runs: list[list[PhysLine]] = [[]]
    for ln in sorted(lines, key=lambda ln: ln.top):
        if ln.x1 - ln.x0 >= WIDE_SHARE * (right - left):
            runs.append([])
        else:
            runs[-1].append(ln)
    return [run for run in runs if len(run) >= 2 * MIN_COLUMN_LINES]


def _numbered(lines: Sequence[PhysLine]) -> dict[int, int]:
    """Column number by line id: the page set in columns, else each run between lines across
    the page that is (a section break into two columns under a one-column letter)."""
    if not lines:
        return {}
    columns = _split(list(lines))
    if columns is not None:
        return {id(ln): k for k, col in enumerate(columns, start=1) for ln in col}
    number: dict[int, int] = {}
    for run in _wide_line_runs(lines):
        for k, col in enumerate(_split(run) or [], start=1):
            number.update((id(ln), k) for ln in col)
    return number


def page_to_columns(lines: Sequence[PhysLine]) -> list[PhysLine]:
    """The page's lines in reading order, each column's numbered; unchanged on a one-column page."""
    number = _numbered(lines)
    if not number:
        return list(lines)
    out: list[PhysLine] = []
    band: list[PhysLine] = []
    for ln in sorted(lines, key=lambda ln: ln.top):
        if id(ln) in number:
            ln.column = number[id(ln)]
            band.append(ln)
            continue
        out += sorted(band, key=lambda b: (b.column, b.top))
        band = []
        out.append(ln)  # across the gutter: it ends the band above
    return out + sorted(band, key=lambda b: (b.column, b.top))
