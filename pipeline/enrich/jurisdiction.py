"""Jurisdiction: the administrative division a notice governs, read from its own text.

Takes the `Notice` (issuer, 发文字号, addressees, basis, title), the tasks' units and an optional
gazetteer; returns a `Jurisdiction` with every piece of evidence. Rules (data/divisions.json):

- the issuer's name starts with the division: 栾川县人民政府 -> 栾川县, a county (its suffix 县);
  鞍山市立山区人民政府 -> 立山区 under 鞍山市; 国务院办公厅 -> the nation;
- a bare level issuer (区人民政府办公室), the addressees (县人民政府各部门) and the units' prefixes
  (县发改委) give the level when no name does;
- the 发文字号's prefix less its organ code is the place's short form: 栾政 -> 栾, which agrees
  with 栾川县; a province's statutory short form (粤府) names the province;
- a basis document issued a tier higher gives the parent: 《洛阳市人民政府关于…》（洛政〔2021〕2号）
  -> 洛阳市, a city; a 市 whose parent is a city is a county-level city (level county);
- a gazetteer whose jurisdiction row names the same division adds its parent chain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from pipeline import vocab
from pipeline.assign.unit_vocab import level_prefix
from pipeline.enrich.gazetteer import Gazetteer
from pipeline.normalize import fold
from schemas.notice import Jurisdiction, JurisdictionEvidence, JurisdictionLevel, Notice, Task

HAN = regex.compile(r"\p{Han}")
TIER = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3, "town": 4}
MAX_NAME = 10  # characters of one division name, suffix included
MAX_BYLINE_PARAGRAPHS = 30
DEFAULT_CACHE = 1024
FORBIDDEN_IN_NAME = regex.compile(
    r"政府|关于|人民|办公|委员|印发|转发|通知|工作|报告|^(?:全|各|本|我|该|其|外)"
)


@dataclass(frozen=True)
class Rules:
    suffixes: tuple[tuple[str, str], ...]
    municipalities: frozenset[str]
    not_divisions: tuple[str, ...]
    organ_suffixes: tuple[str, ...]
    national_organs: tuple[str, ...]
    level_words: dict[str, str]
    addressee_level: regex.Pattern[str]
    doc_prefix: regex.Pattern[str]
    organ_codes: tuple[str, ...]
    province_short: dict[str, str]
    byline: regex.Pattern[str]
    title_level: regex.Pattern[str]


@cache
def rules() -> Rules:
    d: dict[str, Any] = vocab.load("divisions.json")
    return Rules(
        suffixes=tuple((s, lv) for s, lv in sorted(d["level_suffixes"], key=lambda x: -len(x[0]))),
        municipalities=frozenset(d["municipalities"]),
        not_divisions=tuple(sorted(d["not_divisions"], key=len, reverse=True)),
        organ_suffixes=tuple(sorted(d["organ_suffixes"], key=len, reverse=True)),
        national_organs=tuple(d["national_organs"]),
        level_words=dict(d["level_words"]),
        addressee_level=regex.compile(d["addressee_level"]),
        doc_prefix=regex.compile(d["doc_number_prefix"]),
        organ_codes=tuple(sorted(d["organ_codes"], key=len, reverse=True)),
        province_short=dict(d["province_short_forms"]),
        byline=regex.compile(d["byline"]),
        title_level=regex.compile(d["title_level"]),
    )


@lru_cache(maxsize=DEFAULT_CACHE)
def level_of(name: str) -> str | None:
    """The tier a division's name shows by its suffix; None for a zone (高新区) or no division."""
    r = rules()
    key = fold(name)
    if key in r.municipalities:
        return "province"
    if key.endswith(r.not_divisions):
        return None
    return next((lv for suffix, lv in r.suffixes if key.endswith(suffix) and len(key) > len(suffix)), None)


def _terminal(key: str, pos: int) -> bool:
    rest = key[pos:]
    return not rest or not HAN.match(rest) or rest.startswith(("委", *rules().organ_suffixes))


def _chain(key: str, pos: int, strict: bool = True, depth: int = 0) -> list[tuple[int, int]] | None:
    """Division names from `pos` to an organ word (or the end), shortest first with backtracking:
    鞍山市立山区人民政府 -> 鞍山市, 立山区; 金乡县人民政府 -> 金乡县 (not 金乡 + 县…). Not `strict`:
    the chain may end before any other word (四川省 + 发展和改革委员会), but not before a level word."""
    if _terminal(key, pos):
        return []
    if depth >= 4:
        return None
    for end in range(pos + 2, min(len(key), pos + MAX_NAME) + 1):
        name = key[pos:end]
        if FORBIDDEN_IN_NAME.search(name) or level_of(name) is None:
            continue
        rest = _chain(key, end, strict, depth + 1)
        if rest is None and not strict and key[end : end + 1] not in rules().level_words:
            rest = []
        if rest is not None:
            return [(pos, end), *rest]
    return None


