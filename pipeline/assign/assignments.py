"""Assignments: who is assigned to an item, read from label lines or from a trailing bracket.

Takes an outline `Item` and returns its text without the assignment part and the raw lists it
carries (label kind, label, list text). The forms handled:

- a bracket group before the text, right after the marker: ``1.【X牵头，Y配合】全年…``;
- label lines after the item: ``牵头单位：县发改委`` / ``责任单位：…`` (outline collects them);
- a bracket group closing the paragraph: ``…。[牵头单位:区卫健局;责任单位:…]``,
  ``(牵头单位:X,责任单位:Y)``, ``〔责任单位:…〕`` (any bracket pair, labels split by ; or ,);
- an unlabelled time limit on the line after the label lines: ``6月底前完成`` (labels.json
  deadline_line) is the deadline, and so is one closing the last list of a bracket group
  (``（牵头单位：X；责任单位：Y；2024年6月底前完成）``);
- labels closing the paragraph without brackets, after the task's last sentence:
  ``…工作。牵头单位：县发改委；责任单位：县财政局。``, ``…。责任单位：X；完成时限：6月底前。``
  (the label must follow a sentence end or a space, as a web copy writes
  ``…85万亩以上 牵头单位:X 配合单位:Y 完成时限:2023年底``; so ``…。责任单位要…`` is text).

Unit lists are split and normalized later (`units`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline import vocab
from pipeline.assign.label_gaps import announces, has_gap_label
from pipeline.assign.labels import (
    DEFAULT_MAX_LABEL,
    KNOWN_KINDS,
    LabelLine,
    label_kind,
    phrase_before,
    split_label_line,
)
from pipeline.assign.prose import leading_prose, part_to_lists, prose_lists, relabel
from pipeline.normalize import CLOSING, OPENING, fold, group_end, group_start, top_level
from pipeline.structure.outline import Item
from pipeline.structure.tables import TASK, column_kind
from schemas.notice import Location

SENTENCE_END = frozenset("。.;!?")  # folded: ；！？ are ;!?
DEFAULT_MIN_GRAMMAR_LABEL = 4  # characters of an unlisted label the grammar reads at a task line's end
LABEL_AFTER = SENTENCE_END | {" ", "—", "―", "─"}  # …以上 牵头单位:… (a web copy's space), 。——责任单位：…


@dataclass(slots=True)
class Assignment:
    text: str  # task text as written, without marker and assignment part
    lists: list[LabelLine]
    loc: Location  # from the item's first line to its last assignment line


def closing_group(text: str) -> tuple[int, int] | None:
    """(open, close) indices of the bracket group that ends `text` (a final 。 may follow)."""
    key = fold(text).rstrip()
    end = len(key)
    if key.endswith(("。", ".", ";")) and end >= 2 and key[end - 2] in CLOSING:
        end -= 1  # …(省教育厅负责)； in a list of items: the ； is the text's, as a 。 would be
    start = group_start(key, end)
    return None if start is None else (start, end - 1)


def inline_lists(text: str, loc: Location) -> tuple[str, list[LabelLine]]:
    """Split a trailing labelled bracket group off the text; the text is returned unchanged if none."""
    group = closing_group(text)
    if group is None:
        return text, []
    start, close = group
    inner = text[start + 1 : close]
    lists = split_label_line(inner.strip(), fold(inner.strip()), loc)
    if not lists:
        return text, []
    return text[:start].rstrip(), lists


def trailing_labels(text: str, loc: Location) -> tuple[str, list[LabelLine]]:
    """Split labels that close the paragraph after a sentence end (no brackets); the text is
    returned unchanged if none. The first label from which the rest reads as label lists wins."""
    key = fold(text)
    marked = ":" in key or "]" in key
    if not marked and not has_gap_label(key) and not vocab.labels().pattern.search(key):
        return text, []  # a label takes a colon, a bracket or a gap, or it is a listed label word
    for start in _label_starts(key):
        if start == 0 or key[start - 1] not in LABEL_AFTER:
            continue
        rest = text[start:].strip()
        lists = split_label_line(rest, fold(rest), loc)
        if lists and not _vouched(fold(rest), lists[0]):
            continue  # 各 责任单位  主要负责人为…: a sentence with a web copy's stray spaces
        if lists:
            last = lists[-1]
            last.content = last.content.rstrip("。.").rstrip()
            return text[:start].rstrip().rstrip("—―─").rstrip(), lists  # 。——责任单位：…
    return text, []


def _vouched(key: str, first: LabelLine) -> bool:
    """Is a label after a task's text one? A colon or a bracket says so; else its list must hold
    what it announces (label_gaps.announces)."""
    after = key[len(first.label) :].lstrip(" ")
    return after[:1] in (":", "]") or announces(first.kind, first.content)


def _label_starts(key: str) -> list[int]:
    """Where a label may start: a listed label word (labels.json), or the Han run before a colon
    that the label grammar reads (县级领导：, 分管县领导：, none of them listed)."""
    starts = {m.start() for m in vocab.labels().pattern.finditer(key)}
    for colon in top_level(key, ":"):
        found = phrase_before(key, colon)
        if found is None:
            continue
        start, end, _ = found
        # four characters or more: 联系人：… in a cover letter's own text is a contact, not a leader
        if (
            DEFAULT_MIN_GRAMMAR_LABEL <= end - start <= DEFAULT_MAX_LABEL
            and label_kind(key[start:end]) in KNOWN_KINDS
        ):
            starts.add(start)
    return sorted(starts)


@cache
def deadline_line() -> regex.Pattern[str]:
    return regex.compile(vocab.load("labels.json")["deadline_line"])


def trailing_deadline(item: Item) -> list[LabelLine]:
    """The first paragraph after the label lines when it is only a time limit (6月底前完成)."""
    if not item.labels or not item.trailing or any(lst.kind == "deadline" for lst in item.labels):
        return []
    para = item.trailing[0]
    if deadline_line().match(para.key.replace(" ", "")):
        return [LabelLine("", "deadline", para.text, para.loc)]
    return []


def deadline_tail(lists: list[LabelLine]) -> list[LabelLine]:
    """An unlabelled time limit closing the last unit list of a group is the deadline:
    ``（牵头单位：X；责任单位：Y；2024年6月底前完成）`` (deadline_line, after a ；/，)."""
    if not lists or any(lst.kind == "deadline" for lst in lists) or lists[-1].kind not in vocab.ROLE_KEYS:
        return lists
    last = lists[-1]
    key = fold(last.content).rstrip()
    cut = max(key.rfind(";"), key.rfind(","))
    tail = key[cut + 1 :].replace(" ", "")
    if cut <= 0 or not deadline_line().match(tail):
        return lists
    raw = last.content.rstrip()[cut + 1 :].strip()
    last.content = last.content[:cut].rstrip()
    return [*lists, LabelLine("", "deadline", raw, last.loc)]


def span(first: Location, last: Location) -> Location:
    data = first.model_dump(exclude_none=True)
    if last.line_end is not None:
        data["line_end"] = last.line_end
    return Location(**data)


def leading_group(text: str, loc: Location) -> tuple[str, list[LabelLine]]:
    """An assignment in a bracket group right after the marker, before the text:
    ``1.【县发改局牵头，县财政局配合】全年实施…`` or ``1.（牵头单位：X）…``; unchanged if none."""
    key = fold(text)
    if key[:1] not in OPENING:
        return text, []
    close = group_end(key, 0)
    if close is None or close + 1 >= len(key):
        return text, []
    inner = text[1:close].strip()
    lists = split_label_line(inner, fold(inner), loc) or part_to_lists(inner, loc)
    return (text[close + 1 :].strip(), lists) if lists else (text, [])


MAX_FIELD_LABEL = 8  # characters of a task field's label (工作事项, 重点任务, 具体内容)


def field_text(text: str) -> str:
    """The text of a task written as a field under its number (序号：3 / 工作事项：建成…): without
    the field's label, which names a task column (data/tables.json); `text` unchanged otherwise."""
    colon = fold(text).find(":")
    if 0 < colon <= MAX_FIELD_LABEL and column_kind(text[:colon]) == TASK:
        return text[colon + 1 :].strip()
    return text


