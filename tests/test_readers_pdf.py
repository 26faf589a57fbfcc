"""The PDF reader: paragraphs rebuilt from laid-out lines, furniture dropped, errors named.

Small PDFs are written by `tests/pdf_builder.py` (no font file needed); the fixture tests run
only where the shared fixtures are checked out beside the repository.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.document import Line, RawDocument, Table
from pipeline.errors import InputError, NeedsOcrError
from pipeline.readers import pdf, pdf_furniture, pdf_layout
from pipeline.readers.pdf_spacing import tidy
from tests.pdf_builder import (
    LEFT,
    PITCH,
    RULE_STYLES,
    SIZE,
    TOP,
    Box,
    Text,
    build_encrypted_pdf,
    build_pdf,
    footer,
    paragraph,
)

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"shared fixtures not found at {FIXTURES}")

TITLE = "测试县人民政府"
OPENING = [
    "根据《洛阳市人民政府关于政府工作报告提出的2021年重",
    "点工作任务分解的通知》精神，全年城镇新增就业人数达到",
    "1.6万人以上，能耗总量控制在2000万吨以内。",
]
TASK = [
    "1.瞄准定位，加强对接，高质量编制都市圈各项规划，年",
    "内形成以都市圈发展规划为统领、国土空间规划为基础、专",
]
TASK_PAGE2 = "项规划为支撑的一体化规划体系。"
LEAD = "牵头单位：县发改委、县自然资源局"


def _read(data: bytes, name: str = "notice.pdf") -> RawDocument:
    return pdf.read(Path(name), data, hashlib.sha256(data).hexdigest())


@pytest.fixture(scope="module")
def two_pages() -> RawDocument:
    page1 = [
        Text(240.0, TOP, TITLE, size=22.0),
        *paragraph(OPENING, TOP + 2 * PITCH),
        *paragraph(TASK, TOP + 6 * PITCH, ends=False),
        footer(1),
    ]
    page2 = [
        *paragraph([TASK_PAGE2], TOP, indent=False),
        *paragraph([LEAD], TOP + PITCH),
        footer(2),
    ]
    return _read(build_pdf([page1, page2]))


def test_paragraphs_rejoined(two_pages: RawDocument) -> None:
    texts = [b.text for b in two_pages.lines()]
    assert texts == [TITLE, "".join(OPENING), "".join(TASK) + TASK_PAGE2, LEAD]
    assert two_pages.pages == 2


def test_wrapped_line_starting_with_a_number_is_not_a_paragraph(two_pages: RawDocument) -> None:
    assert not any(b.text.startswith("1.6万人") for b in two_pages.lines())
    assert "达到1.6万人以上" in two_pages.lines()[1].text


def test_page_number_footer_dropped(two_pages: RawDocument) -> None:
    assert not any("—" in b.text for b in two_pages.lines())


def test_cjk_latin_gap_spaces_dropped(two_pages: RawDocument) -> None:
    assert "提出的2021年重" in two_pages.lines()[1].text
    assert " " not in "".join(b.text for b in two_pages.lines())


def test_paragraph_continues_across_page_break(two_pages: RawDocument) -> None:
    task = two_pages.lines()[2]
    assert task.text.endswith("专项规划为支撑的一体化规划体系。")
    assert task.loc.page == 1
    assert (task.loc.line_start, task.loc.line_end) == (5, 7)


def test_locations(two_pages: RawDocument) -> None:
    title, opening, _, lead = two_pages.lines()
    assert (title.loc.line_start, title.loc.line_end, title.loc.page) == (1, 1, 1)
    assert (opening.loc.line_start, opening.loc.line_end) == (2, 4)
    assert (lead.loc.line_start, lead.loc.page) == (8, 2)
    assert opening.loc.bbox is not None
    x0, top, x1, bottom = opening.loc.bbox
    assert x0 == pytest.approx(79.5, abs=0.5) and top == pytest.approx(TOP + 2 * PITCH, abs=1)
    assert x1 > 480 and bottom > top + 2 * PITCH


def test_markers_split_a_flush_left_document() -> None:
    """Without first-line indents, a full line followed by '2.' still ends the task."""
    lines = ["1.瞄准定位，加强对接，高质量编制都市圈各项规划，年内形", "成一体化规划体系。"]
    page = [
        *paragraph(lines[:1], TOP, indent=False),
        Text(79.5, TOP + PITCH, lines[1], justify_to=505.5),
        *paragraph(["2.扎实做好洛阳至巩义市域快轨前期工作。"], TOP + 2 * PITCH, indent=False),
        *paragraph([LEAD], TOP + 3 * PITCH, indent=False),
    ]
    texts = [b.text for b in _read(build_pdf([page])).lines()]
    assert texts == ["".join(lines), "2.扎实做好洛阳至巩义市域快轨前期工作。", LEAD]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("栾政〔2021〕2 号", "栾政〔2021〕2号"),
        ("并于每季度末月 30 日前", "并于每季度末月30日前"),
        ("5G 应用 and big data", "5G应用and big data"),
        ("1\x00.瞄准", "1.瞄准"),
        ("GDP\x002021", "GDP 2021"),
    ],
)
def test_tidy(raw: str, clean: str) -> None:
    assert tidy(raw) == clean


COLS = (79.5, 116.0, 340.0, 428.0, 521.5)  # 序号 | 工作任务 | 牵头单位 | 责任单位


def _row(top: float, bottom: float, texts: list[str]) -> tuple[list[Box], list[Text]]:
    """One table row: its cell borders and its cell texts, one line per cell (a merged row: one)."""
    edges = COLS if len(texts) > 1 else (COLS[0], COLS[-1])
    boxes = [(edges[i], top, edges[i + 1], bottom) for i in range(len(texts))]
    return boxes, [Text(b[0] + 2, top + 2, t, size=12.0) for b, t in zip(boxes, texts, strict=True) if t]


def _table_page(rows: list[list[str]], top: float) -> tuple[list[Box], list[Text]]:
    boxes: list[Box] = []
    texts: list[Text] = []
    for k, row in enumerate(rows):
        b, t = _row(top + 18 * k, top + 18 * (k + 1), row)
        boxes += b
        texts += t
    return boxes, texts


@pytest.mark.parametrize("rules", RULE_STYLES)
def test_table_over_two_pages(rules: str) -> None:
    """Header repeated on page 2 is dropped; the row split by the page break is joined back.
    The same for every way a writer draws the borders, the form XObject (read by pdfplumber)
    included."""
    header = ["序号", "工作任务", "牵头单位", "责任单位"]
    boxes1, texts1 = _table_page(
        [header, ["一、产业转型升级"], ["1", "培育壮大新兴产业", "县发改委", "各乡（镇）"]], 200.0
    )
    boxes2, texts2 = _table_page([header, ["", "集群发展。", "", "人民政府"], ["（二）交通"]], TOP)
    page1 = [*paragraph(["各乡（镇）人民政府："], TOP, indent=False), *texts1, footer(1)]
    page2 = [*texts2, Text(340.0, 400.0, "2021年3月25日"), footer(2)]
    doc = _read(build_pdf([page1, page2], cells=[boxes1, boxes2], rules=rules))
    assert [type(b) for b in doc.blocks] == [Line, Table, Line]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [
        header,
        ["一、产业转型升级"],
        ["1", "培育壮大新兴产业集群发展。", "县发改委", "各乡（镇）人民政府"],
        ["（二）交通"],
    ]
    assert table.rows[1][0].span == 4 and table.rows[2][0].span == 1
    assert (table.loc.page, table.loc.table) == (1, 1)
    assert (table.rows[3][0].loc.page, table.rows[3][0].loc.row) == (2, 4)


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(NeedsOcrError, match="no text layer"):
        _read(build_pdf([[], []], image=True), "scan.pdf")


def test_scan_with_only_page_numbers_needs_ocr() -> None:
    with pytest.raises(NeedsOcrError, match="OCR"):
        _read(build_pdf([[footer(1)], [footer(2)]], image=True), "scan.pdf")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", b"%PDF-1.4\n" + b"\x00" * 200],
    ids=["truncated", "garbage"],
)
def test_corrupt_pdf_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="damaged") as info:
        _read(data, "broken.pdf")
    assert not isinstance(info.value, NeedsOcrError)


def test_encrypted_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError, match="password"):
        _read(build_encrypted_pdf([[Text(100.0, TOP, TITLE)]]), "locked.pdf")


def _task_key(task: object) -> tuple[object, ...]:
    t = task
    return (
        getattr(t, "number", None),
        getattr(t, "text", None),
        [p.title for p in getattr(t, "path", [])],
        [u.name for u in getattr(t, "lead_units", [])],
        [u.name for u in getattr(t, "responsible_units", [])],
        [u.name for u in getattr(t, "supporting_units", [])],
    )


@needs_fixtures
def test_fixture_pdf_paragraphs_equal_source_lines() -> None:
    source = (FIXTURES / "luanzheng-2021-2.utf8.txt").read_text(encoding="utf-8")
    expected = [line.strip() for line in source.split("\n") if line.strip()]
    data = (FIXTURES / "luanzheng-2021-2.pdf").read_bytes()
    doc = _read(data)
    assert [b.text for b in doc.lines()] == expected
    assert doc.lines()[-1].loc.line_end is not None


def _expected_table_rows() -> list[list[str]]:
    """The source's 一、/（一） headings and tasks as the table .docx lays them out."""
    from pipeline.normalize import fold
    from pipeline.structure.outline import match_marker

    source = (FIXTURES / "luanzheng-2021-2.utf8.txt").read_text(encoding="utf-8")
    rows = [["序号", "工作任务", "牵头单位", "责任单位"]]
    for line in (ln.strip() for ln in source.split("\n") if ln.strip()):
        found = match_marker(fold(line))
        if line.startswith(("牵头单位：", "责任单位：")):
            rows[-1][2 if line.startswith("牵头") else 3] = line[5:]
        elif found and found[0].kind == "ar":
            rows.append([str(found[1]), line[found[2] :], "", ""])
        elif found:
            rows.append([line])
    return rows


