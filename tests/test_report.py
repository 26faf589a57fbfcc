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
    assert "通知文件、文件夹（按已知扩展名遍历）" in help_zh.stdout


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


def test_every_error_pattern_fills_its_template_from_its_own_groups() -> None:
    import re
    import string

    from pipeline.report import catalogue

    patterns = catalogue()["error_detail"]["patterns"] + catalogue()["diagnostic_detail"]["patterns"]
    for pattern, template in patterns:
        groups = set(re.compile(pattern).groupindex) | {"where_zh", "what_zh"}
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields <= groups, (pattern, fields - groups)


def test_errors_read_in_chinese_down_to_their_detail(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    twin = tmp_path / "b" / SEED.name
    twin.parent.mkdir()
    twin.write_text("一、总则\n1.做好工作。\n", encoding="utf-8")
    cases = {
        ("parse", str(tmp_path / "missing.txt")): "文件不存在",
        ("parse", str(empty)): "文件为空",
        ("parse", str(SEED), "--max-bytes", "100"): "超出input-size限制 100 bytes（可用 --max-bytes 放宽）",
        ("parse", str(tmp_path / "*.nothing")): "没有文件匹配此模式",
        ("parse", str(SEED), str(twin)): "会写出同名文件",
    }
    for args, chinese in cases.items():
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", *args, "--lang", "zh", "--out", str(tmp_path / "o")],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        line = proc.stderr.strip().splitlines()[-1]
        assert proc.returncode != 0 and line.startswith("错误：") and chinese in line, (args, line)


def test_the_chinese_help_leaves_no_option_in_english() -> None:
    import re

    for command in ("parse", "units"):
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", command, "--help", "--lang", "zh"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert proc.returncode == 0
        for english in ("positional arguments", "options:", "show this help", "usage:", "(default"):
            assert english not in proc.stdout, (command, english)
        helps = re.findall(r"^  (?:-\w, )?--?[\w-]+(?: \S+)?\s{2,}(.+)$", proc.stdout, re.M)
        assert helps and all(re.search(r"[\u4e00-\u9fff]", h) for h in helps), (command, helps)


def test_the_seeds_diagnostics_read_in_chinese() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", str(SEED), "--out", "-", "--lang", "zh"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    lines = [ln for ln in proc.stderr.splitlines() if ": 提示: " in ln or ": 警告: " in ln]
    assert lines and all("no canonical name" not in ln and "does not say" not in ln for ln in lines), lines
    assert any("名称不带层级前缀" in ln for ln in lines)
