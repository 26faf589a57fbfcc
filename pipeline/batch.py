"""A run over many inputs: plan, skip what is unchanged, parse on an engine, write as results
come in, keep the manifest, and say at the end what happened.

The run is the only writer of its output folder and holds the folder's lock throughout
(pipeline/writers/atomic.py). Each input's files are staged and renamed into place, then its
manifest line is appended, so a run killed at any point leaves whole files and the lines of the
inputs it finished; a rerun skips those (pipeline/manifest.py) and ends with the same files as
an uninterrupted run. In a dataset folder, files no manifest line lists (a changed notice's old
doc_id, a killed run's unrecorded work) are removed at the end.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline import __version__, manifest
from pipeline.engines import Job, dask, in_process, process_pool
from pipeline.errors import PipelineError
from pipeline.inputs import Input
from pipeline.progress import Printer, Totals
from pipeline.readers import read_bytes
from pipeline.work import Options, Outcome, publish_staged, unreadable
from pipeline.writers.atomic import output_lock, remove_stale_staging


@dataclass
class Run:
    inputs: list[Input]
    options: Options
    target: Path | None  # the output or dataset folder; None writes JSON to stdout
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    force: bool = False
    quiet: bool = False
    wait: float = 60.0
    manifest: bool = True  # keep _manifest.jsonl and skip unchanged inputs (not for one file alone)


def run(r: Run) -> int:
    """Run every input; the exit code is the highest of the inputs'."""
    printer = Printer(len(r.inputs), r.quiet, r.options.lang, single=len(r.inputs) == 1)
    target = r.target
    if target is None:
        return _to_stdout(r, printer)
    target.mkdir(parents=True, exist_ok=True)
    on_wait = None if r.quiet else printer.note
    with output_lock(target, r.wait, on_wait):
        remove_stale_staging(target)
        manifest.remove_stale(target)
        r = replace(r, options=replace(r.options, publish=str(target)))  # workers on this machine stage there
        try:
            return _into_folder(r, target, printer)
        finally:  # an interrupt between mkdtemp and its try, or inside its rmtree, leaves one
            remove_stale_staging(target)


def _read(item: Input, options: Options) -> tuple[bytes, str]:
    data = sys.stdin.buffer.read() if item.stdin_format else read_bytes(item.path, options.limits)
    return data, hashlib.sha256(data).hexdigest()


def _engine(r: Run, jobs: Iterator[Job], fingerprint: str) -> Iterator[tuple[int, Outcome]]:
    if r.engine == "dask":
        return dask(jobs, replace(r.options, publish=None), fingerprint, r.jobs, r.scheduler)
    if r.jobs > 1 and len(r.inputs) > 1:
        return process_pool(jobs, r.options, fingerprint, min(r.jobs, len(r.inputs)))
    return in_process(jobs, r.options, fingerprint)


def _to_stdout(r: Run, printer: Printer) -> int:
    """JSON on stdout (one input), or JSON Lines in input order (several)."""
    fingerprint = manifest.fingerprint(r.options.fingerprint_fields())
    failed: dict[int, Outcome] = {}
    totals = Totals()

    def jobs() -> Iterator[Job]:
        for index, item in enumerate(r.inputs):
            try:
                data, sha = _read(item, r.options)
            except PipelineError as exc:
                failed[index] = unreadable(item, exc, r.options, fingerprint)
                continue
            yield index, item, data, sha

    def emit(done: Outcome) -> None:
        if done.json_text:
            sys.stdout.write(done.json_text)
            sys.stdout.flush()
        printer.document(done, to_stderr=True)
        totals.add(done.line)

    ready: dict[int, Outcome] = {}
    following = 0
    with printer:
        for index, outcome in _engine(r, jobs(), fingerprint):
            ready[index] = outcome
            ready.update(failed)
            failed.clear()
            while following in ready:
                emit(ready.pop(following))
                following += 1
        ready.update(failed)
        for index in sorted(ready):
            emit(ready[index])
        printer.summary(totals, to_stderr=True)
    return totals.worst


def _into_folder(r: Run, target: Path, printer: Printer) -> int:
    options = r.options
    fingerprint = manifest.fingerprint(options.fingerprint_fields())
    previous = manifest.load(target) if r.manifest else {}
    lines: dict[str, dict[str, Any]] = dict(previous)
    totals = Totals()
    seen: dict[str, str] = {}  # sha256 -> the path of its first input in this run (a dataset)
    waiting: dict[str, list[tuple[int, Input]]] = {}  # sha256 -> later inputs with the same bytes
    appender = manifest.Appender(target) if r.manifest else None

    def record(line: dict[str, Any], skipped: bool = False) -> None:
        lines[line["path"]] = line
        if not skipped and appender is not None:
            appender.add(line)
        totals.add(line, skipped)

    retry: list[tuple[int, Input]] = []  # duplicates of an input that failed: parsed themselves

    def jobs(items: list[tuple[int, Input]]) -> Iterator[Job]:
        for index, item in items:
            try:
                data, sha = _read(item, options)
            except PipelineError as exc:
                outcome = unreadable(item, exc, options, fingerprint)
                printer.document(outcome)
                record(outcome.line)
                continue
            before = None if r.force else previous.get(item.shown)
            if manifest.can_skip(before, sha, __version__, fingerprint, target):
                assert before is not None
                record(before, skipped=True)
                printer.skipped(before)
                seen.setdefault(sha, item.shown)
                continue
            if options.dataset and sha in seen:
                waiting.setdefault(sha, []).append((index, item))
                _resolve_duplicates(sha, lines.get(seen[sha]), waiting, record, printer, retry)
                continue
            seen[sha] = item.shown
            yield index, item, data, sha

    items = list(enumerate(r.inputs))
    try:
        with printer:
            while items:  # a second pass only for duplicates of an input that failed
                for _, outcome in _engine(r, jobs(items), fingerprint):
                    written = publish_staged(outcome, target)
                    record(outcome.line)
                    printer.document(outcome, written=[str(target / n) for n in written])
                    sha = outcome.line.get("sha256")
                    if sha in waiting:
                        _resolve_duplicates(sha, outcome.line, waiting, record, printer, retry)
                items, seen = sorted(retry), {}
                retry.clear()
            printer.summary(totals)
    finally:
        if appender is not None:
            appender.close()
    if r.manifest:
        if options.dataset:
            _sweep(target, lines.values())
        manifest.rewrite(target, lines.values())
    return totals.worst


def _resolve_duplicates(
    sha: str,
    first: dict[str, Any] | None,
    waiting: dict[str, list[tuple[int, Input]]],
    record: Any,
    printer: Printer,
    retry: list[tuple[int, Input]],
) -> None:
    """Later inputs with the same bytes as an earlier one share its files, once it is done; if
    it failed, each is parsed itself (its name may be what failed: an extension, a path)."""
    if first is None or first.get("sha256") != sha:
        return
    for index, item in waiting.pop(sha, []):
        if first["exit"]:
            retry.append((index, item))
            continue
        line = {**first, "path": item.shown, "status": "duplicate", "duplicate_of": first["path"]}
        record(line)
        printer.skipped(line)


def _sweep(target: Path, lines: Any) -> None:
    """Remove dataset files that no manifest line lists."""
    from pipeline.writers.dataset import FOLDERS

    listed = {name for line in lines for name in line.get("outputs", [])}
    for folder in FOLDERS:
        for path in (target / folder).glob("*"):
            if path.is_file() and f"{folder}/{path.name}" not in listed:
                with contextlib.suppress(OSError):
                    path.unlink()
