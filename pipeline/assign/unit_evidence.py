"""Unit evidence: a bare name the list kept as written gets the level prefix the notice itself
writes elsewhere for the same body.

`unit_parts.restore_prefixes` sees one list: it keeps 市场监管局 in 区税务局、区工信局、市场监管局、
区金融办 because a later unit writes 区 itself, which is how a notice marks the bodies of another
level (省市场监管局、商务厅、省大数据中心 keeps 商务厅: the notice never writes 省商务厅). The whole
notice settles what one list leaves open: when 区财政局 is written as a unit somewhere in the
notice, the 财政局 of a list whose units are all written with 区 is that body. Without such a
written name the unit stays as written. And a name that writes the notice's own place
(澄州海事局 in a 澄州 notice) had no prefix left out. The raw string is never changed.
"""

from __future__ import annotations

from itertools import pairwise

import regex

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


PLACE = regex.compile(r"(\p{Han}{2,3}?)(?:省|市|县|区|州|旗|镇|乡)")


def notice_places(*texts: str | None) -> frozenset[str]:
    """The place names the notice's issuer and title write: 澄州 of 澄州市人民政府办公室, 海滨 and
    临港 of 海滨市临港区人民政府办公室."""
    return frozenset(m[1] for text in texts if text for m in PLACE.finditer(fold(text)))


def _unprefix_own_places(tasks: list[Task], places: frozenset[str]) -> None:
    """A name given a left-out prefix that writes the notice's own place (澄州海事局, 共青团江岭省委,
    江岭医科大学附属第一医院 in a 澄州 or 江岭 notice) names that place itself: no prefix was left
    out of it, so the name is as written."""
    for task in tasks:
        for u in (u for units in _lists(task) for u in units):
            prefix = level_prefix(u.name)
            key = fold(u.raw)
            if prefix is None or key.startswith(fold(prefix)) or not u.name.endswith(u.raw):
                continue
            if any(place in key for place in places):
                u.name = u.name[len(prefix) :]


def tasks_to_evidenced_units(tasks: list[Task], places: frozenset[str] = frozenset()) -> list[Task]:
    """The tasks with bare names prefixed where the notice writes the prefixed name elsewhere and
    every prefixed unit of the same task writes one level prefix; and without the prefix given
    to a name that writes the notice's own place (`places`, from its issuer and title)."""
    written = _written_prefixed(tasks)
    for task in tasks:
        units = [u for lst in _lists(task) for u in lst]
        prefixes = {fold(p) for u in units if (p := level_prefix(u.name)) is not None}
        if len(prefixes) != 1:
            continue
        (prefix,) = prefixes
        said = _prefixed_where(task)
        for lst in (task.responsible_units, task.supporting_units) if said else _lists(task):
            # a list of bare departments only (no unit of its own level or place: 后河村、青石交管站)
            bare = all(is_bare_department(u.name) for u in lst)
            for u in lst:
                if not is_bare_department(u.name):
                    continue
                # written elsewhere with the prefix, or left out after the task's prefixed first
                # unit in the same sentence (市住建局牵头，自然资源局、城市管理局配合)
                if fold(prefix + u.name) in written or (bare and _where(u) in said):
                    u.name = next(p for v in units if (p := level_prefix(v.name))) + u.name
    if places:
        _unprefix_own_places(tasks, places)
    return tasks


def _where(unit: Unit) -> tuple[object, ...] | None:
    """The line or paragraph of the unit's list; None in a table, whose cells are fields apart."""
    s = unit.source
    return None if s is None or s.table is not None else (s.line_start, s.page, s.paragraph)


def _prefixed_where(task: Task) -> set[tuple[object, ...] | None]:
    """Where the task's first unit, its lead, is written with its level prefix: the lines of the
    sentences whose later units may leave the prefix out."""
    lead = task.lead_units[:1]
    said = {_where(u) for u in lead if (p := level_prefix(u.name)) and fold(u.raw).startswith(fold(p))}
    return said - {None}


DITTO = frozenset({"同上", "同上栏", "同上条", "同上项"})


def resolve_ditto(tasks: list[Task]) -> list[Task]:
    """牵头单位：同上: the units the task above names for the same role, each kept with its raw 同上
    (the source says where it was written)."""
    for before, task in pairwise(tasks):
        for role in ("lead_units", "responsible_units", "supporting_units"):
            units: list[Unit] = getattr(task, role)
            if len(units) != 1 or fold(units[0].raw).strip().rstrip("。.") not in DITTO:
                continue
            ditto = units[0]
            setattr(
                task,
                role,
                [
                    u.model_copy(update={"raw": ditto.raw, "source": ditto.source})
                    for u in getattr(before, role)
                ],
            )
    return tasks
