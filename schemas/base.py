"""The base of every model of the output contract: strict objects and the coarse unit kind."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Frozen(BaseModel):
    """A strict value object of scalars, immutable: the enrich stages hand the same instance to
    every result that reads the same text (a deadline or a target of 年底前完成… is the same value)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class UnitKind(str, Enum):
    department = "department"
    township = "township"
    collective = "collective"
    enterprise = "enterprise"
    committee = "committee"
    other = "other"
