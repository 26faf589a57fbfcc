"""text_tables and table_align: flattened tables rebuilt as Table blocks, cells aligned by kind."""

from __future__ import annotations

import pytest

from pipeline.document import Table
from pipeline.structure.table_align import align, fit, reads_as_deadline, reads_as_person, reads_as_units
from pipeline.structure.text_tables import (
    LEADING,
    LINE,
    PARAGRAPH,
    PIPE,
    TRAILING,
    blocks_to_tables,
    header_at,
)
from tests.helpers import paras


@pytest.mark.parametrize(
    ("text", "layout", "kinds"),
    [
        ("序号\n工作任务\n责任单位\n1\n甲", PARAGRAPH, ["number", "task", "responsible"]),
        ("序号 |\n主 要 任 务 |\n分管 领导 |\n24 |", TRAILING, ["number", "task", "leaders"]),
        ("牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n甲", LEADING, ["lead", "task", "responsible"]),
        ("序号 工作任务 牵头责任单位\n1 甲. 发改委", LINE, ["number", "task", "lead"]),
        ("序号\n名称\n牵头单位\n1 甲指标增长. 发改委", LINE, ["number", "task", "lead"]),
        (
            "| 序号 | 工作任务 | 牵头单位 | 备注 |\n|---|---|---|---|",
            PIPE,
            ["number", "task", "lead", "extra"],  # 备注 is kept as an extra field
        ),
        (  # a two-row header: 责任单位 spans 牵头单位 | 配合单位
            "序号\n重点任务\n责任单位\n完成时限\n牵头单位\n配合单位\n1",
            PARAGRAPH,
            ["number", "task", "lead", "supporting", "deadline"],
        ),
    ],
)
def test_header_layouts(text: str, layout: str, kinds: list[str]) -> None:
    header = header_at(list(paras(text)), 0)
    assert header is not None, text
    assert (header.layout, header.kinds) == (layout, kinds), (text, header.layout, header.kinds)


@pytest.mark.parametrize(
    ("text", "names", "kinds"),
    [
        (  # letter-spaced cell on a header line, a label the grammar reads
            "序号 工 作 任 务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委",
            ["序号", "工作任务", "牵头负责部门"],
            ["number", "task", "lead"],
        ),
        (  # unknown column names between and after the known ones are extra columns
            "序号\n项目内容\n当前进度\n牵头单位\n联系电话\n1\n甲事。\n80%\n县教育局\n0379-1234567\n2",
            ["序号", "项目内容", "当前进度", "牵头单位", "联系电话"],
            ["number", "task", "extra", "lead", "extra"],
        ),
        (  # names wrapped over two paragraphs: the rows' width (5 cells) groups the pieces
            "序号\n建设内容\n牵头\n单位\n项目\n责任人\n完成\n时限\n1\n甲事。\n县水利局\n张某\n年底\n"
            "2\n乙事。\n县住建局\n李某\n6月底\n3",
            ["序号", "建设内容", "牵头单位", "项目责任人", "完成时限"],
            ["number", "task", "lead", "extra", "deadline"],
        ),
    ],
)
def test_header_names_by_grammar_and_row_width(text: str, names: list[str], kinds: list[str]) -> None:
    header = header_at(list(paras(text)), 0)
    assert header is not None, text
    assert ([c.text for c in header.cells], header.kinds) == (names, kinds)


@pytest.mark.parametrize("text", ["重点工作\n责任单位：县发改委", "序号\n1\n2", "一、工作任务\n二、责任单位"])
def test_not_a_header(text: str) -> None:
    assert header_at(list(paras(text)), 0) is None, text


def test_table_replaces_its_paragraphs() -> None:
    blocks, warnings = blocks_to_tables(
        list(paras("前言\n序号\n工作任务\n责任单位\n1\n甲事。\n县发改委\n附件2"))
    )
    assert [type(b).__name__ for b in blocks] == ["Para", "Table", "Para"]
    table = blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [
        ["序号", "工作任务", "责任单位"],
        ["1", "甲事。", "县发改委"],
    ]
    assert warnings == []


def test_unclosed_pipe_row_is_kept_and_reported() -> None:
    blocks, warnings = blocks_to_tables(list(paras("牵头单位\n| 工作任务\n|\n县发改委\n| 甲事")))
    table = blocks[0]
    assert isinstance(table, Table) and len(table.rows) == 2
    assert [w.code for w in warnings] == ["table-row-unclosed"]


def test_cell_kinds() -> None:
    assert reads_as_units("县水务局、各乡镇") and not reads_as_units("建成县残疾人综合服务中心。")
    assert not reads_as_units("全体居民人均可支配收入增长6%左右")
    assert reads_as_person("徐某某") and not reads_as_person("城管局")
    assert (
        reads_as_deadline("12月底前")
        and reads_as_deadline("9月投入使用")
        and not reads_as_deadline("县住建局")
    )
    assert fit("县住建局", "responsible") == 3.0 and fit("甲事。", "responsible") is None


