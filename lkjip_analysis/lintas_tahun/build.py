"""`lkjip build --all`: every year that has raw data (each reused when unchanged), then the
cross-year outputs: `data/processed/tren/`, `reports/temuan_lintas_tahun.csv`, and
`reports/index.html` made by the `06_lintas_tahun` notebook.

The cross-year step has a manifest of its own (`reports/lintas_tahun/manifest.json`): its
inputs are every year's manifest, the budget history, the notebook and the package code; when
they and the outputs are as recorded, the step is skipped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..config import NOTEBOOKS_DIR, SERIES_NOTEBOOK, Paths, SeriesPaths
from ..errors import LkjipError
from ..i18n import _
from ..pipeline import manifest
from ..safety.atomic import replace_directory, write_bytes
from ..safety.lock import holding, year_locks
from .years import report_years

log = logging.getLogger("lkjip")
INDEX_TITLE = "Analisis LKjIP Lintas Tahun"


def build_all(data_dir=None, reports_dir=None, pdf: bool = False, parameters: dict | None = None,
              force: bool = False, jobs: int | None = None, wait: float = 0) -> Path:
    """Build every year that has a report, then the cross-year layer; returns `index.html`.
    A year that fails is named and the others are still built; the cross-year outputs are
    then left as they were. Every lock the run needs is taken before anything is touched
    (waiting at most `wait` seconds for another run): two overlapping runs never interleave."""
    from ..pipeline.pipeline import build_locked, default_jobs, warm
    from ..pipeline.recovery import recover

    where = SeriesPaths.under(data_dir, reports_dir)
    years = report_years(where.data_dir)
    if not years:
        raise LkjipError(_("no year in {folder} has a report document or workbook: run `lkjip "
                           "init --year <year>` and add the report").format(
                               folder=where.data_dir / "raw"))
    every = [Paths.for_year(y, where.data_dir, where.reports_dir) for y in years]
    locks = [f for paths in every for f in year_locks(paths)]
    jobs = jobs or default_jobs()
    # one pool for every year and the cross-year notebook, started by the first that needs it:
    # a year built after another, and the cross-year notebook, find their kernels warm
    with holding(*locks, *where.lock_files, wait=wait), warm(jobs, lazy=True) as kernels:
        failed = []
        for paths in every:
            year = paths.year
            try:
                recover(paths)
                build_locked(paths, pdf, parameters or {}, force, jobs, kernels)
                log.info(_("year %d ready"), year)
            except LkjipError as exc:
                log.error(_("year %d failed: %s"), year, exc)
                failed.append(year)
        if failed:
            raise LkjipError(_("{failed} of {count} years failed ({years}); the cross-year "
                               "outputs were left as they were. Fix the inputs named above and "
                               "run again").format(failed=len(failed), count=len(years),
                                                   years=", ".join(map(str, failed))))
        return build_series(where, years, force, locked=True, kernels=kernels)


def _inputs(where: SeriesPaths, years: list[int]) -> dict[str, str]:
    files = {f"reports/{y}/manifest.json": Paths.for_year(y, where.data_dir,
                                                          where.reports_dir).manifest
             for y in years}
    files["data/raw/anggaran_historis.csv"] = Paths.for_year(0, where.data_dir).budget_history
    files[f"notebooks/{SERIES_NOTEBOOK}.ipynb"] = NOTEBOOKS_DIR / f"{SERIES_NOTEBOOK}.ipynb"
    files |= manifest.code_files()
    return manifest.hashes(files)


def _outputs(where: SeriesPaths) -> dict[str, str]:
    files = {f"processed/tren/{p.name}": p for p in sorted(where.processed.glob("*.csv"))}
    files |= {f"reports/lintas_tahun/{p.relative_to(where.reports).as_posix()}": p
              for p in sorted(where.figures.glob("*"))}
    files |= {f"reports/{p.name}": p for p in (where.findings, where.index) if p.exists()}
    return manifest.hashes(files)


def build_series(where: SeriesPaths, years: list[int], force: bool = False,
                 locked: bool = False, kernels=None) -> Path:
    """The cross-year outputs, skipped when their inputs and outputs are as recorded (the
    caller holds the cross-year locks when `locked`; its notebook runs on the caller's warm
    `kernels` when given)."""
    with holding(*([] if locked else where.lock_files)):
        inputs = _inputs(where, years)
        previous = manifest.read(where.manifest)
        if (not force and previous and previous.get("inputs") == inputs
                and previous.get("outputs") == _outputs(where) and where.index.exists()):
            log.info(_("cross-year outputs up to date: %s"), where.index)
            return where.index
        _write_series(where, years, kernels)
        record = {"years": years, "inputs": inputs, "outputs": _outputs(where)}
        write_bytes(where.manifest, manifest.to_bytes(record))
    return where.index


def _write_series(where: SeriesPaths, years: list[int], shared=None) -> None:
    from ..data.datasets import csv_bytes
    from ..data.schemas import SERIES_NAMES
    from ..pipeline.htmlpage import notebook_html
    from ..pipeline.pipeline import agency_name, combine, execute_notebook, kernels_for, staged
    from . import series_of
    from .temuan import findings_csv_bytes, summary

    # the notebook's kernel starts (and imports the package) while the series are computed
    with kernels_for(1, shared, last=True) as (kernels, done_with_kernels):
        series = series_of(where.data_dir, years)
        replace_directory(where.processed,
                          {f"{n}.csv": csv_bytes(series[n]) for n in SERIES_NAMES})
        findings = series.temuan_lintas_tahun
        log.info("%s", summary(findings))
        values = {"data_dir": str(where.data_dir)}
        with staged(where.reports) as stage:
            for old in stage.glob("figures/*"):
                old.unlink()
            executed = execute_notebook(SERIES_NOTEBOOK, stage, where.reports / "failed",
                                        values | {"output_dir": str(stage.parent)}, kernels)
            done_with_kernels()  # the kernels shut down while the page is written
            latest = Paths.for_year(series.year, where.data_dir)
            page = notebook_html(combine([executed], INDEX_TITLE, agency_name(latest), False),
                                 False)
    write_bytes(where.findings, findings_csv_bytes(findings))
    write_bytes(where.index, page.encode("utf-8"))
