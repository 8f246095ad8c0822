"""Issue 15 (PDF part): `lkjip import` reads a PDF with a text layer.
TEST DATA: the Word file of test_import_word (the 2020 text as ruled Word tables, a running
header, a footer with a page-number field, a native chart) printed to PDF by LibreOffice; and
small PDFs built here (image only, encrypted, one long table). Needs LibreOffice (`soffice`):
`.ci/run` installs Debian's libreoffice-writer-nogui; elsewhere these tests say why they skip."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pytest
from test_import_word import WHERE, add_chart, import_as_2020, word_from_text

from lkjip_analysis import load
from lkjip_analysis.importing import ImportRefused, import_document

docx = pytest.importorskip("docx")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: the PDF fixtures are "
    "printed by it (apt-get install libreoffice-writer-nogui)")
# What a PDF cannot tell: whether a space stood beside a dash, slash or plus where the line
# broke just there (its space glyph hangs past the cell's edge, unseen)
_AT_DASH = re.compile(r"\s*([-/+])\s*")
# TEST DATA, clearly not the report's: a budget chart with a value at every point (a point the
# chart does not hold is drawn as 0 with the label "0": the PDF cannot tell it from a zero)
PDF_CHART = {"Anggaran (uji)": ["1000000001", "2000000002.5", "1500000000"],
             "Realisasi (uji)": ["900000001", "5.5E9", "3"]}


def to_pdf(word, folder):
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profil",
                    "--convert-to", "pdf", "--outdir", str(folder), str(word)],
                   check=True, capture_output=True, timeout=180)
    return folder / (word.stem + ".pdf")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("impor_pdf")
    word = root / "LKjIP 2020.docx"
    word_from_text(word, PDF_CHART)
    return import_as_2020(to_pdf(word, root), root)


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    keep = [c for c in frame.columns if c not in WHERE]
    frame = frame[keep].reset_index(drop=True).copy()
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].map(
            lambda v: _AT_DASH.sub(r"\1", v) if isinstance(v, str) else v)
    return frame


@needs_office
def test_the_printed_pdf_gives_the_same_datasets(imported, d2020):
    data, _ = imported
    d = load(2020, data, source="document")
    assert sorted(d) == sorted(d2020)
    for name in d2020:
        if name in ("grafik", "asal_baris"):  # the test chart and the origins: below
            continue
        pd.testing.assert_frame_equal(_comparable(d[name]), _comparable(d2020[name]), obj=name)


@needs_office
def test_the_chart_values_are_read_from_its_data_labels(imported):
    data, review = imported
    charts = load(2020, data, source="document").grafik
    assert charts[["grafik", "kategori", "seri", "nilai"]].values.tolist() == [
        ["Grafik 1", "2014", "Anggaran (uji)", 1_000_000_001],
        ["Grafik 1", "2014", "Realisasi (uji)", 900_000_001],
        ["Grafik 1", "2015", "Anggaran (uji)", 2_000_000_002.5],
        ["Grafik 1", "2015", "Realisasi (uji)", 5_500_000_000],
        ["Grafik 1", "2016", "Anggaran (uji)", 1_500_000_000],
        ["Grafik 1", "2016", "Realisasi (uji)", 3],
    ]
    assert any("grafik dibaca: 2 seri x 3 kategori" in line for line in review.lines)
    text = review.text.read_text(encoding="utf-8")
    assert "6000000000" not in text  # the axis ticks are the chart's, not paragraphs


@needs_office
def test_every_number_survives_narrow_cells_exactly(imported, d2020):
    """The APBD amounts wrap inside their cells in the PDF (`23.531.5` / `89.176`)."""
    data, _ = imported
    ours = load(2020, data, source="document").realisasi_apbd
    assert ours.realisasi.tolist() == d2020.realisasi_apbd.realisasi.tolist()
    assert ours.realisasi.sum() == d2020.realisasi_apbd.realisasi.sum()


@needs_office
def test_every_amount_names_the_page_it_is_printed_on(imported):
    """A second route: pypdf's text of each page, searched for each APBD amount."""
    from pypdf import PdfReader

    data, review = imported
    pages = ["".join(page.extract_text().split()) for page in PdfReader(review.original).pages]
    rows = load(2020, data, source="document").realisasi_apbd
    checked = 0
    for amount, page in zip(rows.realisasi, rows.halaman, strict=True):
        printed = f"{amount:,}".replace(",", ".")
        found = [n for n, text in enumerate(pages, 1) if printed in text]
        if len(found) == 1:
            assert page == found[0], printed
            checked += 1
    assert checked >= 30


@needs_office
def test_running_header_footer_and_page_numbers_are_left_out(imported):
    _, review = imported
    text = review.text.read_text(encoding="utf-8")
    assert "KEPALA-HALAMAN-UJI" not in text and "KAKI-HALAMAN-UJI" not in text
    assert not re.search(r"(?m)^\d{1,3}$", text)  # no page number left on a line of its own


