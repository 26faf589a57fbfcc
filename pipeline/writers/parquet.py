"""`<stem>.tasks.parquet` and `<stem>.assignments.parquet`: one row per task, and one per task x
role x unit.

Explicit pyarrow schemas (documented in the README), not types inferred from pandas; pyarrow is
imported inside `write` only, so a run without Parquet never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.writers.ledger import ROLE_FIELDS

if TYPE_CHECKING:
    from schemas.notice import ParseResult, Task, Unit

SUFFIXES: tuple[str, ...] = (".tasks.parquet", ".assignments.parquet")
MAX_PATH_COLUMNS = 4  # path_1 … path_4 as plain columns; the full path is also a list column


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


def write(result: ParseResult, dest: Path) -> None:
    import pyarrow.parquet as pq

    for table, suffix in zip(_tables(result), SUFFIXES, strict=True):
        pq.write_table(table, dest.with_name(dest.name + suffix))
