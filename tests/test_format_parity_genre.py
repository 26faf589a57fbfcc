"""Format parity on many notices: each genre (and corpus) text rendered into .docx, numbered .docx,
.html and .pdf by tests/render.py parses to the same tasks and notice as the text itself.

One case per (file, carrier), e.g. "108-ascii-web-copy-dun.txt-pdf". A task is compared on its
number, text, heading path, lead/responsible/supporting unit names, leaders and deadline; the
notice on all its fields. The corpus texts (../shared/corpus) join when present.

Some texts are web-archive copies with quirks a real carrier of that kind cannot hold; those pairs
are skipped by name in SKIPS with the reason, never silently. Everything else must pass.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.readers.text import decode
from schemas.notice import Notice
from tests import render
from tests.conftest import CORPUS
from tests.helpers import task_view

GENRE = Path(__file__).resolve().parent / "genre"
FILES = sorted(GENRE.glob("*.txt")) + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
CARRIERS = ("docx", "docx-numbered", "html", "pdf")

TAB_ROWS_PDF = (
    "tab-separated table rows: a PDF draws a tab as a gap to the next tab stop, with no character "
    "in the text layer, so the cells of a row run together (a real PDF would hold a ruled table)"
)
SPACE_ROWS_PDF = (
    "table rows with single-space cell separators after the serial ('1 地区生产总值…'): a space "
    "between a digit and a CJK character is the CJK/Latin gap renderers add, dropped on purpose "
    "(tests/test_readers_pdf.py::test_tidy '2 号' -> '2号')"
)
DIGIT_GAP_PDF = (
    "the text types a space between a CJK character and a figure ('给予 100 万元', '改造 30公里'): "
    "the PDF reader drops that gap on purpose, as renderers add it ('2 号' -> '2号'), so the task "
    "text differs by the space only (units, numbers and paths agree)"
)
JOINED_PDF = (
    "the body glued on one line, its labels separated only by spaces: a PDF draws no blank where "
    "a line wraps, so the separators at wraps are lost (as for 027)"
)
HTML_TAB_ROWS = (
    "tab-separated rows with empty cells (2<tab><tab>text): HTML collapses the tabs to one space, "
    "so the empty category cell vanishes and the columns shift (a real page would hold a <table>)"
)
COLLAPSED_SPACES_PDF = (
    "two spaces typed in a row inside a sentence (各 责任单位  主要负责人): pdfium gives a run of typed "
    "spaces as one character, so the task text has one space where the text has two (units agree)"
)
SERIAL_AT_PAGE_EDGE_PDF = (
    "one cell per line: a row's bare 序号 (1) falls at the foot of a page, where a bare number no "
    "larger than the page count is the page number (tests/test_readers_pdf.py: _fits_page_count)"
)
# (file, carrier) -> why that carrier cannot carry the text as it is.
SKIPS: dict[tuple[str, str], str] = {
    ("1413-txt-tab-table-quarter-tick-columns-county.txt", "html"): HTML_TAB_ROWS,
    ("1443-txt-tab-two-category-cols-markers-serial-restart-county.txt", "html"): HTML_TAB_ROWS,
    ("1443-txt-tab-two-category-cols-markers-serial-restart-county.txt", "pdf"): TAB_ROWS_PDF,
    ("1447-txt-tab-two-category-cols-plain-county.txt", "html"): HTML_TAB_ROWS,
    ("1447-txt-tab-two-category-cols-plain-county.txt", "pdf"): TAB_ROWS_PDF,
    ("1413-txt-tab-table-quarter-tick-columns-county.txt", "pdf"): TAB_ROWS_PDF,
    ("1470-txt-tab-serial-and-lead-merged-subrows.txt", "html"): HTML_TAB_ROWS,
    ("1470-txt-tab-serial-and-lead-merged-subrows.txt", "pdf"): TAB_ROWS_PDF,
    ("1491-txt-tab-rows-byline-beside-publish-time-county.txt", "pdf"): TAB_ROWS_PDF,
    ("1360-txt-task-texts-opening-with-label-words-county.txt", "pdf"): COLLAPSED_SPACES_PDF,
    ("1361-txt-units-named-in-the-text-after-role-words-county.txt", "pdf"): COLLAPSED_SPACES_PDF,
    ("1344-txt-no-colon-label-lookalikes-header-row-prose-with-stray-spaces-county.txt", "pdf"): (
        COLLAPSED_SPACES_PDF
    ),
    ("1345-txt-no-colon-leader-and-milestone-labels-county.txt", "pdf"): DIGIT_GAP_PDF,
    ("104-table-tab-rows.txt", "pdf"): TAB_ROWS_PDF,
    ("116-table-tabs-category-leaders.txt", "pdf"): TAB_ROWS_PDF,
    ("116-table-tabs-category-leaders.txt", "html"): HTML_TAB_ROWS,
    ("702-table-tabs-two-row-header-no-serial-county.txt", "html"): HTML_TAB_ROWS,
    ("702-table-tabs-two-row-header-no-serial-county.txt", "pdf"): TAB_ROWS_PDF,
    ("704-space-rows-wrapped-header-deadline-before-units-province-dept.txt", "pdf"): SPACE_ROWS_PDF,
    ("705-whole-notice-one-line-semicolon-items-prose-brackets-province.txt", "pdf"): JOINED_PDF,
    ("706-heading-paragraphs-fullwidth-space-label-runs-district.txt", "pdf"): JOINED_PDF,
    ("714-pdf-spaces-one-line-label-pair-province.txt", "pdf"): JOINED_PDF,
    ("708-baozhua-zhuban-xieban-trailing-unknown-labels-county.txt", "pdf"): DIGIT_GAP_PDF,
    ("722-cover-letter-requirements-then-attachment-cell-table-county.txt", "pdf"): SERIAL_AT_PAGE_EDGE_PDF,
    ("027.txt", "pdf"): (
        "the whole body on one line, its paragraphs separated only by spaces: a PDF draws no blank "
        "where a line wraps, so the separators at wraps are lost"
    ),
    ("403-table-spaced-header-targets.txt", "pdf"): (
        "table rows with cells set apart by two or more spaces: a PDF's text layer keeps one gap per run "
        "of spaces and drops the gap between a serial and a CJK character (as for 045), so the cells run "
        "together (a real PDF would hold a ruled table)"
    ),
    ("404-space-rows-task-spaces.txt", "pdf"): (
        "table rows with single-space cell separators after the serial, as in 045 below: the gap between "
        "'1' and '新建' is dropped on purpose by the PDF reader"
    ),
    ("045.txt", "pdf"): SPACE_ROWS_PDF,
    ("046.txt", "pdf"): SPACE_ROWS_PDF,
    ("601-table-space-rows-spaced-header-district.txt", "pdf"): SPACE_ROWS_PDF,
    ("813-tab-table-quarter-schedule-columns-two-row-header-city.txt", "pdf"): TAB_ROWS_PDF,
    ("813-tab-table-quarter-schedule-columns-two-row-header-city.txt", "html"): HTML_TAB_ROWS,
    ("1104-tab-table-category-col-quarter-ticks.txt", "pdf"): TAB_ROWS_PDF,
    ("1157-txt-tab-task-table-category-cell-with-yi-marker-in-first-row-blank-form-district.txt", "pdf"): (
        TAB_ROWS_PDF
    ),
    (
        "1172-txt-utf16-box-drawing-table-wrapped-cells-group-rows-first-listed-in-header-district.txt",
        "pdf",
    ): (
        "a table drawn with box characters, wider than the rendered page: the PDF wraps its lines, so "
        "a row's bars no longer line up (a real PDF would hold a ruled table)"
    ),
    (
        "1179-utf16be-bom-web-copy-truncated-page-title-full-title-in-meta-box-zhansuo-labels-town.txt",
        "pdf",
    ): (
        "a tab-set metadata box wider than the rendered page: the PDF wraps its 标题 line, so the "
        "value is cut at the wrap (a web page printed to PDF keeps its box as a table)"
    ),
    ("1163-txt-space-aligned-columns-deadline-column-group-rows-first-listed-leads-city.txt", "pdf"): (
        "table rows with cells set apart by runs of spaces: a PDF's text layer keeps one gap per run "
        "and drops the gap between a serial and a CJK character (as for 403), so the cells run together"
    ),
    ("1104-tab-table-category-col-quarter-ticks.txt", "html"): HTML_TAB_ROWS,
    ("906-tab-table-header-remarks-first-listed-month-empty-cells-dash-wu-cross-blank-district.txt", "pdf"): (
        TAB_ROWS_PDF
    ),
    (
        "906-tab-table-header-remarks-first-listed-month-empty-cells-dash-wu-cross-blank-district.txt",
        "html",
    ): (HTML_TAB_ROWS),
    ("607-glued-space-label-runs-county.txt", "pdf"): JOINED_PDF,
    ("022.txt", "pdf"): DIGIT_GAP_PDF,
    ("614-pdf-spaces-in-names-label-lines-county.txt", "pdf"): DIGIT_GAP_PDF,
    ("615-pdf-spaces-table-cells-district.txt", "pdf"): DIGIT_GAP_PDF,
    ("616-pdf-spaces-parenthetical-city.txt", "pdf"): DIGIT_GAP_PDF,
}


view = task_view


def notice_view(notice: Notice) -> dict[str, object]:
    """Every notice field; a convention's location (a line, or a paragraph) depends on the carrier."""
    return notice.model_dump(exclude={"conventions": {"__all__": {"location"}}})


