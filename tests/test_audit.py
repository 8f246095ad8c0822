"""The audit: each kind of check on small frames where the test chooses what is wrong, then
the 2020 report with findings verified by hand from the source text."""

import pandas as pd
import pytest

from lkjip_analysis.audit import Findings, agrees, audit, check_apbn, check_sdm, implied
from lkjip_analysis.core.findings import precision


def test_rounding_tolerance_follows_the_printed_decimals():
    assert agrees(88.6, 88.5979, 2)
    assert agrees(98.29, 98.2861, 2)
    assert not agrees(96.34, 88.5979, 2)
    assert agrees(19.6, 19.6, 2)
    assert not agrees(125, 133.33, 0)
    assert agrees(98, 97.5, 0)  # half-up, as people round
    assert not agrees(98, 97.49, 0)


@pytest.mark.parametrize("stated, computed, decimals, agree", [
    (1, 1.47, 2, False),  # a whole number is not 1,47 rounded
    (93.4, 93.36, 1, True),  # a figure with decimals is rounded as printed
    (100, 100.0, 0, True),
    (125, 133.3333, 4, False),
    (56_652_801_485, 56_652_801_484, 0, False),
])
def test_a_whole_number_is_not_taken_as_a_rounding(stated, computed, decimals, agree):
    assert precision(stated, computed) == decimals
    assert agrees(stated, computed, precision(stated, computed)) is agree


def test_an_agreement_within_rounding_that_is_not_equality_says_so(findings):
    # Tabel 15: 9.956.715.115 stated; the funds' printed percentages imply 9.957.574.667
    row = findings.loc["N-20"]
    assert (row.dilaporkan, row.dihitung, row.status) == (9_956_715_115, 9_957_574_667, "cocok")
    assert row.catatan.startswith("Selisih masih dalam rentang")
    low, high = (int(x.replace(".", "")) for x in
                 row.catatan.removesuffix(".").split(": ")[1].replace("Rp", "").split(" sampai "))
    assert low <= 9_956_715_115 <= high


def test_an_implied_allocation_and_the_interval_its_rounding_allows():
    found = implied(9_829, 98.29)
    assert found.value == pytest.approx(10_000)  # 9.829 / 98,29 × 100
    assert found.low == pytest.approx(982_900 / 98.295) and found.high == pytest.approx(
        982_900 / 98.285)


class FakeDatasets(dict):
    __getattr__ = dict.__getitem__


def facts(rows):
    from lkjip_analysis.audit import Facts
    return Facts(pd.DataFrame(rows, columns=["kunci", "nilai", "teks", "subjek",
                                             "baris_sumber"]))


def sdm_frames(wrong_total: int):
    detail = []
    for jabatan, status, line, counts in (("A", "PNS", 1, (2, 1, 3, 3)),
                                          ("B", "Honorer/PTT", 2, (1, 1, 0, 2))):
        men, women, rank, school = counts
        for dim, cat, n in (("jenis_kelamin", "L", men), ("jenis_kelamin", "P", women),
                            ("golongan", "III", rank), ("pendidikan", "S1", school)):
            detail.append((jabatan, status, dim, cat, n, line))
    detail = pd.DataFrame(detail, columns=["jabatan", "status_pegawai", "dimensi", "kategori",
                                           "jumlah", "baris_sumber"])
    totals = pd.DataFrame([("Jumlah PNS", "jenis_kelamin", "L", 2, 3),
                           ("Jumlah PNS", "jenis_kelamin", "P", wrong_total, 3),
                           ("Jumlah PNS", "golongan", "III", 3, 3),
                           ("Jumlah PNS", "pendidikan", "S1", 3, 3)],
                          columns=["uraian", "dimensi", "kategori", "jumlah", "baris_sumber"])
    return FakeDatasets(sdm=detail, sdm_total=totals)


def test_sdm_flags_exactly_the_wrong_total():
    f = Findings({"sdm": "Tabel 1", "realisasi_apbn": "Tabel 15"})
    check_sdm(sdm_frames(wrong_total=5), f, facts([("jumlah_pns", 3, "", "", 9)]))
    df = f.frame()
    bad = df[df.status == "tidak_cocok"]
    # the wrong cell (P = 5, detail says 1), its row's breakdowns (7 ≠ 3), and the narrative
    assert sorted(bad.uraian) == sorted([
        "Jumlah PNS, jenis kelamin P: jumlah baris rinci",
        "Jumlah PNS: jumlah menurut golongan sama dengan jumlah menurut jenis kelamin",
        "Jumlah PNS: jumlah menurut pendidikan sama dengan jumlah menurut jenis kelamin",
        "Jumlah PNS di narasi sama dengan baris Jumlah PNS Tabel 1"])
    # Honorer rows hold no rank: their golongan is never compared
    assert not df.uraian.str.startswith("B: jumlah menurut golongan").any()


