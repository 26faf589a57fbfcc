"""Pages set in text columns (pdf_page_columns): a gazette's two or three columns are read one
after the other, a paragraph goes on from the foot of one column to the head of the next, a
masthead across the page stays one line, and a table whose two wide columns both hold prose, row
beside row, is still a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import parse as parse_file
from pipeline.readers import pdf_layout, pdf_page_columns
from tests.pdf_builder import Text, build_pdf

SIZE, PITCH, TOP, BOTTOM = 10.5, 17.5, 120.0, 760.0

PARAGRAPHS = [
    "某某市2023年乡村振兴重点工作责任分工",
    "一、巩固拓展脱贫攻坚成果",
    "（一）健全防止返贫动态监测和帮扶机制，对易返贫致贫人口及时发现、及时帮扶，守住不发生规模性返贫底线。"
    "（牵头单位：市乡村振兴局；配合单位：市民政局、市医保局）",
    "（二）加强扶贫项目资产管理和监督，分类摸清各类扶贫项目形成的资产底数，建立健全资产管理台账。"
    "（牵头单位：市乡村振兴局、市财政局；配合单位：市审计局）",
    "（三）持续做好易地扶贫搬迁后续扶持工作，完善安置区配套设施和公共服务，帮助搬迁群众稳定就业。"
    "（牵头单位：市发展改革委；配合单位：市住房城乡建设局、市教育局）",
    "二、提升粮食和重要农产品供给保障能力",
    "（一）落实粮食安全党政同责，全市粮食播种面积稳定在185万亩以上，粮食总产量稳定在60万吨以上。"
    "（牵头单位：市农业农村局；配合单位：市发展改革委、市粮食和储备局）",
    "（二）新建高标准农田12万亩，完成年度耕地质量提升任务，坚决遏制耕地非农化、防止耕地非粮化。"
    "（牵头单位：市农业农村局；配合单位：市财政局、市自然资源局）",
    "（三）加快生猪产能恢复，年末生猪存栏稳定在62万头以上，规模养殖比重提高到65%。"
    "（牵头单位：市农业农村局；配合单位：市市场监管局、市生态环境局）",
    "三、实施乡村建设行动",
    "（一）加快编制村庄规划，年底前实现有条件有需求的村庄规划应编尽编，统筹县域城镇和村庄布局。"
    "（牵头单位：市自然资源局；配合单位：市农业农村局、市住房城乡建设局）",
    "（二）实施农村公路提质改造工程，完成农村公路建设改造300公里，推进城乡客运一体化。"
    "（牵头单位：市交通运输局；配合单位：市财政局、各县（市、区）人民政府）",
    "（三）推进农村供水保障工程，农村自来水普及率达到92%，规模化供水工程覆盖人口比例达到60%。"
    "（牵头单位：市水利局；配合单位：市卫生健康委、市生态环境局）",
    "（四）实施数字乡村建设工程，行政村5G网络覆盖率达到60%，推进涉农数据资源共享。"
    "（牵头单位：市工业和信息化局；配合单位：市农业农村局）",
]


def _flow(paragraphs: list[str], columns: list[tuple[float, float]], top: float = TOP) -> list[Text]:
    """Typeset paragraphs into columns (x0, x1) like a gazette: justified lines of whole
    characters, a 2-character first-line indent, the next column when one is full."""
    out: list[Text] = []
    col, y = 0, top
    for para in paragraphs:
        x0, x1 = columns[col]
        per_line = int((x1 - x0) // SIZE)
        rest, first = para, True
        while rest:
            x0, x1 = columns[col]
            indent = 2 * SIZE if first else 0.0
            n = per_line - (2 if first else 0)
            while n < len(rest) and rest[n - 1 : n + 1].isascii() and rest[n - 1 : n + 1].isalnum():
                n -= 1  # no engine breaks inside 5G or 2023
            chunk, rest = rest[:n], rest[n:]
            out.append(Text(x0 + indent, y, chunk, size=SIZE, justify_to=x1 - SIZE if rest else None))
            first = False
            y += PITCH
            if y > BOTTOM:
                col, y = col + 1, top
    return out


def _parse(tmp_path: Path, pages: list[list[Text]]) -> Any:
    path = tmp_path / "gazette.pdf"
    path.write_bytes(build_pdf(pages))
    return parse_file(path)


def _expected() -> list[str]:
    return [p[3:] for p in PARAGRAPHS if p.startswith("（")]


MASTHEAD = [Text(57, 60, "某某市人民政府公报", size=SIZE), Text(470, 60, "2023年第2期", size=SIZE)]


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    lines = _flow(PARAGRAPHS, [(57.0, 277.0), (312.0, 532.0)])
    assert max(t.x for t in lines) > 300  # the text did go on in the second column
    result = _parse(tmp_path, [[*MASTHEAD, *lines]])
    texts = [t.text.split("（牵头单位")[0] for t in result.tasks]
    assert texts == [e.split("（牵头单位")[0] for e in _expected()]
    assert [u.name for u in result.tasks[-1].lead_units] == ["市工业和信息化局"]
    assert [u.name for u in result.tasks[6].supporting_units] == ["市农业农村局", "市住房城乡建设局"]


def test_a_paragraph_goes_on_from_one_column_to_the_next(tmp_path: Path) -> None:
    """Cut so that a task's lines fall at the foot of the first column and the head of the second."""
    lines = _flow(PARAGRAPHS, [(57.0, 277.0), (312.0, 532.0)], top=TOP + 5 * PITCH)
    first_right = min((t for t in lines if t.x > 300), key=lambda t: t.top)
    assert first_right.x == 312.0  # the second column starts inside a paragraph, not at an indent
    result = _parse(tmp_path, [[*MASTHEAD, *lines]])
    assert [t.text.split("（牵头单位")[0] for t in result.tasks] == [
        e.split("（牵头单位")[0] for e in _expected()
    ]


