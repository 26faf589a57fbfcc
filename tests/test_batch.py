"""Collections: folders and globs, a process pool, one dataset keyed by doc_id, the manifest,
resume after a SIGKILL, JSON Lines, stdin, and the dask engine writing the same bytes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

GENRE = ROOT / "tests" / "genre"
CLI = [sys.executable, "-m", "pipeline"]
BAD = {
    "bad-empty.txt": b"",
    "bad-junk.pdf": b"%PDF-1.7 not really\x00\x01",
    "bad-zip.docx": b"PK\x03\x04" + b"\x00" * 40,
}


def run(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=stdin is None,
        input=stdin,
        cwd=cwd,
        timeout=600,
    )


def collection(folder: Path, notices: int = 12) -> Path:
    """A folder of small notices (some in a sub-folder), the seed, and three bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(GENRE.glob("*.txt"))[:notices]
    for i, path in enumerate(texts):
        dest = folder / ("sub" if i % 3 == 0 else "") / path.name
        dest.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, dest)
    shutil.copyfile(SEED, folder / SEED.name)
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a notice extension: not walked
    return folder


def manifest(folder: Path) -> list[dict[str, object]]:
    lines = (folder / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def without_seconds(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in line.items() if k != "seconds"} for line in lines]


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "_manifest.jsonl"
    }


