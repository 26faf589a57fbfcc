"""Seeds and mutators for `scripts/fuzz.py`.

Seeds are the shared fixtures (../shared/fixtures) when present, else the carriers the tests
build from the seed text (tests/render.py, tests/docx_builder.py), plus inputs/. A mutator takes
the bytes and a `random.Random` and returns new bytes; which mutators apply depends on the
carrier: byte-level ones on every file, inner-XML ones on word/document.xml inside a .docx (the
zip rewritten around it), markup ones on .html, text ones on .txt, number ones on .pdf.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
INPUTS = ROOT / "inputs"
SEED_TEXT = INPUTS / "栾政〔2021〕2号.txt"

Mutator = Callable[[bytes, random.Random], bytes]

INTERESTING_BYTES = (0x00, 0xFF, 0x7F, 0x80, 0x0A, 0x0D, 0x3C, 0x3E, 0x26, 0x22)
INTERESTING_NUMBERS = ("0", "-1", "1", "65535", "2147483648", "99999999999999999999", "9" * 5000, "²")
XML_TOKENS = (
    b"<w:p>",
    b"</w:p>",
    b"<w:p/>" * 50,
    b"<w:r><w:t>",
    b"</w:t></w:r>",
    b"<w:tbl><w:tr><w:tc>",
    b"</w:tc></w:tr></w:tbl>",
    b'<w:tc><w:tcPr><w:gridSpan w:val="99999999999"/><w:vMerge/></w:tcPr>',
    b'<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
    b'<w:fldChar w:fldCharType="begin"/>',
    b'<w:fldChar w:fldCharType="separate"/>',
    b'<w:fldChar w:fldCharType="end"/>',
    b"<mc:AlternateContent><mc:Fallback>",
    b"<w:sdt><w:sdtContent>" * 40,
    b"<w:txbxContent><w:p><w:r><w:t>\xe6\x96\x87</w:t></w:r></w:p></w:txbxContent>",
    b'<!DOCTYPE w:document [<!ENTITY e "x">]>',
    b"&e;",
    b"&amp;",
    b"&#0;",
    b"&#xFFFF;",
    b"&#x1F600;",
    b"<![CDATA[",
    b"]]>",
    b"<?pi x?>",
    b"<!--",
    b"-->",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "一、".encode(),
    "（一）".encode(),
    b"1.",
    "牵头单位：县发改委".encode(),
    "责任单位：".encode(),
)
HTML_TOKENS = (
    b"<div>" * 300,
    b"</div>" * 50,
    b"<p>",
    b"</p>",
    b"<br>" * 200,
    b"<table><tr><td>",
    b"</td></tr></table>",
    b'<td colspan="1000000" rowspan="1000000">',
    b'<td rowspan="0" colspan="\xc2\xb2">',
    b'<meta charset="gbk">',
    b'<meta http-equiv="Content-Type" content="text/html; charset=big5">',
    b"<script>",
    b"</body></html>",
    b"<!--",
    b'<p style="display:none">',
    b'<div class="nav footer">',
    b'<div class="TRS_Editor">',
    b"&nbsp;" * 100,
    b"&#0;",
    b"&#xD800;",
    b"<![CDATA[",
    b'<?xml version="1.0" encoding="utf-16"?>',
    b"\x00",
    "相关文件".encode(),
    "发文字号：".encode(),
    "一、".encode(),
    "牵头单位：县发改委".encode(),
)
TEXT_TOKENS = (
    b"\x00",
    b"\r",
    b"\r\n" * 100,
    b"\n" * 1000,
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x81\x30",
    b"\xc3",
    b"\t| |\t",
    "一、".encode(),
    "（一）".encode(),
    b"1.",
    "①".encode(),
    "牵头单位：".encode(),
    "责任单位：县发改委、县财政局".encode(),
    "（牵头单位：县发改委；责任单位：县财政局）".encode(),
    "序号 工作任务 牵头单位".encode(),
    "列第一位的为牵头单位，下同".encode(),
    "2021年13月45日".encode(),
    "　".encode() * 200,
    "县".encode() * 5000,
)
PDF_KEYS = (b"/Count", b"/Length", b"/Size", b"/W ", b"/First", b"/N ", b"/Prev", b"startxref", b"obj")


# ---------------------------------------------------------------- byte-level


def bit_flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def byte_set(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = (
            rng.choice(INTERESTING_BYTES) if rng.random() < 0.6 else rng.randrange(256)
        )
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    cut = (
        rng.randrange(1, len(data))
        if rng.random() < 0.5
        else len(data) - rng.randint(1, min(len(data) - 1, 4096))
    )
    return data[: max(1, cut)]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    blob = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return data[:i] + blob + data[i:]


def delete_range(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, min(4096, len(data) - i)) :] or data[:1]


def duplicate_range(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    chunk = data[i : i + rng.randint(1, 4096)] * rng.choice((1, 2, 10))
    j = rng.randrange(len(data) + 1)
    return data[:j] + chunk + data[j:]


BYTE_MUTATORS: dict[str, Mutator] = {
    "bit-flip": bit_flip,
    "byte-set": byte_set,
    "truncate": truncate,
    "insert": insert_bytes,
    "delete": delete_range,
    "duplicate": duplicate_range,
}


# ---------------------------------------------------------------- markup (XML inside .docx, HTML)


def _tags(data: bytes) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rb"<[^<>]{0,200}>", data)]


def markup_mutation(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> bytes:
    """One structural edit: drop, duplicate or swap tags, insert a token, garble an attribute."""
    tags = _tags(data)
    if not tags:
        return insert_bytes(data, rng)
    kind = rng.randrange(6)
    a, b = tags[rng.randrange(len(tags))]
    if kind == 0:  # drop a tag
        return data[:a] + data[b:]
    if kind == 1:  # duplicate a span from one tag to a later one
        c, d = tags[min(len(tags) - 1, tags.index((a, b)) + rng.randint(1, 20))]
        return data[:d] + data[a:d] * rng.choice((1, 2, 50)) + data[d:]
    if kind == 2:  # swap two tags
        c, d = tags[rng.randrange(len(tags))]
        if c < a:
            a, b, c, d = c, d, a, b
        if c < b:
            return data
        return data[:a] + data[c:d] + data[b:c] + data[a:b] + data[d:]
    if kind == 3:  # an attribute value -> an interesting number
        tag = data[a:b]
        values = list(re.finditer(rb'="[^"]*"', tag))
        if not values:
            return data[:a] + rng.choice(tokens) + data[a:]
        v = rng.choice(values)
        new = b'="' + rng.choice(INTERESTING_NUMBERS).encode() + b'"'
        return data[:a] + tag[: v.start()] + new + tag[v.end() :] + data[b:]
    if kind == 4:  # cut the markup in the middle of a tag
        return data[: rng.randrange(a, b)]
    at = rng.choice((a, b, rng.randrange(len(data) + 1)))
    return data[:at] + rng.choice(tokens) + data[at:]


def docx_inner(data: bytes, rng: random.Random) -> bytes:
    """Mutate word/document.xml (now and then another part) and zip the package again."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(info, z.read(info)) for info in z.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return bit_flip(data, rng)
    names = [info.filename for info, _ in members]
    target = "word/document.xml" if rng.random() < 0.85 or len(names) < 2 else rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, blob in members:
            if info.filename == target:
                for _ in range(rng.randint(1, 3)):
                    blob = markup_mutation(blob, rng, XML_TOKENS) if blob else blob
            z.writestr(info.filename, blob)
    return out.getvalue()


