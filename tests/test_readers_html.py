"""The .html reader: decoding, finding the article body, metadata, lines and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import Line, RawDocument, Table
from pipeline.errors import InputError
from pipeline.readers import html as html_reader
from pipeline.readers import read
from schemas.notice import Location, SourceFormat

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
needs_fixtures = pytest.mark.skipif(not FIXTURES.exists(), reason="shared fixtures not present")

PAGE = """<!DOCTYPE html>
<html><head>{meta}<title>关于任务分解的通知_政府文件</title>
<style>.TRS_Editor p {{ font-size: 16pt }}</style>
<script>var nav = "首页";</script></head>
<body>
<div class="topbar">今天是：<span id="today"></span> <a href="/m/">手机版</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a></div>
<table class="xxgk-table">
<tr><th>索&nbsp;引&nbsp;号：</th><td>11410324/2021-00021</td><th>发文机关：</th><td>栾川县人民政府</td></tr>
<tr><th>标&nbsp;&nbsp;题：</th><td colspan="3">关于任务分解的通知</td></tr>
<tr><th>发文字号：</th><td>栾政〔2021〕2号</td><th>成文日期：</th><td>2021-03-25</td></tr>
</table>
<div class="article">
<h1>关于任务分解的通知</h1>
<div class="TRS_Editor">
<p style="text-align:center"><span>栾政〔2021〕2号</span></p>
<p>&nbsp;</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;<span style="font-family:黑体">一、</span><span>全面提速建设</span></p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;1.推进&ldquo;三个一批&rdquo;项目建设，
年内完成&lsquo;百日攻坚&rsquo;。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;<span>牵头单位：</span><span>县发改委</span><br>责任单位：县交通运输局</p>
<div>二、持续深化改革</div>
<ul><li>2.推进改革任务。</li></ul>
<table border="1">
<tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>
<tr><td colspan="3">（一）坚持规划先行</td></tr>
<tr><td>3</td><td>编制规划<br>分步实施</td><td rowspan="2">县发改委</td></tr>
<tr><td>4</td><td>抓好落实</td></tr>
</table>
<p style="text-align:right">2021年3月25日&nbsp;&nbsp;</p>
</div>
</div>
<div class="article-tools"><a href="javascript:window.print();">【打印本页】</a>
<a href="javascript:window.close();">【关闭窗口】</a></div>
<div class="box"><h3>相关文件</h3><ul>
<li><a href="/a.html">栾川县人民政府关于做好春耕生产工作的通知</a></li></ul></div>
<div class="footer"><p>版权所有：栾川县人民政府 网站标识码：4103240001</p></div>
<script>document.getElementById("today").innerHTML = "2021";</script>
</body></html>
"""

BODY_LINES = [
    "栾政〔2021〕2号",
    "一、全面提速建设",
    "1.推进“三个一批”项目建设， 年内完成‘百日攻坚’。",
    "牵头单位：县发改委",
    "责任单位：县交通运输局",
    "二、持续深化改革",
    "2.推进改革任务。",
    "2021年3月25日",
]


def _read(tmp_path: Path, data: bytes, name: str = "page.html") -> RawDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return read(path)


@pytest.fixture
def page(tmp_path: Path) -> RawDocument:
    return _read(tmp_path, PAGE.format(meta='<meta charset="utf-8">').encode("utf-8"))


def test_body_lines_without_site_chrome(page: RawDocument) -> None:
    lines = [b for b in page.blocks if isinstance(b, Line)]
    assert [line.text for line in lines] == BODY_LINES
    assert [line.loc for line in lines] == [Location(paragraph=i) for i in range(1, 9)]
    assert page.format is SourceFormat.html and page.encoding == "utf-8"


def test_chrome_metadata_and_related_titles_are_not_blocks(page: RawDocument) -> None:
    text = "\n".join(b.text for b in page.blocks if isinstance(b, Line))
    cells = "\n".join(c.text for b in page.blocks if isinstance(b, Table) for row in b.rows for c in row)
    for absent in (
        "首页",
        "当前位置",
        "索引号",
        "发文机关",
        "打印",
        "关闭",
        "相关文件",
        "春耕",
        "版权所有",
        "今天是",
    ):
        assert absent not in text + cells, absent


def test_metadata_table(page: RawDocument) -> None:
    assert page.metadata == {
        "索引号": "11410324/2021-00021",
        "发文机关": "栾川县人民政府",
        "标题": "关于任务分解的通知",
        "发文字号": "栾政〔2021〕2号",
        "成文日期": "2021-03-25",
    }


def test_body_table_in_document_order(page: RawDocument) -> None:
    kinds = [type(b).__name__ for b in page.blocks]
    assert kinds == ["Line"] * 7 + ["Table", "Line"]
    table = page.blocks[7]
    assert isinstance(table, Table) and table.loc == Location(table=1)
    assert [[(c.text, c.span, c.continued) for c in row] for row in table.rows] == [
        [("序号", 1, False), ("工作任务", 1, False), ("牵头单位", 1, False)],
        [("（一）坚持规划先行", 3, False)],
        [("3", 1, False), ("编制规划\n分步实施", 1, False), ("县发改委", 1, False)],
        [("4", 1, False), ("抓好落实", 1, False), ("", 1, True)],
    ]
    assert table.rows[2][0].loc == Location(table=1, row=3)


@pytest.mark.parametrize(
    ("meta", "codec", "expected"),
    [
        ('<meta charset="gb2312">', "gb18030", "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk", "gb18030"),
        ("", "gb18030", "gb18030"),  # undeclared and not UTF-8
        ("", "utf-8", "utf-8"),
    ],
)
def test_encodings(tmp_path: Path, meta: str, codec: str, expected: str) -> None:
    doc = _read(tmp_path, PAGE.format(meta=meta).encode(codec))
    assert doc.encoding == expected
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == BODY_LINES


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="gb2312"?>\n' + PAGE.format(meta="").split("\n", 1)[1]
    doc = _read(tmp_path, data.encode("gb18030"))
    assert doc.encoding == "gb18030" and [b.text for b in doc.blocks if isinstance(b, Line)] == BODY_LINES


def test_bom_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + PAGE.format(meta='<meta charset="gbk">').encode("utf-8")
    doc = _read(tmp_path, data)
    assert doc.encoding == "utf-8" and [b.text for b in doc.blocks if isinstance(b, Line)] == BODY_LINES


def test_undecodable_page_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot decode"):
        _read(tmp_path, b"<html><body><p>\xff\xfe\xff</p>\x80</body></html>")


def test_body_found_by_text_when_no_container_is_hinted(tmp_path: Path) -> None:
    page = (
        "<html><body><div><a href='/'>首页</a> <a href='/x'>政务公开</a></div>"
        "<div><p>一、全面提速建设现代化洛阳都市圈</p><p>1.瞄准定位，加强对接，高质量编制都市圈各项规划。</p>"
        "<p>牵头单位：县发改委</p></div><div><p>友情链接</p></div></body></html>"
    )
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [
        "一、全面提速建设现代化洛阳都市圈",
        "1.瞄准定位，加强对接，高质量编制都市圈各项规划。",
        "牵头单位：县发改委",
    ]


def test_unhinted_body_inside_a_hinted_wrapper_leaves_the_heading_out(tmp_path: Path) -> None:
    """div.article holds the <h1> page headline and the body div, which carries no hint itself."""
    page = (
        "<html><body><div class='article'><h1>通知</h1><div class='wz'><div class='nr_box'>"
        "<p>一、全面提速建设现代化洛阳都市圈</p><p>1.瞄准定位，加强对接，高质量编制都市圈各项规划。</p>"
        "<p>牵头单位：县发改委</p></div></div></div></body></html>"
    )
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [
        "一、全面提速建设现代化洛阳都市圈",
        "1.瞄准定位，加强对接，高质量编制都市圈各项规划。",
        "牵头单位：县发改委",
    ]


@needs_fixtures
def test_fixture_page_gives_the_source_lines_and_metadata() -> None:
    source = (FIXTURES / "luanzheng-2021-2.utf8.txt").read_text(encoding="utf-8").split("\n")
    doc = read(FIXTURES / "luanzheng-2021-2.html")
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [s for s in source if s.strip()]
    assert doc.metadata["发文字号"] == "栾政〔2021〕2号"
    assert doc.metadata["发文机关"] == "栾川县人民政府"
    assert doc.metadata["成文日期"] == "2021-03-25"


TITLE_PAGE = """<html><head><meta charset="utf-8"><title>站点</title></head><body>
<div class="wrap"><h2>通知公告</h2>
<div class="article-title">渭北县人民政府办公室关于印发重点工作责任分工的通知</div>
<div class="article-meta">发布时间：2024-02-28</div>
<div class="article-content">{first}<div>渭政办发〔2024〕6号</div><div>一、持续深化改革</div>
<div>（一）深化国企改革。牵头单位：县国资中心</div></div></div></body></html>"""


@pytest.mark.parametrize(
    ("first", "lines"),
    [
        ("", ["渭北县人民政府办公室关于印发重点工作责任分工的通知", "渭政办发〔2024〕6号"]),
        (  # the body repeats the title itself: read once
            "<div>渭北县人民政府办公室关于印发重点工作责任分工的通知</div>",
            ["渭北县人民政府办公室关于印发重点工作责任分工的通知", "渭政办发〔2024〕6号"],
        ),
    ],
)
def test_a_title_set_above_the_body_is_its_first_line(tmp_path: Path, first: str, lines: list[str]) -> None:
    """A page that sets the notice's title in a heading outside the body container: the title is
    read as the body's first line (a column name such as 通知公告 is too short to be one)."""
    doc = _read(tmp_path, TITLE_PAGE.format(first=first).encode())
    assert [b.text for b in doc.blocks if isinstance(b, Line)][:2] == lines


