"""The cross-year figure of the index page: each indicator's realisation as every report
states it."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..numbers import format_number
from .hover import set_unit, unit_of
from .style import PALETTE, new_figure


def kinerja_lintas_tahun(series: pd.DataFrame) -> Figure:
    """Each indicator's realisation by year, as every report states it: the report of the year
    itself as a bar, a later report's restatement as a marker, so that a disagreement shows.
    The axis names the unit the reports give (`satuan`)."""
    fig, ax = new_figure(9, 4.5)
    years = sorted(series.tahun.unique())
    x = {year: i for i, year in enumerate(years)}
    own = series[series.tahun == series.tahun_laporan]
    ax.bar([x[t] for t in own.tahun], own.realisasi, width=0.6, color=PALETTE["realisasi"],
           label="Realisasi (laporan tahun itu)")
    for row in own.itertuples():
        ax.annotate(format_number(row.realisasi, 2), (x[row.tahun], row.realisasi),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
    restated = series[series.tahun != series.tahun_laporan]
    for offset, (report, rows) in enumerate(restated.groupby("tahun_laporan")):
        ax.scatter([x[t] + 0.08 * offset for t in rows.tahun], rows.realisasi, zorder=3,
                   marker="o", label=f"Dinyatakan ulang di LKjIP {report}")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 2)))
    units = sorted({unit_of(s) for s in series.satuan if str(s).strip()})
    unit = units[0] if len(units) == 1 else ""
    set_unit(ax, unit)
    shown = f"Realisasi ({unit})" if unit else ("Realisasi (satuan tiap indikator: "
                                                + ", ".join(units) + ")" if units
                                                else "Realisasi (satuan tidak disebut)")
    ax.set(title="Realisasi indikator kinerja menurut tahun dan laporan", xlabel="Tahun",
           ylabel=shown)
    ax.legend(fontsize=8)
    return fig
