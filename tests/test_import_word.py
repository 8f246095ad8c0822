"""Issue 15 (Word part): `lkjip import` reads a Word file into the reader's text format.
TEST DATA: a .docx built here from the 2020 text (real Word tables, the APBD header's
"Anggaran" merged over three columns, "No" merged down, a page header and footer that must not
leak into the text); imported back, every dataset equals, in value, the one read from the text
document."""

from __future__ import annotations

import re
import shutil
import zipfile

import pandas as pd
import pytest
import yaml
from conftest import DOCUMENT, RAW

from lkjip_analysis import load
from lkjip_analysis.cli import main
from lkjip_analysis.importing import ImportRefused, import_document

docx = pytest.importorskip("docx")
_BOLD = re.compile(r"^(?:\*\*|<b>)(.*?)(?:\*\*|</b>)$")
# Columns that say where a value stood in its source: they change with the layout
WHERE = {"baris_sumber", "baris_sumber_kategori", "baris_rumus", "kutipan", "halaman"}


def _text(cell, text: str) -> None:
    match = _BOLD.match(text.strip())
    run = cell.add_run(match.group(1) if match else text)
    run.bold = bool(match)


def word_from_text(target, chart: dict | None = None) -> None:
    """The 2020 text as a Word file: paragraphs, headings, tables, bold, a merged header."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "KEPALA-HALAMAN-UJI"
    section.footer.paragraphs[0].text = "KAKI-HALAMAN-UJI "
    _page_number(section.footer.paragraphs[0])
    lines = DOCUMENT.read_text(encoding="utf-8").split("\n")
    rows: list[list[str]] = []
    for line in [*lines, ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            _table(document, rows)
            rows = []
        if not line.strip():
            continue
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            document.add_heading(heading.group(2).replace("*", ""), min(len(heading.group(1)), 9))
        elif re.match(r"^Tabel \d+\.", line):  # captions in bold, as agencies write them
            _text(document.add_paragraph(), f"<b>{line}</b>")
        else:
            _text(document.add_paragraph(), line.replace("**", "") if line.count("**") > 2
                  else line)
    add_chart(document, "Grafik 1. Anggaran dan realisasi (DATA UJI)", chart or CHART_SERIES)
    picture = target.with_suffix(".png")
    _tiny_png(picture)
    document.add_picture(str(picture))
    document.save(str(target))


def _page_number(paragraph) -> None:
    """A PAGE field, as Word writes page numbers."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(f'<w:fldSimple {w} w:instr="PAGE"><w:r><w:t>1</w:t></w:r>'
                                  "</w:fldSimple>"))


def _tiny_png(path) -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(0.5, 0.5))
    fig.savefig(path)
    plt.close(fig)


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"  # ruled, as agencies print their tables
    for r, row in enumerate(rows):
        for c, text in enumerate(row + [""] * (width - len(row))):
            if text:
                _text(table.cell(r, c).paragraphs[0], text)
    if rows[0][:3] == ["7No", "Program/kegiatan", "Anggaran"]:  # Tabel 14: merge as printed
        table.cell(0, 2).merge(table.cell(0, 4))
        table.cell(0, 0).merge(table.cell(1, 0))


CHART_NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
            "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
            "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# TEST DATA, clearly not the report's: the chart of a fictitious budget history
CHART_YEARS = ["2014", "2015", "2016"]
CHART_SERIES = {"Anggaran (uji)": ["1000000001", "2000000002.5", None],
                "Realisasi (uji)": ["900000001", "5.5E9", "3"]}


