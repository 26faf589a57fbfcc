"""What the command line tells a person: summary, diagnostics and errors, in English and Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import parse
from pipeline.errors import NoTasksError
from pipeline.report import diagnostic_lines, error_line, language, printable, summary_line
from schemas.notice import Diagnostic, Location, Severity
from tests.conftest import ROOT, SEED


def test_the_language_follows_the_option_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    assert language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language() == "zh"
    assert language("en") == "en"


def test_the_summary_reads_naturally_in_both_languages() -> None:
    result = parse(SEED)
    result.diagnostics = []
    assert summary_line("x.txt", result, "en") == (
        "x.txt: 10 areas, 33 sub-areas, 50 tasks, 196 unit assignments, 0 diagnostics"
    )
    assert summary_line("x.txt", result, "zh") == (
        "x.txt: 10 个领域，33 个子领域，50 项任务，196 个单位分工，0 条诊断"
    )
    result.outline = []
    result.tasks = result.tasks[:1]
    result.diagnostics = [Diagnostic(severity=Severity.warning, code="numbering-gap", message="m")]
    assert summary_line("x.txt", result, "en") == "x.txt: 1 task, 5 unit assignments, 1 diagnostic"


def test_diagnostics_in_compiler_form_grouped() -> None:
    same = [
        Diagnostic(
            severity=Severity.warning,
            code="task-without-units",
            message="a task has no unit assigned",
            location=Location(line_start=n),
        )
        for n in (12, 40)
    ]
    other = Diagnostic(severity=Severity.info, code="page-footer", message="ends", location=Location(page=3))
    lines = diagnostic_lines("a.txt", [*same, other], "en")
    assert lines == [
        "a.txt:12: warning: task-without-units: a task has no unit assigned (2 times)",
        "a.txt:p3: info: page-footer: ends",
    ]
    zh = diagnostic_lines("a.txt", same, "zh")
    assert zh == [
        "a.txt:12: 警告: task-without-units: 任务未分配责任单位（a task has no unit assigned）（共 2 处）"
    ]


def test_errors_name_their_kind_in_chinese() -> None:
    exc = NoTasksError("a.txt: no numbered tasks found")
    assert error_line(exc, "en") == "Error: a.txt: no numbered tasks found"
    assert error_line(exc, "zh") == "错误：未找到带编号的任务：a.txt: no numbered tasks found"


def test_the_command_line_speaks_the_locale_and_the_option(tmp_path: Path) -> None:
    def run(env_lang: str, *extra: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LANG": env_lang, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "parse", str(SEED), "--out", str(tmp_path), *extra],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )

    zh = run("zh_CN.UTF-8")
    assert zh.returncode == 0 and "50 项任务" in zh.stdout and "已写出" in zh.stdout
    assert "50 tasks" in run("zh_CN.UTF-8", "--lang", "en").stdout
    assert "50 tasks" in run("C.UTF-8").stdout
    help_zh = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": ""},
        cwd=ROOT,
    )
    assert "要解析的通知文件" in help_zh.stdout


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("县发改委　牵头") == "县发改委　牵头"  # the ideographic space is text
    assert printable("a\x07b\x1b[31mc") == "a\\x07b\\x1b[31mc"
    assert printable("x\u2028y\u202ez") == "x\\u2028y\\u202ez"


@given(st.text())
def test_printable_is_one_line_of_visible_text(line: str) -> None:
    shown = printable(line)
    assert "\n" not in shown and "\r" not in shown
    assert not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in shown)
    if all(unicodedata.category(ch) not in ("Cc", "Zl", "Zp", "Cs", "Cf") for ch in line):
        assert shown == line
