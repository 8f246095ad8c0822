"""Issue 24: a family of reports is data. The Kaltim family is a folder (`keluarga.yaml`,
`narasi.yaml` and the shapes only it has); the next family is a folder of YAML that the same
code reads. Test data: a family and a document written here (a made-up Badan's tables); every
expected value is copied by hand from the document lines below."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest

from lkjip_analysis.errors import SourceError
from lkjip_analysis.families import FAMILIES, KALTIM, load_family
from lkjip_analysis.reading.corrections import Corrections
from lkjip_analysis.reading.recognition import Mapping, locate, locate_family
from lkjip_analysis.reading.source import Document

NEXT_FAMILY = """\
nama: Badan Contoh Kabupaten Uji
tabel:
  - nama: iku_badan
    judul_kolom: ["No", Indikator Kinerja Utama, Satuan, Target]
    baris_judul: 1
    kolom: {"no": "No", indikator: Indikator Kinerja Utama, satuan: Satuan, target: Target}
    hasil:
      iku_badan:
        bentuk: baris
        isi: {tabel: label_tabel, "no": nomor, indikator: teks, satuan: teks,
              target: {jenis: desimal, tertulis: true}}
  - nama: realisasi_tahunan
    judul_kolom: ["No", Indikator, Realisasi, Capaian]
    baris_judul: 2
    kolom: {"no": "No", indikator: Indikator, realisasi: "Realisasi > #",
            capaian: Capaian}
    hasil:
      realisasi_tahunan:
        bentuk: lebar
        isi: {indikator: teks}
        tahun: [realisasi]
        nilai: {nama: realisasi, jenis: desimal, boleh_kosong: true}
      capaian_tahunan:
        bentuk: baris
        isi: {"no": nomor, indikator: teks, capaian: {jenis: persen, tertulis: true}}
"""

DOCUMENT = (
    "Tabel 2.1 Indikator Kinerja Utama Badan Contoh", "",
    "No\tIndikator Kinerja Utama\tSatuan\tTarget",
    "1\tIndeks Kepuasan Masyarakat\tIndeks\t82,5",
    "2\tOpini BPK\tOpini\tWTP",
    "",
    "Tabel 3.4 Realisasi Indikator Tahun ke Tahun", "",
    "No\tIndikator\tRealisasi\t\tCapaian",
    "\t\t2021\t2022\t",
    "1\tIndeks Kepuasan Masyarakat\t80,1\t83\t100,61 %",
    "2\tPersentase Temuan Ditindaklanjuti\t\t91,25\t96,05 %",
)


@pytest.fixture
def next_family(tmp_path: Path):
    folder = tmp_path / "badan_contoh"
    folder.mkdir()
    (folder / "keluarga.yaml").write_text(NEXT_FAMILY, encoding="utf-8")
    return load_family(folder)


def read_all(family, lines=DOCUMENT) -> dict:
    document = Document(Path("uji.md"), lines)
    captions = locate_family(document, family, Mapping(), Path("tabel.yaml"))
    frames = {}
    for spec in family.specs:
        frames |= spec.read(document, captions[spec.name], Corrections(Path("koreksi.yaml")))
    return frames


WITHOUT_WTP = DOCUMENT[:4] + DOCUMENT[5:]


def test_the_next_family_is_read_from_its_yaml_alone(next_family):
    iku = read_all(next_family, WITHOUT_WTP)["iku_badan"]
    assert list(iku.tabel) == ["Tabel 2.1"]
    assert list(iku.no) == [1]
    assert list(iku.indikator) == ["Indeks Kepuasan Masyarakat"]
    assert list(iku.target) == [82.5]
    assert list(iku.target_tertulis) == ["82,5"]
    assert list(iku.baris_sumber) == [4]


def test_a_text_where_the_family_says_a_number_stops_with_the_cell_named(next_family):
    """`WTP` is no number: the family's file asks for `desimal`, so the read stops there."""
    with pytest.raises(SourceError) as error:
        read_all(next_family)
    assert (error.value.line, error.value.column, error.value.raw) == (5, "target", "WTP")


