"""Writes that either happen whole or not at all: a failed run leaves earlier outputs as
they were."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write `path` through a temporary sibling renamed into place."""
    staged = stage_bytes(path, data)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def stage_bytes(path: Path, data: bytes) -> Path:
    """`data` written whole to a temporary sibling of `path`, for the caller to rename into
    place when the rest of its change is ready."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_directory(target: Path, files: dict[str, bytes], keep: Path | None = None) -> None:
    """Make `target` hold exactly `files`, swapping in a fully written sibling folder; the
    folder it replaces is moved to `keep` when given (a build puts it back if it fails), else
    removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new."))
    try:
        os.chmod(staging, 0o777 & ~_umask())  # as any folder the user makes, not private
        for name, data in files.items():
            (staging / name).write_bytes(data)
        swap_directory(staging, target, keep)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_directory(staging: Path, target: Path, keep: Path | None = None) -> None:
    """Move `staging` to `target`, the old `target` removed (or moved to `keep`) only once the
    new one is in. A swap that a kill cut between its two renames is completed first."""
    old = recover_swap(target)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if keep is not None and old.exists():
        shutil.rmtree(keep, ignore_errors=True)
        os.replace(old, keep)
    shutil.rmtree(old, ignore_errors=True)


def recover_swap(target: Path) -> Path:
    """After a swap cut between its renames, `target` is missing and its old copy is still
    beside it: put that copy back. Returns the old copy's path (gone afterwards)."""
    old = target.with_name(f".{target.name}.old")
    if old.exists() and not target.exists():
        os.replace(old, target)
    shutil.rmtree(old, ignore_errors=True)
    return old

