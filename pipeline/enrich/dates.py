"""Deadlines: the time phrases of a task's text and its 完成时限, each with its position and the last
allowed day, resolved against the notice's year (patterns in data/deadlines.json).

3月底前 -> 03-31, 年底前 and 年内 -> 12-31, 6月30日前 -> 06-30, 一季度 -> 03-31, 上半年 -> 06-30,
2021年底 -> 2021-12-31 (a written year wins), 长期坚持 -> no date (ongoing). 全年 and 年度 are not
deadlines (全年新增信贷700亿元 is an annual total), nor is a duration (三年内, 5年过渡期). Without a
year in the notice a phrase keeps date null.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from pipeline import vocab
from pipeline.normalize import fold
from schemas.notice import DeadlineMention

DEFAULT_CACHE = 2048
QUARTER_MONTH = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
HALF_MONTH = {"上": 6, "下": 12}
FIELDS = ("text", "deadline")


@dataclass(frozen=True)
class Pattern:
    regex: regex.Pattern[str]
    resolve: str
    fields: tuple[str, ...]


@cache
def patterns() -> tuple[Pattern, ...]:
    return tuple(
        Pattern(regex.compile(p["pattern"]), p["resolve"], tuple(p.get("fields", FIELDS)))
        for p in vocab.load("deadlines.json")["patterns"]
    )


def _number(raw: str | None) -> int | None:
    if not raw:
        return None
    return int(raw) if raw.isdigit() else vocab.cn_to_int(raw)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def resolve(m: regex.Match[str], rule: str, year: int | None) -> str | None:
    """The ISO date a match names, or None when it has none (ongoing) or the year is unknown."""
    groups = m.groupdict()
    written = _number(groups.get("y"))
    year = written or year
    if year is None or rule == "ongoing":
        return None
    month, day = None, None
    if rule == "year-end":
        month, day = 12, 31
    elif rule == "quarter-end":
        month = QUARTER_MONTH.get(groups["q"] or "")
    elif rule == "half-end":
        month = HALF_MONTH.get(groups["h"] or "")
    elif rule in ("month-end", "month-day"):
        month = _number(groups.get("m"))
        day = _number(groups.get("d")) if rule == "month-day" else None
    if month is None or not 1 <= month <= 12:
        return None
    day = day or _last_day(year, month)
    if not 1 <= day <= _last_day(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=DEFAULT_CACHE)
def _spans(text: str, field: str, year: int | None) -> tuple[tuple[int, int, str | None, str], ...]:
    """(start, end, date, rule) of every phrase, leftmost first, longest at a position, no overlaps."""
    key = fold(text)
    found: list[tuple[int, int, str | None, str]] = []
    for p in patterns():
        if field not in p.fields:
            continue
        for m in p.regex.finditer(key):
            if m.end() > m.start():
                found.append((m.start(), m.end(), resolve(m, p.resolve, year), p.resolve))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str | None, str]] = []
    for span in found:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return tuple(out)


@lru_cache(maxsize=DEFAULT_CACHE)
def _mentions(text: str, field: str, year: int | None) -> tuple[DeadlineMention, ...]:
    return tuple(
        DeadlineMention(raw=text[a:b], field=field, start=a, end=b, date=date, rule=rule)
        for a, b, date, rule in _spans(text, field, year)
    )


def text_to_deadlines(text: str, field: str, year: int | None) -> list[DeadlineMention]:
    """The deadlines of one field (frozen values, shared between results of the same text)."""
    return list(_mentions(text, field, year))


def deadline_spans(text: str, year: int | None) -> list[tuple[int, int]]:
    """Where the task text's deadlines stand: their digits are dates, not targets."""
    return [(a, b) for a, b, _, _ in _spans(text, "text", year)]


def task_to_deadlines(text: str, deadline: str | None, year: int | None) -> list[DeadlineMention]:
    """The deadlines of a task: those in its text, then those of its 完成时限 (`deadline`)."""
    found = text_to_deadlines(text, "text", year)
    return found + (text_to_deadlines(deadline, "deadline", year) if deadline else [])
