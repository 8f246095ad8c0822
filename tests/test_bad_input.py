"""Bad input: a clear error naming where and what, a non-zero exit, earlier outputs kept."""

from pathlib import Path

import pytest
from helpers import edit_line

from lkjip_analysis import load
from lkjip_analysis.cli import main
from lkjip_analysis.errors import (
    CorrectionError,
    DocumentError,
    LkjipError,
    TableFormatError,
    ValidationError,
    WorkbookError,
)
from lkjip_analysis.pipeline.steps import extract


def document(root: Path) -> Path:
    return root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"


def snapshot(root: Path) -> dict[str, bytes]:
    folder = root / "processed" / "2020"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def expect_failure(root: Path, error: type, *fragments: str) -> LkjipError:
    """The load fails with `error` whose message holds every fragment; the CLI exits 1 and
    leaves the processed outputs of the last good run as they were."""
    with pytest.raises(error) as caught:
        load(2020, root)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    return caught.value


@pytest.fixture
def extracted(data_root: Path) -> Path:
    """A private data root whose processed outputs were written by a good run."""
    extract(2020, data_root)
    return data_root


def run_cli_keeps_outputs(root: Path) -> None:
    before = snapshot(root)
    assert main(["extract", "--year", "2020", "--data-dir", str(root)]) == 1
    assert snapshot(root) == before


@pytest.mark.parametrize("line, old, new, error, fragments", [
    # garbled amount
    (681, "2.892.957.804", "2.892.95x.804", TableFormatError,
     ("baris 681", "Tabel 14", "kolom realisasi", "'2.892.95x.804'", "koreksi.yaml")),
    # wrong thousands grouping
    (760, "92.726.000", "9.2726.000", TableFormatError, ("baris 760", "Tabel 15", "'9.2726.000'")),
    # a percentage over what is plausible
    (682, "99.16", "991.6", TableFormatError, ("baris 682", "kolom persen", "rentang wajar")),
    # negative amount
    (681, "2.892.957.804", "-2.892.957.804", TableFormatError, ("baris 681", "'-2.892.957.804'")),
    # a table missing
    (561, "Tabel 9.", "Table nine.", DocumentError,
     ("tidak ada tabel yang mirip capaian_kinerja", "baris 569: Tabel 10.", "tabel.yaml")),
    # a table recognised twice (and so another not at all)
    (754, "APBN", "APBD", DocumentError,
     ("2 tabel mirip realisasi_apbd", "baris 674: Tabel 14.", "baris 754: Tabel 15.",
      "tabel.yaml")),
    # a missing column
    (563, "\tSatuan", "", DocumentError, ("tidak ada tabel yang mirip capaian_kinerja",)),
    # an extra column
    (565, "\t98", "\t98\t7", TableFormatError,
     ("sel lebih banyak dari judul kolomnya", "baris 565")),
])
def test_bad_document(extracted, line, old, new, error, fragments):
    edit_line(document(extracted), line, old, new)
    expect_failure(extracted, error, *fragments)
    run_cli_keeps_outputs(extracted)


def test_truncated_document(extracted):
    path = document(extracted)
    path.write_text("\n".join(path.read_text(encoding="utf-8").split("\n")[:700]),
                    encoding="utf-8")
    expect_failure(extracted, DocumentError, "tidak ada tabel yang mirip realisasi_apbn")
    run_cli_keeps_outputs(extracted)


def test_empty_document(extracted):
    document(extracted).write_text("", encoding="utf-8")
    expect_failure(extracted, DocumentError, "empty")


@pytest.mark.parametrize("encoding, fragment", [
    ("latin-1", "bukan UTF-8"), ("utf-16", "UTF-16"), ("utf-8-sig", "byte-order mark")])
def test_other_encodings(extracted, encoding, fragment):
    path = document(extracted)
    text = path.read_text(encoding="utf-8").replace("Penyusunan", "Penyusünan")
    path.write_bytes(text.encode(encoding, errors="replace"))
    expect_failure(extracted, DocumentError, fragment)
    run_cli_keeps_outputs(extracted)


def corrections(root: Path) -> Path:
    return root / "raw" / "2020" / "koreksi.yaml"


def test_correction_naming_the_wrong_line(extracted):
    text = corrections(extracted).read_text(encoding="utf-8")
    corrections(extracted).write_text(text.replace("baris: 694", "baris: 695"), encoding="utf-8")
    expect_failure(extracted, CorrectionError, "baris dokumen 695",
                   "untuk '158.108,200', yang tidak memuatnya")
    run_cli_keeps_outputs(extracted)


