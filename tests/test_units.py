"""Unit lists: splitting and normalizing rules, each with the real-world case that needs it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.assign.units import content_to_pieces, content_to_units
from schemas.notice import UnitKind

CASES = {
    "comma-and-dun": (
        "县交通运输局，各乡（镇）人民政府、重渡沟管委会",
        ["县交通运输局", "各乡（镇）人民政府", "重渡沟管委会"],
    ),
    "brackets-stay": ("各乡（镇）人民政府", ["各乡（镇）人民政府"]),
    "halfwidth-brackets-stay": (
        "各县(市、区)政府,丽水开发区管委会",
        ["各县(市、区)政府", "丽水开发区管委会"],
    ),
    "alias-split-off": ("县科技工信局（金融工作局）", ["县科技工信局"]),
    "suffix-restored": ("城关镇、栾川乡人民政府", ["城关镇人民政府", "栾川乡人民政府"]),
    "prefix-restored": (
        "县科技工信局、国资委，相关乡（镇）人民政府",
        ["县科技工信局", "县国资委", "相关乡（镇）人民政府"],
    ),
    "prefix-not-across-comma": ("县科技工信局（金融工作局）、县政务服务和大数据管理局，人行", None),
    "semicolons-and-spaces": ("县发改委；县财政局 县税务局", ["县发改委", "县财政局", "县税务局"]),
    "trailing-full-stop": ("县商务局。", ["县商务局"]),
    "name-with-he-kept": ("县政务服务和大数据管理局", ["县政务服务和大数据管理局"]),
    "counted-note-dropped": ("省财政厅、省人社厅等4个部门", ["省财政厅", "省人社厅"]),
    "slash-and-collectives": ("省财政厅/省税务局,省直有关部门", ["省财政厅", "省税务局", "省直有关部门"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_names(case: str) -> None:
    content, expected = CASES[case]
    if expected is None:
        expected = ["县科技工信局", "县政务服务和大数据管理局", "人行"]
    got = [u.name for u in content_to_units(content)]
    assert got == expected, f"{case}: {content!r} -> {got}, expected {expected}"


def test_raw_is_kept_beside_the_name() -> None:
    units = content_to_units("城关镇、栾川乡人民政府")
    assert [u.raw for u in units] == ["城关镇", "栾川乡人民政府"]


def test_alias_gets_the_level_prefix() -> None:
    (unit,) = content_to_units("县科技工信局（金融工作局）")
    assert unit.aliases == ["县金融工作局"]
    assert unit.raw == "县科技工信局（金融工作局）"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("各乡（镇）人民政府", UnitKind.collective),
        ("相关乡（镇）人民政府", UnitKind.collective),
        ("县直相关部门", UnitKind.collective),
        ("各相关金融机构", UnitKind.collective),
        ("各单位", UnitKind.collective),
        ("城关镇人民政府", UnitKind.township),
        ("铁塔公司", UnitKind.enterprise),
        ("县发改委", UnitKind.department),
        ("县交通运输局", UnitKind.department),
    ],
)
def test_kind(name: str, kind: UnitKind) -> None:
    (unit,) = content_to_units(name)
    assert unit.kind == kind, f"{name}: {unit.kind}"


NAME = st.text(alphabet="发改委财政局交通运输科技工信住建", min_size=2, max_size=8).map(
    lambda s: "县" + s + "局"
)


@given(st.lists(NAME, min_size=1, max_size=8), st.sampled_from(["、", "，", ",", "；"]))
def test_prefixed_names_split_back_exactly(names: list[str], sep: str) -> None:
    units = content_to_units(sep.join(names))
    assert [u.name for u in units] == names
    assert [u.raw for u in units] == names


@given(st.text(alphabet="各县市区乡镇街道人民政府部门单位局委办、，（）()和", min_size=1, max_size=30))
def test_splitting_never_invents_characters(content: str) -> None:
    """Every raw piece is a substring of the list as written; no name is empty."""
    for unit in content_to_units(content):
        assert unit.raw in content
        assert unit.name


@given(
    st.text(alphabet="市政局乡镇街道、", min_size=1, max_size=6),
    st.text(alphabet="、，", min_size=1, max_size=3),
)
def test_bracket_content_is_never_split(inner: str, tail: str) -> None:
    content = f"各县（{inner}）政府{tail}县发改委"
    names = [u.name for u in content_to_units(content)]
    assert names[0] == f"各县（{inner}）政府"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("各乡镇负责", ["各乡镇"]),
        ("县发改委牵头负责", ["县发改委"]),
        ("县财政局、县税务局共同负责", ["县财政局", "县税务局"]),
    ],
)
def test_closing_verb_is_not_part_of_a_name(content: str, expected: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == expected


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("各县、区人民政府", ["各县人民政府", "各区人民政府"]),
        ("各市、县人民政府", ["各市人民政府", "各县人民政府"]),
        ("高新区、经开区管委会", ["高新区管委会", "经开区管委会"]),
        ("高新区、经开区、文旅度假区管委会", ["高新区管委会", "经开区管委会", "文旅度假区管委会"]),
        ("红旗、新桥街道办事处", ["红旗街道办事处", "新桥街道办事处"]),
        ("城关镇、栾川乡人民政府", ["城关镇人民政府", "栾川乡人民政府"]),
        ("区住建局、区人民政府", ["区住建局", "区人民政府"]),
    ],
)
def test_shared_parts_written_once_are_restored(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("县自然 资源局、县水利局", ["县自然资源局", "县水利局"]),
        ("区住房城乡 建设局", ["区住房城乡建设局"]),
        ("市 工业和信息化局", ["市工业和信息化局"]),
        ("各乡镇人民 政府", ["各乡镇人民政府"]),
        ("县统计局 县发改局", ["县统计局", "县发改局"]),
        ("区财政局 区审计局", ["区财政局", "区审计局"]),
        ("各乡镇 县直各部门", ["各乡镇", "县直各部门"]),
    ],
)
def test_a_line_break_space_inside_a_name_is_no_separator(content: str, names: list[str]) -> None:
    units = content_to_units(content)
    assert [u.name for u in units] == names
    assert all(u.raw in content for u in units)  # raw keeps the space as written


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("东溪、西岭乡人民政府", ["东溪乡人民政府", "西岭乡人民政府"]),
        ("城关、河口镇人民政府", ["城关镇人民政府", "河口镇人民政府"]),
        ("东坪、西坪、南坪乡卫生院", ["东坪乡卫生院", "西坪乡卫生院", "南坪乡卫生院"]),
        ("各镇、街道", ["各镇", "各街道"]),
        ("各乡、镇人民政府", ["各乡人民政府", "各镇人民政府"]),
        ("区委组织部、社会工作部、财政局", ["区委组织部", "区委社会工作部", "区财政局"]),
        ("县融媒体中心、县文化馆、图书馆", ["县融媒体中心", "县文化馆", "县图书馆"]),
        ("省市场监管局、商务厅、省大数据中心", ["省市场监管局", "商务厅", "省大数据中心"]),
        ("镇综治中心、镇司法所、枫林派出所", ["镇综治中心", "镇司法所", "枫林派出所"]),
        ("省发展改革委、民航湄川监管局", ["省发展改革委", "民航湄川监管局"]),
        ("东溪、西嶺鄉人民政府", ["东溪鄉人民政府", "西嶺鄉人民政府"]),
        # a name that closes with a collective's head (各帮扶单位) names its bodies: no shared suffix
        ("县直各帮扶单位、各乡镇人民政府", ["县直各帮扶单位", "各乡镇人民政府"]),
        ("市直有关帮扶部门、各乡镇人民政府", ["市直有关帮扶部门", "各乡镇人民政府"]),
        ("区直各驻村单位、各街道办事处", ["区直各驻村单位", "各街道办事处"]),
        ("各结对帮扶单位、西岭乡人民政府", ["各结对帮扶单位", "西岭乡人民政府"]),
        ("相关金融机构、河口镇人民政府", ["相关金融机构", "河口镇人民政府"]),
    ],
)
def test_shared_parts_of_more_forms(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


def test_a_line_break_after_a_word_ending_in_hui_is_joined() -> None:
    assert [u.name for u in content_to_units("省人力资源社会 保障厅 省外办")] == [
        "省人力资源社会保障厅",
        "省外办",
    ]


def test_an_unfinished_collective_joins_the_level_government_after_a_line_break() -> None:
    names = [u.name for u in content_to_units("省市场监 管局、各设区 市人民政府")]
    assert names == ["省市场监管局", "各设区市人民政府"]
    assert [u.name for u in content_to_units("各乡镇 县直各部门")] == ["各乡镇", "县直各部门"]


@pytest.mark.parametrize(
    ("content", "names", "marks"),
    [
        ("市发改委（牵头）、市统计局", ["市发改委", "市统计局"], ["lead", None]),
        ("省发展改革委（牵头）、省财政厅（配合）", ["省发展改革委", "省财政厅"], ["lead", "supporting"]),
        ("省商务厅(协办单位),省林草局（参与）", ["省商务厅", "省林草局"], ["supporting", "supporting"]),
        ("县住建局（牵头单位）、县城管局（配合部门）", ["县住建局", "县城管局"], ["lead", "supporting"]),
        ("县发改局*、县统计局、县财政局", ["县发改局", "县统计局", "县财政局"], ["*", None, None]),
        ("★县商务局，县市场监管局", ["县商务局", "县市场监管局"], ["★", None]),
        ("县农业农村局＊、县交通运输局▲", ["县农业农村局", "县交通运输局"], ["*", "▲"]),
        ("县科技工信局（金融工作局）、县审计局", ["县科技工信局", "县审计局"], [None, None]),
    ],
)
def test_a_units_own_role_mark_is_read_and_dropped_from_its_name(
    content: str, names: list[str], marks: list[str | None]
) -> None:
    """A bracket holding only a role (read by the label grammar) or a sign at either end of a name
    marks the unit; the name loses the mark, the raw piece keeps it."""
    from pipeline.assign.units import unit_marks

    units = content_to_units(content)
    assert [u.name for u in units] == names
    assert unit_marks(content) == marks
    assert all(u.raw.replace(" ", "") in content for u in units)


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("县财政局(王立新)、县统计局（赵敏）", ["县财政局", "县统计局"]),  # the unit's 责任人 after it
        ("县住建局(张  伟)", ["县住建局"]),  # a two-character name set to the width of three
        ("各街办(新区)", ["各街办(新区)"]),
        ("市教育局、市民政局、各县（区）人民政府", ["市教育局", "市民政局", "各县（区）人民政府"]),
        ("市政局、环卫处", ["市政局", "环卫处"]),
        ("市交通运输局、澜江港务集团", ["市交通运输局", "澜江港务集团"]),  # a company takes no 市
        ("县科技工信局、国资委", ["县科技工信局", "县国资委"]),
    ],
)
def test_person_notes_prefix_words_and_companies(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("县农业农村局县财政局", ["县农业农村局", "县财政局"]),  # a PDF cell that lost its line break
        ("区住建局区城管局区财政局", ["区住建局", "区城管局", "区财政局"]),
        ("市委组织部市委宣传部", ["市委组织部", "市委宣传部"]),
        ("县人民政府办公室县财政局", ["县人民政府办公室", "县财政局"]),
        ("县委县政府督查室", ["县委县政府督查室"]),  # 县委: no name before 委
        ("市生态环境局县分局", ["市生态环境局县分局"]),  # 县分局: no name before 分局
        ("市住建局市政处", ["市住建局市政处"]),  # 市政 is no level prefix
        ("县公安局交警大队", ["县公安局交警大队"]),
        ("县发展和改革委员会", ["县发展和改革委员会"]),
    ],
)
def test_glued_names_split_only_between_two_named_bodies(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


@pytest.mark.parametrize(
    ("content", "names"),
    [
        ("市场运行和消费促进处", ["市场运行和消费促进处"]),  # 运行 is no bank: 和 is inside the name
        ("县发改委和人行", ["县发改委", "人行"]),  # a bank's short name is a unit
        ("市财政局、人民银行澄州市分行", ["市财政局", "人民银行澄州市分行"]),
        ("各乡镇人民政府（街道办事处）", ["各乡镇人民政府（街道办事处）"]),  # the bracket widens it
        ("相关乡镇（街道）", ["相关乡镇（街道）"]),
    ],
)
def test_names_ending_in_a_word_and_collectives_with_brackets(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


@pytest.mark.parametrize(
    ("content", "names"),
    [
        # a branch named for its place or for its organ keeps its name; the level's own branch
        # (生态环境分局 alone) takes the prefix left out of it
        ("区公安分局、凤栖公安分局", ["区公安分局", "凤栖公安分局"]),
        ("省科技厅、中科院淮海分院", ["省科技厅", "中科院淮海分院"]),
        ("区住建局、生态环境分局", ["区住建局", "区生态环境分局"]),
        ("县财政局、自然资源分局", ["县财政局", "县自然资源分局"]),
        # a school is a body: it can close a list the prose reads (X牵头，Y配合)
        ("县教育局、职业技术学校", ["县教育局", "县职业技术学校"]),
        ("区住建局、公安泓江分局", ["区住建局", "公安泓江分局"]),  # sector, then its place
        # named for their place: a university, a college, a scenic area's office
        ("市教育局、澜州职业技术学院", ["市教育局", "澜州职业技术学院"]),
        ("县文旅局、梅峰山景区管理处", ["县文旅局", "梅峰山景区管理处"]),
        ("省教育厅、秦川大学", ["省教育厅", "秦川大学"]),
        ("区建设局、鹭港大学基建处", ["区建设局", "鹭港大学基建处"]),  # a part of an institution
    ],
)
def test_branches_and_schools(content: str, names: list[str]) -> None:
    assert [u.name for u in content_to_units(content)] == names


def test_a_university_closes_a_prose_assignment() -> None:
    from pipeline.assign.prose import part_to_lists
    from schemas.notice import Location

    lists = part_to_lists("省教育厅牵头，省财政厅、秦川大学、秦川理工大学配合", Location(line_start=1))
    assert lists is not None
    assert [lst.content for lst in lists] == ["省教育厅", "省财政厅、秦川大学、秦川理工大学"]


def test_a_school_closes_a_prose_assignment() -> None:
    from pipeline.assign.prose import part_to_lists
    from schemas.notice import Location

    lists = part_to_lists("镇人社服务中心牵头，镇成人文化技术学校配合", Location(line_start=1))
    assert lists is not None and [(lst.kind, lst.content) for lst in lists] == [
        ("lead", "镇人社服务中心"),
        ("supporting", "镇成人文化技术学校"),
    ]


@pytest.mark.parametrize(
    "content", ["市生态环境监测站、各县（市、区）分局等，按职责分工负责", "县财政局，按职责分工负责"]
)
def test_a_note_set_off_by_a_comma_is_no_unit(content: str) -> None:
    """…等，按职责分工负责: the note after a comma is a piece of its own, and only a note."""
    names = [p.name for p in content_to_pieces(content)[0]]
    assert "按职责分工" not in names and names[-1] in ("各县（市、区）分局", "县财政局")
