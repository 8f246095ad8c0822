"""Child processes that do not outlive their parent, and the scratch folders they leave.

A process killed outright (`kill -9`, the kernel's out-of-memory killer) cleans nothing up: a
child it started keeps running, a temporary folder stays. So a child asks the kernel to end it
with its parent (`die_with_parent`), and each scratch folder carries its owner's process id in
its name (`scratch`), so that the next run removes the folders of owners that are gone
(`remove_orphans`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_SCRATCH = re.compile(r"^lkjip-[a-z]+-(\d+)-")


def die_with_parent(parent: int, sig: int = signal.SIGKILL) -> None:
    """End this process with `sig` when its parent ends (Linux); if the parent `parent` is
    already gone, end now."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def scratch(kind: str) -> Iterator[Path]:
    """A temporary folder `lkjip-<kind>-<pid>-…`, removed at the end of the block."""
    with tempfile.TemporaryDirectory(prefix=f"lkjip-{kind}-{os.getpid()}-") as folder:
        yield Path(folder)


def remove_orphans() -> int:
    """Remove the scratch folders of processes that are gone (this user's own, never through
    a link); how many were removed."""
    removed = 0
    root = Path(tempfile.gettempdir())
    for folder in root.iterdir():
        match = _SCRATCH.match(folder.name)
        if not match or folder.is_symlink() or not folder.is_dir():
            continue
        with contextlib.suppress(OSError):
            if folder.stat().st_uid == os.getuid() and not _alive(int(match.group(1))):
                shutil.rmtree(folder)
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's: alive
    return True
