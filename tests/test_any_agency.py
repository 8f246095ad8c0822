"""Any agency's report builds (issue 24): `lkjip build` on the two real published reports of
`../shared/realdocs/`, and a Kaltim-family report that lacks a table. The findings expected
are the README's list of what the reports get wrong themselves, recomputed here by hand; every
other check must agree (an audit that accuses falsely is worse than none)."""

from __future__ import annotations

import csv
import json
import logging

import pytest
from helpers import edit_line

from lkjip_analysis.cli import main
from lkjip_analysis.config import PROJECT_ROOT
from lkjip_analysis.errors import DocumentError

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"


def build_real(tmp_path_factory, report: str, year: int):
    source = REALDOCS / f"{report}.pdf"
    if not source.exists():
        pytest.skip(f"{source} is not here")
    root = tmp_path_factory.mktemp(report)
    data, reports = root / "data", root / "reports"
    assert main(["-q", "import", str(source), "--year", str(year), "--data-dir", str(data)]) == 0
    code = main(["-q", "build", "--year", str(year), "--data-dir", str(data),
                 "--reports-dir", str(reports)])
    return code, data / "processed" / str(year), reports / str(year)


def rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def jombang(tmp_path_factory):
    return build_real(tmp_path_factory, "inspektorat_jombang_2022", 2022)


@pytest.fixture(scope="module")
def sumut(tmp_path_factory):
    return build_real(tmp_path_factory, "pemprov_sumut_2021", 2021)


def disagreements(reports) -> list[tuple[str, float, float]]:
    return [(r["tabel"], round(float(r["dilaporkan"]), 2), round(float(r["dihitung"]), 2))
            for r in rows(reports / "temuan_audit.csv") if r["status"] == "tidak_cocok"]


def test_jombang_builds_a_report_from_what_it_holds(jombang):
    code, processed, reports = jombang
    assert code == 0
    assert (reports / "laporan_2022.html").exists() and (reports / "laporan_2022_audit.html")
    executed = sorted(p.stem for p in (reports / "notebooks").glob("*.ipynb"))
    assert executed == ["00_ringkasan", "05_audit"]  # no SDM, quarters or APBD tables
    parts = {r["dataset"]: r for r in rows(processed / "kelengkapan.csv")}
    assert (parts["perjanjian_kinerja"]["tabel"], parts["perjanjian_kinerja"]["baris"]) == (
        "Tabel 2.1", "3")
    assert parts["capaian_kinerja"]["tabel"] == "Tabel 3.2, Tabel 3.3"
    assert (parts["realisasi_anggaran"]["tabel"], parts["realisasi_anggaran"]["baris"]) == (
        "Tabel 3.13", "16")
    assert parts["sdm"]["ada"] == "False" and parts["sdm"]["keterangan"].startswith(
        "tidak dibaca")
    [agency] = rows(processed / "instansi.csv")
    assert (agency["nama"], agency["tahun"]) == ("Inspektorat Kabupaten Jombang", "2022")
    page = (reports / "laporan_2022.html").read_text(encoding="utf-8")
    assert "Bagian laporan yang ada dan yang tidak ada" in page
    assert "1 dari 3 indikator mencapai target" in page  # Kapabilitas APIP, 100 %


def test_jombang_audit_finds_what_the_report_gets_wrong_and_nothing_else(jombang):
    """README: Nilai Evaluasi AKIP PD, 82,92 / 83 = 99,90 % printed 98,30 %; Tabel 3.3 prints
    the realisasi 81,59 where Tabel 3.2 prints 82,92; the three programme percentages of
    Tabel 3.13: 11.534.782.463 / 12.281.319.513 = 93,92 %, 524.058.289 / 630.395.770 =
    83,13 %, 382.861.036 / 441.438.630 = 86,73 %."""
    _code, _processed, reports = jombang
    assert disagreements(reports) == [
        ("Tabel 3.2", 98.3, 99.9), ("Tabel 3.3", 81.59, 82.92), ("Tabel 3.13", 87.2, 93.92),
        ("Tabel 3.13", 70.16, 83.13), ("Tabel 3.13", 84.01, 86.73)]
    maturity = [r for r in rows(reports / "temuan_audit.csv")
                if r["uraian"].startswith("Capaian Maturitas SPIP = realisasi")]
    # 3,157 / 3,35 = 94,24 %: read from the numbers in parentheses of `Level 3 (3,157)`
    assert [r["status"] for r in maturity] == ["cocok", "cocok"]
    assert "angka dalam kurung" in maturity[0]["catatan"]


