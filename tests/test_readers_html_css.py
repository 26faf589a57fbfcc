"""The .html reader's small CSS subset (pipeline/readers/html_css.py): tables made of divs (ARIA roles
or CSS display) read as a real <table> is, and heading and task numbers that only CSS draws
(counters in ::before, display:list-item markers, @counter-style) read as the browser shows them.

Each page is compared with the same page written plainly (a <table>, numbers in the text): the two
must give the same blocks and the same tasks, and the plain one must give tasks at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import parse
from pipeline.document import Table
from pipeline.readers import read
from tests.helpers import task_view

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青禾县人民政府办公室关于印发2025年重点工作任务分解的通知</title><style>{style}</style></head>
<body><div class="article"><h1>青禾县人民政府办公室关于印发2025年重点工作任务分解的通知</h1>
<div class="content">
<p>各乡镇人民政府，县政府各部门：</p>
<p>现将2025年重点工作任务分解印发给你们，请认真抓好落实。</p>
{body}
<p>青禾县人民政府办公室</p><p>2025年3月1日</p>
</div></div></body></html>
"""

ROWS = [
    ("序号", "工作任务", "牵头单位", "责任单位"),
    ("1", "新建高标准农田2万亩。", "县农业农村局", "县财政局、县水利局"),
    ("2", "新增城镇就业1500人。", "县人社局", "县就业服务中心"),
    ("3", "改造老旧小区12个。", "县住建局", "县发展和改革局"),
]


def _table(
    row: str, cell: str, head: str | None = None, table: str = "<table>", end: str = "</table>"
) -> str:
    """ROWS as markup: `row`/`cell`/`head` are start tags (their end tags are derived)."""

    def close(tag: str) -> str:
        return "</" + tag[1:].split()[0].rstrip(">") + ">"

    out = [table]
    for i, values in enumerate(ROWS):
        start = head if i == 0 and head else cell
        out.append(row + "".join(start + v + close(start) for v in values) + close(row))
    out.append(end)
    return "\n".join(out)


REAL_TABLE = _table("<tr>", "<td>", "<th>")

DIV_TABLES = {
    "role-only": _table('<div role="row">', '<div role="cell">', None, '<div role="table">', "</div>"),
    "role-rowgroup-columnheader": _table(
        '<div role="row">',
        '<div role="cell">',
        '<div role="columnheader">',
        '<div role="table"><div role="rowgroup">',
        "</div></div>",
    ),
    "role-grid-gridcell-rowheader": _table(
        '<div role="row">',
        '<span role="gridcell">',
        '<span role="columnheader">',
        '<div role="grid">',
        "</div>",
    ),
    "css-class-in-style": _table('<div class="tr">', '<div class="td">', None, '<div class="tb">', "</div>"),
    "css-inline-display": _table(
        '<div style="display: table-row">',
        '<div style="display:table-cell;padding:4px">',
        None,
        '<div style="display:table;width:100%">',
        "</div>",
    ),
    "css-element-class-and-descendant": _table(
        '<section class="r">', "<div>", None, '<div class="grid-t"><div class="body">', "</div></div>"
    ),
}
DIV_STYLE = (
    ".tb{display:table;border-collapse:collapse} .tr{display:table-row}"
    " .td{display:table-cell;border:1px solid}"
    " div.grid-t{display:table} div.body{display:table-row-group} section.r{display:table-row}"
    " .r div{display:table-cell}"
)


