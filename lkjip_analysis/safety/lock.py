"""One run per year and folder at a time: a second run that would write the same data or
reports year folder stops at once with a clear message, or waits for it up to a set time."""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..errors import LkjipError
from ..i18n import _

log = logging.getLogger("lkjip")
POLL_SECONDS = 0.2


class BusyError(LkjipError):
    """Another run holds the year's lock."""


@contextmanager
def year_lock(lock_file: Path, wait: float = 0) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` for the block, waiting at most `wait` seconds for
    another run to release it."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        _acquire(handle, lock_file, wait)
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


def _acquire(handle, lock_file: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or _("unknown")
            if time.monotonic() >= deadline:
                waited = _(" (waited {seconds} s)").format(
                    seconds=f"{wait:g}".replace(".", ",")) if wait else ""
                raise BusyError(_("another lkjip process for {year} is working (process "
                                  "{holder}, lock {lock}){waited}; wait for it to finish, or "
                                  "give --wait SECONDS").format(
                                      year=_year_of(lock_file), holder=holder, lock=lock_file,
                                      waited=waited)) from None
            if not told:
                log.warning(_("waiting up to %g s for process %s (lock %s)"), wait, holder,
                            lock_file)
                told = True
            time.sleep(POLL_SECONDS)


def _year_of(lock_file: Path) -> str:
    """The year a lock file is for (`.2021.lock`), or the folder it guards."""
    name = lock_file.name.strip(".").removesuffix(".lock")
    return _("year {year}").format(year=name) if name.isdigit() else str(lock_file.parent)


@contextmanager
def holding(*lock_files: Path, wait: float = 0) -> Iterator[None]:
    """Hold every lock for the block, taken in one fixed order so that two runs never wait on
    each other crosswise; one still busy after `wait` seconds stops the run, and the locks
    taken so far are released."""
    with ExitStack() as stack:
        for lock_file in sorted(set(lock_files)):
            stack.enter_context(year_lock(lock_file, wait))
        yield


def year_locks(paths) -> list[Path]:
    """The lock files of a year's build: its data folder's and its reports folder's."""
    return [paths.lock_file, paths.reports_lock_file]
