"""A page's stylesheet, as far as the .html reader reads CSS (html_css): its rules that set display,
counters, generated content or list-style, cascaded for each element.

Selectors made of ``tag``, ``.class``, ``#id`` and ``*`` compounds joined by descendant or ``>``
combinators, with ``::before`` / ``::after``; specificity, source order, !important and the style
attribute cascade as in CSS. Any other selector (attributes, :hover, ``+``) drops its rule, never
guessed at; @media blocks are read as if their condition held (a print PDF applies print rules).
Rules are indexed by their rightmost compound, as browsers do, and bounded: past
limits.CSS_MAX_RULES rules or limits.CSS_MAX_CHECKS selector checks the rest is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lxml.html import HtmlElement as Element

from pipeline.limits import CSS_MAX_CHECKS, CSS_MAX_RULES, CSS_MAX_STYLE_CHARS
from pipeline.readers import html_counters as hc
from pipeline.readers.html_lists import rules

PROPERTIES = frozenset(
    {"display", "counter-reset", "counter-increment", "counter-set", "content", "visibility"}
)
LIST_PROPERTIES = frozenset({"list-style", "list-style-type"})
MAX_ANCESTORS = 64  # a descendant combinator looks this far up
NOT_NAMES = frozenset({"none", "inherit", "initial", "unset"})


@cache
def _declaration() -> re.Pattern[str]:
    return re.compile(r"""([\w-]+)\s*:\s*((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^;"'])*)""", re.S)


@cache
def _compound() -> re.Pattern[str]:
    return re.compile(r"(\*|[a-zA-Z][\w-]*)?((?:[.#][\w-]+)*)")


@dataclass(frozen=True)
class Compound:
    tag: str | None
    classes: frozenset[str]
    id: str | None

    def matches(self, el: Element) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.id is not None and el.get("id") != self.id:
            return False
        return not self.classes or self.classes <= set((el.get("class") or "").split())


@dataclass(frozen=True)
class Rule:
    parts: tuple[tuple[str, Compound], ...]  # right to left: (combinator to the left, compound)
    pseudo: str  # "", "before" or "after"
    order: tuple[int, int, int, int, int]  # important, ids, classes, tags, source order
    declarations: tuple[tuple[str, str], ...]


def declarations(body: str) -> list[tuple[str, str, bool]]:
    """``name: value`` pairs of a rule's body (or a style attribute), lowercased names, !important."""
    out = []
    for m in _declaration().finditer(body):
        value = m[2].strip()
        important = bool(re.search(r"!\s*important\s*$", value, re.I))
        out.append((m[1].lower(), re.sub(r"!\s*important\s*$", "", value, flags=re.I).strip(), important))
    return out


def _selector(text: str) -> tuple[tuple[tuple[str, Compound], ...], str] | None:
    text = text.strip()
    pseudo = ""
    m = re.search(r"::?(before|after)$", text, re.I)
    if m is not None:
        pseudo, text = m[1].lower(), text[: m.start()]
    seq: list[tuple[str, Compound]] = []  # left to right: (combinator on the left, compound)
    combinator = " "
    for token in re.findall(r">|[^\s>]+", text):
        if token == ">":
            if not seq or combinator == ">":
                return None
            combinator = ">"
            continue
        c = _compound().fullmatch(token)
        if c is None:
            return None
        names = re.findall(r"([.#])([\w-]+)", c[2])
        ids = [n for k, n in names if k == "#"]
        tag = None if c[1] in (None, "*") else c[1].lower()
        seq.append(
            (combinator, Compound(tag, frozenset(n for k, n in names if k == "."), ids[0] if ids else None))
        )
        combinator = " "
    if not seq or combinator == ">" or len(seq) > 8:
        return None
    return tuple(reversed(seq)), pseudo


class Stylesheet:
    """The page's rules that set a property this reader reads, indexed by their rightmost compound."""

    def __init__(self, root: Element) -> None:
        self.index: dict[str, list[Rule]] = {}
        self.counter_styles: dict[str, hc.CounterStyle] = {}
        self.checks = 0
        count = 0
        text = "".join(style.text or "" for style in root.iter("style"))[:CSS_MAX_STYLE_CHARS]
        text = re.sub(r"/\*.*?(?:\*/|$)", "", text, flags=re.S)
        for selectors, body in rules(text):
            head = selectors.strip()
            if head.lower().startswith("@counter-style"):
                self._counter_style(head, body)
                continue
            found = [(n, v, imp) for n, v, imp in declarations(body) if n in PROPERTIES | LIST_PROPERTIES]
            if not found or head.startswith("@"):
                continue
            for selector in head.split(","):
                parsed = _selector(selector)
                if parsed is None:
                    continue
                count += 1
                if count > CSS_MAX_RULES:
                    return
                parts, pseudo = parsed
                for important in (False, True):
                    chosen = tuple((n, v) for n, v, imp in found if imp == important)
                    if chosen:
                        self._add(parts, pseudo, chosen, important, count)

    def _add(
        self,
        parts: tuple[tuple[str, Compound], ...],
        pseudo: str,
        decls: tuple[tuple[str, str], ...],
        important: bool,
        count: int,
    ) -> None:
        comps = [c for _, c in parts]
        spec = (
            sum(c.id is not None for c in comps),
            sum(len(c.classes) for c in comps),
            sum(c.tag is not None for c in comps),
        )
        rule = Rule(parts, pseudo, (int(important), *spec, count), decls)
        key = parts[0][1]
        name = f"#{key.id}" if key.id else f".{min(key.classes)}" if key.classes else key.tag or "*"
        self.index.setdefault(name, []).append(rule)

    def _counter_style(self, head: str, body: str) -> None:
        name = head.split(None, 1)[1].strip().lower() if len(head.split()) == 2 else ""
        if (
            not name
            or name in {"decimal", "none", "disc", "circle", "square"}
            or len(self.counter_styles) >= hc.MAX_STYLES
        ):
            return
        values = {n: v for n, v, _ in declarations(body)}
        style = hc.counter_style(name, values, self.counter_styles)
        if style is not None:
            self.counter_styles[name] = style

    def _matches(self, rule: Rule, el: Element) -> bool:
        node: Element | None = el
        for i, (_, compound) in enumerate(rule.parts):
            self.checks += 1
            if i == 0:
                if node is None or not compound.matches(node):
                    return False
                continue
            previous = rule.parts[i - 1][0]
            assert node is not None
            if previous == ">":
                node = node.getparent()
                if node is None or not compound.matches(node):
                    return False
                continue
            found = None
            for depth, ancestor in enumerate(node.iterancestors()):
                self.checks += 1
                if depth >= MAX_ANCESTORS:
                    break
                if compound.matches(ancestor):
                    found = ancestor
                    break
            if found is None:
                return False
            node = found
        return True

    def styles(self, el: Element) -> dict[str, dict[str, str]]:
        """{"": element's declarations, "before": …, "after": …}, cascaded; the style attribute last."""
        out: dict[str, dict[str, str]] = {"": {}, "before": {}, "after": {}}
        if self.checks <= CSS_MAX_CHECKS:
            keys = ["*", str(el.tag), *(f".{c}" for c in (el.get("class") or "").split())]
            if el.get("id"):
                keys.append(f"#{el.get('id')}")
            rules = [r for k in dict.fromkeys(keys) for r in self.index.get(k, ())]
            for rule in sorted((r for r in rules if self._matches(r, el)), key=lambda r: r.order):
                out[rule.pseudo].update(rule.declarations)
        inline = [
            (n, v) for n, v, _ in declarations(el.get("style") or "") if n in PROPERTIES | LIST_PROPERTIES
        ]
        out[""].update(inline)
        return out


def counter_values(value: str | None, default: int) -> list[tuple[str, int]]:
    """``a 2 b`` -> [("a", 2), ("b", default)]; none or a malformed value -> []."""
    if not value or value.strip().lower() == "none":
        return []
    out: list[tuple[str, int]] = []
    for token in value.split()[:50]:
        if re.fullmatch(r"[+-]?\d+", token) and out:
            digits = token.lstrip("+-")
            number = hc.MAX_COUNTER if len(digits) > 9 else int(digits)
            out[-1] = (out[-1][0], hc.clamp(-number if token.startswith("-") else number))
        elif re.fullmatch(r"-?[a-zA-Z_][\w-]*", token) and token.lower() not in NOT_NAMES:
            out.append((token, default))
        else:
            return []
    return out


def list_style_type(decls: dict[str, str]) -> str | None:
    """The list-style-type a declaration block sets ("inherit" included); None when it sets none."""
    if "list-style-type" in decls:
        value = decls["list-style-type"].strip()
        return value if value[:1] in ("'", '"') else value.lower()
    if "list-style" in decls:
        token: str
        for token in re.findall(r"\"[^\"]*\"|'[^']*'|url\([^)]*\)|\S+", decls["list-style"]):
            if token.lower() not in {"inside", "outside"} and not token.lower().startswith("url("):
                return token if token[0] in "\"'" else token.lower()
    return None
