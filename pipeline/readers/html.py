"""A government website article page (.html): the notice body without the site around it.

A published notice sits inside navigation, a breadcrumb, a 信息公开 metadata table, a 相关文件
list and a footer, all of which look like notice text to a naive reader (a related notice's
title would become a second title). So the page is decoded deterministically, chrome is removed
by markup hints kept in `data/html.json`, the metadata table goes to `RawDocument.metadata`, and
only the article body container becomes blocks: one Line per rendered line, tables as Tables.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree, html
from lxml.html import HtmlElement as Element

from pipeline.document import Block, Cell, Line, RawDocument, Table
from pipeline.errors import InputError
from pipeline.vocab import load
from schemas.notice import Location, SourceFormat

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8"}
# A Chinese page labelled with a Western single-byte charset is mislabelled: the label is ignored.
IGNORED_CHARSETS = frozenset({"latin-1", "iso8859-1", "cp1252"})
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"section", "article", "center", "pre", "address", "table", "tr", "td", "th", "tbody", "thead"}
    | {"tfoot", "caption", "form", "fieldset", "main", "hr", "figure", "figcaption", "body"}
)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SPACES = re.compile(r"[ \t\n\r\f]+")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
LABEL_JUNK = re.compile(r"[\s\u00a0\u3000:：]+")
DEFAULT_BODY_SHARE = 0.9  # the innermost hinted container with this share of the best one's CJK text
DEFAULT_MIN_BODY_CJK = 20


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """BOM, then the page's declared charset, then strict UTF-8, then GB18030."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: has a {name} byte-order mark but is not valid {name}") from exc
    candidates = ["utf-8", "gb18030"]
    declared = declared_charset(data)
    if declared:
        candidates.insert(0, declared)
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode the page as {', '.join(dict.fromkeys(candidates))}")


def declared_charset(data: bytes) -> str | None:
    """The codec named by <meta charset> or <meta http-equiv=Content-Type> in the first 4 KB."""
    try:
        head = html.document_fromstring(XML_DECLARATION.sub("", data[:4096].decode("latin-1")))
    except (etree.ParserError, ValueError):
        return None
    for meta in head.iter("meta"):
        value = meta.get("charset")
        if not value:
            content = meta.get("content") or ""
            if (meta.get("http-equiv") or "").lower() != "content-type" or "charset=" not in content.lower():
                continue
            value = content.lower().split("charset=", 1)[1].split(";")[0]
        try:
            name = codecs.lookup(value.strip().strip("'\"").lower()).name
        except LookupError:
            return None
        return None if name in IGNORED_CHARSETS else SUPERSETS.get(name, name)
    return None


def _hints(el: Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _cjk(el: Element) -> int:
    return len(CJK.findall(el.text_content()))


def _clean(text: str) -> str:
    return SPACES.sub(" ", text).replace("\u00a0", " ").strip()


def table_to_metadata(table: Element, labels: frozenset[str]) -> dict[str, str]:
    """Label -> value pairs of a 信息公开 table: a label cell followed by its value cell."""
    found: dict[str, str] = {}
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in {"td", "th"}]
        for i, cell in enumerate(cells):
            text = _clean(cell.text_content())
            label = LABEL_JUNK.sub("", text)
            if label in labels and i + 1 < len(cells):
                found.setdefault(label, _clean(cells[i + 1].text_content()))
            elif re.match(r"^[^:：]{2,8}[:：]", text):
                head, value = re.split(r"[:：]", text, maxsplit=1)
                if LABEL_JUNK.sub("", head) in labels and value.strip():
                    found.setdefault(LABEL_JUNK.sub("", head), value.strip())
    return found


def extract_metadata(root: Element, labels: frozenset[str]) -> dict[str, str]:
    """Read and remove every table that has two or more metadata labels."""
    metadata: dict[str, str] = {}
    for table in list(root.iter("table")):
        found = table_to_metadata(table, labels)
        if len(found) >= 2 and table.getparent() is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            table.drop_tree()
    return metadata


