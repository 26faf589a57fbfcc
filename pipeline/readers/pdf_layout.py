"""PDF geometry to text: glyphs to physical lines, lines to paragraphs (page furniture: pdf_furniture).

Pure functions on positioned glyphs (PDF points, top-left origin), no PDF library here, so the
rules can be tested on numbers. A PDF has no paragraphs, only lines placed by a layout engine;
a 公文 body is justified with a 2-character first-line indent, so a paragraph starts where a line
is indented, where the previous line stopped short of the right margin although the next line's
first word would have fitted, or after a vertical gap. A wrapped line that starts with "1.6万人"
or "2000万吨以内" sits at the left margin under a full line and is never a new paragraph.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from pipeline import vocab
from pipeline.normalize import fold
from pipeline.readers.pdf_spacing import spelled, tidy

DEFAULT_INDENT_EMS = 0.6  # x0 this far right of the left margin (in font sizes) is an indent
DEFAULT_FIT_SLACK_EMS = 0.3  # room beyond the next line's first word before a line counts as short
DEFAULT_EARLY_END_PITCHES = 3.0  # free lines at a page's foot that end the paragraph there
DEFAULT_GAP_PITCHES = 1.6  # baseline distance (in typical line pitches) that breaks a paragraph
DEFAULT_SIZE_CHANGE = 0.2  # relative font-size change between lines that breaks a paragraph
DEFAULT_MARGIN_WINDOW = 3.0  # points: x positions this close count as one margin
DEFAULT_MARGIN_SHARE = 0.05  # a left margin is an x0 shared by at least this share of lines
DEFAULT_ALIGNED_EMS = 4.0  # a line starting this far right of the margin is set right or centred
DEFAULT_INDENT_RANGE_EMS = (1.5, 2.5)  # a first-line indent of about 2 characters
DEFAULT_MIN_BLOCK_SHARE = 0.5  # of the page's width: a text block narrower is no block's width
DEFAULT_INDENT_SHARE = 0.1  # a document "uses first-line indents" above this share of indented lines
CLOSING = set("，。、；：？！）》」』】〕”’,.;:!?)]%")
TOKEN = re.compile(r"[A-Za-z0-9.%]")


class Glyph(NamedTuple):
    """One character with its loose box; `ch == "\\n"` marks a line end the PDF library found.
    A named tuple: a page has thousands, and a frozen dataclass costs five times more to make."""

    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    generated: bool = False  # a space the PDF library inferred from a gap, not one in the PDF
    confidence: float | None = None  # an OCR'd character's probability (readers/ocr.py)


@dataclass(slots=True)
class PhysLine:
    """A physical line of text as laid out: its glyphs, box, font size and raw text."""

    page: int
    glyphs: list[Glyph]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    column: int = 0  # on a page set in text columns, 1, 2, … from the left (pdf_page_columns)
    text: str = field(default="", init=False)

    def __post_init__(self) -> None:
        ink = [g for g in self.glyphs if not g.ch.isspace()]
        self.x0 = min([g.x0 for g in ink])
        self.top = min([g.top for g in ink])
        self.x1 = max([g.x1 for g in ink])
        self.bottom = max([g.bottom for g in ink])
        self.size = Counter([round(g.size, 1) for g in ink]).most_common(1)[0][0]
        self.text = tidy("".join(spelled(self.glyphs, ink)))


def glyphs_to_lines(glyphs: Iterable[Glyph], page: int) -> list[PhysLine]:
    """Cut the glyph stream at line ends, and wherever a glyph leaves the current line's band."""
    lines: list[PhysLine] = []
    cur: list[Glyph] = []
    inked = False  # cur holds a glyph that is not a space (kept as a flag: a line may be very long)
    top = bottom = last_x0 = 0.0

    def flush() -> None:
        nonlocal inked
        if inked:
            lines.append(PhysLine(page, list(cur)))
        cur.clear()
        inked = False

    for g in glyphs:
        if g.ch == "\n":
            flush()
            continue
        if g.ch.isspace():
            if cur:
                cur.append(g)
            continue
        mid = (g.top + g.bottom) / 2
        # either box holds the other's middle: a tight box (一 is a thin stroke in a font without
        # a FontBBox, so its "loose" box is its ink) starts a band the next glyph's middle misses
        held = top <= mid <= bottom or g.top <= (top + bottom) / 2 <= g.bottom
        if inked and not (held and g.x0 > last_x0 - g.size):
            flush()
        if not inked:
            top, bottom = g.top, g.bottom
        else:
            top, bottom = min(top, g.top), max(bottom, g.bottom)
        last_x0 = g.x0
        cur.append(g)
        inked = True
    flush()
    return merge_late_runs(lines)