@needs_fixtures
def test_fixture_table_pdf_blocks() -> None:
    doc = _read((FIXTURES / "luanzheng-2021-2.table.pdf").read_bytes())
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    table = tables[0]
    rows = [[c.text for c in row] for row in table.rows]
    expected = _expected_table_rows()
    assert len(rows) == len(expected) == 94
    for got, want in zip(rows, expected, strict=True):
        assert got == want
    merged = [row for row in table.rows if len(row) == 1]
    assert len(merged) == 43 and all(row[0].span == 4 for row in merged)
    assert table.loc.page == 2 and table.loc.table == 1
    assert [c.loc.row for c in table.rows[3]] == [4, 4, 4, 4]
    kinds = [type(b) for b in doc.blocks]
    assert kinds.index(Table) == 7 and kinds[8:] == [Line]  # preamble, table, date
    assert doc.blocks[-1].text == "2021年3月25日"  # type: ignore[union-attr]


def test_one_line_paragraphs_keep_their_breaks() -> None:
    """A table flattened into one-line paragraphs: nearly every line starts at the indent and ends
    short, one wrapped paragraph shows the margins; a serial "2" starting page 2 is not a page number."""
    cells = ["序号", "重点工作", "1", "城市更新", "市住房城乡建设局"]
    wrapped = ["《2022年城市建设管理重点工作任务清单》已经市人民政府同意，现印", "发给你们，请认真组织实施。"]
    page1 = [
        *paragraph(wrapped, TOP),
        *[t for k, c in enumerate(cells) for t in paragraph([c], TOP + (2 + k) * PITCH)],
        footer(1),
    ]
    page2 = [*paragraph(["2"], TOP), *paragraph(["推进背街小巷整治提升60条。"], TOP + PITCH), footer(2)]
    page3 = [*paragraph(["市城市管理局"], TOP), footer(3)]
    texts = [b.text for b in _read(build_pdf([page1, page2, page3])).lines()]
    assert texts == ["".join(wrapped), *cells, "2", "推进背街小巷整治提升60条。", "市城市管理局"]


