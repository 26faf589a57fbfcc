"""Pydantic models of the output contract and the exported JSON Schema."""

from schemas.notice import SCHEMA_VERSION, ParseResult

__all__ = ["SCHEMA_VERSION", "ParseResult"]
