"""Tables set in character columns in a .txt, cells wrapped inside their columns (text_columns).

Members: wrapped task and unit cells under a one-line header, a group row (二、…) between rows,
blank lines between rows or none, a leader column; negatives: running text with double spaces,
and rows of one line each (the text_tables line layout reads those)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline import parse

HEAD = "某某县人民政府办公室关于印发重点工作任务督办清单的通知\n某政办发〔2025〕6号\n\n"
WIDTHS = (6, 40, 12, 24, 22, 12)  # display columns of each cell (a wide character takes two)
ROWS: list[tuple[str, ...]] = [
    ("序号", "工作任务", "分管县领导", "牵头单位", "责任单位", "完成时限"),
    ("一、产业发展",),
    (
        "1",
        "新建标准化厂房20万平方米，引进茶叶精深",
        "杨柏林",
        "县工业和信息化局",
        "县投资促进局、",
        "2025年12月底",
    ),
    ("", "加工企业5家以上。", "", "", "县自然资源局", ""),
    ("{gap}",),
    (
        "2",
        "推进经济开发区扩区调规，完成开发区总",
        "杨柏林",
        "县经济开发区管委会",
        "县自然资源局",
        "2025年9月底",
    ),
    ("", "体规划修编。"),
    ("{gap}",),
    ("二、城乡建设",),
    ("3", "实施城区雨污分流改造工程。", "吴德勇", "县住房和城乡建设局", "县水务局、县财政局", "2025年11月底"),
]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(gap: str) -> str:
    """The rows set in character columns, as a fixed-width editor or a PDF's layout text has them."""
    lines = []
    for row in ROWS:
        if row == ("{gap}",):
            lines += [""] if gap else []
            continue
        line = "".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, WIDTHS, strict=False))
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def _view(result: Any) -> list[tuple[int | None, str, list[str], list[str], list[str]]]:
    return [
        (
            t.number,
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.responsible_units],
            [p.title for p in t.path],
        )
        for t in result.tasks
    ]


@pytest.mark.parametrize("gap", ["", "\n"], ids=["rows-adjacent", "blank-lines"])
def test_wrapped_cells_in_character_columns(tmp_path: Path, gap: str) -> None:
    path = tmp_path / "n.txt"
    path.write_text(HEAD + _table(gap), encoding="utf-8")
    result = parse(path)
    assert _view(result) == [
        (
            1,
            "新建标准化厂房20万平方米，引进茶叶精深加工企业5家以上。",
            ["县工业和信息化局"],
            ["县投资促进局", "县自然资源局"],
            ["产业发展"],
        ),
        (
            2,
            "推进经济开发区扩区调规，完成开发区总体规划修编。",
            ["县经济开发区管委会"],
            ["县自然资源局"],
            ["产业发展"],
        ),
        (3, "实施城区雨污分流改造工程。", ["县住房和城乡建设局"], ["县水务局", "县财政局"], ["城乡建设"]),
    ]
    assert [[p.raw for p in t.leaders] for t in result.tasks] == [["杨柏林"], ["杨柏林"], ["吴德勇"]]


def test_running_text_with_double_spaces_is_no_table(tmp_path: Path) -> None:
    body = (
        "一、推进高标准农田建设  新建高标准农田2万亩。\n"
        "牵头单位：县农业农村局      责任单位：县财政局\n"
        "二、实施城区老旧小区改造  完成改造小区12个。\n"
        "牵头单位：县住建局      责任单位：各乡镇人民政府\n"
        "                                  某某县人民政府\n"
        "                                  2025年3月1日\n"
    )
    path = tmp_path / "n.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    assert [(t.number, [u.name for u in t.lead_units]) for t in parse(path).tasks] == [
        (1, ["县农业农村局"]),
        (2, ["县住建局"]),
    ]
