"""Tasks: decide which numbered items are tasks and which are headings, and build the paths.

Rule (the genre's, not one notice's): a task is a numbered item at the lowest level that carries
assignments. An item is a heading when an item below it carries assignments; an item that
carries assignments itself is a task; an item with neither is a task when its marker style is
one that tasks use elsewhere in the notice (a task whose units are missing is still a task).

Sub-items belong to their task: numbered points under a task that carry nothing themselves
(``1.推进工业转型：（1）…；（2）…。`` then ``牵头单位：…``) are part of the task's text, never
headings. When the label lines follow the last of several sub-items and no other sub-item
carries anything, the labels are the parent's — unless that marker style carries assignments
elsewhere in the notice on its own, where it is a real task level.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.assign.assignments import Assignment, span
from pipeline.assign.labels import LabelLine
from pipeline.assign.prose import heading_lists
from pipeline.structure.outline import Item, Outline
from schemas.notice import Heading, Location, PathItem

UNIT_KINDS = frozenset({"lead", "responsible", "supporting", "leaders"})


@dataclass(slots=True)
class TaskDraft:
    """A task before its unit lists are split: text, path and the raw labelled lists."""

    number: int | None
    marker: str | None
    text: str
    path: list[PathItem]
    lists: list[LabelLine]
    loc: Location


def carries(assignment: Assignment) -> bool:
    return any(lst.kind in UNIT_KINDS for lst in assignment.lists)


def classify(items: list[Item], found: dict[int, Assignment]) -> dict[int, bool]:
    """id(item) -> True for a task, False for a heading."""
    carrying = {id(it) for it in items if carries(found[id(it)])}
    below: set[int] = set()
    for it in items:
        if id(it) in carrying:
            parent = it.parent
            while parent is not None:
                below.add(id(parent))
                parent = parent.parent
    task_styles = {it.style for it in items if id(it) in carrying}
    for it in items:  # 一、X组（牵头单位：…） over 1-1 … 1-3: a group's units over its tasks
        if id(it) in carrying and any(c.style in task_styles and c.style != it.style for c in it.children):
            below.add(id(it))
    # the styles of the tasks alone: a heading that assigns units (一、X组（牵头单位：…）) makes its
    # style no task style, so 五、工作要求 at the end is a heading with nothing under it, not a task
    task_styles = {it.style for it in items if id(it) in carrying and id(it) not in below} or task_styles
    if not task_styles and items:  # nothing assigned anywhere: the deepest style holds the tasks
        deepest = max(it.rank for it in items)
        task_styles = {it.style for it in items if it.rank == deepest}
    # a section that assigns nothing, where another does, is the covering notice's frame (its own
    # 一、提高认识 … 三、加强督查 before the date, above an attachment of tasks): its items are no tasks
    assigning = {it.section for it in items if id(it) in carrying}
    verdict: dict[int, bool] = {}
    for it in items:
        if id(it) in below:
            verdict[id(it)] = False
        elif id(it) in carrying:
            verdict[id(it)] = True
        else:
            framed = bool(assigning) and it.section not in assigning
            verdict[id(it)] = not it.children and it.style in task_styles and not framed
    return verdict


def _descendants(item: Item) -> list[Item]:
    out: list[Item] = []
    for child in item.children:
        out += [child, *_descendants(child)]
    return out


def lift_sub_item_labels(items: list[Item], found: dict[int, Assignment]) -> None:
    """Labels after the last of several sub-items that carry nothing else belong to the parent."""
    lifted: list[tuple[Item, Item]] = []
    for parent in items:
        kids = parent.children
        if len(kids) < 2 or carries(found[id(parent)]):
            continue
        last = kids[-1]
        others = [d for k in kids[:-1] for d in (k, *_descendants(k))] + _descendants(last)
        if carries(found[id(last)]) and last.labels and not any(carries(found[id(d)]) for d in others):
            lifted.append((parent, last))
    lifted_ids = {id(last) for _, last in lifted}
    genuine = {it.style for it in items if carries(found[id(it)]) and id(it) not in lifted_ids}
    for parent, last in lifted:
        if last.style in genuine:
            continue
        moved, kept = found[id(last)], found[id(parent)]
        found[id(parent)] = Assignment(kept.text, [*kept.lists, *moved.lists], kept.loc)
        found[id(last)] = Assignment(
            moved.text, [lst for lst in moved.lists if lst.kind not in UNIT_KINDS], moved.loc
        )


def absorb_sub_items(
    task: Item, assignment: Assignment, found: dict[int, Assignment]
) -> tuple[Assignment, set[int]]:
    """A task's numbered points that carry nothing are part of its text (markers kept)."""
    extra = [d for d in _descendants(task) if not carries(found[id(d)])]
    if not extra:
        return assignment, set()
    parts = [assignment.text, *("".join([d.marker, found[id(d)].text]) for d in extra)]
    last = found[id(extra[-1])].loc
    return Assignment("".join(parts), assignment.lists, span(assignment.loc, last)), {id(d) for d in extra}


