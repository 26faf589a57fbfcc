"""The little CSS a notice page needs for its text to read as the browser shows it.

Two things a page may leave to its stylesheet: (1) a table built of divs, ``<div role="table">`` /
``role="row"`` / ``role="cell"`` (``grid``, ``gridcell``, ``columnheader``, …) or ``display:table``
/ ``table-row`` / ``table-cell`` by class or inline: it becomes the <table>/<tr>/<td> it draws, so
html_lines reads it as any table; (2) heading and task numbers drawn only by CSS: counters
(``counter-reset``, ``counter-increment``, ``counter-set``, ``::before { content: counter(a,
cjk-ideographic) "、" }``) and ``display:list-item`` markers (``list-style-type``, an
``@counter-style`` of the page's own): their text is written into the tree where the browser draws
it (html_counters). A browser's PDF of such a page already holds 一、 （一） 1.; now the page does too.

The page's rules are read by html_styles (a small subset: simple selectors, the cascade;
list-style-type inherits). A list item is numbered among the items of its list, as Chromium
numbers it: its nearest <ol>/<ul>, or else its parent. Counters are scoped by the element tree: a
reset holds for the element, its following siblings and their subtrees. A role on an element CSS
lays out as a grid or flex box is semantics only: a CSS-grid table of display:contents rows stays
as it is, read as lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement as Element

from pipeline.readers import html_counters as hc
from pipeline.readers.html_styles import Stylesheet, counter_values, list_style_type
from pipeline.readers.numbers import bounded_int

MAX_FIRST_TEXT = 10_000  # nodes searched for a list item's first text
TABLE_FAMILY = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})
SKIPPED = frozenset({"script", "style", "template", "noscript"})


class _Counters:
    """Counter instances by name, innermost last, each owned by the parent its scope lies in."""

    def __init__(self) -> None:
        self.stacks: dict[str, list[tuple[Element | None, int]]] = {}
        self.opened: dict[Element | None, list[str]] = {}  # scope -> names it holds instances of

    def values(self, name: str) -> list[int]:
        return [v for _, v in self.stacks.get(name, [])]

    def apply(self, decls: dict[str, str], scope: Element | None) -> None:
        for name, value in counter_values(decls.get("counter-reset"), 0):
            stack = self.stacks.setdefault(name, [])
            if stack and stack[-1][0] is scope:
                stack.pop()
            else:
                self.opened.setdefault(scope, []).append(name)
            stack.append((scope, value))
        for prop, default in (("counter-set", 0), ("counter-increment", 1)):
            for name, value in counter_values(decls.get(prop), default):
                stack = self.stacks.setdefault(name, [])
                if not stack:
                    self.opened.setdefault(scope, []).append(name)
                owner, old = stack.pop() if stack else (scope, 0)
                stack.append((owner, hc.clamp(value if prop == "counter-set" else old + value)))

    def close(self, scope: Element) -> None:
        for name in self.opened.pop(scope, ()):
            stack = self.stacks[name]
            while stack and stack[-1][0] is scope:
                stack.pop()


def apply_css(root: Element) -> None:
    """Draw the page's CSS tables and CSS numbers into its tree (see the module docstring)."""
    sheet = Stylesheet(root)
    inline = any(el.get("style") for el in root.iter() if isinstance(el.tag, str))
    roles = any(el.get("role") for el in root.iter() if isinstance(el.tag, str))
    if not sheet.index and not inline and not roles:
        return
    counters = _Counters()
    ordinals: dict[Element, int] = {}
    items: dict[Element, int] = {}  # a list item's number, for counter(list-item)
    displays: dict[Element, str] = {}
    stack: list[tuple[Iterator[Element], Element, str, dict[str, str]]] = []
    body = root.find("body")
    start = body if body is not None else root
    stack.append((iter(start), start, "disc", {}))
    while stack:
        children, parent, inherited, after = stack[-1]
        el = next(children, None)
        if el is None:
            stack.pop()
            if after:
                _draw_after(parent, after, counters, items, sheet)
            counters.close(parent)
            continue
        if not isinstance(el.tag, str) or el.tag in SKIPPED:
            continue
        style = sheet.styles(el)
        own, before = style[""], style["before"]
        display = own.get("display", "").strip().lower()
        displays[el] = display
        listed = list_style_type(own)
        kind = inherited if listed in (None, "inherit") else listed
        if el.tag in ("ol", "ul") and listed is None:
            kind = "decimal" if el.tag == "ol" else "disc"
        counters.apply(own, parent)
        is_item = display == "list-item" or (el.tag == "li" and not display)
        if is_item:
            items[el] = _ordinal(el, own, ordinals)
        if before:
            counters.apply(before, el)
            _draw_before(el, before, counters, items, sheet)
        owner = el.getparent()
        in_ol = el.tag == "li" and owner is not None and owner.tag == "ol"  # html_lists draws its marker
        if is_item and not in_ol:
            text = hc.marker(items[el], kind, sheet.counter_styles)
            if text:
                _prepend_first_text(el, text)
        stack.append((iter(el), el, kind, style["after"]))
    _tables(start, displays)


