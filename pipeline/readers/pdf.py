"""Text PDFs: pdfium's glyphs and boxes rebuilt into the paragraphs and tables the author typed.

pypdfium2 gives every character with its box quickly (~1 ms a page); pdfplumber is used only to
find table grids, and only on pages that draw ruling paths. The layout rules (furniture, line
joins, paragraph breaks) are in `pdf_layout`, the table rules in `pdf_tables`. A PDF without a
text layer is a scan and needs OCR; an encrypted or damaged PDF is an input error, never a
traceback and never an empty result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Block, Line, OcrRead, RawDocument
from pipeline.errors import InputError, NeedsOcrError
from pipeline.limits import Limits
from pipeline.readers import ocr, pdf_spacing
from pipeline.readers import pdf_columns as columns
from pipeline.readers import pdf_furniture as furniture
from pipeline.readers import pdf_layout as layout
from pipeline.readers import pdf_page_columns as page_columns
from pipeline.readers import pdf_tables as tables
from schemas.notice import Location, SourceFormat

PDF_ERRORS = {  # pdfium's FPDF_GetLastError codes for a document that will not open
    2: "the file cannot be opened",
    3: "not a PDF or the file is damaged (corrupt or truncated)",
    4: "the PDF is encrypted and needs a password; save an unprotected copy first",
    5: "the PDF's security handler is not supported; save an unprotected copy first",
    6: "a page of the PDF is damaged",
}
BREAK_CODES = {10, 13}
HYPHEN_CODE = 2  # pdfium reports a line-end hyphen as U+0002
BULK_SPECIAL = frozenset({0xFFFE, 0xFFFF})  # what FPDFText_GetText writes for such a character


FOOTER_ZONE = 0.9  # of the page's height: below it, page numbers and footers


@dataclass(slots=True)
class PageText:
    number: int
    height: float
    glyphs: list[layout.Glyph]
    ruled: bool
    edges: list[tables.Edge] | None = None  # None: drawing in form XObjects, left to pdfplumber
    width: float = 0.0  # 0: not known


def _open(path: Path, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        reason = PDF_ERRORS.get(code or 0, "not a readable PDF (damaged or unsupported)")
        raise InputError(f"{path}: {reason}") from exc


def _codes(tp: Any, count: int) -> Sequence[int]:
    """The page's UTF-16 code units in one call; per character where the bulk text does not line
    up with the character indices, or stands for a character pdfium special-cases (its soft
    hyphen U+0002 comes out as U+FFFE)."""
    import ctypes

    import pypdfium2.raw as raw

    buf = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if written != count + 1:
        return [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]
    codes = list(memoryview(buf.raw).cast("H")[:count])
    for i, code in enumerate(codes):
        if code in BULK_SPECIAL:
            codes[i] = raw.FPDFText_GetUnicode(tp, i)
    return codes


def _glyphs(textpage: Any, height: float) -> list[layout.Glyph]:
    """Every character with its loose box (top-left origin); pdfium's line ends become "\\n".

    Two pdfium calls a character were the cost of a PDF's read (four before): the text comes in
    one call (`_codes`), and the font size is asked again only where the loose box's height
    changes, since characters of one font and size have boxes of one height."""
    import ctypes

    import pypdfium2.raw as raw

    tp = getattr(textpage, "raw", textpage)  # the bare handle: no conversion on every call
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    codes = _codes(tp, count)
    rect = raw.FS_RECTF()
    rect_p = ctypes.byref(rect)
    char_box, font_size, generated_at = (
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_GetFontSize,
        raw.FPDFText_IsGenerated,
    )
    glyph = layout.Glyph
    out: list[layout.Glyph] = []
    box_height, size = -1.0, 0.0
    i = 0
    while i < count:
        code = codes[i]
        if code in BREAK_CODES:
            if not out or out[-1].ch != "\n":
                out.append(glyph("\n", 0.0, 0.0, 0.0, 0.0, 0.0))
            i += 1
            continue
        char_box(tp, i, rect_p)
        if rect.top - rect.bottom != box_height:
            box_height, size = rect.top - rect.bottom, font_size(tp, i)
        ch = chr(code) if code > 2 and not 0xD800 <= code < 0xE000 else "\ufffd"
        if code == HYPHEN_CODE:  # a line-final '-' pdfium takes for a soft hyphen: 太行-王屋山 keeps it
            ch = "-"
        if 0xD800 <= code < 0xDC00 and i + 1 < count:  # a surrogate pair from a font beyond the BMP
            ch = chr(0x10000 + ((code - 0xD800) << 10) + (codes[i + 1] - 0xDC00))
            i += 1
        generated = ch == " " and bool(generated_at(tp, i))
        out.append(glyph(ch, rect.left, height - rect.top, rect.right, height - rect.bottom, size, generated))
        i += 1
    return out


def _path_edges(page: Any, height: float) -> tuple[list[tables.Edge], bool]:
    """The straight segments of the page's painted paths (top-left origin, as the glyphs), and
    whether the page holds form XObjects, whose drawing pdfium does not list here."""
    import ctypes

    import pypdfium2.raw as raw

    edges: list[tables.Edge] = []
    forms = False
    m, x, y = raw.FS_MATRIX(), raw.FS_FLOAT(), raw.FS_FLOAT()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for k in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, k)
        kind = raw.FPDFPageObj_GetType(obj)
        forms = forms or kind == raw.FPDF_PAGEOBJ_FORM
        if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        if not (fill.value or stroke.value) or not raw.FPDFPageObj_GetMatrix(obj, m):
            continue  # an unpainted path (the n operator) draws nothing
        start: tuple[float, float] | None = None
        last: tuple[float, float] | None = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            point = (m.a * x.value + m.c * y.value + m.e, height - (m.b * x.value + m.d * y.value + m.f))
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or last is None:
                start = last = point
                continue
            pairs = [(last, point)]
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                pairs.append((point, start))
            edges += [e for a, b in pairs if (e := tables.segment_to_edge(a, b)) is not None]
            last = start if raw.FPDFPathSegment_GetClose(seg) else point
    return edges, forms


def _read_pages(path: Path, doc: Any, ocr_mode: str = "never") -> tuple[list[PageText], list[int]]:
    """Every page's glyphs, and the pages read by OCR: those without a text layer (`auto`, when
    the extra is installed) or all of them (`always`)."""
    import pypdfium2 as pdfium

    pages: list[PageText] = []
    scanned: list[int] = []
    for k in range(len(doc)):
        try:
            page = doc[k]
            textpage = page.get_textpage()
        except pdfium.PdfiumError as exc:
            raise InputError(f"{path}: page {k + 1} is damaged and cannot be read") from exc
        height = page.get_height()
        glyphs = _glyphs(textpage, height)
        textless = not any(not g.ch.isspace() for g in glyphs)
        if ocr_mode == "always" or (ocr_mode == "auto" and textless and ocr.available()):
            if ocr_mode == "always" and not ocr.available():
                raise NeedsOcrError(f"{path}: --ocr always needs the OCR extra: {ocr.EXTRA_HINT}")
            glyphs = ocr.page_to_glyphs(page)
            scanned.append(k + 1)
        ruled, edges = False, None
        if glyphs and k + 1 not in scanned:
            found, forms = _path_edges(page, height)
            ruled, edges = forms or tables.looks_ruled(found), None if forms else found
        pages.append(PageText(k + 1, height, glyphs, ruled, edges, page.get_width()))
        textpage.close()
        page.close()
    return pages, scanned


def _text_lines(page: PageText, grids: Sequence[tables.Grid]) -> list[layout.PhysLine]:
    """The page's running text outside its tables, as physical lines in reading order (a page
    set in text columns column by column)."""
    lines = layout.glyphs_to_lines(_outside(page.glyphs, grids) if grids else page.glyphs, page.number)
    return page_columns.page_to_columns(lines)


def _unruled_grids(
    lines: Sequence[layout.PhysLine], edges: Sequence[tables.Edge] | None, carried: tables.Grid | None
) -> list[tables.Grid]:
    """The whitespace tables among the page's lines: in each text column on its own, if set in them."""
    if all(ln.column == 0 for ln in lines):
        return columns.lines_to_grids(lines, edges, carried)
    by_column: dict[int, list[layout.PhysLine]] = {}
    for ln in lines:
        by_column.setdefault(ln.column, []).append(ln)
    return [g for _, col in sorted(by_column.items()) for g in columns.lines_to_grids(col, edges)]


