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
from pipeline.errors import InputError, PipelineError, UnsupportedFormatError
from pipeline.limits import Limits, show
from schemas.notice import SourceFormat

Reader = Callable[[Path, bytes, str, Limits], RawDocument]

# format -> module in this package whose `read(path, data, sha256, limits)` builds the RawDocument;
# imported on first use so a text-only run never loads python-docx, lxml or pdfium.
READERS: dict[SourceFormat, str] = {
    SourceFormat.txt: "pipeline.readers.text",
    SourceFormat.docx: "pipeline.readers.docx",
    SourceFormat.pdf: "pipeline.readers.pdf",
    SourceFormat.html: "pipeline.readers.html",
    SourceFormat.xlsx: "pipeline.readers.xlsx",
    SourceFormat.xls: "pipeline.readers.xlsx",
    SourceFormat.ofd: "pipeline.readers.ofd",
    SourceFormat.doc: "pipeline.readers.convert",  # through LibreOffice to .docx
    SourceFormat.wps: "pipeline.readers.convert",
    SourceFormat.rtf: "pipeline.readers.convert",
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
    ".xlsx": SourceFormat.xlsx,
    ".xlsm": SourceFormat.xlsx,
    ".xls": SourceFormat.xls,
    ".et": SourceFormat.xls,  # WPS spreadsheet: BIFF inside OLE2, as .xls
    ".ofd": SourceFormat.ofd,
    ".doc": SourceFormat.doc,
    ".wps": SourceFormat.wps,
    ".rtf": SourceFormat.rtf,
}

CONVERT_HINT = "convert it first, e.g. `libreoffice --headless --convert-to docx FILE`"
UNSUPPORTED: dict[str, str] = {
    ".odt": "an OpenDocument text",
    ".ods": "an OpenDocument spreadsheet",
}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls, .et
OLE_SUFFIXES = {
    ".doc": SourceFormat.doc,
    ".wps": SourceFormat.wps,
    ".xls": SourceFormat.xls,
    ".et": SourceFormat.xls,
}
WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
SNIFF_SIGNATURES: tuple[tuple[bytes, SourceFormat], ...] = (
    (b"%PDF-", SourceFormat.pdf),
    (b"{\\rtf", SourceFormat.rtf),
)


def _sniff_ole(suffix: str, data: bytes) -> SourceFormat:
    """An OLE2 compound file: as its extension says, else a workbook when its directory names a
    Workbook/Book stream (a .xls saved as .txt), else a Word document."""
    if suffix in OLE_SUFFIXES:
        return OLE_SUFFIXES[suffix]
    if any(name in data for name in WORKBOOK_STREAMS):
        return SourceFormat.xls
    return SourceFormat.doc


def _sniff_zip(path: Path, suffix: str, data: bytes) -> SourceFormat:
    head = data[:65536]
    if b"word/" in head or suffix == ".docx":
        return SourceFormat.docx
    if b"xl/" in head or suffix in {".xlsx", ".xlsm"}:
        return SourceFormat.xlsx
    if suffix == ".ofd" or b"OFD.xml" in head:
        return SourceFormat.ofd
    what = UNSUPPORTED.get(suffix, "a zip archive that is not a .docx, .xlsx or OFD")
    raise UnsupportedFormatError(f"{path}: {what}; {CONVERT_HINT}")


def sniff(path: Path, data: bytes) -> SourceFormat:
    """Decide the carrier from the bytes, then from the extension."""
    suffix = path.suffix.lower()
    head = data[:1024]
    for signature, fmt in SNIFF_SIGNATURES:
        if head.startswith(signature):
            return fmt
    if head.startswith(OLE2):
        return _sniff_ole(suffix, data)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path, suffix, data)
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


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes; one over `limits.max_bytes` is refused from its size, before reading it."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a notice file")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise limits.refuse(path, "max_bytes", f"the file is {show(size, True)}")
        with path.open("rb") as f:  # bounded: a file still growing or a device is cut off too
            data = f.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > limits.max_bytes:
        raise limits.refuse(path, "max_bytes", f"the file is more than {show(limits.max_bytes, True)}")
    return data


def read(path: Path, limits: Limits | None = None, data: bytes | None = None) -> RawDocument:
    """Read any supported carrier into a RawDocument, or raise an InputError naming the problem.

    `data`: the file's bytes when the caller has them (stdin, a batch worker on another
    machine); `path` then only names the document and its extension."""
    limits = limits or Limits()
    if data is None:
        data = read_bytes(path, limits)
    elif len(data) > limits.max_bytes:
        raise limits.refuse(path, "max_bytes", f"the input is {show(len(data), True)}")
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = sniff(path, data)
    reader: Reader = import_module(READERS[fmt]).read
    try:
        return reader(path, data, hashlib.sha256(data).hexdigest(), limits)
    except PipelineError as exc:  # a library's reason may span lines (lxml quotes the bad XML)
        if exc.args and isinstance(exc.args[0], str) and "\n" in exc.args[0]:
            exc.args = (" ".join(exc.args[0].split()), *exc.args[1:])
        raise
