"""Every figure of the report: one function each, one theme, Indonesian labels and numbers.

Each function takes datasets (or a frame) and returns a matplotlib Figure; `save` writes it as
PNG and SVG with fixed metadata, so the same data give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .numbers import format_number, format_percent

PALETTE = {"anggaran": "#9DB4CE", "realisasi": "#1F4E79", "target": "#C9A227",
           "cocok": "#4C8C4A", "tidak_cocok": "#B23A3A"}
UNITS = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu"))
DIMENSION_TITLES = {"jenis_kelamin": "Jenis Kelamin", "golongan": "Golongan",
                    "pendidikan": "Pendidikan"}


def apply_theme() -> None:
    """The one theme of every figure."""
    sns.set_theme(style="whitegrid", context="notebook", font="DejaVu Sans")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 110, "svg.hashsalt": "lkjip",
                         "axes.titleweight": "bold", "axes.titlesize": 13,
                         "figure.autolayout": False, "path.simplify": True})


def rupiah_unit(values) -> tuple[float, str]:
    """The Indonesian unit (juta, miliar, …) that suits the largest value."""
    top = max((abs(v) for v in values if pd.notna(v)), default=0)
    for size, name in UNITS:
        if top >= size:
            return size, name
    return 1.0, ""


def rupiah_axis(axis, values, which: str = "x") -> str:
    """Format an axis in the unit that suits `values`; returns the axis label."""
    size, name = rupiah_unit(values)
    formatter = FuncFormatter(lambda v, _: format_number(v / size, 1 if size > 1 else 0))
    (axis.xaxis if which == "x" else axis.yaxis).set_major_formatter(formatter)
    return f"Rupiah ({name})" if name else "Rupiah"


def save(fig: Figure, name: str, folder: str | Path) -> list[Path]:
    """Write `name`.png and `name`.svg in `folder`, without timestamps."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def _figure(width: float = 9, height: float = 5) -> tuple[Figure, plt.Axes]:
    apply_theme()
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


# --- SDM -------------------------------------------------------------------------------------

