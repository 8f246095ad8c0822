"""The SAKIP core of one report as a reader sees it: which parts the report holds, each
indicator with its polarity, the budget per programme or unit, and the headline figures (how
many indicators reached their target, the absorption, the audit's disagreements)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .audit import MAKSIMAL, MINIMAL, indicator_key, polarities, polarity_of

POLARITY_WORDS = {MAKSIMAL: "makin tinggi makin baik", MINIMAL: "makin rendah makin baik",
                  None: "tidak disebut"}
TOP_LEVELS = ("program", "perangkat_daerah")


def completeness(d) -> pd.DataFrame:
    """Each part of an LKjIP: held or not, from which tables, and why not."""
    parts = d.kelengkapan
    return pd.DataFrame({"Bagian LKjIP": parts.bagian,
                         "Ada": parts.ada.map({True: "ada", False: "tidak ada"}),
                         "Tabel": parts.tabel, "Baris": parts.baris,
                         "Keterangan": parts.keterangan})


def indicators(d) -> pd.DataFrame:
    """Each indicator row of the measurement of performance, as written, with its capaian and
    polarity."""
    rows = d.capaian_kinerja
    known = polarities(d.polaritas_indikator)
    return pd.DataFrame({
        "Tabel": rows.tabel.replace("", "tanpa judul"), "Sasaran": rows.sasaran_strategis,
        "Indikator": rows.indikator_kinerja, "Satuan": rows.satuan,
        "Target": rows.target_tertulis, "Realisasi": rows.realisasi_tertulis,
        "Capaian": rows.persen,
        "Polaritas": [POLARITY_WORDS[polarity_of(i, known)] for i in rows.indikator_kinerja]})


def top_lines(d) -> pd.DataFrame:
    """The budget's top-level lines (programmes, or units), else every line."""
    lines = d.realisasi_anggaran
    top = lines[lines.tingkat.isin(TOP_LEVELS)]
    return (top if not top.empty else lines).reset_index(drop=True)


def budget(d) -> pd.DataFrame:
    """The top-level budget lines for reading."""
    lines = top_lines(d)
    return pd.DataFrame({"Tabel": lines.tabel.replace("", "tanpa judul"),
                         "Tingkat": lines.tingkat.str.replace("_", " "),
                         "Uraian": lines.uraian, "Anggaran": lines.anggaran,
                         "Realisasi": lines.realisasi, "%": lines.persen})


@dataclass(frozen=True)
class Budget:
    """One budget table's grand total (its last total line): as stated, the serapan
    recomputed only where the table prints both amounts and no percentage."""

    tabel: str
    uraian: str
    anggaran: float
    realisasi: float
    serapan: float


@dataclass(frozen=True)
class Headline:
    """What a head of agency reads first."""

    measured: int  # indicators with a stated capaian (each once, from its first table)
    reached: int  # of them, at or above 100 %
    budgets: list[Budget]  # each budget table's grand total
    checks: int
    disagreements: int


def headline(d, findings: pd.DataFrame) -> Headline:
    """The headline figures of `d`, its audit `findings` counted."""
    first = stated_once(d.capaian_kinerja)
    return Headline(len(first), int((first.persen >= 100).sum()),
                    grand_totals(d.realisasi_anggaran_total),
                    len(findings), int((findings.status == "tidak_cocok").sum()))


def stated_once(capaian: pd.DataFrame) -> pd.DataFrame:
    """Each indicator with a stated capaian once, from the first table that states it (its
    name compared with case and punctuation aside: `Indeks Gini` is `Indeks gini`)."""
    rows = capaian.dropna(subset=["persen"])
    return rows[~rows.indikator_kinerja.map(indicator_key).duplicated()]


def grand_totals(totals: pd.DataFrame) -> list[Budget]:
    """Each table's last total line (a table's subtotals come before its grand total: Belanja
    Tidak Langsung, Belanja Langsung, Total)."""
    found = []
    for tabel, lines in totals.groupby("tabel", sort=False):
        last = lines.iloc[-1]
        serapan = last.persen
        if math.isnan(serapan) and last.anggaran and not math.isnan(last.anggaran) \
                and not math.isnan(last.realisasi):
            serapan = last.realisasi / last.anggaran * 100
        found.append(Budget(tabel or "tabel tanpa judul", last.uraian, last.anggaran,
                            last.realisasi, serapan))
    return found
