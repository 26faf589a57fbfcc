"""pipeline/writers/parquet_format.py: files every reader we document (pyarrow, DuckDB, polars,
pandas) reads back to exactly the rows written, in the shapes of the four per-notice tables."""

from __future__ import annotations

import io
import math
import random
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.writers.parquet_format import Column, ColumnType, write_parquet
from tests.conftest import ROOT

STR: ColumnType = "string"
INT: ColumnType = "int32"
FLT: ColumnType = "float64"
LST: ColumnType = "list<string>"


def cols(*spec: tuple[str, ColumnType, bool]) -> list[Column]:
    return [Column(name, kind, nullable) for name, kind, nullable in spec]


DOCUMENT = cols(
    ("doc_id", STR, False),
    ("source_path", STR, False),
    ("doc_number", STR, True),
    ("title", STR, True),
    ("issuer", STR, True),
    ("issued_on", STR, True),
)
TASKS = DOCUMENT + cols(
    ("task_id", STR, False),
    ("number", INT, True),
    ("text", STR, False),
    *[(f"path_{i}", STR, True) for i in range(1, 5)],
    ("path", LST, True),
    ("lead_units", LST, True),
    ("responsible_units", LST, True),
    ("supporting_units", LST, True),
    ("leaders", LST, True),
    ("deadline", STR, True),
    ("deadline_date", STR, True),
    ("deadline_dates", LST, True),
    ("target_count", INT, False),
    ("line_start", INT, True),
    ("line_end", INT, True),
    ("page", INT, True),
)
ASSIGNMENTS = DOCUMENT + cols(
    ("task_id", STR, False),
    ("task_number", INT, True),
    ("role", STR, False),
    ("position", INT, False),
    ("raw", STR, False),
    ("name", STR, False),
    ("aliases", LST, True),
    ("kind", STR, False),
    ("canonical", STR, True),
)
UNITS = DOCUMENT + cols(
    ("name", STR, False),
    ("canonical", STR, True),
    ("canonical_rule", STR, True),
    ("kind", STR, False),
    ("category", STR, False),
    ("category_rule", STR, True),
    ("written", LST, True),
    ("aliases", LST, True),
    ("members", LST, True),
    ("members_status", STR, True),
    ("lead_tasks", INT, False),
    ("responsible_tasks", INT, False),
    ("supporting_tasks", INT, False),
)
TARGETS = DOCUMENT + cols(
    ("task_id", STR, False),
    ("task_number", INT, True),
    ("position", INT, False),
    ("raw", STR, False),
    ("start", INT, False),
    ("end", INT, False),
    ("indicator", STR, False),
    ("value", FLT, False),
    ("value_raw", STR, False),
    ("unit", STR, False),
    ("comparator", STR, False),
    ("comparator_raw", STR, True),
)
TABLES = {"tasks": TASKS, "assignments": ASSIGNMENTS, "units": UNITS, "targets": TARGETS}
META = {"notice_parse.version": "0.1.0", "notice_parse.schema_version": "3", "键": "值"}
WORDS = [
    "县发展改革局",
    "县财政局",
    "各乡镇（街道）",
    "2021年12月底前",
    "",
    "a\x00b",
    "𠀀𪚥",
    "牵头：县教育局",
]
ARROW_TYPES = {STR: pa.string(), INT: pa.int32(), FLT: pa.float64(), LST: pa.list_(pa.string())}


def fake_value(c: Column, rng: random.Random) -> Any:
    """A value like the parser's: Chinese text, short lists, small and extreme numbers, nulls."""
    if c.nullable and rng.random() < 0.25:
        return None
    if c.type == STR:
        return rng.choice(WORDS) + str(rng.randrange(1000))
    if c.type == INT:
        return rng.choice([0, 1, rng.randrange(500), -(2**31), 2**31 - 1])
    if c.type == FLT:
        return rng.choice([0.0, -0.0, 0.1, 95.5, 1e300, -2.5e-310, float(rng.randrange(10**6))])
    return rng.sample(WORDS, rng.randrange(4))


