"""Outline and task classification on short synthetic notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.assign.assignments import item_to_assignment
from pipeline.normalize import fold
from pipeline.structure.outline import match_marker, paras_to_outline
from pipeline.structure.tasks import outline_to_tasks
from schemas.notice import Location
from tests.helpers import paras

NOTICE = """关于印发重点工作任务分解的通知
各乡（镇）人民政府：
一、稳定经济增长
（一）扩大有效投资
1.实施重大项目，年度完成投资3000亿元以上。
牵头单位：县发改委
责任单位：各乡（镇）人民政府
2.控制燃煤总量，
2000万吨以内，力争就业1.6万人以上。
牵头单位：县生态环境分局
（二）促进消费
3.发展农村电商。
责任单位：县商务局
二、改善民生
（三）稳就业
4.开展职业技能培训。
牵头单位：县人社局
"""


def outline_and_tasks(text: str):  # type: ignore[no-untyped-def]
    outline = paras_to_outline(list(paras(text)))
    found = {id(it): item_to_assignment(it) for it in outline.items}
    return outline, outline_to_tasks(outline, found)


def build():  # type: ignore[no-untyped-def]
    return outline_and_tasks(NOTICE)


def test_levels_follow_first_appearance() -> None:
    _, (headings, _) = build()
    assert [(h.level, h.marker, h.number) for h in headings] == [
        (1, "一、", 1),
        (2, "（一）", 1),
        (2, "（二）", 2),
        (1, "二、", 2),
        (2, "（三）", 3),
    ]


def test_tasks_and_paths() -> None:
    _, (_, drafts) = build()
    assert [d.number for d in drafts] == [1, 2, 3, 4]
    assert [[p.title for p in d.path] for d in drafts][3] == ["改善民生", "稳就业"]


def test_wrapped_line_starting_with_a_number_is_not_a_task() -> None:
    _, (_, drafts) = build()
    assert drafts[1].text == "控制燃煤总量，2000万吨以内，力争就业1.6万人以上。"


def test_preamble_is_kept_apart() -> None:
    outline, _ = build()
    assert [p.text for p in outline.preamble] == ["关于印发重点工作任务分解的通知", "各乡（镇）人民政府："]


def test_label_lines_attach_to_their_task() -> None:
    _, (_, drafts) = build()
    assert [(lst.kind, lst.content) for lst in drafts[0].lists] == [
        ("lead", "县发改委"),
        ("responsible", "各乡（镇）人民政府"),
    ]


def test_marker_variants() -> None:
    for text, number in [
        ("1.任务", 1),
        ("12、任务", 12),
        ("3．任务", 3),
        ("（十二）标题", 12),
        ("(三)标题", 3),
        ("二十一、标题", 21),
        ("①事项", 1),
        ("第七条 内容", 7),
    ]:
        found = match_marker(text.replace("．", ".").replace("（", "(").replace("）", ")"))
        assert found is not None and found[1] == number, text
    for text in ("1.6万人以上", "2000万吨以内", "2021年3月25日"):
        assert match_marker(text) is None, text


def test_inline_bracket_assignment() -> None:
    text = "一、总体\n1、抓好疫情防控。[牵头单位:区卫健局;责任单位:各街办(新区)]"
    _, (_, drafts) = outline_and_tasks(text)
    assert drafts[0].text == "抓好疫情防控。"
    assert [(lst.kind, lst.content) for lst in drafts[0].lists] == [
        ("lead", "区卫健局"),
        ("responsible", "各街办(新区)"),
    ]


def test_page_footer_ends_the_text() -> None:
    """A web copy's footer after the last task: its 主办单位 is no label, its lines no text."""
    text = (
        "字体:[大 中 小]\n【打印本页】\n一、甲方面\n1.推进乙事。\n牵头单位:县发改局\n"
        "【打印本页】【关闭窗口】\n主办单位:某县人民政府办公室 承办单位:某县融媒体中心\n2.推进丙事。\n"
    )
    outline = paras_to_outline(list(paras(text)))
    assert [it.text for it in outline.items] == ["甲方面", "推进乙事。"]
    assert [lst.content for lst in outline.items[-1].labels] == ["县发改局"]
    assert outline.footer is not None and outline.footer.text == "【打印本页】【关闭窗口】"
    assert [p.text for p in outline.preamble] == ["字体:[大 中 小]", "【打印本页】"]  # before any item: kept


