"""Docs cannot drift: every make target has a help line and is named in the README."""

from __future__ import annotations

import re

from tests.conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def targets() -> list[str]:
    return re.findall(r"^([a-z]+):", MAKEFILE, flags=re.M)


def test_every_target_has_help() -> None:
    documented = set(re.findall(r"^([a-z]+):.*## ", MAKEFILE, flags=re.M))
    missing = [t for t in targets() if t not in documented]
    assert not missing, f"targets without a `## help` line: {missing}"


def test_every_target_is_in_the_readme() -> None:
    missing = [t for t in targets() if t not in ("setup", "help") and f"make {t}" not in README]
    assert not missing, f"targets not mentioned in README.md: {missing}"


def test_readme_names_the_data_files() -> None:
    for doc in ("docs/accuracy.md", "docs/bench.md", "schemas/notice.schema.json"):
        assert doc in README
