"""The audit: recompute every figure the report derives and compare it with what is stated.

`audit(datasets)` returns one row per check (DESIGN.md's `temuan_audit.csv` contract): the
figure as stated (`dilaporkan`), our recomputation or the same figure stated elsewhere
(`dihitung`), their difference, and `cocok` when they agree within the report's rounding (a
figure printed with two decimals agrees when the recomputation rounds to the same two
decimals). Checks that agree are listed too. `catatan` explains a disagreement and, where one
exists, the single correction that would reconcile it. The checks are grouped by table family,
one module each; tables are named by the label the document gives them.
"""

from __future__ import annotations

import pandas as pd

from ..data.provenance import with_pages
from ..i18n import _
from .anggaran import check_apbd, check_apbn
from .findings import (
    COCOK,
    COLUMNS,
    TIDAK_COCOK,
    TIDAK_DISEBUT,
    Facts,
    Findings,
    Implied,
    agrees,
    decimals_of,
    implied,
    implied_by_lines,
)
from .kinerja import (
    check_achievement,
    check_agreement_budget,
    check_efficiency,
    check_history,
    check_progress,
    check_quarters,
    check_sakip,
    check_targets,
)
from .narasi import check_not_stated, check_outputs, check_units
from .organisasi import check_sdm

SHEET = "temuan_audit"
# Workbook kinds: the figures are numbers or categories, so they are written as they are.
SHEET_KINDS = {c: "int" if c == "baris_sumber" else "text" for c in COLUMNS}
__all__ = [
    "COCOK",
    "COLUMNS",
    "SHEET",
    "SHEET_KINDS",
    "TIDAK_COCOK",
    "Facts",
    "Findings",
    "agrees",
    "audit",
    "check_apbn",
    "check_sdm",
    "decimals_of",
    "findings_csv_bytes",
    "Implied",
    "implied",
    "implied_by_lines",
    "summary",
]


def audit(d) -> pd.DataFrame:
    """Run every check on the datasets `d` of one year; one row per check. A check of the
    family's tables runs where the report holds every table it reads; the SAKIP core's checks
    run on the core rows of tables no family table was read from."""
    f, facts = Findings(d.table_labels()), Facts(d.fakta)

    def held(*names: str) -> bool:
        return all(not d[name].empty for name in names)

    if held("sdm", "sdm_total"):
        check_sdm(d, f, facts)
    if held("perjanjian_kinerja", "target_tahunan", "capaian_kinerja", "kinerja_triwulan",
            "anggaran_kinerja"):
        check_targets(d, f)
    if held("evaluasi_akip", "evaluasi_akip_total"):
        check_sakip(d, f, facts)
    if held("kinerja_triwulan", "capaian_kinerja"):
        check_quarters(d, f)
    achieved = absorbed = None
    if held("capaian_kinerja", "anggaran_kinerja", "kemajuan_renstra"):
        achieved = check_achievement(d, f, facts)
    if held("kinerja_historis", "kinerja_perubahan"):
        check_history(d, f)
    if held("kemajuan_renstra"):
        check_progress(d, f)
    if held("realisasi_apbd", "realisasi_apbd_total"):
        absorbed = check_apbd(d, f, facts)
    if achieved is not None and absorbed is not None:
        if held("efisiensi"):
            check_efficiency(d, f, facts, achieved, absorbed)
        check_agreement_budget(d, f, facts, achieved, absorbed)
    if held("realisasi_apbn", "realisasi_apbn_total"):
        check_apbn(d, f, facts)
    if held("fakta"):
        check_outputs(d, f, facts)
        check_units(d, f, facts)
        check_not_stated(f, facts)
    _check_core(d, f)
    return with_pages(_ordered(f.frame()), d.asal_baris)


def _check_core(d, f: Findings) -> None:
    """The SAKIP core's checks on the rows of tables the family did not read."""
    from ..core.audit import check_core  # the core's audit builds on this package's findings

    family = set(d.table_labels().values())

    def own(name: str) -> pd.DataFrame:
        frame = d[name]
        return frame[~frame.tabel.isin(family) | (frame.tabel == "")]

    check_core(f, own("perjanjian_kinerja"), own("capaian_kinerja"),
               own("realisasi_anggaran"), own("realisasi_anggaran_total"),
               d.polaritas_indikator)


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Tables in report order, the narrative last; checks in the order they were made."""
    key = df.tabel.map(lambda t: 10_000 if t == "Narasi" else _label_number(t))
    return (
        df.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)
    )


def _label_number(label: str) -> int:
    digits = "".join(c for c in label if c.isdigit())
    return int(digits) if digits else 9_999


def summary(findings: pd.DataFrame) -> str:
    """One line: how many checks, how many agree (and figures the narrative no longer
    states, when there are any)."""
    agree = int((findings.status == COCOK).sum())
    absent = int((findings.status == TIDAK_DISEBUT).sum())
    line = _("{checks} checks: {agree} agree, {disagree} do not agree").format(
        checks=len(findings) - absent, agree=agree, disagree=len(findings) - absent - agree)
    return line + (_("; {absent} figures the narrative no longer states").format(
        absent=absent) if absent else "")


def findings_csv_bytes(findings: pd.DataFrame) -> bytes:
    """The findings as `temuan_audit.csv` (UTF-8, plain numbers, text safe to open in a
    spreadsheet)."""
    from ..data.spreadsheet import people_csv_bytes

    return people_csv_bytes(findings)
