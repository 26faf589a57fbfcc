"""Header: 公文 metadata read from the preamble and the closing date."""

from __future__ import annotations

import pytest

from pipeline.structure.header import paras_to_notice, parse_date
from tests.helpers import paras

PREAMBLE = """洛政〔2021〕9号
洛阳市人民政府
关于2021年重点工作
任务分解的通知
各县（市、区）人民政府，市人民政府各部门：
根据《河南省人民政府关于印发重点工作的通知》（豫政〔2021〕3号）精神，现将8个方面36项具体任务予以分解。
请于每月25日前向市政府督查室报送进展情况，年底前报告全年落实情况。"""


def test_notice_fields() -> None:
    n = paras_to_notice(paras(PREAMBLE), paras("二〇二一年三月五日"), {})
    assert n.doc_number == "洛政〔2021〕9号"
    assert n.issuer == "洛阳市人民政府"
    assert n.title == "关于2021年重点工作任务分解的通知"
    assert n.addressees == ["各县（市、区）人民政府", "市人民政府各部门"]
    assert [(b.title, b.doc_number) for b in n.basis] == [
        ("河南省人民政府关于印发重点工作的通知", "豫政〔2021〕3号")
    ]
    assert n.declared_counts is not None and (n.declared_counts.areas, n.declared_counts.tasks) == (8, 36)
    assert n.issued_on == "2021-03-05"
    assert n.reporting is not None and n.reporting.recipient == "市政府督查室"
    assert [(s.frequency, s.day) for s in n.reporting.schedules] == [("monthly", 25), ("yearly", None)]


def test_metadata_fills_missing_fields() -> None:
    n = paras_to_notice(paras("关于印发任务分解的通知"), [], {"发文字号": "栾政〔2021〕2号"})
    assert n.doc_number == "栾政〔2021〕2号"


def test_dates() -> None:
    assert parse_date("2021年3月25日") == "2021-03-25"
    assert parse_date("二〇二一年十二月三十一日") == "2021-12-31"
    assert parse_date("2021年13月1日") is None


def test_signature_date_wins_over_a_page_date() -> None:
    """A web page prints its publication date above the notice; 成文日期 is the one under the issuer."""
    text = (
        "某市人民政府办公室关于印发甲方案的通知\n2023年03月22日\n来源:市政府办公室\n"
        "某市人民政府办公室\n2023年3月20日"
    )
    n = paras_to_notice(paras(text), [], {})
    assert (n.issued_on, n.issuer) == ("2023-03-20", "某市人民政府办公室")


def test_run_together_date_is_read_only_with_a_publication_date() -> None:
    from pipeline.structure.header import run_together_date

    assert run_together_date("2022121日", "2022-01-21") == "2022-01-21"
    assert run_together_date("2022121日", "2022-12-05") == "2022-12-01"
    assert run_together_date("2022121日", None) is None
    assert run_together_date("20220105日", "2022-02-01") == "2022-01-05"


def test_publication_date_decides_a_damaged_signature_date() -> None:
    preamble = paras("发布日期:2022-01-21\n关于印发目标任务的通知\n区政府办公室\n2022121日")
    assert paras_to_notice(preamble, [], {}).issued_on == "2022-01-21"


def test_title_runs_on_past_an_end_word_inside_book_title_marks() -> None:
    """A title set over two lines (or wrapped in a PDF) right after 《政府工作报告》."""
    preamble = "黑龙江省人民政府关于落实《政府工作报告》\n重点工作责任分工的意见\n各市人民政府："
    n = paras_to_notice(paras(preamble), [], {})
    assert n.title == "关于落实《政府工作报告》重点工作责任分工的意见"
    assert n.issuer == "黑龙江省人民政府"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            "宁川市人民政府办公室\n关于分解落实2024年市政府工作报告\n目标任务的通知\n各县（市、区）人民政府：",
            "关于分解落实2024年市政府工作报告目标任务的通知",
        ),
        ("关于做好2024年重点工作任务分解\n落实的意见\n各乡镇：", "关于做好2024年重点工作任务分解落实的意见"),
        # a line that is no title's end stays out: the title already ends in its 的通知
        ("关于印发重点工作分解方案的通知\n重点任务的通知\n各乡镇：", "关于印发重点工作分解方案的通知"),
        ("关于分解落实2024年政府工作报告\n各乡镇：", "关于分解落实2024年政府工作报告"),
    ],
)
def test_a_title_runs_on_to_the_line_that_closes_it(lines: str, title: str) -> None:
    """关于…的通知: a title line ending in another end word (…工作报告, …分解) runs on to a short
    next line that brings the 的通知."""
    assert paras_to_notice(paras(lines), [], {}).title == title


