"""Word automatic list numbering (numbering.xml) rendered as text.

A notice typed as "一、… （一）… 1.…" and one whose markers Word generates from a list style must
read alike, so the reader renders the marker Word would show and prepends it to the paragraph.
Counters follow Word: a level restarts when a shallower level of the same list advances (or as
`w:lvlRestart` says), `w:start` / `w:lvlOverride/w:startOverride` set the first value, and list
instances (`w:num`) sharing one `w:abstractNum` continue one count unless the instance overrides
a level (which is how Word's "restart numbering" is stored).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pipeline.readers.numbers import chinese_counting

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"

LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ROMAN: tuple[tuple[int, str], ...] = (
    *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")),
    *((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
)


def _enclosed(n: int) -> str:
    """①-⑳, ㉑-㉟, ㊱-㊿; beyond 50 Word falls back to plain digits."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


LEVELS = 9  # w:ilvl 0-8: Word's list levels; others would only grow the per-paragraph counters
MAX_LETTERS = 780  # ZZ…Z, 30 letters: past it a crafted w:start would make a marker of millions
MAX_ROMAN = 3999  # MMMCMXCIX; past it a numeral is a run of M's as long as the number / 1000


def _letter(n: int) -> str:
    """Word's letters: A..Z, then AA..ZZ, AAA.. (the letter repeated)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= MAX_LETTERS else str(n)


def _roman(n: int) -> str:
    if n <= 0 or n > MAX_ROMAN:
        return str(n)
    out = []
    for value, numeral in ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


FORMATS: dict[str, Any] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed,
    "decimalEnclosedCircleChinese": _enclosed,
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "chineseLegalSimplified": lambda n: chinese_counting(n, LEGAL_DIGITS, "拾佰仟"),
    "ideographTraditional": lambda n: STEMS[n - 1] if 1 <= n <= 10 else str(n),
    "ideographZodiac": lambda n: BRANCHES[n - 1] if 1 <= n <= 12 else str(n),
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """Render a counter value in a `w:numFmt`; unknown formats fall back to decimal."""
    return str(FORMATS.get(fmt, str)(n))


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 0  # ECMA-376 default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False  # w:isLgl: every placeholder rendered as decimal
    suffix: str = ""
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{W}{tag}")
    return None if child is None else child.get(VAL)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: Any, base: Level | None = None) -> Level:
    """Read a w:lvl; fields it leaves out keep the base level's values (a w:lvlOverride/w:lvl)."""
    b = base or Level()
    restart = _val(lvl, "lvlRestart")
    text = _val(lvl, "lvlText")
    legal = lvl.find(f"{W}isLgl")
    suff = _val(lvl, "suff")
    return Level(
        start=_int(_val(lvl, "start"), b.start),
        fmt=_val(lvl, "numFmt") or b.fmt,
        text=text if text is not None else b.text,
        restart=_int(restart, 0) if restart is not None else b.restart,
        legal=(legal.get(VAL) not in {"0", "false", "off"}) if legal is not None else b.legal,
        suffix={"space": " ", "nothing": "", "tab": ""}.get(suff, "") if suff is not None else b.suffix,
        style=_val(lvl, "pStyle") or b.style,
    )


