"""Regenerate tests/golden/ on purpose (`make golden`); read every diff before committing it.

One golden pair per input in inputs/: <name>.json (the full result) and <name>.outline.txt
(a small readable view for reviewers). Paths are recorded relative to the project root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.export import result_to_json, result_to_outline  # noqa: E402
from pipeline.runner import parse  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
INPUT_GLOB = "inputs/*"


def golden_inputs() -> list[Path]:
    return sorted(p.relative_to(ROOT) for p in ROOT.glob(INPUT_GLOB) if p.is_file() and p.name != "README.md")


def main() -> int:
    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for rel in golden_inputs():
        result = parse(rel)
        (GOLDEN / f"{rel.name}.json").write_text(result_to_json(result), encoding="utf-8")
        (GOLDEN / f"{rel.name}.outline.txt").write_text(result_to_outline(result), encoding="utf-8")
        print(f"wrote tests/golden/{rel.name}.json and .outline.txt ({len(result.tasks)} tasks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
