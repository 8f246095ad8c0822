"""Every figure of the report: one function each, one theme, Indonesian labels and numbers.

Each function takes datasets (or a frame) and returns a matplotlib Figure; `save` finishes it
(every numeric axis in Indonesian format through one Babel formatter, long titles wrapped, each
bar's exact value as an SVG `<title>` shown on hover) and writes it as PNG and SVG (text kept as
text) with fixed metadata, so the same data give the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, ScalarFormatter

from . import metrics
from .analysis import value_line_name
from .audiences import without_line_references
from .markup import fill
from .numbers import format_number, format_percent, format_rupiah

PALETTE = {"anggaran": "#9DB4CE", "realisasi": "#1F4E79", "target": "#C9A227",
           "cocok": "#4C8C4A", "tidak_cocok": "#B23A3A"}
UNITS = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu"))
DIMENSION_TITLES = {"jenis_kelamin": "Jenis Kelamin", "golongan": "Golongan",
                    "pendidikan": "Pendidikan"}


def apply_theme() -> None:
    """The one theme of every figure."""
    sns.set_theme(style="whitegrid", context="notebook", font="DejaVu Sans")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 110, "svg.hashsalt": "lkjip",
                         "svg.fonttype": "none", "axes.titleweight": "bold",
                         "axes.titlesize": 13, "figure.autolayout": False,
                         "path.simplify": True,
                         "axes.unicode_minus": False,  # one minus sign, as Babel writes it
                         "text.parse_math": False})  # text from data is drawn as text, never $math$


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
    axis.lkjip_rupiah = which  # hover titles show these bars' exact rupiah
    return f"Rupiah ({name})" if name else "Rupiah"


def save(fig: Figure, name: str, folder: str | Path) -> list[Path]:
    """Finish `fig` and write `name`.png and `name`.svg in `folder`, without timestamps."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tips = finish(fig)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    paths[1].write_text(with_titles(svg.getvalue(), tips, figure_title(fig)), encoding="utf-8")
    return paths


def finish(fig: Figure) -> dict[str, str]:
    """Indonesian numbers on every numeric axis, titles wrapped to the figure's width, and an
    id on every bar; returns id -> the bar's label and exact value."""
    tips: dict[str, str] = {}
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(FuncFormatter(_indonesian_tick(axis)))
        tips |= _bar_tips(ax, start=len(tips))
    title = fig.axes[0].get_title() if len(fig.axes) == 1 else ""
    if title:  # over the whole figure, not the axes beside long labels: never cut
        fig.axes[0].set_title("")
        fig.suptitle(textwrap.fill(" ".join(title.split()), int(fig.get_figwidth() * 8.5)),
                     fontweight="bold", fontsize=13)
    return tips


def step_decimals(step: float) -> int:
    """The decimals that write a tick step exactly: 0,25 needs two, 0,5 one, 5 none (at most
    four)."""
    return next((d for d in range(5) if abs(round(step, d) - step) < 1e-9 * max(1, step)), 4)


def _indonesian_tick(axis):
    """A tick formatter with as many decimals as the tick step needs (0,25 … 1,75)."""
    def tick(value, _position):
        ticks = sorted(axis.get_majorticklocs())
        steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False) if b != a]
        return format_number(value, step_decimals(min(steps, default=1)))
    return tick


def _bar_tips(ax, start: int) -> dict[str, str]:
    tips = {}
    rupiah = getattr(ax, "lkjip_rupiah", None)
    for container in (c for c in ax.containers if isinstance(c, BarContainer)):
        horizontal = container.orientation == "horizontal"
        for patch in container.patches:
            value = patch.get_width() if horizontal else patch.get_height()
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            gid = f"nilai-{start + len(tips) + 1}"
            patch.set_gid(gid)
            where = _category(ax, patch, horizontal)
            exact = (format_rupiah(value) if rupiah == ("x" if horizontal else "y")
                     else format_number(value, 2 if value % 1 else 0))
            series = container.get_label()
            series = "" if not series or series.startswith("_") else f" ({series})"
            tips[gid] = f"{where}{series}: {exact}" if where else f"{exact}{series}"
    return tips


def _category(ax, patch, horizontal: bool) -> str:
    """The tick label under (or beside) a bar."""
    centre = (patch.get_y() + patch.get_height() / 2 if horizontal
              else patch.get_x() + patch.get_width() / 2)
    axis = ax.yaxis if horizontal else ax.xaxis
    labels = {round(t.get_position()[1 if horizontal else 0], 6): t.get_text()
              for t in axis.get_ticklabels()}
    if not labels:
        return ""
    nearest = min(labels, key=lambda position: abs(position - centre))
    return " ".join(labels[nearest].split()) if abs(nearest - centre) < 0.5 else ""


def figure_title(fig: Figure) -> str:
    """The figure's title on one line (its suptitle once finished, else its axes' title)."""
    supertitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    titles = [supertitle] + [ax.get_title() for ax in fig.axes]
    return next((" ".join(t.split()) for t in titles if t), "")


