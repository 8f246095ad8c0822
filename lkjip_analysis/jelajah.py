"""Exploring a year's budget: a selection (year, source of funds, level, measure, the N largest
or smallest) becomes a frame, a figure and, on request, a workbook in
`reports/jelajah/<year>/`. Pure functions: the `jelajah_anggaran` notebook only wires widgets
to them.

Levels: `unit_kerja` (Dinas and each UPTD; APBN lines name no unit, so for APBN this level is
the source of funds), `program`, `baris` (each value line, named by its programme or
activities). Measures: `realisasi`, `serapan` (realisation over the implied allocation) and
`alokasi_tersirat` (`metrics.alokasi_tersirat`, summed over the lines as the audit sums it:
the budget tables have no budget column).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import metrics
from .analysis import value_line_names
from .config import Paths, available_years
from .data import schemas
from .errors import ParameterError
from .i18n import N_, _

# Every text the explorer shows is marked here and translated where shown (i18n).
FUNDS = {"APBD": "realisasi_apbd", "APBN": "realisasi_apbn"}
LEVELS = {"unit_kerja": N_("Work unit"), "program": N_("Programme"),
          "baris": N_("Value line")}
FUND_LEVELS = {"APBN": {"unit_kerja": N_("Source of funds")}}  # what a level is for that fund
FILE_LEVELS = {("APBN", "unit_kerja"): "sumber_dana"}  # and how a saved file names it
MEASURES = {"realisasi": N_("Realisation"), "serapan": N_("Absorption"),
            "alokasi_tersirat": N_("Implied allocation")}
ORDERS = {False: N_("largest"), True: N_("smallest")}  # `lowest`: which come first
COLUMNS = ["nama", "realisasi", "alokasi_tersirat", "serapan", "jumlah_baris", "baris_sumber"]
# the workbook's and the table's headers; `nama` is headed by its level
HEADERS = {"realisasi": N_("Realisation (Rp)"), "alokasi_tersirat": N_("Implied allocation (Rp)"),
           "serapan": N_("Absorption (%)"), "jumlah_baris": N_("Number of lines"),
           "baris_sumber": N_("Source lines")}
KINDS = {"realisasi": schemas.RUPIAH, "alokasi_tersirat": schemas.RUPIAH,
         "serapan": schemas.PERCENT, "jumlah_baris": schemas.INT, "baris_sumber": schemas.TEXT}
IMPLIED_NOTE = N_("Implied allocation = realisation ÷ the absorption percentage reported × "
                  "100, summed over the value lines (the realisation tables have no budget "
                  "column).")
# the notebook's controls and messages
CONTROLS = {"year": N_("Year"), "fund": N_("Source of funds"), "level": N_("Level"),
            "measure": N_("Measure"), "rows": N_("Number of lines"), "order": N_("Order"),
            "largest_first": N_("Largest first"), "smallest_first": N_("Smallest first"),
            "save": N_("Save to Excel"), "saved": N_("Saved: {path}")}


def label(key: str) -> str:
    """A control's or message's text in the user's language (`CONTROLS`)."""
    return _(CONTROLS[key])


def levels(fund: str) -> dict[str, str]:
    """The levels and what each is called for `fund`."""
    return {key: _(name) for key, name in (LEVELS | FUND_LEVELS.get(fund, {})).items()}


def measures() -> dict[str, str]:
    """The measures and their names."""
    return {key: _(name) for key, name in MEASURES.items()}


@dataclass(frozen=True)
class Selection:
    """What the analyst chose: one year, one source of funds, one level, one measure, and
    the `top` rows with the largest values (the smallest when `lowest`)."""

    year: int
    fund: str = "APBD"
    level: str = "program"
    measure: str = "realisasi"
    top: int = 10
    lowest: bool = False

    def check(self) -> None:
        """Refuse a selection the explorer cannot show, naming the choices."""
        for name, value, allowed in (("fund", self.fund, FUNDS), ("level", self.level, LEVELS),
                                     ("measure", self.measure, MEASURES)):
            if value not in allowed:
                raise ParameterError(_("{name} must be one of {allowed}, got {value!r}").format(
                    name=name, allowed=", ".join(allowed), value=value))
        if isinstance(self.top, bool) or not isinstance(self.top, int) or self.top < 1:
            raise ParameterError(_("top must be a whole number of at least 1, got "
                                   "{value!r}").format(value=self.top))
        if not isinstance(self.lowest, bool):
            raise ParameterError(_("lowest must be True or False, got {value!r}").format(
                value=self.lowest))

    @property
    def level_name(self) -> str:
        """What the rows are, for this fund: `Unit kerja`, `Sumber dana`, `Program` …"""
        return levels(self.fund)[self.level]

    @property
    def file_name(self) -> str:
        """The workbook's name, saying what was selected."""
        order = "bottom" if self.lowest else "top"
        level = FILE_LEVELS.get((self.fund, self.level), self.level)
        return (f"jelajah_{self.year}_{self.fund}_{level}_{self.measure}_{order}"
                f"{self.top}.xlsx").lower()

    @property
    def title(self) -> str:
        """`Realisasi APBD 2020 per program (10 teratas)`."""
        return self.title_of(self.top)

    def title_of(self, rows: int) -> str:
        """The title of a selection that shows `rows` rows (fewer than `top` where the fund
        has fewer): `Realisasi APBN 2020 per program (7 terbawah)`."""
        return _("{measure} {fund} {year} by {level} ({count} {order})").format(
            measure=_(MEASURES[self.measure]), fund=self.fund, year=self.year,
            level=self.level_name.lower(), count=min(rows, self.top),
            order=_(ORDERS[self.lowest]))