def test_three_columns(tmp_path: Path) -> None:
    lines = _flow(PARAGRAPHS, [(40.0, 215.0), (228.0, 403.0), (416.0, 591.0)], top=TOP + 200)
    assert {round(t.x) for t in lines} >= {40, 228, 416}
    result = _parse(tmp_path, [[*MASTHEAD, *lines]])
    assert len(result.tasks) == len(_expected())
    assert all(t.lead_units for t in result.tasks)


def _glyphs(text: str, x: float, top: float, width: float | None = None) -> list[pdf_layout.Glyph]:
    step = (width - SIZE) / (len(text) - 1) if width and len(text) > 1 else SIZE
    return [
        pdf_layout.Glyph(ch, x + k * step, top, x + k * step + SIZE, top + SIZE, SIZE)
        for k, ch in enumerate(text)
    ]


LETTER = [
    "各乡镇人民政府，县直各单位：为全面完成县十九届人大四次会议确定的各项目标任务，经县政府研究，现将",
    "2023年全县重点工作任务分解如下，请各牵头单位、配合单位对照任务，细化措施，压实责任，确保各项工作",
    "落地见效，每季度末将推进情况报县政府督查室，县政府将适时组织督查，对工作不力的予以通报批评，切实",
    "推动各项任务按期完成。",
]


def test_a_section_in_columns_under_a_one_column_letter(tmp_path: Path) -> None:
    """A Word section break: the letter runs across the page (more lines than a gutter allows),
    then the tasks go on in two columns; each column is read whole, the letter first."""
    letter = [Text(57.0, TOP + k * PITCH, line, size=SIZE) for k, line in enumerate(LETTER * 3)]
    lines = _flow(PARAGRAPHS[:6], [(57.0, 277.0), (312.0, 532.0)], top=BOTTOM - 7 * PITCH)
    assert sum(t.x > 300 for t in lines) >= 8 and sum(t.x < 300 for t in lines) >= 8
    assert len(letter) > 0.2 * (len(letter) + len(lines))  # too many across the page for one gutter
    result = _parse(tmp_path, [[*letter, *lines]])
    assert [t.text.split("（牵头单位")[0] for t in result.tasks] == [
        p[3:].split("（牵头单位")[0] for p in PARAGRAPHS[:6] if p.startswith("（")
    ]


def test_a_label_after_an_open_bracket_goes_on_inside_it() -> None:
    """…（责任领导：王丽； at a full line's end, 责任单位：… on the next: one paragraph."""
    layout = pdf_layout.Layout(left=57.0, right=277.0, pitch=PITCH, indents=False)
    opened = "8.做好城乡居民医保参保工作。（责任领导：王丽；"
    shut = opened[:-1] + "）"
    prev = pdf_layout.PhysLine(1, _glyphs(opened, 57.0, 100.0, 220.0))
    line = pdf_layout.PhysLine(1, _glyphs("责任单位：镇社会事务办）", 57.0, 100.0 + PITCH))
    assert not pdf_layout.starts_paragraph(prev, line, layout)
    closed = pdf_layout.PhysLine(1, _glyphs(shut, 57.0, 100.0, 220.0))
    assert pdf_layout.starts_paragraph(closed, line, layout)


def test_a_table_of_two_prose_columns_row_beside_row_is_not_set_in_columns() -> None:
    """工作任务 | 工作措施, both wide and wrapped, each row starting on both sides at one height."""
    lines: list[pdf_layout.PhysLine] = []
    top = 100.0
    for row in range(8):
        height = 2 + row % 3  # rows of 2 to 4 lines, both cells as tall: each side is filled
        for x in (57.0, 312.0):
            for k in range(height):
                full = k < height - 1
                text = "推进重点项目建设加快形成实物工作量确保年度投资目标完成"[: 20 if full else 9]
                lines.append(
                    pdf_layout.PhysLine(1, _glyphs(text, x, top + k * PITCH, 220.0 if full else None))
                )
        top += height * PITCH
    left = [ln for ln in lines if ln.x0 < 300]
    right = [ln for ln in lines if ln.x0 > 300]
    assert pdf_page_columns._running_text(left, SIZE) and pdf_page_columns._running_text(right, SIZE)
    assert pdf_page_columns.page_to_columns(lines) == lines  # the rows start side by side
    assert all(ln.column == 0 for ln in lines)


def test_a_single_column_page_is_unchanged() -> None:
    lines = [
        pdf_layout.PhysLine(
            1, _glyphs("推进重点项目建设加快形成实物工作量确保年度投资目标完成", 57.0, 100 + k * PITCH, 470.0)
        )
        for k in range(30)
    ]
    assert pdf_page_columns.page_to_columns(lines) == lines