@lru_cache(maxsize=DEFAULT_CACHE)
def places_in(text: str) -> tuple[str, ...]:
    """The chain of division names a name starts with (中共 dropped): 鞍山市立山区人民政府 ->
    [鞍山市, 立山区]; [] when it starts with none."""
    key = fold(text).strip()
    start = 2 if key.startswith("中共") else 0
    spans = _chain(key, start) or _chain(key, start, strict=False) or []
    return tuple(text.strip()[a:b] for a, b in spans)


@lru_cache(maxsize=DEFAULT_CACHE)
def short_form(doc_number: str | None) -> str | None:
    """The place part of a 发文字号's prefix: 栾政〔2021〕2号 -> 栾, 鞍立政发〔2023〕2号 -> 鞍立."""
    if not doc_number:
        return None
    m = rules().doc_prefix.match(fold(doc_number).strip())
    if m is None:
        return None
    prefix = str(m["prefix"])
    for code in rules().organ_codes:
        if prefix.endswith(code) and len(prefix) > len(code):
            return prefix[: -len(code)]
    return None


def _agrees(short: str, chain: list[str] | tuple[str, ...]) -> bool:
    """栾 agrees with [栾川县]; 鞍立 with [鞍山市, 立山区] (one character per tier, from the last)."""
    tail = chain[-len(short) :] if len(short) <= len(chain) else []
    return bool(tail) and all(fold(name)[0] == ch for name, ch in zip(tail, short, strict=True))


def _evidence(source: str, raw: str, rule: str) -> JurisdictionEvidence:
    return JurisdictionEvidence(source=source, raw=raw, rule=rule)


def _unit_level(tasks: list[Task]) -> tuple[str, str, int] | None:
    """The most frequent level prefix of the units (县 in 县发改委): (prefix, level, count)."""
    words = rules().level_words
    names = Counter(
        u.name
        for t in tasks
        for units in (t.lead_units, t.responsible_units, t.supporting_units)
        for u in units
    )
    counted: Counter[str] = Counter()
    for name, n in names.items():
        prefix = level_prefix(name)
        if prefix and fold(prefix) in words:
            counted[fold(prefix)] += n
    if not counted:
        return None
    prefix, n = counted.most_common(1)[0]
    return prefix, words[prefix], n


def _parent_from_basis(notice: Notice, level: str | None, own: str | None) -> Jurisdiction | None:
    """The nearest higher division among the basis documents' issuers (洛阳市 for a county); for a
    市, another 市 too (苏州市 above 常熟市: then a county-level city)."""
    best: tuple[int, Jurisdiction] | None = None
    for doc in notice.basis:
        chain = places_in(doc.title or "")
        if not chain:
            continue
        name, parent_level = chain[-1], level_of(chain[-1])
        city_above_city = level == parent_level == "city" and own is not None and name != own
        if parent_level is None or (
            level is not None and TIER[parent_level] >= TIER[level] and not city_above_city
        ):
            continue
        evidence = [_evidence("basis", doc.title or "", f"the basis document is issued by {name}")]
        short = short_form(doc.doc_number)
        if short and doc.doc_number and _agrees(short, chain):
            evidence.append(_evidence("basis", doc.doc_number, f"its prefix's short form {short} agrees"))
        gap = max(1, TIER[level] - TIER[parent_level]) if level else TIER[parent_level]
        found = Jurisdiction(name=name, level=JurisdictionLevel(parent_level), inferred_from=evidence)
        if best is None or gap < best[0]:
            best = (gap, found)
    return best[1] if best else None


def _from_issuer(notice: Notice) -> tuple[list[str], list[JurisdictionEvidence], str | None]:
    """(chain of names, evidence, level) the issuer gives; the level alone for 区人民政府办公室."""
    issuer = notice.issuer or ""
    key = fold(issuer).strip()
    if key.startswith(rules().national_organs):
        return [], [_evidence("issuer", issuer, "a central organ issued it: the nation")], "national"
    chain = list(places_in(issuer))
    if chain:
        level = level_of(chain[-1])
        rule = f"the issuer's name begins with the division {chain[-1]} ({level}, by its suffix)"
        return chain, [_evidence("issuer", issuer, rule)], level
    bare = rules().addressee_level.match(key)
    if bare:
        level = rules().level_words[bare["level"]]
        return [], [_evidence("issuer", issuer, f"the issuer is a {level}'s organ without a name")], level
    return [], [], None