def test_a_wide_table_gives_one_row_per_year_and_its_own_second_dataset(next_family):
    frames = read_all(next_family, WITHOUT_WTP)
    wide = frames["realisasi_tahunan"]
    assert list(zip(wide.indikator, wide.tahun, strict=True)) == [
        ("Indeks Kepuasan Masyarakat", 2021), ("Indeks Kepuasan Masyarakat", 2022),
        ("Persentase Temuan Ditindaklanjuti", 2021), ("Persentase Temuan Ditindaklanjuti", 2022)]
    assert list(wide.realisasi[[0, 1, 3]]) == [80.1, 83.0, 91.25]
    assert math.isnan(wide.realisasi[2])  # boleh_kosong: the empty 2021 cell stays empty
    assert list(wide.baris_sumber) == [10, 10, 11, 11]
    capaian = frames["capaian_tahunan"]
    assert list(capaian.capaian) == [100.61, 96.05]
    assert list(capaian.capaian_tertulis) == ["100,61 %", "96,05 %"]
    assert not capaian.dikoreksi.any()


def test_a_report_of_the_next_family_is_not_taken_for_the_kaltim_one(next_family):
    document = Document(Path("uji.md"), DOCUMENT)
    family, captions = locate(document, [KALTIM, next_family], Mapping(), Path("tabel.yaml"))
    assert family is next_family
    assert {name: c.label for name, c in captions.items()} == {
        "iku_badan": "Tabel 2.1", "realisasi_tahunan": "Tabel 3.4"}


def test_the_kaltim_family_is_its_folder():
    assert [family.key for family in FAMILIES] == ["kaltim_dinsos"]
    assert len(KALTIM.specs) == 15
    assert KALTIM.narrative.name == "narasi.yaml" and KALTIM.narrative.is_file()
    assert KALTIM.budget_tables == ("realisasi_apbd", "realisasi_apbn")


@pytest.mark.parametrize(("change", "problem"), [
    (("kolom: {\"no\": \"No\", indikator:", "kolom: {no: No, indikator:"),
     'tulis "no" dan "No" di antara tanda kutip'),
    (("target: {jenis: desimal, tertulis: true}", "target: {jenis: angka}"),
     "jenis 'angka' tidak dikenal"),
    (("bentuk: lebar", "bentuk: melebar"), "bentuk 'melebar' tidak dikenal"),
    (("indikator: teks, satuan: teks,", "indikator: {jenis: teks, wajar: [0, 1]}, satuan: teks,"),
     "hanya untuk angka"),
    (("capaian: {jenis: persen", "persen: {jenis: persen"), "tidak ada di bawah kolom"),
    (("baris_judul: 2", "baris_judul: dua"), "baris_judul harus bilangan bulat"),
    (("    judul_kolom: [\"No\", Indikator Kinerja", "    judul: [\"No\", Indikator Kinerja"),
     "kunci tak dikenal ['judul']"),
])
def test_a_mistake_in_a_family_file_is_refused_by_name(tmp_path, change, problem):
    folder = tmp_path / "salah"
    folder.mkdir()
    old, new = change
    assert old in NEXT_FAMILY
    (folder / "keluarga.yaml").write_text(NEXT_FAMILY.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_family(folder)
    assert problem in error.value.message
    assert error.value.file == str(folder / "keluarga.yaml")


def test_the_family_file_documents_itself():
    """Its header explains every key a family's author writes (in Indonesian)."""
    text = (KALTIM.narrative.parent / "keluarga.yaml").read_text(encoding="utf-8")
    header = textwrap.dedent("".join(line[1:] + "\n" for line in text.splitlines()
                                     if line.startswith("#")))
    for key in ("judul_kolom", "baris_judul", "kata_judul", "kolom", "hasil", "bentuk: baris",
                "bentuk: lebar", "rumus_penomoran", "tertulis", "wajar", "boleh_kosong"):
        assert key in header, key
