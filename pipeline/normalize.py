"""Fold text for matching without moving a character, so every match maps back to the original.

Carriers disagree on widths and brackets: web archives turn （，： into (,: and Word keeps the
full-width forms; mirrors reached through big5 gateways write 牽頭單位 for 牵头单位. Every rule in
the later stages runs on `fold(text)`, which has exactly the
length of `text`, and every value the pipeline outputs is sliced from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab
from pipeline.document import Line, RawDocument, Table
from schemas.notice import Location

DEFAULT_FOLD_CACHE = 8192
_FOLD_DATA = vocab.load("fold.json")
OPEN_TO_CLOSE: dict[str, str] = {pair[0]: pair[1] for pair in _FOLD_DATA["bracket_pairs"]}
CLOSE_TO_OPEN: dict[str, str] = {close: open_ for open_, close in OPEN_TO_CLOSE.items()}
OPENING, CLOSING = frozenset(OPEN_TO_CLOSE), frozenset(CLOSE_TO_OPEN)


def _fold_table() -> dict[int, str]:
    """Full-width ASCII, the characters of fold.json, and traditional -> simplified
    (traditional.json, generated from OpenCC: 牽頭單位 matches 牵头单位; one character to one)."""
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    traditional = vocab.load("traditional.json")
    table.update(
        {ord(a): b for a, b in zip(traditional["traditional"], traditional["simplified"], strict=True)}
    )
    table.update({ord(a): b for a, b in _FOLD_DATA["characters"].items()})
    return table


FOLD = _fold_table()


def group_start(key: str, end: int) -> int | None:
    """Index of the bracket opening the group whose closing bracket is key[end - 1], on folded
    text (nesting counted); None when key[end - 1] closes nothing."""
    if end <= 0 or key[end - 1] not in CLOSING:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        if key[i] in CLOSING:
            depth += 1
        elif key[i] in OPENING:
            depth -= 1
            if depth == 0:
                return i
    return None


def top_level(key: str, chars: str) -> Iterator[int]:
    """Indices of `chars` in folded `key` outside any bracket group (nesting counted, a stray
    closing bracket ignored): where a list or a label run may be cut."""
    depth = 0
    for i, ch in enumerate(key):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in chars:
            yield i


def group_end(key: str, start: int) -> int | None:
    """Index of the bracket closing the group that key[start] opens (nesting counted), else None."""
    if key[start : start + 1] not in OPENING:
        return None
    depth = 0
    for i in range(start, len(key)):
        if key[i] in OPENING:
            depth += 1
        elif key[i] in CLOSING:
            depth -= 1
            if depth == 0:
                return i
    return None


@lru_cache(maxsize=DEFAULT_FOLD_CACHE)
def fold(text: str) -> str:
    """Same length as `text`; full-width ASCII, ideographic and no-break spaces made plain,
    traditional characters simplified.

    `str.translate` over one table: on the seed's lines about 7x faster than a substitution
    with a callback (measured when the traditional table joined); cached, as the stages fold
    the same unit names and labels many times over.
    """
    return text.translate(FOLD)


@dataclass(frozen=True, slots=True)
class Para:
    """A non-blank paragraph: the original `text`, its folded `key`, and where it came from."""

    text: str
    key: str
    loc: Location


NormalBlock = Para | Table


PAGE_NUMBER_LINE = re.compile(vocab.load("chrome.json")["page_number_line"])
MAX_RUNNING_LINE = 60  # a running header or footer is a short line


def _page_number(text: str) -> bool:
    return bool(text) and text[0] in "-—－–第" and PAGE_NUMBER_LINE.match(text) is not None


def document_to_paras(doc: RawDocument) -> list[NormalBlock]:
    """Drop blank paragraphs, page-number lines (— 2 —) and the running header or footer beside
    them, trim each one's outer whitespace; tables pass through."""
    out: list[NormalBlock] = []
    texts = [b.text.strip().strip("\ufeff").strip() if isinstance(b, Line) else None for b in doc.blocks]
    running = _running_lines(texts)
    for k, block in enumerate(doc.blocks):
        if not isinstance(block, Line):
            out.append(block)
        elif (text := texts[k]) and not _page_number(text) and k not in running:
            out.append(Para(text, fold(text), block.loc))
    return out


def _running_lines(texts: list[str | None]) -> set[int]:
    """Where a text copied from a printed notice repeats its running header (or footer): the same
    line next to two or more page-number lines (— 2 — / 青湍县2024年…任务分解), each of them
    dropped; a line that stands beside one page number only is kept."""
    beside: dict[str, list[int]] = {}
    for k, text in enumerate(texts):
        if text is None or not _page_number(text):
            continue
        for step in (1, -1):
            j = k + step
            while 0 <= j < len(texts) and texts[j] == "":
                j += step
            neighbour = texts[j] if 0 <= j < len(texts) else None
            if neighbour and not _page_number(neighbour) and len(neighbour) <= MAX_RUNNING_LINE:
                beside.setdefault(neighbour, []).append(j)
    return {j for places in beside.values() if len(places) >= 2 for j in places}


def lines_to_paras(lines: list[Line]) -> list[Para]:
    """Lines outside the body's flow (a .docx's footnotes) as trimmed paragraphs."""
    return [Para(t, fold(t), line.loc) for line in lines if (t := line.text.strip())]
