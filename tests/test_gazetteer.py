"""Gazetteers (pipeline/enrich/gazetteer.py): loading, checking, and what they add to a parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.enrich.gazetteer import load, text_to_gazetteer
from pipeline.errors import InputError
from pipeline.runner import parse
from schemas.notice import MembersStatus
from tests.conftest import ROOT, SEED

LUANCHUAN = ROOT / "pipeline" / "data" / "gazetteers" / "栾川县.csv"
TOWNSHIPS = [
    "城关镇",
    "赤土店镇",
    "合峪镇",
    "潭头镇",
    "三川镇",
    "冷水镇",
    "陶湾镇",
    "石庙镇",
    "庙子镇",
    "狮子庙镇",
    "白土镇",
    "叫河镇",
    "栾川乡",
    "秋扒乡",
]
HEADER = "record,name,level,category,canonical,aliases,parent\n"


def test_the_shipped_gazetteer() -> None:
    g = load(str(LUANCHUAN))
    assert g.name == "栾川县" and [t.name for t in g.townships] == TOWNSHIPS
    assert g.unit("重渡沟管委会") is not None and g.unit("重渡沟管理委员会") is not None
    parent = g.ancestors("栾川县")
    assert parent is not None and parent.name == "洛阳市" and parent.parent is not None
    assert parent.parent.name == "河南省"


def test_seed_with_the_gazetteer_expands_the_townships() -> None:
    result = parse(SEED, gazetteer=LUANCHUAN)
    units = {u.name: u for u in result.units}
    towns = units["各乡（镇）人民政府"]
    assert towns.members_status is MembersStatus.expanded
    assert [m.name for m in towns.members] == [t + "人民政府" for t in TOWNSHIPS]
    assert towns.members[0].canonical == "栾川县城关镇人民政府"
    related = units["相关乡（镇）人民政府"]
    assert related.members == [] and related.members_status is MembersStatus.undetermined
    assert units["重渡沟管委会"].category.value == "management_committee"
    assert units["重渡沟管委会"].category_rule.startswith("gazetteer")
    j = result.notice.jurisdiction
    assert j is not None and j.parent is not None and j.parent.parent is not None
    assert j.parent.parent.name == "河南省" and "gazetteer" in {e.source for e in j.inferred_from}


def test_without_it_nothing_is_expanded() -> None:
    towns = {u.name: u for u in parse(SEED).units}["各乡（镇）人民政府"]
    assert towns.members == [] and towns.members_status is MembersStatus.needs_gazetteer


def test_a_gazetteer_of_another_place_is_not_used(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(
        HEADER + "jurisdiction,嵩县,county,,,,\ntownship,城关镇,town,township_government,,,嵩县\n"
    )
    result = parse(SEED, gazetteer=other)
    assert [d.code for d in result.diagnostics if d.severity.value == "warning"] == ["gazetteer-mismatch"]
    towns = {u.name: u for u in result.units}["各乡（镇）人民政府"]
    assert towns.members == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,level\n", "header lacks"),
        (HEADER + "township,城关镇,town,,,,\n", "exactly one jurisdiction row"),
        (HEADER + "jurisdiction,栾川县,shire,,,,\n", "level 'shire'"),
        (HEADER + "jurisdiction,栾川县,county,,,,\nunit,X,,bureau,,,\n", "category 'bureau'"),
        (HEADER + "place,栾川县,county,,,,\n", "line 2: record must be one of"),
        ("# only a comment\n", "empty"),
    ],
)
def test_a_bad_gazetteer_is_an_input_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        text_to_gazetteer(text, "g.csv")


def test_cli_option(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", str(SEED), "--out", "-", "--gazetteer", str(LUANCHUAN)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"members_status": "expanded"' in proc.stdout
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "parse",
            str(SEED),
            "--out",
            "-",
            "--gazetteer",
            str(tmp_path / "no.csv"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert missing.returncode == 3 and "cannot read the gazetteer" in missing.stderr
    assert missing.stderr.count("\n") == 1 and missing.stderr.startswith("Error: ")
