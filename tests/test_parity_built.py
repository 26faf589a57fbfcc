"""Format parity for carriers the tests build from the seed (inputs/栾政〔2021〕2号.txt), no ../shared
needed: each gives the same 50 tasks as the text, compared as tests/test_parity.py compares the
shared fixtures (number, text, heading path, unit names per role, leaders, deadline), and the same
notice.

- xlsx: the seed's table layout as a workbook (tests/xlsx_builder.py), the layout of
  ../shared/fixtures/luanzheng-2021-2.table.docx.
- ofd: one TextObject per line (tests/ofd_builder.py), read through the PDF path's layout rules.
- doc, rtf: the seed rendered to .docx (tests/render.py) and saved as .doc or .rtf by LibreOffice
  in the test; skipped where LibreOffice (soffice with Writer) is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from pipeline import parse
from schemas.notice import ParseResult
from tests import ofd_builder, render
from tests import xlsx_builder as xb
from tests.conftest import SEED
from tests.helpers import task_view


@cache
def expected() -> ParseResult:
    return parse(SEED)


def _text() -> str:
    return SEED.read_text(encoding="utf-8")


def build_xlsx(out: Path) -> Path:
    return xb.to_xlsx(xb.seed_entries(_text()), out / "seed.xlsx")


def build_ofd(out: Path) -> Path:
    return ofd_builder.to_ofd(render.notice_lines(_text()), out / "seed.ofd")


def office_convert(src: Path, fmt: str, out: Path) -> Path:
    """`src` saved as `fmt` by LibreOffice in a private profile; skips where it cannot."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (out / "lo-profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
    subprocess.run([*cmd, "--outdir", str(out), str(src)], capture_output=True, timeout=180, check=False)
    target = out / f"{src.stem}.{fmt}"
    if not target.exists():
        pytest.skip(f"LibreOffice could not save .{fmt} here (is libreoffice-writer installed?)")
    return target


def build_office(fmt: str) -> Callable[[Path], Path]:
    def build(out: Path) -> Path:
        src = out / "src"
        src.mkdir()
        docx = render.to_docx(render.notice_lines(_text()), src / "seed.docx")
        return office_convert(docx, fmt, out)

    return build


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "xlsx": build_xlsx,
    "ofd": build_ofd,
    "doc": build_office("doc"),
    "rtf": build_office("rtf"),
}


@pytest.mark.parametrize("carrier", sorted(BUILDERS))
def test_same_result_as_the_text(carrier: str, tmp_path: Path) -> None:
    result = parse(BUILDERS[carrier](tmp_path))
    assert result.source.format.value == carrier
    want, got = task_view(expected()), task_view(result)
    assert len(got) == len(want) == 50, f"{carrier}: {len(got)} tasks"
    for w, g in zip(want, got, strict=True):
        assert g == w, f"{carrier}: task {w[0]} differs:\n expected {w}\n got      {g}"
    assert result.notice == expected().notice
    for task in result.tasks:
        loc = task.source
        assert loc.line_start or loc.paragraph or loc.page or loc.row, f"{carrier}: {task.id} has no location"
