"""Zip containers other than .docx (.xlsx, OFD): the zip-bomb checks of `docx_package`, and safe XML.

The central directory states every member's size and zipfile never inflates past it, so the
sum of the sizes (`--max-unpacked`) and each large member's compression ratio (`--max-ratio`)
are refused before anything is inflated. XML members are parsed by lxml with entities left
unexpanded, no network, no DTD loading, and a DOCTYPE refused (neither Excel nor an OFD writer
emits one; with entities unexpanded the text after each reference would silently vanish).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.limits import DEFAULT_RATIO_FLOOR, Limits, show

# What reading a damaged member raises.
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


def check_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip bomb from the zip directory, before anything is inflated: the members' total
    unpacked size (--max-unpacked) and each member's compression ratio (--max-ratio)."""
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        raise limits.refuse(path, "max_unpacked", f"its zip members unpack to {show(total, True)}")
    for info in infos:
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size >= DEFAULT_RATIO_FLOOR and ratio > limits.max_ratio:
            found = f"{info.filename} is compressed {ratio:,.0f}:1 ({show(info.file_size, True)} unpacked)"
            raise limits.refuse(path, "max_ratio", found)


def open_zip(path: Path, data: bytes, limits: Limits, kind: str) -> zipfile.ZipFile:
    """The archive, its members' sizes checked against the limits; `kind` names it in errors."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{path}: cannot read as {kind}: not a readable zip archive ({exc})") from exc
    check_sizes(path, infos, limits)
    return z


def parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def member_xml(path: Path, z: zipfile.ZipFile, name: str, kind: str) -> Any:
    """The root element of member `name`, parsed safely; InputError when missing or malformed."""
    from lxml import etree

    try:
        raw = z.read(name)
    except KeyError as exc:
        raise InputError(f"{path}: cannot read as {kind}: missing part {name}") from exc
    except UNREADABLE as exc:
        raise InputError(f"{path}: cannot read as {kind}: {name} is damaged ({exc})") from exc
    try:
        root = etree.fromstring(raw, parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: cannot read as {kind}: malformed XML in {name} ({exc})") from exc
    refuse_doctype(path, name, root)
    return root


def refuse_doctype(path: Path, name: str, root: Any) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(
            f"{path}: {name} declares a DOCTYPE (entities), which no writer of it emits; refused"
        )
