"""Figures: Indonesian titles, saved as PNG and SVG with the same bytes every time. The load
cache: fast when nothing changed, never stale when an input changed."""

import pandas as pd
import pytest
from helpers import edit_line
from openpyxl import load_workbook

from lkjip_analysis import load, plots
from lkjip_analysis.audit import audit
from lkjip_analysis.pipeline.steps import extract


@pytest.fixture(scope="module")
def figures(d2020):
    return {
        "sdm": plots.sdm_breakdown(d2020, "jenis_kelamin"),
        "tren": plots.tren_anggaran(d2020.anggaran_historis, "APBD"),
        "audit": plots.selisih_terbesar(audit(d2020)),
        "unit": plots.realisasi_per_unit(d2020),
    }


def test_titles_are_indonesian(figures):
    assert figures["sdm"].axes[0].get_title() == "Pegawai menurut jabatan dan jenis kelamin"
    assert figures["unit"].axes[0].get_xlabel() == "Rupiah (miliar)"
    tick = figures["unit"].axes[0].xaxis.get_major_formatter()(2.5e9, 0)
    assert tick == "2,5"


def test_trend_names_the_missing_years(figures):
    note = figures["tren"]._supxlabel.get_text()
    assert "2014, 2015, 2016, 2017, 2018, 2019" in note and "Tidak diisi" in note


def test_saved_figures_are_byte_identical(figures, tmp_path):
    first = [p.read_bytes() for p in plots.save(figures["audit"], "a", tmp_path / "1")]
    second = [p.read_bytes() for p in plots.save(figures["audit"], "a", tmp_path / "2")]
    assert first == second
    assert first[0][:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in first[1]


def test_the_cache_is_never_stale(data_root):
    first = load(2020, data_root)
    assert (data_root / "processed" / ".cache").is_dir()
    assert load(2020, data_root).realisasi_apbd.equals(first.realisasi_apbd)
    edit_line(data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md", 681,
              "2.892.957.804", "2.892.957.805")
    changed = load(2020, data_root).realisasi_apbd
    assert changed.loc[changed.baris_sumber == 681, "realisasi"].item() == 2_892_957_805


def test_extract_seeds_the_processed_cache_with_what_reading_back_gives(data_root):
    """After `extract`, reading the processed CSVs is a cache hit; the frames it returns are
    those a fresh parse and validation of the CSVs gives (the second route: no cache)."""
    import shutil

    extract(2020, data_root)
    assert (data_root / "processed" / ".cache" / "2020-processed.json").exists()
    seeded = load(2020, data_root, source="processed")
    shutil.rmtree(data_root / "processed" / ".cache")
    parsed = load(2020, data_root, source="processed")
    assert list(seeded) == list(parsed) and seeded.origin == parsed.origin
    for name in parsed:
        pd.testing.assert_frame_equal(seeded[name], parsed[name], obj=name)


def test_workbook_text_is_never_a_formula(data_root):
    extract(2020, data_root)
    book = load_workbook(data_root / "processed" / "2020" / "lkjip_2020.xlsx")
    sheet = book["realisasi_apbd"]
    cell = sheet["D4"]  # uraian of line 683: "- Penyediaan Peralatan …"
    assert cell.value.startswith("- Penyediaan") and cell.data_type == "s"
    assert sheet["G2"].number_format == '"Rp"#,##0' and sheet.freeze_panes == "A2"


@pytest.mark.parametrize("step, decimals", [(0.25, 2), (0.5, 1), (5, 0), (2e9, 0), (0.125, 3),
                                            (0.1 + 0.2, 1)])
def test_a_tick_step_is_written_with_the_decimals_it_needs(step, decimals):
    from lkjip_analysis.plots import step_decimals

    assert step_decimals(step) == decimals


def test_an_analysts_own_plot_takes_the_indonesian_style_in_one_call():
    import matplotlib.pyplot as plt

    from lkjip_analysis import plots

    plots.apply_theme()
    fig, ax = plt.subplots()
    ax.bar(["APBD", "APBN"], [1250.5, 2500.25])
    plots.indonesian_axes(ax)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "1.000" in labels and "2.500" in labels  # dots group thousands
    assert [t.get_text() for t in ax.get_xticklabels()] == ["APBD", "APBN"]
    plt.close(fig)