def _outside(glyphs: Sequence[layout.Glyph], grids: Sequence[tables.Grid]) -> list[layout.Glyph]:
    """The glyphs (and line ends) outside every grid: the running text around the tables."""
    return [
        g
        for g in glyphs
        if g.ch == "\n"
        or not any(
            gr.bbox[0] <= (g.x0 + g.x1) / 2 <= gr.bbox[2]
            and gr.bbox[1] <= (g.top + g.bottom) / 2 <= gr.bbox[3]
            for gr in grids
        )
    ]


Item = layout.PhysLine | tables.Fragment


def _stream(
    pages: Sequence[PageText],
    grids: dict[int, list[tables.Grid]],
    text: dict[int, list[layout.PhysLine]] | None = None,
) -> list[Item]:
    """Lines (furniture removed) and table fragments in reading order: by page, tables by height.
    `text` is each page's running text when `read` has already cut it into lines."""
    frags = {
        p.number: [tables.fill_grid(g, p.glyphs, p.number) for g in grids.get(p.number, ())] for p in pages
    }
    lines = [
        ln for p in pages for ln in (text[p.number] if text else _text_lines(p, grids.get(p.number, [])))
    ]
    kept_by_page: dict[int, list[layout.PhysLine]] = {}
    for ln in furniture.drop_furniture(lines, [p.height for p in pages]):
        kept_by_page.setdefault(ln.page, []).append(ln)
    out: list[Item] = []
    for page in pages:
        page_frags = sorted(frags[page.number], key=lambda f: f.top)
        keyed: list[tuple[tuple[int, int, int], Item]] = [
            ((j + 1, 0, 0), f) for j, f in enumerate(page_frags)
        ]  # a line goes after every fragment that starts above it
        keyed += [
            ((sum(1 for f in page_frags if f.top <= ln.top), 1, i), ln)
            for i, ln in enumerate(kept_by_page.get(page.number, []))
        ]
        out += [item for _, item in sorted(keyed, key=lambda ki: ki[0])]
    return out