_GROUP = re.compile(r'<g id="(nilai-\d+)">')


def with_titles(svg: str, tips: dict[str, str], title: str) -> str:
    """`svg` with a `<title>` in each bar's group (shown on hover, no script) and the figure's
    title as the image's accessible name."""
    svg = _GROUP.sub(lambda m: m.group(0) + fill("<title>{tip}</title>",
                                                 {"tip": tips.get(m.group(1), "")}), svg)
    if title:
        svg = re.sub(r"(<svg\b[^>]*>)",
                     lambda m: m.group(1) + fill("<title>{judul}</title>", {"judul": title}),
                     svg, count=1)
    return svg


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


def output_program(outputs: pd.DataFrame) -> Figure:
    """Planned and realised outputs of the programmes, in the units of the table beside it
    (`analysis.program_outputs`: KUBE in KK, UEP in persons, …)."""
    data = outputs.melt(id_vars=["keluaran", "satuan"], value_vars=["direncanakan",
                                                                     "terealisasi"],
                        var_name="jenis", value_name="jumlah")
    data["keluaran"] = data.keluaran + " (" + data.satuan + ")"
    data["jenis"] = data.jenis.map({"direncanakan": "Direncanakan",
                                    "terealisasi": "Terealisasi"})
    fig, ax = _figure(8, 4)
    sns.barplot(data=data, x="keluaran", y="jumlah", hue="jenis", ax=ax,
                palette=[PALETTE["target"], PALETTE["realisasi"]])
    for container in ax.containers:
        ax.bar_label(container, labels=[format_number(v) for v in container.datavalues],
                     padding=2, fontsize=9)
    ax.set(title="Keluaran program penanganan PMKS", xlabel="", ylabel="Jumlah (satuan "
           "masing-masing)")
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
    names = [_wrap(f"{r.no_program}. {r.program}", 60) for r in programs.itertuples()]
    fig, ax = _figure(10, _height(names, 0.42))
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
    lines = d.realisasi_apbd.dropna(subset=["persen"]).sort_values("persen", kind="stable")
    parts = serapan_parts(d)
    names = _distinct([_wrap(f"{r.no_program}. {value_line_name(r)}", 58)
                       for r in lines.itertuples()])
    chosen = slice((part - 1) * LINES_PER_FIGURE, part * LINES_PER_FIGURE)
    names, values = names[chosen], list(lines.persen)[chosen]
    fig, ax = _figure(PRINT_WIDTH, _height(names, 0.3))
    colors = [PALETTE["tidak_cocok"] if p < 90 else PALETTE["realisasi"] for p in values]
    ax.barh(names, values, color=colors)
    ax.invert_yaxis()
    ax.axvline(90, color="grey", ls="--", lw=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    part_of = f", bagian {part} dari {parts}" if parts > 1 else ""
    ax.set(title=f"Serapan anggaran per baris realisasi APBD{part_of} (merah: di bawah 90%)",
           xlabel="Serapan", xlim=(0, 105))
    ax.tick_params(axis="y", labelsize=7.5)
    return fig


def realisasi_apbn(d) -> Figure:
    """APBN realisation by programme and source of funds (Tabel 15)."""
    lines = d.realisasi_apbn.copy()
    lines["nama"] = [_wrap(f"{p} ({s.split()[-1]})", 50) for p, s in
                     zip(lines.program, lines.sumber_dana, strict=True)]
    fig, ax = _figure(10, _height(list(lines.nama), 0.45, 1.8))
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
    names = [_wrap(name, 60) for name in frame.nama]
    fig, ax = _figure(10, _height(names, 0.42))
    values = frame[measure].astype(float).to_numpy()
    if measure == "serapan":
        ax.barh(names, values, color=PALETTE["realisasi"])
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
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
    names = [_wrap(f"{r.id}: {without_line_references(r.uraian)}", 60)
             for r in bad.itertuples()]
    fig, ax = _figure(10, _height(names, 0.42))
    ax.barh(names, bad.relatif, color=PALETTE["tidak_cocok"])
    ax.invert_yaxis()
    ax.set_xscale("symlog", linthresh=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0)))
    ax.set(title="Ketidakcocokan terbesar", xlabel="Selisih relatif terhadap angka yang "
           "dilaporkan (skala log)")
    ax.tick_params(axis="y", labelsize=8)
    return fig


def _distinct(names: list[str]) -> list[str]:
    """`names` with a repeated one numbered (`… (2)`): one bar per name."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _wrap(text: str, width: int) -> str:
    """A long name on several lines, broken between words, never cut."""
    return textwrap.fill(" ".join(text.split()), width)


def _height(names: list[str], per_line: float, extra: float = 1.5) -> float:
    """A figure height that fits every (wrapped) name."""
    lines = sum(max(1, name.count("\n") + 1) * 0.8 + 0.2 for name in names)
    return per_line * lines + extra
