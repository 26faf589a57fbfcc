"""Canonical names: a unit's full official name, where a rule derives it, and the rule.

The place comes from the unit's level prefix and the notice's jurisdiction: 县 names the county
the notice governs (栾川县), 市 its parent city (洛阳市) — the division whose name ends in that
level word. The body's full name comes from data/unit_names.json, general for bodies after the
2018–2019 reforms. Rules, tried in order:

- a gazetteer's entry: its canonical, a township's government (栾川县城关镇人民政府);
- a collective of the jurisdiction's own bodies takes its name: 各乡（镇）人民政府 ->
  栾川县各乡（镇）人民政府, 县直相关部门 -> 栾川县直相关部门; 各单位 names no place (null);
- a township government written without its county: 城关镇人民政府 -> 栾川县城关镇人民政府;
- a party body: 县委组织部 -> 中共栾川县委组织部, 县委改革办 -> 中共栾川县委全面深化改革委员会办公室;
- a template where the full name is not place + body: 县生态环境分局 -> 洛阳市生态环境局栾川分局,
  县税务局 -> 国家税务总局栾川县税务局, 人行 -> 中国人民银行栾川县支行;
- the abbreviation table: 县发改委 -> 栾川县发展和改革委员会, 县住建局 -> 栾川县住房和城乡建设局;
- a public institution's name, written in full: 县政务服务中心 -> 栾川县政务服务中心.

Anything else gets None and the reason, which the units stage turns into a diagnostic: a guess is
never given as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from pipeline import vocab
from pipeline.assign.unit_vocab import is_bare_department, level_prefix
from pipeline.enrich.gazetteer import Gazetteer
from pipeline.enrich.jurisdiction import level_of
from pipeline.normalize import fold
from schemas.notice import UnitCategory

DEFAULT_CACHE = 4096
PlaceKey = tuple[str | None, str | None, str | None, str | None]  # name, level, parent, parent level
TOWNSHIP_BODIES = {"镇": "人民政府", "乡": "人民政府", "街道": "办事处"}
TOWNSHIP_SCOPES = ("county", "district", "city")


@dataclass(frozen=True)
class Names:
    abbreviations: dict[str, dict[str, Any]]
    full_form_endings: tuple[str, ...]
    party_prefix: regex.Pattern[str]
    party_bodies: dict[str, str]
    party_template: str
    templates: tuple[dict[str, Any], ...]
    scoped: frozenset[str]
    scoped_prefixed: regex.Pattern[str]


@cache
def names() -> Names:
    d = vocab.load("unit_names.json")
    abbreviations = {fold(k): v for k, v in d["abbreviations"].items()}
    for entry in list(abbreviations.values()):  # a body written in full is its own entry
        abbreviations.setdefault(fold(entry["full"]), {"full": entry["full"], "levels": entry["levels"]})
    return Names(
        abbreviations=abbreviations,
        full_form_endings=tuple(d["full_form_endings"]),
        party_prefix=regex.compile(d["party"]["prefix"]),
        party_bodies={fold(k): v for k, v in d["party"]["bodies"].items()},
        party_template=d["party"]["template"],
        templates=tuple(d["templates"]),
        scoped=frozenset(fold(s) for s in d["scoped_collectives"]),
        scoped_prefixed=regex.compile(d["scoped_prefixed_collective"]),
    )


def _short(place: str) -> str:
    """栾川县 -> 栾川: the place without its level suffix, as 洛阳市生态环境局栾川分局 writes it."""
    key = fold(place)
    for suffix in ("自治县", "自治旗", "县", "区", "市", "旗"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return place[: -len(suffix)]
    return place


def _place(word: str, where: PlaceKey) -> tuple[str | None, str | None, str | None]:
    """(place, its level, the place above it) that a level word names: the jurisdiction or its
    parent, whichever's name ends in `word` (县 -> 栾川县; 市 -> 洛阳市)."""
    name, level, parent, parent_level = where
    if name and fold(name).endswith(word):
        return name, level, parent
    if parent and fold(parent).endswith(word):
        return parent, parent_level, None
    return None, None, None


def _template(
    body: str, place: str, level: str | None, above: str | None, prefixed: bool
) -> tuple[str, str] | None:
    for t in names().templates:
        if (
            fold(body) != fold(t["name"])
            or level not in t["levels"]
            or prefixed == t.get("unprefixed", False)
        ):
            continue
        if t.get("needs") == "parent" and not above:
            continue
        return t["template"].format(place=place, parent=above or "", short=_short(place)), t["rule"]
    return None