def remove_chrome(root: Element, hints: dict[str, list[str]]) -> None:
    """Drop navigation, footers, tool links and 相关文件 lists, never a wrapper of most of the text."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    total = _cjk(root) or 1
    chrome_tags = frozenset(hints["chrome_tags"])
    for el in list(root.iter(*chrome_tags)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if el.getparent() is None or el.tag in {"html", "body"}:
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        hinted = _matches(el, hints["chrome_hints"])
        if ("display:none" in style or hinted) and _cjk(el) <= total // 2:
            el.drop_tree()
    links = frozenset(hints["drop_links"])
    for link in list(root.iter("a")):
        if link.getparent() is not None and _clean(link.text_content()).strip("【】[]（）() ") in links:
            link.drop_tree()
    headings = frozenset(hints["related_headings"])
    for el in list(root.iter("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong", "b")):
        parent = el.getparent()
        if parent is not None and _clean(el.text_content()).strip("【】[]：: ") in headings:
            for sibling in [el, *el.itersiblings()]:
                sibling.drop_tree()


def find_body(root: Element, hints: list[str]) -> Element:
    """The article container: innermost hinted element with nearly all hinted CJK text, else the
    element whose direct <p>/<div> children hold the most CJK text. When that element lies inside
    the hinted one with nearly all its text, it is the body: the wrapper also holds the <h1> title."""
    scored = [(el, _cjk(el)) for el in root.iter() if isinstance(el.tag, str) and _matches(el, hints)]
    scored = [(el, n) for el, n in scored if n >= DEFAULT_MIN_BODY_CJK]
    credit: dict[Element, int] = {}
    for el in root.iter("p", "div", "td", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
        parent = el.getparent()
        if parent is not None and not any(child.tag in BLOCK_TAGS for child in el):
            credit[parent] = credit.get(parent, 0) + _cjk(el)
    fallback = max(credit.items(), key=lambda kv: kv[1], default=(root, 0))
    if scored:
        best = max(n for _, n in scored)
        if best * 2 >= fallback[1]:
            el, n = min((kv for kv in scored if kv[1] >= best * DEFAULT_BODY_SHARE), key=lambda kv: kv[1])
            inner = fallback[0]
            if inner is not el and el in inner.iterancestors() and _cjk(inner) >= n * DEFAULT_BODY_SHARE:
                return inner  # an unhinted body inside a hinted wrapper (div.article > h1 + div)
            return el
    return fallback[0] if fallback[1] else root


def _matches(el: Element, hints: list[str]) -> bool:
    if not (el.get("class") or el.get("id")):
        return False
    text = _hints(el)
    return any(h in text for h in hints)


TableHandler = Callable[[Element, list[str]], None]


class _Lines:
    """Renders a subtree as lines: block elements and <br> end a line, inline text concatenates."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = _clean("".join(self.buffer))
        if text:
            self.lines.append(text)
        self.buffer = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(SPACES.sub(" ", text))

    def walk(self, el: Element, on_table: TableHandler | None = None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                self.add(child.tail)
                continue
            if child.tag == "br":
                self.flush()
            elif child.tag == "table" and on_table is not None and is_data_table(child):
                self.flush()
                on_table(child, self.lines)
            elif child.tag in BLOCK_TAGS:
                self.flush()
                self.add(child.text)
                self.walk(child, on_table)
                self.flush()
            else:
                self.add(child.text)
                self.walk(child, on_table)
            self.add(child.tail)


def is_data_table(table: Element) -> bool:
    """A table of two or more rows with two or more cells somewhere; else it is page layout."""
    rows = [r for r in table.iter("tr") if _own_table(r) is table]
    return len(rows) >= 2 and any(sum(c.tag in {"td", "th"} for c in r) >= 2 for r in rows)


def _own_table(el: Element) -> Element | None:
    return next(el.iterancestors("table"), None)


def table_to_rows(table: Element, number: int) -> Table:
    """Cells with colspan as span; a rowspan leaves `continued` cells below, as Word's vMerge does."""
    rows: list[tuple[Cell, ...]] = []
    pending: dict[int, int] = {}  # grid column -> rows still covered by a rowspan from above
    for r, tr in enumerate((t for t in table.iter("tr") if _own_table(t) is table), start=1):
        loc = Location(table=number, row=r)
        cells: list[Cell] = []
        column = 0

        for td in (c for c in tr if c.tag in {"td", "th"}):
            column = _fill_rowspans(cells, pending, column, loc)
            lines = _Lines()
            lines.add(td.text)
            lines.walk(td)
            lines.flush()
            span = _positive(td.get("colspan"))
            for extra in range(span):
                if _positive(td.get("rowspan")) > 1:
                    pending[column + extra] = _positive(td.get("rowspan")) - 1
            cells.append(Cell("\n".join(lines.lines), loc, span))
            column += span
        _fill_rowspans(cells, pending, column, loc)
        rows.append(tuple(cells))
    return Table(tuple(rows), Location(table=number))


def _fill_rowspans(cells: list[Cell], pending: dict[int, int], column: int, loc: Location) -> int:
    """Add a `continued` cell for each column a rowspan above still covers; the next free column."""
    while pending.get(column, 0) > 0:
        pending[column] -= 1
        cells.append(Cell("", loc, 1, continued=True))
        column += 1
    return column


def _positive(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else 1


def body_to_blocks(body: Element) -> list[Block]:
    blocks: list[Block] = []
    emitted = 0

    def take_lines(lines: list[str]) -> None:
        nonlocal emitted
        for text in lines:
            emitted += 1
            blocks.append(Line(text, Location(paragraph=emitted)))
        lines.clear()

    def on_table(table: Element, lines: list[str]) -> None:
        take_lines(lines)
        blocks.append(table_to_rows(table, sum(isinstance(b, Table) for b in blocks) + 1))

    walker = _Lines()
    walker.add(body.text)
    walker.walk(body, on_table)
    walker.flush()
    take_lines(walker.lines)
    return blocks


def read(path: Path, data: bytes, sha256: str) -> RawDocument:
    text, encoding = decode(data, path)
    text = XML_DECLARATION.sub("", text)  # lxml refuses a str with an encoding declaration
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path}: cannot read as HTML: {exc}") from exc
    hints = load("html.json")
    metadata = extract_metadata(root, frozenset(hints["metadata_labels"]))
    remove_chrome(root, hints)
    blocks = body_to_blocks(find_body(root, hints["body_hints"]))
    return RawDocument(str(path), SourceFormat.html, sha256, blocks, encoding=encoding, metadata=metadata)
