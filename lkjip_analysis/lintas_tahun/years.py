"""Which years the data folder holds a report for, and the folders that cannot be a year."""

from __future__ import annotations

import logging
from pathlib import Path

from ..config import Paths, available_years, is_year_name
from ..i18n import _

log = logging.getLogger("lkjip")


def stray_folders(data_dir: Path) -> list[Path]:
    """Folders under raw/ whose name is not a year: they are never read."""
    raw = data_dir / "raw"
    return sorted(p for p in raw.iterdir() if p.is_dir() and not is_year_name(p.name)) \
        if raw.is_dir() else []


def report_years(data_dir: Path) -> list[int]:
    """Every year folder with a report document or workbook; a folder that is not a year is
    named in a warning and left alone."""
    for folder in stray_folders(data_dir):
        log.warning(_("%s is not a year folder and is not read: name it by its year (e.g. "
                      "raw/2021) or move it out of raw/"), folder)
    found = []
    for year in available_years(data_dir):
        paths = Paths.for_year(year, data_dir)
        if paths.documents or paths.workbook_input.exists():
            found.append(year)
        else:
            log.warning(_("%s holds neither a report document (lkjip_<...>.md) nor a workbook "
                          "(%s): skipped until one is added"), paths.raw,
                        paths.workbook_input.name)
    return found
