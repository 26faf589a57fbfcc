"""`<stem>.tasks.parquet`, `.assignments.parquet`, `.units.parquet` and `.targets.parquet`: one row
per task, per task x role x unit, per distinct unit (the notice's units table) and per target.

Explicit pyarrow schemas (documented in the README), not types inferred from pandas; pyarrow is
imported inside `write` only, so a run without Parquet never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.writers.ledger import ROLE_FIELDS

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


def _document_fields(pa: Any) -> list[Any]:
    return [
        pa.field(name, pa.string(), nullable=name not in ("doc_id", "source_path"))
        for name in DOCUMENT_COLUMNS
    ]


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


def _tables(result: ParseResult) -> tuple[Any, ...]:
    import pyarrow as pa

    doc = document_columns(result)
    path_type = pa.list_(pa.string())
    task_schema = pa.schema(
        [
            *_document_fields(pa),
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
            pa.field("deadline_date", pa.string()),
            pa.field("deadline_dates", path_type),
            pa.field("target_count", pa.int32(), nullable=False),
            pa.field("line_start", pa.int32()),
            pa.field("line_end", pa.int32()),
            pa.field("page", pa.int32()),
        ]
    )
    rows = []
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
        rows.append(row)
    assignment_schema = pa.schema(
        [
            *_document_fields(pa),
            pa.field("task_id", pa.string(), nullable=False),
            pa.field("task_number", pa.int32()),
            pa.field("role", pa.string(), nullable=False),
            pa.field("position", pa.int32(), nullable=False),
            pa.field("raw", pa.string(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("aliases", path_type),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("canonical", pa.string()),
        ]
    )
    assignment_rows = [
        _assignment_row(doc, t, role, position, u)
        for t in result.tasks
        for role, field in ROLE_FIELDS
        for position, u in enumerate(getattr(t, field), start=1)
    ]
    return (
        rows_to_table(rows, task_schema),
        rows_to_table(assignment_rows, assignment_schema),
        _units_table(result, pa),
        _targets_table(result, pa),
    )


def _units_table(result: ParseResult, pa: Any) -> Any:
    names = pa.list_(pa.string())
    schema = pa.schema(
        [
            *_document_fields(pa),
            pa.field("name", pa.string(), nullable=False),
            pa.field("canonical", pa.string()),
            pa.field("canonical_rule", pa.string()),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("category", pa.string(), nullable=False),
            pa.field("category_rule", pa.string()),
            pa.field("written", names),
            pa.field("aliases", names),
            pa.field("members", names),
            pa.field("members_status", pa.string()),
            pa.field("lead_tasks", pa.int32(), nullable=False),
            pa.field("responsible_tasks", pa.int32(), nullable=False),
            pa.field("supporting_tasks", pa.int32(), nullable=False),
        ]
    )
    rows = [
        {
            **document_columns(result),
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
    return rows_to_table(rows, schema)


def _targets_table(result: ParseResult, pa: Any) -> Any:
    schema = pa.schema(
        [
            *_document_fields(pa),
            pa.field("task_id", pa.string(), nullable=False),
            pa.field("task_number", pa.int32()),
            pa.field("position", pa.int32(), nullable=False),
            pa.field("raw", pa.string(), nullable=False),
            pa.field("start", pa.int32(), nullable=False),
            pa.field("end", pa.int32(), nullable=False),
            pa.field("indicator", pa.string(), nullable=False),
            pa.field("value", pa.float64(), nullable=False),
            pa.field("value_raw", pa.string(), nullable=False),
            pa.field("unit", pa.string(), nullable=False),
            pa.field("comparator", pa.string(), nullable=False),
            pa.field("comparator_raw", pa.string()),
        ]
    )
    rows = [
        {
            **document_columns(result),
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
    return rows_to_table(rows, schema)


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
    import pyarrow.parquet as pq

    for table, suffix in zip(result_to_tables(result), SUFFIXES, strict=True):
        with dest.with_name(dest.name + suffix).open("wb") as f:  # a file object: pyarrow would read a
            pq.write_table(table, f)  # str path as a URI, and fail on a name that is not UTF-8


def result_to_tables(result: ParseResult) -> tuple[Any, ...]:
    """The four pyarrow tables (tasks, assignments, units, targets), their files' metadata set."""
    meta = file_metadata()
    return tuple(t.replace_schema_metadata({**(t.schema.metadata or {}), **meta}) for t in _tables(result))
