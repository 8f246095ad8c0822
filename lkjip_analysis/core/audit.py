"""The audit of the SAKIP core, for any agency: every figure the report derives, recomputed.

- Capaian: realisasi / target × 100 for an indicator where higher is better; for one where
  lower is better (its words say so: pengangguran, kemiskinan, gini, inflasi, …) (2 −
  realisasi / target) × 100 or target / realisasi × 100. A capaian that fits only the opposite
  polarity is its own finding; one that fits no formula is a disagreement. Where the polarity is
  not known, a capaian that fits either reading agrees, and the note says which.
- Budget: each line's % against realisasi / anggaran × 100; each programme against the sum of
  the activities under it; each total against the sum of the top-level lines.
- The rest of Bab III: progress against the plan's end target as a capaian is (realisasi /
  target akhir × 100, by the indicator's polarity); efficiency as capaian − serapan, or as
  100 − serapan (the budget left unspent) where that is what fits, the note saying which.

- Between tables: the same indicator's target, realisasi and capaian in two tables of one
  report (the first table that states it is the reference), and the performance agreement's
  target against the measured one.

A value written as text with one number in parentheses (`Nilai A (82,92)`, `Level 3 (3,35)`)
is compared by that number, and the note says so. A printed figure agrees when the
recomputation rounded, or cut, to the figure's own decimals gives it. Findings have the
columns of `temuan_audit.csv`.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_DOWN, Decimal
from types import SimpleNamespace

import pandas as pd

from ..number_forms import convention, read_number
from .findings import Findings, agrees, precision

LOWER_IS_BETTER = re.compile(
    r"pengangguran|kemiskinan|miskin|gini|inflasi|kematian|kesakitan|risiko|resiko|stunting|"
    r"prevalensi|fertility|kriminalitas|kecelakaan|kerusakan|pencemaran|ketimpangan", re.I)
_TOP = ("program", "perangkat_daerah", "uraian", "kegiatan")
_IN_PARENTHESES = re.compile(r"\(\s*([\d.,]+)\s*%?\s*\)")
MAKSIMAL, MINIMAL = "maksimal", "minimal"  # polaritas_indikator.csv's words


def audit_core(core, polarity: pd.DataFrame | None = None) -> pd.DataFrame:
    """The checks of `core` (a `read.Core`) as findings."""
    findings = Findings()
    check_core(findings, core.perjanjian_kinerja, core.capaian_kinerja,
               core.realisasi_anggaran, core.realisasi_anggaran_total, polarity,
               core.kemajuan_renstra, core.efisiensi)
    return findings.frame()


def check_core(findings: Findings, pk: pd.DataFrame, capaian: pd.DataFrame,
               budget: pd.DataFrame, totals: pd.DataFrame,
               polarity: pd.DataFrame | None = None, progress: pd.DataFrame | None = None,
               efficiency: pd.DataFrame | None = None) -> None:
    """Every check of the core datasets' rows (and of the rest of Bab III read by meaning:
    `progress`, `efficiency`), into `findings`."""
    known = polarities(polarity)
    for row in capaian.itertuples():
        _check_capaian(findings, row, polarity_of(row.indikator_kinerja, known))
    _check_between_tables(findings, capaian, pk)
    for _label, lines in budget.groupby("tabel", sort=False):
        _check_budget_lines(findings, lines)
    for total in totals.itertuples():
        _check_total(findings, total, budget[budget.tabel == total.tabel])
    for row in (progress.itertuples() if progress is not None else ()):
        _check_capaian(findings, _as_capaian(row), polarity_of(row.indikator_kinerja, known),
                       "Kemajuan terhadap target akhir")
    for row in (efficiency.itertuples() if efficiency is not None else ()):
        _check_efficiency(findings, row)


def indicator_key(indicator: str) -> str:
    """An indicator's name for comparison: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^\w%]+", " ", indicator.lower()).split())


def polarities(polarity: pd.DataFrame | None) -> dict[str, str]:
    """Indicator (compared by `indicator_key`) -> `maksimal` or `minimal`, from
    polaritas_indikator."""
    if polarity is None or polarity.empty:
        return {}
    return dict(zip(polarity.indikator_kinerja.map(indicator_key), polarity.polaritas,
                    strict=True))


def polarity_of(indicator: str, known: dict[str, str]) -> str | None:
    """An indicator's polarity: from polaritas_indikator.csv, else `minimal` where its words
    say lower is better; None where neither says."""
    stated_polarity = known.get(indicator_key(indicator))
    if stated_polarity is not None:
        return stated_polarity
    return MINIMAL if LOWER_IS_BETTER.search(indicator) else None


