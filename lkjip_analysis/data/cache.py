"""A cache of loaded datasets, so that `load(year)` is instant when nothing changed.

The key is the SHA-256 of every file the load reads plus the package's own code: any change to
either misses the cache and the datasets are read and validated again. The cache lives in
`data/processed/.cache/` (generated, never committed) as plain JSON: data folders may be shared,
so nothing in them can run code when read. A file that is unreadable, foreign or of another
shape is a miss, never an error.

Each file carries an HMAC of its own content under a key private to the user (in the user's
cache folder, outside the data folder): a value forged in a shared cache file, even with a
recomputed plain hash, is a miss, and the datasets are read again from their sources.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from contextlib import suppress
from functools import cache as memoize
from pathlib import Path

import pandas as pd

from ..config import PACKAGE_DIR, Paths
from ..safety.atomic import write_bytes
from ..safety.hashing import update
from . import schemas

FORMAT = "lkjip-cache-2"
KEY_ENV = "LKJIP_CACHE_KEY_FILE"
MAX_BYTES = 256 << 20  # a larger file is not ours: a miss, never read


@memoize
def code_digest() -> str:
    """The package's code, hashed once per process."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.rglob("*.yaml")]):
        update(digest, path)
    return digest.hexdigest()


@memoize
def _secret() -> bytes | None:
    """The user's cache key, made on first use (readable by the user only); None when it
    can be neither read nor made, and then nothing is cached."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = Path(os.environ.get(KEY_ENV) or home / "lkjip-analysis" / "cache.key")
    with suppress(OSError):
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        secret = path.read_bytes()
        return secret if len(secret) >= 32 else None
    return None


def _seal(body: str) -> str | None:
    secret = _secret()
    return hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() if secret else None


def key(source: str, files: list[Path]) -> str:
    """The cache key of a load from `source` reading `files`."""
    digest = hashlib.sha256(f"{source}\n{code_digest()}".encode())
    for path in files:
        digest.update(str(path.name).encode())
        if path.exists():
            update(digest, path)
        else:
            digest.update(b"<missing>")
    return digest.hexdigest()


def _path(paths: Paths, source: str) -> Path:
    return paths.data_dir / "processed" / ".cache" / f"{paths.year}-{source}.json"


def read(paths: Paths, source: str, wanted: str) -> tuple[dict[str, pd.DataFrame], str] | None:
    """The cached (frames, origin) for `wanted`, or None when absent, stale or not ours."""
    path = _path(paths, source)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        body, _, seal = path.read_text(encoding="utf-8").rpartition("\n")
        expected = _seal(body)
        if expected is None or not hmac.compare_digest(seal, expected):
            return None
        stored = json.loads(body)
        if stored["format"] != FORMAT or stored["key"] != wanted:
            return None
        frames = {name: _frame(name, table) for name, table in stored["frames"].items()}
        return frames, str(stored["origin"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(paths: Paths, source: str, stored_key: str,
          value: tuple[dict[str, pd.DataFrame], str]) -> None:
    """Store `value` (frames, origin) under `stored_key`; failure to write is ignored."""
    frames, origin = value
    document = {"format": FORMAT, "key": stored_key, "origin": origin,
                "frames": {name: _table(df) for name, df in frames.items()}}
    with suppress(OSError, TypeError, ValueError):  # a cache that cannot be written only costs time
        body = json.dumps(document)
        if seal := _seal(body):
            write_bytes(_path(paths, source), f"{body}\n{seal}".encode())


def _table(df: pd.DataFrame) -> dict:
    plain = df.astype(object).where(df.notna(), None)
    return {"columns": list(df.columns), "rows": plain.values.tolist()}


def _frame(name: str, table: dict) -> pd.DataFrame:
    kinds = schemas.kinds(name)
    if table["columns"] != list(kinds):
        raise ValueError(f"cached {name} has other columns")
    df = pd.DataFrame(table["rows"], columns=table["columns"], dtype=object)
    return df.astype({c: schemas.DTYPES[k] for c, k in kinds.items()})
