"""Every year: a next report read without code, the cross-year series and findings, new-year
commands, and the bad input of a multi-year data folder. The next report is the synthetic one of
`nextyear.py` (test data, derived from the 2020 document); every expected figure below is read
off the 2020 document by hand."""

from __future__ import annotations

import html
import logging
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from nextyear import ADDED_AMOUNT, CHANGE, make_next_year, new_line

from lkjip_analysis import load, load_series
from lkjip_analysis.audit import audit
from lkjip_analysis.cli import main
from lkjip_analysis.config import available_years
from lkjip_analysis.errors import DocumentError, LkjipError, SourceError
from lkjip_analysis.lintas_tahun import report_years
from lkjip_analysis.reading.corrections import load_corrections

# From the 2020 document: Tabel 14's value lines sum to its Belanja Langsung (line 680).
BELANJA_LANGSUNG_2020 = 26_661_611_467
# Tabel 10 line 574 restates 2016–2019 as 1,70 / 1,60 / 1,80 / 1,47; Tabel 9 line 565 states 1,47.
HISTORY_2020 = {2016: 1.70, 2017: 1.60, 2018: 1.80, 2019: 1.47}
# Tabel 7 lines 535–536: 2018 = 68,78 (B), 2019 = 70,39 (BB).
SAKIP_2020 = {2018: (68.78, "B"), 2019: (70.39, "BB")}


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("years") / "data"
    make_next_year(root)
    return root


@pytest.fixture(scope="module")
def d2021(two_years):
    return load(2021, two_years)


def test_next_report_is_read_by_what_its_tables_are(d2021, caplog):
    labels = dict(zip(d2021.tabel_sumber.dataset, d2021.tabel_sumber.tabel, strict=True))
    assert labels["sdm"] == "Tabel 1" and labels["sarana_prasarana"] == "Tabel 2"
    assert labels["target_tahunan"] == "Tabel 4"
    assert labels["capaian_kinerja"] == "Tabel 10"
    assert labels["realisasi_apbd"] == "Tabel 15" and labels["realisasi_apbn"] == "Tabel 16"
    assert d2021.instansi.nama.iloc[0] == "Dinas Sosial Provinsi Kalimantan Timur"
    assert d2021.instansi.tahun.iloc[0] == 2021


def test_inserted_table_is_skipped_and_logged(two_years, caplog):
    from lkjip_analysis.config import Paths
    from lkjip_analysis.data.datasets import _from_document

    with caplog.at_level(logging.INFO, logger="lkjip"):
        _from_document(Paths.for_year(2021, two_years))
    assert "Tabel 3 dilewati (baris 435: Tabel 3. Jumlah PMKS" in caplog.text


def test_next_report_figures(d2021):
    values = d2021.realisasi_apbd.dropna(subset=["realisasi"])
    assert len(values) == 42 + 1
    assert values.realisasi.sum() == BELANJA_LANGSUNG_2020 + CHANGE + ADDED_AMOUNT
    added = values[values.baris_sumber == new_line(744) - 1].iloc[0]
    assert (added.no_program, added.unit_kerja, added.realisasi) == (32, "PSTW", ADDED_AMOUNT)
    assert values.loc[values.baris_sumber == new_line(681), "realisasi"].item() == 2_992_957_804
    # the years come from the document: evaluation years, history columns, target years
    assert sorted(d2021.evaluasi_akip_total.tahun) == [2019, 2020]
    assert sorted(d2021.kinerja_historis.tahun) == [2017, 2018, 2019, 2020]
    assert sorted(d2021.target_tahunan[d2021.target_tahunan.jenis == "target"].tahun.unique()) \
        == [2019, 2020, 2021, 2022, 2023]
    # corrections keep their own labels and lines; polarity carried over, visibly
    assert set(d2021.koreksi.tabel) == {"Tabel 15", "Tabel 16"}
    assert d2021.realisasi_apbd.dikoreksi.sum() == 6
    assert d2021.polaritas_indikator.berkas.tolist() == ["raw/2020/polaritas_indikator.csv"]


def test_audit_names_the_tables_as_the_document_does(d2021):
    findings = audit(d2021)
    apbd = findings[findings.uraian.str.startswith("Belanja Langsung = jumlah")].iloc[0]
    assert (apbd.tabel, apbd.id[:3], apbd.status) == ("Tabel 15", "T15", "tidak_cocok")
    assert apbd.dihitung - apbd.dilaporkan == CHANGE + ADDED_AMOUNT


