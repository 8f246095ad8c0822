"""The budget figures: APBD realisation by unit and programme and the absorption of every
value line (Tabel 14), APBN by programme and source of funds (Tabel 15), an explored selection,
and the budget trend (Grafik 1 and 2 rebuilt from the numbers that exist)."""

from __future__ import annotations

import math

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import metrics
from ..analysis import value_line_names
from ..numbers import format_number, format_percent
from .hover import PERCENT, set_series, set_unit
from .style import PALETTE, distinct, fitting_height, new_figure, rupiah_axis, rupiah_unit, wrap


def realisasi_per_unit(d) -> Figure:
    """APBD realisation by unit (Dinas and each UPTD), Tabel 14."""
    by_unit = (d.realisasi_apbd.groupby("unit_kerja").realisasi.sum()
               .sort_values(ascending=False))
    fig, ax = new_figure(8, 4)
    label = _rupiah_bars(ax, list(by_unit.index), by_unit.values, fontsize=9)
    ax.set(title=f"Realisasi Belanja Langsung APBD {d.year} per unit kerja", xlabel=label)
    return fig


def _rupiah_bars(ax, names: list[str], values, fontsize: int) -> str:
    """Horizontal bars of rupiah, largest on top, each labelled in the axis unit; returns
    the axis label."""
    ax.barh(names, values, color=PALETTE["realisasi"])
    ax.invert_yaxis()
    label = rupiah_axis(ax, values)
    size, _name = rupiah_unit(values)
    for y, value in enumerate(values):
        ax.annotate(format_number(value / size, 2), (value, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=fontsize)
    return label


def realisasi_per_program(d, top: int = 15) -> Figure:
    """The largest APBD programmes by realisation, with their absorption (Tabel 14)."""
    lines = d.realisasi_apbd.dropna(subset=["realisasi"])
    programs = (lines.groupby(["no_program", "program"], sort=False).realisasi.sum()
                .sort_values(ascending=False).head(top).reset_index())
    names = [wrap(f"{r.no_program}. {r.program}", 60) for r in programs.itertuples()]
    fig, ax = new_figure(10, fitting_height(names, 0.42))
    label = _rupiah_bars(ax, names, programs.realisasi.to_numpy(), fontsize=8)
    ax.set(title=f"{len(programs)} program APBD {d.year} dengan realisasi terbesar",
           xlabel=label)
    ax.tick_params(axis="y", labelsize=8)
    return fig


# a page of an A4 print holds this many value lines legibly (labels at 7,5 pt, printed nearly
# at their size: the figure is as wide as the printed page)
LINES_PER_FIGURE = 15
PRINT_WIDTH = 7.0  # inches: A4 less the print margins


def serapan_parts(d) -> int:
    """How many figures the Tabel 14 value lines take, `LINES_PER_FIGURE` each."""
    lines = int(d.realisasi_apbd.persen.notna().sum())
    return max(1, math.ceil(lines / LINES_PER_FIGURE))


def serapan_baris(d, part: int = 1) -> Figure:
    """Absorption of the Tabel 14 value lines, lowest first: part `part` of `serapan_parts`
    (each a printed page)."""
    lines = d.realisasi_apbd.assign(nama=value_line_names(d.realisasi_apbd))
    lines = lines.dropna(subset=["persen"]).sort_values("persen", kind="stable")
    parts = serapan_parts(d)
    names = distinct([wrap(name, 58) for name in lines.nama])
    chosen = slice((part - 1) * LINES_PER_FIGURE, part * LINES_PER_FIGURE)
    names, values = names[chosen], list(lines.persen)[chosen]
    fig, ax = new_figure(PRINT_WIDTH, fitting_height(names, 0.3))
    colors = [PALETTE["tidak_cocok"] if p < 90 else PALETTE["realisasi"] for p in values]
    ax.barh(names, values, color=colors)
    ax.invert_yaxis()
    for y, value in enumerate(values):
        ax.annotate(format_percent(value), (value, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7)
    ax.axvline(90, color="grey", ls="--", lw=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    part_of = f", bagian {part} dari {parts}" if parts > 1 else ""
    ax.set(title=f"Serapan anggaran per baris realisasi APBD{part_of} (merah: di bawah 90%)",
           xlabel="Serapan", xlim=(0, 118))
    set_unit(ax, PERCENT)
    ax.tick_params(axis="y", labelsize=7.5)
    return fig


def realisasi_apbn(d) -> Figure:
    """APBN realisation by programme and source of funds (Tabel 15)."""
    lines = d.realisasi_apbn.copy()
    lines["nama"] = [wrap(f"{p} ({s.split()[-1]})", 50) for p, s in
                     zip(lines.program, lines.sumber_dana, strict=True)]
    fig, ax = new_figure(10, fitting_height(list(lines.nama), 0.45, 1.8))
    sns.barplot(data=lines, y="nama", x="realisasi", hue="sumber_dana", ax=ax, dodge=False,
                palette=[PALETTE["realisasi"], PALETTE["target"]], orient="h")
    label = rupiah_axis(ax, lines.realisasi)
    ax.set(title=f"Realisasi APBN {d.year} per program dan sumber dana", xlabel=label,
           ylabel="")
    ax.legend(title="")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def pilihan_anggaran(frame: pd.DataFrame, measure: str, title: str) -> Figure:
    """An explored selection (`jelajah.select`): `measure` of each row's `nama`, largest on
    top; rupiah in the axis unit, serapan in percent."""
    names = [wrap(name, 60) for name in frame.nama]
    fig, ax = new_figure(10, fitting_height(names, 0.42))
    values = frame[measure].astype(float).to_numpy()
    if measure == "serapan":
        ax.barh(names, values, color=PALETTE["realisasi"])
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
        set_unit(ax, PERCENT)
        label = "Serapan"
    else:
        label = _rupiah_bars(ax, names, values, fontsize=8)
    ax.set(title=title, xlabel=label)
    ax.tick_params(axis="y", labelsize=8)
    return fig


def tren_anggaran(history: pd.DataFrame, fund: str) -> Figure:
    """Grafik 1/2 rebuilt: budget and realisation per year for one fund. Years without
    numbers are not drawn as values: the figure names them as missing."""
    series = history[history.sumber_dana == fund].sort_values("tahun")
    known = series.dropna(subset=["anggaran", "realisasi"], how="all")
    missing = series[series.anggaran.isna() & series.realisasi.isna()].tahun.tolist()
    fig, ax = new_figure(9, 4.5)
    years = series.tahun.astype(str).tolist()
    x = {year: i for i, year in enumerate(years)}
    width = 0.38
    for offset, column in ((-width / 2, "anggaran"), (width / 2, "realisasi")):
        positions = [x[str(t)] + offset for t in known.tahun]
        bars = ax.bar(positions, known[column].astype(float), width, color=PALETTE[column],
                      label=column.capitalize())
        set_series(bars, f"{column.capitalize()} {fund}")
    ax.set_xticks(range(len(years)), years)
    label = rupiah_axis(ax, known[["anggaran", "realisasi"]].stack().astype(float), "y")
    for row in known.itertuples():
        absorbed = metrics.serapan(float(row.realisasi), float(row.anggaran))
        text = ("serapan tak terdefinisi" if not math.isfinite(absorbed)
                else f"serapan {format_percent(absorbed)}")  # a zero or missing budget
        top_of_year = max(v for v in (float(row.anggaran), float(row.realisasi), 0.0)
                          if math.isfinite(v))
        ax.annotate(text, (x[str(row.tahun)], top_of_year), xytext=(0, 4),
                    textcoords="offset points", ha="center", fontsize=9)
    for year in missing:
        ax.annotate("tidak\ntersedia", (x[str(year)], 0), xytext=(0, 6),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8,
                    color="grey")
    top = known[["anggaran", "realisasi"]].astype(float).max().max() if len(known) else 0
    ax.set_ylim(0, (top if top > 0 else 1) * 1.2)
    ax.set(title=f"Perkembangan anggaran {fund} {years[0]}–{years[-1]}", ylabel=label,
           xlabel="Tahun")
    ax.legend(loc="upper left")
    if missing:
        fig.supxlabel("Tahun tanpa angka (" + ", ".join(map(str, missing)) + "): grafik asli "
                      "laporan berupa gambar, angkanya tidak ada dalam teks.\nTidak diisi, "
                      "diperkirakan atau diinterpolasi.", fontsize=8, color="grey")
    return fig
