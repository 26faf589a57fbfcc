"""The same file given the same way gives byte-identical JSON, whatever the working folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED


def json_of(cwd: Path, given: str) -> bytes:
    env_path = str(ROOT)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {env_path!r}); from pipeline.cli import main; "
            f"sys.exit(main(['parse', {given!r}, '--out', '-', '-q']))",
        ],
        cwd=cwd,
        capture_output=True,
        check=True,
    )
    return done.stdout


def test_two_runs_in_two_folders_give_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name / "in").mkdir(parents=True)
        shutil.copy(SEED, tmp_path / name / "in" / "notice.txt")
    first = json_of(tmp_path / "a", "in/notice.txt")
    second = json_of(tmp_path / "b", "in/notice.txt")
    assert first and first == second
    assert b'"path": "in/notice.txt"' in first and b'"name": "notice.txt"' in first
    assert json_of(tmp_path / "a", "in/notice.txt") == first  # and again in the same folder
