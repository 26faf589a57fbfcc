"""Properties of unit splitting that the genre rules rely on (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.assign.unit_vocab import looks_like_unit
from pipeline.assign.units import content_to_pieces

STEM = st.text(alphabet="发改财政交通运输科技工信住建水务林业", min_size=2, max_size=6)
NAME = st.builds(
    lambda p, s, x: p + s + x,
    st.sampled_from(["县", "市", "区", ""]),
    STEM,
    st.sampled_from(["局", "委", "办"]),
)


@given(st.lists(NAME, min_size=1, max_size=6))
def test_split_then_join_loses_nothing(names: list[str]) -> None:
    content = "、".join(names)
    pieces, remark = content_to_pieces(content)
    assert remark == ""
    assert "、".join(p.raw for p in pieces) == content


@given(st.text(alphabet="市县区乡镇、,，", min_size=1, max_size=6), NAME)
def test_bracket_content_stays_in_one_unit(inner: str, other: str) -> None:
    pieces, _ = content_to_pieces(f"各县({inner})政府、{other}")
    assert pieces[0].raw == f"各县({inner})政府"


@given(STEM)
def test_name_starting_with_a_level_word_lends_no_prefix(stem: str) -> None:
    pieces, _ = content_to_pieces(f"市政局、{stem}局")
    assert [p.name for p in pieces] == ["市政局", f"{stem}局"]


@given(NAME)
def test_committee_and_department_names_read_as_units(name: str) -> None:
    assert looks_like_unit(name) and looks_like_unit("县残联") and not looks_like_unit("增长6%左右")
