"""text_boxes: tables drawn with box characters or ASCII +---+ in a text, read as drawn."""

from __future__ import annotations

import pytest

from pipeline.runner import parse

BOX = """关于印发重点工作任务分解表的通知

┌──┬──────────┬──────────┬──────┐
│序号│重点任务            │责任单位（排在第一位│完成时限    │
│    │                    │的为牵头单位）      │            │
├──┴──────────┴──────────┴──────┤
│一、扩大有效投资                                            │
├──┬──────────┬──────────┬──────┤
│1   │完成老旧小区改造42  │区住建局、区城市更新│2025年12月底│
│    │个、城中村改造3个。 │事务中心、各街道办事│            │
│    │                    │处                  │            │
├──┼──────────┼──────────┼──────┤
│2   │全年实施区级重点项目│区发展改革局        │2025年11月底│
│    │110个。             │                    │            │
└──┴──────────┴──────────┴──────┘
"""

ASCII = """关于印发重点工作任务分解表的通知

+----+------------------+--------------------+------------+
| 序号 | 重点任务           | 责任单位             | 完成时限     |
+====+==================+====================+============+
| 一、扩大有效投资                                            |
+----+------------------+--------------------+------------+
| 1  | 完成老旧小区改造42 | 区住建局、区城市更新 | 2025年12月底 |
|    | 个、城中村改造3个。| 事务中心、各街道办事 |            |
|    |                  | 处                 |            |
+----+------------------+--------------------+------------+
| 2  | 全年实施区级重点项目 | 区发展改革局         | 2025年11月底 |
|    | 110个。            |                    |            |
"""


@pytest.mark.parametrize("text", [BOX, ASCII], ids=["box", "ascii"])
def test_a_drawn_table_is_read_as_drawn(text: str) -> None:
    """Rows between rules, each cell's wrapped pieces joined, a one-cell row a group row; the
    last row may lack its closing rule."""
    result = parse("t.txt", data=text.encode())
    got = [
        (t.number, t.text, [h.title for h in t.path], [u.name for u in t.lead_units + t.responsible_units])
        for t in result.tasks
    ]
    assert got == [
        (
            1,
            "完成老旧小区改造42个、城中村改造3个。",
            ["扩大有效投资"],
            ["区住建局", "区城市更新事务中心", "各街道办事处"],
        ),
        (2, "全年实施区级重点项目110个。", ["扩大有效投资"], ["区发展改革局"]),
    ]
    assert [t.deadline.raw if t.deadline else None for t in result.tasks] == ["2025年12月底", "2025年11月底"]


def test_the_first_listed_rule_in_the_drawn_header_holds() -> None:
    result = parse("t.txt", data=BOX.encode())
    assert [u.name for u in result.tasks[0].lead_units] == ["区住建局"]
    assert [c.code for c in result.notice.conventions] == ["lead-by-position"]


def test_a_rule_line_alone_is_no_table() -> None:
    from pipeline.document import Line
    from pipeline.structure.text_boxes import lines_to_tables
    from schemas.notice import Location

    blocks = [Line(t, Location(line_start=k)) for k, t in enumerate(["甲", "────────", "乙"], start=1)]
    assert lines_to_tables(list(blocks)) == blocks
