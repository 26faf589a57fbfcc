"""OFD (GB/T 33190, 版式文档): the text objects of every page, rebuilt by the PDF path's layout rules.

An OFD is a zip of XML: OFD.xml names the document root (Doc_0/Document.xml), which lists the
pages (Pages/Page_N/Content.xml) and the page size. Text is `TextObject`s, each with a `Boundary`
("x y w h", millimetres from the page's top-left corner), a font `Size`, and `TextCode`s holding
Unicode text at `X`/`Y` (the baseline, relative to the boundary) with `DeltaX` advances ("g N d"
repeats d N times). Each character becomes a `pdf_layout.Glyph` in points, and from there the
PDF reader's own steps run: glyphs to lines, furniture (page numbers, running headers) dropped,
lines to paragraphs. A scanned OFD (images only) needs OCR like a scanned PDF.

Read with lxml directly, entities unexpanded, no network, a DOCTYPE refused, under the zip
limits of a .docx (`zip_limits`). The OFD libraries on PyPI (easyofd, ofdparser) render pages or
flatten the text without positions, and pull in heavy dependencies (PyMuPDF, OpenCV); none gives
the glyph geometry that paragraph rebuilding needs. Not read: template pages (a template holds
the same text on every page: running furniture only), annotations and signatures (stamps), and
text given only as glyph indices (CGTransform without Unicode text).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.document import RawDocument
from pipeline.errors import InputError, NeedsOcrError
from pipeline.limits import Limits
from pipeline.readers import pdf, pdf_spacing
from pipeline.readers import pdf_layout as layout
from pipeline.readers.zip_limits import member_xml, open_zip
from schemas.notice import SourceFormat

OFD_NS = "{http://www.ofdspec.org/2016}"
MM = 72 / 25.4  # points per millimetre: the layout rules' tolerances are in points
DEFAULT_PAGE_MM = (210.0, 297.0)  # A4, when neither the document nor the page states a size
DEFAULT_ASCENT = 0.88  # of the font size above the baseline
DEFAULT_SPACE_GAP = 0.25  # a gap wider than this (in font sizes) between two glyphs is a space
KIND = "OFD"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _floats(text: str | None, count: int) -> list[float] | None:
    values = [float(v) for v in NUMBER.findall(text or "")]
    return values[:count] if len(values) >= count else None


def deltas(text: str | None, limit: int) -> list[float]:
    """DeltaX "5 5 g 3 4.5 6" -> [5, 5, 4.5, 4.5, 4.5, 6], at most `limit` values."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < limit:
        if tokens[i] == "g" and i + 2 < len(tokens):
            count = int(float(tokens[i + 1])) if NUMBER.fullmatch(tokens[i + 1]) else 0
            value = float(tokens[i + 2]) if NUMBER.fullmatch(tokens[i + 2]) else 0.0
            out += [value] * max(0, min(count, limit - len(out)))
            i += 3
            continue
        if NUMBER.fullmatch(tokens[i]):
            out.append(float(tokens[i]))
        i += 1
    return out


def _width(ch: str, size: float) -> float:
    return size if pdf_spacing.is_wide(ch) else size / 2


def text_object_to_glyphs(obj: Any) -> list[layout.Glyph]:
    """A TextObject's characters with their boxes in points, page top-left origin."""
    box = _floats(obj.get("Boundary"), 4)
    size = (_floats(obj.get("Size"), 1) or [0.0])[0]
    if box is None or size <= 0:
        return []
    out: list[layout.Glyph] = []
    x = y = 0.0
    for code in obj.iter(f"{OFD_NS}TextCode"):
        text = code.text or ""
        x = (_floats(code.get("X"), 1) or [x])[0]
        y = (_floats(code.get("Y"), 1) or [y])[0]
        steps = deltas(code.get("DeltaX"), len(text))
        for i, ch in enumerate(text):
            x0 = box[0] + x
            top = box[1] + y - DEFAULT_ASCENT * size
            step = steps[i] if i < len(steps) else _width(ch, size)
            out.append(
                layout.Glyph(
                    ch, x0 * MM, top * MM, (x0 + _width(ch, size)) * MM, (top + size) * MM, size * MM
                )
            )
            x += step
    return out


