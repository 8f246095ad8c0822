"""The figures as a reader sees them: Indonesian numbers, nothing cut, text kept as text, each
bar's exact value on hover, chart and table in the same units, a clean table of contents."""

import html
import re
from pathlib import Path

from lkjip_analysis import analysis, load, load_series, plots

DECIMAL_POINT = re.compile(r">\s*-?\d+\.\d+\s*<")  # 0.25 in a tick or label: English format


def test_every_figure_speaks_indonesian_and_keeps_its_text(built):
    for svg in sorted((built / "figures").glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        assert "<text" in text, svg.name  # text as text, not glyph outlines
        assert not DECIMAL_POINT.search(text), (svg.name, DECIMAL_POINT.search(text))
        assert "…" not in text, svg.name  # no name cut mid-word
    triwulan = (built / "figures" / "kinerja_triwulan.svg").read_text(encoding="utf-8")
    assert ">0,25<" in triwulan and ">1,4<" in triwulan


def test_hover_shows_the_exact_value(built):
    html = (built / "laporan_2020.html").read_text(encoding="utf-8")
    # Tabel 14 line 681, as the document states it
    assert "<title>1. Program Pelayanan Administrasi Perkantoran: Rp2.892.957.804</title>" in html
    assert "<script" not in html.split("</head>", 1)[1]


def test_titles_are_whole(tmp_path):
    d = load(2020)
    fig = plots.serapan_baris(d)
    plots.save(fig, "serapan", tmp_path)
    title = plots.figure_title(fig)
    assert title == ("Serapan anggaran per baris realisasi APBD, bagian 1 dari 3 "
                     "(merah: di bawah 90%)")
    fig.canvas.draw()
    box = fig.get_suptitle() and fig._suptitle.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width  # inside the figure


def test_the_42_value_lines_take_three_printed_pages_legible_on_a4():
    """At most 15 lines a figure, as wide as an A4 page's print area, labels at 7,5 pt: printed
    at their size, a page each."""
    d = load(2020)
    figures = [plots.serapan_baris(d, part) for part in range(1, plots.serapan_parts(d) + 1)]
    bars = [len(fig.axes[0].patches) for fig in figures]
    assert bars == [15, 15, 12] and sum(bars) == d.realisasi_apbd.persen.notna().sum()
    for fig in figures:
        width, height = fig.get_size_inches()
        assert width <= 7.0 and height <= 9.5  # A4 less its margins and running header
        assert min(t.get_fontsize() for t in fig.axes[0].get_yticklabels()) >= 7


def test_programme_outputs_chart_and_table_share_units():
    d = load(2020)
    table = analysis.program_outputs(d)
    fig = plots.output_program(table)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == [f"{r.keluaran} ({r.satuan})" for r in table.itertuples()]
    assert labels[0] == "KUBE (KK)"
    heights = sorted(p.get_height() for p in fig.axes[0].patches if p.get_height() > 0)
    assert table.loc[0, "direncanakan"] in heights  # 200 KK, as the narrative states


def test_table_of_contents_is_numbered_once(built):
    html = (built / "laporan_2020.html").read_text(encoding="utf-8")
    toc = re.search(r'<div class="laporan-daftar-isi">(.*?)</div>', html, re.S).group(1)
    assert "<ol" not in toc and ">1. Sumber Daya Aparatur<" in toc
    assert "size: A4" in html and "break-after: avoid" in html


def hover_titles(svg: Path) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>",
                                                 svg.read_text(encoding="utf-8"))]


def test_every_point_and_bar_says_its_series_and_unit(built):
    """Hover titles, against the document by hand: Tabel 8 lines 550–553 (unit `Prosen`),
    Tabel 7 line 531, Tabel 3 line 440 (the Renstra targets), Grafik 1's 2020 budget."""
    figures = built / "figures"
    quarters = hover_titles(figures / "kinerja_triwulan.svg")
    assert quarters[1:] == ["TW I, Target: 0,00%", "TW II, Target: 0,25%",
                            "TW III, Target: 0,50%", "TW IV, Target: 0,75%",
                            "TW I, Realisasi: 0,00%", "TW II, Realisasi: 0,25%",
                            "TW III, Realisasi: 0,50%", "TW IV, Realisasi: 1,00%"]
    assert "Pengukuran Kinerja, 2019: 18,75" in hover_titles(figures / "evaluasi_akip.svg")
    targets = [t for t in hover_titles(figures / "kinerja_historis.svg") if "Renstra" in t]
    assert targets and all(", Target Renstra, Tabel 3: Penyandang masalah kesejahteraan "
                           "sosial (PMKS)" in t for t in targets)
    assert "2020, Anggaran APBD: Rp56.652.801.485" in hover_titles(
        figures / "tren_anggaran_apbd.svg")
    assert all(t.endswith("%") for t in hover_titles(figures / "serapan_apbd_per_baris_1.svg")
               [1:])


def test_the_index_chart_names_its_unit():
    """Tabel 9 gives the indicator's unit, `Prosen`: the index page's chart says `%`."""
    series = load_series().kinerja_tahunan
    assert set(series.satuan) == {"Prosen"}
    fig = plots.kinerja_lintas_tahun(series)
    assert fig.axes[0].get_ylabel() == "Realisasi (%)"
    points = [tip for tips in plots.finish(fig).values() if isinstance(tips, list)
              for tip in tips]
    assert "2016, Dinyatakan ulang di LKjIP 2020: 1,70%" in points  # Tabel 10, 2016


def test_every_serapan_bar_says_which_line_it_is():
    """Line 715 (an amount under programme 17, 53,41 %) is an activity of programme 17, not
    the programme; the programme's own line (714) is 99,51 % (Tabel 14, by hand)."""
    d = load(2020)
    bars = {}
    for part in range(1, plots.serapan_parts(d) + 1):
        ax = plots.serapan_baris(d, part).axes[0]
        labels = [" ".join(t.get_text().split()) for t in ax.get_yticklabels()]
        widths = [round(p.get_width(), 2) for p in ax.patches]
        values = [t.get_text() for t in ax.texts]
        assert values == [f"{w:.2f}%".replace(".", ",") for w in widths]  # value on each bar
        bars |= dict(zip(labels, widths, strict=True))
    assert bars["Kegiatan program 17, nilai ke-2"] == 53.41
    assert bars["17. Program peningkatan sarana dan prasarana aparatur (PSPAD)"] == 99.51
    assert bars["Kegiatan program 22, nilai ke-2"] == 66.67
    assert not any(label.endswith("(2)") for label in bars)


def test_legends_name_each_series_once():
    d = load(2020)
    for fig, expected in ((plots.evaluasi_akip(d), ["2018", "2019", "Bobot"]),
                          (plots.output_program(analysis.program_outputs(d)),
                           ["Direncanakan", "Terealisasi"])):
        assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == expected
