"""The label grammar: labels read by their parts, not looked up in a closed list."""

from __future__ import annotations

import pytest

from pipeline.assign.labels import label_kind, split_label_line
from pipeline.normalize import fold
from schemas.notice import Location

LOC = Location(line_start=1)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("牵头负责领导", "leaders"),
        ("责任站所", "responsible"),  # a town's 站所 (its stations and offices) as the unit head
        ("配合站所", "supporting"),
        ("牵头站办所", "lead"),
        ("分管市领导", "leaders"),
        ("联系县领导", "leaders"),
        ("牵头责任单位", "lead"),
        ("牵头负责部门", "lead"),
        ("县级牵头部门", "lead"),
        ("主责处室", "lead"),
        ("协同责任单位", "responsible"),
        ("承办责任部门", "responsible"),
        ("区级责任主体", "responsible"),
        ("配合责任部门", "supporting"),
        ("协办责任单位", "supporting"),
        ("协同单位", "supporting"),
        ("参与部门", "supporting"),
        ("完成时限", "deadline"),
        ("办结时间", "deadline"),
        ("时间节点", "deadline"),
        ("部门分工", "prose"),
        ("项目责任人", None),
        ("实际完成情况", None),
        ("工作目标", None),
    ],
)
def test_label_kind_from_its_parts(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


def lines(text: str, unknown_first: bool = False) -> list[tuple[str, str, str]] | None:
    found = split_label_line(text, fold(text), LOC, unknown_first)
    return None if found is None else [(x.label, x.kind, x.content) for x in found]


def test_a_space_separated_label_run_keeps_unknown_labels_apart() -> None:
    text = "牵头领导:王某某 责任单位:县住建局 项目责任人:李某 配合单位:县财政局 实际完成情况:已开工"
    assert lines(text) == [
        ("牵头领导", "leaders", "王某某"),
        ("责任单位", "responsible", "县住建局"),
        ("项目责任人", "extra", "李某"),
        ("配合单位", "supporting", "县财政局"),
        ("实际完成情况", "extra", "已开工"),
    ]


def test_an_unknown_first_label_needs_an_open_label_block() -> None:
    assert lines("工作目标：到2025年建成10个园区。") is None
    assert lines("备注：市民生实事", unknown_first=True) == [("备注", "extra", "市民生实事")]


def test_a_label_glued_to_the_list_before_it() -> None:
    assert lines("牵头单位：县发改委责任单位：县财政局") == [
        ("牵头单位", "lead", "县发改委"),
        ("责任单位", "responsible", "县财政局"),
    ]


def test_a_colon_inside_brackets_is_no_label() -> None:
    assert lines("责任单位：县教育局（联系人：张某）") == [
        ("责任单位", "responsible", "县教育局（联系人：张某）")
    ]


def test_traditional_labels_read_like_simplified() -> None:
    assert lines("牽頭單位：縣發改委；責任單位：縣財政局") == [
        ("牽頭單位", "lead", "縣發改委"),
        ("責任單位", "responsible", "縣財政局"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〈牵头单位〉：区工信局", [("牵头单位", "lead", "区工信局")]),
        ("《配合单位》:区发改委、区商务局", [("配合单位", "supporting", "区发改委、区商务局")]),
        ("<督办领导>：刘振国", [("督办领导", "leaders", "刘振国")]),
        ("牵头单位（部门）：市发改委", [("牵头单位（部门）", "lead", "市发改委")]),
        ("配合单位(部门):市财政局、市林业局", [("配合单位(部门)", "supporting", "市财政局、市林业局")]),
        ("责任领导【责任人】：张某", [("责任领导【责任人】", "leaders", "张某")]),
        (
            "牵头单位（部门）：市发改委 配合单位（部门）：市财政局",
            [("牵头单位（部门）", "lead", "市发改委"), ("配合单位（部门）", "supporting", "市财政局")],
        ),
    ],
)
def test_labels_in_angle_brackets_or_with_a_bracketed_qualifier(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert lines(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("责 任 人：林建华", [("责 任 人", "leaders", "林建华")]),
        ("时    限：2023年12月底", [("时    限", "deadline", "2023年12月底")]),
        ("牵 头 单 位：县发改委", [("牵 头 单 位", "lead", "县发改委")]),
        ("牵头 单位：县发改委", [("牵头 单位", "lead", "县发改委")]),
        ("「牵头单位」：区工信局", [("牵头单位", "lead", "区工信局")]),
        ("『配合单位』区发改委、区商务局", [("配合单位", "supporting", "区发改委、区商务局")]),
    ],
)
def test_letter_spaced_labels_and_labels_in_corner_brackets(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert lines(text) == expected


def test_a_unit_before_a_label_is_not_a_spaced_label() -> None:
    """县发改委 责任单位： is a list that lost its line break before the label, not a spaced one."""
    assert (
        split_label_line("县发改委 责任单位：县财政局", fold("县发改委 责任单位：县财政局"), Location())
        is None
    )


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (  # a person's name, a village, then the deadline: a copy that lost the spaces between labels
            "责任领导：刘建国牵头单位：镇经济发展办公室配合单位：镇财政所、青塘村完成时限：2023年10月底前",
            [
                ("责任领导", "leaders", "刘建国"),
                ("牵头单位", "lead", "镇经济发展办公室"),
                ("配合单位", "supporting", "镇财政所、青塘村"),
                ("完成时限", "deadline", "2023年10月底前"),
            ],
        ),
        (  # a deadline ending in Han characters, then a leader with a title
            "完成时限：2023年10月底前责任领导：王伟副镇长牵头单位：镇水利站",
            [
                ("完成时限", "deadline", "2023年10月底前"),
                ("责任领导", "leaders", "王伟副镇长"),
                ("牵头单位", "lead", "镇水利站"),
            ],
        ),
        (  # a list closed by 等, a school with a number in its name
            "牵头单位：县教育局等配合单位：县第一中学",
            [("牵头单位", "lead", "县教育局等"), ("配合单位", "supporting", "县第一中学")],
        ),
    ],
)
def test_a_label_glued_to_whatever_list_is_before_it(line: str, want: list[tuple[str, str, str]]) -> None:
    """After a label, the end of a Han run that is a label is one, whether or not the run before
    it reads as units: the run's start is the open label's list."""
    assert lines(line) == want


