"""A government website article page (.html): the notice body without the site around it.

A published notice sits inside navigation, a breadcrumb, a 信息公开 metadata table, a 相关文件
list and a footer, all of which look like notice text to a naive reader (a related notice's
title would become a second title). So the page is decoded deterministically, chrome is removed
by markup hints kept in `data/html.json`, the metadata table goes to `RawDocument.metadata`, and
only the article body container becomes blocks (`html_lines`): one Line per rendered line, tables
as Tables. A page is parsed whole (huge_tree) or refused, never cut short where it nests deep.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

import regex
from lxml import etree, html
from lxml.html import HtmlElement as Element

from pipeline.document import RawDocument
from pipeline.errors import InputError, LimitError
from pipeline.limits import HTML_MAX_DEPTH, Limits
from pipeline.normalize import fold
from pipeline.readers.html_css import apply_css
from pipeline.readers.html_head import title_head
from pipeline.readers.html_lines import BLOCK_TAGS, TooManyLines, body_to_blocks, clean, own_rows
from pipeline.readers.html_lists import list_styles
from pipeline.vocab import load
from schemas.notice import SourceFormat

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8"}
# A Chinese page labelled with a Western single-byte charset is mislabelled: the label is ignored.
IGNORED_CHARSETS = frozenset({"latin-1", "iso8859-1", "cp1252"})
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SIGNIFICANT = re.compile(r"[^\s【】\[\]：:]")
LABEL_JUNK = re.compile(r"[\s\u00a0\u3000:：]+")
# Block-level start tags and <br> in the page source, counted against the paragraph limit before
# the page is parsed.
BLOCK_START = re.compile(
    r"<(?:{}|br)[\s/>]".format("|".join(sorted(BLOCK_TAGS, key=len, reverse=True))), re.I
)
DEFAULT_BODY_SHARE = 0.9  # the innermost hinted container with this share of the best one's CJK text
DEFAULT_MIN_BODY_CJK = 20
DEFAULT_MIN_TITLE_CJK = 6  # a page title line: 关于…的通知 holds far more; a site name may hold fewer
DEFAULT_MAX_TITLE = 120  # characters; a paragraph is no title
DEFAULT_MAX_META_CELL = 2000  # characters; 信息公开 labels and values (a title) are far shorter


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


def _cjk(el: Element, counts: dict[Element, int] | None = None) -> int:
    if counts is not None and el in counts:
        return counts[el]
    return len(CJK.findall(el.text_content()))


def subtree_counts(root: Element, pattern: re.Pattern[str] | None = CJK) -> dict[Element, int]:
    """Matches of a one-character `pattern` (None: characters) in each element's text_content(),
    in one bottom-up pass.

    Asking text_content() of every element costs the text times the depth, which a page nested
    2,000 deep turns into hours; comments and processing instructions count only by their tails,
    as in text_content().
    """

    def measure(text: str | None) -> int:
        return 0 if not text else len(text) if pattern is None else len(pattern.findall(text))

    counts: dict[Element, int] = {}
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        if not done:
            stack.append((el, True))
            stack.extend((child, False) for child in el if isinstance(child.tag, str))
            continue
        n = measure(el.text)
        for child in el:
            n += counts.get(child, 0) + measure(child.tail)
        counts[el] = n
    return counts


def table_to_metadata(
    table: Element, labels: frozenset[str], sizes: dict[Element, int] | None = None
) -> dict[str, str]:
    """Label -> value pairs of a 信息公开 table: a label cell followed by its value cell.

    A cell of more than DEFAULT_MAX_META_CELL characters (`sizes`) is page layout, neither a label
    nor a value: tables nested in its cells would otherwise have their text read once per level.
    """
    found: dict[str, str] = {}

    def small(cell: Element) -> bool:
        return sizes is None or sizes.get(cell, 0) <= DEFAULT_MAX_META_CELL

    for row in own_rows(table):  # not a nested table's: a layout table holding one is no 信息公开 table
        cells = [c for c in row if c.tag in {"td", "th"}]
        for i, cell in enumerate(cells):
            if not small(cell):
                continue
            text = clean(cell.text_content())
            label = LABEL_JUNK.sub("", text)
            if label in labels and i + 1 < len(cells):
                if small(cells[i + 1]):
                    found.setdefault(label, clean(cells[i + 1].text_content()))
            elif re.match(r"^[^:：]{2,8}[:：]", text):
                head, value = re.split(r"[:：]", text, maxsplit=1)
                if LABEL_JUNK.sub("", head) in labels and value.strip():
                    found.setdefault(LABEL_JUNK.sub("", head), value.strip())
    return found


def extract_metadata(root: Element, labels: frozenset[str]) -> dict[str, str]:
    """Read and remove every table (or <dl>) that has two or more metadata labels.

    A table inside one removed is skipped: the removed one read its rows, so it adds nothing."""
    metadata: dict[str, str] = {}
    sizes = subtree_counts(root, None)  # a later table's cells keep their size: drops precede them
    dropped: set[Element] = set()
    for table in list(root.iter("table")):
        if any(outer in dropped for outer in table.iterancestors("table")):
            continue
        found = table_to_metadata(table, labels, sizes)
        if len(found) >= 2 and table.getparent() is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            table.drop_tree()
            dropped.add(table)
    for dl in list(root.iter("dl")):  # <dt>文　　号：</dt><dd>…</dd>, laid out as a grid by CSS
        pairs = [(LABEL_JUNK.sub("", clean(dt.text_content())), dt.getnext()) for dt in dl.iter("dt")]
        found = {
            k: clean(dd.text_content())
            for k, dd in pairs
            if k in labels and dd is not None and dd.tag == "dd"
        }
        if len(found) >= 2 and dl.getparent() is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            dl.drop_tree()
    return metadata


def remove_chrome(root: Element, hints: dict[str, list[str]]) -> None:
    """Drop navigation, footers, tool links and 相关文件 lists, never a wrapper of most of the text."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    total = _cjk(root) or 1
    chrome_tags = frozenset(hints["chrome_tags"])
    for el in list(root.iter(*chrome_tags)):
        if el.getparent() is not None:
            el.drop_tree()
    counts = subtree_counts(root)  # an element's count holds while it is visited: drops come before it
    for el in list(root.iter()):
        if el.getparent() is None or el.tag in {"html", "body"}:
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        hinted = _matches(el, hints["chrome_hints"])
        if ("display:none" in style or hinted) and _cjk(el, counts) <= total // 2:
            el.drop_tree()
    links = frozenset(hints["drop_links"])
    for link in list(root.iter("a")):
        if link.getparent() is not None and clean(link.text_content()).strip("【】[]（）() ") in links:
            link.drop_tree()
    headings = frozenset(hints["related_headings"])
    longest = max(map(len, headings), default=0)
    significant = subtree_counts(root, SIGNIFICANT)  # characters _clean and strip() keep
    for el in list(root.iter("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong", "b")):
        parent = el.getparent()
        if parent is None or significant.get(el, 0) > longest:
            continue  # more text than any heading has: a cheap no before text_content()
        if clean(el.text_content()).strip("【】[]：: ") in headings:
            for sibling in [el, *el.itersiblings()]:
                sibling.drop_tree()


