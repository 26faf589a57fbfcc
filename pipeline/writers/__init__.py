"""Writers: one module per output, all behind one small interface and one atomic write.

A writer is a module with `SUFFIXES` (the files it writes, named `<stem><suffix>`) and
`write(result, dest)`, which writes `dest` + each suffix; `dest` is `<staging folder>/<stem>`.
Outputs are chosen by name through one table, `OUTPUTS` (name -> module, imported when used);
`write_outputs` runs the chosen ones into a private staging folder and renames their files into
place (pipeline/writers/atomic.py). Heavy libraries (pyarrow, xlsxwriter) are imported inside
`write`, so importing this package, as every CLI start does, costs a few milliseconds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from pipeline.writers.atomic import (
    DEFAULT_LOCK_TIMEOUT,
    output_lock,
    publish,
    remove_stale_staging,
    staging_folder,
)
from pipeline.writers.json import result_to_json
from pipeline.writers.outline import result_to_outline

if TYPE_CHECKING:
    from schemas.notice import ParseResult

__all__ = [
    "DEFAULT_OUTPUTS",
    "OUTPUTS",
    "output_names",
    "result_to_json",
    "result_to_outline",
    "write_outputs",
    "writer",
]


class Writer(Protocol):
    SUFFIXES: tuple[str, ...]

    def write(self, result: ParseResult, dest: Path) -> None: ...


OUTPUTS: dict[str, str] = {
    "json": "pipeline.writers.json",
    "parquet": "pipeline.writers.parquet",
    "xlsx": "pipeline.writers.xlsx",
    "html": "pipeline.writers.html",
}
DEFAULT_OUTPUTS = ("json", "parquet")


def writer(name: str) -> Writer:
    """The writer module of output `name` (a key of OUTPUTS)."""
    return cast("Writer", importlib.import_module(OUTPUTS[name]))


def output_names(stem: str, outputs: Sequence[str]) -> list[str]:
    """The file names `outputs` write for `stem`, in the order asked."""
    unknown = [o for o in outputs if o not in OUTPUTS]
    if unknown:
        raise ValueError(f"unknown output {', '.join(unknown)}: choose from {', '.join(OUTPUTS)}")
    return [stem + suffix for o in dict.fromkeys(outputs) for suffix in writer(o).SUFFIXES]


def write_outputs(
    result: ParseResult,
    out_dir: Path,
    stem: str,
    outputs: Sequence[str] = DEFAULT_OUTPUTS,
    *,
    timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the chosen outputs of one input into `out_dir`: all appear, or none changes.

    Holds the folder's lock (waiting up to `timeout` seconds), removes staging folders a killed
    run left, writes into a fresh staging folder and renames the files into place, JSON last.
    Returns the final paths in the order of `outputs`."""
    names = output_names(stem, outputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(out_dir, timeout, on_wait):
        remove_stale_staging(out_dir)
        with staging_folder(out_dir) as staging:
            for name in dict.fromkeys(outputs):
                writer(name).write(result, staging / stem)
            json_name = stem + writer("json").SUFFIXES[0]  # renamed last: a new JSON means the set is whole
            publish(staging, out_dir, sorted(names, key=lambda n: n == json_name))
    return [out_dir / n for n in names]
