"""Hostile and careless documents at `lkjip import` (issue 25): nothing is lost or written
outside the data folder, tiny files that declare huge things are refused or left unread in one
Indonesian line, what Word or a PDF viewer does not show is not read. Every hostile file is
built here; the reader runs in a child process bounded to 1 GiB, so CI survives a regression."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from hostile_docs import (
    chart_docx,
    chart_xml,
    document_xml,
    para,
    points,
    text_at,
    write_docx,
    write_pdf,
)

from lkjip_analysis.cli import main
from lkjip_analysis.impor.model import Chart, ImportRefused, Picture, Table
from lkjip_analysis.impor.pdf import read_pdf
from lkjip_analysis.impor.word import read_docx
from lkjip_analysis.importing import import_document


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def refused(path: Path, root: Path, capsys, year: str = "2021") -> str:
    """Import `path`; assert one line on stderr, exit 2, in under the given time; the line."""
    started = time.monotonic()
    code = main(["-q", "import", str(path), "--year", year, "--data-dir", str(root)])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert time.monotonic() - started < 30
    return err


@pytest.fixture
def word(tmp_path) -> Path:
    return write_docx(tmp_path / "laporan.docx", para("Jumlah pegawai sebanyak 74 orang."))


# --- data lost, files outside deleted ------------------------------------------------------

def test_reimporting_the_kept_original_keeps_the_year(tmp_path, word, capsys):
    root = tmp_path / "data"
    assert main(["import", str(word), "--year", "2021", "--data-dir", str(root)]) == 0
    year = root / "raw" / "2021"
    kept = year / "asli" / "laporan.docx"
    before = snapshot(year)
    assert main(["import", str(kept), "--year", "2021", "--data-dir", str(root), "--force"]) == 0
    assert snapshot(year) == before
    assert "74 orang" in (year / "lkjip_2021_dokumen.md").read_text()


def test_an_asli_that_is_a_file_is_refused_and_the_text_kept(tmp_path, word, capsys):
    root = tmp_path / "data"
    assert main(["import", str(word), "--year", "2021", "--data-dir", str(root)]) == 0
    year = root / "raw" / "2021"
    for child in (year / "asli").iterdir():
        child.unlink()
    (year / "asli").rmdir()
    (year / "asli").write_text("catatan analis")
    before = snapshot(year)
    assert main(["-q", "import", str(word), "--year", "2021", "--data-dir", str(root),
                 "--force"]) == 2
    assert "asli adalah berkas" in capsys.readouterr().err
    assert snapshot(year) == before


def test_a_failed_reimport_changes_nothing(tmp_path, word, capsys):
    root = tmp_path / "data"
    assert main(["import", str(word), "--year", "2021", "--data-dir", str(root)]) == 0
    year = root / "raw" / "2021"
    before = snapshot(year)
    broken = write_docx(tmp_path / "rusak.docx", document=b"<w:document>potongan")
    main(["import", str(broken), "--year", "2021", "--data-dir", str(root), "--force"])
    assert "rusak.docx" in capsys.readouterr().err
    assert snapshot(year) == before


@pytest.mark.parametrize("linked", ["year", "asli", "raw"])
def test_a_link_out_of_the_data_folder_is_never_written_through(tmp_path, word, capsys, linked):
    root = tmp_path / "data"
    outside = tmp_path / "lain"
    outside.mkdir()
    (outside / "penting.txt").write_text("jangan dihapus")
    (outside / "lkjip_2021_x.md").write_text("bukan milik impor")
    raw = root / "raw"
    raw.mkdir(parents=True)
    if linked == "raw":
        raw.rmdir()
        raw.symlink_to(outside, target_is_directory=True)
    elif linked == "year":
        (raw / "2021").symlink_to(outside, target_is_directory=True)
    else:
        (raw / "2021").mkdir()
        (raw / "2021" / "asli").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    error = refused(word, root, capsys)
    assert "tautan" in error and "penting" not in error
    assert main(["-q", "import", str(word), "--year", "2021", "--data-dir", str(root),
                 "--force"]) == 2
    assert snapshot(outside) == before


# --- tiny files that declare huge things ---------------------------------------------------

def test_millions_of_empty_paragraphs_are_refused_before_parsing(tmp_path, capsys):
    body = "<w:p/>" * 12_000_000  # 72 MB inflated, 70 kB stored
    path = write_docx(tmp_path / "kosong.docx", body)
    assert path.stat().st_size < 1 << 20
    error = refused(path, tmp_path / "data", capsys)
    assert "word/document.xml" in error


def test_a_part_with_too_much_markup_is_refused(tmp_path, capsys):
    path = write_docx(tmp_path / "padat.docx", "<w:p/>" * 7_000_000)
    assert "elemen" in refused(path, tmp_path / "data", capsys)


@pytest.mark.parametrize("span", ["2000000000", "5000000", "banyak", "-3"])
def test_a_cell_spanning_absurd_columns_is_refused(tmp_path, capsys, span):
    row = ("<w:tr>" + f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{para("a")}</w:tc>'
           "</w:tr>")
    path = write_docx(tmp_path / "lebar.docx", f"<w:tbl>{row * 10}</w:tbl>")
    assert "kolom" in refused(path, tmp_path / "data", capsys)


@pytest.mark.parametrize("categories, values, reason", [
    (points("2019", "2020"), points("1", "2", count=2_000_000_000), "titik"),
    (points("2019", "2020"), '<c:ptCount val="2"/><c:pt idx="1999999999"><c:v>1</c:v></c:pt>',
     "indeks"),
    (points("2019", "2020"), points("1", "banyak", count="banyak"), "titik"),
    (points("2019", "2020"), points("1", "1E+999999999"), "1E+999999999"),
    (points("2019", "2020"), points("1", "1E-999999"), "1E-999999"),
    (points("2019", "2020"), points("NaN", "INF"), "NaN"),
    (points("2019", "2020"), points("5", "lima"), "lima"),
])
def test_a_chart_declaring_absurd_data_is_listed_as_not_read(tmp_path, categories, values,
                                                              reason):
    path = chart_docx(tmp_path / "grafik.docx", chart_xml(categories, values))
    blocks = read_docx(path).blocks
    assert not any(isinstance(b, Chart) for b in blocks)
    [picture] = [b for b in blocks if isinstance(b, Picture)]
    assert reason in picture.what


def test_a_chart_within_bounds_keeps_every_digit(tmp_path):
    path = chart_docx(tmp_path / "grafik.docx",
                      chart_xml(points("2019", "2020"), points("56652801485", "0.5", "")))
    [chart] = [b for b in read_docx(path).blocks if isinstance(b, Chart)]
    assert chart.series == (("APBD", ("56652801485", "0.5", "")),)


@pytest.mark.parametrize("chart", [
    b"\x89PNG\r\n\x1a\n" + bytes(64),
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    "<x>&b;</x>",
    '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>',
    "<c:chartSpace",
])
def test_a_chart_part_that_is_not_chart_xml_is_listed_as_not_read(tmp_path, chart):
    path = chart_docx(tmp_path / "grafik.docx", chart)
    blocks = read_docx(path).blocks
    assert [b.text.text for b in blocks if hasattr(b, "text")] == ["Grafik 1. Anggaran"]
    [picture] = [b for b in blocks if isinstance(b, Picture)]
    assert "grafik tidak dibaca" in picture.what


def _laughs(root: str) -> str:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'


@pytest.mark.parametrize("case", ["laughs", "xxe", "cut", "no body", "no document",
                                  "png", "bad crc", "stored encrypted", "deflate64",
                                  "deep tables"])
def test_a_damaged_or_hostile_package_is_one_line(tmp_path, capsys, case):
    path = tmp_path / "laporan.docx"
    if case == "laughs":
        write_docx(path, document=_laughs("w:document") + document_xml("&a9;")[38:])
    elif case == "xxe":
        write_docx(path, document='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x '
                                  'SYSTEM "file:///etc/passwd">]>' + document_xml(para("&x;"))[38:])
    elif case == "cut":
        write_docx(path, document=document_xml(para("separuh"))[:80])
    elif case == "no body":
        write_docx(path, document=f'<w:document {W_NS}/>')
    elif case == "no document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/styles.xml", "<x/>")
    elif case == "png":
        write_docx(path, document=b"\x89PNG\r\n\x1a\n" + bytes(100))
    elif case == "bad crc":
        write_docx(path, para("angka 123") * 50, compression=zipfile.ZIP_STORED)
        data = bytearray(path.read_bytes())
        data[data.index(b"angka 123") + 6] ^= 1
        path.write_bytes(bytes(data))
    elif case in ("stored encrypted", "deflate64"):
        write_docx(path, para("isi"), compression=zipfile.ZIP_STORED)
        data = bytearray(path.read_bytes())
        for header in (b"PK\x03\x04", b"PK\x01\x02"):
            start = 0
            while (start := data.find(header, start)) >= 0:
                flags = 6 if header == b"PK\x03\x04" else 8
                if case == "stored encrypted":
                    data[start + flags] |= 1
                else:
                    data[start + flags + 2] = 9  # compression method 9: Deflate64
                start += 4
        path.write_bytes(bytes(data))
    elif case == "deep tables":
        body = para("x")
        for _ in range(300):
            body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
        write_docx(path, body + para("akhir"))
    error = refused(path, tmp_path / "data", capsys)
    assert "laporan.docx" in error
    assert "root:" not in error


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_a_password_protected_word_file_is_named_so(tmp_path, capsys):
    path = tmp_path / "rahasia.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(200))
    assert "kata sandi" in refused(path, tmp_path / "data", capsys)


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_what_is_not_a_regular_file_is_named_so(tmp_path, capsys, kind):
    path = tmp_path / "laporan.pdf"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    assert "bukan berkas biasa" in refused(path, tmp_path / "data", capsys)


# --- only what the reader sees --------------------------------------------------------------

def test_a_hidden_word_run_is_not_read_and_is_said(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Realisasi Rp</w:t></w:r><w:r><w:rPr><w:vanish/>'
            "</w:rPr><w:t>9</w:t></w:r><w:r><w:t>23.531.589.176</w:t></w:r></w:p>")
    imported = read_docx(write_docx(tmp_path / "t.docx", body))
    assert [b.text.text for b in imported.blocks] == ["Realisasi Rp23.531.589.176"]
    assert imported.notes == ["paragraf 1: 1 karakter tersembunyi (tidak ditampilkan Word) "
                              "tidak dibaca"]


def test_a_run_hidden_by_its_style_is_not_read(tmp_path):
    styles = (f'<w:styles {W_NS}><w:style w:type="character" w:styleId="Sembunyi"><w:name '
              'w:val="Sembunyi"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type='
              '"character" w:styleId="Turunan"><w:basedOn w:val="Sembunyi"/></w:style>'
              "</w:styles>")
    body = ('<w:p><w:r><w:t>74</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Turunan"/></w:rPr>'
            "<w:t>0</w:t></w:r></w:p>")
    path = write_docx(tmp_path / "t.docx", body, parts={"word/styles.xml": styles},
                      document_rels='<Relationship Id="rId2" Type="http://schemas.'
                                    'openxmlformats.org/officeDocument/2006/relationships/'
                                    'styles" Target="styles.xml"/>')
    assert [b.text.text for b in read_docx(path).blocks] == ["74"]


def test_revisions_read_as_word_shows_the_final_text(tmp_path):
    body = ('<w:p><w:r><w:t xml:space="preserve">Jumlah </w:t></w:r><w:del><w:r><w:delText>70'
            "</w:delText></w:r></w:del><w:ins><w:r><w:t>74</w:t></w:r></w:ins>"
            '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> orang</w:t></w:r></w:sdtContent>'
            '</w:sdt><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>'
            '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    imported = read_docx(write_docx(tmp_path / "t.docx", body))
    assert [b.text.text for b in imported.blocks] == ["Jumlah 74 orang"]


def test_merges_read_fast_and_without_recursion(tmp_path):
    first = ('<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>' + para("awal") + "</w:tc><w:tc>"
             + para("1") + "</w:tc></w:tr>")
    merged = ('<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>' + para("2")
              + "</w:tc></w:tr>")
    path = write_docx(tmp_path / "t.docx", f"<w:tbl>{first}{merged * 3000}</w:tbl>")
    started = time.monotonic()
    [table] = read_docx(path).blocks
    assert time.monotonic() - started < 10
    assert isinstance(table, Table) and len(table.rows) == 3001
    assert [c.text for c in table.rows[0]] == ["awal", "1"]  # no cell above: read as it is
    assert [c.text for c in table.rows[1]] == ["", "2"]


def test_many_styles_and_paragraphs_read_in_seconds(tmp_path):
    styles = f"<w:styles {W_NS}>" + "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Gaya {i}"/>'
        f'<w:basedOn w:val="S{i - 1}"/></w:style>' for i in range(5000)) + "</w:styles>"
    body = '<w:p><w:pPr><w:pStyle w:val="S4999"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>' * 100_000
    path = write_docx(tmp_path / "t.docx", body, parts={"word/styles.xml": styles},
                      document_rels='<Relationship Id="rId2" Type="http://schemas.'
                                    'openxmlformats.org/officeDocument/2006/relationships/'
                                    'styles" Target="styles.xml"/>')
    started = time.monotonic()
    assert len(read_docx(path).blocks) == 100_000
    assert time.monotonic() - started < 20


def test_white_and_off_page_pdf_text_is_not_read(tmp_path):
    content = (text_at(72, 760, "Jumlah PNS sebanyak 74 orang.")
               + text_at(72, 740, "Jumlah PNS sebanyak 999 orang.", colour="1 g")
               + text_at(72, 720, "Teks hantu 555", colour="0 0 0 0 k")
               + text_at(900, 700, "Di luar halaman 777")
               + b"0.1 0.2 0.6 rg 60 690 300 20 re f\n"
               + text_at(72, 695, "Judul putih di atas biru", colour="1 g"))
    imported = read_pdf(write_pdf(tmp_path / "t.pdf", [content]))
    text = " ".join(b.text.text for b in imported.blocks if hasattr(b, "text"))
    assert "74 orang" in text and "Judul putih di atas biru" in text
    assert "999" not in text and "555" not in text and "777" not in text
    assert any("tidak terlihat" in note for note in imported.notes)


def test_forms_that_draw_each_other_a_billion_times_leave_the_page_unread(tmp_path):
    forms = {"X0": b"0 0 1 1 re f"}
    for level in range(1, 31):
        forms[f"X{level}"] = f"/X{level - 1} Do /X{level - 1} Do".encode()
    pages = [text_at(72, 760, "Halaman pertama dibaca.") , b"/X30 Do\n" + text_at(72, 700, "x")]
    started = time.monotonic()
    imported = read_pdf(write_pdf(tmp_path / "t.pdf", pages, forms=forms))
    assert time.monotonic() - started < 30
    assert [b.text.text for b in imported.blocks if hasattr(b, "text")] == [
        "Halaman pertama dibaca."]
    [busy] = [b for b in imported.blocks if isinstance(b, Picture)]
    assert busy.origin == "halaman 2" and "tidak dibaca" in busy.what


def test_a_pdf_declaring_ten_thousand_pages_is_refused_at_once(tmp_path, capsys):
    path = write_pdf(tmp_path / "t.pdf", [text_at(72, 760, "satu")], declared_pages=10_000)
    assert "10000 halaman" in refused(path, tmp_path / "data", capsys).replace(".", "")


def test_the_memory_bound_turns_exhaustion_into_one_line(tmp_path, monkeypatch):
    """The last line of defence: a file within every declared limit that still needs more
    memory than the child may take."""
    from lkjip_analysis.impor import bounded

    monkeypatch.setattr(bounded, "MEMORY_BYTES", 100 << 20)  # the Word reader starts at 21 MiB
    body = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 300_000
    path = write_docx(tmp_path / "besar.docx", body)
    with pytest.raises(ImportRefused, match="memori"):
        import_document(path, 2021, tmp_path / "data")
    assert not (tmp_path / "data" / "raw" / "2021").exists()


def test_control_characters_never_reach_the_terminal_or_the_text(tmp_path):
    from lkjip_analysis.impor import review_lines
    from lkjip_analysis.impor.model import Imported, Paragraph, Text
    from lkjip_analysis.impor.text import to_text

    caption = "Tabel 1. Pegawai \x1b]0;diretas\x07\x1b[2J\x1b[31mmerah\u202e"
    imported = Imported([Paragraph(Text(caption)), Table(((Text("a\x1b[5m"), Text("b")),))])
    review = "\n".join(review_lines(imported, tmp_path / "a\x1b[2J.pdf", tmp_path / "t.md", "x"))
    text = to_text(imported).text
    for shown in (review, text):
        assert not any(c in shown for c in "\x1b\x07\u202e")
    assert "Tabel 1. Pegawai ]0;diretas[2J[31mmerah" in review
    assert text.splitlines()[2] == "a[5m\tb"


def test_glyphs_that_map_to_no_character_are_refused_pointing_to_ocr(tmp_path, capsys):
    soup = b"".join(b"BT /F2 11 Tf 72 %d Td <0041004200430044004500460047> Tj ET\n" % (760 - 14 * i)
                    for i in range(30))
    path = write_pdf(tmp_path / "sup.pdf", [soup + text_at(72, 300, "Halaman 1")])
    error = refused(path, tmp_path / "data", capsys)
    assert "pemetaan karakter" in error and "ocrmypdf" in error


def test_a_data_folder_that_is_a_file_is_a_usage_error_in_indonesian(tmp_path, word, capsys):
    (tmp_path / "berkas").write_text("bukan folder")
    with pytest.raises(SystemExit) as stopped:
        main(["import", str(word), "--year", "2021", "--data-dir", str(tmp_path / "berkas")])
    assert stopped.value.code == 2
    assert "berkas bukan folder" in capsys.readouterr().err


def test_an_import_during_another_run_can_wait_for_it(tmp_path, word, caplog):
    from lkjip_analysis.config import Paths
    from lkjip_analysis.safety.lock import year_lock

    root = tmp_path / "data"
    with year_lock(Paths.for_year(2021, root).lock_file):
        assert main(["-q", "import", str(word), "--year", "2021", "--data-dir", str(root),
                     "--wait", "0.3"]) == 1
    assert "sedang berjalan" in caplog.text and "--wait" in caplog.text
    assert main(["-q", "import", str(word), "--year", "2021", "--data-dir", str(root),
                 "--wait", "1"]) == 0


@pytest.mark.parametrize("text", ["1" + "0" * 18, "1" * 5000, "1.000.000.000.000.000.000"])
def test_a_number_of_more_digits_than_any_figure_is_not_a_number(text):
    from lkjip_analysis.errors import NumberFormatError
    from lkjip_analysis.numbers import parse_amount, parse_decimal

    with pytest.raises(NumberFormatError):
        parse_amount(text)
    with pytest.raises(NumberFormatError):
        parse_decimal(text.replace(".", ""))


def test_a_polarity_file_of_a_million_rows_is_refused_at_once(data_root):
    from lkjip_analysis import load
    from lkjip_analysis.errors import SourceError

    path = data_root / "raw" / "2020" / "polaritas_indikator.csv"
    with path.open("w") as handle:
        handle.write("indikator_kinerja,polaritas,alasan\n")
        handle.writelines(f"indikator {i},maksimal,uji\n" for i in range(1_000_000))
    started = time.monotonic()
    with pytest.raises(SourceError, match="lebih dari 20.000 baris"):
        load(2020, data_root, source="document")
    assert time.monotonic() - started < 20


def test_embedded_and_linked_documents_are_listed_as_not_read(tmp_path):
    body = (para("Sebelum") + '<w:altChunk r:id="rId5"/>'
            + '<w:p><w:subDoc r:id="rId6"/><w:r><w:t>Induk</w:t></w:r></w:p>')
    imported = read_docx(write_docx(tmp_path / "t.docx", body))
    assert [(type(b).__name__, b.origin) for b in imported.blocks] == [
        ("Paragraph", "paragraf 1"), ("Picture", "paragraf 2"), ("Picture", "paragraf 2"),
        ("Paragraph", "paragraf 2")]
    assert [b.what for b in imported.blocks if isinstance(b, Picture)] == [
        "dokumen sisipan (altChunk), tidak dibaca", "subdokumen tertaut, tidak dibaca"]


def test_half_a_million_text_objects_leave_their_page_unread(tmp_path):
    busy = b"BT /F1 1 Tf 10 10 Td (x) Tj ET\n" * 500_000
    pages = [text_at(72, 760, "Halaman pertama dibaca."), busy]
    started = time.monotonic()
    imported = read_pdf(write_pdf(tmp_path / "t.pdf", pages))
    assert time.monotonic() - started < 60
    [busy_page] = [b for b in imported.blocks if isinstance(b, Picture)]
    assert busy_page.origin == "halaman 2"


def test_a_content_stream_inflating_to_a_gigabyte_is_refused_in_bounds(tmp_path, capsys):
    import zlib

    from hostile_docs import Deflated

    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(1024)) + packer.flush()
    path = write_pdf(tmp_path / "bom.pdf", [Deflated(stream)])
    assert path.stat().st_size < 2 << 20
    assert "memori" in refused(path, tmp_path / "data", capsys)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "besar.pdf"
    with path.open("wb") as handle:  # sparse: 300 MiB declared, nothing written
        handle.write(b"%PDF-1.4\n")
        handle.truncate(300 << 20)
    assert "256,0 MiB" in refused(path, tmp_path / "data", capsys)


@pytest.mark.parametrize("case", ["types laughs", "missing chart part", "no types"])
def test_parts_the_reader_does_not_need_never_stop_it(tmp_path, case):
    path = tmp_path / "t.docx"
    if case == "missing chart part":
        chart_docx(path, "<x/>")
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "u.docx", "w") as new:
            for item in old.infolist():
                if "chart1" not in item.filename:
                    new.writestr(item, old.read(item))
        path = tmp_path / "u.docx"
    else:
        parts = {"types laughs": {"[Content_Types].xml": _laughs("Types") + "<Types>&a9;</Types>"},
                 "no types": {}}[case]
        write_docx(path, para("Grafik 1. Anggaran"), parts=parts)
        if case == "no types":
            with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "u.docx", "w") as new:
                for item in old.infolist():
                    if item.filename != "[Content_Types].xml":
                        new.writestr(item, old.read(item))
            path = tmp_path / "u.docx"
    blocks = read_docx(path).blocks
    assert blocks[0].text.text == "Grafik 1. Anggaran"
    if case == "missing chart part":
        assert "tidak ada" in blocks[1].what


def test_tables_nested_forty_deep_are_read_as_the_cell_text_and_said(tmp_path):
    body = para("dalam")
    for _ in range(40):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    imported = read_docx(write_docx(tmp_path / "t.docx", body))
    [table] = imported.blocks
    assert [c.text for c in table.rows[0]] == ["dalam"]
    assert imported.notes == ["tabel 1: tabel di dalam sel dibaca sebagai teks sel itu"]


def test_prose_set_at_wide_line_spacing_reads_as_paragraphs(tmp_path):
    """Lines 1,8 × the font size apart are one paragraph; a wider gap, a short last line or a
    list item starts the next (issue 23: every printed line was its own paragraph)."""
    words = "kinerja " * 9
    y, content = 760.0, b""
    for text, after in ((words, 19.8), (words, 19.8), (words, 19.8), ("selesai.", 31.0),
                        ("Paragraf kedua.", 19.8), ("1. Butir pertama.", 19.8),
                        ("2. Butir kedua.", 19.8)):
        content += text_at(72, y, text.strip())
        y -= after
    imported = read_pdf(write_pdf(tmp_path / "t.pdf", [content]))
    assert [b.text.text for b in imported.blocks] == [
        " ".join([words.strip()] * 3 + ["selesai."]), "Paragraf kedua.",
        "1. Butir pertama.", "2. Butir kedua."]


def test_private_use_bullets_are_written_as_the_reader_sees_them():
    """The Symbol font's bullet U+F0B7 was kept as an unreadable character (issue 23)."""
    from lkjip_analysis.impor.model import Imported, Paragraph, Text
    from lkjip_analysis.impor.text import to_text

    imported = Imported([Paragraph(Text("\uf0b7 Peningkatan kapasitas \uf0fc"))])
    assert to_text(imported).text == "• Peningkatan kapasitas ✓\n"


@pytest.mark.parametrize("macro", ["word/vbaProject.bin", "types"])
def test_a_macro_enabled_word_file_renamed_docx_is_refused(tmp_path, word, capsys, macro):
    """A .docm (its VBA project, or only its macro-enabled content type) renamed .docx: what
    a reader of the document cannot see is not imported (issue 35)."""
    path = tmp_path / "makro.docx"
    with zipfile.ZipFile(word) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if macro == "types" and item.filename == "[Content_Types].xml":
                data = data.replace(b"/>", b"><Override PartName=\"/word/document.xml\" "
                                    b"ContentType=\"application/vnd.ms-word.document."
                                    b"macroEnabled.main+xml\"/></Types>")
            target.writestr(item, data)
        if macro != "types":
            target.writestr(macro, b"\xd0\xcf\x11\xe0 VBA")
    root = tmp_path / "data"
    assert "makro" in refused(path, root, capsys)
    assert not (root / "raw" / "2021").exists() or not any((root / "raw" / "2021").iterdir())
