"""Word .docx: body paragraphs and tables in document order, with Word's list numbers as text.

python-docx opens the package (and reports a broken one); the body is then walked as a plain lxml
tree, because building python-docx Paragraph/Run objects per run costs more than the walk itself.
What a reader of the printed notice sees is kept: run text, tabs, line breaks, field results,
inserted revisions, text boxes (once) and generated list markers. What it does not see is left
out: headers and footers (page numbers), field codes, deleted revisions, mc:Fallback copies.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline.document import Block, Cell, Line, RawDocument, Table
from pipeline.errors import InputError
from pipeline.limits import Limits
from pipeline.readers.docx_numbering import Numbering
from pipeline.readers.docx_package import check_package
from pipeline.readers.numbers import bounded_int
from schemas.notice import Location, SourceFormat

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VAL = f"{W}val"
P, TBL, TR, TC, R = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}r"
PPR, TXBX = f"{W}pPr", f"{W}txbxContent"
FLD_TYPE = f"{W}fldCharType"

# Wrappers that hold blocks, rows or cells without changing them (content controls, custom XML).
BLOCK_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"})
# Paragraph-level containers whose runs are shown: links, insertions, content controls, simple fields.
INLINE_WRAPPERS = frozenset(
    {
        f"{W}hyperlink",
        f"{W}ins",
        f"{W}moveTo",
        f"{W}smartTag",
        f"{W}sdt",
        f"{W}sdtContent",
        f"{W}customXml",
        f"{W}fldSimple",
        f"{W}dir",
        f"{W}bdo",
    }
)
RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
MAX_GRID_SPAN = 63  # Word's table column limit
NOTE_REFERENCES = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}
DRAWINGS = frozenset({f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"})


def _children(parent: Any, tags: frozenset[str]) -> Iterator[Any]:
    """Children with one of `tags`, looking through content-control and custom-XML wrappers."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from _children(child, tags)


def _alternate(el: Any) -> Any:
    """mc:AlternateContent holds the same content twice; read the first mc:Choice only."""
    choice = el.find(f"{MC}Choice")
    return choice if choice is not None else el.find(f"{MC}Fallback")


