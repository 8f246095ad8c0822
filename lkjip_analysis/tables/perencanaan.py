"""Tabel 3 (target tahunan), 4 (program dan kegiatan), 5 (IKU), 6 (perjanjian kinerja)."""

from __future__ import annotations

import re

import pandas as pd

from .base import Reader, TableSpec, is_numbered

_YEAR = re.compile(r"(\d{4})")
_FUND = re.compile(r"\b(APBD|APBN)\b")
_LATEX_FRAC = re.compile(r"\\frac\{(.*)\}\{(.*)\}")
_LATEX_TEXT = re.compile(r"\\text\{([^}]*)\}")

TARGET_COLUMNS = ["tujuan", "indikator_tujuan", "sasaran_strategis", "indikator_sasaran",
                  "satuan"]


def build_target_tahunan(reader: Reader) -> dict[str, pd.DataFrame]:
    """One row per indicator and year: the baseline achievement and the yearly targets."""
    first, years, _numbering = reader.table.header
    baseline_year = int(_YEAR.search(first.text(5)).group(1))
    periods = [(5, "capaian", baseline_year)] + [
        (c.column, "target", int(c.text)) for c in years.cells[6:] if c.text
    ]
    records = []
    for row in reader.table.rows:
        base = {name: row.text(i) for i, name in enumerate(TARGET_COLUMNS)}
        for column, kind, year in periods:
            records.append({**base, "jenis": kind, "tahun": year,
                            "nilai": reader.decimal(row, column, "nilai"),
                            "baris_sumber": row.line})
    cols = [*TARGET_COLUMNS, "jenis", "tahun", "nilai", "baris_sumber"]
    return {"target_tahunan": reader.frame(records, cols)}


def build_program_kegiatan(reader: Reader) -> dict[str, pd.DataFrame]:
    """Programs and activities by source of funds. Cells merged down in the PDF are empty on
    later lines here; they are filled from the line above within the same fund section."""
    fill = ["no", "tujuan", "sasaran_strategis", "indikator_sasaran", "satuan", "program"]
    records, fund, above = [], None, {}
    for row in reader.table.rows:
        section = _FUND.search(row.text(0)) if not is_numbered(row) else None
        if section:
            fund, above = section.group(1), {}
            continue
        if fund is None:
            raise reader.table.error("row before the first APBD/APBN section", row=row)
        values = dict(zip(fill, (row.text(i) for i in range(6)), strict=True))
        above = {k: values[k] or above.get(k, "") for k in fill}
        records.append({"sumber_dana": fund, **above, "kegiatan": row.text(6),
                        "baris_sumber": row.line})
    cols = ["sumber_dana", *fill, "kegiatan", "baris_sumber"]
    df = reader.frame(records, cols)
    df["no"] = pd.to_numeric(df["no"].str.rstrip("."), errors="coerce").astype("Int64")
    return {"program_kegiatan": df}


def latex_to_text(formula: str) -> str:
    """`$\\frac{\\text{A}}{\\text{B}} \\times 100 \\%$` -> `(A / B) × 100%`."""
    text = formula.strip().strip("$").strip()
    text = _LATEX_TEXT.sub(r"\1", text)
    text = _LATEX_FRAC.sub(r"(\1 / \2)", text)
    return " ".join(text.replace("\\times", "×").replace("\\%", "%").split()).replace(" %", "%")


def build_iku(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 5: key indicators with their formula as plain text."""
    records = [
        {"no": int(row.text(0).rstrip(".")), "sasaran_strategis": row.text(1),
         "indikator_kinerja": row.text(2), "alasan": row.text(3),
         "formulasi": latex_to_text(row.text(4)), "sumber_data": row.text(5),
         "penanggung_jawab": row.text(6), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "alasan", "formulasi",
            "sumber_data", "penanggung_jawab", "baris_sumber"]
    return {"iku": reader.frame(records, cols)}


def build_perjanjian_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 6: the performance agreement's targets."""
    records = [
        {"no": int(row.text(0).rstrip(".")), "sasaran_strategis": row.text(1),
         "indikator_kinerja": row.text(2), "satuan": row.text(3),
         "target": reader.decimal(row, 4, "target"), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "satuan", "target", "baris_sumber"]
    return {"perjanjian_kinerja": reader.frame(records, cols)}


SPECS = (
    TableSpec("target_tahunan", ("Tujuan", "Indikator Tujuan", "Sasaran Strategis",
                                 "Indikator Sasaran", "Satuan", "Capaian s.d. Th. 2013",
                                 "Target Kinerja Sasaran Tahun"), 3, build_target_tahunan),
    TableSpec("program_kegiatan", ("No.", "Tujuan", "Sasaran Strategis", "Indikator Sasaran",
                                   "Satuan", "Program", "Kegiatan"), 2, build_program_kegiatan),
    TableSpec("iku", ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Alasan",
                      "Penjelasan (Formulasi Perhitungan)", "Sumber Data", "Penanggung Jawab"),
              1, build_iku),
    TableSpec("perjanjian_kinerja", ("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                                     "Target"), 1, build_perjanjian_kinerja),
)
