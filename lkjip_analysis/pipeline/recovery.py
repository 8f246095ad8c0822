"""What an interrupted run left behind, put right by the next run before it starts (holding
the year's locks): a folder swap cut between its renames is completed, a processed folder
replaced by a build that never published its reports is restored, leftovers are cleared."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import Paths
from ..i18n import _
from ..safety.atomic import recover_swap, swap_directory
from ..safety.lock import holding, year_locks
from . import manifest

log = logging.getLogger("lkjip")


def recover(paths: Paths, reports: bool = True) -> None:
    """Put the year's folders back in a consistent state after a killed run."""
    recover_swap(paths.processed)
    _clear(paths.processed.parent.glob(f".{paths.year}.new.*"))
    if paths.processed_previous.exists():
        _settle_processed(paths)
    if reports:
        recover_swap(paths.reports_real)
        _clear([paths.reports_stage, paths.failed_notebooks])


def _settle_processed(paths: Paths) -> None:
    """A kept processed folder means a build stopped before or after publishing its reports:
    after (the manifest on disk records the processed files now there), the kept one is
    dropped; before, it is put back."""
    try:
        record = manifest.load(paths.manifest) or {}
    except manifest.ManifestError:
        record = {}
    recorded = {k: v for k, v in record.get("outputs", {}).items() if k.startswith("processed/")}
    current = (manifest.hashes(manifest.processed_files(paths.processed))
               if paths.processed.is_dir() else {})
    if recorded and recorded == current:
        shutil.rmtree(paths.processed_previous, ignore_errors=True)
        return
    log.warning(_("an interrupted build had replaced %s; the previous data is restored"),
                paths.processed)
    swap_directory(paths.processed_previous, paths.processed)


def _clear(folders) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def year_run(paths, reports: bool = True, wait: float = 0) -> Iterator[None]:
    """The locks of every folder a run of `paths.year` writes: the data year's and, when it
    writes reports, the reports year's. Holding them, put right what an interrupted run
    left (`recover`)."""
    with holding(*(year_locks(paths) if reports else [paths.lock_file]), wait=wait):
        recover(paths, reports)
        yield