@needs_office
def test_the_review_names_pages_tables_and_the_chart_not_read(imported):
    _, review = imported
    assert re.match(r"\d+ halaman, \d+ paragraf, \d+ tabel\.", review.lines[1])
    spans = [line for line in review.lines if "Tabel 14. Realisasi Anggaran APBD" in line]
    assert len(spans) == 1 and re.search(r"halaman (\d+)–(\d+):", spans[0])
    assert review.original.name == "LKjIP 2020.pdf"


@needs_office
def test_a_table_over_three_pages_is_one_table_with_its_header_once(tmp_path):
    document = docx.Document()
    document.add_paragraph("Tabel 1. Uji tabel panjang (DATA UJI)")
    table = document.add_table(rows=121, cols=3)
    table.style = "Table Grid"
    for column, text in enumerate(["No", "Uraian", "Nilai"]):
        table.cell(0, column).text = text
    _repeat_header(table.rows[0])
    for row in range(1, 121):
        cells = table.rows[row].cells
        cells[0].text, cells[1].text, cells[2].text = (str(row), f"Baris uji ke-{row}",
                                                       f"{row * 1001:,}".replace(",", "."))
    word = tmp_path / "panjang.docx"
    document.save(str(word))
    review = import_document(to_pdf(word, tmp_path), 2021, tmp_path / "data")
    rows = [line.split("\t") for line in review.text.read_text(encoding="utf-8").splitlines()
            if "\t" in line]
    assert rows[0] == ["No", "Uraian", "Nilai"] and len(rows) == 121
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 121)]
    assert rows[120] == ["120", "Baris uji ke-120", "120.120"]
    assert any(re.search(r"halaman 1–[3-9]: Tabel 1\.", line) for line in review.lines)


@needs_office
def test_a_chart_without_data_labels_is_listed_as_not_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Pengantar uji.")
    add_chart(document, "Grafik 2. Tanpa label (DATA UJI)", PDF_CHART, labelled=False)
    word = tmp_path / "tanpa_label.docx"
    document.save(str(word))
    review = import_document(to_pdf(word, tmp_path), 2021, tmp_path / "data")
    assert any("tidak dibaca" in line and "label data" in line for line in review.lines)
    text = review.text.read_text(encoding="utf-8")
    assert "Grafik 2. Tanpa label (DATA UJI)" in text and "Kategori\t" not in text


@pytest.mark.parametrize("label, value", [
    ("1.000.000.001", "1000000001"), ("2000000002.5", "2000000002.5"), ("1,5", "1.5"),
    ("1,500,000", "1500000"), ("88,60", "88.60"), ("−3", "-3"), ("1500", "1500"),
    ("1.500", None), ("1,500", None), ("Rp1.000", None), ("1.5.1", None),
])
def test_a_data_label_is_a_number_only_where_its_format_is_unambiguous(label, value):
    from decimal import Decimal

    from lkjip_analysis.impor.pdfchart import label_value

    assert label_value(label) == (Decimal(value) if value else None)


def test_a_chart_that_writes_one_convention_reads_its_short_labels_by_it():
    from decimal import Decimal

    from lkjip_analysis.impor.pdfchart import convention_of, label_value

    indonesian = convention_of(["0", "1.000.000", "1.500", "2.000.000"])
    assert indonesian == "id" and label_value("1.500", indonesian) == Decimal(1500)
    assert convention_of(["1,500,000", "2.5"]) == "en"
    assert convention_of(["1.000.000", "1,500,000"]) == ""  # both: no convention
    assert label_value("1.500", convention_of(["1.500", "2.500"])) is None


def _repeat_header(row) -> None:
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(
        '<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))


def test_a_pdf_without_text_is_refused_as_scanned(tmp_path):
    import matplotlib.pyplot as plt
    import numpy as np

    fig = plt.figure(figsize=(2, 2))
    fig.figimage(np.random.default_rng(1).random((50, 50)))
    fig.savefig(tmp_path / "pindai.pdf")
    plt.close(fig)
    with pytest.raises(ImportRefused, match="OCR"):
        import_document(tmp_path / "pindai.pdf", 2021, tmp_path / "data")
    assert not (tmp_path / "data" / "raw").exists()


def test_an_encrypted_pdf_is_refused(tmp_path):
    import matplotlib.pyplot as plt
    from pypdf import PdfReader, PdfWriter

    fig = plt.figure(figsize=(2, 2))
    fig.text(0.1, 0.5, "Tabel 1. Rahasia")
    fig.savefig(tmp_path / "terbuka.pdf")
    plt.close(fig)
    writer = PdfWriter(clone_from=PdfReader(tmp_path / "terbuka.pdf"))
    writer.encrypt("sandi")
    writer.write(tmp_path / "terkunci.pdf")
    with pytest.raises(ImportRefused, match="terenkripsi"):
        import_document(tmp_path / "terkunci.pdf", 2021, tmp_path / "data")
