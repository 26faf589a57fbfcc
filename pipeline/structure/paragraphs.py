"""Paragraphs: undo two carrier artefacts that glue paragraphs together, before tables and outline.

Takes the normalized blocks and returns them with some paragraphs split in two or more; each
piece keeps the location of the line it came from and is sliced from the original text.

- A joined line: a web copy that put a whole body on one line, paragraphs separated by single
  spaces (``…执行。 海盐县人民政府办公室 2022年4月18日 一、… 1.… 责任单位:…``). A line is read
  as joined only when it is long and has several spaces between text at bracket depth 0; it
  is then split at each such space, except the space after a leading number marker
  (``1. 稳企业``), spaces between two Latin letters or digits (``GDP 2.0``) and spaces between
  the units of a label's list (``配合单位:县统计局 县发改局``). A letter-spaced line
  (``推 进 工 作``: most pieces one or two characters) is not joined.
- Items inside a line, found by the numbering they continue (`sequence`): a body glued onto one
  line without spaces (``…意见。1.对…责任单位：X。2.对…``).
- Two items on one line: ``(一)…。(省发改委负责)(二)…`` or ``1.…(…协办)2.…``: a paragraph that
  starts with a marker is split where the same marker style with the next number follows a
  closing bracket or a 。.
"""

from __future__ import annotations

import regex

from pipeline import vocab
from pipeline.assign.labels import split_label_line
from pipeline.assign.unit_vocab import looks_like_unit
from pipeline.assign.units import content_to_pieces
from pipeline.normalize import CLOSING, OPENING, NormalBlock, Para
from pipeline.structure.header import DATE_LINE, DATE_START
from pipeline.structure.header import patterns as header_patterns
from pipeline.structure.outline import match_marker
from pipeline.structure.sequence import Numbering, split_sequence

DEFAULT_JOINED_MIN_LENGTH = 120  # a line shorter than this is never a joined body
DEFAULT_JOINED_MIN_BREAKS = 3  # nor one with fewer paragraph-like spaces
OPEN, CLOSE = OPENING, CLOSING
BREAK = regex.compile(r"[)\]。](?=.)")  # where a second item may follow


