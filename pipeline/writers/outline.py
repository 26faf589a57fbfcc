"""A small human-readable view of a result for review and goldens: headings, tasks and units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.writers.ledger import ROLE_FIELDS

if TYPE_CHECKING:
    from schemas.notice import ParseResult


def result_to_outline(result: ParseResult) -> str:
    lines = [f"# {result.notice.doc_number or ''} {result.notice.title or ''}".rstrip()]
    by_source: dict[int, list[str]] = {}
    for h in result.outline:
        key = h.source.line_start or h.source.paragraph or 0
        by_source.setdefault(key, []).append("  " * (h.level - 1) + f"{h.marker} {h.title}")
    for t in result.tasks:
        depth = len(t.path)
        units = "; ".join(
            f"{role}: " + "、".join(u.name for u in getattr(t, field))
            for role, field in ROLE_FIELDS
            if getattr(t, field)
        )
        key = t.source.line_start or t.source.paragraph or 0
        by_source.setdefault(key, []).append("  " * depth + f"[{t.id}] {t.text[:40]}… | {units}")
    ordered = [line for key in sorted(by_source) for line in by_source[key]]
    for d in result.diagnostics:
        ordered.append(f"! {d.severity.value} {d.code}: {d.message}")
    return "\n".join([*lines, *ordered]) + "\n"
