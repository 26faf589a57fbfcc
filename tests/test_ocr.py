"""Scanned PDFs: offline OCR (the `ocr` extra) gives the seed's tasks from an image-only copy,
with every OCR'd task's confidence and its doubtful characters named."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import OcrRead
from pipeline.enrich.confidence import LOW, tasks_to_confidence
from pipeline.readers import ocr
from schemas.notice import Location, Task
from tests.conftest import ROOT
from tests.scoring import match, score

SHARED = ROOT.parent / "shared"
SEED_PDF = SHARED / "fixtures" / "luanzheng-2021-2.pdf"
ANSWER = SHARED / "reference" / "luanzheng-2021-2.answer.json"
needs_engine = pytest.mark.skipif(
    not ocr.available(), reason="the OCR extra is not installed (pip install '.[ocr]')"
)
needs_seed = pytest.mark.skipif(not SEED_PDF.exists(), reason="../shared/fixtures (the seed PDF) is absent")


def test_a_lines_box_is_shared_out_by_character_width_in_points() -> None:
    line = ocr.OcrLine("1.县发改委", (150.0, 300.0, 450.0, 330.0), (0.9, 0.99, 1.0, 0.5, 1.0, 1.0))
    glyphs = ocr.lines_to_glyphs([line], dpi=150)
    assert "".join(g.ch for g in glyphs) == "1.县发改委\n"
    inked = glyphs[:-1]
    assert inked[0].x0 == pytest.approx(72.0) and inked[-1].x1 == pytest.approx(216.0)
    assert inked[2].x1 - inked[2].x0 == pytest.approx(2 * (inked[0].x1 - inked[0].x0))  # wide vs narrow
    assert [g.confidence for g in inked] == [0.9, 0.99, 1.0, 0.5, 1.0, 1.0]
    assert all(g.top == pytest.approx(144.0) and g.bottom == pytest.approx(158.4) for g in inked)


def _task(n: int, text: str, line: int) -> Task:
    return Task(
        id=f"t{n}", number=n, marker=f"{n}.", text=text, source=Location(line_start=line, line_end=line)
    )


def test_a_tasks_confidence_and_its_doubtful_characters() -> None:
    tasks = [
        _task(1, "落实“六控”措施。", 1),
        _task(2, "建成洛阳至渑池高速。", 2),
        _task(3, "深化“四大结构调整。", 3),
        _task(4, "实现全覆盖", 4),
        _task(5, "推进改革。", 5),
    ]
    read = OcrRead(
        "engine 1",
        150,
        (1,),
        {n: tuple((ch, 0.99) for ch in t.text) for n, t in enumerate(tasks, start=1)}
        | {2: tuple((ch, 0.31 if ch == "渑" else 0.99) for ch in tasks[1].text)},
    )
    found = {d.message.split(":")[0]: d.message for d in tasks_to_confidence(tasks, read)}
    assert tasks[0].ocr_confidence == pytest.approx(0.99) and "task t1" not in found
    assert "渑（0.31）" in found["task t2"]
    assert "“ without its ”" in found["task t3"]  # a lost character shows in what it leaves behind
    assert "ends without the 。" in found["task t4"]
    assert "task t5" not in found


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PIL", reason="Pillow (which the OCR extra brings) builds the scan")
    from tests.scan_builder import scanned_pdf

    return scanned_pdf(SEED_PDF, tmp_path_factory.mktemp("scan") / "seed-scan.pdf")


@pytest.fixture(scope="module")
def ocr_result(scan: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", str(scan), "--out", "-", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@needs_seed
def test_the_scan_has_no_text_layer_and_never_refuses_it(scan: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", str(scan), "--out", "-", "--ocr", "never"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 5
    assert "no text layer" in proc.stderr and "--ocr never" in proc.stderr


@needs_seed
def test_without_the_extra_a_scan_exits_5_naming_it(scan: Path) -> None:
    script = (
        "import sys; sys.modules['rapidocr_onnxruntime'] = None\n"
        "from pipeline import cli\n"
        f"raise SystemExit(cli.main(['parse', {str(scan)!r}, '--out', '-']))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 5, proc.stderr
    assert "pip install 'notice-parse[ocr]'" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@needs_engine
@needs_seed
def test_ocr_of_a_150_dpi_scan_gives_the_seeds_tasks(ocr_result: dict[str, Any]) -> None:
    if not ANSWER.exists():
        pytest.skip("../shared/reference (the hand-checked answer) is absent")
    got = score(json.loads(ANSWER.read_text(encoding="utf-8")), ocr_result)
    assert got["matched"] >= 48, got
    assert got["unit_F1"] >= 0.95, got
    source = ocr_result["source"]
    assert source["ocr"]["pages"] == list(range(1, source["pages"] + 1)) and source["ocr"]["dpi"] == 150
    assert all(0 < t["ocr_confidence"] <= 1 for t in ocr_result["tasks"])
    assert all(t["source"]["page"] and t["source"]["bbox"] for t in ocr_result["tasks"])


@needs_engine
@needs_seed
def test_every_wrong_character_is_reported(ocr_result: dict[str, Any]) -> None:
    if not ANSWER.exists():
        pytest.skip("../shared/reference (the hand-checked answer) is absent")
    gold = json.loads(ANSWER.read_text(encoding="utf-8"))
    reported = {
        d["message"].split(":")[0].removeprefix("task "): d["message"]
        for d in ocr_result["diagnostics"]
        if d["code"] == "ocr-low-confidence"
    }
    silent = []
    for g, p, _ in match(gold["tasks"], ocr_result["tasks"]):
        if g["text"] == p["text"]:
            continue
        message = reported.get(p["id"], "")
        for op, _, _, j1, j2 in difflib.SequenceMatcher(
            None, g["text"], p["text"], autojunk=False
        ).get_opcodes():
            if op == "equal":
                continue
            named = any(f"{ch}（" in message for ch in p["text"][j1:j2])  # a doubtful character named
            if not message or (op != "delete" and not named and "without" not in message):
                silent.append((p["id"], op, g["text"][max(0, j1 - 5) : j2 + 5], p["text"][j1:j2]))
    assert not silent, f"wrong characters passed without a report (threshold {LOW}): {silent}"


@pytest.mark.parametrize("text", ["-2一", "一2一", "—15—", "－3－", "─4─", "-18-"])
def test_a_page_number_with_the_dashes_ocr_reads(text: str) -> None:
    from pipeline.readers.pdf_furniture import is_page_number

    assert is_page_number(text)


@pytest.mark.parametrize("text", ["一是加强", "2项任务", "一、总体要求", "（2）"])
def test_body_text_is_no_page_number(text: str) -> None:
    from pipeline.readers.pdf_furniture import is_page_number

    assert not is_page_number(text)


@pytest.mark.parametrize("text", ["按《条例》执行", "（一）推进工作", "落实“六控”。"])
def test_balanced_pairs_raise_no_doubt(text: str) -> None:
    from pipeline.enrich.confidence import _lost

    assert not [s for s in _lost(text, None) if "without its" in s]


@pytest.mark.parametrize(
    ("text", "left"), [("按《条例执行。", "《"), ("（一推进。", "（"), ("“六控措施。", "“")]
)
def test_each_unpaired_bracket_or_quote_is_named(text: str, left: str) -> None:
    from pipeline.enrich.confidence import _lost

    assert any(s.startswith(f"{left} without its") for s in _lost(text, None))
