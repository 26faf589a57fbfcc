"""notice-parse: task-decomposition notices (重点工作任务分解) to validated JSON and Parquet.

>>> from pipeline import parse
>>> result = parse("inputs/栾政〔2021〕2号.txt")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "parse"]

if TYPE_CHECKING:
    from schemas.notice import ParseResult


def parse(path: Any) -> ParseResult:
    from pipeline.runner import parse as run_parse

    return run_parse(path)