HEADER_TITLE_PAGE = """<html><head><meta charset="utf-8"></head><body>
<div class="detail-header"><div class="logo">{logo}</div><h1>{title}</h1></div>
<div class="article-content"><div>丹政办发〔2024〕3号</div><div>一、持续深化改革</div>
<div>（一）深化国有企业改革，完成市属国有企业整合重组。牵头单位：市国资委</div>
<div>（二）持续推进“放管服”改革，政务服务事项网上可办率达到98%以上。牵头单位：市行政审批局</div>
</div></body></html>"""


@pytest.mark.parametrize(
    ("title", "first"),
    [
        (
            "丹霞市人民政府办公室关于印发重点工作任务分解方案的通知",
            "丹霞市人民政府办公室关于印发重点工作任务分解方案的通知",
        ),
        ("丹霞市人民政府门户网站欢迎您", "丹政办发〔2024〕3号"),  # a site banner in the header is no title
    ],
)
def test_a_notice_title_inside_the_page_header_is_read(tmp_path: Path, title: str, first: str) -> None:
    """The header block is chrome, but an <h1> in it that reads as a notice's title (…关于…) is the
    notice's title line; any other heading there stays out."""
    page = HEADER_TITLE_PAGE.format(logo="丹霞市人民政府", title=title)
    doc = _read(tmp_path, page.encode())
    assert next(b.text for b in doc.blocks if isinstance(b, Line)) == first


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ("<ol><li>甲事。</li><li>乙事。</li></ol>", ["1.甲事。", "2.乙事。"]),
        (
            '<ol start="5"><li>甲事。</li><li value="9">乙事。</li><li>丙事。</li></ol>',
            ["5.甲事。", "9.乙事。", "10.丙事。"],
        ),
        ('<ol type="a"><li>甲事。</li><li>乙事。</li></ol>', ["a.甲事。", "b.乙事。"]),
        (
            '<ol style="list-style-type: cjk-ideographic"><li>甲事。</li><li>乙事。</li></ol>',
            ["一、甲事。", "二、乙事。"],
        ),
        ("<ol><li><p>甲事。</p><p>牵头单位：县发改委</p></li></ol>", ["1.甲事。", "牵头单位：县发改委"]),
        ("<ol><li>1.甲事。</li><li>2、乙事。</li></ol>", ["1.甲事。", "2、乙事。"]),  # written: kept
        ('<ol style="list-style:none"><li>甲事。</li></ol>', ["甲事。"]),
        ("<ul><li>甲事。</li></ul>", ["甲事。"]),
        (
            "<ol><li>甲事。<ol><li>子事。</li></ol></li><li>乙事。</li></ol>",
            ["1.甲事。", "1.子事。", "2.乙事。"],
        ),
    ],
)
def test_an_ordered_lists_numbers_are_read_as_the_browser_draws_them(
    tmp_path: Path, lists: str, expected: list[str]
) -> None:
    """Tasks in <ol><li>: the number exists only in the list markup, as a reader sees it."""
    page = f"<html><body><div><p>{PREAMBLE}</p><p>一、全面提速建设</p>{lists}</div></body></html>"
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [PREAMBLE, "一、全面提速建设", *expected]


