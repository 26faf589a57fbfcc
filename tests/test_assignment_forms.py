"""Assignment forms around a task's text, each with other members of its class:

- prose that opens the task and ends at a colon (X牵头，Y配合：…, X负责：…, X、Y分别负责：…);
- a prose sentence after the text introduced by a dash (。——X牵头，Y参与。 or 。—X负责。);
- label groups split by a bar (【牵头：X｜配合：Y】, [牵头:X|配合:Y]);
- where every item is one paragraph, the paragraph after the last item of a section or of the
  notice closes it and is no part of that task (item_ends), unless the item stops mid-sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline import parse
from pipeline.assign.assignments import trailing_labels
from schemas.notice import Location

HEAD = "某某市人民政府关于重点工作的分工意见\n某政发〔2022〕4号\n一、稳住经济基本盘\n"


def _tasks(tmp_path: Path, body: str) -> list[tuple[str, list[str], list[str], list[str]]]:
    path = tmp_path / "notice.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    result: Any = parse(path)
    return [
        (
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.responsible_units],
            [u.name for u in t.supporting_units],
        )
        for t in result.tasks
    ]


@pytest.mark.parametrize(
    ("line", "task"),
    [
        (
            "（1）市发展改革委牵头，市统计局配合：全市地区生产总值增长7.5%左右。",
            ("全市地区生产总值增长7.5%左右。", ["市发展改革委"], [], ["市统计局"]),
        ),
        ("（1）市民政局负责：提高城乡低保标准。", ("提高城乡低保标准。", ["市民政局"], [], [])),
        (
            "（1）市教育局、市卫生健康委分别负责:新建中小学15所。",
            ("新建中小学15所。", ["市教育局", "市卫生健康委"], [], []),
        ),
        ("（1）加强组织领导：各单位要压实责任。", ("加强组织领导：各单位要压实责任。", [], [], [])),
        (
            "（1）规模以上工业增加值增长8%。——区经信局牵头，区科技局参与。",
            ("规模以上工业增加值增长8%。", ["区经信局"], [], ["区科技局"]),
        ),
        ("（1）创建4A级旅游景区1个。—区文旅局负责。", ("创建4A级旅游景区1个。", ["区文旅局"], [], [])),
        (
            "（1）【牵头：区发展改革委｜配合：区财政局、区自然资源分局】实施重点项目120个。",
            ("实施重点项目120个。", ["区发展改革委"], [], ["区财政局", "区自然资源分局"]),
        ),
        (
            "（1）[牵头:区住建局|配合:区城管局]推进城市更新。",
            ("推进城市更新。", ["区住建局"], [], ["区城管局"]),
        ),
    ],
)
def test_assignment_around_the_text(
    tmp_path: Path, line: str, task: tuple[str, list[str], list[str], list[str]]
) -> None:
    assert _tasks(tmp_path, line + "\n") == [task]


ITEMS = (
    "（1）市发展改革委牵头：全市地区生产总值增长7.5%左右。\n"
    "（2）市工业和信息化局负责：新增规模以上工业企业60户。\n"
    "（3）市财政局牵头，市税务局配合：一般公共预算收入增长6%。\n"
)


def test_closing_paragraphs_after_one_paragraph_items(tmp_path: Path) -> None:
    body = (
        ITEMS
        + "各承办单位要于每季度末5日前将工作进展报市政府督查室。\n"
        + "二、加快城市更新\n（4）市住建局负责：改造老旧小区86个。\n（5）市城管局负责：新建公厕40座。\n"
        + "（6）市交通运输局负责：新增公交线路6条。\n请各单位认真抓好落实。\n"
    )
    texts = [t[0] for t in _tasks(tmp_path, body)]
    assert texts == [
        "全市地区生产总值增长7.5%左右。",
        "新增规模以上工业企业60户。",
        "一般公共预算收入增长6%。",
        "改造老旧小区86个。",
        "新建公厕40座。",
        "新增公交线路6条。",
    ]


def test_a_last_item_that_stops_mid_sentence_goes_on(tmp_path: Path) -> None:
    body = ITEMS + "（4）市市场监管局负责：企业开办全流程压缩至1个工作日以内，实现\n“零成本”开办。\n"
    assert _tasks(tmp_path, body)[-1][0] == "企业开办全流程压缩至1个工作日以内，实现“零成本”开办。"


@pytest.mark.parametrize("field", ["工作事项", "重点任务", "具体内容"])
def test_record_cards_numbered_by_a_serial_field(tmp_path: Path, field: str) -> None:
    """序号：N alone on its line opens a task whose text is a field (工作事项：…), possibly wrapped."""
    cards = (
        f"序号：1\n{field}：新建城区公办幼儿园6所。\n主办单位：市教育局\n协办单位：市财政局\n完成时限：2020年9月\n"
        "────────────\n"
        f"序号：2\n{field}：完成市第十二中学新校区主体工程建设，同步推进配套道路和管网\n建设。\n"
        "主办单位：市教育局\n责任领导：副市长 孙志刚\n"
    )
    assert _tasks(tmp_path, cards) == [
        ("新建城区公办幼儿园6所。", ["市教育局"], [], ["市财政局"]),
        ("完成市第十二中学新校区主体工程建设，同步推进配套道路和管网建设。", ["市教育局"], [], []),
    ]


@pytest.mark.parametrize(
    ("lines", "task"),
    [
        (
            "（1）市交通运输局为牵头单位：新开通城乡公交线路6条。\n",
            ("新开通城乡公交线路6条。", ["市交通运输局"], [], []),
        ),
        (
            "（1）新建城市公园2个。——责任单位：市城管局、市住建局\n",
            ("新建城市公园2个。", [], ["市城管局", "市住建局"], []),
        ),
        ("（1）新建城市公园2个。──市城管局牵头。\n", ("新建城市公园2个。", ["市城管局"], [], [])),
        (
            "（1）完成老旧小区改造12个。\n——市住建局负责，市财政局配合。\n",
            ("完成老旧小区改造12个。", ["市住建局"], [], ["市财政局"]),
        ),
    ],
)
def test_more_assignment_forms(
    tmp_path: Path, lines: str, task: tuple[str, list[str], list[str], list[str]]
) -> None:
    assert _tasks(tmp_path, lines) == [task]


@pytest.mark.parametrize(
    ("after", "roles"),
    [
        ("—区民政局牵头，区财政局参与。", (["区民政局"], [], ["区财政局"])),
        ("本项分工：由区商务局牵头，区发改委配合。", (["区商务局"], [], ["区发改委"])),
        ("本项分工：牵头单位：区住建局；责任单位：区水务集团", (["区住建局"], ["区水务集团"], [])),
        ("工作要求：各单位要压实责任。", ([], [], [])),  # a caption over prose that names no unit
    ],
)
def test_a_paragraph_after_the_task_that_only_assigns_it(
    tmp_path: Path, after: str, roles: tuple[list[str], list[str], list[str]]
) -> None:
    got = _tasks(tmp_path, f"（1）为全区老年人购买意外伤害保险。\n{after}\n（2）新建养老服务中心2个。\n")
    assert got[0][1:] == roles
    if any(roles):
        assert got[0][0] == "为全区老年人购买意外伤害保险。"


def test_a_label_list_going_on_at_a_line_that_opens_with_a_separator(tmp_path: Path) -> None:
    body = "（1）设立应急转贷资金2亿元。\n牵头部门：市金融局　配合部门：市财政局\n、市税务局、市人社局\n"
    assert _tasks(tmp_path, body) == [
        ("设立应急转贷资金2亿元。", ["市金融局"], [], ["市财政局", "市税务局", "市人社局"])
    ]


@pytest.mark.parametrize(
    ("last", "text", "lead"),
    [
        ("（2）新建城市道路12公里。市城管局牵头，市交通运输局配合。", "新建城市道路12公里。", ["市城管局"]),
        ("（2）新建城市道路12公里。（牵头单位：市城管局）", "新建城市道路12公里。", ["市城管局"]),
        ("（2）新建城市道路12公里。责任单位：市城管局。", "新建城市道路12公里。", []),
        # two paragraphs of text, the assignment closing the second: both are the task
        (
            "（2）新建城市道路12公里。\n同步建设配套管网。（牵头单位：市城管局）",
            "新建城市道路12公里。同步建设配套管网。",
            ["市城管局"],
        ),
    ],
)
def test_paragraphs_after_the_task_that_closed_with_its_assignment(
    tmp_path: Path, last: str, text: str, lead: list[str]
) -> None:
    """An item with label lines above makes the items no one-paragraph set (item_ends does not
    apply): the closing paragraph and a page footer after the last task are still no part of it."""
    body = (
        "（1）改造老旧小区86个。\n牵头单位：市住建局\n"
        + last
        + "\n各牵头单位要切实履行牵头责任，每季度末报送进展。\n澧阳市人民政府办公室　联系我们　网站地图\n"
    )
    got = _tasks(tmp_path, body)[-1]
    assert got[0] == text and (got[1] or got[2]) == (lead or ["市城管局"])


def test_a_task_without_any_assignment_keeps_its_paragraphs(tmp_path: Path) -> None:
    body = "（1）改造老旧小区86个。\n牵头单位：市住建局\n（2）新建城市道路12公里。\n同步建设配套管网。\n"
    assert _tasks(tmp_path, body)[-1][0] == "新建城市道路12公里。同步建设配套管网。"


@pytest.mark.parametrize(
    "text",
    [
        "落实安全生产责任制，各 责任单位  主要负责人为第一责任人。",
        "推进清洁生产改造，各 配合单位  要主动对接服务。",
    ],
)
def test_a_gap_label_after_a_tasks_text_must_announce_its_list(text: str) -> None:
    """With no colon, a label after the text is one only when units follow it: these are sentences
    of a web copy with stray spaces."""
    assert trailing_labels(text, Location(line_start=1)) == (text, [])


def test_a_gap_label_after_a_tasks_text() -> None:
    text, lists = trailing_labels(
        "全年固定资产投资增长8%。  牵头单位  市发改委  责任单位  市统计局", Location(line_start=1)
    )
    assert text == "全年固定资产投资增长8%。"
    assert [(x.kind, x.content) for x in lists] == [("lead", "市发改委"), ("responsible", "市统计局")]


def test_a_label_list_goes_on_in_a_line_of_units_with_no_separator_at_the_break(tmp_path: Path) -> None:
    """…县公安局、县司法局 | 县信访局、各镇（街道）: the second line is only units, so the list goes on
    (it was the notice's closing, and lost). One unit alone may be the signature: it does not."""
    body = (
        "1.深化平安县城建设。\n牵头单位  县委政法委\n责任单位  县公安局、县司法局\n县信访局、各镇（街道）\n"
    )
    assert _tasks(tmp_path, body) == [
        ("深化平安县城建设。", ["县委政法委"], ["县公安局", "县司法局", "县信访局", "各镇（街道）"], [])
    ]
    signed = (
        "1.深化平安县城建设。\n牵头单位：县委政法委\n"
        "责任单位：县公安局\n北塘县人民政府办公室\n2024年3月15日\n"
    )
    assert _tasks(tmp_path, signed) == [("深化平安县城建设。", ["县委政法委"], ["县公安局"], [])]


def test_names_set_apart_by_spaces_only_after_a_list_are_a_signature(tmp_path: Path) -> None:
    """中共北山县委办公室  北山县人民政府办公室: two issuers, not more of the last list (a .docx has
    no blank line before them to tell)."""
    body = (
        "1.新增公共视频监控点位500个。\n牵头单位：县公安局\n配合单位：县财政局、县大数据中心\n"
        "中共北山县委办公室  北山县人民政府办公室\n2024年3月15日\n"
    )
    assert _tasks(tmp_path, body) == [
        ("新增公共视频监控点位500个。", ["县公安局"], [], ["县财政局", "县大数据中心"])
    ]


def test_a_line_of_names_that_opens_a_sentence_is_not_more_of_the_list(tmp_path: Path) -> None:
    """县直各部门、各乡镇人民政府 | 要按照任务分工抓好落实。: the names are the subject of the closing
    sentence on the next line (a hard line break), so the last list ends before them."""
    body = (
        "1.完成县城背街小巷改造30条。\n牵头单位：县住建局\n配合单位：县城管局、县财政局\n"
        "县直各部门、各乡镇人民政府\n要按照任务分工抓好落实。\n"
    )
    assert _tasks(tmp_path, body) == [
        ("完成县城背街小巷改造30条。", ["县住建局"], [], ["县城管局", "县财政局"])
    ]


def test_a_prose_assignment_line_after_sub_points_assigns_their_task(tmp_path: Path) -> None:
    """（1）（2） sub-points, then 由X牵头，Y配合，2024年8月底前完成。 on its own line: the task above
    them is assigned, not its last sub-point."""
    body = (
        "1.实施“午餐工程”，具体包括：\n（1）完成20所学校食堂改造；\n（2）实现“明厨亮灶”全覆盖。\n"
        "由区教育局牵头，区市场监管局配合，2024年8月底前完成。\n"
    )
    tasks = _tasks(tmp_path, body)
    assert len(tasks) == 1 and tasks[0][1] == ["区教育局"] and tasks[0][3] == ["区市场监管局"]
    assert tasks[0][0].startswith("实施“午餐工程”，具体包括：")
