"""Deadlines in the task text and the 完成时限 (pipeline/enrich/dates.py) and the notice's reporting
due dates (pipeline/enrich/reporting.py, stored in notice.reporting.due_dates)."""

from __future__ import annotations

import json

import pytest

from pipeline.enrich.dates import task_to_deadlines, text_to_deadlines
from pipeline.runner import parse
from tests.conftest import ROOT, SEED

ANSWER = json.loads((ROOT / "tests" / "targets" / "seed.targets.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "raw", "date"),
    [
        ("3月底前省级下放权限全部承接到位", "3月底前", "2021-03-31"),
        ("年底前省直部门321个支持事项全部落地", "年底前", "2021-12-31"),
        ("年内形成一体化规划体系", "年内", "2021-12-31"),
        ("6月30日前完成", "6月30日前", "2021-06-30"),
        ("一季度完成招标", "一季度", "2021-03-31"),
        ("上半年开工", "上半年", "2021-06-30"),
        ("2021年底建成", "2021年底", "2021-12-31"),
        ("2022年6月底前完成", "2022年6月底前", "2022-06-30"),
        ("三月底前完成", "三月底前", "2021-03-31"),
        ("到2025年，全县建成", "到2025年", "2025-12-31"),
        ("长期坚持", "长期坚持", None),
        ("2月29日前", "2月29日前", None),  # 2021 has no 29 February: no date is certain
    ],
)
def test_phrases(text: str, raw: str, date: str | None) -> None:
    found = text_to_deadlines(text, "text", 2021)
    assert [(d.raw, d.date) for d in found] == [(raw, date)]
    assert text[found[0].start : found[0].end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "全年新增信贷700亿元以上",
        "年度完成投资3000亿元以上",
        "实施三年行动计划",
        "认真落实5年过渡期要求",
        "三年内完成",
        "每季度末报送",
    ],
)
def test_annual_totals_and_durations_are_no_deadlines(text: str) -> None:
    assert text_to_deadlines(text, "text", 2021) == []


def test_without_a_year_no_date() -> None:
    assert [d.date for d in text_to_deadlines("年底前完成", "text", None)] == [None]


def test_the_deadline_field_reads_ongoing_phrases() -> None:
    found = task_to_deadlines("持续推进改革", "持续推进", 2021)
    assert [(d.field, d.raw, d.rule, d.date) for d in found] == [("deadline", "持续推进", "ongoing", None)]


def test_seed_deadlines_are_the_hand_checked_ones() -> None:
    result = parse(SEED)
    got = [(t.number, d.raw, d.date) for t in result.tasks for d in t.deadlines]
    assert got == [(d["task"], d["raw"], d["date"]) for d in ANSWER["deadlines"]]


def test_seed_reporting_due_dates() -> None:
    reporting = parse(SEED).notice.reporting
    assert reporting is not None and (reporting.due_year, reporting.due_year_from) == (2021, "成文日期")
    assert [d.date for d in reporting.due_dates] == ANSWER["reporting_due_dates"]
    assert [d.label for d in reporting.due_dates] == ["第一季度", "第二季度", "第三季度", "第四季度", "全年"]
