"""unit_evidence: a bare name gets the level prefix only where the notice writes the prefixed name."""

from __future__ import annotations

import pytest

from pipeline.runner import parse

HEAD = "关于印发重点工作任务分解的通知\n\n一、稳增长\n"


def _units(body: str) -> list[list[str]]:
    result = parse("t.txt", data=(HEAD + body).encode())
    return [[u.name for u in t.responsible_units] for t in result.tasks]


@pytest.mark.parametrize(
    ("lists", "expected_second"),
    [
        # 区财政局 is written in task 1: the 财政局 of task 2 (a later 区 unit keeps it as written
        # within its own list) is that body
        (("区财政局、区发改局", "区住建局、财政局、区水利局"), ["区住建局", "区财政局", "区水利局"]),
        # nowhere written as 区商务局: kept as written (省市场监管局、商务厅、省大数据中心, corpus 014)
        (("区财政局、区发改局", "区住建局、商务局、区水利局"), ["区住建局", "商务局", "区水利局"]),
        # a raw 市财政局 is evidence for 市, not for the 区 list
        (("市财政局、市发改委", "区住建局、财政局、区水利局"), ["区住建局", "财政局", "区水利局"]),
    ],
)
def test_a_bare_name_takes_the_prefix_the_notice_writes_for_it(
    lists: tuple[str, str], expected_second: list[str]
) -> None:
    body = "".join(f"{k}.甲乙丙事项{k}。（责任单位：{units}）\n" for k, units in enumerate(lists, start=1))
    got = _units(body)
    assert got[1] == expected_second


def test_the_raw_string_is_kept() -> None:
    body = "1.甲事项。（责任单位：区财政局）\n2.乙事项。（责任单位：区住建局、财政局、区水利局）\n"
    result = parse("t.txt", data=(HEAD + body).encode())
    unit = result.tasks[1].responsible_units[1]
    assert (unit.raw, unit.name) == ("财政局", "区财政局")
