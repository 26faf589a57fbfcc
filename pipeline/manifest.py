"""The manifest of an output folder: `_manifest.jsonl`, one JSON line per input.

A line says what became of one input: its path as given, `doc_id` and `sha256`, `status` (ok,
failed, or duplicate: the same bytes as an earlier input of the run, whose files it shares in a
dataset), the exit code and message, counts, seconds, the tool version, a fingerprint of the
options that shape the outputs, and the files written (relative to the folder).

A run appends a line as each input finishes, so a run killed mid-way leaves the lines of the
inputs it finished; at its end it rewrites the file whole (atomically), one line per path, the
latest, sorted by path. A rerun skips an input whose line has the same sha256, tool version and
options fingerprint, whose verdict does not depend on the machine, and whose files are all there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

MANIFEST_NAME = "_manifest.jsonl"
# exit codes that are a verdict on the bytes alone: 0 parsed, 3 unreadable, 5 needs OCR, 6 no
# tasks, 7 strict. Not 1 (the folder), 4 (LibreOffice may be installed since), 70 (a bug, fixed
# perhaps), 130 (interrupted): those inputs are tried again.
SKIPPABLE_EXITS = frozenset({0, 3, 5, 6, 7})

Line = dict[str, Any]


def fingerprint(options: dict[str, Any]) -> str:
    """A short hash of the options that shape an input's outputs."""
    text = json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load(folder: Path) -> dict[str, Line]:
    """The latest line of every path in `folder`'s manifest; a damaged line (a run killed while
    writing it) is ignored, so its input is parsed again."""
    lines: dict[str, Line] = {}
    try:
        text = (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return lines
    for raw in text.splitlines():
        with contextlib.suppress(ValueError):
            line = json.loads(raw)
            if isinstance(line, dict) and isinstance(line.get("path"), str):
                lines[line["path"]] = line
    return lines


def can_skip(previous: Line | None, sha256: str | None, version: str, options: str, folder: Path) -> bool:
    """Whether an input's previous line still stands: same bytes, tool and options, a verdict
    that depends on the bytes alone, and every file it wrote still there."""
    if previous is None or sha256 is None or previous.get("status") == "duplicate":
        return False  # a duplicate's files are another input's: which one is decided again each run
    same = (
        previous.get("sha256") == sha256
        and previous.get("version") == version
        and previous.get("options") == options
        and previous.get("exit") in SKIPPABLE_EXITS
    )
    outputs = previous.get("outputs", [])
    return same and all((folder / name).is_file() for name in outputs) and _still_ours(folder, previous)


HEAD_BYTES = 4096  # the JSON's doc_id and source.path stand in its first lines


def _still_ours(folder: Path, line: Line) -> bool:
    """Whether the input's JSON still holds its result: another input of the same name may have
    written over it since (a/x.txt, then b/x.txt into the same folder)."""
    names = [n for n in line.get("outputs", []) if n.endswith(".json")]
    if not names:
        return True
    try:
        with (folder / names[0]).open("rb") as f:
            head = f.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    path = json.dumps(line["path"], ensure_ascii=False)
    return f'"doc_id": "{line.get("doc_id")}"' in head and f'"path": {path}' in head


def encode(line: Line) -> str:
    """One JSON line. A path that is not valid UTF-8 (a file name's stray bytes, which Python keeps
    as lone surrogates) is written as JSON escapes, which read back to the same path."""
    text = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(line, ensure_ascii=True, separators=(",", ":"))
    return text + "\n"


class Appender:
    """Appends lines as inputs finish; each line is written whole with one write call."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / MANIFEST_NAME
        self._file: IO[str] | None = None  # opened at the first line: a run that fails at once leaves none

    def add(self, line: Line) -> None:
        if self._file is None:
            self._file = self._path.open("a", encoding="utf-8")
        self._file.write(encode(line))
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def remove_stale(folder: Path) -> None:
    """Remove the temporary manifest a run killed while rewriting it left; call it under the lock."""
    for path in folder.glob(f".{MANIFEST_NAME}.*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def rewrite(folder: Path, lines: Iterable[Line]) -> None:
    """Replace the manifest with `lines` (one per path, sorted by path), atomically."""
    by_path = {line["path"]: line for line in lines}
    target = folder / MANIFEST_NAME
    temporary = folder / f".{MANIFEST_NAME}.{os.getpid()}.tmp"
    with temporary.open("w", encoding="utf-8") as f:
        f.writelines(encode(by_path[p]) for p in sorted(by_path))
    os.replace(temporary, target)
