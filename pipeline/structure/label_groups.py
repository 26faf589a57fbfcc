"""Label lines written inside something else: a table cell that holds its task and its labels,
or a paragraph that is only a bracketed label group. Both hand the outline plain label lines.
And where a label's list goes on past its line: `continue_label` says whether the next paragraph
is more of the list (a break after a separator, inside a name, or a line of names only)."""

from __future__ import annotations

from pipeline import vocab
from pipeline.assign import units
from pipeline.assign.label_gaps import names_units
from pipeline.assign.labels import ASSIGNING_KINDS, LabelLine, split_label_line
from pipeline.assign.unit_vocab import vocabulary
from pipeline.document import Table
from pipeline.normalize import CLOSING, OPENING, Para, fold, group_start
from pipeline.structure import tables
from pipeline.structure.record_tables import table_to_label_pairs
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


def label_table(table: Table) -> list[LabelLine] | None:
    """A task's own small table under it: a header of labels only (牵头单位 | 配合单位 | 责任市领导 |
    完成时限, no task or 序号 column) over one row of values, read as the task's label lines;
    None for any other table."""
    pairs = table_to_label_pairs(table)  # or a form of label | value pairs (牵头单位 | X | 完成时限 | D)
    if pairs is not None:
        return [
            LabelLine(a.text, kind, v.text.strip(), v.loc)
            for a, v in pairs
            if (kind := tables.header_kind(a.text)) and v.text.strip() and not tables.is_empty_mark(v.text)
        ]
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


MAX_GROUP_LINES, MAX_GROUP_CHARS = 12, 2000  # how far back a wrapped label group is looked for


def inside_label_group(text: str, continuation: list[Para]) -> bool:
    """An item's text so far ends inside a bracketed label group it opened (the tail only: a
    group spans a few lines, and an item may run on for thousands)."""
    tail = text + "".join(p.text for p in continuation[-MAX_GROUP_LINES:])
    return open_label_group(fold(tail[-MAX_GROUP_CHARS:]))


def open_label_group(key: str) -> bool:
    """Does the folded text end inside a bracketed label group it opened (…（责任县领导：刘春燕；牵头单位：)?
    A text hard-wrapped at a fixed width breaks the group anywhere, a label at a line's start too."""
    depth, start = 0, -1
    for i, ch in enumerate(key):
        if ch in OPENING:
            depth, start = depth + 1, i if depth == 0 else start
        elif ch in CLOSING and depth:
            depth -= 1
    if depth == 0 or start < 0:
        return False
    tail = key[start + 1 :].lstrip()
    return split_label_line(tail, tail, Location(line_start=1)) is not None


def ends_in_label_group(key: str) -> bool:
    """Does the folded text end with a bracketed label group (…3座。(责任县领导:吴海波;…))?"""
    text = key.rstrip().rstrip("。.")
    if not text.endswith(tuple(CLOSING)):
        return False
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSING:
            depth += 1
        elif text[i] in OPENING:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1].lstrip()
                return split_label_line(inner, inner, Location(line_start=1)) is not None
    return False


LIST_OPEN_END = (",", "、")  # folded: ， is ,


def continue_label(labels: list[LabelLine], trailing: list[Para], para: Para) -> str:
    """A label line whose list goes on in `para`: the label stands alone (``牵头单位:`` then
    ``市教育局`` on the next line), or its unit list breaks after a separator (``…规划局、`` then
    ``市住房城乡建设局,各县区人民政府``), or a web copy wrapped it inside a name right after its
    level prefix (``…、市`` then ``生态环境局、…``), or inside any name, where the last piece is no
    unit but becomes one with the paragraph's first piece (``…、各街`` then ``道办事处``, ``各镇人民政``
    then ``府``), or the paragraph opens with a separator (``、中国人民银行…``). The paragraph's text is
    added to the label's content."""
    if not labels or trailing:
        return ""
    last = labels[-1]
    key = fold(last.content).rstrip()
    goes_on = key.endswith(LIST_OPEN_END) or para.key[:1] in LIST_OPEN_END  # …市财政局 / 、人行…
    cut = goes_on or (
        last.kind in vocab.ROLE_KEYS and (units.ends_in_cut_name(key) or _name_goes_on(key, para.key))
    )
    listed = bool(key) and not cut and _unit_list(last, para)
    if key and not (last.kind in vocab.ROLE_KEYS and (cut or listed)):
        return ""
    # a whole line of names after a list that broke with no separator: the break is one
    last.content = last.content.rstrip() + (" " if listed else "") + para.text
    if para.loc.line_end is not None:
        last.loc = last.loc.model_copy(update={"line_end": para.loc.line_end})
    return "listed" if listed else "cut"


def _unit_list(last: LabelLine, para: Para) -> bool:
    """The next line is only a list of two units or more (县信访局、各镇（街道）): the list above it
    goes on, though it broke with no separator. Not across a blank line, not names set apart by
    spaces only (a signature of two issuers), and one name alone may be the signature."""
    if last.kind not in vocab.ROLE_KEYS or _after_blank(last.loc, para.loc):
        return False
    pieces = units.split_top_level(para.key)
    # set apart as a list is (、，；): names set apart by spaces only are a signature of two issuers
    listed = any(sep.strip() for _, sep in pieces[1:])
    return len(pieces) > 1 and listed and names_units(para.text)


def _after_blank(above: Location, below: Location) -> bool:
    end = above.line_end or above.line_start
    return end is not None and below.line_start is not None and below.line_start > end + 1


def _name_goes_on(listed: str, key: str) -> bool:
    """The list's last piece is cut inside a name that the next line's first piece ends: the piece
    does not end like a body (单位, 局, 政府, 办事处…) and ends like one with that piece."""
    pieces, after = units.split_top_level(listed), units.split_top_level(key)
    if not pieces or not after:
        return False
    v = vocabulary()
    tail, head = pieces[-1][0], after[0][0]
    if not v.unit_end.search(tail + head):
        return False
    if not v.unit_end.search(tail):
        return True
    # 市住房和城乡 / 建设局, 白石镇 / 人民政府, 人民银行青湍县 / 支行: a piece that ends only like a
    # place (乡, 镇, 县) goes on into a body's name; 市生态环境局 / 青湍分局: a body, then its branch
    if v.place_end.search(tail):
        return not v.place_end.search(tail + head)
    return bool(v.department_end.search(tail) and v.branch_end.search(head))