class TooManyParagraphs(Exception):
    """Raised by `_blocks` at the block after its limit; `read` turns it into a LimitError."""


def _blocks(
    stream: Sequence[Item],
    limit: int | None = None,
    confidence: dict[int, tuple[tuple[str, float], ...]] | None = None,
    heights: Sequence[float] = (),
    widths: Sequence[float] = (),
) -> list[Block]:
    """Runs of lines become paragraphs; runs of fragments of one table become one Table.
    `confidence` gets each OCR'd physical line's character probabilities, by line number;
    `heights` are the pages' heights (where a page stops early, its paragraph ends)."""
    body = [it for it in stream if isinstance(it, layout.PhysLine)]
    geometry = layout.measure_columns(body, heights, widths)
    blocks: list[Block] = []
    run: list[layout.PhysLine] = []
    table: list[tables.Fragment] = []
    line_no = numbered = 0

    def flush_lines() -> None:
        nonlocal line_no
        for para in layout.lines_to_paragraphs(run, geometry):
            first = [ln for ln in para if ln.page == para[0].page]
            bbox = (
                min(ln.x0 for ln in first),
                min(ln.top for ln in first),
                max(ln.x1 for ln in first),
                max(ln.bottom for ln in first),
            )
            loc = Location(page=para[0].page, bbox=bbox, line_start=line_no + 1, line_end=line_no + len(para))
            blocks.append(Line(pdf_spacing.join_texts(ln.text for ln in para), loc))
            if confidence is not None:
                for k, ln in enumerate(para, start=line_no + 1):
                    read = tuple((g.ch, g.confidence) for g in ln.glyphs if g.confidence is not None)
                    if read:
                        confidence[k] = read
            line_no += len(para)
            if limit is not None and len(blocks) > limit:
                raise TooManyParagraphs
        run.clear()

    def flush_table() -> None:
        nonlocal numbered
        if table:
            numbered += 1
            blocks.append(tables.fragments_to_table(table, numbered))
            table.clear()

    for it in stream:
        if isinstance(it, layout.PhysLine):
            flush_table()
            run.append(it)
        else:
            flush_lines()
            if table and not tables.continues(table, it):
                flush_table()
            table.append(it)
    flush_lines()
    flush_table()
    return blocks


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    doc = _open(path, data)
    try:
        if len(doc) == 0:
            raise InputError(f"{path}: the PDF has no pages")
        if len(doc) > limits.max_pages:  # from the page tree, before any page is read
            raise limits.refuse(path, "max_pages", f"the PDF has {len(doc):,} pages")
        pages, scanned = _read_pages(path, doc, limits.ocr)
    finally:
        doc.close()
    hint = f"install the OCR extra ({ocr.EXTRA_HINT}) or run OCR first, e.g. ocrmypdf"
    if limits.ocr == "never":
        hint = "--ocr never was given; run OCR first, e.g. ocrmypdf"
    scan = NeedsOcrError(f"{path}: the PDF has no text layer (scanned image); {hint}")
    if not any(not g.ch.isspace() for p in pages for g in p.glyphs):
        raise scan
    grids = {p.number: tables.edges_to_grids(p.edges) for p in pages if p.ruled and p.edges is not None}
    in_forms = [p.number for p in pages if p.ruled and p.edges is None]
    grids |= tables.find_grids(data, in_forms) if in_forms else {}
    text_lines = {p.number: _text_lines(p, grids.get(p.number, [])) for p in pages}
    carried: tables.Grid | None = None
    for p in pages:  # then the tables laid out by whitespace alone, in the text around the grids
        unruled = _unruled_grids(text_lines[p.number], p.edges, carried)
        if unruled:
            grids[p.number] = sorted([*grids.get(p.number, []), *unruled], key=lambda g: g.bbox[1])
            text_lines[p.number] = _text_lines(p, grids[p.number])
        last = max(grids.get(p.number, []), key=lambda g: g.bbox[3], default=None)
        ends_page = last is not None and not any(
            last.bbox[3] < ln.top < FOOTER_ZONE * p.height for ln in text_lines[p.number]
        )  # no text under the table but the footer: its rows may go on overleaf
        carried = last if last is not None and not last.ruled and ends_page else None
    confidence: dict[int, tuple[tuple[str, float], ...]] = {}
    try:
        heights, widths = [p.height for p in pages], [p.width for p in pages if p.width]
        stream = _stream(pages, grids, text_lines)
        blocks = _blocks(stream, limits.max_paragraphs, confidence, heights, widths)
    except TooManyParagraphs:
        found = f"holds more than {limits.max_paragraphs:,} paragraphs"
        raise limits.refuse(path, "max_paragraphs", found) from None
    if not blocks:
        raise scan  # only page numbers or headers carry text: the body is an image
    doc_read = RawDocument(str(path), SourceFormat.pdf, sha256, blocks, pages=len(pages))
    if scanned:
        doc_read.ocr = OcrRead(ocr.engine_version(), ocr.DEFAULT_DPI, tuple(scanned), confidence)
    return doc_read