def stated(value: float, written: str, *others: str) -> tuple[float, bool]:
    """The number a cell states: its number, else the one number in parentheses of a text
    (`Nilai A (82,92)`: 82,92), with whether it came from the text; NaN where there is
    none. `others`, the row's other cells, settle a form the number alone leaves open
    (`Level 3 (3,157)` beside `Level 3 (3,35)`: a decimal comma)."""
    if not math.isnan(value):
        return value, False
    found = _IN_PARENTHESES.findall(written or "")
    if len(found) == 1:
        inner = [hit for text in others for hit in _IN_PARENTHESES.findall(text or "")]
        reading = read_number(found[0], convention([found[0], *inner, *others]))
        if reading.value is not None:
            return reading.value, True
    return math.nan, False


def _name(label: str, line: int) -> str:
    return label or f"Tabel tanpa judul (baris {line})"


def fits(stated: float, computed: float, printed: str = "") -> bool:
    """`stated` is `computed` rounded or cut to the stated figure's own decimals: those it is
    `printed` with where its text is at hand (`98,30` has two, `106%` none), else those its
    value shows."""
    if not math.isfinite(computed):
        return False
    shown = printed_decimals(printed)
    decimals = shown if shown is not None else precision(stated, computed)
    cut = Decimal(repr(float(computed))).quantize(Decimal(1).scaleb(-decimals), ROUND_DOWN)
    return agrees(stated, computed, decimals) or abs(float(cut) - stated) < 10 ** -(decimals + 3)


_DECIMAL_PART = re.compile(r"^-?\d[\d.,]*?[.,](\d{1,2}|\d{4,8})$")  # a decimal mark's digits
_WHOLE = re.compile(r"^-?\d{1,3}(?:[.,]\d{3})*$")


def printed_decimals(text: str) -> int | None:
    """The decimals a printed number shows (`98,30` → 2, `106%` → 0, `1.234.567` → 0); None
    where its text does not say (empty, or one group of three: `1,500`)."""
    body = text.strip().removesuffix("%").strip()
    if re.fullmatch(r"-?0[.,]\d+", body):  # `0,315`: a group never starts with 0
        return len(body) - body.index(body.lstrip("-")[1]) - 1
    decimal = _DECIMAL_PART.match(body)
    if decimal:
        return len(decimal.group(1))
    if re.fullmatch(r"-?\d+", body) or (_WHOLE.match(body) and body.count(".") + body.count(",")
                                         > 1):
        return 0
    return None


def money_sum(values) -> float:
    """The exact sum of amounts printed to the cent (no float drift over many lines)."""
    return float(sum((_cents(v) for v in values), Decimal(0)))


def _cents(value: float) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal("0.01"))


# --- capaian ----------------------------------------------------------------------------------

def _as_capaian(row) -> SimpleNamespace:
    """A row of `kemajuan_renstra` as a capaian against the plan's end target."""
    return SimpleNamespace(
        tabel=row.tabel, baris_sumber=row.baris_sumber, indikator_kinerja=row.indikator_kinerja,
        target=row.target_akhir, realisasi=row.realisasi, persen=row.tingkat_kemajuan,
        target_tertulis=row.target_akhir_tertulis, realisasi_tertulis=row.realisasi_tertulis,
        persen_tertulis=row.tingkat_kemajuan_tertulis)


def _check_efficiency(findings: Findings, row) -> None:
    """Efficiency as capaian − serapan; where only 100 − serapan (the budget left unspent)
    fits, it agrees and the note says so."""
    values = (row.persen_capaian, row.persen_serapan, row.tingkat_efisiensi)
    if any(math.isnan(v) for v in values):
        return
    gap = row.persen_capaian - row.persen_serapan
    unspent = 100 - row.persen_serapan
    printed = row.tingkat_efisiensi_tertulis
    ok = fits(row.tingkat_efisiensi, gap, printed)
    note = ""
    if not ok and fits(row.tingkat_efisiensi, unspent, printed):
        ok, gap = True, unspent
        note = ("Cocok dengan 100 − serapan (anggaran yang tidak terserap), bukan capaian − "
                "serapan.")
    elif not ok:
        note = "Tidak cocok dengan capaian − serapan maupun 100 − serapan."
    findings.record(_name(row.tabel, row.baris_sumber),
                    f"Efisiensi {row.indikator_kinerja} = capaian − serapan",
                    row.tingkat_efisiensi, gap, ok, row.baris_sumber, note)


