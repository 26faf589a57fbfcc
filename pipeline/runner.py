"""The runner: an ordered list of stages with one signature, owning timing and errors.

read -> normalize -> paragraphs -> text_tables -> outline -> header -> assignments -> tasks ->
roles -> conventions -> validate (the STAGES list below). Each stage reads what earlier stages
left in `State` and adds its own part; `parse(path)` returns the
validated `ParseResult`. Library errors inside a stage become a `StageError` (a bug, reported in
one line), input problems stay `InputError`s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline import (
    assignments,
    conventions,
    header,
    normalize,
    outline,
    paragraphs,
    readers,
    roles,
    tasks,
    text_tables,
    validate,
)
from pipeline.document import RawDocument
from pipeline.errors import NoTasksError, PipelineError, StageError
from schemas.notice import Diagnostic, Heading, Notice, ParseResult, Source, Task


@dataclass(slots=True)
class State:
    path: Path
    doc: RawDocument | None = None
    blocks: list[normalize.NormalBlock] = field(default_factory=list)
    outline: outline.Outline | None = None
    notice: Notice | None = None
    found: dict[int, assignments.Assignment] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    drafts: list[tasks.TaskDraft] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def stage_read(s: State) -> None:
    s.doc = readers.read(s.path)


def stage_normalize(s: State) -> None:
    assert s.doc is not None
    s.blocks = normalize.document_to_paras(s.doc)


def stage_outline(s: State) -> None:
    s.outline = outline.paras_to_outline(s.blocks)


def stage_header(s: State) -> None:
    assert s.outline is not None and s.doc is not None
    closing = s.outline.items[-1].trailing if s.outline.items else []
    s.notice = header.paras_to_notice(s.outline.preamble, closing, s.doc.metadata)


def stage_assignments(s: State) -> None:
    assert s.outline is not None
    s.found = {id(it): assignments.item_to_assignment(it) for it in s.outline.items}


def stage_tasks(s: State) -> None:
    assert s.outline is not None and s.doc is not None
    s.headings, s.drafts = tasks.outline_to_tasks(s.outline, s.found)
    if not s.drafts:
        raise NoTasksError(f"{s.doc.path}: no numbered tasks found (looked for 一、 / （一） / 1. items)")


def stage_roles(s: State) -> None:
    assert s.notice is not None
    year = int(s.notice.issued_on[:4]) if s.notice.issued_on else None
    s.tasks = roles.drafts_to_tasks(s.drafts, year)


def stage_validate(s: State) -> None:
    assert s.outline is not None and s.notice is not None
    s.diagnostics += validate.numbering_diagnostics(s.outline.items)
    s.diagnostics += validate.count_diagnostics(s.notice, s.headings, s.tasks)
    s.diagnostics += validate.task_diagnostics(s.tasks)
    s.diagnostics += validate.footer_diagnostics(s.outline.footer)


STAGES: list[tuple[str, Callable[[State], None]]] = [
    ("read", stage_read),
    ("normalize", stage_normalize),
    ("paragraphs", paragraphs.stage),
    ("text_tables", text_tables.stage),
    ("outline", stage_outline),
    ("header", stage_header),
    ("assignments", stage_assignments),
    ("tasks", stage_tasks),
    ("roles", stage_roles),
    ("conventions", conventions.stage),
    ("validate", stage_validate),
]


def run(path: Path) -> State:
    state = State(path)
    for name, stage in STAGES:
        started = time.perf_counter()
        try:
            stage(state)
        except PipelineError:
            raise
        except (ValidationError, ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            raise StageError(
                f"{path}: stage {name} failed: {type(exc).__name__}: {exc}".splitlines()[0]
            ) from exc
        state.timings[name] = time.perf_counter() - started
    return state


def parse(path: Path | str, timings: dict[str, float] | None = None) -> ParseResult:
    """Parse one notice file into a validated ParseResult; stage seconds go into `timings`."""
    state = run(Path(path))
    if timings is not None:
        timings.update(state.timings)
    assert state.doc is not None and state.notice is not None
    doc = state.doc
    try:
        return ParseResult(
            source=Source(
                path=doc.path, format=doc.format, sha256=doc.sha256, encoding=doc.encoding, pages=doc.pages
            ),
            notice=state.notice,
            outline=state.headings,
            tasks=state.tasks,
            diagnostics=state.diagnostics,
        )
    except ValidationError as exc:
        raise StageError(f"{path}: the result failed validation: {str(exc).splitlines()[0]}") from exc