def _page(tmp_path: Path, body: str, style: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(PAGE.format(style=style, body=body), encoding="utf-8")
    return path


def _tables(path: Path) -> list[Table]:
    return [b for b in read(path).blocks if isinstance(b, Table)]


@pytest.mark.parametrize("name", DIV_TABLES)
def test_div_table_reads_as_a_table(tmp_path: Path, name: str) -> None:
    plain = _page(tmp_path, REAL_TABLE, name="plain.html")
    divs = _page(tmp_path, DIV_TABLES[name], DIV_STYLE)
    expected = task_view(parse(plain))
    assert len(expected) == 3
    assert _tables(divs) == _tables(plain), name
    assert task_view(parse(divs)) == expected, name


def test_div_table_cells_with_spans_paragraphs_and_br(tmp_path: Path) -> None:
    """A cell's inline spans join, its <p>s and <br>s are lines (several units), as in a <td>."""
    cells = [
        "<span>1</span>",
        '<p><span style="color:red">新建</span>高标准农田<b>2万亩</b>。</p>',
        "<span>县农业农村局</span>",
        "县财政局<br>县水利局",
    ]
    plain = REAL_TABLE.replace(
        "<td>1</td><td>新建高标准农田2万亩。</td>", "<td>{}</td><td>{}</td>".format(*cells[:2])
    )
    plain = plain.replace("<td>县财政局、县水利局</td>", f"<td>{cells[3]}</td>")
    divs = plain.replace("<table>", '<div role="table">').replace("</table>", "</div>")
    divs = divs.replace("<tr>", '<div role="row">').replace("</tr>", "</div>")
    divs = divs.replace("<th>", '<div role="columnheader">').replace("</th>", "</div>")
    divs = divs.replace("<td>", '<div role="cell">').replace("</td>", "</div>")
    a, b = _page(tmp_path, plain, name="plain.html"), _page(tmp_path, divs)
    assert _tables(b) == _tables(a)
    view = task_view(parse(b))
    assert view == task_view(parse(a))
    assert view[0][1] == "新建高标准农田2万亩。" and view[0][4] == ("县财政局", "县水利局")


def test_css_grid_contents_rows_still_read_as_lines(tmp_path: Path) -> None:
    """A CSS-grid table (display:contents rows) is left to the line reader, which reads it."""
    body = (
        '<div style="display:grid;grid-template-columns:1fr 4fr 2fr">'
        + "".join(
            '<div style="display:contents">' + "".join(f"<div>{v}</div>" for v in (n, t, lead)) + "</div>"
            for n, t, lead, _ in ROWS[1:]
        )
        + "</div>"
    )
    body = body.replace("<div>1</div><div>", "<div>1.</div><div>").replace(
        "<div>2</div><div>", "<div>2.</div><div>"
    )
    body = body.replace("<div>3</div><div>", "<div>3.</div><div>")
    assert _tables(_page(tmp_path, body)) == []


def test_aria_colspan_is_a_span(tmp_path: Path) -> None:
    body = (
        '<div role="table"><div role="row"><div role="cell">序号</div><div role="cell">工作任务</div>'
        '<div role="cell">牵头单位</div></div>'
        '<div role="row"><div role="cell" aria-colspan="3">一、农业农村</div></div>'
        '<div role="row"><div role="cell">1</div><div role="cell">新建高标准农田2万亩。</div>'
        '<div role="cell">县农业农村局</div></div></div>'
    )
    (table,) = _tables(_page(tmp_path, body))
    assert table.rows[1][0].span == 3


# ---- numbers drawn by CSS -------------------------------------------------------------------

PLAIN_NUMBERED = """<div class="l1">一、产业发展</div>
<div class="l2">（一）农业</div>
<p class="l3">1.新建高标准农田2万亩。（牵头单位：县农业农村局；责任单位：县财政局）</p>
<p class="l3">2.建设冷链物流中心1个。（牵头单位：县商务局）</p>
<div class="l2">（二）工业</div>
<p class="l3">1.新增规上工业企业10家。（牵头单位：县工业和信息化局）</p>
<div class="l1">二、民生保障</div>
<div class="l2">（一）就业</div>
<p class="l3">1.新增城镇就业1500人。（牵头单位：县人社局）</p>
"""
# the same outline, its numbers left to CSS: each level's items are siblings of one parent
UNNUMBERED = """<div class="doc"><div class="l1">产业发展</div>
<div class="part"><div class="l2">农业</div>
<div class="ts"><p class="l3">新建高标准农田2万亩。（牵头单位：县农业农村局；责任单位：县财政局）</p>
<p class="l3">建设冷链物流中心1个。（牵头单位：县商务局）</p></div>
<div class="l2">工业</div>
<div class="ts"><p class="l3">新增规上工业企业10家。（牵头单位：县工业和信息化局）</p></div></div>
<div class="l1">民生保障</div>
<div class="part"><div class="l2">就业</div>
<div class="ts"><p class="l3">新增城镇就业1500人。（牵头单位：县人社局）</p></div></div></div>
"""

CSS_NUMBERS = {
    # counters across three levels, each reset on the parent of its level's items
    "counters-cjk-ideographic": (
        ".doc{counter-reset:a} .l1{counter-increment:a} .part{counter-reset:b} .ts{counter-reset:c}"
        " .l2{counter-increment:b} .l3{counter-increment:c}"
        " .l1::before{content:counter(a, cjk-ideographic) '、'}"
        ' .l2:before{content:"（" counter(b, simp-chinese-informal) "）"}'
        ' .l3::before{content:counter(c) "."}',
        UNNUMBERED,
    ),
    # a reset on an item scopes its following siblings; values, counter-set and the increment in ::before
    "counters-on-siblings-values-counter-set": (
        "div.doc{counter-reset:a 0 c 7} .l1{counter-increment:a;counter-reset:b} .l2{counter-increment:b 1}"
        " .ts{counter-set:c 0} .l3::before{counter-increment:c 1}"
        " .l1::before{content:counter(a,cjk-ideographic)'、'}"
        " .l2::before{content:'（'counter(b,simp-chinese-informal)'）'}"
        " .l3::before{content:counter(c,decimal)'.'}",
        UNNUMBERED.replace('<div class="part">', "").replace("</div></div>", "</div>"),
    ),
    "list-item-builtin-styles": (
        ".l1{display:list-item;list-style-type:simp-chinese-informal;list-style-position:inside}"
        " .part{counter-reset:b} .l2{counter-increment:b}"
        " .l2::before{content:'（' counter(b,cjk-ideographic) '）'}"
        " .ts p{display:list-item;list-style:decimal inside}",
        UNNUMBERED,
    ),
    "list-item-counter-styles": (
        "@counter-style yi { system: fixed; symbols: 一 二 三 四 五 六 七 八 九 十; suffix: '、'; }"
        "@counter-style kuo { system: extends simp-chinese-informal; prefix: '（'; suffix: '）'; }"
        "@counter-style dian { system: extends decimal; suffix: '.'; }"
        ".l1{display:list-item;list-style-type:yi} .l2{display:list-item;list-style:inside kuo}"
        " .l3{display:list-item;list-style-type:dian}",
        UNNUMBERED,
    ),
    "inline-style-list-item-inherited-type": (
        "@counter-style kuo{system:extends cjk-ideographic;prefix:'（';suffix:'）'}",
        UNNUMBERED.replace('class="l1"', 'style="display:list-item;list-style-type:cjk-ideographic"')
        .replace('class="part"', 'style="list-style-type: kuo"')
        .replace('class="l2"', 'style="display: list-item; list-style-type: inherit"')
        .replace('class="ts"', 'style="list-style:decimal"')
        .replace('class="l3"', 'style="display:list-item"'),
    ),
}


@pytest.mark.parametrize("name", CSS_NUMBERS)
def test_numbers_drawn_by_css(tmp_path: Path, name: str) -> None:
    style, body = CSS_NUMBERS[name]
    plain = _page(tmp_path, PLAIN_NUMBERED, name="plain.html")
    expected = task_view(parse(plain))
    assert [t[0] for t in expected] == [1, 2, 1, 1]
    got = task_view(parse(_page(tmp_path, body, style)))
    assert got == expected, name
    lines = [b.text for b in read(_page(tmp_path, body, style)).lines()]
    assert "一、产业发展" in lines and "（二）工业" in lines, (name, lines)


def test_ul_li_with_a_numbering_style_draws_numbers(tmp_path: Path) -> None:
    """A <ul> a stylesheet numbers (ul.rw{list-style-type:decimal}) draws 1. 2.; a plain <ul> draws
    bullets, which are no numbers and stay out of the text."""
    items = "".join(
        f"<li>{t}</li>"
        for t in (
            "新建高标准农田2万亩。（牵头单位：县农业农村局）",
            "新增城镇就业1500人。（牵头单位：县人社局）",
        )
    )
    page = _page(
        tmp_path, f'<ul class="rw">{items}</ul><ul><li>附件一</li></ul>', "ul.rw{list-style-type:decimal}"
    )
    lines = [b.text for b in read(page).lines()]
    assert "1.新建高标准农田2万亩。（牵头单位：县农业农村局）" in lines and "附件一" in lines


def test_counter_values_and_rules_are_bounded(tmp_path: Path) -> None:
    """A counter incremented by a huge number, a symbolic style that would repeat it, and 20,000
    rules are read whole, the values clamped as an <ol>'s start is (the cost is bounded by the CSS
    limits, measured by make bench and make fuzz, never timed here)."""
    rules = "".join(f".x{i} .y{i} p{{counter-increment:n {i}}}" for i in range(20000))
    style = (
        "@counter-style rep{system:symbolic;symbols:'*'}"
        ".a{counter-increment:n 99999999999999999999999} .a::before{content:counter(n) '.'}"
        ".b{counter-increment:n 99999} .b::before{content:counter(n, rep) counter(n,cjk-ideographic)}"
    ) + rules
    body = '<p class="a">甲</p><p class="b">乙</p>' + "<div>" * 500 + "<p>丙</p>" + "</div>" * 500
    lines = [b.text for b in read(_page(tmp_path, body, style)).lines()]
    assert "99999.甲" in lines
    assert any(line.endswith("乙") and len(line) < 200 for line in lines)


def test_unknown_css_is_ignored(tmp_path: Path) -> None:
    style = (
        ".l1:hover::before{content:'x'} [role=x]{display:table} .l1::before{content:counter(a) open-quote}"
        " .l1::before{content: url(a.png) attr(data-n) '、'; counter-increment: none}"
        ' .l1{display:flex;counter-reset:}  .l2::before{content:counters(b)} .l2::before{content:"\\e045"}'
        " p{display: table-cell} @font-face{font-family:x} .l3{content:'不是伪元素'}"
    )
    body = '<div class="l1" data-n="一">产业发展</div><div class="l2">农业</div>'
    body += '<p class="l3">新建高标准农田。</p>'
    lines = [b.text for b in read(_page(tmp_path, body, style)).lines()]
    assert lines[3:6] == ["一、产业发展", "农业", "新建高标准农田。"], lines


def test_hostile_stylesheets_are_read_whole(tmp_path: Path) -> None:
    """Two megabytes without a brace (a regex for rules would retry it from every position), 5,000
    counter names reset on every paragraph, a padded style asking for a million symbols."""
    names = " ".join(f"c{i}" for i in range(50))
    style = (
        "a" * 2_000_000
        + "}"
        + "".join(f".p{i % 100} {{counter-reset: {names.replace('c', f'c{i}x')}}}" for i in range(100))
        + "@counter-style pad{system:extends decimal;pad:99 '零零零零零零零零零零零零'}"
        + ".q::before{content:counter(n,pad)}"
    )
    body = "".join(f'<p class="p{i % 100} q">第{i}段</p>' for i in range(3000))
    lines = [b.text for b in read(_page(tmp_path, body, style)).lines()]
    assert "0第7段" in lines


def test_clearfix_content_is_not_text(tmp_path: Path) -> None:
    """The old clearfix hack draws a hidden "." after a block: no text; a visible ::after is."""
    style = ".cf:after{content:'.';display:block;height:0;clear:both;visibility:hidden}"
    style += " .lead::after{content:'。'}"
    body = '<div class="cf"><p>新建高标准农田2万亩</p></div><p class="lead">牵头单位：县农业农村局</p>'
    lines = [b.text for b in read(_page(tmp_path, body, style)).lines()]
    assert lines[3:5] == ["新建高标准农田2万亩", "牵头单位：县农业农村局。"], lines
