"""Each dataset against numbers read by hand from the report (line numbers in comments)."""

import pandas as pd
import pytest

from lkjip_analysis import load
from lkjip_analysis.data.schemas import DATASET_NAMES
from lkjip_analysis.pipeline.steps import extract

NAN = float("nan")


def rows(df, columns):
    return [tuple(r) for r in df[columns].itertuples(index=False)]


def test_every_dataset_is_loaded(d2020):
    assert list(d2020) == list(DATASET_NAMES)
    assert d2020.sdm is d2020["sdm"]


def test_sdm_detail_rows(d2020):
    sdm = d2020.sdm
    assert len(sdm) == 6 * 12
    kasi = sdm[sdm.jabatan == "Kepala Seksi"]  # line 306
    assert kasi.jumlah.tolist() == [20, 8, 6, 22, 0, 0, 6, 22, 0, 0, 0, 0]
    assert set(kasi.baris_sumber) == {306}
    honorer = sdm[sdm.jabatan == "Honorer / PTT"]
    assert set(honorer.status_pegawai) == {"Honorer/PTT"}
    assert honorer[honorer.dimensi == "pendidikan"].jumlah.tolist() == [1, 52, 7, 76, 3, 4]
    assert sdm.groupby("dimensi").size().to_dict() == {
        "golongan": 24, "jenis_kelamin": 12, "pendidikan": 36}


def test_sdm_totals_kept_apart(d2020):
    total = d2020.sdm_total
    assert len(total) == 3 * 12 + 3
    merged = total[total.baris_sumber == 312]  # JUMLAH KESELURUAHAN, merged cells
    assert rows(merged, ["dimensi", "kategori", "jumlah"]) == [
        ("jenis_kelamin", "semua", 323), ("golongan", "semua", 180),
        ("pendidikan", "semua", 323)]
    pns = total[total.uraian == "Jumlah PNS"]  # line 309
    assert pns.jumlah.tolist() == [122, 58, 16, 85, 66, 13, 16, 62, 5, 80, 8, 9]


def test_sarana_prasarana_whole_frame(d2020):
    got = d2020.sarana_prasarana
    assert rows(got, ["no", "uraian", "satuan", "baris_sumber"]) == [
        (1, "Tanah", "m2", 350), (2, "Gedung", "Unit (3 Lantai)", 351), (2, "Gedung", "m2", 352),
        (3, "Listrik", "Jaringan", 353), (4, "Air", "Jaringan", 354),
        (5, "Telepon", "Line (1 Fax)", 355), (6, "Area Parkir", "Area", 356),
        (7, "Ruang Rapat", "Ruang", 357), (8, "Ruang Arsip", "Ruang", 362),
        (9, "Koperasi", "Buah", 363), (10, "Taman Dalam", "Area", 364)]
    assert got.banyaknya.tolist()[:9] == [3426, 3, 1335, 3, 2, 3, 2, 3, 1]
    assert got.banyaknya.isna().tolist()[9:] == [True, True]  # '-' in the source


def test_target_tahunan(d2020):
    got = d2020.target_tahunan  # line 440
    assert rows(got, ["jenis", "tahun", "nilai"]) == [
        ("capaian", 2013, 6.6), ("target", 2018, 11.0), ("target", 2019, 11.0),
        ("target", 2020, 8.0), ("target", 2021, 1.5), ("target", 2022, 1.5)]


def test_program_kegiatan(d2020):
    got = d2020.program_kegiatan
    assert got.sumber_dana.value_counts().to_dict() == {"APBD": 11, "APBN": 11}
    line_458 = got[got.baris_sumber == 458].iloc[0]
    assert line_458.program == "Program pembinaan panti asuhan /panti jompo"  # from line 457
    assert line_458.kegiatan == "Pendidikan dan pelatihan bagi penghuni panti asuhan/jompo"
    apbn = got[got.sumber_dana == "APBN"]
    assert (apbn.tujuan == "").all()  # the APBN section states no goal


