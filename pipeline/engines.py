"""Engines: where `work.process` runs. Each takes the jobs of a run lazily and yields
`(index, Outcome)` as jobs finish, with a bounded number in flight, so memory stays flat in
the number of documents.

- `in_process`: one job after another in this process (one input, or `--jobs 1`);
- `process_pool`: `--jobs N` worker processes on this machine (forkserver: each worker starts
  from a clean process that has imported the pipeline once, safe beside the progress thread);
- `dask`: a dask.distributed cluster (`--engine dask`, the optional extra
  `notice-parse[dask]`): a LocalCluster of `--jobs` workers, or `--scheduler tcp://host:8786`.
  Workers need only the package; the bytes travel to them and the rendered files come back,
  so they need no shared file system.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from pipeline.errors import PipelineError
from pipeline.inputs import Input
from pipeline.work import Options, Outcome, process

Job = tuple[int, Input, bytes, str]  # index in the run, the input, its bytes, their sha256
IN_FLIGHT_PER_WORKER = 2
TASKS_PER_CHILD = 200  # a worker is replaced after this many documents: its caches stay bounded


class EngineError(PipelineError):
    """The engine cannot start: its extra is not installed, or the scheduler is unreachable."""

    exit_code = 1


def in_process(jobs: Iterable[Job], options: Options, fingerprint: str) -> Iterator[tuple[int, Outcome]]:
    for index, item, data, sha in jobs:
        yield index, process(item, data, sha, options, fingerprint)


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def process_pool(
    jobs: Iterable[Job], options: Options, fingerprint: str, workers: int
) -> Iterator[tuple[int, Outcome]]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.work", "pipeline.runner"])
    _start_helpers_silenced()
    bounded: dict[str, Any] = {"max_tasks_per_child": TASKS_PER_CHILD} if sys.version_info >= (3, 11) else {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker, **bounded)
    pending: dict[Future[Outcome], int] = {}
    queue = iter(jobs)
    try:
        for index, item, data, sha in queue:
            pending[pool.submit(process, item, data, sha, options, fingerprint)] = index
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _finished(pending)
        while pending:
            yield from _finished(pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_helpers_silenced() -> None:
    """Start the fork server and the resource tracker with stderr on /dev/null.

    Workers fork from the server and inherit its stderr. Their results, errors and (with -v)
    tracebacks come back in the Outcome; what they would print themselves is noise, and a
    worker still starting when Ctrl-C shuts the pool down prints a traceback of its own."""
    from multiprocessing import forkserver, resource_tracker

    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _finished(pending: dict[Future[Outcome], int]) -> Iterator[tuple[int, Outcome]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in sorted(done, key=lambda f: pending[f]):
        yield pending.pop(future), future.result()


def dask(
    jobs: Iterable[Job], options: Options, fingerprint: str, workers: int, scheduler: str | None
) -> Iterator[tuple[int, Outcome]]:
    try:  # untyped, and absent without the extra: held as Any
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise EngineError(
            "--engine dask needs the optional extra: pip install 'notice-parse[dask]'"
        ) from None
    cluster: Any = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout="10s")
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = distributed.Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"cannot reach the dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        window = distributed.as_completed()
        indexes: dict[Any, int] = {}
        queue = iter(jobs)
        for index, item, data, sha in queue:
            future = client.submit(process, item, data, sha, options, fingerprint, pure=False)
            indexes[future.key] = index
            window.add(future)
            if window.count() >= workers * IN_FLIGHT_PER_WORKER:
                future = next(window)
                yield indexes.pop(future.key), future.result()
        for future in window:
            yield indexes.pop(future.key), future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
