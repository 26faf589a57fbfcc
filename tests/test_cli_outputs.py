"""CLI outputs: --to, the files it names, `units`, lazy imports, and kill safety of real processes
(SIGKILL and SIGTERM mid-write, two concurrent runs into one folder, a folder kept locked)."""

from __future__ import annotations

import io
import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.runner import parse
from pipeline.writers import atomic, ledger
from pipeline.writers.terminal import print_units
from tests.conftest import ROOT, SEED

STEM = SEED.name  # outputs are named after the whole file name: <name>.json
ALL_FILES = sorted(
    f"{STEM}{s}"
    for s in (
        ".json",
        ".tasks.parquet",
        ".assignments.parquet",
        ".units.parquet",
        ".targets.parquet",
        ".xlsx",
        ".html",
    )
)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_to_writes_all_four_and_names_each_file(tmp_path: Path) -> None:
    proc = run("parse", str(SEED), "--out", str(tmp_path), "--to", "json,parquet,xlsx,html")
    assert proc.returncode == 0, proc.stderr
    assert names(tmp_path) == ALL_FILES
    wrote = [
        line.removeprefix("  wrote ") for line in proc.stdout.splitlines() if line.startswith("  wrote ")
    ]
    assert sorted(Path(w).name for w in wrote) == ALL_FILES
    assert all(Path(w).parent == tmp_path for w in wrote)


def test_to_picks_outputs_and_default_is_unchanged(tmp_path: Path) -> None:
    assert run("parse", str(SEED), "--out", str(tmp_path / "a"), "--to", "html").returncode == 0
    assert names(tmp_path / "a") == [f"{STEM}.html"]
    assert run("parse", str(SEED), "--out", str(tmp_path / "b")).returncode == 0
    assert names(tmp_path / "b") == sorted(
        f"{STEM}{s}"
        for s in (".json", ".tasks.parquet", ".assignments.parquet", ".units.parquet", ".targets.parquet")
    )
    assert run("parse", str(SEED), "--out", str(tmp_path / "c"), "--no-parquet").returncode == 0
    assert names(tmp_path / "c") == [f"{STEM}.json"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--to", "json,pdf"], "unknown output pdf: choose from json,parquet,xlsx,html"),
        (["--to", "xlsx", "--out", "-"], "--out - writes the JSON to stdout only"),
        (["--to", "xlsx", "--no-parquet"], "--no-parquet is the same as --to json"),
    ],
)
def test_bad_output_options_are_usage_errors(args: list[str], words: str, tmp_path: Path) -> None:
    proc = run("parse", str(SEED), *(args if "--out" in args else [*args, "--out", str(tmp_path)]))
    assert proc.returncode == 2
    assert words in proc.stderr
    assert not any(tmp_path.iterdir())


