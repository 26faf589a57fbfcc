"""Record tables: one small label | value form per task (督办卡, 任务卡), in every layout a form takes.

Members of the class: one field per row (label | value); pairs side by side (编号 | 3 | 完成时限 |
D) with a value merged over the rest of its row; six cells in a row; labels with a colon (主办单位：);
a merged title row that is the form's number (任务一, 督办事项（三）, 第3项) or only a caption
(督办事项卡); several forms stacked in one table; a category field before the task (重点工作 |
具体任务); one field naming two (责任领导/责任单位). Non-members stay ordinary tables: a header over
rows, a header of labels over one row of values. Whole notices of the class, in .docx, .pdf and
.html, are in tests/genre (13xx-…-card-…)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import parse
from pipeline.document import Cell, Table
from pipeline.structure.record_tables import (
    record_to_rows,
    table_to_label_pairs,
    table_to_records,
    title_number,
)
from pipeline.structure.tables import Row, column_kind
from schemas.notice import Location

LOC = Location(line_start=1, line_end=1)
TEXT = "新建标准化厂房10万平方米。"


def _table(*rows: tuple[str | tuple[str, int], ...]) -> Table:
    def cell(c: str | tuple[str, int]) -> Cell:
        return Cell(c[0], LOC, c[1]) if isinstance(c, tuple) else Cell(c, LOC)

    return Table(tuple(tuple(cell(c) for c in r) for r in rows), LOC)


def _tasks(table: Table) -> list[tuple[str, int | None, str, list[tuple[str, str]], str | None]]:
    records = table_to_records(table)
    assert records is not None, "not read as a record table"
    out = []
    for record in records:
        caption, rows = record_to_rows(record)
        for r in rows:
            assert isinstance(r, Row)
            labels = [(c.kind, cell.text) for c, cell in r.cells]
            out.append((r.number, r.serial, r.text, labels, caption.text if caption else None))
    return out


FORMS = {
    "one field per row": _table(
        ("序号", "3"),
        ("工作任务", TEXT),
        ("牵头单位", "县工信局"),
        ("配合单位", "县财政局"),
        ("完成时限", "6月底"),
    ),
    "pairs side by side, values merged": _table(
        ("编号", "3", "完成时限", "6月底"),
        ("工作任务", (TEXT, 3)),
        ("牵头单位", "县工信局", "配合单位", "县财政局"),
    ),
    "six cells in a row": _table(
        ("序号", "3", "牵头单位", "县工信局", "完成时限", "6月底"),
        ("工作任务", (TEXT, 5)),
        ("配合单位", ("县财政局", 5)),
    ),
    "labels with a colon": _table(
        ("序号：", "3"),
        ("工作事项：", TEXT),
        ("主办单位：", "县工信局"),
        ("协办单位：", "县财政局"),
        ("完成时间：", "6月底"),
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_a_form_is_one_task_with_its_fields(name: str) -> None:
    [(number, serial, text, labels, caption)] = _tasks(FORMS[name])
    assert (number, serial, text, caption) == ("3", None, TEXT, None)
    assert ("lead", "县工信局") in labels and ("supporting", "县财政局") in labels
    assert ("deadline", "6月底") in labels


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("任务一", 1),
        ("任务十二", 12),
        ("督办事项（三）", 3),
        ("第3项", 3),
        ("督办卡 5", 5),
        ("任务（12）", 12),
    ],
)
def test_a_title_row_that_numbers_the_form(title: str, number: int) -> None:
    table = _table(((title, 2),), ("任务内容", TEXT), ("牵头单位", "县工信局"))
    [(marker, serial, text, _, caption)] = _tasks(table)
    assert (marker, serial, text, caption) == (title, number, TEXT, None)


@pytest.mark.parametrize("title", ["督办事项卡", "青禾县重点工作任务督办卡"])
def test_a_title_row_that_is_only_a_caption(title: str) -> None:
    table = _table(((title, 2),), ("编号", "4"), ("督办事项", TEXT), ("责任单位", "县工信局"))
    [(marker, serial, text, labels, caption)] = _tasks(table)
    assert (marker, serial, text, caption) == ("4", None, TEXT, title)
    assert labels == [("responsible", "县工信局")]


def test_forms_stacked_in_one_table_part_where_a_label_comes_again() -> None:
    table = _table(
        ("序号", "1"), ("工作任务", "甲任务。"), ("牵头单位", "县工信局"),
        ("序号", "2"), ("工作任务", "乙任务。"), ("牵头单位", "县财政局"),
    )  # fmt: skip
    assert [(n, t, labels) for n, _, t, labels, _ in _tasks(table)] == [
        ("1", "甲任务。", [("lead", "县工信局")]),
        ("2", "乙任务。", [("lead", "县财政局")]),
    ]


def test_a_task_field_before_the_task_is_its_category() -> None:
    table = _table(("编号", "2"), ("重点工作", "招商引资"), ("具体任务", TEXT), ("牵头单位", "县商务局"))
    records = table_to_records(table)
    assert records is not None
    _, [row] = record_to_rows(records[0])
    assert isinstance(row, Row) and row.text == TEXT
    assert row.category is not None and row.category.text == "招商引资"


def test_one_field_naming_two() -> None:
    table = _table(("任务序号", "7"), ("任务内容", TEXT), ("责任领导/责任单位", "张立新／县工信局"))
    [(_, _, _, labels, _)] = _tasks(table)
    assert labels == [("leaders", "张立新"), ("responsible", "县工信局")]


@pytest.mark.parametrize(
    "table",
    [
        _table(("序号", "工作任务", "牵头单位"), ("1", TEXT, "县工信局"), ("2", TEXT, "县财政局")),
        _table(("牵头单位", "配合单位", "完成时限"), ("县工信局", "县财政局", "6月底")),
        _table(("工作任务", "牵头单位"), (TEXT, "县工信局")),
        _table(("序号", "1"), ("牵头单位", "县工信局")),  # no task field: a task's own label table
        _table(("张立新", "县工信局"), ("王海涛", "县财政局")),  # names, not labels
        _table(("序号", "1", "工作任务"), (TEXT, "县工信局", "6月底")),  # odd cells
    ],
    ids=[
        "header over rows",
        "labels over one row",
        "task header over one row",
        "no task field",
        "names",
        "odd",
    ],
)
def test_other_tables_are_no_records(table: Table) -> None:
    assert table_to_records(table) is None


@pytest.mark.parametrize("title", ["督办事项卡", "一、产业发展", "任务", "3月底前完成"])
def test_titles_that_are_no_number(title: str) -> None:
    assert title_number(title) is None


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("督办事项", "task"),  # the last word names the column: a task, not a 督办 field
        ("督查内容", "task"),
        ("督导事项", "task"),
        ("工作进展", "extra"),
        ("任务完成情况", "extra"),
        ("全年目标", "extra"),  # the longer word wins where two end together
        ("工作目标", "task"),
        ("督办意见", "extra"),
    ],
)
def test_a_compound_column_name_is_what_its_last_word_names(header: str, kind: str) -> None:
    assert column_kind(header) == kind


def test_cards_in_a_word_file(tmp_path: Path) -> None:
    """The same forms built in Word: merged cells (gridSpan) and a merged title row."""
    import docx

    document = docx.Document()
    document.add_paragraph("某某县人民政府办公室关于印发重点工作督办卡的通知")
    document.add_paragraph("一、产业发展")
    for n, text, lead in ((1, "甲任务。", "县工信局"), (2, "乙任务。", "县农业农村局")):
        table = document.add_table(rows=3, cols=4)
        title = table.rows[0].cells[0].merge(table.rows[0].cells[3])
        title.text = f"任务{'一二'[n - 1]}"
        cells = table.rows[1].cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = "牵头单位", lead, "完成时限", "6月底"
        cells = table.rows[2].cells
        cells[0].text = "工作任务"
        cells[1].merge(cells[3]).text = text
    document.save(tmp_path / "cards.docx")
    tasks = parse(tmp_path / "cards.docx").tasks
    assert [
        (t.number, t.text, [u.name for u in t.lead_units], t.deadline and t.deadline.raw) for t in tasks
    ] == [
        (1, "甲任务。", ["县工信局"], "6月底"),
        (2, "乙任务。", ["县农业农村局"], "6月底"),
    ]
    assert all([p.title for p in t.path] == ["产业发展"] for t in tasks)


def _continued() -> Cell:
    return Cell("", LOC, 1, True)


def test_a_label_merged_down_over_two_rows_of_its_text() -> None:
    table = Table(
        (
            (Cell("序号", LOC), Cell("1", LOC)),
            (Cell("工作任务", LOC), Cell("加快园区基础设施建设，", LOC)),
            (_continued(), Cell("年内完成投资8亿元。", LOC)),
            (Cell("牵头单位", LOC), Cell("市发展和改革委员会", LOC)),
        ),
        LOC,
    )
    [(_, _, text, labels, _)] = _tasks(table)
    assert (text, labels) == ("加快园区基础设施建设，年内完成投资8亿元。", [("lead", "市发展和改革委员会")])


def test_a_role_group_label_over_sub_labels() -> None:
    table = Table(
        (
            (Cell("序号", LOC), Cell("1", LOC, 2)),
            (Cell("工作任务", LOC), Cell(TEXT, LOC, 2)),
            (Cell("责任单位", LOC), Cell("牵头", LOC), Cell("市发展和改革委员会", LOC)),
            (_continued(), Cell("配合", LOC), Cell("市财政局", LOC)),
        ),
        LOC,
    )
    [(_, _, _, labels, _)] = _tasks(table)
    assert labels == [("lead", "市发展和改革委员会"), ("supporting", "市财政局")]


def test_a_form_with_its_own_header_row_and_one_column_forms() -> None:
    headed = _table(("项  目", "内  容"), ("任务编号", "1"), ("工作目标", TEXT), ("牵头单位", "市财政局"))
    one_column = _table(("序号：1",), ("工作任务：" + TEXT,), ("牵头单位：市财政局",), ("完成时限：6月底",))
    for table in (headed, one_column):
        [(number, _, text, labels, _)] = _tasks(table)
        assert (number, text, labels[0]) == ("1", TEXT, ("lead", "市财政局"))


def test_a_header_row_over_data_rows_stays_a_table() -> None:
    assert table_to_records(_table(("项目", "内容"), ("1", TEXT), ("2", TEXT))) is None


def test_a_form_of_units_only_under_its_numbered_paragraph() -> None:
    """1.… then a form holding only its assignment (牵头单位 | X | 责任领导 | Y): the task's labels."""
    table = _table(
        ("牵头单位", "市发展和改革委员会", "责任领导", "陈国栋"),
        ("配合单位", ("市财政局", 3)),
    )
    assert table_to_records(table) is None
    pairs = table_to_label_pairs(table)
    assert pairs is not None
    assert [(a.text, v.text) for a, v in pairs] == [
        ("牵头单位", "市发展和改革委员会"),
        ("责任领导", "陈国栋"),
        ("配合单位", "市财政局"),
    ]
    assert table_to_label_pairs(FORMS["one field per row"]) is None  # a task field: a task's form


@pytest.mark.parametrize(
    ("header", "kind"), [("事项编号", "number"), ("项目序号", "number"), ("编号", "number")]
)
def test_a_serial_column_named_by_its_last_word(header: str, kind: str) -> None:
    assert column_kind(header) == kind


@pytest.mark.parametrize(("cell", "number"), [("第2项", 2), ("第十二号", 12), ("第 3 条", 3), ("01", 1)])
def test_a_serial_written_as_an_ordinal(cell: str, number: int) -> None:
    from pipeline.vocab import serial_number

    assert serial_number(cell) == number