def test_a_glued_label_needs_a_label_open_before_it() -> None:
    """The first colon of a line: a run ending in a label word is no label line unless the run
    before it reads as units (王伟牵头单位 in prose is no label)."""
    assert lines("根据会议精神王伟牵头单位：镇水利站") is None


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("县级领导", "leaders"),  # a level over a person head needs no role word
        ("市领导", "leaders"),
        ("区级负责人", "leaders"),
        ("分管局领导", "leaders"),  # a body as level, after the role word
        ("局配合单位", None),  # before it, the end of a unit's name (县人社局配合单位)
        ("委牵头单位", None),
        ("县级单位", None),  # a level over a unit head without a role says nothing of the role
    ],
)
def test_levels_by_their_place_in_the_label(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


def test_a_unit_ending_in_a_body_word_glued_to_the_next_label() -> None:
    assert lines("牵头单位：县人社局配合单位：县财政局") == [
        ("牵头单位", "lead", "县人社局"),
        ("配合单位", "supporting", "县财政局"),
    ]


@pytest.mark.parametrize("label", ["县级领导", "分管县领导", "市级责任领导", "区级领导"])
def test_labels_the_grammar_reads_close_a_task_line(label: str) -> None:
    """A label run glued to the end of the task's sentence starts at a label the grammar reads,
    whether or not the label is in the listed words."""
    from pipeline.assign.assignments import trailing_labels

    line = f"新建标准化厂房10万平方米。{label}：常务副县长牵头单位：县工信局协办单位：县商务局等"
    line += "完成时间：2023年11月底"
    text, lists = trailing_labels(line, LOC)
    assert text == "新建标准化厂房10万平方米。"
    assert [(x.kind, x.content) for x in lists] == [
        ("leaders", "常务副县长"),
        ("lead", "县工信局"),
        ("supporting", "县商务局等"),
        ("deadline", "2023年11月底"),
    ]


def _parts(line: str) -> list[tuple[str, str, str]] | None:
    found = split_label_line(line, fold(line), LOC)
    return None if found is None else [(f.label, f.kind, f.content) for f in found]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("牵头单位\t县发改委", [("牵头单位", "lead", "县发改委")]),
        ("牵头单位  县工信局", [("牵头单位", "lead", "县工信局")]),
        ("牵头单位　县人社局", [("牵头单位", "lead", "县人社局")]),  # an ideographic space
        ("责任单位 县城管局、城关镇人民政府", [("责任单位", "responsible", "县城管局、城关镇人民政府")]),
        ("完成时限  2024年10月底", [("完成时限", "deadline", "2024年10月底")]),
        ("责任领导    王副县长", [("责任领导", "leaders", "王副县长")]),
        (
            "牵头单位  县农业农村局    责任单位  县乡村振兴局    完成时限  11月底",
            [
                ("牵头单位", "lead", "县农业农村局"),
                ("责任单位", "responsible", "县乡村振兴局"),
                ("完成时限", "deadline", "11月底"),
            ],
        ),
        (
            "牵头单位  县商务局  配合单位：县统计局",
            [("牵头单位", "lead", "县商务局"), ("配合单位", "supporting", "县统计局")],
        ),
    ],
)
def test_a_label_set_apart_from_its_list_by_a_gap(line: str, want: list[tuple[str, str, str]]) -> None:
    assert _parts(line) == want


