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
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pipeline import work
from pipeline.errors import PipelineError
from pipeline.inputs import Input
from pipeline.work import Options, Outcome, died, process

Job = tuple[int, Input, bytes, str]  # index in the run, the input, its bytes, their sha256
IN_FLIGHT_PER_WORKER = 2
PARENT_POLL_SECONDS = 0.5
MAX_TRIES = 2  # an input in flight when a worker died is tried once more
TASKS_PER_CHILD = 500  # a worker is replaced after this many documents: its caches stay bounded


class EngineError(PipelineError):
    """The engine cannot start: its extra is not installed, or the scheduler is unreachable."""

    exit_code = 1


def in_process(jobs: Iterable[Job], options: Options, fingerprint: str) -> Iterator[tuple[int, Outcome]]:
    for index, item, data, sha in jobs:
        yield index, process(item, data, sha, options, fingerprint)


def _worker_start(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and a worker whose run was killed
    (SIGKILL leaves no chance to stop it) ends within a second instead of writing on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while work.alive(parent):
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.work", "pipeline.runner"])
    _start_helpers_silenced()
    bounded: dict[str, Any] = {"max_tasks_per_child": TASKS_PER_CHILD} if sys.version_info >= (3, 11) else {}
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),), **bounded
    )


def process_pool(
    jobs: Iterable[Job], options: Options, fingerprint: str, workers: int
) -> Iterator[tuple[int, Outcome]]:
    """A worker that dies (a crash in a native library, the out-of-memory killer) breaks the pool:
    a new one takes over, the inputs then in flight are tried once more, and an input in flight at
    two breaks fails alone (exit 70), the others go on."""
    pool = _pool(workers)
    pending: dict[Future[Outcome], Job] = {}
    tries: dict[int, int] = {}
    queue = iter(jobs)

    def submit(job: Job) -> None:
        index, item, data, sha = job
        pending[pool.submit(process, item, data, sha, options, fingerprint)] = job
        tries[index] = tries.get(index, 0) + 1

    def restart() -> list[tuple[int, Outcome]]:
        """A new pool; the broken one's jobs submitted again, or failed after their last try."""
        nonlocal pool
        broken = list(pending.values())
        pending.clear()
        pool.shutdown(wait=False, cancel_futures=True)
        pool = _pool(workers)
        failed = []
        for job in broken:
            if tries[job[0]] >= MAX_TRIES:
                failed.append((job[0], died(job[1], job[3], options, fingerprint)))
            else:
                submit(job)
        return failed

    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                job = next(queue, None)
                if job is None:
                    exhausted = True
                    break
                try:
                    submit(job)
                except BrokenProcessPool:  # a worker died before this job went out
                    yield from restart()
                    submit(job)
            if not pending:
                break
            try:
                yield from _finished(pending)
            except BrokenProcessPool:
                yield from restart()
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


def _finished(pending: dict[Future[Outcome], Job]) -> Iterator[tuple[int, Outcome]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in sorted(done, key=lambda f: pending[f][0]):
        outcome = future.result()  # raises BrokenProcessPool when a worker died
        yield pending.pop(future)[0], outcome


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
    except (OSError, TimeoutError, ValueError, TypeError) as exc:  # ValueError: not an address
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
