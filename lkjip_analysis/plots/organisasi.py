"""The workforce figures (Tabel 1)."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..numbers import format_number
from .hover import set_unit
from .style import new_figure

DIMENSION_TITLES = {"jenis_kelamin": "Jenis Kelamin", "golongan": "Golongan",
                    "pendidikan": "Pendidikan"}


def sdm_breakdown(d, dimension: str) -> Figure:
    """Staff by position and one breakdown (jenis_kelamin, golongan, pendidikan)."""
    data = d.sdm[d.sdm.dimensi == dimension]
    table = data.pivot_table(index="jabatan", columns="kategori", values="jumlah",
                             aggfunc="sum", sort=False)
    table = table[list(dict.fromkeys(data.kategori))]
    fig, ax = new_figure(9, 4.8)
    table.plot.barh(stacked=True, ax=ax, colormap="crest", width=0.7)
    ax.invert_yaxis()
    for y, total in enumerate(table.sum(axis=1)):
        ax.annotate(format_number(total), (total, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set(title=f"Pegawai menurut jabatan dan {DIMENSION_TITLES[dimension].lower()}",
           xlabel="Jumlah pegawai (orang)", ylabel="")
    set_unit(ax, "orang")
    ax.legend(title=DIMENSION_TITLES[dimension], bbox_to_anchor=(1.01, 1), loc="upper left")
    return fig