def test_cut_task_before_the_footer_keeps_its_text() -> None:
    text = (
        "一、甲方面\n1.推进乙事。(牵头单位:县发改局)\n2.推进丙事。\n"
        "上一篇:关于某事的通知\n网站标识码:1234567890\n"
    )
    outline = paras_to_outline(list(paras(text)))
    assert outline.items[-1].text == "推进丙事。" and not outline.items[-1].continuation


@pytest.mark.parametrize(
    ("lines", "content"),
    [
        ("责任单位：县住建局、白石镇\n人民政府、县自然资源局", "县住建局、白石镇人民政府、县自然资源局"),
        (
            "责任单位：县数据局、中国人民银行青湍县\n支行、县税务局",
            "县数据局、中国人民银行青湍县支行、县税务局",
        ),
        (
            "责任单位：县卫健局、市生态环境局\n青湍分局、各乡镇人民政府",
            "县卫健局、市生态环境局青湍分局、各乡镇人民政府",
        ),
    ],
)
def test_a_name_cut_by_a_hard_wrap_goes_on(lines: str, content: str) -> None:
    """A text copied from a printed page wraps inside a name: a place goes on into its body's
    name (白石镇 / 人民政府), a body into its branch (市生态环境局 / 青湍分局)."""
    item = paras_to_outline(list(paras(f"一、甲方面\n1.推进乙事。\n{lines}\n"))).items[-1]
    assert [lst.content for lst in item.labels] == [content]


def test_a_complete_place_name_does_not_go_on_into_the_next_place() -> None:
    item = paras_to_outline(list(paras("一、甲方面\n1.推进乙事。\n责任单位：城关镇\n白石镇\n"))).items[-1]
    assert [lst.content for lst in item.labels] == ["城关镇"]


def test_label_list_on_the_next_lines() -> None:
    text = (
        "一、甲方面\n1.推进乙事。\n牵头单位:\n市教育局\n"
        "责任单位:\n市发改委、市财政局、\n市住建局,各县区人民政府\n"
    )
    item = paras_to_outline(list(paras(text))).items[-1]
    assert [(lst.kind, lst.content) for lst in item.labels] == [
        ("lead", "市教育局"),
        ("responsible", "市发改委、市财政局、市住建局,各县区人民政府"),
    ]
    assert not item.trailing


def test_host_and_organizer_labels_are_an_assignment_not_a_footer() -> None:
    """主办/协办/承办 are labels: such a line alone is a task's assignment, not the page's footer."""
    text = "一、甲方面\n1.推进乙事。\n主办单位:县发改局 协办单位:县财政局\n2.推进丙事。\n"
    outline = paras_to_outline(list(paras(text)))
    assert outline.footer is None and len(outline.items) == 3
    assert [lst.content for lst in outline.items[1].labels] == ["县发改局", "县财政局"]


@pytest.mark.parametrize("after", ["主办单位:宁川县某镇人民政府承办:某镇党政综合办公室", "牵头单位:县发改局"])
def test_a_label_line_under_the_signature_date_is_not_the_last_tasks(after: str) -> None:
    """The signature and its date end the main text: a label line under them (a site's credit
    line, in any wording) gives the last task no unit."""
    text = f"一、甲方面\n1.推进乙事。\n牵头单位:县财政局\n某镇人民政府\n2024年3月5日\n{after}\n"
    outline = paras_to_outline(list(paras(text)))
    assert [lst.content for lst in outline.items[-1].labels] == ["县财政局"]


def test_bullet_lines_before_the_notice_are_page_text() -> None:
    text = (
        "● 网站首页\n● 政务公开\n关于印发重点工作任务分解的通知\n各乡镇人民政府：\n"
        "一、稳定增长\n1.推进项目建设。\n牵头单位：县发改委\n"
    )
    outline, (headings, drafts) = outline_and_tasks(text)
    assert [(h.level, h.title) for h in headings] == [(1, "稳定增长")]
    assert [p.title for p in drafts[0].path] == ["稳定增长"]
    assert [p.text for p in outline.preamble][-2:] == ["关于印发重点工作任务分解的通知", "各乡镇人民政府："]


