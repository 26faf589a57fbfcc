"""Rules from a red team's notices (rounds 3: outlines, frames, archive quirks), each as a class:
the members below are written to differ from the genre files that first showed the gap."""

from __future__ import annotations

import pytest

from pipeline import parse
from pipeline.assign.label_gaps import glued
from pipeline.normalize import fold
from pipeline.structure.bare_markers import bare_marker, join_bare_markers
from pipeline.structure.outline import match_marker
from pipeline.structure.paragraphs import blocks_to_paragraphs
from pipeline.structure.wrapped_figures import wrapped_figure
from tests.helpers import paras

HEAD = "关于印发2025年重点工作任务分解方案的通知\n桐政〔2025〕5号\n各乡镇人民政府，县政府各部门：\n"
SIGN = "桐山县人民政府\n2025年2月10日\n"


def tasks(tmp_path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "n.txt"
    path.write_text(text, encoding="utf-8")
    return parse(path).tasks


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("1、2025年底前建成污水厂。", 1, "2025年底前"),
        ("3、4月底前完成验收。", 3, "4月底前"),
        ("2.2025年6月底前完成。", 2, "2025年6月"),
        ("1.2025—2027年每年新建学校1所。", 1, "2025—2027"),
        ("（ 二 ）新建农田2万亩。", 2, "新建农田"),
        ("( 3 )改造农村公路。", 3, "改造农村"),
        ("4 )新增就业500人。", 4, "新增就业"),
    ],
)
def test_markers_before_figures_and_padded_brackets(line: str, number: int, rest: str) -> None:
    found = match_marker(fold(line))
    assert found is not None and found[1] == number
    assert line[found[2] :].startswith(rest)


@pytest.mark.parametrize("line", ["1.5万亩高标准农田全部建成。", "2.3亿元用于城市更新。", "12.5%的增幅"])
def test_a_decimal_at_a_line_start_stays_a_figure(line: str) -> None:
    found = match_marker(fold(line))
    assert found is None or found[0].kind == "decimal"


@pytest.mark.parametrize(("line", "bare"), [("1.", True), ("（三）", True), ("二、", True), ("①", True)])
def test_a_marker_alone_on_its_line(line: str, bare: bool) -> None:
    assert bare_marker(fold(line)) is bare


def test_a_bare_marker_takes_the_next_line_but_not_a_marker_line() -> None:
    joined = join_bare_markers(list(paras("1.\n完成道路改造。\n2.\n3.新建公园。")))
    assert [p.text for p in joined] == ["1.完成道路改造。", "2.", "3.新建公园。"]  # type: ignore[union-attr]


def test_a_joined_heading_after_a_full_task_line_is_split_even_on_a_short_line() -> None:
    text = (
        "一、推进工业强县\n1.新建厂房10万平方米。（牵头单位：县工信局）二、推进城乡融合\n"
        "1.新建公园。（牵头单位：县住建局）"
    )
    got = [p.text for p in blocks_to_paragraphs(list(paras(text)))]  # type: ignore[union-attr]
    assert got[1:3] == ["1.新建厂房10万平方米。（牵头单位：县工信局）", "二、推进城乡融合"]
    points = "一、推进\n3.推进工业转型：（1）培育链主企业；（2）建设特色园区。牵头单位：县工信局"
    assert [p.text for p in blocks_to_paragraphs(list(paras(points)))][1] == points.split("\n")[1]  # type: ignore[union-attr]


@pytest.mark.parametrize("copula", ["为", "是"])
def test_a_copula_joins_a_label_to_its_list(copula: str) -> None:
    text = f"牵头单位{copula}县卫健局，配合单位{copula}县教育局、县妇联。"
    spans = glued(fold(text), text)
    assert [text[s.content : s.content + 3] for s in spans] == ["县卫健", "县教育"]


def test_the_covering_notices_own_requirements_are_no_tasks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + "现将方案印发给你们，并提出如下要求：\n一、提高思想认识。\n二、强化督查考核。\n"
        + SIGN
        + "附件\n重点工作任务分解方案\n一、扩大有效投资。\n牵头单位：县发改局\n"
        + "二、新建学校2所。\n牵头单位：县教育局\n"
    )
    got = tasks(tmp_path, text)
    assert [t.text for t in got] == ["扩大有效投资。", "新建学校2所。"]


