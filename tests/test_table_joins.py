"""A task table its writer split in two is read as one: rows 8–13 of a split table are tasks."""

from __future__ import annotations

import pytest

from pipeline.document import Cell, Table
from pipeline.normalize import Para, fold
from pipeline.structure.outline import paras_to_outline
from pipeline.structure.table_joins import blocks_to_joined_tables
from schemas.notice import Location

HEADER = ("序号", "工作任务", "牵头单位", "完成时限")


def _table(*rows: tuple[str, ...], bbox: tuple[float, float, float, float] | None = None) -> Table:
    loc = Location(table=1, row=1)
    return Table(tuple(tuple(Cell(t, loc) for t in row) for row in rows), Location(table=1, bbox=bbox))


def _row(n: int) -> tuple[str, ...]:
    return (str(n), f"完成第{n}项工作。", "市发改委", "2023年12月底前")


def _numbers(blocks: list[Table | Para]) -> list[int | None]:
    return [it.number for it in paras_to_outline(blocks).items]


@pytest.mark.parametrize(
    "second",
    [
        _table(_row(3), _row(4)),  # no header of its own
        _table(HEADER, _row(3), _row(4)),  # the header typed again
        _table(("序 号", "工作任务", "牵头单位", "完成时限"), _row(3), _row(4)),  # again, spaced
    ],
)
def test_a_split_tables_second_part_continues_the_first(second: Table) -> None:
    blocks = blocks_to_joined_tables([_table(HEADER, _row(1), _row(2)), second])
    assert len(blocks) == 1
    assert _numbers(blocks) == [1, 2, 3, 4]


def test_parts_set_side_by_side_in_a_pdf_are_one_when_their_edges_agree() -> None:
    first = _table(HEADER, _row(1), bbox=(70.0, 100.0, 770.0, 500.0))
    assert len(blocks_to_joined_tables([first, _table(_row(2), bbox=(71.0, 60.0, 771.0, 300.0))])) == 1
    assert len(blocks_to_joined_tables([first, _table(_row(2), bbox=(300.0, 60.0, 500.0, 300.0))])) == 2


@pytest.mark.parametrize(
    "then",
    [
        _table(
            ("序号", "单位", "姓名", "联系电话"), ("1", "市发改委", "黄志远", "13907361258")
        ),  # another table
        _table(
            ("1", "市发改委", "黄志远"),
        ),  # other columns
    ],
)
def test_other_tables_stay_apart(then: Table) -> None:
    assert len(blocks_to_joined_tables([_table(HEADER, _row(1)), then])) == 2


def test_a_paragraph_between_keeps_them_apart() -> None:
    """附件2 and its title between: another table, though as wide."""
    title = Para("附件2", fold("附件2"), Location(line_start=1))
    blocks = blocks_to_joined_tables([_table(HEADER, _row(1)), title, _table(_row(2))])
    assert len(blocks) == 3


def test_a_first_part_without_a_header_takes_nothing() -> None:
    assert len(blocks_to_joined_tables([_table(_row(1)), _table(_row(2))])) == 2
