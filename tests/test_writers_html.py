"""The review page (pipeline/writers/html.py) as markup: self-contained, every text escaped, the
outline tree, the unit x area matrix. tests/test_review_page_browser.py drives it in Chromium."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from pipeline.runner import parse
from pipeline.writers import ledger
from pipeline.writers.html import result_to_html, result_to_tree
from schemas.notice import ParseResult
from tests.conftest import SEED

EVIL = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">&amp;'


@cache
def seed() -> ParseResult:
    return parse(SEED)


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"


def collect(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


def test_self_contained_no_request_anywhere() -> None:
    page = result_to_html(seed())
    tags = collect(page).tags
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tags if t == "script" and "src" in a]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    csp = next(
        a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_tasks_tree_and_units() -> None:
    result = seed()
    tags = collect(result_to_html(result)).tags
    tasks = [a for t, a in tags if t == "article"]
    assert [a["id"] for a in tasks] == [t.id for t in result.tasks]
    assert len([a for t, a in tags if t == "details" and "h" in (a.get("class") or "").split()]) == 43
    chips = [a["class"] for t, a in tags if t == "li" and (a.get("class") or "").startswith("chip ")]
    assert chips.count("chip lead") == sum(len(t.lead_units) for t in result.tasks)
    root = result_to_tree(result)
    assert root.count() == 50 and len(root.children) == 10


def test_matrix_counts_match_the_unit_duties() -> None:
    result = seed()
    tags = collect(result_to_html(result)).tags
    cells = [a for t, a in tags if t == "td" and "data-unit" in a]
    fgw = [a for a in cells if a["data-unit"] == "县发改委"]
    duty = next(d for d in ledger.result_to_unit_duties(result) if d.name == "县发改委")
    areas = {ledger.areas(result).index(ledger.area_of(t)) for _, t in duty.lead + duty.shared}
    assert {int(a["data-area"] or -1) for a in fgw} == areas


def test_every_text_is_escaped() -> None:
    result = seed().model_copy(deep=True)
    result.notice.title = EVIL
    result.tasks[0].text = EVIL
    result.tasks[0].lead_units[0].name = EVIL
    result.tasks[0].extra = {EVIL: EVIL}
    page = result_to_html(result)
    parsed = collect(page)
    assert parsed.scripts == 1  # the page's own
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned=1" in page
    assert "&amp;amp;" in page
