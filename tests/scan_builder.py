"""A scanned copy of a PDF, as an archive's scanner makes one: every page rendered, turned to
grey at 150 dpi, given light noise, and rebuilt as an image-only PDF with no text layer."""

from __future__ import annotations

from pathlib import Path

SCAN_DPI = 150
NOISE = 12.0  # standard deviation of the grey-level noise, out of 255: light speckle


def scanned_pdf(source: Path, dest: Path, dpi: int = SCAN_DPI, noise: float = NOISE, seed: int = 0) -> Path:
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pages = []
    pdf = pdfium.PdfDocument(source)
    try:
        for page in pdf:
            grey = np.asarray(page.render(scale=dpi / 72).to_pil().convert("L"), dtype=np.float32)
            speckled = np.clip(grey + rng.normal(0.0, noise, grey.shape), 0, 255).astype(np.uint8)
            pages.append(Image.fromarray(speckled, mode="L"))
    finally:
        pdf.close()
    pages[0].save(dest, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return dest
