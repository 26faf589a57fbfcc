"""Small .docx files written with python-docx for the reader tests.

`build_notice_docx` writes a short notice whose 一、/（一）/1. markers come from Word automatic
numbering (numbering.xml), with a table holding a header row, a merged full-width row and a
vertical merge, a page header, a footer with a PAGE field, a field in the body, tracked changes,
a text box stored twice (mc:Choice and mc:Fallback), tabs and line breaks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

NS = nsdecls("w", "wp", "a")
EXTRA_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)

# Level 0 "一、", level 1 "（一）", level 2 "1." (in lvlText, %N is level N's number, so level 1 shows
# its own count as %2 and level 2 as %3). As in the notices, sub-areas and tasks run straight
# through the document (w:lvlRestart 0) instead of restarting under each heading.
NOTICE_LEVELS = (
    ("chineseCounting", "%1、", None),
    ("chineseCounting", "（%2）", 0),
    ("decimal", "%3.", 0),
)
NOTICE_ABSTRACT_ID = "90"
NOTICE_NUM_ID = "90"


def level_xml(ilvl: int, fmt: str, text: str, restart: int | None = None, start: int = 1) -> str:
    restart_xml = "" if restart is None else f'<w:lvlRestart w:val="{restart}"/>'
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def add_list(
    numbering: Any, abstract_id: str, num_id: str, levels: tuple[tuple[str, str, int | None], ...]
) -> None:
    """Add a w:abstractNum (before the first w:num, as the schema orders them) and its w:num."""
    body = "".join(level_xml(i, fmt, text, restart) for i, (fmt, text, restart) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>')
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )


def numbered(document: Any, text: str, ilvl: int, num_id: str = NOTICE_NUM_ID) -> Any:
    paragraph = document.add_paragraph(text)
    num_pr = f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))
    return paragraph


def field_runs(instruction: str, result: str) -> list[Any]:
    return [
        parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'),
        parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'),
        parse_xml(f"<w:r {NS}><w:t>{result}</w:t></w:r>"),
        parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def text_box_run(text: str) -> Any:
    """A run holding a text box twice: DrawingML in mc:Choice, VML in mc:Fallback."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return parse_xml(
        f'<w:r {NS} {EXTRA_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        f"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData>"
        f"</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def build_notice_docx(path: Path) -> Path:
    document = docx.Document()
    add_list(document.part.numbering_part.element, NOTICE_ABSTRACT_ID, NOTICE_NUM_ID, NOTICE_LEVELS)

    section = document.sections[0]
    section.header.paragraphs[0].text = "栾川县人民政府办公室"
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    for run in field_runs("PAGE", "1"):
        footer._p.append(run)
    footer.add_run(" —")

    document.add_paragraph("栾政〔2021〕2号")
    document.add_paragraph("")
    title = document.add_paragraph("关于做好")
    title._p.append(
        parse_xml(f'<w:del {NS} w:id="1" w:author="a"><w:r><w:delText>旧的</w:delText></w:r></w:del>')
    )
    title._p.append(parse_xml(f'<w:ins {NS} w:id="2" w:author="a"><w:r><w:t>重点</w:t></w:r></w:ins>'))
    title.add_run("工作任务分解的通知")
    numbered(document, "全面提速建设现代化都市圈", 0)
    numbered(document, "坚持规划先行", 1)
    numbered(document, "瞄准定位，加强对接。", 2)
    units = document.add_paragraph("牵头单位：县发改委")
    units.add_run().add_break()
    units.add_run("责任单位：县交通运输局")
    numbered(document, "扎实做好前期工作。", 2)
    numbered(document, "推动交通设施互联互通", 1)
    numbered(document, "建成投用项目。", 2)
    numbered(document, "持续深化改革", 0)
    numbered(document, "深化重点领域改革", 1)
    numbered(document, "推进改革任务。", 2)

    table = document.add_table(rows=5, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "工作任务", "牵头单位"), strict=True):
        cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {NS}/>"))
    merged = table.cell(1, 0).merge(table.cell(1, 2))
    merged.text = "一、全面提速建设现代化都市圈"
    for row, values in ((2, ("1", "瞄准定位", "县发改委")), (3, ("2", "扎实做好", "县交通运输局"))):
        for column, text in enumerate(values):
            table.cell(row, column).text = text
    table.cell(4, 0).text = "3"
    table.cell(4, 1).text = "建成投用"
    table.cell(3, 2).merge(table.cell(4, 2))
    table.cell(2, 1).add_paragraph("第二段")

    dated = document.add_paragraph("成文日期：")
    for run in field_runs(r"DATE \@ yyyy年M月d日", "2021年3月25日"):
        dated._p.append(run)
    boxed = document.add_paragraph("附：")
    boxed._p.append(text_box_run("文本框内容"))
    signed = document.add_paragraph("栾川县人民政府")
    signed.add_run().add_tab()
    signed.add_run("2021年3月25日")
    document.save(str(path))
    return path


MARKERS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 0),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 1),
    (re.compile(r"^\d+\."), 2),
)


def renumber_docx(source: Path, target: Path) -> Path:
    """Copy a notice .docx with typed 一、/（一）/1. markers, turning them into Word list numbering."""
    document = docx.Document(str(source))
    add_list(document.part.numbering_part.element, NOTICE_ABSTRACT_ID, NOTICE_NUM_ID, NOTICE_LEVELS)
    for paragraph in document.paragraphs:
        for pattern, ilvl in MARKERS:
            match = pattern.match(paragraph.text)
            if match is None:
                continue
            first = paragraph.runs[0]
            assert first.text.startswith(match.group()), "the marker must sit in the first run"
            first.text = first.text[match.end() :]
            num_pr = f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NOTICE_NUM_ID}"/></w:numPr>'
            paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))
            break
    document.save(str(target))
    return target
