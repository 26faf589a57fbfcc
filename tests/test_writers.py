"""Writers (pipeline/writers/): one table of outputs, one atomic write, a lock per output folder.

A writer that fails leaves no partial file and no staging folder; stale staging folders are
removed; concurrent runs into one folder never interleave (the second waits, or fails clearly)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import writers
from pipeline.runner import parse
from pipeline.writers import atomic, html, xlsx
from schemas.notice import ParseResult
from tests.conftest import ROOT, SEED

ALL = ["json", "parquet", "xlsx", "html"]


@cache
def seed() -> ParseResult:
    return parse(SEED)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_every_output_is_a_writer() -> None:
    for name in writers.OUTPUTS:
        w = writers.writer(name)
        assert w.SUFFIXES and callable(w.write), name
    assert writers.output_names("a", ALL) == [
        "a.json",
        "a.tasks.parquet",
        "a.assignments.parquet",
        "a.units.parquet",
        "a.targets.parquet",
        "a.xlsx",
        "a.html",
    ]
    with pytest.raises(ValueError, match="choose from json, parquet, xlsx, html"):
        writers.output_names("a", ["pdf"])


def test_all_four_outputs(tmp_path: Path) -> None:
    written = writers.write_outputs(seed(), tmp_path, "seed", ALL)
    assert [p.name for p in written] == writers.output_names("seed", ALL)
    assert names(tmp_path) == sorted(writers.output_names("seed", ALL))  # no .lock, no staging left


def test_default_is_json_and_parquet(tmp_path: Path) -> None:
    writers.write_outputs(seed(), tmp_path, "seed")
    assert names(tmp_path) == [
        "seed.assignments.parquet",
        "seed.json",
        "seed.targets.parquet",
        "seed.tasks.parquet",
        "seed.units.parquet",
    ]


@pytest.mark.parametrize("failing", ["xlsx", "html"])
def test_a_writer_failing_midway_leaves_nothing(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = {"xlsx": xlsx, "html": html}[failing]

    def boom(result: ParseResult, dest: Path) -> None:
        dest.with_name(dest.name + module.SUFFIXES[0]).write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "write", boom)
    with pytest.raises(OSError, match="No space"):
        writers.write_outputs(seed(), tmp_path, "seed", ALL)
    assert names(tmp_path) == []


def test_a_failed_rewrite_keeps_the_previous_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers.write_outputs(seed(), tmp_path, "seed", ["json", "html"])
    before = {n: (tmp_path / n).read_bytes() for n in names(tmp_path)}

    def boom(result: ParseResult, dest: Path) -> None:
        raise RuntimeError("bug in a writer")

    monkeypatch.setattr(html, "write", boom)
    with pytest.raises(RuntimeError):
        writers.write_outputs(seed(), tmp_path, "seed", ["json", "html"])
    assert {n: (tmp_path / n).read_bytes() for n in names(tmp_path)} == before


def test_json_is_renamed_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    real = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        order.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    writers.write_outputs(seed(), tmp_path, "seed", ALL)
    assert order[-1] == "seed.json" and len(order) == len(writers.output_names("seed", ALL))


def test_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".staging-killedrun"
    stale.mkdir()
    (stale / "seed.xlsx").write_bytes(b"half")
    (tmp_path / "keep.txt").write_text("not ours")
    writers.write_outputs(seed(), tmp_path, "seed", ["json"])
    assert names(tmp_path) == ["keep.txt", "seed.json"]


def test_a_lock_left_by_a_killed_run_is_reused(tmp_path: Path) -> None:
    (tmp_path / ".lock").write_text("999999\n")  # a file alone holds no lock
    writers.write_outputs(seed(), tmp_path, "seed", ["json"], timeout=0.5)
    assert names(tmp_path) == ["seed.json"]


def test_a_busy_folder_waits_then_fails_clearly(tmp_path: Path) -> None:
    told: list[str] = []
    with atomic.output_lock(tmp_path):
        start = time.monotonic()
        with pytest.raises(atomic.OutputBusyError) as info:
            writers.write_outputs(seed(), tmp_path, "seed", ["json"], timeout=0.3, on_wait=told.append)
        assert time.monotonic() - start >= 0.3
    message = str(info.value)
    assert str(tmp_path) in message and f"pid {os.getpid()}" in message and "0.3 s" in message
    assert told == [f"waiting for another run (pid {os.getpid()}) writing into {tmp_path}"]
    assert names(tmp_path) == []


def test_concurrent_writers_never_interleave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """flock locks belong to an open file, so two threads contend like two processes."""
    events: list[str] = []
    real = html.write

    def slow(result: ParseResult, dest: Path) -> None:
        me = threading.current_thread().name
        events.append(f"{me} start")
        time.sleep(0.2)
        real(result, dest)
        events.append(f"{me} end")

    monkeypatch.setattr(html, "write", slow)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            writers.write_outputs(seed(), tmp_path, "seed", ["json", "html"], timeout=10)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, name=f"w{i}") for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(0, len(events), 2):
        assert events[i].replace("start", "end") == events[i + 1], events
    assert len(events) == 6
    assert names(tmp_path) == ["seed.html", "seed.json"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "text": st.text(st.characters(blacklist_categories=["Cs"])),
                "n": st.none() | st.integers(-(2**31), 2**31 - 1),
                "names": st.lists(
                    st.text(st.characters(blacklist_categories=["Cs"]), max_size=8), max_size=4
                ),
                "value": st.floats(allow_nan=False, allow_infinity=False),
            }
        ),
        max_size=6,
    )
)
def test_rows_to_table_is_from_pylist_without_pandas(rows: list[dict[str, object]]) -> None:
    import pyarrow as pa

    from pipeline.writers.parquet import rows_to_table

    schema = pa.schema(
        [
            pa.field("text", pa.string(), nullable=False),
            pa.field("n", pa.int32()),
            pa.field("names", pa.list_(pa.string())),
            pa.field("value", pa.float64(), nullable=False),
        ]
    )
    assert rows_to_table(rows, schema).equals(pa.Table.from_pylist(rows, schema=schema))


def test_writing_parquet_never_imports_pandas(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pipeline import cli\n"
        f"code = cli.main(['parse', {str(SEED)!r}, '--out', {str(tmp_path)!r}, '-q'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'pandas')\n"
        "assert code == 0 and not loaded, loaded[:3]\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert list(tmp_path.glob("*.parquet"))


def test_per_notice_parquet_reads_back_as_the_collection_tables(tmp_path: Path) -> None:
    """The files a one-file run writes (standard-library writer) hold what the collection writer's
    pyarrow tables hold, row for row, with the same column types and file metadata."""
    import pyarrow.parquet as pq

    from pipeline import parse
    from pipeline.writers import parquet

    result = parse(SEED)
    parquet.write(result, tmp_path / "seed")
    for table, suffix in zip(parquet.result_to_tables(result), parquet.SUFFIXES, strict=True):
        written = pq.read_table(tmp_path / f"seed{suffix}")
        assert written.to_pylist() == table.to_pylist()
        assert [(f.name, f.nullable) for f in written.schema] == [(f.name, f.nullable) for f in table.schema]
        assert [str(f.type).replace("element", "item") for f in written.schema] == [
            str(f.type) for f in table.schema
        ]
        assert pq.read_metadata(tmp_path / f"seed{suffix}").metadata == parquet.file_metadata()
