"""The runner: an ordered list of stages with one signature, owning timing and errors.

read -> normalize -> paragraphs -> text_tables -> outline -> header -> assignments -> tasks ->
roles -> conventions -> validate -> jurisdiction -> units -> dates -> targets (the STAGES list
below; the last four are pipeline/enrich/). Each stage is a function from a typed
input to a typed output in its own module; the small wrappers here move the results in and out
of `State` (pipeline/state.py); `parse(path)` returns the
validated `ParseResult`. Library errors inside a stage become a `StageError` (a bug, reported in
one line), input problems stay `InputError`s.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from pipeline import __version__, normalize, readers, validate
from pipeline.assign import assignments, conventions, roles, unit_evidence
from pipeline.enrich import confidence, dates, gazetteer, jurisdiction, reporting, targets
from pipeline.enrich import units as unit_table
from pipeline.errors import NoTasksError, PipelineError, StageError
from pipeline.limits import Limits
from pipeline.normalize import NormalBlock
from pipeline.state import State
from pipeline.structure import (
    bare_markers,
    header,
    item_ends,
    metadata_tables,
    outline,
    paragraphs,
    table_joins,
    tasks,
    text_boxes,
    text_columns,
    text_tables,
)
from schemas.notice import Generator, ParseResult, Source, SourceFormat, doc_id_of


def stage_read(s: State) -> None:
    s.doc = readers.read(s.path, s.limits, s.data)


def stage_normalize(s: State) -> None:
    assert s.doc is not None
    s.doc.blocks = text_boxes.lines_to_tables(s.doc.blocks)  # a table drawn in text: ┌┬┐ │ ├┼┤
    if s.doc.format == SourceFormat.txt:  # a table set in character columns, cells wrapped
        s.doc.blocks = text_columns.lines_to_tables(s.doc.blocks)
    s.blocks = normalize.document_to_paras(s.doc)
    # a 信息公开 table kept by a web page printed or saved (the HTML reader lifts its own)
    s.blocks, s.doc.metadata = metadata_tables.blocks_to_metadata(s.blocks, s.doc.metadata)
    s.blocks = table_joins.blocks_to_joined_tables(s.blocks)  # a table split by its writer


def stage_paragraphs(s: State) -> None:
    s.blocks = paragraphs.blocks_to_paragraphs(s.blocks)


def stage_text_tables(s: State) -> None:
    s.blocks, warnings = text_tables.blocks_to_tables(s.blocks)
    s.diagnostics += warnings


def stage_outline(s: State) -> None:
    s.blocks = bare_markers.join_bare_markers(s.blocks)  # 1. alone on its line, the text below
    s.outline = outline.paras_to_outline(s.blocks)
    item_ends.end_one_paragraph_items(s.outline.items)
    item_ends.end_at_label_groups(s.outline.items)


def stage_header(s: State) -> None:
    assert s.outline is not None and s.doc is not None
    last = s.outline.items[-1].trailing if s.outline.items else []
    # the signature of a cover letter whose own 一、二、三、 come before the attachment's tasks
    closing = [*last, *(p for p in s.outline.signature if all(p is not q for q in last))]
    s.doc.metadata = metadata_tables.paras_to_metadata(s.outline.preamble, s.doc.metadata)
    s.notice = header.paras_to_notice(s.outline.preamble, closing, s.doc.metadata)


def stage_assignments(s: State) -> None:
    assert s.outline is not None
    s.found = {id(it): assignments.item_to_assignment(it) for it in s.outline.items}


def stage_tasks(s: State) -> None:
    assert s.outline is not None and s.doc is not None
    s.headings, s.drafts = tasks.outline_to_tasks(s.outline, s.found)
    if not s.drafts:
        where = validate.label_places(s.blocks)
        hint = f"; assignment labels stand at {where}, but no numbered item owns them" if where else ""
        raise NoTasksError(
            f"{s.doc.path}: no numbered tasks found (looked for 一、 / （一） / 1. items){hint}"
        )


def stage_roles(s: State) -> None:
    assert s.notice is not None and s.doc is not None
    year, _ = reporting.notice_year(s.notice)  # the same year the deadline records use
    # a footnote may state a rule for the whole notice (排在第一位的单位为牵头单位)
    notes: list[NormalBlock] = list(normalize.lines_to_paras(s.doc.notes))
    s.notice.conventions = conventions.blocks_to_conventions(s.blocks + notes)
    s.tasks = roles.drafts_to_tasks(s.drafts, year, conventions.sign_roles(s.notice.conventions))
    places = unit_evidence.notice_places(s.notice.issuer, s.notice.title)
    s.tasks = unit_evidence.tasks_to_evidenced_units(unit_evidence.resolve_ditto(s.tasks), places)


def stage_conventions(s: State) -> None:
    assert s.notice is not None
    s.tasks = conventions.apply_conventions(s.notice.conventions, s.tasks)


def stage_confidence(s: State) -> None:
    assert s.doc is not None
    if s.doc.ocr is not None:
        s.diagnostics += confidence.tasks_to_confidence(s.tasks, s.doc.ocr)


def stage_validate(s: State) -> None:
    assert s.outline is not None and s.notice is not None
    s.diagnostics += validate.numbering_diagnostics(s.outline.items)
    s.diagnostics += validate.unplaced_diagnostics(s.outline)
    s.diagnostics += validate.count_diagnostics(s.notice, s.headings, s.tasks)
    s.diagnostics += validate.task_diagnostics(s.tasks)
    s.diagnostics += validate.footer_diagnostics(s.outline.footer)


def stage_jurisdiction(s: State) -> None:
    assert s.notice is not None
    s.gazetteer = gazetteer.load(str(s.gazetteer_file)) if s.gazetteer_file else None
    preamble = [p.text for p in s.outline.preamble] if s.outline else []
    s.notice.jurisdiction = jurisdiction.notice_to_jurisdiction(s.notice, s.tasks, s.gazetteer, preamble)


def stage_units(s: State) -> None:
    assert s.notice is not None
    s.units, found = unit_table.tasks_to_units(s.tasks, s.notice.jurisdiction, s.gazetteer)
    s.diagnostics += found


def stage_dates(s: State) -> None:
    assert s.notice is not None
    reporting.notice_to_due_dates(s.notice)
    year, _ = reporting.notice_year(s.notice)
    for task in s.tasks:
        task.deadlines = dates.task_to_deadlines(
            task.text, task.deadline.raw if task.deadline else None, year
        )


def stage_targets(s: State) -> None:
    for task in s.tasks:
        task.targets, task.not_targets = targets.text_to_targets(task.text)


STAGES: list[tuple[str, Callable[[State], None]]] = [
    ("read", stage_read),
    ("normalize", stage_normalize),
    ("paragraphs", stage_paragraphs),
    ("text_tables", stage_text_tables),
    ("outline", stage_outline),
    ("header", stage_header),
    ("assignments", stage_assignments),
    ("tasks", stage_tasks),
    ("roles", stage_roles),
    ("conventions", stage_conventions),
    ("confidence", stage_confidence),
    ("validate", stage_validate),
    ("jurisdiction", stage_jurisdiction),
    ("units", stage_units),
    ("dates", stage_dates),
    ("targets", stage_targets),
]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for one parse.

    A parse allocates tens of thousands of small objects that all live until it ends; every
    collection the allocations trigger walks them again, so the cost per task grew with the
    notice (194 us at 500 tasks, 259 us at 10,000). Paused, it is flat (155 and 150 us). The only
    cycles a parse makes are its outline tree's parent/child links, collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(
    path: Path, limits: Limits | None = None, gazetteer_file: Path | None = None, data: bytes | None = None
) -> State:
    with collector_paused():
        return _run(path, limits or Limits(), gazetteer_file, data)


def _run(path: Path, limits: Limits, gazetteer_file: Path | None = None, data: bytes | None = None) -> State:
    state = State(path, limits=limits, data=data, gazetteer_file=gazetteer_file)
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


def parse(
    path: Path | str,
    timings: dict[str, float] | None = None,
    limits: Limits | None = None,
    gazetteer: Path | str | None = None,
    data: bytes | None = None,
) -> ParseResult:
    """Parse one notice file into a validated ParseResult; stage seconds go into `timings`.

    `limits` (pipeline/limits.py) bound what the reader accepts; the defaults when None.
    `gazetteer`: a gazetteer file of the notice's jurisdiction (pipeline/data/gazetteers/).
    `data`: the input's bytes, when the caller has them; `path` then only names the document.
    The result depends on the bytes and the path alone: a pure function a batch can run
    anywhere (pipeline/batch.py)."""
    gazetteer_path = Path(gazetteer) if gazetteer else None
    with collector_paused():  # the result's validation allocates as much as the stages
        return _result(path, run(Path(path), limits, gazetteer_path, data), timings)


def text_of_path(path: str) -> str:
    """The path as text: a file name's bytes that are not UTF-8 (which Python keeps as lone
    surrogates, and no JSON or Parquet string can hold) are written as \\xNN escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def _result(path: Path | str, state: State, timings: dict[str, float] | None) -> ParseResult:
    if timings is not None:
        timings.update(state.timings)
    assert state.doc is not None and state.notice is not None
    doc = state.doc
    try:
        return ParseResult(
            doc_id=doc_id_of(doc.sha256),
            generator=Generator(version=__version__),
            source=Source(
                path=text_of_path(doc.path),
                name=text_of_path(Path(doc.path).name),
                format=doc.format,
                sha256=doc.sha256,
                encoding=doc.encoding,
                pages=doc.pages,
                ocr=confidence.read_to_source(doc.ocr) if doc.ocr else None,
            ),
            notice=state.notice,
            outline=state.headings,
            tasks=state.tasks,
            units=state.units,
            diagnostics=state.diagnostics,
        )
    except ValidationError as exc:
        raise StageError(f"{path}: the result failed validation: {str(exc).splitlines()[0]}") from exc
