"""Due dates of a reporting rule (pipeline/enrich/reporting.py): a pure function of the rule and year."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.enrich.reporting import DEFAULT_RULE, Rule, due_dates, notice_year
from schemas.notice import Notice, ReportingSchedule


def iso(rules: list[Rule], year: int = 2021) -> list[str]:
    return [d.date.isoformat() if d.date else d.raw for d in due_dates(rules, year)]


def test_seed_rule_quarterly_day_30_and_year_end() -> None:
    rules = [Rule("每季度末月30日前", "quarterly", 30), Rule("年底前", "yearly", None)]
    got = due_dates(rules, 2021)
    assert [d.date for d in got] == [
        dt.date(2021, 3, 30),
        dt.date(2021, 6, 30),
        dt.date(2021, 9, 30),
        dt.date(2021, 12, 30),
        dt.date(2021, 12, 31),
    ]
    assert [d.label for d in got] == ["第一季度", "第二季度", "第三季度", "第四季度", "全年"]


def test_the_schema_model_is_accepted() -> None:
    schedules = [ReportingSchedule(raw="每季度末月30日前", frequency="quarterly", day=30)]
    assert iso(schedules) == ["2021-03-30", "2021-06-30", "2021-09-30", "2021-12-30"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Rule("每季度末", "quarterly"), ["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"]),
        (Rule("每半年", "half-yearly", 25), ["2021-06-25", "2021-12-25"]),
        (Rule("每年12月20日前", "yearly", 20), ["2021-12-20"]),
        (Rule("次年1月10日前", "yearly", 10), ["2022-01-10"]),
        (Rule("6月底前", "once"), ["2021-06-30"]),
        (Rule("适时", None), ["适时"]),
    ],
    ids=lambda v: v.raw if isinstance(v, Rule) else None,
)
def test_frequencies(rule: Rule, expected: list[str]) -> None:
    assert iso([rule]) == expected


def test_monthly_day_past_a_month_end_is_its_last_day() -> None:
    got = iso([Rule("每月31日前", "monthly", 31)], 2024)
    assert len(got) == 12
    assert got[1] == "2024-02-29" and got[3] == "2024-04-30" and got[0] == "2024-01-31"


def test_default_rule_is_quarter_ends() -> None:
    assert iso(list(DEFAULT_RULE), 2022) == ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]


def test_undated_phrases_sort_last_and_repeats_drop() -> None:
    rules = [Rule("适时", None), Rule("年底前", "yearly"), Rule("年底前", "yearly")]
    assert iso(rules) == ["2021-12-31", "适时"]


def test_notice_year_falls_back_to_doc_number_then_title() -> None:
    assert notice_year(Notice(issued_on="2021-03-25")) == (2021, "成文日期")
    assert notice_year(Notice(doc_number="栾政〔2022〕2号")) == (2022, "发文字号")
    assert notice_year(Notice(title="关于2023年重点工作任务分解的通知")) == (2023, "标题")
    assert notice_year(Notice()) == (None, "")
