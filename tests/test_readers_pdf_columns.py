"""PDF tables without vertical rules (pdf_columns): columns from the whitespace, rows from rules,
serials, spacing or wraps. Each case is one member of the class: a 三线表, rules under every row,
no rules at all with rows set apart by spacing or at one pitch, a group row across the table, a
table going on over a page, and running text that must stay text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import parse as parse_file
from pipeline.readers import pdf, pdf_columns, pdf_layout, pdf_visual_lines
from tests.pdf_builder import Text, build_pdf

SIZE, PITCH = 10.5, 16.0
TITLE = Text(200, 80, "某某县2024年重点工作任务分解表", size=16)
Row = tuple[list[str], ...]
TaskView = tuple[str, list[str], list[str], str | None]  # text, lead, responsible, deadline

SERIAL_ROWS: list[Row] = [
    (["序", "号"], ["工作任务"], ["责任单位"], ["完成", "时限"]),
    (["1"], ["推进高标准农田建设，新建高标准", "农田2万亩。"], ["县农业农村局", "县财政局"], ["2024年底"]),
    (["2"], ["实施城区老旧小区改造，完成改造", "小区12个，惠及居民3000户。"], ["县住建局"], ["10月底"]),
    (["3"], ["加快建设县第二人民医院。"], ["县卫健委", "县发改委"], ["2024年底"]),
]
SERIAL_COLS = [80.0, 120.0, 330.0, 450.0]
PLAIN_ROWS: list[Row] = [
    (["工作任务"], ["牵头单位"], ["责任单位"]),
    (["推进高标准农田建设，新建高标准农", "田2万亩。"], ["县农业农村局"], ["县财政局", "县自然资源局"]),
    (["实施城区老旧小区改造，完成改造小", "区12个。"], ["县住建局"], ["各乡镇人民政府"]),
    (["加快建设县第二人民医院。"], ["县卫健委"], ["县发改委"]),
]
PLAIN_COLS = [80.0, 300.0, 410.0]


def _table(
    rows: list[Row], cols: list[float], top: float, *, rules: str = "none", row_gap: float = 8.0
) -> tuple[list[Text], list[tuple[float, float, float, float]], float]:
    """Lines of the table's cells and its horizontal rules (zero-height boxes), and where it ends.
    `rules`: none, three (above and below the header, below the table) or rows (under every row)."""
    lines: list[Text] = []
    hlines: list[float] = []
    for r, cells in enumerate(rows):
        if rules == "rows" or (rules == "three" and r in (0, 1)):
            hlines.append(top - 4)
        height = max(len(c) for c in cells)
        for i in range(height):
            lines += [
                Text(x, top + i * PITCH, c[i], size=SIZE)
                for c, x in zip(cells, cols, strict=False)
                if i < len(c)
            ]
        top += height * PITCH + row_gap
    if rules != "none":
        hlines.append(top - 4)
    return lines, [(cols[0] - 4, y, 525.0, y) for y in hlines], top


def _parse(tmp_path: Path, pages: list[list[Text]], rules: list[list[Any]] | None = None) -> Any:
    path = tmp_path / "notice.pdf"
    path.write_bytes(build_pdf(pages, cells=rules, rules="lines"))
    return parse_file(path)


def _tasks(result: Any) -> list[TaskView]:
    return [
        (
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.responsible_units],
            t.deadline.raw if t.deadline else None,
        )
        for t in result.tasks
    ]


SERIAL_TASKS: list[TaskView] = [
    ("推进高标准农田建设，新建高标准农田2万亩。", [], ["县农业农村局", "县财政局"], "2024年底"),
    ("实施城区老旧小区改造，完成改造小区12个，惠及居民3000户。", [], ["县住建局"], "10月底"),
    ("加快建设县第二人民医院。", [], ["县卫健委", "县发改委"], "2024年底"),
]
PLAIN_TASKS: list[TaskView] = [
    ("推进高标准农田建设，新建高标准农田2万亩。", ["县农业农村局"], ["县财政局", "县自然资源局"], None),
    ("实施城区老旧小区改造，完成改造小区12个。", ["县住建局"], ["各乡镇人民政府"], None),
    ("加快建设县第二人民医院。", ["县卫健委"], ["县发改委"], None),
]


def test_borderless_table_with_serials_and_wrapped_header(tmp_path: Path) -> None:
    lines, _, _ = _table(SERIAL_ROWS, SERIAL_COLS, 120)
    result = _parse(tmp_path, [[TITLE, *lines]])
    assert _tasks(result) == SERIAL_TASKS
    assert [t.number for t in result.tasks] == [1, 2, 3]


def test_three_line_table_and_the_heading_under_it_stays_text(tmp_path: Path) -> None:
    lines, hlines, end = _table(SERIAL_ROWS, SERIAL_COLS, 120, rules="three")
    after = [
        Text(80, end + 12, "二、工作要求", size=SIZE),
        Text(101, end + 28, "各单位按时报送进展情况。", size=SIZE),
    ]
    path = tmp_path / "notice.pdf"
    path.write_bytes(build_pdf([[TITLE, *lines, *after]], cells=[hlines], rules="lines"))
    assert _tasks(parse_file(path)) == SERIAL_TASKS
    texts = [b.text for b in pdf.read(path, path.read_bytes(), "x").blocks if hasattr(b, "text")]
    assert "二、工作要求" in texts


def test_rules_under_every_row_without_serials(tmp_path: Path) -> None:
    lines, hlines, _ = _table(PLAIN_ROWS, PLAIN_COLS, 120, rules="rows")
    assert _tasks(_parse(tmp_path, [[TITLE, *lines]], [hlines])) == PLAIN_TASKS


def test_rows_set_apart_by_spacing(tmp_path: Path) -> None:
    lines, _, _ = _table(PLAIN_ROWS, PLAIN_COLS, 120, row_gap=10)
    assert _tasks(_parse(tmp_path, [[TITLE, *lines]])) == PLAIN_TASKS


def test_rows_at_one_pitch_split_where_the_first_column_stops(tmp_path: Path) -> None:
    lines, _, _ = _table(PLAIN_ROWS, PLAIN_COLS, 120, row_gap=0)
    assert _tasks(_parse(tmp_path, [[TITLE, *lines]])) == PLAIN_TASKS


def test_group_row_across_the_table_is_one_cell(tmp_path: Path) -> None:
    group: Row = (["一、持续优化营商环境，打造市场化法治化国际化一流营商环境"],)
    rows = [*SERIAL_ROWS[:2], group, *SERIAL_ROWS[2:]]
    lines, _, _ = _table(rows, SERIAL_COLS, 120)
    path = tmp_path / "notice.pdf"
    path.write_bytes(build_pdf([[TITLE, *lines]]))
    tables = [b for b in pdf.read(path, path.read_bytes(), "x").blocks if hasattr(b, "rows")]
    assert len(tables) == 1
    texts = [[c.text for c in row] for row in tables[0].rows]
    assert [group[0][0]] in texts
    assert texts[-1][:3] == ["3", "加快建设县第二人民医院。", "县卫健委县发改委"]  # split by the unit grammar
    assert _tasks(parse_file(path)) == SERIAL_TASKS


def test_table_going_on_over_a_page_without_its_header(tmp_path: Path) -> None:
    cut: Row = (["3"], ["推进县城污水管网改造工程建设，新"], ["县城管局"], ["2024年底"])
    first, _, _ = _table([*SERIAL_ROWS[:3], cut], SERIAL_COLS, 120)
    rest: list[Row] = [
        ([], ["建管网20公里。"], [], []),  # the rest of row 3, at the top of page 2
        (["4"], ["新建城乡公交线路12条。"], ["县交通运输局"], ["6月底"]),
        (["5"], ["推进县城供水管网改造。"], ["县水利局"], ["9月底"]),
    ]
    second, _, _ = _table(rest, SERIAL_COLS, 100)
    result = _parse(tmp_path, [[TITLE, *first], second])
    assert [(t.number, t.text) for t in result.tasks] == [
        (1, SERIAL_TASKS[0][0]),
        (2, SERIAL_TASKS[1][0]),
        (3, "推进县城污水管网改造工程建设，新建管网20公里。"),
        (4, "新建城乡公交线路12条。"),
        (5, "推进县城供水管网改造。"),
    ]


def test_running_text_with_spaced_labels_is_no_table() -> None:
    lines = [
        Text(80, 100, "一、推进高标准农田建设，新建高标准农田2万亩，提升耕地质量。", size=16),
        Text(80, 129, "牵头单位：县农业农村局        责任单位：县财政局", size=16),
        Text(80, 158, "二、实施城区老旧小区改造，完成改造小区12个。", size=16),
        Text(80, 187, "牵头单位：县住建局        责任单位：各乡镇人民政府", size=16),
        Text(80, 216, "三、加快建设县第二人民医院。", size=16),
        Text(80, 245, "牵头单位：县卫健委        责任单位：县发改委", size=16),
        Text(362, 300, "某某县人民政府", size=16),
        Text(380, 329, "2024年2月1日", size=16),
    ]
    glyphs = _glyphs(build_pdf([lines]))
    assert pdf_columns.lines_to_grids(pdf_layout.glyphs_to_lines(glyphs, 1), []) == []


def test_a_date_set_right_ends_its_paragraph_before_the_next_page(tmp_path: Path) -> None:
    page_one = [
        Text(80, 100, "各乡镇人民政府，县直各单位：", size=16),
        Text(112, 129, "现将任务分解表印发给你们，请认真贯彻落实。", size=16),
        Text(362, 200, "某某县人民政府", size=16),
        Text(380, 229, "2024年2月1日", size=16),
    ]
    page_two = [Text(80, 100, "附件", size=16), Text(112, 129, "某某县2024年重点工作任务分解表", size=16)]
    path = tmp_path / "notice.pdf"
    path.write_bytes(build_pdf([page_one, page_two]))
    texts = [b.text for b in pdf.read(path, path.read_bytes(), "x").blocks if hasattr(b, "text")]
    assert "2024年2月1日" in texts and "附件" in texts


def _glyphs(data: bytes) -> list[pdf_layout.Glyph]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        doc = pdf._open(Path(f.name), data)
        try:
            pages, _ = pdf._read_pages(Path(f.name), doc)
        finally:
            doc.close()
    return pages[0].glyphs


def test_two_line_header_with_a_parent_over_two_columns(tmp_path: Path) -> None:
    """责任单位 set over 牵头单位 | 配合单位: the body's gaps split the parent's column in two."""
    lines = [
        TITLE,
        Text(82, 120, "序", size=SIZE),
        Text(150, 120, "工作任务", size=SIZE),
        Text(340, 120, "责任单位", size=SIZE),  # centred over its two columns
        Text(480, 120, "完成", size=SIZE),
        Text(82, 136, "号", size=SIZE),
        Text(300, 136, "牵头单位", size=SIZE),
        Text(380, 136, "配合单位", size=SIZE),
        Text(480, 136, "时限", size=SIZE),
    ]
    rows: list[Row] = [
        (["1"], ["开展安全生产专项整治三年行动。"], ["县应急管理局"], ["县安委办"], ["4月底"]),
        (["2"], ["开展危险化学品企业安全风险排", "查治理。"], ["县应急管理局"], ["县工信局"], ["9月底"]),
        (["3"], ["深化道路交通安全综合治理。"], ["县公安局"], ["县交通运输局"], ["全年"]),
    ]
    body, _, _ = _table(rows, [82.0, 104.0, 300.0, 380.0, 480.0], 160)
    result = _parse(tmp_path, [[*lines, *body]])
    assert [
        (t.text, [u.name for u in t.lead_units], [u.name for u in t.supporting_units]) for t in result.tasks
    ] == [
        ("开展安全生产专项整治三年行动。", ["县应急管理局"], ["县安委办"]),
        ("开展危险化学品企业安全风险排查治理。", ["县应急管理局"], ["县工信局"]),
        ("深化道路交通安全综合治理。", ["县公安局"], ["县交通运输局"]),
    ]


def test_header_repeated_over_the_rest_of_a_cut_row(tmp_path: Path) -> None:
    cut: Row = (["3"], ["推进县城污水管网改造工程建设，新"], ["县城管局"], ["2024年底"])
    first, _, _ = _table([*SERIAL_ROWS[:3], cut], SERIAL_COLS, 120)
    rest: list[Row] = [
        SERIAL_ROWS[0],  # the header again at the top of the page
        ([], ["建管网20公里。"], ["县住建局"], []),  # the rest of row 3, a unit under its column
        (["4"], ["新建城乡公交线路12条。"], ["县交通运输局"], ["6月底"]),
    ]
    second, _, _ = _table(rest, SERIAL_COLS, 100)
    result = _parse(tmp_path, [[TITLE, *first], second])
    assert [(t.number, t.text, [u.name for u in t.responsible_units]) for t in result.tasks][2:] == [
        (3, "推进县城污水管网改造工程建设，新建管网20公里。", ["县城管局", "县住建局"]),
        (4, "新建城乡公交线路12条。", ["县交通运输局"]),
    ]


NARROW_ROWS: list[Row] = [
    (["序号"], ["工作任务"], ["责任领导"], ["牵头单位"], ["完成时限"]),
    (["1"], ["推进高标准农田建设，新建高", "标准农田2万亩。"], ["张伟"], ["县农业农村局"], ["12月"]),
    (["2"], ["实施城区老旧小区改造，完成", "改造小区12个。"], ["李明"], ["县住建局"], ["10月"]),
    (["3"], ["加快建设县第二人民医院。"], ["王芳"], ["县卫健委"], ["12月"]),
]


def test_cells_of_narrow_padding_and_a_header_over_the_gap(tmp_path: Path) -> None:
    """Writer's default cell padding (0.1 cm) leaves 5.6 pt between two cells' text, less than a
    word space in a line of text; and 序号, centred over its column of serials, ends 2 pt before
    the task text. The gaps are cells where the text layer has no typed space in them."""
    pad = 5.6
    task_x = 84 + 2 * SIZE + 2  # 序号 ends 2 pt before the task column's text
    leader_x = task_x + 13 * SIZE + pad  # after a full task line of 13 characters
    lead_x = leader_x + 4 * SIZE + pad  # after 责任领导
    due_x = lead_x + 6 * SIZE + pad  # after 县农业农村局
    lines, _, _ = _table(NARROW_ROWS, [88.0, task_x, leader_x, lead_x, due_x], 120)
    centred = {"序号": 84.0, "工作任务": task_x + 4.5 * SIZE}  # header names centred over their columns
    lines = [Text(centred[ln.text], ln.top, ln.text, size=SIZE) if ln.text in centred else ln for ln in lines]
    result = _parse(tmp_path, [[TITLE, *lines]])
    assert [
        (t.number, t.text, [u.name for u in t.lead_units], t.deadline.raw if t.deadline else None)
        for t in result.tasks
    ] == [
        (1, "推进高标准农田建设，新建高标准农田2万亩。", ["县农业农村局"], "12月"),
        (2, "实施城区老旧小区改造，完成改造小区12个。", ["县住建局"], "10月"),
        (3, "加快建设县第二人民医院。", ["县卫健委"], "12月"),
    ]
    assert [[p.raw for p in t.leaders] for t in result.tasks] == [["张伟"], ["李明"], ["王芳"]]


def test_a_typed_space_narrower_than_a_cell_gap_stays_inside_its_text() -> None:
    """2024年 度 with a typed space is one cell however the gap compares with narrow padding."""
    glyphs = [
        pdf_layout.Glyph(ch, x, 100.0, x + SIZE, 100.0 + SIZE, SIZE)
        for ch, x in [("工", 80.0), ("作", 90.5), ("要", 107.0), ("点", 117.5)]
    ]
    space = pdf_layout.Glyph(" ", 101.0, 100.0, 106.0, 100.0 + SIZE, SIZE)
    typed = pdf_visual_lines.visual_lines([pdf_layout.PhysLine(1, [*glyphs[:2], space, *glyphs[2:]])])
    inferred = pdf_visual_lines.visual_lines(
        [pdf_layout.PhysLine(1, [*glyphs[:2], space._replace(generated=True), *glyphs[2:]])]
    )
    assert [s[2] for s in typed[0].segments] == ["工作要点"]
    assert [s[2] for s in inferred[0].segments] == ["工作", "要点"]