def test_indicator_series_by_hand(two_years):
    series = load_series(two_years).kinerja_tahunan
    got = {(r.tahun, r.tahun_laporan): r.realisasi for r in series.itertuples()}
    expected = {(year, 2020): value for year, value in HISTORY_2020.items()}
    expected |= {(year + 1, 2021): value for year, value in HISTORY_2020.items()}
    expected |= {(2020, 2020): 1.47, (2021, 2021): 1.47}
    assert got == pytest.approx(expected)
    own = series[series.tahun == series.tahun_laporan]
    assert own.capaian.round(6).tolist() == [98.0, 98.0]  # 1,47 / 1,5
    assert own.sumber.tolist() == ["LKjIP 2020, Tabel 9 baris 565",
                                   f"LKjIP 2021, Tabel 10 baris {new_line(565)}"]


def test_cross_year_findings_by_hand(two_years):
    findings = load_series(two_years).temuan_lintas_tahun
    indicator = findings[findings.uraian.str.match(r"Realisasi \d{4} '")]
    # 2021's Tabel 11 restates 2017–2020; 2020's report states 2017–2019 (Tabel 10) and 2020
    expected = [(year + 1, value, HISTORY_2020.get(year + 1, 1.47))
                for year, value in HISTORY_2020.items()]
    got = [(int(r.uraian.split()[1]), r.dilaporkan, r.dihitung) for r in indicator.itertuples()]
    assert [(y, round(a, 2), round(b, 2)) for y, a, b in got] == expected
    assert indicator.status.tolist() == ["tidak_cocok"] * 3 + ["cocok"]
    assert set(indicator.baris_sumber) == {new_line(574)}
    assert indicator.baris_pembanding.tolist() == [574, 574, 574, 565]
    sakip = findings[findings.uraian.str.contains("SAKIP 2019")]
    assert sakip.dilaporkan.tolist() == [68.78, "B"] and sakip.dihitung.tolist() == [70.39, "BB"]
    assert sakip.status.tolist() == ["tidak_cocok", "tidak_cocok"]


def test_budget_series_report_wins_and_the_difference_is_a_finding(data_root):
    history = data_root / "raw" / "anggaran_historis.csv"
    table = pd.read_csv(history, dtype=str, keep_default_na=False)
    # TEST DATA: a 2018 figure (a year with no report) and a 2020 figure that differs from
    # the report's own Total (50.193.200.643, Tabel 14 line 744)
    table.loc[(table.tahun == "2018") & (table.sumber_dana == "APBD"),
              ["anggaran", "realisasi", "sumber"]] = ["1000", "900", "DATA UJI"]
    table.loc[(table.tahun == "2020") & (table.sumber_dana == "APBD"), "realisasi"] = "50193200000"
    table.to_csv(history, index=False)
    series = load_series(data_root)
    budget = series.anggaran_tahunan.set_index(["tahun", "sumber_dana"])
    assert budget.loc[(2018, "APBD"), "realisasi"] == 900
    assert budget.loc[(2018, "APBD"), "serapan"] == pytest.approx(90.0)
    assert budget.loc[(2018, "APBD"), "sumber"] == "anggaran_historis.csv: DATA UJI"
    assert budget.loc[(2020, "APBD"), "realisasi"] == 50_193_200_643
    assert budget.loc[(2020, "APBD"), "sumber"].startswith("realisasi LKjIP 2020, Tabel 14 "
                                                           "baris 744")
    bad = series.temuan_lintas_tahun
    bad = bad[bad.status == "tidak_cocok"]
    assert len(bad) == 1
    row = bad.iloc[0]
    assert (row.dilaporkan, row.dihitung, row.selisih) == (50193200000, 50193200643, 643)
    assert (row.baris_sumber, row.baris_pembanding) == (8, 744)


def test_series_until_a_year(two_years):
    series = load_series(two_years, until=2020)
    assert series.kinerja_tahunan.tahun_laporan.unique().tolist() == [2020]
    assert series.anggaran_tahunan.tahun.max() == 2020


