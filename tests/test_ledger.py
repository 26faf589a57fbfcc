"""The ledger's shared computations (pipeline/writers/ledger.py): per-unit duties, labels, widths."""

from __future__ import annotations

from functools import cache

from pipeline.runner import parse
from pipeline.writers import ledger
from schemas.notice import Location, ParseResult
from tests.conftest import SEED


@cache
def seed() -> ParseResult:
    return parse(SEED)


def json_tasks_of(result: ParseResult, unit: str) -> list[int]:
    return [seq for seq, t in enumerate(result.tasks, start=1) if unit in ledger.task_units(t)]


def test_every_unit_holds_exactly_the_tasks_that_name_it() -> None:
    result = seed()
    duties = ledger.result_to_unit_duties(result)
    names = {u.name for t in result.tasks for _, attr in ledger.ROLE_FIELDS for u in getattr(t, attr)}
    assert {d.name for d in duties} == names
    for d in duties:
        held = sorted(seq for seq, _ in d.lead + d.shared)
        assert held == json_tasks_of(result, d.name), d.name
        assert not {s for s, _ in d.lead} & {s for s, _ in d.shared}, d.name


def test_county_development_commission() -> None:
    fgw = next(d for d in ledger.result_to_unit_duties(seed()) if d.name == "县发改委")
    assert [s for s, _ in fgw.lead] == [1, 7, 10, 13, 21, 31, 37, 44]
    assert [s for s, _ in fgw.shared] == [8, 22]
    assert fgw.total == 10 and fgw.kind == "department"


def test_collectives_are_units_of_their_own() -> None:
    duties = {d.name: d for d in ledger.result_to_unit_duties(seed())}
    towns = duties["各乡（镇）人民政府"]
    assert towns.kind == "collective" and towns.total == 38 and not towns.lead


def test_order_most_leads_first() -> None:
    duties = ledger.result_to_unit_duties(seed())
    keys = [(-len(d.lead), -d.total) for d in duties]
    assert keys == sorted(keys)


def test_levels_and_areas() -> None:
    result = seed()
    assert ledger.level_columns(result) == [(1, "领域"), (2, "子领域")]
    assert len(ledger.areas(result)) == 10
    assert not ledger.needs_marker_column(result)
    assert ledger.extra_columns(result) == []


def test_location_labels() -> None:
    assert ledger.location_label(Location(line_start=18, line_end=22)) == "第18–22行"
    assert ledger.location_label(Location(line_start=7, line_end=7)) == "第7行"
    assert ledger.location_label(Location(table=1, row=4)) == "表1第4行"
    assert ledger.location_label(Location(page=3, table=2, row=5)) == "第3页 表2第5行"
    assert ledger.location_label(Location(paragraph=12)) == "第12段"
    assert ledger.location_label(None) == ""


def test_task_for_location() -> None:
    tasks = seed().tasks
    assert ledger.task_for_location(tasks, Location(line_start=20)) is tasks[0]
    assert ledger.task_for_location(tasks, Location(line_start=1)) is None


def test_display_width_counts_cjk_as_two() -> None:
    assert ledger.display_width("县发改委") == 8
    assert ledger.display_width("ab（1）") == 2 + 2 + 1 + 2
    assert ledger.display_width("长一点的行\nab") == 10
    assert ledger.short_text("一二三四五", 3) == "一二三…"
