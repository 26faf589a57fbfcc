"""The collection benchmark (part of `make bench`): a synthetic collection of notices
(scripts/make_collection.py) parsed into one dataset, as a platform would. Nothing asserts.

Measured, each in one run so the ratios compare like with like:
- documents per second with --jobs 1 and --jobs 2 (target: --jobs 2 >= 1.7x --jobs 1 on 2 cores);
- per-document latency by carrier, median and p95 (the manifest's seconds);
- peak memory of the whole run, all its processes summed, at 200 and at N documents
  (target: N's <= 1.2x 200's);
- a rerun with nothing left to do, against the full run (target: <= 5%).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1  # a scan of /proc per sample: more often takes CPU from the run it measures
SMALL = 200


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            tree[int(fields[1])].append(int(entry))
    return tree


def _tree_memory(pid: int) -> int:
    """Proportional set size (Pss) of `pid` and all its descendants: pages the fork server's
    children share are counted once between them, not once per worker as RSS would."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def timed_run(*args: str) -> tuple[float, int, int]:
    """(seconds, peak bytes of the process tree, exit code) of one CLI run."""
    cmd = [sys.executable, "-m", "pipeline", "parse", *args, "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_memory(proc.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - started
    sampler.join()
    return seconds, peak, code


def _burn(n: int) -> float:
    started, total = time.perf_counter(), 0
    for i in range(n):
        total += i
    return time.perf_counter() - started


def machine_ceiling(n: int = 20_000_000) -> float:
    """Two processes of pure Python arithmetic against one after the other: what two workers can
    gain at most on this machine (a VM's two cores gave 1.8, not 2)."""
    import multiprocessing

    started = time.perf_counter()
    _burn(n)
    _burn(n)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    with multiprocessing.get_context("forkserver").Pool(2) as pool:
        pool.map(_burn, [n, n])
    return serial / (time.perf_counter() - started)


def latency_rows(dataset: Path) -> list[tuple[str, str]]:
    by_carrier: dict[str, list[float]] = defaultdict(list)
    for raw in (dataset / "_manifest.jsonl").read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        if line["status"] == "ok":
            by_carrier[Path(line["path"]).suffix.lstrip(".")].append(float(line["seconds"]))
    rows = []
    for carrier, seconds in sorted(by_carrier.items()):
        seconds.sort()
        p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
        rows.append(
            (
                f"collection, .{carrier} latency per document, median / p95 ({len(seconds):,} documents)",
                f"{statistics.median(seconds) * 1000:.0f} / {p95 * 1000:.0f} ms",
            )
        )
    return rows


def batch_rows(count: int = 2000, seed: int = 1) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="notice-bench-") as scratch:
        work = Path(scratch)
        collection = work / "collection"
        make = [sys.executable, "scripts/make_collection.py", str(collection)]
        subprocess.run(
            [*make, "--count", str(count), "--seed", str(seed)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        small = work / "small"
        small.mkdir()
        notices = sorted(p for p in collection.iterdir() if not p.name.startswith("_"))
        for path in notices[:SMALL]:
            os.link(path, small / path.name)
        ceiling = machine_ceiling()
        one, one_peak, _ = timed_run(str(collection), "--dataset", str(work / "jobs1"), "--jobs", "1")
        two, two_peak, _ = timed_run(str(collection), "--dataset", str(work / "jobs2"), "--jobs", "2")
        _, small_peak, _ = timed_run(str(small), "--dataset", str(work / "small-ds"), "--jobs", "2")
        resume, _, _ = timed_run(str(collection), "--dataset", str(work / "jobs2"), "--jobs", "2")
        n = len(notices)
        memory = "collection, peak memory of the run (Pss of all its processes)"
        rows = [
            (f"collection: {n:,} synthetic notices (make_collection.py --seed {seed})", "txt, docx, pdf"),
            ("collection, --jobs 1: documents per second", f"{n / one:.1f} ({one:.1f} s)"),
            ("collection, --jobs 2: documents per second", f"{n / two:.1f} ({two:.1f} s)"),
            ("collection, ratio --jobs 2 / --jobs 1 (target >= 1.7 on 2 cores)", f"{one / two:.2f}"),
            ("machine ceiling: 2 processes of pure Python / 1, same run", f"{ceiling:.2f}"),
            *latency_rows(work / "jobs2"),
            (f"{memory}, {SMALL} documents", f"{small_peak / 2**20:.0f} MiB"),
            (f"{memory}, {n:,} documents", f"{two_peak / 2**20:.0f} MiB"),
            (
                f"collection, ratio peak memory {n:,} / {SMALL} (target <= 1.2)",
                f"{two_peak / small_peak:.2f}",
            ),
            ("collection, peak memory with --jobs 1", f"{one_peak / 2**20:.0f} MiB"),
            ("collection, rerun with nothing to do", f"{resume:.2f} s"),
            ("collection, ratio rerun / full run with --jobs 2 (target <= 0.05)", f"{resume / two:.3f}"),
        ]
    return rows


if __name__ == "__main__":
    for name, value in batch_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 2000):
        print(f"{name}: {value}")
