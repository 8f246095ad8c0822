"""The SAKIP core of any agency (issue 24), on two real published reports compared value by
value with their hand transcription (`../shared/realdocs/`), and on small documents written
here for each real shape. The transcription's printed numbers are read by a second route (the
report's own conventions, written out below), never by the code under test."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from helpers import REALDOCS, imported_reports, transcription

from lkjip_analysis.core import read_core
from lkjip_analysis.number_forms import read_number
from lkjip_analysis.reading.source import CAPTION, Document, caption_label


def printed(text: str, amounts: str = "id") -> float | None:
    """A printed number as the report means it: Indonesian (dots group, comma decimals) or,
    for Sumut's amounts, US (commas group, point decimals); a point before one or two digits
    is a decimal point in either. None for text."""
    body = text.strip().removesuffix("%").replace("Rp.", "").strip()
    if not re.fullmatch(r"-?[\d.,]+", body):
        return None
    if amounts == "us":
        return float(body.replace(",", ""))
    if "," in body:
        return float(body.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", body):
        return float(body.replace(".", ""))
    return float(body)


def key(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


REPORTS = ("inspektorat_jombang_2022", "pemprov_sumut_2021")


@pytest.fixture(scope="module")
def imported():
    """Each real report read as `lkjip import` reads it."""
    return imported_reports(REPORTS)


@pytest.fixture(scope="module")
def cores(imported):
    """Each real report's text as `lkjip import` writes it, and its core read."""
    from lkjip_analysis.impor.text import to_text

    return {report: read_core(Document(Path(f"{report}.md"),
                                       tuple(to_text(imported[report]).text.splitlines())))
            for report in REPORTS}


def test_tables_over_several_pages_come_out_whole(imported):
    """The captions' transcription names the pages of each table; a table printed over pages P
    to Q is one table of the import (`halaman P–Q`). 10 of 19 before columns laid out again on
    the next page were matched by position; 14 before a box drawn on a table (Jombang's
    "Rata-rata capaian" on Tabel 3.8) stopped ending it; 16 before cells ruled wider than
    their header on the next page (Sumut's Tabel 3.4) were placed by their boxes."""
    from lkjip_analysis.impor.model import Table

    whole = spanning = 0
    for report in REPORTS:
        tables = {b.origin: b for b in imported[report].blocks if isinstance(b, Table)}
        for caption in transcription(report, "captions"):
            if caption["form"] == "text_table" and caption["page"] != caption["page_end"]:
                spanning += 1
                table = tables.get(f"halaman {caption['page']}–{caption['page_end']}")
                whole += table is not None
                said = [tuple(t.text for t in row if t.text) for row in table.rows]
                page_tops = [i for i in range(1, len(said))
                             if table.row_origins[i] != table.row_origins[i - 1]]
                # the header a page repeats is written once
                assert all(said[i] != said[0] for i in page_tops), (report, table.origin)
    assert spanning == 19 and whole == 19


def captioned_tables(imported) -> dict[str, object]:
    """Each table of an import under the label of its caption, in the order the text is
    written (a caption printed below its table stands above it there)."""
    from lkjip_analysis.impor.model import Paragraph, Table
    from lkjip_analysis.impor.text import captions_above

    found, label = {}, None
    for block in captions_above(imported.blocks):
        if isinstance(block, Paragraph) and CAPTION.match(block.text.text):
            label = caption_label(CAPTION.match(block.text.text).group(1))
        elif isinstance(block, Table) and label:  # a caption's title may run on a line
            found.setdefault(label, block)
            label = None
    return found


def test_a_one_page_table_stays_on_its_page_and_a_caption_below_names_its_table(imported):
    """Every captioned table the transcription puts on one page is one page of the import:
    Jombang's Tabel 2.1 (p20) took the next page's programme table, which has a header of its
    own. Tabel 2.3's caption is printed below its table (p16): it names that table."""
    for report in REPORTS:
        tables = captioned_tables(imported[report])
        for caption in transcription(report, "captions"):
            if caption["form"] != "text_table" or not caption["label"]:
                continue
            table = tables.get(caption["label"].rstrip("."))
            assert table is not None, (report, caption["label"])
            if caption["page"] == caption["page_end"]:
                assert table.origin == f"halaman {caption['page']}", (report, caption["label"])
    below = captioned_tables(imported["inspektorat_jombang_2022"])["Tabel 2.3"]
    assert below.origin == "halaman 16" and len(below.rows) == 6


def same_number(ours: float, theirs: float | None) -> bool:
    """Ours is the printed number, or empty: never another number."""
    return math.isnan(ours) or (theirs is not None and math.isclose(ours, theirs, rel_tol=1e-12))


def test_captions_keep_their_whole_label():
    cases = {"Tabel 3.2 Capaian Kinerja": ("Tabel 3.2", "Capaian Kinerja"),
             "Tabel 3.2.": ("Tabel 3.2", ""), "Tabel. 3.10 Aset": ("Tabel 3.10", "Aset"),
             "Tabel 3 1 Indikator": ("Tabel 3.1", "Indikator"),
             "Tabel 14. Realisasi Anggaran APBD": ("Tabel 14", "Realisasi Anggaran APBD"),
             "<b>Tabel 2.1 Perjanjian Kinerja</b>": ("Tabel 2.1", "Perjanjian Kinerja</b>")}
    for text, (label, title) in cases.items():
        match = CAPTION.match(text)
        assert (caption_label(match.group(1)), match.group(2)) == (label, title)
    for prose in ("Tabel 3.2 di atas menunjukkan", "Tabel diatas menunjukan"):
        assert CAPTION.match(prose) is None


