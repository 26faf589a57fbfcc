"""The review page's inline style sheet and script (pipeline/writers/html.py embeds both).

Kept as Python strings so the package needs no data files; the script is static (it reads the
page, never data spliced into code), and the page's Content-Security-Policy admits it by hash.
"""

from __future__ import annotations

CSS = """
:root { --lead: #b42318; --lead-bg: #fdecea; --resp: #175cd3; --resp-bg: #e8f0fe;
  --supp: #067647; --supp-bg: #e3f4ea; --line: #d0d5dd; --muted: #475467; --bg: #f8f9fb; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: #101828; line-height: 1.6; font-size: 16px;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
.page { max-width: 1080px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.title-block { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem; }
.doc-number { margin: 0; color: var(--muted); }
h1 { font-size: 1.45rem; margin: .25rem 0 .5rem; line-height: 1.4; }
h2 { font-size: 1.1rem; margin: 0; display: inline; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
section { margin-top: 1rem; }
.diagnostics ul { margin: .5rem 0 0; padding-left: 1.25rem; }
.diagnostics .warning, .diagnostics .error { color: #93370d; }
.controls { position: sticky; top: 0; z-index: 2; background: var(--bg); padding: .6rem 0;
  display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  border-bottom: 1px solid var(--line); }
.controls input { flex: 1 1 18rem; font: inherit; padding: .45rem .7rem;
  border: 1px solid var(--line); border-radius: 8px; }
.controls button { font: inherit; padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 8px;
  background: #fff; cursor: pointer; }
#count { color: var(--muted); }
.chip { display: inline-block; padding: .05rem .55rem; margin: .15rem .25rem .15rem 0; border-radius: 999px;
  font-size: .9rem; border: 1px solid transparent; white-space: nowrap; }
.chip.lead { color: var(--lead); background: var(--lead-bg); border-color: #f4b4ae; font-weight: 600; }
.chip.responsible { color: var(--resp); background: var(--resp-bg); border-color: #b2ccff; }
.chip.supporting { color: var(--supp); background: var(--supp-bg); border-color: #a6dcbc; }
.chip.hit { outline: 2px solid #101828; }
.legend .chip { cursor: default; }
.chips { list-style: none; padding: 0; margin: 0; }
details.h { margin: .35rem 0; }
details.h > summary { cursor: pointer; font-weight: 600; padding: .3rem 0; }
details.lv1 > summary { font-size: 1.1rem; border-bottom: 1px solid var(--line); }
details.h details.h { margin-left: 1rem; }
.n { color: var(--muted); font-weight: 400; font-size: .85rem; margin-left: .4rem; }
.task { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: .7rem 1rem;
  margin: .5rem 0 .5rem 1rem; scroll-margin-top: 5.5rem; }
.task:target { box-shadow: 0 0 0 3px #fec84b; }
.task .head { display: flex; gap: .6rem; align-items: baseline; }
.seq { font-weight: 700; min-width: 2rem; }
.marker { color: var(--muted); }
.text { margin: .1rem 0 .4rem; white-space: pre-wrap; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; margin: .3rem 0 0;
  font-size: .92rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; white-space: pre-wrap; }
.src { color: var(--muted); font-size: .8rem; margin: .3rem 0 0; }
.scroll { overflow: auto; max-height: 40vh; border: 1px solid var(--line); border-radius: 8px;
  background: #fff; margin-top: .5rem; }
.matrix table { border-collapse: collapse; font-size: .85rem; }
.matrix th, .matrix td { border: 1px solid #eaecf0; padding: .2rem .45rem; text-align: center; }
.matrix thead th { position: sticky; top: 0; background: #f2f4f7; z-index: 1; }
.matrix tbody th { position: sticky; left: 0; background: #fff; text-align: left; white-space: nowrap;
  font-weight: 500; }
.matrix td.c { cursor: pointer; min-width: 2.2rem; }
.matrix td.c:hover { outline: 2px solid #101828; }
.matrix td.led { box-shadow: inset 0 0 0 2px var(--lead); }
.matrix tr.sel > th { background: #fef0c7; font-weight: 700; }
.matrix tbody th .canonical { display: block; font-size: .75em; font-weight: 400; color: #667085; }
.h1c { background: #eef4ff; } .h2c { background: #c7d7fe; } .h3c { background: #8098f9; color: #fff; }
.h4c { background: #444ce7; color: #fff; } .h5c { background: #2d31a6; color: #fff; }
.area-key { columns: 2 22rem; font-size: .85rem; color: var(--muted); margin: .5rem 0 0;
  list-style: none; padding: 0; }
.note { color: var(--muted); font-size: .85rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; word-break: break-all; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  .page { padding: .5rem .6rem 2rem; }
  .task { margin-left: 0; padding: .6rem .7rem; }
  details.h details.h { margin-left: .4rem; }
  .facts, .meta { grid-template-columns: 1fr; }
  .facts dt, .meta dt { margin-top: .3rem; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .controls, .matrix, .no-print { display: none !important; }
  .task { break-inside: avoid; border-color: #999; margin-left: 0; }
  .chip { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

JS = """
(function () {
  "use strict";
  var q = document.getElementById("q");
  var count = document.getElementById("count");
  var areaBox = document.getElementById("area-filter");
  var areaName = document.getElementById("area-name");
  var tasks = Array.prototype.slice.call(document.querySelectorAll(".task"));
  var headings = Array.prototype.slice.call(document.querySelectorAll("details.h"));
  var unitNames = {};
  Array.prototype.forEach.call(document.querySelectorAll("#unit-names option"), function (o) {
    unitNames[o.value] = true;
  });
  tasks.forEach(function (t) {
    t.unitList = JSON.parse(t.getAttribute("data-units"));
    var meta = t.querySelector(".meta");  // words match the text, units and cells, not 序号 or 来源
    t.haystack = [t.querySelector(".text").textContent, t.unitList.join(" "), meta ? meta.textContent : ""]
      .join(" ").toLowerCase();
  });
  var area = null;

  function apply() {
    var v = q.value.trim();
    var byUnit = Object.prototype.hasOwnProperty.call(unitNames, v);
    var needle = v.toLowerCase();
    var shown = 0;
    tasks.forEach(function (t) {
      var ok = !v || (byUnit ? t.unitList.indexOf(v) >= 0 : t.haystack.indexOf(needle) >= 0);
      if (area !== null && t.getAttribute("data-area") !== area) { ok = false; }
      t.hidden = !ok;
      if (ok) { shown += 1; }
      Array.prototype.forEach.call(t.querySelectorAll(".chip"), function (c) {
        c.classList.toggle("hit", byUnit && c.textContent === v);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#matrix-table tbody tr"), function (tr) {
      tr.classList.toggle("sel", byUnit && tr.getAttribute("data-unit") === v);
    });
    var filtering = Boolean(v) || area !== null;
    headings.forEach(function (d) {
      var seen = d.querySelectorAll(".task:not([hidden])").length;
      var n = d.querySelector(":scope > summary > .n");
      var total = n.getAttribute("data-total");
      n.textContent = (filtering ? seen + " / " + total : total) + " 项";
      d.hidden = seen === 0;
      if (filtering && seen) { d.open = true; }
    });
    areaBox.hidden = area === null;
    count.textContent = "显示 " + shown + " / " + tasks.length + " 项";
  }

  q.addEventListener("input", apply);
  document.getElementById("clear").addEventListener("click", function () {
    q.value = ""; area = null; apply(); q.focus();
  });
  document.getElementById("area-clear").addEventListener("click", function () { area = null; apply(); });
  var matrix = document.getElementById("matrix-table");
  if (matrix) {
    matrix.addEventListener("click", function (ev) {
      var cell = ev.target.closest("[data-unit]");
      if (!cell) { return; }
      q.value = cell.getAttribute("data-unit");
      area = cell.getAttribute("data-area");
      areaName.textContent = area === null ? "" : cell.getAttribute("data-area-name");
      apply();
      document.getElementById("tasks").scrollIntoView();
    });
  }
  function reveal(id) {
    var t = document.getElementById(id);
    if (!t) { return; }
    if (t.hidden) { q.value = ""; area = null; apply(); }
    for (var d = t.parentElement; d; d = d.parentElement) {
      if (d.tagName === "DETAILS") { d.open = true; }
    }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[href^='#']");
    if (a) { reveal(a.getAttribute("href").slice(1)); }
  });
  window.addEventListener("beforeprint", function () {
    headings.forEach(function (d) { d.open = true; });
  });
  apply();
})();
"""
