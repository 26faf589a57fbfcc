"""Units: split a unit list and normalize each name, keeping the raw piece beside it.

Rules (vocabulary in data/units.json), each with the case that needs it:

- split on 、，,；; and spaces, never inside brackets: 各乡（镇）人民政府 is one unit;
- 和/及/与 split only where both sides are units: 岳麓区和市直相关单位, not 发展和改革委员会;
- a list ends at its first 。; what follows is a remark, not units;
- closing notes are dropped: 市财政局等有关部门 -> 市财政局, …按职责分工负责, 等4个部门;
- a bracketed remark is dropped: 县发改局(首位单位为牵头单位,下同) -> 县发改局;
- a bracketed second name is an alias: 县科技工信局（金融工作局） -> 县科技工信局, alias 县金融工作局;
- a unit's own role mark overrides the list's label: 市发改委（牵头）、市统计局 makes 市发改委 the
  lead, 省财政厅（配合） a supporting unit (the bracket read by the label grammar), 县发改局* takes
  the role the notice gives the sign (`Piece.mark`);
- a level prefix written once is restored on bare department names in the same 、-run:
  县科技工信局、国资委 -> 县国资委 — unless a later unit in the run writes the prefix itself
  (省市场监管局、商务厅、省大数据中心 keeps 商务厅 as written), or names its own place
  (县应急管理局、青溪县融媒体中心 keeps 青溪县融媒体中心);
- a shared suffix written once is restored: 城关镇、栾川乡人民政府 -> 城关镇人民政府.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from pipeline.assign import unit_parts
from pipeline.assign.label_grammar import mark_role
from pipeline.assign.unit_vocab import (
    Piece,
    looks_like_unit,
    vocabulary,
)
from pipeline.normalize import CLOSING, OPENING, fold, group_start, top_level
from schemas.notice import Location, Unit, UnitKind

DEFAULT_LIST_CACHE = 4096


def strip_list_end(content: str) -> tuple[str, str]:
    """Cut a unit list at its first top-level 。: (list, remark after it)."""
    if "。" not in content:
        return content, ""
    for i in top_level(fold(content), "。"):
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


PERSON = regex.compile(r"\p{Han}{2,4}")  # a name written after a unit: two to four Han characters


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
    return looks_like_unit(text) and not vocabulary().bare_end.fullmatch(fold(text))


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
        if key.endswith(v.notes):  # one C-level test first: most pieces end in no note
            for note in v.notes:
                if key.endswith(note):  # a piece that is only a note (…等，按职责分工负责) goes
                    piece, changed = piece[: -len(note)].rstrip(), True
                    break
        counted = v.counted_note.search(fold(piece)) if "等" in piece else None
        if counted is not None and counted.start() > 0:
            piece, changed = piece[: counted.start()].rstrip(), True
        group = _trailing_group(piece)
        if group is not None and (
            any(w in fold(piece[group[0] :]) for w in v.note_words) or _group_role(piece, group) is not None
        ):
            piece, changed = piece[: group[0]].rstrip(), True
    return piece


def _trailing_group(text: str) -> tuple[int, int] | None:
    key = fold(text)
    start = group_start(key, len(key))
    return None if start is None else (start, len(key) - 1)


def _bracket_role(piece: str) -> str | None:
    """县发改局（牵头） -> lead, 省财政厅（配合单位） -> supporting: a trailing bracket that holds only
    a role, as the label grammar reads it."""
    group = _trailing_group(piece)
    return None if group is None else _group_role(piece, group)


def _group_role(piece: str, group: tuple[int, int]) -> str | None:
    if group[0] == 0:
        return None
    return mark_role(fold(piece[group[0] + 1 : group[1]]).replace(" ", ""))


def split_sign(name: str) -> tuple[str, str | None]:
    """县发改局* -> (县发改局, *), ★县商务局 -> (县商务局, ★): a mark sign at either end of a name."""
    signs = vocabulary().mark_symbols
    key = fold(name)
    if len(key) > 1 and key[-1] in signs:
        return name[:-1].rstrip(), key[-1]
    if len(key) > 1 and key[0] in signs:
        return name[1:].lstrip(), key[0]
    return name, None


def split_alias(piece: str) -> tuple[str, str | None]:
    """县科技工信局（金融工作局） -> (县科技工信局, 金融工作局); a collective's bracket widens it and
    stays (各街办(新区), 各乡镇人民政府（街道办事处）); a person's name after a unit (县财政局(王立新),
    under 责任单位(责任人)) is no part of the unit's name."""
    group = _trailing_group(piece)
    if group is None or group[0] == 0 or vocabulary().collective.search(fold(piece[: group[0]])):
        return piece, None
    inner = piece[group[0] + 1 : group[1]].strip()
    if vocabulary().department_end.search(fold(inner)) and looks_like_unit(piece[: group[0]]):
        return piece[: group[0]].rstrip(), inner
    person = "".join(inner.split())  # 张  伟: a two-character name set to the width of three
    if PERSON.fullmatch(person) and not looks_like_unit(person) and looks_like_unit(piece[: group[0]]):
        return piece[: group[0]].rstrip(), None  # 县财政局(王立新): the unit's 责任人, kept in raw
    return piece, None


@lru_cache(maxsize=DEFAULT_LIST_CACHE)
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
    for raw, sep, joined in unit_parts.join_artefact_spaces(listed, split_top_level(listed)):
        if sep and sep not in vocabulary().run_separators:
            run += 1
        for part in (glued for side in split_conjunction(raw) for glued in unit_parts.split_glued(side)):
            raw = part.strip()
            name = strip_notes(unit_parts.ARTEFACT_SPACE.sub("", raw) if joined else raw)
            if not name:
                continue
            name, sign = split_sign(name)
            mark = sign or (_bracket_role(raw) if name != raw else None)  # a bracket strip_notes dropped
            name, alias = split_alias(name)
            pieces.append(Piece(raw, run, name, alias, mark))
    unit_parts.restore_prefixes(pieces)
    unit_parts.restore_suffixes(pieces)
    return pieces, remark


class NormalizedUnit(NamedTuple):
    raw: str
    name: str
    alias: str | None
    kind: UnitKind
    mark: str | None


@lru_cache(maxsize=DEFAULT_LIST_CACHE)
def normalized_list(content: str) -> tuple[NormalizedUnit, ...]:
    """The units of one list, cached: a notice repeats the same list (各乡（镇）人民政府…) often."""
    pieces, _ = content_to_pieces(content)
    return tuple(NormalizedUnit(p.raw, p.name, p.alias, classify(p.name), p.mark) for p in pieces)


def content_to_units(content: str, loc: Location | None = None) -> list[Unit]:
    return [
        Unit(raw=u.raw, name=u.name, aliases=[u.alias] if u.alias else [], kind=u.kind, source=loc)
        for u in normalized_list(content)
    ]


def unit_marks(content: str) -> list[str | None]:
    """For each unit of the list, its own mark: a role (市发改委（牵头）), a sign (县发改局*) or None."""
    return [u.mark for u in normalized_list(content)]