def find_body(root: Element, hints: list[str]) -> Element:
    """The article container: innermost hinted element with nearly all hinted CJK text, else the
    element whose direct <p>/<div> children (and its own lines between <br>s) hold the most CJK
    text. When that element lies inside
    the hinted one with nearly all its text, it is the body: the wrapper also holds the <h1> title."""
    counts = subtree_counts(root)
    scored = [(el, _cjk(el, counts)) for el in root.iter() if isinstance(el.tag, str) and _matches(el, hints)]
    scored = [(el, n) for el, n in scored if n >= DEFAULT_MIN_BODY_CJK]
    credit: dict[Element, int] = {}
    for el in root.iter("p", "div", "td", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
        parent = el.getparent()
        blocks = [child for child in el if child.tag in BLOCK_TAGS]
        if parent is not None and not blocks:
            credit[parent] = credit.get(parent, 0) + _cjk(el, counts)
        elif blocks:  # its own lines, set apart by <br> (an old site's article in one <td>)
            own = _cjk(el, counts) - sum(_cjk(child, counts) for child in blocks)
            if own > 0:
                credit[el] = credit.get(el, 0) + own
    fallback = max(credit.items(), key=lambda kv: kv[1], default=(root, 0))
    if scored:
        best = max(n for _, n in scored)
        if best * 2 >= fallback[1]:
            el, n = min((kv for kv in scored if kv[1] >= best * DEFAULT_BODY_SHARE), key=lambda kv: kv[1])
            inner = fallback[0]
            if (
                inner is not el
                and el in inner.iterancestors()
                and _cjk(inner, counts) >= n * DEFAULT_BODY_SHARE
            ):
                return inner  # an unhinted body inside a hinted wrapper (div.article > h1 + div)
            return el
    return fallback[0] if fallback[1] else root


def title_candidates(root: Element, hints: list[str]) -> list[tuple[Element, str]]:
    """Headings (<h1>…<h3>, or an element whose class or id says title) holding a line of Chinese
    text, in page order; taken before the chrome is removed, since a page may set the notice's
    title inside its header block (div.detail-header > h1)."""
    found: list[tuple[Element, str]] = []
    for el in root.iter():
        if isinstance(el.tag, str) and (el.tag in ("h1", "h2", "h3") or _matches(el, hints)):
            text = clean(el.text_content()).strip()
            if len(CJK.findall(text)) >= DEFAULT_MIN_TITLE_CJK and len(text) <= DEFAULT_MAX_TITLE:
                found.append((el, text))
    return found


def title_before(
    root: Element, body: Element, candidates: list[tuple[Element, str]]
) -> tuple[Element, str] | None:
    """The notice's title when the page sets it above the body, outside it: the last candidate
    heading before the body, not around it. One inside the removed chrome counts only when it
    reads as a notice's title (…关于…, data/header.json title_start). A body that starts with
    that line already has it."""
    order = {el: i for i, el in enumerate(root.iter())}
    around = set(body.iterancestors())
    start = order.get(body, 0)
    found: tuple[Element, str] | None = None
    for el, text in candidates:
        if el in around or el is body or body in el.iterancestors():
            continue
        kept = el in order
        if kept and order[el] > start:
            break
        if not kept and not (_before(el, body) and _title_start().match(fold(text))):
            continue
        found = (el, text)
    return None if found is None or _opens_with(body, found[1]) else found


SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s)\s*")  # …的通知_政府文件_某县人民政府


