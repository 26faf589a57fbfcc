"""The OFD reader: DeltaX, glyph geometry, furniture dropped by the PDF rules, safe XML, limits.
Seed parity is in tests/test_parity_built.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.document import Line
from pipeline.errors import InputError, LimitError, NeedsOcrError
from pipeline.limits import Limits
from pipeline.readers import read
from pipeline.readers.ofd import MM, OFD_NS, deltas, text_object_to_glyphs
from tests import ofd_builder, render
from tests.conftest import SEED


def test_deltas_expand_g_runs() -> None:
    assert deltas("5 5 g 3 4.5 6", 10) == [5.0, 5.0, 4.5, 4.5, 4.5, 6.0]
    assert deltas("g 1000000000 1", 4) == [1.0] * 4  # bounded by the text's length
    assert deltas("x g", 3) == []


def test_text_object_glyphs_in_points() -> None:
    obj = etree.fromstring(
        f'<ofd:TextObject xmlns:ofd="{OFD_NS[1:-1]}" Boundary="10 20 50 8" Size="5">'
        '<ofd:TextCode X="1" Y="4.4" DeltaX="5 g 2 2.5">县A1局</ofd:TextCode></ofd:TextObject>'
    )
    glyphs = text_object_to_glyphs(obj)
    assert "".join(g.ch for g in glyphs) == "县A1局"
    assert [round(g.x0 / MM, 3) for g in glyphs] == [11.0, 16.0, 18.5, 21.0]
    assert round(glyphs[0].top / MM, 3) == round(20 + 4.4 - 0.88 * 5, 3)
    assert round(glyphs[0].size / MM, 3) == 5.0


def test_page_footer_is_dropped(tmp_path: Path) -> None:
    lines = render.notice_lines(SEED.read_text(encoding="utf-8"))
    doc = read(ofd_builder.to_ofd(lines, tmp_path / "s.ofd"))
    texts = [b.text for b in doc.blocks if isinstance(b, Line)]
    assert doc.pages == 18
    assert not [t for t in texts if t.startswith("—")], "a '— N —' footer was kept"
    assert texts[0] == "栾政〔2021〕2号"
    first = doc.blocks[0]
    assert isinstance(first, Line) and first.loc.page == 1 and first.loc.bbox is not None


def _ofd(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFD_XML = f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"


def _document(pages: int) -> str:
    entries = "".join(f'<ofd:Page ID="{k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(pages))
    return f"<ofd:Document {NS}><ofd:Pages>{entries}</ofd:Pages></ofd:Document>"


def test_doctype_is_refused(tmp_path: Path) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + OFD_XML
    with pytest.raises(InputError, match="declares a DOCTYPE"):
        read(_ofd(tmp_path / "d.ofd", {"OFD.xml": bomb}))


def test_missing_parts_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing part Doc_0/Document\.xml"):
        read(_ofd(tmp_path / "m.ofd", {"OFD.xml": OFD_XML}))


def test_page_limit(tmp_path: Path) -> None:
    path = _ofd(tmp_path / "p.ofd", {"OFD.xml": OFD_XML, "Doc_0/Document.xml": _document(5)})
    with pytest.raises(LimitError, match=r"5 pages.*--max-pages"):
        read(path, Limits(max_pages=4))


def test_images_only_needs_ocr(tmp_path: Path) -> None:
    layer = "<ofd:Layer><ofd:ImageObject ResourceID='9'/></ofd:Layer>"
    page = f"<ofd:Page {NS}><ofd:Content>{layer}</ofd:Content></ofd:Page>"
    members = {"OFD.xml": OFD_XML, "Doc_0/Document.xml": _document(1), "Doc_0/Pages/Page_0/Content.xml": page}
    with pytest.raises(NeedsOcrError, match="OCR"):
        read(_ofd(tmp_path / "scan.ofd", members))
