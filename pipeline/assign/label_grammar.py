"""The label grammar: what a label phrase says, read by its parts rather than looked up.

A label is an optional level (省/市/县/区…, 级 optional), one or two role words (牵头/主办/配合/协办/
协同/责任/承办/分管/联系…), an optional infix (负责/责任), an optional level, and a head (单位/部门/
处室/主体 for units, 领导/负责人/人 for persons), all in data/labels.json ``grammar``. The kind comes
from the parts: 牵头负责领导 → leaders, 牵头责任单位 and 牵头负责部门 → lead, 配合责任单位 →
supporting, 协同责任单位 → responsible, 县级牵头部门 → lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from pipeline import vocab

EXTRA, PROSE, DEADLINE, LEADERS = "extra", "prose", "deadline", "leaders"
KNOWN_KINDS = frozenset({*vocab.ROLE_KEYS, LEADERS, DEADLINE, PROSE})
ASSIGNING_KINDS = frozenset({*vocab.ROLE_KEYS, LEADERS, DEADLINE})
DEFAULT_MAX_LABEL = 12  # characters of a label phrase
HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Grammar:
    heads: frozenset[str]
    phrase: regex.Pattern[str]
    deadline: regex.Pattern[str]
    extra: regex.Pattern[str]
    role_of: dict[str, str]
    person_heads: frozenset[str]
    leaders: regex.Pattern[str]  # a level over a person head, no role word: 县级领导, 市领导


def _alternatives(words: list[str]) -> str:
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def grammar() -> Grammar:
    g = vocab.load("labels.json")["grammar"]
    role_of = {word: kind for kind, words in g["roles"].items() for word in words}
    suffix = regex.escape(g["level_suffix"])
    level = f"(?:{_alternatives(g['levels'])}{suffix}?)"
    inner = f"(?:{_alternatives(g['levels'] + g['body_levels'])}{suffix}?)"
    heads = g["heads"]
    phrase = (
        f"^{level}?(?P<roles>{_alternatives(list(role_of))}{{1,2}})(?P<infix>{_alternatives(g['infixes'])})?"
        f"{inner}?(?P<head>{_alternatives(heads['unit'] + heads['person'])})$"
    )
    return Grammar(
        frozenset(heads["unit"] + heads["person"] + ["时限", "时间", "期限"]),
        regex.compile(phrase),
        regex.compile(g["deadline"]),
        regex.compile(g["extra"]),
        role_of,
        frozenset(heads["person"]),
        regex.compile(f"^{level}{_alternatives(heads['person'])}$"),
    )


def is_label_head(word: str) -> bool:
    """单位, 处室, 领导, 时限: the last part of a label, as a header wrapped in its cell leaves it."""
    return word in grammar().heads


def _roles_in(words: str) -> list[str]:
    g = grammar()
    found, i = [], 0
    ordered = sorted(g.role_of, key=len, reverse=True)
    while i < len(words):
        word = next(w for w in ordered if words.startswith(w, i))
        found.append(g.role_of[word])
        i += len(word)
    return found


@lru_cache(maxsize=4096)
def label_kind(phrase: str) -> str | None:
    """The kind of a label phrase (spaces removed), or None when neither list nor grammar reads it."""
    exact = vocab.labels().kind_of.get(phrase)
    if exact is not None:
        return exact
    g = grammar()
    if g.deadline.match(phrase):
        return DEADLINE
    m = g.phrase.match(phrase)
    if m is None and g.role_of.get(phrase, LEADERS) != LEADERS:
        roles = [g.role_of[phrase]]  # a role word alone before its list (主办：X, 承办：Y): no head
    elif m is None:
        return LEADERS if g.leaders.match(phrase) else None
    elif m["head"] in g.person_heads:
        return LEADERS
    else:
        roles = _roles_in(m["roles"])
    if set(roles) == {"oversight"}:
        return EXTRA  # 督办单位: the office that supervises the task, no unit of it
    for kind in ("lead", "supporting", "responsible"):
        if kind in roles:
            return kind
    if "co" in roles:
        return "responsible" if m is not None and m["infix"] == "责任" else "supporting"
    return "responsible"  # a leader role word over a unit head (联系单位)


@lru_cache(maxsize=1024)
def mark_role(phrase: str) -> str | None:
    """The role a bracket after a unit gives it, when the bracket holds only a role: a label
    phrase (牵头单位, 配合部门) or a bare role word of the grammar (牵头, 配合, 协办, 参与)."""
    kind = label_kind(phrase)
    if kind in vocab.ROLE_KEYS:
        return kind
    role = grammar().role_of.get(phrase)
    if role == "co":
        return "supporting"
    return role if role in vocab.ROLE_KEYS else None


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # where the label starts (at its 【 when bracketed)
    content: int  # where its list starts
    label: str  # as written
    kind: str


def reads_as_units(text: str) -> bool:
    from pipeline.assign.unit_vocab import looks_like_unit

    return looks_like_unit(text)
