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
