"""The audit's figure: the largest disagreements the report has with itself."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..audiences import without_line_references
from ..numbers import format_percent
from .hover import PERCENT, set_unit
from .style import PALETTE, fitting_height, new_figure, wrap


def selisih_terbesar(findings: pd.DataFrame, top: int = 12) -> Figure:
    """The largest disagreements, as relative difference to the stated figure."""
    bad = findings[findings.status == "tidak_cocok"].copy()
    bad = bad[bad.selisih.map(lambda v: isinstance(v, int | float)).astype(bool)]
    bad["relatif"] = [abs(float(s)) / abs(float(r)) * 100 if float(r) else float("nan")
                      for s, r in zip(bad.selisih, bad.dilaporkan, strict=True)]
    bad = bad.dropna(subset=["relatif"]).sort_values("relatif", ascending=False).head(top)
    names = [wrap(f"{r.id}: {without_line_references(r.uraian)}", 60)
             for r in bad.itertuples()]
    fig, ax = new_figure(10, fitting_height(names, 0.42))
    ax.barh(names, bad.relatif, color=PALETTE["tidak_cocok"])
    ax.invert_yaxis()
    ax.set_xscale("symlog", linthresh=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    set_unit(ax, PERCENT)
    ax.set(title="Ketidakcocokan terbesar", xlabel="Selisih relatif terhadap angka yang "
           "dilaporkan (skala log)")
    ax.tick_params(axis="y", labelsize=8)
    if bad.empty:
        ax.text(0.5, 0.5, "Tidak ada ketidakcocokan berupa angka", transform=ax.transAxes,
                ha="center")
    return fig