def test_sumut_builds_and_its_audit_accuses_only_what_the_readme_lists(sumut):
    """README: Tingkat Pengangguran Terbuka 115 % and TFR 190 % match no formula (5,4 / 6,33
    = 85,31 %, (2 − 6,33 / 5,4) × 100 = 82,78 %); kemiskinan 105,6 % is r/t for a
    lower-is-better indicator ((2 − 8,49 / 8,04) × 100 = 94,40 %); IPG target 91 in Tabel 3.2,
    91,08 in the PK; the per-OPD JUMLAH realisasi 0,02 below the sum of its rows."""
    code, processed, reports = sumut
    assert code == 0
    found = disagreements(reports)
    assert ("Tabel 3.2", 91.0, 91.08) in found
    assert [f[1] for f in found if f[0].startswith("Tabel tanpa judul")] == [
        115.0, 105.6, 190.0, 13220194044025.3]
    assert len(found) == 5
    executed = sorted(p.stem for p in (reports / "notebooks").glob("*.ipynb"))
    assert executed == ["00_ringkasan", "05_audit"]
    units = [r for r in rows(processed / "realisasi_anggaran.csv")
             if r["tingkat"] == "perangkat_daerah"]
    assert len(units) == 49


# --- a Kaltim-family report that lacks one of its tables ------------------------------------

def test_a_family_report_without_a_table_says_how_to_declare_it(data_root, caplog):
    from lkjip_analysis import load

    edit_line(data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md", 299,
              "Tabel 1. Sumber Daya Aparatur (SDA)", "Sumber Daya Aparatur (SDA)")
    with pytest.raises(DocumentError, match="sdm: tidak_ada"):
        load(2020, data_root, source="document")
    (data_root / "raw" / "2020" / "tabel.yaml").write_text("sdm: tidak_ada\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="lkjip"):
        d = load(2020, data_root, source="document")
    assert d.sdm.empty and d.sdm_total.empty
    assert len(d.realisasi_apbd) == 43  # every other table read as before
    [part] = d.kelengkapan[d.kelengkapan.dataset == "sdm"].itertuples()
    assert (part.ada, part.keterangan) == (False, "tidak ada dalam laporan ini (menurut "
                                                  "tabel.yaml)")
    assert "tidak ada dalam laporan ini (menurut tabel.yaml): sdm" in caplog.text
    from lkjip_analysis.audit import Facts, Findings, audit, check_sdm

    full = load(2020, source="document")
    staff = Findings(full.table_labels())
    check_sdm(full, staff, Facts(full.fakta))  # the checks that read Tabel 1
    expected = {(r["uraian"], r["status"]) for r in audit(full).to_dict("records")} - {
        (r["uraian"], r["status"]) for r in staff.rows}
    assert {(r["uraian"], r["status"]) for r in audit(d).to_dict("records")} == expected


def test_the_kaltim_core_comes_from_its_own_tables(d2020):
    """Tabel 6 and 9 are the PK and the measurement; Tabel 14 and 15 the budget: 43 + 7 value
    lines, the totals apart (3 of Tabel 14, 3 of Tabel 15)."""
    assert list(d2020.perjanjian_kinerja.tabel) == ["Tabel 6"]
    [row] = d2020.capaian_kinerja.itertuples()
    assert (row.tabel, row.target_tertulis, row.realisasi_tertulis, row.persen_tertulis) == (
        "Tabel 9", "1.5", "1.47", "98")
    budget = d2020.realisasi_anggaran
    assert budget.groupby("tabel").size().to_dict() == {"Tabel 14": 43, "Tabel 15": 7}
    assert budget.anggaran.isna().all()  # neither table prints the budget
    assert budget[budget.tabel == "Tabel 14"].realisasi.sum() == 26_661_611_467
    assert list(d2020.realisasi_anggaran_total.tabel) == ["Tabel 14"] * 3 + ["Tabel 15"] * 3
    assert d2020.kelengkapan.ada.all()


def test_the_notebooks_say_what_they_need():
    from lkjip_analysis.pipeline import notebook_needs

    assert notebook_needs("01_sdm") == ["sdm", "sdm_total"]
    assert notebook_needs("00_ringkasan") == notebook_needs("05_audit") == []
    book = json.loads((PROJECT_ROOT / "notebooks" / "00_ringkasan.ipynb").read_text("utf-8"))
    assert all(not cell.get("outputs") for cell in book["cells"])
