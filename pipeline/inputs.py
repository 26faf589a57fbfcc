"""Inputs: what the PATH arguments of one run name, in a fixed order, and where each one's
outputs go.

A PATH is a file, a folder (walked recursively: files with a known extension, hidden ones
skipped, sorted by their path), a glob (`notices/**/*.docx`, sorted) or `-` (one document on
stdin; `--format` names its type). Outputs are named after the input alone, never after the other
inputs of the run: `<file name><suffix>` (a.docx.json, a.docx.tasks.parquet), in `--out` or, for
a file found by walking a folder, in the same sub-folder of `--out` as it has in that folder.
Two different inputs that would write the same name are refused before anything runs.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pipeline.errors import InputError, PipelineError

STDIN = "-"
GLOB_CHARACTERS = frozenset("*?[")


class InputCollisionError(PipelineError):
    """Two inputs of one run would write the same output files."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Input:
    path: Path  # as given or as found (a relative argument gives relative paths)
    folder: PurePath = field(default_factory=PurePath)  # the sub-folder of --out its outputs go to
    stdin_format: str | None = None  # set for `-`: the extension its bytes are read as

    @property
    def name(self) -> str:
        """The document's file name, which its outputs are named after."""
        return f"stdin.{self.stdin_format}" if self.stdin_format else self.path.name

    @property
    def shown(self) -> str:
        """The path as messages and the manifest show it."""
        return STDIN if self.stdin_format else str(self.path)

    @property
    def output_stem(self) -> str:
        """`<folder>/<name>`: outputs are this plus a writer's suffix."""
        return str(self.folder / self.name)


def known_extensions() -> frozenset[str]:
    from pipeline.readers import EXTENSIONS

    return frozenset(EXTENSIONS)


def walk(folder: Path, skip: Sequence[Path] = ()) -> list[Input]:
    """The notice files under `folder`, sorted by path; hidden files and folders (.git, a run's
    staging folders) and the run's own output folders (`skip`) are left out."""
    known = known_extensions()
    skipped = {os.path.realpath(s) for s in skip}
    found: list[Input] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and os.path.realpath(Path(root, d)) not in skipped
        )
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in known:
                found.append(Input(path, PurePath(path.parent.relative_to(folder))))
    return sorted(found, key=lambda i: (i.folder.parts, i.path.name))


def expand(
    arguments: Iterable[str],
    stdin_format: str | None = None,
    skip: Sequence[Path] = (),
    unique_names: bool = True,
) -> list[Input]:
    """Every input the arguments name, in the order given (a folder's or a glob's files sorted).

    `unique_names`: refuse two different files that would write the same output names (a
    dataset names its files by content, so it passes False).
    A path that does not exist stays an input (it fails with exit 3 in its own turn, and the
    others go on); a glob that matches nothing is an InputError."""
    inputs: list[Input] = []
    for argument in arguments:
        if argument == STDIN:
            if not stdin_format:
                raise InputError("-: reading from stdin needs --format (txt, docx, pdf, html, …)")
            inputs.append(Input(Path(STDIN), stdin_format=stdin_format.lstrip(".").lower()))
            continue
        path = Path(argument)
        if path.is_dir():
            found = walk(path, skip)
            if not found:
                known = ", ".join(sorted(known_extensions()))
                raise InputError(f"{path}: is a folder without notice files (none ends in {known})")
            inputs.extend(found)
        elif not path.exists() and GLOB_CHARACTERS & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise InputError(f"{argument}: no file matches this pattern")
            for match in matches:
                inputs.extend(walk(Path(match), skip) if os.path.isdir(match) else [Input(Path(match))])
        else:
            inputs.append(Input(path))
    return _without_repeats(inputs, unique_names)


def _without_repeats(inputs: list[Input], unique_names: bool) -> list[Input]:
    """The same file named twice (a.txt and ./a.txt, or by a file and its folder) is one input;
    two different files that would write the same outputs are refused."""
    seen: dict[str, Input] = {}
    out: list[Input] = []
    for item in inputs:
        key = item.output_stem if unique_names else os.path.normpath(item.shown)  # a.txt is ./a.txt
        if key in seen:
            first = seen[key]
            if first.stdin_format is None and (not unique_names or _same_file(first.path, item.path)):
                continue
            raise InputCollisionError(
                f"{first.shown} and {item.shown} would both write {key}.*: give them separate "
                "--out folders, or use --dataset, whose files are named by content"
            )
        seen[key] = item
        out.append(item)
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normpath(a) == os.path.normpath(b)
