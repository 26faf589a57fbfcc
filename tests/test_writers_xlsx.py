"""The Excel ledger (pipeline/writers/xlsx.py), read back with openpyxl: sheets, headers, one row
per task, unit cells, frozen panes, print settings; the seed's cell values against their golden."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.runner import parse
from pipeline.writers import ledger, writer
from schemas.notice import ParseResult, Reporting
from scripts.make_golden import GOLDEN, result_to_workbook_golden
from tests.conftest import FIXTURES, ROOT, SEED, needs_fixtures

openpyxl = pytest.importorskip("openpyxl")

SHEETS = ["任务分解表", "单位责任清单", "进展填报", "说明"]
TASK_HEADERS = [
    "序号",
    "领域",
    "子领域",
    "工作任务",
    "牵头单位",
    "责任单位",
    "配合单位",
    "责任领导",
    "完成时限",
]


@cache
def seed() -> ParseResult:
    return parse(SEED)


def write_book(result: ParseResult, folder: Path, stem: str = "seed") -> Any:
    writer("xlsx").write(result, folder / stem)
    return openpyxl.load_workbook(folder / f"{stem}.xlsx")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return write_book(seed(), tmp_path_factory.mktemp("xlsx"))


def rows(ws: Any, start: int = 1) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(min_row=start, values_only=True)]


def test_sheet_names(book: Any) -> None:
    assert book.sheetnames == SHEETS


def test_task_sheet_one_row_per_task(book: Any) -> None:
    ws = book["任务分解表"]
    header, *body = rows(ws)
    assert header == [*TASK_HEADERS, "来源"]
    assert len(body) == 50
    assert [r[0] for r in body] == list(range(1, 51))
    result = seed()
    for row, task in zip(body, result.tasks, strict=True):
        assert row[3] == task.text
        assert (row[4] or "") == "、".join(u.name for u in task.lead_units)
        assert (row[5] or "") == "、".join(u.name for u in task.responsible_units)
    row28 = body[27]
    assert row28[5] == "城关镇人民政府、栾川乡人民政府"
    assert row28[2] == "（二十）统筹推进城市有机更新"
    assert body[0][9] == "第18–22行"


def test_frozen_filtered_printable(book: Any) -> None:
    for name in SHEETS:
        ws = book[name]
        header_row = 2 if name == "进展填报" else 1
        assert ws.freeze_panes == f"A{header_row + 1}", name
        assert ws.print_title_rows == f"$1:${header_row}", name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.paperSize == 9, name  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToHeight == 0, name  # one page wide, as many tall as needed
        assert ws.page_setup.fitToWidth in (None, 1), name
        assert ws.cell(header_row, 1).font.bold, name
    assert book["任务分解表"].auto_filter.ref == "A1:J51"
    assert book["单位责任清单"].auto_filter.ref is not None


def test_widths_fit_chinese_text_and_cells_wrap(book: Any) -> None:
    ws = book["任务分解表"]
    width = {
        ws.cell(1, c).value: ws.column_dimensions[ws.cell(1, c).column_letter].width for c in range(1, 11)
    }
    assert width["工作任务"] > width["牵头单位"] > width["序号"]
    assert width["序号"] <= 8
    assert ws.cell(2, 4).alignment.wrap_text


def listed_numbers(cell: str | None) -> list[int]:
    """序号 of a task-list cell: `1 text` lines, or `1、2、3` when the list is long."""
    if not cell:
        return []
    if "\n" not in cell and " " not in cell:
        return [int(n) for n in cell.split("、")]
    return [int(line.split(" ", 1)[0]) for line in cell.split("\n")]


def test_unit_sheet_lists_exactly_the_json_tasks(book: Any) -> None:
    header, *body = rows(book["单位责任清单"])
    assert header[:5] == ["序号", "单位", "原文", "类别", "牵头任务数"]
    by_unit = {r[2]: r for r in body}  # 原文: the name as written; 单位: the canonical name where derived
    result = seed()
    names = {u.name for t in result.tasks for _, attr in ledger.ROLE_FIELDS for u in getattr(t, attr)}
    assert set(by_unit) == names
    for unit, row in by_unit.items():
        listed = [n for cell in (row[5], row[7]) for n in listed_numbers(cell)]
        expected = [seq for seq, t in enumerate(result.tasks, 1) if unit in ledger.task_units(t)]
        assert sorted(listed) == expected, unit
        assert row[4] + row[6] == row[8] == len(expected), unit
    fgw = by_unit["县发改委"]
    assert fgw[1] == "栾川县发展和改革委员会" and fgw[3] == "政府部门"
    assert (fgw[4], fgw[6], fgw[8]) == (8, 2, 10)
    assert fgw[5].split("\n")[0].startswith("1 瞄准定位")
    towns = by_unit["各乡（镇）人民政府"]
    assert towns[3] == "统称" and towns[7].startswith("1、3、4、6、")  # 38 tasks: 序号 only
    assert by_unit["铁塔公司"][1] == "铁塔公司"  # no canonical name: the written one stands


def test_progress_sheet_due_dates(book: Any) -> None:
    note, header, *body = rows(book["进展填报"])
    assert "每季度末月30日前" in note[0] and "2021" in note[0]
    dates = [h for h in header if h and "前" in h and "20" in h]
    assert [d.split("\n")[1] for d in dates] == [
        "2021-03-30前",
        "2021-06-30前",
        "2021-09-30前",
        "2021-12-30前",
        "2021-12-31前",
    ]
    assert dates[-1].startswith("全年")  # 年底前报告全年落实情况
    assert header[-3:] == ["完成情况", "存在问题", "下步计划"]
    assert len(body) == 50 and all(r[-8:] == [None] * 8 for r in body)


def test_without_a_rule_quarter_ends_and_a_note(tmp_path: Path) -> None:
    result = seed().model_copy(deep=True)
    result.notice.reporting = Reporting(raw="各单位要认真落实。")
    note, header, *_ = rows(write_book(result, tmp_path)["进展填报"])
    assert "未写明报送时间" in note[0]
    assert [h.split("\n")[1] for h in header if h and "前" in h] == [
        "2021-03-31前",
        "2021-06-30前",
        "2021-09-30前",
        "2021-12-31前",
    ]


def test_info_sheet(book: Any) -> None:
    info = {r[0]: r[1] for r in rows(book["说明"], 2)}
    assert info["发文字号"] == "栾政〔2021〕2号"
    assert info["SHA-256"] == seed().source.sha256
    assert info["发文机关"] == "栾川县人民政府"
    assert info["成文日期"].startswith("2021-03-25")
    assert info["生成工具"].startswith("notice-parse ")
    assert info["诊断"] == f"{len(seed().diagnostics)} 条"  # info only: units without a canonical name
    assert {d.severity.value for d in seed().diagnostics} == {"info"}


def test_extra_columns_markers_and_formula_like_text(tmp_path: Path) -> None:
    result = seed().model_copy(deep=True)
    result.tasks[0].extra = {"当前进度": "已完成", "备注": "甲"}
    result.tasks[3].extra = {"目标": "=SUM(A1:A2)", "备注": "乙"}
    result.tasks[1].number = 7  # the notice's own numbers no longer run with 序号
    result.tasks[1].text = "=1+1 不是公式"
    header, *body = rows(write_book(result, tmp_path)["任务分解表"])
    assert header[1] == "原编号"
    assert header[-4:] == ["当前进度", "备注", "目标", "来源"]
    assert body[0][-4:-1] == ["已完成", "甲", None]
    assert body[3][-4:-1] == [None, "乙", "=SUM(A1:A2)"]
    assert body[1][4] == "=1+1 不是公式"


def test_diagnostics_are_listed(tmp_path: Path) -> None:
    text = "一、总体\n1.第一项任务。\n牵头单位：县发改委\n3.第三项任务。\n牵头单位：县财政局\n"
    (tmp_path / "gap.txt").write_text(text, encoding="utf-8")
    info = rows(write_book(parse(tmp_path / "gap.txt"), tmp_path, "gap")["说明"])
    lines = [r[1] for r in info if r[0] and r[0].startswith("诊断 ")]
    assert lines and any("numbering-gap" in line and "行" in line for line in lines)


@needs_fixtures
def test_table_layout_docx_names_table_rows(tmp_path: Path) -> None:
    result = parse(FIXTURES / "luanzheng-2021-2.table.docx")
    header, *body = rows(write_book(result, tmp_path)["任务分解表"])
    assert len(body) == 50 and header[-1] == "来源"
    assert all(str(r[-1]).startswith("表") and "行" in str(r[-1]) for r in body)


def test_seed_workbook_matches_its_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rel = SEED.relative_to(ROOT)
    golden = GOLDEN / f"{rel.name}.xlsx.json"
    assert golden.exists(), f"{golden} is missing: run `make golden`, read the result, commit it"
    actual = result_to_workbook_golden(parse(rel))
    expected = golden.read_text(encoding="utf-8")
    diff = "\n".join(
        list(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), golden.name, "actual", lineterm=""
            )
        )[:40]
    )
    assert actual == expected, f"the seed's workbook differs from its golden:\n{diff}"


def test_a_table_docx_with_extra_columns_keeps_them_in_the_ledger(tmp_path: Path) -> None:
    """A real Word table with columns that are neither text nor units (当前进度, 联系电话, 备注):
    the parser keeps them in Task.extra and the ledger gives each its own column."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发2024年民生实事项目推进表的通知")
    rows_ = [
        ("序号", "项目内容", "当前进度", "牵头单位", "联系电话", "备注"),
        ("1", "新建公办幼儿园5所。", "80%", "县教育局", "0379-1234567", "市民生实事"),
        ("2", "建设农村公路55公里。", "95%", "县交通局", "0379-7654321", "县民生实事"),
    ]
    table = document.add_table(rows=len(rows_), cols=len(rows_[0]))
    for r, values in enumerate(rows_):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "progress.docx"
    document.save(str(path))
    result = parse(path)
    assert [t.extra for t in result.tasks] == [
        {"当前进度": "80%", "联系电话": "0379-1234567", "备注": "市民生实事"},
        {"当前进度": "95%", "联系电话": "0379-7654321", "备注": "县民生实事"},
    ]
    header, *body = rows(write_book(result, tmp_path)["任务分解表"])
    for name in ("当前进度", "联系电话", "备注"):
        assert name in header
        assert [r[header.index(name)] for r in body] == [t.extra[name] for t in result.tasks]