def fake_rows(columns: list[Column], n: int, seed: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [{c.name: fake_value(c, rng) for c in columns} for _ in range(n)]


def to_bytes(columns: list[Column], rows: list[dict[str, Any]], metadata: dict[str, str] = META) -> bytes:
    buf = io.BytesIO()
    write_parquet(buf, columns, rows, metadata)
    return buf.getvalue()


def read(data: bytes) -> pa.Table:
    return pq.read_table(io.BytesIO(data))


def arrow_schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type], nullable=c.nullable) for c in columns])


def same(a: Any, b: Any) -> bool:
    """Equality that tells -0.0 from 0.0 (== does not), so a lost sign fails."""
    if isinstance(a, float) and isinstance(b, float):
        return struct.pack("<d", a) == struct.pack("<d", b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("n", [0, 1, 7, 300])
@pytest.mark.parametrize("table", TABLES)
def test_pyarrow_reads_the_rows_types_and_metadata(table: str, n: int) -> None:
    columns = TABLES[table]
    rows = fake_rows(columns, n, seed=n)
    t = read(to_bytes(columns, rows))
    assert same(t.to_pylist(), rows)
    assert t.num_rows == n
    assert t.schema.names == [c.name for c in columns]
    for c in columns:
        field = t.schema.field(c.name)
        assert field.type.equals(ARROW_TYPES[c.type], check_metadata=False), c
        assert field.nullable == c.nullable, c
        if c.type == LST:
            assert field.type.value_field.name in ("element", "item")
    assert {k.decode(): v.decode() for k, v in (t.schema.metadata or {}).items()} == META
    meta = pq.ParquetFile(io.BytesIO(to_bytes(columns, rows))).metadata
    assert meta.created_by == "notice-parse"
    assert meta.num_row_groups == 1 and meta.row_group(0).num_rows == n
    chunk = meta.row_group(0).column(0)
    assert chunk.compression == "UNCOMPRESSED" and set(chunk.encodings) == {"PLAIN", "RLE"}


def as_python(v: Any) -> Any:
    """pandas' pyarrow-backed values as plain Python: <NA> as None, numpy arrays as lists."""
    import pandas as pd

    if isinstance(v, list):
        return [as_python(x) for x in v]
    if hasattr(v, "tolist"):
        return as_python(v.tolist())
    return None if v is pd.NA else v


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_polars_and_pandas_read_the_same_rows(table: str, tmp_path: Path) -> None:
    import duckdb
    import pandas as pd
    import polars as pl

    columns = TABLES[table]
    rows = fake_rows(columns, 200, seed=1)
    path = tmp_path / f"{table}.parquet"
    path.write_bytes(to_bytes(columns, rows))
    expected = [[row[c.name] for c in columns] for row in rows]

    con = duckdb.connect()
    got = con.sql(f"select * from '{path}'").fetchall()
    assert same([list(r) for r in got], expected)
    assert con.sql(f"select count(*) from '{path}'").fetchall() == [(200,)]

    assert same(pl.read_parquet(path).to_dicts(), rows)

    df = pd.read_parquet(path, dtype_backend="pyarrow")
    assert list(df.columns) == [c.name for c in columns]
    assert same([[as_python(df[c.name].iloc[i]) for c in columns] for i in range(len(df))], expected)


def test_other_readers_read_zero_rows(tmp_path: Path) -> None:
    import duckdb
    import pandas as pd
    import polars as pl

    path = tmp_path / "empty.parquet"
    path.write_bytes(to_bytes(TASKS, []))
    assert duckdb.connect().sql(f"select * from '{path}'").fetchall() == []
    assert pl.read_parquet(path).columns == [c.name for c in TASKS]
    assert pl.read_parquet(path).height == 0
    assert pd.read_parquet(path).shape == (0, len(TASKS))


@pytest.mark.parametrize("table", TABLES)
def test_same_rows_as_pyarrows_own_writer(table: str) -> None:
    columns = TABLES[table]
    rows = fake_rows(columns, 500, seed=2)
    theirs = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(columns)), theirs)
    mine = read(to_bytes(columns, rows))
    assert same(mine.to_pylist(), pq.read_table(io.BytesIO(theirs.getvalue())).to_pylist())


