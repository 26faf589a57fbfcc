"""Labels with no colon: set apart from their lists by a gap, letter-spaced, or alone on a line.

牵头单位⇥县发改委, 牵头单位　县人社局, 牵 头 单 位    县教育局, and 牵头单位 on a line of its own with
its list below: the layout says where the label ends, the grammar (label_grammar) says it is one.
With no colon to vouch for it, a label after a task's text is read only when what follows it is
what it announces (a unit name for a unit role).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from pipeline import vocab
from pipeline.assign.label_grammar import (
    ASSIGNING_KINDS,
    DEADLINE,
    DEFAULT_MAX_LABEL,
    HAN,
    Span,
    label_kind,
    reads_as_units,
)
from pipeline.assign.unit_vocab import looks_like_unit
from pipeline.assign.units import content_to_pieces

# a label set apart from its list by a tab or spaces instead of a colon (牵头单位\t县发改委,
# 牵头单位　县发改委 folded): a whole Han run, then the gap, then the list. Without a colon a label
# is a phrase of MIN_GAP_LABEL characters at least (牵头单位, 完成时限, 责任领导), or a role word alone
# that opens its line before unit names (主办　X). A time label may also meet its date with no gap
# (完成时限2024年底: a PDF that dropped the space).
GAP_LABEL = regex.compile(
    r"(?<!\p{Han})(\p{Han}{2,40})(?P<qualifier>[(\[]\p{Han}{1,6}[)\]])?"  # 牵头单位（部门）
    r"(?:[ \t]+(?=[^ \t:\]>」』])|(?P<digit>(?=\d)))"
)
# spaced characters, one or two at a time: a letter-spaced label (and maybe the list after it)
SPACED_RUN = regex.compile(r"(?<!\p{Han})\p{Han}{1,2}(?: +\p{Han}{1,2}){1,5}")
HAN_RUN = regex.compile(r"\p{Han}+")
LIST_GAP = regex.compile(r"[ \t]+(?=[^ \t:])")


def gapped(key: str, text: str, opened: bool = False) -> list[Span]:
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
            if not (opened or out) and not announces(kind, key[m.end() :], strict=start > 0):
                continue  # 各 责任单位  主要负责人为…: a web copy's stray spaces in a sentence
            if end - start < MIN_GAP_LABEL and not _short_label_ok(kind, key, start, m.end()):
                continue
            out.append(
                Span(start, m.end(), text[start : m.end("qualifier") if m["qualifier"] else end], kind)
            )
    if " " in key:
        taken = [(s.start, s.content) for s in out]
        spaced = [s for s in _spaced_gapped(key, text) if not any(a <= s.start < b for a, b in taken)]
        out = sorted([*out, *spaced], key=lambda s: s.start) if spaced else out
    if any(a.content >= b.start for a, b in pairwise(out)):
        return []
    return out


MIN_GAP_LABEL = 4  # characters of a label with no colon after a task's text or inside a line


def _short_label_ok(kind: str, key: str, start: int, content: int) -> bool:
    """A role word alone set apart from its list (主办　县投资促进中心) opens its line, and a list of
    unit names follows: a gap after a role word in a web copy's prose (要加强 配合 …) sets apart none."""
    return start == 0 and kind in vocab.ROLE_KEYS and announces(kind, key[content:], strict=True)


def _spaced_gapped(key: str, text: str) -> list[Span]:
    """Letter-spaced labels before a gap: 牵 头 单 位    县教育局, and a PDF's spread 牵 头 单 位 X where
    the gap to the list is one space too. The label is the longest run of its spaced characters
    that the grammar reads; the list starts after the next space."""
    out = []
    for m in SPACED_RUN.finditer(key):
        tokens = list(HAN_RUN.finditer(key, pos=m.start(), endpos=m.end()))
        for j in range(len(tokens), 1, -1):
            end = tokens[j - 1].end()
            kind = label_kind("".join(t.group() for t in tokens[:j]))
            after = LIST_GAP.match(key, end)
            if kind in ASSIGNING_KINDS and after is not None:
                if announces(kind, key[after.end() :], strict=m.start() > 0):
                    out.append(Span(m.start(), after.end(), text[m.start() : end], kind))
                break
    return out


FIRST_ITEM = regex.compile(r"[^、,;/ \t]+")


@cache
def prose_words() -> tuple[str, ...]:
    return tuple(vocab.load("prose.json")["not_unit_words"])


def names_units(text: str) -> bool:
    """Is `text` a list of unit names and nothing else (县纪委监委等部门, 县信访局、各镇（街道）)? Each
    piece reads as a body and holds no word of a sentence (要, 加强, 推进…: prose.json)."""
    pieces, remark = content_to_pieces(text)
    words = prose_words()
    return (
        bool(pieces)
        and not remark
        and all(looks_like_unit(p.name) and not any(w in p.name for w in words) for p in pieces)
    )


