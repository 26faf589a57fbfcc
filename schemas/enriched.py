"""The models schema 1.3 added for the enrich stage (pipeline/enrich/): a notice's jurisdiction, its
reporting due dates, each task's deadlines and quantitative targets, and the notice's units table.
Re-exported by schemas.notice, which holds the whole contract.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from schemas.base import Frozen, Strict, UnitKind


class UnitCategory(str, Enum):
    """The finer sort of body (schema 1.3), beside the coarse `UnitKind` kept for older readers."""

    party_organ = "party_organ"
    government_department = "government_department"
    local_government = "local_government"
    township_government = "township_government"
    subdistrict_office = "subdistrict_office"
    management_committee = "management_committee"
    peoples_organisation = "peoples_organisation"
    enterprise = "enterprise"
    vertical_agency = "vertical_agency"
    court_procuratorate = "court_procuratorate"
    congress_cppcc = "congress_cppcc"
    public_institution = "public_institution"
    collective = "collective"
    other = "other"


class JurisdictionLevel(str, Enum):
    national = "national"
    province = "province"
    city = "city"
    county = "county"
    district = "district"
    town = "town"


class Comparator(str, Enum):
    ge = "≥"
    le = "≤"
    gt = ">"
    lt = "<"
    eq = "="
    approx = "≈"


class MembersStatus(str, Enum):
    expanded = "expanded"
    undetermined = "undetermined"
    needs_gazetteer = "needs_gazetteer"
    not_listed = "not_listed"


class DueDate(Strict):
    label: str = Field(description="Which report: 第一季度, 3月, 上半年, 全年, or the phrase itself.")
    date: str | None = Field(None, description="Last day for it, ISO YYYY-MM-DD; null when not placeable.")
    raw: str = Field(description="The schedule phrase it comes from, e.g. 每季度末月30日前.")


class JurisdictionEvidence(Strict):
    source: str = Field(
        description="What was read: issuer, doc-number, basis, title, addressees, units or gazetteer."
    )
    raw: str = Field(description="The text as written, e.g. 栾川县人民政府 or 洛政〔2021〕2号.")
    rule: str = Field(description="The rule that read it, in one sentence.")


class Jurisdiction(Strict):
    """The administrative division a notice governs, inferred from its own text (schema 1.3)."""

    name: str | None = Field(
        None, description="The division's name, e.g. 栾川县; null when only the level shows."
    )
    level: JurisdictionLevel | None = Field(None, description="Its tier, when the text shows it.")
    parent: Jurisdiction | None = Field(None, description="The division above it, where the text names it.")
    inferred_from: list[JurisdictionEvidence] = Field(
        default_factory=list, description="Every piece of text that decided or agrees with it."
    )


class DeadlineMention(Frozen):
    raw: str = Field(
        description="The time phrase exactly as written, e.g. 3月底前, 年内, 长期坚持.", min_length=1
    )
    field: str = Field(description="Where it stands: text (the task text) or deadline (完成时限).")
    start: int = Field(ge=0, description="0-based offset of the phrase in that field.")
    end: int = Field(ge=0, description="Offset just past it.")
    date: str | None = Field(
        None, description="Last allowed day, ISO YYYY-MM-DD, where the notice's year makes it certain."
    )
    rule: str = Field(description="How it was read: month-end, month-day, quarter-end, year-end, ongoing, …")


class Target(Frozen):
    raw: str = Field(description="The span exactly as written, e.g. 新增信贷700亿元以上.", min_length=1)
    start: int = Field(ge=0, description="0-based offset of the span in the task text.")
    end: int = Field(ge=0, description="Offset just past it.")
    indicator: str = Field(description="What is measured, e.g. 新增信贷.")
    value: float = Field(description="The number, e.g. 700 or 287.5.")
    value_raw: str = Field(description="The number as written.")
    unit: str = Field(description="The unit of measure as written: 亿元, 个, %, 万平方米, …")
    comparator: Comparator = Field(
        description="≥ (以上/不低于), ≤ (以内/不超过), > (超/多), = (达到/a count), ≈ (近/约)."
    )
    comparator_raw: str | None = Field(None, description="The words that gave the comparator, e.g. 以上.")


class NotTarget(Frozen):
    raw: str = Field(description="The span holding digits that are no target, as written.", min_length=1)
    start: int = Field(ge=0, description="0-based offset in the task text.")
    end: int = Field(ge=0, description="Offset just past it.")
    reason: str = Field(
        description="Why: year, date, name, identifier, grade, duration, threshold, scope (4个指标均…: "
        "the set a quantity applies to), other (targets.json)."
    )


class UnitMember(Strict):
    name: str = Field(description="A body the collective stands for, e.g. 城关镇人民政府.")
    canonical: str | None = Field(None, description="Its full official name, where derived.")
    category: UnitCategory = Field(description="What sort of body it is.")


class UnitRecord(Strict):
    """One distinct unit of the notice (by normalized name), with what the enrich stage derived."""

    name: str = Field(description="Normalized name, as in Task units.", min_length=1)
    written: list[str] = Field(default_factory=list, description="Every raw form it was written in.")
    aliases: list[str] = Field(default_factory=list, description="Second names given in brackets.")
    canonical: str | None = Field(None, description="Full official name; null where no rule applies.")
    canonical_rule: str | None = Field(None, description="The rule that gave `canonical`, or why none did.")
    kind: UnitKind = Field(description="The coarse kind, as in Task units.")
    category: UnitCategory = Field(description="The finer sort of body.")
    category_rule: str = Field(description="The rule that decided `category`.")
    members: list[UnitMember] = Field(
        default_factory=list, description="For a collective: the bodies it stands for, from a gazetteer."
    )
    members_status: MembersStatus | None = Field(
        None,
        description="For a collective: expanded (members listed), undetermined (相关…: the text does not "
        "say which), needs_gazetteer, not_listed (the gazetteer lists no such bodies); null otherwise.",
    )
    lead_tasks: int = Field(0, ge=0, description="Tasks it leads.")
    responsible_tasks: int = Field(0, ge=0, description="Tasks it is a 责任单位 of.")
    supporting_tasks: int = Field(0, ge=0, description="Tasks it supports (配合).")
