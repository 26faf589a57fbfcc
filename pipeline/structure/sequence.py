"""Sequence: find numbered items that do not stand at a line start, by the numbering they continue.

A body glued together by a document-sharing site or an excerpt saved on one line puts its items
anywhere: ``…现提出以下意见。1.对来…责任单位：市委组织部。2.对实际投资…``, or a heading run into
its first item, ``一、稳定粮食生产1.全县粮食播种面积…``. A marker inside a line is an item only
when it continues its style's numbering (the next number of a style already open, or 1 for a
style that opens under a new parent), and it stands where an item can start: after a sentence
end, a closing bracket or a space, or right after a short heading title (no sentence end in it).
A number inside a sentence is never one: ``产量达到3.5亿斤``, ``完成投资2. 5亿元`` (the text after
a marker starts with a character, not a digit), ``第1、2季度`` (inside a sentence, no boundary).

A line needs two items (its leading one included). A short line (under DEFAULT_MIN_LENGTH) is split only
when its pieces carry assignments of their own (``①…。责任单位：X；②…。责任单位：Y``), so points
inside one task (``1.…：（1）…；（2）…。牵头单位：…``) are left as they are, or when an inner item
continues a style that appeared before the line's own (``1.…（牵头单位：X）二、推进…``: a PDF joined
a task's full last line and the next heading), which no point inside a task does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache

import regex

from pipeline import vocab
from pipeline.assign.labels import label_spans
from pipeline.normalize import CLOSING, Para, group_start
from pipeline.structure.outline import match_marker

DEFAULT_MIN_LENGTH = 120  # a shorter line is never searched for inner items
DEFAULT_MIN_ITEMS = 2  # items a line must hold (its leading one included) before it is split
DEFAULT_MAX_HEADING = 40  # characters of a heading title an item may follow directly
BOUNDARY = frozenset("。;!?.:") | CLOSING | {" "}  # folded: ；！？： are ;!?:
SENTENCE_END = regex.compile(r"[。;!?]")
# a marker after a clause end: a short line is searched only when it has two of them
SHORT_HINT = regex.compile(
    r"[。;)\]](?:[\u2460-\u2473]|\(?\d{1,4}[.、)]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|篇))"
)
PROSE_BRACKET = regex.compile(r"(?:负责|牵头|配合|协办|参与|主办)\s*[)\]]")  # (省民政厅负责)
TEXT_START = regex.compile(r"[\p{Han}\"'<(\[“‘《（【]")


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    kind: str
    pattern: regex.Pattern[str]  # unanchored: found anywhere in a line


@cache
def styles() -> tuple[Style, ...]:
    """The numbered marker styles (bullets and decimals carry no number to continue)."""
    out = []
    for s in vocab.marker_styles():
        if s.kind in vocab.UNNUMBERED_KINDS:
            continue
        out.append(Style(s.name, s.kind, regex.compile(s.pattern.pattern.removeprefix("^"))))
    return tuple(out)


@dataclass(slots=True)
class Numbering:
    """The last number seen of each style, in document order, the style seen last, and the
    order in which styles first appeared (an outline's levels, outermost first)."""

    last: dict[str, int] = field(default_factory=dict)
    previous: str | None = None
    order: dict[str, int] = field(default_factory=dict)

    def see(self, style: str, number: int) -> None:
        self.last[style] = number
        self.previous = style
        self.order.setdefault(style, len(self.order))

    def above(self, style: str, other: str) -> bool:
        """Did `style` appear before `other` (a level above it)?"""
        return style in self.order and self.order[style] < self.order.get(other, len(self.order))

    def continues(self, style: str, number: int) -> bool:
        if number == self.last.get(style, 0) + 1:
            return True
        return number == 1 and self.previous not in (None, style)  # a list opens under a new parent


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int  # where the item's text starts
    style: str
    number: int


def candidates(key: str) -> list[Candidate]:
    """Every marker-shaped match in the line whose text starts like text, in order."""
    found: dict[int, Candidate] = {}
    for style in styles():
        for m in style.pattern.finditer(key):
            if m.start() == 0 or m.end() >= len(key):
                continue
            if not (TEXT_START.match(key, m.end()) or (style.kind == "cn" and key[m.end()].isdigit())):
                continue  # 2. 5亿元 is a figure; 一、2021年主要目标 is a heading
            before = key[m.start() - 1]
            if before.isascii() and before.isalnum():
                continue  # 2.5, GDP1.2: part of a figure or a name
            number = vocab.marker_number(style.kind, m.group(1))
            if number is not None and m.start() not in found:
                found[m.start()] = Candidate(m.start(), m.end(), style.name, number)
    return [found[k] for k in sorted(found)]


def _can_start(key: str, at: int, segment_start: int) -> bool:
    """After a boundary, or right after a short heading title (一、稳定粮食生产1.…)."""
    if key[at - 1] in BOUNDARY:
        return True
    title = key[segment_start:at]
    return len(title) <= DEFAULT_MAX_HEADING and not SENTENCE_END.search(title)


def split_points(key: str, numbering: Numbering) -> list[int]:
    """Where the line's inner items start; [] unless it holds DEFAULT_MIN_ITEMS items in all.
    `numbering` is advanced by the items at the line's start and inside it."""
    first = _leading(key)
    short = len(key) < DEFAULT_MIN_LENGTH
    hints = len(SHORT_HINT.findall(key))
    if short and hints + (first is not None) < DEFAULT_MIN_ITEMS and not (first is None and hints):
        if first is not None:
            numbering.see(first.style, first.number)
        return []
    points: list[int] = []
    trial = Numbering(dict(numbering.last), numbering.previous, dict(numbering.order))
    segment_start = 0
    if first is not None:
        trial.see(first.style, first.number)
        segment_start = first.end
    # an inner item of a level above the line's own (or, on a line with no marker, above the item
    # it belongs to: 责任单位：县水利局（二）城市更新): a heading a PDF joined to a full line
    heads = False
    own = first.style if first is not None else numbering.previous
    for c in candidates(key):
        if c.start <= segment_start or not trial.continues(c.style, c.number):
            continue
        if _can_start(key, c.start, segment_start):
            heads = heads or bool(
                own
                and c.number > 1
                # a label line of that item may close with the next item of its style
                # (责任单位：X。（二）…)
                and (
                    numbering.above(c.style, own)
                    or (c.style == own and first is None and _opens_with_label(key))
                )
                and _closes_item(key, c.start, c.end)
            )
            points.append(c.start)
            trial.see(c.style, c.number)
            segment_start = c.end
    items = len(points) + (first is not None) + heads  # the line's own leading item counts
    if items < DEFAULT_MIN_ITEMS or (short and not (_pieces_assigned(key, points) or heads)):
        if first is not None:
            numbering.see(first.style, first.number)
        return []
    numbering.last, numbering.previous, numbering.order = trial.last, trial.previous, trial.order
    return points


def _closes_item(key: str, start: int, end: int) -> bool:
    """Does the text before `start` close an item (a sentence end, or a bracket of labels: …（牵头
    单位：X）) and the marker open a title (not 二、三季度, a list of numerals)? A bracket inside a
    sentence ((试行)第二部分) closes nothing."""
    if key[end : end + 1] in vocab.CN_COUNTING:
        return False
    before = key[:start].rstrip()
    if before.endswith(("。", ";")):
        return True
    opening = group_start(before, len(before))
    inner = before[opening + 1 : -1] if opening is not None else ""
    return any(s.kind in vocab.ROLE_KEYS for s in label_spans(inner, inner))


def _opens_with_label(key: str) -> bool:
    return any(s.start == 0 and s.kind in vocab.ROLE_KEYS for s in label_spans(key, key))


def _pieces_assigned(key: str, points: list[int]) -> bool:
    """A short line is split only when its pieces carry assignments of their own (①…责任单位：X；
    ②…责任单位：Y, or a prose bracket: （五）…（省民政厅负责）；（六）…): points inside one task
    (1.…：（1）…；（2）…。) stay its text."""
    bounds = [0, *points, len(key)]
    assigned = 0
    for a, b in itertools.pairwise(bounds):
        piece = key[a:b]
        spans = label_spans(piece, piece)
        assigned += any(s.kind in vocab.ROLE_KEYS for s in spans) or bool(PROSE_BRACKET.search(piece))
    return assigned >= DEFAULT_MIN_ITEMS


def _leading(key: str) -> Candidate | None:
    found = match_marker(key)  # cached: the paragraphs and outline stages ask the same
    if found is None or found[1] is None or found[0].kind in vocab.UNNUMBERED_KINDS:
        return None
    return Candidate(0, found[2], found[0].name, found[1])


def split_sequence(para: Para, numbering: Numbering) -> list[Para]:
    """The paragraph cut before each inner item; pieces keep their text exactly as written."""
    points = split_points(para.key, numbering)
    if not points:
        return [para]
    bounds = [0, *points, len(para.text)]
    out = []
    for a, b in itertools.pairwise(bounds):
        text = para.text[a:b]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if text:
            out.append(Para(text, para.key[a + lead : a + lead + len(text)], para.loc))
    return out