def item_to_assignment(item: Item) -> Assignment:
    """The item's text and lists. Where the whole text closes with no assignment, the task may
    close earlier: its paragraphs up to the one that ends with the assignment are the task, and
    the paragraphs after it are the notice's own (a closing 各牵头单位要… paragraph, a web page's
    footer after the last task), not the task's text."""
    parts = [item.text, *(p.text for p in item.continuation)]
    found = _assignment(item, parts)
    for k in range(len(parts) - 1, 0, -1) if not found.lists and not item.labels else ():
        shorter = _assignment(item, parts[:k])
        if shorter.lists:
            return shorter
    return found


def _assignment(item: Item, parts: list[str]) -> Assignment:
    text = "".join(parts) if item.text.strip() else field_text("".join(parts))
    text, lists = leading_group(text, item.loc)
    if not lists and not item.labels:
        text, lists = leading_prose(text, item.loc)
    if not lists:
        text, lists = inline_lists(text, item.loc)
    if not lists:
        text, lists = trailing_labels(text, item.loc)
    if not lists and not item.labels:
        text, lists = prose_lists(text, closing_group(text), item.loc)
    lists = relabel(deadline_tail([*lists, *item.labels, *trailing_deadline(item)]))
    held = item.continuation[: len(parts) - 1]
    last = item.labels[-1].loc if item.labels else (held[-1].loc if held else item.loc)
    return Assignment(text.strip(), lists, span(item.loc, last))
