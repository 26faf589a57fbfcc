"""Hostile inputs for the limit tests, built small and fast: each is refused, never run to exhaustion.

- `docx_with_body`: a python-docx package whose body is replaced (3 million empty paragraphs,
  an entity reference), optionally with a DOCTYPE before the root and extra members;
- `zip_bomb_docx`: a .docx carrying a member that inflates 1000:1;
- `deep_html`: a page whose notice's first half sits under N nested <div>s;
- `text_with_lines`: a .txt of N numbered task lines.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from tests.conftest import SEED

DOCTYPE_ENTITY = b'<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/hostname">]>'


def _template() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("x")
    document.save(buffer)
    return buffer.getvalue()


def docx_with_body(
    path: Path, body: bytes, *, prolog: bytes = b"", extra: dict[str, bytes] | None = None
) -> Path:
    """A valid package whose <w:body> holds `body`; `prolog` goes after the XML declaration."""
    with (
        zipfile.ZipFile(io.BytesIO(_template())) as template,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in template.infolist():
            data = template.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.split(b"<w:body>", 1)
                head = head.replace(b"?>", b"?>" + prolog, 1)
                data = head + b"<w:body>" + body + rest[rest.index(b"<w:sectPr") :]
            out.writestr(info.filename, data)
        for name, blob in (extra or {}).items():
            out.writestr(name, blob)
    return path


def paragraphs_xml(texts: list[str]) -> bytes:
    return b"".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>".encode() for t in texts)


def notice_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def zip_bomb_docx(path: Path, inflated: int = 20_000_000) -> Path:
    """The seed notice as .docx plus word/media/bomb.bin: `inflated` zero bytes, ~1000:1."""
    return docx_with_body(
        path, paragraphs_xml(notice_paragraphs()), extra={"word/media/bomb.bin": bytes(inflated)}
    )


def deep_html(path: Path, depth: int) -> Path:
    """The seed notice with its first half under `depth` nested <div>s and its second half after."""
    lines = [f"<p>{line}</p>" for line in notice_paragraphs()]
    half = len(lines) // 2
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="TRS_Editor">'
        + "<div>" * depth
        + "".join(lines[:half])
        + "</div>" * depth
        + "".join(lines[half:])
        + "</div></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def text_with_lines(path: Path, n: int) -> Path:
    """A heading and `n` numbered task lines with a lead unit each: `n` * 2 + 1 paragraphs."""
    lines = ["一、总体要求"]
    for i in range(1, n + 1):
        lines += [f"{i}.推进第{i}项工作。", "牵头单位：县发改委"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
