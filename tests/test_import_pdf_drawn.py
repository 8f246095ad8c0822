"""PDFs drawn as real reports draw them (issue 23), built here with reportlab: a table whose
borders are thin filled rectangles (no stroked line) and whose header cells are coloured, as
Word's "Save as PDF" and Nitro write it. pdfplumber's table finder finds such a table; the
import must keep it a table, not take its rules for a column chart."""

from __future__ import annotations

from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")

INDICATORS = 23


def cell_rect_table(canvas, x: float, y: float, widths: list[float], rows: list[list[str]],
                    height: float = 18, rule: float = 0.5) -> None:
    """Each cell's four borders as its own thin filled rectangle (dark grey), the header cells
    filled light blue, the text drawn after."""
    edges = [x]
    for width in widths:
        edges.append(edges[-1] + width)
    for i, _row in enumerate(rows):
        top = y - i * height
        for j, width in enumerate(widths):
            if i == 0:
                canvas.setFillColorRGB(0.8, 0.87, 0.95)
                canvas.rect(edges[j], top - height, width, height, stroke=0, fill=1)
            canvas.setFillColorRGB(0.2, 0.2, 0.2)
            canvas.rect(edges[j], top - rule, width, rule, stroke=0, fill=1)
            canvas.rect(edges[j], top - height, width, rule, stroke=0, fill=1)
            canvas.rect(edges[j], top - height, rule, height, stroke=0, fill=1)
            canvas.rect(edges[j + 1] - rule, top - height, rule, height, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont("Helvetica", 9)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            canvas.drawString(edges[j] + 3, y - (i + 1) * height + 5, text)


def measurement_rows() -> list[list[str]]:
    """The header and 23 indicators: target k + 50,5, realisasi k + 48,25, capaian printed
    from them to two decimals."""
    rows = [["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)"]]
    for k in range(1, INDICATORS + 1):
        target, realised = 50.5 + k, 48.25 + k
        rows.append([str(k), f"Indikator nomor {k}", "Persen", f"{target:.1f}".replace(".", ","),
                     f"{realised:.2f}".replace(".", ","),
                     f"{realised / target * 100:.2f}".replace(".", ",")])
    return rows


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("drawn") / "persegi.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(60, 780, "Tabel 3.2 Pengukuran Kinerja")
    cell_rect_table(page, 50, 770, [25, 190, 50, 55, 60, 70], measurement_rows())
    page.setFont("Helvetica", 10)
    page.drawString(60, 320, "Capaian kinerja di atas dibandingkan dengan target.")
    page.save()
    return path


def test_a_table_of_filled_rectangles_is_one_table(drawn):
    from lkjip_analysis.impor.model import Picture, Table
    from lkjip_analysis.impor.pdf import read_pdf

    imported = read_pdf(drawn)
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and len(tables[0].rows) == INDICATORS + 1
    assert not [b for b in imported.blocks if isinstance(b, Picture)]  # no chart taken


def test_its_rows_are_read_into_the_core_value_by_value(drawn):
    from lkjip_analysis.core import read_core
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text
    from lkjip_analysis.reading.source import Document

    text = to_text(read_pdf(drawn)).text
    core = read_core(Document(Path("persegi.md"), tuple(text.splitlines())))
    rows = measurement_rows()[1:]
    assert core.capaian_kinerja.indikator_kinerja.tolist() == [r[1] for r in rows]
    assert core.capaian_kinerja.target.tolist() == [50.5 + k for k in range(1, 24)]
    assert core.capaian_kinerja.persen_tertulis.tolist() == [r[5] for r in rows]


def test_small_print_keeps_its_lines_and_words_apart(tmp_path):
    """A cell set at 2,3 points, its two lines 2,9 points apart (a cascading table pasted
    small): each line stays whole, its words spaced, not interleaved letter by letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "kecil.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(60, 800, "Lampiran cascading kinerja pegawai.")
    top, height = 780, 12
    for i in range(3):
        for j, x in enumerate((60, 160, 260)):
            page.rect(x, top - (i + 1) * height, 100, height, stroke=1, fill=0)
            page.setFont("Helvetica", 2.3)
            page.drawString(x + 2, top - i * height - 4, f"Terlaksananya Pengawasan {i}{j}")
            page.drawString(x + 2, top - i * height - 6.9, f"Kegiatan Dengan Tujuan {i}{j}")
    page.save()
    text = to_text(read_pdf(path)).text
    for i in range(3):
        for j in range(3):
            assert f"Terlaksananya Pengawasan {i}{j} Kegiatan Dengan Tujuan {i}{j}" in text


def test_text_set_a_quarter_turn_is_read_in_its_own_direction(tmp_path):
    """A side label turned left (read bottom to top), one turned right (top to bottom) and a
    table header cell turned left: each read whole, on its own line or in its cell; the
    lines they cross stay whole ("alwenagsgaanr" came of mixing them, issue 23)."""
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "putar.pdf"
    page = page_of_prose(path)
    draw_turned(page, 90, 640, 90, "Sasaran Strategis 2022")
    draw_turned(page, 480, 720, -90, "Keterangan Tambahan")
    rows = [["", "Indikator", "Target"], ["1", "Indeks kepuasan", "80"],
            ["2", "Nilai SAKIP", "75"]]
    cell_rect_table(page, 60, 560, [40, 200, 60], rows, height=60)
    draw_turned(page, 82, 508, 90, "Nomor Urut", ("Helvetica", 8))
    page.save()
    text = to_text(read_pdf(path)).text
    lines = text.splitlines()
    assert "Sasaran Strategis 2022" in lines and "Keterangan Tambahan" in lines
    assert " ".join(PROSE) in lines  # the paragraph, whole
    assert "Nomor Urut\tIndikator\tTarget" in lines


PROSE = ["Capaian kinerja tahun ini lebih baik dari tahun lalu.",
         "Realisasi anggaran mencapai 93,17 persen dari pagu."]


def page_of_prose(path: Path):
    """An A4 page (reportlab canvas) with two lines of prose (`PROSE`) at its top."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    for i, line in enumerate(PROSE):
        page.drawString(120, 700 - i * 16, line)
    return page


def draw_turned(page, x: float, y: float, angle: float, text: str,
                font: tuple[str, float] | None = None) -> None:
    """`text` drawn from (x, y) turned `angle` degrees counter-clockwise."""
    page.saveState()
    page.translate(x, y)
    page.rotate(angle)
    if font:
        page.setFont(*font)
    page.drawString(0, 0, text)
    page.restoreState()


def test_text_slanted_across_a_paragraph_is_its_own_line(tmp_path):
    """A stamp set at 30° over two lines of prose: read whole along its own baseline, the
    prose it crosses whole too (each of its characters stood on a line of its own, or in the
    prose, before)."""
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "miring.pdf"
    page = page_of_prose(path)
    draw_turned(page, 200, 660, 30, "SALINAN SAH 2022", ("Helvetica-Bold", 14))
    page.save()
    lines = to_text(read_pdf(path)).text.splitlines()
    assert " ".join(PROSE) in lines
    assert any("SALINAN SAH 2022" in line for line in lines)


def test_a_footer_numbered_in_roman_before_chapter_one_is_left_out(tmp_path):
    """Footers stayed on the pages numbered ii–v (issue 23): a running footer is one line
    whatever numbers its pages, digits or roman."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "romawi.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    numbers = ["i", "ii", "iii", "iv", "v", "1", "2", "3"]
    for number, mark in enumerate(numbers, start=1):
        page.setFont("Helvetica", 11)
        page.drawString(72, 700, f"Isi halaman ke-{number} laporan ini.")
        page.setFont("Helvetica", 8)
        page.drawString(72, 30, f"Laporan Kinerja Dinas Uji Tahun 2022 | {mark}")
        page.showPage()
    page.save()
    text = to_text(read_pdf(path)).text
    assert "Dinas Uji" not in text
    assert all(f"Isi halaman ke-{n} laporan ini." in text for n in range(1, 9))


@pytest.mark.parametrize("angle", [90, 45])
def test_a_column_chart_with_turned_data_labels_is_read(tmp_path, angle):
    """A budget chart as Word prints it with its data labels turned up along the bars (a
    quarter turn, or slanted at 45°), in the US grouping (`48,512,300,000`: two commas, so
    never a decimal comma). Before, only level labels were read, and this chart was listed
    as not read (issue 23)."""
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.model import Chart
    from lkjip_analysis.impor.pdf import read_pdf

    values = {"2018": 48_512_300_000, "2019": 51_200_000_000, "2020": 45_000_000_000}
    path = tmp_path / "grafik.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 10)
    page.drawString(72, 760, "Grafik 3.1 Anggaran 2018-2020")
    baseline = 400
    for i, (year, value) in enumerate(values.items()):
        x, height = 100 + 60 * i, value / 1e9 * 3
        page.setFillColorRGB(0.2, 0.4, 0.7)
        page.rect(x, baseline, 30, height, stroke=0, fill=1)
        page.setFillColorRGB(0, 0, 0)
        page.setFont("Helvetica", 9)
        page.drawCentredString(x + 15, baseline - 14, year)
        page.saveState()
        page.translate(x + (18 if angle == 90 else 8), baseline + height + 4)
        page.rotate(angle)
        page.setFont("Helvetica", 8)
        page.drawString(0, 0, f"{value:,}")
        page.restoreState()
    page.setFillColorRGB(0.2, 0.4, 0.7)
    page.rect(100, baseline - 40, 8, 8, stroke=0, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica", 9)
    page.drawString(112, baseline - 40, "Anggaran")
    page.save()
    [chart] = [b for b in read_pdf(path).blocks if isinstance(b, Chart)]
    assert list(chart.categories) == list(values)
    assert chart.series == (("Anggaran", tuple(str(v) for v in values.values())),)


def rect_rows(canvas, y: float, rows: list[tuple[list[float], list[str]]],
              height: float = 18, rule: float = 0.5, font: str = "Helvetica") -> None:
    """Rows of cells bordered by thin filled rectangles, each row with its own column edges
    (a body ruled otherwise than its header, as Nitro writes some tables)."""
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    for i, (edges, _texts) in enumerate(rows):
        top = y - i * height
        for left, right in zip(edges, edges[1:], strict=False):
            canvas.rect(left, top - rule, right - left, rule, stroke=0, fill=1)
            canvas.rect(left, top - height, right - left, rule, stroke=0, fill=1)
            canvas.rect(left, top - height, rule, height, stroke=0, fill=1)
            canvas.rect(right - rule, top - height, rule, height, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, 9)
    for i, (edges, texts) in enumerate(rows):
        for left, text in zip(edges, texts, strict=False):
            canvas.drawString(left + 3, y - (i + 1) * height + 5, text)


def test_a_table_whose_next_page_rules_its_body_wider_than_its_header_is_one_table(tmp_path):
    """Sumut's Tabel 3.4: on its second page the Satuan cells are ruled from 20 points left of
    their header, inside the Indikator column of the first page. The two pages are one table,
    each cell under its header: the Satuan of every row in the Satuan column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.core import read_core
    from lkjip_analysis.impor.model import Table
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text
    from lkjip_analysis.reading.source import Document

    ruled = [50, 75, 265, 315, 370, 430]
    wider = [50, 75, 245, 315, 370, 430]  # Satuan from 245
    header = (ruled, ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi"])
    first = [(ruled, [str(k), f"Indikator nomor {k}", "Persen", f"{50 + k}", f"{48 + k}"])
             for k in range(1, 4)]
    second = [(wider, [str(k), f"Indikator nomor {k}", "Orang", f"{50 + k}", f"{48 + k}"])
              for k in range(4, 7)]
    path = tmp_path / "lebar.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(60, 780, "Tabel 3.4 Pengukuran Kinerja")
    rect_rows(page, 770, [header, *first])
    page.showPage()
    rect_rows(page, 800, [header, *second])
    page.save()

    imported = read_pdf(path)
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    assert [t.origin for t in tables] == ["halaman 1–2"]
    assert len(tables[0].rows) == 1 + 3 + 3  # the header repeated on page 2 written once
    assert [n for n in imported.notes if n.startswith("halaman 1–2")] == [
        "halaman 1–2: tabel berlanjut dengan sel bergaris lain dari judulnya; setiap sel "
        "ditempatkan di kolom tempat sebagian besar kotaknya berada"]
    core = read_core(Document(Path("lebar.md"),
                              tuple(to_text(imported).text.splitlines()))).capaian_kinerja
    assert core.indikator_kinerja.tolist() == [f"Indikator nomor {k}" for k in range(1, 7)]
    assert core.satuan.tolist() == ["Persen"] * 3 + ["Orang"] * 3
    assert core.target.tolist() == [51, 52, 53, 54, 55, 56]
    assert core.realisasi.tolist() == [49, 50, 51, 52, 53, 54]


def test_a_table_goes_on_past_a_footer_numbered_by_chapter(tmp_path):
    """disperindag's footers read `Laporan … 2016 | II - 7` in chapter II and `… 2016| III - 2`
    in chapter III: one running footer, never a paragraph that ends the table it breaks (its
    Tabel 3.1 over pages 32–34 came out as three tables)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.model import Table
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    ruled = [50, 75, 265, 315, 370, 430]
    header = (ruled, ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi"])
    path = tmp_path / "bab.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    chapters = ["I", "II", "III", "IV", "V", "VI"]  # two pages each: no one footer on most
    for number in range(12):
        chapter, spaced = chapters[number // 2], " " if number % 4 < 2 else ""
        page.setFont("Helvetica", 8)
        page.drawString(72, 30, f"Laporan Kinerja Instansi Pemerintah Tahun 2016{spaced}| "
                                f"{chapter} - {number % 2 + 1}")
        if number in (4, 5):
            rows = [(ruled, [str(k), f"Indikator nomor {k}", "Persen", f"{50 + k}",
                             f"{48 + k}"]) for k in range(3 * number, 3 * number + 3)]
            rect_rows(page, 800, [header, *rows])
        else:
            page.setFont("Helvetica", 11)
            page.drawString(72, 780, f"Isi halaman ke-{number + 1}.")
        page.showPage()
    page.save()

    imported = read_pdf(path)
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    assert [t.origin for t in tables] == ["halaman 5–6"]
    assert len(tables[0].rows) == 1 + 3 + 3
    assert "Laporan Kinerja" not in to_text(imported).text


def test_a_header_repeated_with_its_lines_split_otherwise_is_dropped(tmp_path):
    """disperindag's Tabel 3.3: page 37 repeats the header of page 36, but prints `Tahun` and
    `2015` on two ruled rows where page 36 has one cell `Tahun 2015`: one table, its header
    once."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.model import Table
    from lkjip_analysis.impor.pdf import read_pdf

    ruled = [50, 75, 265, 315, 370, 430]
    path = tmp_path / "ulang.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    rect_rows(page, 800, [(ruled, ["No", "Indikator Kinerja", "Satuan", "Tahun 2015",
                                   "Tahun 2016"])], font="Helvetica-Bold")
    body = [(ruled, [str(k), f"Indikator nomor {k}", "Persen", f"{50 + k}", f"{48 + k}"])
            for k in range(1, 4)]
    rect_rows(page, 782, body)
    page.showPage()
    rect_rows(page, 800, [(ruled, ["No", "Indikator Kinerja", "Satuan", "Tahun", "Tahun"]),
                          (ruled, ["", "", "", "2015", "2016"])], font="Helvetica-Bold")
    rect_rows(page, 764, [(ruled, [str(k), f"Indikator nomor {k}", "Persen", f"{50 + k}",
                                   f"{48 + k}"]) for k in range(4, 7)])
    page.save()

    imported = read_pdf(path)
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    assert [t.origin for t in tables] == ["halaman 1–2"]
    assert [row[0].text for row in tables[0].rows] == ["No", "1", "2", "3", "4", "5", "6"]