def test_bullet_items_that_carry_labels_stay_tasks() -> None:
    text = (
        "关于印发重点工作任务分解的通知\n●推进项目建设。\n牵头单位：县发改委\n"
        "●推进民生工作。\n牵头单位：县民政局\n"
    )
    _, (_, drafts) = outline_and_tasks(text)
    assert [(d.number, d.text) for d in drafts] == [(None, "推进项目建设。"), (None, "推进民生工作。")]


def test_numbers_past_999_continue_the_numbering() -> None:
    lines = ["（一）领域"]
    for n in range(1, 1002):
        lines += [f"{n}.推进第{n}项工作。", "牵头单位：县发改委"]
    _, (_, drafts) = outline_and_tasks("\n".join(lines))
    assert [d.number for d in drafts][-3:] == [999, 1000, 1001]
    assert len(drafts) == 1001


def test_chinese_numerals_with_thousands() -> None:
    found = match_marker("一千零一、领域")
    assert found is not None and found[1] == 1001


def test_enclosed_and_letter_markers() -> None:
    """⑴ and ⒈ (Word's decimalEnclosedParen / Fullstop) are numbered like ①; A. / a、 / (A) / (b)
    are items without an integer; a letter that starts a word or a Latin phrase is no marker."""
    for text, style, number in [
        ("⑴加快园区建设", "enclosed_paren", 1),
        ("⑿完成改造", "enclosed_paren", 12),
        ("⒊推进项目", "enclosed_stop", 3),
        ("A.扩大有效投资", "letter_upper", None),
        ("B、促进消费", "letter_upper", None),
        ("c.开展培训", "letter_lower", None),
        ("(D)推进改革", "letter_upper_paren", None),
        ("(e)“放管服”改革", "letter_lower_paren", None),
        ("a)推进改革", "letter_lower_half_paren", None),
        ("B)扩大投资", "letter_upper_half_paren", None),
        ("Ⅲ、稳增长", "roman_upper", 3),
        ("ⅱ推进", "roman_lower", 2),
        ("❶加快建设", "dingbat_circled", 1),
        ("➋推进", "dingbat_circled", 2),
        ("第一项：推进", "cn_item", 1),
        ("第3项:推进", "ar_item", 3),
    ]:
        found = match_marker(fold(text))
        assert found is not None and found[0].name == style and found[1] == number, text
    for text in ("A股上市企业3家", "B超设备", "AI应用", "A.I.产业", "E.coli检测", "G20峰会"):
        assert match_marker(text) is None, text


def test_letter_items_are_tasks_under_their_parts() -> None:
    text = """第一部分 主要目标
A.地区生产总值增长6%。
牵头单位：区发改局
B.规上工业增加值增长8%。
牵头单位：区工信局
第二部分 重点任务
A.推进园区扩容。
牵头单位：园区管委会
"""
    _, (_, drafts) = outline_and_tasks(text)
    assert [(d.number, d.text, [p.title for p in d.path]) for d in drafts] == [
        (None, "地区生产总值增长6%。", ["主要目标"]),
        (None, "规上工业增加值增长8%。", ["主要目标"]),
        (None, "推进园区扩容。", ["重点任务"]),
    ]


@pytest.mark.parametrize(
    ("lines", "content"),
    [
        (["配合部门：区财政局、各街", "道办事处"], "区财政局、各街道办事处"),
        (["配合部门：区财政局、各镇人民政", "府"], "区财政局、各镇人民政府"),
        (["责任单位：县自然资", "源局、县住建局"], "县自然资源局、县住建局"),
        (["责任单位：县发改委、县财", "政局，各乡镇人民政府"], "县发改委、县财政局，各乡镇人民政府"),
    ],
)
def test_a_label_list_wrapped_inside_a_name_goes_on(lines: list[str], content: str) -> None:
    """A short label line wrapped inside a unit name: the next line ends the name, not lost."""
    item = paras_to_outline(list(paras("一、甲方面\n1.推进乙事。\n" + "\n".join(lines)))).items[-1]
    assert [lst.content for lst in item.labels] == [content]
    assert not item.trailing


