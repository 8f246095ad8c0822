"""Bad input: a clear error naming where and what, a non-zero exit, earlier outputs kept."""

from pathlib import Path

import pytest
from helpers import edit_line

from lkjip_analysis import load
from lkjip_analysis.cli import main
from lkjip_analysis.datasets import extract
from lkjip_analysis.errors import (
    CorrectionError,
    DocumentError,
    LkjipError,
    TableFormatError,
    ValidationError,
    WorkbookError,
)


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
def built(data_root: Path) -> Path:
    extract(2020, data_root)
    return data_root


def run_cli_keeps_outputs(root: Path) -> None:
    before = snapshot(root)
    assert main(["extract", "--year", "2020", "--data-dir", str(root)]) == 1
    assert snapshot(root) == before


def test_garbled_amount(built):
    edit_line(document(built), 681, "2.892.957.804", "2.892.95x.804")
    expect_failure(built, TableFormatError, "line 681", "Tabel 14", "column realisasi",
                   "'2.892.95x.804'", "koreksi.yaml")
    run_cli_keeps_outputs(built)


def test_wrong_thousands_grouping(built):
    edit_line(document(built), 760, "92.726.000", "9.2726.000")
    expect_failure(built, TableFormatError, "line 760", "Tabel 15", "'9.2726.000'")
    run_cli_keeps_outputs(built)


def test_implausible_percentage(built):
    edit_line(document(built), 682, "99.16", "991.6")
    expect_failure(built, TableFormatError, "line 682", "column persen", "plausible")
    run_cli_keeps_outputs(built)


def test_negative_amount(built):
    edit_line(document(built), 681, "2.892.957.804", "-2.892.957.804")
    expect_failure(built, TableFormatError, "line 681", "'-2.892.957.804'")


def test_table_missing(built):
    edit_line(document(built), 561, "Tabel 9.", "Table nine.")
    expect_failure(built, DocumentError, "Tabel 9 not found")
    run_cli_keeps_outputs(built)


def test_duplicated_caption(built):
    edit_line(document(built), 546, "Tabel 8.", "Tabel 9.")
    expect_failure(built, DocumentError, "Tabel 9 has two captions", "lines 546 and 561")


def test_missing_column(built):
    edit_line(document(built), 563, "\tSatuan", "")
    expect_failure(built, TableFormatError, "Tabel 9 header differs", "line 563")


def test_extra_column(built):
    edit_line(document(built), 565, "\t98", "\t98\t7")
    expect_failure(built, TableFormatError, "more cells than its header", "line 565")


def test_truncated_document(built):
    path = document(built)
    path.write_text("\n".join(path.read_text(encoding="utf-8").split("\n")[:700]),
                    encoding="utf-8")
    expect_failure(built, DocumentError, "Tabel 15 not found")
    run_cli_keeps_outputs(built)


def test_empty_document(built):
    document(built).write_text("", encoding="utf-8")
    expect_failure(built, DocumentError, "empty")


@pytest.mark.parametrize("encoding, fragment", [
    ("latin-1", "not UTF-8"), ("utf-16", "UTF-16"), ("utf-8-sig", "byte-order mark")])
def test_other_encodings(built, encoding, fragment):
    path = document(built)
    text = path.read_text(encoding="utf-8").replace("Penyusunan", "Penyusünan")
    path.write_bytes(text.encode(encoding, errors="replace"))
    expect_failure(built, DocumentError, fragment)
    run_cli_keeps_outputs(built)


def corrections(root: Path) -> Path:
    return root / "raw" / "2020" / "koreksi.yaml"


def test_correction_naming_the_wrong_line(built):
    text = corrections(built).read_text(encoding="utf-8")
    corrections(built).write_text(text.replace("baris: 694", "baris: 695"), encoding="utf-8")
    expect_failure(built, CorrectionError, "line 695", "does not hold '158.108,200'")
    run_cli_keeps_outputs(built)


def test_correction_that_does_not_parse(built):
    corrections(built).write_text("koreksi: [\n  - tabel: x\n", encoding="utf-8")
    expect_failure(built, CorrectionError, "does not parse")


def test_correction_that_is_not_safe_yaml(built):
    corrections(built).write_text(
        "koreksi: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    expect_failure(built, CorrectionError, "safe YAML")


def test_correction_missing_for_a_malformed_cell(built):
    text = corrections(built).read_text(encoding="utf-8")
    start = text.index("  - tabel: Tabel 15\n    baris: 763")
    end = text.index("  - tabel: Tabel 15\n    baris: 764")
    corrections(built).write_text(text[:start] + text[end:], encoding="utf-8")
    expect_failure(built, TableFormatError, "line 763", "'185125.800'", "Add an entry")


def budget_history(root: Path) -> Path:
    return root / "raw" / "anggaran_historis.csv"


@pytest.mark.parametrize("old, new, fragment", [
    ("2014,APBD", "2014,DAK", "isin"),
    ("2015,APBD", "2014,APBD", "unique"),
    ("2014,APBN", "1914,APBN", "in_range"),
    ("2020,APBD,56652801485", "2020,APBD,56.652.801.485", "not a plain number"),
])
def test_bad_budget_history(built, old, new, fragment):
    path = budget_history(built)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    error = expect_failure(built, LkjipError, fragment, "anggaran_historis")
    assert getattr(error, "line", None) is not None
    run_cli_keeps_outputs(built)


def workbook_input(root: Path) -> Path:
    target = root / "raw" / "2020" / "lkjip_2020.xlsx"
    target.write_bytes((root / "processed" / "2020" / "lkjip_2020.xlsx").read_bytes())
    return target


def edit_workbook(path: Path, change) -> None:
    from openpyxl import load_workbook
    book = load_workbook(path)
    change(book)
    book.save(path)


def test_workbook_missing_sheet(built):
    edit_workbook(workbook_input(built), lambda b: b.remove(b["efisiensi"]))
    expect_failure(built, WorkbookError, "sheet 'efisiensi' is missing")


def test_workbook_missing_column(built):
    edit_workbook(workbook_input(built), lambda b: b["efisiensi"].delete_cols(4))
    expect_failure(built, WorkbookError, "columns differ", "persen_capaian")


def test_workbook_text_in_number_column(built):
    def change(book):
        book["realisasi_apbd"]["G3"] = "448.196.000"
    edit_workbook(workbook_input(built), change)
    expect_failure(built, WorkbookError, "text in a number column", "line 3", "realisasi")


def test_workbook_formula_cell(built):
    def change(book):
        book["realisasi_apbd"]["G3"] = "=G2*2"
    edit_workbook(workbook_input(built), change)
    expect_failure(built, WorkbookError, "formula cell", "line 3")


def test_workbook_negative_amount(built):
    def change(book):
        book["realisasi_apbd"]["G3"] = -5
    edit_workbook(workbook_input(built), change)
    expect_failure(built, ValidationError, "realisasi_apbd", "line 3")