@pytest.mark.parametrize("text, value", [
    ("94,3", 94.3), ("100,10", 100.1), ("0,315", 0.315), ("Rp. 630.395.770", 630395770.0),
    ("13,220,194,044,025.30", 13220194044025.3), ("76.30", 76.3), ("94,24%", 94.24),
    ("Level 3 (3,35)", None), ("WTP", None), ("17,833,004,534,00", None), ("370.000", None),
    ("130.969.800 1.007.127.715", None), ("-", None),
])
def test_a_number_only_where_its_form_is_certain(text, value):
    assert read_number(text).value == value


def test_one_group_of_three_follows_its_column():
    assert read_number("370.000", "id").value == 370000.0
    assert read_number("1,500", "en").value == 1500.0


def test_jombang_performance_agreement(cores):
    core = cores["inspektorat_jombang_2022"].perjanjian_kinerja
    expected = transcription("inspektorat_jombang_2022", "pk")
    assert [(r.tabel, r.sasaran_strategis, r.indikator_kinerja, r.target_tertulis)
            for r in core.itertuples()] == [
        (e["tabel"], e["sasaran"], e["indikator"], e["target"]) for e in expected]
    assert core.target.isna().all()  # `Level 3 (3,35)`, `A (83)`: text, kept as written


def test_jombang_measurement_of_performance(cores):
    core = cores["inspektorat_jombang_2022"].capaian_kinerja
    expected = transcription("inspektorat_jombang_2022", "capaian")
    assert [(r.tabel, r.sasaran_strategis, r.indikator_kinerja, r.target_tertulis,
             r.realisasi_tertulis, r.persen_tertulis) for r in core.itertuples()] == [
        (e["tabel"], e["sasaran"], e["indikator"], e["target"], e["realisasi"], e["capaian"])
        for e in expected]
    assert list(core.persen) == [printed(e["capaian"]) for e in expected]


def test_jombang_budget_realisation_never_a_wrong_number(cores):
    core = cores["inspektorat_jombang_2022"]
    expected = [e for e in transcription("inspektorat_jombang_2022", "anggaran")
                if e["tingkat"] != "total"]
    ours = {key(r.uraian): r for r in core.realisasi_anggaran.itertuples()}
    matched = 0
    for row in expected:
        found = ours[key(row["uraian"])]
        matched += 1
        assert found.tingkat == row["tingkat"]
        for column in ("anggaran", "realisasi", "persen"):
            assert same_number(getattr(found, column), printed(row[column]))
    assert matched == len(expected) == len(core.realisasi_anggaran)
    exact = core.realisasi_anggaran.dropna(subset=["anggaran", "realisasi", "persen"])
    assert len(exact) == 15  # every line but the unit heading
    # `700.000` is one group of three: read so because its column groups by dots
    assert ours[key("Administrasi Barang Milik Daerah pada Perangkat Daerah")].anggaran == 700_000
    [total] = core.realisasi_anggaran_total.itertuples()
    assert (total.uraian, total.anggaran, total.realisasi, total.persen) == (
        "JUMLAH", 13_353_153_913, 12_441_701_788, 93.17)


def test_sumut_performance_agreement_every_row_and_value(cores):
    core = cores["pemprov_sumut_2021"].perjanjian_kinerja
    expected = transcription("pemprov_sumut_2021", "pk")
    assert len(core) == len(expected) == 23
    for ours, theirs in zip(core.itertuples(), expected, strict=True):
        assert (ours.tabel, ours.sasaran_strategis, ours.indikator_kinerja, ours.satuan,
                ours.target_tertulis) == (theirs["tabel"].rstrip("."), theirs["sasaran"],
                                          theirs["indikator"], theirs["satuan"],
                                          theirs["target"])
        assert same_number(ours.target, printed(theirs["target"]))
    assert core.target.notna().sum() == 21  # WTP and BB are not numbers
    assert core.target.iloc[-1] == 370_000  # `370.000` in a column that writes `94,3`


def test_sumut_measurement_tables_never_a_wrong_number(cores):
    core = cores["pemprov_sumut_2021"].capaian_kinerja
    for label in ("Tabel 3.2", "Tabel 3.4"):
        expected = [e for e in transcription("pemprov_sumut_2021", "capaian")
                    if e["tabel"].rstrip(".") == label]
        ours = core[core.tabel == label]
        assert len(ours) == len(expected) == 23
        for mine, theirs in zip(ours.itertuples(), expected, strict=True):
            assert key(mine.indikator_kinerja) == key(theirs["indikator"])
            # a row the import shifted against its header is kept with its values unread
            assert mine.target_tertulis in (theirs["target"], "")
            assert same_number(mine.target, printed(theirs["target"]))
            assert same_number(mine.realisasi, printed(theirs["realisasi"]))
            assert same_number(mine.persen, printed(theirs["capaian"]))
    read = core[core.tabel.isin(["Tabel 3.2", "Tabel 3.4"])]
    # every printed number read (35 of the 46 targets and realisations before Tabel 3.4 was
    # joined by its cells' boxes); not numbers: WTP, BB and blank realisations of Opini BPK
    # and SAKIP, and the Resiko Bencana capaian (`Tinggi`, `-`)
    assert (read.target.notna().sum(), read.realisasi.notna().sum(),
            read.persen.notna().sum()) == (42, 42, 40)


