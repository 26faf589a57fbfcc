"""The .docx reader: paragraphs, tables, Word list numbering, and what it leaves out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.document import Line, RawDocument, Table
from pipeline.errors import InputError
from pipeline.readers import docx as docx_reader
from pipeline.readers import read
from pipeline.readers.docx_numbering import Numbering, format_number
from schemas.notice import Location, SourceFormat
from tests.docx_builder import build_notice_docx, renumber_docx

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
needs_fixtures = pytest.mark.skipif(not FIXTURES.exists(), reason="shared fixtures not present")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    return read(build_notice_docx(tmp_path_factory.mktemp("docx") / "notice.docx"))


def test_paragraphs_in_order_with_auto_numbering(notice: RawDocument) -> None:
    lines = [(b.loc.paragraph, b.text) for b in notice.blocks if isinstance(b, Line)]
    assert lines == [
        (1, "栾政〔2021〕2号"),
        (2, ""),
        (3, "关于做好重点工作任务分解的通知"),  # w:del left out, w:ins kept
        (4, "一、全面提速建设现代化都市圈"),
        (5, "（一）坚持规划先行"),
        (6, "1.瞄准定位，加强对接。"),
        (7, "牵头单位：县发改委"),  # a soft line break (w:br) cuts the paragraph into lines
        (7, "责任单位：县交通运输局"),
        (8, "2.扎实做好前期工作。"),
        (9, "（二）推动交通设施互联互通"),
        (10, "3.建成投用项目。"),
        (11, "二、持续深化改革"),
        (12, "（三）深化重点领域改革"),
        (13, "4.推进改革任务。"),
        (14, "成文日期：2021年3月25日"),  # field result kept, field code dropped
        (15, "附："),
        (15, "文本框内容"),  # the text box once, though stored in mc:Choice and mc:Fallback
        (16, "栾川县人民政府\t2021年3月25日"),
    ]
    assert notice.format is SourceFormat.docx and notice.encoding is None


def test_headers_footers_and_field_codes_left_out(notice: RawDocument) -> None:
    texts = [b.text for b in notice.blocks if isinstance(b, Line)]
    joined = "\n".join(texts)
    for absent in ("栾川县人民政府办公室", "PAGE", "DATE", "— 1 —", "旧的"):
        assert absent not in joined, absent


def test_table_between_paragraphs_with_merges(notice: RawDocument) -> None:
    kinds = [type(b).__name__ for b in notice.blocks]
    assert kinds.index("Table") == 14  # after paragraph 13 (paragraph 7 is two lines), before 14
    table = notice.blocks[14]
    assert isinstance(table, Table) and table.loc == Location(table=1)
    assert [[(c.text, c.span, c.continued) for c in row] for row in table.rows] == [
        [("序号", 1, False), ("工作任务", 1, False), ("牵头单位", 1, False)],
        [("一、全面提速建设现代化都市圈", 3, False)],
        [("1", 1, False), ("瞄准定位\n第二段", 1, False), ("县发改委", 1, False)],
        [("2", 1, False), ("扎实做好", 1, False), ("县交通运输局", 1, False)],
        [("3", 1, False), ("建成投用", 1, False), ("", 1, True)],
    ]
    assert [row[0].loc for row in table.rows] == [Location(table=1, row=r) for r in range(1, 6)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not a zip at all", "not a zip archive"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a zip archive"),
    ],
)
def test_unreadable_files_are_input_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "broken.docx"
    with pytest.raises(InputError, match=f"cannot read as .docx: {reason}"):
        docx_reader.read(path, data, "0" * 64)


def test_zip_without_word_document_is_an_input_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"broken\.docx: cannot read as \.docx: "):
        docx_reader.read(tmp_path / "broken.docx", buffer.getvalue(), "0" * 64)


def test_truncated_docx_is_an_input_error(tmp_path: Path) -> None:
    data = build_notice_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cannot read as \.docx"):
        read(path)


# --- Word list numbering ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (10, "chineseCounting", "十"),
        (21, "chineseCounting", "二十一"),
        (33, "chineseCountingThousand", "三十三"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (23, "decimalEnclosedCircle", "㉓"),
        (28, "upperLetter", "BB"),
        (3, "lowerLetter", "c"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (12, "decimalFullWidth", "１２"),
        (7, "noSuchFormat", "7"),
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def _numbering(abstract: str, nums: str, styles: str = "") -> Numbering:
    numbering = etree.fromstring(f"<w:numbering {W_NS}>{abstract}{nums}</w:numbering>")
    style_xml = etree.fromstring(f"<w:styles {W_NS}>{styles}</w:styles>")
    return Numbering(numbering, style_xml)


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _ppr(num_id: str | None = None, ilvl: int | None = None, style: str | None = None) -> etree._Element:
    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        inner += f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'
    return etree.fromstring(f"<w:pPr {W_NS}>{inner}</w:pPr>")


OUTLINE = (
    '<w:abstractNum w:abstractNumId="1">'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%1.%2.%3", '<w:isLgl/><w:suff w:val="space"/>')
    + "</w:abstractNum>"
)


def test_deeper_levels_restart_when_a_shallower_level_advances() -> None:
    numbering = _numbering(OUTLINE, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    levels = [0, 1, 1, 2, 0, 1, 2, 2]
    assert [numbering.marker(_ppr("1", i)) for i in levels] == [
        "一、", "（一）", "（二）", "1.2.1 ", "二、", "（一）", "2.1.1 ", "2.1.2 ",
    ]  # fmt: skip


def test_lvl_restart_zero_numbers_straight_through_and_start_is_honoured() -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + _lvl(0, "chineseCounting", "%1、")
        + _lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>', start=5)
        + "</w:abstractNum>"
    )
    numbering = _numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert [numbering.marker(_ppr("1", i)) for i in (0, 1, 1, 0, 1)] == ["一、", "5.", "6.", "二、", "7."]


def test_start_override_restarts_and_shared_abstract_num_continues() -> None:
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>'
    )
    numbering = _numbering(OUTLINE, nums)
    markers = [numbering.marker(_ppr(n, 0)) for n in ("1", "1", "2", "3", "3", "1", "4", "0")]
    assert markers == ["一、", "二、", "三、", "一、", "二、", "四、", "IV)", ""]


def test_numbering_through_paragraph_styles() -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>'
        '<w:style w:type="paragraph" w:styleId="H1">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Task">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    abstract = OUTLINE.replace(
        '<w:lvl w:ilvl="2">', '<w:lvl w:ilvl="2"><w:pStyle w:val="Task"/>'
    )  # the level linked to style Task
    numbering = _numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>', styles)
    paragraphs = [_ppr(style="H1"), _ppr(style="H2"), _ppr(style="Task"), _ppr(), _ppr("0", 0, "H1")]
    assert [numbering.marker(p) for p in paragraphs] == ["一、", "（一）", "1.1.1 ", "", ""]


def test_bullets_and_unknown_lists_give_no_marker() -> None:
    abstract = '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "bullet", "•") + "</w:abstractNum>"
    numbering = _numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert numbering.marker(_ppr("1", 0)) == ""
    assert numbering.marker(_ppr("9", 0)) == ""
    assert Numbering(None, None).marker(_ppr("1", 0)) == ""


# --- the shared fixtures ------------------------------------------------------------------------


@needs_fixtures
def test_typed_fixture_paragraphs_are_the_source_lines() -> None:
    source = (FIXTURES / "luanzheng-2021-2.utf8.txt").read_text(encoding="utf-8").split("\n")
    doc = read(FIXTURES / "luanzheng-2021-2.docx")
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [s for s in source if s.strip()]


@needs_fixtures
def test_auto_numbered_fixture_reads_like_the_typed_one(tmp_path: Path) -> None:
    typed = FIXTURES / "luanzheng-2021-2.docx"
    auto = renumber_docx(typed, tmp_path / "auto.docx")
    assert [b.text for b in read(auto).blocks] == [b.text for b in read(typed).blocks]  # type: ignore[union-attr]


@needs_fixtures
def test_table_fixture_gives_one_table_with_merged_rows() -> None:
    doc = read(FIXTURES / "luanzheng-2021-2.table.docx")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert len(rows) == 1 + 43 + 50
    assert [c.text for c in rows[0]] == ["序号", "工作任务", "牵头单位", "责任单位"]
    merged = [row for row in rows if len(row) == 1]
    assert len(merged) == 43 and all(row[0].span == 4 for row in merged)
    assert merged[0][0].text.startswith("一、") and merged[1][0].text.startswith("（一）")
    tasks = [row for row in rows[1:] if len(row) == 4]
    assert [row[0].text for row in tasks] == [str(n) for n in range(1, 51)]
    assert [row[0].text for row in tasks if not row[2].text] == ["17", "23"]


def test_soft_line_breaks_cut_a_body_paragraph_into_lines(tmp_path: Path) -> None:
    """Shift+Enter (w:br) inside a body paragraph: a task and its label lines typed as one
    paragraph read as lines, as the same notice's text does; a table cell keeps its breaks."""
    import docx

    document = docx.Document()
    p = document.add_paragraph("1.推进园区建设。")
    for text in ("牵头单位：县发改委", "", "责任单位：县财政局"):
        p.runs[-1].add_break()
        p.add_run(text)
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("县发改委").add_break()
    cell.paragraphs[0].add_run("县财政局")
    path = tmp_path / "soft.docx"
    document.save(str(path))
    blocks = read(path).blocks
    assert [b.text for b in blocks if isinstance(b, Line)] == [
        "1.推进园区建设。",
        "牵头单位：县发改委",
        "责任单位：县财政局",
    ]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.rows[0][0].text == "县发改委\n县财政局"