def notice_text(path: Path) -> str:
    """The notice as text, in whatever encoding it is stored (816 is GB18030), as the reader decodes it."""
    return decode(path.read_bytes(), path)[0]


def gold_notice(path: Path) -> dict[str, str | None]:
    gold = path.with_name(path.stem + ".gold.json")
    if not gold.exists():
        return {}
    notice: dict[str, str | None] = json.loads(gold.read_text(encoding="utf-8")).get("notice") or {}
    return notice


@cache
def expected(path: Path) -> tuple[list[tuple[object, ...]], dict[str, object]]:
    result = parse(path)
    return view(result), notice_view(result.notice)


def rendered(path: Path, carrier: str, out: Path) -> Path:
    lines = render.notice_lines(notice_text(path))
    target = out / f"{path.stem}.{carrier}"
    if carrier == "docx":
        return render.to_docx(lines, target.with_suffix(".docx"))
    if carrier == "docx-numbered":
        return render.to_docx(lines, out / f"{path.stem}.numbered.docx", numbered=True)
    if carrier == "html":
        return render.to_html(lines, target, meta=gold_notice(path), template=FILES.index(path))
    return render.to_pdf(lines, target)


CASES = [
    pytest.param(
        path,
        carrier,
        id=f"{path.name}-{carrier}",
        marks=[pytest.mark.skip(reason=SKIPS[(path.name, carrier)])] if (path.name, carrier) in SKIPS else [],
    )
    for path in FILES
    for carrier in CARRIERS
]


