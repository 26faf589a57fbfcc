"""Items inside a line, found by the numbering they continue; figures inside sentences are none."""

from __future__ import annotations

import pytest

from pipeline.structure.paragraphs import blocks_to_paragraphs
from tests.helpers import paras

PAD = (  # a glued body is long: lines under DEFAULT_MIN_LENGTH (120) are not searched
    "为全面推进乡村振兴，加快农业农村现代化，经县政府同意，现将全年重点工作任务分解如下，"
    "请各牵头单位会同配合单位认真抓好落实，每季度末将进展情况报县政府督查室。"
)


def pieces(text: str) -> list[str]:
    return [p.text for p in blocks_to_paragraphs(list(paras(text)))]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (  # items after a sentence end, labels closing each item
            PAD
            + "1.对来此创业的团队给予资助。责任单位：市科技局。2.对招商项目给予奖励。责任单位：市商务局。",
            [
                PAD,
                "1.对来此创业的团队给予资助。责任单位：市科技局。",
                "2.对招商项目给予奖励。责任单位：市商务局。",
            ],
        ),
        (  # a heading run into its first item, the next heading after a sentence end
            PAD + "一、稳定粮食生产1.粮食播种面积稳定在42万亩以上，产量达到3.5亿斤。牵头单位：县农业农村局。"
            "二、发展特色产业2.新建高标准农田3.5万亩，完成投资2. 5亿元。牵头单位：县农业农村局。",
            [
                PAD,
                "一、稳定粮食生产",
                "1.粮食播种面积稳定在42万亩以上，产量达到3.5亿斤。牵头单位：县农业农村局。",
                "二、发展特色产业",
                "2.新建高标准农田3.5万亩，完成投资2. 5亿元。牵头单位：县农业农村局。",
            ],
        ),
        (  # (一) after a closing bracket, 1、 after a short title; 5G and 2023年 are no markers
            "(一)夯实数字基础设施1、新建5G基站1500个，实现重点场所5G网络全覆盖。2023年力争普及率提高到75%。"
            "(牵头单位:市工信局)2、建成市级城市大数据中心，算力规模达到200PFlops。(牵头单位:市大数据局)"
            "(二)壮大数字产业3、推动企业上云用云1000家。(牵头单位:市工信局)",
            [
                "(一)夯实数字基础设施",
                "1、新建5G基站1500个，实现重点场所5G网络全覆盖。2023年力争普及率提高到75%。(牵头单位:市工信局)",
                "2、建成市级城市大数据中心，算力规模达到200PFlops。(牵头单位:市大数据局)",
                "(二)壮大数字产业",
                "3、推动企业上云用云1000家。(牵头单位:市工信局)",
            ],
        ),
    ],
)
def test_items_inside_a_line_are_split_where_the_numbering_continues(line: str, expected: list[str]) -> None:
    assert pieces(line) == expected


def test_a_line_with_one_inner_number_is_left_alone() -> None:
    line = PAD + "全年完成第1、2批项目验收，增长2.5%，3.0版平台上线，惠及1.2万户。1.这不是续号的条目"
    assert pieces(line) == [line]


def test_a_figure_between_spaces_is_no_paragraph_break() -> None:
    body = (
        "关于支持创业的意见。 1.再给予 100 万元用于科学研究，最高给予 5000 万元资助。责任单位：市科技局。 "
        * 2
    )
    assert all(not p[:1].isdigit() or p.startswith("1.") for p in pieces(body.strip()))


def test_a_decimal_marker_after_a_space_still_breaks() -> None:
    body = (
        "江屿市人民政府办公室 2024年4月2日 江屿市2024年数字政府建设工作要点任务分解 1.夯实数字基础设施 "
        "1.1 推进政务云平台扩容升级，新增计算资源5000核。牵头单位：市大数据局 1.2 建设全市统一的政务外网，"
        "实现市、县、乡三级全覆盖。牵头单位：市大数据局"
    )
    assert [p for p in pieces(body) if p.startswith("1.")] == [
        "1.夯实数字基础设施",
        "1.1 推进政务云平台扩容升级，新增计算资源5000核。牵头单位：市大数据局",
        "1.2 建设全市统一的政务外网，实现市、县、乡三级全覆盖。牵头单位：市大数据局",
    ]


def test_a_short_line_splits_only_when_its_pieces_carry_their_own_assignments() -> None:
    line = (
        "①新建农田2.8万亩。责任单位：县农业农村局；②完成试点村验收。责任单位：县农经中心；"
        "③新建站2个。责任单位：县文旅局"
    )
    assert pieces(line) == [
        "①新建农田2.8万亩。责任单位：县农业农村局；",
        "②完成试点村验收。责任单位：县农经中心；",
        "③新建站2个。责任单位：县文旅局",
    ]
    prose = "（五）新增床位8000张（省民政厅负责）；（六）实施适老化改造（省民政厅负责）。"
    assert pieces(prose) == [
        "（五）新增床位8000张（省民政厅负责）；",
        "（六）实施适老化改造（省民政厅负责）。",
    ]
    points = "3.推进工业转型：（1）培育链主企业；（2）建设特色园区。牵头单位：县工信局"
    assert pieces(points) == [points]  # points inside one task stay its text


def test_a_signature_glued_to_the_last_item_is_a_paragraph_of_its_own() -> None:
    text = "（六）实施适老化改造（省民政厅负责）。霖江省人民政府办公厅2023年3月10日"
    expected = ["（六）实施适老化改造（省民政厅负责）。", "霖江省人民政府办公厅", "2023年3月10日"]
    assert pieces(text) == expected
    assert pieces("（六）实施适老化改造（省民政厅负责）。霖江省人民政府办公厅\n2023年3月10日") == expected
