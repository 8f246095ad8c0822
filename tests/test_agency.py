"""The agency and the report year (issue 34): from the cover, else the first sentence naming
both, its year checked against the year the tables measure; never from a regulation a
foreword cites. Documents here are short texts written like the real reports' (quoted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip_analysis.core.agency import COVER, SENTENCE, TABLES, agency_statement
from lkjip_analysis.reading.source import Document


def statement(*lines: str):
    return agency_statement(Document(Path("uji.md"), lines))


def test_a_foreword_citing_a_regulation_is_not_the_report_year():
    """bkpd_jabar_2016's first statement runs on into `sebagaimana diamanatkan Inpres No 7
    tahun 1999`; the report is the one of 2016 its later sentence names."""
    found = statement(
        "## 1.1. Latar Belakang",
        "Laporan Akuntabilitas Kinerja Instansi Pemerintah (LAKIP) Badan Ketahanan Pangan "
        "Daerah Provinsi Jawa Barat sebagaimana diamanatkan Inpres No 7 tahun 1999 Tentang "
        "Akuntabilitas Kinerja Instansi Pemerintah disusun berdasarkan ...",
        "Dalam kaitan Laporan Akuntabilitas Kinerja Instansi Pemerintah (LAKIP) Badan Ketahanan "
        "Pangan Daerah Provinsi Jawa Barat Tahun 2016 berikut adalah peraturan ...")
    assert (found.name, found.year, found.line, found.where) == (
        "Badan Ketahanan Pangan Daerah Provinsi Jawa Barat", 2016, 3, SENTENCE)


def test_a_report_without_cover_takes_the_year_its_tables_measure():
    """rsud_alihsan_jabar_2016 starts at BAB I; its legal basis keeps `Tahun 2015` while its
    tables measure 2016."""
    found = statement(
        "<b>BAB I</b>",
        "Dasar hukum dalam penyusunan LKIP Rumah Sakit Umum Daerah Al Ihsan Provinsi Jawa "
        "Barat Tahun 2015 adalah sebagai berikut:",
        "INDIKATOR KINERJA\tCapaian Tahun 2015 (%)\tCapaian Tahun2016 (%)",
        "BOR\t80,5\t82,1")
    assert (found.name, found.year, found.where, found.stated_year) == (
        "Rumah Sakit Umum Daerah Al Ihsan Provinsi Jawa Barat", 2016, TABLES, 2015)


def test_a_comparison_with_last_year_does_not_move_the_year():
    found = statement(
        "Penyusunan Laporan Kinerja Instansi Pemerintah (LKIP) Biro Organisasi Sekretariat "
        "Daerah Tahun 2016 ini ...",
        "No\tIndikator\tCapaian Tahun 2015\tTarget\tRealisasi",
        "Biro Organisasi Sekretariat Daerah Provinsi Jawa Barat melaksanakan ...")
    assert (found.name, found.year) == (
        "Biro Organisasi Sekretariat Daerah Provinsi Jawa Barat", 2016)


def test_the_cover_is_read_as_one_text_and_wins():
    """dpmdesa_jabar_2016's cover: four heading lines, the year before the agency."""
    found = statement(
        "# LAPORAN KINERJA INSTANSI PEMERINTAH", "# (LKIP)", "# TAHUN 2016",
        "# BADAN PEMBERDAYAAN MASYARAKAT DAN PEMERINTAHAN DESA PROVINSI JAWA BARAT",
        "<b>BAB I</b>",
        "Laporan Kinerja Instansi Pemerintah (LKIP) Badan Pemberdayaan Masyarakat dan "
        "Pemerintahan Desa Provinsi Jawa Barat Tahun 2015 disusun ...")
    assert (found.year, found.where) == (2016, COVER)
    assert found.name == "BADAN PEMBERDAYAAN MASYARAKAT DAN PEMERINTAHAN DESA PROVINSI JAWA BARAT"


@pytest.mark.parametrize(("line", "name"), [
    ("LKIP BP IPTEK Provinsi Jawa Barat Tahun 2016 disusun berdasarkan Peraturan",
     "BP IPTEK Provinsi Jawa Barat"),
    ("Laporan Kinerja Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Grobogan Tahun 2021 "
     "berpedoman pada Peraturan Menteri", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten "
     "Grobogan"),
    ("Laporan Kinerja Pemerintah Provinsi Jawa Barat berpedoman pada Peraturan Menteri Tahun "
     "2014", None),
])
def test_the_name_ends_where_the_agency_does(line, name):
    found = statement(line)
    assert (found.name if found else None) == name


def test_a_sentence_naming_another_year_is_said_not_a_stop(tmp_path, caplog):
    """A report with no cover whose one sentence names 2015 (its tables name no year) lies in
    the folder of 2016: it is read as 2016 and the sentence is said; only a cover stops."""
    import logging

    from lkjip_analysis import load

    raw = tmp_path / "raw" / "2016"
    raw.mkdir(parents=True)
    (raw / "lkjip_2016_uji.md").write_text(
        "BAB I PENDAHULUAN\n\nLaporan Kinerja Dinas Uji Provinsi Contoh Tahun 2015 disusun "
        "berdasarkan ...\n\nTabel 3.1 Pengukuran Kinerja\n\nNo\tIndikator Kinerja\tTarget\t"
        "Realisasi\tCapaian (%)\n1\tIndeks kepuasan\t80\t84\t105\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="lkjip"):
        d = load(2016, tmp_path, source="document")
    assert d.instansi.tahun.tolist() == [2016]
    assert d.capaian_kinerja.realisasi.tolist() == [84.0]
    assert "2015" in caplog.text and "2016" in caplog.text