def test_sdm_no_false_alarm_when_everything_adds_up():
    f = Findings({"sdm": "Tabel 1", "realisasi_apbn": "Tabel 15"})
    check_sdm(sdm_frames(wrong_total=1), f, facts([("jumlah_pns", 3, "", "", 9)]))
    assert (f.frame().status == "cocok").all()


def apbn_frames(line_two: int):
    lines = pd.DataFrame([("Dana Dekonsentrasi", 100, 100.0, 1), ("Dana Dekonsentrasi",
                                                                    line_two, 66.67, 2),
                          ("Tugas Pembantuan", 300, 75.0, 4)],
                         columns=["sumber_dana", "realisasi", "persen", "baris_sumber"])
    totals = pd.DataFrame([("Jumlah", "Dana Dekonsentrasi", 300, 75.0, 3),
                           ("Jumlah", "Tugas Pembantuan", 300, float("nan"), 5),
                           ("Jumlah Keseluruhan", "Semua", 600, 75.0, 6)],
                          columns=["uraian", "sumber_dana", "realisasi", "persen",
                                   "baris_sumber"])
    return FakeDatasets(realisasi_apbn=lines, realisasi_apbn_total=totals)


APBN_FACTS = [("apbn_anggaran", 800, "", "", 7), ("apbn_realisasi", 600, "", "", 7),
              ("apbn_serapan", 75.0, "", "", 7), ("apbn_serapan", 70.0, "", "", 8)]


def test_apbn_flags_the_line_that_breaks_its_subtotal():
    f = Findings({"sdm": "Tabel 1", "realisasi_apbn": "Tabel 15"})
    check_apbn(apbn_frames(line_two=199), f, facts(APBN_FACTS))
    bad = f.frame().query("status == 'tidak_cocok'")
    assert sorted(bad.uraian) == sorted([
        "Jumlah Dana Dekonsentrasi = jumlah baris programnya",
        "Alokasi tersirat Jumlah Dana Dekonsentrasi = jumlah alokasi tersirat baris programnya",
        "Jumlah Keseluruhan = jumlah semua baris program",
        "Serapan APBN = realisasi / total anggaran × 100 (pernyataan ke-2)"])  # 70,0, line 8
    assert bad.baris_sumber.tolist().count(8) == 1


def test_apbn_no_false_alarm():
    f = Findings({"sdm": "Tabel 1", "realisasi_apbn": "Tabel 15"})
    check_apbn(apbn_frames(line_two=200), f, facts(APBN_FACTS[:3]))
    assert (f.frame().status == "cocok").all()


@pytest.fixture(scope="module")
def findings(d2020):
    return audit(d2020).set_index("id")


def test_the_2020_audit_counts(findings):
    assert len(findings) == 141
    assert findings.status.value_counts().to_dict() == {"cocok": 99, "tidak_cocok": 42}
    assert findings.index.is_unique


def by_text(findings, text, line):
    hit = findings[(findings.uraian.str.contains(text, regex=False))
                   & (findings.baris_sumber == line)]
    assert len(hit) == 1, (text, line, hit)
    return hit.iloc[0]