PREAMBLE = "为确保县政府工作报告确定的各项目标任务落到实处，现将重点工作任务分解如下，请认真抓好落实。"


OLD_SITE = (
    "<html><head><title>青石镇人民政府关于印发重点工作任务分解的通知_政府文件_青石镇人民政府</title></head>"
    "<body><table><tr><td>平川县青石镇人民政府</td></tr><tr><td><a href='/'>网站首页</a></td></tr></table>"
    "<table><tr><td><table><tr><td>·<a href='#'>机构设置</a></td></tr><tr><td>·<a href='#'>政府文件</a></td>"
    "</tr></table></td><td><table><tr><td>当前位置：首页 &gt;&gt; 政府文件</td></tr>"
    "<tr><td class='bt'>青石镇人民政府关于印发重点工作任务分解的通知</td></tr>"
    "<tr><td class='art'><center>青石政发〔2021〕6号</center><br>各村（社区），镇直各单位：<br>"
    "为确保镇政府工作报告确定的各项目标任务落到实处，现将重点工作任务分解如下。<br>"
    "<b>一、产业发展</b><br>（1）新发展食用菌大棚300个。（牵头单位：镇农业农村办）<br>"
    "（2）扶持壮大村集体经济。（牵头单位：镇经济发展办）<br>"
    "<div align='right'>青石镇人民政府<br>2021年3月2日</div></td></tr></table></td></tr></table>"
    "<table><tr><td>版权所有：平川县青石镇人民政府 地址：平川县青石镇兴业路18号 电话：0937-5621008</td></tr>"
    "</table></body></html>"
)


