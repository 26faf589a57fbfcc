"""OCR for PDF pages without a text layer (scans), offline, through an optional extra.

`pip install 'notice-parse[ocr]'` adds rapidocr-onnxruntime, whose wheel carries the PP-OCRv4
Chinese detection and recognition models, so OCR runs on a CPU with no download. A page is
rendered with pypdfium2 at `DEFAULT_DPI` and each recognised line becomes glyphs with boxes in
PDF points (the line's box shared out by character width), so the PDF reader's line building,
paragraph joins and furniture removal run on them unchanged. Every character keeps the
recogniser's probability; the tasks stage turns them into a task's confidence and names the
characters read with low confidence.

Why 150 dpi: a scan's images are rarely finer (150-300 dpi), and at 150 dpi a 16 pt 公文 body
character is about 33 px tall, while the recogniser scales every line to 48 px: rendering finer
buys no accuracy on such scans and the detector's cost grows with the pixels (it shrinks any
page over 2,000 px anyway). The engine is pinned: the per-character probabilities come from its
recogniser's decoder, called step by step as its own pipeline calls it.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.readers import pdf_layout as layout
from pipeline.readers import pdf_spacing

DEFAULT_DPI = 150
ENGINE = "rapidocr-onnxruntime"
EXTRA_HINT = "pip install 'notice-parse[ocr]'"
NARROW_WIDTH = 0.5  # a Latin letter or digit takes about half a CJK character's width


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in pixels
    confidences: tuple[float, ...]  # one per character of `text`


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def engine_version() -> str:
    from importlib.metadata import version

    return f"{ENGINE} {version(ENGINE)}"


@cache
def _engine() -> Any:
    engine: Any = importlib.import_module("rapidocr_onnxruntime")  # untyped; absent without the extra
    return engine.RapidOCR()


def image_to_lines(image: Any) -> list[OcrLine]:
    """The text lines of one page image (an RGB numpy array), in reading order."""
    eng = _engine()
    img = eng.load_img(image)
    raw_h, raw_w = img.shape[:2]
    img, ratio_h, ratio_w = eng.preprocess(img)
    record: dict[str, Any] = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}}
    img, record = eng.maybe_add_letterbox(img, record)
    boxes, _ = eng.auto_text_det(img)
    if boxes is None or len(boxes) == 0:
        return []
    crops = eng.get_crop_img_list(img, boxes)  # no angle classifier: it turned whole lines of a
    # straight scan upside down (a line of the seed came back empty); a notice's lines stand upright
    recognised, _ = eng.text_rec(crops, True)  # True: keep each character's probability
    boxes = eng._get_origin_points(boxes, record, raw_h, raw_w)
    lines = []
    for box, rec in zip(boxes, recognised, strict=True):
        text, score = str(rec[0]), float(rec[1])
        if not text.strip() or score < eng.text_score:
            continue
        probabilities = [float(p) for p in rec[2][4]] if len(rec) > 2 and rec[2] else []
        if len(probabilities) != len(text):
            probabilities = [score] * len(text)
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        lines.append(OcrLine(text, (min(xs), min(ys), max(xs), max(ys)), tuple(probabilities)))
    return lines  # in the detector's reading order (it sorts its boxes top to bottom, left to right)


def lines_to_glyphs(lines: list[OcrLine], dpi: int = DEFAULT_DPI) -> list[layout.Glyph]:
    """Glyphs in PDF points: each line's box shared out by character width, a line end after it."""
    scale = 72.0 / dpi
    glyphs: list[layout.Glyph] = []
    for line in lines:
        x0, top, x1, bottom = (v * scale for v in line.box)
        weights = [1.0 if pdf_spacing.is_wide(ch) else NARROW_WIDTH for ch in line.text]
        unit = (x1 - x0) / (sum(weights) or 1.0)
        x = x0
        for ch, weight, probability in zip(line.text, weights, line.confidences, strict=True):
            glyphs.append(
                layout.Glyph(ch, x, top, x + weight * unit, bottom, bottom - top, confidence=probability)
            )
            x += weight * unit
        glyphs.append(layout.Glyph("\n", 0.0, 0.0, 0.0, 0.0, 0.0))
    return glyphs


def page_to_glyphs(page: Any, dpi: int = DEFAULT_DPI) -> list[layout.Glyph]:
    """OCR one pypdfium2 page."""
    import numpy as np

    bitmap = page.render(scale=dpi / 72.0)
    image = np.asarray(bitmap.to_pil().convert("RGB"))
    return lines_to_glyphs(image_to_lines(image), dpi)
