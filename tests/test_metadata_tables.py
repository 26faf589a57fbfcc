"""Metadata tables in any carrier: a 信息公开 table is the notice's metadata, not a heading."""

from __future__ import annotations

import pytest

from pipeline.document import Cell, Table
from pipeline.normalize import Para, fold
from pipeline.structure.metadata_tables import blocks_to_metadata
from pipeline.structure.outline import paras_to_outline
from schemas.notice import Location

LOC = Location(table=1, row=1)


def _table(*rows: tuple[str, ...]) -> Table:
    return Table(tuple(tuple(Cell(t, LOC) for t in row) for row in rows), Location(table=1))


def _para(text: str) -> Para:
    return Para(text, fold(text), Location(line_start=1))


@pytest.mark.parametrize(
    "table",
    [
        _table(
            ("索引号", "11431127MB/2023-00021", "发布机构", "青塘镇人民政府"),
            ("文号", "青政发〔2023〕6号", "发布日期", "2023-02-16"),
        ),
        _table(("索 引 号：", "11431127MB/2023-00021"), ("发文字号：", "青政发〔2023〕6号")),
        _table(("索引号：11431127MB/2023-00021", "文号：青政发〔2023〕6号"), ("发布日期：2023-02-16", "")),
        _table(  # a printed page glues a row's pairs into one cell
            (
                "索引号：11431127MB/2023-00021信息分类：政府文件发布机构：青塘镇人民政府文号：青政发〔2023〕6号",
            ),
            ("主题分类：综合政务\\其他生成日期：2023-02-16有效性：有效",),
        ),
    ],
)
def test_a_metadata_table_goes_to_the_metadata(table: Table) -> None:
    """Label and value in two cells, letter-spaced labels with colons, or both in one cell."""
    title = _para("青塘镇人民政府关于印发《青塘镇2023年重点工作任务分解方案》的通知")
    blocks, metadata = blocks_to_metadata([_para("当前位置：首页>通知公告"), table, title], {})
    assert blocks[-1] is title and not any(isinstance(b, Table) for b in blocks)
    assert metadata.get("文号", metadata.get("发文字号")) == "青政发〔2023〕6号"
    assert paras_to_outline(blocks).preamble[-1] is title  # no heading over the notice


def test_the_readers_metadata_wins() -> None:
    table = _table(("文号", "青政发〔2023〕6号", "发布日期", "2023-02-16"))
    assert blocks_to_metadata([table], {"文号": "青政发〔2023〕7号"})[1]["文号"] == "青政发〔2023〕7号"


@pytest.mark.parametrize(
    "table",
    [
        _table(("序号", "重点任务", "牵头单位", "来源"), ("1", "新建学校。", "县教育局", "政府工作报告")),
        _table(("单位", "姓名", "联系电话"), ("县教育局", "黄志远", "13907361258")),
        _table(("文号", "青政发〔2023〕6号"), ("附件", "任务分解表")),  # one label only
    ],
)
def test_other_tables_stay(table: Table) -> None:
    """A task table (its header names 来源), a contact list, a table naming one label."""
    blocks, metadata = blocks_to_metadata([table], {})
    assert blocks == [table] and metadata == {}


def test_pairs_glued_in_one_cell_keep_each_value_whole() -> None:
    from pipeline.structure.metadata_tables import cell_pairs

    text = "索引号：000014349/2025-00021发布机构：柳岸区人民政府办公室文号：柳岸府办发〔2025〕4号"
    assert cell_pairs(text) == [
        ("索引号", "000014349/2025-00021"),
        ("发布机构", "柳岸区人民政府办公室"),
        ("文号", "柳岸府办发〔2025〕4号"),
    ]
    assert cell_pairs("推进乙事。文号：甲") == []  # a cell that does not start with a label


@pytest.mark.parametrize(
    "text",
    [
        "文号：青政发〔2023〕6号\n成文日期：2023-02-16",
        "  • 文号:\n\n    青政发〔2023〕6号\n  • 成文日期:\n    2023-02-16",
        "索引号 11330922/2023-31395\n 文号 青政发〔2023〕6号  成文日期 2023-02-16",
        "索引号：1133/2023-01发布机构：青塘镇人民政府文号：青政发〔2023〕6号成文日期：2023-02-16",
    ],
)
def test_metadata_written_as_lines_of_a_text_carrier(text: str) -> None:
    from pipeline.structure.metadata_tables import paras_to_metadata

    lines = [_para(t.strip()) for t in text.splitlines() if t.strip()]
    found = paras_to_metadata(lines, {})
    assert (found.get("文号"), found.get("成文日期")) == ("青政发〔2023〕6号", "2023-02-16")


def test_a_label_alone_takes_no_value_from_a_sentence_after_another_label() -> None:
    from pipeline.structure.metadata_tables import paras_to_metadata

    lines = [_para("• 主题分类:"), _para("• 文号:"), _para("青政发〔2023〕6号")]
    assert paras_to_metadata(lines, {"文号": "甲"}) == {"文号": "甲"}  # the reader's wins
