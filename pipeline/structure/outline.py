"""Outline: find numbered items (一、 / （一） / 1. / （1） …) and the label lines under them.

Takes the normalized paragraphs and returns `Item`s in document order, each with its parent,
its continuation paragraphs and the assignment label lines that follow it. Whether an item is a
heading or a task is decided later (`tasks`), once assignments are known.

Depth comes from the order in which marker styles first appear, as in every 公文: the first
style seen is level 1. A candidate marker is accepted only if its number continues the
numbering of its style (next number, or a restart at 1 under a new parent); a wrapped line
that happens to start with "2000万吨" or "1.6万人" is never a marker (see markers.json).

A web copy may go on past the notice into the page's footer (【打印本页】, 上一篇:…, 主办单位:…,
网站标识码…; data/chrome.json): the first footer paragraph after the first item ends the text, so
a cut last task keeps its own words only. Before the first item the same words are page header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import vocab
from pipeline.assign.label_gaps import prose_words
from pipeline.assign.label_grammar import DEADLINE
from pipeline.assign.labels import EXTRA, LabelLine, label_spans, split_label_line
from pipeline.assign.prose import assignment_line, prose_line
from pipeline.document import Table
from pipeline.normalize import OPENING, NormalBlock, Para, fold, group_start
from pipeline.structure import tables
from pipeline.structure.attachment_list import AttachmentList
from pipeline.structure.header import DATE_LINE, signature_lines
from pipeline.structure.label_groups import (
    LIST_OPEN_END,
    bracketed_label_line,
    cell_labels,
    continue_label,
    inside_label_group,
    label_table,
)
from pipeline.structure.record_tables import table_to_rows
from pipeline.structure.wrapped_figures import wrapped_figure
from schemas.notice import Location

DEFAULT_MARKER_CACHE = 8192
TABLE_ROW, TABLE_GROUP, TABLE_CATEGORY = "table_row", "table_group", "table_category"
TABLE_STYLES = frozenset({TABLE_ROW, TABLE_GROUP, TABLE_CATEGORY})
DEFAULT_MAX_NUMBER_JUMP = 3  # tolerated gap in a style's numbering before a candidate is text
# `附件2` / `附件 二` alone on a line (folded) after the first item: a new attachment starts, so
# the headings of the one before do not carry over (附件1's 一、 is no parent of 附件2's （一）).
ATTACHMENT_HEADING = re.compile(r"^附件\s*[0-9一二三四五六七八九十]{0,2}\s*$")


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
    section: int = 0  # the covering notice is 0; each signature date or 附件 heading opens the next


@dataclass(slots=True)
class Outline:
    items: list[Item]
    preamble: list[Para]  # paragraphs before the first item
    blocks: list[NormalBlock]  # everything, for later stages that need the whole text
    footer: Para | None = None  # the page footer line where the notice's text ends, if any
    signature: list[Para] = field(default_factory=list)  # organ and date lines after the first item


@lru_cache(maxsize=DEFAULT_MARKER_CACHE)
def match_marker(key: str) -> tuple[vocab.MarkerStyle, int | None, int] | None:
    """The marker style at the start of a folded paragraph: (style, number, marker length).

    Cached: the paragraphs, text_tables and outline stages all ask about the same paragraphs.
    """
    if not vocab.any_marker().match(key):
        return None
    for style in vocab.marker_styles():
        m = style.pattern.match(key)
        if m and style.kind == "decimal" and vocab.starts_with_measure(key[m.end(1) :]):
            return None  # 1.2兆瓦: a figure opening a wrapped line
        if m and (m.end() < len(key) or style.alone):
            return style, vocab.marker_number(style.kind, m.group(1)), m.end()
    return None


ITEM_END = ("。", ".", ")", "]", "〕", "】")  # folded


def _complete(item: Item) -> bool:
    """An item that has its assignment or ends its sentence: a new item may follow it."""
    last = item.continuation[-1].key if item.continuation else fold(item.text)
    return bool(item.labels) or last.rstrip().endswith(ITEM_END)


def _assigned_inline(item: Item) -> bool:
    """The item's text ends in a labelled bracket group (…。（牵头单位：X；责任单位：Y））: its
    assignment is written, so a paragraph after it (各责任单位要…) is not more of its text."""
    last = item.continuation[-1].key if item.continuation else fold(item.text)
    key = last.rstrip().rstrip("。.;；")
    start = group_start(key, len(key))
    if start is None:
        return False
    inner = key[start + 1 : -1]
    return any(span.kind in vocab.ROLE_KEYS for span in label_spans(inner, inner))


def _accept(style: str, number: int | None, parent: Item | None, last: dict[str, Item]) -> bool:
    """Does `number` continue the numbering of `style`? (1 always may start a list.)"""
    if number is None or number == 1:
        return True
    prev = last.get(style)
    if prev is None:
        return False  # a numbered list starts at 1 (附件:1.… 2.… lists attachments, not items)
    if prev.number is None:
        return number <= DEFAULT_MAX_NUMBER_JUMP
    if number == prev.number and prev.parent is parent and _complete(prev):
        return True  # a repeated number (a typo: 15. 15.) after a finished item; reported by validate
    return 0 < number - prev.number <= DEFAULT_MAX_NUMBER_JUMP or (
        prev.parent is not parent and number <= DEFAULT_MAX_NUMBER_JUMP
    )


def _is_table_style(style: str) -> bool:
    """A table's row, group row or category of any depth (table_category_1 under table_category)."""
    return style in TABLE_STYLES or style.startswith(TABLE_CATEGORY)


