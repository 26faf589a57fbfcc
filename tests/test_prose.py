"""prose and conventions: unlabelled assignments and document-wide rules."""

from __future__ import annotations

import pytest

from pipeline.assign.conventions import blocks_to_conventions, enclosing
from pipeline.assign.prose import part_to_lists, prose_lists
from pipeline.normalize import fold
from schemas.notice import Location

LOC = Location(line_start=1, line_end=1)


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("省发改委负责", [("lead", "省发改委")]),
        ("省财政厅主办,省国税局、地税局协办", [("lead", "省财政厅"), ("supporting", "省国税局、地税局")]),
        ("省发改委、农委分别负责", [("lead", "省发改委、农委")]),
        ("由县教育局负责", [("lead", "县教育局")]),
        ("由县教育局会同县财政局等部门负责", [("lead", "县教育局"), ("supporting", "县财政局")]),
        ("县发改委牵头，县财政局配合", [("lead", "县发改委"), ("supporting", "县财政局")]),
        ("以下简称甲事", None),
        ("各地要加强领导负责", None),
    ],
)
def test_clauses(part: str, expected: list[tuple[str, str]] | None) -> None:
    lists = part_to_lists(part, LOC)
    got = [(lst.kind, lst.content) for lst in lists] if lists else None
    assert got == expected, (part, got)


def test_prose_lists_cut_the_text() -> None:
    text = "推进甲事。（省发改委负责）"
    key = fold(text)
    group = (key.rindex("("), len(key) - 1)
    assert prose_lists(text, group, LOC)[0] == "推进甲事。"
    assert prose_lists("推进甲事。县发改委牵头。", None, LOC)[0] == "推进甲事。"
    assert prose_lists("推进甲事。加快乙事。", None, LOC) == ("推进甲事。加快乙事。", [])


def test_enclosing_bracket_or_sentence() -> None:
    key = "县发改局(首位单位为牵头单位,下同)、县财政局"
    assert key[slice(*enclosing(key, 5, 9))] == "首位单位为牵头单位,下同"
    key = "甲。以下均不再单独列出。乙"
    assert key[slice(*enclosing(key, 4, 8))] == "以下均不再单独列出"


def test_conventions_found_once() -> None:
    from tests.helpers import paras

    found = blocks_to_conventions(
        list(paras("责任单位:市发改委、市财政局(列第一位为牵头单位,下同)\n责任单位:甲(列第一位为牵头单位)"))
    )
    assert [(c.code, c.raw) for c in found] == [("lead-by-position", "列第一位为牵头单位,下同")]


@pytest.mark.parametrize(
    ("statement", "roles"),
    [
        ("方案中各项任务的责任单位标注“*”的为牵头单位，其余为责任单位。", {"*": "lead"}),
        ("带★的单位为牵头单位，带▲的为配合单位。", {"★": "lead", "▲": "supporting"}),
        ("加“※”号者为协办单位。", {"※": "supporting"}),
        ("注：＊为牵头单位", {"*": "lead"}),
        ("请各单位按时报送。", {}),
        (
            "责任单位（带*的为牵头单位）\n注：标★的为配合单位。",
            {"*": "lead", "★": "supporting"},
        ),  # two places
    ],
)
def test_the_notice_says_what_each_mark_sign_stands_for(statement: str, roles: dict[str, str]) -> None:
    from pipeline.assign.conventions import sign_roles
    from tests.helpers import paras

    found = blocks_to_conventions(list(paras(statement)))
    assert sign_roles(found) == roles


@pytest.mark.parametrize(
    ("note", "lead", "responsible"),
    [
        ("标注“*”的为牵头单位。", ["县发改局"], ["县统计局"]),
        ("", [], ["县发改局", "县统计局"]),  # a sign the notice never explains: dropped, no guess
    ],
)
def test_a_mark_sign_takes_the_role_the_notice_gives_it(
    tmp_path: pytest.TempPathFactory, note: str, lead: list[str], responsible: list[str]
) -> None:
    from pathlib import Path

    from pipeline import parse

    path = Path(str(tmp_path)) / "notice.txt"
    path.write_text(
        f"关于印发重点任务分解的通知\n{note}\n一、甲\n1.推进乙事。\n责任单位：县发改局*、县统计局\n", "utf-8"
    )
    task = parse(path).tasks[0]
    assert [u.name for u in task.lead_units] == lead
    assert [u.name for u in task.responsible_units] == responsible
    assert task.responsible_units[-1].raw == "县统计局"


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (
            "由区城管局牵头，区住建局配合，2024年底前完成",
            [("lead", "区城管局"), ("supporting", "区住建局"), ("deadline", "2024年底前完成")],
        ),
        (
            "区城管局牵头，区住建局配合，年底前完成",
            [("lead", "区城管局"), ("supporting", "区住建局"), ("deadline", "年底前完成")],
        ),
        (
            "区教育局牵头，区市场监管局配合，2024年8月底前完成",
            [("lead", "区教育局"), ("supporting", "区市场监管局"), ("deadline", "2024年8月底前完成")],
        ),
        ("由县发改委负责，6月底前完成", [("lead", "县发改委"), ("deadline", "6月底前完成")]),
        (
            "县住建局牵头，县财政局配合，长期坚持",
            [("lead", "县住建局"), ("supporting", "县财政局"), ("deadline", "长期坚持")],
        ),
        (
            "由县水利局牵头，各乡镇配合，2024年12月31日前完成",
            [("lead", "县水利局"), ("supporting", "各乡镇"), ("deadline", "2024年12月31日前完成")],
        ),
        ("2024年底前完成", None),  # a time alone assigns nothing
        ("由县发改委牵头，县财政局配合，确保按期完成", None),  # a clause that is neither
    ],
)
def test_a_prose_assignment_closed_by_its_time_limit(
    part: str, expected: list[tuple[str, str]] | None
) -> None:
    """由区城管局牵头，区住建局配合，2024年底前完成: the last clause is the deadline, not prose that
    makes the whole part no assignment."""
    lists = part_to_lists(part, LOC)
    got = [(lst.kind, lst.content) for lst in lists] if lists else None
    assert got == expected, (part, got)
