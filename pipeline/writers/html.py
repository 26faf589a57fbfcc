"""`<stem>.html`: one self-contained review page (no network, no CDN: it works from a USB stick).

The title block; diagnostics first, each linking to its task; the outline as a tree of
<details>; every task with its 序号, text and units as chips coloured by role, leaders, deadline
and `extra` cells; a search box that filters by unit (an exact unit name) or by word; and a
unit x area heat map whose cells filter the tasks. Rendered here with `html.escape` on every
text, so a notice holding `<script>` shows it as text; the Content-Security-Policy admits only
the page's own inline script (by hash) and no request at all, as a second guard.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.writers import ledger
from pipeline.writers.html_assets import CSS, JS

if TYPE_CHECKING:
    from schemas.notice import ParseResult, Task

SUFFIXES: tuple[str, ...] = (".html",)
HEAT_LEVELS = 5
ROLE_NAMES = {"lead": "牵头", "responsible": "责任", "supporting": "配合"}
AREA_MARKER_STRIP = "、．.（）()第部分章条"

Key = tuple[tuple[int, str, str], ...]


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Node:
    """A heading of the outline tree with what sits under it: headings and (序号, task) pairs."""

    level: int = 0
    marker: str = ""
    title: str = ""
    children: list[Node | tuple[int, Task]] = field(default_factory=list)

    def count(self) -> int:
        return sum(c.count() if isinstance(c, Node) else 1 for c in self.children)


def result_to_tree(result: ParseResult) -> Node:
    """The outline's headings nested by level, each task under the last heading of its path (a
    path heading missing from the outline is added where the path says)."""
    root = Node()
    nodes: dict[Key, Node] = {(): root}
    stack: list[tuple[int, Key]] = []
    for h in result.outline:
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        parent = stack[-1][1] if stack else ()
        key = (*parent, (h.level, h.marker, h.title))
        if key not in nodes:
            nodes[key] = Node(h.level, h.marker, h.title)
            nodes[parent].children.append(nodes[key])
        stack.append((h.level, key))
    for seq, task in enumerate(result.tasks, start=1):
        key = ()
        for p in task.path:
            parent, key = key, (*key, (p.level, p.marker, p.title))
            if key not in nodes:
                nodes[key] = Node(p.level, p.marker, p.title)
                nodes[parent].children.append(nodes[key])
        nodes[key].children.append((seq, task))
    return root


def _basis(title: str | None, doc_number: str | None) -> str:
    return (f"《{title}》" if title else "") + (f"（{doc_number}）" if doc_number else "")


def _title_block(result: ParseResult, n_units: int) -> str:
    n = result.notice
    facts = [
        ("发文机关", n.issuer),
        ("成文日期", n.issued_on or n.issued_on_raw),
        ("主送机关", "、".join(n.addressees)),
        ("依据", "；".join(_basis(b.title, b.doc_number) for b in n.basis)),
        ("报送要求", n.reporting.raw if n.reporting else None),
    ]
    counts = f"{len(result.tasks)} 项任务 · {len(ledger.areas(result))} 个领域 · {n_units} 个单位"
    if n.declared_counts and n.declared_counts.raw:
        counts += f"（通知自述：{n.declared_counts.raw}）"
    rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts if v)
    return (
        f'<header class="title-block"><p class="doc-number">{e(n.doc_number or "")}</p>'
        f"<h1>{e(n.title or Path(result.source.path).name)}</h1><p>{e(counts)}</p>"
        f'<dl class="facts">{rows}</dl></header>'
    )


def _diagnostics(result: ParseResult) -> str:
    if not result.diagnostics:
        return '<section class="diagnostics"><h2>诊断</h2> <span class="note">无</span></section>'
    items = []
    for d in result.diagnostics:
        task = ledger.task_for_location(result.tasks, d.location)
        where = ledger.location_label(d.location)
        text = f"{d.severity.value} · {d.code}：{d.message}" + (f"（{where}）" if where else "")
        link = f'<a href="#{e(task.id)}">{e(text)}</a>' if task else e(text)
        items.append(f'<li class="{e(d.severity.value)}">{link}</li>')
    return f'<section class="diagnostics"><h2>诊断（{len(items)}）</h2><ul>{"".join(items)}</ul></section>'


def _controls(duties: list[ledger.UnitDuty]) -> str:
    options = "".join(
        f'<option value="{e(d.name)}"' + (f' label="{e(d.canonical)}">' if d.canonical else ">")
        for d in duties
    )
    legend = "".join(f'<span class="chip {role}">{e(name)}</span>' for role, name in ROLE_NAMES.items())
    return (
        '<nav class="controls no-print">'
        '<input id="q" type="search" list="unit-names" autocomplete="off" '
        'placeholder="按单位（如 县发改委）或关键词筛选…" aria-label="筛选任务">'
        f'<datalist id="unit-names">{options}</datalist>'
        '<span id="area-filter" hidden>领域：<span id="area-name"></span> '
        '<button id="area-clear" type="button" aria-label="取消领域筛选">×</button></span>'
        '<button id="clear" type="button">清除</button><span id="count"></span>'
        f'<span class="legend">{legend}</span></nav>'
    )


def _area_marker(marker: str) -> str:
    """一、 -> 一, （一） -> 一, 第一部分 -> 一: short enough for a column head."""
    return marker.strip(AREA_MARKER_STRIP) or marker


def _matrix(result: ParseResult, duties: list[ledger.UnitDuty]) -> str:
    area_list = ledger.areas(result)
    index = {a: i for i, a in enumerate(area_list)}
    markers: dict[str, str] = {}
    for t in result.tasks:
        area = ledger.area_of(t)
        markers.setdefault(area, _area_marker(t.path[0].marker) if t.path else "—")
    head = "".join(f'<th scope="col" title="{e(a)}">{e(markers[a])}</th>' for a in area_list)
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for d in duties:
        for kind, pairs in (("lead", d.lead), ("shared", d.shared)):
            for _, task in pairs:
                lead, total = cells.get((d.name, ledger.area_of(task)), (0, 0))
                cells[(d.name, ledger.area_of(task))] = (lead + (kind == "lead"), total + 1)
    top = max((total for _, total in cells.values()), default=1)
    rows = []
    for d in duties:
        tds = []
        for a in area_list:
            lead, total = cells.get((d.name, a), (0, 0))
            if not total:
                tds.append("<td></td>")
                continue
            heat = max(1, math.ceil(HEAT_LEVELS * math.log1p(total) / math.log1p(top)))
            tip = f"{d.name} · {a}：牵头 {lead}，参与 {total - lead}"
            tds.append(
                f'<td class="c h{heat}c{" led" if lead else ""}" data-unit="{e(d.name)}" '
                f'data-area="{index[a]}" data-area-name="{e(a)}" title="{e(tip)}">{total}</td>'
            )
        name = e(d.name)
        head = f'{name}<span class="canonical">{e(d.canonical)}</span>' if d.canonical else name
        rows.append(
            f'<tr data-unit="{name}"><th scope="row">{head}</th>{"".join(tds)}<td>{d.total}</td></tr>'
        )
    key = "".join(f"<li>{e(markers[a])}　{e(a)}</li>" for a in area_list)
    return (
        '<section class="matrix"><details open><summary><h2>单位 × 领域</h2> '
        '<span class="note">每格：该单位在该领域牵头或参与的任务数；红框：含牵头任务；'
        "点击格子筛选任务。</span>"
        '</summary><div class="scroll"><table id="matrix-table"><thead><tr><th scope="col">单位</th>'
        f'{head}<th scope="col">合计</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        f'<ul class="area-key">{key}</ul></details></section>'
    )


def _task(seq: int, task: Task, area: int) -> str:
    chips = "".join(
        f'<li class="chip {role}" title="{ROLE_NAMES[role]}'
        + (f"：{e(u.canonical)}" if u.canonical else "")
        + f'">{e(u.name)}</li>'
        for role, attr in ledger.ROLE_FIELDS
        for u in getattr(task, attr)
    )
    meta = [("责任领导", "、".join(leader.raw for leader in task.leaders))]
    meta.append(("完成时限", task.deadline.raw if task.deadline else ""))
    meta += list(task.extra.items())
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta if v)
    units = json.dumps(sorted(ledger.task_units(task)), ensure_ascii=False)
    shown = task.marker and task.number != seq  # 序号 says the rest; the notice's own number when not
    marker = f'<span class="marker">原编号 {e(task.marker)}</span>' if shown else ""
    return (
        f'<article class="task" id="{e(task.id)}" data-units="{e(units)}" data-area="{area}">'
        f'<div class="head"><span class="seq">{seq}</span>{marker}</div>'
        f'<p class="text">{e(task.text)}</p><ul class="chips">'
        f"{chips}</ul>" + (f'<dl class="meta">{dl}</dl>' if dl else "") + f'<p class="src">'
        f"{e(ledger.location_label(task.source))}</p></article>"
    )


def _tree(node: Node, area_index: dict[str, int]) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, Node):
            parts.append(
                f'<details class="h lv{child.level}" open><summary>{e(child.marker)}{e(child.title)}'
                f'<span class="n" data-total="{child.count()}">{child.count()} 项</span></summary>'
                f"{_tree(child, area_index)}</details>"
            )
        else:
            seq, task = child
            parts.append(_task(seq, task, area_index[ledger.area_of(task)]))
    return "".join(parts)


def result_to_html(result: ParseResult) -> str:
    duties = ledger.result_to_unit_duties(result)
    area_index = {a: i for i, a in enumerate(ledger.areas(result))}
    digest = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    title = " ".join(x for x in (result.notice.doc_number, result.notice.title) if x) or "任务分解"
    src = result.source
    footer = (
        f"<footer>来源：{e(src.path)} · SHA-256 {e(src.sha256)} · notice-parse {e(__version__)}"
        f"（数据格式 {e(result.schema_version)}）</footer>"
    )
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">'
        f'<meta name="generator" content="notice-parse {e(__version__)}">'
        f"<title>{e(title)}</title><style>{CSS}</style></head>\n"
        f'<body><div class="page">{_title_block(result, len(duties))}{_diagnostics(result)}'
        f"{_controls(duties)}{_matrix(result, duties)}"
        f'<main id="tasks">{_tree(result_to_tree(result), area_index)}</main>{footer}</div>'
        f"<script>{JS}</script></body></html>\n"
    )


def write(result: ParseResult, dest: Path) -> None:
    dest.with_name(dest.name + SUFFIXES[0]).write_text(result_to_html(result), encoding="utf-8")
