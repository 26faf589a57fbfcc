"""Rows of a flattened table: the stream of cells read from the text split into the stretches of
its rows (at group rows, closed rows and new 序号), the merged cells of the columns before the
序号 (a category, a 牵头单位 or 责任领导 written once before its block's first row) carried to the
row they open, and tab rows padded where a line lost its leading tabs."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import vocab
from pipeline.normalize import fold
from pipeline.structure import tables
from pipeline.structure.table_align import (
    STRONG,
    TEXT,
    fit,
    is_number,
    reads_as_person,
    reads_as_title,
    reads_as_units,
)
from pipeline.structure.text_headers import DEFAULT_CATEGORY_PARAGRAPHS
from schemas.notice import Location


@dataclass(slots=True)
class Piece:
    """A cell as read from the text, before alignment; `row_end` closes its row (a lone |)."""

    text: str
    loc: Location
    row_end: bool = False
    group: bool = False


def segments(pieces: list[Piece], kinds: list[str], by_number: bool = True) -> list[list[Piece]]:
    """Split the cell stream into rows' stretches: at group rows, closed rows and (`by_number`,
    for layouts without row ends) new 序号."""
    lead_in = kinds.index(tables.NUMBER) if tables.NUMBER in kinds else -1
    # 序号 first, or after category columns only (类别 | 序号 | …: a merged category cell stands
    # before the 序号 of its group's first row, and is carried there from the row above)
    numbered = by_number and lead_in >= 0 and all(k in LEAD_IN_KINDS for k in kinds[:lead_in])
    out: list[list[Piece]] = []
    current: list[Piece] = []
    last_number: int | None = None
    for piece in pieces:
        starts = False
        if piece.group:
            starts = True
        elif numbered and is_number(piece.text):
            n = vocab.serial_number(fold(piece.text).strip())
            starts = n is None or last_number is None or n in (last_number + 1, 1)  # None: 1-2
            if starts and n is not None:
                last_number = n
        if starts and current:
            out.append(current)
            current = []
        current.append(piece)
        if piece.group or piece.row_end:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return _carry_categories(out, kinds) if numbered and lead_in > 0 else out


# columns a flattened table may set before its 序号, merged over the rows of a block: a category,
# or a unit or leader column (牵头单位 | 序号 | 工作任务 …), written once before the block's first row
LEAD_IN_KINDS = frozenset({tables.CATEGORY, "lead", "responsible", "supporting", "leaders"})


def _opens_block(text: str, kinds: list[str]) -> bool:
    """Does the cell read as one of the lead-in columns (a category title, units, a person)?"""
    if tables.CATEGORY in kinds and reads_as_title(text):
        return True
    if "leaders" in kinds and reads_as_person(text):
        return True
    return any(k in LEAD_IN_KINDS and k != tables.CATEGORY for k in kinds) and reads_as_units(text)


def _carry_categories(stretches: list[list[Piece]], kinds: list[str]) -> list[list[Piece]]:
    """Move a category cell (or a 牵头单位, a 责任领导 set before the 序号) to the row it opens.
    In a stream split at 序号 the cell of a column before the 序号 ends the row above
    (``… 县工信局 社会民生`` | ``3 …``) or stands alone before the first row; it goes to the next
    row when it reads as such a cell and the row above has no place for it: it would overflow the
    row's columns from the 序号 on, or the row's last column takes units, a date or a person; and
    it is no cell of that last column, or the cell before it already is one (``12月底前`` |
    ``持续保障和改善民生``, a title that reads as a deadline too)."""
    lead_in = kinds.index(tables.NUMBER)
    width = len(kinds) - lead_in
    head = kinds[:lead_in]
    last_assigns = kinds[-1] not in (tables.EXTRA, tables.TASK, tables.CATEGORY, "ignore")
    out: list[list[Piece]] = []
    carried: list[Piece] = []
    for stretch in stretches:
        # merged outer categories are not repeated: fewer cells than category columns fill the
        # innermost ones (农业 under 经济发展 goes to 二级任务), the outer ones left empty
        padding = [Piece("", carried[0].loc) for _ in range(lead_in - len(carried))] if carried else []
        stretch = [*padding, *carried, *stretch]
        carried = []
        if stretch[0].group or stretch[-1].row_end:
            out.append(stretch)
            continue
        most = DEFAULT_CATEGORY_PARAGRAPHS * lead_in  # category cells over a few paragraphs
        if len(stretch) <= most and all(_opens_block(p.text, head) or not p.text for p in stretch):
            carried = stretch  # the first row's category cell(s), before its 序号
            continue
        start = next((k for k, p in enumerate(stretch) if is_number(p.text)), 0)
        own = len(stretch) - start
        while own > 2 and (len(carried) < lead_in or (own > width and len(carried) < most)):
            tail, before = stretch[-1 - len(carried)], stretch[-2 - len(carried)]
            if not (_opens_block(tail.text, head) and (own > width or last_assigns)):
                break
            if fit(tail.text, kinds[-1]) == STRONG and fit(before.text, kinds[-1]) != STRONG:
                break  # the row's own last cell (12月底前), not a second one after it
            carried.insert(0, tail)
            own -= 1
        out.append(stretch[: len(stretch) - len(carried)])
    if carried:
        out.append(carried)
    return out


def pad_outer_categories(stretch: list[Piece], kinds: list[str]) -> list[Piece]:
    """A row whose outer category cells are merged from above and whose line lost its leading
    tabs (``促进消费<TAB>3<TAB>…`` under 领域 | 重点工作 | 序号): the cells it has are the inner ones, so
    the missing ones go in front, where the 序号 says they are."""
    lead_in = kinds.index(tables.NUMBER) if tables.NUMBER in kinds else 0
    if not lead_in or not all(k == tables.CATEGORY for k in kinds[:lead_in]):
        return stretch
    at = next((k for k, p in enumerate(stretch[: lead_in + 1]) if is_number(p.text)), None)
    if at is None or at == lead_in or len(stretch) + lead_in - at > len(kinds):
        return stretch
    return [*(Piece("", stretch[0].loc) for _ in range(lead_in - at)), *stretch]


def pad_stripped_tabs(stretch: list[Piece], kinds: list[str]) -> list[Piece]:
    """A tab row that is one field short and opens with its task text (a sub-row whose 序号 and
    other cells before the task are merged from above): the line lost its leading tabs when it
    was trimmed, so the fields it has keep their places behind empty ones."""
    at = kinds.index(tables.TASK) if tables.TASK in kinds else 0
    if not at or len(stretch) + at != len(kinds) or not stretch[0].text.strip():
        return stretch
    if any(is_number(p.text) for p in stretch[:at]) or fit(stretch[0].text, tables.TASK) != TEXT:
        return stretch
    return [*(Piece("", stretch[0].loc) for _ in range(at)), *stretch]