LATE_RUN_LOOKBACK = 60  # lines of the page searched for the line a late run belongs to


def merge_late_runs(lines: list[PhysLine]) -> list[PhysLine]:
    """Put back glyphs that a renderer drew after the rest of their line.

    LibreOffice draws a line's runs font by font: the “ ” or digits of a fallback font come after
    the line's Chinese text, so the stream reads 建设红黑榜制度 then “” on a line of its own.
    A later line that starts inside an earlier line's band and width, at the same size, is such a
    run (it may go on past the line's end: “”15项以上 after 集成服务): its glyphs go into that line at
    their x positions. A table cell beside the line (starting right of its end) or the next line
    (another band) is not inside, so it stays a line of its own."""
    out: list[PhysLine] = []
    for line in map(_in_x_order, lines):
        host = next((h for h in reversed(out[-LATE_RUN_LOOKBACK:]) if _inside(line, h)), None)
        if host is None:
            out.append(line)
            continue
        glyphs = list(host.glyphs)
        for g in line.glyphs:
            if not g.ch.isspace():
                glyphs.insert(bisect.bisect_right([h.x0 for h in glyphs], g.x0), g)
        out[out.index(host)] = PhysLine(host.page, glyphs)
    return out


def _in_x_order(line: PhysLine) -> PhysLine:
    """The line with a glyph drawn right after one it stands wholly left of moved back before it
    (LibreOffice draws 监测白 then the “ between 测 and 白). Overprinted glyphs (a bold drawn twice,
    a hair apart) do not end before the other starts, so they keep their order."""
    ink = [g for g in line.glyphs if not g.ch.isspace()]
    if all(b.x1 > a.x0 + 0.25 * b.size for a, b in pairwise(ink)):
        return line
    glyphs: list[Glyph] = []
    for g in line.glyphs:
        last = next((h for h in reversed(glyphs) if not h.ch.isspace()), None)
        if last is not None and not g.ch.isspace() and g.x1 <= last.x0 + 0.25 * g.size:
            glyphs.insert(bisect.bisect_right([h.x0 for h in glyphs], g.x0), g)
        else:
            glyphs.append(g)
    return PhysLine(line.page, glyphs)


def _inside(line: PhysLine, host: PhysLine) -> bool:
    height = min(line.bottom - line.top, host.bottom - host.top)
    overlap = min(line.bottom, host.bottom) - max(line.top, host.top)
    return (
        height > 0
        and overlap >= 0.6 * height
        and abs(line.size - host.size) <= 0.2 * max(host.size, 1.0)
        and host.x0 - host.size <= line.x0 < host.x1
    )


def _window_clusters(values: list[float]) -> list[tuple[float, int]]:
    """(median, count) of runs of sorted values where neighbours are within the margin window."""
    out: list[tuple[float, int]] = []
    run: list[float] = []
    for v in sorted(values):
        if run and v - run[-1] > DEFAULT_MARGIN_WINDOW:
            out.append((statistics.median(run), len(run)))
            run = []
        run.append(v)
    if run:
        out.append((statistics.median(run), len(run)))
    return out


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the text block is: the body's left and right margin, line pitch, indent habit."""

    left: float
    right: float
    pitch: float
    indents: bool  # paragraphs start with a first-line indent (公文): markers alone never split
    feet: dict[int, float] = field(default_factory=dict)  # by page: where pages of its size end

    def ends_early(self, line: PhysLine) -> bool:
        """The line is its page's last and the page stops well above where its like end: the
        writer broke the page (before 附件2), so nothing on the next page goes on its paragraph."""
        foot = self.feet.get(line.page)
        return foot is not None and line.bottom < foot - DEFAULT_EARLY_END_PITCHES * self.pitch


