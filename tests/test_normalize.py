"""Folding keeps every character's position, so a match on the folded text slices the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import FOLD, fold

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
