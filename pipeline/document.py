"""What a reader hands to the stages: the notice as blocks of text with provenance.

Every reader (.txt, .docx, .pdf, .html) returns a `RawDocument`; the stages after it never look
at the carrier again. A block is a paragraph (`Line`) or a table (`Table` of cells). Text is kept
exactly as the carrier gives it; matching happens on a folded copy (see `normalize`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.notice import Location, SourceFormat


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of text: a line of a .txt, a Word paragraph, a rejoined PDF paragraph."""

    text: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    loc: Location
    span: int = 1  # columns covered (a merged full-width row has span == column count)
    continued: bool = False  # a vertically merged cell: its text is the cell's above


@dataclass(frozen=True, slots=True)
class Table:
    """A table in document order; `rows[0]` may be a header row. A reader may pass a header
    repeated on later pages (the tables stage skips repeats) or drop it (the PDF reader does)."""

    rows: tuple[tuple[Cell, ...], ...]
    loc: Location


Block = Line | Table


@dataclass(frozen=True, slots=True)
class OcrRead:
    """How a reader read pages by OCR: the engine, the resolution, the pages, and each OCR'd
    physical line's characters with their probabilities, by line number (Location.line_start)."""

    engine: str
    dpi: int
    pages: tuple[int, ...]
    characters: dict[int, tuple[tuple[str, float], ...]]


@dataclass(slots=True)
class RawDocument:
    path: str
    format: SourceFormat
    sha256: str
    blocks: list[Block]
    encoding: str | None = None
    pages: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. an HTML page's 发文字号 table
    ocr: OcrRead | None = None  # pages read by OCR (a scanned PDF)
    # footnotes and endnotes (.docx), each at the paragraph that refers to it: text a reader sees
    # under the page, outside the body's flow; read for statements about the whole notice (a
    # footnote saying the first-listed unit leads), never as tasks
    notes: list[Line] = field(default_factory=list)

    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]
