"""One input's whole job, as a pure function: bytes and a name in, an Outcome out.

`process` parses, renders the chosen outputs and says what became of the input. On this machine
(in-process or a pool's worker) it stages its files in the output folder and renames them into
place while the run (pipeline/batch.py) holds the folder's lock; on a dask worker elsewhere the
files travel back as bytes for the run to write. The bytes are the same on every engine.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import PipelineError, StageError, StrictModeError
from pipeline.inputs import Input
from pipeline.limits import Limits
from pipeline.writers.atomic import STAGING_PREFIX, publish, staging_folder


@dataclass(frozen=True, slots=True)
class Options:
    """What shapes an input's outputs, the same for every input of a run."""

    outputs: tuple[str, ...] = ("json", "parquet")  # writers of a folder run
    dataset: bool = False  # a dataset folder (files named by doc_id) instead of <name>.<ext>
    stdout: str = ""  # --out -: "json" (one input, indented) or "jsonl" (one line per input)
    strict: bool = False
    gazetteer: str | None = None
    limits: Limits = field(default_factory=Limits)
    lang: str = "en"
    verbose: bool = False
    all_diagnostics: bool = True  # info diagnostics too (one input), or warnings and errors only
    publish: str | None = None  # the output folder, when the worker shares its file system: the
    # worker stages its files in a folder there and the run renames them into place (it holds
    # the folder's lock); else (a remote worker) the files travel back as bytes

    def fingerprint_fields(self) -> dict[str, Any]:
        """The options an input's files depend on (the manifest's `options`)."""
        return {
            "outputs": [] if self.dataset else list(self.outputs),
            "dataset": self.dataset,
            "strict": self.strict,
            "gazetteer": _file_sha(self.gazetteer),
            "limits": repr(self.limits),
        }


@dataclass(slots=True)
class Outcome:
    """What became of one input: its manifest line, its files and the lines to print."""

    line: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # name relative to the folder -> bytes
    written: list[str] = field(default_factory=list)  # names staged in `staged`, for the run to publish
    staged: str | None = None  # a staging folder inside the output folder (options.publish)
    json_text: str | None = None  # --out -
    summary: str | None = None  # the per-document summary line
    diagnostics: list[str] = field(default_factory=list)  # compiler-form lines
    error: str | None = None  # the one `Error:` line of a failure


def _file_sha(path: str | None) -> str | None:
    import hashlib

    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return path


def process(item: Input, data: bytes, sha256: str, options: Options, fingerprint: str) -> Outcome:
    """Parse one input's bytes and render its outputs; failures become an Outcome too."""
    from pipeline.report import assignment_count, diagnostic_lines, error_line, summary_line
    from pipeline.runner import parse

    started = time.perf_counter()
    line: dict[str, Any] = {"path": item.shown, "doc_id": sha256[:16], "sha256": sha256}
    try:
        path = Path(item.name) if item.stdin_format else item.path  # stdin: named by its --format
        result = parse(path, limits=options.limits, gazetteer=options.gazetteer, data=data)
        outcome = Outcome(line, summary=summary_line(item.shown, result, options.lang))
        shown = [d for d in result.diagnostics if options.all_diagnostics or d.severity.value != "info"]
        outcome.diagnostics = diagnostic_lines(item.shown, shown, options.lang)
        if options.stdout:
            indent = 2 if options.stdout == "json" else None
            outcome.json_text = result.model_dump_json(indent=indent) + "\n"
        else:
            outcome.files, outcome.written, outcome.staged = render(result, item, options)
        problems = sum(1 for d in result.diagnostics if d.severity.value in ("warning", "error"))
        code, message = 0, ""
        if options.strict and problems:
            strict = f"{item.shown}: {problems} warnings in --strict mode"
            code, message, outcome.error = 7, strict, error_line(StrictModeError(strict), options.lang)
        line.update(
            status="ok" if code == 0 else "failed",
            exit=code,
            message=message,
            tasks=len(result.tasks),
            assignments=assignment_count(result),
            units=len(result.units),
            diagnostics=len(result.diagnostics),
            warnings=problems,
        )
    except PipelineError as exc:
        outcome = _failure(line, exc, options.lang)
    except OSError as exc:  # writing its outputs failed: a name too long, a full disk
        outcome = _failure(
            line, PipelineError(f"{item.shown}: cannot write output: {exc.strerror or exc}"), options.lang
        )
    except Exception as exc:  # a bug: one line, and the traceback only when asked
        detail = traceback.format_exc() if options.verbose else ""
        outcome = _failure(
            line, StageError(f"{item.shown}: internal error: {type(exc).__name__}: {exc}"), options.lang
        )
        outcome.diagnostics = detail.splitlines()
    line.update(
        seconds=round(time.perf_counter() - started, 4),
        version=__version__,
        options=fingerprint,
        outputs=sorted([*outcome.files, *outcome.written]),
    )
    return outcome


