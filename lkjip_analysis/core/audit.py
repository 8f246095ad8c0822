"""The audit of the SAKIP core, for any agency: every figure the report derives, recomputed.

- Capaian: realisasi / target × 100 for an indicator where higher is better; for one where
  lower is better (its words say so: pengangguran, kemiskinan, gini, inflasi, …) (2 −
  realisasi / target) × 100 or target / realisasi × 100. A capaian that fits only the opposite
  polarity is its own finding; one that fits no formula is a disagreement. Where the polarity is
  not known, a capaian that fits either reading agrees, and the note says which.
- Budget: each line's % against realisasi / anggaran × 100; each programme against the sum of
  the activities under it; each total against the sum of the top-level lines.

A printed figure agrees when the recomputation rounded, or cut, to the figure's own decimals
gives it. Findings have the columns of `temuan_audit.csv`.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_DOWN, Decimal

import pandas as pd

from ..audit.findings import Findings, agrees, precision

LOWER_IS_BETTER = re.compile(
    r"pengangguran|kemiskinan|miskin|gini|inflasi|kematian|kesakitan|risiko|resiko|stunting|"
    r"prevalensi|fertility|kriminalitas|kecelakaan|kerusakan|pencemaran|ketimpangan", re.I)
_TOP = ("program", "perangkat_daerah", "uraian", "kegiatan")


def audit_core(core) -> pd.DataFrame:
    """The checks of `core` (a `read.Core`) as findings."""
    findings = Findings()
    for row in core.capaian_kinerja.itertuples():
        _check_capaian(findings, row)
    for _label, lines in core.realisasi_anggaran.groupby("tabel", sort=False):
        _check_budget_lines(findings, lines)
    for total in core.realisasi_anggaran_total.itertuples():
        lines = core.realisasi_anggaran[core.realisasi_anggaran.tabel == total.tabel]
        _check_total(findings, total, lines)
    return findings.frame()


def _name(label: str, line: int) -> str:
    return label or f"Tabel tanpa judul (baris {line})"


def fits(stated: float, computed: float) -> bool:
    """`stated` is `computed` rounded or cut to the stated figure's own decimals."""
    if not math.isfinite(computed):
        return False
    decimals = precision(stated, computed)
    cut = Decimal(repr(float(computed))).quantize(Decimal(1).scaleb(-decimals), ROUND_DOWN)
    return agrees(stated, computed, decimals) or abs(float(cut) - stated) < 10 ** -(decimals + 3)


def money_sum(values) -> float:
    """The exact sum of amounts printed to the cent (no float drift over many lines)."""
    return float(sum((_cents(v) for v in values), Decimal(0)))


def _cents(value: float) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal("0.01"))


# --- capaian ----------------------------------------------------------------------------------

def _check_capaian(findings: Findings, row) -> None:
    if any(math.isnan(v) for v in (row.target, row.realisasi, row.persen)) or not row.target:
        return
    higher = row.realisasi / row.target * 100
    lower = [(2 - row.realisasi / row.target) * 100,
             row.target / row.realisasi * 100 if row.realisasi else math.nan]
    lower_known = bool(LOWER_IS_BETTER.search(row.indikator_kinerja))
    fits_higher = fits(row.persen, higher)
    fits_lower = [candidate for candidate in lower if fits(row.persen, candidate)]
    if lower_known:
        computed, ok = (fits_lower[0], True) if fits_lower else (lower[0], False)
        note = ("" if ok else "Dihitung seolah makin tinggi makin baik (realisasi / target × "
                "100), padahal indikator ini makin rendah makin baik." if fits_higher
                else "Capaian tidak cocok dengan rumus mana pun (realisasi / target, 2 − "
                "realisasi / target, target / realisasi).")
        rule = "(2 − realisasi / target) × 100 atau target / realisasi × 100 (makin rendah " \
               "makin baik)"
    else:
        ok = fits_higher or bool(fits_lower)
        computed = higher if fits_higher or not fits_lower else fits_lower[0]
        note = ("" if fits_higher else "Cocok hanya bila indikator ini makin rendah makin "
                "baik; polaritasnya tidak disebut: periksa polaritas_indikator.csv." if ok
                else "Capaian tidak cocok dengan rumus mana pun (realisasi / target, 2 − "
                "realisasi / target, target / realisasi).")
        rule = "realisasi / target × 100"
    findings.record(_name(row.tabel, row.baris_sumber),
                  f"Capaian {row.indikator_kinerja} = {rule}", row.persen, computed, ok,
                  row.baris_sumber, note)


# --- budget -----------------------------------------------------------------------------------

def _check_budget_lines(findings: Findings, lines: pd.DataFrame) -> None:
    program = None
    children: list = []
    for line in lines.itertuples():
        if line.tingkat == "program":
            _check_parent(findings, program, children)
            program, children = line, []
        elif program is not None and line.tingkat == "kegiatan":
            children.append(line)
        if not any(math.isnan(v) for v in (line.anggaran, line.realisasi, line.persen)) \
                and line.anggaran:
            computed = line.realisasi / line.anggaran * 100
            findings.record(_name(line.tabel, line.baris_sumber),
                          f"% {line.uraian} = realisasi / anggaran × 100", line.persen,
                          computed, fits(line.persen, computed), line.baris_sumber,
                          "" if fits(line.persen, computed) else
                          "Persentase tidak sama dengan realisasi / anggaran.")
    _check_parent(findings, program, children)


def _check_parent(findings: Findings, parent, children: list) -> None:
    """A programme's anggaran and realisasi against the sums of its activities."""
    if parent is None or not children:
        return
    for column in ("anggaran", "realisasi"):
        values = [getattr(child, column) for child in children]
        if math.isnan(getattr(parent, column)) or any(math.isnan(v) for v in values):
            continue
        total = money_sum(values)
        ok = total == _cents(getattr(parent, column))
        findings.record(_name(parent.tabel, parent.baris_sumber),
                      f"{column.capitalize()} {parent.uraian} = jumlah kegiatannya",
                      getattr(parent, column), total, ok, parent.baris_sumber,
                      "" if ok else "Jumlah baris kegiatan berbeda dengan baris program.")


def _check_total(findings: Findings, total, lines: pd.DataFrame) -> None:
    """A total against the sum of the table's top-level lines."""
    level = next((lvl for lvl in _TOP if (lines.tingkat == lvl).any()), None)
    top = lines[lines.tingkat == level]
    for column in ("anggaran", "realisasi"):
        if math.isnan(getattr(total, column)) or top[column].isna().any() or top.empty:
            continue
        summed = money_sum(top[column])
        ok = summed == _cents(getattr(total, column))
        findings.record(_name(total.tabel, total.baris_sumber),
                      f"{column.capitalize()} {total.uraian} = jumlah baris {level}",
                      getattr(total, column), summed, ok, total.baris_sumber,
                      "" if ok else "Total berbeda dengan jumlah barisnya.")
    if not any(math.isnan(v) for v in (total.anggaran, total.realisasi, total.persen)) \
            and total.anggaran:
        computed = total.realisasi / total.anggaran * 100
        findings.record(_name(total.tabel, total.baris_sumber),
                      f"% {total.uraian} = realisasi / anggaran × 100", total.persen, computed,
                      fits(total.persen, computed), total.baris_sumber, "")
