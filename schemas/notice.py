"""The output contract: one strict, versioned Pydantic model for a parsed notice.

Other systems read the JSON this model writes; `schemas/notice.schema.json` is its exported
JSON Schema (`make schema`), and CI fails when the two drift apart. Every normalized value keeps
the raw string it came from, and every task and unit records where in the input it was found.
"""

from __future__ import annotations

from enum import Enum
from pathlib import PurePath
from typing import Annotated, Any

from pydantic import Field, model_validator

from schemas.base import Strict as Strict
from schemas.base import UnitKind as UnitKind
from schemas.enriched import Comparator as Comparator
from schemas.enriched import DeadlineMention as DeadlineMention
from schemas.enriched import DueDate as DueDate
from schemas.enriched import Jurisdiction as Jurisdiction
from schemas.enriched import JurisdictionEvidence as JurisdictionEvidence
from schemas.enriched import JurisdictionLevel as JurisdictionLevel
from schemas.enriched import MembersStatus as MembersStatus
from schemas.enriched import NotTarget as NotTarget
from schemas.enriched import Target as Target
from schemas.enriched import UnitCategory as UnitCategory
from schemas.enriched import UnitMember as UnitMember
from schemas.enriched import UnitRecord as UnitRecord

SCHEMA_VERSION = "1.4"
# 1.1: Task.extra. 1.2: ParseResult.generator, Source.name, PathItem.id. 1.3: Notice.jurisdiction,
# Reporting.due_dates, Unit.canonical, Task.deadlines/targets/not_targets, ParseResult.units (all
# optional or empty by default). 1.4: ParseResult.doc_id (derived from source.sha256 for older
# payloads), Source.ocr, Task.ocr_confidence. Payloads of every older version validate
# (tests/fixtures/schema-*.json, one frozen result per version).

DOC_ID_LENGTH = 16  # hex characters of the sha256: 64 bits, no collision in any real collection


def doc_id_of(sha256: str) -> str:
    """A document's key: the first 16 hex characters of its bytes' sha256."""
    return sha256[:DOC_ID_LENGTH]


Level = Annotated[int, Field(ge=1, le=8, description="Heading depth, 1 for the outermost (一、).")]
LineNo = Annotated[int, Field(ge=1, description="1-based line number in the decoded text.")]


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Role(str, Enum):
    lead = "lead"
    responsible = "responsible"
    supporting = "supporting"


class SourceFormat(str, Enum):
    txt = "txt"
    docx = "docx"
    pdf = "pdf"
    html = "html"
    xlsx = "xlsx"
    xls = "xls"
    ofd = "ofd"
    doc = "doc"
    wps = "wps"
    rtf = "rtf"


class Location(Strict):
    """Where a piece of text came from; which fields are set depends on the carrier."""

    line_start: LineNo | None = Field(None, description="First line (text-like carriers).")
    line_end: LineNo | None = Field(None, description="Last line, inclusive.")
    page: int | None = Field(None, ge=1, description="1-based page (PDF).")
    paragraph: int | None = Field(None, ge=1, description="1-based body paragraph (.docx, .html).")
    table: int | None = Field(None, ge=1, description="1-based table in the document, for table layouts.")
    row: int | None = Field(None, ge=1, description="1-based row within that table.")
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="x0, top, x1, bottom in PDF points on `page`, top-left origin."
    )


class Diagnostic(Strict):
    severity: Severity = Field(description="error: the result is incomplete; warning: worth a look.")
    code: str = Field(description="Stable machine-readable code, e.g. numbering-gap.")
    message: str = Field(description="One human-readable sentence naming the value and the rule.")
    location: Location | None = Field(None, description="Where the problem is, when it has a place.")


class OcrSource(Strict):
    engine: str = Field(description="The OCR engine and its version, e.g. rapidocr-onnxruntime 1.4.4.")
    dpi: int = Field(ge=1, description="The resolution pages were rendered at.")
    pages: list[int] = Field(description="The 1-based pages read by OCR.")
    confidence: float = Field(ge=0, le=1, description="The mean probability of every OCR'd character.")


class Source(Strict):
    path: str = Field(description="The input path as the user gave it (relative stays relative).")
    name: str = Field(description="The file name alone, e.g. 栾政〔2021〕2号.txt.")
    format: SourceFormat = Field(description="The carrier format that was read.")
    sha256: str = Field(description="SHA-256 of the input bytes.", pattern=r"^[0-9a-f]{64}$")
    encoding: str | None = Field(None, description="Text encoding used to decode a text carrier.")
    pages: int | None = Field(None, ge=1, description="Page count (PDF).")
    ocr: OcrSource | None = Field(None, description="Pages read by OCR (a scanned PDF; schema 1.4).")

    @model_validator(mode="before")
    @classmethod
    def _name_of_old_payloads(cls, data: Any) -> Any:
        """Payloads before 1.2 have no `name`: it is the path's last part."""
        if isinstance(data, dict) and "name" not in data and isinstance(data.get("path"), str):
            data = {**data, "name": PurePath(data["path"]).name}
        return data


