"""The SAKIP core's figures, for any agency: the capaian of each indicator as the report
states it, and the absorption of each programme or unit."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..core.summary import stated_once, top_lines
from ..numbers import format_percent
from .hover import PERCENT, set_unit
from .style import PALETTE, distinct, fitting_height, new_figure, wrap


def capaian_indikator(d) -> Figure:
    """Each indicator's capaian as stated (once, from the first table that states it), the
    100 % line marked."""
    rows = stated_once(d.capaian_kinerja)
    return _percent_bars(list(rows.indikator_kinerja), rows.persen,
                         f"Capaian indikator kinerja {d.year} (seperti dilaporkan)",
                         "Capaian (%)", PALETTE["realisasi"])


def serapan_anggaran(d) -> Figure:
    """Each top-level budget line's % as stated (programmes, or units)."""
    lines = top_lines(d).dropna(subset=["persen"])
    return _percent_bars(list(lines.uraian), lines.persen,
                         f"Realisasi anggaran {d.year} per {_level_name(lines)} (seperti "
                         "dilaporkan)", "Realisasi terhadap anggaran (%)", PALETTE["anggaran"])


def _level_name(lines: pd.DataFrame) -> str:
    levels = set(lines.tingkat)
    return {frozenset({"program"}): "program",
            frozenset({"perangkat_daerah"}): "perangkat daerah"}.get(frozenset(levels), "baris")


def _percent_bars(names: list[str], values: pd.Series, title: str, xlabel: str,
                  color: str) -> Figure:
    labels = distinct([wrap(name, 55) for name in names])
    fig, ax = new_figure(10, fitting_height(labels, 0.42))
    ax.barh(labels, values.to_numpy(), color=color)
    ax.invert_yaxis()
    ax.axvline(100, color=PALETTE["target"], linewidth=1.2)
    for y, value in enumerate(values):
        ax.annotate(format_percent(value, 2), (value, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    set_unit(ax, PERCENT)
    ax.set(title=title, xlabel=xlabel)
    ax.tick_params(axis="y", labelsize=8)
    if not labels:
        ax.text(0.5, 0.5, "Tidak ada angka yang dapat digambar", transform=ax.transAxes,
                ha="center")
    return fig