def test_sumut_budget_per_unit_in_us_format(cores):
    core = cores["pemprov_sumut_2021"]
    expected = [e for e in transcription("pemprov_sumut_2021", "anggaran") if e["tingkat"] == "opd"]
    units = core.realisasi_anggaran[core.realisasi_anggaran.tingkat == "perangkat_daerah"]
    assert [key(u) for u in units.uraian] == [key(e["uraian"]) for e in expected]
    for ours, theirs in zip(units.itertuples(), expected, strict=True):
        assert ours.anggaran == printed(theirs["anggaran"], "us")
        assert ours.realisasi == printed(theirs["realisasi"], "us")
        assert ours.persen == printed(theirs["persen"])
    [total] = core.realisasi_anggaran_total.itertuples()
    assert (total.anggaran, total.realisasi, total.persen) == (
        13_953_318_293_830.0, 13_220_194_044_025.3, 94.75)


def test_sumut_financing_table_is_read_line_by_line(cores):
    """p82: the uncaptioned financing table (PEMBIAYAAN DAERAH | TARGET | REALISASI |
    PERSEN), its target the planned amount; its lines net each other, so none is a total."""
    expected = [e for e in transcription("pemprov_sumut_2021", "anggaran")
                if e["halaman"] == "82"]
    budget = cores["pemprov_sumut_2021"].realisasi_anggaran
    ours = budget[budget.tingkat == "pembiayaan"]
    assert [key(u) for u in ours.uraian] == [key(e["uraian"]) for e in expected]
    for mine, theirs in zip(ours.itertuples(), expected, strict=True):
        assert mine.anggaran == printed(theirs["anggaran"], "us")
        assert mine.realisasi == printed(theirs["realisasi"], "us")
        assert mine.persen == printed(theirs["persen"], "us")


# --- real shapes, on documents written here ---------------------------------------------------

def document(*lines: str) -> Document:
    return Document(Path("uji.md"), lines)


def test_group_rows_and_a_sasaran_written_once_are_carried_down():
    core = read_core(document(
        "Tabel 3.1 Capaian Kinerja", "",
        "No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian",
        "I\tMisi 1 : Sejahtera\t\t\t\t",
        "1\tIndeks Gini\tPoin\t0,315\t0,313\t99,37%",
        "\tSasaran Strategis 2 : Bersih\t\t\t\t",
        "2\tOpini BPK\tOpini\tWTP\tWTP\t100%")).capaian_kinerja
    assert list(core.misi) == ["Misi 1 : Sejahtera", "Misi 1 : Sejahtera"]
    assert list(core.sasaran_strategis) == ["", "Sasaran Strategis 2 : Bersih"]
    assert list(core.target) == pytest.approx([0.315, math.nan], nan_ok=True)
    assert list(core.target_tertulis) == ["0,315", "WTP"]


def test_a_group_row_written_left_of_the_numbers_is_a_group_not_a_shifted_row():
    """Sumut's p68 table writes its `Sasaran Strategis` rows from a column left of `No.`, one
    with no header: they are group rows, carried down, and no note says a row was shifted."""
    core = read_core(document(
        "Tabel 3.9 Perbandingan", "",
        "\tNo\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian",
        "Sasaran Strategis 1 : Kerukunan\t\t\t\t\t\t",
        "\t1\tIndeks kerukunan\tPoin\t83\t77,4\t93,25%",
        "\t2\tIndeks gini\tPoin\t0,315\t0,313\t99,37%"))
    assert list(core.capaian_kinerja.sasaran_strategis) == ["Sasaran Strategis 1 : Kerukunan"] * 2
    assert list(core.capaian_kinerja.realisasi) == [77.4, 0.313]
    assert core.notes == []


def test_a_header_one_column_off_its_data_moves_every_column_with_it():
    """dpmdesa's PK: each header cell stands one column right of its data, and `No` is
    printed only on a sasaran's first row; every indicator keeps its target, and no row is
    said to be shifted."""
    core = read_core(document(
        "PERJANJIAN KINERJA TAHUN 2016", "",
        "\tNO\t\tSASARAN STRATEGIS\t\tINDIKATOR KINERJA\t\tTARGET\t",
        "\t1\t\t2\t\t3\t\t4\t",
        "1.\t\tMeningkatnya Kapasitas\t\t1. Persentase Desa aktif\t\t45 %\t\t",
        "\t\t\t\t2. Persentase Desa Gotong Royong\t\t47,08%\t\t",
        "2.\t\tMeningkatnya Aksesibilitas\t\t1. Persentase Desa BUMDes\t\t40%\t\t"))
    pk = core.perjanjian_kinerja
    assert list(pk.indikator_kinerja) == ["Persentase Desa aktif", "Persentase Desa Gotong Royong",
                                          "Persentase Desa BUMDes"]
    assert list(pk.sasaran_strategis) == ["Meningkatnya Kapasitas"] * 2 + [
        "Meningkatnya Aksesibilitas"]
    assert list(pk.target) == [45, 47.08, 40]
    assert not [n for n in core.notes if "bergeser" in str(n) or "outside" in str(n)]