def test_a_shape_filled_with_a_pattern_is_drawn_not_read_as_a_colour(tmp_path):
    """Four real Jawa Barat reports fill a shape with a pattern (`/Pattern cs /P9 scn`), whose
    colour pdfplumber gives by its name: the import stopped (`could not convert string to
    float: 'P9'`). The page's table and text are read, and the review names the shape."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "pola.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.saveState()
    page._code.append("/Pattern cs /P9 scn 60 700 300 80 re f")  # the producer's own operators
    page.restoreState()
    page.setFont("Helvetica", 11)
    page.drawString(60, 660, "Sampul laporan kinerja di atas bentuk berpola.")
    cell_rect_table(page, 60, 620, [40, 200, 80], [["No", "Indikator", "Target"],
                                                    ["1", "Indeks kepuasan", "82,5"]])
    page.save()
    imported = read_pdf(path)
    text = to_text(imported).text
    assert "Sampul laporan kinerja di atas bentuk berpola." in text
    assert "1\tIndeks kepuasan\t82,5" in text
    assert any("page 1: 1 shapes filled with a pattern" in note or "halaman 1: 1 bentuk" in note
               for note in imported.notes), imported.notes


def test_a_page_whose_layout_fails_still_gives_its_text(tmp_path, monkeypatch):
    """An object the reader does not understand (here: the table finder made to fail) never
    loses the page: its text is written as plain lines and the review says so."""
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor import pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "gagal.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 11)
    page.drawString(60, 700, "Baris pertama halaman ini.")
    page.drawString(60, 680, "Target 2016 sebesar 85,50 persen.")
    page.save()

    def fails(page, number):
        raise ValueError("an object of an unknown kind")

    monkeypatch.setattr(pdf, "page_items", fails)
    imported = pdf.read_pdf(path)
    text = to_text(imported).text
    assert "Baris pertama halaman ini." in text and "Target 2016 sebesar 85,50 persen." in text
    assert any("an object of an unknown kind" in note for note in imported.notes)


def stacked_page(path: Path, stacked: bool = True) -> None:
    """One measurement table whose second row stacks three commodities, one per line, beside
    their targets and realisations stacked the same way (Padi / Palawija / Sayuran: 32 /
    29,40 / 29); its sasaran and its own capaian printed once for the three. With `stacked`
    off, the same row carries one indicator whose name wraps over two lines."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 9)
    xs = [40, 60, 170, 350, 400, 460, 520]
    header = ["No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian"]
    top = 760
    for j, text in enumerate(header):
        page.drawString(xs[j] + 3, top - 12, text)
    body = [(top - 18, top - 70)]
    for upper, lower in [(top, top - 18), *body]:
        for j in range(len(header)):
            page.rect(xs[j], lower, xs[j + 1] - xs[j], upper - lower, stroke=1, fill=0)
    page.drawString(xs[0] + 3, top - 30, "1.")
    page.drawString(xs[1] + 3, top - 30, "Meningkatnya produksi")
    page.drawString(xs[5] + 3, top - 30, "97,50")
    lines = [("Margin Padi", "32", "31"), ("Margin Palawija", "29,40", "29,10"),
             ("Margin Sayuran", "29", "30")] if stacked else [
        ("Persentase kabupaten/kota yang telah", "", ""), ("membentuk POKJA PUG", "", "")]
    for i, (name, target, real) in enumerate(lines):
        y = top - 30 - 12 * i
        page.drawString(xs[2] + 3, y, name)
        page.drawString(xs[3] + 3, y, target)
        page.drawString(xs[4] + 3, y, real)
    if not stacked:
        page.drawString(xs[3] + 3, top - 30, "75")
        page.drawString(xs[4] + 3, top - 30, "80")
    page.save()


