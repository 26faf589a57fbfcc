"""Unit vocabulary: the words of data/units.json compiled once, and the tests on a single name
(does it end like a body, which level prefix does it carry, is it a bare department) that both
the list splitter (`units`) and the restoration of shared parts (`unit_parts`) use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from pipeline import vocab
from pipeline.normalize import fold

DEFAULT_NAME_CACHE = 8192  # the tests on one name are asked many times over a notice


@dataclass(slots=True)
class Piece:
    raw: str  # as written
    run: int  # pieces joined by 、 share a run number
    name: str = ""
    alias: str | None = None
    mark: str | None = None  # its own role mark: a role (县发改局（牵头）) or a sign (县发改局*)


@dataclass(frozen=True)
class Vocab:
    separators: frozenset[str]
    run_separators: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_starts: frozenset[str]
    not_prefixed: tuple[str, ...]
    prefixed_anyway: tuple[str, ...]
    notes: tuple[str, ...]
    counted_note: regex.Pattern[str]
    mark_symbols: frozenset[str]
    note_words: tuple[str, ...]
    conjunctions: tuple[str, ...]
    unit_end: regex.Pattern[str]
    bare_end: regex.Pattern[str]  # a suffix alone (局, 政府): no name before it
    department_end: regex.Pattern[str]
    government_end: regex.Pattern[str]
    place_end: regex.Pattern[str]
    township: regex.Pattern[str]
    collective: regex.Pattern[str]
    committee: regex.Pattern[str]
    committee_end: regex.Pattern[str]
    enterprise_end: regex.Pattern[str]
    place_named: regex.Pattern[str]
    external_starts: tuple[str, ...]
    hui_heads: tuple[str, ...]
    place_named_bodies: tuple[str, ...]
    known_bodies: frozenset[str]  # department names of data/unit_names.json, short and full
    branch_end: regex.Pattern[str]  # 分局, 分院, 支行…: a body's branch
    institution_part: regex.Pattern[str]  # 鹭港大学基建处: a part of an institution


def _ending(words: list[str]) -> regex.Pattern[str]:
    return regex.compile("(?:" + "|".join(map(regex.escape, sorted(words, key=len, reverse=True))) + ")$")


@cache
def vocabulary() -> Vocab:
    d = vocab.units()
    all_ends = (
        d["department_suffixes"] + d["enterprise_suffixes"] + d["government_suffixes"] + d["place_endings"]
    )
    return Vocab(
        separators=frozenset(fold(s) for s in d["separators"]),
        run_separators=frozenset(d["run_separators"]),
        prefixes=tuple(sorted(d["level_prefixes"], key=len, reverse=True)),
        prefix_starts=frozenset(x[0] for x in d["level_prefixes"]),
        not_prefixed=tuple(d["not_level_prefixes"]),
        prefixed_anyway=tuple(d["level_prefixed_anyway"]),
        notes=tuple(sorted(d["trailing_notes"], key=len, reverse=True)),
        counted_note=regex.compile(d["counted_note"]),
        mark_symbols=frozenset(fold(d["mark_symbols"])),
        note_words=tuple(d["bracket_note_words"]),
        conjunctions=tuple(sorted(d["conjunctions"], key=len, reverse=True)),
        unit_end=regex.compile(f"{_ending(all_ends).pattern}|{d['bank_abbreviation']}"),
        bare_end=_ending(all_ends),
        department_end=_ending(d["department_suffixes"]),
        government_end=_ending(d["government_suffixes"]),
        place_end=_ending(d["place_endings"]),
        township=regex.compile(d["township_pattern"]),
        collective=regex.compile(d["collective_pattern"]),
        committee=regex.compile(d["committee_pattern"]),
        committee_end=regex.compile("(?:" + d["committee_pattern"] + ")$"),
        enterprise_end=regex.compile(f"{_ending(d['enterprise_suffixes']).pattern}|{d['bank_abbreviation']}"),
        place_named=regex.compile(d["place_named_pattern"]),
        external_starts=tuple(d["external_starts"]),
        hui_heads=tuple(d["hui_heads"]),
        place_named_bodies=tuple(d["place_named_bodies"]),
        known_bodies=_known_bodies(),
        branch_end=_ending(d["branch_suffixes"]),
        institution_part=regex.compile(d["institution_part_pattern"]),
    )


def _known_bodies() -> frozenset[str]:
    names = vocab.load("unit_names.json")["abbreviations"]
    return frozenset(fold(n) for short, entry in names.items() for n in (short, entry["full"]))


@lru_cache(maxsize=DEFAULT_NAME_CACHE)
def looks_like_unit(text: str) -> bool:
    v = vocabulary()
    key = fold(text)
    return bool(v.unit_end.search(key) or v.collective.search(key) or v.committee_end.search(key))


@lru_cache(maxsize=DEFAULT_NAME_CACHE)
def level_prefix(name: str) -> str | None:
    v = vocabulary()
    key = fold(name)
    if key[:1] not in v.prefix_starts:
        return None
    prefix = next((x for x in v.prefixes if key.startswith(x)), None)  # longest first
    if (
        prefix is not None
        and len(name) > len(prefix) + 1
        and (
            not key.startswith(v.not_prefixed)
            or key.startswith(v.prefixed_anyway)
            or key[len(prefix) :] in v.known_bodies  # 市民政局 is 市 + 民政局, not 市民 + …
        )
        and not v.collective.search(key)
    ):
        return name[: len(prefix)]  # as written: 縣 in a traditional copy
    return None


@lru_cache(maxsize=DEFAULT_NAME_CACHE)
def is_bare_department(name: str) -> bool:
    v = vocabulary()
    key = fold(name)
    return (
        level_prefix(name) is None
        and bool(v.department_end.search(key))
        and not v.collective.search(key)
        and not v.enterprise_end.search(key)  # 澜江港务集团: a company, not a bureau of the level
        and not v.government_end.search(key)
        and not v.township.search(key)
        and not v.place_named.match(key)
        and not key.startswith(v.external_starts)
        and not _named_after_its_place(key, v.place_named_bodies)
        and not _branch_named_after_its_place(key)
        and not v.institution_part.search(key)
    )


BRANCH_OF_AN_ORGAN = regex.compile(r"[院局委会厅部]\p{Han}{2,}$")  # 中科院 + 淮海 (+ 分院)


@lru_cache(maxsize=DEFAULT_NAME_CACHE)
def _branch_named_after_its_place(key: str) -> bool:
    """凤栖公安分局, 公安泓江分局, 中科院淮海分院: a branch whose name says whose it is and where (a
    place name of two characters or more beside the sector, or after its organ), so no level prefix
    is left out of it; 生态环境分局 alone is the level's own branch and takes the prefix."""
    v = vocabulary()
    m = v.branch_end.search(key)
    if m is None:
        return False
    head = key[: m.start()]
    if BRANCH_OF_AN_ORGAN.search(head):
        return True
    stems = _sector_stems()  # 凤栖 + 公安 (+ 分局), or 公安 + 泓江 (+ 分局)
    return any((head.endswith(s) or head.startswith(s)) and len(head) >= len(s) + 2 for s in stems)


@cache
def _sector_stems() -> frozenset[str]:
    """公安, 生态环境…: the known department names without their 局/厅/委."""
    bodies = vocabulary().known_bodies
    return frozenset(body[:-1] for body in bodies if len(body) >= 3 and body[-1] in "局厅委")


def _named_after_its_place(key: str, bodies: tuple[str, ...]) -> bool:
    """枫林派出所: a place name (two characters or more) before a local body's name."""
    return any(key.endswith(b) and len(key) >= len(b) + 2 for b in bodies)
