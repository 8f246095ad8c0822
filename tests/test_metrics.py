import math

import pandas as pd
import pytest

from lkjip_analysis import metrics


def test_capaian_both_polarities():
    assert metrics.capaian(1.47, 1.5) == pytest.approx(98.0)
    assert metrics.capaian(120, 100, "maksimal") == pytest.approx(120.0)
    # lower is better: (2 × 100 − 80) / 100 × 100 = 120; (2 × 100 − 130) / 100 × 100 = 70
    assert metrics.capaian(80, 100, "minimal") == pytest.approx(120.0)
    assert metrics.capaian(130, 100, "minimal") == pytest.approx(70.0)
    assert math.isnan(metrics.capaian(1, 0))
    with pytest.raises(ValueError):
        metrics.capaian(1, 1, "naik")


def test_capaian_on_series():
    got = metrics.capaian(pd.Series([0.0, 0.25, 1.0]), pd.Series([0.0, 0.25, 0.75]))
    assert got.isna().tolist() == [True, False, False]
    assert got.iloc[1:].round(2).tolist() == [100.0, 133.33]


def test_budget_figures():
    # 50.193.200.643 / 56.652.801.485 = 0.885979…
    assert metrics.serapan(50193200643, 56652801485) == pytest.approx(88.5979, abs=1e-4)
    assert metrics.alokasi_tersirat(96.34, 96.34) == pytest.approx(100.0)
    assert metrics.alokasi_tersirat(1000, 50) == pytest.approx(2000.0)
    assert metrics.efisiensi(95, 87.48) == pytest.approx(7.52)
    assert metrics.tingkat_kemajuan(1.47, 7.5) == pytest.approx(19.6)


@pytest.mark.parametrize("score, predicate", [
    (100, "AA"), (90.01, "AA"), (90, "A"), (80.01, "A"), (80, "BB"), (70.39, "BB"), (70, "B"),
    (68.78, "B"), (60, "CC"), (50.5, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D")])
def test_sakip_predicate_boundaries(score, predicate):
    assert metrics.predikat_sakip(score) == predicate


def test_sakip_predicate_refuses_out_of_range():
    with pytest.raises(ValueError):
        metrics.predikat_sakip(101)


@pytest.mark.parametrize("rumus, columns, value", [
    ("8 = (7-6) / 5*100%", {4: 1.7, 5: 1.6, 6: 1.8, 7: 1.47}, (1.47 - 1.8) / 1.6 * 100),
    ("6 (4-5)", {4: 95, 5: 87.48}, 7.52),
    # a whole number naming a column stands for it; any other number is itself
    ("3 = 1 + 2 * 5", {1: 1, 2: 10}, 51),
    ("3 = (1 + 2) * 5", {1: 1, 2: 10}, 55),
])
def test_column_formulas(rumus, columns, value):
    assert metrics.rumus_kolom(rumus, columns) == pytest.approx(value)


@pytest.mark.parametrize("rumus", ["3 = 1 + ", "3 = (1 + 2", "3 = 1 ^ 2", "3 = __import__"])
def test_column_formula_refuses_anything_else(rumus):
    with pytest.raises(ValueError):
        metrics.rumus_kolom(rumus, {1: 1, 2: 2})
