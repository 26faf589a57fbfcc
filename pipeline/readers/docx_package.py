""".docx package checks made before python-docx opens (and fully inflates and parses) the file.

A .docx is a zip of XML parts. Its central directory states every member's sizes, and zipfile
never inflates a member past its stated size, so a zip bomb is refused from the directory alone:
the sum of the members' sizes (`--max-unpacked`) and each large member's compression ratio
(`--max-ratio`). The XML parts are then read as streams, never as trees: a part that declares a
DOCTYPE is refused (Word never writes one; with entities not expanded, the text after each
entity reference would silently vanish), and the main document's paragraphs are counted up to
`--max-paragraphs` (a 353 KB file can hold 3 million empty ones). A package the checks cannot
read is left to `docx._open`, which names the damage.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from lxml import etree

from pipeline.errors import InputError
from pipeline.limits import Limits
from pipeline.readers.zip_limits import check_sizes

W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DEFAULT_MAIN_PART = "word/document.xml"
XML_SUFFIXES = (".xml", ".rels")
# What reading a damaged member raises (a negative seek: ValueError; an encrypted member:
# RuntimeError); the member is then python-docx's to report, as `docx._open` names it.
UNREADABLE = (
    *(zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError),
    *(struct.error, etree.XMLSyntaxError),
)


def main_part(z: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships, as python-docx finds it."""
    try:
        with z.open("_rels/.rels") as f:
            for _, el in etree.iterparse(f, resolve_entities=False, no_network=True, tag=REL):
                if el.get("Type") in {OFFICE_DOCUMENT, STRICT_DOCUMENT} and el.get("Target"):
                    return str(PurePosixPath("/", el.get("Target") or "")).lstrip("/")
    except (KeyError, *UNREADABLE):
        pass
    return DEFAULT_MAIN_PART


def _refuse_doctype(path: Path, name: str, element: etree._Element) -> None:
    docinfo = element.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # type: ignore[attr-defined]
        raise InputError(
            f"{path}: {name} declares a DOCTYPE (entities), which Word never writes; "
            "refused: open it in Word or LibreOffice and save it again"
        )


def _check_part(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, count_limit: int | None) -> int:
    """Refuse a DOCTYPE; with `count_limit`, count the part's w:p elements, stopping past it."""
    count = 0
    with z.open(info) as f:
        events = etree.iterparse(f, events=("start", "end"), resolve_entities=False, no_network=True)
        for event, el in events:
            if event == "start":
                if count == 0 and el.getparent() is None:
                    _refuse_doctype(path, info.filename, el)
                    if count_limit is None:
                        return 0
                continue
            if el.tag == W_P:
                count += 1
                if count_limit is not None and count > count_limit:
                    return count
            el.clear(keep_tail=False)  # the tree stays as small as one open path
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    return count


def check_package(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb, a DOCTYPE or too many paragraphs; anything unreadable is left alone."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except UNREADABLE:
        return
    check_sizes(path, infos, limits)
    main = main_part(z)
    for info in infos:
        if not info.filename.endswith(XML_SUFFIXES) or info.is_dir():
            continue
        is_main = info.filename == main
        try:
            count = _check_part(path, z, info, limits.max_paragraphs if is_main else None)
        except UNREADABLE:
            continue
        if count > limits.max_paragraphs:
            found = f"{info.filename} holds more than {limits.max_paragraphs:,} paragraphs"
            raise limits.refuse(path, "max_paragraphs", found)
