"""Conventions: document-wide rules a notice states once, recorded and applied to every task.

Takes the whole text and the tasks built by `roles`; records each rule in `notice.conventions`
(code, the notice's own words, where) and applies it. Patterns are in data/conventions.json.

- ``lead-by-position`` (``列第一位为牵头或汇总单位，下同``, ``首位单位为牵头单位``): in every task that
  names no lead itself, the first unit listed becomes the lead and the rest stay responsible.
  The rule holds for the whole notice, also for the tasks before the sentence that states it
  (a notice states it at its first list with more than one unit).
- ``role-mark`` (``标注“*”的为牵头单位``, ``带▲的为配合单位``): the role each sign written at a unit's
  name gives it (`sign_roles`, read by `roles` when it builds the tasks).
- ``not-assigned-note`` (``不再做分工，下同``, ``不再单独列出``) and ``collective-name`` (``以下统称…``):
  remarks, never units; `units` already drops them, they are recorded so a reader sees why.
"""

from __future__ import annotations

from functools import cache

import regex

from pipeline import vocab
from pipeline.assign.labels import mark_role
from pipeline.document import Table
from pipeline.normalize import CLOSING, OPENING, NormalBlock, Para, fold
from schemas.notice import Convention, Location, Task

LEAD_BY_POSITION = "lead-by-position"
ROLE_MARK = "role-mark"
CODES = (LEAD_BY_POSITION, "not-assigned-note", "collective-name", ROLE_MARK)
OPEN, CLOSE = OPENING, CLOSING


@cache
def patterns() -> dict[str, regex.Pattern[str]]:
    data = vocab.load("conventions.json")
    return {code: regex.compile("|".join(f"(?:{p})" for p in data[code])) for code in CODES}


@cache
def all_lead_notes() -> tuple[str, ...]:
    return tuple(vocab.load("conventions.json")["all_lead_notes"])


def enclosing(key: str, start: int, end: int) -> tuple[int, int]:
    """The innermost bracket group around key[start:end], else the sentence holding it."""
    depth = 0
    for i in range(start - 1, -1, -1):
        if key[i] in CLOSE:
            depth += 1
        elif key[i] in OPEN:
            if depth == 0:
                close_depth = 0
                for j in range(end, len(key)):
                    if key[j] in OPEN:
                        close_depth += 1
                    elif key[j] in CLOSE:
                        if close_depth == 0:
                            return i + 1, j
                        close_depth -= 1
                break
            depth -= 1
    lo = max(key.rfind("。", 0, start), key.rfind(":", 0, start)) + 1
    hi = key.find("。", end)
    return lo, (hi if hi >= 0 else len(key))


def _texts(blocks: list[NormalBlock]) -> list[tuple[str, str, Location]]:
    out: list[tuple[str, str, Location]] = []
    for block in blocks:
        if isinstance(block, Para):
            out.append((block.text, block.key, block.loc))
        elif isinstance(block, Table):
            out.extend((c.text, fold(c.text), c.loc) for row in block.rows for c in row)
    return out


def blocks_to_conventions(blocks: list[NormalBlock]) -> list[Convention]:
    """Each rule once, at its first statement; a role-mark statement wherever one stands."""
    found: list[Convention] = []
    for code, pattern in patterns().items():
        for text, key, loc in _texts(blocks):
            m = pattern.search(key)
            if m:
                lo, hi = enclosing(key, m.start(), m.end())
                found.append(Convention(code=code, raw=text[lo:hi].strip(), location=loc))
                if code != ROLE_MARK:  # signs may be explained in several places (header, 注：)
                    break
    return found


def sign_roles(found: list[Convention]) -> dict[str, str]:
    """The role each mark sign stands for, from the statement that explains the signs."""
    out: dict[str, str] = {}
    for c in found:
        if c.code == ROLE_MARK:
            for m in patterns()[ROLE_MARK].finditer(fold(c.raw)):
                role = mark_role(m["role"])
                if role is not None:
                    out.setdefault(m["sign"], role)
    return out


def apply_lead_by_position(tasks: list[Task]) -> None:
    for task in tasks:
        if not task.lead_units and task.responsible_units:
            task.lead_units = task.responsible_units[:1]
            task.responsible_units = task.responsible_units[1:]


def apply_conventions(found: list[Convention], tasks: list[Task]) -> list[Task]:
    """The tasks with the document-wide rules in `found` applied (only lead-by-position changes them)."""
    if any(c.code == LEAD_BY_POSITION for c in found):
        apply_lead_by_position(tasks)
    return tasks