def _check_capaian(findings: Findings, row, polarity: str | None,
                   what: str = "Capaian") -> None:
    cells = (row.target_tertulis, row.realisasi_tertulis, row.persen_tertulis)
    target, from_text = stated(row.target, row.target_tertulis, *cells)
    realisasi, realised_text = stated(row.realisasi, row.realisasi_tertulis, *cells)
    if any(math.isnan(v) for v in (target, realisasi, row.persen)) or not target:
        return
    higher = realisasi / target * 100
    lower = [(2 - realisasi / target) * 100, target / realisasi * 100 if realisasi else math.nan]
    lower_known = polarity == MINIMAL
    fits_higher = fits(row.persen, higher, row.persen_tertulis)
    fits_lower = [candidate for candidate in lower
                  if fits(row.persen, candidate, row.persen_tertulis)]
    if lower_known:
        computed, ok = (fits_lower[0], True) if fits_lower else (lower[0], False)
        note = ("" if ok else "Dihitung seolah makin tinggi makin baik (realisasi / target × "
                "100), padahal indikator ini makin rendah makin baik." if fits_higher
                else "Capaian tidak cocok dengan rumus mana pun (realisasi / target, 2 − "
                "realisasi / target, target / realisasi).")
        rule = "(2 − realisasi / target) × 100 atau target / realisasi × 100 (makin rendah " \
               "makin baik)"
    elif polarity == MAKSIMAL:
        computed, ok = higher, fits_higher
        note = "" if ok else ("Dihitung seolah makin rendah makin baik, padahal indikator ini "
                              "makin tinggi makin baik." if fits_lower else
                              "Capaian tidak sama dengan realisasi / target × 100.")
        rule = "realisasi / target × 100"
    else:
        ok = fits_higher or bool(fits_lower)
        computed = higher if fits_higher or not fits_lower else fits_lower[0]
        note = ("" if fits_higher else "Cocok hanya bila indikator ini makin rendah makin "
                "baik; polaritasnya tidak disebut: periksa polaritas_indikator.csv." if ok
                else "Capaian tidak cocok dengan rumus mana pun (realisasi / target, 2 − "
                "realisasi / target, target / realisasi).")
        rule = "realisasi / target × 100"
    if from_text or realised_text:
        note = " ".join(filter(None, [note, "Target dan realisasi dibaca dari angka dalam "
                                            "kurung pada teksnya."]))
    findings.record(_name(row.tabel, row.baris_sumber),
                    f"{what} {row.indikator_kinerja} = {rule}", row.persen, computed, ok,
                    row.baris_sumber, note)


_COMPARED = (("target", "target_tertulis", "Target"),
             ("realisasi", "realisasi_tertulis", "Realisasi"),
             ("persen", "persen_tertulis", "Capaian"))


def _check_between_tables(findings: Findings, capaian: pd.DataFrame, pk: pd.DataFrame) -> None:
    """Each indicator stated again in another table against where it was first stated; the
    performance agreement's target against each measured one."""
    first: dict[str, object] = {}
    for row in capaian.itertuples():
        reference = first.setdefault(indicator_key(row.indikator_kinerja), row)
        if reference.tabel != row.tabel:
            for column, written, name in _COMPARED:
                _check_same(findings, row, reference, column, written, name)
    agreed = {}
    for row in pk.itertuples():
        agreed.setdefault(indicator_key(row.indikator_kinerja), row)
    for row in capaian.itertuples():
        reference = agreed.get(indicator_key(row.indikator_kinerja))
        if reference is not None:
            _check_same(findings, row, reference, "target", "target_tertulis", "Target",
                        "perjanjian kinerja")


def _written(row) -> list[str]:
    """A row's target, realisasi and capaian as written (a PK row has the target only)."""
    return [getattr(row, written, "") for _column, written, _name in _COMPARED]


def _check_same(findings: Findings, row, reference, column: str, written: str, name: str,
                what: str = "") -> None:
    ours, _ = stated(getattr(row, column), getattr(row, written, ""), *_written(row))
    theirs, _ = stated(getattr(reference, column), getattr(reference, written, ""),
                       *_written(reference))
    if math.isnan(ours) or math.isnan(theirs):
        return
    coarse, fine = sorted((ours, theirs), key=lambda v: (precision(v, v), v))
    ok = fits(coarse, fine)
    where = _name(reference.tabel, reference.baris_sumber)
    findings.record(
        _name(row.tabel, row.baris_sumber),
        f"{name} {row.indikator_kinerja} = {what or where} (baris {reference.baris_sumber})",
        ours, theirs, ok, row.baris_sumber,
        "" if ok else f"{where} menyebut {name.lower()} lain untuk indikator yang sama.")


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
            ok = fits(line.persen, computed, line.persen_tertulis)
            findings.record(_name(line.tabel, line.baris_sumber),
                          f"% {line.uraian} = realisasi / anggaran × 100", line.persen,
                          computed, ok, line.baris_sumber,
                          "" if ok else "Persentase tidak sama dengan realisasi / anggaran.")
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
                      fits(total.persen, computed, total.persen_tertulis), total.baris_sumber, "")
