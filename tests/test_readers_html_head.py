"""The head a page sets around the title outside the body: a 文号 line above or under the h1, 发文机关
/ 成文日期 lines, and label：value spans in one info line, in a head block apart from the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import parse

TITLE = "澧阳市人民政府办公室关于印发2023年重点工作任务分解方案的通知"
BODY = (
    '<div class="article-content"><p>各区县人民政府，市直各单位：</p>'
    "<p>现将《2023年重点工作任务分解方案》印发给你们，请认真贯彻落实。</p>{signature}"
    "<p>一、推进城市更新</p><p>1.完成城镇老旧小区改造86个。（牵头单位：市住房和城乡建设局）</p>"
    "<p>2.新建城市道路12公里。（牵头单位：市城市管理局）</p></div>"
)
SIGNED = "<p>澧阳市人民政府办公室</p><p>2023年2月20日</p>"
HEADS = {
    "number under the title": (f'<h1>{TITLE}</h1><div class="sub">澧政办发〔2023〕6号</div>', SIGNED),
    "number above the title, organ and date under it": (
        f'<p class="wh">澧政办发〔2023〕6号</p><h1>{TITLE}</h1>'
        "<p>发文机关：澧阳市人民政府办公室</p><p>成文日期：2023年2月20日</p>",
        "",
    ),
    "spans in one info line": (
        f'<h1>{TITLE}</h1><div class="info"><span>发布时间：2023-02-22</span>'
        "<span>文号：澧政办发〔2023〕6号</span><span>来源：市政府办</span></div>",
        SIGNED,
    ),
    "pairs in one line of text": (
        f'<div class="article-title">{TITLE}</div>'
        '<div class="meta">发文字号：澧政办发〔2023〕6号　成文日期：2023年2月20日</div>',
        "",
    ),
}


@pytest.mark.parametrize("name", HEADS)
def test_the_head_beside_the_title(tmp_path: Path, name: str) -> None:
    head, signature = HEADS[name]
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="top-nav">首页 政务公开</div>'
        f'<div class="wrap"><div class="art-head">{head}<div class="share">分享到：微信 微博</div>'
        f"<div>字号：大 中 小</div></div>{BODY.format(signature=signature)}</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = parse(path)
    notice = result.notice
    assert (notice.doc_number, notice.issued_on) == ("澧政办发〔2023〕6号", "2023-02-20")
    assert notice.title == TITLE.removeprefix("澧阳市人民政府办公室")
    assert [t.text for t in result.tasks] == ["完成城镇老旧小区改造86个。", "新建城市道路12公里。"]
