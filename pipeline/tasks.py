"""Tasks: decide which numbered items are tasks and which are headings, and build the paths.

Rule (the genre's, not one notice's): a task is a numbered item at the lowest level that carries
assignments. An item is a heading when an item below it carries assignments; an item that
carries assignments itself is a task; an item with neither is a task when its marker style is
one that tasks use elsewhere in the notice (a task whose units are missing is still a task).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.assignments import Assignment
from pipeline.outline import Item, LabelLine, Outline
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
    if not task_styles and items:  # nothing assigned anywhere: the deepest style holds the tasks
        deepest = max(it.rank for it in items)
        task_styles = {it.style for it in items if it.rank == deepest}
    verdict: dict[int, bool] = {}
    for it in items:
        if id(it) in below:
            verdict[id(it)] = False
        elif id(it) in carrying:
            verdict[id(it)] = True
        else:
            verdict[id(it)] = not it.children and it.style in task_styles
    return verdict


def heading_path(item: Item) -> list[Item]:
    chain: list[Item] = []
    parent = item.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return chain[::-1]


def outline_to_tasks(outline: Outline, found: dict[int, Assignment]) -> tuple[list[Heading], list[TaskDraft]]:
    verdict = classify(outline.items, found)
    headings: list[Heading] = []
    heading_ids: dict[int, str] = {}
    drafts: list[TaskDraft] = []
    for index, it in enumerate(outline.items):
        if not verdict[id(it)]:
            parent_id = heading_ids.get(id(it.parent), "h") if it.parent is not None else "h"
            own = str(it.number) if it.number is not None else f"_{index}"
            hid = f"{parent_id}.{own}" if parent_id != "h" else f"h{own}"
            while any(h.id == hid for h in headings):
                hid += "'"
            heading_ids[id(it)] = hid
            headings.append(
                Heading(
                    id=hid,
                    level=it.rank + 1,
                    marker=it.marker,
                    number=it.number,
                    title=it.text,
                    source=it.loc,
                )
            )
            continue
        assignment = found[id(it)]
        path = [
            PathItem(level=p.rank + 1, marker=p.marker, number=p.number, title=p.text)
            for p in heading_path(it)
            if not verdict[id(p)]
        ]
        drafts.append(
            TaskDraft(it.number, it.marker, assignment.text, path, assignment.lists, assignment.loc)
        )
    return headings, drafts
