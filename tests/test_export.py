"""Parquet tables: explicit schemas, readable by pyarrow, pandas and DuckDB; JSON validates."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.runner import parse
from pipeline.writers import write_outputs
from schemas.notice import ParseResult
from tests.conftest import SEED


@cache
def result() -> ParseResult:
    return parse(SEED)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out")
    write_outputs(result(), path, "seed")
    return path


def test_tasks_table(out: Path) -> None:
    table = pq.read_table(out / "seed.tasks.parquet")
    assert table.num_rows == 50
    lead_type = table.schema.field("lead_units").type
    assert pa.types.is_list(lead_type) and lead_type.value_type == pa.string()
    assert str(table.schema.field("number").type) == "int32"
    row = table.slice(27, 1).to_pylist()[0]
    assert row["responsible_units"] == ["城关镇人民政府", "栾川乡人民政府"]
    assert row["path_2"] == "统筹推进城市有机更新"


def test_assignments_table(out: Path) -> None:
    df = pq.read_table(out / "seed.assignments.parquet").to_pandas()
    assert len(df) == 196
    assert set(df["role"]) == {"lead", "responsible"}
    row = df[(df.task_id == "t28") & (df.role == "responsible") & (df.position == 1)].iloc[0]
    assert (row["raw"], row["name"], row["kind"]) == ("城关镇", "城关镇人民政府", "township")


def test_duckdb_reads_both(out: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    n = con.execute(
        f"select count(*) from '{out / 'seed.assignments.parquet'}' where role = 'lead'"
    ).fetchone()
    tasks = con.execute(f"select count(*) from '{out / 'seed.tasks.parquet'}'").fetchone()
    assert n is not None and n[0] > 50 and tasks == (50,)


def test_json_round_trips_through_the_model(out: Path) -> None:
    data = json.loads((out / "seed.json").read_text(encoding="utf-8"))
    assert ParseResult.model_validate(data) == result()


def test_schema_is_current() -> None:
    from schemas.__main__ import SCHEMA_PATH, render

    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run `make schema` and commit it"


def test_model_forbids_extra_fields() -> None:
    data = json.loads(result().model_dump_json())
    data["unexpected"] = 1
    with pytest.raises(ValueError, match="Extra inputs"):
        ParseResult.model_validate(data)
