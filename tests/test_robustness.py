"""No input crashes the pipeline: random notice-like texts parse, or fail with an input error.

Fragments of real notice structure (markers, labels, brackets, table words, pipes, dates) are
shuffled by hypothesis into texts no notice writer would produce; the only acceptable outcomes
are a validated result or `NoTasksError` (exit 6). A StageError or any other exception is a bug,
and so is a unit whose raw text is not in the input (spaces aside).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import parse
from pipeline.errors import NoTasksError

FRAGMENTS = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "3．",
    "（1）",
    "①",
    "第一条",
    "第1项",
    "▲",
    "1)",
    "牵头单位：",
    "责任单位:",
    "配合单位；",
    "责任领导：",
    "完成时限:",
    "【牵头单位】",
    "牵头：",
    "县发改委",
    "县财政局、",
    "各乡（镇）人民政府，",
    "等部门",
    "按职责分工负责",
    "（牵头）",
    "分别牵头",
    "列第一位的为牵头单位，下同",
    "（",
    "）",
    "(",
    ")",
    "[",
    "]",
    "〔",
    "〕",
    "《",
    "》",
    "。",
    "，",
    "序号",
    "工作任务",
    "责任单位",
    "| ",
    " |",
    "|---|",
    "\t",
    " ",
    "  ",
    "\n",
    "\n\n",
    "2023年3月5日",
    "2022121日",
    "发布日期:2023-01-02",
    "关于印发重点工作的通知",
    "【打印本页】",
    "推进项目建设",
    "X牵头，Y配合",
    "由县住建局会同县财政局负责",
    "6月底前完成",
    "12",
    "一",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60))
def test_random_notice_like_text_never_crashes(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "fuzz.txt"
    text = "".join(parts)
    if not text.strip():
        return
    path.write_text(text, encoding="utf-8")
    try:
        result = parse(path)
    except NoTasksError:
        return
    flat = "".join(text.split())
    for task in result.tasks:
        for unit in [*task.lead_units, *task.responsible_units, *task.supporting_units]:
            assert unit.name and unit.raw
            assert "".join(unit.raw.split()) in flat, f"unit {unit.raw!r} is not in the input"
