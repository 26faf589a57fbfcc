"""Speed benchmark (`make bench`): prints figures and writes docs/bench.md. Nothing here asserts.

- the seed notice in-process (imports warm, per-process caches emptied, median of many
  runs) and through the CLI (new process);
- with `--base REV` (`make bench`, BASE=HEAD~1 by default), the seed in-process here and at REV
  (a temporary git worktree, the same interpreter), interleaved in one run: the ratio counts;
- the seed PDF end to end against pdfplumber's bare `extract_text()` and pypdfium2's bare text
  extraction of the same file, and the seed .docx against python-docx's bare paragraph read —
  these only when ../shared/fixtures is present.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import parse  # noqa: E402

SEED = ROOT / "inputs" / "栾政〔2021〕2号.txt"
FIXTURES = ROOT.parent / "shared" / "fixtures"
DEFAULT_RUNS = 50
DEFAULT_CLI_RUNS = 5
DEFAULT_CALIBRATION_LOOP = 3_000_000


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: imports, compiled patterns
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def min_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def per_document_caches() -> list[Any]:
    """The bounded lru_caches of the pipeline (folded strings, markers, unit lists): they fill up
    with one notice's strings. Unbounded @cache loaders hold vocabularies, loaded once a process."""
    found = []
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "pipeline":
            continue
        for value in vars(module).values():
            params = getattr(value, "cache_parameters", None)
            if params is not None and params()["maxsize"] is not None and value not in found:
                found.append(value)
    return found


def parse_cold_caches(path: Path) -> None:
    """Parse as if the notice were new: every per-document cache emptied first."""
    for cached in per_document_caches():
        cached.cache_clear()
    parse(path)


