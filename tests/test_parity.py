"""Format parity: every carrier of the seed notice in ../shared/fixtures gives the same tasks as its text.

One case per file (skipped when ../shared is absent): for all 50 tasks the same number, text,
heading path, units and leaders as luanzheng-2021-2.utf8.txt, the same notice metadata, and every
task records provenance.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline import parse
from schemas.notice import ParseResult
from tests.conftest import FIXTURES, needs_fixtures
from tests.helpers import task_view

pytestmark = needs_fixtures

CARRIERS = [
    "luanzheng-2021-2.gb18030.txt",
    "luanzheng-2021-2.utf16.txt",
    "luanzheng-2021-2.docx",
    "luanzheng-2021-2.html",
    "luanzheng-2021-2.pdf",
    "luanzheng-2021-2.table.docx",
    "luanzheng-2021-2.table.pdf",
]


@cache
def parsed(name: str) -> ParseResult:
    return parse(FIXTURES / name)


view = task_view


@pytest.mark.parametrize("name", CARRIERS)
def test_same_tasks_as_the_text(name: str) -> None:
    expected = view(parsed("luanzheng-2021-2.utf8.txt"))
    actual = view(parsed(name))
    assert len(actual) == len(expected) == 50, f"{name}: {len(actual)} tasks"
    for want, got in zip(expected, actual, strict=True):
        assert got == want, f"{name}: task {want[0]} differs:\n expected {want}\n got      {got}"


@pytest.mark.parametrize("name", CARRIERS)
def test_same_notice_as_the_text(name: str) -> None:
    expected = parsed("luanzheng-2021-2.utf8.txt").notice
    assert parsed(name).notice == expected


@pytest.mark.parametrize("name", CARRIERS)
def test_provenance(name: str) -> None:
    result = parsed(name)
    fmt = Path(name).suffix.lstrip(".")
    assert result.source.format.value == fmt
    for task in result.tasks:
        loc = task.source
        assert loc.line_start or loc.paragraph or loc.page or loc.row, (
            f"{name}: task {task.id} has no location"
        )
        if fmt == "pdf":
            assert loc.page is not None and loc.bbox is not None, f"{name}: task {task.id} lacks page/bbox"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("luanzheng-2021-2.gb18030.txt", "gb18030"),
        ("luanzheng-2021-2.utf16.txt", "utf-16-le"),
        ("luanzheng-2021-2.utf8.txt", "utf-8"),
    ],
)
def test_encoding_recorded(name: str, encoding: str) -> None:
    assert parsed(name).source.encoding == encoding
