"""Metadata tables: a 信息公开 table (索引号 | … | 文号 | 青政发〔2023〕6号) in any carrier.

The HTML reader lifts such a table out of the page's markup; a web page printed to PDF or saved
as Word keeps it as a plain table, which the outline would read as a heading over the whole
notice (its title and 文号 lost to that heading's text). Read here, it goes to the metadata as in
HTML: a table whose cells name two or more metadata labels (data/html.json metadata_labels),
each followed by its value cell or written ``文号：青政发〔2023〕6号`` in one cell (several such
pairs glued in one cell too), and whose first row is no task table's header. The same pairs
written as lines of a text carrier's preamble are read by `paras_to_metadata`.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.document import Table
from pipeline.normalize import NormalBlock, Para
from pipeline.structure.tables import header_columns, slots
from pipeline.vocab import load

LABEL_JUNK = re.compile(r"[\s\u00a0\u3000:：]+")
MIN_LABELS = 2  # one label-like cell is a task table's column, not a metadata table


@cache
def _labels() -> frozenset[str]:
    return frozenset(load("html.json")["metadata_labels"])


@cache
def _label_colon() -> re.Pattern[str]:
    """A metadata label and its colon, anywhere in a cell (longest label first: 发文字号 before 文号)."""
    words = sorted(_labels(), key=len, reverse=True)
    spaced = ("[\\s\u3000]*".join(map(re.escape, w)) for w in words)  # 标　　题, 索 引 号
    return re.compile(r"(" + "|".join(spaced) + r")[\s\u3000]*[:：]")


def cell_pairs(text: str) -> list[tuple[str, str]]:
    """``索引号：000014349/2025-00021发布机构：柳岸区人民政府办公室文号：柳岸府办发〔2025〕4号``: the
    label-value pairs a cell holds, written one after another (a page printed to PDF glues a
    row's pairs into one cell). Empty unless the cell starts with a label."""
    marks = list(_label_colon().finditer(text.strip()))
    if not marks or marks[0].start() != 0:
        return []
    text = text.strip()
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [
        (LABEL_JUNK.sub("", m[1]), text[m.end() : end].strip()) for m, end in zip(marks, ends, strict=True)
    ]


def table_to_metadata(table: Table) -> dict[str, str]:
    """Label -> value pairs of the table; empty unless it reads as a metadata table."""
    if not table.rows or header_columns(slots(table.rows[0], header=True)) is not None:
        return {}
    labels = _labels()
    found: dict[str, str] = {}
    for row in table.rows:
        for i, cell in enumerate(row):
            text = cell.text.strip()
            label = LABEL_JUNK.sub("", text)
            if label in labels and i + 1 < len(row):
                value = row[i + 1].text.strip()
                if value and LABEL_JUNK.sub("", value) not in labels:
                    found.setdefault(label, value)
            else:
                for key, value in cell_pairs(text):
                    if value:
                        found.setdefault(key, value)
    return found if len(found) >= MIN_LABELS else {}


def blocks_to_metadata(
    blocks: list[NormalBlock], metadata: dict[str, str]
) -> tuple[list[NormalBlock], dict[str, str]]:
    """The blocks without their metadata tables, and the metadata with theirs added (what the
    reader found first wins)."""
    out: list[NormalBlock] = []
    merged = dict(metadata)
    for block in blocks:
        found = table_to_metadata(block) if isinstance(block, Table) else {}
        if not found:
            out.append(block)
            continue
        for key, value in found.items():
            merged.setdefault(key, value)
    return out, merged


BULLET = re.compile(r"^[•·*\-－—]\s*")
WIDE_GAP = re.compile(r"[ \t\u3000]{2,}")


def paras_to_metadata(paras: list[Para], metadata: dict[str, str]) -> dict[str, str]:
    """The metadata with the pairs a text carrier writes in the preamble added (the reader's
    win): ``文号：X`` lines, a bullet list with the value on the next line (``• 成文日期:`` then
    ``2023-02-22``), pairs set apart by wide gaps (``生成日期 2023-02-22  公开方式 主动公开``)."""
    labels = _labels()
    merged = dict(metadata)
    waiting: str | None = None  # a label alone on its line, its value on the next
    for para in paras:
        text = BULLET.sub("", para.text.strip())
        bare = LABEL_JUNK.sub("", text)
        if bare in labels:
            waiting = bare if text.rstrip().endswith((":", "：")) else None
            continue
        pairs = cell_pairs(text) or _spaced_pairs(text, labels)
        if pairs:
            for key, value in pairs:
                if value:
                    merged.setdefault(key, value)
        elif waiting is not None:
            merged.setdefault(waiting, text)
        waiting = None
    return merged


def _spaced_pairs(text: str, labels: frozenset[str]) -> list[tuple[str, str]]:
    """``组配分类 政府工作报告执行  发布机构 嵊泗县人民政府办公室``: label, a space, the value."""
    out: list[tuple[str, str]] = []
    for chunk in WIDE_GAP.split(text.strip()):
        label, _, value = chunk.partition(" ")
        if label not in labels or not value.strip():
            return []
        out.append((label, value.strip()))
    return out