def test_typed_space_between_cjk_kept() -> None:
    page = [*paragraph(["配合单位：县统计局 县发改局"], TOP)]
    assert [b.text for b in _read(build_pdf([page], spaces=True)).lines()] == ["配合单位：县统计局 县发改局"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("索引号: | 1133/2022 | 成文日期:", "索引号: | 1133/2022 | 成文日期:"),
        ("请认真贯彻执行。 2022年是开局之年", "请认真贯彻执行。 2022年是开局之年"),
        ("以上 牵头单位:县工信局", "以上 牵头单位:县工信局"),
        ("增长8% 牵头", "增长8% 牵头"),
        ("工业企业20 家", "工业企业20家"),
    ],
)
def test_tidy_keeps_typed_spaces_away_from_the_cjk_latin_gap(raw: str, clean: str) -> None:
    assert tidy(raw) == clean


@pytest.mark.parametrize("stretch", [0.0, 0.08, 0.2, 0.35])
@pytest.mark.parametrize(
    "line",
    [
        "推进5G基站建设，新建基站300个，覆盖率达到98.5%。",
        "平台地址https://data.example.gov.cn/v2/index.html，按季更新。",
        "举办Smart City Expo 2024和AI大会。",
        "编制GB/T 9704公文格式和ISO 9001手册。",
    ],
)
def test_spread_line_keeps_its_latin_runs_whole(line: str, stretch: float) -> None:
    """A justified or letter-spaced line moves every glyph apart by the same amount; the spaces the
    PDF library infers from those gaps inside '5G', '300' or a web address are not in the text,
    while the word spaces of a Latin phrase (a gap beyond the line's own spacing) stay."""
    natural = sum(1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in line) * 16.0
    right = 79.5 + natural + stretch * 16.0 * (len(line) - 1)
    page = [Text(79.5, TOP, line, size=16.0, justify_to=right), Text(79.5, TOP + PITCH, LEAD)]
    texts = [b.text for b in _read(build_pdf([page])).lines()]
    assert texts == [line, LEAD]


