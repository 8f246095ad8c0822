"""Issue 15 (the budget history from the charts): a report's Grafik, as `lkjip import` writes
a Word chart's data, is a source for `anggaran_tahunan` (own report first, then the latest
report's chart, then the history file) and a chart year that disagrees with that year's own
report is a cross-year finding. TEST DATA: the synthetic 2021 report with a chart appended,
its values fictitious except 2020's, taken from the 2020 report (realisation off by Rp1)."""

from __future__ import annotations

import pandas as pd
import pytest
from nextyear import make_next_year

from lkjip_analysis import load_series
from lkjip_analysis.audit import COCOK, TIDAK_COCOK

CHART = [
    "Grafik 1. Perkembangan Anggaran dan Realisasi APBD 2017-2021 (DATA UJI)",
    "",
    "Kategori\tAnggaran\tRealisasi",
    "2017\t40.000.000.000\t35.000.000.000",
    "2018\t45.000.000.000\t40.000.000.000",
    "2019\t50.000.000.000\t",
    "2020\t56.652.801.485\t50.193.200.644",
    "2021\t60.000.000.000\t55.000.000.000",
    "",
    "Grafik 2. Jumlah PMKS (DATA UJI)",
    "",
    "Kategori\tJumlah",
    "Samarinda\t1.234",
    "",
    "Grafik 3. Anggaran dan Realisasi APBN (miliar rupiah, DATA UJI)",
    "",
    "Kategori\tAnggaran\tRealisasi",
    "2016\t9,5\t9,1",
]


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    root = tmp_path_factory.mktemp("grafik") / "data"
    folder = make_next_year(root)
    document = folder / "lkjip_2021_sintetis.md"
    text = document.read_text(encoding="utf-8")
    first = len(text.split("\n")) + 1  # the caption's line
    document.write_text(text + "\n" + "\n".join(CHART) + "\n", encoding="utf-8")
    return load_series(root), first


def test_years_without_a_report_come_from_the_latest_report_chart(series):
    s, caption = series
    apbd = s.anggaran_tahunan[s.anggaran_tahunan.sumber_dana == "APBD"].set_index("tahun")
    assert apbd.loc[2017, ["anggaran", "realisasi"]].tolist() == [40_000_000_000,
                                                                  35_000_000_000]
    assert apbd.loc[2017, "sumber"] == f"LKjIP 2021, Grafik 1 baris {caption + 3}"
    assert apbd.loc[2018, "realisasi"] == 40_000_000_000
    assert pd.isna(apbd.loc[2019, "realisasi"]) and apbd.loc[2019, "anggaran"] == 50e9
    assert apbd.loc[2020, "realisasi"] == 50_193_200_643  # the year's own report first
    assert apbd.loc[2020, "sumber"].startswith("realisasi LKjIP 2020")
    assert apbd.loc[2016, "sumber"].startswith("anggaran_historis.csv")  # no chart, no report
    assert s.anggaran_tahunan[s.anggaran_tahunan.sumber_dana == "APBN"].tahun.tolist() == \
        list(range(2014, 2022))
    apbn = s.anggaran_tahunan[s.anggaran_tahunan.sumber_dana == "APBN"].set_index("tahun")
    # Grafik 2 is no budget history, Grafik 3 is rounded (miliar): nothing taken from them
    assert apbn.loc[2016, "sumber"].startswith("anggaran_historis.csv")


def test_a_chart_year_that_disagrees_with_its_own_report_is_a_finding(series):
    s, caption = series
    found = s.temuan_lintas_tahun[s.temuan_lintas_tahun.tabel == "Grafik 1"]
    assert found[["uraian", "dilaporkan", "dihitung", "status", "laporan",
                  "baris_sumber"]].values.tolist() == [
        ["Anggaran APBD 2020: grafik LKjIP 2021 sama dengan LKjIP 2020", 56_652_801_485,
         56_652_801_485, COCOK, 2021, caption + 6],
        ["Realisasi APBD 2020: grafik LKjIP 2021 sama dengan LKjIP 2020", 50_193_200_644,
         50_193_200_643, TIDAK_COCOK, 2021, caption + 6],
    ]