def page_feet(lines: Sequence[PhysLine], heights: Sequence[float]) -> dict[int, float]:
    """Each page's text foot: the lowest line bottom over the pages of its size (a landscape
    attachment ends far above a portrait page)."""
    bottom: dict[int, float] = {}
    for ln in lines:
        bottom[ln.page] = max(bottom.get(ln.page, 0.0), ln.bottom)
    size = {p: round(heights[p - 1]) if p <= len(heights) else 0 for p in bottom}
    lowest: dict[int, float] = {}
    for p, b in bottom.items():
        lowest[size[p]] = max(lowest.get(size[p], 0.0), b)
    return {p: lowest[size[p]] for p in bottom}


def measure(
    lines: Sequence[PhysLine], feet: dict[int, float] | None = None, page_width: float | None = None
) -> Layout:
    if not lines:
        return Layout(0.0, 0.0, 0.0, False)
    need = max(2, DEFAULT_MARGIN_SHARE * len(lines))
    size = statistics.median(ln.size for ln in lines)
    lefts = _window_clusters([ln.x0 for ln in lines])
    left = next((v for v, n in lefts if n >= need), lefts[0][0])
    # Where nearly every paragraph is one line (a table flattened into paragraphs), most lines
    # start at the 2-character indent and only the few wrapped ones at the margin, 2 ems left.
    low, high = DEFAULT_INDENT_RANGE_EMS
    left = next((v for v, _ in lefts if low * size <= left - v <= high * size), left)
    rights = _window_clusters([ln.x1 for ln in lines])
    right = max(rights, key=lambda vn: (vn[1], vn[0]))[0]
    # ... and the most common line end is a short line's: the block ends at the widest full line,
    # one that enough lines share (a masthead set wider than the column is not the column's edge).
    ends = _window_clusters([_core_x1(ln) for ln in lines])
    right = max(right, max((v for v, n in ends if n >= need), default=right))
    if page_width and right - left < DEFAULT_MIN_BLOCK_SHARE * page_width:
        # no line reaches the margin (a notice of short lines only): the block is the page's
        # with its margins mirrored, so no short line counts as full and runs on into the next
        right = page_width - left
    steps = [
        b.top - a.top
        for a, b in pairwise(lines)
        if a.page == b.page and b.top > a.bottom and abs(a.size - b.size) < 0.5
    ]
    pitch = statistics.median(steps) if steps else max(ln.bottom - ln.top for ln in lines) * 1.5
    indented = sum(1 for ln in lines if ln.x0 - left > DEFAULT_INDENT_EMS * ln.size)
    return Layout(left, right, pitch, indented > DEFAULT_INDENT_SHARE * len(lines), feet or {})


def _core_x1(line: PhysLine) -> float:
    """Where a line's text ends, not counting closing punctuation that may hang in the margin."""
    ink = [g for g in line.glyphs if not g.ch.isspace()]
    core = [g for g in ink if g.ch not in CLOSING] or ink
    return max(g.x1 for g in core)


def first_word_width(line: PhysLine) -> float:
    """Width of the line's first word (a Latin/digit run or one CJK char) and closing punctuation.

    If it would have fitted at the end of the previous line, that line ended a paragraph.
    """
    ink = [g for g in line.glyphs if not g.ch.isspace()]
    end = 1
    if TOKEN.match(ink[0].ch):
        while end < len(ink) and TOKEN.match(ink[end].ch):
            end += 1
    while end < len(ink) and ink[end].ch in CLOSING:
        end += 1
    return ink[end - 1].x1 - ink[0].x0


