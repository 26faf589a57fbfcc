"""The workbook's content as plain data: one `Sheet` (notes, columns, rows of cell values) per
sheet, built by pure functions of a result; pipeline/writers/xlsx.py lays them out in Excel.

任务分解表 (one row per task), 单位责任清单 (per unit: tasks led and shared, with counts),
进展填报 (the tasks with one empty column per due report) and 说明 (where the data came from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.enrich import reporting as due
from pipeline.writers import ledger

if TYPE_CHECKING:
    from schemas.notice import ParseResult, Task

Cell = str | int | None

TEXT_WIDTH = 60  # widest columns, in width units (a CJK character is 2)
UNITS_WIDTH = 30
FILL_WIDTH = 22  # the empty columns a clerk writes into
DEFAULT_MAX_WIDTH = 40
PROGRESS_COLUMNS = ("完成情况", "存在问题", "下步计划")
MAX_LISTED_WITH_TEXT = 20  # tasks a 单位责任清单 cell lists with their text
LIST_WIDTH = 56  # fits 序号 and a 24-character short text on one line


@dataclass
class Column:
    header: str
    max_width: int = DEFAULT_MAX_WIDTH
    min_width: int = 4


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)  # lines above the header row
    autofilter: bool = True


def _task_cells(task: Task) -> list[Cell]:
    return [
        ledger.units_text(task, "lead_units"),
        ledger.units_text(task, "responsible_units"),
        ledger.units_text(task, "supporting_units"),
        "、".join(leader.raw for leader in task.leaders),
        task.deadline.raw if task.deadline else "",
    ]


def task_sheet(result: ParseResult) -> Sheet:
    levels = ledger.level_columns(result)
    extras = ledger.extra_columns(result)
    marker = ledger.needs_marker_column(result)
    columns = [
        Column("序号", 6),
        *([Column("原编号", 8)] if marker else []),
        *[Column(name, 30) for _, name in levels],
        Column("工作任务", TEXT_WIDTH, 30),
        *[Column(ledger.ROLE_LABELS[role], UNITS_WIDTH, 10) for role, _ in ledger.ROLE_FIELDS],
        Column("责任领导", 20),
        Column("完成时限", 16),
        *[Column(name, 30) for name in extras],
        Column("来源", 16),
    ]
    rows: list[list[Cell]] = []
    for seq, task in enumerate(result.tasks, start=1):
        by_level = {p.level: f"{p.marker}{p.title}" for p in task.path}
        rows.append(
            [
                seq,
                *([task.marker or ""] if marker else []),
                *[by_level.get(lv, "") for lv, _ in levels],
                task.text,
                *_task_cells(task),
                *[task.extra.get(name, "") for name in extras],
                ledger.location_label(task.source),
            ]
        )
    return Sheet("任务分解表", columns, rows)


def _task_list(tasks: list[tuple[int, Task]]) -> str:
    """One line per task, 序号 and a short text; a list too long for one cell (Excel rows end at
    409 points), as 各乡（镇）人民政府's 38 tasks, gives the 序号 only."""
    if len(tasks) > MAX_LISTED_WITH_TEXT:
        return "、".join(str(seq) for seq, _ in tasks)
    return "\n".join(f"{seq} {ledger.short_text(task.text)}" for seq, task in tasks)


def unit_sheet(result: ParseResult) -> Sheet:
    """One row per unit: its canonical name where derived (单位), the name as written (原文), and
    a collective's members when a gazetteer gave them (包含单位)."""
    duties = ledger.result_to_unit_duties(result)
    with_members = any(d.members for d in duties)
    columns = [
        Column("序号", 6),
        Column("单位", UNITS_WIDTH, 12),
        Column("原文", 20, 8),
        Column("类别", 10),
        Column("牵头任务数", 12),
        Column("牵头任务", LIST_WIDTH, 20),
        Column("参与任务数", 12),
        Column("参与任务（责任、配合）", LIST_WIDTH, 20),
        Column("合计", 6),
        *([Column("包含单位", UNITS_WIDTH, 12)] if with_members else []),
    ]
    rows: list[list[Cell]] = [
        [
            i,
            d.canonical or d.name,
            d.name,
            d.category_label,
            len(d.lead),
            _task_list(d.lead),
            len(d.shared),
            _task_list(d.shared),
            d.total,
            *(["、".join(d.members)] if with_members else []),
        ]
        for i, d in enumerate(duties, start=1)
    ]
    return Sheet("单位责任清单", columns, rows)


