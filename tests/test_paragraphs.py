"""paragraphs: joined lines and two items on one line are split; ordinary lines stay whole."""

from __future__ import annotations

from pipeline.structure.paragraphs import blocks_to_paragraphs
from tests.helpers import paras

JOINED = (
    "各镇人民政府： 现将《某县2022年重点工作任务分解方案》印发给你们，请结合本地区本部门实际认真贯彻执行。 "
    "某县人民政府办公室 2022年4月18日 一、重点工作 "
    "1. 推进甲事，确保完成全年目标任务。 责任单位：县财政局 2.推进乙事 GDP 2.0"
)


def texts(text: str) -> list[str]:
    return [p.text for p in blocks_to_paragraphs(list(paras(text)))]  # type: ignore[union-attr]


def test_joined_line_is_split_at_paragraph_spaces() -> None:
    assert texts(JOINED) == [
        "各镇人民政府：",
        "现将《某县2022年重点工作任务分解方案》印发给你们，请结合本地区本部门实际认真贯彻执行。",
        "某县人民政府办公室",
        "2022年4月18日",
        "一、重点工作",
        "1. 推进甲事，确保完成全年目标任务。",
        "责任单位：县财政局",
        "2.推进乙事",
        "GDP 2.0",
    ]


def test_short_line_with_spaces_stays() -> None:
    assert texts("7 甲指标增长. 发改委、经信委") == ["7 甲指标增长. 发改委、经信委"]


def test_two_items_on_one_line() -> None:
    assert texts("（一）甲。（省发改委负责）（二）乙。（省财政厅负责）") == [
        "（一）甲。（省发改委负责）",
        "（二）乙。（省财政厅负责）",
    ]
    assert texts("1.甲（X协办）2.乙") == ["1.甲（X协办）", "2.乙"]


def test_other_numbers_do_not_split() -> None:
    assert texts("（一）甲（三）乙") == ["（一）甲（三）乙"]
    assert texts("1.增长2.5%。3.乙") == ["1.增长2.5%。3.乙"]


def test_spaces_inside_a_label_list_do_not_split() -> None:
    line = (
        "2)规模以上工业增加值增长8%,新增规上工业企业20家,新培育省级专精特新中小企业10家,工业技术改造投资增长15%以上"
        ",建成县级工业互联网平台1个 牵头单位:县工信局 配合单位:县统计局 县发改局 县财政局 各乡镇人民政府"
        " 完成时限:2023年底"
    )
    assert texts(line) == [
        "2)规模以上工业增加值增长8%,新增规上工业企业20家,新培育省级专精特新中小企业10家,工业技术改造投资增长15%以上"
        ",建成县级工业互联网平台1个",
        "牵头单位:县工信局",
        "配合单位:县统计局 县发改局 县财政局 各乡镇人民政府",
        "完成时限:2023年底",
    ]
