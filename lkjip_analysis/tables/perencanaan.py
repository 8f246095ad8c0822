"""Tabel 3 (target tahunan), 4 (program dan kegiatan), 5 (IKU), 6 (perjanjian kinerja)."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from .base import Reader, TableSpec, only_text

_FUND = re.compile(r"\b(APBD|APBN)\b")
_LATEX_FRAC = re.compile(r"\\frac\{(.*)\}\{(.*)\}")
_LATEX_TEXT = re.compile(r"\\text\{([^}]*)\}")

TARGET_COLUMNS = ["tujuan", "indikator_tujuan", "sasaran_strategis", "indikator_sasaran",
                  "satuan"]


def build_target_tahunan(reader: Reader) -> dict[str, pd.DataFrame]:
    """One row per indicator and year: the baseline achievement and the yearly targets."""
    periods = [(column, kind, year) for kind in ("capaian", "target")
               for column, year in reader.years(kind)]
    records = []
    for row in reader.table.rows:
        base = {name: reader.text(row, name) for name in TARGET_COLUMNS}
        for column, kind, year in periods:
            records.append({**base, "jenis": kind, "tahun": year,
                            "nilai": reader.decimal(row, "nilai", at=column),
                            "baris_sumber": row.line})
    cols = [*TARGET_COLUMNS, "jenis", "tahun", "nilai", "baris_sumber"]
    return {"target_tahunan": reader.frame(records, cols)}


def build_program_kegiatan(reader: Reader) -> dict[str, pd.DataFrame]:
    """Programs and activities by source of funds. Cells merged down in the PDF are empty on
    later lines here; they are filled from the line above within the same fund section."""
    fill = ["no", "tujuan", "sasaran_strategis", "indikator_sasaran", "satuan", "program"]
    records, fund, above = [], None, {}
    for row in reader.table.rows:
        alone = only_text(row)
        section = _FUND.search(alone.text) if alone and not reader.is_numbered(row) else None
        if section:
            fund, above = section.group(1), {}
            continue
        if fund is None:
            raise reader.table.error(_("a row before the first APBD/APBN section"), row=row)
        above = {k: reader.text(row, k) or above.get(k, "") for k in fill}
        records.append({"sumber_dana": fund, **above, "kegiatan": reader.text(row, "kegiatan"),
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
    texts = ["sasaran_strategis", "indikator_kinerja", "alasan"]
    records = [
        {"no": reader.number(row), **{k: reader.text(row, k) for k in texts},
         "formulasi": latex_to_text(reader.text(row, "formulasi")),
         "sumber_data": reader.text(row, "sumber_data"),
         "penanggung_jawab": reader.text(row, "penanggung_jawab"), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", *texts, "formulasi", "sumber_data", "penanggung_jawab", "baris_sumber"]
    return {"iku": reader.frame(records, cols)}


def build_perjanjian_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 6: the performance agreement's targets."""
    records = [
        {"tabel": reader.table.label, "no": reader.number(row),
         "sasaran_strategis": reader.text(row, "sasaran_strategis"),
         "indikator_kinerja": reader.text(row, "indikator_kinerja"),
         "satuan": reader.text(row, "satuan"), "target": reader.decimal(row, "target"),
         "target_tertulis": reader.text(row, "target"), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["tabel", "no", "sasaran_strategis", "indikator_kinerja", "satuan", "target",
            "target_tertulis", "baris_sumber"]
    return {"perjanjian_kinerja": reader.frame(records, cols)}


SPECS = (
    TableSpec("target_tahunan", ("Tujuan", "Indikator Tujuan", "Sasaran Strategis",
                                 "Indikator Sasaran", "Satuan", "Capaian s.d. Th. 2013",
                                 "Target Kinerja Sasaran Tahun"), 3, build_target_tahunan,
              {"tujuan": "Tujuan", "indikator_tujuan": "Indikator Tujuan",
               "sasaran_strategis": "Sasaran Strategis",
               "indikator_sasaran": "Indikator Sasaran", "satuan": "Satuan",
               "capaian": "Capaian s.d. Th. #", "target": "Target Kinerja Sasaran Tahun > #"}),
    TableSpec("program_kegiatan", ("No.", "Tujuan", "Sasaran Strategis", "Indikator Sasaran",
                                   "Satuan", "Program", "Kegiatan"), 2, build_program_kegiatan,
              {"no": "No", "tujuan": "Tujuan", "sasaran_strategis": "Sasaran Strategis",
               "indikator_sasaran": "Indikator Sasaran", "satuan": "Satuan",
               "program": "Program", "kegiatan": "Kegiatan"}),
    TableSpec("iku", ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Alasan",
                      "Penjelasan (Formulasi Perhitungan)", "Sumber Data", "Penanggung Jawab"),
              1, build_iku,
              {"no": "No", "sasaran_strategis": "Sasaran Strategis",
               "indikator_kinerja": "Indikator Kinerja Utama", "alasan": "Alasan",
               "formulasi": "Penjelasan (Formulasi Perhitungan)", "sumber_data": "Sumber Data",
               "penanggung_jawab": "Penanggung Jawab"}),
    TableSpec("perjanjian_kinerja", ("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                                     "Target"), 1, build_perjanjian_kinerja,
              {"no": "No", "sasaran_strategis": "Sasaran Strategis",
               "indikator_kinerja": "Indikator Kinerja", "satuan": "Satuan", "target": "Target"}),
)