def _starts_item(text: str) -> bool:
    """A heading marker (一、 （一） 1.) or an assignment label with its colon at the line start."""
    key = fold(text)
    if any(s.pattern.match(key) for s in vocab.marker_styles()):
        return True
    m = vocab.labels().pattern.match(key)
    return bool(m and key[m.end() : m.end() + 1] in {":", " "})


CLOSED = ("。", ";", ")", "]")  # folded: ；）】 are ;)]


def _starts_heading(prev: str, text: str) -> bool:
    """A Chinese-numeral marker (一、 （二） 第二部分) after a line that closes its sentence or its
    bracket, or a label line: a heading even flush left under a full line, where paragraphs
    indent. A list of numerals (一、二季度, 三、四级公路) or a line after an open sentence (…的 /
    第二部分确定的…) is a wrapped line."""
    key, above = fold(text), fold(prev).rstrip()
    labelled = vocab.labels().pattern.match(above)  # a full label line (责任单位：…县水利局) ends its list
    if not above.endswith(CLOSED) and not (labelled and above[labelled.end() : labelled.end() + 1] == ":"):
        return False
    for style in vocab.marker_styles():
        m = style.pattern.match(key) if style.kind == "cn" else None
        if m is not None:
            return key[m.end() : m.end() + 1] not in vocab.CN_COUNTING
    return False


def starts_paragraph(prev: PhysLine, line: PhysLine, layout: Layout, before: Layout | None = None) -> bool:
    """Does `line` start a new paragraph after `prev` (possibly on the previous page or column)?
    `before` is the layout of `prev`'s column where it is another column's."""
    size = line.size or 1.0
    before = before or layout
    if (line.page, line.column) == (prev.page, prev.column) and (
        line.top - prev.top > DEFAULT_GAP_PITCHES * layout.pitch or line.bottom <= prev.top
    ):
        return True
    if abs(line.size - prev.size) > DEFAULT_SIZE_CHANGE * max(line.size, prev.size):
        return True
    if line.x0 - layout.left > DEFAULT_INDENT_EMS * size:
        return True
    if line.page != prev.page and before.ends_early(prev):
        return True
    if prev.x0 - before.left > DEFAULT_ALIGNED_EMS * size:
        return True  # after a line set right or centred (a signature, its date): nothing goes on
    if before.right - prev.x1 > first_word_width(line) + DEFAULT_FIT_SLACK_EMS * size:
        return True
    if not _starts_item(line.text) or (layout.indents and not _starts_heading(prev.text, line.text)):
        return False  # where paragraphs indent, a flush-left 1.6万人 or 2.… goes on from a full line
    # …（责任领导：王丽； at the line's end: the bracket's next label goes on inside it
    key = fold(prev.text)
    return sum(key.count(c) for c in "([") <= sum(key.count(c) for c in ")]")


def measure_columns(
    lines: Sequence[PhysLine], heights: Sequence[float] = (), widths: Sequence[float] = ()
) -> dict[int, Layout]:
    """The layout of each column number (0: lines across the page), measured over all pages;
    `heights` (of each page) tells where pages end, `widths` how wide the pages are."""
    by_column: dict[int, list[PhysLine]] = {}
    for ln in lines:
        by_column.setdefault(ln.column, []).append(ln)
    feet = page_feet(lines, heights) if heights else None
    width = statistics.median(widths) if widths else None
    return {k: measure(col, feet, width if k == 0 else None) for k, col in by_column.items()}


def lines_to_paragraphs(
    lines: Sequence[PhysLine], layout: Layout | dict[int, Layout]
) -> list[list[PhysLine]]:
    """`layout`: one for the document, or one per column number (`measure_columns`)."""
    paras: list[list[PhysLine]] = []
    for ln in lines:
        if isinstance(layout, Layout):
            here = before = layout
        else:
            here, before = layout[ln.column], layout[paras[-1][-1].column] if paras else layout[ln.column]
        if paras and not starts_paragraph(paras[-1][-1], ln, here, before):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras
