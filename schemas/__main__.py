"""Export the JSON Schema (`python -m schemas`), or fail when it drifted (`--check`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.notice import ParseResult

SCHEMA_PATH = Path(__file__).with_name("notice.schema.json")
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A URN, not a URL: the schema ships inside the package (schemas/notice.schema.json); the URN names
# it stably whatever host serves a copy. Documented in the README's JSON contract section.
SCHEMA_ID = "urn:notice-parse:schema:notice"


def render() -> str:
    schema = {"$schema": JSON_SCHEMA_DIALECT, "$id": SCHEMA_ID, **ParseResult.model_json_schema()}
    schema["title"] = "Parsed task-decomposition notice"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"Error: {SCHEMA_PATH} is out of date; run `make schema` and commit it", file=sys.stderr)
            return 1
        print(f"{SCHEMA_PATH.name} is up to date")
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
