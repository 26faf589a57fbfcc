"""Text-table headers: where a flattened table starts and what its columns are.

A header is a run of short paragraphs that are column names (序号 / 工作任务 / 责任单位 / 完成时限),
one line of them separated by spaces or tabs, or a pipe row; a name may be letter-spaced or wrapped
over paragraphs or over a second line (`columns`), and the rows below decide the layout and, when
they start at 1, 2, 3 …, how many cells a row has. `text_tables` then reads the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline import vocab
from pipeline.document import Cell
from pipeline.normalize import NormalBlock, Para, fold
from pipeline.structure import columns, tables
from pipeline.structure.outline import match_marker
from pipeline.structure.table_align import is_number

PARAGRAPH, TRAILING, LEADING, LINE, PIPE, TAB = "paragraph", "trailing", "leading", "line", "pipe", "tab"
DEFAULT_MAX_HEADER_CELL = 12  # characters of a column name, spaces removed
DEFAULT_MAX_HEADER_LINE = 80  # a longer paragraph never starts a header
DEFAULT_MAX_HEADER_PIECES = 24  # paragraphs a header may be spread over
DEFAULT_TAB_ROWS = 12  # tab rows after a two-row header read to learn a row's width
DEFAULT_WIDTH_SCAN = 80  # paragraphs after the header read to count the cells of a row
HEADER_PUNCT = regex.compile(r"[,.;:。，；：!?]")
SPACES = regex.compile(r"\s+")
WIDE_GAP = regex.compile(r"\s{2,}")
RULE = regex.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")  # |---|:---:|


@dataclass(slots=True)
class Header:
    cells: list[Cell]
    kinds: list[str]
    end: int  # index of the first block after the header
    layout: str


def _bare(text: str) -> str:
    return fold(text).strip().strip("|").strip()


def _too_long(key: str) -> bool:
    """Longer than a header line, not counting the spaces that pad a typed table's columns."""
    return len(key) > DEFAULT_MAX_HEADER_LINE and len(SPACES.sub(" ", key.strip())) > DEFAULT_MAX_HEADER_LINE


def _accept_header(cells: list[Cell], end: int, layout: str) -> Header | None:
    columns = tables.header_columns(tuple(cells))
    if columns is None or len(columns) < 2:
        return None
    return Header(cells, [c.kind for c in columns], end, layout)


def header_at(blocks: list[NormalBlock], i: int) -> Header | None:
    """A header starting at blocks[i]: a run of column-name paragraphs, or one line of them.

    Column names are read by `columns`: unknown names are extra columns, and pieces of one name
    (letter-spaced words, a name wrapped over two paragraphs) are grouped into cells."""
    first = blocks[i]
    if not isinstance(first, Para) or _too_long(first.key):
        return None
    if "\t" in first.text and (spanned := _tab_header_rows(blocks, i)) is not None:
        return spanned
    words = SPACES.split(_bare(first.text)) if " " in first.key.strip() else []
    if len(words) >= 2 and "|" not in first.key and all(columns.piece_shaped(w) for w in words):
        line_cells = columns.pieces_to_cells([Cell(w, first.loc) for w in columns.join_spaced(words)])
        layout = TAB if "\t" in first.text else LINE
        if line_cells is not None and len(line_cells) >= 2:
            second = _header_line_words(blocks, i + 1)
            combined = columns.combine_header_rows(line_cells, second) if second else None
            if combined is not None and (two_lines := _accept_header(combined, i + 2, layout)):
                return two_lines
            return _accept_header(line_cells, i + 1, layout)
    if first.key.count("|") >= 2:
        names, end = _pipe_header_rows(blocks, i)
        if len(names) >= 2 and all(tables.header_kind(w) for w in names):
            rule = blocks[end] if end < len(blocks) else None
            end += isinstance(rule, Para) and bool(RULE.match(rule.key.strip()))
            return _accept_header([Cell(w, first.loc) for w in names], end, PIPE)
    if ":" in first.key or len(first.key) > DEFAULT_MAX_HEADER_LINE // 2:
        return None
    if (
        len(tables.squash(first.key)) > tables.DEFAULT_MAX_HEADER_CELL
        or tables.column_kind(_bare(first.text)) is None
    ):
        return None  # a header starts with a (short) name it knows
    pieces: list[Cell] = []
    j = i
    while j < len(blocks) and len(pieces) < DEFAULT_MAX_HEADER_PIECES:
        block = blocks[j]
        if not isinstance(block, Para) or "|" in block.key.strip("| "):
            break
        if not columns.piece_shaped(block.text):
            break
        pieces.append(Cell(_bare(block.text), block.loc))
        j += 1
    if not _row_starts(blocks, j):  # no 序号 follows: unknown pieces at the end may be a first row
        while pieces and tables.column_kind(pieces[-1].text) is None:
            pieces.pop()
            j -= 1
    header = _run_header(blocks, i, pieces, j)
    while header is None and pieces and tables.column_kind(pieces[-1].text) is None:
        # a category column's first value (经济发展, merged over its rows) stands between the
        # header and the first 序号: the run is a header only without it
        pieces = pieces[:-1]
        j -= 1
        header = _run_header(blocks, i, pieces, j)
    return _without_category_values(blocks, i, pieces, j, header)


