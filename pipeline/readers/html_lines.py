"""An HTML subtree rendered as the lines a browser shows and the data tables it holds.

Block elements and <br> end a line, inline text concatenates, a table of two or more rows with
two or more cells is a Table and any other table is page layout read as lines. An <ol>'s item
starts with its number as the browser draws it (``5.``, ``五、``): a task list whose numbers are
only in the markup reads like one that writes them (the number is a marker, never task text). The walk keeps a
stack instead of recursing, and each table's own rows are found in one pass, so a page nested
2,048 deep (libxml2's limit with huge_tree) costs what a flat one does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from lxml.html import HtmlElement as Element

from pipeline import vocab
from pipeline.document import Block, Cell, Line, Table
from pipeline.normalize import fold
from pipeline.readers.html_lists import ListNumbers
from pipeline.readers.numbers import bounded_int
from schemas.notice import Location

BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"section", "article", "center", "pre", "address", "table", "tr", "td", "th", "tbody", "thead"}
    | {"tfoot", "caption", "form", "fieldset", "main", "hr", "figure", "figcaption", "body"}
)
SPACES = re.compile(r"[ \t\n\r\f]+")
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534  # the HTML standard's clamps, as browsers apply them


def clean(text: str) -> str:
    return SPACES.sub(" ", text).replace("\u00a0", " ").strip()


TableHandler = Callable[[Element, list[str]], None]


class TooManyLines(Exception):
    """Raised at the line (or table cell) after the limit; `read` turns it into a LimitError.

    Its argument says what was counted: "lines" or "cells in one table"."""


class _Lines:
    """Renders a subtree as lines: block elements and <br> end a line, inline text concatenates."""

    def __init__(self, limit: int | None = None, numbers: ListNumbers | None = None) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.limit = limit
        self.count = 0  # lines made, also those handed on and cleared
        self.marker = ""  # an <ol> item's number as the browser draws it, for the item's first line
        self.numbers = numbers or ListNumbers()

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        if text and self.marker:
            if not vocab.any_marker().match(fold(text)):  # <li>1. … under list-style:none: as written
                text = self.marker + text
            self.marker = ""
        if text:
            self.count += 1
            if self.limit is not None and self.count > self.limit:
                raise TooManyLines("lines")
            self.lines.append(text)
        self.buffer = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(SPACES.sub(" ", text))

    def walk(self, el: Element, on_table: TableHandler | None = None) -> None:
        """Depth first with a stack of open elements, not recursion: a page may nest 2,048 deep."""
        stack: list[tuple[Iterator[Element], Element | None]] = [(iter(el), None)]
        while stack:
            children, owner = stack[-1]
            child = next(children, None)
            if child is None:  # `owner`'s children are done: close it
                stack.pop()
                if owner is not None:
                    if owner.tag in BLOCK_TAGS:
                        self.flush()
                    self.add(owner.tail)
                continue
            if not isinstance(child.tag, str):
                self.add(child.tail)
                continue
            if child.tag == "br":
                self.flush()
            elif child.tag == "table" and on_table is not None and is_data_table(child):
                self.flush()
                on_table(child, self.lines)
            else:
                if child.tag in BLOCK_TAGS:
                    self.flush()
                if child.tag == "li":
                    self.marker = self.numbers.marker(child)
                self.add(child.text)
                stack.append((iter(child), child))
                continue
            self.add(child.tail)


def is_data_table(table: Element) -> bool:
    """A table of two or more rows with two or more cells somewhere; else it is page layout."""
    rows = own_rows(table)
    return len(rows) >= 2 and any(sum(c.tag in {"td", "th"} for c in r) >= 2 for r in rows)


def own_rows(table: Element) -> list[Element]:
    """The table's <tr>s in document order, not those of tables nested in it: one pass over its
    own part of the tree (asking each row for its nearest table costs rows times depth)."""
    rows: list[Element] = []
    stack = list(reversed(table))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag == "table":
            continue
        if el.tag == "tr":
            rows.append(el)
        stack.extend(reversed(el))
    return rows


def table_to_rows(table: Element, number: int, counter: _Lines | None = None) -> Table:
    """Cells with colspan as span; a rowspan leaves `continued` cells below, as Word's vMerge does."""
    rows: list[tuple[Cell, ...]] = []
    pending: dict[int, int] = {}  # grid column -> rows still covered by a rowspan from above
    limit = None if counter is None else counter.limit
    total = 0  # cells made, `continued` ones too
    for r, tr in enumerate(own_rows(table), start=1):
        loc = Location(table=number, row=r)
        cells: list[Cell] = []
        column = 0

        for td in (c for c in tr if c.tag in {"td", "th"}):
            column = _fill_rowspans(cells, pending, column, loc)
            left = None if counter is None or counter.limit is None else counter.limit - counter.count
            lines = _Lines(left)  # a cell's lines count against the body's limit
            lines.add(td.text)
            lines.walk(td)
            lines.flush()
            if counter is not None:
                counter.count += lines.count
            span = bounded_int(td.get("colspan"), MAX_COLSPAN)
            rowspan = bounded_int(td.get("rowspan"), MAX_ROWSPAN)
            # a rowspan covers grid columns up to the widest colspan only: rowspans stacked
            # diagonally would otherwise add a row's width of empty cells to every row below
            for extra in range(min(span, MAX_COLSPAN - column) if rowspan > 1 else 0):
                pending[column + extra] = rowspan - 1
            cells.append(Cell("\n".join(lines.lines), loc, span))
            column += span
        _fill_rowspans(cells, pending, column, loc)
        if cells:  # a row without cells (<tr></tr>, a w:tr without w:tc) carries nothing
            rows.append(tuple(cells))
        total += len(cells)
        if limit is not None and total > limit:
            raise TooManyLines("cells in one table")
    return Table(tuple(rows), Location(table=number))


def _fill_rowspans(cells: list[Cell], pending: dict[int, int], column: int, loc: Location) -> int:
    """Add a `continued` cell for each column a rowspan above still covers; the next free column."""
    while pending.get(column, 0) > 0:
        pending[column] -= 1
        cells.append(Cell("", loc, 1, continued=True))
        column += 1
    return column


def body_to_blocks(
    body: Element, limit: int | None = None, head: Sequence[str] = (), styles: dict[str, str] | None = None
) -> list[Block]:
    """The body's lines and data tables; `TooManyLines` past `limit` lines (cells' lines too).
    `head`: the page's title line set outside the body, with the 文号 beside it, read first."""
    blocks: list[Block] = []
    emitted = tables = 0

    def take_lines(lines: list[str]) -> None:
        nonlocal emitted
        for text in lines:
            emitted += 1
            blocks.append(Line(text, Location(paragraph=emitted)))
        lines.clear()

    def on_table(table: Element, lines: list[str]) -> None:
        nonlocal tables
        take_lines(lines)
        tables += 1
        blocks.append(table_to_rows(table, tables, walker))

    walker = _Lines(limit, ListNumbers(styles))
    if head:
        take_lines(list(head))
    walker.add(body.text)
    walker.walk(body, on_table)
    walker.flush()
    take_lines(walker.lines)
    return blocks
