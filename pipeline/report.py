"""Report: what the command line tells a person, in English or Chinese, from one catalogue.

The messages live in data/messages.json; this module picks the language (``--lang``, else the
locale: ``LANG=zh_CN.UTF-8`` gives Chinese) and formats the three things a run prints: the summary
line of a notice, its diagnostics in the compiler form ``file:line: warning: code: message`` (so a
batch log can be grepped, identical ones grouped with a count), and the one-line error. Diagnostic
codes stay the stable English identifiers of the JSON.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

from pipeline import vocab
from schemas.notice import Diagnostic, ParseResult

LANGUAGES = ("en", "zh")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def language(choice: str | None = None) -> str:
    """`choice` when given (en, zh), else zh when the locale is Chinese, else en."""
    if choice in LANGUAGES:
        return choice
    for name in LOCALE_VARIABLES:
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


@cache
def catalogue() -> dict[str, Any]:
    return vocab.load("messages.json")


def text(section: str, key: str, lang: str, n: int | None = None, **fields: object) -> str:
    """One message of the catalogue; English entries given as [singular, plural] follow `n`."""
    entry = catalogue()[section][key][lang]
    if isinstance(entry, list):
        entry = entry[0] if n == 1 else entry[1]
    return str(entry).format(n=n, **fields)


def assignment_count(result: ParseResult) -> int:
    """Unit assignments: every unit named in every role of every task."""
    return sum(len(t.lead_units) + len(t.responsible_units) + len(t.supporting_units) for t in result.tasks)


def summary_line(path: str, result: ParseResult, lang: str) -> str:
    """``x.txt: 10 areas, 33 sub-areas, 50 tasks, 196 unit assignments, 0 diagnostics``; levels a
    notice does not have are left out (a notice without headings: ``1 task, 3 unit assignments``)."""
    levels = sorted({h.level for h in result.outline})
    counts = [
        ("areas", sum(1 for h in result.outline if h.level == levels[0]) if levels else 0),
        ("sub_areas", sum(1 for h in result.outline if h.level == levels[1]) if len(levels) > 1 else 0),
    ]
    parts = [text("summary", key, lang, n) for key, n in counts if n]
    units = assignment_count(result)
    parts += [
        text("summary", "tasks", lang, len(result.tasks)),
        text("summary", "units", lang, units),
        text("summary", "diagnostics", lang, len(result.diagnostics)),
    ]
    return printable(f"{path}: " + text("summary", "separator", lang).join(parts))


# bidirectional overrides and isolates reorder what a terminal shows ("Trojan source")
_ESCAPED = frozenset({"Cc", "Zl", "Zp", "Cs"})
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def printable(line: str) -> str:
    """`line` with every control character, line or paragraph separator and bidi control written
    as an escape (\\x07, \\u2028): a message is one line, and a terminal obeys nothing in it. A
    damaged PDF puts BEL and ESC into unit names; the JSON keeps them, stderr shows them escaped."""
    if line.isprintable():  # the common case; isprintable is stricter (U+3000 fails it)
        return line
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in _ESCAPED or ch in _BIDI
        else ch
        for ch in line
    )


def _where(d: Diagnostic) -> str:
    loc = d.location
    if loc is None:
        return ""
    if loc.line_start is not None:
        return f":{loc.line_start}"
    if loc.page is not None:
        return f":p{loc.page}"
    if loc.paragraph is not None:
        return f":¶{loc.paragraph}"
    return ""


def diagnostic_lines(path: str, diagnostics: Iterable[Diagnostic], lang: str) -> list[str]:
    """``file:line: warning: code: message``, one per diagnostic; the same code and message at
    several places is one line at the first place, with the count."""
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for d in diagnostics:
        groups.setdefault((d.severity.value, d.code, d.message), []).append(d)
    out = []
    for (severity, code, message), members in groups.items():
        shown = message
        if lang != "en" and code in catalogue()["diagnostic"]:
            shown = f"{text('diagnostic', code, lang)}（{_translated(message, 'diagnostic_detail')}）"
        count = text("summary", "grouped", lang, len(members)) if len(members) > 1 else ""
        line = f"{path}{_where(members[0])}: {text('severity', severity, lang)}: {code}: {shown}{count}"
        out.append(printable(line))
    return out


def error_line(exc: Exception, lang: str) -> str:
    """``Error: <file>: <problem>``; in Chinese the kind of failure first, the detail after it."""
    prefix = text("error", "prefix", lang)
    if lang == "en":
        return printable(f"{prefix}: {exc}")
    errors = catalogue()["error"]
    kind = next((c.__name__ for c in type(exc).__mro__ if c.__name__ in errors), "PipelineError")
    return printable(f"{prefix}：{errors[kind][lang]}：{detail_in(str(exc), lang)}")


@cache
def _patterns(section: str) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p, re.S), zh) for p, zh in catalogue()[section]["patterns"]]


WHAT_ZH = {"areas": "方面", "tasks": "任务"}


def _translated(message: str, section: str) -> str:
    """The first pattern of `section` that matches the whole English message gives its Chinese,
    with the paths, names and figures it carried; else the English as it is."""
    for pattern, template in _patterns(section):
        m = pattern.fullmatch(message)
        if m:
            fields = {k: v or "" for k, v in m.groupdict().items()}
            where = fields.get("where")
            fields["where_zh"] = f"；分工标签位于 {where}，但没有带编号的条目" if where else ""
            fields["what_zh"] = WHAT_ZH.get(fields.get("what", ""), "")
            return template.format(**fields)
    return message


def detail_in(message: str, lang: str) -> str:
    """An error's detail in `lang` (data/messages.json error_detail)."""
    return message if lang == "en" else _translated(message, "error_detail")
