"""Issue 33 on a province's reports (`../shared/realdocs/`, Jawa Barat 2016, Word tables with
padded header cells, chapter-numbered footers, tables over pages): each table as the page draws
it, whole over its pages, compared with the hand transcription. The transcription's numbers are
read by a second route (the report's own convention), never by the code under test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lkjip_analysis.config import PROJECT_ROOT

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"
REPORTS = ("dpmdesa_jabar_2016", "disperindag_jabar_2016")


def transcription(report: str, kind: str) -> list[dict]:
    with (REALDOCS / f"{report}__{kind}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def percent(text: str) -> float:
    """`45 %`, `47,08%`: a percentage as dpmdesa prints it (comma decimals)."""
    return float(text.replace("%", "").strip().replace(",", "."))


@pytest.fixture(scope="module")
def imported():
    from lkjip_analysis.impor.pdf import read_pdf

    for report in REPORTS:
        if not (REALDOCS / f"{report}.pdf").exists():
            pytest.skip(f"{REALDOCS / report}.pdf is not here")
    return {report: read_pdf(REALDOCS / f"{report}.pdf") for report in REPORTS}


def test_tables_over_pages_come_out_whole(imported):
    """The captions' transcription names each table's first and last page. Before: 1 of 13
    whole (footers numbered by chapter, an ornament by the footer and a header repeated with
    its lines split otherwise each ended a table). Not yet: disperindag's Tabel 2.2 (its last
    row on page 29 drawn below the ruled part) and Tabel 3.7 (pages 45 and 46 ruled in other
    columns)."""
    from lkjip_analysis.impor.model import Table

    whole = {}
    for report in REPORTS:
        origins = {b.origin for b in imported[report].blocks if isinstance(b, Table)}
        spanning = [c for c in transcription(report, "captions")
                    if c["form"].replace(" ", "_").startswith("text_table")
                    and c["page"] != c["page_end"]]
        whole[report] = (sum(f"halaman {c['page']}–{c['page_end']}" in origins
                             for c in spanning), len(spanning))
    assert whole == {"dpmdesa_jabar_2016": (3, 3), "disperindag_jabar_2016": (8, 10)}


def test_dpmdesa_performance_agreement_every_row_and_target(imported):
    """Its PK's header stands one column right of its data, `NO` only on a sasaran's first
    row, the indicators numbered `1.`, `2.` in their cells, the last row broken over pages
    14–15: 0 of 12 rows were read."""
    from lkjip_analysis.core import read_core
    from lkjip_analysis.impor.text import to_text
    from lkjip_analysis.reading.source import Document

    text = to_text(imported["dpmdesa_jabar_2016"]).text
    pk = read_core(Document(Path("dpmdesa.md"), tuple(text.splitlines()))).perjanjian_kinerja
    expected = transcription("dpmdesa_jabar_2016", "pk")
    assert len(pk) == len(expected) == 12
    for ours, theirs in zip(pk.itertuples(), expected, strict=True):
        assert ours.indikator_kinerja == theirs["indikator"]
        assert ours.sasaran_strategis == theirs["sasaran"]
        assert ours.target_tertulis == theirs["target"]
        assert ours.target == pytest.approx(percent(theirs["target"]))


def test_a_list_of_one_cell_rows_is_not_glued_over_a_page_break(imported):
    """disperindag's Tabel 3.7 lists one kegiatan a row; page 44 ends with one, page 45 starts
    with the next under the repeated header: two rows, not one kegiatan of both names."""
    from lkjip_analysis.impor.model import Table

    cells = [cell.text for block in imported["disperindag_jabar_2016"].blocks
             if isinstance(block, Table) for row in block.rows for cell in row]
    festival = "Penyelenggaraan Festival Keanekaragaman Makanan Berbahan Baku Lokal Kopi"
    assert festival in cells
    assert "Dukungan Kompetisi Desain Produk Furniture/meubel Rotan" in cells