def _glyph_line(text: str, x: float, top: float, size: float = 16.0) -> list[pdf_layout.Glyph]:
    return [
        pdf_layout.Glyph(ch, x + k * size, top, x + (k + 1) * size, top + size, size)
        for k, ch in enumerate(text)
    ]


@pytest.mark.parametrize(
    ("later", "merged"),
    [
        (_glyph_line("“", 112.0, 100.5), True),  # inside the line's band and width
        (_glyph_line("县财政局", 300.0, 100.0), False),  # a cell right of the line's end
        (_glyph_line("县财政局", 80.0, 122.0), False),  # the next line
        (_glyph_line("此件公开", 96.0, 96.0, size=30.0), False),  # a stamp over the line, another size
    ],
)
def test_only_a_run_inside_a_lines_band_and_width_is_merged_into_it(
    later: list[pdf_layout.Glyph], merged: bool
) -> None:
    host = _glyph_line("牵头单位县发改委", 80.0, 100.0)
    lines = pdf_layout.glyphs_to_lines([*host, pdf_layout.Glyph("\n", 0, 0, 0, 0, 0), *later], 1)
    assert len(lines) == (1 if merged else 2)


def test_a_thin_first_glyph_does_not_cut_its_line() -> None:
    """A font without a FontBBox gives tight boxes: 一 is a 1.5-point stroke in the middle of the
    line, and the 、 after it (its middle lower) is on the same line."""
    one = pdf_layout.Glyph("一", 60.0, 103.0, 70.0, 104.5, 16.0)
    rest = _glyph_line("、聚力", 70.0, 100.0, size=10.0)
    lines = pdf_layout.glyphs_to_lines([one, *rest], 1)
    assert [line.text for line in lines] == ["一、聚力"]