class BasisDocument(Strict):
    title: str | None = Field(None, description="Title of the implemented document, without 《》.")
    doc_number: str | None = Field(None, description="Its 发文字号, e.g. 洛政〔2021〕2号.")


class DeclaredCounts(Strict):
    areas: int | None = Field(None, ge=0, description="Areas the notice says it has (10个方面).")
    tasks: int | None = Field(None, ge=0, description="Tasks the notice says it has (50项).")
    raw: str | None = Field(None, description="The phrase the counts were read from.")


class ReportingSchedule(Strict):
    raw: str = Field(description="The deadline phrase as written, e.g. 每季度末月30日前.")
    frequency: str | None = Field(
        None, description="quarterly, monthly, half-yearly, yearly or once, when the phrase says."
    )
    day: int | None = Field(None, ge=1, le=31, description="Day of the month, when stated.")


class Reporting(Strict):
    recipient: str | None = Field(None, description="Who receives progress reports (县委县政府督查局).")
    schedules: list[ReportingSchedule] = Field(default_factory=list, description="When, as stated.")
    raw: str = Field(description="The sentence(s) the reporting duty was read from.")
    due_dates: list[DueDate] = Field(
        default_factory=list,
        description="The schedules as concrete due dates in `due_year`, earliest first (schema 1.3; "
        "empty before).",
    )
    due_year: int | None = Field(None, description="The year the due dates are computed in.")
    due_year_from: str | None = Field(
        None, description="Where that year was read: 成文日期, 发文字号 or 标题."
    )


class Convention(Strict):
    code: str = Field(description="lead-by-position, not-assigned-note, …")
    raw: str = Field(description="The notice's own words stating the rule.")
    location: Location | None = Field(None, description="Where the rule is stated.")


class Notice(Strict):
    doc_number: str | None = Field(None, description="发文字号 as written, e.g. 栾政〔2021〕2号.")
    issuer: str | None = Field(None, description="发文机关, e.g. 栾川县人民政府.")
    title: str | None = Field(None, description="The title, joined when it spans lines.")
    addressees: list[str] = Field(default_factory=list, description="主送机关, in order.")
    issued_on: str | None = Field(None, description="成文日期 as ISO date YYYY-MM-DD.")
    issued_on_raw: str | None = Field(None, description="The date as written.")
    basis: list[BasisDocument] = Field(default_factory=list, description="Documents it implements.")
    declared_counts: DeclaredCounts | None = Field(None, description="What the notice says of itself.")
    reporting: Reporting | None = Field(None, description="The progress-reporting duty.")
    jurisdiction: Jurisdiction | None = Field(
        None, description="The division the notice governs (schema 1.3); null when the text shows none."
    )
    conventions: list[Convention] = Field(
        default_factory=list, description="Document-wide rules that change the reading of assignments."
    )


class Heading(Strict):
    id: str = Field(description="Stable id, the chain of numbers, e.g. h1.2.")
    level: Level
    marker: str = Field(description="The marker as written, e.g. （十二） or 一、.")
    number: int | None = Field(None, ge=0, description="The marker's number as an integer.")
    title: str = Field(description="The heading text without its marker.")
    source: Location


class PathItem(Strict):
    id: str | None = Field(
        None, description="The heading's id in `outline`, to join without matching titles (null before 1.2)."
    )
    level: Level
    marker: str = Field(description="The marker as written.")
    number: int | None = Field(None, ge=0, description="The marker's number.")
    title: str = Field(description="The heading text without its marker.")


class Unit(Strict):
    raw: str = Field(description="The piece exactly as written in the list.", min_length=1)
    name: str = Field(
        description="Normalized name: elided prefix/suffix restored, alias removed.", min_length=1
    )
    aliases: list[str] = Field(default_factory=list, description="Second names given in brackets.")
    kind: UnitKind = Field(description="What sort of body this is.")
    canonical: str | None = Field(
        None,
        description="Full official name where a rule derives it (栾川县发展和改革委员会); null otherwise "
        "(schema 1.3; see ParseResult.units for the rule and the diagnostics for why not).",
    )
    source: Location | None = Field(None, description="Where the list holding it was written.")


class Leader(Strict):
    raw: str = Field(description="The person or title as written.", min_length=1)
    label: str | None = Field(None, description="The label it came under, e.g. 牵头市领导.")


