"""Outline: find numbered items (一、 / （一） / 1. / （1） …) and the label lines under them.

Takes the normalized paragraphs and returns `Item`s in document order, each with its parent,
its continuation paragraphs and the assignment label lines that follow it. Whether an item is a
heading or a task is decided later (`tasks`), once assignments are known.

Depth comes from the order in which marker styles first appear, as in every 公文: the first
style seen is level 1. A candidate marker is accepted only if its number continues the
numbering of its style (next number, or a restart at 1 under a new parent); a wrapped line
that happens to start with "2000万吨" or "1.6万人" is never a marker (see markers.json).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline import vocab
from pipeline.normalize import NormalBlock, Para
from schemas.notice import Location

DEFAULT_MAX_NUMBER_JUMP = 3  # tolerated gap in a style's numbering before a candidate is text


@dataclass(slots=True)
class LabelLine:
    """`牵头单位：县发改委、县自然资源局`: a label, its kind and the text after the colon."""

    label: str
    kind: str  # lead | responsible | supporting | leaders | deadline
    content: str
    loc: Location


@dataclass(slots=True, eq=False)
class Item:
    style: str
    rank: int  # 0 for the first style seen in the document
    number: int | None
    marker: str  # as written, e.g. （十二）
    text: str  # after the marker, original characters
    loc: Location
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    continuation: list[Para] = field(default_factory=list)
    labels: list[LabelLine] = field(default_factory=list)
    trailing: list[Para] = field(default_factory=list)  # free text after the labels


@dataclass(slots=True)
class Outline:
    items: list[Item]
    preamble: list[Para]  # paragraphs before the first item
    blocks: list[NormalBlock]  # everything, for later stages that need the whole text


def match_marker(key: str) -> tuple[vocab.MarkerStyle, int | None, int] | None:
    """The marker style at the start of a folded paragraph: (style, number, marker length)."""
    for style in vocab.marker_styles():
        m = style.pattern.match(key)
        if m and m.end() < len(key):
            return style, vocab.marker_number(style.kind, m.group(1)), m.end()
    return None


def split_label_line(text: str, key: str, loc: Location) -> list[LabelLine] | None:
    """A paragraph that starts with a label and a colon, split at every further label+colon."""
    pattern = vocab.labels().pattern
    starts = [m for m in pattern.finditer(key) if _colon_after(key, m.end())]
    if not starts or starts[0].start() != 0:
        return None
    out: list[LabelLine] = []
    for i, m in enumerate(starts):
        colon = _colon_after(key, m.end())
        assert colon is not None
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        content = text[colon:end].strip().rstrip(";；,，").strip()
        out.append(LabelLine(text[m.start() : m.end()], vocab.labels().kind(m.group("label")), content, loc))
    return out


def _colon_after(key: str, pos: int) -> int | None:
    """Index just past a colon that follows `pos` (spaces allowed), else None."""
    i = pos
    while i < len(key) and key[i] == " ":
        i += 1
    return i + 1 if i < len(key) and key[i] == ":" else None


def _accept(style: str, number: int | None, parent: Item | None, last: dict[str, Item]) -> bool:
    """Does `number` continue the numbering of `style`? (1 always may start a list.)"""
    if number is None or number == 1:
        return True
    prev = last.get(style)
    if prev is None or prev.number is None:
        return number <= DEFAULT_MAX_NUMBER_JUMP
    return 0 < number - prev.number <= DEFAULT_MAX_NUMBER_JUMP or (
        prev.parent is not parent and number <= DEFAULT_MAX_NUMBER_JUMP
    )


def paras_to_outline(blocks: list[NormalBlock]) -> Outline:
    items: list[Item] = []
    preamble: list[Para] = []
    ranks: dict[str, int] = {}
    last: dict[str, Item] = {}
    stack: list[Item] = []
    for block in blocks:
        if not isinstance(block, Para):
            continue
        labels = split_label_line(block.text, block.key, block.loc)
        if labels is not None and stack:
            stack[-1].labels.extend(labels)
            continue
        found = match_marker(block.key)
        if found is not None:
            style, number, end = found
            rank = ranks.get(style.name, len(ranks))
            parents = [it for it in stack if it.rank < rank]
            parent = parents[-1] if parents else None
            if _accept(style.name, number, parent, last):
                ranks.setdefault(style.name, rank)
                item = Item(
                    style.name, rank, number, block.text[:end].strip(), block.text[end:].strip(), block.loc
                )
                item.parent = parent
                if parent is not None:
                    parent.children.append(item)
                stack = [*parents, item]
                last[style.name] = item
                items.append(item)
                continue
        if not stack:
            preamble.append(block)
        elif stack[-1].labels:
            stack[-1].trailing.append(block)
        else:
            stack[-1].continuation.append(block)
    return Outline(items, preamble, blocks)