def test_stacked_cells_are_one_row_per_line_and_never_one_glued_number(tmp_path):
    """A cell that stacks items one per line beside values stacked the same way is one row per
    line, under a row of what was printed once for them; `32` + `29,40` is never `3229,4029`
    (issue 33). The review says how many rows were split."""
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "bertumpuk.pdf"
    stacked_page(path)
    imported = read_pdf(path)
    text = to_text(imported).text
    assert "1.\tMeningkatnya produksi\t\t\t\t97,50" in text
    assert "\t\tMargin Padi\t32\t31\t" in text
    assert "\t\tMargin Palawija\t29,40\t29,10\t" in text
    assert "\t\tMargin Sayuran\t29\t30\t" in text
    assert "3229" not in text and "32 29,40" not in text
    assert any("1 rows stack one item per line" in n or "1 baris" in n for n in imported.notes)


def test_a_name_wrapped_beside_one_value_stays_one_row(tmp_path):
    """An indicator wrapped over two lines, its values on the first: one row, the name whole."""
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "terbungkus.pdf"
    stacked_page(path, stacked=False)
    text = to_text(read_pdf(path)).text
    assert ("1.\tMeningkatnya produksi\tPersentase kabupaten/kota yang telah membentuk POKJA "
            "PUG\t75\t80\t97,50") in text


