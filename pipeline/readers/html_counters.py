"""Counter styles and generated content: the text CSS draws for ``counter(a, cjk-ideographic)`` and
a list item's marker, as a browser draws it.

A page may leave its heading and task numbers (一、 （一） 1.) to CSS: ``h2::before { content:
counter(a, cjk-ideographic) "、" }``, ``list-style-type: simp-chinese-informal`` or an
``@counter-style`` of its own. The predefined styles are data (data/css.json, in the form an
@counter-style rule gives them), so a page's own style and a predefined one are drawn by one
function; Chinese counting is readers/numbers.py's. Every value is clamped and every drawn number
bounded in length: a hostile counter falls back to decimal digits, never to a megabyte of symbols.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pipeline.readers.html_lists import MAX_LIST_NUMBER
from pipeline.readers.numbers import chinese_counting
from pipeline.vocab import load

MAX_COUNTER = MAX_LIST_NUMBER  # a counter's value is clamped to ±this, as an <ol>'s start is
MAX_DRAWN = 64  # characters one number may draw; past it the style falls back to decimal
MAX_SYMBOLS = 1000  # symbols of a page's own counter style
MAX_CONTENT = 200  # characters of one ::before / ::after content
MAX_STYLES = 500  # @counter-style rules read from one page


@dataclass(frozen=True)
class CounterStyle:
    system: str = "numeric"
    symbols: tuple[str, ...] = tuple("0123456789")
    additive: tuple[tuple[int, str], ...] = ()
    prefix: str = ""
    suffix: str = ". "
    negative: str = "-"
    first: int = 1  # system: fixed N
    pad: tuple[int, str] = (0, "")
    range: tuple[int, int] | None = None
    fallback: str = "decimal"


@cache
def css_data() -> dict[str, Any]:
    return load("css.json")


@cache
def predefined() -> dict[str, CounterStyle]:
    out: dict[str, CounterStyle] = {}
    for name, spec in css_data()["counter_styles"].items():
        out[name] = CounterStyle(
            system=spec["system"],
            symbols=tuple(spec.get("symbols", ())),
            additive=tuple((int(w), s) for w, s in spec.get("additive", ())),
            suffix=spec.get("suffix", ". "),
            negative=spec.get("negative", "-"),
            pad=(int(spec["pad"][0]), spec["pad"][1]) if "pad" in spec else (0, ""),
            range=(int(spec["range"][0]), int(spec["range"][1])) if "range" in spec else None,
            fallback=spec.get("fallback", "decimal"),
        )
    return out


@cache
def _string() -> re.Pattern[str]:
    """A CSS string, quoted either way, or an identifier."""
    return re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s"',()]+)""", re.S)


@cache
def _escape() -> re.Pattern[str]:
    return re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)", re.S)


def unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m[1] is None:
            return m[2]
        code = int(m[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _escape().sub(one, text)


def strings(value: str) -> list[str]:
    """The strings and identifiers of a descriptor (``symbols: 一 "二" '三'``), escapes read."""
    return [
        unescape(m[1] if m[1] is not None else m[2] if m[2] is not None else m[3])
        for m in _string().finditer(value)
    ][:MAX_SYMBOLS]


def clamp(value: int) -> int:
    return max(-MAX_COUNTER, min(MAX_COUNTER, value))


def counter_style(name: str, body: dict[str, str], known: dict[str, CounterStyle]) -> CounterStyle | None:
    """An @counter-style rule's style; None when its system needs symbols it lacks."""
    system = body.get("system", "symbolic").split()
    base = CounterStyle(system="symbolic", symbols=())
    if system and system[0] == "extends" and len(system) == 2:
        parent = system[1].lower()
        base = known.get(parent) or predefined().get(parent) or predefined()["decimal"]
        kind = base.system
    else:
        kind = system[0] if system else "symbolic"
        if kind == "fixed" and len(system) == 2 and re.fullmatch(r"-?\d{1,6}", system[1]):
            base = replace(base, first=int(system[1]))
        if kind not in {"cyclic", "numeric", "alphabetic", "symbolic", "additive", "fixed"}:
            return None
        symbols = tuple(strings(body.get("symbols", "")))
        additive = []
        for part in body.get("additive-symbols", "").split(","):
            m = re.fullmatch(r"\s*(\d{1,6})\s+(.+?)\s*", part)
            if m is not None and strings(m[2]):
                additive.append((int(m[1]), strings(m[2])[0]))
        base = replace(base, symbols=symbols, additive=tuple(additive), suffix=". ")
        need = {"alphabetic": 2, "numeric": 2}.get(kind, 1)
        if (len(symbols) < need and kind != "additive") or (kind == "additive" and not additive):
            return None
    out = replace(base, system=kind)
    given = {
        key: strings(body[key])[0]
        for key in ("prefix", "suffix", "negative", "fallback")
        if strings(body.get(key, ""))
    }
    out = replace(
        out,
        prefix=given.get("prefix", out.prefix),
        suffix=given.get("suffix", out.suffix),
        negative=given.get("negative", out.negative),
        fallback=given.get("fallback", out.fallback).lower(),
    )
    pad = re.fullmatch(r"\s*(\d{1,2})\s+(.+?)\s*", body.get("pad", ""))
    if pad is not None and strings(pad[2]):
        out = replace(out, pad=(int(pad[1]), strings(pad[2])[0]))
    return out


def _digits(n: int, symbols: tuple[str, ...], bijective: bool) -> str:
    base, out = len(symbols), []
    if not bijective and n == 0:
        return symbols[0]
    while n > 0:
        if bijective:
            n -= 1
        out.append(symbols[n % base])
        n //= base
    return "".join(reversed(out))


def _additive(n: int, weights: tuple[tuple[int, str], ...]) -> str | None:
    out: list[str] = []
    for weight, symbol in weights:
        if n == 0 and weight == 0:
            return symbol
        if weight <= 0 or n < weight:
            continue
        times = n // weight
        if times * len(symbol) > MAX_DRAWN:
            return None
        out.append(symbol * times)
        n -= times * weight
    return "".join(out) if n == 0 and out else None


def represent(n: int, name: str, styles: dict[str, CounterStyle], depth: int = 0) -> str:
    """`n` in the style `name` without prefix or suffix (what counter() draws); unknown -> decimal."""
    style = styles.get(name) or predefined().get(name) or predefined()["decimal"]
    drawn = _draw(
        abs(n) if style.system in {"numeric", "alphabetic", "symbolic", "additive", "chinese"} else n, style
    )
    in_range = style.range is None or style.range[0] <= n <= style.range[1]
    if drawn is None or not in_range or len(drawn) > MAX_DRAWN:
        if depth < 4 and style.fallback != name:
            return represent(n, style.fallback, styles, depth + 1)
        return str(n)
    if n < 0 and style.system in {"numeric", "alphabetic", "symbolic", "additive", "chinese"}:
        drawn = style.negative + drawn
    width, symbol = style.pad
    missing = max(0, width - len(drawn))
    return drawn if missing * len(symbol) > MAX_DRAWN else symbol * missing + drawn


def _draw(n: int, style: CounterStyle) -> str | None:
    symbols, system = style.symbols, style.system
    if system == "chinese":
        return "零" if n == 0 else chinese_counting(n) if n < 10000 else None
    if system == "additive":
        return _additive(n, style.additive)
    if not symbols:
        return None
    if system == "cyclic":
        return symbols[(n - 1) % len(symbols)]
    if system == "fixed":
        index = n - style.first
        return symbols[index] if 0 <= index < len(symbols) else None
    if system == "numeric":
        return _digits(n, symbols, bijective=False)
    if system == "alphabetic":
        return _digits(n, symbols, bijective=True) if n >= 1 else None
    if system == "symbolic" and n >= 1:
        times = (n - 1) // len(symbols) + 1
        return (
            None
            if times * len(symbols[(n - 1) % len(symbols)]) > MAX_DRAWN
            else symbols[(n - 1) % len(symbols)] * times
        )
    return None


def marker(n: int, name: str, styles: dict[str, CounterStyle]) -> str:
    """A list item's marker: prefix, number and suffix (一、 （一） 1.), its trailing space dropped
    as an <ol> item's is (html_lists); "" for none, a bullet or an unknown style."""
    if name == "none" or name in css_data()["bullets"]:
        return ""
    if name.startswith(("'", '"')):
        return "".join(strings(name))[:MAX_CONTENT].rstrip()
    style = styles.get(name) or predefined().get(name)
    if style is None:
        return ""
    return (style.prefix + represent(n, name, styles) + style.suffix)[:MAX_CONTENT].rstrip()


# ---- content: ---------------------------------------------------------------------------------

Token = tuple[str, tuple[str, ...]]  # ("string", (text,)), ("counter", (name, style)), …


@cache
def _content_token() -> re.Pattern[str]:
    return re.compile(
        r"""\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(counters?|attr|url)\(\s*([^)]*)\)|([\w-]+))""",
        re.S | re.I,
    )


def content_tokens(value: str) -> list[Token] | None:
    """A ``content`` value as tokens; None for none/normal or a value this reader cannot read (the
    declaration is then dropped, as a browser drops an invalid one)."""
    value = value.strip()
    if value.lower() in {"none", "normal", ""} or len(value) > MAX_CONTENT * 5:
        return None
    tokens: list[Token] = []
    pos = 0
    while pos < len(value):
        m = _content_token().match(value, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m[1] is not None or m[2] is not None:
            tokens.append(("string", (unescape(m[1] if m[1] is not None else m[2]),)))
        elif m[3]:
            args = tuple(a.strip() for a in re.split(r",(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", m[4]))
            fn = m[3].lower()
            if fn == "counter" and 1 <= len(args) <= 2 and args[0]:
                tokens.append(("counter", (args[0], args[1].lower() if len(args) == 2 else "decimal")))
            elif fn == "counters" and 2 <= len(args) <= 3 and args[0] and strings(args[1]):
                sep = strings(args[1])[0]
                tokens.append(("counters", (args[0], sep, args[2].lower() if len(args) == 3 else "decimal")))
            elif fn == "attr" and len(args) == 1 and args[0]:
                tokens.append(("attr", (args[0].lower(),)))
            elif fn != "url":
                return None
        elif m[5].lower() in css_data()["quotes"]:
            tokens.append(("string", (css_data()["quotes"][m[5].lower()],)))
        elif m[5].lower() not in {"no-open-quote", "no-close-quote"}:
            return None
        if len(tokens) > 50:
            break
    return tokens


PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")  # icon fonts' glyphs: no text


def render_content(
    tokens: list[Token],
    values: Callable[[str], list[int]],
    attr: Callable[[str], str],
    styles: dict[str, CounterStyle],
) -> str:
    """The text `tokens` draw; `values(name)` gives a counter's instances, outermost first."""
    out: list[str] = []
    for kind, args in tokens:
        if kind == "string":
            out.append(args[0])
        elif kind == "counter":
            found = values(args[0])
            out.append("" if args[1] == "none" else represent(found[-1] if found else 0, args[1], styles))
        elif kind == "counters":
            found = values(args[0]) or [0]
            out.append(args[1].join(represent(v, args[2], styles) for v in found[-20:]))
        elif kind == "attr":
            out.append(attr(args[0]))
    return PRIVATE_USE.sub("", "".join(out))[:MAX_CONTENT]