def _pipe_header_rows(blocks: list[NormalBlock], i: int) -> tuple[list[str], int]:
    """The column names of a pipe header and where it ends. A header over two rows
    (``| 序号 | 任务 | 责任单位 | | 完成时限 |`` over ``| | | 牵头单位 | 配合单位 | |``: 责任单位 spans
    two sub-columns, the others are merged down) names each column by its lower cell, or by the
    upper one where the lower is empty."""
    first = blocks[i]
    assert isinstance(first, Para)
    names = pipe_cells(first.text)
    second = blocks[i + 1] if i + 1 < len(blocks) else None
    if all(names) or not isinstance(second, Para) or second.key.count("|") < 2:
        return names, i + 1
    lower = pipe_cells(second.text)
    if len(lower) != len(names) or not any(lower) or not all(tables.header_kind(w) for w in lower if w):
        return names, i + 1
    return [low or up for up, low in zip(names, lower, strict=True)], i + 2


DEFAULT_CATEGORY_PARAGRAPHS = 3  # paragraphs one category cell of a flattened table may run over


def _without_category_values(
    blocks: list[NormalBlock], i: int, pieces: list[Cell], j: int, header: Header | None
) -> Header | None:
    """The header without the first values of its category columns (一级任务 | 二级任务 | 序号 …
    then 经济发展, 工业 right before the first 序号). Those read as columns of unknown names after
    the known ones; with category columns before the 序号 (merged: their values are written once,
    before the row they open) a name no column vocabulary knows, last before the first row, is
    the first row's category value."""
    if header is None or tables.NUMBER not in header.kinds:
        return header
    lead_in = header.kinds.index(tables.NUMBER)
    if not lead_in or not all(k == tables.CATEGORY for k in header.kinds[:lead_in]):
        return header
    popped, end = list(pieces), j
    most = DEFAULT_CATEGORY_PARAGRAPHS * lead_in  # a category cell may run over a few paragraphs
    while j - end < most and len(popped) > lead_in + 2 and tables.column_kind(popped[-1].text) is None:
        popped, end = popped[:-1], end - 1
    if end == j:
        return header
    return _run_header(blocks, i, popped, end) or header


def _run_header(blocks: list[NormalBlock], i: int, pieces: list[Cell], j: int) -> Header | None:
    """The header made of the paragraph pieces blocks[i:j], its layout read from the rows below."""
    if len(pieces) < 2:
        return None
    pieces = tables.two_row_header(pieces)
    width = _row_width(blocks, j)
    cells = columns.pieces_to_cells(pieces, width if width is not None and width < len(pieces) else None)
    if cells is None:
        return None
    pipes = [b.key for b in blocks[i:j] if isinstance(b, Para)]
    layout = LEADING if any(k.startswith("|") for k in pipes) else PARAGRAPH
    if any(k.rstrip().endswith("|") for k in pipes):
        layout = TRAILING
    if layout == PARAGRAPH and _rows_on_lines(blocks, j):
        layout = LINE
    closing = blocks[j] if j < len(blocks) else None
    if layout == LEADING and isinstance(closing, Para) and _bare(closing.text) == "":
        j += 1  # the lone | closing the header row
    return _accept_header(cells, j, layout)


