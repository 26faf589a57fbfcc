"""The notice's units table: every distinct unit (by normalized name) with its canonical name,
category, aliases, members and how many tasks it leads, is responsible for and supports.

Takes the tasks, the jurisdiction and an optional gazetteer; sets `Unit.canonical` on every unit
of every task and returns the `UnitRecord`s and the diagnostics: a unit without a canonical name
says why (canonical-unknown), a 相关… collective says its members are not determined
(members-undetermined), a gazetteer of another jurisdiction says it was not used
(gazetteer-mismatch).
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.enrich.canonical import PlaceKey, canonical_name
from pipeline.enrich.gazetteer import Gazetteer
from pipeline.enrich.jurisdiction import place_key
from pipeline.enrich.kinds import collective_members, unit_category
from schemas.notice import (
    Diagnostic,
    Jurisdiction,
    MembersStatus,
    Severity,
    Task,
    UnitCategory,
    UnitKind,
    UnitMember,
    UnitRecord,
)

DEFAULT_CACHE = 4096


def usable_gazetteer(
    gazetteer: Gazetteer | None, jurisdiction: Jurisdiction | None
) -> tuple[Gazetteer | None, list[Diagnostic]]:
    """The gazetteer when it is the notice's jurisdiction's; else None and a warning."""
    if gazetteer is None or gazetteer.matches(jurisdiction):
        return gazetteer, []
    shown = jurisdiction.name if jurisdiction and jurisdiction.name else "no named division"
    message = (
        f"the gazetteer {gazetteer.path} is the one of {gazetteer.name}, "
        f"but the notice shows {shown}: not used"
    )
    return None, [Diagnostic(severity=Severity.warning, code="gazetteer-mismatch", message=message)]


@lru_cache(maxsize=DEFAULT_CACHE)
def _derived(
    name: str, kind: UnitKind, where: PlaceKey, gazetteer: Gazetteer | None
) -> tuple[
    UnitCategory, str, str | None, str, tuple[tuple[str, str, UnitCategory], ...], MembersStatus | None
]:
    """What a name gives, cached: (category, its rule, canonical, its rule, members, status)."""
    category, category_rule = unit_category(name, kind)
    entry = gazetteer.unit(name) if gazetteer is not None else None
    if gazetteer is not None and entry is not None and entry.category is not None:
        category, category_rule = entry.category, f"gazetteer {gazetteer.name}"
    canonical, rule = canonical_name(name, category, where, gazetteer)
    members: list[tuple[str, str, UnitCategory]] = []
    status = None
    if category is UnitCategory.collective:
        members, status = collective_members(name, gazetteer)
    return category, category_rule, canonical, rule, tuple(members), status


def tasks_to_units(
    tasks: list[Task], jurisdiction: Jurisdiction | None, gazetteer: Gazetteer | None = None
) -> tuple[list[UnitRecord], list[Diagnostic]]:
    """The units table in first-named order, and its diagnostics; sets Unit.canonical in place."""
    gazetteer, diagnostics = usable_gazetteer(gazetteer, jurisdiction)
    where = place_key(jurisdiction)
    seen: dict[str, tuple[UnitKind, Task]] = {}
    written: dict[str, dict[str, None]] = {}
    aliases: dict[str, dict[str, None]] = {}
    counts: dict[tuple[str, str], int] = {}
    canonical_of: dict[str, str | None] = {}
    for task in tasks:
        for role, units in (
            ("lead", task.lead_units),
            ("responsible", task.responsible_units),
            ("supporting", task.supporting_units),
        ):
            for unit in units:
                name = unit.name
                if name not in seen:
                    seen[name] = (unit.kind, task)
                    written[name], aliases[name] = {}, {}
                    canonical_of[name] = _derived(name, unit.kind, where, gazetteer)[2]
                unit.canonical = canonical_of[name]
                written[name][unit.raw] = None
                if unit.aliases:
                    aliases[name].update(dict.fromkeys(unit.aliases))
            for pair in {(role, u.name) for u in units}:  # a task counts once per role
                counts[pair] = counts.get(pair, 0) + 1
    records = []
    for name, (kind, first) in seen.items():
        category, category_rule, canonical, rule, members, status = _derived(name, kind, where, gazetteer)
        records.append(
            UnitRecord(
                name=name,
                written=list(written[name]),
                aliases=list(aliases[name]),
                canonical=canonical,
                canonical_rule=rule,
                kind=kind,
                category=category,
                category_rule=category_rule,
                members=[UnitMember(name=n, canonical=c, category=k) for n, c, k in members],
                members_status=status,
                lead_tasks=counts.get(("lead", name), 0),
                responsible_tasks=counts.get(("responsible", name), 0),
                supporting_tasks=counts.get(("supporting", name), 0),
            )
        )
        diagnostics += _diagnostics(name, canonical, rule, status, first)
    return records, diagnostics


def _diagnostics(
    name: str, canonical: str | None, rule: str, status: MembersStatus | None, first: Task
) -> list[Diagnostic]:
    out = []
    if canonical is None:
        out.append(
            Diagnostic(
                severity=Severity.info,
                code="canonical-unknown",
                message=f"{name}: no canonical name: {rule}",
                location=first.source,
            )
        )
    if status is MembersStatus.undetermined:
        out.append(
            Diagnostic(
                severity=Severity.info,
                code="members-undetermined",
                message=f"{name}: the text does not say which bodies it means; it is not expanded",
                location=first.source,
            )
        )
    return out
