"""Gazetteer: an optional data file for one jurisdiction (its townships, units and their aliases).

The format is documented in pipeline/data/gazetteers/README.md: UTF-8 CSV with the columns
record, name, level, category, canonical, aliases, parent; `#` lines are comments. A gazetteer
says what no notice's text does: which townships a county has (各乡（镇）人民政府 -> its 14
township governments for 栾川县) and the kinds of local bodies no general rule knows
(重渡沟管委会). `load(path)` reads and checks it; a bad file is an `InputError` naming the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.errors import InputError
from pipeline.normalize import fold
from schemas.notice import Jurisdiction, JurisdictionEvidence, JurisdictionLevel, UnitCategory

COLUMNS = ("record", "name", "level", "category", "canonical", "aliases", "parent")
RECORDS = ("jurisdiction", "division", "township", "unit")
TOWNSHIP_BODY = {"街道": "办事处"}  # a 街道's body; a 镇's or 乡's is its 人民政府
DEFAULT_TOWNSHIP_BODY = "人民政府"


@dataclass(frozen=True)
class Entry:
    record: str
    name: str
    level: str | None
    category: UnitCategory | None
    canonical: str | None
    aliases: tuple[str, ...]
    parent: str | None


@dataclass(frozen=True, eq=False)  # hashed by identity: stages cache on it
class Gazetteer:
    path: str
    jurisdiction: Entry
    divisions: dict[str, Entry]
    townships: tuple[Entry, ...]
    units: dict[str, Entry] = field(default_factory=dict)  # folded name or alias -> entry

    @property
    def name(self) -> str:
        return self.jurisdiction.name

    def township_government(self, t: Entry) -> tuple[str, str]:
        """(name as notices write it, full name): 城关镇人民政府, 栾川县城关镇人民政府."""
        body = next((b for w, b in TOWNSHIP_BODY.items() if fold(t.name).endswith(w)), DEFAULT_TOWNSHIP_BODY)
        return t.name + body, t.canonical or f"{self.name}{t.name}{body}"

    def unit(self, name: str) -> Entry | None:
        """The entry for a unit written `name`, a township's government included."""
        key = fold(name)
        if key in self.units:
            return self.units[key]
        for t in self.townships:
            if key in (fold(t.name), fold(self.township_government(t)[0])):
                return t
        return None

    def ancestors(self, name: str | None) -> Jurisdiction | None:
        """The parent chain above the division `name`, as `Jurisdiction`s."""
        entry = self.divisions.get(name or "") or (self.jurisdiction if name == self.name else None)
        if entry is None or not entry.parent or entry.parent not in self.divisions:
            return None
        above = self.divisions[entry.parent]
        return Jurisdiction(
            name=above.name,
            level=JurisdictionLevel(above.level) if above.level else None,
            parent=self.ancestors(above.name),
            inferred_from=[self._evidence(f"the gazetteer puts {entry.name} under {above.name}")],
        )

    def _evidence(self, rule: str) -> JurisdictionEvidence:
        return JurisdictionEvidence(source="gazetteer", raw=Path(self.path).name, rule=rule)

    def matches(self, j: Jurisdiction | None) -> bool:
        return j is not None and j.name is not None and fold(j.name) == fold(self.name)

    def extend(self, j: Jurisdiction) -> Jurisdiction:
        """The jurisdiction with the gazetteer's agreement and its parent chain, when it is the same
        division; unchanged otherwise (the caller reports the mismatch)."""
        if not self.matches(j):
            return j
        evidence = [*j.inferred_from, self._evidence(f"the gazetteer is the one of {self.name}")]
        parent = j.parent
        chain = self.ancestors(self.name)
        if parent is None:
            parent = chain
        elif chain is not None and parent.name == chain.name and parent.parent is None:
            parent = parent.model_copy(update={"parent": chain.parent})
        level = j.level or (JurisdictionLevel(self.jurisdiction.level) if self.jurisdiction.level else None)
        return j.model_copy(update={"inferred_from": evidence, "parent": parent, "level": level})


def _entry(row: dict[str, str], line: int, path: str) -> Entry:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    record, name = cell("record"), cell("name")
    if record not in RECORDS or not name:
        raise InputError(f"{path}: line {line}: record must be one of {', '.join(RECORDS)} with a name")
    level = cell("level") or None
    if level is not None and level not in JurisdictionLevel.__members__:
        raise InputError(
            f"{path}: line {line}: level {level!r} is none of {', '.join(JurisdictionLevel.__members__)}"
        )
    category = cell("category") or None
    if category is not None and category not in UnitCategory.__members__:
        raise InputError(f"{path}: line {line}: category {category!r} is no UnitCategory")
    aliases = tuple(a.strip() for a in cell("aliases").split("|") if a.strip())
    return Entry(
        record,
        name,
        level,
        UnitCategory(category) if category else None,
        cell("canonical") or None,
        aliases,
        cell("parent") or None,
    )


def text_to_gazetteer(text: str, path: str) -> Gazetteer:
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), start=1) if not line.lstrip().startswith("#")
    ]
    if not lines:
        raise InputError(f"{path}: the gazetteer is empty")
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"{path}: the gazetteer's header lacks {', '.join(missing)} (columns: {','.join(COLUMNS)})"
        )
    entries = [_entry(row, lines[i + 1][0], path) for i, row in enumerate(reader)]
    own = [e for e in entries if e.record == "jurisdiction"]
    if len(own) != 1:
        raise InputError(f"{path}: a gazetteer has exactly one jurisdiction row, this one has {len(own)}")
    units: dict[str, Entry] = {}
    for e in entries:
        if e.record == "unit":
            for written in (e.name, *e.aliases):
                units[fold(written)] = e
    return Gazetteer(
        path=path,
        jurisdiction=own[0],
        divisions={e.name: e for e in entries if e.record in ("division", "jurisdiction")},
        townships=tuple(e for e in entries if e.record == "township"),
        units=units,
    )


@lru_cache(maxsize=16)
def load(path: str) -> Gazetteer:
    """Read a gazetteer file (cached by path: a batch run reads it once)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the gazetteer: {exc}") from exc
    return text_to_gazetteer(text, path)
