"""Mutation fuzzing of the whole CLI (`make fuzz`, FUZZ_SECONDS=60): no input may crash it.

Every seed carrier (scripts/fuzz_mutate.py) is mutated for a set time; each mutant goes through
`notice-parse parse MUTANT --out DIR` in a worker process (the CLI in-process, imports warm),
watched by this process: a run over `--timeout` seconds is a hang and one over `--memory` MB a
memory blow-up, and the worker is killed and replaced. A failure is a traceback, exit 70, a hang,
a blow-up, a dead worker, an undocumented exit code, a failed run whose stderr is more than its one
`Error:` line, or a partial output (a file left in DIR when the exit code is not 0). Each failure
is saved (at most DEFAULT_KEEP_PER_KIND of a kind) under tests/regressions/, named
after the carrier, the mutator and the problem; tests/test_regressions.py then parses it and
expects the exit code recorded in tests/regressions/expected.json once the bug is fixed.

    python scripts/fuzz.py --seconds 60                # what `make fuzz` runs
    python scripts/fuzz.py --seconds 3600 --seed 7     # a campaign; the report says how to rerun it

Each run is appended to docs/fuzz-runs.jsonl and docs/fuzz.md is rewritten from all of them:
counts by exit code, by carrier and mutator, the slowest, the largest and the hungriest runs.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.fuzz_mutate import carrier, mutate, seed_files  # noqa: E402

DEFAULT_SECONDS = 60.0
DEFAULT_TIMEOUT = 30.0  # seconds per mutant: the slowest fixture (the 12-page table PDF) takes ~1 s
DEFAULT_MEMORY_MB = 3000  # resident size of a worker that counts as a blow-up
DEFAULT_RECYCLE = 400  # runs before a worker is replaced, so one run's leak never hides in another's
DEFAULT_KEEP_PER_KIND = 2  # failures saved per (carrier, problem)
DEFAULT_PROGRESS = 60.0  # seconds between progress lines
# what a successful run prints on stderr: diagnostics in the compiler form (pipeline/report.py)
DIAGNOSTIC = re.compile(r"^\S.*?: (?:error|warning|info|错误|警告|提示): [a-z-]+: ")
DOCUMENTED = {0, 3, 4, 5, 6, 7}  # exit codes a mutant may end with (README, "Exit codes")
REGRESSIONS = ROOT / "tests" / "regressions"
RUNS = ROOT / "docs" / "fuzz-runs.jsonl"
REPORT = ROOT / "docs" / "fuzz.md"
GENERATED = "<!-- written by scripts/fuzz.py from docs/fuzz-runs.jsonl: edit above this line only -->"
INTRO = f"""# Fuzzing

Written by `scripts/fuzz.py` (`make fuzz`, `FUZZ_SECONDS=60` by default; `FUZZ_SEED=` to repeat a
run). Each mutant of a seed carrier (the shared fixtures, or the carriers the tests build, and
`inputs/`) is parsed by the CLI in a watched worker. A failure is a traceback, exit 70, a hang
(over the per-mutant timeout), a worker over {DEFAULT_MEMORY_MB:,} MB, a dead worker, an exit code
the README does not document, a failed run saying more than its one `Error:` line on stderr, or
an output file left behind by a failed run; each is saved under `tests/regressions/` and
`tests/test_regressions.py` parses it, expecting the exit code that
`tests/regressions/expected.json` records once it is fixed. Mutators: bit flips, byte sets,
truncation, insertion, deletion and duplication of byte ranges on every carrier; inner-XML edits
of word/document.xml and zip-header damage for .docx; markup edits for .html; token insertion
and re-encoding for .txt; structural numbers (/Count, /Length, xref) for .pdf.
"""


@dataclass
class Outcome:
    index: int
    seed: str
    mutator: str
    size: int
    exit: str  # "0".."70", or hang, memory, crash, traceback, stray-stderr (more than the one line)
    seconds: float
    peak_mb: float
    message: str = ""
    partial: list[str] = field(default_factory=list)

    @property
    def failure(self) -> str | None:
        """The problem's name, or None for a clean, documented outcome."""
        if self.partial:
            return f"partial-output-exit{self.exit}"
        if self.exit in {"hang", "memory", "crash", "traceback", "stray-stderr"}:
            return self.exit
        if int(self.exit) not in DOCUMENTED:
            kind = re.search(r"internal error: (\w+)|stage (\w+) failed: (\w+)", self.message)
            detail = "-".join(g for g in kind.groups() if g) if kind else ""
            return f"exit{self.exit}" + (f"-{detail}" if detail else "")
        return None