def test_a_note_after_a_whole_label_list_is_not_glued_to_it() -> None:
    item = paras_to_outline(
        list(paras("一、甲方面\n1.推进乙事。\n责任单位：县发改委\n（此项为省定任务）"))
    ).items[-1]
    assert [lst.content for lst in item.labels] == ["县发改委"]
    assert [p.text for p in item.trailing] == ["（此项为省定任务）"]


def test_a_paragraph_after_a_task_whose_bracket_assigns_it_is_not_its_text() -> None:
    """…。（责任单位：…） closes the task: the 要求 paragraph after it is no more of its text."""
    text = (
        "一、甲方面\n1、推进乙事。（责任单位：区发改局（牵头）、区统计局）\n各责任单位要按照分工，细化措施。"
    )
    item = paras_to_outline(list(paras(text))).items[-1]
    assert item.text.endswith("区统计局）") and not item.continuation
    assert [p.text for p in item.trailing] == ["各责任单位要按照分工，细化措施。"]


def test_an_item_marker_with_a_colon_is_no_unknown_label() -> None:
    """第二项： after the label lines of 第一项 opens the next item (not a 第二项 label)."""
    text = "第一项：新建幼儿园。\n牵头：市教育局\n第二项：新建医院。\n牵头：市卫健委"
    items = paras_to_outline(list(paras(text))).items
    assert [(it.number, it.text) for it in items] == [(1, "新建幼儿园。"), (2, "新建医院。")]


def test_text_that_belongs_to_no_task_is_reported() -> None:
    """A remark under a task's label lines is in no output field: a warning names it. A time limit
    read as the deadline, and the notice's closing after the last task, are not reported."""
    from pipeline.validate import unplaced_diagnostics

    text = (
        "一、甲方面\n1.推进乙事。\n牵头单位：县发改委\n6月底前完成\n"
        "2.推进丙事。\n牵头单位：县财政局\n注：每月5日前报送进展。\n"
        "3.推进丁事。\n牵头单位：县商务局\n各单位要抓好落实。"
    )
    found = unplaced_diagnostics(paras_to_outline(list(paras(text))))
    assert [(d.code, d.location.line_start if d.location else None) for d in found] == [("text-unplaced", 7)]
    assert "注：每月5日前报送进展。" in found[0].message


def test_a_list_wrapped_after_a_place_word_goes_on() -> None:
    """市住房和城乡 / 建设局: a piece that ends only like a place (乡) goes on into a bureau's name;
    县发改委 / 县财政局 is two units, the second on a line of its own (not joined)."""
    text = "一、甲\n1.推进乙。\n责任单位：市财政局、市住房和城乡\n建设局、各县（市、区）人民政府"
    item = paras_to_outline(list(paras(text))).items[-1]
    assert [lst.content for lst in item.labels] == ["市财政局、市住房和城乡建设局、各县（市、区）人民政府"]
    item = paras_to_outline(list(paras("一、甲\n1.推进乙。\n牵头单位：县发改委\n县财政局"))).items[-1]
    assert [lst.content for lst in item.labels] == ["县发改委"]


def test_a_task_cell_holding_its_label_lines() -> None:
    from pipeline.document import Cell, Table

    cell = "全县地区生产总值增长6%。\n责任领导：王建军\n牵头单位：县发改局\n配合单位：县财政局、\n县统计局"
    loc = Location(table=1, row=1)
    rows = (
        (Cell("序号", loc), Cell("重点任务及责任分工", loc), Cell("完成时限", loc)),
        (Cell("1", loc), Cell(cell, loc), Cell("12月底", loc)),
    )
    item = paras_to_outline([Table(rows, Location(table=1))]).items[-1]
    assert item.text == "全县地区生产总值增长6%。"
    assert [(lst.kind, lst.content) for lst in item.labels][:3] == [
        ("leaders", "王建军"),
        ("lead", "县发改局"),
        ("supporting", "县财政局、县统计局"),
    ]


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("1-1 推行", "1-1"),
        ("1—1 推行", "1—1"),
        ("（1-1）推行", "（1-1）"),
        ("1.1. 推进", "1.1."),
        ("1.1推进", "1.1"),
    ],
)
def test_group_item_numbers_are_markers(line: str, marker: str) -> None:
    found = match_marker(fold(line))
    assert found is not None and line[: found[2]].strip() == marker and found[1] is None


