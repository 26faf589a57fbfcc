"""Kinds: the finer sort of each unit (party organ, government department, township government,
management committee, people's organisation, enterprise, vertical agency, court, …) and the rule
that decided it, from the ordered rules of data/unit_kinds.json; and which members a collective
stands for (各乡（镇）人民政府 -> the gazetteer's townships; 相关乡（镇）人民政府 -> undetermined).

The coarse `Unit.kind` the splitter gives stays as it is (older readers and the accuracy figures
rely on it); `UnitCategory` is set beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from pipeline import vocab
from pipeline.enrich.gazetteer import Gazetteer
from pipeline.normalize import fold
from schemas.notice import MembersStatus, UnitCategory, UnitKind

DEFAULT_CACHE = 4096


@dataclass(frozen=True)
class Rule:
    category: UnitCategory
    pattern: regex.Pattern[str]
    text: str


@dataclass(frozen=True)
class MemberRule:
    pattern: regex.Pattern[str]
    townships: tuple[str, ...]


@cache
def rules() -> tuple[tuple[Rule, ...], tuple[MemberRule, ...], tuple[str, ...]]:
    d = vocab.load("unit_kinds.json")
    kinds = tuple(
        Rule(UnitCategory(r["category"]), regex.compile(r["pattern"]), r["rule"]) for r in d["rules"]
    )
    members = tuple(
        MemberRule(regex.compile(m["pattern"]), tuple(m["townships"])) for m in d["members"]["collectives"]
    )
    return kinds, members, tuple(d["members"]["every"])


@lru_cache(maxsize=DEFAULT_CACHE)
def unit_category(name: str, kind: UnitKind) -> tuple[UnitCategory, str]:
    """(category, the rule that decided it) for a normalized unit name."""
    if kind is UnitKind.collective:
        return UnitCategory.collective, "the unit list reads it as a collective reference"
    key = fold(name)
    for rule in rules()[0]:
        if rule.pattern.search(key):
            return rule.category, rule.text
    return UnitCategory.other, "no rule of data/unit_kinds.json matches the name"


def collective_members(
    name: str, gazetteer: Gazetteer | None
) -> tuple[list[tuple[str, str, UnitCategory]], MembersStatus]:
    """The members of a collective as (name, canonical, category), and the status:

    各乡（镇）人民政府 with a gazetteer -> its townships, expanded; 相关乡（镇）人民政府 -> undetermined
    (the text does not say which: never expanded); without a gazetteer -> needs_gazetteer; a
    collective of no townships (县直各部门, 各单位) -> not_listed."""
    _, member_rules, every = rules()
    key = fold(name)
    for rule in member_rules:
        m = rule.pattern.match(key)
        if m is None:
            continue
        scope = next((g for g in m.groups() if g), "")
        if scope not in every:
            return [], MembersStatus.undetermined
        if gazetteer is None:
            return [], MembersStatus.needs_gazetteer
        out = []
        for t in gazetteer.townships:
            if fold(t.name).endswith(rule.townships):
                written, full = gazetteer.township_government(t)
                out.append((written, full, t.category or UnitCategory.township_government))
        return out, MembersStatus.expanded if out else MembersStatus.not_listed
    return [], MembersStatus.not_listed