def test_performance_tables(d2020):
    assert rows(d2020.perjanjian_kinerja, ["target", "baris_sumber"]) == [(1.5, 512)]
    assert rows(d2020.capaian_kinerja, ["target", "realisasi", "persen"]) == [(1.5, 1.47, 98.0)]
    assert rows(d2020.kinerja_triwulan, ["triwulan", "target", "realisasi"]) == [
        (1, 0.0, 0.0), (2, 0.25, 0.25), (3, 0.5, 0.5), (4, 0.75, 1.0)]
    assert d2020.kinerja_triwulan.persen.tolist()[1:] == [100.0, 100.0, 125.0]
    assert pd.isna(d2020.kinerja_triwulan.persen.iloc[0])  # '-' on line 550
    assert rows(d2020.kinerja_historis, ["tahun", "realisasi"]) == [
        (2016, 1.7), (2017, 1.6), (2018, 1.8), (2019, 1.47)]
    change = d2020.kinerja_perubahan.iloc[0]
    assert (change.rumus, change.persen_perubahan, change.baris_rumus) == (
        "8 = (7-6) / 5*100%", 0.84, 573)
    assert rows(d2020.kemajuan_renstra, ["target_akhir", "realisasi", "tingkat_kemajuan"]) == [
        (7.5, 1.47, 19.6)]
    assert rows(d2020.efisiensi, ["persen_capaian", "persen_serapan", "tingkat_efisiensi"]) == [
        (95.0, 87.48, 7.52)]
    pk = d2020.anggaran_kinerja.iloc[0]  # line 662
    assert (pk.realisasi_anggaran, pk.persen_capaian_anggaran) == (50193200643, 88.6)


def test_evaluasi_akip(d2020):
    parts = d2020.evaluasi_akip
    assert rows(parts[parts.tahun == 2019], ["komponen", "bobot", "nilai"]) == [
        ("Perencanaan Kinerja", 30.0, 23.47), ("Pengukuran Kinerja", 25.0, 18.75),
        ("Pelaporan Kinerja", 15.0, 10.97), ("Evaluasi Kinerja", 10.0, 5.70),
        ("Capaian Kinerja", 20.0, 11.50)]
    assert rows(d2020.evaluasi_akip_total, ["tahun", "nilai", "kategori"]) == [
        (2018, 68.78, "B"), (2019, 70.39, "BB")]


def test_realisasi_apbd_value_lines(d2020):
    apbd = d2020.realisasi_apbd
    values = apbd.realisasi.dropna()
    assert len(apbd) == 43 and len(values) == 42  # line 687 names an activity, no amount
    assert values.sum() == 26_661_611_467  # Belanja Langsung, line 680
    assert apbd.no_program.max() == 31 and (apbd.jenis_baris == "program").sum() == 31
    line_699 = apbd[apbd.baris_sumber == 699].iloc[0]
    assert (line_699.no_program, line_699.realisasi, line_699.persen) == (9, 701212272, 91.73)
    line_718 = apbd[apbd.baris_sumber == 718].iloc[0]
    assert (line_718.no_program, line_718.jenis_baris, line_718.unit_kerja) == (
        19, "kegiatan", "PSPAD")
    assert (line_718.realisasi, bool(line_718.dikoreksi)) == (47_750_000, True)
    assert apbd.unit_kerja.value_counts().to_dict() == {
        "Dinas": 18, "PSPAD": 6, "PSAAH": 6, "PSBR": 5, "PSTWNP": 4, "PSKWHP": 4}
    assert sorted(apbd[apbd.dikoreksi].baris_sumber) == [694, 701, 712, 714, 715, 718]


def test_realisasi_apbd_totals(d2020):
    assert rows(d2020.realisasi_apbd_total, ["uraian", "realisasi", "baris_sumber"]) == [
        ("Belanja Tidak Langsung", 23_531_589_176, 679),
        ("Belanja Langsung", 26_661_611_467, 680), ("Total", 50_193_200_643, 744)]


