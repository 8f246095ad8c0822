"""Issue 14: narrative figures found by what they say. TEST DATA: the synthetic next year
(`nextyear.py`) reworded as a new author would write it: nineteen sentences reworded, the
foreword reworded, a SAKIP category that stayed the same, and the columns of two tables in
another order. Expected values are read off the sentences below by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from nextyear import YEAR, make_next_year

from lkjip_analysis import load
from lkjip_analysis.audit import TIDAK_COCOK, TIDAK_DISEBUT, audit
from lkjip_analysis.families import KALTIM, load_figures, read_facts
from lkjip_analysis.reading.source import Document

# (as the synthetic next year writes it, as the new author rewords it)
REWORDED = [
    ("populasi Penyandang Masalah Kesejahteraan Sosial (PMKS) sebesar 251.234 jiwa",
     "jumlah populasi PMKS tercatat 251.234 jiwa"),
    ("telah mampu menurunkan 1,48% PMKS",
     "berhasil menurunkan jumlah PMKS sebesar 1,48 persen"),
    ("yang sebelumnya pada posisi B meningkat menjadi BB.",
     "yang tetap berada pada kategori BB."),
    ("memiliki Unit Pelaksana Teknis Daerah (UPTD) sebanyak 5 unit",
     "memiliki 5 UPTD"),
    ("jumlah sumber daya manusia yang berstatus Pegawai Negeri Sipil (PNS) adalah sebanyak 187 "
     "orang", "Dinas Sosial memiliki 190 pegawai berstatus PNS"),
    ("Daya tampung 80 (Delapan Puluh) anak", "Kapasitas tampung 80 anak"),
    ("direncanakan sebanyak 20 KUBE (200 KK) dan terealisasi sebanyak 20 KUBE (200 KK) atau "
     "dengan tingkat capaian 100%",
     "ditargetkan 20 KUBE (200 KK), terealisasi 20 KUBE (200 KK), tingkat capaian 100 persen"),
    ("direncanakan sebanyak 270 Orang dan terealisasi sebanyak 270 orang dengan tingkat capaian "
     "kinerja yaitu 100%",
     "target 270 orang dengan realisasi 270 orang sehingga tingkat capaian 100%"),
    ("teralisasi sebanyak 55 KK dan 1 MCK", "terealisasi 55 KK dan 1 MCK"),
    ("Pemberian Bantuan Program Keluarga Harapan (PKH) sebesar 50 KPM",
     "Bantuan Program Keluarga Harapan (PKH) diberikan kepada 50 KPM"),
    ("terdapat capaian kinerja yang melampaui target yaitu 1,47%",
     "capaian kinerja melebihi target, yakni 1,47 %"),
    ("tingkat efisiensi Dinas Sosial Provinsi Kalimantan Timur adalah 7,52%",
     "efisiensi Dinas Sosial tercatat sebesar 7.52 %"),
    ("tingkat capaian kinerja Dinas Sosial Provinsi Sudah memenuhi target yaitu 95%",
     "capaian kinerja Dinas Sosial telah mencapai target, yaitu 95 persen"),
    ("realisasi anggaran APBD Januari sampai dengan Desember tahun 2021 sebesar 50.193.200.643 "
     "dari total anggaran sebesar 56.652.801.485 atau sebesar 96.34%",
     "APBD tahun 2021 terealisasi Rp 50.193.200.643 dari pagu Rp56.652.801.485, yaitu 96,34%"),
    ("belanja tidak langsung sebesar 82.02% dan belanja langsung sebesar 96,34% sehingga secara "
     "keseluruhan capaian anggaran APBD tahun 2021 adalah sebesar 88,60%",
     "penyerapan belanja tidak langsung mencapai 82,02 persen, belanja langsung 96,34 persen, "
     "dan penyerapan APBD secara keseluruhan 88,60 persen"),
    ("realisasi anggaran APBN (Dana Dekonsentrasi) dan realisasi APBN (Tugas Pembantuan) tahun "
     "2021 sebesar 9.786.062.521 dari total anggaran sebesar 9.956.715.115 atau sebesar 98,04%",
     "Secara keseluruhan anggaran APBN sebesar Rp 9.956.715.115 terealisasi Rp 9.786.062.521 "
     "atau 98,04%"),
    ("serapan anggaran APBN (dekonsentrasi dan tugas pembantuan) sebesar 98,29%",
     "penyerapan APBN mencapai 98.29 %"),
    ("Laporan Kinerja Instansi Pemerintah (LkjIP) Dinas Sosial Provinsi Kalimantan Timur Tahun "
     "2021 ini", "Laporan Kinerja (LKjIP) Dinas Sosial Provinsi Kalimantan Timur untuk Tahun "
     "Anggaran 2021 ini"),
    ("Laporan Kinerja Instansi Pemerintah (LkjIP) Tahun 2021 Dinas Sosial",
     "LKjIP Tahun 2021 Dinas Sosial"),
]
# Tabel 10 of the next year (Tabel 9 in 2020): Target and Realisasi in the other order
SWAPPED = [("No.\tIndikator Kinerja\tSatuan\tTarget\tREALISASI\t(%)",
            "No.\tIndikator Kinerja\tSatuan\tREALISASI\tTarget\t(%)"),
           ("pertahun\tProsen\t1.5\t1.47\t98", "pertahun\tProsen\t1.47\t1.5\t98")]
# by hand, from the reworded sentences, in document order
EXPECTED = {
    "populasi_pmks": [251_234, 251_234], "penurunan_pmks": [1.48], "jumlah_uptd": [5, 5],
    "jumlah_pns": [190], "daya_tampung": [80, 80, 60, 110, 60, 110, 60, 80, 80, 80],
    "kube_mandiri": [20], "kk_per_kube": [10], "kube_target": [20], "kube_target_kk": [200],
    "kube_realisasi": [20], "kube_realisasi_kk": [200], "kube_capaian": [100],
    "uep_sasaran": [270], "uep_target": [270], "uep_realisasi": [270], "uep_capaian": [100],
    "kat_sasaran_kk": [55], "kat_sasaran_jiwa": [240], "kat_target_kk": [55],
    "kat_target_mck": [1], "kat_realisasi_kk": [55], "kat_realisasi_mck": [1],
    "kat_capaian": [100], "pkh_sasaran": [50], "pkh_target": [50], "pkh_realisasi": [50],
    "pkh_capaian": [100], "realisasi_kinerja": [1.47], "tingkat_efisiensi": [7.52],
    "capaian_kinerja": [95], "apbd_realisasi": [50_193_200_643],
    "apbd_anggaran": [56_652_801_485], "apbd_serapan": [96.34, 88.60],
    "apbd_serapan_btl": [82.02], "apbd_serapan_bl": [96.34],
    "apbn_realisasi": [9_786_062_521], "apbn_anggaran": [9_956_715_115],
    "apbn_serapan": [98.04, 98.29],
}


def reworded(root, changes) -> None:
    folder = make_next_year(root)
    path = folder / "lkjip_2021_sintetis.md"
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def d_reworded(tmp_path_factory):
    root = tmp_path_factory.mktemp("reworded") / "data"
    reworded(root, REWORDED + SWAPPED)
    return load(YEAR, root)


def test_every_reworded_figure_is_found_with_its_value(d_reworded):
    fakta = d_reworded.fakta
    assert fakta.ditemukan.all(), fakta[~fakta.ditemukan].kunci.tolist()
    found = {key: rows.nilai.tolist() for key, rows in fakta.groupby("kunci", sort=False)
             if not rows.nilai.isna().all()}
    assert sorted(found) == sorted(EXPECTED)
    for key, values in EXPECTED.items():
        assert found[key] == pytest.approx(values), key


def test_a_category_that_stayed_the_same_is_both_years(d_reworded):
    categories = d_reworded.fakta.set_index("kunci").teks
    assert categories["kategori_sakip_sebelumnya"] == categories["kategori_sakip"] == "BB"


def test_the_reworded_foreword_names_agency_and_year(d_reworded):
    row = d_reworded.instansi.iloc[0]
    assert (row.nama, row.tahun) == ("Dinas Sosial Provinsi Kalimantan Timur", 2021)


def test_swapped_columns_of_the_next_year_are_read_by_name(d_reworded):
    row = d_reworded.capaian_kinerja.iloc[0]
    assert (row.target, row.realisasi, row.persen) == (1.5, 1.47, 98.0)


def test_a_figure_not_stated_is_a_row_without_value_and_an_audit_row(tmp_path):
    root = tmp_path / "data"
    reworded(root, [("Dari tabel diatas dapat dilihat bahwa tingkat efisiensi Dinas Sosial "
                     "Provinsi Kalimantan Timur adalah 7,52% yang didapatkan dari perbandingan "
                     "kembali hasil output dan input hasil capaian kinerja dan penyerapan "
                     "Anggaran.", "Tabel di atas menunjukkan hasilnya.")])
    d = load(YEAR, root)
    row = d.fakta.set_index("kunci").loc["tingkat_efisiensi"]
    assert (bool(row.ditemukan), pd.isna(row.nilai), row.baris_sumber) == (False, True, 0)
    findings = audit(d)
    absent = findings[findings.status == TIDAK_DISEBUT]
    assert absent.uraian.str.contains("tingkat_efisiensi").tolist() == [True]
    assert not findings.uraian.str.contains("Tingkat efisiensi di narasi").any()


def test_a_figure_stated_twice_with_two_values_keeps_both_and_is_a_finding(tmp_path):
    root = tmp_path / "data"
    reworded(root, [("yang berjumlah 251.234 Jiwa", "yang berjumlah 251.243 Jiwa")])
    d = load(YEAR, root)
    assert d.fakta[d.fakta.kunci == "populasi_pmks"].nilai.tolist() == [251_234, 251_243]
    findings = audit(d)
    restated = findings[findings.uraian.str.startswith("Populasi PMKS: pernyataan")]
    assert restated[["dilaporkan", "dihitung", "status"]].values.tolist() == \
        [[251_243, 251_234, TIDAK_COCOK]]


@pytest.mark.parametrize("sentence, key, value", [
    ("Realisasi APBD sebesar Rp50.250.242.839 dari pagu Rp 60.000.000.000.", "apbd_realisasi",
     50_250_242_839),
    ("Realisasi APBD sebesar Rp50.250.242.839 dari pagu Rp 60.000.000.000.", "apbd_anggaran",
     60_000_000_000),
    ("Penyerapan APBD secara keseluruhan 88.70 %.", "apbd_serapan", 88.70),
    ("Penyerapan APBD secara keseluruhan 88,70 persen.", "apbd_serapan", 88.70),
    ("Pagu anggaran APBD 50.250.242.839 terserap 45.000.000.000.", "apbd_realisasi",
     45_000_000_000),
])
def test_number_forms_in_prose(sentence, key, value):
    document = Document(__import__("pathlib").Path("uji.md"), (sentence,))
    facts = read_facts(document, load_figures(KALTIM.narrative))
    found = facts[(facts.kunci == key) & facts.ditemukan]
    assert found.nilai.tolist() == pytest.approx([value])


@pytest.mark.parametrize("sentence", [
    "Realisasi APBD sebesar Rp50,25 miliar dari pagu Rp 60 miliar.",  # rounded: not exact
    "Realisasi APBD sebesar 50.250.242.83 dari pagu 60.000.000.000.",  # malformed
    "Pada 2021 terdapat 143 pegawai honorer dan 190 PNS.",  # honorer: not the PNS count
])
def test_an_unreadable_or_ambiguous_number_is_never_a_figure_and_never_a_stop(sentence):
    document = Document(__import__("pathlib").Path("uji.md"), (sentence,))
    facts = read_facts(document, load_figures(KALTIM.narrative))
    found = facts[facts.ditemukan & facts.kunci.isin(["apbd_realisasi", "jumlah_pns"])]
    assert found.empty


@pytest.mark.parametrize("sentence, key, expected", [
    # a sub-fund's amount is not the APBN total: no total word, nothing read
    ("Realisasi APBN Dana Dekonsentrasi sebesar Rp 5.998.998.521 dan Tugas Pembantuan sebesar "
     "Rp 3.787.064.000.", "apbn_realisasi", []),
    # Belanja Langsung alone is not the APBD realisation
    ("Realisasi belanja langsung APBD sebesar Rp 26.661.611.467 dari total Rp 27.000.000.000.",
     "apbd_realisasi", []),
    # the number right after "target" is the target, not the realisation claimed above it
    ("Realisasi kinerja 1,47% melampaui target 1,5%.", "realisasi_kinerja", []),
    ("Capaian kinerja melampaui target, yaitu 1,47%.", "realisasi_kinerja", [1.47]),
])
def test_a_number_that_only_looks_like_a_figure_is_not_taken(sentence, key, expected):
    document = Document(__import__("pathlib").Path("uji.md"), (sentence,))
    facts = read_facts(document, load_figures(KALTIM.narrative))
    assert facts[(facts.kunci == key) & facts.ditemukan].nilai.tolist() == expected


@pytest.mark.parametrize("sentence, before, now", [
    ("Nilai evaluasi SAKIP tahun ini berada pada kategori BB, naik dari B.", "B", "BB"),
    ("Hasil evaluasi AKIP meningkat dari B menjadi BB.", "B", "BB"),
    ("Hasil evaluasi AKIP turun dari A menjadi BB.", "A", "BB"),
    ("Predikat evaluasi SAKIP tetap BB.", "BB", "BB"),
])
def test_sakip_categories_in_their_usual_wordings(sentence, before, now):
    document = Document(__import__("pathlib").Path("uji.md"), (sentence,))
    facts = read_facts(document, load_figures(KALTIM.narrative)).set_index("kunci").teks
    assert (facts["kategori_sakip_sebelumnya"], facts["kategori_sakip"]) == (before, now)


def test_a_year_file_overrides_a_description(tmp_path):
    override = tmp_path / "narasi.yaml"
    override.write_text("angka:\n  jumlah_pns:\n    uraian: Jumlah ASN\n    satuan: orang\n"
                        "    jenis: bilangan\n    unit: [jiwa]\n    konteks: [[ASN]]\n"
                        "    bawaan: true\n", encoding="utf-8")
    document = Document(tmp_path / "uji.md", ("Kami memiliki 201 jiwa ASN.",))
    facts = read_facts(document, load_figures(KALTIM.narrative, override))
    row = facts.set_index("kunci").loc["jumlah_pns"]
    assert (row.uraian, row.nilai, bool(row.ditemukan)) == ("Jumlah ASN", 201, True)


def test_a_document_naming_no_agency_takes_its_folder_year_and_the_earlier_agency(tmp_path,
                                                                                  caplog):
    from lkjip_analysis.pipeline.steps import extract

    root = tmp_path / "data"
    make_next_year(root)
    extract(2020, root)  # the earlier year's agency, as processed
    path = root / "raw" / str(YEAR) / "lkjip_2021_sintetis.md"
    text = path.read_text(encoding="utf-8")
    # every wording that names the report, its cover's capitals too
    text = re.sub(r"Laporan\s+Kinerja|LkjIP", "Dokumen", text, flags=re.I)
    path.write_text(text, encoding="utf-8")
    d = load(YEAR, root)
    row = d.instansi.iloc[0]
    assert (row.nama, row.tahun, row.baris_sumber) == (
        "Dinas Sosial Provinsi Kalimantan Timur", YEAR, 0)
    assert "tidak menyebut nama instansi dan tahun laporannya" in caplog.text


@pytest.mark.parametrize("field, message", [
    ("    jenis: bilagan\n", "jenis 'bilagan'"),
    ("    konteks: 5\n", "konteks dari entri jumlah_pns harus berupa daftar"),
    ("    konteks: [5, 6]\n", "konteks dari entri jumlah_pns harus berupa daftar"),
    ("    penanda: 7\n", "penanda dari entri jumlah_pns harus berupa daftar"),
    ("    bawaan: ya\n", "bawaan dari entri jumlah_pns harus true atau false"),
    ("    penandaa: [sebanyak]\n", "kolom tidak dikenal: penandaa"),
])
def test_a_careless_narrative_entry_is_refused_naming_it(data_root, field, message):
    """A typo never turns "sebanyak 1.187 orang" into 1,187: the entry is refused."""
    from lkjip_analysis.errors import SourceError

    path = data_root / "raw" / "2020" / "narasi.yaml"
    base = {"uraian": "Jumlah PNS", "satuan": "orang", "jenis": "bilangan", "unit": "[orang]"}
    key = field.split(":")[0].strip()
    lines = [f"    {k}: {v}\n" for k, v in base.items() if k != key]
    path.write_text("angka:\n  jumlah_pns:\n" + "".join(lines) + field, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as caught:
        load(2020, data_root, source="document")
    assert str(path) in str(caught.value)
