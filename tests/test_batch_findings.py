"""Red-team tests of the batch mode (pipeline/batch.py and friends).

The tests named "finding" failed on the code they were written against (each a broken promise of
the batch mode's docstrings: a non-UTF-8 file name stopping the run, a resume trusting files
another input overwrote, orphan workers after SIGKILL, a dead worker ending the run, …); they
pass since the fixes and keep them fixed. The others pin promises that held, so they stay held.
Every test runs the real CLI in a subprocess, in tmp_path, and stays well under 20 s.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENRE = sorted((ROOT / "tests" / "genre").glob("*.txt"))


def genre_text(path: Path) -> str:
    """A genre notice's text in whatever encoding it is stored (816 is GB18030)."""
    from pipeline.readers.text import decode

    return decode(path.read_bytes(), path)[0]


SEED = ROOT / "inputs" / "栾政〔2021〕2号.txt"
CLI = [sys.executable, "-m", "pipeline", "parse"]


# --------------------------------------------------------------------------- helpers


def cli(*args: object, timeout: float = 60, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout, **kw
    )


def popen(*args: object, **kw) -> subprocess.Popen[str]:
    kw.setdefault("stdout", subprocess.DEVNULL)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([*CLI, *map(str, args)], cwd=ROOT, text=True, **kw)


def notices(folder: Path, n: int, nested: bool = False) -> list[Path]:
    """n small, distinct notices (the genre files with a distinct tail)."""
    made = []
    for i in range(n):
        sub = folder / (f"d{i % 5}/e{i % 3}" if nested and i % 2 else "")
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"n{i:04d}.txt"
        path.write_text(genre_text(GENRE[i % len(GENRE)]) + f"\n\n附件{i}\n", encoding="utf-8")
        made.append(path)
    return made