def test_align_skips_missing_columns_and_extends_unit_cells() -> None:
    kinds = ["number", "task", "ignore", "leaders", "lead", "responsible"]
    rows = align(["24", "甲事。", "张三", "城管局", "环卫处"], kinds, extend=False, subrows=True)
    assert rows == [{0: [0], 1: [1], 3: [2], 4: [3], 5: [4]}]
    rows = align(
        ["1", "甲事。", "县水务局", "县住建局", "12月底前"],
        ["number", "task", "responsible", "deadline"],
        extend=True,
        subrows=True,
    )
    assert rows == [{0: [0], 1: [1], 2: [2, 3], 3: [4]}]


def test_align_subrow_shares_the_number() -> None:
    kinds = ["number", "task", "responsible", "deadline"]
    rows = align(
        ["5", "甲事。", "县民政局", "5月底前", "乙事。", "12月底前"], kinds, extend=True, subrows=True
    )
    assert rows == [{0: [0], 1: [1], 2: [2], 3: [3]}, {1: [4], 3: [5]}]


def _rows(text: str) -> list[list[str]]:
    blocks, _ = blocks_to_tables(list(paras(text)))
    table = next(b for b in blocks if isinstance(b, Table))
    return [[c.text for c in row] for row in table.rows]


def test_markdown_pipe_table_keeps_its_grid() -> None:
    text = (
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 备注 |\n|---|---|---|---|---|\n| 一、甲方面 | | | | |\n"
        "| 1 | 甲事。 | 区工信局 | | 续建 |\n| 2 | 乙事。 | 区商务局 | 区发改局 | |\n说明:…"
    )
    assert _rows(text)[1:] == [
        ["一、甲方面"],
        ["1", "甲事。", "区工信局", "", "续建"],
        ["2", "乙事。", "区商务局", "区发改局", ""],
    ]


def test_serial_cells_in_chinese_numerals() -> None:
    text = "序号\n民生实事项目\n责任单位\n备注\n一\n甲事。\n县教育局\n续建\n二\n乙事。\n县民政局"
    assert _rows(text)[1:] == [["一", "甲事。", "县教育局", "续建"], ["二", "乙事。", "县民政局", ""]]


@pytest.mark.parametrize(
    ("text", "names", "layout"),
    [
        (  # a spanning cell over sub-columns on the second line; tab rows without 序号
            "工作任务\t年度目标\t责任分工\t\t完成时限\n\t\t牵头单位\t配合单位\t\n甲事。\t增长8%\t县工信局\t县发改局\t年底",
            ["工作任务", "年度目标", "牵头单位", "配合单位", "完成时限"],
            "tab",
        ),
        (  # names wrapped in their cells: the second line completes the last cells of the first
            "序号 工作任务 完成 主责 配合\n时限 处室 处室\n"
            "1 推进医疗中心建设。 2024年6月底前 医政处 规划信息处、财务处",
            ["序号", "工作任务", "完成时限", "主责处室", "配合处室"],
            "line",
        ),
    ],
)
def test_a_header_printed_over_two_lines(text: str, names: list[str], layout: str) -> None:
    header = header_at(list(paras(text)), 0)
    assert header is not None
    assert ([c.text for c in header.cells], header.layout) == (names, layout)


def test_a_header_name_with_its_unit_of_measure_is_an_extra_column() -> None:
    header = header_at(
        list(paras("序号\n项目名称\n投资额（万元）\n主办单位\n1\n甲项目。\n32000\n市住建局\n2")), 0
    )
    assert header is not None and header.kinds == ["number", "task", "extra", "lead"]


def test_a_figure_is_never_a_task_text() -> None:
    assert fit("32000", "task") < fit("32000", "extra")  # type: ignore[operator]
    assert fit("98.5%", "task") < fit("新建学校。", "task")  # type: ignore[operator]


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("责任单位（排第一位的为牵头单位）", "responsible"),
        ("牵头单位(列第一位者为总牵头)", "lead"),
        ("配合单位【按职责分工负责】", "supporting"),
        ("完成时限（年月）", "deadline"),
        ("县发改委（牵头）", None),
    ],
)
def test_a_column_name_with_a_remark_in_brackets(cell: str, kind: str | None) -> None:
    from pipeline.structure.tables import header_kind

    assert header_kind(cell) == kind


@pytest.mark.parametrize(
    ("cell", "empty"),
    [
        ("/", True),
        ("／", True),
        ("——", True),
        ("无", True),
        (" - ", True),
        ("无锡市", False),
        ("县财政局", False),
        ("2024年", False),
    ],
)
def test_a_cell_that_says_it_is_empty(cell: str, empty: bool) -> None:
    from pipeline.structure.tables import is_empty_mark

    assert is_empty_mark(cell) is empty


ROW8 = "1\t建设快速路\t市交通运输局\t市财政局\t完成路基\t完成路面\t完成附属\t建成通车"
ROW5 = "1\t建设快速路\t市交通运输局\t市财政局\t2024年底"


