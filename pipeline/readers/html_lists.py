"""Ordered lists drawn as a browser draws them: an <ol> item's number, in the list's style.

A page may number its tasks (and headings) only in markup: ``<ol start="5">``, ``<li value>``,
``type="a"``, or CSS, inline or in the page's <style> (``ol.yi{list-style-type:cjk-ideographic}``
draws 一、 二、). Only the simple selectors such sites write are read: ``ol``, ``ol.name`` and
``.name``; an item's marker is the text the browser shows before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement as Element

from pipeline.readers.numbers import bounded_int, chinese_counting

MAX_LIST_NUMBER = 99999  # an <ol>'s start or value beyond it is read as this
SIMPLE_SELECTOR = re.compile(r"^(?:ol)?(?:\.([\w-]+))?$")
LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([\w-]+)", re.IGNORECASE)
CJK_STYLES = ("cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal")


def rules(text: str) -> Iterator[tuple[str, str]]:
    """(prelude, body) of each innermost ``prelude { body }`` in one pass: an @media block's rules
    are read as if its condition held, and a run of text without braces costs its length once
    (a regex for the same would retry it from every position)."""
    start, head = 0, None
    for m in re.finditer(r"[{}]", text):
        if m[0] == "{":
            head = text[start : m.start()]
        elif head is not None:
            yield head, text[start : m.start()]
            head = None
        start = m.end()


def list_styles(root: Element) -> dict[str, str]:
    """``ol`` / ``.name`` -> the list-style-type the page's <style> blocks give it."""
    out: dict[str, str] = {}
    for style in root.iter("style"):
        for selectors, body in rules(style.text or ""):
            found = LIST_STYLE.search(body)
            if found is None:
                continue
            for selector in selectors.split(","):
                m = SIMPLE_SELECTOR.match(selector.strip())
                if m is not None and selector.strip():
                    out["." + m[1] if m[1] else "ol"] = found[1].lower()
    return out


class ListNumbers:
    """Each <ol>'s running number, in document order, and the marker it draws."""

    def __init__(self, styles: dict[str, str] | None = None) -> None:
        self.styles = styles or {}
        self.counters: dict[Element, int] = {}

    def style_of(self, ol: Element, li: Element) -> str:
        for el in (li, ol):  # an inline style wins over the page's rules
            found = LIST_STYLE.search(el.get("style", ""))
            if found is not None:
                return found[1].lower()
        for name in (ol.get("class") or "").split():
            if "." + name in self.styles:
                return self.styles["." + name]
        return self.styles.get("ol", "")

    def marker(self, li: Element) -> str:
        """``5.`` for the fifth item; ``五、`` in a CJK style; "" for a <ul> or a list without markers."""
        ol = li.getparent()
        if ol is None or ol.tag != "ol":
            return ""
        last = self.counters.get(ol, bounded_int(ol.get("start"), MAX_LIST_NUMBER) - 1)
        value = li.get("value")
        number = bounded_int(value, MAX_LIST_NUMBER) if value else last + 1
        self.counters[ol] = number
        style = self.style_of(ol, li)
        if style == "none":
            return ""
        if style in CJK_STYLES:
            return chinese_counting(number) + "、"
        kind = {"lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A", "upper-latin": "A"}.get(
            style, ol.get("type", "1")
        )
        if kind in ("a", "A") and number <= 26:
            letter = chr(ord("a") + number - 1)
            return (letter.upper() if kind == "A" else letter) + "."
        return f"{number}."