def test_workbook_only_year(two_years, tmp_path):
    """A year given only as a filled workbook (here: 2021's datasets, written by extract)."""
    from lkjip_analysis.config import Paths
    from lkjip_analysis.data.datasets import write_processed

    root = tmp_path / "data"
    shutil.copytree(two_years / "raw", root / "raw")
    write_processed(load(2021, root), Paths.for_year(2021, root))
    document = next((root / "raw" / "2021").glob("lkjip_*.md"))
    document.unlink()
    shutil.move(root / "processed" / "2021" / "lkjip_2021.xlsx",
                root / "raw" / "2021" / "lkjip_2021.xlsx")
    d = load(2021, root)
    assert d.origin.endswith("lkjip_2021.xlsx")
    assert d.realisasi_apbd.realisasi.sum() == BELANJA_LANGSUNG_2020 + CHANGE + ADDED_AMOUNT
    series = load_series(root)
    assert 2021 in series.kinerja_tahunan.tahun_laporan.tolist()


def test_init_and_template(tmp_path, capsys):
    """A new data root: no earlier year, no polarity, no budget history."""
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    assert main(["init", "--year", "2022", "--data-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Langkah berikutnya" in out and "lkjip template --year 2022" in out
    koreksi = root / "raw" / "2022" / "koreksi.yaml"
    assert load_corrections(koreksi).entries == ()
    koreksi.write_text("koreksi: []\n# mine\n", encoding="utf-8")
    assert main(["init", "--year", "2022", "--data-dir", str(root)]) == 0
    assert koreksi.read_text(encoding="utf-8").endswith("# mine\n")  # left as it was
    assert main(["template", "--year", "2022", "--data-dir", str(root)]) == 0
    d = load(2022, root)
    assert d.origin.endswith("lkjip_2022.xlsx") and len(d.realisasi_apbd) == 0
    assert len(d.polaritas_indikator) == 0 and len(d.anggaran_historis) == 0
    assert list(d.realisasi_apbd.columns)[:3] == ["no_program", "program", "jenis_baris"]
    from openpyxl import load_workbook

    book = load_workbook(root / "raw" / "2022" / "lkjip_2022.xlsx")
    assert book.sheetnames[0] == "petunjuk" and "LKjIP 2022" in book["petunjuk"]["A1"].value
    rules = {str(r.sqref): r.type for r in book["realisasi_apbd"].data_validations.dataValidation}
    assert rules["G2:G5000"] == "whole"  # realisasi
    before = (root / "raw" / "2022" / "lkjip_2022.xlsx").read_bytes()
    assert main(["template", "--year", "2022", "--data-dir", str(root)]) == 1
    assert (root / "raw" / "2022" / "lkjip_2022.xlsx").read_bytes() == before


def test_year_folder_without_report(data_root, caplog):
    (data_root / "raw" / "2021").mkdir()
    with pytest.raises(SourceError) as caught:
        load(2021, data_root)
    message = str(caught.value)
    assert "raw/2021" in message and "tidak berisi dokumen laporan maupun buku kerja" in message
    assert "lkjip template --year 2021" in message
    with caplog.at_level(logging.WARNING, logger="lkjip"):
        assert report_years(data_root) == [2020]
    assert "raw/2021 tidak berisi dokumen laporan" in caplog.text


def test_template_never_shadows_a_document(data_root):
    assert main(["template", "--year", "2020", "--data-dir", str(data_root)]) == 1
    assert not (data_root / "raw" / "2020" / "lkjip_2020.xlsx").exists()


def test_series_of_a_new_data_folder_without_history(two_years, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(two_years / "raw" / "2021", root / "raw" / "2021")
    series = load_series(root)
    assert series.anggaran_tahunan.tahun.tolist() == [2021, 2021]  # APBD, APBN: the report
    assert series.temuan_lintas_tahun.empty


def test_folder_that_is_not_a_year(data_root, caplog):
    (data_root / "raw" / "2021-draft").mkdir()
    with caplog.at_level(logging.WARNING, logger="lkjip"):
        assert report_years(data_root) == [2020]
    assert "2021-draft bukan folder tahun" in caplog.text
    assert available_years(data_root) == [2020]


def test_document_in_the_wrong_year_folder(data_root):
    shutil.copytree(data_root / "raw" / "2020", data_root / "raw" / "2021")
    with pytest.raises(SourceError, match="2020, tetapi terletak di folder tahun 2021"):
        load(2021, data_root)


def test_table_mapping(data_root):
    mapping = data_root / "raw" / "2020" / "tabel.yaml"
    mapping.write_text(yaml.safe_dump({"realisasi_apbd": "Tabel 99"}), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load(2020, data_root)
    assert "tabel.yaml menunjuk Tabel 99 untuk realisasi_apbd" in str(caught.value)
    assert "baris 674: Tabel 14. Realisasi Anggaran APBD" in str(caught.value)
    mapping.write_text("realisasi_apbx: Tabel 14\n", encoding="utf-8")
    with pytest.raises(SourceError, match="dataset yang tidak dikenal 'realisasi_apbx'"):
        load(2020, data_root)


def test_table_mapping_resolves_ambiguity(data_root):
    """Both budget captions say APBD: recognition refuses, the mapping settles it."""
    from helpers import edit_line

    document = data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    edit_line(document, 754, "APBN", "APBD")
    with pytest.raises(DocumentError, match="2 tabel mirip realisasi_apbd"):
        load(2020, data_root)
    (data_root / "raw" / "2020" / "tabel.yaml").write_text(
        "realisasi_apbd: Tabel 14\nrealisasi_apbn: Tabel 15\n", encoding="utf-8")
    d = load(2020, data_root)
    assert d.realisasi_apbn.realisasi.count() == 7


def test_all_and_year_contradict(capsys):
    assert main(["build", "--all", "--year", "2020"]) == 2
    assert "jangan keduanya" in capsys.readouterr().err


@pytest.mark.parametrize("year", [" 2020", "20x0", "202"])
def test_year_must_be_four_digits(year):
    with pytest.raises(SystemExit) as caught:
        main(["extract", "--year", year])
    assert caught.value.code == 2


def test_build_all_reuses_unchanged_years(tmp_path):
    """2020 alone, then 2021 added: 2020 is reused, the cross-year layer rebuilt; a third
    run changes nothing."""
    from lkjip_analysis.lintas_tahun.build import build_all

    data, reports = tmp_path / "data", tmp_path / "reports"
    shutil.copytree(Path(__file__).parents[1] / "data" / "raw", data / "raw")
    build_all(data, reports, jobs=2)
    manifest_2020 = reports / "2020" / "manifest.json"
    first = (manifest_2020.stat().st_mtime_ns, manifest_2020.read_bytes())
    make_next_year(data)
    index = build_all(data, reports, jobs=2)
    assert (manifest_2020.stat().st_mtime_ns, manifest_2020.read_bytes()) == first
    assert (reports / "2021" / "laporan_2021.html").exists()
    page = index.read_text(encoding="utf-8")
    assert 'href="2020/laporan_2020.html"' in page and 'href="2021/laporan_2021.html"' in page
    assert "Dinas Sosial Provinsi Kalimantan Timur" in page
    # its contents list its sections (it had one entry, issue 26), each linking to a heading
    contents = page[page.index('class="laporan-daftar-isi"'):]
    contents = html.unescape(contents[:contents.index("</ul>")])
    anchors = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    assert [title for _anchor, title in anchors] == [
        "Laporan per tahun", "Anggaran lintas tahun", "Indikator kinerja lintas tahun",
        "Temuan lintas tahun"]
    assert all(f'id="{anchor}"' in page for anchor, _title in anchors)
    found = pd.read_csv(reports / "temuan_lintas_tahun.csv")
    assert len(found) == 10 and (found.status == "tidak_cocok").sum() == 5
    tren = pd.read_csv(data / "processed" / "tren" / "kinerja_tahunan.csv")
    assert sorted(tren.tahun_laporan.unique()) == [2020, 2021]
    stamps = {p: p.stat().st_mtime_ns for p in (index, reports / "temuan_lintas_tahun.csv")}
    build_all(data, reports, jobs=2)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_build_all_with_a_broken_year_keeps_the_cross_year_outputs(tmp_path):
    from lkjip_analysis.lintas_tahun.build import build_all

    data, reports = tmp_path / "data", tmp_path / "reports"
    make_next_year(data)
    (data / "raw" / "2021" / "koreksi.yaml").write_text("koreksi: []\n", encoding="utf-8")
    with pytest.raises(LkjipError, match=r"1 dari 2 tahun gagal \(2021\)"):
        build_all(data, reports, jobs=2)
    assert (reports / "2020" / "laporan_2020.html").exists()
    assert not (reports / "index.html").exists()
