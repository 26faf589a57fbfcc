"""CLI: exit codes, one-line messages, no traceback, no half-written outputs, help and docs."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline import cli, writers
from pipeline.readers.convert import find_soffice
from pipeline.writers import parquet
from tests.conftest import ROOT, SEED


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd)


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one stderr line, got: {proc.stderr!r}"
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_parse_writes_json_and_parquet(tmp_path: Path) -> None:
    proc = run("parse", str(SEED), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    stem = SEED.name  # outputs are named after the whole file name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            f"{stem}{s}"
            for s in (".json", ".tasks.parquet", ".assignments.parquet", ".units.parquet", ".targets.parquet")
        ]
    )
    assert "10 areas, 33 sub-areas, 50 tasks, 196 unit assignments" in proc.stdout
    data = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert data["schema_version"] and len(data["tasks"]) == 50


def test_json_to_stdout() -> None:
    proc = run("parse", str(SEED), "--out", "-")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["notice"]["doc_number"] == "栾政〔2021〕2号"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def make_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    return path


SOFFICE = find_soffice() is not None
BAD_INPUTS = {
    "missing": (lambda d: d / "nope.txt", 3, "no such file"),
    "directory": (lambda d: d, 3, "is a folder without notice files"),
    "empty": (lambda d: write(d / "empty.txt", b""), 3, "empty"),
    "blank": (lambda d: write(d / "blank.txt", b" \n\r\n "), 3, "empty"),
    "undecodable": (lambda d: write(d / "bad.txt", b"\x81\x30\xff\xfe\x00\xc3" * 10), 3, "cannot decode"),
    "binary": (lambda d: write(d / "nul.txt", b"abc\x00def\x00" * 3), 3, ""),
    "unsupported-ext": (lambda d: write(d / "notice.xyz", "一、测试".encode()), 4, "unsupported extension"),
    # read through LibreOffice where it is installed (a damaged file then exits 3), else exit 4
    "doc": (
        lambda d: write(d / "notice.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        3 if SOFFICE else 4,
        "libreoffice",
    ),
    "wps": (
        lambda d: write(d / "notice.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        3 if SOFFICE else 4,
        "WPS",
    ),
    "rtf": (
        lambda d: write(d / "notice.rtf", b"{\\rtf1 hello}"),
        6 if SOFFICE else 4,
        "no numbered tasks" if SOFFICE else "RTF",
    ),
    "ofd": (lambda d: make_zip(d / "notice.ofd"), 3, "OFD.xml"),
    "odt": (lambda d: make_zip(d / "notice.odt"), 4, "OpenDocument"),
    "zip-as-docx": (lambda d: make_zip(d / "notice.docx"), 3, ".docx"),
    "no-tasks": (
        lambda d: write(d / "prose.txt", "这是一段没有任何编号任务的文字。\n".encode()),
        6,
        "no numbered tasks",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input(case: str, tmp_path: Path) -> None:
    make, code, words = BAD_INPUTS[case]
    src = tmp_path / "in"
    src.mkdir()
    out = tmp_path / "out"
    path = make(src)
    proc = run("parse", str(path), "--out", str(out))
    line = one_error_line(proc)
    assert proc.returncode == code, f"{case}: exit {proc.returncode}, expected {code}: {line}"
    assert str(path) in line
    assert words.lower() in line.lower(), f"{case}: {line!r} does not mention {words!r}"
    assert not out.exists() or not any(out.iterdir()), f"{case}: output files were written"


def test_warnings_exit_zero_and_strict_fails(tmp_path: Path) -> None:
    text = "一、总体\n1.第一项任务。\n牵头单位：县发改委\n3.第三项任务。\n牵头单位：县财政局\n"
    path = write(tmp_path / "gap.txt", text.encode())
    proc = run("parse", str(path), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0
    assert "numbering-gap" in proc.stderr
    proc = run("parse", str(path), "--out", str(tmp_path / "o2"), "--strict")
    assert proc.returncode == 7
    assert "strict" in proc.stderr


def test_usage_error_exit_2() -> None:
    proc = run("parse")
    assert proc.returncode == 2


def test_help_has_example_and_exit_codes() -> None:
    proc = run("parse", "--help")
    assert proc.returncode == 0
    assert "example:" in proc.stdout and "exit codes" in proc.stdout


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("notice-parse ")


def test_exit_codes_are_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("0", "2", "3", "4", "5", "6", "7", "70"):
        assert f"| {code} |" in readme, f"exit code {code} is not in the README table"
    for command in ("make parse INPUT=", "make test", "notice-parse parse"):
        assert command in readme


def test_failed_write_leaves_no_partial_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.runner import parse

    result = parse(SEED)

    def boom(result: object, dest: Path) -> None:
        dest.with_name(dest.name + ".tasks.parquet").write_bytes(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parquet, "write", boom)
    with pytest.raises(OSError):
        writers.write_outputs(result, tmp_path, "seed")
    assert list(tmp_path.iterdir()) == []


def test_internal_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: object, *args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pipeline.runner.parse", broken)
    code = cli.main(["parse", str(SEED), "--out", "-"])
    err = capsys.readouterr().err
    assert code == 70
    assert err.strip() == f"Error: {SEED}: internal error: RuntimeError: boom"


def test_output_names_depend_on_the_input_alone(tmp_path: Path) -> None:
    """<file name><suffix>, whatever else the run holds; two files that would write the same
    names are refused before anything is written (exit 2)."""
    text = SEED.read_bytes()
    a, b, c = tmp_path / "a" / "notice.txt", tmp_path / "b" / "notice.txt", tmp_path / "b" / "notice.md"
    for p in (a, b, c):
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(text)
    out = tmp_path / "out"
    proc = run("parse", str(a), str(b), "--out", str(out), "--no-parquet")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (
        f"Error: {a} and {b} would both write notice.txt.*: give them separate --out folders, "
        "or use --dataset, whose files are named by content"
    )
    assert not out.exists()

    alone = tmp_path / "alone"
    assert run("parse", str(a), "--out", str(alone), "--no-parquet").returncode == 0
    together = tmp_path / "together"
    proc = run("parse", str(a), str(c), "--out", str(together), "--no-parquet")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in together.iterdir())
    assert written == ["_manifest.jsonl", "notice.md.json", "notice.txt.json"]
    assert (alone / "notice.txt.json").read_bytes() == (together / "notice.txt.json").read_bytes()
    assert sorted(p.name for p in alone.iterdir()) == ["notice.txt.json"]  # one file alone: no manifest


def test_several_inputs_exit_with_the_highest_code(tmp_path: Path) -> None:
    proc = run("parse", str(SEED), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert proc.returncode == 3
    assert (tmp_path / "o" / f"{SEED.name}.json").exists()
