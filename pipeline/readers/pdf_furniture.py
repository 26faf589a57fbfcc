"""PDF page furniture: page numbers and running heads and feet, found by position and pattern.

Pure functions on physical lines (`pdf_layout.PhysLine`): a line at a page's top or bottom edge
that repeats on many pages (digits masked), reads as a page number outside the text block, or
ends in the page's own number (…分工方案 2/2) is page furniture, not notice text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.readers.pdf_layout import PhysLine

DEFAULT_EDGE_BAND = 0.15  # top/bottom share of the page height where headers and footers live
DEFAULT_RUNNING_SHARE = 0.5  # share of pages a header/footer text must repeat on
DEFAULT_RUNNING_MIN_PAGES = 3
DEFAULT_RUNNING_TOLERANCE = 4.0  # points: a running header/footer is at the same height

# "— 1 —", "－ 1 －", "- 1 -", "-1-", "1", "第1页 共5页", "第 1 页", "1/5", "Page 1 of 5"
PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~·•一─]*\d{1,4}[-—－–~·•一─]*"
    r"|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?"
    r"|\d{1,4}/\d{1,4}"
    r"|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$"
)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(re.sub(r"\s+", "", text)))


def _fits_page_count(text: str, pages: int) -> bool:
    """A bare page number (``4``, ``- 4 -``) is at most the page count: a table's 序号 "4" at the foot
    of page 1 of a two-page file is a cell, not a page number."""
    digits = re.sub(r"[-—－–~·•\s]", "", text)
    return not digits.isdigit() or int(digits) <= pages


OWN_PAGE_NUMBER = re.compile(
    r"(?:第(\d{1,4})页(?:[,，/]?共\d{1,4}页)?|(\d{1,4})/(\d{1,4})|[-—－–](\d{1,4})[-—－–])$"
)


def _ends_in_own_page_number(line: PhysLine, pages: int) -> bool:
    """A running head or foot that ends in the page's own number (…工作任务分工方案  2/2, …方案 第2页):
    page furniture, though the text before the number names the document."""
    m = OWN_PAGE_NUMBER.search(re.sub(r"\s+", "", line.text))
    if m is None or m.start() == 0:
        return False
    number = next(int(g) for g in (m[1], m[2], m[4]) if g)
    return number == line.page and (m[3] is None or int(m[3]) == pages)


def _edge_candidates(page_lines: list[PhysLine], height: float) -> list[PhysLine]:
    """Lines in the top or bottom band with no other line between them and the page edge."""
    band = height * DEFAULT_EDGE_BAND
    ordered = sorted(page_lines, key=lambda ln: ln.top)
    out = [ln for ln in ordered[:2] if ln.bottom <= band]
    out += [ln for ln in ordered[-2:] if ln.top >= height - band and ln not in out]
    return out


def _running_key(line: PhysLine) -> tuple[str, int]:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / DEFAULT_RUNNING_TOLERANCE)


def drop_furniture(lines: list[PhysLine], heights: Sequence[float]) -> list[PhysLine]:
    """Remove page numbers and running headers/footers: text at a page edge, by pattern or repetition.

    `heights[i]` is the height of page i + 1. A running header is the same text (digits masked) at
    the same height on at least half of the pages. A line that reads like a page number is one only
    outside the text block (above or below every other line of the document): a table flattened
    into paragraphs may start a page with its 序号 "2" at the height where other pages' text starts.
    """
    by_page: dict[int, list[PhysLine]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    edges = {p: _edge_candidates(lns, heights[p - 1]) for p, lns in by_page.items()}
    counts = Counter(key for cands in edges.values() for key in {_running_key(ln) for ln in cands})
    need = max(DEFAULT_RUNNING_MIN_PAGES, DEFAULT_RUNNING_SHARE * len(heights))
    cands = [ln for page_cands in edges.values() for ln in page_cands]
    drop = {id(ln) for ln in cands if counts[_running_key(ln)] >= need}
    numbers = [
        ln
        for ln in cands
        if id(ln) not in drop
        and (
            (is_page_number(ln.text) and _fits_page_count(ln.text, len(heights)))
            or _ends_in_own_page_number(ln, len(heights))
        )
    ]
    numbers = _outermost_per_page(numbers, heights)
    number_ids = {id(n) for n in numbers}
    # the text block of each page size: a landscape attachment's foot is far above a portrait page's
    block: dict[int, tuple[float, float]] = {}
    for ln in lines:
        if id(ln) not in drop and id(ln) not in number_ids:
            size = round(heights[ln.page - 1])
            top, bottom = block.get(size, (ln.top, ln.bottom))
            block[size] = (min(top, ln.top), max(bottom, ln.bottom))
    for ln in numbers:  # a page number lies outside the text block; a table's "2" at a page top does not
        top, bottom = block.get(round(heights[ln.page - 1]), (0.0, 0.0))
        if ln.bottom <= top + DEFAULT_RUNNING_TOLERANCE or ln.top >= bottom - DEFAULT_RUNNING_TOLERANCE:
            drop.add(id(ln))
    return [ln for ln in lines if id(ln) not in drop]


def _outermost_per_page(numbers: list[PhysLine], heights: Sequence[float]) -> list[PhysLine]:
    """A page's foot (or head) holds one page number: of two lines there that read as one (a
    flattened table's 序号 "2" as the last body line, then the footer "— 1 —"), only the one nearest
    the page's edge is."""
    best: dict[tuple[int, bool], PhysLine] = {}

    def off_middle(ln: PhysLine) -> float:
        return (ln.top + ln.bottom) / 2 - heights[ln.page - 1] / 2

    for ln in numbers:
        side = (ln.page, off_middle(ln) > 0)  # a page may number itself at its head and at its foot
        held = best.get(side)
        if held is None or abs(off_middle(ln)) > abs(off_middle(held)):
            best[side] = ln
    return [ln for ln in numbers if best.get((ln.page, off_middle(ln) > 0)) is ln]