@pytest.mark.parametrize(
    "line",
    [
        "牵头单位  责任单位  完成时限",  # a header row: no list between its names
        "项目名称  县城污水处理厂",  # a gap after a phrase that assigns nothing
        "加快建设  县城污水处理厂",  # prose set with a space
        "县发改委  县财政局",
    ],
)
def test_a_gap_after_what_is_no_assigning_label_is_no_label_line(line: str) -> None:
    assert _parts(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("牵头单位", "lead"),
        ("配合单位", "supporting"),
        ("责 任 单 位", "responsible"),
        ("完成时限", "deadline"),
    ],
)
def test_a_label_alone_on_its_line_with_no_colon(line: str, kind: str) -> None:
    assert _parts(line) == [(line, kind, "")]


@pytest.mark.parametrize("line", ["项目名称", "重点任务", "县发改委", "工作要求"])
def test_a_lone_phrase_that_assigns_nothing_is_no_label(line: str) -> None:
    assert _parts(line) is None


def test_a_gap_label_glued_to_the_list_before_it_once_a_label_is_open() -> None:
    """A PDF line wrapped at the gap joins 县乡村振兴局 | 完成时限 with nothing between."""
    assert _parts("牵头单位  县农业农村局    责任单位  县乡村振兴局完成时限  2024年11月底") == [
        ("牵头单位", "lead", "县农业农村局"),
        ("责任单位", "responsible", "县乡村振兴局"),
        ("完成时限", "deadline", "2024年11月底"),
    ]
    assert _parts("牵头单位  县发改委责任单位  县统计局") == [
        ("牵头单位", "lead", "县发改委"),
        ("责任单位", "responsible", "县统计局"),
    ]
    assert _parts("完成时限2024年11月底") == [("完成时限", "deadline", "2024年11月底")]
    assert _parts("县发改委责任单位  县统计局") is None  # no label open before it


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("牵 头 单 位    县教育局", [("牵 头 单 位", "lead", "县教育局")]),
        ("牵　头　单　位　　县卫健委", [("牵　头　单　位", "lead", "县卫健委")]),
        ("牵 头 单 位 县投资促进中心", [("牵 头 单 位", "lead", "县投资促进中心")]),  # a PDF's spread label
        ("牵 头 单 位\t县民政局", [("牵 头 单 位", "lead", "县民政局")]),
        (
            "牵 头 单 位  县民政局  配 合 单 位  县财政局",
            [("牵 头 单 位", "lead", "县民政局"), ("配 合 单 位", "supporting", "县财政局")],
        ),
    ],
)
def test_a_letter_spaced_label_before_a_gap(line: str, want: list[tuple[str, str, str]]) -> None:
    assert _parts(line) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            "牵头单位县人社局责任单位各乡镇人民政府、县就业服务中心",
            [("牵头单位", "lead", "县人社局"), ("责任单位", "responsible", "各乡镇人民政府、县就业服务中心")],
        ),
        ("牵头单位县教育局", [("牵头单位", "lead", "县教育局")]),
        (
            "牵头单位县医保局完成时限2024年12月底",
            [("牵头单位", "lead", "县医保局"), ("完成时限", "deadline", "2024年12月底")],
        ),
    ],
)
def test_a_label_told_apart_from_its_list_only_by_type(line: str, want: list[tuple[str, str, str]]) -> None:
    """A bold run or a <strong> label, its list in plain type: the text keeps no separator."""
    assert _parts(line) == want


@pytest.mark.parametrize(
    "line", ["责任单位要按月报送进度。", "牵头单位要切实履行牵头职责", "配合单位积极配合"]
)
def test_prose_that_opens_with_a_label_word_is_no_label_line(line: str) -> None:
    assert _parts(line) is None


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("牵头单位（部门）  县大数据中心", [("牵头单位（部门）", "lead", "县大数据中心")]),
        ("主办　县投资促进中心", [("主办", "lead", "县投资促进中心")]),  # a role word alone, units after
        ("协办  县行政审批局、县自然资源局", [("协办", "supporting", "县行政审批局、县自然资源局")]),
        ("主办：县投资促进中心", [("主办", "lead", "县投资促进中心")]),
        ("承办：县住建局", [("承办", "responsible", "县住建局")]),
    ],
)
def test_qualified_and_bare_role_word_labels(line: str, want: list[tuple[str, str, str]]) -> None:
    assert _parts(line) == want


@pytest.mark.parametrize(
    "line",
    [
        "责任单位  要按照时间节点抓好落实，每月25日前报送进展。",  # a closing paragraph
        "配合 县财政局要做好资金保障",  # a role word alone before a sentence
        "联系：张三 电话：12345678",  # 联系 assigns no unit alone
    ],
)
def test_a_gap_or_bare_label_before_a_sentence_is_no_label_line(line: str) -> None:
    assert _parts(line) is None
