"""Bare markers: a numbering marker alone on its line (``1.`` then ``完成…`` on the next), as a
list's automatic numbering often lands when a document is exported or copied, is one item with
the paragraph after it. Runs after the flattened tables are rebuilt, so a table's 序号 cell on a
line of its own is never taken for one."""

from __future__ import annotations

from pipeline import vocab
from pipeline.normalize import NormalBlock, Para
from pipeline.structure.outline import match_marker

DEFAULT_MAX_MARKER = 12  # characters of a marker alone on its line (（十二）, 第十二部分)


def bare_marker(key: str) -> bool:
    """Is the folded line only a numbered marker (1. / （一） / 一、 / ①)?"""
    key = key.strip()
    if len(key) > DEFAULT_MAX_MARKER or not vocab.any_marker().match(key):
        return False  # the common line: one cheap test
    for style in vocab.marker_styles():
        if style.alone or style.kind in vocab.UNNUMBERED_KINDS:
            continue
        m = style.pattern.match(key)
        if m is not None and m.end() == len(key):
            return True
    return False


def join_bare_markers(blocks: list[NormalBlock]) -> list[NormalBlock]:
    out: list[NormalBlock] = []
    k = 0
    while k < len(blocks):
        block, after = blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None
        if (
            isinstance(block, Para)
            and isinstance(after, Para)
            and bare_marker(block.key)
            and match_marker(after.key) is None
        ):
            loc = block.loc
            if after.loc.line_end is not None or after.loc.line_start is not None:
                loc = loc.model_copy(update={"line_end": after.loc.line_end or after.loc.line_start})
            out.append(Para(block.text.strip() + after.text, block.key.strip() + after.key, loc))
            k += 2
            continue
        out.append(block)
        k += 1
    return out
