"""One run per year and folder at a time: a second run that would write the same data or
reports year folder stops at once with a clear message."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from .errors import LkjipError


class BusyError(LkjipError):
    """Another run holds the year's lock."""


@contextmanager
def year_lock(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` for the block, or fail at once."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BusyError(f"another lkjip run for this year is in progress (process "
                            f"{holder}, lock {lock_file}); wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def holding(*lock_files: Path) -> Iterator[None]:
    """Hold every lock for the block, taken in one fixed order so that two runs never wait on
    each other crosswise; the first one busy stops the run at once."""
    with ExitStack() as stack:
        for lock_file in sorted(set(lock_files)):
            stack.enter_context(year_lock(lock_file))
        yield


@contextmanager
def year_run(paths, reports: bool = True) -> Iterator[None]:
    """The locks of every folder a run of `paths.year` writes: the data year's and, when it
    writes reports, the reports year's. Holding them, clear what an interrupted run left:
    staging folders and the notebooks of an earlier failure."""
    with holding(paths.lock_file, *([paths.reports_lock_file] if reports else [])):
        _clear(paths.processed.parent.glob(f".{paths.year}.new.*"))
        _clear([paths.processed.with_name(f".{paths.year}.old")])
        if reports:
            _clear([paths.reports_stage, paths.reports.with_name(f".{paths.year}.old"),
                    paths.failed_notebooks])
        yield


def _clear(folders) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
