"""Units a heading gives the tasks under it (structure/tasks.inherited_lists, prose.heading_lists).

The class: a group heading carrying its own label group (一、政务服务组（牵头单位：…；责任单位：…）),
a heading that is a unit's name (一、县发展和改革局（责任领导：李国华）) or says what a unit leads
(三、区教育体育局负责事项). Its tasks take the roles they name none of; a task's own 本项 lists
come first. A topic heading that only ends like a body (二、打造区域金融中心) names no unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import parse

HEAD = "某某区人民政府办公室关于印发2024年重点任务分解方案的通知\n某政办〔2024〕3号\n"


def _parse(tmp_path: Path, body: str) -> Any:
    path = tmp_path / "notice.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return parse(path)


def _roles(result: Any) -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    return [
        (
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.responsible_units],
            [u.name for u in t.supporting_units],
            [p.title for p in t.path],
        )
        for t in result.tasks
    ]


def test_group_label_group_goes_to_tasks_without_their_own(tmp_path: Path) -> None:
    body = (
        "一、政务服务组（牵头单位：区行政审批局；责任单位：区大数据中心）\n"
        "1-1 推行“高效办成一件事”。\n"
        "1-2 深化“一网通办”。\n"
        "牵头单位：区工信局；责任单位：区财政局\n"
        "二、要素保障组（牵头单位：区自然资源局）\n"
        "2-1 推行工业用地“标准地”出让。\n"
        "2-2 盘活存量土地1500亩。\n"
    )
    result = _parse(tmp_path, body)
    assert _roles(result) == [
        ("推行“高效办成一件事”。", ["区行政审批局"], ["区大数据中心"], [], ["政务服务组"]),
        ("深化“一网通办”。", ["区工信局"], ["区财政局"], [], ["政务服务组"]),
        ("推行工业用地“标准地”出让。", ["区自然资源局"], [], [], ["要素保障组"]),
        ("盘活存量土地1500亩。", ["区自然资源局"], [], [], ["要素保障组"]),
    ]
    assert [t.number for t in result.tasks] == [None] * 4  # 1-2 is no one integer, as 1.2


def test_unit_named_heading_leads_its_tasks(tmp_path: Path) -> None:
    body = (
        "一、县发展和改革局（责任领导：李国华）\n"
        "1．全年固定资产投资增长12%以上。\n"
        "2．加快推进高速公路前期工作。（配合单位：县交通运输局）\n"
        "二、区教育体育局负责事项\n"
        "1．新建幼儿园3所。\n"
    )
    result = _parse(tmp_path, body)
    assert _roles(result) == [
        ("全年固定资产投资增长12%以上。", ["县发展和改革局"], [], [], ["县发展和改革局"]),
        ("加快推进高速公路前期工作。", ["县发展和改革局"], [], ["县交通运输局"], ["县发展和改革局"]),
        ("新建幼儿园3所。", ["区教育体育局"], [], [], ["区教育体育局负责事项"]),
    ]
    assert [[p.raw for p in t.leaders] for t in result.tasks][:2] == [["李国华"], ["李国华"]]


def test_topic_heading_ending_like_a_body_names_no_unit(tmp_path: Path) -> None:
    body = (
        "一、打造区域金融中心\n"
        "1．新引进金融机构5家。（牵头单位：区金融办）\n"
        "2．推动企业上市。\n"
        "二、全面提升对外开放水平\n"
        "3．外贸进出口增长8%。（责任单位：区商务局）\n"
    )
    result = _parse(tmp_path, body)
    assert [(t.text, [u.name for u in t.lead_units]) for t in result.tasks] == [
        ("新引进金融机构5家。", ["区金融办"]),
        ("推动企业上市。", []),
        ("外贸进出口增长8%。", []),
    ]


def test_other_heading_forms_and_overrides(tmp_path: Path) -> None:
    body = (
        "一、区商务局（分管副区长：周敏）\n"
        "1—1 社会消费品零售总额增长7%。\n"
        "（1-2）新增限上商贸企业30家。\n"
        "本项牵头单位：区市场监管局\n"
        "二、由区交通运输局负责\n"
        "2-1 新开通城乡公交线路6条。\n"
        "三、政务服务组（牵头单位：区行政审批局）\n"
        "3—1 推行“高效办成一件事”。\n"
        "四、工作要求\n"
        "各单位要高度重视，按月报送进展。\n"
    )
    result = _parse(tmp_path, body)
    assert _roles(result) == [
        ("社会消费品零售总额增长7%。", ["区商务局"], [], [], ["区商务局"]),
        ("新增限上商贸企业30家。", ["区市场监管局"], [], [], ["区商务局"]),
        ("新开通城乡公交线路6条。", ["区交通运输局"], [], [], ["由区交通运输局负责"]),
        ("推行“高效办成一件事”。", ["区行政审批局"], [], [], ["政务服务组"]),
    ]  # 四、工作要求 heads the closing text: a heading that assigns units made 一、 no task style
    assert [p.raw for p in result.tasks[0].leaders] == ["周敏"]