def _ordinal(el: Element, own: dict[str, str], ordinals: dict[Element, int]) -> int:
    """The item's number among its list's items (Chromium's: its nearest <ol>/<ul>, else its parent)."""
    owner = next((a for a in el.iterancestors("ol", "ul", "menu")), None)
    if owner is None:
        owner = el.getparent()
    if owner not in ordinals:
        ordinals[owner] = bounded_int(owner.get("start"), hc.MAX_COUNTER) - 1 if owner.tag == "ol" else 0
    step = dict(counter_values(own.get("counter-increment"), 1)).get("list-item", 1)
    value = el.get("value") if el.tag == "li" else None
    ordinals[owner] = bounded_int(value, hc.MAX_COUNTER) if value else hc.clamp(ordinals[owner] + step)
    return ordinals[owner]


def _content(
    el: Element, decls: dict[str, str], counters: _Counters, items: dict[Element, int], sheet: Stylesheet
) -> str:
    hidden = decls.get("visibility", "").strip().lower() in {"hidden", "collapse"}
    if hidden or decls.get("display", "").strip().lower() == "none":  # the clearfix hack's "."
        return ""
    tokens = hc.content_tokens(decls.get("content", ""))
    if not tokens:
        return ""

    def values(name: str) -> list[int]:
        if name == "list-item":
            item = next((n for n in (el, *el.iterancestors()) if n in items), None)
            return [] if item is None else [items[item]]
        return counters.values(name)

    return hc.render_content(tokens, values, lambda a: el.get(a) or "", sheet.counter_styles)


def _draw_before(
    el: Element, decls: dict[str, str], counters: _Counters, items: dict[Element, int], sheet: Stylesheet
) -> None:
    text = _content(el, decls, counters, items, sheet)
    if text:
        el.text = text + (el.text or "")


def _draw_after(
    el: Element, decls: dict[str, str], counters: _Counters, items: dict[Element, int], sheet: Stylesheet
) -> None:
    counters.apply(decls, el)
    text = _content(el, decls, counters, items, sheet)
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _prepend_first_text(el: Element, text: str) -> None:
    """Put a list item's marker before its first text, where the browser draws it (beside the first
    line, inside the first block child); an item without text shows the marker alone."""
    stack: list[tuple[bool, Element]] = [(False, el)]
    for _ in range(MAX_FIRST_TEXT):
        if not stack:
            break
        tail, node = stack.pop()
        if tail:
            if node.tail and node.tail.strip():
                node.tail = text + node.tail
                return
            continue
        if node is not el:
            stack.append((True, node))
        if not isinstance(node.tag, str) or node.tag in SKIPPED:
            continue
        if node.text and node.text.strip():
            node.text = text + node.text
            return
        stack.extend((False, child) for child in reversed(node))
    el.text = text + (el.text or "")


def _tables(start: Element, displays: dict[Element, str]) -> None:
    """Rename the parts of div tables to the table tags they draw: a table by role or display, its
    row groups, the rows in it and the cells in those rows; nothing outside a table."""
    data = hc.css_data()
    roles, shown, layouts = data["table_roles"], data["table_displays"], frozenset(data["layout_displays"])
    for el in start.iter():
        if not isinstance(el.tag, str) or el.tag in TABLE_FAMILY:
            continue
        display = displays.get(el, "")
        part = shown.get(display) or (
            None if display in layouts else roles.get((el.get("role") or "").strip())
        )
        parent = el.getparent()
        above = parent.tag if parent is not None else ""
        if part == "table":
            el.tag = "table"
        elif part in ("tbody", "thead", "tfoot") and above == "table":
            el.tag = part
        elif part == "tr" and above in ("table", "tbody", "thead", "tfoot"):
            el.tag = "tr"
        elif part in ("td", "th") and above == "tr":
            el.tag = part
            for name in ("colspan", "rowspan"):
                if el.get(name) is None and el.get(f"aria-{name}") is not None:
                    el.set(name, el.get(f"aria-{name}") or "")
