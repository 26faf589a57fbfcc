"""notice-parse: task-decomposition notices (重点工作任务分解) to validated JSON and Parquet.

>>> from pipeline import parse
>>> result = parse("inputs/栾政〔2021〕2号.txt")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "parse"]

if TYPE_CHECKING:
    from pipeline.limits import Limits
    from schemas.notice import ParseResult


def parse(path: Any, limits: Limits | None = None, gazetteer: Any = None) -> ParseResult:
    """Parse one notice; `limits` (pipeline.limits.Limits) bound hostile inputs, defaults if None;
    `gazetteer`: the path of a gazetteer of the notice's jurisdiction (pipeline/data/gazetteers/)."""
    from pipeline.runner import parse as run_parse

    return run_parse(path, limits=limits, gazetteer=gazetteer)
