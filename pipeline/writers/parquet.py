"""`<stem>.tasks.parquet`, `.assignments.parquet`, `.units.parquet` and `.targets.parquet`: one row
per task, per task x role x unit, per distinct unit (the notice's units table) and per target.

The columns are declared once, as data (documented in the README). A one-file run writes them with
the standard-library writer (`parquet_format`): `import pyarrow.parquet` alone cost more than the
parse (0.3 s CPU, 66 MiB). The collection writer, which imports pyarrow once for many notices,
builds the same tables as pyarrow tables (`result_to_tables`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.writers.ledger import ROLE_FIELDS
from pipeline.writers.parquet_format import Column, ColumnType, write_parquet

if TYPE_CHECKING:
    from schemas.notice import ParseResult, Task, Unit

SUFFIXES: tuple[str, ...] = (".tasks.parquet", ".assignments.parquet", ".units.parquet", ".targets.parquet")
MAX_PATH_COLUMNS = 4  # path_1 … path_4 as plain columns; the full path is also a list column


def deadline_date(t: Task) -> str | None:
    """The task's last allowed day: its 完成时限's date, else the latest date its text names."""
    if t.deadline and t.deadline.date:
        return t.deadline.date
    return max((d.date for d in t.deadlines if d.date), default=None)


DOCUMENT_COLUMNS = ("doc_id", "source_path", "doc_number", "title", "issuer", "issued_on")


def document_columns(result: ParseResult) -> dict[str, Any]:
    """The columns every table starts with: which document a row is of. `(doc_id, task_id)`
    is the key across a collection; `source_path` is the input as the user gave it."""
    n = result.notice
    return {
        "doc_id": result.doc_id,
        "source_path": result.source.path,
        "doc_number": n.doc_number,
        "title": n.title,
        "issuer": n.issuer,
        "issued_on": n.issued_on,
    }


def file_metadata() -> dict[bytes, bytes]:
    """Key-value metadata of every file: which tool and contract wrote it."""
    from pipeline import __version__
    from schemas.notice import SCHEMA_VERSION

    return {
        b"notice_parse.version": __version__.encode(),
        b"notice_parse.schema_version": SCHEMA_VERSION.encode(),
    }


def rows_to_table(rows: list[dict[str, Any]], schema: Any) -> Any:
    """A pyarrow table of `rows`, typed by `schema`, built by Arrow's JSON reader.

    `pa.Table.from_pylist` (and every `pa.array`) imports pandas to ask whether the rows are a
    pandas object: 0.2-0.6 s and 60 MiB on every run that writes Parquet. Arrow's C++ JSON
    reader, given the schema, builds the same table without it (tests/test_writers.py checks
    they are equal); strings round-trip through JSON exactly."""
    import io
    import json

    import pyarrow as pa
    import pyarrow.json as pj

    if not rows:
        return pa.Table.from_batches([], schema=schema)
    data = "".join(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n" for row in rows).encode()
    table = pj.read_json(
        io.BytesIO(data),
        read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
        parse_options=pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error"),
    )
    return table.select(schema.names).cast(schema)


S: ColumnType = "string"
N: ColumnType = "int32"
F: ColumnType = "float64"
L: ColumnType = "list<string>"
DOCUMENT = [Column(name, S, nullable=name not in ("doc_id", "source_path")) for name in DOCUMENT_COLUMNS]
TASK_COLUMNS = [
    *DOCUMENT,
    Column("task_id", S, nullable=False),
    Column("number", N),
    Column("text", S, nullable=False),
    *[Column(f"path_{i}", S) for i in range(1, MAX_PATH_COLUMNS + 1)],
    Column("path", L),
    Column("lead_units", L),
    Column("responsible_units", L),
    Column("supporting_units", L),
    Column("leaders", L),
    Column("deadline", S),
    Column("deadline_date", S),
    Column("deadline_dates", L),
    Column("target_count", N, nullable=False),
    Column("line_start", N),
    Column("line_end", N),
    Column("page", N),
]
ASSIGNMENT_COLUMNS = [
    *DOCUMENT,
    Column("task_id", S, nullable=False),
    Column("task_number", N),
    Column("role", S, nullable=False),
    Column("position", N, nullable=False),
    Column("raw", S, nullable=False),
    Column("name", S, nullable=False),
    Column("aliases", L),
    Column("kind", S, nullable=False),
    Column("canonical", S),
]
UNIT_COLUMNS = [
    *DOCUMENT,
    Column("name", S, nullable=False),
    Column("canonical", S),
    Column("canonical_rule", S),
    Column("kind", S, nullable=False),
    Column("category", S, nullable=False),
    Column("category_rule", S),
    Column("written", L),
    Column("aliases", L),
    Column("members", L),
    Column("members_status", S),
    Column("lead_tasks", N, nullable=False),
    Column("responsible_tasks", N, nullable=False),
    Column("supporting_tasks", N, nullable=False),
]
TARGET_COLUMNS = [
    *DOCUMENT,
    Column("task_id", S, nullable=False),
    Column("task_number", N),
    Column("position", N, nullable=False),
    Column("raw", S, nullable=False),
    Column("start", N, nullable=False),
    Column("end", N, nullable=False),
    Column("indicator", S, nullable=False),
    Column("value", F, nullable=False),
    Column("value_raw", S, nullable=False),
    Column("unit", S, nullable=False),
    Column("comparator", S, nullable=False),
    Column("comparator_raw", S),
]


def arrow_schema(columns: list[Column]) -> Any:
    """The pyarrow schema of a table's columns (the collection writer's tables)."""
    import pyarrow as pa

    types = {S: pa.string(), N: pa.int32(), F: pa.float64(), L: pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in columns])


def result_to_rows(result: ParseResult) -> tuple[tuple[list[Column], list[dict[str, Any]]], ...]:
    """The four tables (tasks, assignments, units, targets) as their columns and plain rows."""
    doc = document_columns(result)
    tasks = []
    for t in result.tasks:
        titles = [p.title for p in t.path]
        row: dict[str, Any] = {
            **doc,
            "task_id": t.id,
            "number": t.number,
            "text": t.text,
            "path": titles,
            "lead_units": [u.name for u in t.lead_units],
            "responsible_units": [u.name for u in t.responsible_units],
            "supporting_units": [u.name for u in t.supporting_units],
            "leaders": [leader.raw for leader in t.leaders],
            "deadline": t.deadline.raw if t.deadline else None,
            "deadline_date": deadline_date(t),
            "deadline_dates": [d.date for d in t.deadlines if d.date],
            "target_count": len(t.targets),
            "line_start": t.source.line_start,
            "line_end": t.source.line_end,
            "page": t.source.page,
        }
        for i in range(1, MAX_PATH_COLUMNS + 1):
            row[f"path_{i}"] = titles[i - 1] if i <= len(titles) else None
        tasks.append(row)
    assignments = [
        _assignment_row(doc, t, role, position, u)
        for t in result.tasks
        for role, field in ROLE_FIELDS
        for position, u in enumerate(getattr(t, field), start=1)
    ]
    units = [
        {
            **doc,
            "name": u.name,
            "canonical": u.canonical,
            "canonical_rule": u.canonical_rule,
            "kind": u.kind.value,
            "category": u.category.value,
            "category_rule": u.category_rule,
            "written": u.written,
            "aliases": u.aliases,
            "members": [m.name for m in u.members],
            "members_status": u.members_status.value if u.members_status else None,
            "lead_tasks": u.lead_tasks,
            "responsible_tasks": u.responsible_tasks,
            "supporting_tasks": u.supporting_tasks,
        }
        for u in result.units
    ]
    targets = [
        {
            **doc,
            "task_id": t.id,
            "task_number": t.number,
            "position": position,
            "raw": g.raw,
            "start": g.start,
            "end": g.end,
            "indicator": g.indicator,
            "value": g.value,
            "value_raw": g.value_raw,
            "unit": g.unit,
            "comparator": g.comparator.value,
            "comparator_raw": g.comparator_raw,
        }
        for t in result.tasks
        for position, g in enumerate(t.targets, start=1)
    ]
    return (
        (TASK_COLUMNS, tasks),
        (ASSIGNMENT_COLUMNS, assignments),
        (UNIT_COLUMNS, units),
        (TARGET_COLUMNS, targets),
    )


def _assignment_row(doc: dict[str, Any], t: Task, role: str, position: int, u: Unit) -> dict[str, Any]:
    return {
        **doc,
        "task_id": t.id,
        "task_number": t.number,
        "role": role,
        "position": position,
        "raw": u.raw,
        "name": u.name,
        "aliases": u.aliases,
        "kind": u.kind.value,
        "canonical": u.canonical,
    }


def write(result: ParseResult, dest: Path) -> None:
    """The four files, by the standard-library writer: a one-file run never imports pyarrow."""
    meta = {k.decode(): v.decode() for k, v in file_metadata().items()}
    for (columns, rows), suffix in zip(result_to_rows(result), SUFFIXES, strict=True):
        with dest.with_name(dest.name + suffix).open("wb") as f:
            write_parquet(f, columns, rows, meta)


def result_to_tables(result: ParseResult) -> tuple[Any, ...]:
    """The four pyarrow tables (tasks, assignments, units, targets), their files' metadata set:
    the collection writer's, which imports pyarrow once for many notices."""
    meta = file_metadata()
    return tuple(
        rows_to_table(rows, arrow_schema(columns)).replace_schema_metadata(meta)
        for columns, rows in result_to_rows(result)
    )
