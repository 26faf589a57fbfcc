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
import re
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from lxml import etree

from pipeline.errors import InputError
from pipeline.limits import Limits
from pipeline.readers.zip_limits import check_sizes

W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DEFAULT_MAIN_PART = "word/document.xml"
NAMESPACE_PREFIX = re.compile(
    rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\'](?:http://schemas\.openxmlformats\.org/wordprocessingml/2006/main'
    rb'|http://purl\.oclc\.org/ooxml/wordprocessingml/main)["\']'
)
HEAD_BYTES = 65536  # the prolog and the root element's namespace declarations stand in these
PROLOG_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.S)  # comments and PIs, whole
ROOT_START = re.compile(rb"<[A-Za-z_]")
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


def _prolog_has_doctype(head: bytes) -> bool | None:
    """Does the prolog in these first bytes hold a DOCTYPE? None when the bytes cannot say: not
    an 8-bit encoding, or no root element start among them after comments and PIs are cut."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        return None
    prolog = PROLOG_NOISE.sub(b"", head)
    root = ROOT_START.search(prolog)
    if root is None or b"<!--" in prolog[: root.start()] or b"<?" in prolog[: root.start()]:
        return None
    return b"<!doctype" in prolog[: root.start()].lower()


def _check_part(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a DOCTYPE, which stands before the root element: read from the part's first bytes,
    or from a parse stopped at the root element where the bytes cannot say."""
    with z.open(info) as f:
        found = _prolog_has_doctype(f.read(HEAD_BYTES))
    if found is False:
        return
    with z.open(info) as f:
        for _, el in etree.iterparse(f, events=("start",), resolve_entities=False, no_network=True):
            _refuse_doctype(path, info.filename, el)
            return


def _walk_count(f: IO[bytes], limit: int) -> int:
    """Count the w:p elements of a stream as a tree walk, stopping past `limit`."""
    count = 0
    for _, el in etree.iterparse(f, events=("end",), resolve_entities=False, no_network=True):
        if el.tag == W_P:
            count += 1
            if count > limit:
                return count
        el.clear(keep_tail=False)  # the tree stays as small as one open path
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
    return count


def _count_paragraphs(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """The main part's w:p start tags, counted in its bytes (a regex in C: the tree walk of
    `_check_part` cost a quarter of a .docx read); the prefixes are those the root element binds
    to the WordprocessingML namespace. A part that binds none (a default namespace, UTF-16) is
    walked as a tree. Tags inside comments count too: the count is an upper bound."""
    data = z.read(info)  # within --max-unpacked, checked from the directory
    prefixes = sorted(set(NAMESPACE_PREFIX.findall(data, 0, HEAD_BYTES)))
    if not prefixes:
        with z.open(info) as f:
            return _walk_count(f, limit)
    names = b"|".join(re.escape(p) for p in prefixes)
    return len(re.findall(rb"<(?:" + names + rb"):p[\s/>]", data))


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
        try:
            _check_part(path, z, info)
            count = _count_paragraphs(z, info, limits.max_paragraphs) if info.filename == main else 0
        except UNREADABLE:
            continue
        if count > limits.max_paragraphs:
            found = f"{info.filename} holds more than {limits.max_paragraphs:,} paragraphs"
            raise limits.refuse(path, "max_paragraphs", found)
