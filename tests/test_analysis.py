"""The summaries the notebooks show, against numbers worked by hand from the report."""

import pytest

from lkjip_analysis import analysis


def test_apbd_by_unit_adds_up_to_belanja_langsung(d2020):
    units = analysis.apbd_by_unit(d2020).set_index("unit_kerja")
    assert units.realisasi.sum() == 26_661_611_467
    # PSTWNP, lines 709–712: 1.007.127.715 + 604.833.024 + 194.281.420 + 3.497.503.285
    assert units.loc["PSTWNP", "realisasi"] == 5_303_745_444
    assert units.index[0] == "Dinas"  # the largest


def test_apbd_by_program_implied_allocation(d2020):
    programs = analysis.apbd_by_program(d2020).set_index("no_program")
    # programme 1, line 681: 2.892.957.804 at 94,82 % -> 3.050.999.582,7
    assert programs.loc[1, "alokasi_tersirat"] == pytest.approx(2_892_957_804 / 0.9482)
    assert programs.loc[1, "serapan"] == pytest.approx(94.82)
    assert len(programs) == 31


def test_program_outputs_share_of_pmks(d2020):
    outputs = analysis.program_outputs(d2020).set_index("keluaran")
    assert outputs.loc["KUBE", "terealisasi"] == 200  # 20 KUBE × 10 KK, line 598
    assert outputs.loc["UEP", "persen_populasi_pmks"] == pytest.approx(270 / 251_234 * 100)
    assert (outputs.capaian == 100).all()


def test_apbn_by_fund(d2020):
    funds = analysis.apbn_by_fund(d2020).set_index("sumber_dana")
    assert funds.loc["Tugas Pembantuan", "realisasi"] == 3_787_064_000
    assert funds.bagian.sum() == pytest.approx(100)


def test_indicator_summary(d2020):
    row = analysis.indicator_summary(d2020).iloc[0]
    assert row.capaian_dihitung == pytest.approx(98.0)
    assert row.kemajuan_dihitung == pytest.approx(19.6)


def test_budget_trend_marks_the_gaps(d2020):
    trend = analysis.budget_trend(d2020)
    assert trend[trend.tersedia].tahun.tolist() == [2020, 2020]
    apbd = trend[(trend.tahun == 2020) & (trend.sumber_dana == "APBD")].iloc[0]
    assert apbd.serapan == pytest.approx(50_193_200_643 / 56_652_801_485 * 100)
