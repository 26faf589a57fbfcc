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
break), the label is that end and the rest belongs to the list before it. Labels with no colon
(set apart by a gap, letter-spaced, alone on a line) are label_gaps' part; the grammar itself is in
label_grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.assign.label_gaps import gapped, glued, lone_label, starts_with_gap_label
from pipeline.assign.label_grammar import (
    ASSIGNING_KINDS,
    DEADLINE,
    DEFAULT_MAX_LABEL,
    EXTRA,
    HAN,
    KNOWN_KINDS,
    LEADERS,
    PROSE,
    Span,
    grammar,
    is_label_head,
    label_kind,
    mark_role,
    reads_as_units,
)
from pipeline.normalize import top_level
from schemas.notice import Location

__all__ = [
    "ASSIGNING_KINDS",
    "DEADLINE",
    "DEFAULT_MAX_LABEL",
    "EXTRA",
    "KNOWN_KINDS",
    "LEADERS",
    "PROSE",
    "LabelLine",
    "Span",
    "is_label_head",
    "label_kind",
    "label_spans",
    "mark_role",
    "phrase_before",
    "split_label_line",
]

# a letter-spaced label before its colon: one or two Han characters at a time, set apart by spaces
SPACED_LABEL = regex.compile(r"(?<![\p{Han}])\p{Han}{1,2}(?: +\p{Han}{1,2}){1,5}$")
# a short bracketed qualifier that ends a label before its colon: 牵头单位（部门）, 责任人（领导）
QUALIFIER = regex.compile(r"[(\[<]\s*\p{Han}{1,6}\s*[)\]>]$")
# a label set in brackets: square (【】〔〕［］ fold to []), angle (〈〉《》 fold to <>), corner 「」『』
BRACKETED_LABEL = regex.compile(
    r"\[(?P<in>[^\[\]]{2,12})\]|<(?P<in>[^<>]{2,12})>|「(?P<in>[^「」]{2,12})」|『(?P<in>[^『』]{2,12})』"
)
LABEL_OPENERS, LABEL_CLOSERS = ("[", "<", "「", "『"), ("]", ">", "」", "』")


@dataclass(slots=True)
class LabelLine:
    """`牵头单位：县发改委、县自然资源局`: a label, its kind and the text after the colon."""

    label: str
    kind: str  # lead | responsible | supporting | leaders | deadline | prose | extra
    content: str
    loc: Location


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
        if kind is not None and end - cut <= DEFAULT_MAX_LABEL and reads_as_units(key[start:cut]):
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
    if not (" " in key or "\t" in key or (not spans and starts_with_gap_label(key))):
        return spans  # no blank, and a colon's label opens the line: no gap label (the common line)
    found = [
        g for g in gapped(key, text, bool(spans)) if not any(s.start <= g.start < s.content for s in spans)
    ]
    return sorted([*spans, *found], key=lambda s: s.start) if found else spans


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
    marked = ":" in key or any(c in key for c in LABEL_CLOSERS) or starts_with_gap_label(key)
    spans = label_spans(key, text) if marked else []
    if not spans or spans[0].start != 0:
        spans = glued(key, text)  # 牵头单位县人社局: a bold label run, its list in plain type
    if not spans:
        return None
    if spans[0].kind == EXTRA and len(spans) > 1 and spans[1].start == spans[0].content:
        # 本项分工：牵头单位：区住建局；…: a caption over the task's own labels, no field of its own
        return spans_to_lines(text, spans[1:], loc)
    if spans[0].kind == EXTRA and not unknown_first:
        return None
    return spans_to_lines(text, spans, loc)