def test_an_attachment_opens_its_own_outline_above_the_covers_styles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + "（一）压实责任。\n（二）强化督查。\n"
        + SIGN
        + "附件\n一、扩大需求\n（一）实施项目40个。\n牵头单位：县发改局\n"
        + "（二）新增就业800人。\n牵头单位：县人社局\n"
    )
    got = tasks(tmp_path, text)
    assert [(t.number, [p.title for p in t.path]) for t in got] == [(1, ["扩大需求"]), (2, ["扩大需求"])]


def test_a_cover_that_holds_the_tasks_keeps_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + "一、新建学校2所。\n牵头单位：县教育局\n二、新增就业800人。\n牵头单位：县人社局\n"
        + SIGN
        + "附件\n项目清单\n一、城东学校\n二、城西学校\n"
    )
    assert [t.text for t in tasks(tmp_path, text)] == ["新建学校2所。", "新增就业800人。"]


@pytest.mark.parametrize(
    "listing", ["附件：1.重点项目清单\n2.民生实事清单\n", "附件：\n1.重点项目清单\n2.民生实事清单\n"]
)
def test_the_covers_list_of_attachments_is_no_task(tmp_path, listing: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + "一、项目建设\n1.实施项目50个。（牵头单位：县发改局）\n2.新开工项目12个。（牵头单位：县发改局）\n"
        + listing
        + SIGN
    )
    assert [t.number for t in tasks(tmp_path, text)] == [1, 2]


def test_an_attachment_title_with_a_colon_does_not_swallow_the_headings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + SIGN
        + "附件：重点任务分解表\n一、扩大有效投资\n1.实施项目50个。（牵头单位：县发改局）\n"
        + "2.新建学校2所。（牵头单位：县教育局）\n"
    )
    got = tasks(tmp_path, text)
    assert [(t.number, [p.title for p in t.path]) for t in got] == [
        (1, ["扩大有效投资"]),
        (2, ["扩大有效投资"]),
    ]


def test_the_signature_is_no_rest_of_a_bracketed_last_unit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = HEAD + "一、新建农田5000亩。\n牵头单位：镇农业办\n责任单位：镇水利站、各村（社区）\n" + SIGN
    got = tasks(tmp_path, text)
    assert [u.name for u in got[-1].responsible_units] == ["镇水利站", "各村（社区）"]
    wrapped = (
        HEAD
        + "一、新建农田5000亩。\n牵头单位：镇农业办\n责任单位：县水利局、各乡（镇）\n"
        + "人民政府\n二、新建公园。\n"
        + SIGN
    )
    assert [u.name for u in tasks(tmp_path, wrapped)[0].responsible_units] == [
        "县水利局",
        "各乡（镇）人民政府",
    ]


def test_a_figure_after_a_marker_on_a_wrapped_line_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + "一、项目建设\n1.实施项目40个。\n牵头单位：县发改局\n2.加快推进园区道路建设和征地拆迁，\n"
        + "3、4季度开工建设。\n牵头单位：县住建局\n3.新建1.2兆瓦光伏电站，\n1.2兆瓦储能同步建成。\n"
        + "牵头单位：县发改局\n4.12月底前完成验收。\n牵头单位：县农业局\n"
        + SIGN
    )
    got = tasks(tmp_path, text)
    assert [t.number for t in got] == [1, 2, 3, 4]
    assert got[1].text == "加快推进园区道路建设和征地拆迁，3、4季度开工建设。"
    assert got[2].text == "新建1.2兆瓦光伏电站，1.2兆瓦储能同步建成。"
    assert got[3].text == "12月底前完成验收。"


def test_a_month_after_the_marker(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD + "一、项目建设\n1.3月底前完成验收。\n牵头单位：县发改局\n2.11月底前完成。\n牵头单位：县住建局\n"
    )
    assert [(t.number, t.text) for t in tasks(tmp_path, text)] == [
        (1, "3月底前完成验收。"),
        (2, "11月底前完成。"),
    ]


