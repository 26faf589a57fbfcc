"""The Excel reader: merged ranges as spans and continued cells, text around the table as lines,
hidden rows reported, hostile grids refused, a .xls read like a .xlsx. Seed parity is in
tests/test_parity_built.py."""

from __future__ import annotations

import builtins
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from pipeline import parse
from pipeline.document import Line, Table
from pipeline.errors import LimitError, UnsupportedFormatError
from pipeline.readers import read
from pipeline.readers.xlsx import cell_to_text, grid_to_rows
from tests import xlsx_builder as xb
from tests.conftest import SEED
from tests.helpers import task_view


@pytest.fixture(scope="module")
def seed() -> xb.Seed:
    return xb.seed_entries(SEED.read_text(encoding="utf-8"))


def test_merges_become_spans_and_continued_cells() -> None:
    grid = [["类别", "序号", "任务"], ["一、甲", 1.0, "做事"], ["", 2.0, "再做"], ["标题行", "", ""]]
    merges = [((1, 0), (2, 0)), ((3, 0), (3, 2))]
    rows = grid_to_rows(grid, merges, sheet=1)
    assert [(c.text, c.span, c.continued) for c in rows[1]] == [
        ("一、甲", 1, False),
        ("1", 1, False),
        ("做事", 1, False),
    ]
    assert [(c.text, c.span, c.continued) for c in rows[2]] == [
        ("", 1, True),
        ("2", 1, False),
        ("再做", 1, False),
    ]
    assert [(c.text, c.span) for c in rows[3]] == [("标题行", 3)]
    assert rows[2][0].loc.table == 1 and rows[2][0].loc.row == 3


def test_blank_rows_and_empty_edge_columns_are_dropped() -> None:
    grid = [
        ["", "", "", ""],
        ["", "序号", "任务", ""],
        ["", "", "", ""],
        ["", "1", "做事", ""],
        ["", "", "", ""],
    ]
    rows = grid_to_rows(grid, [], sheet=2)
    assert [[c.text for c in r] for r in rows] == [["序号", "任务"], ["1", "做事"]]
    assert [r[0].loc.row for r in rows] == [2, 4]


@pytest.mark.parametrize(
    ("value", "text"),
    [(12.0, "12"), (2.5, "2.5"), ("县发改委", "县发改委"), (None, ""), (True, "是")],
)
def test_cell_to_text(value: object, text: str) -> None:
    assert cell_to_text(value) == text


def test_cell_to_text_dates() -> None:
    import datetime as dt

    assert cell_to_text(dt.date(2021, 12, 31)) == "2021年12月31日"
    assert cell_to_text(dt.datetime(2021, 6, 30)) == "2021年6月30日"


def test_text_around_the_table_is_lines(seed: xb.Seed, tmp_path: Path) -> None:
    doc = read(xb.to_xlsx(seed, tmp_path / "s.xlsx"))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Line"] * len(seed.preamble) + ["Table"] + ["Line"] * len(seed.closing)
    first = doc.blocks[0]
    assert isinstance(first, Line) and first.text == "栾政〔2021〕2号" and first.loc.row == 1
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[0]] == ["序号", "工作任务", "牵头单位", "责任单位"]
    assert table.rows[1][0].span == 4  # 一、… merged over A:D


def test_category_column_merged_down(seed: xb.Seed, tmp_path: Path) -> None:
    """A 类别 cell merged over its rows heads them: the same numbers, texts and units as the text,
    each task's path the area heading written in the cell (this layout has no sub-areas), its
    一、 a marker as in the text, not part of the title."""
    result = parse(xb.to_xlsx(seed, tmp_path / "c.xlsx", layout="category"))
    want = task_view(parse(SEED))
    got = task_view(result)
    assert [g[:2] + g[3:] for g in got] == [w[:2] + w[3:] for w in want]
    assert [g[2] for g in got] == [w[2][:1] for w in want]
    areas = [e for e in seed.body if isinstance(e, str) and xb.AREA.match(e)]
    assert len({g[2] for g in got}) == len(areas)


def test_hidden_rows_are_read_and_reported(seed: xb.Seed, tmp_path: Path) -> None:
    path = xb.to_xlsx(seed, tmp_path / "h.xlsx", hidden_rows=(12, 14))
    doc = read(path)
    assert doc.metadata["hidden"] == "任务分解表: rows 12, 14"
    assert len(parse(path).tasks) == 50


def test_sparse_sheet_is_refused_before_loading(tmp_path: Path) -> None:
    """One cell in A1 and one in XFD1048576: calamine would allocate 550 GB and abort."""
    path = tmp_path / "far.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write(0, 0, "一、测试")
    sheet.write(1_048_575, 16_383, "z")
    book.close()
    with pytest.raises(LimitError, match=r"sheet 'Sheet1' has 1,048,576 rows.*--max-paragraphs"):
        read(path)


def test_missing_calamine_names_the_package(
    monkeypatch: pytest.MonkeyPatch, seed: xb.Seed, tmp_path: Path
) -> None:
    path = xb.to_xlsx(seed, tmp_path / "m.xlsx")
    real_import = builtins.__import__

    def no_calamine(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    with pytest.raises(UnsupportedFormatError, match="pip install python-calamine"):
        read(path)


def test_xls_reads_like_xlsx(seed: xb.Seed, tmp_path: Path) -> None:
    """A legacy .xls (BIFF8), written by LibreOffice Calc from the seed workbook."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: no .xls to test with")
    src = xb.to_xlsx(seed, tmp_path / "seed.xlsx")
    profile = (tmp_path / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls", "--outdir"]
    subprocess.run([*cmd, str(tmp_path), str(src)], capture_output=True, timeout=120, check=False)
    xls = tmp_path / "seed.xls"
    if not xls.exists():
        pytest.skip("LibreOffice could not write .xls here (is libreoffice-calc installed?)")
    result = parse(xls)
    assert result.source.format.value == "xls"
    assert task_view(result) == task_view(parse(SEED))