def test_a_row_of_numbered_items_under_a_header_is_data_not_more_header():
    """Jombang's Tabel 3.7 lists `1. Adanya komitmen …` under `Faktor Pendorong`: no column
    is named by it (and so no two columns said to mean the same)."""
    core = read_core(document(
        "Tabel 3.7 Faktor Pendorong", "",
        "Faktor Pendorong\tFaktor Penghambat\tTindak Lanjut",
        "1. Adanya komitmen kegiatan\t1. Kurangnya anggaran kegiatan\t1. Melakukan uraian"))
    assert core.notes == []


def test_a_header_name_printed_above_the_others_names_its_own_column_only():
    """disperindag's Tabel 3.7 on page 46: `Indikator Kinerja` / `Utama (IKU)` is one header
    cell printed on the lines above and below the others, right after the table of page 45
    laid out otherwise. It names its own column (not `Nama Program` beside it), and belongs to
    the table it heads: every program's amounts are read."""
    core = read_core(document(
        "Tabel 3.7 Program dan kegiatan", "",
        "<b>Sasaran</b>\t<b>Nama Program / Kegiatan</b>\t<b>Anggaran</b>\t<b>Realisasi</b>\t"
        "<b>Capaian</b>",
        "\tProgram Pengembangan Industri\t4,775,000,000.00\t3,878,831,648.00\t81.23",
        "\t<b>Indikator Kinerja</b>\t\t\t\t",
        "<b>Sasaran</b>\t\t<b>Nama Program / Kegiatan</b>\t<b>Anggaran</b>\t<b>Realisasi</b>"
        "\t<b>Capaian</b>",
        "\t<b>Utama (IKU)</b>\t\t\t\t",
        "3) Tersedianya tenaga kerja\t4) Peningkatan jumlah\tProgram Pengembangan Kewirausahaan"
        "\t15,827,000,000.00\t13,655,835,085.00\t86.28",
        "\t5) Peningkatan ekspor\tProgram Penataan Struktur\t225,000,000.00\t187,358,500.00"
        "\t83.27"))
    budget = core.realisasi_anggaran
    programs = budget[budget.uraian.str.startswith("Program")]
    assert programs[["uraian", "anggaran", "realisasi", "persen"]].values.tolist() == [
        ["Program Pengembangan Industri", 4_775_000_000, 3_878_831_648, 81.23],
        ["Program Pengembangan Kewirausahaan", 15_827_000_000, 13_655_835_085, 86.28],
        ["Program Penataan Struktur", 225_000_000, 187_358_500, 83.27]]


def test_two_columns_of_one_meaning_and_the_same_qualifiers_are_not_read_and_said():
    core = read_core(document(
        "Tabel 3.4 Pengukuran", "",
        "No\tIndikator Kinerja\tTarget\tRealisasi\tRealisasi",
        "1\tMaturitas SPIP\t3\t3,1\t3,3"), year=2022)
    assert core.capaian_kinerja.empty
    assert [str(note) for note in core.notes] == [
        "Tabel 3.4 (baris 1): tidak dibaca: 'Realisasi' dan 'Realisasi' sama-sama bermakna "
        "realisasi, dengan keterangan yang sama; sebutkan yang dibaca di tabel.yaml"]


def test_the_year_beside_earlier_years_is_a_comparison_not_the_core():
    """Jombang's Tabel 3.4 puts the year's realisation beside 2021 and 2020: a comparison of
    Bab III, said, never a table refused for two `realisasi` columns."""
    text = ("Tabel 3.4 Perbandingan", "",
            "No\tIndikator Kinerja\tTarget\tRealisasi\t\t",
            "\t\t\t2022\t2021\t2020",
            "1\tMaturitas SPIP\t3\t3,1\t3,3\t3,0")
    core = read_core(document(*text), year=2022)
    assert core.capaian_kinerja.empty
    assert [str(note) for note in core.notes] == [
        "Tabel 3.4 (baris 1): tidak dibaca ke inti: tabel perbandingan Bab III (tahun laporan "
        "di samping Realisasi > 2021, Realisasi > 2020)"]


def test_the_years_own_column_is_the_core_whatever_the_other_columns_say():
    """`Realisasi > 2016` beside `Target Akhir Renstra` and `Rata-rata Capaian`: the plan's end
    and an aggregate are qualifiers, not a second realisation."""
    core = read_core(document(
        "Tabel 3.2 Pengukuran", "",
        "No\tIndikator Kinerja\tTarget 2016\tRealisasi 2016\tCapaian thd Target (%)\t"
        "Rata-rata Capaian",
        "1\tIndeks kepuasan\t80\t84\t105\t101,2"), year=2016)
    assert core.capaian_kinerja[["target", "realisasi", "persen"]].values.tolist() == [
        [80.0, 84.0, 105.0]]


def test_a_report_without_a_performance_agreement_says_so():
    core = read_core(document(
        "Tabel 3.2 Capaian", "",
        "No\tIndikator\tTarget\tRealisasi\t%",
        "1\tIKM\t80\t82\t102,5"))
    assert core.absent == ["perjanjian_kinerja", "realisasi_anggaran"]
    assert list(core.capaian_kinerja.persen) == [102.5]


# --- the audit of the core --------------------------------------------------------------------

@pytest.fixture(scope="module")
def audits(cores):
    from lkjip_analysis.core.audit import audit_core

    return {report: audit_core(core) for report, core in cores.items()}


def test_jombang_audit_finds_what_the_readme_lists_and_nothing_else(audits):
    """README: Tabel 3.2's Nilai Evaluasi AKIP PD, 82,92 / 83 = 99,90 % printed 98,30 % (the
    realisasi Tabel 3.3 prints, 81,59, gives it); Tabel 3.13's programme percentages (87,2;
    70,16; 84,01) match neither their rows; every sum in the table is right.
    11.534.782.463 / 12.281.319.513 = 93,92 %, 524.058.289 / 630.395.770 = 83,13 %,
    382.861.036 / 441.438.630 = 86,73 %."""
    findings = audits["inspektorat_jombang_2022"]
    wrong = findings[findings.status == "tidak_cocok"]
    assert [(w.tabel, w.dilaporkan, round(w.dihitung, 2)) for w in wrong.itertuples()] == [
        ("Tabel 3.2", 98.3, 99.9), ("Tabel 3.3", 81.59, 82.92), ("Tabel 3.13", 87.2, 93.92),
        ("Tabel 3.13", 70.16, 83.13), ("Tabel 3.13", 84.01, 86.73)]
    sums = findings[findings.uraian.str.contains("jumlah")]
    assert len(sums) == 8 and (sums.status == "cocok").all()  # 3 programmes × 2 + JUMLAH × 2
    # the PK writes `A (83)` where the measurement prints `Nilai A (83)`: the same number;
    # Maturitas SPIP `Level 3 (3,35)` in both
    pk = findings[findings.uraian.str.contains("perjanjian kinerja")]
    assert len(pk) == 4 and (pk.status == "cocok").all()  # `Level 3` states no number


def test_sumut_audit_finds_the_total_cents_apart_and_every_percentage_right(audits):
    findings = audits["pemprov_sumut_2021"]
    budget = findings[findings.uraian.str.startswith("%")]
    # 49 OPD and JUMLAH; the five financing lines with a target (SILPA's is 0,00)
    assert len(budget) == 55 and (budget.status == "cocok").all()
    [total] = findings[findings.uraian == "Realisasi JUMLAH = jumlah baris perangkat_daerah"] \
        .itertuples()
    assert total.status == "tidak_cocok"
    assert total.dihitung - total.dilaporkan == pytest.approx(0.02, abs=1e-3)


@pytest.mark.parametrize("indicator, target, realisasi, persen, status, note", [
    ("Indeks Kepuasan Masyarakat", "80", "82", "102,5", "cocok", ""),
    ("Indeks Gini", "0,315", "0,313", "99,37", "tidak_cocok", "makin rendah makin baik"),
    ("Tingkat pengangguran terbuka", "5,4", "6,33", "85,31", "cocok", ""),
    ("Inflasi", "2,85", "1,71", "225", "tidak_cocok", "rumus mana pun"),
    ("Indeks Tata Ruang", "10", "9", "110", "cocok", "polaritasnya tidak disebut"),
    ("Persentase kemiskinan", "8,04", "8,49", "94,40", "cocok", ""),  # (2 − r/t) × 100
    ("IPM", "72,22", "72", "99,69", "cocok", ""),  # 99,695… cut to two decimals
])
def test_capaian_is_checked_with_the_indicators_polarity(indicator, target, realisasi, persen,
                                                          status, note):
    from lkjip_analysis.core.audit import audit_core

    core = read_core(document("Tabel 3.2 Capaian", "",
                              "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)",
                              f"1\t{indicator}\t{target}\t{realisasi}\t{persen}"))
    [finding] = audit_core(core).itertuples()
    assert finding.status == status
    assert note in finding.catatan