def document_title(root: Element) -> str | None:
    """The <title> without the site's name after it, when it reads as a notice's title (…关于…):
    an old site sets the heading in a plain table cell no markup names."""
    el = root.find(".//title")
    text = SITE_SEPARATOR.split(clean(el.text_content()))[0] if el is not None else ""
    return text if text and len(text) <= DEFAULT_MAX_TITLE and _title_start().match(fold(text)) else None


def _opens_with(body: Element, title: str) -> bool:
    opening = clean(body.text_content())[: 2 * len(title) + 200]
    return re.sub(r"\s+", "", title) in re.sub(r"\s+", "", opening)


@cache
def _title_start() -> regex.Pattern[str]:
    """…关于: how a notice's own title starts (data/header.json title_start)."""
    return regex.compile(load("header.json")["title_start"])


def _before(el: Element, body: Element) -> bool:
    """Did `el` (now cut out of the page with its chrome) stand before `body` in the page?"""
    return el.sourceline is not None and body.sourceline is not None and el.sourceline <= body.sourceline


def _matches(el: Element, hints: list[str]) -> bool:
    if not (el.get("class") or el.get("id")):
        return False
    text = _hints(el)
    return any(h in text for h in hints)


def parse_page(path: Path, text: str, limits: Limits) -> Element:
    """The page's tree, whole or not at all: a page with more block elements than the paragraph
    limit is refused before it is parsed (100 MB of <p> is a 3.5 GB tree), and one nested deeper
    than libxml2 allows (2,048 with huge_tree) is refused rather than cut short where it gets deep."""
    for blocks, _ in enumerate(BLOCK_START.finditer(text), start=1):
        if blocks > limits.max_paragraphs:
            found = f"holds more than {limits.max_paragraphs:,} block elements (<p>, <div>, <td>, <br>, …)"
            raise limits.refuse(path, "max_paragraphs", found)
    parser = html.HTMLParser(huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path}: cannot read as HTML: {exc}") from exc
    fatal = [e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL]
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message for e in fatal):
        raise LimitError(
            f"{path}: elements nest deeper than {HTML_MAX_DEPTH:,} levels, the HTML parser's fixed "
            "limit (no option raises it): the text below that depth would be lost"
        )
    if fatal:
        raise InputError(
            f"{path}: cannot read as HTML: the parser stopped at line {fatal[0].line}: "
            f"{fatal[0].message.strip()}"
        )
    return root


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    text, encoding = decode(data, path)
    text = XML_DECLARATION.sub("", text)  # lxml refuses a str with an encoding declaration
    root = parse_page(path, text, limits)
    apply_css(root)  # div tables become tables, numbers drawn by CSS become text
    hints = load("html.json")
    metadata_labels = frozenset(hints["metadata_labels"])
    metadata = extract_metadata(root, metadata_labels)
    candidates = title_candidates(root, hints["title_hints"])
    head_title = document_title(root)
    styles = list_styles(root)  # read before the chrome (<style> among it) goes
    remove_chrome(root, hints)
    try:
        body = find_body(root, hints["body_hints"])
        named = any(label in metadata for label in ("标题", "名称"))  # the metadata table gives it
        titled = None if named else title_before(root, body, candidates)
        head, beside = title_head(body, *titled, metadata_labels) if titled else ([], {})
        for key, value in beside.items():  # 文号：… beside the title, as a 信息公开 table gives it
            metadata.setdefault(key, value)
        if not head and not named and head_title and not _opens_with(body, head_title):
            head = [head_title]
        blocks = body_to_blocks(body, limits.max_paragraphs, head, styles)
    except TooManyLines as exc:
        found = f"holds more than {limits.max_paragraphs:,} {exc}"
        raise limits.refuse(path, "max_paragraphs", found) from None
    return RawDocument(str(path), SourceFormat.html, sha256, blocks, encoding=encoding, metadata=metadata)
