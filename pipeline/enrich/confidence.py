"""How sure OCR was of each task: the mean probability of its lines' characters, and the
characters read with low probability, named so a person checks them against the scan.

A task's lines are those of its `source` (line_start..line_end, the PDF reader's physical
lines), where every OCR'd character kept the recogniser's probability (readers/ocr.py).
"""

from __future__ import annotations

from collections import Counter

from pipeline.document import OcrRead
from schemas.notice import Diagnostic, OcrSource, Severity, Task

LOW = 0.9  # a character below this probability is named; above it, OCR errors were not seen on the seed scan
SHOWN = 8  # characters named in one diagnostic, the rest counted


def read_to_source(read: OcrRead) -> OcrSource:
    probabilities = [p for line in read.characters.values() for _, p in line]
    mean = sum(probabilities) / len(probabilities) if probabilities else 0.0
    return OcrSource(engine=read.engine, dpi=read.dpi, pages=list(read.pages), confidence=round(mean, 4))


PAIRS = ("“”", "‘’", "《》", "（）", "〔〕")
USUAL_END_SHARE = 0.8  # the notice's usual last character: at least this share of its tasks end so


def _lost(text: str, usual_end: str | None) -> list[str]:
    """Signs that OCR dropped a character no probability can show: a bracket or quote left
    without its partner, a text that ends other than the notice's tasks usually end."""
    signs = [
        f"{pair[0]} without its {pair[1]}" for pair in PAIRS if text.count(pair[0]) != text.count(pair[1])
    ]
    if usual_end and text and not text.endswith(usual_end):
        signs.append(f"it ends without the {usual_end} the notice's other tasks end with")
    return signs


def tasks_to_confidence(tasks: list[Task], read: OcrRead) -> list[Diagnostic]:
    """Set each OCR'd task's `ocr_confidence`; a warning per task with low-probability characters
    or signs of a lost one."""
    found: list[Diagnostic] = []
    ends = Counter(t.text[-1:] for t in tasks if t.text)
    usual_end, count = ends.most_common(1)[0] if ends else ("", 0)
    usual = usual_end if tasks and count >= USUAL_END_SHARE * len(tasks) else None
    for task in tasks:
        first, last = task.source.line_start, task.source.line_end or task.source.line_start
        if first is None or last is None:
            continue
        characters = [c for n in range(first, last + 1) for c in read.characters.get(n, ())]
        if not characters:
            continue
        task.ocr_confidence = round(sum(p for _, p in characters) / len(characters), 4)
        low = [(ch, p) for ch, p in characters if p < LOW]
        lost = _lost(task.text, usual)
        if low or lost:
            parts = []
            if low:
                more = f" and {len(low) - SHOWN} more" if len(low) > SHOWN else ""
                shown = "、".join(f"{ch}（{p:.2f}）" for ch, p in low[:SHOWN])
                parts.append(f"{len(low)} characters read with low confidence: {shown}{more}")
            parts += lost
            found.append(
                Diagnostic(
                    severity=Severity.warning,
                    code="ocr-low-confidence",
                    message=f"task {task.id}: check it against the scan: " + "; ".join(parts),
                    location=task.source,
                )
            )
    return found