@pytest.mark.parametrize("line", ["1.5万亩高标准农田", "1-3月份完成", "2023-2025年"])
def test_figures_and_periods_are_no_markers(line: str) -> None:
    found = match_marker(fold(line))
    assert found is None or found[0].kind != "decimal"


@pytest.mark.parametrize(
    ("cell", "title", "marker"),
    [
        ("一、统筹疫情防控", "统筹疫情防控", "一、"),
        ("（二）统筹疫情防控", "统筹疫情防控", "（二）"),
        ("三. 统筹疫情防控", "统筹疫情防控", "三."),
        ("统筹疫情防控", "统筹疫情防控", ""),
        ("5G网络建设", "5G网络建设", ""),
        ("2024年民生实事", "2024年民生实事", ""),
    ],
)
def test_a_category_cell_keeps_its_marker_apart_from_its_title(cell: str, title: str, marker: str) -> None:
    """序号 | 重点任务 | 具体措施: the 重点任务 cell merged over its rows heads them; its own 一、 is
    the heading's marker, as in the paragraph layout, not part of the title in each task's path."""
    from pipeline.document import Cell, Table

    loc = Location(table=1, row=1)
    head = (Cell("序号", loc), Cell("重点任务", loc), Cell("具体措施", loc), Cell("牵头单位", loc))
    rows = (
        head,
        (Cell("1", loc), Cell(cell, loc), Cell("落实常态化防控。", loc), Cell("区卫健局", loc)),
        (Cell("2", loc), Cell("", loc, continued=True), Cell("做好复工复产。", loc), Cell("区工信局", loc)),
    )
    items = paras_to_outline([Table(rows, Location(table=1))]).items
    heading = items[0]
    assert (heading.text, heading.marker) == (title, marker)
    assert [it.parent for it in items[1:]] == [heading, heading]


def test_a_blank_forms_empty_rows_are_no_tasks() -> None:
    """附件2 进展情况报表: a header over rows left empty to fill in (and a row whose only cells are
    merged from the row above) holds no task; the rows with text still do."""
    from pipeline.document import Cell, Table

    loc = Location(table=1, row=1)
    blank = tuple(Cell("", loc) for _ in range(4))
    rows = (
        (Cell("序号", loc), Cell("目标任务", loc), Cell("牵头单位", loc), Cell("进展情况", loc)),
        (Cell("1", loc), Cell("新建学校3所。", loc), Cell("县教育局", loc), Cell("", loc)),
        (Cell("1", loc, continued=True), Cell("新建学校3所。", loc, continued=True), *blank[:2]),
        blank,
        blank,
    )
    items = paras_to_outline([Table(rows, Location(table=1))]).items
    assert [(it.number, it.text) for it in items] == [(1, "新建学校3所。")]


def test_a_tasks_own_label_table_under_it_is_its_assignment(tmp_path: Path) -> None:
    """1．… then a small table 牵头单位 | 配合单位 | 责任市领导 | 完成时限 over one row of values."""
    import docx

    from pipeline.runner import parse

    document = docx.Document()
    document.add_paragraph("关于分解落实重点任务的通知")
    document.add_paragraph("一、着力稳住经济大盘")
    for number, lead, leader in ((1, "市发展改革委", "沈国华"), (2, "市财政局", "孔令武")):
        document.add_paragraph(f"{number}．推进第{number}项工作。")
        table = document.add_table(rows=2, cols=4)
        for k, (head, value) in enumerate(
            zip(
                ("牵头单位", "配合单位", "责任市领导", "完成时限"),
                (lead, "市统计局、市税务局", leader, "2022年12月底前"),
                strict=True,
            )
        ):
            table.cell(0, k).text, table.cell(1, k).text = head, value
    path = tmp_path / "own-tables.docx"
    document.save(str(path))
    result = parse(path)
    got = [
        (
            t.number,
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.supporting_units],
            [p.raw for p in t.leaders],
        )
        for t in result.tasks
    ]
    assert got == [
        (1, "推进第1项工作。", ["市发展改革委"], ["市统计局", "市税务局"], ["沈国华"]),
        (2, "推进第2项工作。", ["市财政局"], ["市统计局", "市税务局"], ["孔令武"]),
    ]
    assert [t.deadline.raw if t.deadline else None for t in result.tasks] == ["2022年12月底前"] * 2


