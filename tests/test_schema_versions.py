"""Old payloads stay valid: one frozen result per earlier schema version validates today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.notice import SCHEMA_VERSION, ParseResult

FROZEN = sorted((Path(__file__).parent / "fixtures").glob("schema-*.json"))


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.name)
def test_a_frozen_payload_of_an_old_version_still_validates(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    result = ParseResult.model_validate(data)
    assert result.schema_version == data["schema_version"] != SCHEMA_VERSION
    assert len(result.tasks) == len(data["tasks"])
    if data["schema_version"] == "1.0":
        assert all(t.extra == {} for t in result.tasks)  # 1.1 added Task.extra, empty for old payloads
    assert result.source.name == Path(data["source"]["path"]).name  # 1.2 added it; upgraded
    if data["schema_version"] in ("1.0", "1.1"):
        assert result.generator is None
    assert result.doc_id == data["source"]["sha256"][:16]  # 1.4 added it; derived
    if data["schema_version"] == "1.3":
        return
    # 1.3 added the enrich fields: empty or null in every older payload
    assert result.units == [] and result.notice.jurisdiction is None
    assert all(t.targets == [] and t.not_targets == [] and t.deadlines == [] for t in result.tasks)
    assert all(u.canonical is None for t in result.tasks for u in t.lead_units)
    if result.notice.reporting is not None:
        assert result.notice.reporting.due_dates == []


def test_a_doc_id_that_is_not_the_sources_is_refused() -> None:
    data = json.loads(FROZEN[-1].read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="doc_id"):
        ParseResult.model_validate({**data, "doc_id": "0" * 16})


def test_there_is_a_frozen_payload_for_every_old_version() -> None:
    versions = {json.loads(p.read_text(encoding="utf-8"))["schema_version"] for p in FROZEN}
    assert versions == {"1.0", "1.1", "1.2", "1.3"}