def with_gaps(glyphs: list[layout.Glyph]) -> list[layout.Glyph]:
    """Put a generated space where a gap on one line is wider than a space: an OFD writer places
    words apart instead of writing the space, as a PDF does (pdfium infers those spaces too)."""
    out: list[layout.Glyph] = []
    for g in glyphs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.ch.isspace()
            and not g.ch.isspace()
            and abs(g.top - prev.top) < 0.5 * g.size
            and g.x0 - prev.x1 > DEFAULT_SPACE_GAP * g.size
        ):
            out.append(layout.Glyph(" ", prev.x1, prev.top, g.x0, prev.bottom, prev.size, generated=True))
        out.append(g)
    return out


def _resolve(base: str, loc: str) -> str:
    """A BaseLoc relative to the file that names it (or absolute from the package root)."""
    if loc.startswith("/"):
        return loc.lstrip("/")
    parts: list[str] = []
    for part in (PurePosixPath(base).parent / loc).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _page_size(el: Any, area: str, default: tuple[float, float]) -> tuple[float, float]:
    """(width, height) in mm from `el`'s <area><PhysicalBox>, else `default`."""
    box = el.find(f"{OFD_NS}{area}/{OFD_NS}PhysicalBox") if el is not None else None
    values = _floats(box.text if box is not None else None, 4)
    return (values[2], values[3]) if values and values[2] > 0 and values[3] > 0 else default


def _document(path: Path, z: zipfile.ZipFile) -> tuple[str, Any]:
    root = member_xml(path, z, "OFD.xml", KIND)
    doc_root = root.find(f"{OFD_NS}DocBody/{OFD_NS}DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise InputError(f"{path}: cannot read as OFD: OFD.xml names no DocRoot")
    name = _resolve("OFD.xml", (doc_root.text or "").strip())
    return name, member_xml(path, z, name, KIND)


def read_pages(path: Path, z: zipfile.ZipFile, limits: Limits) -> list[pdf.PageText]:
    name, document = _document(path, z)
    common = document.find(f"{OFD_NS}CommonData")
    default = _page_size(common, "PageArea", DEFAULT_PAGE_MM)
    entries = document.findall(f"{OFD_NS}Pages/{OFD_NS}Page")
    if not entries:
        raise InputError(f"{path}: the OFD has no pages")
    if len(entries) > limits.max_pages:
        raise limits.refuse(path, "max_pages", f"the OFD has {len(entries):,} pages")
    pages: list[pdf.PageText] = []
    for number, entry in enumerate(entries, start=1):
        part = _resolve(name, entry.get("BaseLoc") or "")
        content = member_xml(path, z, part, KIND)
        width, height = _page_size(content, "Area", default)
        glyphs: list[layout.Glyph] = []
        for obj in content.iter(f"{OFD_NS}TextObject"):
            glyphs += text_object_to_glyphs(obj)
        pages.append(pdf.PageText(number, height * MM, with_gaps(glyphs), ruled=False, width=width * MM))
    return pages


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    pages = read_pages(path, open_zip(path, data, limits, KIND), limits)
    scan = NeedsOcrError(f"{path}: the OFD holds no text (scanned images); run OCR first")
    if not any(not g.ch.isspace() for p in pages for g in p.glyphs):
        raise scan
    try:
        blocks = pdf._blocks(pdf._stream(pages, {}), limits.max_paragraphs, heights=[p.height for p in pages])
    except pdf.TooManyParagraphs:
        found = f"holds more than {limits.max_paragraphs:,} paragraphs"
        raise limits.refuse(path, "max_paragraphs", found) from None
    if not blocks:
        raise scan
    return RawDocument(str(path), SourceFormat.ofd, sha256, blocks, pages=len(pages))