@pytest.mark.parametrize(
    "signature",
    [
        "松岭镇人民政府\n二〇二五年三月八日\n",
        "中共苕岭县委办公室\n苕岭县人民政府办公室\n2025年3月8日\n",
        "中共棠川县委办公室　棠川县人民政府办公室\n2025年3月8日\n",
    ],
)
def test_signatures_of_other_shapes_are_no_units(tmp_path, signature: str) -> None:  # type: ignore[no-untyped-def]
    text = HEAD + "一、新建农田5000亩。\n牵头单位：镇农业办\n责任单位：镇水利站、各乡镇（街道）\n" + signature
    assert [u.name for u in tasks(tmp_path, text)[-1].responsible_units] == ["镇水利站", "各乡镇（街道）"]


def test_a_part_heading_or_a_label_line_joined_to_the_next_heading_is_split() -> None:
    text = (
        "第一部分 目标\n1.增长6%。（牵头单位：县发改局）第二部分重点任务\n1.新建公园。（牵头单位：县住建局）"
    )
    got = [p.text for p in blocks_to_paragraphs(list(paras(text)))]  # type: ignore[union-attr]
    assert got[1:3] == ["1.增长6%。（牵头单位：县发改局）", "第二部分重点任务"]
    label = (
        "一、项目\n（一）重大项目\n1.实施项目40个。\n责任单位：县财政局、县水利局。（二）城市更新\n1.改造。"
    )
    got = [p.text for p in blocks_to_paragraphs(list(paras(label)))]  # type: ignore[union-attr]
    assert got[3:5] == ["责任单位：县财政局、县水利局。", "（二）城市更新"]


def test_an_attachment_label_alone_after_the_date_is_its_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEAD
        + SIGN
        + "附件：\n一、扩大有效投资\n1.实施项目50个。（牵头单位：县发改局）\n"
        + "二、保障改善民生\n1.新建学校2所。（牵头单位：县教育局）\n"
    )
    got = tasks(tmp_path, text)
    assert [[p.title for p in t.path] for t in got] == [["扩大有效投资"], ["保障改善民生"]]


@pytest.mark.parametrize(
    ("key", "number", "end", "prev", "open_line", "wrapped"),
    [
        ("3、4号灌区配套改造", 3, 2, None, "(二)推进高标准农田建设,新建高标准农田3万亩,其中", True),
        ("1、2月份完成", 1, 2, None, "(一)抓好春季农业生产,全面落实粮食安全党政同责,在", True),
        ("2、3号楼主体施工", 2, 2, (1, "1."), None, True),  # 1. then 2、: another list's mark
        ("5、6月份完成", 5, 2, (2, "2."), None, True),  # 2 then 5: no numbering goes on so
        ("3、5G基站新建300个", 3, 2, (2, "2、"), "2、规模以上工业增加值增长8%", False),
        ("1.2025年6月底前建成", 1, 2, None, "一、重大项目", False),
        ("2.新建学校", 2, 2, (1, "1."), "1.很长很长很长很长很长很长很长很长很长很长很长很长的句子，", False),
    ],
)
def test_a_marker_before_a_figure_is_read_from_the_line_above(  # type: ignore[no-untyped-def]
    key, number, end, prev, open_line, wrapped
) -> None:
    assert wrapped_figure(key, number, end, prev, open_line) is wrapped


def test_a_label_line_that_closes_with_the_next_item_of_its_style_is_split() -> None:
    text = (
        "一、民生\n（一）新增就业800人。\n牵头单位：县人社局\n责任单位：县就业服务中心。（二）新建城北小学。"
    )
    got = [p.text for p in blocks_to_paragraphs(list(paras(text)))]  # type: ignore[union-attr]
    assert got[3:] == ["责任单位：县就业服务中心。", "（二）新建城北小学。"]
    prose = "一、民生\n（一）新增就业800人。\n要求各地在3月底前完成。（二）期工程同步推进。"
    assert [p.text for p in blocks_to_paragraphs(list(paras(prose)))][2] == prose.split("\n")[2]  # type: ignore[union-attr]
