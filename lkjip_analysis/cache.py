"""A cache of loaded datasets, so that `load(year)` is instant when nothing changed.

The key is the SHA-256 of every file the load reads plus the package's own code: any change to
either misses the cache and the datasets are read and validated again. The cache lives in
`data/processed/.cache/` (generated, never committed) and holds only what this package wrote.
"""

from __future__ import annotations

import hashlib
import pickle
from contextlib import suppress
from functools import cache as memoize
from pathlib import Path

from .atomic import write_bytes
from .config import PACKAGE_DIR, Paths


@memoize
def code_digest() -> str:
    """The package's code, hashed once per process."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(source: str, files: list[Path]) -> str:
    """The cache key of a load from `source` reading `files`."""
    digest = hashlib.sha256(f"{source}\n{code_digest()}".encode())
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def _path(paths: Paths, source: str) -> Path:
    return paths.data_dir / "processed" / ".cache" / f"{paths.year}-{source}.pickle"


def read(paths: Paths, source: str, wanted: str):
    """The cached value for `wanted`, or None when absent, stale or unreadable."""
    path = _path(paths, source)
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError,
            AttributeError, ImportError):
        return None
    return value if stored_key == wanted else None


def write(paths: Paths, source: str, stored_key: str, value) -> None:
    """Store `value` under `stored_key`; failure to write is ignored."""
    data = pickle.dumps((stored_key, value), protocol=pickle.HIGHEST_PROTOCOL)
    with suppress(OSError):  # a cache that cannot be written only costs time
        write_bytes(_path(paths, source), data)
