"""SHA-256 of files, read in chunks: a large file costs time, never memory."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20


def update(digest, path: Path) -> None:
    """Feed the bytes of `path` to `digest`, a chunk at a time."""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    digest = hashlib.sha256()
    update(digest, path)
    return digest.hexdigest()
