"""Write small text PDFs for the reader tests, with no font file and no PDF library.

Text is shown in a Type0 font with Identity-H encoding whose CIDs are the Unicode code points
and a ToUnicode CMap that says so, the way real PDFs carry their text layer. No glyph program is
embedded (nothing is drawn), which the reader never needs: it reads the text layer and the
boxes, and the widths come from /W. So these tests run on a machine without any CJK font.
Lines are laid out like a justified 公文 body: 16 pt, 29 pt pitch, a 2-character first-line
indent, and the renderer's automatic gap between CJK and Latin/digits.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

PAGE_W, PAGE_H = 595.3, 841.9
LEFT, RIGHT = 79.5, 521.5  # text block of the fixtures' GB/T 9704 layout
SIZE, PITCH, TOP = 16.0, 29.0, 110.0
AUTOSPACE = 0.25  # em between a CJK char and a Latin/digit, as LibreOffice and Word add


@dataclass(frozen=True)
class Text:
    """One line of text: left x, top (points from the page top), the text, font size, justify?"""

    x: float
    top: float
    text: str
    size: float = SIZE
    justify_to: float | None = None  # stretch the line so its last glyph ends here


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or 0x2010 <= ord(ch) <= 0x206F


def _advance(ch: str) -> float:
    return 1.0 if _wide(ch) else 0.5


def _positions(line: Text) -> list[tuple[str, float]]:
    """x of each glyph: natural advances, the CJK/Latin gap, then justification stretch."""
    xs: list[tuple[str, float]] = []
    x = line.x
    for i, ch in enumerate(line.text):
        if i and _wide(ch) != _wide(line.text[i - 1]) and ch != " " and line.text[i - 1] != " ":
            x += AUTOSPACE * line.size
        xs.append((ch, x))
        x += _advance(ch) * line.size
    if line.justify_to is not None and len(xs) > 1:
        extra = (line.justify_to - x) / (len(xs) - 1)
        xs = [(ch, x0 + i * extra) for i, (ch, x0) in enumerate(xs)]
    return xs


class _Fonts:
    """Type 3 fonts whose glyphs are plain boxes, up to 255 characters each, named F1, F2, …

    A Type 3 font is drawn by the PDF itself, so no font file is needed; pdfium skips text whose
    glyphs have no box, which rules out a non-embedded CJK font on a machine without one.
    """

    def __init__(self, pages: list[list[Text]], spaces: bool = False) -> None:
        chars = sorted({ch for lines in pages for line in lines for ch in line.text if spaces or ch != " "})
        self.code = {ch: (i // 255 + 1, i % 255 + 1) for i, ch in enumerate(chars)}
        self.count = (len(chars) + 254) // 255

    def members(self, font: int) -> list[str]:
        return [ch for ch, (f, _) in sorted(self.code.items(), key=lambda kv: kv[1]) if f == font]


def _content(lines: list[Text], fonts: _Fonts) -> bytes:
    ops = ["BT"]
    for line in lines:
        baseline = PAGE_H - line.top - 0.88 * line.size
        for ch, x in _positions(line):
            if ch in fonts.code:
                font, code = fonts.code[ch]
                ops.append(f"/F{font} {line.size:g} Tf 1 0 0 1 {x:.2f} {baseline:.2f} Tm <{code:02X}> Tj")
    ops.append("ET")
    return "\n".join(ops).encode()


def _to_unicode(chars: list[str]) -> bytes:
    pairs = [f"<{i:02X}> <{ord(ch):04X}>" for i, ch in enumerate(chars, start=1)]
    blocks = [
        f"{len(pairs[k : k + 100])} beginbfchar\n" + "\n".join(pairs[k : k + 100]) + "\nendbfchar"
        for k in range(0, len(pairs), 100)
    ]
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return (
        f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        + packed
        + b"\nendstream"
    )


def _assemble(objects: list[bytes], trailer_extra: str = "") -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


Box = tuple[float, float, float, float]  # x0, top, x1, bottom from the page top


RULE_STYLES = ("cells", "filled", "lines", "scaled", "form")


def _rules(boxes: list[Box], style: str = "cells") -> bytes:
    """Cell borders drawn the ways PDF writers draw them: a stroked rectangle per cell (Word's
    Table Grid), thin filled rectangles per border (Word, LibreOffice), one stroked path of
    move/line pairs, or rectangles at half size under a doubling `cm` (a scaled page); `form`
    draws the cells inside a form XObject (see `build_pdf`)."""
    if style == "filled":
        out = []
        for x0, t, x1, b in boxes:
            y0, y1 = PAGE_H - b, PAGE_H - t
            out += [f"{x0} {y0} {x1 - x0} 0.5 re f", f"{x0} {y1 - 0.5} {x1 - x0} 0.5 re f"]
            out += [f"{x0} {y0} 0.5 {y1 - y0} re f", f"{x1 - 0.5} {y0} 0.5 {y1 - y0} re f"]
        return ("\n".join(out) + "\n").encode()
    if style == "lines":
        segs = []
        for x0, t, x1, b in boxes:
            y0, y1 = PAGE_H - b, PAGE_H - t
            segs += [f"{x0} {y0} m {x1} {y0} l", f"{x0} {y1} m {x1} {y1} l"]
            segs += [f"{x0} {y0} m {x0} {y1} l", f"{x1} {y0} m {x1} {y1} l"]
        return (" ".join(segs) + " S\n").encode()
    if style == "scaled":
        cells = "".join(
            f"{x0 / 2} {(PAGE_H - b) / 2} {(x1 - x0) / 2} {(b - t) / 2} re S\n" for x0, t, x1, b in boxes
        )
        return f"q 2 0 0 2 0 0 cm\n{cells}Q\n".encode()
    return "".join(f"{x0} {PAGE_H - b} {x1 - x0} {b - t} re S\n" for x0, t, x1, b in boxes).encode()


def _proc(ch: str, wide: int, narrow: int, blank: int) -> int:
    return blank if ch == " " else wide if _wide(ch) else narrow


def build_pdf(
    pages: list[list[Text]],
    *,
    image: bool = False,
    trailer_extra: str = "",
    cells: list[list[Box]] | None = None,
    spaces: bool = False,
    rules: str = "cells",
) -> bytes:
    """A PDF with one page per list of lines; `image` puts a full-page picture under each page.

    `cells[k]` are table cell borders stroked on page k + 1, as Word's Table Grid draws them.
    `spaces` draws typed spaces as blank glyphs (LibreOffice and Word put them in the text layer);
    without it a space is only a gap, from which the PDF library may infer one. `rules` is how
    the borders are drawn (`RULE_STYLES`).
    """
    fonts = _Fonts(pages, spaces)
    n = len(pages)
    first = 3 + 2 * n  # objects after catalog, pages and (page, content) pairs
    wide, narrow, img, blank = first, first + 1, first + 2, first + 3
    font_obj = {f: first + 4 + 2 * (f - 1) for f in range(1, fonts.count + 1)}  # font, then its ToUnicode
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(n))
    names = " ".join(f"/F{f} {o} 0 R" for f, o in font_obj.items())
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for k, lines in enumerate(pages):
        forms = first + 4 + 2 * fonts.count  # the pages' form XObjects come after the fonts
        xobjects = ([f"/Im1 {img} 0 R"] if image else []) + (
            [f"/Fm1 {forms + k} 0 R"] if rules == "form" else []
        )
        xobj = f"/XObject << {' '.join(xobjects)} >>" if xobjects else ""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Contents {4 + 2 * k} 0 R "
            f"/Resources << /Font << {names} >> {xobj} >> >>".encode()
        )
        draw = f"q {PAGE_W} 0 0 {PAGE_H} 0 0 cm /Im1 Do Q\n".encode() if image else b""
        grid = _rules(cells[k], rules) if cells and k < len(cells) and rules != "form" else b""
        grid += b"/Fm1 Do\n" if rules == "form" else b""
        objects.append(_stream(draw + grid + _content(lines, fonts)))
    objects += [
        _stream(b"1000 0 0 -120 1000 880 d1 60 -60 880 880 re f"),
        _stream(b"500 0 0 -120 500 880 d1 40 0 420 700 re f"),
        _stream(
            b"\x80",
            "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
        ),
        _stream(b"500 0 0 0 500 700 d1"),
    ]
    for f in font_obj:
        chars = fonts.members(f)
        glyphs = " ".join(f"/g{i}" for i in range(1, len(chars) + 1))
        procs = " ".join(f"/g{i} {_proc(ch, wide, narrow, blank)} 0 R" for i, ch in enumerate(chars, start=1))
        widths = " ".join("1000" if _wide(ch) else "500" for ch in chars)
        objects.append(
            f"<< /Type /Font /Subtype /Type3 /FontBBox [0 -120 1000 880] "
            f"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << {procs} >> "
            f"/Encoding << /Type /Encoding /Differences [1 {glyphs}] >> /FirstChar 1 "
            f"/LastChar {len(chars)} /Widths [{widths}] /ToUnicode {font_obj[f] + 1} 0 R "
            f"/Resources << >> >>".encode()
        )
        objects.append(_stream(_to_unicode(chars)))
    if rules == "form":
        for k in range(n):
            drawn = _rules(cells[k]) if cells and k < len(cells) else b""
            objects.append(_stream(drawn, f"/Type /XObject /Subtype /Form /BBox [0 0 {PAGE_W} {PAGE_H}] "))
    return _assemble(objects, trailer_extra)


def paragraph(lines: list[str], top: float, *, indent: bool = True, ends: bool = True) -> list[Text]:
    """A justified paragraph: every line but the last stretched to the right margin.

    `ends=False` stretches the last line too, for a paragraph that goes on on the next page.
    """
    out = []
    for i, text in enumerate(lines):
        x = LEFT + (2 * SIZE if indent and i == 0 else 0.0)
        full = i < len(lines) - 1 or not ends
        out.append(Text(x, top + i * PITCH, text, justify_to=RIGHT - SIZE if full else None))
    return out


def footer(number: int) -> Text:
    """The GB/T 9704 page number '— N —', below the text block."""
    return Text(LEFT + 14 if number % 2 == 0 else RIGHT - 60, 770.0, f"— {number} —", size=14.0)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def build_encrypted_pdf(pages: list[list[Text]], user_password: bytes = b"secret") -> bytes:
    """The same PDF behind the standard security handler (RC4 40-bit) with a user password.

    Only the /Encrypt dictionary matters here: a reader without the password stops at it.
    """
    file_id = hashlib.md5(b"notice-parse test").digest()
    owner = _rc4(hashlib.md5(PAD).digest()[:5], (user_password + PAD)[:32])
    permissions = -4
    key = hashlib.md5(
        (user_password + PAD)[:32] + owner + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    user = _rc4(key, PAD)
    encrypt = f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{user.hex()}> /P {permissions} >>"
    plain = build_pdf(pages)
    head, _, tail = plain.partition(b"trailer\n")
    return (
        head
        + b"trailer\n"
        + tail.replace(
            b"/Root 1 0 R ",
            f"/Root 1 0 R /Encrypt {encrypt} /ID [<{file_id.hex()}> <{file_id.hex()}>] ".encode(),
        )
    )
