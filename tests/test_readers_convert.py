""".doc/.wps/.rtf through LibreOffice: the conversion recorded, the carrier's format kept, and a
one-line error (exit 4) that says how to install LibreOffice where it is absent. Seed parity
(.doc, .rtf) is in tests/test_parity_built.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import cli
from pipeline.errors import UnsupportedFormatError
from pipeline.readers import convert, read, sniff
from schemas.notice import SourceFormat

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
needs_soffice = pytest.mark.skipif(
    convert.find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.doc", OLE2, SourceFormat.doc),
        ("a.wps", OLE2, SourceFormat.wps),
        ("a.xls", OLE2, SourceFormat.xls),
        ("a.txt", OLE2 + "Workbook".encode("utf-16-le"), SourceFormat.xls),
        ("a.txt", OLE2, SourceFormat.doc),
        ("a.rtf", b"{\\rtf1 x}", SourceFormat.rtf),
        ("a.txt", b"{\\rtf1 x}", SourceFormat.rtf),
    ],
)
def test_sniff(name: str, head: bytes, fmt: SourceFormat) -> None:
    assert sniff(Path(name), head + b"\0" * 64) == fmt


def test_without_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    path = tmp_path / "n.rtf"
    path.write_bytes(b"{\\rtf1 hello}")
    with pytest.raises(UnsupportedFormatError) as err:
        read(path)
    message = str(err.value)
    assert (
        "\n" not in message and "apt-get install libreoffice-writer-nogui" in message and ".docx" in message
    )
    assert err.value.exit_code == 4


def test_without_libreoffice_exits_4(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    path = tmp_path / "n.doc"
    path.write_bytes(OLE2 + b"\0" * 100)
    assert cli.main(["parse", str(path), "--out", str(tmp_path / "o")]) == 4
    assert "LibreOffice" in capsys.readouterr().err


@needs_soffice
def test_conversion_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "n.rtf"
    path.write_bytes(b"{\\rtf1\\ansi 1.\\u20219?\\u21153?\\par}")
    doc = read(path)
    assert doc.format == SourceFormat.rtf
    assert doc.metadata["converted"] == "LibreOffice: .rtf -> .docx"
    assert doc.lines()[0].text.startswith("1.")


@needs_soffice
def test_timeout_kills_libreoffice(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"within 0\.01 s"):
        convert.convert_to_docx(tmp_path / "n.rtf", b"{\\rtf1 x}", SourceFormat.rtf, timeout=0.01)