@pytest.mark.parametrize(("path", "carrier"), CASES)
def test_same_result_as_the_text(path: Path, carrier: str, tmp_path: Path) -> None:
    want_tasks, want_notice = expected(path)
    result = parse(rendered(path, carrier, tmp_path))
    got = view(result)
    missing = [w for w in want_tasks if w not in got]
    extra = [g for g in got if g not in want_tasks]
    assert got == want_tasks, (
        f"{path.name} as {carrier}: {len(got)} tasks, expected {len(want_tasks)}\n"
        + "".join(f"  missing {w}\n" for w in missing)
        + "".join(f"  extra   {g}\n" for g in extra)
    )
    got_notice = notice_view(result.notice)
    diff = {k: (want_notice[k], v) for k, v in got_notice.items() if v != want_notice[k]}
    assert not diff, f"{path.name} as {carrier}: notice differs (expected, got): {diff}"


def test_skips_name_real_cases() -> None:
    names = {p.name for p in FILES}
    for (name, carrier), reason in SKIPS.items():
        assert carrier in CARRIERS and reason, (name, carrier)
        assert name in names or (not (GENRE / name).exists() and not CORPUS.is_dir()), f"stale skip: {name}"


def test_numbered_docx_uses_word_numbering(tmp_path: Path) -> None:
    """The numbered variant really moves the markers into numbering.xml (none stays typed)."""
    import docx

    path = GENRE / "107-four-levels-paren-arabic.txt"
    lines = render.notice_lines(notice_text(path))
    document = docx.Document(str(render.to_docx(lines, tmp_path / "n.docx", numbered=True)))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) >= 10
    assert all(render.word_marker(p.text) is None for p in numbered)
