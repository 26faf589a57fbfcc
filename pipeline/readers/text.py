"""Plain text in any common encoding: one Line per line, numbered from 1.

The encoding is decided deterministically: a BOM first, then strict UTF-8, then UTF-16 without a
BOM when the byte pattern is unmistakable, then GB18030 (a superset of GBK and GB2312, what
Chinese Windows saves as "ANSI"). Bytes none of these decode are an error, never mojibake.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Line, RawDocument
from pipeline.errors import InputError
from schemas.notice import Location, SourceFormat

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
FALLBACKS: tuple[str, ...] = ("utf-8", "gb18030")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII (newlines, digits) shows up as a NUL in every other byte.

    The guess is kept only if the decoded text has a line break (see `decode`), so binary data
    with NULs at odd offsets is not mistaken for text.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    enough = len(data) // 16
    if odd_nuls > enough and odd_nuls > 4 * even_nuls:
        return "utf-16-le"
    if even_nuls > enough and even_nuls > 4 * odd_nuls:
        return "utf-16-be"
    return None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name.removesuffix("-sig")), name
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: has a {name} byte-order mark but is not valid {name}") from exc
    candidates = list(FALLBACKS)
    utf16 = _utf16_without_bom(data)
    if utf16:
        candidates.insert(0, utf16)
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and (name not in ("utf-16-le", "utf-16-be") or "\n" in text):
            return text, name
    raise InputError(f"{path}: cannot decode the text as UTF-8, UTF-16 or GB18030; save it as UTF-8")


def text_to_lines(text: str) -> list[Line]:
    """Split on any line end (LF, CRLF, CR); keep each non-blank line with its 1-based number.

    Blank lines carry nothing the stages use (they drop them), and skipping them here halves
    the cost of building locations on a long notice.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [
        Line(line, Location(line_start=i, line_end=i))
        for i, line in enumerate(text.split("\n"), start=1)
        if line and not line.isspace()
    ]


def read(path: Path, data: bytes, sha256: str) -> RawDocument:
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise InputError(f"{path}: holds NUL bytes; it looks like a binary file, not text")
    return RawDocument(str(path), SourceFormat.txt, sha256, list(text_to_lines(text)), encoding=encoding)