def test_a_numbered_row_at_a_page_top_under_a_merged_category_is_a_new_row() -> None:
    """类别 merged down over a page break leaves the first cell of the next page's first row empty;
    that row is a new one when it holds its own 序号 (test_table_over_two_pages: a continuation
    has none)."""
    header = ["类别", "序号", "工作任务", "牵头单位"]
    boxes1, texts1 = _table_page([header, ["民生", "10", "新建学校18所。", "县教育局"]], 200.0)
    boxes2, texts2 = _table_page([header, ["", "11", "改造老旧小区。", "县住建局"]], TOP)
    doc = _read(build_pdf([[*texts1, footer(1)], [*texts2, footer(2)]], cells=[boxes1, boxes2]))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [[c.text for c in row] for row in table.rows] == [
        header,
        ["民生", "10", "新建学校18所。", "县教育局"],
        ["", "11", "改造老旧小区。", "县住建局"],
    ]


@pytest.mark.parametrize(
    ("text", "page", "furniture"),
    [
        ("临川区2024年优化营商环境重点任务分工方案 2/2", 2, True),
        ("临川区重点任务分工方案 第2页", 2, True),
        ("临川区重点任务分工方案 第2页共3页", 2, True),
        ("临川区重点任务分工方案 1/2", 2, False),  # another page's number: not this page's head
        ("新增学位2/3", 2, False),
        ("2/2", 2, False),  # a bare number is read by the page-number rule
    ],
)
def test_a_running_head_ending_in_its_own_page_number(text: str, page: int, furniture: bool) -> None:
    line = pdf_layout.PhysLine(page, _glyph_line(text, 80.0, 40.0))
    assert pdf_furniture._ends_in_own_page_number(line, 2 if "共3页" not in text else 3) is furniture


@pytest.mark.parametrize(
    ("above", "first", "goes_on"),
    [
        (["推进改革试点，2025年", "省发展改革委"], ["底前形成经验做法。", ""], True),
        (["推进改革试点。", "省发展改革委"], ["开展营商环境评价。", ""], False),  # the row above ended
        (["推进改革试点，2025年", "省发展改革委"], ["开展营商环境评价。", "省商务厅"], False),  # a whole row
        (["1", "推进改革试点，2025年", "省发改委"], ["2", "开展评价", ""], False),  # a serial: new row
    ],
)
def test_a_page_first_row_without_a_serial_goes_on_the_row_above(
    above: list[str], first: list[str], goes_on: bool
) -> None:
    from pipeline.readers import pdf_tables

    assert pdf_tables._goes_on(above, first) is goes_on


def test_a_cell_line_that_stops_short_ends_a_paragraph_of_the_cell() -> None:
    """县住房城乡建 / 设局 / 县城市管理局 in a cell 8 characters wide: two units, one per paragraph;
    …、各市 / （州）人民政府 breaks before a bracket: one name."""
    from pipeline.readers import pdf_tables

    box = (80.0, 100.0, 80.0 + 8 * 16.0, 200.0)
    lines = [
        pdf_layout.PhysLine(1, _glyph_line(t, 80.0, 100.0 + 20 * k))
        for k, t in enumerate(["县住房城乡建设", "局", "县城市管理局"])
    ]
    assert pdf_tables.cell_lines_to_text(lines, box) == "县住房城乡建设局\n县城市管理局"
    lines = [
        pdf_layout.PhysLine(1, _glyph_line(t, 80.0, 100.0 + 20 * k))
        for k, t in enumerate(["县财政局、各市", "（州）人民政府"])
    ]
    assert pdf_tables.cell_lines_to_text(lines, box) == "县财政局、各市（州）人民政府"