def test_a_department_signs_its_own_notice() -> None:
    head = "栗山县卫生健康局文件\n栗卫健发〔2024〕6号\n栗山县卫生健康局\n"
    preamble = head + "关于印发《2024年重点工作任务分解方案》的通知"
    closing = "栗山县卫生健康局\n2024年3月8日"
    n = paras_to_notice(paras(preamble), paras(closing), {})
    assert n.issuer == "栗山县卫生健康局"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("二OO八年二月二十六日", "2008-02-26"),  # the letter O for 〇
        ("（二〇二一年三月五日）", "2021-03-05"),  # in brackets under the title
        ("二○二三年十二月一日", "2023-12-01"),
        ("二0二四年一月十日", "2024-01-10"),  # the digit 0
        ("(2022年3月1日)", "2022-03-01"),
        ("(2022年3月1日", None),  # one bracket only: no date line
    ],
)
def test_date_lines_in_the_forms_offices_type_them(line: str, iso: str | None) -> None:
    from pipeline.normalize import fold
    from pipeline.structure.header import parse_date

    assert parse_date(fold(line)) == iso


@pytest.mark.parametrize(
    ("preamble", "title"),
    [
        ("广东省人民政府关于印发重点任务分工方案的通知 (粤府〔2021〕22号)", "关于印发重点任务分工方案的通知"),
        ("关于印发重点任务分工方案的通知（青政发[2023]6号）", "关于印发重点任务分工方案的通知"),
        ("关于支持“双招双引”的十条意见。为落实市委部署，现提出以下意见。", "关于支持“双招双引”的十条意见"),
        ("关于推进重点工作的实施方案。各乡镇要抓好落实。", "关于推进重点工作的实施方案"),
        ("2022年度民生实事项目进度表(截至10月31日)", "2022年度民生实事项目进度表(截至10月31日)"),
        ("2023年重点工作任务一览表", "2023年重点工作任务一览表"),
    ],
)
def test_titles_as_pages_and_flattened_copies_print_them(preamble: str, title: str) -> None:
    """A portal's 文号 after the title, a title glued to the text by its 。, any …表 title."""
    assert paras_to_notice(paras(preamble), [], {}).title == title


@pytest.mark.parametrize("label", ["成文日期", "生成日期"])
def test_the_pages_signing_date_when_no_date_line_says_it(label: str) -> None:
    notice = paras_to_notice(paras("2023年政府工作报告重点工作责任分解"), [], {label: "2023-02-22"})
    assert (notice.issued_on, notice.issued_on_raw) == ("2023-02-22", "2023-02-22")
    assert paras_to_notice(paras("甲"), [], {"发布日期": "2023-02-22"}).issued_on is None


def test_the_pages_title_from_its_metadata_before_a_heading_that_ends_like_one() -> None:
    """No 关于… line in the body: the 标题 of the page's 信息公开 table, read as a title line is."""
    preamble = paras("淮政办发〔2024〕4号\n2024年省政府工作报告重点任务分工方案")
    metadata = {"标题": "淮海省人民政府办公厅关于印发2024年省政府工作报告重点任务分工方案的通知"}
    assert (
        paras_to_notice(preamble, [], metadata).title == "关于印发2024年省政府工作报告重点任务分工方案的通知"
    )
    assert paras_to_notice(preamble, [], {"名称": "2024年重点任务清单"}).title == "2024年重点任务清单"
    assert paras_to_notice(preamble, [], {}).title == "2024年省政府工作报告重点任务分工方案"


def test_a_cut_page_heading_does_not_run_on_into_the_metadata_box() -> None:
    """关于…的... (a heading the page cut short) over 索 引 号：… lines: the metadata's 标　　题."""
    from pipeline.structure.metadata_tables import paras_to_metadata

    text = (
        "关于印发青石镇2023年政府工作报告重点任务分解方案的...\n"
        "索 引 号：003120521/2023-00018\t主题分类：综合政务/其他\n"
        "标　　题：关于印发青石镇2023年政府工作报告重点任务分解方案的通知\n"
        "文　　号：青石政〔2023〕8号\t发布日期：2023-03-09"
    )
    preamble = paras(text)
    notice = paras_to_notice(preamble, [], paras_to_metadata(preamble, {}))
    assert (notice.title, notice.doc_number) == (
        "关于印发青石镇2023年政府工作报告重点任务分解方案的通知",
        "青石政〔2023〕8号",
    )
