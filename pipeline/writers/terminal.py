"""`notice-parse units`: the per-unit duty list on the terminal, the same data as the workbook's
单位责任清单 sheet (both come from `ledger.result_to_unit_duties`).

On a terminal it is a rich table (no colour under NO_COLOR, which rich honours); when stdout is
a pipe or a file it is tab-separated text, one unit a line, for sort, grep or a spreadsheet.
rich is imported here only, and only for a terminal, so other commands start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from pipeline.writers.ledger import KIND_LABELS, UnitDuty, result_to_unit_duties, short_text

if TYPE_CHECKING:
    from schemas.notice import ParseResult, Task

LEAD_STYLE = "red"  # as the review page's lead chips
HEADERS = ("序号", "单位", "类别", "牵头任务数", "牵头任务", "参与任务数", "参与任务（责任、配合）", "合计")


def _tasks(pairs: list[tuple[int, Task]], with_text: bool, sep: str) -> str:
    if with_text:
        return sep.join(f"[{seq}]{short_text(task.text)}" for seq, task in pairs)  # no space: wraps whole
    return "、".join(str(seq) for seq, _ in pairs)


def duty_rows(duties: list[UnitDuty], with_text: bool, sep: str = "\n") -> list[list[str]]:
    return [
        [
            str(i),
            d.name,
            KIND_LABELS.get(d.kind, d.kind),
            str(len(d.lead)),
            _tasks(d.lead, with_text, sep),
            str(len(d.shared)),
            _tasks(d.shared, with_text, sep),
            str(d.total),
        ]
        for i, d in enumerate(duties, start=1)
    ]


def select_duties(result: ParseResult, unit: str | None) -> list[UnitDuty]:
    """All units, or those whose name holds `unit` (县发改委, 发改)."""
    duties = result_to_unit_duties(result)
    return [d for d in duties if unit is None or unit in d.name]


def print_units(
    result: ParseResult, stream: TextIO, unit: str | None = None, console: Any | None = None
) -> int:
    """Print the list to `stream` (a rich table on a terminal, else TSV); returns the unit count.
    With `unit`, only matching units, and their tasks with a short text. `console` is a
    rich Console to print to (tests pass one); by default one is made when `stream` is a tty."""
    duties = select_duties(result, unit)
    with_text = unit is not None
    if console is None and not stream.isatty():
        for row in [list(HEADERS), *duty_rows(duties, with_text, sep="；")]:
            stream.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
        return len(duties)
    from rich.console import Console
    from rich.table import Table

    doc = result.notice.doc_number or result.source.path
    title = f"{doc} 单位责任清单：{len(duties)} 个单位，{len(result.tasks)} 项任务"
    table = Table(title=title, show_lines=True)
    for header in HEADERS:
        numeric = header.endswith("数") or header in ("序号", "合计")
        style = LEAD_STYLE if header.startswith("牵头") else None
        table.add_column(header, justify="right" if numeric else "left", overflow="fold", style=style)
    for row in duty_rows(duties, with_text):
        table.add_row(*row)
    (console or Console(file=stream)).print(table)
    return len(duties)
