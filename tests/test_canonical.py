"""Canonical names and kinds of units (pipeline/enrich/canonical.py, kinds.py, units.py)."""

from __future__ import annotations

import pytest

from pipeline.enrich.canonical import canonical_name
from pipeline.enrich.kinds import collective_members, unit_category
from pipeline.runner import parse
from schemas.notice import MembersStatus, UnitCategory, UnitKind
from tests.conftest import SEED

LUANCHUAN = ("栾川县", "county", "洛阳市", "city")
LISHAN = ("立山区", "district", "鞍山市", "city")


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("县发改委", "栾川县发展和改革委员会"),
        ("县住建局", "栾川县住房和城乡建设局"),
        ("县卫健委", "栾川县卫生健康委员会"),
        ("县委组织部", "中共栾川县委组织部"),
        ("县生态环境分局", "洛阳市生态环境局栾川分局"),
        ("县税务局", "国家税务总局栾川县税务局"),
        ("人行", "中国人民银行栾川县支行"),
        ("县交警大队", "栾川县公安局交通警察大队"),
        ("县委改革办", "中共栾川县委全面深化改革委员会办公室"),
        ("县政务服务中心", "栾川县政务服务中心"),
        ("城关镇人民政府", "栾川县城关镇人民政府"),
        ("各乡（镇）人民政府", "栾川县各乡（镇）人民政府"),
        ("县直相关部门", "栾川县直相关部门"),
        ("市发改委", "洛阳市发展和改革委员会"),  # 市 names the parent city
        ("县发展和改革委员会", "栾川县发展和改革委员会"),  # written in full
    ],
)
def test_brief_examples_and_rules(name: str, canonical: str) -> None:
    category, _ = unit_category(
        name, UnitKind.collective if name.startswith("各") or "直" in name else UnitKind.department
    )
    assert canonical_name(name, category, LUANCHUAN)[0] == canonical


@pytest.mark.parametrize("name", ["铁塔公司", "县热力公司", "各单位", "县某某局", "省发改委"])
def test_no_rule_gives_null_and_a_reason(name: str) -> None:
    kind = UnitKind.collective if name.startswith("各") else UnitKind.department
    canonical, reason = canonical_name(name, unit_category(name, kind)[0], LUANCHUAN)
    assert canonical is None and reason


def test_without_a_jurisdiction_nothing_is_derived() -> None:
    assert (
        canonical_name("县发改委", UnitCategory.government_department, (None, "county", None, None))[0]
        is None
    )


def test_district_prefix_and_unprefixed_bodies() -> None:
    assert canonical_name("区发改局", UnitCategory.government_department, LISHAN)[0] == "立山区发展和改革局"
    assert canonical_name("财政局", UnitCategory.government_department, LISHAN)[0] == "立山区财政局"
    national = (None, "national", None, None)
    assert canonical_name("财政局", UnitCategory.government_department, national)[0] is None


def test_a_merged_body_says_its_other_full_forms() -> None:
    canonical, rule = canonical_name("县科技工信局", UnitCategory.government_department, LUANCHUAN)
    assert canonical == "栾川县科技和工业信息化局" and "科学技术和工业信息化局" in rule


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("县委组织部", "party_organ"),
        ("县委政法委", "party_organ"),
        ("县发改委", "government_department"),
        ("城关镇人民政府", "township_government"),
        ("新桥街道办事处", "subdistrict_office"),
        ("重渡沟管委会", "management_committee"),
        ("县产业集聚区", "management_committee"),
        ("县总工会", "peoples_organisation"),
        ("团县委", "peoples_organisation"),
        ("县妇联", "peoples_organisation"),
        ("县残联", "peoples_organisation"),
        ("县工商联", "peoples_organisation"),
        ("铁塔公司", "enterprise"),
        ("县税务局", "vertical_agency"),
        ("人行", "vertical_agency"),
        ("海关", "vertical_agency"),
        ("县交警大队", "vertical_agency"),
        ("县生态环境分局", "vertical_agency"),
        ("县人民法院", "court_procuratorate"),
        ("县检察院", "court_procuratorate"),
        ("县政协", "congress_cppcc"),
        ("县政务服务中心", "public_institution"),
        ("岳麓区", "local_government"),
    ],
)
def test_categories(name: str, category: str) -> None:
    assert unit_category(name, UnitKind.department)[0].value == category


def test_collectives() -> None:
    assert unit_category("各乡（镇）人民政府", UnitKind.collective)[0] is UnitCategory.collective
    assert collective_members("相关乡（镇）人民政府", None) == ([], MembersStatus.undetermined)
    assert collective_members("各乡（镇）人民政府", None) == ([], MembersStatus.needs_gazetteer)
    assert collective_members("县直各部门", None) == ([], MembersStatus.not_listed)


def test_seed_units_table() -> None:
    result = parse(SEED)
    units = {u.name: u for u in result.units}
    assert len(units) == len(result.units) == 51
    assert all(u.category is not UnitCategory.other for u in result.units)
    named = [u for u in result.units if u.canonical]
    assert len(named) / len(units) >= 0.9
    unnamed = {u.name for u in result.units if not u.canonical}
    flagged = {d.message.split(":")[0] for d in result.diagnostics if d.code == "canonical-unknown"}
    assert unnamed == flagged  # every unit without a canonical name has a diagnostic
    fgw = units["县发改委"]
    assert (fgw.lead_tasks, fgw.responsible_tasks, fgw.supporting_tasks) == (8, 2, 0)
    assert units["县科技工信局"].aliases == ["县金融工作局"]
    towns = units["各乡（镇）人民政府"]
    assert towns.members == [] and towns.members_status is MembersStatus.needs_gazetteer
    related = units["相关乡（镇）人民政府"]
    assert related.members == [] and related.members_status is MembersStatus.undetermined
    assert any(d.code == "members-undetermined" for d in result.diagnostics)
    # every task unit carries the canonical name of its table row
    for task in result.tasks:
        for unit in [*task.lead_units, *task.responsible_units, *task.supporting_units]:
            assert unit.canonical == units[unit.name].canonical
