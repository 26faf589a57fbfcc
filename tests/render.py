"""Render a notice .txt into the carriers a county office publishes it in, for the parity tests.

Each non-blank line of the text is one paragraph, as in the shared fixtures (README there):

- `to_docx`: a GB/T 9704 公文 page (A4, margins 37/35/28/26 mm, 仿宋_GB2312 16 pt, first-line
  indent 2 characters, the 发文字号 and title centred, the date and its signature right-aligned,
  a "— N —" PAGE footer); with `numbered=True` the typed 一、/（一）/1./(1)/① markers become Word
  automatic numbering (numbering.xml), each restart stored as Word stores it (a new w:num with a
  w:startOverride).
- `to_html`: a county-website article page: top bar, nav, breadcrumb, a 信息公开 metadata table,
  the title as <h1>, the body as one <p> per line with &nbsp; indentation, <span> wrappers and
  entities, print/close links, a 相关文件 list and a footer. Three page templates (body container
  hinted as TRS_Editor, as #Zoom, or not hinted at all) are used in turn.
- `to_pdf`: the same 公文 page laid out by `tests/pdf_builder.py`: lines wrapped at the text
  block's width (a Latin/digit run never split, closing punctuation hung in the margin), justified,
  a 2-character first-line indent, 22 lines a page and a "— N —" footer on every page.

Nothing here reads the parser; the metadata table takes its values from the gold answer.
"""

# ruff: noqa: E501  (the page templates hold long HTML lines, as real pages do)
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Mm, Pt

from pipeline.readers.docx_numbering import format_number
from tests import pdf_builder as pb
from tests.docx_builder import NS, level_xml

DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
DATE = re.compile(r"^(?:\d{4}|[一二三四五六七八九〇○零]{4})年\S{1,3}月\S{1,3}日$")
TITLE = re.compile(r"关于.{2,80}(?:通知|意见|方案|决定|函|分解|安排|清单)$")

# Typed markers Word can generate: (pattern on the stripped line, number format, kind of number).
WORD_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<pre>)(?P<n>[一二三四五六七八九十]{1,3})(?P<post>[、.．])"), "chineseCounting"),
    (re.compile(r"^(?P<pre>[（(])(?P<n>[一二三四五六七八九十]{1,3})(?P<post>[）)])"), "chineseCounting"),
    (re.compile(r"^(?P<pre>)(?P<n>\d{1,3})(?P<post>[.、．])(?!\d)"), "decimal"),
    (re.compile(r"^(?P<pre>[（(])(?P<n>\d{1,3})(?P<post>[）)])"), "decimal"),
    (re.compile(r"^(?P<pre>)(?P<n>[\u2460-\u2473])(?P<post>)"), "decimalEnclosedCircle"),
)
CN_VALUES = {format_number(n, "chineseCounting"): n for n in range(1, 200)}


def notice_lines(text: str) -> list[str]:
    """The non-blank lines of a notice, as the text reader keeps them (line ends removed)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line for line in text.split("\n") if line and not line.isspace()]


def alignments(lines: list[str]) -> list[str]:
    """'center' for the 发文字号 and the title, 'right' for a date line and the signature above it."""
    out = ["body"] * len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if DOC_NUMBER.match(s) or (i < 8 and TITLE.search(s) and len(s) <= 60):
            out[i] = "center"
        elif DATE.match(s):
            out[i] = "right"
            if i and out[i - 1] == "body" and len(lines[i - 1].strip()) <= 20:
                out[i - 1] = "right"
    return out


# ---------------------------------------------------------------- .docx


@dataclass
class _Lists:
    """Word lists for the typed markers: one single-level abstractNum per marker form, and a new
    w:num (with w:startOverride) wherever the typed number is not the next one Word would show."""

    numbering: object
    next_id: int = 100

    def __post_init__(self) -> None:
        self.forms: dict[tuple[str, str, str], tuple[str, str, int]] = {}  # form -> abstract, num, next

    def number(self, form: tuple[str, str, str], value: int) -> str:
        fmt, pre, post = form
        if form not in self.forms or self.forms[form][2] != value:
            if form not in self.forms:
                abstract = str(self.next_id)
                self.next_id += 1
                text = f"{pre}%1{post}"
                body = level_xml(0, fmt, text)
                self._insert(
                    parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract}">{body}</w:abstractNum>')
                )
            else:
                abstract = self.forms[form][0]
            num = str(self.next_id)
            self.next_id += 1
            self.numbering.append(  # type: ignore[attr-defined]
                parse_xml(
                    f'<w:num {NS} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
                    f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride></w:num>'
                )
            )
            self.forms[form] = (abstract, num, value)
        abstract, num, _ = self.forms[form]
        self.forms[form] = (abstract, num, value + 1)
        return num

    def _insert(self, abstract: object) -> None:
        numbering = self.numbering
        first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")  # type: ignore[attr-defined]
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)  # type: ignore[attr-defined]


def word_marker(line: str) -> tuple[tuple[str, str, str], int, int] | None:
    """(form, number, marker length) when Word numbering can show the line's typed marker."""
    for pattern, fmt in WORD_MARKERS:
        m = pattern.match(line)
        if not m or len(line) == m.end():
            continue
        raw = m["n"]
        if fmt == "chineseCounting":
            value = CN_VALUES.get(raw)
        elif fmt == "decimal":
            value = int(raw) if raw == str(int(raw)) and int(raw) > 0 else None
        else:
            value = ord(raw) - 0x2460 + 1
        if value is None or format_number(value, fmt) != raw:
            continue
        return (fmt, m["pre"], m["post"]), value, m.end()
    return None