def _warm() -> None:
    """Import what a run needs before the workers fork, so none of them pays for it."""
    import docx  # noqa: F401
    import lxml.html  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    import pipeline.cli
    import pipeline.runner
    import pipeline.writers  # noqa: F401


def _worker(conn: Connection) -> None:
    from pipeline import cli

    while True:
        job = conn.recv()
        if job is None:
            return
        path, out = job
        err = io.StringIO()
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = str(cli.main(["parse", path, "--out", out]))
            # split on "\n" only: to a terminal \x1c or \u2028 inside a message ends no line
            lines = [ln for ln in err.getvalue().split("\n") if ln]
            message = lines[0] if lines and code != "0" else ""
            stray = [ln for ln in lines if not DIAGNOSTIC.match(ln)]
            if "Traceback" in err.getvalue():
                code, message = "traceback", err.getvalue()[-2000:]
            elif (code != "0" and len(lines) != 1) or (code == "0" and stray):
                # a failure is one line, `Error: <file>: <problem>`; a success prints diagnostics only
                code, message = "stray-stderr", " / ".join(stray or lines)[:2000]
        except BaseException:  # anything escaping main is a bug, SystemExit included
            code, message = "traceback", traceback.format_exc()[-2000:]
        conn.send((code, message, time.perf_counter() - started))


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    m = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(m.group(1)) / 1024 if m else 0.0


class Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.runs = 0
        self.job: tuple[int, str, str, Path, Path, float] | None = None  # index, seed, mutator, file, out, t0
        self.peak = 0.0

    def send(self, index: int, seed: str, mutator: str, path: Path, out: Path) -> None:
        self.job = (index, seed, mutator, path, out, time.monotonic())
        self.peak = 0.0
        self.runs += 1
        self.conn.send((str(path), str(out)))

    def kill(self) -> None:
        self.process.kill()
        self.process.join()


