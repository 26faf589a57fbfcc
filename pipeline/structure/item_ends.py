"""Where an item's text ends when nothing in its own paragraphs says so: a rule on the outline's
shape, run after the outline is built (the item's own labels, brackets and prose come first)."""

from __future__ import annotations

from pipeline.normalize import fold
from pipeline.structure.label_groups import MAX_GROUP_CHARS, ends_in_label_group
from pipeline.structure.outline import ITEM_END, Item

MIN_ONE_PARAGRAPH_ITEMS = 3  # items of a style, each one paragraph, before the shape is the rule


def end_one_paragraph_items(items: list[Item]) -> None:
    """Where every item of a style is one paragraph, the paragraphs after the last item of a
    section or of the notice are no more of its text: they close the section or the notice
    (各承办单位要于每季度末…, 抄送：…), as nothing else told that item where its text ends. An
    item with label lines keeps its paragraphs before them: its text ends at the labels."""
    groups: dict[str, list[Item]] = {}
    last: dict[int, Item] = {}  # id(parent) -> its last child: one pass, a notice may hold 20,000
    for it in items:
        last[id(it.parent)] = it
        if not it.children:
            groups.setdefault(it.style, []).append(it)
    for group in groups.values():
        ends = [it for it in group if last[id(it.parent)] is it]
        inner = [it for it in group if last[id(it.parent)] is not it]
        if len(group) < MIN_ONE_PARAGRAPH_ITEMS or any(it.continuation for it in inner) or not inner:
            continue
        for it in ends:  # a paragraph that stops mid-sentence (…，实现 / “零成本”开办。) goes on
            if it.continuation and not it.labels and fold(it.text).rstrip().endswith(ITEM_END):
                it.trailing[:0] = it.continuation
                it.continuation = []


def end_at_label_groups(items: list[Item]) -> None:
    """An item whose text closes with its bracketed label group (a hard-wrapped text puts the
    group on lines of its own) ends there: the paragraphs after it (抄送：…, the 版记) are none of
    its text."""
    for it in items:
        if it.labels or not it.continuation or it.children:
            continue
        window = fold(it.text)[-MAX_GROUP_CHARS:]  # the tail a group can span: linear in the text
        for k, para in enumerate(it.continuation):
            window = (window + para.key)[-MAX_GROUP_CHARS:]
            if k + 1 < len(it.continuation) and ends_in_label_group(window):
                it.trailing[:0] = it.continuation[k + 1 :]
                it.continuation = it.continuation[: k + 1]
                break
