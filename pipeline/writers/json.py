"""`<stem>.json`: the whole result, as the JSON contract in schemas/notice.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas.notice import ParseResult

SUFFIXES: tuple[str, ...] = (".json",)


def result_to_json(result: ParseResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def write(result: ParseResult, dest: Path) -> None:
    dest.with_name(dest.name + SUFFIXES[0]).write_text(result_to_json(result), encoding="utf-8")
