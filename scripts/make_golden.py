"""Regenerate tests/golden/ on purpose (`make golden`); read every diff before committing it.

Per input in inputs/: <name>.json (the full result), <name>.outline.txt (a small readable view
for reviewers) and <name>.xlsx.json (the ledger workbook's cell values per sheet, read back with
openpyxl: values, not bytes). Paths are recorded relative to the project root.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import parse  # noqa: E402
from pipeline.writers import result_to_json, result_to_outline, writer  # noqa: E402
from schemas.notice import ParseResult  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
INPUT_GLOB = "inputs/*"


def golden_inputs() -> list[Path]:
    return sorted(p.relative_to(ROOT) for p in ROOT.glob(INPUT_GLOB) if p.is_file() and p.name != "README.md")


def workbook_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values, row by row, as openpyxl reads them back."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


def result_to_workbook_golden(result: ParseResult) -> str:
    """The workbook's values as JSON, one row a line, so a golden diff reads row by row."""
    with tempfile.TemporaryDirectory() as tmp:
        writer("xlsx").write(result, Path(tmp) / "golden")
        sheets = workbook_values(Path(tmp) / "golden.xlsx")
    parts = []
    for name, rows in sheets.items():
        lines = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in rows)
        parts.append(f"  {json.dumps(name, ensure_ascii=False)}: [\n{lines}\n  ]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_workbook_golden(rel: Path, result: ParseResult) -> None:
    (GOLDEN / f"{rel.name}.xlsx.json").write_text(result_to_workbook_golden(result), encoding="utf-8")


def main() -> int:
    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for rel in golden_inputs():
        result = parse(rel)
        (GOLDEN / f"{rel.name}.json").write_text(result_to_json(result), encoding="utf-8")
        (GOLDEN / f"{rel.name}.outline.txt").write_text(result_to_outline(result), encoding="utf-8")
        write_workbook_golden(rel, result)
        print(f"wrote tests/golden/{rel.name}.json, .outline.txt and .xlsx.json ({len(result.tasks)} tasks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
