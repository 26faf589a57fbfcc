"""Visual lines: a page's glyphs at one height, left to right, cut into segments at cell gaps.

The primitives of the whitespace-table finder (`pdf_columns`): a gap between two glyphs of a
line separates two cells where it is wider than two cells' inner margins and the text layer has
no typed space in it (a typed space is a word space unless it is wide); a table's column edges
are its rivers, the vertical gaps a run of lines leaves free of ink.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.readers.pdf_layout import Glyph, PhysLine

GAP_EMS = 0.4  # a gap this wide (in font sizes) between two glyphs of a line separates two cells,
GAP_POINTS = 5.0  # or this wide in points: two cells' inner margins (0.1 cm each in Writer, 0.19 cm in Word);
WORD_GAP_EMS = 1.0  # where the text has a space in the gap (a word space is about half an em),
WORD_GAP_POINTS = 10.0  # only a gap this wide does


@dataclass(slots=True)
class VisualLine:
    """A visual line: the page's glyphs at one height, left to right, cut at wide gaps."""

    top: float
    bottom: float
    size: float
    glyphs: list[Glyph]  # ink only, left to right
    segments: list[tuple[float, float, str]]  # x0, x1, text

    @property
    def x0(self) -> float:
        return self.segments[0][0]

    @property
    def x1(self) -> float:
        return self.segments[-1][1]


def visual_lines(lines: Sequence[PhysLine]) -> list[VisualLine]:
    """The page's physical lines at one height joined (a table drawn cell by cell gives one line
    per cell), left to right, and cut where two glyphs leave a cell's gap between them."""
    bands: list[list[PhysLine]] = []
    bottom = 0.0
    for ln in sorted(lines, key=lambda ln: ln.top + ln.bottom):
        if bands and (ln.top + ln.bottom) / 2 <= bottom:
            bands[-1].append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            bands.append([ln])
            bottom = ln.bottom
    out = []
    for band in bands:
        marked = [pair for ln in band for pair in _spaced_ink(ln.glyphs)]
        if len(band) > 1:
            marked.sort(key=lambda pair: pair[0].x0)
        ink = [g for g, _ in marked]
        spaced = [sp for _, sp in marked]  # a typed space stands before ink[k] in its line
        size = max(ln.size for ln in band) or 1.0
        gap, word_gap = cell_gap(size), word_space_gap(size)
        segments: list[tuple[float, float, str]] = []
        start = 0
        for k in range(1, len(ink) + 1):
            if k == len(ink) or ink[k].x0 - ink[k - 1].x1 >= (word_gap if spaced[k] else gap):
                part = ink[start:k]
                segments.append((part[0].x0, max(g.x1 for g in part), "".join(g.ch for g in part)))
                start = k
        out.append(VisualLine(min(ln.top for ln in band), max(ln.bottom for ln in band), size, ink, segments))
    return out


def _spaced_ink(glyphs: Sequence[Glyph]) -> list[tuple[Glyph, bool]]:
    """A line's ink, each glyph marked where a typed space stands before it. A space the PDF
    library inferred from the gap alone says nothing: pdfium infers one between two cells."""
    out: list[tuple[Glyph, bool]] = []
    seen = False
    for g in glyphs:
        if g.ch.isspace():
            seen = seen or (bool(out) and not g.generated)
            continue
        out.append((g, seen))
        seen = False
    return out


def cell_gap(size: float) -> float:
    return min(GAP_EMS * size, GAP_POINTS)


def word_space_gap(size: float) -> float:
    """A gap holding a space is a word space unless it is this wide."""
    return min(WORD_GAP_EMS * size, WORD_GAP_POINTS)


def merge_ink(ink: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """Ink stretches joined where less than `width` apart: what is left between them are rivers."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(ink):
        if out and a - out[-1][1] < width:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


HEADER_CELL = 12  # characters of a column name
SENTENCE_MARKS = frozenset("：:，,。；;！？")


def header_like(line: VisualLine) -> bool:
    """A line of column names: short cells, no sentence or label punctuation (序号 工作任务 …)."""
    return all(len(text) <= HEADER_CELL and not SENTENCE_MARKS & set(text) for _, _, text in line.segments)


def rivers_of(ink: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(s[1], t[0]) for s, t in pairwise(ink)]


def keeps_rivers(old: list[tuple[float, float]], new: list[tuple[float, float]]) -> bool:
    """Does every river of `old` still hold a river of `new` (lines added narrow or split them)?"""
    return all(any(a <= c and d <= b for c, d in new) for a, b in old)


def column_of(x0: float, x1: float, rivers: Sequence[tuple[float, float]]) -> int:
    return sum(1 for a, _ in rivers if (x0 + x1) / 2 > a)


def line_cells(line: VisualLine, rivers: Sequence[tuple[float, float]]) -> dict[int, str]:
    out: dict[int, str] = {}
    for g in line.glyphs:
        k = column_of(g.x0, g.x1, rivers)
        out[k] = out.get(k, "") + g.ch
    return out
