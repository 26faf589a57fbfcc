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


@pytest.mark.parametrize(
    ("issuer", "listed", "names"),
    [
        ("澄州市人民政府办公室", "市交通运输局、澄州海事局", ["市交通运输局", "澄州海事局"]),
        ("江岭省人民政府办公厅", "省教育厅、共青团江岭省委", ["省教育厅", "共青团江岭省委"]),
        ("澄州市人民政府办公室", "市交通运输局、港航局", ["市交通运输局", "市港航局"]),  # no place: restored
    ],
)
def test_a_name_that_writes_the_notices_own_place_takes_no_prefix(
    issuer: str, listed: str, names: list[str]
) -> None:
    text = f"{issuer}\n关于印发重点工作任务分解的通知\n\n一、稳增长\n1.甲事。（责任单位：{listed}）\n"
    result = parse("t.txt", data=text.encode())
    assert [u.name for u in result.tasks[0].responsible_units] == names


def test_ditto_takes_the_units_of_the_task_above() -> None:
    body = (
        "1.甲事。\n牵头单位：区发改局\n责任单位：区财政局、区统计局\n"
        "2.乙事。\n牵头单位：同上\n责任单位：区住建局\n"
        "3.丙事。\n牵头单位：同上\n责任单位：同上\n"
    )
    result = parse("t.txt", data=(HEAD + body).encode())
    got = [([u.name for u in t.lead_units], [u.name for u in t.responsible_units]) for t in result.tasks]
    assert got == [
        (["区发改局"], ["区财政局", "区统计局"]),
        (["区发改局"], ["区住建局"]),
        (["区发改局"], ["区住建局"]),
    ]
    assert [u.raw for u in result.tasks[2].lead_units] == ["同上"]  # as written, beside the name


def _roles(body: str) -> list[tuple[list[str], list[str]]]:
    result = parse("t.txt", data=(HEAD + body).encode())
    return [([u.name for u in t.lead_units], [u.name for u in t.supporting_units]) for t in result.tasks]


@pytest.mark.parametrize(
    ("line", "lead", "supporting"),
    [
        # one sentence names the lead with its level and the others without: the prefix was left out
        (
            "市住房和城乡建设局牵头，自然资源局、城市管理局配合。",
            ["市住房和城乡建设局"],
            ["市自然资源局", "市城市管理局"],
        ),
        ("（市城市管理局牵头，财政局、交通运输局配合）", ["市城市管理局"], ["市财政局", "市交通运输局"]),
        ("由县农业农村局负责，财政局配合。", ["县农业农村局"], ["县财政局"]),
        ("（牵头单位：区发改委；配合单位：财政局、商务局）", ["区发改委"], ["区财政局", "区商务局"]),
        # not a bare department: kept
        ("市住房和城乡建设局牵头，各区县人民政府配合。", ["市住房和城乡建设局"], ["各区县人民政府"]),
        # the other list writes its own level: each list as written
        (
            "市住房和城乡建设局牵头，财政局、省交通运输厅配合。",
            ["市住房和城乡建设局"],
            ["财政局", "省交通运输厅"],
        ),
    ],
)
def test_a_prefix_left_out_after_the_first_unit_of_one_sentence(
    line: str, lead: list[str], supporting: list[str]
) -> None:
    assert _roles(f"1.新建城市道路12公里。{line}\n") == [(lead, supporting)]


def test_label_lines_apart_are_lists_apart() -> None:
    """Separate label lines are separate fields: a bare name there needs the written evidence."""
    body = "1.新建城市道路12公里。\n牵头单位：市城市管理局\n配合单位：财政局\n"
    assert _roles(body) == [(["市城市管理局"], ["财政局"])]
