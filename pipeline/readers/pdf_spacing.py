"""What a PDF line's glyphs spell: which gaps are spaces, and how wrapped lines join.

A PDF holds no spaces between CJK characters, only glyphs at positions; the PDF library infers a
space at a gap. Renderers set a gap between an ideograph and a Latin letter or digit ('2 号'),
justified lines stretch every gap, and a tab stop leaves a wide gap with nothing typed in it. These
rules keep the spaces a reader of the page would see and drop the ones only the layout made.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Protocol


class Glyph(Protocol):
    """What spacing reads of a glyph (pdf_layout.Glyph has it): its character, box and size."""

    @property
    def ch(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def generated(self) -> bool: ...


WORD_SPACE = 0.15  # of the font size: the narrowest gap between two words (a Latin space is 0.25-0.33)
GENERATED_SPACE = "\x00"  # stands for an inferred space inside `tidy`, never leaves this module
GAP_SPACE = "\x01"  # an inferred space at a gap no renderer sets between two characters: a tab stop
TAB_GAP = 0.5  # of the font size, beyond the line's own spacing: a gap that is a tab or typed spaces
TYPED_GAP = 0.75  # of the font size: typed spaces wider than one half-width space
IDEOGRAPH_LATIN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][A-Za-z0-9]")
LATIN_IDEOGRAPH = re.compile(r"[A-Za-z0-9][\u3400-\u9fff\uf900-\ufaff]")


def is_wide(ch: str) -> bool:
    """CJK ideographs, CJK and full-width punctuation, and quotes/dashes used in Chinese text."""
    code = ord(ch)
    return code >= 0x2E80 or 0x2010 <= code <= 0x206F


def spelled(glyphs: Sequence[Glyph], ink: Sequence[Glyph]) -> list[str]:
    """The line's characters, with a space the PDF library inferred from a gap kept only where the
    gap is wider than the line's own spacing by a word space.

    A justified or letter-spaced line (字间距 widened, a title spread across the page) moves every
    glyph apart by the same amount, so the library reads '5G' as '5 G' and 'https' as 'h t t p s';
    the median gap between neighbouring glyphs is that stretch, and only a gap beyond it is a space.
    """
    if not any(g.generated or g.ch == " " for g in glyphs):
        return [g.ch for g in glyphs]
    stretch = max(0.0, statistics.median([b.x0 - a.x1 for a, b in pairwise(ink)] or [0.0]))
    out: list[str] = []
    for i, g in enumerate(glyphs):
        if not g.generated:
            # spaces typed over a gap no renderer's CJK/Latin gap fills (完成时限  2024年): kept
            out.append(GAP_SPACE if g.ch == " " and _typed_wide(glyphs, i, stretch) else g.ch)
            continue
        before = next((p for p in reversed(glyphs[:i]) if not p.ch.isspace()), None)
        after = next((n for n in glyphs[i + 1 :] if not n.ch.isspace()), None)
        gap = after.x0 - before.x1 - stretch if before and after else None
        if gap is not None and gap < WORD_SPACE * g.size:
            continue
        # 牵头单位⇥县发改委: a tab stop's gap between ideographs says the same as the .docx's tab
        # (an inferred space has no size of its own: the gap is measured in its neighbours' size)
        wide = gap is not None and before is not None and gap >= TAB_GAP * before.size
        out.append(GAP_SPACE if wide else GENERATED_SPACE)
    return out


def _typed_wide(glyphs: Sequence[Glyph], i: int, stretch: float) -> bool:
    """Is the typed space at i wider than one space (TYPED_GAP ems)? pdfium gives a run of typed
    spaces as one character, over the run's whole width."""
    before = glyphs[i - 1] if i else None
    after = glyphs[i + 1] if i + 1 < len(glyphs) else None
    if before is None or after is None or before.ch.isspace() or after.ch.isspace():
        return False
    return after.x0 - before.x1 - stretch >= TYPED_GAP * before.size


def tidy(text: str) -> str:
    """Drop the spaces a renderer puts next to CJK ('2 号', '于 2'); keep one between Latin words.

    A space typed in the PDF stays, except between CJK and a Latin letter or digit, where some
    renderers type the CJK/Latin gap: a web copy's spaces elsewhere separate things (配合单位:县统计局
    县发改局, 索引号: | 1133…). One inferred from a gap (GENERATED_SPACE) stays only between two
    letters or digits, since a justified '1.' comes out '1 .'. Full-width spaces (U+3000) stay.
    """
    out: list[str] = []
    pending = ""
    for ch in text:
        if ch in " \t\r\n\u00a0" or ch in (GENERATED_SPACE, GAP_SPACE):
            if out and pending not in (" ", GAP_SPACE):
                pending = ch
            continue
        if pending == GAP_SPACE:
            keep = True
        elif pending == GENERATED_SPACE:
            keep = not is_wide(out[-1]) and not is_wide(ch) and out[-1].isalnum() and ch.isalnum()
        else:
            keep = bool(pending) and not _autospace(out[-1], ch)
        if keep:
            out.append(" ")
        pending = ""
        out.append(ch)
    return "".join(out)


def _autospace(a: str, b: str) -> bool:
    """Would a renderer put a gap here: between an ideograph and a Latin letter or digit ('2 号',
    '于 2')? Not after CJK punctuation (执行。 2022年是…)."""
    return bool(IDEOGRAPH_LATIN.match(a + b) or LATIN_IDEOGRAPH.match(a + b))


def join_texts(parts: Iterable[str]) -> str:
    """Join wrapped lines: nothing between CJK, one space only between two Latin letters/digits."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out
