"""Vocabularies loaded once from `pipeline/data/*.json`: labels, unit words, numbering markers.

Rules live in data so that a new notice's label or suffix is a one-line data change with a test,
not a new code branch.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

WHITESPACE = regex.compile(r"\s+")
ROLE_KEYS = ("lead", "responsible", "supporting")
# marker kinds that carry no integer: no task number, no numbering run to continue (data/markers.json)
UNNUMBERED_KINDS = ("bullet", "decimal", "letter")
LABEL_KINDS = (*ROLE_KEYS, "leaders", "deadline", "prose")


def load(name: str) -> dict[str, Any]:
    text = resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def spaced(word: str) -> str:
    """A regex for `word` that tolerates spaces between its characters (主 要 任 务)."""
    return r"\s*".join(regex.escape(ch) for ch in word)


@dataclass(frozen=True)
class Labels:
    kind_of: dict[str, str]  # label -> lead | responsible | supporting | leaders | deadline | prose
    pattern: regex.Pattern[str]  # any label, longest first, as group "label"


@cache
def labels() -> Labels:
    data = load("labels.json")
    kind_of = {label: kind for kind in LABEL_KINDS for label in data[kind]}
    alternatives = "|".join(spaced(w) for w in sorted(kind_of, key=len, reverse=True))
    return Labels(kind_of, regex.compile(rf"(?P<label>{alternatives})"))


@cache
def units() -> dict[str, Any]:
    return load("units.json")


@dataclass(frozen=True)
class MarkerStyle:
    name: str
    pattern: regex.Pattern[str]
    kind: str
    alone: bool = False  # the marker may fill its line (序号：3, the text on the next line)


@cache
def marker_styles() -> tuple[MarkerStyle, ...]:
    return tuple(
        MarkerStyle(s["name"], regex.compile(s["pattern"]), s["kind"], bool(s.get("alone")))
        for s in load("markers.json")["styles"]
    )


@cache
def _measure_start() -> regex.Pattern[str]:
    data = load("targets.json")
    words = sorted([*data["measures"], *data["multipliers"]], key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


def starts_with_measure(text: str) -> bool:
    """Does `text` open with a unit of measure or a multiplier (兆瓦, 万亩, 亿元: targets.json)? A
    figure (1.2兆瓦) then, not a decimal sub-number (1.2 推进…)."""
    return _measure_start().match(text) is not None


@cache
def _page_footer() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """(start patterns, words anywhere, longest footer line); stdlib re: 2x faster here than regex."""
    data = load("chrome.json")
    start = re.compile("|".join(f"(?:{p})" for p in data["footer"]))
    words = re.compile("|".join(re.escape(w) for w in data["footer_words"]))
    return start, words, int(data["max_footer_length"])


def is_page_footer(key: str) -> bool:
    """A folded paragraph that is a web page's tools or footer ([打印本页], 网站标识码…; chrome.json).

    The patterns are tried only at the paragraph's start and the words are plain substrings: the
    test runs on every paragraph after the first item, so it must cost next to nothing."""
    start, words, longest = _page_footer()
    return len(key) <= longest and (start.match(key) is not None or words.search(key) is not None)


@cache
def _contact_line() -> re.Pattern[str]:
    return re.compile(load("chrome.json")["contact_line"])


def is_contact_line(key: str) -> bool:
    """联系人：X　电话：0743-5821066 (folded): whom to report to, with a number to call."""
    return _contact_line().search(key) is not None


CAPTURING_GROUP = regex.compile(r"(?<!\\)\((?!\?)")


@cache
def any_marker() -> regex.Pattern[str]:
    """One pattern that matches wherever some marker style does: a cheap first test per paragraph."""
    bodies = [CAPTURING_GROUP.sub("(?:", s.pattern.pattern.removeprefix("^")) for s in marker_styles()]
    return regex.compile("^(?:" + "|".join(bodies) + ")")


CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# the numerals a list of counts opens with after a marker (一、二季度, 三、四级公路): no title does
CN_COUNTING = frozenset("一二三四五六七八九十")


def cn_to_int(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 三十三 -> 33, 一百零五 -> 105, 一千零一 -> 1001; None when it is not a numeral."""
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0) if text else None


def marker_number(kind: str, raw: str) -> int | None:
    if kind in UNNUMBERED_KINDS:
        return None
    if kind == "ar":
        return int(raw)
    if kind in ("circled", "enclosed"):
        return int(unicodedata.numeric(raw))  # ① ⑴ ⒈ -> 1
    return cn_to_int(raw)


SERIAL = regex.compile(
    r"^(?:(?P<ar>\d{1,4})|(?P<cn>[一二三四五六七八九十百]{1,5}))[.、]?$"
    r"|^\(\s*(?:(?P<par>\d{1,4})|(?P<pcn>[一二三四五六七八九十百]{1,5}))\s*\)$"
    r"|^第\s*(?:(?P<nar>\d{1,4})|(?P<ncn>[一二三四五六七八九十百]{1,5}))\s*[项号条]?$"  # 第2项
)


def serial_number(key: str) -> int | None:
    """A table's 序号 cell (folded, trimmed): 12, 12. or 12、, 一 … 九十九 (澄溪县's 序号 一, 二, …),
    and either in brackets, (3) or （三）, as a table numbering its rows like headings does."""
    m = SERIAL.match(key)
    if m is None:
        return None
    digits = m["ar"] or m["par"] or m["nar"]
    return int(digits) if digits else cn_to_int(m["cn"] or m["pcn"] or m["ncn"])


SUB_SERIAL = regex.compile(r"^\d{1,3}\s*[-－—–]\s*\d{1,3}$")


def is_serial(key: str) -> bool:
    """A 序号 cell, also a group-item serial (1-1, 2-3: a 任务清单 numbering its tasks per group).

    A group-item serial starts a row but gives no number: it is not one integer, and taking either
    part would be a guess (the task's number stays null)."""
    return serial_number(key) is not None or SUB_SERIAL.match(key) is not None
