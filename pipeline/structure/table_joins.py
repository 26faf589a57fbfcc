"""Table joins: a task table the writer split in two goes back together.

A Word writer who wants a page break inside a table often splits it: an empty paragraph, then
the second part without its header row (the header is sometimes typed again). Read apart, the
second part has no columns, so its rows would be read as headings or glued text. A table that
follows another with nothing but blank paragraphs or page numbers between (dropped by
`normalize`), as many grid columns as the first's header, and a first row that is data, not
column names (or the same header again), continues it. Where both parts have boxes (PDF),
their left and right edges must agree too.
"""

from __future__ import annotations

from pipeline.document import Table
from pipeline.normalize import NormalBlock
from pipeline.structure.tables import header_columns, header_kind, slots, squash

DEFAULT_EDGE_TOLERANCE = 6.0  # points: the parts' left and right edges this close are one table
DEFAULT_HEADER_ROWS = 3  # rows searched for the first part's header (a title row may precede it)


def _header(table: Table) -> tuple[str, ...] | None:
    """The header row's column names, when one of the first rows is a task table's header."""
    for row in table.rows[:DEFAULT_HEADER_ROWS]:
        cells = slots(row, header=True)
        if header_columns(cells) is not None:
            return tuple(squash(c.text) for c in cells)
    return None


def _aligned(a: Table, b: Table) -> bool:
    if a.loc.bbox is None or b.loc.bbox is None:
        return True
    return all(
        abs(x - y) <= DEFAULT_EDGE_TOLERANCE
        for x, y in ((a.loc.bbox[0], b.loc.bbox[0]), (a.loc.bbox[2], b.loc.bbox[2]))
    )


def continues(first: Table, header: tuple[str, ...], then: Table) -> bool:
    """Is `then` the rest of `first`, whose header is `header`?"""
    if not then.rows or not _aligned(first, then):
        return False
    top = slots(then.rows[0], header=True)
    if len(top) != len(header):
        return False
    if tuple(squash(c.text) for c in top) == header:
        return True  # the header typed again
    # a first row of column names only (序号 | 单位 | 姓名 | 联系电话) heads a table of its own
    return not all(header_kind(c.text) for c in top if c.text.strip())


def blocks_to_joined_tables(blocks: list[NormalBlock]) -> list[NormalBlock]:
    out: list[NormalBlock] = []
    header: tuple[str, ...] | None = None
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, Table) and isinstance(last, Table) and header and continues(last, header, block):
            out[-1] = Table(last.rows + block.rows, last.loc)
            continue
        header = _header(block) if isinstance(block, Table) else None
        out.append(block)
    return out