@dataclass
class Run:
    seeds: list[Path]
    seconds: float
    seed: int
    jobs: int
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: float = DEFAULT_MEMORY_MB
    max_mutants: int | None = None
    save: Path | None = REGRESSIONS
    progress: bool = False  # a line on stderr every DEFAULT_PROGRESS seconds
    outcomes: list[Outcome] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)

    def go(self, work: Path) -> None:
        _warm()
        ctx = mp.get_context("fork")
        data = {p: p.read_bytes() for p in self.seeds}
        rng = random.Random(self.seed)
        workers = [Worker(ctx) for _ in range(self.jobs)]
        deadline = time.monotonic() + self.seconds
        made = 0
        kinds: Counter[str] = Counter()
        shown = time.monotonic()
        try:
            while True:
                if self.progress and time.monotonic() - shown > DEFAULT_PROGRESS:
                    shown = time.monotonic()
                    failed = sum(1 for o in self.outcomes if o.failure)
                    left = max(0.0, deadline - shown)
                    print(f"fuzz: {made:,} mutants, {failed} failures, {left:,.0f} s left", file=sys.stderr)
                more = time.monotonic() < deadline and (self.max_mutants is None or made < self.max_mutants)
                for w in workers:
                    if w.job is None and more:
                        seed = (
                            self.seeds[made % len(self.seeds)] if self.max_mutants else rng.choice(self.seeds)
                        )
                        name, mutant = mutate(seed, data[seed], rng)
                        path = work / f"m{made}{seed.suffix}"
                        path.write_bytes(mutant)
                        out = work / f"out{made}"
                        w.send(made, seed.name, name, path, out)
                        made += 1
                busy = [w for w in workers if w.job is not None]
                if not busy:
                    break
                ready = wait([w.conn for w in busy], timeout=0.05)
                for k, w in enumerate(workers):
                    if w.job is None:
                        continue
                    w.peak = max(w.peak, _rss_mb(w.process.pid))
                    index, seed_name, mutator, path, out, t0 = w.job
                    elapsed = time.monotonic() - t0
                    result: tuple[str, str, float] | None = None
                    if w.conn in ready:
                        try:
                            result = w.conn.recv()
                        except (EOFError, OSError):
                            result = ("crash", f"worker died: exit {w.process.exitcode}", elapsed)
                    elif not w.process.is_alive():
                        result = ("crash", f"worker died: exit {w.process.exitcode}", elapsed)
                    elif elapsed > self.timeout:
                        result = ("hang", f"no result after {self.timeout:g} s", elapsed)
                    elif w.peak > self.memory_mb:
                        result = ("memory", f"resident size over {self.memory_mb:g} MB", elapsed)
                    if result is None:
                        continue
                    code, message, seconds = result
                    partial = (
                        sorted(p.name for p in out.iterdir())
                        if out.is_dir() and code.isdigit() and code != "0"
                        else []
                    )
                    outcome = Outcome(
                        index,
                        seed_name,
                        mutator,
                        path.stat().st_size,
                        code,
                        seconds,
                        w.peak,
                        message,
                        partial,
                    )
                    self.outcomes.append(outcome)
                    self._keep(outcome, path, kinds)
                    path.unlink(missing_ok=True)
                    shutil.rmtree(out, ignore_errors=True)
                    w.job = None
                    if code in {"hang", "memory", "crash"} or w.runs >= DEFAULT_RECYCLE:
                        w.kill()
                        workers[k] = Worker(ctx)
        finally:
            for w in workers:
                w.kill()

    def _keep(self, outcome: Outcome, path: Path, kinds: Counter[str]) -> None:
        problem = outcome.failure
        if problem is None or self.save is None:
            return
        kind = f"{carrier(path)}-{outcome.mutator}-{problem}"
        kinds[kind] += 1
        if kinds[kind] > DEFAULT_KEEP_PER_KIND:
            return
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        name = f"{kind}-{digest}{path.suffix}".lower()
        self.save.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, self.save / name)
        self.saved.append(name)

    def record(self, started: str) -> dict[str, Any]:
        by_exit = Counter(o.exit for o in self.outcomes)
        failures = [o for o in self.outcomes if o.failure]
        top = 10

        def brief(o: Outcome) -> dict[str, Any]:
            keep = ("seed", "mutator", "size", "exit", "seconds", "peak_mb", "message")
            return {
                k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(o).items() if k in keep
            }

        return {
            "started": started,
            "revision": _revision(),
            "seconds": self.seconds,
            "seed": self.seed,
            "jobs": self.jobs,
            "timeout": self.timeout,
            "mutants": len(self.outcomes),
            "by_exit": dict(sorted(by_exit.items(), key=lambda kv: (not kv[0].isdigit(), kv[0].zfill(3)))),
            "by_seed": dict(Counter(o.seed for o in self.outcomes).most_common()),
            "by_mutator": dict(Counter(o.mutator for o in self.outcomes).most_common()),
            "failures": Counter(o.failure for o in failures).most_common(),
            "saved": self.saved,
            "slowest": [brief(o) for o in sorted(self.outcomes, key=lambda o: -o.seconds)[:top]],
            "largest": [brief(o) for o in sorted(self.outcomes, key=lambda o: -o.size)[:top]],
            "hungriest": [brief(o) for o in sorted(self.outcomes, key=lambda o: -o.peak_mb)[:top]],
        }


def _revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        )
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return "?"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def _table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "| seed | mutator | bytes | exit | seconds | peak MB | message |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for r in rows:
        message = str(r["message"]).replace("|", "\\|").splitlines()[0][:90] if r["message"] else ""
        out.append(
            f"| {r['seed']} | {r['mutator']} | {r['size']:,} | {r['exit']} | {r['seconds']:.2f} "
            f"| {r['peak_mb']:.0f} | {message} |"
        )
    return out


