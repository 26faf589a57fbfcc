"""Two-row table headers whose first row spans its sub-columns, in every carrier that writes spans.

Members of the class: 责任单位 over 牵头单位 | 配合单位 (a role group), 完成时限 or 进度安排 over
一季度 … 四季度 or 1月 … 12月 (period columns, no deadline), a data row with a cell merged sideways
(完成时限 and 备注 in one), and a full-width remark row that ends the table (注：…), which heads
nothing. Built as Word tables (gridSpan, vMerge) and HTML tables (colspan, rowspan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline import parse

TITLE = "某某市人民政府办公室关于印发重点任务分解表的通知"
ROWS = [
    ("1", "新建改扩建中小学幼儿园20所。", "市教育局", "市发展改革委、市财政局", "9月底"),
    ("2", "为全市65岁以上老年人免费健康体检。", "市卫生健康委", "各县（区）人民政府", "12月底"),
    ("3", "建成市急救指挥中心并投入使用。", "市卫生健康委", "市财政局", "10月底"),
]


def _html(parent: str, subs: list[str], rows: list[list[str]], note: str | None) -> str:
    """`parent` over `subs` after the role group; no `subs`: `parent` spans the two header rows."""
    last = f'<th colspan="{len(subs)}">{parent}</th>' if subs else f'<th rowspan="2">{parent}</th>'
    head = (
        f'<tr><th rowspan="2">序号</th><th rowspan="2">工作任务</th><th colspan="2">责任单位</th>{last}</tr>'
        "<tr><th>牵头单位</th><th>配合单位</th>" + "".join(f"<th>{s}</th>" for s in subs) + "</tr>"
    )
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    width = 4 + max(1, len(subs))
    tail = f'<tr><td colspan="{width}">{note}</td></tr>' if note else ""
    letter = "<p>各县（区）人民政府，市直各单位：</p><p>现将重点任务分解表印发给你们，请认真抓好落实。</p>"
    table = f'<table border="1">{head}{body}{tail}</table>'
    return f'<html><body><div class="article"><h1>{TITLE}</h1>{letter}{table}</div></body></html>'


def _view(result: Any) -> list[tuple[int | None, str, list[str], list[str], str | None]]:
    return [
        (
            t.number,
            t.text,
            [u.name for u in t.lead_units],
            [u.name for u in t.supporting_units],
            t.deadline.raw if t.deadline else None,
        )
        for t in result.tasks
    ]


EXPECTED = [
    (1, "新建改扩建中小学幼儿园20所。", ["市教育局"], ["市发展改革委", "市财政局"]),
    (2, "为全市65岁以上老年人免费健康体检。", ["市卫生健康委"], ["各县（区）人民政府"]),
    (3, "建成市急救指挥中心并投入使用。", ["市卫生健康委"], ["市财政局"]),
]


def test_html_role_group_over_lead_and_supporting(tmp_path: Path) -> None:
    path = tmp_path / "n.html"
    rows = [list(r) for r in ROWS]
    path.write_text(_html("完成时限", [], rows, "注：完成时限为项目主体完工时间。"), encoding="utf-8")
    view = _view(parse(path))
    assert [v[:4] for v in view] == EXPECTED
    assert [v[4] for v in view] == ["9月底", "12月底", "10月底"]


@pytest.mark.parametrize("subs", [["一季度", "二季度", "三季度", "四季度"], [f"{m}月" for m in range(1, 5)]])
def test_period_columns_under_a_spanning_header_are_no_deadline(tmp_path: Path, subs: list[str]) -> None:
    path = tmp_path / "n.html"
    rows = [[*r[:4], "√", "", "√", "√"] for r in ROWS]
    path.write_text(_html("进度安排", subs, rows, None), encoding="utf-8")
    view = _view(parse(path))
    assert [v[:4] for v in view] == EXPECTED
    assert [v[4] for v in view] == [None, None, None]


def test_word_gridspan_and_vmerge_header(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=2 + len(ROWS), cols=6)
    for col, text in enumerate(["序号", "工作任务", "责任单位", "", "完成时限", "备注"]):
        table.cell(0, col).text = text
    table.cell(1, 2).text, table.cell(1, 3).text = "牵头单位", "配合单位"
    for col in (0, 1, 4, 5):
        table.cell(0, col).merge(table.cell(1, col))
    table.cell(0, 2).merge(table.cell(0, 3))
    for r, row in enumerate(ROWS, start=2):
        for col, text in enumerate(row):
            table.cell(r, col).text = text
    last = len(ROWS) + 1
    table.cell(last, 4).merge(table.cell(last, 5))  # 完成时限 and 备注 merged sideways
    table.cell(last, 4).text = "10月底"
    path = tmp_path / "n.docx"
    document.save(str(path))
    view = _view(parse(path))
    assert [v[:4] for v in view] == EXPECTED
    assert [v[4] for v in view] == ["9月底", "12月底", "10月底"]


def _simple_html(header: list[str], rows: list[list[str]]) -> str:
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    letter = "<p>各乡镇人民政府，县直各单位：</p><p>现将重点任务分解表印发给你们，请认真抓好落实。</p>"
    table = f'<table border="1">{head}{body}</table>'
    return f'<html><body><div class="article"><h1>{TITLE}</h1>{letter}{table}</div></body></html>'


@pytest.mark.parametrize("header", ["责任领导/责任单位", "分管领导／牵头单位"])
def test_one_column_holding_a_leader_and_the_units(tmp_path: Path, header: str) -> None:
    rows = [
        ["1", "全年实施县级重点项目120个以上。", "刘建平／县发改委、县财政局", "县政府督查室"],
        ["2", "新建高标准农田3.5万亩。", "黄春梅<br>县农业农村局、县财政局", "县政府督查室"],
        ["3", "新增规模以上工业企业25家。", "县工信局", "县政府督查室"],
    ]
    path = tmp_path / "n.html"
    path.write_text(_simple_html(["序号", "工作任务", header, "督办单位"], rows), encoding="utf-8")
    result = parse(path)
    role = "lead_units" if "牵头" in header else "responsible_units"
    assert [[u.name for u in getattr(t, role)] for t in result.tasks] == [
        ["县发改委", "县财政局"],
        ["县农业农村局", "县财政局"],
        ["县工信局"],
    ]
    assert [[p.raw for p in t.leaders] for t in result.tasks] == [["刘建平"], ["黄春梅"], []]
    names = {u.name for t in result.tasks for u in (*t.lead_units, *t.responsible_units, *t.supporting_units)}
    assert "县政府督查室" not in names  # the 督办单位 supervises the task; it is none of its units


def test_oversight_label_line_names_no_unit(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(
        f"{TITLE}\n一、重点工作\n1．新建幼儿园3所。\n责任单位：县教育局\n督办单位：县政府督查室\n",
        encoding="utf-8",
    )
    task = parse(path).tasks[0]
    assert [u.name for u in task.responsible_units] == ["县教育局"]
    assert not task.lead_units and not task.supporting_units


@pytest.mark.parametrize("merged", [True, False], ids=["merged-over-its-rows", "on-every-row"])
def test_a_target_column_before_the_task_column(tmp_path: Path, merged: bool) -> None:
    """目标任务 merged over its 具体措施 rows heads them; filled on every row it is each task's figure."""
    rows = [
        ["1", "空气质量优良天数比例达到85%", "开展建筑工地扬尘专项整治。", "市住建局", "12月底"],
        [
            "2",
            "" if merged else "空气质量优良天数比例达到85%",
            "淘汰国三及以下营运柴油货车。",
            "市交通运输局",
            "10月底",
        ],
        ["3", "水质优良比例达到90%", "完成饮用水水源地规范化建设。", "市生态环境局", "9月底"],
    ]
    path = tmp_path / "n.html"
    path.write_text(
        _simple_html(["序号", "目标任务", "具体措施", "牵头单位", "完成时限"], rows), encoding="utf-8"
    )
    result = parse(path)
    assert [t.text for t in result.tasks] == [r[2] for r in rows]
    paths = [[p.title for p in t.path] for t in result.tasks]
    if merged:
        assert paths == [["空气质量优良天数比例达到85%"]] * 2 + [["水质优良比例达到90%"]]
    else:
        assert paths == [[], [], []]