def test_numbers_stacked_right_aligned_are_never_glued(tmp_path):
    """Values aligned to the right of their cell (as Word prints amounts) with no names beside
    them: the cell's room is measured from the side its lines are aligned to, so `32` over
    `29,40` is never taken for a wrapped amount (`3229,4029`)."""
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "kanan.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 9)
    xs = [60, 200, 250, 300]
    for upper, lower in [(760, 742), (742, 700)]:
        for j in range(3):
            page.rect(xs[j], lower, xs[j + 1] - xs[j], upper - lower, stroke=1, fill=0)
    for j, text in enumerate(["Komoditas", "Target", "Realisasi"]):
        page.drawString(xs[j] + 3, 748, text)
    page.drawString(xs[0] + 3, 730, "Margin padi, palawija, sayuran")
    for i, (target, real) in enumerate([("32", "31"), ("29,40", "29,10"), ("29", "30")]):
        page.drawRightString(xs[2] - 3, 730 - 12 * i, target)
        page.drawRightString(xs[3] - 3, 730 - 12 * i, real)
    page.save()
    text = to_text(read_pdf(path)).text
    assert "Margin padi, palawija, sayuran\t32 29,40 29\t31 29,10 30" in text


def test_text_over_stripes_that_are_no_chart_is_read(tmp_path):
    """A cover drawn with coloured stripes standing on one line (Word's page borders, a
    template's bands) looks like a column chart to the chart finder; it is not read as one, so
    the title printed over it stays the page's text: `LAPORAN KINERJA` was written `RAN
    KINERJA` (dpmdesa_jabar_2016, issue 33)."""
    from reportlab.pdfgen import canvas

    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text

    path = tmp_path / "sampul.pdf"
    page = canvas.Canvas(str(path))
    for i, shade in enumerate((0.2, 0.4, 0.6)):
        page.setFillColorRGB(shade, 0.3, 0.8)
        page.rect(20 + 25 * i, 100, 20, 600, stroke=0, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica-Bold", 20)
    page.drawString(40, 600, "LAPORAN KINERJA INSTANSI PEMERINTAH")
    page.drawString(40, 570, "TAHUN 2016")
    page.save()
    imported = read_pdf(path)
    text = to_text(imported).text
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in text and "TAHUN 2016" in text
