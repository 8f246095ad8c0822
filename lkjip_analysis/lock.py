"""One run per year at a time: a second run for the same year stops with a clear message."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
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
