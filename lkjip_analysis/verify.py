"""`lkjip verify`: rebuild a year in a temporary folder and compare it with the manifest."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import manifest
from .config import Paths
from .datasets import validate_year
from .errors import LkjipError

AGREE = {"sama", "volatil"}


def verify(year: int, data_dir=None, reports_dir=None) -> list[tuple[str, str]]:
    """(status, key) for every input and output of the year's manifest, after a rebuild from
    the same raw data in a temporary folder. Status `sama` or `volatil` means reproduced."""
    from .pipeline import build

    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    expected = manifest.read(paths.manifest)
    if expected is None:
        raise LkjipError(f"no manifest at {paths.manifest}: run `lkjip build --year {year}` "
                         "first")
    with tempfile.TemporaryDirectory(prefix="lkjip-verify-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(paths.raw_root, data / "raw")
        folder = build(year, data, Path(tmp) / "reports", parameters=expected["parameters"],
                       force=True)
        actual = manifest.read(folder / "manifest.json") or {}
    inputs = manifest.compare(expected.get("inputs", {}), actual.get("inputs", {}))
    outputs = manifest.compare(expected.get("outputs", {}), actual.get("outputs", {}))
    return inputs + outputs


def reproduced(rows: list[tuple[str, str]]) -> bool:
    return all(status in AGREE for status, _ in rows)