def test_a_ruled_unit_cell_merged_over_two_rows_is_each_rows(tmp_path: Path) -> None:
    """A unit cell merged down over two task rows, its text set in the middle (Word and Writer
    centre it vertically): both rows take it, as a .docx's vMerge gives it to both."""
    from pipeline import parse
    from tests.pdf_builder import Text, build_pdf

    cols = [80.0, 110.0, 330.0, 450.0, 520.0]
    tops = [120.0, 150.0, 190.0, 230.0]
    size = 10.5
    boxes = [
        (cols[c], tops[r], cols[c + 1], tops[r + 1]) for r in range(3) for c in range(4) if not (r and c == 2)
    ]
    boxes.append((cols[2], tops[1], cols[3], tops[3]))  # 责任单位 merged over rows 1 and 2
    lines = [Text(200, 80, "某某县2024年重点工作任务分解表", size=16)]
    for c, head in enumerate(["序号", "工作任务", "责任单位", "完成时限"]):
        lines.append(Text(cols[c] + 3, tops[0] + 8, head, size=size))
    for r, (serial, task, due) in enumerate(
        [("1", "新建幼儿园3所。", "6月底"), ("2", "新增学位900个。", "9月底")], 1
    ):
        lines += [
            Text(cols[0] + 3, tops[r] + 12, serial, size=size),
            Text(cols[1] + 3, tops[r] + 12, task, size=size),
        ]
        lines.append(Text(cols[3] + 3, tops[r] + 12, due, size=size))
    lines.append(Text(cols[2] + 3, (tops[1] + tops[3]) / 2 - 5, "县教育局", size=size))
    path = tmp_path / "merged.pdf"
    path.write_bytes(build_pdf([lines], cells=[boxes]))
    assert [(t.text, [u.name for u in t.responsible_units]) for t in parse(path).tasks] == [
        ("新建幼儿园3所。", ["县教育局"]),
        ("新增学位900个。", ["县教育局"]),
    ]


@pytest.mark.parametrize("sizes", [(842.0, 842.0, 595.0, 595.0), (842.0, 595.0, 842.0, 595.0)])
def test_a_page_number_on_a_page_of_another_size_is_furniture(sizes: tuple[float, ...]) -> None:
    """A portrait letter and its landscape attachment (a table, every cell inside the grid): the
    number at a landscape page's foot lies far above a portrait page's last line, yet outside the
    text block of its own page size (so the table's pages meet and join)."""
    lines = []
    for page, height in enumerate(sizes, start=1):
        lines.append(pdf_layout.PhysLine(page, _glyph_line("关于印发重点任务的通知", 90.0, 60.0)))
        lines.append(pdf_layout.PhysLine(page, _glyph_line("各乡镇人民政府：", 90.0, height - 160.0)))
        lines.append(pdf_layout.PhysLine(page, _glyph_line(f"— {page} —", 300.0, height - 60.0)))
    kept = {ln.text for ln in pdf_furniture.drop_furniture(lines, list(sizes))}
    assert not any("—" in t for t in kept)
    assert "各乡镇人民政府：" in kept


@pytest.mark.parametrize(("bottom", "starts"), [(354.0, True), (700.0, False), (742.0, False)])
def test_a_page_that_stops_early_ends_its_paragraph(bottom: float, starts: bool) -> None:
    """The last line of a page that stops lines above where its like end (the writer broke the
    page before 附件2) ends its paragraph, though it runs to the margin and 附件2 starts flush left;
    a page ending a line or two short (widow control) does not."""
    feet = pdf_layout.page_feet(
        [
            pdf_layout.PhysLine(1, _glyph_line("甲" * 28, 90.0, 726.0)),
            pdf_layout.PhysLine(2, _glyph_line("（牵头单位：市市场监督管理局）" * 2, 90.0, bottom - 16.0)),
            pdf_layout.PhysLine(3, _glyph_line("附件2", 90.0, 113.0)),
        ],
        [842.0, 842.0, 842.0],
    )
    prev = pdf_layout.PhysLine(2, _glyph_line("（牵头单位：市市场监督管理局）" * 2, 90.0, bottom - 16.0))
    line = pdf_layout.PhysLine(3, _glyph_line("附件2", 90.0, 113.0))
    layout = pdf_layout.Layout(90.0, prev.x1, 28.0, True, feet)
    assert pdf_layout.starts_paragraph(prev, line, layout) is starts