def test_exact_values_at_the_edges() -> None:
    columns = cols(
        ("s", STR, True), ("i", INT, False), ("f", FLT, False), ("l", LST, True), ("r", LST, False)
    )
    rows: list[dict[str, Any]] = [
        {"s": "", "i": -(2**31), "f": -0.0, "l": [], "r": []},
        {"s": "\x00", "i": 2**31 - 1, "f": 1.7976931348623157e308, "l": None, "r": [""]},
        {"s": "😀𠀀\U0010ffff", "i": 0, "f": 5e-324, "l": ["", None, "x"], "r": [None]},
        {"s": None, "i": True, "f": math.inf, "l": [None], "r": ["a" * 100_000]},
    ]
    assert same(read(to_bytes(columns, rows)).to_pylist(), [{**r, "i": int(r["i"])} for r in rows])


def test_long_runs_and_many_metadata_keys() -> None:
    """Runs longer than a one-byte varint, lists longer than a short Thrift list header, and
    more than 15 key-value pairs all take the multi-byte forms."""
    columns = cols(("s", STR, True), ("l", LST, True))
    rows = [{"s": None if i < 5000 else "x", "l": [str(j) for j in range(i % 40)]} for i in range(10_000)]
    metadata = {f"k{i}": "v" * i for i in range(40)}
    t = read(to_bytes(columns, rows, metadata))
    assert t.to_pylist() == rows
    assert {k.decode(): v.decode() for k, v in (t.schema.metadata or {}).items()} == metadata


TYPES: st.SearchStrategy[ColumnType] = st.sampled_from([STR, INT, FLT, LST])
VALUES: dict[str, st.SearchStrategy[Any]] = {
    STR: st.text(),
    INT: st.integers(-(2**31), 2**31 - 1),
    FLT: st.floats(allow_nan=False),
    LST: st.lists(st.one_of(st.none(), st.text()), max_size=5),
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Column], list[dict[str, Any]]]:
    kinds = draw(st.lists(st.tuples(TYPES, st.booleans()), min_size=1, max_size=6))
    columns = [Column(f"c{i}", kind, nullable) for i, (kind, nullable) in enumerate(kinds)]
    row = st.fixed_dictionaries(
        {c.name: st.one_of(st.none(), VALUES[c.type]) if c.nullable else VALUES[c.type] for c in columns}
    )
    return columns, draw(st.lists(row, max_size=30))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_any_rows_round_trip(table: tuple[list[Column], list[dict[str, Any]]]) -> None:
    columns, rows = table
    t = read(to_bytes(columns, rows))
    assert same(t.to_pylist(), rows)
    assert all(t.schema.field(c.name).nullable == c.nullable for c in columns)


VALUES_OK: dict[str, Any] = {STR: "x", INT: 1, FLT: 1.0, LST: ["x"]}


def test_none_in_a_required_column_names_it() -> None:
    for kind in (STR, INT, FLT, LST):
        columns = [Column("ok", STR), Column("needed", kind, nullable=False)]
        with pytest.raises(ValueError, match=r"'needed'.*row 1"):
            to_bytes(columns, [{"ok": "a", "needed": VALUES_OK[kind]}, {"ok": None, "needed": None}])


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, 10**20])
def test_int32_out_of_range(value: int) -> None:
    with pytest.raises(ValueError, match=r"'n'.*int32"):
        to_bytes([Column("n", INT)], [{"n": 1}, {"n": value}])


def test_wrong_types_and_duplicate_names() -> None:
    with pytest.raises(TypeError, match="'n'"):
        to_bytes([Column("n", INT)], [{"n": 1.5}])
    with pytest.raises(TypeError, match="'s'"):
        to_bytes([Column("s", STR)], [{"s": 3}])
    with pytest.raises(TypeError, match="'l'"):
        to_bytes([Column("l", LST)], [{"l": "not a list"}])
    with pytest.raises(ValueError, match="duplicate"):
        to_bytes([Column("a", STR), Column("a", INT)], [])


def test_twenty_thousand_rows_of_each_table_are_fast() -> None:
    rows = {name: fake_rows(columns, 20_000, seed=3) for name, columns in TABLES.items()}
    start = time.perf_counter()
    files = {name: to_bytes(TABLES[name], rows[name]) for name in TABLES}
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{elapsed:.2f} s"
    for name, data in files.items():
        assert read(data).to_pylist() == rows[name]


def test_importing_it_loads_no_pyarrow() -> None:
    code = (
        "import sys\nfrom pipeline.writers import parquet_format\n"
        "assert not [m for m in sys.modules if m.startswith(('pyarrow', 'pandas', 'numpy'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