def _slice(para: Para, start: int, end: int) -> Para | None:
    text = para.text[start:end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return None
    key = para.key[start + lead : start + lead + len(text)]
    return Para(text, key, para.loc)


def joined_breaks(key: str) -> list[tuple[int, int]]:
    """(start, end) of the spaces at which a joined line splits; [] when the line is not joined."""
    if len(key) < DEFAULT_JOINED_MIN_LENGTH or "|" in key or key.count(" ") < DEFAULT_JOINED_MIN_BREAKS:
        return []
    breaks: list[tuple[int, int]] = []
    depth, i, segment_start = 0, 0, 0
    while i < len(key):
        ch = key[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch == " " and depth == 0:
            j = i
            while j < len(key) and key[j] == " ":
                j += 1
            before, after = key[i - 1 : i], key[j : j + 1]
            marker = match_marker(key[segment_start:j] + "x")
            after_marker = marker is not None and segment_start + marker[2] >= j
            latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
            if i > segment_start and after and not after_marker and not latin and not _figure_gap(key, i, j):
                breaks.append((i, j))
                segment_start = j
            i = j
            continue
        i += 1
    if len(breaks) < DEFAULT_JOINED_MIN_BREAKS:
        return []
    ends = [b[0] for b in breaks] + [len(key)]
    starts = [0] + [b[1] for b in breaks]
    short = sum(1 for s, e in zip(starts, ends, strict=True) if e - s <= 2)
    return [] if short * 2 > len(starts) else breaks  # 推 进 工 作: letter-spaced, not joined


GLUED_DATE = regex.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
FIGURE_AFTER = regex.compile(r"\d+(?:\.\d+)?\s*(?![.、)年\d])")


def _figure_gap(key: str, i: int, j: int) -> bool:
    """A space around a figure inside a sentence (给予 100 万元, 指标 1名): no paragraph ends in a
    bare number, and none starts with one unless it is a marker or a year (1. / 2022年4月18日)."""
    if key[i - 1 : i].isdigit():
        return True
    return bool(FIGURE_AFTER.match(key, j)) and match_marker(key[j : j + 12]) is None  # 1.1 推进 is one


def _reads_as_names(key: str) -> bool:
    """A piece of a joined line that is only unit names (县发改局 县财政局), no label, no marker."""
    if ":" in key or match_marker(key) is not None:
        return False
    pieces, remark = content_to_pieces(key)
    return bool(pieces) and not remark and all(looks_like_unit(p.name) for p in pieces)


def _continues_list(para: Para, segment: tuple[int, int]) -> bool:
    """Does `segment` (from a label to the break) end in a unit list (配合单位:县统计局 …)?"""
    text = para.text[segment[0] : segment[1]]
    labels = split_label_line(text, para.key[segment[0] : segment[1]], para.loc)
    return labels is not None and bool(labels) and labels[-1].kind in vocab.ROLE_KEYS


def list_breaks(para: Para, breaks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The breaks without those inside a unit list: on a long line (``…以上 牵头单位:县工信局
    配合单位:县统计局 县发改局 县财政局 完成时限:2023年底``) the spaces after a label separate its
    units, not paragraphs; a piece of names after a label's piece stays with it."""
    kept: list[tuple[int, int]] = []
    start = 0
    for k, (i, j) in enumerate(breaks):
        end = breaks[k + 1][0] if k + 1 < len(breaks) else len(para.key)
        if _reads_as_names(para.key[j:end]) and _continues_list(para, (start, i)):
            continue
        kept.append((i, j))
        start = j
    return kept


def split_joined(para: Para) -> list[Para]:
    breaks = joined_breaks(para.key)
    if breaks and ":" in para.key:
        breaks = list_breaks(para, breaks)
    if not breaks:
        return [para]
    bounds = [0, *(b for pair in breaks for b in pair), len(para.text)]
    pieces = (_slice(para, bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2))
    return [p for p in pieces if p is not None]


def split_items(para: Para) -> list[Para]:
    """Split `(一)…(X负责)(二)…` where the next number of the leading marker's style follows."""
    found = match_marker(para.key)
    if found is None or found[1] is None:
        return [para]
    style, number, end = found
    assert number is not None
    for found_break in BREAK.finditer(para.key, end):
        i = found_break.end()
        nxt = match_marker(para.key[i:])
        if nxt is not None and nxt[0].name == style.name and nxt[1] == number + 1:
            head, tail = _slice(para, 0, i), _slice(para, i, len(para.text))
            if head is None or tail is None:
                continue
            return [head, *split_items(tail)]
    return [para]


def split_signature(para: Para, after: NormalBlock | None) -> list[Para]:
    """A signature glued to the last item (``…分别负责）。霖江省人民政府办公厅`` then the date line, or
    with the date glued too, as a PDF drops the space before a figure): the organ's name after
    the final sentence end, and its date, are paragraphs of their own, as in the original."""
    date = GLUED_DATE.search(para.key) if para.key[-1:] == "日" else None
    dated_after = isinstance(after, Para) and after.key[:1] in DATE_START
    if date is None and not (
        dated_after and isinstance(after, Para) and DATE_LINE.match(after.key.replace(" ", ""))
    ):
        return [para]
    end = date.start() if date is not None else len(para.key)
    cut = max(para.key.rfind("。", 0, end), para.key.rfind(")", 0, end), para.key.rfind("]", 0, end)) + 1
    if cut <= 0 or cut >= end or not header_patterns()["issuer"].match(para.key[cut:end].strip()):
        return [para]
    pieces = (_slice(para, 0, cut), _slice(para, cut, end), _slice(para, end, len(para.text)))
    return [p for p in pieces if p is not None]


def blocks_to_paragraphs(blocks: list[NormalBlock]) -> list[NormalBlock]:
    out: list[NormalBlock] = []
    numbering = Numbering()
    for block in blocks:
        if isinstance(block, Para):
            for piece in split_joined(block):
                for item in split_sequence(piece, numbering):
                    out.extend(split_items(item))
        else:
            out.append(block)
    return _signatures_apart(out)


def _signatures_apart(blocks: list[NormalBlock]) -> list[NormalBlock]:
    out: list[NormalBlock] = []
    for k, block in enumerate(blocks):
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        out.extend(split_signature(block, after) if isinstance(block, Para) else [block])
    return out
