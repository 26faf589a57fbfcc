"""Shared paths and markers. `../shared` exists in CI and on developer machines, not in a user's clone."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
FIXTURES = SHARED / "fixtures"
CORPUS = SHARED / "corpus"
SEED = ROOT / "inputs" / "栾政〔2021〕2号.txt"

needs_shared = pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present")
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures is not present")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end: how many tests were skipped and why, grouped by reason, so a run
    without ../shared (a user's clone) or without Chromium says so instead of passing quietly."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        key = "../shared is not present" if "../shared" in reason else reason.split(":")[0][:60]
        reasons[key] = reasons.get(key, 0) + 1
    top = sorted(reasons.items(), key=lambda kv: -kv[1])
    shown = "; ".join(f"{n} {why}" for why, n in top[:4]) + ("; …" if len(top) > 4 else "")
    terminalreporter.write_line(f"{len(skipped)} skipped: {shown}")