def _from_byline(preamble: Sequence[str]) -> tuple[list[str], list[JurisdictionEvidence], str | None]:
    """发布机构: 下陆区政府办公室 in a web copy's metadata, when the issuer names no place."""
    for text in preamble[:MAX_BYLINE_PARAGRAPHS]:
        m = rules().byline.search(fold(text))
        chain = list(places_in(text[m.start("org") : m.end("org")])) if m else []
        if m and chain:
            rule = f"the page's metadata names the issuing organ of {chain[-1]}"
            return chain, [_evidence("byline", text[m.start() : m.end()], rule)], level_of(chain[-1])
    return [], [], None


def _short_form_evidence(
    notice: Notice, chain: list[str], level: str | None
) -> tuple[list[str], list[JurisdictionEvidence], str | None]:
    short = short_form(notice.doc_number)
    if not short or not notice.doc_number:
        return chain, [], level
    if chain and _agrees(short, chain):
        rule = f"the prefix's short form {short} begins {'、'.join(chain[-len(short) :])}"
        return chain, [_evidence("doc-number", notice.doc_number, rule)], level
    if not chain and short == "国" and level in (None, "national"):
        return chain, [_evidence("doc-number", notice.doc_number, "国: a central organ's number")], "national"
    province = rules().province_short.get(short)
    if not chain and province and level == "province":
        rule = f"{short} is the statutory short form of {province}"
        return [province], [_evidence("doc-number", notice.doc_number, rule)], level
    return chain, [], level


def notice_to_jurisdiction(
    notice: Notice, tasks: list[Task], gazetteer: Gazetteer | None = None, preamble: Sequence[str] = ()
) -> Jurisdiction | None:
    """The notice's jurisdiction with its evidence, or None when its text shows neither name nor
    level. `preamble`: the paragraphs before the first task, for a web copy's metadata."""
    chain, evidence, level = _from_issuer(notice)
    if not chain:
        by_chain, by_evidence, by_level = _from_byline(preamble)
        if by_chain and (level is None or by_level == level):
            chain, level = by_chain, by_level
            evidence += by_evidence
    chain, more, level = _short_form_evidence(notice, chain, level)
    evidence += more
    for addressee in notice.addressees:
        m = rules().addressee_level.match(fold(addressee))
        if m and (level is None or rules().level_words[m["level"]] == level):
            level = level or rules().level_words[m["level"]]
            evidence.append(_evidence("addressees", addressee, f"addressed to the {level}'s own bodies"))
            break
    units = _unit_level(tasks)
    if units and (level is None or units[1] == level):
        level = level or units[1]
        evidence.append(_evidence("units", units[0], f"{units[2]} units carry the level prefix {units[0]}"))
    title_level = rules().title_level.search(fold(notice.title or ""))
    if level is None and title_level and notice.title:
        level = rules().level_words[title_level["level"]]
        evidence.append(_evidence("title", notice.title, f"the title speaks of the {level}'s government"))
    if not evidence or (level is None and not chain):
        return None
    name = chain[-1] if chain else None
    if name and notice.title and name in notice.title:
        evidence.append(_evidence("title", notice.title, f"the title names {name}"))
    parent = None
    if len(chain) > 1:
        above = chain[-2]
        rule = f"the issuer's name puts {chain[-1]} under {above}"
        parent_level = level_of(above)
        parent = Jurisdiction(
            name=above,
            level=JurisdictionLevel(parent_level) if parent_level else None,
            inferred_from=[_evidence("issuer", notice.issuer or "", rule)],
        )
    elif level != "national":
        parent = _parent_from_basis(notice, level, name)
    found = Jurisdiction(
        name=name,
        level=JurisdictionLevel(level) if level else None,
        parent=parent,
        inferred_from=evidence,
    )
    found = _county_level_city(found)
    return gazetteer.extend(found) if gazetteer is not None else found


def _county_level_city(j: Jurisdiction) -> Jurisdiction:
    """常熟市 under 苏州市: a 市 whose parent is a city is a county-level city (level county)."""
    city = j.name and fold(j.name).endswith("市") and j.level is JurisdictionLevel.city
    if city and j.name and j.parent is not None and j.parent.level is JurisdictionLevel.city:
        rule = f"a 市 under the city {j.parent.name} is a county-level city"
        evidence = [*j.inferred_from, _evidence("issuer", j.name, rule)]
        return j.model_copy(update={"level": JurisdictionLevel.county, "inferred_from": evidence})
    return j


def place_key(j: Jurisdiction | None) -> tuple[str | None, str | None, str | None, str | None]:
    """A hashable summary (name, level, parent name, parent level) for caches."""
    if j is None:
        return None, None, None, None
    parent = j.parent
    return (
        j.name,
        j.level.value if j.level else None,
        parent.name if parent else None,
        parent.level.value if parent and parent.level else None,
    )
