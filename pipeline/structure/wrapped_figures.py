"""Wrapped figures: a line of hard-wrapped text may open with what looks like a marker before a
figure (``…其中`` / ``3、4号灌区配套改造…``, ``…力争在`` / ``2、3季度完成…``). Whether it opens an
item is read from the numbering and from the line above, never from the figure alone."""

from __future__ import annotations

from pipeline.normalize import fold

MARKS = frozenset(".、)")  # folded: what closes an Arabic marker (1. 1、 1)), not its number
DEFAULT_WRAPPED_LINE = 24  # characters of a line that reads as hard-wrapped when it ends open


def wrapped_figure(
    key: str, number: int | None, end: int, prev: tuple[int | None, str] | None, open_line: str | None
) -> bool:
    """Is the marker key[:end] before a figure a wrapped line rather than an item? It is when it
    does not go on exactly from its style's last number and mark (`prev`: 1. then 2、3号楼), or
    when the item above is open (`open_line`, its last line, None when it is complete) on a line
    that reads as wrapped: it ends in ， or 、, or it is long. After a short line (一、重大项目,
    2、工业增加值增长8%) the marker opens an item."""
    if not key[end : end + 1].isdigit():
        return False
    if number is not None and number > 1 and (prev is None or prev[0] != number - 1):
        return True
    if prev is not None:
        before, here = fold(prev[1]).strip()[-1:], key[:end].strip()[-1:]
        if before in MARKS and here in MARKS and before != here:
            return True
    if open_line is None:
        return False
    line = open_line.replace(" ", "")
    return line.endswith((",", "、")) or len(line) >= DEFAULT_WRAPPED_LINE