@pytest.mark.parametrize(
    ("text", "names", "kinds"),
    [
        (  # the last cell spans four quarter columns
            f"序号\t重点任务\t牵头单位\t配合单位\t进度安排\n一季度\t二季度\t三季度\t四季度\n{ROW8}",
            ["序号", "重点任务", "牵头单位", "配合单位", "一季度", "二季度", "三季度", "四季度"],
            ["number", "task", "lead", "supporting", "extra", "extra", "extra", "extra"],
        ),
        (  # a role group in the middle spans the role columns
            f"序号\t重点任务\t责任分工\t完成时限\n牵头单位\t配合单位\n{ROW5}",
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["number", "task", "lead", "supporting", "deadline"],
        ),
    ],
)
def test_a_tab_header_over_two_rows(text: str, names: list[str], kinds: list[str]) -> None:
    header = header_at(list(paras(text)), 0)
    assert header is not None
    assert ([c.text for c in header.cells], header.kinds, header.end) == (names, kinds, 2)


HEADINGS_WITH_COUNTS = ["一、经济社会发展主要预期目标分解(11项)", "一、推进社会发展重点任务（20项）"]


@pytest.mark.parametrize("cell", HEADINGS_WITH_COUNTS)
def test_a_heading_with_a_count_in_brackets_is_no_column_name(cell: str) -> None:
    """A group row 一、…(11项) above one-line rows (045) is a heading, not a column with a remark."""
    from pipeline.structure.tables import header_kind

    assert header_kind(cell) is None


CATEGORY_ROWS = (
    "工作领域\t序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
    "一、稳住经济大盘\t1\t地区生产总值增长7%。\t区发改局\t区统计局\t2022年12月底前\n"
    "\t2\t落实税费支持政策。\t区财政局\t区税务局\t2022年6月底前\n"
    "二、提升城乡品质\t3\t建成第二污水处理厂。\t区住建局\t区水利局\t2022年9月底前\n"
    "\t4\t改造农村公路45公里。\t区交通运输局\t区财政局\t2022年11月底前\n"
)


@pytest.mark.parametrize("sep", ["\t", "    ", " "])
def test_a_category_cell_with_its_own_marker_opens_a_row_not_a_group_row(sep: str) -> None:
    """``一、稳住经济大盘<TAB>1<TAB>…`` is the first row of its group: the category cell (merged
    over the group's rows, written only in the first) is a heading, and the row is a task. Typed
    with spaces, the rows without a category cell start at their 序号."""
    from pipeline.runner import parse

    lines = CATEGORY_ROWS.splitlines()
    text = "\n".join(line.lstrip("\t").replace("\t", sep) for line in lines) + "\n"
    body = "关于印发重点工作任务分解表的通知\n\n" + text
    result = parse("t.txt", data=body.encode())
    got = [
        (t.number, t.text, [h.title for h in t.path], [u.name for u in t.lead_units]) for t in result.tasks
    ]
    assert got == [
        (1, "地区生产总值增长7%。", ["稳住经济大盘"], ["区发改局"]),
        (2, "落实税费支持政策。", ["稳住经济大盘"], ["区财政局"]),
        (3, "建成第二污水处理厂。", ["提升城乡品质"], ["区住建局"]),
        (4, "改造农村公路45公里。", ["提升城乡品质"], ["区交通运输局"]),
    ]


@pytest.mark.parametrize("rule", ["-" * 100, "=" * 60, "─" * 50, "━" * 50, "------+------+------+------"])
def test_a_space_aligned_table_with_typed_rules(rule: str) -> None:
    """A table typed with spaces: the header line is long only by its padding, and rules typed
    under the header, between groups and at the end are no rows."""
    from pipeline.runner import parse

    pad = " " * 40
    rows = [
        f"序号  工作任务{pad}责任单位{pad}完成时限",
        rule,
        "一、科技创新",
        f"1     新增省级研发平台15个{pad}市科技局、市发改委{pad}2025年12月底",
        f"2     重点产业链产值增长10%以上{pad}市工信局{pad}2025年11月底",
        rule,
        "二、民生事业",
        f"3     新增城镇就业4.5万人{pad}市人社局{pad}2025年12月底",
        rule,
        "抄送：市委办公室。",
    ]
    result = parse("t.txt", data=("关于印发重点目标任务责任分解表的通知\n\n" + "\n".join(rows)).encode())
    got = [
        (t.number, t.text, [h.title for h in t.path], [u.name for u in t.responsible_units])
        for t in result.tasks
    ]
    assert got == [
        (1, "新增省级研发平台15个", ["科技创新"], ["市科技局", "市发改委"]),
        (2, "重点产业链产值增长10%以上", ["科技创新"], ["市工信局"]),
        (3, "新增城镇就业4.5万人", ["民生事业"], ["市人社局"]),
    ]
