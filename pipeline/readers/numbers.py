"""Numbers written in markup (colspan, w:gridSpan), read without trusting them.

`int()` accepts what `str.isdigit()` lets through only in part: "²" is a digit to one and not to
the other, and a 5,000-digit value exceeds Python's conversion limit; both raised ValueError from
a reader. A value is a positive count of ASCII digits, clamped to the format's own maximum.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"\s*([0-9]+)\s*")


def bounded_int(value: str | None, cap: int, default: int = 1) -> int:
    """' 3 ' -> 3; absent, zero, negative or not a number -> `default`; above `cap` -> `cap`."""
    m = DIGITS.fullmatch(value or "")
    digits = m.group(1).lstrip("0") if m else ""
    if not digits:
        return default
    return cap if len(digits) > len(str(cap)) else min(int(digits), cap)