def _tab_header_rows(blocks: list[NormalBlock], i: int) -> Header | None:
    """Two tab-separated header rows whose second names the sub-columns of one cell of the first
    (序号 重点任务 牵头单位 配合单位 进度安排 over 一季度 二季度 三季度 四季度): the rows below have one
    cell per sub-column, so the first row's cells minus the spanning one plus the second row's
    make a row's width. The spanning cell is a role group (责任分工) when one is, else the one that
    leaves the most known columns, else the last."""
    first, second = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
    if not isinstance(first, Para) or not isinstance(second, Para) or "\t" not in second.text:
        return None
    if len(second.key) > DEFAULT_MAX_HEADER_LINE:
        return None
    top = [_bare(c) for c in first.text.split("\t")]
    below = [_bare(c) for c in second.text.split("\t")]
    if not all(top) or not all(below) or not all(columns.piece_shaped(c) for c in [*top, *below]):
        return None
    rows = blocks[i + 2 : i + 2 + DEFAULT_TAB_ROWS]
    widths = [len(b.text.split("\t")) for b in rows if isinstance(b, Para)]
    if not widths or max(set(widths), key=widths.count) != len(top) - 1 + len(below):
        return None
    found: list[tuple[tuple[bool, int, int], Header]] = []
    for k in range(1, len(top)):
        names = [*top[:k], *below, *top[k + 1 :]]
        header = _accept_header([Cell(n, blocks[i].loc) for n in names], i + 2, TAB)
        if header is not None:
            known = sum(kind != tables.EXTRA for kind in header.kinds)
            found.append(((tables.is_role_group(top[k]), known, k), header))
    return max(found, key=lambda f: f[0])[1] if found else None


def _header_line_words(blocks: list[NormalBlock], j: int) -> list[Cell]:
    """The words of blocks[j] when it is a second header line (``时限 处室 处室`` under ``… 完成 主责 配合``,
    or ``牵头单位 配合单位`` under a spanning 责任分工): column-name pieces only, no row."""
    block = blocks[j] if j < len(blocks) else None
    if not isinstance(block, Para) or len(block.key) > DEFAULT_MAX_HEADER_LINE or "|" in block.key:
        return []
    words = SPACES.split(_bare(block.text))
    if not all(columns.piece_shaped(w) for w in words):
        return []
    return [Cell(w, block.loc) for w in words]


def _row_starts(blocks: list[NormalBlock], j: int) -> bool:
    block = blocks[j] if j < len(blocks) else None
    return isinstance(block, Para) and vocab.serial_number(block.key.strip().strip("|").strip()) == 1


def _row_width(blocks: list[NormalBlock], j: int) -> int | None:
    """Cells per row of a one-cell-per-paragraph table whose rows start at 1, 2, 3 …: the count
    most rows share (a unit cell over two paragraphs or a merged cell changes one row, not most)."""
    counts = _row_counts(blocks, j)
    if not counts:
        return None
    best = max(set(counts), key=counts.count)
    return best if counts.count(best) * 2 > len(counts) else None


def _row_counts(blocks: list[NormalBlock], j: int) -> list[int]:
    """The paragraphs from each 序号 to the next, for the rows that start at blocks[j]."""
    if not _row_starts(blocks, j):
        return []
    counts: list[int] = []
    expected, count = 2, 1
    for block in blocks[j + 1 : j + 1 + DEFAULT_WIDTH_SCAN]:
        if not isinstance(block, Para):
            break
        if vocab.serial_number(block.key.strip().strip("|").strip()) == expected:
            counts.append(count)
            expected, count = expected + 1, 1
        else:
            count += 1
    return counts


def _rows_on_lines(blocks: list[NormalBlock], j: int) -> bool:
    """After a header of paragraphs: do the rows come one per line (`1 地区生产总值… 发改委`)?"""
    for block in blocks[j:]:
        if not isinstance(block, Para):
            return False
        if group_row(block):
            continue
        fields = SPACES.split(block.key.strip())
        return len(fields) >= 3 and is_number(fields[0])
    return False


def group_row(para: Para) -> bool:
    found = match_marker(para.key)
    return found is not None and found[0].kind == "cn"


def pipe_cells(text: str) -> list[str]:
    """``| 1 | 新增… | | 区工信局 |`` -> ['1', '新增…', '', '区工信局']: the cells between the pipes."""
    inner = text.strip()
    inner = inner[1:] if inner.startswith(("|", "｜")) else inner
    inner = inner[:-1] if inner.endswith(("|", "｜")) else inner
    return [c.strip() for c in regex.split(r"[|｜]", inner)]


def strip_pipes(text: str) -> str:
    return text.strip().strip("|").strip()
