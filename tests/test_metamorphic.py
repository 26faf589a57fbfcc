"""The metamorphic variants (tests/metamorphic.py) themselves: each rewrites the form and keeps the
answer. These tests never run the parser, so they hold whatever its accuracy is today."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests import metamorphic as M
from tests.conftest import CORPUS, REFERENCE
from tests.scoring import fold, norm

GENRE = Path(__file__).resolve().parent / "genre"
ROLES = ("lead", "responsible", "supporting")


@cache
def all_cases() -> tuple[tuple[str, str, dict[str, Any]], ...]:
    """(name, text, gold) of every genre notice and, when ../shared is present, the corpus."""
    pairs = [(p, p.with_name(p.stem + ".gold.json")) for p in sorted(GENRE.glob("*.txt"))]
    if CORPUS.is_dir():
        pairs += [(p, p.with_suffix(".gold.json")) for p in sorted(CORPUS.glob("*.txt"))]
    if REFERENCE.is_dir():
        pairs += [(p, p.with_suffix(".answer.json")) for p in sorted(REFERENCE.glob("*.txt"))]
    return tuple(
        (txt.stem, M.read_text(txt), json.loads(gold.read_text(encoding="utf-8")))
        for txt, gold in pairs
        if gold.exists()
    )


def answer_strings(gold: dict[str, Any]) -> list[str]:
    """Task texts and unit names: what the scorer matches against the parse."""
    out = []
    for task in gold["tasks"]:
        out.append(task["text"])
        for role in ROLES:
            out += task.get(role, [])
    return out


@cache
def _norm_text(text: str) -> str:
    return norm(text)


def findable(s: str, text: str) -> bool:
    return norm(s) in _norm_text(text)


def assert_answer_kept(name: str) -> int:
    """Every answer string findable in an original stays findable in its variant (with its gold)."""
    applied = 0
    for case, text, gold in all_cases():
        status, _, new, new_gold = M.apply_variant(name, text, gold)
        if status != M.APPLIED:
            continue
        assert new is not None and new_gold is not None
        applied += 1
        for before, after in zip(answer_strings(gold), answer_strings(new_gold), strict=True):
            if findable(before, text):
                assert findable(after, new), f"{name} {case}: {after!r} lost"
    return applied


@pytest.mark.parametrize("name", ["halfwidth", "fullwidth", "one-line", "no-blank-lines", "label-synonyms"])
def test_variant_keeps_every_findable_answer(name: str) -> None:
    assert assert_answer_kept(name) > 0


def test_label_order_keeps_every_findable_answer() -> None:
    assert assert_answer_kept("label-order") > 0


# --- width ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["halfwidth", "fullwidth"])
def test_width_variants_change_nothing_after_nfkc(name: str) -> None:
    fn = M.VARIANTS[name][0]
    for case, text, _ in all_cases():
        new = fn(text)
        if new is not None:
            assert fold(new) == fold(text), case


def test_halfwidth_leaves_no_fullwidth_punctuation() -> None:
    assert M.halfwidth("牵头单位：县发改委；责任单位：各乡（镇），县财政局！？") == (
        "牵头单位:县发改委;责任单位:各乡(镇),县财政局!?"
    )
    assert M.halfwidth("没有可改的、。") is None
    for _, text, _ in all_cases():
        new = M.halfwidth(text)
        if new is not None:
            assert not set(new) & set("，：；（）！？")


def test_fullwidth_converts_only_next_to_cjk() -> None:
    assert M.fullwidth("牵头单位:县发改委;责任单位:县财政局,县统计局") == (
        "牵头单位：县发改委；责任单位：县财政局，县统计局"
    )
    assert M.fullwidth("(1)做好甲事") == "（1）做好甲事"  # a pair, never a mixed (1）
    assert M.fullwidth("生产总值(GDP)增长") == "生产总值（GDP）增长"


@pytest.mark.parametrize(
    "text",
    [
        "GDP 2.5, 5G (x): y; z",
        "http://www.gov.cn/a,b;c:d(e)",
        "2021-03-29 12:00 1,000",
        "见 https://x.cn/p?a=1,2 (v2)",
        "未配对的括号(甲",
    ],
)
def test_fullwidth_never_touches_latin_digit_runs(text: str) -> None:
    assert M.fullwidth(text) is None


# --- line layout ---------------------------------------------------------------------------------


def test_one_line_joins_non_blank_lines_with_single_spaces() -> None:
    assert (
        M.one_line("一、甲\n\n1.做好乙。\n  牵头单位：县发改委  \n")
        == "一、甲 1.做好乙。 牵头单位：县发改委\n"
    )
    assert M.one_line("只有一行\n") is None
    for case, text, gold in all_cases():
        status, _, new, _ = M.apply_variant("one-line", text, gold)
        if gold.get("layout") == "table":
            assert status == M.SKIPPED, case
        elif new is not None:
            assert new.count("\n") == 1 and new.endswith("\n"), case


def test_no_blank_lines_keeps_the_other_lines_in_order() -> None:
    assert M.no_blank_lines("甲\n\n  \n乙\n") == "甲\n乙\n"
    assert M.no_blank_lines("甲\n乙\n") is None
    for case, text, _ in all_cases():
        new = M.no_blank_lines(text)
        if new is not None:
            assert [x for x in new.split("\n") if x.strip()] == [x for x in text.split("\n") if x.strip()], (
                case
            )
            assert all(x.strip() for x in new.rstrip("\n").split("\n")), case


# --- label synonyms ------------------------------------------------------------------------------

WORD = re.compile("(牵头|责任|配合|协办)(单位|部门)")
IDEOGRAPH = re.compile("[\u3400-\u9fff]")


def test_label_synonyms_at_label_positions() -> None:
    assert M.label_synonyms("1.做好甲。牵头单位：县发改委；责任单位:县财政局") == (
        "1.做好甲。牵头部门：县发改委；责任部门:县财政局"
    )
    assert (
        M.label_synonyms("【牵头单位】区城管委\n【配合单位】各街道")
        == "【牵头部门】区城管委\n【配合部门】各街道"
    )
    assert M.label_synonyms("序号\t重点任务\t牵头单位\t责任单位") == "序号\t重点任务\t牵头部门\t责任部门"
    assert M.label_synonyms("| 序号 | 牵头单位 | 协办单位 |") == "| 序号 | 牵头部门 | 协办部门 |"
    assert M.label_synonyms("责任单位\n") == "责任部门\n"  # a table cell on its own line
    assert (
        M.label_synonyms("（牵头部门：省发改委；责任部门：省财政厅）")
        == "（牵头单位：省发改委；责任单位：省财政厅）"
    )


@pytest.mark.parametrize(
    "text",
    [
        "各责任单位要高度重视，切实加强领导。",
        "请各牵头单位会同责任单位制定方案。",
        "1.做好甲。配合责任单位:区住建局;牵头责任单位:区发改局",
        "确定了牵头单位和责任单位。牵头单位负责全面协调。",
        "序号 项目内容 牵头责任单位",
    ],
)
def test_label_synonyms_never_inside_a_sentence(text: str) -> None:
    assert M.label_synonyms(text) is None


def test_label_synonyms_change_only_label_positions() -> None:
    applied = 0
    for case, text, _ in all_cases():
        new = M.label_synonyms(text)
        if new is None:
            continue
        applied += 1
        assert len(new) == len(text), case
        for m in WORD.finditer(text):
            start, end = m.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if IDEOGRAPH.fullmatch(before or "-") or IDEOGRAPH.fullmatch(after or "-"):
                assert new[start:end] == m.group(), f"{case}: sentence occurrence at {start} changed"
            elif new[start:end] != m.group():  # changed: a colon, a closing bracket or a cell edge follows
                rest = text[end:].lstrip(" \t\u3000")
                assert (
                    rest[:1] in {":", "：", "】", "]", "〕", "］", "|", "\n", ""}
                    or text[end] in "\t\u3000"
                    or (text[end : end + 2] == "  ")
                ), f"{case}: changed at {start} before {text[end : end + 5]!r}"
        changed = [i for i, (a, b) in enumerate(zip(text, new, strict=True)) if a != b]
        assert all(text[i] in "单位部门" for i in changed), case
    assert applied > 0


# --- label order ---------------------------------------------------------------------------------


def test_label_order_swaps_two_label_lines_of_a_task() -> None:
    text = "一、甲\n1.做好乙。\n牵头单位：县发改委\n责任单位：县财政局\n2.做好丙。\n牵头单位：县商务局\n"
    assert M.label_order(text) == (
        "一、甲\n1.做好乙。\n责任单位：县财政局\n牵头单位：县发改委\n2.做好丙。\n牵头单位：县商务局\n"
    )
    assert M.label_order("一、甲\n1.做好乙。（牵头单位：县发改委）\n") is None


def test_label_order_keeps_a_wrapped_unit_list_with_its_label() -> None:
    text = "1.做好乙。\n牵头单位：市发改委\n责任单位：市财政局、市\n生态环境局\n2.做好丙。\n"
    assert M.label_order(text) is None
    text = "1.做好乙。\n牵头单位:\n市教育局\n责任单位:\n市财政局、\n市税务局\n2.做好丙。\n"
    assert (
        M.label_order(text)
        == "1.做好乙。\n责任单位:\n市财政局、\n市税务局\n牵头单位:\n市教育局\n2.做好丙。\n"
    )


def test_label_order_keeps_the_multiset_of_lines() -> None:
    applied = 0
    for case, text, _ in all_cases():
        new = M.label_order(text)
        if new is None:
            continue
        applied += 1
        assert Counter(new.split("\n")) == Counter(text.split("\n")), case
        assert new != text, case
    assert applied > 0


# --- traditional ---------------------------------------------------------------------------------


def test_traditional_converts_text_and_gold_consistently() -> None:
    pytest.importorskip("opencc")
    applied = 0
    for case, text, gold in all_cases():
        status, _, new, new_gold = M.apply_variant("traditional", text, gold)
        if status != M.APPLIED:
            continue
        assert new is not None and new_gold is not None
        applied += 1
        assert new_gold["tasks"] != gold["tasks"] or not gold["tasks"], case
        for before, after in zip(answer_strings(gold), answer_strings(new_gold), strict=True):
            assert len(after) == len(before)
            if findable(before, text):
                assert findable(after, new), f"{case}: {after!r} not in the converted text"
        for key in ("issuer", "title"):
            if key in gold.get("notice", {}) and findable(gold["notice"][key], text):
                assert findable(new_gold["notice"][key], new), f"{case}: notice {key}"
    assert applied > 0


def test_traditional_gold_takes_the_characters_of_its_place() -> None:
    pytest.importorskip("opencc")
    text = "一、发展经济\n1.加快发展乙产业。\n牵头单位：县发改委、县财政局\n"
    gold: dict[str, Any] = {
        "layout": "inline-lines",
        "source": "synthetic",
        "notice": {"issuer": "县人民政府"},
        "tasks": [
            {"number": 1, "text": "加快发展乙产业。", "path": ["发展经济"], "lead": ["县发改委", "县财政局"]}
        ],
    }
    new = M.traditional(text)
    assert new is not None
    out = M.traditional_gold(gold, text)
    task = out["tasks"][0]
    for s in (task["text"], task["path"][0], *task["lead"]):
        assert s in new
    assert task["lead"] == ["縣發改委", "縣財政局"]
    assert out["notice"]["issuer"] == "縣人民政府"  # not in the text: converted on its own
    assert out["source"] == "synthetic" and task["number"] == 1
    assert gold["tasks"][0]["lead"] == ["县发改委", "县财政局"]  # the original is left alone


def test_traditional_is_skipped_without_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc now raises ImportError
    M._s2t.cache_clear()
    try:
        status, reason, new, _ = M.apply_variant("traditional", "牵头单位：县发改委\n", {"tasks": []})
    finally:
        M._s2t.cache_clear()
    assert (status, new) == (M.SKIPPED, None)
    assert "opencc" in reason


# --- the helpers ---------------------------------------------------------------------------------


def test_registry_and_helpers(tmp_path: Path) -> None:
    assert set(M.VARIANTS) >= {
        "halfwidth",
        "fullwidth",
        "one-line",
        "no-blank-lines",
        "label-synonyms",
        "label-order",
        "traditional",
    }
    txt = tmp_path / "甲.txt"
    txt.write_text("一、甲方面\n\n1.做好乙，丙。\n牵头单位：县发改委\n责任单位：县财政局\n", encoding="utf-8")
    gold = {"layout": "inline-lines", "tasks": [{"text": "做好乙，丙。", "lead": ["县发改委"]}]}
    generated = list(M.generate([("甲", txt, gold)], ["halfwidth", "fullwidth", "label-order"]))
    assert [(g.variant, g.status) for g in generated] == [
        ("halfwidth", M.APPLIED),
        ("fullwidth", M.NOT_APPLICABLE),
        ("label-order", M.APPLIED),
    ]
    rows = list(M.variant_cases([("甲", txt, gold)], ["halfwidth", "fullwidth"]))
    assert [(v, c) for v, c, _, _ in rows] == [("halfwidth", "甲")]
    variant, _, text, _ = rows[0]
    out = M.write_variant(tmp_path / "out", variant, txt, text)
    assert out.suffix == ".txt" and out.name == txt.name and out.parent.name == "halfwidth"
    assert out.read_text(encoding="utf-8") == text
    assert unicodedata.normalize("NFKC", text) == unicodedata.normalize(
        "NFKC", txt.read_text(encoding="utf-8")
    )
