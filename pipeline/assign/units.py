"""Units: split a unit list and normalize each name, keeping the raw piece beside it.

Rules (vocabulary in data/units.json), each with the case that needs it:

- split on 、，,；; and spaces, never inside brackets: 各乡（镇）人民政府 is one unit;
- 和/及/与 split only where both sides are units: 岳麓区和市直相关单位, not 发展和改革委员会;
- a list ends at its first 。; what follows is a remark, not units;
- closing notes are dropped: 市财政局等有关部门 -> 市财政局, …按职责分工负责, 等4个部门;
- a bracketed remark is dropped: 县发改局(首位单位为牵头单位,下同) -> 县发改局;
- a bracketed second name is an alias: 县科技工信局（金融工作局） -> 县科技工信局, alias 县金融工作局;
- a bracketed role mark makes the unit the list's lead: 市发改委（牵头）、市统计局 (`Piece.lead`);
- a level prefix written once is restored on bare department names in the same 、-run:
  县科技工信局、国资委 -> 县国资委 — unless a later unit in the run writes the prefix itself
  (省市场监管局、商务厅、省大数据中心 keeps 商务厅 as written), or names its own place
  (县应急管理局、青溪县融媒体中心 keeps 青溪县融媒体中心);
- a shared suffix written once is restored: 城关镇、栾川乡人民政府 -> 城关镇人民政府.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from pipeline import vocab
from pipeline.normalize import CLOSING, OPENING, fold, group_start
from schemas.notice import Location, Unit, UnitKind

DEFAULT_LIST_CACHE = 4096
BARE_PLACE = regex.compile(r"(?:镇|乡|街道|县|区|市|州|旗)$")
LEVEL_WORD = regex.compile(r"^(?:镇|乡|街道|县|区|市|州|旗)$")
ARTEFACT_SPACE = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


@dataclass(slots=True)
class Piece:
    raw: str  # as written
    run: int  # pieces joined by 、 share a run number
    name: str = ""
    alias: str | None = None
    lead: bool = False  # marked 县发改局（牵头） in its list


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
    lead_marks: frozenset[str]
    note_words: tuple[str, ...]
    conjunctions: tuple[str, ...]
    unit_end: regex.Pattern[str]
    department_end: regex.Pattern[str]
    government_end: regex.Pattern[str]
    place_end: regex.Pattern[str]
    township: regex.Pattern[str]
    collective: regex.Pattern[str]
    committee: regex.Pattern[str]
    committee_end: regex.Pattern[str]
    enterprise_end: regex.Pattern[str]
    place_named: regex.Pattern[str]


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
        lead_marks=frozenset(d["lead_marks"]),
        note_words=tuple(d["bracket_note_words"]),
        conjunctions=tuple(sorted(d["conjunctions"], key=len, reverse=True)),
        unit_end=_ending(all_ends),
        department_end=_ending(d["department_suffixes"]),
        government_end=_ending(d["government_suffixes"]),
        place_end=_ending(d["place_endings"]),
        township=regex.compile(d["township_pattern"]),
        collective=regex.compile(d["collective_pattern"]),
        committee=regex.compile(d["committee_pattern"]),
        committee_end=regex.compile("(?:" + d["committee_pattern"] + ")$"),
        enterprise_end=_ending(d["enterprise_suffixes"]),
        place_named=regex.compile(d["place_named_pattern"]),
    )


def strip_list_end(content: str) -> tuple[str, str]:
    """Cut a unit list at its first top-level 。: (list, remark after it)."""
    if "。" not in content:
        return content, ""
    key = fold(content)
    depth = 0
    for i, ch in enumerate(key):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return content[:i], content[i + 1 :].strip()
    return content, ""


def split_top_level(text: str) -> list[tuple[str, str]]:
    """Split on separators outside brackets: [(piece, separator before it)]."""
    v = vocabulary()
    key = fold(text)
    out: list[tuple[str, str]] = []
    depth, start, sep = 0, 0, ""
    for i, ch in enumerate(key):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in v.separators or text[i] in v.separators):
            if text[start:i].strip():
                out.append((text[start:i].strip(), sep))
                sep = text[i]
            elif not text[i].isspace():
                sep = text[i]  # a space next to a separator never replaces it
            start = i + 1
    if text[start:].strip():
        out.append((text[start:].strip(), sep))
    return out


def looks_like_unit(text: str) -> bool:
    v = vocabulary()
    key = fold(text)
    return bool(v.unit_end.search(key) or v.collective.search(key) or v.committee_end.search(key))


def ends_in_cut_name(content: str) -> bool:
    """A unit list that stops right after a level prefix (``…、市`` / ``…和市``): a web copy
    wrapped the line inside a name, which goes on at the start of the next line."""
    v = vocabulary()
    key = fold(content).rstrip()
    for prefix in v.prefixes:
        if key.endswith(prefix):
            before = key[: -len(prefix)]
            return before == "" or before[-1] in v.separators or before.endswith(v.conjunctions)
    return False


def _unit_side(text: str) -> bool:
    """One side of a 和: a unit on its own, not a bare suffix (各县党委和政府: 政府 names nothing)."""
    return looks_like_unit(text) and not vocabulary().unit_end.fullmatch(fold(text))


def split_conjunction(piece: str) -> list[str]:
    """岳麓区和市直相关单位 -> [岳麓区, 市直相关单位]; 发展和改革委员会 stays whole."""
    v = vocabulary()
    key = fold(piece)
    for word in v.conjunctions:
        idx = key.find(word)
        while idx > 0:
            left, right = piece[:idx], piece[idx + len(word) :]
            if _unit_side(left) and _unit_side(right) and not _bracket_open(left):
                return [left, *split_conjunction(right)]
            idx = key.find(word, idx + 1)
    return [piece]


def _bracket_open(text: str) -> bool:
    key = fold(text)
    return sum(key.count(c) for c in OPENING) > sum(key.count(c) for c in CLOSING)


def strip_notes(piece: str) -> str:
    """Drop closing notes (等有关部门, 按职责分工负责) and bracketed remarks (…下同)."""
    v = vocabulary()
    changed = True
    while changed and piece:
        changed = False
        key = fold(piece)
        for note in v.notes:
            if key.endswith(note) and len(piece) > len(note):
                piece, changed = piece[: -len(note)].rstrip(), True
                break
        counted = v.counted_note.search(fold(piece)) if "等" in piece else None
        if counted is not None and counted.start() > 0:
            piece, changed = piece[: counted.start()].rstrip(), True
        group = _trailing_group(piece)
        if group is not None and any(w in fold(piece[group[0] :]) for w in v.note_words):
            piece, changed = piece[: group[0]].rstrip(), True
    return piece


def _trailing_group(text: str) -> tuple[int, int] | None:
    key = fold(text)
    start = group_start(key, len(key))
    return None if start is None else (start, len(key) - 1)


def lead_mark(piece: str) -> bool:
    """县发改局（牵头）: the bracket holds only a role mark (data/units.json lead_marks)."""
    group = _trailing_group(piece)
    if group is None or group[0] == 0:
        return False
    return fold(piece[group[0] + 1 : group[1]]).strip() in vocabulary().lead_marks


def split_alias(piece: str) -> tuple[str, str | None]:
    """县科技工信局（金融工作局） -> (县科技工信局, 金融工作局); 各街办(新区) stays whole."""
    group = _trailing_group(piece)
    if group is None or group[0] == 0:
        return piece, None
    inner = piece[group[0] + 1 : group[1]].strip()
    if vocabulary().department_end.search(fold(inner)) and looks_like_unit(piece[: group[0]]):
        return piece[: group[0]].rstrip(), inner
    return piece, None


def level_prefix(name: str) -> str | None:
    v = vocabulary()
    key = fold(name)
    if key[:1] not in v.prefix_starts:
        return None
    prefix = next((x for x in v.prefixes if key.startswith(x)), None)  # longest first
    if (
        prefix is not None
        and len(name) > len(prefix) + 1
        and (not key.startswith(v.not_prefixed) or key.startswith(v.prefixed_anyway))
        and not v.collective.search(key)
    ):
        return name[: len(prefix)]  # as written: 縣 in a traditional copy
    return None


def is_bare_department(name: str) -> bool:
    v = vocabulary()
    key = fold(name)
    return (
        level_prefix(name) is None
        and bool(v.department_end.search(key))
        and not v.collective.search(key)
        and not v.government_end.search(key)
        and not v.township.search(key)
        and not v.place_named.match(key)
    )


def restore_prefixes(pieces: list[Piece]) -> None:
    """Give bare department names the level prefix of the first unit of their 、-run."""
    for run in {p.run for p in pieces}:
        members = [p for p in pieces if p.run == run]
        prefix = level_prefix(members[0].name)
        if prefix is None:
            continue
        rest = members[1:]
        if any(level_prefix(p.name) == prefix for p in rest):
            continue  # the notice writes the prefix where it means it
        for p in rest:
            if is_bare_department(p.name):
                p.name = prefix + p.name
    for p in pieces:
        if p.alias and is_bare_department(p.alias):
            prefix = level_prefix(p.name)
            if prefix:
                p.alias = prefix + p.alias


def restore_suffixes(pieces: list[Piece]) -> None:
    """Shared parts written once in a 、-run are restored on every member:

    - the suffix: 城关镇、栾川乡人民政府 -> 城关镇人民政府; 高新区、经开区管委会 -> 高新区管委会;
    - a leading 各 over bare level words: 各县、区人民政府 -> 各县人民政府, 各区人民政府 (区人民政府
      alone names no body, so it is never given without the 各 it shares)."""
    v = vocabulary()
    for i, p in enumerate(pieces):
        m = v.government_end.search(fold(p.name))
        place = fold(p.name[: m.start()]) if m is not None else ""
        if m is None or not (v.place_end.search(place) or v.township.match(fold(p.name[m.start() :]))):
            continue
        suffix = p.name[m.start() :]
        j = i - 1
        while j >= 0 and pieces[j].run == p.run and (_bare_place(pieces[j].name) or _bare_name(pieces[j])):
            pieces[j].name += suffix
            j -= 1
        first = pieces[j + 1] if j + 1 < i else None
        if first is not None and fold(first.name).startswith("各") and LEVEL_WORD.match(place):
            p.name = "各" + p.name


def _bare_name(piece: Piece) -> bool:
    """红旗 before 新桥街道办事处: a name that is no body on its own (its suffix is elided)."""
    return bool(piece.name) and not _complete_name(piece.name) and level_prefix(piece.name) is None


def _bare_place(name: str) -> bool:
    """A place name without its body's suffix: 城关镇, 高新区, 各县 (before …人民政府)."""
    v = vocabulary()
    key = fold(name).removeprefix("各")
    return bool(key) and bool(BARE_PLACE.search(key)) and not v.collective.search(key)


