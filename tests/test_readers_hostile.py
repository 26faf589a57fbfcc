"""Readers on hostile shapes: linear where the old code was quadratic or recursive, and unchanged
on everything else (each rewrite is checked against the code it replaced, on random inputs)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from pipeline import parse
from pipeline.readers import read
from pipeline.readers.docx_numbering import format_number
from pipeline.readers.html import subtree_counts
from pipeline.readers.html_lines import BLOCK_TAGS, body_to_blocks, clean, own_rows, table_to_rows
from pipeline.readers.numbers import bounded_int
from pipeline.readers.pdf_layout import Glyph, glyphs_to_lines
from pipeline.readers.text import gb2312_share, text_to_lines
from tests import hostile_builder as hb

# ---------------------------------------------------------------- the code the rewrites replaced


def old_text_lines(text: str) -> list[tuple[str, int]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [(line, i) for i, line in enumerate(text.split("\n"), start=1) if line and not line.isspace()]


def old_share(text: str) -> float:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 1.0
    inside = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            inside += 1
        except UnicodeEncodeError:
            pass
    return inside / len(wide)


class OldLines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        if text:
            self.lines.append(text)
        self.buffer = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(re.sub(r"[ \t\n\r\f]+", " ", text))

    def walk(self, el: html.HtmlElement) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                self.add(child.tail)
                continue
            if child.tag == "br":
                self.flush()
            elif child.tag in BLOCK_TAGS:
                self.flush()
                self.add(child.text)
                self.walk(child)
                self.flush()
            else:
                self.add(child.text)
                self.walk(child)
            self.add(child.tail)


TEXT_CHARS = st.sampled_from(list("一、1.县牵头：单位 \t\n\r\u3000\u00a0\x0b\x1c\u2028ab"))
TAGS = ["div", "p", "span", "b", "br", "table", "tr", "td", "li", "a", "h1", "font"]


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            inner = draw(markup(depth + 1)) if tag != "br" else ""
            parts.append(f"<{tag}>{inner}</{tag}>" if tag != "br" else "<br>")
        else:
            parts.append(draw(st.text(TEXT_CHARS, max_size=6)))
    return "".join(parts)


# ---------------------------------------------------------------- equivalence


@settings(max_examples=300, deadline=None)
@given(st.text(TEXT_CHARS, max_size=80))
def test_text_lines_as_before(text: str) -> None:
    new = [(ln.text, ln.loc.line_start) for ln in text_to_lines(text)]
    assert new == old_text_lines(text)


def test_text_lines_stop_after_the_limit() -> None:
    assert len(text_to_lines("a\n\n" * 1000, limit=10)) == 11


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("县发改委a1 ©€丟丢\u00e9\u4e28")), max_size=40))
def test_gb2312_share_as_before(text: str) -> None:
    assert gb2312_share(text) == old_share(text)


@settings(max_examples=200, deadline=None)
@given(markup())
def test_page_walk_as_before(body: str) -> None:
    root = html.document_fromstring(f"<html><body><div>{body}x</div></body></html>")
    div = root.find(".//div")
    old = OldLines()
    old.add(div.text)
    old.walk(div)
    old.flush()
    new = [b.text for b in body_to_blocks(div) if hasattr(b, "text")]
    assert "table" in body or new == old.lines


@settings(max_examples=200, deadline=None)
@given(markup())
def test_counts_and_rows_as_before(body: str) -> None:
    root = html.document_fromstring(f"<html><body><div>{body}x</div></body></html>")
    counts = subtree_counts(root, None)
    for el in root.iter():
        if isinstance(el.tag, str):
            assert counts[el] == len(el.text_content())
    for table in root.iter("table"):
        old = [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]
        assert own_rows(table) == old


@given(st.one_of(st.none(), st.text(st.sampled_from(list(" 0123456789²١-x")), max_size=12)))
def test_bounded_int_never_raises(value: str | None) -> None:
    n = bounded_int(value, 1000)
    assert 1 <= n <= 1000
    if value and value.strip().isascii() and value.strip().isdigit() and 0 < int(value) <= 1000:
        assert n == int(value)


# ---------------------------------------------------------------- shapes that hung or crashed


def test_nested_tables_read_in_linear_time(tmp_path: Path) -> None:
    """600 tables one inside the other: the 信息公开 scan read each cell's text once per level."""
    body = "".join(f"<p>{line}</p>" for line in hb.notice_paragraphs())
    page = (
        "<html><body>"
        + "<table><tr><td>x</td><td>" * 600
        + body
        + "</td></tr></table>" * 600
        + "</body></html>"
    )
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    assert len(parse(path).tasks) == 50


def test_huge_and_odd_spans() -> None:
    """A colspan is clamped to 1000 and a rowspan to 65534 (the HTML standard's clamps), "²" is no
    number, and stacked rowspans stop at the widest colspan instead of widening every row below."""
    rows = '<tr><td colspan="99999999999" rowspan="9999999">一、x</td><td colspan="²">y</td></tr>' * 300
    table = html.fragment_fromstring(f"<table>{rows}</table>")
    cells = [c for row in table_to_rows(table, 1).rows for c in row]
    assert max(c.span for c in cells) == 1000
    assert len(cells) < 300 * 1003


def test_docx_grid_span_is_bounded(tmp_path: Path) -> None:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="{}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    row = "".join(cell.format(v) for v in ("99999999999999999999", "²", "3"))
    path = hb.docx_with_body(tmp_path / "span.docx", f"<w:tbl><w:tr>{row}</w:tr></w:tbl>".encode())
    spans = [c.span for c in read(path).blocks[0].rows[0]]  # type: ignore[union-attr]
    assert spans == [63, 1, 3]


def test_list_numbers_beyond_word_range_are_decimal() -> None:
    assert format_number(27, "upperLetter") == "AA"
    assert format_number(10**9, "upperLetter") == str(10**9)
    assert format_number(10**12, "upperRoman") == str(10**12)
    assert format_number(3999, "upperRoman") == "MMMCMXCIX"


def test_a_pdf_line_of_many_glyphs_is_linear() -> None:
    glyphs = [Glyph("字", 100.0, 100.0, 116.0, 116.0, 16.0) for _ in range(60_000)]
    assert len(glyphs_to_lines(glyphs, 1)) == 1
