"""Issue 17: hostile or careless input files (YAML, workbooks, the cache, links, years) are
refused with one clear error, fast, or are never read."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from lkjip_analysis import load
from lkjip_analysis.cli import main
from lkjip_analysis.config import Paths, available_years, validate_year
from lkjip_analysis.data.workbook import MAX_ROWS
from lkjip_analysis.errors import (
    CorrectionError,
    ParameterError,
    SourceError,
    ValidationError,
    WorkbookError,
)
from lkjip_analysis.newyear import init_year, write_template
from lkjip_analysis.pipeline.manifest import input_files
from lkjip_analysis.reading.corrections import load_corrections
from lkjip_analysis.reading.recognition import load_mapping

BOMB = """a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
koreksi: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


# 3 and 20. YAML: aliases, size, duplicate keys -------------------------------------------------

def test_a_yaml_alias_bomb_is_refused_naming_the_file_and_line(tmp_path):
    path = tmp_path / "koreksi.yaml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"alias .*koreksi\.yaml, baris 2"):
        load_corrections(path)
    mapping = tmp_path / "tabel.yaml"
    mapping.write_text("x: &a Tabel 1\nsdm: *a\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"alias .*tabel\.yaml, baris 2"):
        load_mapping(mapping, ["sdm"])


def test_a_yaml_nested_too_deep_is_one_clear_error(tmp_path):
    path = tmp_path / "koreksi.yaml"
    path.write_text("koreksi: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match="koreksi.yaml"):
        load_corrections(path)


def test_a_workbook_whose_sheet_xml_is_broken_is_one_clear_error(data_root,
                                                                   workbook_bytes_2020):
    broken = rewrite_sheet(workbook_bytes_2020, "realisasi_apbd",
                           lambda xml: xml[: len(xml) // 2])
    workbook_year(data_root, broken)
    with pytest.raises(WorkbookError, match="buku kerja tidak dapat dibaca"):
        load(2020, data_root, source="workbook")


def test_an_oversized_yaml_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "koreksi.yaml"
    path.write_text("koreksi: []\n" + "# " + "x" * (2 << 20) + "\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match="lebih dari 1.048.576 bita yang diterima"):
        load_corrections(path)


def test_an_oversized_document_is_refused_before_it_is_read(data_root):
    document = data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    with open(document, "ab") as handle:
        handle.truncate(65 << 20)
    with pytest.raises(SourceError, match="dokumen laporan berukuran 68.157.440 bita, lebih dari"):
        load(2020, data_root)


def test_a_key_written_twice_is_refused(tmp_path):
    path = tmp_path / "koreksi.yaml"
    path.write_text("koreksi:\n  - tabel: Tabel 14\n    baris: 694\n    baris: 695\n",
                    encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"kunci 'baris' ditulis dua kali.*baris 4"):
        load_corrections(path)


@pytest.mark.parametrize("field, value, message", [
    ("dipakai", ".nan", "'dipakai' harus angka biasa"),
    ("dipakai", ".inf", "'dipakai' harus angka biasa"),
    ("baris", "true", "'baris' harus nomor baris"),
])
def test_a_correction_value_that_is_not_a_number_is_refused(data_root, field, value, message):
    path = data_root / "raw" / "2020" / "koreksi.yaml"
    text = path.read_text(encoding="utf-8")
    old = {"dipakai": "dipakai: 205778000", "baris": "baris: 701"}[field]
    path.write_text(text.replace(old, f"{field}: {value}"), encoding="utf-8")
    with pytest.raises(CorrectionError, match=message):
        load_corrections(path)


# 4, 10, 13, 20. workbooks ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook_bytes_2020(tmp_path_factory) -> bytes:
    """The processed 2020 workbook: a filled workbook in the input shape."""
    from lkjip_analysis.pipeline.steps import extract

    root = tmp_path_factory.mktemp("wb")
    shutil.copytree(Path(__file__).parents[1] / "data" / "raw", root / "raw")
    extract(2020, root)
    return (root / "processed" / "2020" / "lkjip_2020.xlsx").read_bytes()


def workbook_year(data_root: Path, data: bytes) -> Path:
    """2020 given as a workbook (it is read before the document)."""
    path = data_root / "raw" / "2020" / "lkjip_2020.xlsx"
    path.write_bytes(data)
    return path


def rewrite_sheet(data: bytes, sheet: str, change) -> bytes:
    """`data` with the XML of worksheet `sheet` passed through `change`."""
    from openpyxl import load_workbook

    index = load_workbook(io.BytesIO(data), read_only=True).sheetnames.index(sheet) + 1
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{index}.xml":
                content = change(content)
            dst.writestr(info, content)
    return out.getvalue()


def edit_cell(data: bytes, sheet: str, column: str, row: int, value) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=row, column=header.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_false_dimension_drops_no_row(data_root, workbook_bytes_2020, d2020):
    lying = rewrite_sheet(workbook_bytes_2020, "realisasi_apbd",
                          lambda xml: re.sub(rb'<dimension ref="[^"]*"/>',
                                             b'<dimension ref="A1:K10"/>', xml))
    workbook_year(data_root, lying)
    d = load(2020, data_root, source="workbook")
    assert len(d.realisasi_apbd) == len(d2020.realisasi_apbd) == 43
    assert d.realisasi_apbd.realisasi.sum() == 26_661_611_467


def test_a_workbook_beyond_the_row_limit_is_refused(data_root, workbook_bytes_2020):
    row = b'<row r="%d"><c r="A%d"><v>1</v></c></row>'
    many = b"".join(row % (i, i) for i in range(2, 200_002))
    huge = rewrite_sheet(workbook_bytes_2020, "realisasi_apbd",
                         lambda xml: xml.replace(b"</sheetData>", many + b"</sheetData>"))
    workbook_year(data_root, huge)
    with pytest.raises(WorkbookError, match=f"lebih dari {MAX_ROWS:,} baris".replace(",", ".")):
        load(2020, data_root, source="workbook")


@pytest.mark.parametrize("sheet, column, value, message", [
    ("realisasi_apbd", "dikoreksi", "FALSE", "bukan nilai logika"),
    ("realisasi_apbd", "dikoreksi", "tidak", "bukan nilai logika"),
    ("realisasi_apbd", "no_program", 1.5, "diharapkan bilangan bulat"),
    ("realisasi_apbd", "baris_sumber", 681.7, "diharapkan bilangan bulat"),
    ("realisasi_apbd", "realisasi", "1.234", "teks di kolom angka"),
])
def test_a_workbook_cell_is_never_coerced_without_a_word(data_root, workbook_bytes_2020, sheet,
                                                         column, value, message):
    path = workbook_year(data_root, edit_cell(workbook_bytes_2020, sheet, column, 3, value))
    with pytest.raises(WorkbookError, match=message) as caught:
        load(2020, data_root, source="workbook")
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), 3, column)


def test_a_whole_number_column_in_a_csv_keeps_its_fraction_out(data_root):
    history = data_root / "raw" / "anggaran_historis.csv"
    history.write_text(history.read_text(encoding="utf-8").replace("2014,APBD", "2014.5,APBD"),
                       encoding="utf-8")
    with pytest.raises(ValidationError, match="bilangan bulat") as caught:
        load(2020, data_root, source="document")
    assert (caught.value.line, caught.value.column) == (2, "tahun")


def test_a_workbook_of_another_year_is_refused(data_root, workbook_bytes_2020):
    changed = edit_cell(workbook_bytes_2020, "instansi", "tahun", 2, 2019)
    path = workbook_year(data_root, changed)
    with pytest.raises(SourceError, match="2019, tetapi terletak di folder tahun 2020") \
            as caught:
        load(2020, data_root, source="workbook")
    assert caught.value.file == str(path)


# 9. the cache -----------------------------------------------------------------------------------

def test_a_forged_value_in_the_cache_is_a_miss(data_root):
    first = load(2020, data_root, source="document")
    cache = data_root / "processed" / ".cache" / "2020-document.json"
    body, seal = cache.read_text(encoding="utf-8").rsplit("\n", 1)
    assert "2892957804" in body
    cache.write_text(body.replace("2892957804", "9892957804") + "\n" + seal, encoding="utf-8")
    again = load(2020, data_root, source="document")
    assert again.realisasi_apbd.realisasi.iloc[0] == first.realisasi_apbd.realisasi.iloc[0] \
        == 2_892_957_804


# 14. links leaving the data folder --------------------------------------------------------------

def test_a_link_leaving_the_data_folder_is_refused_without_quoting_it(data_root, tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("ISI-RAHASIA: jangan dikutip\n", encoding="utf-8")
    corrections = data_root / "raw" / "2020" / "koreksi.yaml"
    corrections.unlink()
    corrections.symlink_to(secret)
    with pytest.raises(SourceError) as caught:
        load(2020, data_root)
    assert "menunjuk ke luar" in str(caught.value) and str(corrections) in str(caught.value)
    assert "RAHASIA" not in str(caught.value)
    assert main(["build", "--data-dir", str(data_root), "--reports-dir",
                 str(tmp_path / "r")]) == 1


def test_a_link_inside_the_data_folder_is_read(data_root):
    folder = data_root / "raw" / "2020"
    shutil.move(folder / "koreksi.yaml", data_root / "raw" / "koreksi_2020.yaml")
    (folder / "koreksi.yaml").symlink_to(data_root / "raw" / "koreksi_2020.yaml")
    assert load(2020, data_root).realisasi_apbd.realisasi.sum() == 26_661_611_467


# 19. years ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["init", "template", "build", "extract"])
@pytest.mark.parametrize("year", ["0000", "1899", "2101"])
def test_a_year_out_of_range_is_a_usage_error(tmp_path, capsys, command, year):
    with pytest.raises(SystemExit) as stopped:
        main([command, "--year", year, "--data-dir", str(tmp_path / "d")])
    assert stopped.value.code == 2
    assert "1900 sampai 2100" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_years_out_of_range_are_refused_by_the_library_and_never_listed(data_root):
    with pytest.raises(ParameterError, match="1900 sampai 2100"):
        init_year(0, data_root)
    with pytest.raises(ParameterError, match="1900 sampai 2100"):
        write_template(99999, data_root)
    with pytest.raises(ParameterError, match="1900 sampai 2100"):
        validate_year(1800, data_root)
    (data_root / "raw" / "0000").mkdir()
    assert available_years(data_root) == [2020]


# 21. a large stray file -------------------------------------------------------------------------

def test_a_stray_file_in_a_year_folder_is_not_an_input(data_root):
    stray = data_root / "raw" / "2020" / "salinan.bin"
    with open(stray, "wb") as handle:
        handle.truncate(3 << 30)  # 3 GiB, sparse: hashing it whole would exhaust memory
    keys = set(input_files(Paths.for_year(2020, data_root)))
    assert "data/raw/2020/salinan.bin" not in keys
    assert {"data/raw/2020/lkjip_2020_dinsos_kaltim.md", "data/raw/2020/koreksi.yaml",
            "data/raw/2020/polaritas_indikator.csv"} <= keys


def test_the_cache_key_file_is_private(data_root, tmp_path, monkeypatch):
    from lkjip_analysis.data import cache

    key = tmp_path / "kunci" / "cache.key"
    monkeypatch.setenv(cache.KEY_ENV, str(key))
    cache._secret.cache_clear()
    try:
        load(2020, data_root)
        assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
        assert json.loads((data_root / "processed" / ".cache" / "2020-document.json")
                          .read_text(encoding="utf-8").rsplit("\n", 1)[0])["format"]
    finally:
        cache._secret.cache_clear()
    assert os.environ.get(cache.KEY_ENV) == str(key)


def test_a_year_given_as_its_four_digits_is_read_and_other_text_is_refused(d2020):
    assert load("2020").realisasi_apbd.equals(d2020.realisasi_apbd)
    for text in ("20", "2020.0", "tahun 2020", "02020"):
        with pytest.raises(ParameterError, match="bilangan bulat"):
            validate_year(text)
