"""A year's first steps, above the layers they call: its datasets loaded with the audit's
findings (`load`, what `lkjip_analysis.load` gives an analyst), extracted (`lkjip extract`)
and audited (`lkjip audit`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..audit import SHEET, SHEET_KINDS, audit, findings_csv_bytes
from ..config import Paths, validate_year
from ..data import datasets
from ..data.datasets import Datasets
from ..safety.atomic import write_bytes
from .recovery import year_run


def load(year: int = 2020, data_dir: str | Path | None = None,
         source: str = "auto") -> Datasets:
    """`data.datasets.load` (every dataset of the report `year`, validated; `source` as
    there), with the audit's findings as `d.temuan_audit`, computed on first use.

        >>> from lkjip_analysis import load
        >>> load(2020).temuan_audit
    """
    return datasets.load(year, data_dir, source, derived={SHEET: audit})


def write_with_findings(d: Datasets, paths: Paths, findings: pd.DataFrame,
                        keep_previous: bool = False) -> list[Path]:
    """The processed folder, its workbook with the findings as a sheet of their own."""
    return datasets.write_processed(d, paths, {SHEET: (findings, SHEET_KINDS)},
                                    keep_previous)


def extract(year: int = 2020, data_dir: str | Path | None = None) -> list[Path]:
    """Read the year's raw data and write `data/processed/<year>/`; returns the files."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir)
    with year_run(paths, reports=False):
        return datasets.write_processed(datasets.load(year, data_dir), paths)


def run_audit(year: int = 2020, data_dir: str | Path | None = None,
              reports_dir: str | Path | None = None) -> pd.DataFrame:
    """Audit the year's datasets: write `reports/<year>/temuan_audit.csv` and the processed
    folder again, its workbook with a `temuan_audit` sheet. Returns the findings."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with year_run(paths):
        d = datasets.load(year, data_dir)
        findings = audit(d)
        write_with_findings(d, paths, findings)
        write_bytes(paths.audit_findings, findings_csv_bytes(findings))
    return findings
