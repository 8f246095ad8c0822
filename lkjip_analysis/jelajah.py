"""Exploring a year's budget: a selection (year, source of funds, level, measure, top N) becomes
a frame, a figure and, on request, a workbook in `reports/jelajah/<year>/`. Pure functions: the
`jelajah_anggaran` notebook only wires widgets to them.

Levels: `unit_kerja` (Dinas and each UPTD; for APBN, the source of funds), `program`, `baris`
(each value line as the report prints it). Measures: `realisasi`, `serapan` (realisation over
the implied allocation) and `alokasi_tersirat` (realisation ÷ the printed percentage × 100: the
budget tables have no budget column).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import metrics, schemas
from .config import Paths, available_years
from .errors import ParameterError

FUNDS = {"APBD": "realisasi_apbd", "APBN": "realisasi_apbn"}
LEVELS = {"unit_kerja": "Unit kerja", "program": "Program", "baris": "Baris nilai"}
MEASURES = {"realisasi": "Realisasi", "serapan": "Serapan", "alokasi_tersirat":
            "Alokasi tersirat"}
COLUMNS = ["nama", "realisasi", "alokasi_tersirat", "serapan", "jumlah_baris", "baris_sumber"]


@dataclass(frozen=True)
class Selection:
    """What the analyst chose: one year, one source of funds, one level, one measure, top N."""

    year: int
    fund: str = "APBD"
    level: str = "program"
    measure: str = "realisasi"
    top: int = 10

    def check(self) -> Selection:
        for name, value, allowed in (("fund", self.fund, FUNDS), ("level", self.level, LEVELS),
                                     ("measure", self.measure, MEASURES)):
            if value not in allowed:
                raise ParameterError(f"{name} must be one of {', '.join(allowed)}, got "
                                     f"{value!r}")
        if isinstance(self.top, bool) or not isinstance(self.top, int) or self.top < 1:
            raise ParameterError(f"top must be a whole number of at least 1, got {self.top!r}")
        return self

    @property
    def file_name(self) -> str:
        """The workbook's name, saying what was selected."""
        return (f"jelajah_{self.year}_{self.fund}_{self.level}_{self.measure}_top{self.top}"
                ".xlsx").lower()

    @property
    def title(self) -> str:
        return (f"{MEASURES[self.measure]} {self.fund} {self.year} per "
                f"{LEVELS[self.level].lower()} ({self.top} teratas)")


def years(data_dir: str | Path | None = None) -> list[int]:
    """Every year that has raw data, for the year control."""
    return available_years(data_dir)


def value_lines(d, fund: str) -> pd.DataFrame:
    """The fund's value lines: `unit_kerja`, `program`, `uraian`, `realisasi`, `persen`,
    `baris_sumber`; lines without an amount are left out."""
    df = d[FUNDS[fund]].dropna(subset=["realisasi"]).copy()
    if fund == "APBN":
        df["unit_kerja"] = df.sumber_dana
        df["uraian"] = df.program
    df["realisasi"] = df.realisasi.astype(float)
    df["alokasi_tersirat"] = metrics.alokasi_tersirat(df.realisasi, df.persen.astype(float))
    return df


def select(d, selection: Selection) -> pd.DataFrame:
    """The selection as a frame: one row per unit, programme or line, the measure's largest
    first, `top` rows; serapan recomputed from the sums."""
    selection.check()
    lines = value_lines(d, selection.fund)
    if selection.level == "baris":
        lines["nama"] = [f"{u} (baris {b})" for u, b in zip(lines.uraian, lines.baris_sumber,
                                                             strict=True)]
        key = "nama"
    else:
        key = selection.level
    grouped = lines.groupby(key, sort=False).agg(
        realisasi=("realisasi", "sum"),
        alokasi_tersirat=("alokasi_tersirat", lambda s: s.sum(min_count=len(s))),
        jumlah_baris=("baris_sumber", "size"),
        baris_sumber=("baris_sumber", lambda s: ", ".join(map(str, s))))
    grouped["serapan"] = metrics.serapan(grouped.realisasi, grouped.alokasi_tersirat)
    frame = grouped.reset_index().rename(columns={key: "nama"})[COLUMNS]
    frame = frame.sort_values(selection.measure, ascending=False, kind="stable",
                              na_position="last")
    return frame.head(selection.top).reset_index(drop=True)


def figure(frame: pd.DataFrame, selection: Selection):
    """The selection's chart, finished (Indonesian numbers, a hover title on every bar)."""
    from . import plots

    fig = plots.pilihan_anggaran(frame, selection.measure, selection.title)
    plots.finish(fig)
    return fig


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the table beside the chart shows it (Indonesian formats)."""
    from .notebook import table

    out = table(frame, rupiah=["realisasi", "alokasi_tersirat"], percent=["serapan"])
    return out.rename(columns={"jumlah_baris": "baris", "baris_sumber": "baris sumber",
                               "alokasi_tersirat": "alokasi tersirat"})


def save(frame: pd.DataFrame, selection: Selection, reports_dir: str | Path | None = None,
         data_dir: str | Path | None = None) -> Path:
    """Write the selection as `reports/jelajah/<year>/<name>.xlsx` (outside the year's report
    folder: a build neither replaces nor records it); returns its path."""
    from .atomic import write_bytes
    from .workbook import workbook_bytes

    paths = Paths.for_year(selection.year, data_dir, reports_dir)
    kinds = {"nama": schemas.TEXT, "realisasi": schemas.RUPIAH,
             "alokasi_tersirat": schemas.RUPIAH, "serapan": schemas.PERCENT,
             "jumlah_baris": schemas.INT, "baris_sumber": schemas.TEXT}
    target = paths.explorer / selection.file_name
    data = frame.assign(realisasi=frame.realisasi.round().astype("Int64"),
                        alokasi_tersirat=frame.alokasi_tersirat.round().astype("Int64"))
    write_bytes(target, workbook_bytes({"jelajah": data}, {"jelajah": kinds}))
    return target
