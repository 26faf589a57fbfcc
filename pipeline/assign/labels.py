"""Labels: find assignment labels by a grammar and split a label run into its parts.

A label is a short role phrase before a colon (``牵头单位：``) or set in brackets (``【牵头单位】``).
Rather than a closed list, the phrase is read by a small grammar (data/labels.json ``grammar``):
an optional level (省/市/县/区…, 级 optional), one or two role words (牵头/主办/配合/协办/协同/
责任/承办/分管/联系…), an optional infix (负责/责任), an optional level, and a head (单位/部门/处室/
主体 for units, 领导/负责人/人 for persons). The kind comes from the parts: 牵头负责领导 → leaders,
牵头责任单位 and 牵头负责部门 → lead, 配合责任单位 → supporting, 协同责任单位 → responsible,
县级牵头部门 → lead. Deadline labels (完成时限, 时间节点) have a grammar of their own, prose labels
(部门分工：X牵头，Y配合) are read by the prose rules, and a short phrase before a colon that no rule
reads (项目责任人, 实际完成情况, 联系电话) is an ``extra`` field: kept beside the task, never glued
into its text or read as units.

Labels are found at their colons: the phrase is the run of Han characters right before the colon.
When only the end of that run is a label (``县发改委责任单位：`` in a copy that lost its line
break), the label is that end and the rest belongs to the list before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

import regex

from pipeline import vocab
from pipeline.normalize import top_level
from schemas.notice import Location

EXTRA, PROSE, DEADLINE, LEADERS = "extra", "prose", "deadline", "leaders"
KNOWN_KINDS = frozenset({*vocab.ROLE_KEYS, LEADERS, DEADLINE, PROSE})
ASSIGNING_KINDS = frozenset({*vocab.ROLE_KEYS, LEADERS, DEADLINE})
DEFAULT_MAX_LABEL = 12  # characters of a label phrase
HAN = regex.compile(r"\p{Han}")
# a letter-spaced label before its colon: one or two Han characters at a time, set apart by spaces
SPACED_LABEL = regex.compile(r"(?<![\p{Han}])\p{Han}{1,2}(?: +\p{Han}{1,2}){1,5}$")
# a short bracketed qualifier that ends a label before its colon: 牵头单位（部门）, 责任人（领导）
QUALIFIER = regex.compile(r"[(\[<]\s*\p{Han}{1,6}\s*[)\]>]$")
# a label set in brackets: square (【】〔〕［］ fold to []), angle (〈〉《》 fold to <>), corner 「」『』
BRACKETED_LABEL = regex.compile(
    r"\[(?P<in>[^\[\]]{2,12})\]|<(?P<in>[^<>]{2,12})>|「(?P<in>[^「」]{2,12})」|『(?P<in>[^『』]{2,12})』"
)
LABEL_OPENERS, LABEL_CLOSERS = ("[", "<", "「", "『"), ("]", ">", "」", "』")
# a label set apart from its list by a tab or spaces instead of a colon (牵头单位\t县发改委,
# 牵头单位　县发改委 folded): a whole Han run, then the gap, then the list
# (a time label may also meet its date with no gap: 完成时限2024年底, a PDF that dropped the space)
# Without a colon a label is a phrase of four characters at least (牵头单位, 完成时限, 责任领导): a
# gap after a role word in a web copy's prose (要加强 配合 …) sets apart no label.
GAP_LABEL = regex.compile(r"(?<!\p{Han})(\p{Han}{4,40})(?:[ \t]+(?=[^ \t:\]>」』])|(?P<digit>(?=\d)))")


@dataclass(slots=True)
class LabelLine:
    """`牵头单位：县发改委、县自然资源局`: a label, its kind and the text after the colon."""

    label: str
    kind: str  # lead | responsible | supporting | leaders | deadline | prose | extra
    content: str
    loc: Location


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
    if m is None:
        return LEADERS if g.leaders.match(phrase) else None
    if m["head"] in g.person_heads:
        return LEADERS
    roles = _roles_in(m["roles"])
    if set(roles) == {"oversight"}:
        return EXTRA  # 督办单位: the office that supervises the task, no unit of it
    for kind in ("lead", "supporting", "responsible"):
        if kind in roles:
            return kind
    if "co" in roles:
        return "responsible" if m["infix"] == "责任" else "supporting"
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


def _reads_as_units(text: str) -> bool:
    from pipeline.assign.unit_vocab import looks_like_unit

    return looks_like_unit(text)


def phrase_before(key: str, colon: int) -> tuple[int, int, int] | None:
    """(start, end, tail) of the Han run right before a colon (spaces between it and the colon
    allowed); `tail` is past a bracketed qualifier that ends the label (牵头单位（部门）：)."""
    tail = colon
    while tail > 0 and key[tail - 1] == " ":
        tail -= 1
    qualifier = QUALIFIER.search(key, 0, tail)
    end = qualifier.start() if qualifier else tail
    start = end
    while start > 0 and HAN.match(key[start - 1]) and end - start < 40:
        start -= 1
    return (start, end, tail) if end > start else None


def _span_at_colon(key: str, text: str, colon: int, listing: bool = False) -> Span | None:
    """The label whose colon is at `colon`. `listing`: a label before it on the line is open, so
    a run glued to that label's list that ends in a label is the end of the list, then the
    label, whatever the list holds (刘建国牵头单位：, 青塘村完成时限：, 底前责任领导： in a copy
    that lost its spaces)."""
    found = phrase_before(key, colon)
    if found is None:
        return None
    start, end, tail = found
    phrase = key[start:end]
    if len(phrase) <= DEFAULT_MAX_LABEL and (kind := label_kind(phrase)) is not None:
        return Span(start, colon + 1, text[start:tail], kind)
    for cut in range(start + 1, end - 1):  # 县发改委责任单位: the label is the end of the run
        kind = label_kind(key[cut:end])
        if kind is not None and end - cut <= DEFAULT_MAX_LABEL and _reads_as_units(key[start:cut]):
            return Span(cut, colon + 1, text[cut:tail], kind)
    # a run set apart by a space is a phrase of its own (县住建局 项目责任人：): an unknown label
    ending = _label_end(key, start, end) if listing and key[start - 1 : start] != " " else None
    if ending is not None:
        return Span(ending[0], colon + 1, text[ending[0] : tail], ending[1])
    spaced = SPACED_LABEL.search(key, 0, end)  # 责 任 人：, 时    限：, 牵 头 单 位：
    if spaced is not None and (kind := label_kind(spaced.group().replace(" ", ""))) not in (None, EXTRA):
        return Span(spaced.start(), colon + 1, text[spaced.start() : tail], kind)
    if grammar().extra.match(phrase) and (start == 0 or not HAN.match(key[start - 1])):
        return Span(start, colon + 1, text[start:tail], EXTRA)
    return None


def _label_end(key: str, start: int, end: int) -> tuple[int, str] | None:
    """The longest end of a Han run that is a role, leader or deadline label, and its kind."""
    for cut in range(start + 1, end - 1):
        kind = label_kind(key[cut:end])
        if kind in ASSIGNING_KINDS and end - cut <= DEFAULT_MAX_LABEL:
            return cut, kind
    return None


def _bracketed(key: str, text: str) -> list[Span]:
    """【牵头单位】X【责任单位】Y, 〈牵头单位〉：X (folded to [..], <..>): labels set in brackets
    instead of, or before, a colon."""
    out = []
    for m in BRACKETED_LABEL.finditer(key):
        inner, phrase = m.start("in"), m.group("in")
        kind = label_kind(phrase.replace(" ", ""))
        if kind is None:
            continue
        content = m.end()
        after = content
        while after < len(key) and key[after] == " ":
            after += 1
        if after < len(key) and key[after] == ":":
            content = after + 1
        out.append(Span(m.start(), content, text[inner : inner + len(phrase)], kind))
    return out


def _gapped(key: str, text: str, opened: bool = False) -> list[Span]:
    """Assigning labels set apart from their lists by a gap (no colon). A line whose gap labels
    have nothing between them (牵头单位  责任单位  完成时限) is a header row, not label lines.

    Once a label is open on the line (`opened`, or a gap label before), a run that ends in a label
    after a list that reads as units is that list's end, then the label: a PDF line wrapped at the
    gap (县乡村振兴局 | 完成时限  11月底) joins the two with nothing between."""
    out: list[Span] = []
    for m in GAP_LABEL.finditer(key):
        start, end = m.span(1)
        kind = label_kind(key[start:end]) if end - start <= DEFAULT_MAX_LABEL else None
        if kind not in ASSIGNING_KINDS and (opened or out):
            start, kind = _glued_label(key, start, end)
        if kind in ASSIGNING_KINDS and (m["digit"] is None or kind == DEADLINE):
            out.append(Span(start, m.end(), text[start:end], kind))
    if any(a.content >= b.start for a, b in pairwise(out)):
        return []
    return out


def _glued_label(key: str, start: int, end: int) -> tuple[int, str | None]:
    """(where the label starts, its kind) when the run ends in an assigning label after units."""
    for cut in range(max(start + 1, end - DEFAULT_MAX_LABEL), end - 3):
        kind = label_kind(key[cut:end])
        if kind in ASSIGNING_KINDS and _reads_as_units(key[start:cut]):
            return cut, kind
    return start, None


def lone_label(key: str) -> str | None:
    """The kind of a line that is only an assigning label with no colon (牵头单位, 责 任 单 位): the
    label of the list on the lines below it."""
    phrase = key.strip()
    if len(phrase) > 2 * DEFAULT_MAX_LABEL or not (HAN.match(phrase[:1]) and HAN.match(phrase[-1:])):
        return None
    kind = label_kind(phrase.replace(" ", ""))
    return kind if kind in ASSIGNING_KINDS else None


def starts_with_gap_label(key: str) -> bool:
    """Does the line open with an assigning label set apart by a gap (one match, at the start)?"""
    m = GAP_LABEL.match(key)
    if m is None or m.end(1) - m.start(1) > DEFAULT_MAX_LABEL:
        return False
    kind = label_kind(m.group(1))
    return kind in ASSIGNING_KINDS and (m["digit"] is None or kind == DEADLINE)


def has_gap_label(key: str) -> bool:
    """Does the line hold a label set apart by spaces or a tab anywhere (牵头单位 after a task's
    text)? Lines with no blank in them are not scanned, so the common line costs one `in` test."""
    return (" " in key or "\t" in key) and bool(_gapped(key, key))


def label_spans(key: str, text: str) -> list[Span]:
    """Every label in a folded line, in order: at a colon outside brackets, set in brackets, or
    set apart from its list by a gap."""
    spans: list[Span] = []
    if ":" in key:
        for i in top_level(key, ":"):
            span = _span_at_colon(key, text, i, listing=bool(spans))
            if span is not None:
                if spans and span.start < spans[-1].content:
                    continue  # a colon inside the previous label's phrase
                spans.append(span)
    if any(c in key for c in LABEL_OPENERS):
        spans = sorted([*spans, *_bracketed(key, text)], key=lambda s: s.start)
        # a bracketed qualifier inside a label (责任领导【责任人】：) is part of that label
        spans = [s for i, s in enumerate(spans) if not any(p.start < s.start < p.content for p in spans[:i])]
    if not (" " in key or "\t" in key or starts_with_gap_label(key)):
        return spans
    gaps = _gapped(key, text, bool(spans))
    gapped = [g for g in gaps if not any(s.start <= g.start < s.content for s in spans)]
    return sorted([*spans, *gapped], key=lambda s: s.start) if gapped else spans


def spans_to_lines(text: str, spans: list[Span], loc: Location) -> list[LabelLine]:
    out: list[LabelLine] = []
    for i, span in enumerate(spans):
        end = spans[i + 1].start if i + 1 < len(spans) else len(text)
        content = text[span.content : end].strip().rstrip(";；,，").strip()
        out.append(LabelLine(span.label, span.kind, content, loc))
    return out


def split_label_line(
    text: str, key: str, loc: Location, unknown_first: bool = False
) -> list[LabelLine] | None:
    """A paragraph that starts with a label, split at every further label; None when it does not
    start with one. A first label that no rule reads (``项目责任人：``) counts only with
    `unknown_first` (the line follows a task's own label lines)."""
    head = key[1:] if key.startswith(LABEL_OPENERS) else key
    if not HAN.match(head[:1]):
        return None
    if (alone := lone_label(key)) is not None:  # 牵头单位 on a line of its own, its list below
        return [LabelLine(text.strip(), alone, "", loc)]
    if not (":" in key or any(c in key for c in LABEL_CLOSERS) or starts_with_gap_label(key)):
        return None
    spans = label_spans(key, text)
    if not spans or spans[0].start != 0:
        return None
    if spans[0].kind == EXTRA and len(spans) > 1 and spans[1].start == spans[0].content:
        # 本项分工：牵头单位：区住建局；…: a caption over the task's own labels, no field of its own
        return spans_to_lines(text, spans[1:], loc)
    if spans[0].kind == EXTRA and not unknown_first:
        return None
    return spans_to_lines(text, spans, loc)