class Numbering:
    """Turns each numbered paragraph into its marker; call `marker` once per paragraph, in order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNum id -> w:numStyleLink style id
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, Any]]]] = {}
        self.list_styles: dict[str, str] = {}  # numbering style id -> its numId
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self._cache: dict[str, tuple[str, dict[int, Level]] | None] = {}
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, styles: Any) -> None:
        for style in styles.iterfind(f"{W}style"):
            kind, sid = style.get(f"{W}type"), style.get(f"{W}styleId") or ""
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = None if num_pr is None else _val(num_pr, "numId")
            if kind == "numbering" and num_id:
                self.list_styles[sid] = num_id
            if kind != "paragraph":
                continue
            ilvl = None if num_pr is None else _val(num_pr, "ilvl")
            self.styles[sid] = (_val(style, "basedOn"), num_id, ilvl)
            if style.get(f"{W}default") in {"1", "true", "on"}:
                self.default_style = sid

    def _read_numbering(self, numbering: Any) -> None:
        for absn in numbering.iterfind(f"{W}abstractNum"):
            aid = absn.get(f"{W}abstractNumId") or ""
            self.abstract[aid] = {
                ilvl: _level(lvl)
                for lvl in absn.iterfind(f"{W}lvl")
                if 0 <= (ilvl := _int(lvl.get(f"{W}ilvl"), 0)) < LEVELS
            }
            link = _val(absn, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for num in numbering.iterfind(f"{W}num"):
            overrides: dict[int, tuple[int | None, Any]] = {}
            for override in num.iterfind(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if not 0 <= _int(override.get(f"{W}ilvl"), 0) < LEVELS:
                    continue
                overrides[_int(override.get(f"{W}ilvl"), 0)] = (
                    None if start is None else _int(start, 0),
                    override.find(f"{W}lvl"),
                )
            self.nums[num.get(f"{W}numId") or ""] = (_val(num, "abstractNumId") or "", overrides)

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        """The list's counter key and its levels, overrides applied; None if the list is unknown."""
        if num_id in self._cache:
            return self._cache[num_id]
        found: tuple[str, dict[int, Level]] | None = None
        if num_id in self.nums:
            aid, overrides = self.nums[num_id]
            link = self.style_links.get(aid)
            target = self.list_styles.get(link or "")
            if target and target != num_id and target in self.nums:  # w:numStyleLink -> the list style
                aid = self.nums[target][0]
            levels = dict(self.abstract.get(aid, {}))
            for ilvl, (start, lvl) in overrides.items():
                level = levels.get(ilvl, Level())
                level = _level(lvl, level) if lvl is not None else level
                levels[ilvl] = level if start is None else replace(level, start=start)
            found = (f"num:{num_id}" if overrides else f"abs:{aid}", levels)
        self._cache[num_id] = found
        return found

    def _style_num(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style gives, following w:basedOn."""
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            based_on, sid_num, sid_ilvl = self.styles[style_id]
            num_id = num_id if num_id is not None else sid_num
            ilvl = ilvl if ilvl is not None else sid_ilvl
            style_id = based_on
        return num_id, ilvl

    def marker(self, p_pr: Any | None) -> str:
        """The rendered marker (e.g. "（三）") for a paragraph with this w:pPr, advancing the count."""
        if not self.nums:
            return ""
        style_id = self.default_style if p_pr is None else (_val(p_pr, "pStyle") or self.default_style)
        num_pr = None if p_pr is None else p_pr.find(f"{W}numPr")
        num_id = ilvl_text = None
        if num_pr is not None:
            num_id, ilvl_text = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        if num_id is None or ilvl_text is None:
            style_num, style_ilvl = self._style_num(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl_text = ilvl_text if ilvl_text is not None else style_ilvl
        if not num_id or num_id == "0":
            return ""
        resolved = self._levels(num_id)
        if resolved is None:
            return ""
        key, levels = resolved
        if ilvl_text is None:
            ilvl_text = next((str(i) for i, lv in levels.items() if style_id and lv.style == style_id), "0")
        ilvl = _int(ilvl_text, 0)
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        return self._advance(key, levels, ilvl) + level.suffix

    def _advance(self, key: str, levels: dict[int, Level], ilvl: int) -> str:
        counts = self.counters.setdefault(key, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [d for d in counts if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counts[deeper]
        level = levels[ilvl]
        text = level.text
        for k in range(1, 10):
            placeholder = f"%{k}"
            if placeholder in text:
                shallow = levels.get(k - 1, Level())
                value = counts.get(k - 1, shallow.start)
                fmt = "decimal" if level.legal else shallow.fmt
                text = text.replace(placeholder, format_number(value, fmt))
        return text