def test_an_old_sites_article_in_one_table_cell_between_brs(tmp_path: Path) -> None:
    """A layout-table site: the article's lines are the text of one <td>, set apart by <br>s,
    beside a <center> and a <div>; its heading is a plain cell, so the <title> gives it."""
    doc = html_reader.read(tmp_path / "x.html", OLD_SITE.encode("utf-8"), "0" * 64)
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    title = "青石镇人民政府关于印发重点工作任务分解的通知"
    assert lines[:3] == [title, "青石政发〔2021〕6号", "各村（社区），镇直各单位："]
    assert "（2）扶持壮大村集体经济。（牵头单位：镇经济发展办）" in lines
    assert not any("版权所有" in line for line in lines)


def test_list_numbers_from_the_pages_style_sheet(tmp_path: Path) -> None:
    """ol.yi{list-style-type:cjk-ideographic} draws 一、 二、; a nested decimal list restarts."""
    page = (
        "<html><head><style>ol.yi{list-style-type:cjk-ideographic} .rw{list-style-type:decimal}"
        " ol.none{list-style:none}</style></head><body><div>"
        f"<p>{PREAMBLE}</p><ol class='yi'><li><p>聚力产业发展</p>"
        "<ol class='rw'><li>甲事。</li><li>乙事。</li></ol>"
        "</li><li><p>聚力民生保障</p><ol class='rw'><li>丙事。</li></ol></li></ol>"
        "<ol class='none'><li>附件目录</li></ol></div></body></html>"
    )
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [
        PREAMBLE,
        "一、聚力产业发展",
        "1.甲事。",
        "2.乙事。",
        "二、聚力民生保障",
        "1.丙事。",
        "附件目录",
    ]


def test_metadata_in_a_definition_list(tmp_path: Path) -> None:
    page = (
        "<html><body><dl class='meta'><dt>索 引 号：</dt><dd>1133/2024-00812</dd><dt>文　　号：</dt>"
        f"<dd>鹤政办发〔2024〕12号</dd></dl><div><p>{PREAMBLE}</p></div></body></html>"
    )
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert doc.metadata == {"索引号": "1133/2024-00812", "文号": "鹤政办发〔2024〕12号"}
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [PREAMBLE]


def test_a_layout_table_holding_the_metadata_table_is_no_metadata_table(tmp_path: Path) -> None:
    """An old portal nests the 信息公开 table inside its layout table: only the inner one is
    metadata; the article in the outer table stays."""
    page = (
        "<html><body><table><tr><td><table><tr><td>索引号：</td><td>1133/2023-01</td><td>文号：</td>"
        "<td>青政发〔2023〕6号</td></tr><tr><td>成文日期：</td><td>2023-02-16</td><td></td><td></td></tr>"
        f"</table></td></tr><tr><td><p>{PREAMBLE}</p><p>一、全面提速建设</p><p>1.推进甲事。</p></td></tr>"
        "</table></body></html>"
    )
    doc = html_reader.read(tmp_path / "x.html", page.encode("utf-8"), "0" * 64)
    assert doc.metadata.get("文号") == "青政发〔2023〕6号"
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [
        PREAMBLE,
        "一、全面提速建设",
        "1.推进甲事。",
    ]