def announces(kind: str, rest: str, strict: bool = True) -> bool:
    """Does the text after a label with no colon hold what the label announces? Without a colon
    that is the only sign the label is one. After a task's text (`strict`) a unit role needs a
    unit name first; at a line's start, where the layout sets the label apart, its list must only
    not be a sentence (责任单位  要按照时间节点抓好落实 closes a notice; 牵头单位  县一中 assigns)."""
    if kind not in vocab.ROLE_KEYS:
        return True
    first = FIRST_ITEM.match(rest)
    if first is None:
        return False
    if strict:
        return names_units(first.group())
    return not any(w in first.group() for w in prose_words())


def _glued_label(key: str, start: int, end: int) -> tuple[int, str | None]:
    """(where the label starts, its kind) when the run ends in an assigning label after units."""
    for cut in range(max(start + 1, end - DEFAULT_MAX_LABEL), end - 3):
        kind = label_kind(key[cut:end])
        if kind in ASSIGNING_KINDS and reads_as_units(key[start:cut]):
            return cut, kind
    return start, None


def lone_label(key: str) -> str | None:
    """The kind of a line that is only an assigning label with no colon (牵头单位, 责 任 单 位): the
    label of the list on the lines below it."""
    if len(key) > 3 * DEFAULT_MAX_LABEL:
        return None  # a line of prose: the common case, answered before anything is built
    phrase = key.strip()
    if len(phrase) > 2 * DEFAULT_MAX_LABEL or not (HAN.match(phrase[:1]) and HAN.match(phrase[-1:])):
        return None
    kind = label_kind(phrase.replace(" ", ""))
    return kind if kind in ASSIGNING_KINDS else None


def starts_with_gap_label(key: str) -> bool:
    """Does the line open with an assigning label set apart by a gap (one match, at the start)?"""
    m = GAP_LABEL.match(key)
    if m is not None and m.end(1) < MIN_GAP_LABEL:
        kind = label_kind(m.group(1))
        return kind is not None and m["digit"] is None and _short_label_ok(kind, key, 0, m.end())
    if m is None or m.end(1) - m.start(1) > DEFAULT_MAX_LABEL:
        return SPACED_RUN.match(key) is not None and any(s.start == 0 for s in _spaced_gapped(key, key))
    kind = label_kind(m.group(1))
    return kind in ASSIGNING_KINDS and (m["digit"] is None or kind == DEADLINE)


def has_gap_label(key: str) -> bool:
    """Does the line hold a label set apart by spaces or a tab anywhere (牵头单位 after a task's
    text)? Lines with no blank in them are not scanned, so the common line costs one `in` test."""
    return (" " in key or "\t" in key) and bool(gapped(key, key))


def glued(key: str, text: str) -> list[Span]:
    """牵头单位县人社局责任单位县财政局: labels told apart from their lists only by type (a bold run, a
    <strong>), which the text does not keep. The line opens with a listed label whose list reads as
    units (a date for a time label); a further listed label counts after a list item that reads as
    a unit and before what it announces. Prose that opens with a label word (责任单位要…) is none."""
    opening = vocab.labels().pattern.match(key)
    if opening is None:
        return []
    found = [opening, *vocab.labels().pattern.finditer(key, pos=opening.end())]
    kinds = [label_kind(m.group().replace(" ", "")) for m in found]
    ends = [m.start() for m in found[1:]] + [len(key)]
    out: list[Span] = []
    for m, kind, end in zip(found, kinds, ends, strict=True):
        # 牵头单位为县卫健局: a copula joins the label to its list as a colon would
        after = m.end() + (key[m.end() : m.end() + 1] in COPULA)
        if kind not in ASSIGNING_KINDS or not _announces_glued(kind, key[after:end]):
            continue
        if out:
            items = ITEM_SEPARATORS.split(key[out[-1].content : m.start()].rstrip("、,;/ "))
            if not names_units(items[-1]):
                continue
        out.append(Span(m.start(), after, text[m.start() : m.end()], kind))
    return out if out and out[0].start == 0 else []


ITEM_SEPARATORS = regex.compile(r"[、,;/ ]")
COPULA = ("为", "是")


def _announces_glued(kind: str, rest: str) -> bool:
    if kind == DEADLINE:
        return rest[:1].isdigit() or bool(DEADLINE_WORDS.match(rest))
    if kind not in vocab.ROLE_KEYS:
        return False  # a person's name glued to its label is not told from prose
    first = FIRST_ITEM.match(rest)
    return first is not None and names_units(first.group())


DEADLINE_WORDS = regex.compile(r"(?:年底|年内|年末|全年|上半年|下半年|长期|持续|[一二三四]季度)")
