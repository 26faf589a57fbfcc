"""Fuzz findings stay fixed: each file in tests/regressions/ (saved by `make fuzz`, named after the
problem) exits with the code tests/regressions/expected.json records, in one `Error:` line when it
fails, with no traceback and no output left behind. A file without an entry is a new finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

REGRESSIONS = ROOT / "tests" / "regressions"
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (REGRESSIONS / "expected.json").read_text(encoding="utf-8")
)
FILES = sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "expected.json")
DEFAULT_TIMEOUT = 120  # seconds: a regression that hangs again fails instead of stalling the suite


def cases() -> list[object]:
    return [
        pytest.param(p, marks=pytest.mark.xfail(reason=str(EXPECTED[p.name]["open"]), strict=False))
        if "open" in EXPECTED.get(p.name, {})
        else p
        for p in FILES
    ]


def test_every_entry_has_its_file() -> None:
    missing = sorted(set(EXPECTED) - {p.name for p in FILES})
    assert not missing, f"tests/regressions/expected.json names files that are not there: {missing}"


@pytest.mark.parametrize("path", cases(), ids=lambda p: getattr(p, "name", str(p)))
def test_regression(path: Path, tmp_path: Path) -> None:
    assert path.name in EXPECTED, (
        f"{path.name} is a new fuzz finding: fix it, then record the exit code it should give in "
        "tests/regressions/expected.json"
    )
    want = EXPECTED[path.name]
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", str(path), "--out", str(out), "--to", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=DEFAULT_TIMEOUT,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == want["exit"], (
        f"{path.name}: exit {proc.returncode}, expected {want['exit']}: {proc.stderr}"
    )
    shown = proc.stderr.replace("\n", "")
    assert shown.isprintable() or all(ch.isprintable() or ch == "\u3000" for ch in shown), (
        f"{path.name}: stderr carries control characters a terminal would obey: {proc.stderr!r}"
    )
    if proc.returncode:
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), proc.stderr
        assert str(want["message"]) in lines[0], f"{lines[0]!r} does not say {want['message']!r}"
        assert not out.exists() or not any(out.iterdir()), f"{path.name}: a failed run left output files"
