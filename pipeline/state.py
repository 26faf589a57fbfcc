"""What the runner carries from stage to stage; only the runner reads and writes it.

Stages are plain functions from a typed input to a typed output (`blocks_to_paragraphs`,
`paras_to_outline`, …); the runner's small wrappers move their results in and out of `State`,
so no stage imports the runner and the data flow stays visible in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.assign.assignments import Assignment
from pipeline.document import RawDocument
from pipeline.enrich.gazetteer import Gazetteer
from pipeline.limits import Limits
from pipeline.normalize import NormalBlock
from pipeline.structure.outline import Outline
from pipeline.structure.tasks import TaskDraft
from schemas.notice import Diagnostic, Heading, Notice, Task, UnitRecord


@dataclass(slots=True)
class State:
    path: Path
    limits: Limits = field(default_factory=Limits)  # what the read stage accepts
    data: bytes | None = None  # the input's bytes when given (stdin, a remote worker), else read from path
    doc: RawDocument | None = None
    blocks: list[NormalBlock] = field(default_factory=list)
    outline: Outline | None = None
    notice: Notice | None = None
    found: dict[int, Assignment] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    drafts: list[TaskDraft] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    gazetteer_file: Path | None = None  # --gazetteer: read by the jurisdiction stage
    gazetteer: Gazetteer | None = None
    units: list[UnitRecord] = field(default_factory=list)  # the notice's units table (enrich)
    timings: dict[str, float] = field(default_factory=dict)
