"""Plain text in any common encoding: one Line per line, numbered from 1.

The encoding is decided deterministically: a BOM first, then strict UTF-8, then UTF-16 without a
BOM when the byte pattern is unmistakable, then GB18030 (a superset of GBK and GB2312, what
Chinese Windows saves as "ANSI"). GB18030 decodes almost any bytes, so its result is kept only
when it reads like simplified Chinese (nearly all of it inside GB2312, the everyday character
set); otherwise charset-normalizer's guess is the last resort (a Big5 file, say), and when that
fails too the file is an error, never mojibake.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pipeline.document import Block, Line, RawDocument
from pipeline.errors import InputError
from pipeline.limits import Limits
from schemas.notice import Location, SourceFormat

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
FALLBACKS: tuple[str, ...] = ("utf-8", "gb18030")
DEFAULT_MIN_GB2312_SHARE = 0.85  # real GBK notices: ~1.0; Big5 read as GB18030: ~0.3


def gb2312_share(text: str) -> float:
    """Share of the non-ASCII characters that lie in GB2312; 1.0 for a text without any.

    Counted by the codec in one pass, not per character, so a 50 MB file takes a fraction of a
    second: GB2312 writes ASCII as one byte and each of its other characters as two.
    """
    ascii_count = len(text.encode("ascii", errors="ignore"))
    wide = len(text) - ascii_count
    if not wide:
        return 1.0
    inside = (len(text.encode("gb2312", errors="ignore")) - ascii_count) // 2
    return inside / wide


def _last_resort(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, when it reads like Chinese text; else None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8", "gb18030"}:
        return None
    text = str(best)
    if "\x00" in text or not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    return text, best.encoding.replace("_", "-")


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
    nul: str | None = None  # a decoding that held NUL characters (UTF-8's when it is one)
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text and (nul is None or name == "utf-8"):
            nul = text
        if "\x00" in text or (name.startswith("utf-16") and "\n" not in text):
            continue
        if name == "gb18030" and gb2312_share(text) < DEFAULT_MIN_GB2312_SHARE:
            guess = _last_resort(data)
            if guess is None:
                raise InputError(
                    f"{path}: cannot tell the text's encoding (not UTF-8, and GB18030 gives mojibake)"
                )
            return guess
        return text, name
    if nul is not None:  # it decodes, but an editor never writes NUL: a binary file or a damaged one
        raise nul_error(path, nul)
    raise InputError(f"{path}: cannot decode the text as UTF-8, UTF-16 or GB18030; save it as UTF-8")


def nul_error(path: Path, text: str) -> InputError:
    line = text.count("\n", 0, text.find("\x00")) + 1
    return InputError(
        f"{path}: holds NUL characters (the first on line {line:,}); it looks like a binary file, "
        "not text: remove the NUL characters or export the text again"
    )


NON_BLANK = re.compile(r"^[^\n]*\S[^\n]*$", re.MULTILINE)


def text_to_lines(text: str, limit: int = sys.maxsize) -> list[Line]:
    """Split on any line end (LF, CRLF, CR); keep each non-blank line with its 1-based number.

    Blank lines carry nothing the stages use (they drop them), and skipping them here halves
    the cost of building locations on a long notice. At most `limit + 1` lines are built: the
    caller refuses a text with more, without splitting all of it first.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    number, pos = 1, 0
    for m in NON_BLANK.finditer(text):
        number += text.count("\n", pos, m.start())
        pos = m.start()
        lines.append(Line(m.group(), Location(line_start=number, line_end=number)))
        if len(lines) > limit:
            break
    return lines


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> RawDocument:
    limits = limits or Limits()
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise nul_error(path, text)
    lines = text_to_lines(text, limits.max_paragraphs)
    if len(lines) > limits.max_paragraphs:
        raise limits.refuse(
            path, "max_paragraphs", f"holds more than {limits.max_paragraphs:,} non-blank lines"
        )
    blocks: list[Block] = list(lines)
    return RawDocument(str(path), SourceFormat.txt, sha256, blocks, encoding=encoding)