def test_realisasi_apbn(d2020):
    assert rows(d2020.realisasi_apbn, ["sumber_dana", "no", "realisasi", "persen"]) == [
        ("Dana Dekonsentrasi", 1, 92_726_000, 100.0),
        ("Dana Dekonsentrasi", 2, 1_008_057_000, 95.46),
        ("Dana Dekonsentrasi", 3, 222_953_000, 98.0),
        ("Dana Dekonsentrasi", 4, 185_125_800, 92.56),
        ("Dana Dekonsentrasi", 5, 2_764_842_701, 99.84),
        ("Dana Dekonsentrasi", 6, 1_725_294_701, 99.84),
        ("Tugas Pembantuan", 1, 3_787_064_000, 98.1)]
    total = d2020.realisasi_apbn_total
    assert rows(total, ["sumber_dana", "realisasi", "baris_sumber"]) == [
        ("Dana Dekonsentrasi", 5_998_998_521, 766), ("Tugas Pembantuan", 3_787_064_000, 769),
        ("Semua", 9_786_062_521, 770)]


def test_fakta_keeps_each_statement(d2020):
    f = d2020.fakta
    assert rows(f[f.kunci == "populasi_pmks"], ["nilai", "baris_sumber"]) == [
        (251234, 41), (251234, 603)]
    assert rows(f[f.kunci == "apbd_serapan"], ["nilai", "baris_sumber"]) == [
        (96.34, 672), (88.6, 746)]
    capacity = f[f.kunci == "daya_tampung"]
    assert len(capacity) == 10
    pskw = capacity[capacity.subjek.str.contains("Karya Wanita")]
    assert rows(pskw, ["nilai", "baris_sumber"]) == [(60, 287), (80, 592)]
    assert rows(f[f.kunci.str.startswith("kategori_sakip")], ["teks"]) == [("B",), ("BB",)]
    assert f.set_index("kunci").loc["jumlah_pns", "nilai"] == 187


def test_corrections_are_listed(d2020):
    assert d2020.koreksi.baris_sumber.tolist() == [694, 701, 712, 714, 715, 718, 763, 764]
    assert (d2020.koreksi.alasan.str.len() > 20).all()


def test_budget_history_says_its_gaps(d2020):
    hist = d2020.anggaran_historis
    assert len(hist) == 14
    early = hist[hist.tahun < 2020]
    assert early.anggaran.isna().all() and early.realisasi.isna().all()
    assert early.sumber.str.contains("Tidak tersedia").all()
    # 2020 agrees with the narrative facts (a second route to the same numbers)
    facts = d2020.fakta.drop_duplicates("kunci").set_index("kunci").nilai
    apbd = hist[(hist.tahun == 2020) & (hist.sumber_dana == "APBD")].iloc[0]
    assert (apbd.anggaran, apbd.realisasi) == (facts["apbd_anggaran"], facts["apbd_realisasi"])


def test_csv_and_workbook_round_trip(data_root, d2020):
    files = extract(2020, data_root)
    assert len([p for p in files if p.suffix == ".csv"]) == len(DATASET_NAMES)
    from_csv = load(2020, data_root, source="processed")
    (data_root / "raw" / "2020" / "lkjip_2020.xlsx").write_bytes(
        (data_root / "processed" / "2020" / "lkjip_2020.xlsx").read_bytes())
    from_xlsx = load(2020, data_root)  # auto: the workbook wins over the document
    assert from_xlsx.origin.endswith("lkjip_2020.xlsx")
    for name in DATASET_NAMES:
        pd.testing.assert_frame_equal(from_csv[name], d2020[name], obj=name)
        pd.testing.assert_frame_equal(from_xlsx[name], d2020[name], obj=name)


def test_extract_is_byte_identical_on_rerun(data_root):
    first = {p.name: p.read_bytes() for p in extract(2020, data_root)}
    second = {p.name: p.read_bytes() for p in extract(2020, data_root)}
    assert first == second


@pytest.mark.parametrize("year", [1999, 2021])
def test_unknown_year_names_the_years_available(year):
    from lkjip_analysis.errors import ParameterError
    with pytest.raises(ParameterError, match="tahun yang ada: 2020"):
        load(year)
