"""Hard limits against hostile inputs: each a number with a default and a command-line option.

A real notice is a few thousand paragraphs on a few dozen pages in a file of a few MB; the
defaults leave that a hundredfold room and still stop a crafted file (a .docx of 3 million empty
paragraphs, a zip bomb, a 5,000-page PDF) before it takes minutes and gigabytes. Every reader
checks them as it goes and stops at the first one exceeded with a `LimitError` (exit 3) whose one
line names the limit and the option that raises it. Within the limits the cost is linear.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, fields
from pathlib import Path

from pipeline.errors import LimitError

DEFAULT_MAX_BYTES = 100_000_000  # input file size
DEFAULT_MAX_UNPACKED = 200_000_000  # a .docx: sum of its zip members' sizes, from the zip directory
DEFAULT_MAX_RATIO = 100  # a .docx: a member's size over its compressed size
DEFAULT_MAX_PARAGRAPHS = 200_000  # paragraphs (lines of a .txt) a reader produces
DEFAULT_MAX_PAGES = 3_000  # pages of a PDF, from its page count
DEFAULT_RATIO_FLOOR = 1_000_000  # a member smaller than this unpacks to too little to matter
HTML_MAX_DEPTH = 2048  # libxml2's element nesting limit with XML_PARSE_HUGE; no option raises it
# An HTML page's CSS (readers/html_css.py): past these its remaining rules are ignored and the page
# is read with what was applied; no option raises them, a real page's stylesheet is far below them
CSS_MAX_STYLE_CHARS = 5_000_000  # characters of <style> text read
CSS_MAX_RULES = 20_000  # selectors whose rule sets a property the reader reads
CSS_MAX_CHECKS = 20_000_000  # selector compounds tested against elements, all elements together

SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?)?b?\s*$", re.IGNORECASE)
UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


@dataclass(frozen=True, slots=True)
class Spec:
    option: str
    label: str  # the limit's name in messages
    help: str
    size: bool = False  # a byte count: shown as MB, given as 100MB, 2G, 500k or digits


SPECS: dict[str, Spec] = {
    "max_bytes": Spec("--max-bytes", "input-size", "largest input file", size=True),
    "max_unpacked": Spec("--max-unpacked", "unpacked-size", "largest sum of a .docx's unpacked parts", True),
    "max_ratio": Spec(
        "--max-ratio",
        "compression-ratio",
        "largest N in N:1, the compression ratio of a .docx part of 1 MB or more",
    ),
    "max_paragraphs": Spec("--max-paragraphs", "paragraph", "most paragraphs (or text lines) in an input"),
    "max_pages": Spec("--max-pages", "page", "most pages in a PDF"),
}


def show(value: int, size: bool) -> str:
    """12345678 -> '12.3 MB' for a size, '12,345,678' for a count."""
    if not size:
        return f"{value:,}"
    if value >= 10**6:
        return f"{value / 10**6:,.1f} MB".replace(".0 MB", " MB")
    return f"{value:,} bytes"


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_unpacked: int = DEFAULT_MAX_UNPACKED
    max_ratio: int = DEFAULT_MAX_RATIO
    max_paragraphs: int = DEFAULT_MAX_PARAGRAPHS
    max_pages: int = DEFAULT_MAX_PAGES
    ocr: str = "auto"  # PDF pages without a text layer: auto (OCR when the extra is installed), never, always

    def refuse(self, path: Path | str, name: str, found: str) -> LimitError:
        """The error for `found` (e.g. 'has 5,000 pages') over the limit `name`."""
        spec = SPECS[name]
        limit = show(getattr(self, name), spec.size) + (":1" if name == "max_ratio" else "")
        return LimitError(
            f"{path}: {found}, over the {spec.label} limit of {limit} ({spec.option} raises it)"
        )


def size_arg(value: str) -> int:
    """'100MB', '2G', '500k', '1.5MiB' or plain digits -> bytes (k/M/G are powers of 1000)."""
    m = SIZE.match(value)
    if m is None:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 100MB, 2G, 500k or a byte count)")
    number = float(m.group(1)) * UNITS[(m.group(2) or "").lower()]
    if number < 1:
        raise argparse.ArgumentTypeError(f"a size must be at least 1 byte: {value!r}")
    return int(number)


def count_arg(value: str) -> int:
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def add_arguments(parser: argparse.ArgumentParser, lang: str = "en") -> None:
    """One option per limit, its default in the help (in Chinese from data/messages.json)."""
    from pipeline.report import catalogue

    zh = catalogue()["help"] if lang == "zh" else {}
    title = "limits (an input over one exits 3, naming the limit and its option)"
    group = parser.add_argument_group(zh.get("limits", {}).get("zh", title))
    defaults = Limits()
    for f in fields(Limits):
        if f.name not in SPECS:  # not a limit: its own option (--ocr)
            continue
        spec = SPECS[f.name]
        default = show(getattr(defaults, f.name), spec.size)
        group.add_argument(
            spec.option,
            dest=f.name,
            type=size_arg if spec.size else count_arg,
            default=getattr(defaults, f.name),
            metavar="SIZE" if spec.size else "N",
            help=zh.get("limit_default", {})
            .get("zh", "{help} (default {default})")
            .format(
                help=zh.get(f.name, {}).get("zh", spec.help),
                default=default + (":1" if f.name == "max_ratio" else ""),
            ),
        )


def from_args(args: argparse.Namespace) -> Limits:
    defaults = Limits()
    return Limits(
        **{f.name: getattr(args, f.name, None) or getattr(defaults, f.name) for f in fields(Limits)}
    )