@pytest.mark.parametrize(
    "line", ["联系人：镇党政综合办公室　杨帆　电话：0743-5821066", "联系人：李明，联系电话：13800001111"]
)
def test_a_contact_line_after_a_task_is_no_assignment(line: str) -> None:
    text = f"一、甲方面\n1.推进乙事。\n分管领导：陈立新\n责任单位：镇应急办\n{line}\n"
    item = paras_to_outline(list(paras(text))).items[-1]
    assert [lst.content for lst in item.labels] == ["陈立新", "镇应急办"]
    assert [p.text for p in item.trailing] == [line]


WRAPPED_GROUPS = (
    "关于印发重点任务分解方案的通知\n\n一、坚持项目为王\n"
    "1.全年实施县级重点项目120个，完成投资210亿元。（牵头单位：县发改局；责任单\n"
    "位：县住建局、县自然资源局；完成时\n限：2024年12月底前）\n"
    "2.积极争取专项债券项目，全年争取上级资金不低于30亿元。（责任县领导：刘春燕；牵头单位：\n"
    "县财政局；责任单位：县发改局；完成\n时限：2024年12月底前）\n"
    "3.新建改扩建中小学6所。（牵头单位：县教育局；\n责任单位：县住建局；完成时限：2024年8月底\n前）\n"
    "4.健全防汛抗旱指挥体系。\n（责任县领导：吴海波；牵头单位：县水利局；责任单位：县应\n急管理局）\n"
    "抄送：县委办公室，县人大常委会办公室。\n"
)


def test_a_label_group_a_hard_wrap_breaks_anywhere_stays_one_group() -> None:
    """A text wrapped at a fixed width breaks the bracketed group anywhere, a label at a line's
    start too (…牵头单位： / 县财政局；…); a group on lines of its own ends the task (抄送 after it
    is no text of it)."""
    from pipeline.runner import parse

    result = parse("t.txt", data=WRAPPED_GROUPS.encode())
    got = [
        (t.number, t.text, [u.name for u in t.lead_units], [u.name for u in t.responsible_units])
        for t in result.tasks
    ]
    assert got == [
        (
            1,
            "全年实施县级重点项目120个，完成投资210亿元。",
            ["县发改局"],
            ["县住建局", "县自然资源局"],
        ),
        (2, "积极争取专项债券项目，全年争取上级资金不低于30亿元。", ["县财政局"], ["县发改局"]),
        (3, "新建改扩建中小学6所。", ["县教育局"], ["县住建局"]),
        (4, "健全防汛抗旱指挥体系。", ["县水利局"], ["县应急管理局"]),
    ]
    assert [t.deadline.raw if t.deadline else None for t in result.tasks][:3] == [
        "2024年12月底前",
        "2024年12月底前",
        "2024年8月底前",
    ]
    assert [p.raw for p in result.tasks[1].leaders] == ["刘春燕"]


def test_a_tasks_own_label_table_in_other_columns_and_carriers(tmp_path: Path) -> None:
    """The same class in HTML, its columns in another order and set: 完成时限 | 责任单位 | 分管领导."""
    from pipeline.runner import parse

    rows = "".join(
        f"<p>{n}．推进第{n}项工作。</p><table border='1'>"
        "<tr><th>完成时限</th><th>责任单位</th><th>分管领导</th></tr>"
        f"<tr><td>2022年{n}月底</td><td>区{unit}、区财政局</td><td>{leader}</td></tr></table>"
        for n, unit, leader in ((1, "教育局", "王敏"), (2, "卫健委", "李强"))
    )
    page = (
        "<html><body><div class='article'><h1>关于分解落实重点任务的通知</h1>"
        f"<p>各街道办事处，区政府各部门：现将重点任务分解如下。</p><p>一、办好民生实事</p>{rows}</div></body></html>"
    )
    path = tmp_path / "own-tables.html"
    path.write_text(page, encoding="utf-8")
    result = parse(path)
    got = [
        (
            [u.name for u in t.responsible_units],
            [p.raw for p in t.leaders],
            t.deadline.raw if t.deadline else None,
        )
        for t in result.tasks
    ]
    assert got == [
        (["区教育局", "区财政局"], ["王敏"], "2022年1月底"),
        (["区卫健委", "区财政局"], ["李强"], "2022年2月底"),
    ]