class Deadline(Strict):
    raw: str = Field(description="The deadline as written, e.g. 6月底前.", min_length=1)
    date: str | None = Field(None, description="ISO date when the notice's year makes it certain.")


class Task(Strict):
    id: str = Field(
        description="Stable, unique in the document: t + the number (t12), with a suffix on repeats."
    )
    number: int | None = Field(None, ge=0, description="The task's own number; null when it has none.")
    marker: str | None = Field(None, description="The marker as written, e.g. 12.")
    text: str = Field(description="The task text exactly as written, without marker and assignments.")
    path: list[PathItem] = Field(default_factory=list, description="Ancestor headings, outermost first.")
    lead_units: list[Unit] = Field(default_factory=list, description="牵头单位, in document order.")
    responsible_units: list[Unit] = Field(default_factory=list, description="责任单位, in document order.")
    supporting_units: list[Unit] = Field(default_factory=list, description="配合/协办/参与单位.")
    leaders: list[Leader] = Field(default_factory=list, description="Person roles (责任领导), kept apart.")
    deadline: Deadline | None = Field(None, description="完成时限, when given.")
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Columns and labelled parts that are neither text, number, unit, leader nor deadline, "
        "header or label (spaces removed) -> text exactly as written, in document order: 当前进度, 备注, "
        "目标, 项目责任人, 联系电话. A name given twice in one task keeps both, joined by a newline.",
    )
    deadlines: list[DeadlineMention] = Field(
        default_factory=list, description="Time phrases in the text and the 完成时限 (schema 1.3)."
    )
    targets: list[Target] = Field(
        default_factory=list, description="Measurable targets in the text, in order (schema 1.3)."
    )
    not_targets: list[NotTarget] = Field(
        default_factory=list,
        description="Digits in the text that are no target (names, years, dates, grades), with a reason.",
    )
    source: Location = Field(description="Where the task, with its assignment lines, was written.")
    ocr_confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        description="For a task read by OCR: the mean probability of its lines' characters "
        "(schema 1.4); null for a text layer.",
    )


class Generator(Strict):
    name: str = Field("notice-parse", description="The tool that wrote the result.")
    version: str = Field(description="Its version, e.g. 0.2.0.")


class ParseResult(Strict):
    """Everything parsed from one notice."""

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this contract.")
    doc_id: str = Field(
        description="The document's key across a collection: the first 16 hex characters of "
        "source.sha256, so it stays the same across runs, machines and file names (schema 1.4). "
        "(doc_id, task id) is unique across documents.",
        pattern=r"^[0-9a-f]{16}$",
    )
    generator: Generator | None = Field(
        None, description="The tool and version that wrote it (null before 1.2)."
    )
    source: Source
    notice: Notice
    outline: list[Heading] = Field(default_factory=list, description="The heading tree in document order.")
    tasks: list[Task] = Field(default_factory=list, description="Tasks, flat, in document order.")
    units: list[UnitRecord] = Field(
        default_factory=list,
        description="Every distinct unit of the notice, in first-named order (schema 1.3).",
    )
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _doc_id_of_old_payloads(cls, data: Any) -> Any:
        """Payloads before 1.4 have no `doc_id`: it is their source's sha256, cut to 16."""
        if isinstance(data, dict) and "doc_id" not in data:
            source = data.get("source")
            sha = source.get("sha256") if isinstance(source, dict) else getattr(source, "sha256", None)
            if isinstance(sha, str):
                data = {**data, "doc_id": doc_id_of(sha)}
        return data

    @model_validator(mode="after")
    def _check_tree(self) -> ParseResult:
        if self.doc_id != doc_id_of(self.source.sha256):
            raise ValueError(f"doc_id {self.doc_id} is not the start of source.sha256")
        ids = [t.id for t in self.tasks]
        if len(ids) != len(set(ids)):
            raise ValueError("task ids are not unique")
        hids = [h.id for h in self.outline]
        if len(hids) != len(set(hids)):
            raise ValueError("heading ids are not unique")
        for task in self.tasks:
            levels = [p.level for p in task.path]
            if levels != sorted(set(levels)):
                raise ValueError(f"task {task.id}: path levels {levels} do not increase")
            spans: list[Target | NotTarget] = [*task.targets, *task.not_targets]
            for span in spans:
                if task.text[span.start : span.end] != span.raw:
                    raise ValueError(f"task {task.id}: {span.raw!r} is not at {span.start}..{span.end}")
        names = [u.name for u in self.units]
        if len(names) != len(set(names)):
            raise ValueError("unit names in `units` are not unique")
        return self
