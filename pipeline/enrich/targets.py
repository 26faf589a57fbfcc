"""Quantitative targets: each task's measurable targets, and every other number accounted for.

A target is [comparator] number [多/余] [multiplier] measure [comparator] in a clause of the task
text (grammar in data/targets.json): 全年新增信贷700亿元以上 -> (新增信贷, 700, 亿元, ≥),
燃煤总量控制在2000万吨以内 -> (燃煤总量, 2000, 万吨, ≤), 推进实施1000多个 -> (1000, 个, >),
打造100个示范村 -> (打造示范村, 100, 个, =). Numbers that are names or identifiers come first and
become not-targets with a reason: quoted names (“97193”行动计划, “1+N”), 洛平30条 (a policy
package), 5G and P3 (identifiers), years and dates, 1小时通勤圈, 3A级 (a grade), 9大体系; an amount
that qualifies what is counted (80个10亿元以上重大项目) is a threshold. Any digit no rule reads is a
not-target with reason other, so every digit of a task is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from pipeline import vocab
from pipeline.enrich.dates import deadline_spans
from pipeline.normalize import fold
from schemas.notice import Comparator, NotTarget, Target

HAN_OR_QUOTE = regex.compile(r'\p{Han}|"')
DEFAULT_CACHE = 2048
MAX_POST_NOUN = 30  # characters of the noun a count is followed by (打造100个示范村)
CONJUNCTIONS = "和及与、"
DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")
QUOTED = regex.compile(r'"[^"\n]{0,60}"|「[^」\n]{0,60}」|『[^』\n]{0,60}』')
CLASSIFIERS = frozenset("个家所座条套户项台辆张间栋处名件批场册艘架部支根块片种位篇门道棵株头只对组起宗单份")


def _alternatives(words: object) -> str:
    assert isinstance(words, list | dict)
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    quantity: regex.Pattern[str]
    before: dict[str, str]
    after: dict[str, str]
    between: dict[str, str]
    lead_ins: tuple[str, ...]
    verbs: tuple[str, ...]
    breaks: regex.Pattern[str]
    not_targets: tuple[tuple[str, regex.Pattern[str]], ...]
    quoted_reason: str
    scope: regex.Pattern[str]
    policy: regex.Pattern[str]


@cache
def grammar() -> Grammar:
    d = vocab.load("targets.json")
    multipliers, measures = _alternatives(d["multipliers"]), _alternatives(d["measures"])
    unit = f"(?:(?:{multipliers})(?:{measures})?|(?:{measures}))"
    quantity = (
        rf"(?P<pre>{_alternatives(d['comparators_before'])})?(?<![\d.,])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)"
        rf"\s*(?P<mid>{_alternatives(d['comparators_between'])})?\s*(?P<unit>{unit})"
        rf"(?P<post>{_alternatives(d['comparators_after'])})?"
    )
    return Grammar(
        quantity=regex.compile(quantity),
        before=d["comparators_before"],
        after=d["comparators_after"],
        between=d["comparators_between"],
        lead_ins=tuple(sorted(d["lead_ins"], key=len, reverse=True)),
        verbs=tuple(sorted(d["verbs"], key=len, reverse=True)),
        breaks=regex.compile(d["clause_breaks"]),
        not_targets=tuple((n["reason"], regex.compile(n["pattern"])) for n in d["not_targets"]),
        quoted_reason=d["quoted_reason"],
        scope=regex.compile(rf"\p{{Han}}{{1,{MAX_POST_NOUN}}}?(?:{_alternatives(d['scope_words'])})"),
        policy=regex.compile(d["policy_name"]),
    )


class Span(NamedTuple):
    start: int
    end: int
    reason: str


class Quantity(NamedTuple):
    match: regex.Match[str]
    comparator: str
    comparator_raw: str | None
    start: int  # at the comparator word before the number, or the number when that word is a verb's


def _free(spans: list[Span], a: int, b: int) -> bool:
    return all(b <= s.start or a >= s.end for s in spans)


def _clause_start(key: str, pos: int) -> int:
    start = pos
    while start > 0 and not grammar().breaks.match(key[start - 1]):
        start -= 1
    return start


def _named_numbers(key: str, deadlines: list[tuple[int, int]]) -> list[Span]:
    """Spans whose digits are no target, in rule order; later rules skip claimed places."""
    g = grammar()
    claimed: list[Span] = []

    def claim(a: int, b: int, reason: str) -> None:
        if DIGITS.search(key, a, b) and _free(claimed, a, b):
            claimed.append(Span(a, b, reason))

    for m in QUOTED.finditer(key):
        claim(m.start(), m.end(), g.quoted_reason)
    for a, b in deadlines:
        claim(a, b, "date")
    for reason, pattern in g.not_targets:
        for m in pattern.finditer(key):
            claim(m.start(), m.end(), reason)
    for m in g.policy.finditer(key):
        head = m["head"]
        if _clause_start(key, m.start()) == m.start() and not head.endswith(g.verbs):
            claim(m.start(), m.end(), "name")
    return claimed


def _quantity(m: regex.Match[str], key: str) -> Quantity:
    """The words after the number win over those before it (稳定在45亿斤以上 -> ≥). A word before
    it that ends a verb is no comparator: 签约80个 is a count, not about (约) 80."""
    g = grammar()
    pre = m["pre"]
    if pre and any(
        len(v) > len(pre) and key[max(0, m.end("pre") - len(v)) : m.end("pre")] == v for v in g.verbs
    ):
        pre = None
    start = m.start() if pre else m.start("num")
    for word, table in ((m["post"], g.after), (m["mid"], g.between), (pre, g.before)):
        if word:
            return Quantity(m, table[word], word, start)
    return Quantity(m, Comparator.eq.value, None, start)


def _scopes(key: str, count: regex.Match[str], next_start: int) -> bool:
    """Is this count followed by its noun and a distributive word (均, 全部) before the next
    quantity of the same clause? Then it names the set that quantity applies to."""
    if fold(count["unit"])[-1:] not in CLASSIFIERS or count["post"]:
        return False
    between = key[count.end() : next_start]
    found = grammar().scope.match(between)
    return found is not None and not grammar().breaks.search(between)


def _strip_head(indicator: str, head_spans: list[tuple[int, int]], offset: int) -> tuple[str, int]:
    """Drop lead-in words (全年, 力争) and a deadline (年底前) at the head of an indicator."""
    changed = True
    while changed and indicator:
        changed = False
        for word in grammar().lead_ins:
            if indicator.startswith(word):
                indicator, offset, changed = indicator[len(word) :], offset + len(word), True
        for a, b in head_spans:
            if a == offset and b > a:
                indicator, offset, changed = indicator[b - a :], b, True
    return indicator, offset


@lru_cache(maxsize=DEFAULT_CACHE)
def _read(text: str) -> tuple[tuple[Target, ...], tuple[NotTarget, ...]]:
    key = fold(text)
    if DIGITS.search(key) is None:  # every target and every claimed span holds a digit
        return (), ()
    g = grammar()
    deadlines = deadline_spans(text, None)
    claimed = _named_numbers(key, deadlines)
    quantities = [
        _quantity(m, key) for m in g.quantity.finditer(key) if _free(claimed, m.start("num"), m.end("num"))
    ]
    thresholds: set[int] = set()
    scopes: set[int] = set()
    for i in range(len(quantities) - 1):
        a, b = quantities[i].match, quantities[i + 1].match
        if b.start() == a.end() and fold(a["unit"])[-1:] in CLASSIFIERS and b["post"]:
            thresholds.add(i + 1)  # 80个10亿元以上重大项目: the amount qualifies what is counted
        elif b.start() == a.end() and a["post"] and b["pre"]:
            thresholds.add(i)  # 10万元以上达到80%: the share of those above the amount
        elif _scopes(key, a, quantities[i + 1].start):
            scopes.add(i)  # 4个结构性指标均实现10%以上增长: the count names the set
    targets: list[Target] = []
    not_targets = [Span(s.start, s.end, s.reason) for s in claimed]
    previous_end, previous_indicator = 0, ""
    for i, q in enumerate(quantities):
        m = q.match
        if i in thresholds or i in scopes:
            not_targets.append(Span(m.start("num"), m.end(), "threshold" if i in thresholds else "scope"))
            continue
        start = max(_clause_start(key, q.start), previous_end)
        for s in not_targets:
            if start <= s.start < q.start:
                start = max(start, s.end)
        end = m.end()
        j = end
        while j < len(key) and j - end < MAX_POST_NOUN and HAN_OR_QUOTE.match(key[j]):
            j += 1
        while j > end and key[j - 1] in CONJUNCTIONS:
            j -= 1  # 287.5公里沿黄生态廊道和86公里…: the 和 joins the next target
        post, end = text[end:j].replace("“", "").replace("”", "").strip('"'), j
        head, _ = _strip_head(text[start : q.start].strip(), deadlines, start)
        indicator = (head.lstrip(CONJUNCTIONS) + post).strip() or previous_indicator
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        targets.append(
            Target(
                raw=raw.strip(),
                start=start + lead,
                end=start + lead + len(raw.strip()),
                indicator=indicator,
                value=float(m["num"].replace(",", "")),
                value_raw=text[m.start("num") : m.end("num")],
                unit=text[m.start("unit") : m.end("unit")],
                comparator=Comparator(q.comparator),
                comparator_raw=q.comparator_raw,
            )
        )
        previous_end, previous_indicator = end, indicator
    covered = [(t.start, t.end) for t in targets] + [(s.start, s.end) for s in not_targets]
    for d in DIGITS.finditer(key):
        if all(d.end() <= a or d.start() >= b for a, b in covered):
            not_targets.append(Span(d.start(), d.end(), "other"))
    not_targets.sort()
    return tuple(targets), tuple(
        NotTarget(raw=text[s.start : s.end], start=s.start, end=s.end, reason=s.reason) for s in not_targets
    )


def text_to_targets(text: str) -> tuple[list[Target], list[NotTarget]]:
    """The targets of a task text in order, and its not-targets (frozen values, shared between
    results of the same text; the lists are new)."""
    targets, not_targets = _read(text)
    return list(targets), list(not_targets)
