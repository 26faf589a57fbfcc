"""Prose assignments: units named without a label, as a trailing bracket or a last sentence.

Takes a task's text and returns it without the assignment part, with the lists it carried as
`LabelLine`s (label = the verb that gave the role). Forms (rules in data/prose.json):

- a trailing bracket group: ``…左右。(省发改委负责)``, ``(省财政厅主办,省国税局、地税局协办)``,
  ``(省发改委、农委、统计局分别负责)``;
- a last sentence: ``…。县发改委牵头,县财政局配合。``, ``…。由县发改委会同县财政局等部门负责。``.

- a labelled list written as prose: ``（责任单位：县教育局牵头，县发改局、县财政局配合）`` reads
  as lead 县教育局 and supporting 县发改局, 县财政局 (only when a clause names a lead by 牵头/主办
  or a supporting unit; ``责任单位：各乡镇负责`` stays responsible).

Every clause of the part must match a rule and every unit group must read as units (each piece
ends like a unit or is a collective: 各乡镇), so ordinary prose in brackets (以下简称…) is kept as text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from pipeline import vocab
from pipeline.assign.labels import EXTRA, LabelLine, label_spans
from pipeline.assign.unit_vocab import level_prefix, looks_like_unit, vocabulary
from pipeline.assign.units import content_to_pieces
from pipeline.normalize import CLOSING, OPENING, fold, top_level
from schemas.notice import Location

CLOSERS = CLOSING
INTRODUCERS = "—―-－─━"  # dashes that open an assignment sentence (——X牵头)


@cache
def rules() -> dict[str, Any]:
    data = vocab.load("prose.json")
    return {
        "separators": "".join(data["clause_separators"]),
        "max": int(data["max_sentence_length"]),
        "clauses": [regex.compile(c["pattern"]) for c in data["clauses"]],
        "not_unit_words": tuple(data["not_unit_words"]),
        "lead_verbs": tuple(data["lead_verbs"]),
        "relabel_words": regex.compile("|".join(data["lead_verbs"] + data["supporting_verbs"])),
        "heading_clauses": [regex.compile(c["pattern"]) for c in data["heading_clauses"]],
        "deadline": regex.compile(vocab.load("labels.json")["deadline_line"]),
    }


def _units_ok(text: str) -> bool:
    pieces, remark = content_to_pieces(text)
    words = rules()["not_unit_words"]
    return (
        bool(pieces)
        and not remark
        and all(looks_like_unit(p.name) and not any(w in p.name for w in words) for p in pieces)
    )


def _clause_lists(part: str, key: str, lo: int, hi: int, loc: Location) -> list[LabelLine] | None:
    """The lists of the clause key[lo:hi] when one rule reads it and its groups read as units."""
    clause_key = key[lo:hi].strip().rstrip("。.")
    offset = lo + (len(key[lo:hi]) - len(key[lo:hi].lstrip()))
    for pattern in rules()["clauses"]:
        m = pattern.match(clause_key)
        if m is None:
            continue
        kinds = [k for k in m.groupdict() if m.group(k)]
        lists = []
        for n, kind in enumerate(kinds):
            verb_end = m.start(kinds[n + 1]) if n + 1 < len(kinds) else len(clause_key)
            verb = part[offset + m.end(kind) : offset + verb_end].strip() or kind
            lists.append(LabelLine(verb, kind, part[offset + m.start(kind) : offset + m.end(kind)], loc))
        if all(_units_ok(lst.content) for lst in lists):
            return lists
    return None


def part_to_lists(part: str, loc: Location) -> list[LabelLine] | None:
    """Read `part` as clauses of prose assignment; None unless every clause is one."""
    r = rules()
    key = fold(part)
    bounds: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(key):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in r["separators"]:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(key)))
    out: list[LabelLine] = []
    pending: int | None = None  # start of a clause that reads as units only, waiting for its verb
    for lo, hi in bounds:
        lo = lo if pending is None else pending
        if not key[lo:hi].strip().rstrip("。."):
            continue
        lists = _clause_lists(part, key, lo, hi, loc)
        if lists is not None:
            out.extend(lists)
            pending = None
        elif _units_ok(part[lo:hi]):
            pending = lo  # 省卫生健康委、省财政厅，各市人民政府配合: a list whose units a ， separates
        elif out and pending is None and r["deadline"].match(key[lo:hi].strip().replace(" ", "")):
            # 由区城管局牵头，区住建局配合，2024年底前完成: the time limit closes the assignment
            out.append(LabelLine("", "deadline", part[lo:hi].strip().rstrip("。."), loc))
        else:
            return None
    if pending is not None:
        return None
    return out or None


def relabel(lists: list[LabelLine]) -> list[LabelLine]:
    """Labelled unit lists whose content is prose assignment, replaced by the roles it names."""
    out: list[LabelLine] = []
    words = rules()["relabel_words"]
    for lst in lists:
        found = None
        if lst.kind == "prose":  # 部门分工：省发展改革委牵头，各地、各部门配合。
            out.extend(_prose_label(lst))
            continue
        if lst.kind in vocab.ROLE_KEYS and words.search(lst.content):
            found = part_to_lists(lst.content, lst.loc)
        if found and any(f.kind == "supporting" or _names_lead(f) for f in found):
            out.extend(found)
        else:
            out.append(lst)
    return out


def _prose_label(lst: LabelLine) -> list[LabelLine]:
    """A prose label's content: its clauses' roles; a plain unit list is responsible; else extra."""
    found = part_to_lists(lst.content.strip(), lst.loc)
    if found:
        return found
    if _units_ok(lst.content.rstrip("。. ")):
        return [LabelLine(lst.label, "responsible", lst.content.rstrip("。. "), lst.loc)]
    return [LabelLine(lst.label, "extra", lst.content, lst.loc)]


def _names_lead(lst: LabelLine) -> bool:
    return lst.kind == "lead" and any(w in fold(lst.label) for w in rules()["lead_verbs"])


def trailing_sentence(text: str) -> int | None:
    """Start of the last sentence of `text` when there is text before it."""
    key = fold(text).rstrip().rstrip("。")
    cut = key.rfind("。")
    if cut <= 0:
        return None
    return cut + 1


def prose_lists(text: str, group: tuple[int, int] | None, loc: Location) -> tuple[str, list[LabelLine]]:
    """Split a trailing prose assignment off `text` (`group`: its closing bracket group, if any);
    `text` unchanged and [] when there is none."""
    if group is not None and group[0] > 0:
        lists = part_to_lists(text[group[0] + 1 : group[1]], loc)
        if lists:
            # a 。 after the group closes the task's own sentence: ``…10所(市教育局负责)。`` keeps it
            return text[: group[0]].rstrip() + text[group[1] + 1 :].strip(), lists
    cut = trailing_sentence(text)
    if cut is not None and len(text) - cut <= rules()["max"]:
        # …增长8%。——区统计局牵头，区农业农村局参与。: a dash introduces the sentence, names nothing
        lists = part_to_lists(text[cut:].strip().lstrip(INTRODUCERS).strip(), loc)
        if lists:
            return text[:cut].rstrip(), lists
    return text, []


CAPTION = regex.compile(r"^\p{Han}{2,6}:")  # 本项分工：…, folded


def assignment_line(text: str, loc: Location) -> list[LabelLine] | None:
    """A paragraph that is only an assignment in prose, after the task it assigns: introduced by a
    dash (——县发改委负责，县财政局配合。 / —区民政局牵头。) or a caption (本项分工：由市商务局牵头，…)."""
    key = fold(text).strip()
    lead = len(key) - len(key.lstrip(INTRODUCERS))
    caption = CAPTION.match(key) if not lead else None
    if not lead and caption is None:
        return None
    if caption is not None:
        spans = label_spans(key[: caption.end()], text.strip()[: caption.end()])
        if spans and spans[0].kind != EXTRA:
            return None  # 牵头单位：… is a label line (labels.split_label_line), not a caption
    return part_to_lists(text.strip()[caption.end() if caption else lead :].strip(), loc)


def prose_line(text: str, loc: Location) -> list[LabelLine] | None:
    """A paragraph that is wholly an assignment in prose, with no dash or caption before it
    (由区教育局牵头，区市场监管局配合，2024年8月底前完成。 under a task's sub-points): every clause
    reads, and one names units in a role."""
    lists = part_to_lists(text.strip(), loc) if len(text) <= rules()["max"] else None
    return lists if lists and any(lst.kind in vocab.ROLE_KEYS for lst in lists) else None


def leading_prose(text: str, loc: Location) -> tuple[str, list[LabelLine]]:
    """A prose assignment that opens the task and ends at a colon: ``市发展改革委牵头，市统计局配合：
    全市地区生产总值增长7.5%左右`` or ``市民政局负责：提高…``; `text` unchanged and [] when there is
    none (every clause before the colon must read as units with their verbs)."""
    key = fold(text)
    colon = next(iter(top_level(key[: rules()["max"]], ":")), None)
    if colon is None or colon == 0 or colon + 1 >= len(key):
        return text, []
    lists = part_to_lists(text[:colon].strip(), loc)
    return (text[colon + 1 :].strip(), lists) if lists else (text, [])


def heading_lists(title: str, loc: Location) -> list[LabelLine]:
    """The units a heading names for the tasks under it: a heading that is a unit list
    (一、县发展和改革局) or says what a unit leads (三、区教育体育局负责事项; data/prose.json
    heading_clauses) gives them as the lead; any other heading names none."""
    key = fold(title).strip().rstrip("。.")
    for pattern in rules()["heading_clauses"]:
        m = pattern.match(key)
        if m is not None and _bodies_only(title[m.start("lead") : m.end("lead")]):
            return [LabelLine("", "lead", title[m.start("lead") : m.end("lead")], loc)]
    if _bodies_only(title.strip()):
        return [LabelLine("", "lead", title.strip(), loc)]
    lists = part_to_lists(title.strip(), loc)  # 二、由市交通运输局负责
    if lists and all(_bodies_only(lst.content) for lst in lists):
        return lists
    return []


def _bodies_only(text: str) -> bool:
    """Units that each name their level or place and end as a body's name does (县发展和改革局,
    青溪县融媒体中心). A topic only looks like one: 全面提升对外开放水平 by its 全, 打造区域金融中心
    by its 中心, and neither names a level; a collective is no heading's unit."""
    v = vocabulary()
    pieces, remark = content_to_pieces(text)
    words = rules()["not_unit_words"]

    def body(name: str) -> bool:
        key = fold(name)
        ended = v.unit_end.search(key) or v.committee_end.search(key)
        named = level_prefix(name) is not None or v.place_named.search(key)
        return bool(ended and named) and not v.collective.search(key) and not any(w in name for w in words)

    return bool(pieces) and not remark and all(body(p.name) for p in pieces)
