"""The seed notice against its hand-checked answer: every task, exactly (skipped without ../shared)."""

from __future__ import annotations

import json
from functools import cache

import pytest

from pipeline import parse
from schemas.notice import ParseResult
from tests.conftest import REFERENCE, SEED, needs_shared

pytestmark = needs_shared


@cache
def answer() -> dict:  # type: ignore[type-arg]
    return json.loads((REFERENCE / "luanzheng-2021-2.answer.json").read_text(encoding="utf-8"))


@cache
def result() -> ParseResult:
    return parse(REFERENCE / "luanzheng-2021-2.txt")


def test_input_copy_is_byte_identical() -> None:
    assert SEED.read_bytes() == (REFERENCE / "luanzheng-2021-2.txt").read_bytes()


def test_notice_fields() -> None:
    notice, gold = result().notice, answer()
    assert notice.doc_number == gold["doc_number"]
    assert notice.issuer == gold["issuer"]
    assert notice.title == gold["title"]
    assert notice.addressees == gold["addressees"]
    assert notice.issued_on == gold["issued_on"]
    assert [b.doc_number for b in notice.basis] == gold["basis_doc_numbers"]
    assert notice.declared_counts is not None
    assert (notice.declared_counts.areas, notice.declared_counts.tasks) == (
        gold["declared"]["areas"],
        gold["declared"]["tasks"],
    )


def test_headings() -> None:
    got = [(h.level, h.number, h.title) for h in result().outline]
    want = [(h["level"], h["number"], h["title"]) for h in answer()["headings"]]
    assert got == want


def test_task_count_and_assignments() -> None:
    tasks = result().tasks
    assert len(tasks) == len(answer()["tasks"]) == 50
    total = sum(len(t.lead_units) + len(t.responsible_units) for t in tasks)
    assert total == 196


@pytest.mark.parametrize("index", range(50), ids=lambda i: f"task{i + 1}")
def test_task(index: int) -> None:
    gold = answer()["tasks"][index]
    task = result().tasks[index]
    got = {
        "number": task.number,
        "text": task.text,
        "path": [p.title for p in task.path],
        "lead": [u.name for u in task.lead_units],
        "responsible": [u.name for u in task.responsible_units],
        "lead_raw": [u.raw for u in task.lead_units],
        "responsible_raw": [u.raw for u in task.responsible_units],
    }
    want = {k: gold[k] for k in got}
    assert got == want, f"task {gold['number']}: expected {want}, got {got}"


def test_alias_is_split_off_with_its_level_prefix() -> None:
    unit = result().tasks[4].lead_units[0]
    assert (unit.raw, unit.name, unit.aliases) == (
        "县科技工信局（金融工作局）",
        "县科技工信局",
        ["县金融工作局"],
    )