def chart_xml(chart: dict, labelled: bool = True) -> bytes:
    """A clustered column chart as Word writes it: cached categories and values, data labels
    shown, two axes and a legend (so that an office suite draws it)."""
    def points(values) -> str:
        return "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>'
                       for i, v in enumerate(values) if v is not None)

    labels = ('<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
              '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
              "</c:dLbls>") if labelled else ""
    series = "".join(
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:strCache>'
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef>'
        f"</c:tx>{labels}<c:cat><c:strRef><c:strCache><c:ptCount val=\"{len(CHART_YEARS)}\"/>"
        f"{points(CHART_YEARS)}</c:strCache></c:strRef></c:cat>"
        f'<c:val><c:numRef><c:numCache><c:formatCode>General</c:formatCode>'
        f'<c:ptCount val="{len(values)}"/>{points(values)}</c:numCache></c:numRef></c:val>'
        "</c:ser>" for i, (name, values) in enumerate(chart.items()))
    axes = ('<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            '<c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>'
            '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            '<c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>')
    return (f'<c:chartSpace xmlns:c="{CHART_NS["c"]}" xmlns:a="{CHART_NS["a"]}" '
            f'xmlns:r="{CHART_NS["r"]}"><c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
            f'<c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
            f'<c:varyColors val="0"/>{series}<c:gapWidth val="150"/><c:axId val="1"/>'
            f'<c:axId val="2"/></c:barChart>{axes}</c:plotArea><c:legend><c:legendPos val="b"/>'
            "</c:legend><c:plotVisOnly val=\"1\"/></c:chart></c:chartSpace>").encode()


def add_chart(document, caption: str, chart: dict = CHART_SERIES, labelled: bool = True) -> None:
    """A native chart (its data cached as Word writes it), its caption below it."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part = Part(PackURI("/word/charts/chart1.xml"),
                "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                chart_xml(chart, labelled), document.part.package)
    rid = document.part.relate_to(part, RELATIONSHIP_TYPE.CHART)
    run = document.add_paragraph().add_run()
    run._r.append(parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{CHART_NS["a"]}" xmlns:c="{CHART_NS["c"]}" xmlns:r="{CHART_NS["r"]}">'
        '<wp:inline><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="99" name="Grafik"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'))
    document.add_paragraph(caption)


def moved_corrections(text: str) -> dict:
    """2020's corrections, each moved to the line of the imported text that holds it."""
    data = yaml.safe_load((RAW / "2020" / "koreksi.yaml").read_text(encoding="utf-8"))
    lines = text.split("\n")
    for entry in data["koreksi"]:
        holding = [n for n, line in enumerate(lines, 1)
                   if entry["tertulis"] in (c.strip() for c in line.split("\t"))]
        assert len(holding) == 1, entry
        entry["baris"] = holding[0]
    return data


def import_as_2020(original, root):
    """2020's raw data without its text, `original` imported in its place and the corrections
    moved to the lines of the imported text."""
    data = root / "data"
    shutil.copytree(RAW, data / "raw")
    (data / "raw" / "2020" / DOCUMENT.name).unlink()
    review = import_document(original, 2020, data)
    (data / "raw" / "2020" / "koreksi.yaml").write_text(
        yaml.safe_dump(moved_corrections(review.text.read_text(encoding="utf-8")),
                       allow_unicode=True), encoding="utf-8")
    return data, review


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("impor")
    word = root / "LKjIP 2020.docx"
    word_from_text(word)
    return import_as_2020(word, root)


def test_the_imported_word_file_gives_the_same_datasets(imported, d2020):
    data, _ = imported
    d = load(2020, data, source="document")
    assert sorted(d) == sorted(d2020)
    for name in d2020:
        if name in ("grafik", "asal_baris"):  # the chart and the origins: tested below
            continue
        ours, theirs = d[name], d2020[name]
        keep = [c for c in theirs.columns if c not in WHERE]
        pd.testing.assert_frame_equal(ours[keep].reset_index(drop=True),
                                      theirs[keep].reset_index(drop=True), obj=name)


def test_the_chart_of_the_word_file_is_a_dataset(imported):
    data, _ = imported
    charts = load(2020, data, source="document").grafik
    assert charts[["grafik", "kategori", "seri", "nilai"]].fillna(-1).values.tolist() == [
        ["Grafik 1", "2014", "Anggaran (uji)", 1_000_000_001],
        ["Grafik 1", "2014", "Realisasi (uji)", 900_000_001],
        ["Grafik 1", "2015", "Anggaran (uji)", 2_000_000_002.5],
        ["Grafik 1", "2015", "Realisasi (uji)", 5_500_000_000],
        ["Grafik 1", "2016", "Anggaran (uji)", -1],
        ["Grafik 1", "2016", "Realisasi (uji)", 3],
    ]


def test_every_line_names_its_word_table_row_or_paragraph(imported):
    data, review = imported
    d = load(2020, data, source="document")
    origins = dict(zip(d.asal_baris.baris_sumber, d.asal_baris.asal, strict=True))
    lines = review.text.read_text(encoding="utf-8").split("\n")
    first = d.realisasi_apbd.iloc[0]
    header = lines.index("7No\tProgram/kegiatan\tAnggaran\t\t\tKeterangan") + 1
    # the Word tables are counted in body order; Tabel 14's first part starts at `header`
    table, row = re.fullmatch(r"tabel (\d+) baris (\d+)", origins[first.baris_sumber]).groups()
    assert origins[header] == f"tabel {table} baris 1"
    assert int(row) == first.baris_sumber - header + 1
    caption = d.tabel_sumber.set_index("dataset").baris_sumber["realisasi_apbd"]
    assert re.fullmatch(r"paragraf \d+", origins[caption])
    assert d.realisasi_apbd.halaman.isna().all()  # a Word file has no pages


def test_the_text_keeps_the_merged_header_once_and_no_running_header(imported):
    _, review = imported
    text = review.text.read_text(encoding="utf-8")
    assert "7No\tProgram/kegiatan\tAnggaran\t\t\tKeterangan" in text
    assert "\t\tlokasi\tRealisasi\t%\t" in text
    assert "KEPALA-HALAMAN-UJI" not in text and "KAKI-HALAMAN-UJI" not in text


def test_the_original_is_kept_and_the_review_lists_the_tables(imported):
    data, review = imported
    assert review.text.name == "lkjip_2020_dinas_sosial_provinsi_kalimantan_timur.md"
    assert review.original == data / "raw" / "2020" / "asli" / "LKjIP 2020.docx"
    assert any("Tabel 14. Realisasi Anggaran APBD" in line and "x 6 kolom" in line
               for line in review.lines)
    captions = {m.group(1) for line in review.lines
                if (m := re.search(r": (Tabel \d+)\. .*kolom\)$", line))}
    assert captions == {f"Tabel {n}" for n in range(1, 16)}


def test_a_native_chart_becomes_a_table_under_its_caption(imported):
    _, review = imported
    lines = review.text.read_text(encoding="utf-8").split("\n")
    at = lines.index("Grafik 1. Anggaran dan realisasi (DATA UJI)")
    assert lines[at + 2: at + 6] == [
        "Kategori\tAnggaran (uji)\tRealisasi (uji)",
        "2014\t1.000.000.001\t900.000.001",
        "2015\t2.000.000.002,5\t5.500.000.000",
        "2016\t\t3",  # a point the chart does not hold stays empty
    ]
    assert any("grafik dibaca: 2 seri x 3 kategori" in line for line in review.lines)
    assert any("tidak dibaca:" in line and "gambar" in line for line in review.lines)


def test_an_existing_document_is_not_overwritten_without_force(imported, capsys):
    data, review = imported
    before = review.text.read_bytes()
    word = review.original
    assert main(["import", str(word), "--year", "2020", "--data-dir", str(data)]) == 2
    assert "--force" in capsys.readouterr().err
    assert review.text.read_bytes() == before


@pytest.mark.parametrize("name, content, message", [
    ("laporan.doc", b"\xd0\xcf\x11\xe0", "simpan sebagai .docx"),
    ("laporan.odt", b"PK\x03\x04", "simpan sebagai .docx"),
    ("laporan.docx", b"bukan zip", "bukan berkas Word"),
    ("laporan.pdf", b"%PDF-1.4 rusak", "tidak dapat dibaca sebagai PDF"),
    ("laporan.pdf", b"<html>bukan PDF</html>", "bukan berkas PDF"),
])
def test_a_file_that_cannot_be_read_is_refused_in_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message):
        import_document(path, 2021, tmp_path / "data")
    assert not (tmp_path / "data" / "raw").exists()


def test_a_zip_that_is_not_word_is_refused(tmp_path):
    path = tmp_path / "laporan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("isi.txt", "bukan Word")
    assert main(["import", str(path), "--year", "2021", "--data-dir", str(tmp_path)]) == 2


def test_a_cover_page_inside_a_content_control_is_read(tmp_path):
    """Word keeps cover pages and tables of contents in content controls (`w:sdt`)."""
    from docx.oxml import parse_xml

    from lkjip_analysis.impor.word import read_docx

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(0, parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>LAPORAN KINERJA 2021 (UJI)</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"))
    document.add_paragraph("Bab I")
    document.save(str(tmp_path / "sampul.docx"))
    blocks = read_docx(tmp_path / "sampul.docx").blocks
    assert [b.text.text for b in blocks] == ["LAPORAN KINERJA 2021 (UJI)", "Bab I"]