def sdm_breakdown(d, dimension: str) -> Figure:
    """Staff by position and one breakdown (jenis_kelamin, golongan, pendidikan)."""
    data = d.sdm[d.sdm.dimensi == dimension]
    table = data.pivot_table(index="jabatan", columns="kategori", values="jumlah",
                             aggfunc="sum", sort=False)
    table = table[list(dict.fromkeys(data.kategori))]
    fig, ax = _figure(9, 4.8)
    table.plot.barh(stacked=True, ax=ax, colormap="crest", width=0.7)
    ax.invert_yaxis()
    for y, total in enumerate(table.sum(axis=1)):
        ax.annotate(format_number(total), (total, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set(title=f"Pegawai menurut jabatan dan {DIMENSION_TITLES[dimension].lower()}",
           xlabel="Jumlah pegawai (orang)", ylabel="")
    ax.legend(title=DIMENSION_TITLES[dimension], bbox_to_anchor=(1.01, 1), loc="upper left")
    return fig


# --- Kinerja ---------------------------------------------------------------------------------

def target_realisasi(d) -> Figure:
    """The key indicator: target against realisation (Tabel 9)."""
    row = d.capaian_kinerja.iloc[0]
    fig, ax = _figure(6, 4)
    bars = ax.bar(["Target", "Realisasi"], [row.target, row.realisasi],
                  color=[PALETTE["target"], PALETTE["realisasi"]], width=0.55)
    ax.bar_label(bars, labels=[format_percent(row.target), format_percent(row.realisasi)],
                 padding=3)
    ax.set(title=f"Target dan realisasi IKU {d.year}", ylabel="Persen PMKS (%)")
    ax.set_ylim(0, max(row.target, row.realisasi) * 1.25)
    return fig


def kinerja_triwulan(d) -> Figure:
    """Quarterly cumulative target and realisation (Tabel 8)."""
    q = d.kinerja_triwulan
    fig, ax = _figure(7, 4)
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
    ax.legend()
    return fig


def kinerja_historis(d) -> Figure:
    """Realisation by year (Tabel 10 and 9) against the yearly targets (Tabel 3)."""
    history = d.kinerja_historis[["tahun", "realisasi"]]
    now = d.capaian_kinerja.iloc[0]
    series = pd.concat([history, pd.DataFrame({"tahun": [d.year], "realisasi": [now.realisasi]})])
    series = series.drop_duplicates("tahun", keep="last")
    targets = d.target_tahunan[d.target_tahunan.jenis == "target"]
    fig, ax = _figure(8, 4.2)
    ax.bar(series.tahun.astype(str), series.realisasi, color=PALETTE["realisasi"], width=0.6,
           label="Realisasi")
    for x, value in zip(series.tahun.astype(str), series.realisasi, strict=True):
        ax.annotate(format_number(value, 2), (x, value), xytext=(0, 3),
                    textcoords="offset points", ha="center", fontsize=9)
    shown = targets[targets.tahun.isin(series.tahun)]
    ax.scatter(shown.tahun.astype(str), shown.nilai, color=PALETTE["target"], zorder=3,
               marker="D", label="Target Renstra")
    ax.set(title="Realisasi IKU per tahun", ylabel="Persen PMKS (%)", xlabel="Tahun")
    ax.legend()
    return fig


def evaluasi_akip(d) -> Figure:
    """SAKIP component scores per year against their weights (Tabel 7)."""
    parts = d.evaluasi_akip
    fig, ax = _figure(9, 4.5)
    sns.barplot(data=parts, y="komponen", x="nilai", hue="tahun", ax=ax, palette="crest",
                orient="h")
    weights = parts.drop_duplicates("komponen")
    ax.scatter(weights.bobot, range(len(weights)), marker="|", s=400, color="black",
               label="Bobot", zorder=3)
    totals = d.evaluasi_akip_total
    title = "; ".join(f"{r.tahun}: {format_number(r.nilai, 2)} ({r.kategori})"
                      for r in totals.itertuples())
    ax.set(title=f"Nilai evaluasi AKIP per komponen — {title}", xlabel="Nilai", ylabel="")
    ax.legend(title="")
    return fig


def output_program(facts: pd.DataFrame) -> Figure:
    """Planned and realised outputs of KUBE, UEP, KAT and PKH (narrative)."""
    pairs = (("KUBE (kelompok)", "kube"), ("UEP (orang)", "uep"), ("KAT (KK)", "kat"),
             ("PKH (KPM)", "pkh"))
    values = facts.drop_duplicates("kunci").set_index("kunci").nilai
    rows = []
    for label, prefix in pairs:
        target = values.get(f"{prefix}_target", values.get(f"{prefix}_target_kk"))
        done = values.get(f"{prefix}_realisasi", values.get(f"{prefix}_realisasi_kk"))
        rows += [(label, "Direncanakan", target), (label, "Terealisasi", done)]
    data = pd.DataFrame(rows, columns=["keluaran", "jenis", "jumlah"])
    fig, ax = _figure(8, 4)
    sns.barplot(data=data, x="keluaran", y="jumlah", hue="jenis", ax=ax,
                palette=[PALETTE["target"], PALETTE["realisasi"]])
    for container in ax.containers:
        ax.bar_label(container, labels=[format_number(v) for v in container.datavalues],
                     padding=2, fontsize=9)
    ax.set(title="Keluaran program penanganan PMKS", xlabel="", ylabel="Jumlah")
    ax.legend(title="")
    return fig


# --- Anggaran --------------------------------------------------------------------------------

def realisasi_per_unit(d) -> Figure:
    """APBD realisation by unit (Dinas and each UPTD), Tabel 14."""
    by_unit = (d.realisasi_apbd.groupby("unit_kerja").realisasi.sum()
               .sort_values(ascending=False))
    fig, ax = _figure(8, 4)
    label = _rupiah_bars(ax, list(by_unit.index), by_unit.values, fontsize=9)
    ax.set(title=f"Realisasi Belanja Langsung APBD {d.year} per unit kerja", xlabel=label)
    return fig


def _rupiah_bars(ax, names: list[str], values, fontsize: int) -> str:
    """Horizontal bars of rupiah, largest on top, each labelled in the axis unit; returns
    the axis label."""
    ax.barh(names, values, color=PALETTE["realisasi"])
    ax.invert_yaxis()
    label = rupiah_axis(ax, values)
    size, _ = rupiah_unit(values)
    for y, value in enumerate(values):
        ax.annotate(format_number(value / size, 2), (value, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=fontsize)
    return label


def realisasi_per_program(d, top: int = 15) -> Figure:
    """The largest APBD programmes by realisation, with their absorption (Tabel 14)."""
    lines = d.realisasi_apbd.dropna(subset=["realisasi"])
    programs = (lines.groupby(["no_program", "program"], sort=False).realisasi.sum()
                .sort_values(ascending=False).head(top).reset_index())
    names = [f"{r.no_program}. {_short(r.program)}" for r in programs.itertuples()]
    fig, ax = _figure(10, 0.42 * len(programs) + 1.5)
    label = _rupiah_bars(ax, names, programs.realisasi.to_numpy(), fontsize=8)
    ax.set(title=f"{len(programs)} program APBD {d.year} dengan realisasi terbesar",
           xlabel=label)
    ax.tick_params(axis="y", labelsize=8)
    return fig


def serapan_baris(d) -> Figure:
    """Absorption of every Tabel 14 value line, lowest first."""
    lines = d.realisasi_apbd.dropna(subset=["persen"]).sort_values("persen")
    names = [f"{r.no_program}. {_short(r.program)} (baris {r.baris_sumber})"
             for r in lines.itertuples()]
    fig, ax = _figure(10, 0.26 * len(lines) + 1.5)
    colors = [PALETTE["tidak_cocok"] if p < 90 else PALETTE["realisasi"] for p in lines.persen]
    ax.barh(names, lines.persen, color=colors)
    ax.invert_yaxis()
    ax.axvline(90, color="grey", ls="--", lw=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    ax.set(title="Serapan anggaran per baris realisasi APBD (merah: di bawah 90%)",
           xlabel="Serapan", xlim=(0, 105))
    ax.tick_params(axis="y", labelsize=7)
    return fig


def realisasi_apbn(d) -> Figure:
    """APBN realisation by programme and source of funds (Tabel 15)."""
    lines = d.realisasi_apbn.copy()
    lines["nama"] = [f"{_short(p, 45)} ({s.split()[-1]})" for p, s in
                     zip(lines.program, lines.sumber_dana, strict=True)]
    fig, ax = _figure(10, 4.2)
    sns.barplot(data=lines, y="nama", x="realisasi", hue="sumber_dana", ax=ax, dodge=False,
                palette=[PALETTE["realisasi"], PALETTE["target"]], orient="h")
    label = rupiah_axis(ax, lines.realisasi)
    ax.set(title=f"Realisasi APBN {d.year} per program dan sumber dana", xlabel=label,
           ylabel="")
    ax.legend(title="")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def tren_anggaran(history: pd.DataFrame, fund: str) -> Figure:
    """Grafik 1/2 rebuilt: budget and realisation per year for one fund. Years without
    numbers are not drawn as values: the figure names them as missing."""
    series = history[history.sumber_dana == fund].sort_values("tahun")
    known = series.dropna(subset=["anggaran", "realisasi"], how="all")
    missing = series[series.anggaran.isna() & series.realisasi.isna()].tahun.tolist()
    fig, ax = _figure(9, 4.5)
    years = series.tahun.astype(str).tolist()
    x = {year: i for i, year in enumerate(years)}
    width = 0.38
    for offset, column in ((-width / 2, "anggaran"), (width / 2, "realisasi")):
        positions = [x[str(t)] + offset for t in known.tahun]
        ax.bar(positions, known[column].astype(float), width, color=PALETTE[column],
               label=column.capitalize())
    ax.set_xticks(range(len(years)), years)
    label = rupiah_axis(ax, known[["anggaran", "realisasi"]].stack().astype(float), "y")
    for row in known.itertuples():
        absorbed = float(row.realisasi) / float(row.anggaran) * 100
        ax.annotate(f"serapan {format_percent(absorbed)}", (x[str(row.tahun)],
                    float(row.anggaran)), xytext=(0, 4), textcoords="offset points",
                    ha="center", fontsize=9)
    for year in missing:
        ax.annotate("tidak\ntersedia", (x[str(year)], 0), xytext=(0, 6),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8,
                    color="grey")
    top = known[["anggaran", "realisasi"]].astype(float).max().max() if len(known) else 1
    ax.set_ylim(0, top * 1.2)
    ax.set(title=f"Perkembangan anggaran {fund} {years[0]}–{years[-1]}", ylabel=label,
           xlabel="Tahun")
    ax.legend(loc="upper left")
    if missing:
        fig.supxlabel("Tahun tanpa angka (" + ", ".join(map(str, missing)) + "): grafik asli "
                      "laporan berupa gambar, angkanya tidak ada dalam teks.\nTidak diisi, "
                      "diperkirakan atau diinterpolasi.", fontsize=8, color="grey")
    return fig


def kinerja_lintas_tahun(series: pd.DataFrame) -> Figure:
    """Each indicator's realisation by year, as every report states it: the report of the year
    itself as a bar, a later report's restatement as a marker, so that a disagreement shows."""
    fig, ax = _figure(9, 4.5)
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
    ax.set(title="Realisasi indikator kinerja menurut tahun dan laporan", xlabel="Tahun",
           ylabel="Realisasi")
    ax.legend(fontsize=8)
    return fig


# --- Audit -----------------------------------------------------------------------------------

def selisih_terbesar(findings: pd.DataFrame, top: int = 12) -> Figure:
    """The largest disagreements, as relative difference to the stated figure."""
    bad = findings[findings.status == "tidak_cocok"].copy()
    bad = bad[bad.selisih.map(lambda v: isinstance(v, int | float))]
    bad["relatif"] = [abs(float(s)) / abs(float(r)) * 100 if float(r) else float("nan")
                      for s, r in zip(bad.selisih, bad.dilaporkan, strict=True)]
    bad = bad.dropna(subset=["relatif"]).sort_values("relatif", ascending=False).head(top)
    fig, ax = _figure(10, 0.42 * len(bad) + 1.5)
    names = [f"{r.id}: {_short(r.uraian, 60)}" for r in bad.itertuples()]
    ax.barh(names, bad.relatif, color=PALETTE["tidak_cocok"])
    ax.invert_yaxis()
    ax.set_xscale("symlog", linthresh=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    ax.set(title="Ketidakcocokan terbesar", xlabel="Selisih relatif terhadap angka yang "
           "dilaporkan (skala log)")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def _short(text: str, limit: int = 55) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
