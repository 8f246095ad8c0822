"""The budget explorer's logic, without a browser. Expected figures are read off the 2020
document by hand (Tabel 14 lines 681 and 740–743, Tabel 15 line 760, the Belanja Langsung of
line 680)."""

import hashlib

import pytest
from openpyxl import load_workbook

from lkjip_analysis import jelajah
from lkjip_analysis.config import PROJECT_ROOT
from lkjip_analysis.errors import ParameterError
from lkjip_analysis.jelajah import Selection


def test_units_sum_to_the_reported_belanja_langsung(d2020):
    frame = jelajah.select(d2020, Selection(2020, "APBD", "unit_kerja", "realisasi", 50))
    assert frame.realisasi.sum() == 26_661_611_467
    pskwhp = frame[frame.nama == "PSKWHP"].iloc[0]
    assert pskwhp.realisasi == 356_839_590 + 607_964_085 + 163_569_700 + 69_049_100
    assert pskwhp.baris_sumber == "740, 741, 742, 743" and pskwhp.jumlah_baris == 4
    assert list(frame.realisasi) == sorted(frame.realisasi, reverse=True)


def test_value_lines_and_implied_allocation(d2020):
    frame = jelajah.select(d2020, Selection(2020, "APBD", "baris", "alokasi_tersirat", 50))
    line = frame[frame.baris_sumber == "681"].iloc[0]
    assert line.nama == "1. Program Pelayanan Administrasi Perkantoran (baris 681)"
    assert line.alokasi_tersirat == pytest.approx(2_892_957_804 / 94.82 * 100)
    assert line.serapan == pytest.approx(94.82)
    assert len(frame) == 42


def test_apbn_by_absorption_and_top_n(d2020):
    frame = jelajah.select(d2020, Selection(2020, "APBN", "program", "serapan", 1))
    assert len(frame) == 1
    assert frame.nama.iloc[0].startswith("Program dukungan manajemen")  # line 760: 100%
    assert frame.serapan.iloc[0] == pytest.approx(100.0)
    funds = jelajah.select(d2020, Selection(2020, "APBN", "unit_kerja", "realisasi", 5))
    assert set(funds.nama) == {"Dana Dekonsentrasi", "Tugas Pembantuan"}
    assert funds.loc[funds.nama == "Tugas Pembantuan", "realisasi"].item() == 3_787_064_000


def test_a_line_continuing_its_programme_is_named_as_its_activity(d2020):
    frame = jelajah.select(d2020, Selection(2020, "APBD", "baris", "realisasi", 50))
    line = frame[frame.baris_sumber == "698"].iloc[0]  # an amount only, under line 697
    assert line.nama == "Kegiatan program 8, nilai ke-2 (baris 698)"
    assert not frame.nama.str.startswith("(").any()


def test_the_smallest_first(d2020):
    """'Which unit absorbed least': the lowest serapan first, the same units as the largest
    first in reverse (units with a serapan)."""
    lowest = jelajah.select(d2020, Selection(2020, "APBD", "unit_kerja", "serapan", 50, True))
    highest = jelajah.select(d2020, Selection(2020, "APBD", "unit_kerja", "serapan", 50))
    assert list(lowest.nama) == list(reversed(highest.nama))
    assert lowest.nama.iloc[0] == "PSAAH"
    bottom = Selection(2020, "APBD", "unit_kerja", "serapan", 3, lowest=True)
    assert bottom.title == "Serapan APBD 2020 per unit kerja (3 terbawah)"
    assert bottom.file_name == "jelajah_2020_apbd_unit_kerja_serapan_bottom3.xlsx"


def test_apbn_levels_say_they_are_sources_of_funds(d2020):
    selection = Selection(2020, "APBN", "unit_kerja", "realisasi", 5)
    assert selection.level_name == "Sumber dana"
    assert selection.title == "Realisasi APBN 2020 per sumber dana (5 teratas)"
    shown = jelajah.shown(jelajah.select(d2020, selection), selection)
    assert list(shown.columns)[0] == "Sumber dana"