def test_the_core_of_a_real_report_is_written_with_its_audit(tmp_path, capsys):
    """`lkjip import` then `lkjip inti` on Jombang's published PDF: the core datasets and the
    audit's five findings (README of realdocs), nothing else asked of the user."""
    import pandas as pd

    from lkjip_analysis.cli import main

    source = REALDOCS / "inspektorat_jombang_2022.pdf"
    if not source.exists():
        pytest.skip(f"{source} is not here")
    data = tmp_path / "data"
    assert main(["-q", "import", str(source), "--year", "2022", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert main(["-q", "inti", "--year", "2022", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "perjanjian_kinerja: 3 baris (Tabel 2.1)" in out
    assert "capaian_kinerja: 6 baris (Tabel 3.2, Tabel 3.3)" in out
    # and the rest of Bab III: two progress figures (Tabel 3.5) and three efficiencies (3.9)
    assert "audit: 44 pemeriksaan, 39 cocok, 5 tidak cocok" in out
    folder = data / "processed" / "inti" / "2022"
    findings = pd.read_csv(folder / "temuan_inti.csv")
    assert (findings.status == "tidak_cocok").sum() == 5
    budget = pd.read_csv(folder / "realisasi_anggaran.csv")
    assert budget.anggaran.dropna().astype("int64").sum() == 13_353_153_913 * 2  # rows + programmes


def test_tables_and_charts_printed_as_pictures_are_listed_by_caption(imported):
    """Sumut prints six captioned tables and three charts as pictures (realdocs README): the
    review names each by its caption; contents lines are no charts left unread."""
    from lkjip_analysis.impor.model import Picture

    said = [b.what for b in imported["pemprov_sumut_2021"].blocks if isinstance(b, Picture)]
    named = {re.match(r"(Tabel|Grafik) (\d+\.\d+)", what).group(0) for what in said
             if what.endswith("gambar, tidak dibaca") and re.match(r"(Tabel|Grafik) \d", what)}
    assert named == {"Tabel 1.1", "Tabel 3.5", "Tabel 3.6", "Tabel 3.11", "Tabel 3.12",
                     "Tabel 3.17", "Grafik 3.1", "Grafik 3.2", "Grafik 3.3"}
    assert not [what for what in said if "....." in what]


@pytest.mark.parametrize("header, meaning", [
    ("Pagu Anggaran (Rp)", "anggaran"), ("Sisa Anggaran", None), ("Selisih (Rp)", None),
    ("Realisasi > %", "capaian"), ("Capaian Kinerja (%)", "capaian"),
    ("Target Akhir Renstra", "target"), ("Indikator Kinerja Utama", "indikator"),
    ("Capaian thd Target (%)", "capaian"), ("Nomor Indikator", "no"),
])
def test_a_column_means_what_its_header_words_say(header, meaning):
    from lkjip_analysis.core.meaning import meaning_of

    assert meaning_of(header) == meaning


@pytest.mark.parametrize("header, qualifiers", [
    ("Realisasi > 2016", ("realisasi", 2016, "", "", "", "", "")),
    ("Target 2018 (RPJMD)", ("target", 2018, "", "", "", "", "")),  # 2018's, not 2016's
    ("Target P.RPJMD", ("target", None, "", "", "", "", "")),  # the plan's for the year
    ("Target Akhir Renstra", ("target", None, "", "rencana", "", "", "")),
    ("Capaian thd Target Renstra (%)", ("capaian", None, "", "rencana", "", "", "")),
    ("Rata-rata Capaian", ("capaian", None, "", "", "agregat", "", "")),
    ("Realisasi Fisik (%)", ("realisasi", None, "", "", "", "fisik", "")),
    ("Realisasi > Keuangan > (%)", ("capaian", None, "", "", "", "keuangan", "")),
    ("Realisasi Keuangan (Rp)", ("realisasi", None, "", "", "", "keuangan", "")),
    ("Standar Nasional", ("target", None, "", "", "", "", "nasional")),
    ("Capaian Thn Lalu", ("capaian", None, "lalu", "", "", "", "")),
    ("Realisasi S/D Tahun 2016", ("realisasi", 2016, "", "kumulatif", "", "", "")),
    ("Capaian Tahun2016 > (%)", ("capaian", 2016, "", "", "", "", "")),
])
def test_a_column_is_a_meaning_and_its_qualifiers(header, qualifiers):
    """DESIGN.md's table of header paths, each read as a meaning and its qualifiers."""
    from lkjip_analysis.core.meaning import column_of

    column = column_of(header)
    assert (column.meaning, *column.qualifiers()) == qualifiers


def test_a_budget_table_with_its_remainder_is_read():
    """`Sisa Anggaran` is neither the budget nor the realisation: the table is read (Rp
    1.000.000 − 950.000 = 50.000; 950.000 / 1.000.000 = 95 %)."""
    core = read_core(document(
        "Tabel 3.9 Realisasi Anggaran", "",
        "No\tProgram/Kegiatan\tPagu Anggaran (Rp)\tRealisasi (Rp)\tSisa Anggaran (Rp)\t%",
        "1\tProgram Penunjang\t1.000.000\t950.000\t50.000\t95,00"))
    [line] = core.realisasi_anggaran.itertuples()
    assert (line.tingkat, line.anggaran, line.realisasi, line.persen) == (
        "program", 1_000_000, 950_000, 95.0)


# --- what tabel.yaml says of the core ---------------------------------------------------------

COMPARISON = ("Tabel 3.4 Perbandingan", "",
              "No\tIndikator Kinerja\tTarget\tRealisasi\t\t",
              "\t\t\t2022\t2021\t2020",
              "1\tMaturitas SPIP\t3\t3,1\t3,3\t3,0")


def test_tabel_yaml_names_the_column_to_read_where_two_share_a_meaning():
    from lkjip_analysis.core.read import Choice

    core = read_core(document(*COMPARISON), {"capaian_kinerja": Choice(
        "Tabel 3.4", columns={"realisasi": "Realisasi > 2022"})})
    [row] = core.capaian_kinerja.itertuples()
    assert (row.indikator_kinerja, row.target, row.realisasi) == ("Maturitas SPIP", 3.0, 3.1)
    assert core.notes == []


def test_tabel_yaml_names_a_header_no_column_has(tmp_path):
    from lkjip_analysis.core.read import Choice
    from lkjip_analysis.errors import SourceError

    with pytest.raises(SourceError, match="0 kolom .* 'Realisasi > 2023'") as caught:
        read_core(document(*COMPARISON), {"capaian_kinerja": Choice(
            "Tabel 3.4", columns={"realisasi": "Realisasi > 2023"})})
    assert "Realisasi > 2022" in str(caught.value)  # the headers there are listed


def test_an_uncaptioned_table_is_chosen_by_its_page():
    """Two uncaptioned budget tables, on pages 5 and 6: tabel.yaml names page 6."""
    from lkjip_analysis.core.read import Choice

    lines = ("Realisasi per perangkat daerah", "",
             "No\tPerangkat Daerah\tAnggaran\tRealisasi\t%",
             "1\tDinas A\t1.000.000\t900.000\t90,00", "",
             "Pembiayaan", "",
             "No\tUraian\tAnggaran\tRealisasi\t%",
             "1\tPenerimaan Pembiayaan\t2.000.000\t2.000.000\t100,00")
    pages = {number: 5 if number <= 5 else 6 for number in range(1, len(lines) + 1)}
    core = read_core(document(*lines), {"realisasi_anggaran": Choice(page=6)}, pages)
    assert core.realisasi_anggaran.uraian.tolist() == ["Penerimaan Pembiayaan"]
    assert [str(n) for n in core.notes] == [
        "tabel pada baris 3: tidak dibaca: tabel.yaml menyebut tabel tempat realisasi_anggaran "
        "dibaca"]


def test_tabel_yaml_chooses_the_core_tables_of_a_report_of_another_layout(tmp_path):
    from lkjip_analysis import load

    raw = tmp_path / "data" / "raw" / "2023"
    raw.mkdir(parents=True)
    (raw / "lkjip_2023_inspektorat_kota_contoh.md").write_text("\n".join((
        "Laporan Kinerja Inspektorat Kota Contoh Tahun 2023", "", *COMPARISON, "",
        "Tabel 3.2 Capaian Kinerja", "",
        "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)",
        "1\tMaturitas SPIP\t3\t3,1\t103,33", "")), encoding="utf-8")
    (raw / "tabel.yaml").write_text(
        "capaian_kinerja:\n  tabel: tabel 3.4.\n  kolom:\n    realisasi: Realisasi > 2022\n",
        encoding="utf-8")
    d = load(2023, tmp_path / "data", source="document")
    assert d.capaian_kinerja.tabel.tolist() == ["Tabel 3.4"]
    assert d.capaian_kinerja.realisasi.tolist() == [3.1]
    (raw / "tabel.yaml").write_text("capaian_kinerja:\n  kolom:\n    realisasi: X\n",
                                    encoding="utf-8")
    from lkjip_analysis.errors import SourceError

    with pytest.raises(SourceError, match="tabel: Tabel N"):
        load(2023, tmp_path / "data", source="document")


def test_every_digit_of_both_real_reports_stands_once_in_the_copy(imported):
    """The import's own per-page check (digits of the visible text layer against the copy)
    holds on every page of both reports: Jombang's asset table (p42) once wrote its merged
    cells twice (`10 0` and `41 -7` again on the line below)."""
    from lkjip_analysis.impor.model import Table

    for report in REPORTS:
        assert not [n for n in imported[report].notes if "digit" in str(n)], report
    [assets] = [b for b in imported["inspektorat_jombang_2022"].blocks
                if isinstance(b, Table) and b.origin == "halaman 42"]
    cells = [" ".join(c.text for c in row if c.text) for row in assets.rows]
    printer = next(i for i, row in enumerate(cells) if "Printer" in row)
    assert "41" in cells[printer] and "41" not in cells[printer + 1]


def test_a_page_whose_copy_lacks_or_repeats_digits_says_so():
    from lkjip_analysis.impor.pdfpage import Cell, Grid, Line, Piece, digits_lost

    chars = [{"text": t, "x0": 10.0 * i, "x1": 10.0 * i + 5, "top": 0.0, "bottom": 5.0}
             for i, t in enumerate("Rp 1.250 dan 30")]
    line = Line("Rp 1.250 dan", 0, 100, 0, 5, 10, False, 10, 1, True, False)
    assert digits_lost(chars, [line]) == 2  # `30` lost
    doubled = Grid([[Cell([Piece("30 30", 10, 5, False, True)], 50)]], (0.0, 50.0), 0.0)
    assert digits_lost(chars, [line, doubled]) == -2


def test_an_indicator_stated_in_two_tables_is_counted_once():
    from lkjip_analysis.core.summary import stated_once

    core = read_core(document(
        "Tabel 3.2 Capaian", "", "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)",
        "1\tIndeks Gini\t0,315\t0,313\t99,37", "2\tIPM\t72,22\t72\t99,70", "",
        "Tabel 3.4 Pengukuran", "", "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)",
        "1\tIndeks gini.\t0,315\t0,313\t99,37", "2\tInflasi\t2,85\t1,71\t140"))
    once = stated_once(core.capaian_kinerja)
    assert once.indikator_kinerja.tolist() == ["Indeks Gini", "IPM", "Inflasi"]
    assert once.tabel.tolist() == ["Tabel 3.2", "Tabel 3.2", "Tabel 3.4"]


def test_no_page_is_broken_into_letters(imported):
    """Jombang p11 draws a diagram in rotated small print: tolerances fitted to small print
    once broke it into 1 821 lines of a letter or two. Lines that short stay rare (page
    numbers, list marks, table numbers: 31 and 12 today)."""
    from lkjip_analysis.impor.text import to_text

    for report in REPORTS:
        lines = to_text(imported[report]).text.splitlines()
        short = [line for line in lines if 0 < len("".join(line.split())) <= 2]
        assert len(short) < 60, report


def test_round_amounts_and_footnote_marks_are_plain_numbers():
    """bkpd_jabar_2016 prints amounts as `3.600.000.000,-`; disperindag a realisation
    `203,440*` with its footnote mark (its column groups by commas: `1,309`... is settled by
    the table's `6,831,222`)."""
    core = read_core(document(
        "Tabel 5 Realisasi Anggaran", "",
        "No\tKegiatan\tAnggaran (Rp.)\tRealisasi (Rp.)",
        "1.\tRTM OPD Penguatan Ketersediaan\t3.600.000.000,-\t3.463.967.029,-"), year=2016)
    assert core.realisasi_anggaran[["anggaran", "realisasi"]].values.tolist() == [
        [3_600_000_000.0, 3_463_967_029.0]]


def test_an_open_form_is_settled_by_its_table_else_its_document_never_by_a_mixed_one():
    """`202,955` (one group) is grouping where the table shows commas group (`6,831,222`);
    in a table showing no convention, the document's tables settle it; a table mixing both
    (`2.050` beside `4,341,614`) leaves it empty."""
    rows = ("No\tIndikator Kinerja\tTarget\tRealisasi",
            "1\tUnit usaha IKM\t202,955\t203,440*",
            "2\tUTTP\t6,831,222\t4,341,614")
    core = read_core(document("Tabel 3.2 Pengukuran", "", *rows), year=2016)
    assert core.capaian_kinerja[["target", "realisasi"]].values.tolist() == [
        [202_955.0, 203_440.0], [6_831_222.0, 4_341_614.0]]
    by_document = read_core(document(
        "Tabel 3.1 Pengukuran", "", "No\tIndikator Kinerja\tTarget\tRealisasi",
        "1\tUnit usaha IKM\t202,955\t203,440", "",
        "Tabel 3.7 Anggaran", "", "No\tKegiatan\tAnggaran\tRealisasi",
        "1\tPengembangan IKM\t4,775,000,000.00\t3,878,831,648.00"), year=2016)
    assert by_document.capaian_kinerja[["target", "realisasi"]].values.tolist() == [
        [202_955.0, 203_440.0]]
    mixed = read_core(document(
        "Tabel 3.2 Pengukuran", "", "No\tIndikator Kinerja\tTarget\tRealisasi\tKeterangan",
        "1\tKonsumsi energi\t2.050\t2.165,5\t4,341,614", "2\tKonsumsi protein\t56\t60,5\t"),
        year=2016)
    assert math.isnan(mixed.capaian_kinerja.target.iloc[0])
    assert mixed.capaian_kinerja.realisasi.tolist() == [2165.5, 60.5]


@pytest.mark.parametrize("printed, computed, agrees", [
    ("98,30%", 98.26, False),  # two decimals printed: 98,26 is not 98,30 (issue 34)
    ("106%", 106.05, True),  # Sumut p72: 96,51 / 91 printed to the unit
    ("100,20", 100.196, True), ("0,315", 0.3149, True), ("0,315", 0.3142, False),
])
def test_a_capaian_is_compared_at_the_decimals_it_is_printed_with(printed, computed, agrees):
    from lkjip_analysis.core.audit import fits
    from lkjip_analysis.number_forms import read_number

    assert fits(read_number(printed).value, computed, printed) is agrees


def test_a_number_printed_before_the_indicator_is_the_rows_number():
    """disperindag's PK writes `1. Pertumbuhan Industri Manufaktur …` in its indicator cell."""
    core = read_core(document(
        "Tabel 2.2 Perjanjian Kinerja", "",
        "Sasaran Strategis\tIndikator Kinerja\tTarget",
        "Meningkatnya industri\t1. Pertumbuhan Industri Manufaktur\t185,80",
        "\t2. Peningkatan Jumlah unit usaha IKM\t202.955"), year=2016)
    pk = core.perjanjian_kinerja
    assert pk[["no", "indikator_kinerja", "target"]].values.tolist() == [
        [1, "Pertumbuhan Industri Manufaktur", 185.8],
        [2, "Peningkatan Jumlah unit usaha IKM", 202955.0]]