@pytest.mark.parametrize("text, line, stated, computed, status", [
    # Tabel 14: the 42 value lines sum to Belanja Langsung (line 680)
    ("Belanja Langsung = jumlah", 680, 26_661_611_467, 26_661_611_467, "cocok"),
    # Tabel 15: 92.726.000 + 1.008.057.000 + 222.953.000 + 185.125.800 + 2.764.842.701
    #   + 1.725.294.701 = 5.998.999.202, stated 5.998.998.521 (line 766)
    ("Jumlah Dana Dekonsentrasi = jumlah baris", 766, 5_998_998_521, 5_998_999_202,
     "tidak_cocok"),
    # line 672 says 96.34% for the whole APBD: 50.193.200.643 / 56.652.801.485 = 88,5979%
    ("Serapan APBD keseluruhan", 672, 96.34, 88.5979, "tidak_cocok"),
    ("Serapan APBD keseluruhan", 746, 88.6, 88.5979, "cocok"),
    # line 752: 9.786.062.521 / 9.956.715.115 = 98,2861%, stated 98,04%
    ("Serapan APBN = realisasi", 752, 98.04, 98.2861, "tidak_cocok"),
    # Tabel 7 2018: 23.05 + 17.81 + 10.97 + 5.49 + 11.44 = 68.76, stated 68.78
    ("Nilai hasil evaluasi 2018", 535, 68.78, 68.76, "tidak_cocok"),
    ("Nilai hasil evaluasi 2019", 535, 70.39, 70.39, "cocok"),
    # Tabel 8 triwulan IV: 1 / 0.75 = 133,33%, stated 125
    ("triwulan 4 = realisasi", 553, 125, 133.3333, "tidak_cocok"),
    # Tabel 10: (1.47 − 1.8) / 1.6 × 100 = −20,625, stated 0,84
    ("peningkatan/penurunan", 574, 0.84, -20.625, "tidak_cocok"),
    ("Tingkat kemajuan", 586, 19.6, 19.6, "cocok"),
    # Tabel 1: Jumlah PNS men 122; detail PNS men 1 + 1 + 6 + 20 + 102 = 130
    ("Jumlah PNS, jenis kelamin Laki-Laki", 309, 122, 130, "tidak_cocok"),
    # narrative 187 PNS; Tabel 1 Jumlah PNS by gender 122 + 58 = 180
    ("Jumlah PNS di narasi sama dengan baris", 297, 187, 180, "tidak_cocok"),
    # UPTD PSKW: 60 in its section (line 287), 80 on line 592
    ("Daya tampung Panti Sosial Karya Wanita", 592, 80, 60, "tidak_cocok"),
    ("Klaim 'sudah memenuhi target'", 664, 95, 100, "tidak_cocok"),
    # Tabel 8 line 553: realisasi triwulan IV 1; Tabel 9 states 1,47 for the year
    ("Realisasi kumulatif triwulan IV", 553, 1, 1.47, "tidak_cocok"),
])
def test_findings_verified_by_hand(findings, text, line, stated, computed, status):
    row = by_text(findings, text, line)
    assert row.dilaporkan == pytest.approx(stated)
    assert row.dihitung == pytest.approx(computed, abs=1e-4)
    assert row.status == status


def test_the_single_correction_is_named(findings):
    row = by_text(findings, "Total anggaran APBD", 672)
    assert row.status == "tidak_cocok"
    assert "serapan Belanja Langsung 95,35%, bukan 96,34%" in row.catatan


def test_categories_agree(findings):
    row = by_text(findings, "Kategori 2019 sesuai predikat", 536)
    assert (row.dilaporkan, row.dihitung, row.status) == ("BB", "BB", "cocok")


def test_every_number_in_the_findings_text_is_written_the_indonesian_way(findings):
    """`68,78`, never `68.78`: a decimal point with one or two digits after it is English."""
    import re

    english = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?!\d)")
    texts = [*findings.uraian, *findings.catatan]
    assert not [t for t in texts if english.search(str(t))]
    assert any("nilai 68,78" in t for t in findings.uraian)


def test_the_findings_are_a_dataset_equal_to_the_built_csv(built):
    """`load(year).temuan_audit` (the analyst's route) holds what a build wrote to
    temuan_audit.csv (the job's route): the same checks, figures and statuses."""
    from lkjip_analysis import load
    from lkjip_analysis.audit import findings_csv_bytes

    d = load(2020, built.parent.parent / "data")
    ours = d.temuan_audit
    assert d["temuan_audit"] is ours and "temuan_audit" not in list(d)
    assert (ours.status == "cocok").sum() == 99
    assert findings_csv_bytes(ours) == (built / "temuan_audit.csv").read_bytes()


def test_every_check_is_described_apart(findings):
    """N-34 and N-35 checked the same figure stated twice under one description (issue 26)."""
    assert not findings.duplicated(["tabel", "uraian"]).any()
    assert findings.loc["N-34"].uraian.endswith("(pernyataan ke-1)")
    assert findings.loc["N-35"].uraian.endswith("(pernyataan ke-2)")


def test_a_restated_figure_says_which_statement_without_needing_its_lines(findings):
    """Populasi PMKS is stated on lines 41 and 603 of the 2020 text, Jumlah UPTD on 217 and
    592: the auditor reads both lines, the reader a sentence that needs none."""
    from lkjip_analysis.audiences import without_line_references

    restated = findings[findings.uraian.str.contains("sama dengan yang pertama")]
    assert restated.uraian.tolist() == [
        "Populasi PMKS: pernyataan kedua (baris 603) sama dengan yang pertama (baris 41)",
        "Jumlah UPTD: pernyataan kedua (baris 592) sama dengan yang pertama (baris 217)"]
    assert [without_line_references(u) for u in restated.uraian] == [
        "Populasi PMKS: pernyataan kedua sama dengan yang pertama",
        "Jumlah UPTD: pernyataan kedua sama dengan yang pertama"]