COLLECTIVE_START = ("各", "全", "相关", "有关", "其他", "其它")


def _complete_name(text: str) -> bool:
    """A piece that ends like a body's name (县统计局, 各乡镇); 各乡镇人民 does not."""
    v = vocabulary()
    key = fold(text).removeprefix("各")
    if key in v.prefixes:  # 市 alone: a level prefix the line break cut from its name
        return False
    if level_prefix(text) is not None and not (v.department_end.search(key) or v.government_end.search(key)):
        return bool(v.enterprise_end.search(key) or v.committee_end.search(key))  # 区住房城乡: cut
    return bool(v.unit_end.search(key) or v.committee_end.search(key) or v.collective.search(key[-4:]))


def _continues_name(text: str) -> bool:
    """A piece that can be the rest of a name: not one that starts a name (各…, 县…)."""
    return text[:1].isalpha() and not fold(text).startswith(COLLECTIVE_START) and level_prefix(text) is None


def join_artefact_spaces(text: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str, bool]]:
    """Pieces split at a space that a PDF line break left inside a name (县自然 资源局) are joined:
    a space between two Han characters separates units only when the piece before it is a unit
    on its own (县统计局 县发改局). Returns (raw as written, separator, joined)."""
    out: list[tuple[str, str, bool]] = []
    cursor = 0
    for raw, sep in pairs:
        at = text.find(raw, cursor)
        if out and sep.isspace() and not _complete_name(out[-1][0]) and _continues_name(raw):
            prev = out[-1][0]
            start = text.rfind(prev, 0, at)
            if start >= 0 and prev[-1:].isalpha() and text[start + len(prev) : at].isspace():
                out[-1] = (text[start : at + len(raw)], out[-1][1], True)
                cursor = at + len(raw)
                continue
        out.append((raw, sep, False))
        cursor = max(cursor, at + len(raw)) if at >= 0 else cursor
    return out


