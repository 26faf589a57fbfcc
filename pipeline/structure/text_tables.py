"""Text tables: find tables that reached a text carrier flattened, and rebuild them as `Table`s.

Takes the normalized blocks and returns them with each flattened table replaced by a `Table`
(header row first), which `tables` then reads like a Word table. A table starts at a header:
a run of short paragraphs that are column names (序号 / 工作任务 / 责任单位 / 完成时限, spaced or
split over lines: ``主 要 任 务``, ``分管 领导``), or one line of space-separated column names; it
needs a task column and an assigning column (see tables.json / labels.json). Layouts:

- ``paragraph``: one cell per paragraph (``序号`` ``1`` ``地区生产总值增长5.5%左右`` ``区发展改革委``);
  a row starts at a 序号 that continues the numbering; a unit cell may run over paragraphs;
- ``trailing``: one cell per line ending in `` |``; a lone ``|`` ends a row;
- ``leading``: ``cell`` then ``| cell`` lines, a lone ``|`` ends a row; lines without a pipe
  continue the cell (a narrow merged cell printed ``市政`` / ``府办`` / ``公厅``);
- ``line``: one row per line, cells separated by spaces (``7 全社会固定资产投资… 发改委、经信委``)
  or by tabs (a table copied from a spreadsheet: every cell kept, empty ones included);
- ``pipe``: one row per line between pipes, as markdown writes a table (``| 1 | 新增… | 区工信局 |``),
  a ``|---|---|`` rule under the header; a row with one filled cell is a full-width group row.

A header printed as two rows (``序号 | 重点任务 | 责任单位 | 完成时限`` over ``牵头单位 | 配合单位``)
reaches the text as one run of column names; the spanning 责任单位 is replaced by the sub-columns
that close the run (`tables.two_row_header`).

A ``一、`` paragraph between rows is a full-width group row (a heading). Cells are matched to
columns by what they read as (`table_align`); a missing cell stays empty, and `tables` fills an
empty role cell of a row without its own 序号 from the row above (a merged cell).
"""

from __future__ import annotations

import regex

from pipeline import vocab
from pipeline.document import Cell, Table
from pipeline.normalize import NormalBlock, Para, fold
from pipeline.structure import tables
from pipeline.structure.header import is_signature
from pipeline.structure.table_align import (
    align,
    is_number,
    patterns,
    reads_as_deadline,
    reads_as_person,
    reads_as_units,
)
from pipeline.structure.text_headers import (
    LEADING,
    LINE,
    PARAGRAPH,
    PIPE,
    RULE,
    SPACES,
    TAB,
    TRAILING,
    WIDE_GAP,
    Header,
    group_row,
    header_at,
    pipe_cells,
    strip_pipes,
)
from pipeline.structure.text_rows import Piece, pad_outer_categories, pad_stripped_tabs, segments
from schemas.notice import Diagnostic, Location, Severity

__all__ = ["LEADING", "LINE", "PARAGRAPH", "PIPE", "TAB", "TRAILING", "blocks_to_tables", "header_at"]


def _merge(first: Location, last: Location) -> Location:
    data = first.model_dump(exclude_none=True)
    if last.line_end is not None:
        data["line_end"] = last.line_end
    return Location(**data)


def _ends(para: Para) -> bool:
    return bool(patterns()["table_end"].match(para.key.strip()))


