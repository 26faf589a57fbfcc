"""Roles: turn each task's labelled lists into lead / responsible / supporting units, leaders and a
deadline, giving every task a stable id.

Takes `TaskDraft`s and returns `Task`s. Unit lists are split by `units`; person roles (责任领导)
are kept apart from units; a unit marked 市发改委（牵头） in any list is a lead; a deadline keeps
its raw text and gets an ISO date only when the notice's year makes it certain (6月底前 in a 2021
notice -> 2021-06-30).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping

import regex

from pipeline.assign.conventions import all_lead_notes
from pipeline.assign.units import content_to_units, split_top_level, strip_list_end, unit_marks
from pipeline.normalize import fold
from pipeline.structure.tasks import TaskDraft
from schemas.notice import Deadline, Leader, Task, Unit

WHITESPACE = regex.compile(r"\s+")
MONTH_END = regex.compile(r"^(?P<m>\d{1,2})月(?:底|末)(?:前|之前|完成)?")
MONTH_DAY = regex.compile(r"^(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前)?")
YEAR_END = regex.compile(r"^(?:年底|年末|年内)(?:前|之前)?")
WRITTEN_YEAR = regex.compile(r"^(?P<y>(?:19|20)\d{2})年(?=\d|年|底|末|内)")


def deadline_date(raw: str, year: int | None) -> str | None:
    """ISO date of a deadline, only when certain: 6月底前, 6月15日前, 年底 in the notice's `year`;
    a year written in the deadline wins (2024年6月底前, 2023年12月31日前, 2023年底 or 2023年年底).
    长期坚持, 持续推进, 每季度, 上半年 give none."""
    key = fold(raw).replace(" ", "")
    if written := WRITTEN_YEAR.match(key):
        year, key = int(written["y"]), key[written.end() :]
        key = key if key.startswith("年") or key[:1].isdigit() else "年" + key  # 2023年底 -> 年底
    if year is None:
        return None
    if m := MONTH_DAY.match(key):
        month, day = int(m["m"]), int(m["d"])
    elif m := MONTH_END.match(key):
        month = int(m["m"])
        day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    elif YEAR_END.match(key):
        month, day = 12, 31
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def all_lead(content: str) -> bool:
    """市人力社保局、市农业农村局分别牵头: every unit of the list leads (data/conventions.json)."""
    listed, _ = strip_list_end(content)
    return fold(listed).rstrip().endswith(all_lead_notes())


def task_ids(drafts: list[TaskDraft]) -> list[str]:
    """t12 for task 12; t5, t5b for two tasks numbered 5; t-3 for the third unnumbered one."""
    seen: Counter[str] = Counter()
    ids = []
    for index, draft in enumerate(drafts, start=1):
        base = f"t{draft.number}" if draft.number is not None else f"t-{index}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}{chr(ord('a') + seen[base] - 1)}")
    return ids


def draft_to_task(draft: TaskDraft, task_id: str, year: int | None, signs: Mapping[str, str]) -> Task:
    """`signs`: the role the notice gives each mark sign (标注“*”的为牵头单位); a sign it does not
    explain is dropped from the name and the unit keeps its list's role: reading it as the lead
    would be a guess."""
    roles: dict[str, list[Unit]] = {"lead": [], "responsible": [], "supporting": []}
    leaders: list[Leader] = []
    deadline: Deadline | None = None
    extra: dict[str, str] = {}
    for lst in draft.lists:
        if lst.kind in roles:
            kind = "lead" if all_lead(lst.content) else lst.kind
            marks = unit_marks(lst.content)
            for unit, mark in zip(content_to_units(lst.content, lst.loc), marks, strict=True):
                role = kind if mark is None else mark if mark in roles else signs.get(mark, kind)
                roles[role].append(unit)
        elif lst.kind == "leaders":
            listed, _ = strip_list_end(lst.content)
            leaders.extend(Leader(raw=piece, label=lst.label) for piece, _ in split_top_level(listed))
        elif lst.kind == "deadline" and lst.content:
            deadline = Deadline(raw=lst.content, date=deadline_date(lst.content, year))
        elif lst.kind == "extra" and lst.content:
            name = WHITESPACE.sub("", lst.label)
            extra[name] = f"{extra[name]}\n{lst.content}" if name in extra else lst.content
    return Task(
        id=task_id,
        number=draft.number,
        marker=draft.marker,
        text=draft.text,
        path=draft.path,
        lead_units=roles["lead"],
        responsible_units=roles["responsible"],
        supporting_units=roles["supporting"],
        leaders=leaders,
        deadline=deadline,
        extra=extra,
        source=draft.loc,
    )


def drafts_to_tasks(
    drafts: list[TaskDraft], year: int | None, signs: Mapping[str, str] | None = None
) -> list[Task]:
    marks = signs or {}
    return [draft_to_task(d, i, year, marks) for d, i in zip(drafts, task_ids(drafts), strict=True)]
