"""Golden files: every input in inputs/ against tests/golden/<name>.json and .outline.txt.

A missing golden fails (it is never written silently); regenerate on purpose with `make golden`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from pipeline.runner import parse
from pipeline.writers import result_to_json, result_to_outline
from scripts.make_golden import GOLDEN, golden_inputs
from tests.conftest import ROOT

INPUTS = golden_inputs()


def diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"golden/{name}", "actual", lineterm=""
    )
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize("rel", INPUTS, ids=[p.name for p in INPUTS])
@pytest.mark.parametrize("kind", ["json", "outline.txt"])
def test_golden(rel: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden = GOLDEN / f"{rel.name}.{kind}"
    assert golden.exists(), f"{golden} is missing: run `make golden`, read the result, commit it"
    result = parse(rel)
    actual = result_to_json(result) if kind == "json" else result_to_outline(result)
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{rel.name} differs from its golden:\n{diff(expected, actual, golden.name)}"


def test_there_are_inputs() -> None:
    assert INPUTS, "inputs/ holds no notice"
