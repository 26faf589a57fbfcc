"""Export: JSON, two Parquet tables and a readable outline, written atomically.

All files of one input are first written to temporary files in the output folder and only then
renamed into place, so a failure never leaves a half-written set. Parquet tables use explicit
pyarrow schemas (documented in the README), not types inferred from pandas; pyarrow is imported
here only, so a JSON-only run never loads it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from schemas.notice import ParseResult, Task, Unit

ROLE_FIELDS = (
    ("lead", "lead_units"),
    ("responsible", "responsible_units"),
    ("supporting", "supporting_units"),
)
MAX_PATH_COLUMNS = 4  # path_1 … path_4 as plain columns; the full path is also a list column


def result_to_json(result: ParseResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def result_to_outline(result: ParseResult) -> str:
    """A small human-readable view for review: headings, tasks and their units."""
    lines = [f"# {result.notice.doc_number or ''} {result.notice.title or ''}".rstrip()]
    by_source: dict[int, list[str]] = {}
    for h in result.outline:
        key = h.source.line_start or h.source.paragraph or 0
        by_source.setdefault(key, []).append("  " * (h.level - 1) + f"{h.marker} {h.title}")
    for t in result.tasks:
        depth = len(t.path)
        units = "; ".join(
            f"{role}: " + "、".join(u.name for u in getattr(t, field))
            for role, field in ROLE_FIELDS
            if getattr(t, field)
        )
        key = t.source.line_start or t.source.paragraph or 0
        by_source.setdefault(key, []).append("  " * depth + f"[{t.id}] {t.text[:40]}… | {units}")
    ordered = [line for key in sorted(by_source) for line in by_source[key]]
    for d in result.diagnostics:
        ordered.append(f"! {d.severity.value} {d.code}: {d.message}")
    return "\n".join([*lines, *ordered]) + "\n"


def _tables(result: ParseResult) -> tuple[Any, Any]:
    import pyarrow as pa

    doc = result.notice.doc_number
    path_type = pa.list_(pa.string())
    task_schema = pa.schema(
        [
            pa.field("doc_number", pa.string()),
            pa.field("task_id", pa.string(), nullable=False),
            pa.field("number", pa.int32()),
            pa.field("text", pa.string(), nullable=False),
            *[pa.field(f"path_{i}", pa.string()) for i in range(1, MAX_PATH_COLUMNS + 1)],
            pa.field("path", path_type),
            pa.field("lead_units", path_type),
            pa.field("responsible_units", path_type),
            pa.field("supporting_units", path_type),
            pa.field("leaders", path_type),
            pa.field("deadline", pa.string()),
            pa.field("line_start", pa.int32()),
            pa.field("line_end", pa.int32()),
            pa.field("page", pa.int32()),
        ]
    )
    rows = []
    for t in result.tasks:
        titles = [p.title for p in t.path]
        row: dict[str, Any] = {
            "doc_number": doc,
            "task_id": t.id,
            "number": t.number,
            "text": t.text,
            "path": titles,
            "lead_units": [u.name for u in t.lead_units],
            "responsible_units": [u.name for u in t.responsible_units],
            "supporting_units": [u.name for u in t.supporting_units],
            "leaders": [leader.raw for leader in t.leaders],
            "deadline": t.deadline.raw if t.deadline else None,
            "line_start": t.source.line_start,
            "line_end": t.source.line_end,
            "page": t.source.page,
        }
        for i in range(1, MAX_PATH_COLUMNS + 1):
            row[f"path_{i}"] = titles[i - 1] if i <= len(titles) else None
        rows.append(row)
    assignment_schema = pa.schema(
        [
            pa.field("doc_number", pa.string()),
            pa.field("task_id", pa.string(), nullable=False),
            pa.field("task_number", pa.int32()),
            pa.field("role", pa.string(), nullable=False),
            pa.field("position", pa.int32(), nullable=False),
            pa.field("raw", pa.string(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("aliases", path_type),
            pa.field("kind", pa.string(), nullable=False),
        ]
    )
    assignment_rows = [
        _assignment_row(doc, t, role, position, u)
        for t in result.tasks
        for role, field in ROLE_FIELDS
        for position, u in enumerate(getattr(t, field), start=1)
    ]
    return (
        pa.Table.from_pylist(rows, schema=task_schema),
        pa.Table.from_pylist(assignment_rows, schema=assignment_schema),
    )


def _assignment_row(doc: str | None, t: Task, role: str, position: int, u: Unit) -> dict[str, Any]:
    return {
        "doc_number": doc,
        "task_id": t.id,
        "task_number": t.number,
        "role": role,
        "position": position,
        "raw": u.raw,
        "name": u.name,
        "aliases": u.aliases,
        "kind": u.kind.value,
    }


def _write_parquet(table: Any) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import pyarrow.parquet as pq

        pq.write_table(table, path)

    return write


def _write_text(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return write


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(result: ParseResult, out_dir: Path, stem: str, parquet: bool = True) -> list[Path]:
    """Write <stem>.json (+ .tasks.parquet, .assignments.parquet); all appear or none do."""
    out_dir.mkdir(parents=True, exist_ok=True)
    writers: dict[str, Callable[[Path], None]] = {f"{stem}.json": _write_text(result_to_json(result))}
    if parquet:
        tasks, assignments = _tables(result)
        writers[f"{stem}.tasks.parquet"] = _write_parquet(tasks)
        writers[f"{stem}.assignments.parquet"] = _write_parquet(assignments)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, write in writers.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            tmp = Path(tmp_name)
            temps.append((tmp, out_dir / name))
            write(tmp)
            os.chmod(tmp, 0o666 & ~_umask())
        for written, final in temps:
            os.replace(written, final)
    finally:
        for leftover, _ in temps:
            leftover.unlink(missing_ok=True)
    return [final for _, final in temps]
