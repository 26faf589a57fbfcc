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


README_ZH = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")


def _exit_codes(text: str) -> list[str]:
    return re.findall(r"^\| (\d+) \|", text, flags=re.M)


def _make_targets(text: str) -> set[str]:
    return set(re.findall(r"`make ([a-z]+)", text))


def test_the_chinese_readme_keeps_in_step_with_the_english_one() -> None:
    """Same two commands, same make targets, same exit codes (README.zh-CN.md vs README.md)."""
    for command in ("make parse INPUT=栾政〔2021〕2号.txt", "make test"):
        assert command in README and command in README_ZH, command
    assert _make_targets(README_ZH) == _make_targets(README)
    assert _exit_codes(README_ZH) == _exit_codes(README) != []


def test_the_cli_exit_codes_are_the_documented_ones() -> None:
    from pipeline import cli

    documented = re.findall(r"^  (\d+) ", cli.__doc__ or "", flags=re.M)
    assert documented == _exit_codes(README)
