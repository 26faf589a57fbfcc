"""Quantitative targets (pipeline/enrich/targets.py): the grammar, the not-targets, and the seed
against the hand-checked answer in tests/targets/seed.targets.json."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from pipeline.enrich.targets import text_to_targets
from pipeline.runner import parse
from tests.conftest import ROOT, SEED
from tests.target_scoring import score_targets

ANSWER = json.loads((ROOT / "tests" / "targets" / "seed.targets.json").read_text(encoding="utf-8"))
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年新增信贷700亿元以上", [("新增信贷", 700, "亿元", "≥")]),
        ("燃煤总量控制在2000万吨以内", [("燃煤总量", 2000, "万吨", "≤")]),
        ("推进实施1000多个重大项目", [("推进实施重大项目", 1000, "个", ">")]),
        ("投资超200亿元", [("投资", 200, "亿元", ">")]),
        ("集中供热率达到95%", [("集中供热率", 95, "%", "=")]),
        ("粮食总产稳定在45亿斤以上", [("粮食总产", 45, "亿斤", "≥")]),
        ("农村生活污水处理率提高到50%", [("农村生活污水处理率", 50, "%", "=")]),
        ("打造100个示范村", [("打造示范村", 100, "个", "=")]),
        ("审批时间压缩至3个工作日", [("审批时间", 3, "个工作日", "≤")]),
        ("不低于30万人次", [("", 30, "万人次", "≥")]),
        ("力争签约80个10亿元以上重大项目", [("签约", 80, "个", "=")]),  # 签约: 约 is no comparator
    ],
)
def test_grammar(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    targets, _ = text_to_targets(text)
    assert [(t.indicator, t.value, t.unit, t.comparator.value) for t in targets] == expected


@pytest.mark.parametrize(
    ("text", "raw", "reason"),
    [
        ("洛平30条、洛三32条及早实施", "洛平30条", "name"),
        ("大力实施“97193”合理有效投资行动计划", "“97193”", "name"),
        ("以5G应用为重点", "5G", "identifier"),
        ("丰富拓展“1+N”工业互联网平台", "“1+N”", "name"),
        ("构建1小时通勤圈", "1小时通勤圈", "name"),
        ("力争普莱柯P3实验室进入国家规划", "P3", "identifier"),
        ("创建5家3A级以上乡村旅游景区", "3A级", "grade"),
        ("关于2021年重点工作", "2021", "year"),
        ("3月底前全部承接到位", "3月底前", "date"),
        ("认真落实5年过渡期要求", "5年", "duration"),
        ("力争签约80个10亿元以上重大项目", "10亿元以上", "threshold"),
        ("围绕9大体系", "9大", "name"),
    ],
)
def test_not_targets(text: str, raw: str, reason: str) -> None:
    _, not_targets = text_to_targets(text)
    assert (raw, reason) in [(n.raw, n.reason) for n in not_targets]


def test_seed_against_the_hand_checked_answer() -> None:
    s = score_targets(parse(SEED), ANSWER)
    assert s["f1"] >= 0.95, s
    assert s["precision"] == 1.0 and s["recall"] == 1.0, (s["missed"], s["extra"])


def test_seed_not_targets_are_the_hand_checked_ones() -> None:
    got = {
        str(t.number): [(n.raw, n.reason) for n in t.not_targets] for t in parse(SEED).tasks if t.not_targets
    }
    want = {task: [(n["raw"], n["reason"]) for n in rows] for task, rows in ANSWER["not_targets"].items()}
    assert got == want


def digits_accounted(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Digits of `text` in no span: [] when every digit is a target's or a not-target's."""
    return [m.group() for m in re.finditer(r"\d", text) if not any(a <= m.start() < b for a, b in spans)]


INPUTS = [SEED, *sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else [SEED]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_every_digit_is_accounted_for_and_spans_are_the_text(path: Path) -> None:
    for task in parse(path).tasks:
        spans = [(t.start, t.end) for t in task.targets] + [(n.start, n.end) for n in task.not_targets]
        assert not digits_accounted(task.text, spans), (task.id, task.text)
        for t in task.targets:
            assert task.text[t.start : t.end] == t.raw and t.value_raw in t.raw
        ordered = sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered)), (task.id, ordered)  # no overlaps


@pytest.mark.parametrize(
    ("text", "expected", "scope"),
    [  # a count followed by its noun and 均/都/全部/分别 names the set the next quantity applies to
        ("4个结构性指标均实现10%以上增长", [(10, "%", "≥")], "4个"),
        ("3个园区均实现产值超10亿元", [(10, "亿元", ">")], "3个"),
        ("12家企业全部完成500万元技改投资", [(500, "万元", "=")], "12家"),
        ("5个项目分别新增投资2亿元以上", [(2, "亿元", "≥")], "5个"),
        ("2所学校都建成30个标准化教室", [(30, "个", "=")], "2所"),
    ],
)
def test_a_count_that_scopes_the_next_quantity_is_no_target(
    text: str, expected: list[tuple[float, str, str]], scope: str
) -> None:
    targets, not_targets = text_to_targets(text)
    assert [(t.value, t.unit, t.comparator.value) for t in targets] == expected
    assert [(n.raw, n.reason) for n in not_targets] == [(scope, "scope")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # the other members: no second quantity, or a clause break between, or no distributive word
        ("5所学校全部达到标准化", [(5, "所", "=")]),
        ("新建4个公园，绿地率均达到40%", [(4, "个", "="), (40, "%", "=")]),
        ("建成3个园区实现产值10亿元", [(3, "个", "="), (10, "亿元", "=")]),
    ],
)
def test_a_count_without_a_scoped_quantity_stays_a_target(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    targets, not_targets = text_to_targets(text)
    assert [(t.value, t.unit, t.comparator.value) for t in targets] == expected
    assert not_targets == []
