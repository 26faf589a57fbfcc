"""When progress reports are due: the notice's reporting rule turned into dates of one year.

`due_dates(schedules, year)` is a pure function of `notice.reporting.schedules` (frequency + day,
as the header stage read them) and the year; the enrich stage stores its result in
`notice.reporting.due_dates`, and the ledger's 进展填报 sheet reads it. The seed says
每季度末月30日前 … 年底前报告全年落实情况: 2021-03-30, 06-30, 09-30, 12-30 and the year-end
report, 2021-12-31. A day past a month's end is that month's last day (每月31日 in April is
04-30). Without a stated rule the ledger falls back to quarter ends (`DEFAULT_RULE`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from schemas.notice import Notice, ReportingSchedule

QUARTERS = ((3, "第一季度"), (6, "第二季度"), (9, "第三季度"), (12, "第四季度"))
HALVES = ((6, "上半年"), (12, "下半年"))
MONTH_RE = re.compile(r"(\d{1,2})月")
NEXT_YEAR_RE = re.compile(r"次年|下一年|翌年|下年度")
YEAR_RE = re.compile(r"(20\d\d|19\d\d)")


class DueDate(NamedTuple):
    label: str = ""  # 第一季度, 3月, 上半年, 全年, or the phrase itself
    date: dt.date | None = None  # None when the phrase names no date this function can place
    raw: str = ""  # the schedule's phrase, e.g. 每季度末月30日前


class Rule(NamedTuple):
    """A schedule as `due_dates` reads it: the fields of schemas.notice.ReportingSchedule."""

    raw: str
    frequency: str | None = None
    day: int | None = None


DEFAULT_RULE = (Rule(raw="每季度末", frequency="quarterly"),)


def _on(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or last, last))


def schedule_to_due_dates(schedule: Rule | ReportingSchedule, year: int) -> list[DueDate]:
    freq, day, raw = schedule.frequency, schedule.day, schedule.raw
    if freq == "quarterly":
        return [DueDate(label, _on(year, m, day), raw) for m, label in QUARTERS]
    if freq == "half-yearly":
        return [DueDate(label, _on(year, m, day), raw) for m, label in HALVES]
    if freq == "monthly":
        return [DueDate(f"{m}月", _on(year, m, day), raw) for m in range(1, 13)]
    month = MONTH_RE.search(raw)
    the_year = year + 1 if NEXT_YEAR_RE.search(raw) else year
    if month and 1 <= int(month.group(1)) <= 12:
        return [DueDate("全年" if freq == "yearly" else raw, _on(the_year, int(month.group(1)), day), raw)]
    if freq == "yearly":  # 年底前, 每年12月 without a month: the year's end
        return [DueDate("全年", _on(the_year, 12, day), raw)]
    return [DueDate(raw, None, raw)]


def due_dates(schedules: Sequence[Rule | ReportingSchedule], year: int) -> list[DueDate]:
    """Every due date of the rule in `year`, earliest first (undated phrases last), repeats dropped."""
    found = [d for s in schedules for d in schedule_to_due_dates(s, year)]
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (d.date is None, d.date or dt.date.max))


def notice_year(notice: Notice) -> tuple[int | None, str]:
    """The year the notice's dates run in, and where it was read: the 成文日期, else the year in
    the 发文字号 (栾政〔2021〕2号), else one in the title (2021年…)."""
    if notice.issued_on:
        return int(notice.issued_on[:4]), "成文日期"
    for text, where in ((notice.doc_number, "发文字号"), (notice.title, "标题")):
        found = YEAR_RE.search(text or "")
        if found:
            return int(found.group(1)), where
    return None, ""


def notice_to_due_dates(notice: Notice) -> None:
    """Fill `notice.reporting.due_dates`, `due_year` and `due_year_from` from its schedules."""
    from schemas.notice import DueDate as DueDateModel

    reporting = notice.reporting
    if reporting is None or not reporting.schedules:
        return
    year, where = notice_year(notice)
    reporting.due_year, reporting.due_year_from = year, where or None
    if year is None:
        reporting.due_dates = [DueDateModel(label=s.raw, raw=s.raw) for s in reporting.schedules]
        return
    reporting.due_dates = [
        DueDateModel(label=d.label, date=d.date.isoformat() if d.date else None, raw=d.raw)
        for d in due_dates(reporting.schedules, year)
    ]