def test_a_wide_cell_of_short_lines_one_unit_per_line() -> None:
    """A cell 16 characters wide whose lines all stop short (one unit per paragraph, none wrapped):
    each line is a paragraph of its own, even with no full line to measure the cell's margins by;
    runs of one line set side by side (2023 | 年11 | 月, a font change) stay one line."""
    from pipeline.readers import pdf_tables

    box = (80.0, 100.0, 80.0 + 16 * 16.0 + 8.0, 200.0)
    lines = [
        pdf_layout.PhysLine(1, _glyph_line(t, 84.0, 100.0 + 20 * k))
        for k, t in enumerate(["县工业和信息化局", "县自然资源局", "县住房和城乡建设局"])
    ]
    assert pdf_tables.cell_lines_to_text(lines, box) == "县工业和信息化局\n县自然资源局\n县住房和城乡建设局"
    runs = [
        pdf_layout.PhysLine(1, _glyph_line(t, x, 100.0))
        for t, x in (("2023", 84.0), ("年11", 150.0), ("月", 200.0))
    ]
    assert pdf_tables.cell_lines_to_text(runs, box) == "2023年11月"


def _label_rows(labels: list[tuple[str, str]], top: float) -> list[Text]:
    """Label lines set with a tab stop: the label at the indent, its list 2 em after it."""
    out = []
    for k, (label, units) in enumerate(labels):
        x = LEFT + 2 * SIZE
        out += [Text(x, top + k * PITCH, label), Text(x + (len(label) + 2) * SIZE, top + k * PITCH, units)]
    return out


def test_a_tab_stops_gap_between_ideographs_is_a_space_and_label_lines_are_no_table() -> None:
    """牵头单位⇥县发改委 with nothing typed in the gap: the .docx's tab comes out as a space (the
    CJK/Latin autospace of 新建5G does not), and label lines around a task's own line, which
    crosses their gap, are label lines, not a table of two columns."""
    rows = [("牵头单位", "县发改委"), ("责任单位", "县统计局、县财政局"), ("完成时限", "2024年12月底")]
    page = [
        *paragraph(["1.新建5G基站300个。"], TOP),
        *_label_rows(rows, TOP + PITCH),
        *paragraph(["2.新增城镇就业2000人。"], TOP + 4 * PITCH),
        *_label_rows(rows[:2], TOP + 5 * PITCH),
    ]
    doc = _read(build_pdf([page]))
    assert not any(isinstance(b, Table) for b in doc.blocks)
    texts = [b.text for b in doc.lines()]
    assert "1.新建5G基站300个。" in texts
    assert "牵头单位 县发改委" in texts and "完成时限 2024年12月底" in texts


def test_letter_spaced_label_lines_are_no_table_and_wide_typed_spaces_stay() -> None:
    """牵 头 单 位    县教育局 typed with spaces: the gaps between a spread label's letters are no
    columns, and the run of spaces before the list (one character in pdfium's text, over the
    run's width) stays even before a figure (完成时限  2024年), where a one-space CJK/Latin gap goes."""
    lines = ["牵 头 单 位    县教育局", "责 任 单 位    县财政局", "完 成 时 限    2024年9月底"]
    page = [
        *paragraph(["1.新建改扩建幼儿园4所。"], TOP),
        *[Text(LEFT + 2 * SIZE, TOP + (k + 1) * PITCH, line) for k, line in enumerate(lines)],
        *paragraph(["2.改造30公里管网。"], TOP + 4 * PITCH),
        Text(LEFT + 2 * SIZE, TOP + 5 * PITCH, "完成时限  2024年10月底"),
    ]
    doc = _read(build_pdf([page], spaces=True))
    assert not any(isinstance(b, Table) for b in doc.blocks)
    texts = [b.text for b in doc.lines()]
    assert "牵 头 单 位 县教育局" in texts and "完成时限 2024年10月底" in texts
    assert "2.改造30公里管网。" in texts