def test_a_folder_becomes_one_dataset_that_duckdb_reads_in_one_query(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    source = collection(tmp_path / "in")
    out = tmp_path / "ds"
    proc = run("parse", str(source), "--dataset", str(out), "--jobs", "2")
    lines = manifest(out)
    inputs = sorted(p for p in source.rglob("*") if p.suffix in (".txt", ".pdf", ".docx"))
    assert sorted(line["path"] for line in lines) == sorted(str(p) for p in inputs)  # a line for every input
    failed = {Path(str(line["path"])).name: line["exit"] for line in lines if line["status"] == "failed"}
    assert failed == {"bad-empty.txt": 3, "bad-junk.pdf": 3, "bad-zip.docx": 3}
    assert proc.returncode == 3, proc.stderr  # the highest of the inputs'
    assert sum(1 for ln in proc.stderr.splitlines() if ln.startswith("Error: ")) == 3
    rows = duckdb.sql(
        f"select doc_id, source_path, count(*) from '{out}/tasks/*.parquet' group by doc_id, source_path"
    ).fetchall()
    ok = {str(line["path"]): line for line in lines if line["status"] == "ok"}
    assert {r[1]: r[2] for r in rows} == {p: line["tasks"] for p, line in ok.items()}
    assert all(r[0] == ok[r[1]]["doc_id"] for r in rows)
    query = f"select count(*) from '{out}/assignments/*.parquet' where doc_id is null"
    assert duckdb.sql(query).fetchall() == [(0,)]
    seed_id = ok[str(source / SEED.name)]["doc_id"]
    assert json.loads((out / "json" / f"{seed_id}.json").read_text(encoding="utf-8"))["doc_id"] == seed_id


def test_every_reader_of_the_readme_reads_the_dataset(tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    source = collection(tmp_path / "in", notices=4)
    out = tmp_path / "ds"
    run("parse", str(source), "--dataset", str(out), "-q")
    tasks = pads.dataset(out / "tasks").to_table()
    assert tasks.num_rows == len(pd.read_parquet(out / "tasks")) > 50
    assert {"doc_id", "source_path", "doc_number", "title", "issuer", "issued_on", "task_id"} <= set(
        tasks.column_names
    )
    pairs = list(zip(tasks["doc_id"].to_pylist(), tasks["task_id"].to_pylist(), strict=True))
    assert len(pairs) == len(set(pairs))  # (doc_id, task_id) is the key across documents
    meta = pq.read_metadata(next((out / "tasks").glob("*.parquet"))).metadata
    assert (
        meta[b"notice_parse.schema_version"]
        == json.loads(next((out / "json").glob("*.json")).read_text(encoding="utf-8"))[
            "schema_version"
        ].encode()
    )
    polars = pytest.importorskip("polars")
    assert polars.read_parquet(out / "tasks" / "*.parquet").height == tasks.num_rows


def test_a_sigkilled_run_rerun_ends_with_the_same_dataset(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=30)
    clean = tmp_path / "clean"
    assert run("parse", str(source), "--dataset", str(clean), "-q", "--jobs", "1").returncode == 3
    killed = tmp_path / "killed"
    cmd = [
        *CLI,
        "parse",
        str(source),
        "--dataset",
        str(killed),
        "-q",
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # kill once some inputs are done
        path = killed / "_manifest.jsonl"
        if path.exists() and len(path.read_text(encoding="utf-8").splitlines()) >= 5:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(manifest(killed))
    assert 5 <= done < len(manifest(clean)), "the run was not killed mid-way"
    rerun = run("parse", str(source), "--dataset", str(killed), "--jobs", "2")
    assert rerun.returncode == 3
    assert f"{done} unchanged since the last run, skipped" in rerun.stdout or done == 0
    assert files(killed) == files(clean)
    assert without_seconds(manifest(killed)) == without_seconds(manifest(clean))


def test_a_rerun_skips_what_is_unchanged_and_replaces_a_changed_notice_only(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=4)
    out = tmp_path / "ds"
    run("parse", str(source), "--dataset", str(out), "-q")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run("parse", str(source), "--dataset", str(out))
    assert "unchanged since the last run, skipped" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before

    changed = source / SEED.name
    old_id = next(ln["doc_id"] for ln in manifest(out) if ln["path"] == str(changed))
    changed.write_bytes(SEED.read_bytes().replace("年底前".encode(), "年内".encode(), 1))
    run("parse", str(source), "--dataset", str(out), "-q")
    new_id = next(ln["doc_id"] for ln in manifest(out) if ln["path"] == str(changed))
    assert new_id != old_id
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    assert not [p for p in after if old_id in p.name]  # the old version's files are gone
    assert {p: t for p, t in after.items() if new_id not in p.name} == {
        p: t for p, t in before.items() if old_id not in p.name
    }  # and nothing else changed

    forced = run("parse", str(source), "--dataset", str(out), "--force")
    assert "skipped" not in forced.stdout


def test_changed_options_parse_again(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=2)
    out = tmp_path / "out"
    run("parse", str(source), "--out", str(out), "--to", "json", "-q")
    proc = run("parse", str(source), "--out", str(out), "--to", "json,xlsx")
    assert "skipped" not in proc.stdout
    assert (out / f"{SEED.name}.xlsx").is_file()


def test_the_same_bytes_twice_are_one_document_in_a_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(SEED, folder / name)
    out = tmp_path / "ds"
    proc = run("parse", str(folder), "--dataset", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = manifest(out)
    assert [line["status"] for line in lines] == ["ok", "duplicate"]
    assert lines[1]["duplicate_of"] == str(folder / "a.txt") and lines[0]["doc_id"] == lines[1]["doc_id"]
    assert len(list((out / "tasks").iterdir())) == 1


def test_folder_outputs_mirror_its_sub_folders_and_skip_the_output_folder(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=4)
    out = source / "outputs"  # inside the walked folder: never read back as input
    assert run("parse", str(source), "--out", str(out), "--to", "json,html", "-q").returncode == 3
    sub = sorted(p.name for p in (out / "sub").iterdir())
    assert sub and all(n.endswith((".txt.json", ".txt.html")) for n in sub)
    again = run("parse", str(source), "--out", str(out), "--to", "json,html")
    assert "outputs/" not in again.stdout + again.stderr


def test_several_inputs_to_stdout_are_json_lines_in_input_order(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=3)
    proc = run("parse", str(source), "--out", "-", "--jobs", "2")
    assert proc.returncode == 3
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    good = [str(p) for p in sorted(source.glob("*.txt")) if p.stat().st_size]  # the walk's order:
    good += [
        str(p) for p in sorted((source / "sub").glob("*.txt"))
    ]  # a folder's files, then its sub-folders'
    assert [d["source"]["path"] for d in docs] == good
    one = run("parse", str(SEED), "--out", "-")
    assert one.stdout.startswith("{\n  ")  # one file: indented JSON, as before
    assert json.loads(one.stdout)["doc_id"] == next(
        d["doc_id"] for d in docs if d["source"]["name"] == SEED.name
    )


def test_closing_stdout_early_exits_quietly(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=6)
    cmd = f"{sys.executable} -m pipeline parse {source} --out - -q | head -c 10 > /dev/null"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_stdin_is_one_document_whose_type_format_names(tmp_path: Path) -> None:
    docx = next(iter(sorted((ROOT.parent / "shared" / "fixtures").glob("*.docx"))), None)
    data, fmt = (docx.read_bytes(), "docx") if docx else (SEED.read_bytes(), "txt")
    proc = run("parse", "-", "--format", fmt, "--out", "-", stdin=data)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert len(result["tasks"]) == 50 and result["source"]["name"] == f"stdin.{fmt}"
    missing = run("parse", "-", "--out", "-", stdin=data)
    assert missing.returncode == 2 and b"needs --format" in missing.stderr


def test_a_glob_names_its_matches_and_one_matching_nothing_fails(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=6)
    proc = run("parse", str(source / "**" / "*.txt"), "--out", "-", "-q")
    expected = sorted(str(p) for p in source.rglob("*.txt") if p.stat().st_size)
    assert sorted(json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()) == expected
    none = run("parse", str(source / "*.nothing"), "--out", "-")
    assert none.returncode == 3 and "no file matches this pattern" in none.stderr


def mixed_collection(folder: Path) -> Path:
    """20 notices: 17 in .txt, .docx and .pdf (scripts/make_collection.py) and 3 bad files."""
    make = [sys.executable, "scripts/make_collection.py", str(folder), "--count", "17", "--bad", "3"]
    subprocess.run(
        [*make, "--seed", "7", "--jobs", "1", "--no-shared"], cwd=ROOT, check=True, capture_output=True
    )
    return folder


def test_the_dask_engine_writes_the_same_dataset_as_the_local_one(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    source = mixed_collection(tmp_path / "in")
    assert {p.suffix for p in source.iterdir()} >= {".txt", ".docx", ".pdf"}
    local, dask = tmp_path / "local", tmp_path / "dask"
    first = run("parse", str(source), "--dataset", str(local), "-q", "--jobs", "2")
    second = run("parse", str(source), "--dataset", str(dask), "-q", "--jobs", "2", "--engine", "dask")
    assert first.returncode == second.returncode != 0, second.stderr
    assert files(local) == files(dask)
    assert without_seconds(manifest(local)) == without_seconds(manifest(dask))
    lines = manifest(dask)
    assert len(lines) == 20 and sum(line["status"] == "failed" for line in lines) == 3


def test_the_dask_engine_runs_on_a_given_scheduler(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    source = collection(tmp_path / "in", notices=4)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        proc = run(
            "parse", str(source), "--dataset", str(tmp_path / "ds"), "-q", "--engine", "dask",
            "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert len(manifest(tmp_path / "ds")) == 8
    unreachable = run(
        "parse",
        str(source),
        "--dataset",
        str(tmp_path / "x"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert unreachable.returncode == 1
    assert unreachable.stderr.strip().splitlines()[-1].startswith("Error: cannot reach the dask scheduler")


def test_without_the_dask_extra_the_engine_says_what_to_install(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from pipeline import cli\n"
        f"raise SystemExit(cli.main(['parse', {str(SEED)!r}, {str(SEED)!r}, '--dataset', "
        f"{str(tmp_path / 'ds')!r}, '--engine', 'dask']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("pip install 'notice-parse[dask]'"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_sigint_stops_a_batch_with_130_and_whole_files(tmp_path: Path) -> None:
    source = collection(tmp_path / "in", notices=30)
    out = tmp_path / "ds"
    cmd = [*CLI, "parse", str(source), "--dataset", str(out), "-q", "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out / "_manifest.jsonl").exists():
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 130:
        pytest.skip(f"the run ended before the signal (exit {proc.returncode})")
    assert err.strip().splitlines()[-1] == "Error: interrupted"
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
    for line in manifest(out):  # every recorded input's files are whole
        for name in line["outputs"]:  # type: ignore[attr-defined]
            assert (out / name).stat().st_size > 0


def test_the_readme_dataset_recipes_run(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("polars")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### One dataset", 1)[1].split("\n### ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```python\n")[1:]]
    assert len(blocks) == 4  # pyarrow, pandas, DuckDB, polars
    out = tmp_path / "ds"
    run("parse", str(collection(tmp_path / "in", notices=3)), "--dataset", str(out), "-q")
    for block in blocks:
        exec(compile(block.replace("DIR", str(out)), "README.md", "exec"), {})


def test_a_progress_bar_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    source = collection(tmp_path / "in", notices=4)
    leader, follower = pty.openpty()
    cmd = [
        *CLI,
        "parse",
        str(source),
        "--out",
        str(tmp_path / "a"),
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(leader)
    terminal = shown.decode("utf-8", "replace")
    assert "parsing" in terminal and "/8" in terminal  # the bar: its label and done/total
    assert "documents:" in out and ": 4 tasks" not in out  # the summary; no per-document lines
    piped = run("parse", str(source), "--out", str(tmp_path / "b"), "--jobs", "1")
    assert "parsing" not in piped.stderr and "\x1b[" not in piped.stderr


def test_one_file_given_twice_is_one_input_in_a_dataset(tmp_path: Path) -> None:
    shutil.copyfile(SEED, tmp_path / "a.txt")
    out = tmp_path / "ds"
    proc = run("parse", "a.txt", "./a.txt", "sub/../a.txt", "--dataset", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [line["path"] for line in manifest(out)] == ["a.txt"]
