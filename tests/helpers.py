"""Build the stages' inputs from a short text, so each stage can be tested on its own."""

from __future__ import annotations

from pipeline.normalize import Para, fold
from schemas.notice import Location, ParseResult


def paras(text: str) -> list[Para]:
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out.append(Para(line.strip(), fold(line.strip()), Location(line_start=i, line_end=i)))
    return out


def task_view(result: ParseResult) -> list[tuple[object, ...]]:
    """What format parity compares: number, text, path titles, units by role, leaders, deadline."""
    return [
        (
            t.number,
            t.text,
            tuple(p.title for p in t.path),
            tuple(u.name for u in t.lead_units),
            tuple(u.name for u in t.responsible_units),
            tuple(u.name for u in t.supporting_units),
            tuple(leader.raw for leader in t.leaders),
            t.deadline.raw if t.deadline else None,
        )
        for t in result.tasks
    ]