def inherited_lists(
    task: Item, own: list[LabelLine], found: dict[int, Assignment], verdict: dict[int, bool]
) -> list[LabelLine]:
    """The unit lists a task takes from the nearest heading above it that assigns units: its label
    group (一、政务服务提质组（牵头单位：…；责任单位：…）) or its title naming a unit (一、县发展和改革局,
    三、区教育体育局负责事项). Only roles the task names none of: its own 本项分工 comes first."""
    have = {lst.kind for lst in own if lst.kind in UNIT_KINDS}
    if {"lead", "responsible"} <= have:
        return []
    for parent in reversed(heading_path(task)):
        if verdict[id(parent)]:
            continue
        given = [lst for lst in found[id(parent)].lists if lst.kind in UNIT_KINDS]
        if not any(lst.kind != "leaders" for lst in given):
            given += [
                LabelLine(label, kind, content, parent.loc)
                for label, kind, content in _named(found[id(parent)].text)
            ]
        if any(lst.kind != "leaders" for lst in given):
            return [lst for lst in given if lst.kind not in have]
    return []


@lru_cache(maxsize=4096)
def _named(title: str) -> tuple[tuple[str, str, str], ...]:
    """The units a heading's title names (prose.heading_lists), read once per title: a heading
    over 20,000 tasks is asked for each of them."""
    return tuple((lst.label, lst.kind, lst.content) for lst in heading_lists(title, Location()))


def heading_path(item: Item) -> list[Item]:
    chain: list[Item] = []
    parent = item.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return chain[::-1]


def outline_to_tasks(outline: Outline, found: dict[int, Assignment]) -> tuple[list[Heading], list[TaskDraft]]:
    lift_sub_item_labels(outline.items, found)
    verdict = classify(outline.items, found)
    headings: list[Heading] = []
    heading_ids: dict[int, str] = {}
    used_ids: set[str] = set()
    drafts: list[TaskDraft] = []
    absorbed: set[int] = set()
    for index, it in enumerate(outline.items):
        if id(it) in absorbed:
            continue
        if not verdict[id(it)]:
            parent_id = heading_ids.get(id(it.parent), "h") if it.parent is not None else "h"
            own = str(it.number) if it.number is not None else f"_{index}"
            hid = f"{parent_id}.{own}" if parent_id != "h" else f"h{own}"
            while hid in used_ids:  # a set: a notice of 20,000 headings stays linear
                hid += "'"
            used_ids.add(hid)
            heading_ids[id(it)] = hid
            headings.append(
                Heading(
                    id=hid,
                    level=it.rank + 1,
                    marker=it.marker,
                    number=it.number,
                    title=found[id(it)].text if carries(found[id(it)]) else it.text,
                    source=it.loc,
                )
            )
            continue
        assignment, inner = absorb_sub_items(it, found[id(it)], found)
        absorbed |= inner
        lists = assignment.lists + inherited_lists(it, assignment.lists, found, verdict)
        path = [
            PathItem(
                id=heading_ids.get(id(p)),
                level=p.rank + 1,
                marker=p.marker,
                number=p.number,
                title=found[id(p)].text if carries(found[id(p)]) else p.text,
            )
            for p in heading_path(it)
            if not verdict[id(p)]
        ]
        drafts.append(TaskDraft(it.number, it.marker, assignment.text, path, lists, assignment.loc))
    return headings, drafts