def collect(blocks: list[NormalBlock], header: Header) -> tuple[list[Piece], int]:
    """The cells after the header, in order, and the index of the first block after the table."""
    out: list[Piece] = []
    j = header.end
    while j < len(blocks):
        block = blocks[j]
        if not isinstance(block, Para) or _ends(block) or header_at(blocks, j) is not None:
            break
        if vocab.is_page_footer(block.key):  # [打印本页][关闭窗口] after a cut copy's last row
            break
        if is_signature(block, blocks[j + 1] if j + 1 < len(blocks) else None):
            break  # 青岚县人民政府 / 2025年3月1日 right under the last row: the notice's signature
        key = block.key.strip()
        if header.layout != PIPE and TEXT_RULE.match(key):  # ------ under the header, over a group
            j += 1
            continue
        if group_row(block) and header.layout != LEADING and not _whole_row(block, header):
            out.append(Piece(block.text, block.loc, group=True))
        elif header.layout == PARAGRAPH:
            out.append(Piece(block.text, block.loc))
        elif header.layout == TRAILING:
            if not key.endswith("|"):
                nxt = blocks[j + 1] if j + 1 < len(blocks) else None
                if out and isinstance(nxt, Para) and nxt.key.rstrip().endswith("|"):
                    out[-1].text += block.text  # a wrapped line of the cell
                    j += 1
                    continue
                break
            if key.strip("|").strip():
                out.append(Piece(strip_pipes(block.text), block.loc))
            elif key.count("|") >= 2:
                out.append(Piece("", block.loc))
            if key.strip("|").strip() == "" and out:
                out[-1].row_end = True
        elif header.layout == TAB:  # one row per line, cells between tabs
            if "\t" not in block.text:
                break
            out.extend(Piece(c.strip(), block.loc) for c in block.text.split("\t"))
            out[-1].row_end = True
        elif header.layout == PIPE:
            if "|" not in key:
                break
            if not RULE.match(key):
                out.extend(_pipe_row(block))
        elif header.layout == LEADING:
            if key == "|":
                if out:
                    out[-1].row_end = True
            elif key.startswith("|") or not out or out[-1].row_end:
                out.append(Piece(strip_pipes(block.text), block.loc))
            else:
                out[-1].text += block.text
                out[-1].loc = _merge(out[-1].loc, block.loc)
        else:
            cells = _category_row(block, header.kinds)
            if cells is None:
                if not is_number(key.split(" ", 1)[0]):
                    break
                cells = _line_cells(block, header.kinds)
            out.extend(cells)
            out[-1].row_end = True
        j += 1
    return out, j


def _whole_row(para: Para, header: Header) -> bool:
    """A ``一、`` line that is a row of its own, not a group row: its category cell comes first
    and the row's other cells follow (``一、稳住经济大盘<TAB>1<TAB>全区…<TAB>区发改局``), split as
    the layout splits cells (tabs; spaces before the row's 序号 in a one-line-per-row table)."""
    text = para.text.strip()
    if header.layout in (TAB, LINE) and len([c for c in text.split("\t") if c.strip()]) > 1:
        return True
    return header.layout == LINE and _category_row(para, header.kinds) is not None


# a rule typed across a text table: ----, ====, ─── or ━━━ (with + or spaces where columns meet)
TEXT_RULE = regex.compile(r"^[-=_─━—－＝+＋\s]{6,}$")
# the category cell, then the rest of the row from the first gap before a 序号 (one space or more)
CATEGORY_THEN_NUMBER = regex.compile(r"^(\S.*?)\s+(\d{1,4}\s.*)$", regex.DOTALL)


def _category_row(para: Para, kinds: list[str]) -> list[Piece] | None:
    """``一、稳住经济大盘  1  全区…  区发改局``: a one-line row that opens with its category cell
    (written only in its group's first row), then the row's cells from its 序号 on."""
    if len(kinds) < 3 or kinds[0] != tables.CATEGORY or kinds[1] != tables.NUMBER:
        return None
    m = CATEGORY_THEN_NUMBER.match(para.text.strip())
    if m is None or not group_row(Para(m[1], fold(m[1]), para.loc)):
        return None
    rest = Para(m[2], fold(m[2]), para.loc)
    if not is_number(rest.key.split(" ", 1)[0]):
        return None
    return [Piece(m[1], para.loc), *_line_cells(rest, kinds[1:])]


def _pipe_row(para: Para) -> list[Piece]:
    """One markdown row: every cell kept (empty ones hold their column's place); a row with only
    one filled cell is a group row (``| 一、产业强区 | | |``)."""
    cells = pipe_cells(para.text)
    filled = [c for c in cells if c]
    if len(filled) == 1 and len(cells) > 1:
        return [Piece(filled[0], para.loc, group=True)]
    pieces = [Piece(c, para.loc) for c in cells]
    if pieces:
        pieces[-1].row_end = True
    return pieces