def test_parse_and_units_do_not_import_what_they_do_not_need(tmp_path: Path) -> None:
    """Parquet included: the per-notice files are written without pyarrow (parquet_format)."""
    code = (
        "import sys; from pipeline import cli; "
        f"cli.main(['parse', {str(SEED)!r}, '--out', {str(tmp_path)!r}, '--to', 'json,parquet,html', '-q']); "
        f"cli.main(['units', {str(SEED)!r}]); "
        "heavy = ('rich', 'xlsxwriter', 'pyarrow', 'openpyxl'); "
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def tsv_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_units_tsv_when_stdout_is_not_a_terminal() -> None:
    proc = run("units", str(SEED))
    assert proc.returncode == 0, proc.stderr
    header, *body = tsv_rows(proc.stdout)
    assert header[:2] == ["序号", "单位"] and header[-1] == "合计"
    result = parse(SEED)
    assert len(body) == len(ledger.result_to_unit_duties(result))
    fgw = next(r for r in body if r[1] == "县发改委")
    listed = sorted(int(n) for cell in (fgw[4], fgw[6]) for n in cell.split("、") if n)
    assert listed == [seq for seq, t in enumerate(result.tasks, 1) if "县发改委" in ledger.task_units(t)]
    assert "\x1b[" not in proc.stdout


def test_units_one_unit_with_texts_and_unknown_unit() -> None:
    proc = run("units", str(SEED), "--unit", "县发改委")
    _, *body = tsv_rows(proc.stdout)
    assert [r[1] for r in body] == ["县发改委"]
    assert body[0][4].startswith("[1]瞄准定位")
    proc = run("units", str(SEED), "--unit", "不存在的单位")
    assert proc.returncode == 1 and "no unit's name holds" in proc.stderr
    proc = run("units", str(ROOT / "missing.txt"))
    assert proc.returncode == 3 and proc.stderr.startswith("Error: ")


def test_units_rich_table_respects_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    result = parse(SEED)
    monkeypatch.delenv("NO_COLOR", raising=False)
    buf = io.StringIO()
    print_units(result, buf, console=Console(file=buf, force_terminal=True, width=160))
    assert "县发改委" in buf.getvalue() and "┃" in buf.getvalue() and "\x1b[31m" in buf.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    buf = io.StringIO()
    print_units(result, buf, console=Console(file=buf, force_terminal=True, width=160))
    assert "县发改委" in buf.getvalue() and "\x1b[31m" not in buf.getvalue()


def test_units_on_a_real_terminal_is_a_table() -> None:
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "units", str(SEED)],
        stdout=child,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "160", "NO_COLOR": "1"},
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=60) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "单位责任清单" in screen and "县发改委" in screen and "│" in screen
    assert "\x1b[31m" not in screen


def test_two_concurrent_runs_into_one_folder_both_complete(tmp_path: Path) -> None:
    args = [
        sys.executable,
        "-m",
        "pipeline",
        "parse",
        str(SEED),
        "--out",
        str(tmp_path),
        "--to",
        "json,xlsx,html",
    ]
    procs = [
        subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0], [p.stderr.read() for p in procs if p.stderr]
    assert names(tmp_path) == sorted(f"{STEM}{s}" for s in (".json", ".xlsx", ".html"))
    assert len(json.loads((tmp_path / f"{STEM}.json").read_text(encoding="utf-8"))["tasks"]) == 50


def test_a_locked_folder_fails_clearly_after_wait(tmp_path: Path) -> None:
    with atomic.output_lock(tmp_path):
        proc = run("parse", str(SEED), "--out", str(tmp_path), "--wait", "0.3")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("notice-parse: waiting for another run")
    assert lines[-1].startswith(f"Error: {tmp_path}: another run (pid {os.getpid()})")
    assert "gave up after 0.3 s" in lines[-1]
    assert names(tmp_path) == []


HANGING_WRITER = """
import sys, time
from pathlib import Path
from pipeline import cli
from pipeline.writers import html

def hang(result, dest):
    dest.with_name(dest.name + ".html").write_text("<html>half", encoding="utf-8")
    Path(sys.argv[2]).write_text("ready")
    time.sleep(60)

html.write = hang
raise SystemExit(cli.main(["parse", sys.argv[1], "--out", sys.argv[3], "--to", "json,xlsx,html"]))
"""


def start_hanging_run(tmp_path: Path, out: Path) -> tuple[subprocess.Popen[str], Path]:
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGING_WRITER, str(SEED), str(ready), str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached its writer"
        time.sleep(0.05)
    return proc, ready


def test_sigkill_midway_leaves_no_output_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc, _ = start_hanging_run(tmp_path, out)
    proc.kill()
    proc.communicate(timeout=30)
    staging = [p.name for p in out.iterdir() if p.name.startswith(".staging-")]
    assert staging and not [n for n in names(out) if not n.startswith(".")]
    proc2 = run("parse", str(SEED), "--out", str(out), "--to", "json,xlsx,html")
    assert proc2.returncode == 0, proc2.stderr
    assert names(out) == sorted(f"{STEM}{s}" for s in (".json", ".xlsx", ".html"))


def test_sigterm_midway_removes_its_staging_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc, _ = start_hanging_run(tmp_path, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == "Error: interrupted"
    assert names(out) == []