def zip_header(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside a central-directory or local header: sizes, flags, method, offsets."""
    heads = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data)]
    if not heads:
        return bit_flip(data, rng)
    out = bytearray(data)
    start = rng.choice(heads)
    for _ in range(rng.randint(1, 4)):
        i = min(len(out) - 1, start + rng.randrange(4, 46))
        out[i] = rng.choice((0x00, 0xFF, 0x01, 0x08, 0x7F)) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(out)


def html_markup(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = markup_mutation(data, rng, HTML_TOKENS)
    return data


def text_tokens(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(data) + 1)
        data = data[:i] + rng.choice(TEXT_TOKENS) + data[i:]
    return data


def text_reencode(data: bytes, rng: random.Random) -> bytes:
    """The text in another encoding, with or without a BOM, sometimes with a byte damaged."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return bit_flip(data, rng)
    codec = rng.choice(("utf-16-le", "utf-16-be", "gb18030", "big5", "utf-8-sig", "utf-32"))
    out = text.encode(codec, errors="replace")
    return byte_set(out, rng) if rng.random() < 0.3 else out


def pdf_numbers(data: bytes, rng: random.Random) -> bytes:
    """Replace the number after a structural key (/Count, /Length, xref offsets) with another."""
    key = rng.choice(PDF_KEYS)
    spots = [m.end() for m in re.finditer(re.escape(key), data)]
    if not spots:
        return bit_flip(data, rng)
    at = rng.choice(spots)
    m = re.compile(rb"\s*-?\d+").match(data, at)
    end = m.end() if m else at
    return data[:at] + b" " + rng.choice(INTERESTING_NUMBERS[:6]).encode() + data[end:]


CARRIER_MUTATORS: dict[str, dict[str, Mutator]] = {
    "docx": {"inner-xml": docx_inner, "zip-header": zip_header},
    "html": {"markup": html_markup},
    "txt": {"text-tokens": text_tokens, "reencode": text_reencode},
    "pdf": {"pdf-numbers": pdf_numbers},
}


def carrier(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html"}.get(suffix, suffix if suffix in CARRIER_MUTATORS else "txt")


def mutators_for(path: Path) -> dict[str, Mutator]:
    """Byte-level mutators and the carrier's own, the carrier's weighted as much as all others."""
    own = CARRIER_MUTATORS.get(carrier(path), {})
    return {**BYTE_MUTATORS, **own}


def mutate(path: Path, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """(mutator name, mutant); half the time the carrier's own mutator when it has one."""
    own = CARRIER_MUTATORS.get(carrier(path), {})
    pool = own if own and rng.random() < 0.5 else BYTE_MUTATORS
    name = rng.choice(sorted(pool))
    out = pool[name](data, rng)
    return name, out or b"\x00"


# ---------------------------------------------------------------- seeds


def built_seeds(folder: Path) -> list[Path]:
    """The seed notice rendered by the tests' builders: .docx (typed and Word-numbered), .html,
    .pdf, GB18030 and UTF-16 text, and the reader tests' feature-rich .docx."""
    sys.path.insert(0, str(ROOT))
    from tests import render
    from tests.docx_builder import build_notice_docx

    folder.mkdir(parents=True, exist_ok=True)
    text = SEED_TEXT.read_text(encoding="utf-8")
    lines = render.notice_lines(text)
    meta: dict[str, str | None] = {
        "title": lines[1],
        "doc_number": lines[0],
        "issuer": None,
        "issued_on": None,
    }
    out = [
        render.to_docx(lines, folder / "seed.docx"),
        render.to_docx(lines, folder / "seed.numbered.docx", numbered=True),
        render.to_html(lines, folder / "seed.html", meta=meta),
        render.to_pdf(lines, folder / "seed.pdf"),
        build_notice_docx(folder / "features.docx"),
    ]
    for name, data in (
        ("seed.gb18030.txt", text.replace("\n", "\r\n").encode("gb18030")),
        ("seed.utf16.txt", b"\xff\xfe" + text.encode("utf-16-le")),
    ):
        (folder / name).write_bytes(data)
        out.append(folder / name)
    return out


def seed_files(folder: Path, source: str = "auto") -> list[Path]:
    """`auto`: the shared fixtures when present, else the built carriers; `built`, `fixtures` or
    `all` to choose; inputs/ always."""
    fixtures = sorted(p for p in FIXTURES.glob("*") if p.suffix in {".txt", ".docx", ".pdf", ".html"})
    use_fixtures = source in {"fixtures", "all"} or (source == "auto" and fixtures)
    use_built = source in {"built", "all"} or (source == "auto" and not fixtures)
    seeds = [*(fixtures if use_fixtures else []), *(built_seeds(folder) if use_built else [])]
    return seeds + sorted(p for p in INPUTS.glob("*") if p.is_file())