def _line_cells(para: Para, kinds: list[str]) -> list[Piece]:
    """`7 全社会固定资产投资… 发改委、经信委`: the number, the text, and trailing assignment fields.

    A row whose cells are separated by tabs keeps its cells as they are, empty ones included
    (`2<TAB><TAB>新建…`: the category cell is empty), when it has one per column."""
    tabbed = para.text.strip().split("\t")
    if len(tabbed) == len(kinds):
        return [Piece(t.strip(), para.loc) for t in tabbed]
    wide = WIDE_GAP.split(para.text.strip())  # cells set apart by two or more spaces, one per column
    if len(wide) == len(kinds):
        return [Piece(t, para.loc) for t in wide]
    fields = SPACES.split(para.text.strip())
    head = [fields.pop(0)] if fields and is_number(fields[0]) else []
    tail: list[str] = []
    room = len(kinds) - 1 - max((i for i, k in enumerate(kinds) if k == tables.TASK), default=0)
    while len(fields) > 1 and len(tail) < room:
        last = fields[-1]
        if not (reads_as_units(last) or reads_as_deadline(last) or reads_as_person(last)):
            break
        tail.insert(0, fields.pop())
    # a unit cell whose units are separated by spaces (`… 卫健委 妇联`): more unit-shaped fields
    # before it join it, while the text keeps at least one field
    while tail and len(fields) > 1 and reads_as_units(tail[0]) and reads_as_units(fields[-1]):
        tail[0] = f"{fields.pop()} {tail[0]}"
    middle = para.text.strip()
    for field in head:
        middle = middle[len(field) :].lstrip()
    for field in reversed(tail):
        middle = middle[: len(middle) - len(field)].rstrip()
    return [Piece(t, para.loc) for t in [*head, middle, *tail] if t]


def build_table(header: Header, pieces: list[Piece]) -> Table | None:
    """The table of a flattened header and its cells. A cell a row lacks is empty, except in a
    column before the 序号 (牵头单位 | 序号 | 工作任务 …): a row lacks one there only where it is
    merged over a block (corpus 042 writes no 序号 at all), so the row takes the one above."""
    width = len(header.kinds)
    lead_in = header.kinds.index(tables.NUMBER) if tables.NUMBER in header.kinds else 0
    rows: list[tuple[Cell, ...]] = [tuple(header.cells)]
    for stretch in segments(pieces, header.kinds, by_number=header.layout not in (PIPE, TAB)):
        if stretch[0].group:
            rows.append((Cell(stretch[0].text, stretch[0].loc, span=width),))
            continue
        if header.layout in (PIPE, TAB):
            stretch = pad_outer_categories(stretch, header.kinds)
            if header.layout == TAB:
                stretch = pad_stripped_tabs(stretch, header.kinds)
            if len(stretch) == width:  # the grid is written out: each cell in its column
                rows.append(tuple(Cell(p.text, p.loc) for p in stretch))
                continue
            stretch = [p for p in stretch if p.text.strip()] or stretch
        found = align([p.text for p in stretch], header.kinds, header.layout == PARAGRAPH, True)
        if found is None:
            return None
        for row in found:
            cells = []
            for col in range(width):
                members = [stretch[k] for k in row.get(col, [])]
                if not members:  # before the 序号, a cell the row lacks is merged from above
                    merged = len(rows) > 1 and col < lead_in and header.kinds[col] != tables.TASK
                    cells.append(Cell("", stretch[0].loc, continued=merged))
                    continue
                text = "\n".join(p.text.strip() for p in members)
                cells.append(Cell(text, _merge(members[0].loc, members[-1].loc)))
            rows.append(tuple(cells))
    if len(rows) < 2:
        return None
    return Table(tuple(rows), header.cells[0].loc)


def blocks_to_tables(blocks: list[NormalBlock]) -> tuple[list[NormalBlock], list[Diagnostic]]:
    """The blocks with flattened tables rebuilt, and a warning for each pipe table whose last row
    is not closed (the copy may be cut inside it: the row is kept, not dropped)."""
    out: list[NormalBlock] = []
    warnings: list[Diagnostic] = []
    i = 0
    while i < len(blocks):
        header = header_at(blocks, i)
        if header is not None:
            pieces, end = collect(blocks, header)
            table = build_table(header, pieces)
            if table is not None:
                out.append(table)
                if header.layout == LEADING and pieces and not pieces[-1].row_end:
                    warnings.append(
                        Diagnostic(
                            severity=Severity.warning,
                            code="table-row-unclosed",
                            message="the last row of a pipe table is not closed by a lone |: "
                            "the text may be cut inside it",
                            location=pieces[-1].loc,
                        )
                    )
                i = end
                continue
        out.append(blocks[i])
        i += 1
    return out, warnings
