"""Unit evidence: a bare name the list kept as written gets the level prefix the notice itself
writes elsewhere for the same body.

`unit_parts.restore_prefixes` sees one list: it keeps 市场监管局 in 区税务局、区工信局、市场监管局、
区金融办 because a later unit writes 区 itself, which is how a notice marks the bodies of another
level (省市场监管局、商务厅、省大数据中心 keeps 商务厅: the notice never writes 省商务厅). The whole
notice settles what one list leaves open: when 区财政局 is written as a unit somewhere in the
notice, the 财政局 of a list whose units are all written with 区 is that body. Without such a
written name the unit stays as written. The raw string is never changed.
"""

from __future__ import annotations

from pipeline.assign.unit_vocab import is_bare_department, level_prefix
from pipeline.normalize import fold
from schemas.notice import Task, Unit


def _lists(task: Task) -> tuple[list[Unit], ...]:
    return (task.lead_units, task.responsible_units, task.supporting_units)


def _written_prefixed(tasks: list[Task]) -> frozenset[str]:
    """Names written with their level prefix (in the raw text, not restored)."""
    out: set[str] = set()
    for task in tasks:
        for units in _lists(task):
            for u in units:
                prefix = level_prefix(u.name)
                if prefix is not None and fold(u.raw).startswith(fold(prefix)):
                    out.add(fold(u.name))
    return frozenset(out)


def tasks_to_evidenced_units(tasks: list[Task]) -> list[Task]:
    """The tasks with bare names prefixed where the notice writes the prefixed name elsewhere and
    every prefixed unit of the same task writes one level prefix."""
    written = _written_prefixed(tasks)
    if not written:
        return tasks
    for task in tasks:
        units = [u for lst in _lists(task) for u in lst]
        prefixes = {fold(p) for u in units if (p := level_prefix(u.name)) is not None}
        if len(prefixes) != 1:
            continue
        (prefix,) = prefixes
        for u in units:
            if is_bare_department(u.name) and fold(prefix + u.name) in written:
                u.name = next(p for v in units if (p := level_prefix(v.name))) + u.name
    return tasks