def _place_style(order: list[str], style: str, top: str | None = None, fresh: bool = False) -> list[str]:
    """The style order with `style` added: last, unless the usual 公文 order (一、 > （一） > 1. >
    （1）, markers.json) puts it above a style already seen below the first one; then it slots in
    there (一、 … 1. … 9. 二、 （一） 10.: （一） goes between 一、 and 1., so 10. is under （一）).

    Two exceptions. A style first seen right under an open item (`top`, one that has no labels
    yet) of a style the usual order puts below it is a sub-point of that item, so it goes last
    (``1.抓好项目建设`` / ``（一）新开工…`` / ``（二）…`` / ``牵头单位：…``: the （一） are points of
    task 1, not headings over it). A table's
    rows are always the deepest level: a numbered paragraph after a table (附件2's 一、 / 1. after
    附件1's table) takes its place above them, never under the last row.

    `fresh`: the first item of a new section (an attachment after the notice's date) may go above
    every style seen: the notice's own （一）（二） do not put the attachment's 一、 below them."""
    cut = next((k for k, s in enumerate(order) if _is_table_style(s)), len(order))
    if not _is_table_style(style) and cut < len(order):
        return [*_place_style(order[:cut], style, top, fresh), *order[cut:]]
    usual = {s.name: i for i, s in enumerate(vocab.marker_styles())}
    mine = usual.get(style)
    above_top = top is not None and mine is not None and usual.get(top, -1) > mine
    if mine is not None and not above_top:
        for k in range(0 if fresh else 1, len(order)):
            theirs = usual.get(order[k])
            if theirs is not None and theirs > mine and (k == 0 or usual.get(order[k - 1], -1) < mine):
                return [*order[:k], style, *order[k:]]
    return [*order, style]


