"""The series across years: budget totals per year and fund, and the indicator history.

A year that has a report takes its figures from that report's own datasets; a year without
one, from the latest report whose budget charts state it; only then from the budget history
file (`anggaran_historis.csv`). Every row names where it came from (`sumber`: report, table or
Grafik, line), so the analyst sees which figure is a report's and which an input file's.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import metrics
from ..core.findings import indicator_key
from ..data import schemas
from .grafik import chart_budget

APBD, APBN = "APBD", "APBN"
_GRAND_TOTAL = re.compile(r"^\s*(total|jumlah)", re.I)


def where(year: int, tabel: str, line: int) -> str:
    """`LKjIP 2020, Tabel 14 baris 744`."""
    return f"LKjIP {year}, {tabel} baris {int(line)}"


def _fact(d, key: str) -> pd.Series | None:
    found = d.fakta[(d.fakta.kunci == key) & d.fakta.ditemukan]
    return found.iloc[0] if not found.empty else None


def report_budget(d) -> list[dict]:
    """The year's APBD and APBN totals as its report states them: realisation from the budget
    tables' grand totals, the budget from the narrative (the tables have no budget column)."""
    apbd = d.realisasi_apbd_total
    grand = apbd[apbd.uraian.str.match(_GRAND_TOTAL)]
    apbn = d.realisasi_apbn_total
    totals = {APBD: (grand.iloc[-1] if not grand.empty else None, "realisasi_apbd", "apbd"),
              APBN: (apbn[apbn.sumber_dana == "Semua"].iloc[-1]
                     if (apbn.sumber_dana == "Semua").any() else None, "realisasi_apbn", "apbn")}
    rows = []
    for fund, (total, dataset, key) in totals.items():
        budget = _fact(d, f"{key}_anggaran")
        origin = {}
        if total is not None:
            origin["realisasi"] = (where(d.year, d.table_label(dataset), total.baris_sumber),
                                   int(total.baris_sumber))
        if budget is not None:
            origin["anggaran"] = (where(d.year, "narasi", budget.baris_sumber),
                                  int(budget.baris_sumber))
        parts = [f"{column} {text}" for column, (text, _) in origin.items()]
        rows.append({"tahun": d.year, "sumber_dana": fund,
                     "anggaran": budget.nilai if budget is not None else float("nan"),
                     "realisasi": total.realisasi if total is not None else float("nan"),
                     "sumber": "; ".join(parts) or f"LKjIP {d.year}: tidak menyebut angkanya",
                     "asal": origin})
    return rows


def budget_series(reports: dict, history: pd.DataFrame) -> pd.DataFrame:
    """`anggaran_tahunan`: one row per year and fund, every report year from its report, the
    other years from the history file (left empty where it is empty, with its reason)."""
    rows = [{k: v for k, v in row.items() if k != "asal"}
            for d in reports.values() for row in report_budget(d)]
    stated = {(row["tahun"], row["sumber_dana"]) for row in rows}
    for d in sorted(reports.values(), key=lambda d: d.year, reverse=True):  # latest first
        for row in chart_budget(d):
            if (row["tahun"], row["sumber_dana"]) not in stated:
                stated.add((row["tahun"], row["sumber_dana"]))
                rows.append({k: v for k, v in row.items() if k not in ("asal", "grafik")})
    filled = history.apply(lambda r: (r.tahun, r.sumber_dana) in stated, axis=1) \
        if len(history) else pd.Series(dtype=bool)
    without_report = history[~filled] if len(history) else history
    rows += without_report[["tahun", "sumber_dana", "anggaran", "realisasi", "sumber"]].assign(
        sumber=lambda df: "anggaran_historis.csv: " + df.sumber).to_dict("records")
    df = pd.DataFrame(rows, columns=["tahun", "sumber_dana", "anggaran", "realisasi", "sumber"])
    df["serapan"] = metrics.serapan(df.realisasi.astype(float), df.anggaran.astype(float))
    df = df.sort_values(["sumber_dana", "tahun"], kind="stable").reset_index(drop=True)
    columns = [c for c, _ in schemas.SERIES_COLUMNS["anggaran_tahunan"]]
    return schemas.conform("anggaran_tahunan", df[columns], "anggaran_tahunan")


def _polarity(d, indicator: str) -> str:
    table = d.polaritas_indikator
    match = table[table.indikator_kinerja.map(indicator_key) == indicator_key(indicator)]
    return match.polaritas.iloc[0] if not match.empty else metrics.MAKSIMAL


def report_indicators(d) -> list[dict]:
    """The indicator rows one report states: its own year (target and realisation) and the
    history it restates."""
    own_label, past_label = d.table_label("capaian_kinerja"), d.table_label("kinerja_historis")
    # the unit each indicator has in the report's own year; its history is stated in it too
    units = {indicator_key(r.indikator_kinerja): r.satuan for r in d.capaian_kinerja.itertuples()}
    rows = []
    for row in d.capaian_kinerja.itertuples():
        rows.append({"indikator": row.indikator_kinerja, "tahun": d.year,
                     "target": row.target, "realisasi": row.realisasi,
                     "capaian": metrics.capaian(row.realisasi, row.target,
                                                _polarity(d, row.indikator_kinerja)),
                     "sumber": where(d.year, own_label, row.baris_sumber),
                     "tahun_laporan": d.year, "tabel": own_label,
                     "baris_sumber": row.baris_sumber, "satuan": row.satuan})
    for row in d.kinerja_historis.itertuples():
        rows.append({"indikator": row.indikator_kinerja, "tahun": row.tahun,
                     "target": float("nan"), "realisasi": row.realisasi,
                     "capaian": float("nan"),
                     "sumber": where(d.year, past_label, row.baris_sumber),
                     "tahun_laporan": d.year, "tabel": past_label,
                     "baris_sumber": row.baris_sumber,
                     "satuan": units.get(indicator_key(row.indikator_kinerja), "")})
    return rows


def indicator_series(reports: dict) -> pd.DataFrame:
    """`kinerja_tahunan`: every indicator figure of every report, by year; a year stated by
    several reports has a row from each."""
    rows = [row for d in reports.values() for row in report_indicators(d)]
    columns = [c for c, _ in schemas.SERIES_COLUMNS["kinerja_tahunan"]]
    df = pd.DataFrame(rows, columns=columns)
    df = df.sort_values(["indikator", "tahun", "tahun_laporan"], kind="stable")
    return schemas.conform("kinerja_tahunan", df.reset_index(drop=True), "kinerja_tahunan")