class _Paragraph:
    """Collects one paragraph's visible text, tracking field state and text boxes met on the way."""

    __slots__ = ("boxes", "fields", "hidden", "notes", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.notes: list[tuple[str, str]] = []  # (footnote or endnote, w:id) referred to here
        self.fields: list[bool] = []  # one entry per open field: True while in its instruction part
        self.hidden = 0  # how many entries of `fields` are True (not `True in fields`: a run each)
        self.boxes: list[Any] = []

    def walk(self, el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self.run(child)
            elif tag in INLINE_WRAPPERS:
                self.walk(child)
            elif tag == f"{MC}AlternateContent":
                alt = _alternate(child)
                if alt is not None:
                    self.walk(alt)

    def run(self, run: Any) -> None:
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                if not self.hidden:
                    self.parts.append(child.text or "")
            elif tag in RUN_TEXT:
                if not self.hidden:
                    self.parts.append(RUN_TEXT[tag])
            elif tag == f"{W}fldChar":
                kind = child.get(FLD_TYPE)
                if kind == "begin":
                    self.fields.append(True)
                    self.hidden += 1
                elif kind == "separate" and self.fields:
                    self.hidden -= self.fields[-1]
                    self.fields[-1] = False
                elif kind == "end" and self.fields:
                    self.hidden -= self.fields.pop()
            elif tag in DRAWINGS:
                self.drawing(child)
            elif tag in NOTE_REFERENCES:
                self.notes.append((NOTE_REFERENCES[tag], child.get(f"{W}id", "")))

    def drawing(self, el: Any) -> None:
        if el.tag == f"{MC}AlternateContent":
            el = _alternate(el)
            if el is None:
                return
        for box in el.iter(TXBX):
            parent = box.getparent()
            while parent is not None and parent is not el and parent.tag != TXBX:
                parent = parent.getparent()
            if parent is el or parent is None:  # skip boxes nested in a box: that box reads them
                self.boxes.append(box)


class TooManyParagraphs(Exception):
    """Raised by the walk at the paragraph after `limit`; `read` turns it into a LimitError."""


class _Reader:
    """Walks the body once; numbering counters advance in document order across every paragraph."""

    def __init__(self, numbering: Numbering, limit: int | None = None) -> None:
        self.numbering = numbering
        self.limit = limit
        self.count = 0  # every w:p read: body, cells, text boxes
        self.here = Location(paragraph=1)  # the body paragraph or table being read
        self.note_places: dict[tuple[str, str], Location] = {}  # each note's first reference

    def paragraph(self, p: Any) -> tuple[str, list[str]]:
        """(text with its list marker, lines of the text boxes anchored in it)."""
        self.count += 1
        if self.limit is not None and self.count > self.limit:
            raise TooManyParagraphs
        acc = _Paragraph()
        acc.walk(p)
        for ref in acc.notes:
            self.note_places.setdefault(ref, self.here)
        marker = self.numbering.marker(p.find(PPR))
        boxes = [line for box in acc.boxes for line in self.container_lines(box)]
        return marker + "".join(acc.parts), boxes

    def container_lines(self, el: Any) -> list[str]:
        """Every paragraph of a text box or table cell as a line, nested tables flattened."""
        lines: list[str] = []
        for child in _children(el, frozenset({P, TBL})):
            if child.tag == P:
                text, boxes = self.paragraph(child)
                lines.append(text)
                lines.extend(boxes)
            else:
                for row in _children(child, frozenset({TR})):
                    for cell in _children(row, frozenset({TC})):
                        lines.extend(self.container_lines(cell))
        return lines

    def table(self, tbl: Any, number: int) -> Table:
        rows: list[tuple[Cell, ...]] = []
        for r, tr in enumerate(_children(tbl, frozenset({TR})), start=1):
            loc = Location(table=number, row=r)
            cells: list[Cell] = []
            for tc in _children(tr, frozenset({TC})):
                span, continued = 1, False
                tc_pr = tc.find(f"{W}tcPr")
                if tc_pr is not None:
                    grid_span = tc_pr.find(f"{W}gridSpan")
                    if grid_span is not None:
                        span = bounded_int(grid_span.get(VAL), MAX_GRID_SPAN)
                    v_merge = tc_pr.find(f"{W}vMerge")
                    continued = v_merge is not None and v_merge.get(VAL) != "restart"
                lines = self.container_lines(tc)  # read even when merged away: counters advance
                cells.append(Cell("" if continued else "\n".join(lines), loc, span, continued=continued))
            if cells:  # a row without cells (<tr></tr>, a w:tr without w:tc) carries nothing
                rows.append(tuple(cells))
        return Table(tuple(rows), Location(table=number))

    def body_to_blocks(self, body: Any) -> list[Block]:
        blocks: list[Block] = []
        paragraphs = tables = 0
        for el in _children(body, frozenset({P, TBL})):
            if el.tag == P:
                paragraphs += 1
                loc = self.here = Location(paragraph=paragraphs)
                text, boxes = self.paragraph(el)
                blocks.extend(Line(line, loc) for line in _soft_lines(text))
                blocks.extend(Line(line, loc) for line in boxes)
            else:
                tables += 1
                self.here = Location(table=tables)
                blocks.append(self.table(el, tables))
        return blocks

    def notes(self, parts: list[Any]) -> list[Line]:
        """The text of each footnote and endnote the body refers to, at its reference."""
        out: list[Line] = []
        for kind, root in zip(("footnote", "endnote"), parts, strict=True):
            if root is None:
                continue
            for note in root.iter(f"{W}{kind}"):
                place = self.note_places.get((kind, note.get(f"{W}id", "")))
                if place is None:  # a separator, or a note nothing refers to
                    continue
                text = "".join(self.paragraph(p)[0] for p in note.iter(P)).strip()
                if text:
                    out.append(Line(text, place))
        return out


def _soft_lines(text: str) -> list[str]:
    """A body paragraph cut at its soft line breaks (w:br, Shift+Enter): a task and its label
    lines typed as one paragraph are lines, as in the notice's text and a web page's <br>; blank
    pieces go, as a text file's blank lines do. A table cell keeps its breaks (its lines are
    read together)."""
    if "\n" not in text:
        return [text]
    return [part for part in text.split("\n") if part.strip()] or [""]


def _open(path: Path, data: bytes) -> Any:
    """python-docx's Document, or an InputError with a short reason."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    reason: str
    error: Exception
    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        reason, error = "not a zip archive", exc
    except zipfile.BadZipFile as exc:
        broken = zipfile.is_zipfile(io.BytesIO(data))
        reason, error = (f"corrupt zip archive ({exc})" if broken else "not a zip archive"), exc
    except (zlib.error, EOFError, OSError, lzma.LZMAError) as exc:  # bz2 raises OSError
        reason, error = f"corrupt compressed data ({exc})", exc
    except KeyError as exc:
        reason, error = f"missing package part {exc}", exc
    except etree.XMLSyntaxError as exc:
        where = f", line {exc.lineno}" if exc.lineno else ""
        reason, error = f"malformed XML ({(str(exc.msg).splitlines() or ['?'])[0]}{where})", exc
    except ValueError as exc:
        reason, error = (str(exc).replace(repr("<stream>"), "").splitlines() or ["bad value"])[0], exc
    except RuntimeError as exc:  # zipfile: a member is encrypted
        reason, error = f"an encrypted or unreadable zip member ({exc})", exc
    except NotImplementedError as exc:  # zipfile: a compression method it does not know
        reason, error = f"an unsupported zip member ({exc})", exc
    except (AttributeError, TypeError, IndexError) as exc:  # python-docx meets XML not of its schema
        reason, error = f"a damaged package part ({type(exc).__name__}: {exc})", exc
    raise InputError(f"{path}: cannot read as .docx: {reason}") from error


def _xml_of(related: Callable[[], Any]) -> Any | None:
    """The XML of a related part (numbering, styles), or None when it is missing or not XML: a
    [Content_Types].xml that names no type for styles.xml makes it a bare Part without one."""
    try:
        return related().element
    except (KeyError, NotImplementedError, AttributeError, ValueError):
        return None


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    check_package(path, data, limits)
    document = _open(path, data)
    part = document.part
    numbering = Numbering(_xml_of(lambda: part.numbering_part), _xml_of(lambda: part.styles))
    body = document.element.body
    if body is None:
        raise InputError(f"{path}: cannot read as .docx: word/document.xml has no w:body")
    reader = _Reader(numbering, limits.max_paragraphs)
    try:
        blocks = reader.body_to_blocks(body)
        notes = reader.notes([_note_part(part, kind) for kind in ("footnotes", "endnotes")])
    except TooManyParagraphs:
        found = f"holds more than {limits.max_paragraphs:,} paragraphs"
        raise limits.refuse(path, "max_paragraphs", found) from None
    return RawDocument(str(path), SourceFormat.docx, sha256, blocks, encoding=None, notes=notes)


def _note_part(part: Any, kind: str) -> Any | None:
    """The root of word/footnotes.xml or endnotes.xml, or None (python-docx keeps it unparsed;
    `check_package` has refused a part that declares a DOCTYPE)."""
    from lxml import etree

    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + kind):
            try:
                parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
                return etree.fromstring(rel.target_part.blob, parser)
            except (etree.XMLSyntaxError, AttributeError, ValueError):
                return None
    return None
