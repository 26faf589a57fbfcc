"""Numbers written in markup (colspan, w:gridSpan), read without trusting them.

`int()` accepts what `str.isdigit()` lets through only in part: "²" is a digit to one and not to
the other, and a 5,000-digit value exceeds Python's conversion limit; both raised ValueError from
a reader. A value is a positive count of ASCII digits, clamped to the format's own maximum.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"\s*([0-9]+)\s*")
CHINESE_DIGITS = "零一二三四五六七八九"


def bounded_int(value: str | None, cap: int, default: int = 1) -> int:
    """' 3 ' -> 3; absent, zero, negative or not a number -> `default`; above `cap` -> `cap`."""
    m = DIGITS.fullmatch(value or "")
    digits = m.group(1).lstrip("0") if m else ""
    if not digits:
        return default
    return cap if len(digits) > len(str(cap)) else min(int(digits), cap)


def chinese_counting(n: int, digits: str = CHINESE_DIGITS, units: str = "十百千") -> str:
    """1-9999 in Chinese counting: 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (Word's list numbers, an
    HTML list in a CJK style); any other number in digits."""
    if n <= 0 or n >= 10000:
        return str(n)
    out: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if not (power == 1 and digit == 1 and not out and digits is CHINESE_DIGITS):
            out.append(digits[digit])
        if power:
            out.append(units[power - 1])
    return "".join(out)