def test_the_implied_allocation_is_the_audits(d2020):
    """One computation: the explorer's implied allocation of a source of funds is the one the
    audit compares with the reported subtotal (T15-02, line 766)."""
    from lkjip_analysis.audit import audit

    funds = jelajah.select(d2020, Selection(2020, "APBN", "unit_kerja", "realisasi", 5))
    ours = funds.loc[funds.nama == "Dana Dekonsentrasi", "alokasi_tersirat"].item()
    findings = audit(d2020)
    check = findings[findings.uraian.str.startswith("Alokasi tersirat Jumlah Dana Dekon")]
    assert round(ours) == check.dihitung.item() == 6_073_567_834


def test_shown_in_indonesian_formats(d2020):
    selection = Selection(2020, "APBD", "baris", "realisasi", 1)
    row = jelajah.shown(jelajah.select(d2020, selection), selection).iloc[0]
    assert row["Realisasi (Rp)"] == "Rp3.497.503.285" and row["Serapan (%)"].endswith("%")


def test_figure_and_workbook(d2020, tmp_path):
    selection = Selection(2020, "APBD", "program", "realisasi", 3)
    frame = jelajah.select(d2020, selection)
    fig = jelajah.figure(frame, selection)
    assert fig.get_suptitle() == "Realisasi APBD 2020 per program (3 teratas)"
    path = jelajah.save(frame, selection, tmp_path / "reports")
    assert path == tmp_path / "reports" / "jelajah" / "2020" / \
        "jelajah_2020_apbd_program_realisasi_top3.xlsx"
    book = load_workbook(path)
    sheet = book["jelajah"]
    assert [c.value for c in sheet[1]] == ["Program", "Realisasi (Rp)", "Alokasi tersirat (Rp)",
                                           "Serapan (%)", "Jumlah baris", "Baris sumber"]
    assert sheet["B2"].value == frame.realisasi.iloc[0] and sheet["B2"].number_format != "General"
    # wide enough for the value as shown, Rp and dots included (else Excel shows ########)
    assert sheet.column_dimensions["B"].width >= len("Rp26.661.611.467")
    record = dict(row for row in book["pilihan"].iter_rows(min_row=2, values_only=True))
    assert record["Tingkat"] == "Program" and record["Urutan"] == "3 teratas"
    document = PROJECT_ROOT / "data" / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    digest = hashlib.sha256(document.read_bytes()).hexdigest()[:16]
    assert record["Dokumen sumber"] == f"lkjip_2020_dinsos_kaltim.md (SHA-256 {digest}…)"
    assert record["Dibuat dengan"].startswith("lkjip-analysis ")


@pytest.mark.parametrize("selection, message", [
    (Selection(2020, fund="APBX"), "fund harus salah satu dari APBD, APBN"),
    (Selection(2020, level="kabupaten"), "level harus salah satu dari"),
    (Selection(2020, measure="anggaran"), "measure harus salah satu dari"),
    (Selection(2020, top=0), "top harus bilangan bulat paling sedikit 1"),
    (Selection(2020, lowest="ya"), "lowest harus True atau False"),
])
def test_a_bad_selection_is_refused(d2020, selection, message):
    with pytest.raises(ParameterError, match=message):
        jelajah.select(d2020, selection)


def test_a_selection_of_fewer_lines_than_asked_is_titled_by_what_it_shows(d2020):
    """APBN has 7 value lines: the 42 smallest are those 7, and the title says 7; its level of
    sources of funds saves under that name."""
    selection = jelajah.Selection(2020, fund="APBN", level="baris", top=42, lowest=True)
    frame = jelajah.select(d2020, selection)
    assert len(frame) == 7
    assert selection.title_of(len(frame)) == "Realisasi APBN 2020 per baris nilai (7 terbawah)"
    funds = jelajah.Selection(2020, fund="APBN", level="unit_kerja")
    assert funds.file_name == "jelajah_2020_apbn_sumber_dana_realisasi_top10.xlsx"