def classify(name: str) -> UnitKind:
    v = vocabulary()
    key = fold(name)
    if v.collective.search(key):
        return UnitKind.collective
    if v.township.search(key):
        return UnitKind.township
    if v.enterprise_end.search(key):
        return UnitKind.enterprise
    if v.department_end.search(key) or v.government_end.search(key):
        return UnitKind.department
    if v.committee.search(key):
        return UnitKind.committee
    return UnitKind.other


def content_to_pieces(content: str) -> tuple[list[Piece], str]:
    """Split a list into pieces with names normalized; also return the remark after a 。."""
    listed, remark = strip_list_end(content)
    pieces: list[Piece] = []
    run = 0
    for raw, sep, joined in join_artefact_spaces(listed, split_top_level(listed)):
        if sep and sep not in vocabulary().run_separators:
            run += 1
        for part in split_conjunction(raw):
            raw = part.strip()
            name = strip_notes(ARTEFACT_SPACE.sub("", raw) if joined else raw)
            if not name:
                continue
            marked = name != raw and lead_mark(raw)  # a mark is a bracket strip_notes dropped
            name, alias = split_alias(name)
            pieces.append(Piece(raw, run, name, alias, marked))
    restore_prefixes(pieces)
    restore_suffixes(pieces)
    return pieces, remark


class NormalizedUnit(NamedTuple):
    raw: str
    name: str
    alias: str | None
    kind: UnitKind
    lead: bool


@lru_cache(maxsize=DEFAULT_LIST_CACHE)
def normalized_list(content: str) -> tuple[NormalizedUnit, ...]:
    """The units of one list, cached: a notice repeats the same list (各乡（镇）人民政府…) often."""
    pieces, _ = content_to_pieces(content)
    return tuple(NormalizedUnit(p.raw, p.name, p.alias, classify(p.name), p.lead) for p in pieces)


def content_to_units(content: str, loc: Location | None = None) -> list[Unit]:
    return [
        Unit(raw=u.raw, name=u.name, aliases=[u.alias] if u.alias else [], kind=u.kind, source=loc)
        for u in normalized_list(content)
    ]


def lead_marked(content: str) -> list[bool]:
    """For each unit of the list: is it marked as the lead (市发改委（牵头）)?"""
    return [u.lead for u in normalized_list(content)]
