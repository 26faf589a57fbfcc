"""Tables drawn with box characters in a text: ┌┬┐ │ ├┼┤ └┴┘, or ASCII ``+---+`` and ``|``.

A table printed to a fixed-width text (a 任务分解表 saved as text, a table typed in an editor, and
pasted so into a Word file or a web page) draws its grid: a rule line between rows (├──┼──┤,
+----+----+) and cells between bars on the lines of a row, a cell's text wrapping onto the row's
next lines in its own column. The grammar is exact, so the table is read as drawn: a row is the
lines between two rules, a cell the pieces between its bars joined line after line (a wrap
inside a cell adds nothing between them), a row of one cell a full-width group row. The result
is a `Table` (header row first), read as a Word table is.
"""

from __future__ import annotations

import re

from pipeline.document import Block, Cell, Line, Table
from schemas.notice import Location

# a rule: corners, crossings and strokes only (box drawing, or ASCII +---+ / +===+)
RULE = re.compile(r"^[\u2500-\u257f]+$|^\+[-=+:]+\+$")
BARS = "│┃║|｜"
MIN_ROWS = 2  # a header and one row


def _is_rule(text: str) -> bool:
    return bool(RULE.match(text.strip()))


def _bars(text: str) -> list[str] | None:
    """The cells of a line drawn between bars (│ a │ b │), else None."""
    line = text.strip()
    if len(line) < 2 or line[0] not in BARS or line[-1] not in BARS:
        return None
    return re.split(f"[{BARS}]", line[1:-1])


def _row(lines: list[Line]) -> list[Cell] | None:
    """One drawn row: each column's pieces joined, in order; None when its lines disagree."""
    split = [_bars(line.text) for line in lines]
    if any(cells is None for cells in split) or len({len(c) for c in split if c is not None}) != 1:
        return None
    first, last = lines[0].loc.line_start, lines[-1].loc.line_start
    loc = Location(line_start=first, line_end=last if last != first else None)
    width = len(split[0] or [])
    texts = ["".join(cells[k].strip() for cells in split if cells is not None) for k in range(width)]
    return [Cell(t, loc) for t in texts]


def _table(rows: list[list[Cell]], start: int | None) -> Table | None:
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < MIN_ROWS:
        return None
    out = [tuple(r) if len(r) > 1 else (Cell(r[0].text, r[0].loc, span=width),) for r in rows]
    return Table(tuple(out), Location(line_start=start))


def lines_to_tables(blocks: list[Block]) -> list[Block]:
    """The text's blocks with each drawn table made a Table; anything else as it was."""
    if not any(isinstance(b, Line) and _is_rule(b.text) for b in blocks):
        return blocks  # the common document: no rule drawn
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if not (isinstance(block, Line) and _is_rule(block.text)):
            out.append(block)
            k += 1
            continue
        rows: list[list[Cell]] = []
        pending: list[Line] = []
        j = k + 1
        while j < len(blocks):
            line = blocks[j]
            if not isinstance(line, Line) or not line.text.strip():
                break
            if _is_rule(line.text):
                if pending:
                    row = _row(pending)
                    if row is None:
                        break
                    rows.append(row)
                pending = []
            elif _bars(line.text) is not None:
                pending.append(line)
            else:
                break
            j += 1
        last = _row(pending) if pending else None
        table = _table([*rows, last] if last else rows, block.loc.line_start)
        if table is None:
            out.append(block)
            k += 1
            continue
        out.append(table)
        k = j
    return out
