"""What a run prints as it goes: a line per document, its diagnostics, a progress bar on a
terminal, and one summary line at the end (all messages from data/messages.json).

- one input: its summary, the files written and every diagnostic, as always;
- several: a line per document (stdout, or stderr when the JSON goes to stdout), warnings and
  errors on stderr in the compiler form, and the summary: documents, tasks, unit assignments,
  failures by exit code. On a terminal a progress bar (rich) replaces the per-document lines;
  `-q` keeps only the `Error:` lines.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from pipeline.report import detail_in, printable, text

if TYPE_CHECKING:
    from pipeline.work import Outcome


@dataclass
class Totals:
    documents: int = 0
    parsed: int = 0
    skipped: int = 0
    duplicates: int = 0
    tasks: int = 0
    assignments: int = 0
    failures: Counter[int] = field(default_factory=Counter)
    worst: int = 0

    def add(self, line: dict[str, Any], skipped: bool = False) -> None:
        self.documents += 1
        code = int(line.get("exit", 0))
        self.worst = max(self.worst, code)
        if skipped:
            self.skipped += 1
        if code:
            self.failures[code] += 1
        elif line.get("status") == "duplicate":
            self.duplicates += 1
        else:
            self.parsed += 1
        if line.get("status") == "duplicate":  # its tasks are the first input's
            return
        self.tasks += int(line.get("tasks") or 0)
        self.assignments += int(line.get("assignments") or 0)


class Printer:
    def __init__(self, total: int, quiet: bool, lang: str, single: bool) -> None:
        self.total, self.quiet, self.lang, self.single = total, quiet, lang, single
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Printer:
        if not self.quiet and not self.single and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self._bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(text("batch", "progress", self.lang), total=self.total)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _print(self, line: str, stream: TextIO) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
            return
        try:
            print(line, file=stream)
        except BrokenPipeError:  # `| head` closed stdout: the lines stop, the run goes on
            if stream is not sys.stdout:
                raise
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def _advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def note(self, message: str) -> None:
        self._print(f"notice-parse: {message} …", sys.stderr)

    def document(self, outcome: Outcome, to_stderr: bool = False, written: list[str] | None = None) -> None:
        """One input's lines: its error, or its summary and diagnostics."""
        self._advance()
        if outcome.error:
            self._print(outcome.error, sys.stderr)
        if self.quiet:
            return
        stream = sys.stderr if to_stderr else sys.stdout
        if outcome.summary and self._bar is None:
            self._print(outcome.summary, stream)
            for path in (written or []) if self.single else []:
                self._print(printable(text("summary", "wrote", self.lang, path=path)), stream)
        for line in outcome.diagnostics:
            self._print(line, sys.stderr)

    def skipped(self, line: dict[str, Any]) -> None:
        self._advance()
        if line.get("exit"):  # a failure stays one: its Error line, even with -q
            colon = ": " if self.lang == "en" else "："
            detail = detail_in(str(line.get("message", "")), self.lang)
            note = text("batch", "skipped_failure", self.lang)
            self._print(printable(f"{text('error', 'prefix', self.lang)}{colon}{detail}{note}"), sys.stderr)
            return
        if self.quiet or self._bar is not None:
            return
        if line.get("duplicate_of"):
            shown = text("batch", "duplicate_one", self.lang, path=line["path"], first=line["duplicate_of"])
        else:
            shown = text("batch", "skipped_one", self.lang, path=line["path"], code=line.get("exit", 0))
        self._print(printable(shown), sys.stdout)

    def summary(self, totals: Totals, to_stderr: bool = False) -> None:
        """`20 documents: 16 parsed, 1 duplicate, 3 failed (exit 3 ×2, exit 6 ×1); 812 tasks, …`"""
        if self.quiet or self.single:
            return
        self.__exit__(None, None, None)  # the bar goes first: the summary is a line of its own
        t = self.lang
        parts = [text("batch", "parsed", t, totals.parsed)]
        if totals.duplicates:
            parts.append(text("batch", "duplicates", t, totals.duplicates))
        failed = sum(totals.failures.values())
        if failed:
            codes = text("summary", "separator", t).join(
                text("batch", "code", t, n, code=code) for code, n in sorted(totals.failures.items())
            )
            parts.append(text("batch", "failed", t, failed, codes=codes))
        counts = [
            text("summary", "tasks", t, totals.tasks),
            text("summary", "units", t, totals.assignments),
        ]
        sep = text("summary", "separator", t)
        head = text("batch", "documents", t, totals.documents)
        if totals.skipped:
            counts.append(text("batch", "skipped", t, totals.skipped))
        line = f"{head}: {sep.join(parts)}; {sep.join(counts)}"
        self._print(line, sys.stderr if to_stderr else sys.stdout)
