"""Write a minimal valid OFD (GB/T 33190) of a notice, laid out as tests/render.py lays out its PDF.

The lines are wrapped, justified and paged exactly as `render.to_pdf` does (GB/T 9704 text block,
16 pt, 22 lines a page, a "— N —" footer), then written as OFD: OFD.xml -> Doc_0/Document.xml
(page size, PublicRes.xml with the fonts) -> Doc_0/Pages/Page_N/Content.xml with one TextObject
per line: its Boundary (mm, page top-left origin), Font, Size and one TextCode whose X/Y is the
first glyph's baseline and whose DeltaX holds the advances, runs of equal ones as "g N d".
"""

from __future__ import annotations

import zipfile
from itertools import groupby, pairwise
from pathlib import Path
from xml.sax.saxutils import escape

from tests import pdf_builder as pb
from tests import render

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
MM = 25.4 / 72  # millimetres per point
FONT_ID = 2


def layout_pages(lines: list[str]) -> list[list[pb.Text]]:
    """The pages of `render.to_pdf`, as positioned lines (points, top-left origin)."""
    block = pb.RIGHT - pb.LEFT
    pages: list[list[pb.Text]] = [[]]
    row = 0

    def place(text: str, x: float, size: float, justify_to: float | None) -> None:
        nonlocal row
        if row >= render.LINES_PER_PAGE:
            pages.append([])
            row = 0
        pages[-1].append(pb.Text(x, pb.TOP + row * pb.PITCH, text, size=size, justify_to=justify_to))
        row += 1

    for line, align in zip(lines, render.alignments(lines), strict=True):
        text = line.strip(" \t\u3000")
        if align == "center":
            size = render.TITLE_SIZE if render.TITLE.search(text) else pb.SIZE
            for part in render.wrap(text, block, block, size):
                place(part, pb.LEFT + (block - render._width(part, size)) / 2, size, None)
        elif align == "right":
            for part in render.wrap(text, block, block, pb.SIZE):
                place(part, pb.RIGHT - 4 * pb.SIZE - render._width(part, pb.SIZE), pb.SIZE, None)
        else:
            parts = render.wrap(text, block - 2 * pb.SIZE, block, pb.SIZE)
            for i, part in enumerate(parts):
                x = pb.LEFT + (2 * pb.SIZE if i == 0 else 0.0)
                ink = part.rstrip()
                end = pb.RIGHT - pb._advance(ink[-1]) * pb.SIZE
                if render._width(ink, pb.SIZE) > pb.RIGHT - x + 0.01:
                    end = pb.RIGHT
                place(ink, x, pb.SIZE, end if i < len(parts) - 1 else None)
    for number, page in enumerate(pages, start=1):
        page.append(pb.footer(number))
    return pages


def delta_x(steps: list[float]) -> str:
    out: list[str] = []
    for value, run in groupby(f"{s:.3f}" for s in steps):
        n = len(list(run))
        out.append(f"g {n} {value}" if n > 2 else " ".join([value] * n))
    return " ".join(out)


def text_object(oid: int, line: pb.Text) -> str:
    positions = pb._positions(line)
    size = line.size * MM
    x0 = positions[0][1]
    last_ch, last_x = positions[-1]
    width = (last_x + pb._advance(last_ch) * line.size - x0) * MM
    steps = [(b[1] - a[1]) * MM for a, b in pairwise(positions)]
    box = f"{x0 * MM:.3f} {line.top * MM:.3f} {width + size:.3f} {size * 1.2:.3f}"
    return (
        f'<ofd:TextObject ID="{oid}" Boundary="{box}" Font="{FONT_ID}" Size="{size:.3f}">'
        f'<ofd:TextCode X="0" Y="{0.88 * size:.3f}" DeltaX="{delta_x(steps)}">'
        f"{escape(line.text)}</ofd:TextCode>"
        "</ofd:TextObject>"
    )


def to_ofd(lines: list[str], path: Path) -> Path:
    pages = layout_pages(lines)
    w, h = pb.PAGE_W * MM, pb.PAGE_H * MM
    oid = 10
    contents: list[str] = []
    for page in pages:
        objects = []
        for line in page:
            if line.text.strip():
                oid += 1
                objects.append(text_object(oid, line))
        oid += 1
        contents.append(
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content>'
            f'<ofd:Layer ID="{oid}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    page_list = "".join(
        f'<ofd:Page ID="{1000 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0c3a3ab5a7d04d30a4d1f3f2a4c1f0b1</ofd:DocID>"
            "<ofd:Creator>notice-parse tests</ofd:Creator></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
            f"<ofd:MaxUnitID>{oid + 1}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {w:.3f} {h:.3f}"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
            f'<ofd:Font ID="{FONT_ID}" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        for k, content in enumerate(contents):
            z.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", content)
    return path