def years(data_dir: str | Path | None = None) -> list[int]:
    """Every year that has raw data, for the year control."""
    return available_years(data_dir)


def value_lines(d, fund: str) -> pd.DataFrame:
    """The fund's value lines: `unit_kerja`, `program`, `nama` (the line as it is, with its
    source line), `realisasi`, `alokasi_tersirat`, `baris_sumber`; lines without an amount
    left out."""
    df = d[FUNDS[fund]].copy()
    if fund == "APBN":
        df["unit_kerja"] = df.sumber_dana
        df["nama"] = [f"{line.program} (baris {line.baris_sumber})" for line in df.itertuples()]
    else:  # named among all the programme's lines, as the report's chart names them
        df["nama"] = value_line_names(df, line_number=True)
    df = df.dropna(subset=["realisasi"])
    df["realisasi"] = df.realisasi.astype(float)
    df["alokasi_tersirat"] = metrics.alokasi_tersirat(df.realisasi, df.persen.astype(float))
    return df


def select(d, selection: Selection) -> pd.DataFrame:
    """The selection as a frame: one row per unit, programme or line, the measure's largest
    (or smallest) first, `top` rows; serapan recomputed from the sums."""
    selection.check()
    lines = value_lines(d, selection.fund)
    key = "nama" if selection.level == "baris" else selection.level
    grouped = lines.groupby(key, sort=False).agg(
        realisasi=("realisasi", "sum"),
        alokasi_tersirat=("alokasi_tersirat", lambda s: s.sum(min_count=len(s))),
        jumlah_baris=("baris_sumber", "size"),
        baris_sumber=("baris_sumber", lambda s: ", ".join(map(str, s))))
    grouped["serapan"] = metrics.serapan(grouped.realisasi, grouped.alokasi_tersirat)
    frame = grouped.reset_index().rename(columns={key: "nama"})[COLUMNS]
    frame = frame.sort_values(selection.measure, ascending=selection.lowest, kind="stable",
                              na_position="last")
    return frame.head(selection.top).reset_index(drop=True)


def figure(frame: pd.DataFrame, selection: Selection):
    """The selection's chart, finished (Indonesian numbers, a hover title on every bar)."""
    from . import plots

    fig = plots.pilihan_anggaran(frame, selection.measure, selection.title_of(len(frame)))
    plots.finish(fig)
    return fig


def headed(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The frame under Indonesian headers, its names headed by what they are."""
    return frame.rename(columns={"nama": selection.level_name,
                                 **{column: _(text) for column, text in HEADERS.items()}})


def shown(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The frame as the table beside the chart shows it (Indonesian formats and headers)."""
    from .notebook import table

    out = table(frame, rupiah=["realisasi", "alokasi_tersirat"], percent=["serapan"])
    return headed(out, selection)


def show_table(frame: pd.DataFrame, selection: Selection) -> None:
    """Display the table beside the chart: Indonesian headers and formats, amounts and
    percentages aligned right as numbers are."""
    from .notebook import show

    show(headed(frame, selection), rupiah=[_(HEADERS["realisasi"]),
                                           _(HEADERS["alokasi_tersirat"])],
         percent=[_(HEADERS["serapan"])], number=[_(HEADERS["jumlah_baris"])])


def record(selection: Selection, paths: Paths) -> pd.DataFrame:
    """What a saved workbook holds: the selection, the source document and the build."""
    from .data.provenance import source_line
    from .pipeline.buildinfo import package_build

    rows = [(_("Report year"), str(selection.year)), (_("Source of funds"), selection.fund),
            (_("Level"), selection.level_name), (_("Measure"), _(MEASURES[selection.measure])),
            (_("Order"), f"{selection.top} {_(ORDERS[selection.lowest])}"),
            (_("Source document"), source_line(paths) or _("not found")),
            (_("Built with"), package_build()), (_("Note"), _(IMPLIED_NOTE))]
    return pd.DataFrame(rows, columns=[_("Item"), _("Value")])


def save(frame: pd.DataFrame, selection: Selection, reports_dir: str | Path | None = None,
         data_dir: str | Path | None = None) -> Path:
    """Write the selection as `reports/jelajah/<year>/<name>.xlsx` (outside the year's report
    folder: a build neither replaces nor records it): the rows, and a `pilihan` sheet saying
    what was selected from which document by which build. Returns its path."""
    from .data.workbook import workbook_bytes
    from .safety.atomic import write_bytes

    paths = Paths.for_year(selection.year, data_dir, reports_dir)
    data = headed(frame.assign(realisasi=frame.realisasi.round().astype("Int64"),
                               alokasi_tersirat=frame.alokasi_tersirat.round().astype("Int64")),
                  selection)
    kinds = {selection.level_name: schemas.TEXT,
             **{_(HEADERS[column]): kind for column, kind in KINDS.items()}}
    sheets = {"jelajah": data, "pilihan": record(selection, paths)}
    text = dict.fromkeys(sheets["pilihan"].columns, schemas.TEXT)
    target = paths.explorer / selection.file_name
    write_bytes(target, workbook_bytes(sheets, {"jelajah": kinds, "pilihan": text}))
    return target
