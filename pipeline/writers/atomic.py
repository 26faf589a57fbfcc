"""The one atomic write every writer shares: a lock per output folder, a private staging folder,
renames into place.

What a reader of an output folder can rely on (also in the README):

- a file named `<stem>.<ext>` is always whole: it is written in `.staging-<random>/` inside the
  folder and renamed into place (a rename within one file system is atomic);
- the files of one input are renamed one after another while the run holds `.lock`, the JSON
  last, with SIGINT/SIGTERM held back meanwhile: two runs never mix their files of one input;
- `.staging-*` folders are work in progress or left by a killed run; the next run into the
  folder removes them while it holds the lock (every run stages only while holding it, so any
  staging folder it then finds is stale);
- `.lock` exists while a run writes (a killed run may leave it behind: it is reused).

The lock is `fcntl.flock` on `<out>/.lock`. The holder removes the file before it lets go, so an
idle folder holds only outputs; a waiter that then gets the lock of the removed file notices
(its inode is no longer the one at the path) and tries again. Where fcntl is missing (Windows)
there is no lock. Only a SIGKILL in the microseconds between two renames can leave an input's
set half old, half new.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import PipelineError

LOCK_NAME = ".lock"
STAGING_PREFIX = ".staging-"
DEFAULT_LOCK_TIMEOUT = 60.0  # seconds a run waits for another run writing into the same folder
DEFAULT_POLL_SECONDS = 0.05
HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class OutputBusyError(PipelineError):
    """Another run kept the output folder locked past the timeout."""

    exit_code = 1


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


@contextlib.contextmanager
def output_lock(
    out_dir: Path,
    timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock of `out_dir`; wait up to `timeout` seconds for another holder.

    `on_wait` is called once with a message when the lock is busy; after `timeout` an
    `OutputBusyError` names the folder and the holder's pid."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock_path = out_dir / LOCK_NAME
    deadline = time.monotonic() + timeout
    told = False
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = _holder(lock_path)
            if time.monotonic() >= deadline:
                raise OutputBusyError(
                    f"{out_dir}: another run{holder} is writing into this folder; "
                    f"gave up after {timeout:g} s (--wait SECONDS waits longer)"
                ) from None
            if on_wait is not None and not told:
                on_wait(f"waiting for another run{holder} writing into {out_dir}")
                told = True
            time.sleep(DEFAULT_POLL_SECONDS)
            continue
        if _same_file(fd, lock_path):
            break
        os.close(fd)  # the previous holder removed the file we locked: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        os.close(fd)


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove `.staging-*` folders; call it only while holding the folder's lock."""
    stale = [p for p in out_dir.glob(f"{STAGING_PREFIX}*") if p.is_dir()]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


@contextlib.contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
    """A private (0700) folder inside `out_dir`, removed with whatever is left in it."""
    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def publish(staging: Path, out_dir: Path, names: list[str]) -> list[Path]:
    """Rename `names` from `staging` into `out_dir`, in the order given, signals held back."""
    missing = [n for n in names if not (staging / n).is_file()]
    if missing:
        raise RuntimeError(f"a writer did not write {', '.join(missing)}")
    with _signals_held():
        for name in names:
            os.replace(staging / name, out_dir / name)
    return [out_dir / n for n in names]