FOOTNOTES = (
    f"<w:footnotes {W_NS}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>各项任务的责任单位中排在第一位的单位为牵头单位。</w:t></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:t>无人引用的脚注。</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _with_footnote(tmp_path: Path) -> Path:
    """A notice whose cover letter refers to footnote 1: the rule of the first-listed unit."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发重点工作任务分解的通知")
    letter = document.add_paragraph("现将任务分解如下")
    document.add_paragraph("一、稳增长")
    document.add_paragraph("1.扩大有效投资。")
    document.add_paragraph("责任单位：县发改局、县财政局")
    source = tmp_path / "plain.docx"
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ref = etree.SubElement(letter._p, f"{w}r")
    etree.SubElement(ref, f"{w}footnoteReference").set(f"{w}id", "1")
    document.save(str(source))
    target = tmp_path / "footnote.docx"
    rel = (
        '<Relationship Id="rIdFn" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", FOOTNOTES)
    return target


def test_footnotes_are_notes_at_their_reference_not_body_text(tmp_path: Path) -> None:
    doc = read(_with_footnote(tmp_path))
    assert [(n.text, n.loc.paragraph) for n in doc.notes] == [
        ("各项任务的责任单位中排在第一位的单位为牵头单位。", 2)
    ]
    assert "牵头单位。" not in "".join(b.text for b in doc.blocks if isinstance(b, Line))


def test_a_rule_stated_in_a_footnote_holds_for_the_notice(tmp_path: Path) -> None:
    from pipeline.runner import parse

    result = parse(_with_footnote(tmp_path))
    assert [c.code for c in result.notice.conventions] == ["lead-by-position"]
    task = result.tasks[0]
    assert ([u.name for u in task.lead_units], [u.name for u in task.responsible_units]) == (
        ["县发改局"],
        ["县财政局"],
    )