class OutlineBuilder:
    """Places paragraphs and table rows one by one, keeping the stack of open items."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.preamble: list[Para] = []
        self.order: list[str] = []  # styles seen, outermost first
        self.last: dict[str, Item] = {}
        self.stack: list[Item] = []
        self.footer: Para | None = None  # once set, the rest is page chrome
        self.closed = False  # a signature date was seen: the next item starts afresh
        self.section = 0  # of the items opened now (Item.section)
        self.attachments = AttachmentList()  # the cover's 附件：1.…清单 / 2.…清单
        self.signatures: set[int] = set()  # ids of organ lines right above a date line
        self.signature: list[Para] = []  # signature and date lines seen after the first item
        # the last paragraph read as more of a list only because it is all names, with the label's
        # content and place before it: a sentence it opens (… / 要按照…落实。) takes it back
        self.listed: tuple[LabelLine, str, Location, Para] | None = None

    def open_item(
        self, style: str, number: int | None, marker: str, text: str, loc: Location, check: bool = True
    ) -> Item | None:
        """Open an item of `style` under the nearest shallower one; None when its number does not fit."""
        if self.closed:
            self.stack, self.closed = [], False
        top = self.stack[-1].style if self.stack and not self.stack[-1].labels else None
        fresh = bool(
            self.section and not self.stack and self.items and self.items[-1].section != self.section
        )
        order = self.order if style in self.order else _place_style(self.order, style, top, fresh)
        rank = order.index(style)
        parents = [it for it in self.stack if order.index(it.style) < rank]
        parent = parents[-1] if parents else None
        if check and not _accept(style, number, parent, self.last):
            return None
        if order is not self.order:
            self.order = order
            for it in self.items:
                it.rank = order.index(it.style)
        item = Item(style, rank, number, marker, text, loc, parent=parent, section=self.section)
        if parent is not None:
            parent.children.append(item)
        self.stack = [*parents, item]
        self.last[style] = item
        self.items.append(item)
        return item

    def add_para(self, para: Para) -> None:
        if self.footer is not None:
            return
        if self.listed is not None:
            label, content, loc, names = self.listed
            self.listed = None
            if para.key.lstrip().startswith(prose_words()) and self.stack:
                label.content, label.loc = content, loc  # 县直各部门、各乡镇人民政府 / 要按照…: a sentence
                self.stack[-1].trailing.append(names)
        if self.attachments.takes(para.key, match_marker, in_cover=self.section == 0):
            return (self.stack[-1].trailing if self.stack else self.preamble).append(para)  # 2.…清单
        if self.stack and para.key.startswith("附件") and ATTACHMENT_HEADING.match(para.key):
            self.stack = []
            self.section += not self.closed  # after a date the section is open already
            return
        if self._wraps_label_group(para):  # …（牵头单位： at a line's end: the group goes on here
            return self.stack[-1].continuation.append(para)
        lists = assignment_line(para.text, para.loc) if self.stack else None
        if lists:  # ——县发改委负责，县财政局配合。 / 本项分工：由X牵头 on its own line: the item's assignment
            return self.stack[-1].labels.extend(lists)
        open_labels = bool(self.stack and self.stack[-1].labels)
        labels = split_label_line(para.text, para.key, para.loc, unknown_first=open_labels)
        if labels and labels[0].kind == EXTRA and match_marker(para.key):
            labels = None  # 第二项：…: an item whose marker ends in a colon, not an unknown label
        if labels is None and para.key[:1] in OPENING:
            labels = bracketed_label_line(para)
        if labels is not None and self.stack:
            if labels[0].kind == "lead" and self._ends_at_footer(para):  # 主办单位:… 承办单位:…
                return
            if self.closed or vocab.is_contact_line(para.key):  # a site's 主办单位… under the date,
                self.stack[-1].trailing.append(para)  # or 联系人：X 电话：… for the reports
                return
            self.stack[-1].labels.extend(labels)
            return
        found = match_marker(para.key)
        if found is None and self.items and self._ends_at_footer(para):
            return
        if labels is None and found is None and self.stack and (lists := prose_line(para.text, para.loc)):
            return self.stack[-1].labels.extend(lists)  # 由X牵头，Y配合，6月底前完成。 under sub-points
        if labels is None and found is None and self.stack and self.stack[-1].labels:
            last = self.stack[-1].labels[-1]
            before = (last.content, last.loc)
            # an organ line right above a date line is the signature, not the rest of a name cut
            # after a bracket (…、各村（社区） then 松岭镇人民政府); a list open after 、 goes on
            signed = (  # …, but a label alone on its line (责任单位：) takes the names below it
                id(para) in self.signatures
                and last.content.strip()
                and not fold(last.content).rstrip().endswith(LIST_OPEN_END)
            )
            how = "" if signed else continue_label(self.stack[-1].labels, self.stack[-1].trailing, para)
            if how:
                self.listed = (last, *before, para) if how == "listed" else None
                return
        if found is not None and not self._open_figure(found, para.key):
            style, number, end = found
            marker, text = para.text[:end].strip(), para.text[end:].strip()
            if self.open_item(style.name, number, marker, text, para.loc) is not None:
                return
        if self.stack and DATE_LINE.match(para.key.replace(" ", "")):
            self.section += not self.closed
            self.closed = True
            self.signature.append(para)
        elif id(para) in self.signatures:
            self.signature.append(para)
        if not self.stack:
            self.preamble.append(para)
        elif (
            self.stack[-1].labels
            or self.closed
            or id(para) in self.signatures
            or _assigned_inline(self.stack[-1])
        ):
            self.stack[-1].trailing.append(para)
        else:
            self.stack[-1].continuation.append(para)

    def _wraps_label_group(self, para: Para) -> bool:
        top = self.stack[-1] if self.stack else None
        if top is None or top.labels or top.trailing or match_marker(para.key) is not None:
            return False
        return inside_label_group(top.text, top.continuation)

    def _open_figure(self, found: tuple[vocab.MarkerStyle, int | None, int], key: str) -> bool:
        prev, top = self.last.get(found[0].name), self.stack[-1] if self.stack else None
        line = None  # the open item's last line, if its sentence is open
        if top is not None and not _complete(top):
            line = top.continuation[-1].key if top.continuation else fold(top.marker + top.text)
        return wrapped_figure(key, found[1], found[2], (prev.number, prev.marker) if prev else None, line)

    def _ends_at_footer(self, para: Para) -> bool:
        """[打印本页][关闭窗口], 网站标识码…: the page goes on, the notice ends (tested only on
        paragraphs that are neither items nor ordinary label lines, to keep the seed fast)."""
        if vocab.is_page_footer(para.key):
            self.footer = para
        return self.footer is not None

    def add_table(self, table: Table) -> None:
        self.listed = None
        if self.footer is not None:
            return
        own = label_table(table) if self.stack else None
        if own is not None:  # 1．… then its own table 牵头单位 | 配合单位 | 完成时限 over one row
            self.stack[-1].labels.extend(own)
            return
        rows = table_to_rows(table)  # a task per row, or per label | value form (督办卡)
        repeated: dict[int, str] = {}  # the open category cells, by depth
        for k, row in enumerate(rows):
            if isinstance(row, Para):  # a form's caption (督办事项卡)
                self.add_para(row)
                continue
            if isinstance(row, tables.GroupRow):
                repeated = {}
                text = tables.cell_text(row.cell)
                key = fold(text)
                # a full-width row that ends the table heads nothing: a remark (注：…) under it
                if match_marker(key) is not None or (k == len(rows) - 1 and k > 0):
                    self.add_para(Para(text, key, row.cell.loc))
                else:
                    self.open_item(TABLE_GROUP, None, "", text, row.cell.loc, check=False)
                continue
            for depth, cell in row.categories:
                title = tables.cell_text(cell)
                if repeated.get(depth) == title:
                    continue  # a category written out on every row (an unmerged export): opened once
                repeated = {d: t for d, t in repeated.items() if d < depth} | {depth: title}
                marked = match_marker(fold(title))  # 一、统筹疫情防控 in the cell: a marker, not its title
                cut, number = (marked[2], marked[1]) if marked else (0, None)
                style = TABLE_CATEGORY if depth == 0 else f"{TABLE_CATEGORY}_{depth}"
                self.open_item(style, number, title[:cut].strip(), title[cut:].strip(), cell.loc, check=False)
            number = row.serial if row.serial is not None else vocab.serial_number(fold(row.number).strip())
            text, in_cell = cell_labels(row.text, row.first.loc)
            marker = row.number
            if not marker.strip() and row.serial is None and (typed := match_marker(fold(text))):
                # no 序号 cell: a task cell numbered in its text (（一）推行…, 1.…) carries its number
                marker, number, text = text[: typed[2]].strip(), typed[1], text[typed[2] :].strip()
            item = self.open_item(TABLE_ROW, number, marker, text, row.first.loc, check=False)
            assert item is not None
            item.labels.extend(in_cell)
            for column, cell in row.cells:
                # a unit cell with its own labels (``牵头:县交通局 配合:县财政局``) beats its column
                text = (tables.cell_text(cell) if column.kind == DEADLINE else cell.text).strip()  # 12月/底
                own = split_label_line(text, fold(text), cell.loc) if column.kind in vocab.ROLE_KEYS else None
                item.labels.extend(own or [LabelLine(column.header, column.kind, text, cell.loc)])


def drop_leading_bullets(builder: OutlineBuilder) -> None:
    """A ● or —— line before the first numbered item that carries no labels is page text (a web
    page's link list, an epigraph ``——摘自…``), not a heading over the whole notice: it and the
    paragraphs it held go back to the preamble, and the levels are recounted without it. Bullet
    items that carry labels stay tasks, so a notice listing its tasks as ●/—— items still works."""
    first = next((i for i, it in enumerate(builder.items) if it.number is not None), len(builder.items))
    bullets = {s.name for s in vocab.marker_styles() if s.kind == "bullet"}
    dropped: list[Item] = []
    for it in builder.items[:first]:
        if it.style in bullets and not it.labels and (it.parent is None or it.parent in dropped):
            dropped.append(it)
    if not dropped:
        return
    for it in dropped:
        builder.items.remove(it)
        for child in it.children:
            child.parent = None
        line = Para(f"{it.marker}{it.text}", fold(f"{it.marker}{it.text}"), it.loc)
        builder.preamble += [line, *it.continuation, *it.trailing]
    used = {it.style for it in builder.items}
    builder.order = [style for style in builder.order if style in used]
    for it in builder.items:
        it.rank = builder.order.index(it.style)


def paras_to_outline(blocks: list[NormalBlock]) -> Outline:
    builder = OutlineBuilder()
    builder.signatures = signature_lines(blocks)
    for block in blocks:
        if isinstance(block, Para):
            builder.add_para(block)
        else:
            builder.add_table(block)
    drop_leading_bullets(builder)
    return Outline(builder.items, builder.preamble, blocks, builder.footer, builder.signature)
