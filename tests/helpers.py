"""Build the stages' inputs from a short text, so each stage can be tested on its own."""

from __future__ import annotations

from pipeline.normalize import Para, fold
from schemas.notice import Location


def paras(text: str) -> list[Para]:
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out.append(Para(line.strip(), fold(line.strip()), Location(line_start=i, line_end=i)))
    return out