def to_docx(lines: list[str], path: Path, *, numbered: bool = False) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "仿宋_GB2312"
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("— ")
    for xml in (
        '<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {NS}><w:t>1</w:t></w:r>",
        '<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        footer._p.append(parse_xml(xml.format(NS=NS)))
    footer.add_run(" —")
    lists = _Lists(document.part.numbering_part.element) if numbered else None
    for line, align in zip(lines, alignments(lines), strict=True):
        text = line
        num_id = None
        if lists is not None:
            found = word_marker(line)
            if found is not None:
                form, value, end = found
                num_id = lists.number(form, value)
                text = line[end:]
        paragraph = document.add_paragraph()
        paragraph.add_run(text)
        fmt = paragraph.paragraph_format
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(32)
        if num_id is not None:
            num_pr = f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))
    document.save(str(path))
    return path


# ---------------------------------------------------------------- .html

ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "‘": "&lsquo;", "’": "&rsquo;", "—": "&mdash;"}
SPAN = '<span style="font-family:仿宋_GB2312;font-size:16pt;">'
META_LABELS = (
    ("发文机关", "issuer"),
    ("成文日期", "issued_on"),
    ("发文字号", "doc_number"),
    ("标题", "title"),
)


def _escape(text: str) -> str:
    out = html.escape(text, quote=False)
    for ch, entity in ENTITIES.items():
        out = out.replace(ch, entity)
    out = re.sub(r"^[ \u3000]+", lambda m: "&nbsp;" * len(m.group()), out)
    return re.sub(r" {2,}", lambda m: "&nbsp;" * len(m.group()), out)


def _html_paragraph(line: str, align: str, k: int) -> str:
    text = line.strip(" ")
    if align != "body":
        style = "text-align:center;" if align == "center" else "text-align:right;"
        return f'<p style="{style}">{SPAN}{_escape(text)}</span></p>'
    if k % 3 == 0 and len(text) > 12:  # a line split over two spans, as editors leave them
        cut = len(text) // 2
        inner = f'{SPAN}{_escape(text[:cut])}</span>{SPAN[:-2]}color:#000000;">{_escape(text[cut:])}</span>'
    elif k % 3 == 1:
        inner = f"{SPAN}{_escape(text)}</span>"
    else:
        inner = _escape(text)
    return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{inner}</p>"


HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_政府文件_示范县人民政府</title>
<meta name="ArticleTitle" content="{title}">
<style type="text/css">.nav li{{float:left}} .footer{{text-align:center}}</style>
<script type="text/javascript" src="/images/jquery.min.js"></script>
</head>
<body>
<div class="topbar"><span>今天是：<span id="today"></span></span><a href="/m/">手机版</a> | <a href="#">繁体</a></div>
<div class="header"><a href="/" class="logo"><img src="/images/logo.png" alt="示范县人民政府"></a>
<div class="search"><form action="/search/"><input type="text" name="q"><input type="submit" value="搜索"></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zjsf/">走进示范</a></li>
<li class="on"><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="w1200 main">
<div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/zfwj/">政府文件</a></div>
"""
TAIL = """<div class="article-tools"><a href="javascript:window.print();">【打印本页】</a>&nbsp;&nbsp;<a href="javascript:window.close();">【关闭窗口】</a></div>
<div class="related"><h3>相关文件</h3><ul>
<li><a href="/zwgk/zfwj/t1.html">示范县人民政府关于印发2023年县政府工作报告重点工作任务分解方案的通知</a><span>2023-03-18</span></li>
<li><a href="/zwgk/zfwj/t2.html">示范县人民政府关于做好春耕生产工作的通知</a><span>2023-02-26</span></li>
</ul></div>
</div>
<div class="footer">
<p>主办：示范县人民政府办公室&nbsp;&nbsp;&nbsp;&nbsp;承办：示范县大数据管理中心</p>
<p>版权所有：示范县人民政府&nbsp;&nbsp;&nbsp;&nbsp;网站标识码：4199990001&nbsp;&nbsp;&nbsp;&nbsp;豫ICP备05099999号-1</p>
</div>
<script type="text/javascript">var d=new Date();document.getElementById("today").innerHTML=d.getFullYear()+"年";</script>
</body>
</html>
"""
# (opening, closing) of the article body: hinted as TRS_Editor, as #Zoom, or not hinted at all.
BODIES = (
    ('<div class="article-content" id="zoom">\n<div class="TRS_Editor">', "</div>\n</div>"),
    ('<div class="xl-bd">\n<div id="Zoom" style="font-size:16px">', "</div>\n</div>"),
    ('<div class="wz">\n<div class="nr_box">', "</div>\n</div>"),
)


def _metadata_table(meta: dict[str, str | None]) -> str:
    cells = [f"<th>{label}：</th><td>{html.escape(meta.get(key) or '')}</td>" for label, key in META_LABELS]
    title_cell = cells[3].replace("<td>", '<td colspan="3">')
    rows = [
        "<tr><th>索&nbsp;引&nbsp;号：</th><td>11419999005263713K/2023-00021</td><th>主题分类：</th><td>综合政务</td></tr>",
        f"<tr>{cells[0]}{cells[1]}</tr>",
        f"<tr>{title_cell}</tr>",
        f"<tr>{cells[2]}<th>有&nbsp;效&nbsp;性：</th><td>有效</td></tr>",
    ]
    return (
        '<div class="xxgk-box">\n<table class="xxgk-table">\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>\n"
    )


def to_html(lines: list[str], path: Path, *, meta: dict[str, str | None], template: int = 0) -> Path:
    title = html.escape(meta.get("title") or "通知")
    opening, closing = BODIES[template % len(BODIES)]
    body = "\n".join(
        _html_paragraph(line, align, k)
        for k, (line, align) in enumerate(zip(lines, alignments(lines), strict=True))
    )
    page = (
        HEAD.format(title=title)
        + _metadata_table(meta)
        + f'<div class="article">\n<h1 class="article-title">{title}</h1>\n'
        + '<div class="article-info">发布时间：2023-04-02 10:16&nbsp;&nbsp;&nbsp;来源：县政府办</div>\n'
        + f"{opening}\n{body}\n{closing}\n</div>\n"
        + TAIL
    )
    path.write_text(page, encoding="utf-8")
    return path


# ---------------------------------------------------------------- .pdf

TOKEN = re.compile(r"[A-Za-z0-9.%％]+|\s|.")
CLOSING = frozenset("，。、；：？！）》」』】〕”’,.;:!?)]%")  # may hang in the right margin
LINES_PER_PAGE = 22
TITLE_SIZE = 22.0


def _width(text: str, size: float) -> float:
    """Natural width of a run as the builder lays it out (advances plus CJK/Latin gaps)."""
    positions = pb._positions(pb.Text(0.0, 0.0, text, size=size))
    if not positions:
        return 0.0
    ch, x = positions[-1]
    return x + pb._advance(ch) * size


def wrap(text: str, first: float, rest: float, size: float) -> list[str]:
    """Greedy line breaking: a Latin/digit run stays whole, closing punctuation may hang."""
    lines: list[str] = []
    cur = ""
    width = first
    for token in TOKEN.findall(text):
        if not cur and token.isspace() and lines:
            continue  # a space at a break stays at the end of the previous line
        if _width(cur + token, size) <= width or not cur:
            if _width(token, size) > width:  # a run longer than a line: break it anywhere
                for ch in token:
                    if cur and _width(cur + ch, size) > width:
                        lines.append(cur)
                        cur, width = "", rest
                    cur += ch
                continue
            cur += token
        elif len(token) == 1 and token in CLOSING:
            cur += token  # hangs in the right margin
        else:
            lines.append(cur)
            cur, width = ("" if token.isspace() else token), rest
    if cur:
        lines.append(cur)
    return lines


def to_pdf(lines: list[str], path: Path) -> Path:
    block = pb.RIGHT - pb.LEFT
    pages: list[list[pb.Text]] = [[]]
    row = 0

    def place(text: str, x: float, size: float, justify_to: float | None) -> None:
        nonlocal row
        if row >= LINES_PER_PAGE:
            pages.append([])
            row = 0
        pages[-1].append(pb.Text(x, pb.TOP + row * pb.PITCH, text, size=size, justify_to=justify_to))
        row += 1

    for line, align in zip(lines, alignments(lines), strict=True):
        text = line.strip(" \t\u3000")
        if align == "center":
            size = TITLE_SIZE if TITLE.search(text) else pb.SIZE
            for part in wrap(text, block, block, size):
                place(part, pb.LEFT + (block - _width(part, size)) / 2, size, None)
        elif align == "right":
            for part in wrap(text, block, block, pb.SIZE):
                place(part, pb.RIGHT - 4 * pb.SIZE - _width(part, pb.SIZE), pb.SIZE, None)
        else:
            parts = wrap(text, block - 2 * pb.SIZE, block, pb.SIZE)
            for i, part in enumerate(parts):
                x = pb.LEFT + (2 * pb.SIZE if i == 0 else 0.0)
                ink = part.rstrip()
                full = i < len(parts) - 1
                end = pb.RIGHT - pb._advance(ink[-1]) * pb.SIZE
                if _width(ink, pb.SIZE) > pb.RIGHT - x + 0.01:
                    end = pb.RIGHT  # hanging punctuation sits just outside the text block
                place(ink, x, pb.SIZE, end if full else None)  # a space at the break is not drawn
    for number, page in enumerate(pages, start=1):
        page.append(pb.footer(number))
    path.write_bytes(pb.build_pdf(pages, spaces=True))
    return path