def test_correction_that_does_not_parse(extracted):
    corrections(extracted).write_text("koreksi: [\n  - tabel: x\n", encoding="utf-8")
    expect_failure(extracted, CorrectionError, "tidak dapat dibaca sebagai YAML aman")


def test_correction_that_is_not_safe_yaml(extracted):
    corrections(extracted).write_text(
        "koreksi: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    expect_failure(extracted, CorrectionError, "YAML aman")


def test_correction_missing_for_a_malformed_cell(extracted):
    text = corrections(extracted).read_text(encoding="utf-8")
    start = text.index("  - tabel: Tabel 15\n    baris: 763")
    end = text.index("  - tabel: Tabel 15\n    baris: 764")
    corrections(extracted).write_text(text[:start] + text[end:], encoding="utf-8")
    expect_failure(extracted, TableFormatError, "baris 763", "'185125.800'", "Catat koreksi")


def budget_history(root: Path) -> Path:
    return root / "raw" / "anggaran_historis.csv"


@pytest.mark.parametrize("old, new, fragment", [
    ("2014,APBD", "2014,DAK", "nilainya harus salah satu dari: APBD, APBN"),
    ("2015,APBD", "2014,APBD", "muncul 2 kali, pada baris 2 dan 3"),
    ("2014,APBN", "1914,APBN", "nilainya harus dari 2000 sampai 2100"),
    ("2020,APBD,56652801485", "2020,APBD,56.652.801.485", "bukan angka biasa"),
])
def test_bad_budget_history(extracted, old, new, fragment):
    path = budget_history(extracted)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    error = expect_failure(extracted, LkjipError, fragment, "anggaran_historis")
    assert getattr(error, "line", None) is not None
    assert "koreksi.yaml" not in str(error)  # it corrects the document, not this file
    run_cli_keeps_outputs(extracted)


def workbook_input(root: Path) -> Path:
    target = root / "raw" / "2020" / "lkjip_2020.xlsx"
    target.write_bytes((root / "processed" / "2020" / "lkjip_2020.xlsx").read_bytes())
    return target


def edit_workbook(path: Path, change) -> None:
    from openpyxl import load_workbook
    book = load_workbook(path)
    change(book)
    book.save(path)


def test_workbook_missing_sheet(extracted):
    edit_workbook(workbook_input(extracted), lambda b: b.remove(b["efisiensi"]))
    expect_failure(extracted, WorkbookError, "lembar 'efisiensi' tidak ada")


def test_workbook_missing_column(extracted):
    edit_workbook(workbook_input(extracted), lambda b: b["efisiensi"].delete_cols(4))
    expect_failure(extracted, WorkbookError, "kolom lembar", "persen_capaian")


def test_workbook_text_in_number_column(extracted):
    def change(book):
        book["realisasi_apbd"]["G3"] = "448.196.000"
    edit_workbook(workbook_input(extracted), change)
    expect_failure(extracted, WorkbookError, "teks di kolom angka", "baris 3", "realisasi")


def test_workbook_formula_cell(extracted):
    def change(book):
        book["realisasi_apbd"]["G3"] = "=G2*2"
    edit_workbook(workbook_input(extracted), change)
    expect_failure(extracted, WorkbookError, "sel rumus", "baris 3")


def test_workbook_negative_amount(extracted):
    def change(book):
        book["realisasi_apbd"]["G3"] = -5
    edit_workbook(workbook_input(extracted), change)
    expect_failure(extracted, ValidationError, "realisasi_apbd", "baris 3")


def test_every_mistyped_number_is_reported_at_once_with_its_entry_to_paste(extracted):
    """Adding a year with eight typos took nine runs (issue 26): one run names them all, and
    the entries it prints, completed, make the extraction pass."""
    edit_line(document(extracted), 681, "2.892.957.804", "2.892.95x.804")
    edit_line(document(extracted), 760, "92.726.000", "9.2726.000")
    error = expect_failure(extracted, TableFormatError, "2 angka salah tulis",
                           "Tabel 14, baris 681, kolom realisasi: '2.892.95x.804'",
                           "Tabel 15, baris 760, kolom realisasi: '9.2726.000'")
    entries = str(error).split("`koreksi:`:\n", 1)[1]
    assert entries.count("  - tabel: ") == 2
    filled = (entries.replace("dipakai:   # angka yang benar", "dipakai: 2892957804", 1)
              .replace("dipakai:   # angka yang benar", "dipakai: 92726000", 1)
              .replace("alasan:    # alasannya", "alasan: Salah ketik pada uji."))
    path = corrections(extracted)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + filled,
                    encoding="utf-8")
    apbd = load(2020, extracted, source="document").realisasi_apbd
    assert apbd.set_index("baris_sumber").realisasi.loc[681] == 2_892_957_804