def _failure(line: dict[str, Any], exc: PipelineError, lang: str) -> Outcome:
    from pipeline.report import error_line

    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    line.update(status="failed", exit=exc.exit_code, message=message)
    line.update(tasks=0, assignments=0, units=0, diagnostics=0, warnings=0)
    return Outcome(line, error=error_line(exc, lang))


def _not_parsed(
    item: Input, sha256: str | None, exc: PipelineError, options: Options, fingerprint: str
) -> Outcome:
    """The Outcome of an input `process` never finished."""
    line = {"path": item.shown, "doc_id": sha256[:16] if sha256 else None, "sha256": sha256}
    outcome = _failure(line, exc, options.lang)
    outcome.line.update(seconds=0.0, version=__version__, options=fingerprint, outputs=[])
    return outcome


def died(item: Input, sha256: str, options: Options, fingerprint: str) -> Outcome:
    """The Outcome of an input whose worker process died twice while parsing it."""
    why = "the worker parsing it died (a crash or the out-of-memory killer)"
    return _not_parsed(item, sha256, StageError(f"{item.shown}: internal error: {why}"), options, fingerprint)


def unreadable(item: Input, exc: PipelineError, options: Options, fingerprint: str) -> Outcome:
    """The Outcome of an input whose bytes could not even be read (missing, too large)."""
    return _not_parsed(item, None, exc, options, fingerprint)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def render_into(result: Any, item: Input, options: Options, folder: Path) -> list[str]:
    """Write the input's files into `folder`, named as in the output folder; their names."""
    if options.dataset:
        from pipeline.writers.dataset import result_to_files

        return _write_files(folder, result_to_files(result))
    from pipeline.writers import writer

    dest = folder / item.output_stem
    dest.parent.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for name in dict.fromkeys(options.outputs):
        module = writer(name)
        module.write(result, dest)
        names += [item.output_stem + suffix for suffix in module.SUFFIXES]
    return names


def render(result: Any, item: Input, options: Options) -> tuple[dict[str, bytes], list[str], str | None]:
    """Stage the input's files in a private folder inside `options.publish` (bytes by name,
    names staged, the folder), or return them as bytes. The run publishes what a worker staged:
    a worker never renames into the output folder, so once the run dies (SIGKILL) no file appears
    there; a folder it staged is stale, and the next run removes it."""
    if options.publish is not None:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=options.publish))
        try:
            return {}, render_into(result, item, options, staging), str(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    with tempfile.TemporaryDirectory(prefix="notice-parse-") as scratch:
        names = render_into(result, item, options, Path(scratch))
        return {name: (Path(scratch) / name).read_bytes() for name in names}, [], None


def publish_staged(outcome: Outcome, target: Path) -> list[str]:
    """In the run: rename what a worker staged into place and remove its staging folder."""
    if outcome.staged is None:
        return write_bytes(target, outcome.files) if outcome.files else []
    try:
        publish_files(Path(outcome.staged), target, outcome.written)
    finally:
        shutil.rmtree(outcome.staged, ignore_errors=True)
    return outcome.written


def publish_files(staging: Path, target: Path, names: list[str]) -> None:
    """Rename staged files into place, the JSON last: a new JSON means the set is whole."""
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
    publish(staging, target, sorted(names, key=lambda n: n.endswith(".json")))


def write_bytes(target: Path, files: dict[str, bytes]) -> list[str]:
    """Stage files that came back as bytes (from a remote worker) and rename them into place."""
    with staging_folder(target) as staging:
        publish_files(staging, target, _write_files(staging, files))
    return list(files)


def _write_files(folder: Path, files: dict[str, bytes]) -> list[str]:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return list(files)