def progress_dates(result: ParseResult) -> tuple[list[tuple[str, str | None]], str]:
    """The due reports as (label, ISO date), and the note that says which rule was used.

    The enrich stage computed them (`notice.reporting.due_dates`); a result without them (a
    payload of schema 1.2 or older, or a notice that states no rule) gets them computed here,
    from the stated schedules or else the quarter ends."""
    reporting = result.notice.reporting
    stated = bool(reporting and reporting.schedules)
    if reporting is not None and reporting.due_dates:
        dates = [(d.label, d.date) for d in reporting.due_dates]
        year, where = reporting.due_year, reporting.due_year_from or ""
    else:
        year, where = due.notice_year(result.notice)
        rules = reporting.schedules if reporting and reporting.schedules else list(due.DEFAULT_RULE)
        found = (
            due.due_dates(rules, year)
            if year is not None
            else [due.DueDate(r.raw, None, r.raw) for r in rules]
        )
        dates = [(d.label, d.date.isoformat() if d.date else None) for d in found]
    if year is None:
        return dates, "通知未写明年份：报送时间按原文列出。"
    if not stated:
        return dates, f"通知未写明报送时间：按{year}年各季度末列出。"
    assert reporting is not None
    to = f"，报送{reporting.recipient}" if reporting.recipient else ""
    rule = "、".join(s.raw for s in reporting.schedules)
    return dates, f"报送要求：{rule}{to}。日期按{year}年（{where}）推算。"


def _due_header(label: str, date: str | None) -> str:
    return f"{label}\n{date}前" if date else label


def progress_sheet(result: ParseResult) -> Sheet:
    dates, note = progress_dates(result)
    supporting = any(t.supporting_units for t in result.tasks)
    columns = [
        Column("序号", 6),
        Column("工作任务", 44, 30),
        Column("牵头单位", 20, 10),
        Column("责任单位", 20, 10),
        *([Column("配合单位", 20, 10)] if supporting else []),
        *[Column(_due_header(label, date), FILL_WIDTH, FILL_WIDTH) for label, date in dates],
        *[Column(name, FILL_WIDTH, FILL_WIDTH) for name in PROGRESS_COLUMNS],
    ]
    blanks: list[Cell] = [None] * (len(dates) + len(PROGRESS_COLUMNS))
    rows: list[list[Cell]] = []
    for seq, task in enumerate(result.tasks, start=1):
        units = [ledger.units_text(task, "lead_units"), ledger.units_text(task, "responsible_units")]
        if supporting:
            units.append(ledger.units_text(task, "supporting_units"))
        rows.append([seq, task.text, *units, *blanks])
    return Sheet("进展填报", columns, rows, notes=[note])


def info_sheet(result: ParseResult) -> Sheet:
    n, src = result.notice, result.source
    declared = n.declared_counts.raw if n.declared_counts and n.declared_counts.raw else ""
    issued = n.issued_on or ""
    if n.issued_on_raw and n.issued_on_raw != issued:
        issued = f"{issued}（{n.issued_on_raw}）" if issued else n.issued_on_raw
    rows: list[list[Cell]] = [
        ["来源文件", src.path],
        ["格式", src.format.value + (f"，{src.encoding}" if src.encoding else "")],
        ["SHA-256", src.sha256],
        ["发文字号", n.doc_number or ""],
        ["标题", n.title or ""],
        ["发文机关", n.issuer or ""],
        ["成文日期", issued],
        ["主送机关", "、".join(n.addressees)],
        ["报送要求", n.reporting.raw if n.reporting else ""],
        ["任务数", f"{len(result.tasks)}" + (f"（通知自述：{declared}）" if declared else "")],
        ["生成工具", f"notice-parse {__version__}（数据格式 {result.schema_version}）"],
        ["诊断", f"{len(result.diagnostics)} 条" if result.diagnostics else "无"],
    ]
    for i, d in enumerate(result.diagnostics, start=1):
        where = ledger.location_label(d.location)
        rows.append(
            [f"诊断 {i}", f"{d.severity.value} {d.code}：{d.message}" + (f"（{where}）" if where else "")]
        )
    columns = [Column("项目", 12), Column("内容", 90, 40)]
    return Sheet("说明", columns, rows, autofilter=False)


def result_to_sheets(result: ParseResult) -> list[Sheet]:
    return [task_sheet(result), unit_sheet(result), progress_sheet(result), info_sheet(result)]
