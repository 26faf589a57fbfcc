"""What the ledger outputs compute from a result, as pure functions: the per-unit duty list (the
workbook's 单位责任清单, the review page's matrix, `notice-parse units`), heading-level column
names, source labels and display widths.

A task's 序号 is its 1-based position in `result.tasks`: numbering that restarts under each area
(1. 2. … under 一、, again under 二、) would give two tasks the same number.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from schemas.notice import Location, ParseResult, Task

ROLE_FIELDS = (
    ("lead", "lead_units"),
    ("responsible", "responsible_units"),
    ("supporting", "supporting_units"),
)
ROLE_LABELS = {"lead": "牵头单位", "responsible": "责任单位", "supporting": "配合单位"}
LEVEL_NAMES = {1: "领域", 2: "子领域"}  # deeper levels: 层级3, 层级4, …
KIND_LABELS = {
    "department": "部门",
    "township": "乡镇",
    "collective": "统称",
    "enterprise": "企业",
    "committee": "党群机关",
    "other": "其他",
}
CATEGORY_LABELS = {
    "party_organ": "党的机关",
    "government_department": "政府部门",
    "local_government": "地方政府",
    "township_government": "乡镇政府",
    "subdistrict_office": "街道办事处",
    "management_committee": "管委会",
    "peoples_organisation": "人民团体",
    "enterprise": "企业",
    "vertical_agency": "垂直管理单位",
    "court_procuratorate": "法院检察院",
    "congress_cppcc": "人大政协",
    "public_institution": "事业单位",
    "collective": "统称",
    "other": "其他",
}
NO_AREA = "（未分领域）"
DEFAULT_SHORT_TEXT = 24  # characters of a task's text in lists of tasks


class UnitDuty(NamedTuple):
    """One unit's tasks: those it leads, and those it shares as 责任 or 配合 unit without leading.
    (A NamedTuple, not a dataclass: importing dataclasses would slow every CLI start.)"""

    name: str
    kind: str
    lead: list[tuple[int, Task]]
    shared: list[tuple[int, Task]]
    canonical: str | None = None  # the full official name (result.units), where derived
    category: str = ""  # UnitCategory value, from result.units
    members: tuple[str, ...] = ()  # a collective's members, from a gazetteer

    @property
    def total(self) -> int:
        return len(self.lead) + len(self.shared)

    @property
    def label(self) -> str:
        """The canonical name with the written form beside it, or the written form alone:
        栾川县发展和改革委员会（县发改委）."""
        return (
            f"{self.canonical}（{self.name}）"
            if self.canonical and self.canonical != self.name
            else self.name
        )

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category) or KIND_LABELS.get(self.kind, self.kind)


def result_to_unit_duties(result: ParseResult) -> list[UnitDuty]:
    """Every unit named in a task (by normalized name), most leads first, then most tasks, then
    first named. Collectives (各乡（镇）人民政府) are units of their own, not expanded."""
    duties: dict[str, UnitDuty] = {}
    records = {r.name: r for r in result.units}
    for seq, task in enumerate(result.tasks, start=1):
        leads = {u.name for u in task.lead_units}
        for role, attr in ROLE_FIELDS:
            for unit in getattr(task, attr):
                duty = duties.get(unit.name)
                if duty is None:
                    record = records.get(unit.name)
                    duty = duties[unit.name] = UnitDuty(
                        unit.name,
                        unit.kind.value,
                        [],
                        [],
                        unit.canonical,
                        record.category.value if record else "",
                        tuple(m.name for m in record.members) if record else (),
                    )
                bucket = duty.lead if role == "lead" else duty.shared
                if unit.name in leads and role != "lead":
                    continue
                if not bucket or bucket[-1][0] != seq:
                    bucket.append((seq, task))
    order = {name: i for i, name in enumerate(duties)}
    return sorted(duties.values(), key=lambda d: (-len(d.lead), -d.total, order[d.name]))


def task_units(task: Task) -> set[str]:
    return {u.name for _, attr in ROLE_FIELDS for u in getattr(task, attr)}


def area_of(task: Task) -> str:
    """The task's area: its outermost heading's title."""
    return task.path[0].title if task.path else NO_AREA


def areas(result: ParseResult) -> list[str]:
    return list(dict.fromkeys(area_of(t) for t in result.tasks))


def level_columns(result: ParseResult) -> list[tuple[int, str]]:
    """(level, column name) for each heading level the tasks' paths use, outermost first."""
    levels = sorted({p.level for t in result.tasks for p in t.path})
    return [(lv, LEVEL_NAMES.get(lv, f"层级{lv}")) for lv in levels]


def extra_columns(result: ParseResult) -> list[str]:
    """The headers of `Task.extra` (当前进度, 备注, …), in first-seen order over the tasks."""
    return list(dict.fromkeys(k for t in result.tasks for k in t.extra))


def needs_marker_column(result: ParseResult) -> bool:
    """Whether the notice's own numbers differ from the running 序号 (restarts, gaps, none)."""
    return any(t.number != seq for seq, t in enumerate(result.tasks, start=1))


def short_text(text: str, limit: int = DEFAULT_SHORT_TEXT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def units_text(task: Task, attr: str) -> str:
    return "、".join(u.name for u in getattr(task, attr))


def location_label(loc: Location | None) -> str:
    """Where a task was written, in a clerk's words: 第18–22行, 第3页, 表1第5行, 第12段."""
    if loc is None:
        return ""
    parts = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页")
    if loc.table is not None:
        parts.append(f"表{loc.table}" + (f"第{loc.row}行" if loc.row is not None else ""))
    elif loc.paragraph is not None:
        parts.append(f"第{loc.paragraph}段")
    elif loc.line_start is not None:
        end = loc.line_end if loc.line_end not in (None, loc.line_start) else None
        parts.append(f"第{loc.line_start}–{end}行" if end else f"第{loc.line_start}行")
    return " ".join(parts)


def task_for_location(tasks: list[Task], loc: Location | None) -> Task | None:
    """The task whose source holds `loc` (a diagnostic's place), if one does."""
    if loc is None:
        return None
    for task in tasks:
        src = task.source
        if loc.table is not None and (src.table, src.row) == (loc.table, loc.row):
            return task
        if loc.paragraph is not None and src.paragraph == loc.paragraph:
            return task
        if loc.line_start is not None and src.line_start is not None:
            end = src.line_end or src.line_start
            if src.line_start <= loc.line_start <= end:
                return task
    return None


def display_width(text: str) -> int:
    """Columns the widest line of `text` takes: a wide (CJK) character counts as 2."""
    return max(
        (sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in text.split("\n")),
        default=0,
    )
