"""The review page in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
Selenium through /usr/bin/chromedriver) opens the seed's page from a file:// URL.

Checks that 50 tasks render, that filtering by 县发改委 (the search box, and a heat-map cell)
shows exactly the tasks the JSON gives it, that a notice with `<script>` in it runs nothing, and
that the page fits a phone's width. Saves a screenshot (into pytest's tmp folder; set
REVIEW_PAGE_SCREENSHOT=docs/review-page.png to refresh the README's picture). Skipped, with the
reason, where Chromium, its driver or selenium is missing; .ci/run installs Chromium.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.runner import parse
from pipeline.writers import ledger, writer
from schemas.notice import ParseResult
from tests.conftest import ROOT, SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = [
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
]
FGW = "县发改委"

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
    pytest.mark.skipif(
        not CHROMEDRIVER.exists(), reason=f"{CHROMEDRIVER} is not installed (apt-get install chromium-driver)"
    ),
]


@cache
def seed() -> ParseResult:
    return parse(SEED)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="notice-parse-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROME_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def page_of(result: ParseResult, folder: Path, stem: str) -> str:
    writer("html").write(result, folder / stem)
    return (folder / f"{stem}.html").as_uri()


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return page_of(seed(), tmp_path_factory.mktemp("review"), "seed")


def visible_ids(driver: Any) -> list[str]:
    return list(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('.task'))"
            ".filter(t => t.offsetParent !== null).map(t => t.id)"
        )
    )


def search(driver: Any, text: str) -> None:
    box = driver.find_element("id", "q")
    box.clear()
    driver.execute_script("document.getElementById('q').dispatchEvent(new Event('input'))")
    if text:
        box.send_keys(text)


def fgw_ids(area: int | None = None) -> list[str]:
    result = seed()
    areas = ledger.areas(result)
    return [
        t.id
        for t in result.tasks
        if FGW in ledger.task_units(t) and (area is None or areas.index(ledger.area_of(t)) == area)
    ]


def test_fifty_tasks_render(browser: Any, seed_url: str, tmp_path: Path) -> None:
    browser.get(seed_url)
    assert browser.title.startswith("栾政〔2021〕2号")
    assert visible_ids(browser) == [t.id for t in seed().tasks]
    assert browser.find_element("id", "count").text == "显示 50 / 50 项"
    shot = tmp_path / "review-page.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_filter_by_unit_shows_exactly_its_tasks(browser: Any, seed_url: str) -> None:
    browser.get(seed_url)
    search(browser, FGW)
    expected = fgw_ids()
    assert visible_ids(browser) == expected and len(expected) == 10
    assert browser.find_element("id", "count").text == f"显示 {len(expected)} / 50 项"
    hits = browser.execute_script("return Array.from(document.querySelectorAll('.chip.hit')).length")
    assert hits == len(expected)
    first_area = browser.find_element("css selector", "details.lv1 > summary > .n").text
    assert first_area == f"{len(fgw_ids(area=0))} / 4 项"
    search(browser, "")
    assert len(visible_ids(browser)) == 50


def test_filter_by_word(browser: Any, seed_url: str) -> None:
    browser.get(seed_url)
    search(browser, "旅游")
    shown = visible_ids(browser)
    expected = [t.id for t in seed().tasks if "旅游" in t.text]
    assert shown == expected and 0 < len(shown) < 50


def test_clicking_a_matrix_cell_filters_by_unit_and_area(browser: Any, seed_url: str) -> None:
    browser.get(seed_url)
    cell = browser.find_element("css selector", f'td[data-unit="{FGW}"][data-area="0"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    cell.click()
    assert visible_ids(browser) == fgw_ids(area=0)
    assert browser.find_element("id", "area-filter").is_displayed()
    browser.find_element("id", "clear").click()
    assert len(visible_ids(browser)) == 50


def test_fits_a_phone(browser: Any, seed_url: str) -> None:
    browser.set_window_size(390, 844)
    try:
        browser.get(seed_url)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
    finally:
        browser.set_window_size(1280, 900)


def test_prints_without_controls(browser: Any, seed_url: str) -> None:
    browser.get(seed_url)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "q").is_displayed()
        assert not browser.find_element("id", "matrix-table").is_displayed()
        assert len(visible_ids(browser)) == 50
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_notice_with_script_runs_nothing(browser: Any, tmp_path: Path) -> None:
    notice = (
        "关于<script>document.title='pwned';window.pwned=1</script>的通知\n\n"
        '一、总体要求<img src=x onerror="window.pwned=2">\n'
        "1.落实<script>window.pwned=3</script>任务。\n牵头单位：县发改委\n"
        '3.第三项任务<svg onload="window.pwned=4">。\n牵头单位：县财政局\n'
    )
    (tmp_path / "evil.txt").write_text(notice, encoding="utf-8")
    result = parse(tmp_path / "evil.txt")
    assert "<script>" in result.tasks[0].text
    browser.get(page_of(result, tmp_path, "evil"))
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title != "pwned" and "<script>document.title=" in browser.title  # shown, not run
    text = browser.find_element("id", result.tasks[0].id).text
    assert "<script>window.pwned=3</script>" in text
    links = browser.find_elements("css selector", ".diagnostics a")
    assert links and links[0].get_attribute("href").endswith(f"#{result.tasks[1].id}")  # numbering-gap


def test_screenshot_for_the_readme(browser: Any, seed_url: str, tmp_path: Path) -> None:
    """The README's picture: the page filtered by one unit, as a clerk would use it."""
    browser.set_window_size(1280, 1700)
    try:
        browser.get(seed_url)
        search(browser, FGW)
        assert browser.find_element("css selector", "#matrix-table tr.sel").get_attribute("data-unit") == FGW
        shot = Path(os.environ.get("REVIEW_PAGE_SCREENSHOT") or tmp_path / "review-page.png")
        if not shot.is_absolute():
            shot = ROOT / shot
        assert browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        browser.set_window_size(1280, 900)