def _abbreviation(body: str, place: str, level: str | None) -> tuple[str, str] | None:
    entry = names().abbreviations.get(fold(body))
    if entry is None or level not in entry["levels"]:
        return None
    rule = f"abbreviation table: {body} -> {entry['full']}"
    if entry.get("variants"):
        rule += f" (other full forms in use: {'、'.join(entry['variants'])})"
    return place + entry["full"], rule


def _party(name: str, where: PlaceKey) -> tuple[str, str] | None:
    m = names().party_prefix.match(fold(name))
    key = fold(name)
    word = m["level"] if m else (key[0] if len(key) == 2 and key.endswith("委") else None)
    if word is None:
        return None
    place = _place(word, where)[0]
    if place is None:
        return None
    if m is None:
        return f"中共{place}委员会", "a party committee: 中共 + place + 委员会"
    full = names().party_bodies.get(m["body"])
    if full is None:
        return None
    return names().party_template.format(place=place, full=full), f"party body: {m['body']} -> {full}"


def _collective(name: str, where: PlaceKey) -> tuple[str | None, str]:
    key = fold(name)
    if key in names().scoped and where[0] and where[1] in TOWNSHIP_SCOPES:
        return where[0] + name, f"a collective of {where[0]}'s townships takes its name"
    m = names().scoped_prefixed.match(key)
    if m:
        place = _place(m["level"], where)[0]
        if place:
            return place + name[1:], f"{m['level']}直: the bodies directly under {place}"
    return None, f"the collective {name} names no single body of a known place"


def _township(name: str, where: PlaceKey) -> tuple[str, str] | None:
    jname, jlevel = where[0], where[1]
    if not jname or jlevel not in TOWNSHIP_SCOPES or fold(name).startswith(fold(jname)):
        return None
    key = fold(name)
    word = next((w for w in TOWNSHIP_BODIES if key.endswith(w)), None)
    full = name + TOWNSHIP_BODIES[word] if word else name
    return jname + full, f"a township of {jname}: {jname} + its government's name"


def _unprefixed(name: str, category: UnitCategory, where: PlaceKey) -> tuple[str | None, str]:
    """A body written without a level prefix (财政局, 人行): the notice's own jurisdiction's, when it
    is named and below the national level (its central bodies are named otherwise)."""
    jname, jlevel = where[0], where[1]
    if jname and jlevel != "national":
        template = _template(name, jname, jlevel, where[2], False) or _template(
            name, jname, jlevel, where[2], True
        )
        if template:
            return template[0], f"{template[1]}; written without a prefix: {jname}'s"
        if is_bare_department(name):
            found = _abbreviation(name, jname, jlevel)
            if found:
                return found[0], f"{found[1]}; written without a prefix: {jname}'s own department"
    if level_of(name) is not None or category is UnitCategory.management_committee:
        return None, f"{name} names its own place; no rule gives its full name"
    return None, f"{name} carries no level prefix, so no rule places it (a gazetteer may name it)"


@lru_cache(maxsize=DEFAULT_CACHE)
def canonical_name(
    name: str, category: UnitCategory, where: PlaceKey, gazetteer: Gazetteer | None = None
) -> tuple[str | None, str]:
    """(full official name or None, the rule that gave it or why none did)."""
    entry = gazetteer.unit(name) if gazetteer is not None else None
    if entry is not None and gazetteer is not None:
        if entry.record == "township":
            return gazetteer.township_government(entry)[1], f"gazetteer {gazetteer.name}: a township"
        if entry.canonical:
            return entry.canonical, f"gazetteer {gazetteer.name}"
    if category is UnitCategory.collective:
        return _collective(name, where)
    if category in (UnitCategory.township_government, UnitCategory.subdistrict_office) and not level_prefix(
        name
    ):
        found = _township(name, where)
        if found:
            return found
    party = _party(name, where)
    if party:
        return party
    prefix = level_prefix(name)
    if prefix is None:
        return _unprefixed(name, category, where)
    place, level, above = _place(fold(prefix), where)
    if place is None:
        return None, f"the level prefix {prefix} names no division the notice shows"
    body = name[len(prefix) :]
    found = _template(body, place, level, above, True) or _abbreviation(body, place, level)
    if found:
        return found
    if fold(body).endswith(names().full_form_endings) and len(body) > 2:
        return place + body, "a public institution's name is written in full"
    if category is UnitCategory.enterprise:
        return None, f"{name} is an enterprise: its registered name is not derivable"
    return None, f"no full form of {body} is known (data/unit_names.json)"
