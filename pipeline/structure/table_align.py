"""Align the cells of a flattened table row with the header's columns, by what each cell reads as.

A table that reached the text as one cell per paragraph (or per line) loses its grid: rows may
lack a cell (a merged 牵头单位 printed only on the first row of its block, a header with a column
the rows do not fill), one cell may run over several paragraphs (three units, one per paragraph)
and one 序号 may hold two sub-rows. Takes the cells of one stretch (normally the cells from one
序号 to the next) and the header's column kinds, and returns rows: for each row, the cells that
fill each column.

The alignment maximises a score (dynamic programming over cells × columns): a cell scores by how
well it reads as its column's kind (a number in 序号, unit names in a unit column, a person's
name in a leader column, a date in 完成时限, free text in the task column); a column may be left
empty; a category cell (重点工作, merged, on the first row of its block) scores low, so it is
filled only when the row has a cell for it besides its task text; in paragraph layouts a unit
cell may take the next paragraph too (and will, after a paragraph ending in 、 or ，), and so may
a task cell (a text over several paragraphs, scored just above a sub-row, so a 具体目标 or category
cell after it keeps its column); a new sub-row (starting at the task column with a cell of free
text) costs DEFAULT_SUBROW_COST. Cells that read as nothing the columns accept make the
alignment fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline import vocab
from pipeline.assign.unit_vocab import looks_like_unit
from pipeline.assign.units import content_to_pieces
from pipeline.normalize import fold
from pipeline.structure.tables import is_empty_mark

NUMBER, TASK, IGNORE, LEADERS, DEADLINE = "number", "task", "ignore", "leaders", "deadline"
CATEGORY = "category"
UNIT_KINDS = frozenset({"lead", "responsible", "supporting"})

DEFAULT_SUBROW_COST = 2.0
STRONG, TEXT, WEAK, NEUTRAL, EXTEND = 3.0, 2.0, 1.0, 0.5, 1.0
# a task cell going on over the next paragraph: below an extra column's WEAK (a 具体目标 cell keeps
# its column) and a category's NEUTRAL, above a sub-row's TEXT - DEFAULT_SUBROW_COST (0)
EXTEND_TASK = 0.25
DEFAULT_MAX_UNIT_LENGTH = 25
DEFAULT_MAX_CATEGORY_LENGTH = 20  # a category cell (城市更新) is a short title, never a sentence
LIST_OPEN = regex.compile(r"[、，,；;]\s*$")
SENTENCE_END = regex.compile(r"[。;；!?！？]")


@dataclass(frozen=True, slots=True)
class Slot:
    """One cell of a flattened row with the text that decides its kind (lines joined)."""

    text: str


@cache
def patterns() -> dict[str, regex.Pattern[str]]:
    data = vocab.load("text_tables.json")
    return {k: regex.compile(v) for k, v in data.items() if not k.startswith("_") and not k.endswith("_note")}


def is_number(text: str) -> bool:
    """A 序号 cell: 7, 7., 7、, a Chinese numeral (七) or a group-item serial (1-2)."""
    return vocab.is_serial(fold(text).strip())


@cache
def reads_as_units(text: str) -> bool:
    key = fold(text).strip()
    if not key or len(key) > 200 or SENTENCE_END.search(key):  # a sentence is not a unit cell
        return False
    if "%" in key:
        return False
    pieces, remark = content_to_pieces(text)
    return (
        bool(pieces)
        and not remark
        and all(looks_like_unit(p.name) and len(p.name) <= DEFAULT_MAX_UNIT_LENGTH for p in pieces)
    )


def reads_as_person(text: str) -> bool:
    key = fold(text).strip()
    return bool(patterns()["person"].match(key)) and not reads_as_units(text)


def reads_as_deadline(text: str) -> bool:
    key = fold(text).replace(" ", "")
    return len(key) <= 20 and bool(patterns()["deadline_words"].search(key))


FIGURE = regex.compile(r"^[-+]?\d[\d,.]*\s*%?$")


def reads_as_figure(text: str) -> bool:
    """32000, 1,200, 98.5%: a number with nothing else (an amount, a rate, a count)."""
    return bool(FIGURE.match(fold(text).strip()))


def reads_as_category(text: str) -> bool:
    """城市更新: short, no sentence punctuation, not a number, units or a date. It scores below a
    task cell, so a short task text in a row without a category cell still goes to the task."""
    key = fold(text).strip()
    return (
        len(key) <= DEFAULT_MAX_CATEGORY_LENGTH
        and not SENTENCE_END.search(key)
        and not is_number(text)
        and not reads_as_units(text)
        and not reads_as_deadline(text)
    )


def reads_as_title(text: str) -> bool:
    """A category cell's text in a looser sense: a heading of the report (坚定不移推进产业转型升级,
    持续保障和改善民生, which has a deadline word in it), up to twice a short category's length, no
    sentence end, no number and no unit list."""
    key = fold(text).strip()
    return (
        0 < len(key) <= 2 * DEFAULT_MAX_CATEGORY_LENGTH
        and not SENTENCE_END.search(key)
        and not is_number(text)
        and not reads_as_units(text)
    )


def fit(text: str, kind: str) -> float | None:
    """How well `text` reads as a cell of a column of `kind`; None when it cannot be one."""
    if not text.strip() or is_empty_mark(text):  # /, —, 无: a cell left empty on purpose
        return 0.0
    if "/" in kind:  # 责任领导/责任单位: 刘洋/县水利局, or the second field alone
        first, second = kind.split("/")
        head, slash, rest = fold(text).partition("/")
        return fit(rest, second) if slash and fit(head, first) is not None else fit(text, second)
    if kind == NUMBER:
        return STRONG if is_number(text) else None
    if kind == CATEGORY:  # a long text may be a task-like first column (重点任务 | 具体目标)
        if reads_as_category(text):
            return WEAK
        if fit(text, TASK) == TEXT:
            return NEUTRAL
        return WEAK / 4 if reads_as_title(text) else None
    if is_number(text):
        return None if kind in UNIT_KINDS or kind == LEADERS else 0.0
    if kind == TASK:  # a figure (32000, 98.5%) is a value column's cell, never a task's text
        return WEAK / 4 if reads_as_units(text) or reads_as_deadline(text) or reads_as_figure(text) else TEXT
    if kind in UNIT_KINDS:
        return STRONG if reads_as_units(text) else None
    if kind == LEADERS:
        if reads_as_person(text):
            return STRONG
        return WEAK if len(fold(text).strip()) <= 12 else None
    if kind == DEADLINE:
        if reads_as_deadline(text):
            return STRONG
        return NEUTRAL if len(fold(text).strip()) <= 12 else None
    return WEAK  # a column that carries no assignment takes anything


def align(
    cells: list[str], kinds: list[str], extend: bool, subrows: bool
) -> list[dict[int, list[int]]] | None:
    """Rows of {column index: [cell indices]} covering every cell in order; None when impossible.

    `extend`: a unit cell may continue over the next cell (paragraph layouts, no cell borders).
    `subrows`: more cells than one row holds start a sub-row (a 序号 shared by two tasks).
    """
    n, m = len(cells), len(kinds)
    neg = float("-inf")
    # best[i][j][f]: score with i cells placed, next column j, f = last action placed a cell
    best = [[[neg, neg] for _ in range(m + 1)] for _ in range(n + 1)]
    back: dict[tuple[int, int, int], tuple[int, int, int, str]] = {}
    best[0][0][0] = 0.0
    task = kinds.index(TASK) if TASK in kinds else None

    def relax(src: tuple[int, int, int], dst: tuple[int, int, int], gain: float, how: str) -> None:
        value = best[src[0]][src[1]][src[2]] + gain
        if value > best[dst[0]][dst[1]][dst[2]] + 1e-9:
            best[dst[0]][dst[1]][dst[2]] = value
            back[dst] = (*src, how)

    for i in range(n + 1):
        for j in range(m):
            for f in (0, 1):
                if best[i][j][f] != neg:
                    relax((i, j, f), (i, j + 1, 0), 0.0, "skip")
        if i == n:
            break
        for j in range(m + 1):
            for f in (0, 1):
                if best[i][j][f] == neg:
                    continue
                if j < m and (gain := fit(cells[i], kinds[j])) is not None:
                    relax((i, j, f), (i + 1, j + 1, 1), gain, "place")
                if subrows and task is not None and j > 0 and fit(cells[i], TASK) == TEXT:
                    relax((i, j, f), (i + 1, task + 1, 1), TEXT - DEFAULT_SUBROW_COST, "row")
                after_units = kinds[j - 1] in UNIT_KINDS or kinds[j - 1].rpartition("/")[2] in UNIT_KINDS
                if extend and f and j > 0 and after_units and reads_as_units(cells[i]):
                    # a unit list ending in 、 or ， goes on in the next paragraph, over a new column
                    gain = EXTEND + STRONG if LIST_OPEN.search(cells[i - 1]) else EXTEND
                    relax((i, j, f), (i + 1, j, 1), gain, "extend")
                if extend and f and j > 0 and kinds[j - 1] == CATEGORY and reads_as_title(cells[i]):
                    # 坚持项目为王 / 壮大实体经济: one category cell over two paragraphs, scored below
                    # a second category column's cell
                    relax((i, j, f), (i + 1, j, 1), EXTEND_TASK, "extend")
                if extend and f and j > 0 and kinds[j - 1] == TASK and fit(cells[i], TASK) == TEXT:
                    relax((i, j, f), (i + 1, j, 1), EXTEND_TASK, "extend")
    end = max(((j, f) for j in range(m + 1) for f in (0, 1)), key=lambda jf: best[n][jf[0]][jf[1]])
    if best[n][end[0]][end[1]] == neg:
        return None
    return _trace(back, (n, *end), task)


def _trace(
    back: dict[tuple[int, int, int], tuple[int, int, int, str]], state: tuple[int, int, int], task: int | None
) -> list[dict[int, list[int]]]:
    steps: list[tuple[str, int, int]] = []
    while state in back:
        i, j, f, how = back[state]
        steps.append((how, i, j))
        state = (i, j, f)
    rows: list[dict[int, list[int]]] = [{}]
    for how, i, j in reversed(steps):
        if how == "row" and task is not None:
            rows.append({task: [i]})
        elif how == "place":
            rows[-1].setdefault(j, []).append(i)
        elif how == "extend":
            rows[-1].setdefault(j - 1, []).append(i)
    return [r for r in rows if r]
