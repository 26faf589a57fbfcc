"""Columns: read a table header whatever its words, order or wrapping.

A 任务分解表's header names its columns in words no list can close (当前进度, 联系电话, 目标值,
项目责任人 …), and a copy may spread one name over several pieces: letter-spaced on one line
(``序号 工 作 任 务 牵头负责部门``), or wrapped over two paragraphs (``牵头`` / ``单位``). So a header
is read in two steps:

- every piece is classified: a column word (序号, a task word, a label the grammar reads: see
  `tables.column_kind`), a header-shaped word no rule knows (a short Han phrase that is no unit
  name: an ``extra`` column, kept beside each task), or no header word at all;
- the pieces are grouped into cells (`segment`): when the rows below say how many cells a row
  has, into exactly that many; otherwise the grouping that reads best. Known names score high,
  unknown ones low, a lone character is never a cell of its own, and joining pieces costs
  something unless they are single characters (a letter-spaced name: 重 点 工 作), so pieces that
  read as names on their own stay apart unless the row width says otherwise.
"""

from __future__ import annotations

from pipeline.assign.labels import is_label_head
from pipeline.assign.unit_vocab import looks_like_unit
from pipeline.document import Cell
from pipeline.normalize import fold
from pipeline.structure import tables
from pipeline.structure.tables import DEFAULT_MAX_HEADER_CELL, EXTRA, HAN_ONLY, header_kind

BARE_ROLE_WORDS = frozenset({"牵头", "配合", "责任", "协办", "主办", "协同", "参与", "分管", "完成"})
KNOWN, UNKNOWN, JOIN = 3.0, 1.0, 2.0  # a known name, an unknown one, the cost of joining pieces
NEG = float("-inf")


def piece_shaped(text: str) -> bool:
    """Could `text` be a piece of a header (a column name, or one character of a spaced one)?"""
    key = tables.squash(fold(text).strip().strip("|"))
    if not key:
        return False
    if header_kind(key) is not None or is_label_head(key):  # also a name with a remark in brackets
        return True
    if len(key) > DEFAULT_MAX_HEADER_CELL:
        return False
    if is_label_head(key):
        return True
    return HAN_ONLY.match(key) is not None and not looks_like_unit(key)


def _score(pieces: list[str]) -> float:
    kind = header_kind("".join(pieces))
    if kind is None:
        return NEG
    if len(pieces) > 1 and any(tables.column_kind(p) == tables.NUMBER for p in pieces):
        return NEG  # 序号 is a cell of its own, never the start of a wrapped name
    if len(pieces) > 1 and tables.squash(pieces[-1]) in BARE_ROLE_WORDS:
        return NEG  # 牵头 / 配合 end no name: they wait for their head (单位) in the next piece
    spaced = all(len(tables.squash(p)) == 1 for p in pieces)
    return (UNKNOWN if kind == EXTRA else KNOWN) - (0.0 if spaced else JOIN * (len(pieces) - 1) ** 2)


def segment(pieces: list[str], width: int | None = None) -> list[tuple[int, int]] | None:
    """Group consecutive pieces into cells: [(first, last + 1)], each group's words joined.

    With `width` (the cells a row has below the header) exactly that many groups, else the best
    grouping; None when no grouping reads as column names."""
    n = len(pieces)
    limit = min(n, 4)  # a name is wrapped over at most four pieces
    best: list[dict[int, float]] = [{} for _ in range(n + 1)]  # best[i][groups] = score
    back: dict[tuple[int, int], int] = {}
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for size in range(1, min(limit, i) + 1):
            gain = _score(pieces[i - size : i])
            if gain == NEG:
                continue
            for groups, value in best[i - size].items():
                if width is not None and groups + 1 > width:
                    continue
                if value + gain > best[i].get(groups + 1, NEG):
                    best[i][groups + 1] = value + gain
                    back[(i, groups + 1)] = i - size
    if not best[n]:
        return None
    groups = width if width is not None else max(best[n], key=lambda g: best[n][g])
    if groups not in best[n]:
        return None
    out: list[tuple[int, int]] = []
    i = n
    while i > 0:
        start = back[(i, groups)]
        out.append((start, i))
        i, groups = start, groups - 1
    return out[::-1]


def join_spaced(words: list[str]) -> list[str]:
    """A letter-spaced name on a header line (序号 工 作 任 务 牵头单位): its single characters,
    one word."""
    out: list[str] = []
    single = False
    for word in words:
        if len(word) == 1 and single and out:
            out[-1] += word
        else:
            out.append(word)
        single = len(word) == 1
    return out


def pieces_to_cells(cells: list[Cell], width: int | None = None) -> list[Cell] | None:
    """Header pieces (paragraphs or spaced words) grouped into the header's cells."""
    found = segment([c.text for c in cells], width)
    if found is None:
        return None
    return [Cell("".join(tables.squash(c.text) for c in cells[a:b]), cells[a].loc) for a, b in found]


def _known(cells: list[Cell]) -> int:
    return sum(1 for c in cells if tables.column_kind(c.text) is not None)


def combine_header_rows(first: list[Cell], second: list[Cell]) -> list[Cell] | None:
    """A header printed over two lines, as one row of cells; None when the second line adds
    nothing. Either a spanning cell over sub-columns (``工作任务 年度目标 责任分工 完成时限`` over
    ``牵头单位 配合单位``: `tables.two_row_header`), or names wrapped in their cells, the second
    line completing the last cells of the first (``序号 工作任务 完成 主责 配合`` over ``时限 处室 处室``)."""
    spanned = tables.two_row_header([*first, *second])
    if [c.text for c in spanned] != [c.text for c in [*first, *second]]:
        return spanned
    if len(second) > len(first):
        return None
    cut = len(first) - len(second)
    completed = first[:cut] + [
        Cell(tables.squash(a.text) + tables.squash(b.text), a.loc)
        for a, b in zip(first[cut:], second, strict=True)
    ]
    return completed if _known(completed) > _known(first) else None
