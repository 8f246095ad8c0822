"""The audit: recompute every figure the report derives and compare it with what is stated.

`audit(datasets)` returns one row per check (DESIGN.md's `temuan_audit.csv` contract): the
figure as stated (`dilaporkan`), our recomputation or the same figure stated elsewhere
(`dihitung`), their difference, and `cocok` when they agree within the report's rounding (a
figure printed with two decimals agrees when the recomputation rounds to the same two
decimals). Checks that agree are listed too. `catatan` explains a disagreement and, where one
exists, the single correction that would reconcile it. Each family's checks live with the family
(`families/<key>/pemeriksaan`), the SAKIP core's in `core.audit`; tables are named by the label
the document gives them.
"""

from __future__ import annotations

import pandas as pd

from ..core.audit import check_core
from ..core.findings import (
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
from ..data.provenance import with_pages
from ..families import FAMILIES
from ..families.kaltim_dinsos.pemeriksaan import check_apbn, check_sdm
from ..i18n import _

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
    """Run every check on the datasets `d` of one year; one row per check. Each family's
    checks run on the tables of it the report holds; the SAKIP core's checks run on the core
    rows of tables no family table was read from."""
    f, facts = Findings(d.table_labels()), Facts(d.fakta)
    for family in FAMILIES:
        if family.checks is not None:
            family.checks(d, f, facts)
    _check_core(d, f)
    return with_pages(_ordered(f.frame()), d.asal_baris)


def _check_core(d, f: Findings) -> None:
    """The SAKIP core's checks on the rows of tables the family did not read."""
    family = set(d.table_labels().values())

    def own(name: str) -> pd.DataFrame:
        frame = d[name]
        return frame[~frame.tabel.isin(family) | (frame.tabel == "")]

    check_core(f, own("perjanjian_kinerja"), own("capaian_kinerja"),
               own("realisasi_anggaran"), own("realisasi_anggaran_total"),
               d.polaritas_indikator, own("kemajuan_renstra"), own("efisiensi"))


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