def cli_seconds(path: Path, *options: str) -> float:
    times = []
    for _ in range(DEFAULT_CLI_RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pipeline", "parse", str(path), *options, "-q"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()


def docx_paragraphs(path: Path) -> None:
    import docx

    for p in docx.Document(str(path)).paragraphs:
        _ = p.text


def calibration_seconds() -> float:
    """A fixed pure-Python loop: the machine's speed at the time, to read the other figures by."""

    def loop() -> int:
        total = 0
        for i in range(DEFAULT_CALIBRATION_LOOP):
            total += i
        return total

    return min_seconds(loop, 3)


SNIPPET = """
import statistics, sys, time
sys.path.insert(0, sys.argv[1])
from pipeline.runner import parse
seed = sys.argv[2]
caches = []
for name, module in list(sys.modules.items()):
    if name.split(".")[0] == "pipeline":
        for value in vars(module).values():
            params = getattr(value, "cache_parameters", None)
            if params is not None and params()["maxsize"] is not None and value not in caches:
                caches.append(value)
parse(seed)
times = []
for _ in range(int(sys.argv[3])):
    for c in caches:
        c.cache_clear()
    start = time.perf_counter()
    parse(seed)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def against_base(base: str, rounds: int = 5, runs: int = 30) -> list[tuple[str, str]]:
    """The seed .txt in-process here and at commit `base`, interleaved in one run (a git worktree
    of `base` in a temporary folder, the same interpreter): the ratio is what counts."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "base"
        made = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), base], capture_output=True
        )
        if made.returncode != 0:
            return [(f"seed .txt against {base}", "skipped: not a git checkout or no such commit")]
        try:
            here, there = [], []
            for _ in range(rounds):
                for root, out in ((ROOT, here), (tree, there)):
                    done = subprocess.run(
                        [sys.executable, "-c", SNIPPET, str(root), str(SEED), str(runs)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    out.append(float(done.stdout.strip()))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    now, then = statistics.median(here), statistics.median(there)
    return [
        (f"seed .txt in-process at {base} (median of {rounds} interleaved rounds)", f"{then * 1000:.2f} ms"),
        ("seed .txt in-process here, same rounds", f"{now * 1000:.2f} ms"),
        (f"ratio here / {base}", f"{now / then:.2f}"),
    ]


SECTION_TASKS = 1_000  # tasks under each 一、 heading: numbering restarts there, as in real notices
CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1-99 in Chinese numerals (一, 十, 十一, 二十, 二十一), as 一、 headings count."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")


def synthetic_notice(tasks: int) -> str:
    """A notice of `tasks` numbered tasks under 一、/（一） headings, ten per （一）; numbering runs
    1.-1000. under each 一、 (sections of SECTION_TASKS), so 20,000 tasks need 20 sections."""
    lines = ["关于印发重点工作任务分解的通知"]
    for n0 in range(0, tasks, 10):
        if n0 % SECTION_TASKS == 0:
            lines.append(f"{chinese_number(n0 // SECTION_TASKS + 1)}、第{n0 // SECTION_TASKS + 1}部分")
        area = n0 % SECTION_TASKS // 10 + 1
        lines.append(f"（{area}）领域{area}")
        for k in range(1, min(10, tasks - n0) + 1):
            n = n0 % SECTION_TASKS + k
            lines += [
                f"{n}.推进第{n}项重点工作，完成投资{n}亿元。",
                "牵头单位：县发改委、县财政局",
                "责任单位：各乡（镇）人民政府",
            ]
    return "\n".join(lines) + "\n"


def per_task_cost() -> list[tuple[str, str]]:
    """Cost per task as notices grow: linear would give the same figure at every size."""
    rows, costs = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (500, 9990):
            path = Path(tmp) / f"n{size}.txt"
            path.write_text(synthetic_notice(size), encoding="utf-8")
            seconds = min_seconds(lambda path=path: parse_cold_caches(path), 3)  # each run a new notice
            costs[size] = seconds / size
            rows.append(
                (
                    f"synthetic notice, {size} tasks: cost per task (fastest of 3)",
                    f"{costs[size] * 1e6:.0f} us",
                )
            )
    rows.append(("ratio per-task cost 9,990 / 500 tasks (linear: 1.0)", f"{costs[9990] / costs[500]:.2f}"))
    return rows


def main() -> int:
    base = sys.argv[sys.argv.index("--base") + 1] if "--base" in sys.argv else None
    rows: list[tuple[str, str]] = []
    rows.append(
        (
            f"machine calibration: {DEFAULT_CALIBRATION_LOOP:,} Python additions (fastest of 3)",
            f"{calibration_seconds() * 1000:.0f} ms",
        )
    )
    seed = median_seconds(lambda: parse_cold_caches(SEED), DEFAULT_RUNS)
    fastest = min_seconds(lambda: parse_cold_caches(SEED), DEFAULT_RUNS)
    rows.append(("seed .txt, in-process (median; imports warm, caches emptied)", f"{seed * 1000:.2f} ms"))
    rows.append(
        ("seed .txt, in-process (fastest run: the cost without machine noise)", f"{fastest * 1000:.2f} ms")
    )
    with tempfile.TemporaryDirectory() as out:
        json_only = cli_seconds(SEED, "--out", "-")
        with_parquet = cli_seconds(SEED, "--out", out)
    rows.append(
        (
            "seed .txt, CLI to JSON on stdout, incl. interpreter start (median of 5)",
            f"{json_only * 1000:.0f} ms",
        )
    )
    rows.append(
        (
            "seed .txt, CLI writing JSON + Parquet (imports pyarrow) (median of 5)",
            f"{with_parquet * 1000:.0f} ms",
        )
    )
    pdf, docx_file = FIXTURES / "luanzheng-2021-2.pdf", FIXTURES / "luanzheng-2021-2.docx"
    if pdf.exists():
        ours = median_seconds(lambda: parse(pdf), 5)
        plumber = median_seconds(lambda: pdfplumber_text(pdf), 3)
        pdfium = median_seconds(lambda: pdfium_text(pdf), 5)
        rows += [
            ("seed .pdf, parse end to end", f"{ours * 1000:.0f} ms"),
            ("seed .pdf, pdfplumber extract_text (bare)", f"{plumber * 1000:.0f} ms"),
            ("seed .pdf, pypdfium2 get_text_range (bare)", f"{pdfium * 1000:.0f} ms"),
            ("ratio parse / pdfplumber extract_text", f"{ours / plumber:.2f}"),
        ]
    if docx_file.exists():
        ours = median_seconds(lambda: parse(docx_file), 10)
        bare = median_seconds(lambda: docx_paragraphs(docx_file), 10)
        rows += [
            ("seed .docx, parse end to end", f"{ours * 1000:.1f} ms"),
            ("seed .docx, python-docx paragraphs (bare)", f"{bare * 1000:.1f} ms"),
            ("ratio parse / python-docx bare read", f"{ours / bare:.2f}"),
        ]
    rows += per_task_cost()
    count = int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 0
    if count:
        from bench_batch import batch_rows

        rows += batch_rows(count)
    if base:
        rows += against_base(base)
    from bench_targets import markdown, target_rows

    targets = target_rows()
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    lines = [
        "# Benchmark",
        "",
        f"Last run: {dt.date.today().isoformat()}, Python {sys.version.split()[0]}, `make bench`.",
        "",
        "| measure | value |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
        *markdown(targets),
    ]
    for target in targets:
        print("  ".join(target))
    (ROOT / "docs" / "bench.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
