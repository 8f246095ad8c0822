"""The performance figures: the key indicator, its quarters and history (Tabel 3, 8, 9, 10),
the SAKIP evaluation (Tabel 7) and the programmes' outputs."""

from __future__ import annotations

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from ..numbers import format_number, format_percent
from .hover import set_series, set_unit
from .style import PALETTE, new_figure


def target_realisasi(d) -> Figure:
    """The key indicator: target against realisation (Tabel 9)."""
    row = d.capaian_kinerja.iloc[0]
    fig, ax = new_figure(6, 4)
    bars = ax.bar(["Target", "Realisasi"], [row.target, row.realisasi],
                  color=[PALETTE["target"], PALETTE["realisasi"]], width=0.55)
    ax.bar_label(bars, labels=[format_percent(row.target), format_percent(row.realisasi)],
                 padding=3)
    ax.set(title=f"Target dan realisasi IKU {d.year}", ylabel="Persen PMKS (%)")
    ax.set_ylim(0, max(row.target, row.realisasi) * 1.25)
    set_unit(ax, row.satuan)
    return fig


def kinerja_triwulan(d) -> Figure:
    """Quarterly cumulative target and realisation (Tabel 8)."""
    q = d.kinerja_triwulan
    fig, ax = new_figure(7, 4)
    labels = [f"TW {n}" for n in ("I", "II", "III", "IV")][: len(q)]
    ax.plot(labels, q.target, marker="o", color=PALETTE["target"], label="Target")
    ax.plot(labels, q.realisasi, marker="o", color=PALETTE["realisasi"], label="Realisasi")
    for x, value in zip(labels, q.realisasi, strict=True):
        ax.annotate(format_number(value, 2), (x, value), xytext=(0, 6),
                    textcoords="offset points", ha="center", fontsize=9)
    ax.axhline(q.target_tahunan.iloc[0], ls="--", color="grey", lw=1)
    ax.annotate(f"Target tahunan {format_number(q.target_tahunan.iloc[0], 1)}",
                (0, q.target_tahunan.iloc[0]), xytext=(2, 4), textcoords="offset points",
                fontsize=8, color="grey")
    ax.set(title=f"Kinerja triwulanan {d.year} (kumulatif)", ylabel="Persen PMKS (%)")
    set_unit(ax, d.capaian_kinerja.satuan.iloc[0])
    ax.legend()
    return fig


def kinerja_historis(d) -> Figure:
    """Realisation by year (Tabel 10 and 9) against the yearly targets (Tabel 3); each target
    marker names the table and indicator it comes from."""
    history = d.kinerja_historis[["tahun", "realisasi"]]
    now = d.capaian_kinerja.iloc[0]
    series = pd.concat([history, pd.DataFrame({"tahun": [d.year], "realisasi": [now.realisasi]})])
    series = series.drop_duplicates("tahun", keep="last")
    targets = d.target_tahunan[d.target_tahunan.jenis == "target"]
    fig, ax = new_figure(8, 4.2)
    ax.bar(series.tahun.astype(str), series.realisasi, color=PALETTE["realisasi"], width=0.6,
           label="Realisasi")
    for x, value in zip(series.tahun.astype(str), series.realisasi, strict=True):
        ax.annotate(format_number(value, 2), (x, value), xytext=(0, 3),
                    textcoords="offset points", ha="center", fontsize=9)
    shown = targets[targets.tahun.isin(series.tahun)]
    markers = ax.scatter(shown.tahun.astype(str), shown.nilai, color=PALETTE["target"],
                         zorder=3, marker="D", label="Target Renstra")
    indicators = "; ".join(dict.fromkeys(shown.indikator_sasaran))
    set_series(markers, f"Target Renstra, {d.table_label('target_tahunan')}: {indicators}")
    ax.set(title="Realisasi IKU per tahun", ylabel="Persen PMKS (%)", xlabel="Tahun")
    set_unit(ax, now.satuan)
    ax.legend()
    return fig


def evaluasi_akip(d) -> Figure:
    """SAKIP component scores per year against their weights (Tabel 7)."""
    parts = d.evaluasi_akip
    years = sorted(parts.tahun.unique())
    fig, ax = new_figure(9, 4.5)
    sns.barplot(data=parts, y="komponen", x="nilai", hue="tahun", hue_order=years, ax=ax,
                palette="crest", orient="h")
    for container, year in zip(ax.containers, years, strict=True):
        set_series(container, str(year))  # each bar's hover title names its year
    weights = parts.drop_duplicates("komponen")
    ax.scatter(weights.bobot, range(len(weights)), marker="|", s=400, color="black",
               label="Bobot", zorder=3)
    totals = d.evaluasi_akip_total
    title = "; ".join(f"{r.tahun}: {format_number(r.nilai, 2)} ({r.kategori})"
                      for r in totals.itertuples())
    ax.set(title=f"Nilai evaluasi AKIP per komponen — {title}", xlabel="Nilai", ylabel="")
    ax.legend(title="")
    return fig


def output_program(outputs: pd.DataFrame) -> Figure:
    """Planned and realised outputs of the programmes, in the units of the table beside it
    (`analysis.program_outputs`: KUBE in KK, UEP in persons, …)."""
    data = outputs.melt(id_vars=["keluaran", "satuan"], value_vars=["direncanakan",
                                                                     "terealisasi"],
                        var_name="jenis", value_name="jumlah")
    data["keluaran"] = data.keluaran + " (" + data.satuan + ")"
    data["jenis"] = data.jenis.map({"direncanakan": "Direncanakan",
                                    "terealisasi": "Terealisasi"})
    fig, ax = new_figure(8, 4)
    sns.barplot(data=data, x="keluaran", y="jumlah", hue="jenis", ax=ax,
                palette=[PALETTE["target"], PALETTE["realisasi"]])
    for container, kind in zip(ax.containers, ("Direncanakan", "Terealisasi"), strict=True):
        set_series(container, kind)
        ax.bar_label(container, labels=[format_number(v) for v in container.datavalues],
                     padding=2, fontsize=9)
    ax.set(title="Keluaran program penanganan PMKS", xlabel="", ylabel="Jumlah (satuan "
           "masing-masing)")
    ax.legend(title="")
    return fig
