"""Validate: numbering, declared counts and assignments, reported as diagnostics with a place.

Numbering in each marker style must run on by one, either straight through the notice (the
seed numbers （一）…（三十三） across its ten areas) or restarting at 1 under each new parent;
a gap, a repeat or a step back is a warning naming the line. The counts the notice declares
(10个方面50项) are compared with what was found. A task without any unit is a warning.
"""

from __future__ import annotations

from pipeline.assign.assignments import trailing_deadline
from pipeline.assign.labels import split_label_line
from pipeline.normalize import NormalBlock, Para
from pipeline.structure.outline import Item, Outline
from schemas.notice import Diagnostic, Heading, Location, Notice, Severity, Task

DEFAULT_SHOWN = 40  # characters of an unplaced text quoted in its diagnostic


def numbering_diagnostics(items: list[Item]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    last: dict[str, Item] = {}
    for it in items:
        prev = last.get(it.style)
        last[it.style] = it
        if it.number is None or prev is None or prev.number is None:
            if prev is None and it.number not in (None, 1):
                what = f"{it.marker} starts its numbering at {it.number}, not 1"
                out.append(_warn("numbering-start", what, it.loc))
            continue
        restart = it.parent is not prev.parent and it.number == 1
        if it.number == prev.number + 1 or restart:
            continue
        if it.number == prev.number:
            code, what = "numbering-duplicate", f"{it.marker} repeats number {it.number}"
        elif it.number < prev.number:
            code, what = "numbering-order", f"{it.marker} comes after {prev.marker}"
        else:
            code, what = "numbering-gap", f"{it.marker} follows {prev.marker}: numbers are missing"
        out.append(_warn(code, what, it.loc))
    return out


def unplaced_diagnostics(outline: Outline) -> list[Diagnostic]:
    """Text after an item's assignment and before the next item belongs to no task and no field
    (a remark under a task's label lines, a paragraph after its bracket): said, never dropped
    silently. A time limit read as the item's deadline and a signature or date the notice's
    header reads are placed; after the last item such text is the notice's closing."""
    signed = {id(p) for p in outline.signature}
    out: list[Diagnostic] = []
    for it in outline.items[:-1]:
        placed = {id(it.trailing[0])} if trailing_deadline(it) else set()
        for para in it.trailing:
            if id(para) in signed or id(para) in placed:
                continue
            text = para.text.strip()
            shown = text if len(text) <= DEFAULT_SHOWN else text[:DEFAULT_SHOWN] + "…"
            message = f"after the assignment of {it.marker}: '{shown}' belongs to no task"
            out.append(_warn("text-unplaced", message, para.loc))
    return out


def _warn(code: str, message: str, location: Location) -> Diagnostic:
    return Diagnostic(severity=Severity.warning, code=code, message=message, location=location)


def count_diagnostics(notice: Notice, headings: list[Heading], tasks: list[Task]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    declared = notice.declared_counts
    if declared is None:
        return out
    top = min((h.level for h in headings), default=None)
    areas = sum(1 for h in headings if h.level == top)
    for what, said, found in (("areas", declared.areas, areas), ("tasks", declared.tasks, len(tasks))):
        if said is not None and said != found:
            out.append(
                Diagnostic(
                    severity=Severity.warning,
                    code=f"count-{what}",
                    message=f"the notice declares {said} {what} ({declared.raw}) but {found} were found",
                )
            )
    return out


def task_diagnostics(tasks: list[Task]) -> list[Diagnostic]:
    """A task without units is a warning; a last task without units in a notice whose other tasks
    all have them is where the text was cut (a partial copy): reported, never dropped."""
    if tasks and not any(_assigned(t) for t in tasks):
        return [
            Diagnostic(
                severity=Severity.warning,
                code="no-units-found",
                message=f"none of the {len(tasks)} tasks names a unit: the assignments may be written in "
                "a form the parser does not read",
            )
        ]
    return [*truncation_diagnostics(tasks), *_unassigned(tasks)]


def _assigned(t: Task) -> bool:
    return bool(t.lead_units or t.responsible_units or t.supporting_units)


def truncation_diagnostics(tasks: list[Task]) -> list[Diagnostic]:
    if len(tasks) < 2 or _assigned(tasks[-1]) or not all(_assigned(t) for t in tasks[:-1]):
        return []
    last = tasks[-1]
    return [
        Diagnostic(
            severity=Severity.warning,
            code="task-truncated",
            message=f"the text seems to end inside task {last.marker or last.id}: every other task names "
            "units, this last one none (a cut copy?)",
            location=last.source,
        )
    ]


def _unassigned(tasks: list[Task]) -> list[Diagnostic]:
    return [
        Diagnostic(
            severity=Severity.warning,
            code="task-without-units",
            message=f"task {t.marker or t.id} has no unit assigned",
            location=t.source,
        )
        for t in tasks
        if not _assigned(t)
    ]


DEFAULT_MAX_PLACES = 5


def label_places(blocks: list[NormalBlock]) -> str:
    """Where label lines stand (``line 12, 15, 19 …``), for the message of a text with no tasks."""
    places: list[str] = []
    for block in blocks:
        if isinstance(block, Para) and split_label_line(block.text, block.key, block.loc) is not None:
            loc = block.loc
            n = loc.line_start or loc.paragraph
            places.append(
                f"page {loc.page}"
                if n is None and loc.page
                else f"{'line' if loc.line_start else 'paragraph'} {n}"
            )
    if not places:
        return ""
    more = " …" if len(places) > DEFAULT_MAX_PLACES else ""
    return ", ".join(places[:DEFAULT_MAX_PLACES]) + more


def footer_diagnostics(footer: Para | None) -> list[Diagnostic]:
    """Where a web copy's page footer ([打印本页][关闭窗口], 网站标识码…) ended the notice's text."""
    if footer is None:
        return []
    return [
        Diagnostic(
            severity=Severity.info,
            code="page-footer",
            message=f"the notice's text ends at page chrome ({footer.text[:30]}); what follows was not read",
            location=footer.loc,
        )
    ]
