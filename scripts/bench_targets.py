"""The targets of issue 10, each against its reference measured in the same run (`make bench`).

A ratio is the pipeline's figure over a reference that does the least the same job needs: the
read + decode + one marker regex floor for the seed in-process, `python -c pass` for the CLI's
CPU, bare pypdfium2 text for a PDF, pdfplumber's `extract_text` for a table PDF, python-docx's
bare paragraph read for a .docx. Both sides of a ratio are measured back to back, so the
machine's speed of the moment cancels out. Nothing here asserts: the table says met or not.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import (
    FIXTURES,
    SEED,
    docx_paragraphs,
    min_seconds,
    parse_cold_caches,
    pdfium_text,
    pdfplumber_text,
    synthetic_notice,
)

from pipeline.runner import parse

MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])", re.M)
FLOOR_RUNS = 200
CLI_RUNS = 5
Row = tuple[str, str, str, str, str, str]  # measure, here, reference, ratio, goal, met


def floor_once() -> int:
    """What any parser of the seed must do: read the bytes, decode them, find the markers."""
    return len(MARKER.findall(SEED.read_bytes().decode("utf-8")))


# Runs the command and prints its CPU seconds and peak RSS. A child forked from this process would
# count this process's pages as its own until it execs (Linux ru_maxrss is the peak of the whole
# process life): after the collection bench that is ~240 MiB for any child. A small launcher forks
# from ~10 MiB instead, so the figure is the command's own.
LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, u = os.wait4(p.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
)


def child_usage(args: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident MiB of one child process."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, check=True)
    code, cpu, maxrss = out.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"bench: {' '.join(args)} exited {code}")
    return float(cpu), int(maxrss) / 1024


def median_usage(args: list[str]) -> tuple[float, float]:
    runs = [child_usage(args) for _ in range(CLI_RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def row(measure: str, here: float, ref: float, goal: float, unit: str = "ms", scale: float = 1000) -> Row:
    ratio = here / ref
    return (
        measure,
        f"{here * scale:.2f} {unit}",
        f"{ref * scale:.2f} {unit}",
        f"{ratio:.2f}",
        f"<= {goal:g}",
        "yes" if ratio <= goal else "no",
    )


def paired(ours: Callable[[], object], ref: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of the two, measured in alternation so a change of machine speed hits both."""
    ours(), ref()
    a, b = [], []
    for _ in range(runs):
        for fn, out in ((ours, a), (ref, b)):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def target_rows() -> list[Row]:
    rows: list[Row] = []
    seed, floor = paired(lambda: parse_cold_caches(SEED), floor_once, FLOOR_RUNS // 4)
    rows.append(row("seed .txt in-process / read + decode + marker regex", seed, floor, 25))
    with tempfile.TemporaryDirectory() as tmp:
        bare = [sys.executable, "-c", "pass"]
        cli = [sys.executable, "-m", "pipeline", "parse", str(SEED), "-q"]
        pass_cpu, _ = median_usage(bare)
        json_cpu, json_mib = median_usage([*cli, "--out", "-"])
        both_cpu, both_mib = median_usage([*cli, "--out", tmp, "--to", "json,parquet", "--force"])
    rows.append(row("CLI JSON only, CPU / python -c pass", json_cpu, pass_cpu, 6))
    rows.append(row("CLI JSON + Parquet, CPU / JSON only", both_cpu, json_cpu, 1.3))
    rows.append(
        (
            "CLI JSON + Parquet, peak memory of the run",
            f"{both_mib:.0f} MiB",
            f"{json_mib:.0f} MiB (JSON only)",
            "",
            "<= 80 MiB",
            "yes" if both_mib <= 80 else "no",
        )
    )
    pdf, table_pdf = FIXTURES / "luanzheng-2021-2.pdf", FIXTURES / "luanzheng-2021-2.table.pdf"
    docx_file = FIXTURES / "luanzheng-2021-2.docx"
    if pdf.exists():
        ours, pdfium = paired(lambda: parse(pdf), lambda: pdfium_text(pdf), 7)
        rows.append(row("seed .pdf / pypdfium2 bare text", ours, pdfium, 2))
    if table_pdf.exists():
        ours, plumber = paired(lambda: parse(table_pdf), lambda: pdfplumber_text(table_pdf), 3)
        rows.append(row("table .pdf / pdfplumber extract_text", ours, plumber, 0.5))
    if docx_file.exists():
        ours, bare_read = paired(lambda: parse(docx_file), lambda: docx_paragraphs(docx_file), 15)
        rows.append(row(".docx / python-docx bare paragraph read", ours, bare_read, 1.5))
    with tempfile.TemporaryDirectory() as tmp:
        cost = {}
        for size in (500, 20_000):
            path = Path(tmp) / f"n{size}.txt"
            path.write_text(synthetic_notice(size), encoding="utf-8")
            cost[size] = min_seconds(lambda path=path: parse_cold_caches(path), 3) / size
    rows.append(row("cost per task, 20,000 tasks / 500 tasks", cost[20_000], cost[500], 1.2, "us", 1e6))
    return rows


def markdown(rows: list[Row]) -> list[str]:
    return [
        "## The targets of issue 10, each against its reference in this run",
        "",
        "| target | here | reference | ratio | goal | met |",
        "|---|---|---|---|---|---|",
        *[f"| {' | '.join(r)} |" for r in rows],
        "",
    ]


def main() -> int:
    """Only this section of docs/bench.md, measured again (`python scripts/bench_targets.py`)."""
    from bench import ROOT

    rows = target_rows()
    for r in rows:
        print("  ".join(r))
    path = ROOT / "docs" / "bench.md"
    text = path.read_text(encoding="utf-8")
    head = text.split("## The targets of issue 10")[0].rstrip("\n") + "\n\n"
    path.write_text(head + "\n".join(markdown(rows)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