def test_cells_one_per_line_with_a_leader_and_units_column(tmp_path: Path) -> None:
    """One cell per line, no blank lines: 王芳/县教育局 then 县财政局 is one cell going on."""
    cells = ["序号", "工作任务", "责任领导/责任单位", "完成时限"]
    cells += ["1", "新建城区供热管网12公里。", "张建华/县住建局", "2021年10月底"]
    cells += ["2", "新建公办幼儿园4所。", "王芳/县教育局", "县财政局", "2021年8月底"]
    cells += ["3", "新建乡镇卫生院发热门诊8个。", "王芳/县卫健局", "2021年9月底"]
    path = tmp_path / "n.txt"
    path.write_text(TITLE + "\n" + "\n".join(cells) + "\n", encoding="utf-8")
    result = parse(path)
    assert [([u.name for u in t.responsible_units], [p.raw for p in t.leaders]) for t in result.tasks] == [
        (["县住建局"], ["张建华"]),
        (["县教育局", "县财政局"], ["王芳"]),
        (["县卫健局"], ["王芳"]),
    ]


TOWN_TARGETS = (
    '<tr><th rowspan="2">序号</th><th rowspan="2">目标任务</th><th rowspan="2">计量单位</th>'
    '<th rowspan="2">全县目标</th><th colspan="3">其中：各乡镇目标分解</th><th rowspan="2">牵头单位</th>'
    '<th rowspan="2">责任单位</th></tr><tr><th>城关镇</th><th>龙潭镇</th><th>柳溪乡</th></tr>'
    '<tr><td colspan="9">一、经济发展目标</td></tr>'
    "<tr><td>1</td><td>地区生产总值增长</td><td>%</td><td>6.5</td><td>6.8</td><td>6.5</td><td>6</td>"
    "<td>县发改局</td><td>县统计局、各乡镇人民政府</td></tr>"
    "<tr><td>2</td><td>新增规模以上工业企业</td><td>家</td><td>30</td><td>12</td><td>10</td><td>8</td>"
    "<td>县工信局</td><td>各乡镇人民政府</td></tr>"
)


def test_target_columns_after_the_target_name_hold_its_figures(tmp_path: Path) -> None:
    """目标任务 | 全县目标 | 其中：各乡镇目标分解 over 城关镇 | 龙潭镇 …: the first target column names
    the target (the task), the later ones and the towns under the spanning cell are its figures."""
    letter = "<p>各乡镇人民政府，县直各单位：</p><p>现将目标任务分解表印发给你们，请认真抓好落实。</p>"
    page = (
        f'<html><body><div class="article"><h1>{TITLE}</h1>{letter}'
        f'<table border="1">{TOWN_TARGETS}</table></div></body></html>'
    )
    path = tmp_path / "towns.html"
    path.write_text(page, encoding="utf-8")
    result = parse(path)
    got = [
        (t.number, t.text, [h.title for h in t.path], [u.name for u in t.lead_units]) for t in result.tasks
    ]
    assert got == [
        (1, "地区生产总值增长", ["经济发展目标"], ["县发改局"]),
        (2, "新增规模以上工业企业", ["经济发展目标"], ["县工信局"]),
    ]
