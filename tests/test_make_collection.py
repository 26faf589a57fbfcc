"""scripts/make_collection.py, the batch benchmark's collection: one seed gives the same bytes on
every run, the carriers come in the asked mix, the bad files asked for are there and fail, and a
notice of each carrier parses (exit 0) to the task count written in _collection.json."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from scripts.make_collection import DEFAULT_MIX, MANIFEST, ZIP_TIME, carrier_plan
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "make_collection.py"
COUNT, SEED, BAD = 30, 7, 4


def generate(out: Path, *extra: str) -> dict[str, Any]:
    args = [str(out), "--count", str(COUNT), "--seed", str(SEED), "--bad", str(BAD), *extra]
    run = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    manifest: dict[str, Any] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return manifest


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("collection")
    return out, generate(out)


def good(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in manifest["files"] if "bad" not in f]


def test_same_seed_same_bytes(collection: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    first, manifest = collection
    again = generate(tmp_path / "again", "--jobs", "1")  # the worker count changes nothing either
    assert again == manifest
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    differ = [n for n in names if (first / n).read_bytes() != (tmp_path / "again" / n).read_bytes()]
    assert not differ, f"not reproducible: {differ}"
    for f in good(manifest):
        if f["carrier"] == "docx":
            with zipfile.ZipFile(first / f["file"]) as package:
                assert {info.date_time for info in package.infolist()} == {ZIP_TIME}, f["file"]


def test_carrier_mix(collection: tuple[Path, dict[str, Any]]) -> None:
    _, manifest = collection
    files = good(manifest)
    assert len(files) == COUNT
    for carrier, share in DEFAULT_MIX.items():
        n = sum(f["carrier"] == carrier for f in files)
        assert abs(n - COUNT * share) < 1, (carrier, n)
        assert all(f["file"].endswith(f".{f['carrier']}") for f in files)
    assert carrier_plan(random.Random(1), 2000, list(DEFAULT_MIX)).count("pdf") == 300
    assert set(carrier_plan(random.Random(1), 10, ["txt", "pdf"])) == {"txt", "pdf"}


def test_names_bases_and_sizes(collection: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = collection
    assert {"tests/genre", "inputs"} <= set(manifest["sources"])
    for index, f in enumerate(good(manifest), start=1):
        stem = f["file"].rsplit(".", 1)[0]
        assert stem.startswith(f"{index:04d}-") and f["base"][0].startswith(stem[5:]), f
        assert (out / f["file"]).stat().st_size > 0
        assert 1 <= f["tasks"] <= 300, f
    assert max(f["tasks"] for f in good(manifest)) > 30  # log-uniform over 5..300: some are long


def test_bad_files_fail(collection: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, manifest = collection
    bad = [f for f in manifest["files"] if "bad" in f]
    assert [f["file"] for f in bad] == ["bad-1.txt", "bad-2.docx", "bad-3.pdf", "bad-4.txt"]
    assert {f["bad"] for f in bad} == {"empty", "truncated-zip", "random-bytes", "no-task"}
    for f in bad:
        path = out / f["file"]
        run = parse(path, tmp_path)
        assert run.returncode == f["exit"], (f, run.stderr)


def parse(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipeline", "parse", str(path), "--out", str(out), "-q"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_one_notice_per_carrier_parses(collection: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """The smallest notice of each carrier: exit 0 and the manifest's task count."""
    out, manifest = collection
    for carrier in DEFAULT_MIX:
        f = min((f for f in good(manifest) if f["carrier"] == carrier), key=lambda f: f["tasks"])
        path = out / f["file"]
        run = parse(path, tmp_path)
        assert run.returncode == 0, (f["file"], run.stderr)
        result = json.loads((tmp_path / f"{path.name}.json").read_text(encoding="utf-8"))
        assert len(result["tasks"]) == f["tasks"], f["file"]
