"""One reader per carrier behind one interface: `read(path) -> RawDocument`.

The format is chosen by sniffing the bytes first (a .txt that is really a .docx zip is read as
.docx) and by the extension second, through one table, not an if/elif chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from pipeline.document import RawDocument
from pipeline.errors import InputError, UnsupportedFormatError
from schemas.notice import SourceFormat

Reader = Callable[[Path, bytes, str], RawDocument]

# format -> module in this package whose `read(path, data, sha256)` builds the RawDocument;
# imported on first use so a text-only run never loads python-docx, lxml or pdfium.
READERS: dict[SourceFormat, str] = {
    SourceFormat.txt: "pipeline.readers.text",
    SourceFormat.docx: "pipeline.readers.docx",
    SourceFormat.pdf: "pipeline.readers.pdf",
    SourceFormat.html: "pipeline.readers.html",
}

EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.txt,
    ".text": SourceFormat.txt,
    ".csv": SourceFormat.txt,
    ".md": SourceFormat.txt,
    ".docx": SourceFormat.docx,
    ".pdf": SourceFormat.pdf,
    ".html": SourceFormat.html,
    ".htm": SourceFormat.html,
    ".shtml": SourceFormat.html,
}

CONVERT_HINT = "convert it first, e.g. `libreoffice --headless --convert-to docx FILE`"
UNSUPPORTED: dict[str, str] = {
    ".doc": "a legacy Word .doc file",
    ".wps": "a WPS Office .wps file",
    ".ofd": "an OFD (版式文档) file",
    ".rtf": "an RTF file",
    ".xls": "a legacy Excel file",
    ".xlsx": "an Excel workbook",
}

SNIFF_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),  # OLE2: .doc/.wps/.xls
    (b"{\\rtf", ".rtf"),
)


def sniff(path: Path, data: bytes) -> SourceFormat:
    """Decide the carrier from the bytes, then from the extension."""
    suffix = path.suffix.lower()
    head = data[:1024]
    for signature, kind in SNIFF_SIGNATURES:
        if head.startswith(signature):
            if kind == "pdf":
                return SourceFormat.pdf
            raise UnsupportedFormatError(
                f"{path}: {UNSUPPORTED.get(suffix, UNSUPPORTED[kind])}; {CONVERT_HINT}"
            )
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return SourceFormat.docx
        if suffix == ".ofd" or b"OFD.xml" in data[:65536]:
            raise UnsupportedFormatError(f"{path}: {UNSUPPORTED['.ofd']}; {CONVERT_HINT}")
        raise UnsupportedFormatError(f"{path}: a zip archive that is not a .docx; {CONVERT_HINT}")
    if suffix in UNSUPPORTED:
        raise UnsupportedFormatError(f"{path}: {UNSUPPORTED[suffix]}; {CONVERT_HINT}")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or suffix in {".html", ".htm", ".shtml"}:
        return SourceFormat.html
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix == "":
        return SourceFormat.txt
    known = ", ".join(sorted(EXTENSIONS))
    raise UnsupportedFormatError(f"{path}: unsupported extension {suffix!r}; expected one of {known}")


def read(path: Path) -> RawDocument:
    """Read any supported carrier into a RawDocument, or raise an InputError naming the problem."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a notice file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = sniff(path, data)
    reader: Reader = import_module(READERS[fmt]).read
    return reader(path, data, hashlib.sha256(data).hexdigest())
