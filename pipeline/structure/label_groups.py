"""Label lines written inside something else: a table cell that holds its task and its labels,
or a paragraph that is only a bracketed label group. Both hand the outline plain label lines."""

from __future__ import annotations

from pipeline import vocab
from pipeline.assign.labels import LabelLine, split_label_line
from pipeline.document import Table
from pipeline.normalize import Para, fold, group_start
from pipeline.structure import tables
from schemas.notice import Location


def cell_labels(text: str, loc: Location) -> tuple[str, list[LabelLine]]:
    """A task cell that also holds the task's label lines (a Word cell: the task, then 责任领导：…,
    牵头单位：… after line breaks, kept by `tables.cell_text`): the task's text, and its labels;
    a line after a label that is none goes on that label's list (a wrapped list)."""
    if "\n" not in text:
        return text, []
    head, *rest = text.split("\n")
    labels: list[LabelLine] = []
    for line in rest:
        found = split_label_line(line, fold(line), loc)
        if found:
            labels.extend(found)
        elif labels:
            labels[-1].content += line
        else:
            head += line
    return head, labels


def bracketed_label_line(para: Para) -> list[LabelLine] | None:
    """A paragraph that is only a bracketed label group, ``（责任单位：市工信局、市发改委）``: the
    label lines of the item above, as if written without brackets (after a block of sub-items it
    assigns the item that owns the block, like label lines do)."""
    key = para.key.rstrip().rstrip("。.")
    start = group_start(key, len(key))
    if start != 0:
        return None
    inner = para.text[1 : len(key) - 1]
    return split_label_line(inner.strip(), fold(inner.strip()), para.loc)


ASSIGNING_KINDS = frozenset({*vocab.ROLE_KEYS, "leaders", "deadline"})


def label_table(table: Table) -> list[LabelLine] | None:
    """A task's own small table under it: a header of labels only (牵头单位 | 配合单位 | 责任市领导 |
    完成时限, no task or 序号 column) over one row of values, read as the task's label lines;
    None for any other table."""
    if len(table.rows) != 2 or len(table.rows[0]) != len(table.rows[1]) or len(table.rows[0]) < 2:
        return None
    header, values = table.rows
    kinds = [tables.header_kind(c.text.strip()) for c in header]
    if any(kind not in ASSIGNING_KINDS for kind in kinds):
        return None
    return [
        LabelLine(h.text.strip(), kind, v.text.strip(), v.loc)
        for h, v, kind in zip(header, values, kinds, strict=True)
        if kind is not None and v.text.strip()
    ]