def manifest(folder: Path) -> list[dict]:
    path = folder / "_manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's sha256 (hidden ones too); the manifest compared without `seconds`."""
    out: dict[str, str] = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            if name == "_manifest.jsonl":
                lines = [{k: v for k, v in line.items() if k != "seconds"} for line in manifest(folder)]
                out[rel] = json.dumps(lines, sort_keys=True, ensure_ascii=False)
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = subprocess.run(["pgrep", "-P", str(todo.pop())], capture_output=True, text=True).stdout.split()
        found += map(int, kids)
        todo += map(int, kids)
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def reap(pids: list[int]) -> None:
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def wait_for(predicate, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text[-2000:]


# =========================================================================== FINDINGS


def test_finding_non_utf8_file_name_does_not_stop_the_run(tmp_path: Path) -> None:
    """FINDING: a file whose name is not UTF-8 (b'bad\\xffname.txt', common on disks copied from
    GBK Windows machines) aborts the whole run: the manifest append raises UnicodeEncodeError,
    the run ends `Error: <folder>: internal error: UnicodeEncodeError` with exit 70 and the
    inputs after it get no manifest line. Bad files must never stop the run."""
    src = tmp_path / "in"
    src.mkdir()
    bad = os.path.join(os.fsencode(src), b"a-bad\xffname.txt")
    with open(bad, "wb") as f:
        f.write(GENRE[0].read_bytes())
    shutil.copy(GENRE[1], src / "b-good.txt")
    out = tmp_path / "out"
    r = cli(src, "--out", out, "--jobs", "1")
    no_traceback(r.stderr)
    assert "internal error: UnicodeEncodeError" not in r.stderr
    assert (out / "b-good.txt.json").is_file(), r.stderr
    assert len(manifest(out)) == 2, r.stderr


def test_finding_resume_skips_an_input_whose_files_another_input_overwrote(tmp_path: Path) -> None:
    """FINDING: the collision check covers one run only. Run 1 `a/x.txt --out O`, run 2
    `b/x.txt --out O` (a different notice, same name) overwrites O/x.txt.json, run 3 `a/x.txt
    --out O` says 'unchanged since the last run, skipped', and O/x.txt.json still holds b's
    result. A skip must check that the files are still the ones this input wrote."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(GENRE[0], tmp_path / "a" / "x.txt")
    shutil.copy(GENRE[1], tmp_path / "b" / "x.txt")
    other = tmp_path / "other.txt"
    shutil.copy(GENRE[2], other)
    out = tmp_path / "out"
    for folder in ("a", "b", "a"):
        r = cli(tmp_path / folder / "x.txt", other, "--out", out, "--jobs", "1")
        assert r.returncode == 0, r.stderr
    result = json.loads((out / "x.txt.json").read_text(encoding="utf-8"))
    assert result["source"]["path"] == str(tmp_path / "a" / "x.txt")
    want = hashlib.sha256((tmp_path / "a" / "x.txt").read_bytes()).hexdigest()
    assert result["source"]["sha256"] == want


def test_finding_folder_holding_one_notice_is_a_batch(tmp_path: Path) -> None:
    """FINDING: `parse FOLDER` where FOLDER holds one notice is treated as a single-file
    argument (cli.one_file_argument is true for any path without glob characters): no
    manifest, no skip on rerun, while a glob matching the same one file writes a manifest.
    A folder is a batch argument whatever it holds."""
    src = tmp_path / "one"
    src.mkdir()
    shutil.copy(GENRE[0], src / "a.txt")
    by_glob, by_folder = tmp_path / "g", tmp_path / "f"
    assert cli(str(src / "*.txt"), "--out", by_glob, "-q").returncode == 0
    assert cli(src, "--out", by_folder, "-q").returncode == 0
    assert (by_glob / "_manifest.jsonl").is_file()
    assert (by_folder / "_manifest.jsonl").is_file(), "a folder argument wrote no manifest"


def test_finding_sigkill_leaves_no_orphan_workers_writing(tmp_path: Path) -> None:
    """FINDING: after `kill -9` of the run (the parent alone, as an OOM killer or `kill -9 PID`
    does), its --jobs workers, the fork server and the resource tracker live on forever (the
    workers block on the call queue; ~130 MB each), and for a moment keep publishing files into
    the output folder although no process holds its lock any more."""
    src = tmp_path / "in"
    notices(src, 300)
    ds = tmp_path / "ds"
    p = popen(src, "--dataset", ds, "--jobs", "2", "-q")
    helpers: list[int] = []
    try:
        assert wait_for(lambda: len(manifest(ds)) >= 5), "the run did not start"
        helpers = descendants(p.pid)
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=10)
        at_kill = len(glob.glob(str(ds / "json" / "*.json")))
        time.sleep(3)
        later = len(glob.glob(str(ds / "json" / "*.json")))
        survivors = [pid for pid in helpers if alive(pid)]
        assert survivors == [], f"processes left running after the run died: {survivors}"
        assert later == at_kill, f"{later - at_kill} files published after the run died"
    finally:
        reap([p.pid, *helpers])


def test_finding_a_worker_dying_does_not_stop_the_run(tmp_path: Path) -> None:
    """FINDING: one pool worker dying (a segfault in a C reader on a hostile file, the OOM
    killer) ends the whole run: `Error: <folder>: internal error: BrokenProcessPool ...`, exit
    70, and every input not yet finished has no manifest line. Bad files must never stop the
    run: the input in flight should fail alone (or be retried, as the dask engine does)."""
    src = tmp_path / "in"
    made = notices(src, 200)
    ds = tmp_path / "ds"
    p = popen(src, "--dataset", ds, "--jobs", "2", "-q")
    helpers: list[int] = []
    try:
        assert wait_for(lambda: len(manifest(ds)) >= 3), "the run did not start"
        helpers = descendants(p.pid)
        workers = [pid for pid in helpers if pid not in map(int, _children(p.pid))]
        assert workers, helpers
        os.kill(workers[0], signal.SIGKILL)
        _, err = p.communicate(timeout=60)
    finally:
        reap([p.pid, *helpers])
    assert "BrokenProcessPool" not in err
    assert len(manifest(ds)) == len(made), f"{len(made) - len(manifest(ds))} inputs lost; {err[-300:]}"


def _children(pid: int) -> list[str]:
    return subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()


def test_finding_closed_stdout_does_not_end_a_folder_run_silently(tmp_path: Path) -> None:
    """FINDING: `parse FOLDER --out DIR | head -1` (or quitting `less`): the first per-document
    line that hits the closed pipe raises BrokenPipeError, which cli.guarded turns into exit 0,
    so the run stops after a document or two, says nothing, and exits 0 with every other input
    unparsed and without a manifest line. With --out DIR stdout carries only progress lines:
    the run should finish (or at least not report success)."""
    src = tmp_path / "in"
    made = notices(src, 60)
    out = tmp_path / "out"
    p = popen(src, "--out", out, "--jobs", "1", stdout=subprocess.PIPE)
    assert p.stdout is not None
    p.stdout.readline()
    p.stdout.close()  # what `| head -1` does
    _, err = p.communicate(timeout=60)
    no_traceback(err)
    finished = len(manifest(out))
    assert finished == len(made) or p.returncode != 0, f"exit 0 with {len(made) - finished} inputs not parsed"


def test_finding_bad_scheduler_address_is_not_an_internal_error(tmp_path: Path) -> None:
    """FINDING: `--engine dask --scheduler garbage` ends `Error: <first input>: internal error:
    ValueError: missing port number in address 'garbage'`, exit 70 (which means 'a bug, please
    report it'); an unreachable scheduler is exit 1 and a malformed address a usage error."""
    pytest.importorskip("distributed")
    r = cli(GENRE[0], GENRE[1], "--dataset", tmp_path / "ds", "--engine", "dask", "--scheduler", "garbage")
    no_traceback(r.stderr)
    assert r.returncode in (1, 2), r.stderr
    assert "internal error" not in r.stderr


def test_finding_a_skipped_failure_still_prints_its_error_line(tmp_path: Path) -> None:
    """FINDING: a rerun skips an input that failed (exit 3, 6, 7) and exits with its code, but
    prints no `Error: <file>: <problem>` line: with -q the run exits 3 and stderr is empty, so
    nothing says which input failed. Every failure is one `Error:` line on stderr."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    shutil.copy(GENRE[0], src / "good.txt")
    out = tmp_path / "out"
    first = cli(src, "--out", out, "-q")
    assert first.returncode == 3 and "empty.txt" in first.stderr
    again = cli(src, "--out", out, "-q")
    assert again.returncode == 3
    assert "Error:" in again.stderr and "empty.txt" in again.stderr, repr(again.stderr)


def test_finding_dataset_after_the_original_of_a_duplicate_changes(tmp_path: Path) -> None:
    """FINDING: a.txt and b.txt hold the same bytes: b is a duplicate of a and the document's
    files carry a's path. Then a.txt changes. The rerun reparses a (right) and skips b, so the
    dataset still says the document comes from a.txt (json/<id>.json source.path, the
    source_path column) and the manifest says b.txt is a duplicate of a.txt, which it no
    longer is. A clean run over the same folder gives other bytes: the dataset depends on its
    history."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(GENRE[0], src / "a.txt")
    shutil.copy(GENRE[0], src / "b.txt")
    shutil.copy(GENRE[2], src / "c.txt")
    ds, clean = tmp_path / "ds", tmp_path / "clean"
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    shutil.copy(GENRE[3], src / "a.txt")
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    assert cli(src, "--dataset", clean, "-q").returncode == 0
    assert snapshot(ds) == snapshot(clean)


def test_finding_file_name_too_long_is_not_an_internal_error(tmp_path: Path) -> None:
    """FINDING: a notice named with 78 CJK characters (238 bytes: fine for the input) cannot
    get its outputs (`<name>.assignments.parquet` passes the 255-byte limit). The run goes on,
    but that input ends `internal error: OSError: [Errno 36] File name too long`, exit 70
    (a bug, please report it); it is an output that cannot be written (exit 1), and could be
    refused before anything runs."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(GENRE[0], src / ("长" * 78 + ".txt"))
    shutil.copy(GENRE[1], src / "z.txt")
    r = cli(src, "--out", tmp_path / "out", "-q")
    assert (tmp_path / "out" / "z.txt.json").is_file()
    assert r.returncode != 70 and "internal error" not in r.stderr, r.stderr


def test_finding_a_killed_manifest_rewrite_leaves_nothing_behind(tmp_path: Path) -> None:
    """FINDING (simulated): a run killed while it rewrites the manifest leaves
    `._manifest.jsonl.<pid>.tmp` (manifest.rewrite). Nothing ever removes it, so the folder
    never again equals the one of an uninterrupted run. (The window is short; the test
    plants the file such a kill leaves.)"""
    src = tmp_path / "in"
    notices(src, 3)
    ds = tmp_path / "ds"
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    (ds / "._manifest.jsonl.99999.tmp").write_text('{"path": "half', encoding="utf-8")
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    assert not list(ds.glob("._manifest.jsonl.*.tmp"))


# =========================================================================== promises that held


def test_jobs_and_engines_write_the_same_dataset(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notices(src, 30, nested=True)
    shutil.copy(SEED, src / "seed.txt")
    shutil.copy(SEED, src / "d1" / "seed-copy.txt")  # identical content under two names
    (src / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "j1", tmp_path / "j2"
    r1 = cli(src, "--dataset", one, "--jobs", "1", "-q")
    r2 = cli(src, "--dataset", two, "--jobs", "2", "-q")
    assert r1.returncode == r2.returncode == 3
    assert snapshot(one) == snapshot(two)


def test_dask_engine_writes_the_same_dataset(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    notices(src, 12, nested=True)
    (src / "empty.txt").write_bytes(b"")
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert cli(src, "--dataset", local, "--jobs", "1", "-q").returncode == 3
    r = cli(src, "--dataset", dask, "--jobs", "2", "--engine", "dask", "-q", timeout=120)
    assert r.returncode == 3, r.stderr
    no_traceback(r.stderr)
    assert snapshot(local) == snapshot(dask)


def test_dataset_reads_in_one_call_and_doc_id_is_the_bytes_hash(tmp_path: Path) -> None:
    import pyarrow.dataset as pads

    src = tmp_path / "in"
    made = notices(src, 8)
    ds = tmp_path / "ds"
    assert cli(src, "--dataset", ds, "--jobs", "2", "-q").returncode == 0
    lines = manifest(ds)
    assert len(lines) == len(made)
    for line in lines:
        sha = hashlib.sha256(Path(line["path"]).read_bytes()).hexdigest()
        assert line["sha256"] == sha and line["doc_id"] == sha[:16]
        assert f"tasks/{sha[:16]}.parquet" in line["outputs"]
        assert f"json/{sha[:16]}.json" in line["outputs"]
        assert all((ds / name).is_file() for name in line["outputs"])
    total = sum(line["tasks"] for line in lines)
    assert pads.dataset(ds / "tasks").to_table().num_rows == total
    pd = pytest.importorskip("pandas")
    assert len(pd.read_parquet(ds / "tasks")) == total
    duckdb = pytest.importorskip("duckdb")
    assert duckdb.sql(f"select count(*) from '{ds}/tasks/*.parquet'").fetchall()[0][0] == total
    pl = pytest.importorskip("polars")
    assert pl.read_parquet(str(ds / "tasks" / "*.parquet")).height == total


def test_collision_is_refused_before_anything_runs(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(GENRE[0 if sub == "a" else 1], tmp_path / sub / "x.txt")
    out = tmp_path / "out"
    r = cli(tmp_path / "a", tmp_path / "b", "--out", out)
    assert r.returncode == 2
    assert r.stderr.startswith("Error: ") and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_folder_walk_keeps_sub_folders_and_skips_junk(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / ".hidden").mkdir()
    shutil.copy(GENRE[0], src / "a.txt")
    shutil.copy(GENRE[1], src / "sub" / "a.txt")
    shutil.copy(GENRE[2], src / "sub" / "deeper" / "a.txt")
    shutil.copy(GENRE[3], src / ".hidden" / "h.txt")
    shutil.copy(GENRE[3], src / ".dot.txt")
    shutil.copy(GENRE[4], src / "with space.txt")
    shutil.copy(GENRE[5], src / "new\nline.txt")
    (src / "readme.rst").write_text("not a notice", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (src / "trunc.docx").write_bytes(b"PK\x03\x04" + bytes(2000))  # a cut-off zip
    os.symlink("nowhere.txt", src / "broken.txt")
    os.symlink(".", src / "sub" / "loop")
    os.symlink("..", src / "sub" / "deeper" / "up")
    out = tmp_path / "out"
    r = cli(src, "--out", out, "--jobs", "2")
    no_traceback(r.stderr)
    assert r.returncode == 3
    lines = {Path(line["path"]).relative_to(src).as_posix(): line for line in manifest(out)}
    assert set(lines) == {
        "a.txt",
        "sub/a.txt",
        "sub/deeper/a.txt",
        "with space.txt",
        "new\nline.txt",
        "empty.txt",
        "binary.txt",
        "trunc.docx",
        "broken.txt",
    }
    for rel in ("a.txt", "sub/a.txt", "sub/deeper/a.txt"):
        assert (out / (rel + ".json")).is_file()
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 4  # empty, binary, trunc, broken: one line each
    assert any("new\\nline.txt" in line for line in r.stdout.splitlines())  # escaped, one line


def test_rerun_skips_and_changed_options_reparse(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notices(src, 3)
    out = tmp_path / "out"
    gaz = tmp_path / "g.csv"
    shutil.copy(ROOT / "pipeline" / "data" / "gazetteers" / "栾川县.csv", gaz)

    def seconds(*extra: object) -> dict[str, float]:
        """Run; each input's manifest `seconds` (unchanged when the input was skipped)."""
        r = cli(src, "--out", out, "-q", "--lang", "en", *extra)
        assert r.returncode in (0, 7), r.stderr
        return {line["path"]: line["seconds"] for line in manifest(out)}

    skipped = seconds
    first = skipped()
    assert skipped() == first  # skipped: the lines (and their seconds) are kept
    for extra in (
        ("--to", "json,xlsx"),
        ("--to", "json,xlsx", "--strict"),
        ("--to", "json,xlsx", "--strict", "--gazetteer", gaz),
    ):
        prev = skipped(*extra)
        assert prev != first, f"{extra} did not reparse"
        assert skipped(*extra) == prev, f"{extra} reparsed on the second run"
        first = prev
    gaz.write_text(gaz.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the gazetteer changed
    assert skipped("--to", "json,xlsx", "--strict", "--gazetteer", gaz) != first
    forced = cli(src, "--out", out, "--to", "json,xlsx", "--strict", "--gazetteer", gaz, "--force")
    assert "skipped" not in forced.stdout


def test_changed_notice_replaces_its_files_and_nothing_else(tmp_path: Path) -> None:
    src = tmp_path / "in"
    made = notices(src, 4)
    ds, clean = tmp_path / "ds", tmp_path / "clean"
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    before = snapshot(ds)
    old_id = hashlib.sha256(made[1].read_bytes()).hexdigest()[:16]
    made[1].write_text(genre_text(GENRE[20]), encoding="utf-8")
    assert cli(src, "--dataset", ds, "-q").returncode == 0
    assert cli(src, "--dataset", clean, "-q").returncode == 0
    after = snapshot(ds)
    assert after == snapshot(clean)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    new_id = hashlib.sha256(made[1].read_bytes()).hexdigest()[:16]
    assert changed and all(k == "_manifest.jsonl" or old_id in k or new_id in k for k in changed), changed


def test_sigkill_at_random_moments_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notices(src, 150, nested=True)
    clean, ds = tmp_path / "clean", tmp_path / "ds"
    assert cli(src, "--dataset", clean, "--jobs", "2", "-q").returncode == 0
    for k, lines in enumerate((0, 10, 40, 90)):
        p = popen(src, "--dataset", ds, "--jobs", str(1 + k % 2), "-q", start_new_session=True)
        wait_for(lambda p=p, lines=lines: len(manifest(ds)) >= lines or p.poll() is not None, 10)
        time.sleep(0.013 * k)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)  # the whole group: see the orphan-worker finding
        p.wait(timeout=10)
    r = cli(src, "--dataset", ds, "--jobs", "2", "-q")
    assert r.returncode == 0, r.stderr
    assert snapshot(ds) == snapshot(clean)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_exits_130_and_leaves_whole_files(tmp_path: Path, jobs: str) -> None:
    import pyarrow.parquet as pq

    src = tmp_path / "in"
    notices(src, 200)
    ds = tmp_path / "ds"
    p = popen(src, "--dataset", ds, "--jobs", jobs, "-q", start_new_session=True)
    assert wait_for(lambda: len(manifest(ds)) >= 5)
    os.killpg(p.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130
    assert err.strip().splitlines() == ["Error: interrupted"], err
    assert not list(ds.glob(".staging-*")) and not (ds / ".lock").exists()
    for path in ds.glob("*/*.parquet"):
        pq.read_table(path)
    for path in ds.glob("json/*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for line in manifest(ds):
        assert all((ds / name).is_file() for name in line["outputs"])


def test_two_concurrent_runs_into_one_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notices(src, 60)
    clean, ds = tmp_path / "clean", tmp_path / "ds"
    assert cli(src, "--dataset", clean, "-q").returncode == 0
    a = popen(src, "--dataset", ds, "--jobs", "1", "-q")
    b = popen(src, "--dataset", ds, "--jobs", "2", "-q")
    assert a.wait(timeout=60) == 0 and b.wait(timeout=60) == 0
    assert snapshot(ds) == snapshot(clean)


def test_stdout_jsonl_in_input_order_and_head_is_quiet(tmp_path: Path) -> None:
    src = tmp_path / "in"
    notices(src, 20)
    (src / "n0005.txt").write_bytes(b"")  # a failure in the middle
    outs = []
    for jobs in ("1", "2"):
        r = cli(src, "--out", "-", "--jobs", jobs)
        assert r.returncode == 3
        outs.append(r.stdout)
    assert outs[0] == outs[1]
    docs = [json.loads(line) for line in outs[0].splitlines()]
    assert len(docs) == 19
    assert [Path(d["source"]["path"]).name for d in docs] == sorted(
        p.name for p in src.iterdir() if p.name != "n0005.txt"
    )
    one = cli(GENRE[0], "--out", "-")
    assert one.stdout.startswith("{\n")
    shell = subprocess.run(
        f"{sys.executable} -m pipeline parse {src} --out - --jobs 2 | head -c 10 >/dev/null",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    no_traceback(shell.stderr)
    assert "BrokenPipe" not in shell.stderr


def test_single_file_writes_no_manifest_and_always_parses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        r = cli(GENRE[0], "--out", out)
        assert r.returncode == 0 and "skipped" not in r.stdout
    assert not (out / "_manifest.jsonl").exists()


def test_stdin_needs_format_and_same_file_twice_is_one_input(tmp_path: Path) -> None:
    r = cli("-", "--out", tmp_path / "o")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    rel = GENRE[0].relative_to(ROOT)
    out = tmp_path / "out"
    r = cli(rel, f"./{rel}", GENRE[0], "--out", out, "-q")
    assert r.returncode == 0
    assert len(list(out.glob("*.json"))) == 1


def test_memory_stays_flat_over_many_files(tmp_path: Path) -> None:
    """500+ small files in-process: peak RSS does not grow with the number of documents."""
    src = tmp_path / "in"
    made = notices(src, 520, nested=True)
    small = tmp_path / "small"
    small.mkdir()
    for path in made[:60]:
        os.symlink(path, small / f"{path.parent.name}-{path.name}")

    def peak(folder: Path, ds: Path) -> int:
        code = (
            "import resource, subprocess, sys;"
            f"r = subprocess.run({[*CLI, str(folder), '--dataset', str(ds), '--jobs', '1', '-q']!r}, "
            f"cwd={str(ROOT)!r});"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
        )
        rss, rc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        ).stdout.split()
        assert rc == "0"
        return int(rss)

    few, many = peak(small, tmp_path / "d1"), peak(src, tmp_path / "d2")
    assert len(manifest(tmp_path / "d2")) == 520
    assert many < few * 1.3 + 20_000, (few, many)
