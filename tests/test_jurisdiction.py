"""Jurisdiction (pipeline/enrich/jurisdiction.py): the division a notice governs, from its own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.enrich.jurisdiction import level_of, notice_to_jurisdiction, places_in, short_form
from pipeline.runner import parse
from schemas.notice import BasisDocument, Notice
from tests.conftest import SEED

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def test_seed_is_luanchuan_county_under_luoyang_city() -> None:
    j = parse(SEED).notice.jurisdiction
    assert j is not None and (j.name, j.level and j.level.value) == ("栾川县", "county")
    assert j.parent is not None and (j.parent.name, j.parent.level and j.parent.level.value) == (
        "洛阳市",
        "city",
    )
    sources = {e.source for e in j.inferred_from}
    assert {"issuer", "doc-number", "addressees", "units", "title"} <= sources
    assert {e.source for e in j.parent.inferred_from} == {"basis"}
    assert any("洛政" in e.raw for e in j.parent.inferred_from)


@pytest.mark.parametrize(
    ("issuer", "chain"),
    [
        ("栾川县人民政府", ("栾川县",)),
        ("鞍山市立山区人民政府", ("鞍山市", "立山区")),
        ("金乡县人民政府", ("金乡县",)),  # not 金乡 (a 乡) + 县
        ("四川省发展和改革委员会", ("四川省",)),
        ("中共洛阳市委", ("洛阳市",)),
        ("区人民政府办公室", ()),
        ("全市重点项目", ()),
    ],
)
def test_places_an_issuer_starts_with(issuer: str, chain: tuple[str, ...]) -> None:
    assert places_in(issuer) == chain


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("河南省", "province"),
        ("重庆市", "province"),
        ("洛阳市", "city"),
        ("栾川县", "county"),
        ("沙坪坝区", "district"),
        ("城关镇", "town"),
        ("高新区", None),
        ("产业集聚区", None),
    ],
)
def test_level_by_suffix(name: str, level: str | None) -> None:
    assert level_of(name) == level


@pytest.mark.parametrize(
    ("number", "short"),
    [
        ("栾政〔2021〕2号", "栾"),
        ("鞍立政发〔2023〕2号", "鞍立"),
        ("宝府办〔2008〕18号", "宝"),
        ("国办函[2016]38号", "国"),
    ],
)
def test_short_form_of_a_doc_number(number: str, short: str) -> None:
    assert short_form(number) == short


def test_county_level_city_under_a_city_basis() -> None:
    notice = Notice(
        issuer="常熟市人民政府办公室",
        doc_number="常政办发〔2018〕32号",
        basis=[BasisDocument(title="苏州市人民政府关于印发…的通知", doc_number="苏府〔2018〕9号")],
    )
    j = notice_to_jurisdiction(notice, [])
    assert j is not None and j.level is not None and j.level.value == "county"  # a county-level city
    assert j.parent is not None and j.parent.name == "苏州市"


def test_national_and_province_short_forms() -> None:
    j = notice_to_jurisdiction(Notice(issuer="国务院办公厅", doc_number="国办函〔2016〕38号"), [])
    assert j is not None and j.level is not None and j.level.value == "national" and j.name is None
    province = notice_to_jurisdiction(Notice(issuer="省政府办公厅", doc_number="粤府〔2021〕22号"), [])
    assert province is not None and province.name == "广东省"  # 粤: the statutory short form
    assert [e.source for e in province.inferred_from] == ["issuer", "doc-number"]
    county = notice_to_jurisdiction(Notice(issuer="县人民政府", doc_number="新政〔2021〕1号"), [])
    assert county is not None and county.name is None  # 新 is 新疆's short form, but this is a county
    issued = notice_to_jurisdiction(Notice(issuer="广东省人民政府", doc_number="粤府〔2021〕22号"), [])
    assert issued is not None and issued.name == "广东省"


def test_a_byline_names_the_place_when_the_issuer_does_not() -> None:
    notice = Notice(issuer="区人民政府办公室")
    j = notice_to_jurisdiction(notice, [], preamble=["发布日期: 2020-06-28 发布机构: 下陆区政府办公室"])
    assert j is not None and j.name == "下陆区" and j.level is not None and j.level.value == "district"


def test_nothing_shown_gives_none() -> None:
    assert notice_to_jurisdiction(Notice(), []) is None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [], ids=lambda p: p.stem
)
def test_corpus_every_notice_gets_a_level_and_every_unit_a_category(path: Path) -> None:
    result = parse(path)
    j = result.notice.jurisdiction
    assert j is not None and j.level is not None, f"{path.name}: no jurisdiction level"
    assert all(u.category.value != "other" for u in result.units), [
        u.name for u in result.units if u.category.value == "other"
    ]