def write_report(runs: list[dict[str, Any]], path: Path = REPORT) -> None:
    codes = sorted({c for r in runs for c in r["by_exit"]}, key=lambda c: (not c.isdigit(), c.zfill(3)))
    total = Counter[str]()
    for r in runs:
        total.update(r["by_exit"])
    intro = INTRO
    if path.exists() and GENERATED in (old := path.read_text(encoding="utf-8")):
        intro = old[: old.index(GENERATED)]  # the hand-written part above the marker stays
    lines = [
        intro.rstrip("\n"),
        "",
        GENERATED,
        "",
        "## Runs",
        "",
        "| started | revision | seconds | seed | mutants | " + " | ".join(codes) + " | failures |",
        "|---|---|---:|---:|---:|" + "---:|" * len(codes) + "---|",
    ]
    for r in runs:
        fails = ", ".join(f"{k} ×{n}" for k, n in r["failures"]) or "none"
        counts = " | ".join(f"{r['by_exit'].get(c, 0):,}" for c in codes)
        lines.append(
            f"| {r['started']} | {r['revision']} | {r['seconds']:,.0f} | {r['seed']} | {r['mutants']:,} "
            f"| {counts} | {fails} |"
        )
    mutants = sum(r["mutants"] for r in runs)
    lines.append(
        f"| **all {len(runs)} runs** | | {sum(r['seconds'] for r in runs):,.0f} | | **{mutants:,}** | "
        + " | ".join(f"{total.get(c, 0):,}" for c in codes)
        + f" | {sum(n for r in runs for _, n in r['failures']):,} |"
    )
    lines += ["", "## Findings", ""]
    lines += [f"- `tests/regressions/{name}`: {entry['found']}" for name, entry in _findings().items()]
    last = runs[-1]
    lines += [
        "",
        f"## Latest run ({last['started']}, seed {last['seed']}, {last['mutants']:,} mutants)",
        "",
        "By seed: " + ", ".join(f"{k} {v:,}" for k, v in last["by_seed"].items()) + ".",
        "",
        "By mutator: " + ", ".join(f"{k} {v:,}" for k, v in last["by_mutator"].items()) + ".",
        "",
        "Saved: " + (", ".join(f"`{s}`" for s in last["saved"]) or "nothing") + ".",
        "",
        "### Slowest",
        "",
        *_table(last["slowest"]),
        "",
        "### Largest inputs",
        "",
        *_table(last["largest"]),
        "",
        "### Largest resident size",
        "",
        *_table(last["hungriest"]),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def _findings() -> dict[str, dict[str, Any]]:
    path = REGRESSIONS / "expected.json"
    found: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS") or DEFAULT_SECONDS)
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds before a run is a hang"
    )
    parser.add_argument(
        "--memory", type=float, default=DEFAULT_MEMORY_MB, help="MB before a run is a blow-up"
    )
    parser.add_argument("--seeds", choices=("auto", "fixtures", "built", "all"), default="auto")
    parser.add_argument("--save", type=Path, default=REGRESSIONS, help="where failures are copied")
    parser.add_argument("--no-save", action="store_true", help="do not copy failures anywhere")
    parser.add_argument("--no-report", action="store_true", help="do not touch docs/fuzz*.")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time()) % 100_000
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="notice-fuzz-") as tmp:
        seeds = seed_files(Path(tmp) / "seeds", args.seeds)
        run = Run(seeds, args.seconds, seed, args.jobs, args.timeout, args.memory)
        run.save = None if args.no_save else args.save
        run.progress = True
        work = Path(tmp) / "work"
        work.mkdir()
        run.go(work)
    record = run.record(started)
    print(f"fuzz: {record['mutants']:,} mutants in {args.seconds:g} s (seed {seed}): {record['by_exit']}")
    for kind, n in record["failures"]:
        print(f"  FAILURE {kind} ×{n}", file=sys.stderr)
    for name in run.saved:
        print(f"  saved {run.save}/{name}", file=sys.stderr)
    if not args.no_report:
        RUNS.parent.mkdir(exist_ok=True)
        with RUNS.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        runs = [json.loads(line) for line in RUNS.read_text(encoding="utf-8").splitlines() if line.strip()]
        write_report(runs)
        print(f"fuzz: wrote {REPORT.relative_to(ROOT)}")
    return 1 if record["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
