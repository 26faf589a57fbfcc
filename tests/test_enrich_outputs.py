"""The enrich stage's fields in the outputs: Parquet `units` and `targets` tables, the tasks table's
deadline and target columns, and the ledger and review page showing canonical names."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.runner import parse
from pipeline.writers import html, ledger, writer
from pipeline.writers.xlsx_sheets import progress_dates
from schemas.notice import ParseResult
from tests.conftest import ROOT, SEED


def test_parquet_units_and_targets_tables(tmp_path: Path) -> None:
    result = parse(SEED)
    writer("parquet").write(result, tmp_path / "seed")
    units = pq.read_table(tmp_path / "seed.units.parquet").to_pylist()
    assert len(units) == len(result.units) == 51
    fgw = next(u for u in units if u["name"] == "县发改委")
    assert fgw["canonical"] == "栾川县发展和改革委员会" and fgw["category"] == "government_department"
    assert (fgw["lead_tasks"], fgw["responsible_tasks"]) == (8, 2)
    targets = pq.read_table(tmp_path / "seed.targets.parquet").to_pylist()
    assert len(targets) == sum(len(t.targets) for t in result.tasks)
    first = targets[0]
    assert (first["task_number"], first["value"], first["unit"], first["comparator"]) == (
        5,
        700.0,
        "亿元",
        "≥",
    )
    tasks = {r["number"]: r for r in pq.read_table(tmp_path / "seed.tasks.parquet").to_pylist()}
    assert tasks[19]["deadline_date"] == "2021-12-31" and tasks[19]["deadline_dates"] == [
        "2021-03-31",
        "2021-12-31",
    ]
    assert (
        tasks[30]["target_count"] == 7 and tasks[2]["target_count"] == 0 and tasks[2]["deadline_date"] is None
    )
    assignments = pq.read_table(tmp_path / "seed.assignments.parquet").to_pylist()
    assert {a["canonical"] for a in assignments if a["name"] == "县住建局"} == {"栾川县住房和城乡建设局"}


def test_ledger_shows_canonical_beside_the_written_form() -> None:
    duties = {d.name: d for d in ledger.result_to_unit_duties(parse(SEED))}
    assert duties["县发改委"].label == "栾川县发展和改革委员会（县发改委）"
    assert duties["铁塔公司"].label == "铁塔公司"
    assert duties["县委组织部"].category_label == "党的机关"


def test_review_page_shows_canonical_names() -> None:
    page = html.result_to_html(parse(SEED))
    assert '县发改委<span class="canonical">栾川县发展和改革委员会</span>' in page
    assert 'title="牵头：栾川县发展和改革委员会">县发改委</li>' in page


def test_a_payload_of_schema_1_2_still_gets_its_due_dates_in_the_ledger() -> None:
    data = json.loads((ROOT / "tests" / "fixtures" / "schema-1.2.seed.json").read_text(encoding="utf-8"))
    old = ParseResult.model_validate(data)
    dates, note = progress_dates(old)
    assert [d for _, d in dates] == ["2021-03-30", "2021-06-30", "2021-09-30", "2021-12-30", "2021-12-31"]
    assert progress_dates(parse(SEED)) == (dates, note)  # the enrich stage's dates, the same
