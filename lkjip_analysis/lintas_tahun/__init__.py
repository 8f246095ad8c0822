"""The layer above the years: series across every report and the figures two reports state for
the same year, compared. Per-year modules never import it; it reads each year through `load()`.

    >>> from lkjip_analysis import load_series
    >>> s = load_series()
    >>> s.anggaran_tahunan            # tahun, sumber_dana, anggaran, realisasi, serapan, sumber
"""

from __future__ import annotations

from pathlib import Path

from ..config import Paths, default_data_dir
from ..data.datasets import Datasets, load, read_optional_csv
from .seri import budget_series, indicator_series
from .temuan import cross_year_findings
from .years import report_years

__all__ = ["load_series", "report_years"]


def load_series(data_dir: str | Path | None = None, until: int | None = None) -> Datasets:
    """The cross-year datasets, from every year that has a report (up to `until`):
    `anggaran_tahunan`, `kinerja_tahunan` and `temuan_lintas_tahun`."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    return series_of(data_dir, report_years(data_dir), until)


def series_of(data_dir: Path, years: list[int], until: int | None = None) -> Datasets:
    """The cross-year datasets of the report `years` found in `data_dir` (up to `until`)."""
    years = [y for y in years if until is None or y <= until]
    reports = {year: load(year, data_dir) for year in years}
    history = read_optional_csv(Paths.for_year(0, data_dir).budget_history, "anggaran_historis")
    if until is not None:
        history = history[history.tahun <= until].reset_index(drop=True)
    frames = {"anggaran_tahunan": budget_series(reports, history),
              "kinerja_tahunan": indicator_series(reports),
              "temuan_lintas_tahun": cross_year_findings(reports, history)}
    return Datasets(until or (max(years) if years else 0), frames,
                    f"{len(years)} laporan: {', '.join(map(str, years)) or '-'}")
