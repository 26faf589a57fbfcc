"""Folding keeps every character's position, so a match on the folded text slices the original."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import Line, RawDocument
from pipeline.normalize import FOLD, fold
from schemas.notice import Location, SourceFormat

SAMPLE_CHARS = "".join(chr(c) for c in FOLD) + "各乡（镇）人民政府、：；，。1.一abc \u3000"


@given(st.text(alphabet=SAMPLE_CHARS, max_size=60) | st.text(max_size=60))
def test_fold_preserves_length_and_matches_the_table(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == text.translate(FOLD)


def test_examples() -> None:
    assert fold("牵头单位：县科技工信局（金融工作局）") == "牵头单位:县科技工信局(金融工作局)"
    assert fold("栾政〔2021〕2号　《通知》“两山”") == '栾政[2021]2号 <通知>"两山"'
    assert fold("１．") == "1."


def test_traditional_characters_fold_to_simplified_for_matching() -> None:
    assert fold("牽頭單位：縣發改委、縣財政局（負責）") == "牵头单位:县发改委、县财政局(负责)"
    assert fold("責任單位:區住建局") == "责任单位:区住建局"


def test_simplified_text_is_left_alone() -> None:
    text = "栾川县人民政府关于2021年市政府工作报告重点工作涉及栾川县任务分解的通知，各乡（镇）人民政府"
    assert fold(text) == text.replace("，", ",").replace("（", "(").replace("）", ")")


def test_traditional_table_agrees_with_opencc() -> None:
    """The data table is OpenCC's t2s, character by character (scripts/make_traditional.py)."""
    pytest.importorskip("opencc")
    from scripts.make_traditional import TABLE, opencc_pairs

    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert (table["traditional"], table["simplified"]) == opencc_pairs()


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("12", 12),
        ("12.", 12),
        ("12、", 12),
        ("三十一", 31),
        ("(3)", 3),
        ("（三）", 3),
        ("( 十二 )", 12),
        ("(1)(2)", None),
        ("(a)", None),
        ("一项", None),
    ],
)
def test_a_serial_cell_may_be_bracketed_like_a_heading_marker(cell: str, number: int | None) -> None:
    from pipeline.vocab import serial_number

    assert serial_number(fold(cell).strip()) == number


def _doc(text: str) -> RawDocument:
    lines = [Line(t, Location(line_start=k)) for k, t in enumerate(text.split("\n"), start=1)]
    return RawDocument("t.txt", SourceFormat.txt, "0" * 64, lines)


def test_a_running_header_beside_page_numbers_is_dropped() -> None:
    """A text copied from a printed notice: 青湍县…任务分解 under every page number goes, with it."""
    from pipeline.normalize import document_to_paras

    header = "青湍县2024年政府工作报告重点工作任务分解"
    text = f"关于印发…的通知\n\n— 1 —\n\n{header}\n\n1.甲事，\n— 2 —\n{header}\n乙事。\n"
    text += f"牵头单位：县发改局\n— 3 —\n\n{header}"
    assert [p.text for p in document_to_paras(_doc(text))] == [
        "关于印发…的通知",
        "1.甲事，",
        "乙事。",
        "牵头单位：县发改局",
    ]


def test_a_line_beside_one_page_number_only_is_kept() -> None:
    from pipeline.normalize import document_to_paras

    text = "一、稳增长\n— 1 —\n二、促改革\n1.甲事。\n— 2 —\n三、惠民生"
    assert [p.text for p in document_to_paras(_doc(text))] == [
        "一、稳增长",
        "二、促改革",
        "1.甲事。",
        "三、惠民生",
    ]
