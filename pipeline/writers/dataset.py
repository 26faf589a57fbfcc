"""One document's share of a dataset folder: files named by its doc_id, as bytes.

    DIR/tasks/<doc_id>.parquet        one row per task
    DIR/assignments/<doc_id>.parquet  one row per task x role x unit (when it has any)
    DIR/units/<doc_id>.parquet        the notice's units table (when it has any)
    DIR/targets/<doc_id>.parquet      one row per quantitative target (when it has any)
    DIR/json/<doc_id>.json            the whole result

Every table starts with the document columns (doc_id, source_path, doc_number, title, issuer,
issued_on), so `pyarrow.dataset.dataset(DIR / "tasks")`, DuckDB's `'DIR/tasks/*.parquet'` and
polars read a whole collection in one call. The bytes depend on the result alone, so every
engine (a process pool, a dask cluster) writes the same files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.writers.json import result_to_json
from pipeline.writers.parquet import result_to_tables

if TYPE_CHECKING:
    from schemas.notice import ParseResult

TABLES = ("tasks", "assignments", "units", "targets")  # in the order parquet.result_to_tables gives
FOLDERS = (*TABLES, "json")
ALWAYS = frozenset({"tasks"})  # written even when empty; the others only when they have rows


def result_to_files(result: ParseResult) -> dict[str, bytes]:
    """`{relative path: bytes}` of the document's files in a dataset folder."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files: dict[str, bytes] = {}
    for name, table in zip(TABLES, result_to_tables(result), strict=True):
        if table.num_rows or name in ALWAYS:
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            files[f"{name}/{result.doc_id}.parquet"] = sink.getvalue().to_pybytes()
    files[f"json/{result.doc_id}.json"] = result_to_json(result).encode("utf-8")
    return files
