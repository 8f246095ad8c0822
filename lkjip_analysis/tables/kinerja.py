"""Tabel 7 (evaluasi AKIP) to Tabel 12 (efisiensi): the performance indicator tables."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from .base import Reader, TableSpec

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(r"Triwulan\s+(IV|I{1,3})\b", re.I)
_SCORE_ROW = re.compile(r"nilai", re.I)
_INDICATOR_TEXT = ("sasaran_strategis", "indikator_kinerja", "satuan")
_CATEGORY_ROW = re.compile(r"kategori", re.I)


def build_evaluasi_akip(reader: Reader) -> dict[str, pd.DataFrame]:
    """Component scores per year, and apart from them the stated total score and category."""
    years = reader.years("nilai")
    parts, totals = [], {}
    for row in reader.table.rows:
        label = reader.text(row, "komponen") or reader.text(row, "no")
        if reader.is_numbered(row):
            for column, year in years:
                parts.append({"no": reader.number(row), "komponen": label,
                              "bobot": reader.percent(row, "bobot", plausible=(0, 100)),
                              "tahun": year, "nilai": reader.decimal(row, "nilai", at=column),
                              "baris_sumber": row.line})
        elif _CATEGORY_ROW.search(label):
            for column, year in years:
                totals.setdefault(year, {"tahun": year})
                totals[year].update(kategori=reader.text(row, "nilai", at=column),
                                    baris_sumber_kategori=row.line)
        elif _SCORE_ROW.search(label):
            for column, year in years:
                totals.setdefault(year, {"tahun": year})
                totals[year].update(nilai=reader.decimal(row, "nilai", at=column),
                                    baris_sumber=row.line)
        else:
            raise reader.table.error(_("an unexpected row"), row=row)
    cols = ["no", "komponen", "bobot", "tahun", "nilai", "baris_sumber"]
    total_cols = ["tahun", "nilai", "kategori", "baris_sumber", "baris_sumber_kategori"]
    return {"evaluasi_akip": reader.frame(parts, cols),
            "evaluasi_akip_total": reader.frame(list(totals.values()), total_cols)}


def build_kinerja_triwulan(reader: Reader) -> dict[str, pd.DataFrame]:
    """Quarterly targets and results; the indicator cells merged down are filled."""
    records, indicator = [], None
    for row in reader.table.rows:
        if reader.is_numbered(row):
            indicator = {"no": reader.number(row),
                         **{k: reader.text(row, k) for k in _INDICATOR_TEXT},
                         "target_tahunan": reader.decimal(row, "target_tahunan")}
        if indicator is None:
            raise reader.table.error(_("a quarter row before its indicator"), row=row)
        quarter = _QUARTER.search(reader.text(row, "triwulan"))
        if not quarter:
            raise reader.table.error(_("not a quarter ('Triwulan I'…'IV')"), row=row,
                                     cell=reader.cell(row, "triwulan"), column="triwulan")
        records.append({**indicator, "triwulan": _ROMAN[quarter.group(1).upper()],
                        "target": reader.decimal(row, "target"),
                        "realisasi": reader.decimal(row, "realisasi"),
                        "persen": reader.percent(row, "persen", optional=True),
                        "baris_sumber": row.line})
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "satuan", "target_tahunan",
            "triwulan", "target", "realisasi", "persen", "baris_sumber"]
    return {"kinerja_triwulan": reader.frame(records, cols)}


def build_capaian_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 9: target, realisation and % per indicator (the table names no misi or
    sasaran)."""
    records = [
        {"tabel": reader.table.label, "no": reader.number(row), "misi": "",
         "sasaran_strategis": "", "indikator_kinerja": reader.text(row, "indikator_kinerja"),
         "satuan": reader.text(row, "satuan"), "target": reader.decimal(row, "target"),
         "realisasi": reader.decimal(row, "realisasi"),
         "persen": reader.percent(row, "persen"),
         **{f"{column}_tertulis": reader.text(row, column)
            for column in ("target", "realisasi", "persen")},
         "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["tabel", "no", "misi", "sasaran_strategis", "indikator_kinerja", "satuan", "target",
            "realisasi", "persen", "target_tertulis", "realisasi_tertulis", "persen_tertulis",
            "baris_sumber"]
    return {"capaian_kinerja": reader.frame(records, cols)}


def build_kinerja_historis(reader: Reader) -> dict[str, pd.DataFrame]:
    """Realisation by year, and apart from it the stated change with its stated formula."""
    years = reader.years("realisasi")
    numbering = reader.numbering_row()
    history, changes = [], []
    for row in reader.table.rows:
        base = {"no": reader.number(row), "indikator_kinerja": reader.text(row,
                                                                           "indikator_kinerja"),
                "satuan": reader.text(row, "satuan")}
        for column, year in years:
            history.append({**base, "tahun": year,
                            "realisasi": reader.decimal(row, "realisasi", at=column),
                            "baris_sumber": row.line})
        changes.append({**base, "rumus": reader.numbering("persen_perubahan"),
                        "persen_perubahan": reader.percent(row, "persen_perubahan",
                                                           plausible=(-1000, 1000)),
                        "baris_sumber": row.line,
                        "baris_rumus": numbering.line if numbering else None})
    cols = ["no", "indikator_kinerja", "satuan", "tahun", "realisasi", "baris_sumber"]
    change_cols = ["no", "indikator_kinerja", "satuan", "rumus", "persen_perubahan",
                   "baris_sumber", "baris_rumus"]
    return {"kinerja_historis": reader.frame(history, cols),
            "kinerja_perubahan": reader.frame(changes, change_cols)}


def build_kemajuan_renstra(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 11: progress toward the end-of-plan target."""
    records = [
        {"no": reader.number(row), "indikator_kinerja": reader.text(row, "indikator_kinerja"),
         "satuan": reader.text(row, "satuan"),
         "target_akhir": reader.decimal(row, "target_akhir"),
         "realisasi": reader.decimal(row, "realisasi"),
         "tingkat_kemajuan": reader.percent(row, "tingkat_kemajuan"),
         "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "indikator_kinerja", "satuan", "target_akhir", "realisasi",
            "tingkat_kemajuan", "baris_sumber"]
    return {"kemajuan_renstra": reader.frame(records, cols)}


def build_efisiensi(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 12: capaian, serapan, efisiensi and the formula."""
    records = [
        {"no": reader.number(row), "sasaran_strategis": reader.text(row, "sasaran_strategis"),
         "indikator_kinerja": reader.text(row, "indikator_kinerja"),
         "persen_capaian": reader.percent(row, "persen_capaian"),
         "persen_serapan": reader.percent(row, "persen_serapan"),
         "tingkat_efisiensi": reader.percent(row, "tingkat_efisiensi", plausible=(-200, 200)),
         "rumus": reader.numbering("tingkat_efisiensi"), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "persen_capaian", "persen_serapan",
            "tingkat_efisiensi", "rumus", "baris_sumber"]
    return {"efisiensi": reader.frame(records, cols)}


_INDICATOR = {"no": "No", "indikator_kinerja": "Indikator Kinerja", "satuan": "Satuan"}
SPECS = (
    TableSpec("evaluasi_akip", ("No.", "Komponen Yang Dinilai", "Bobot", "Nilai 2019"), 2,
              build_evaluasi_akip,
              {"no": "No", "komponen": "Komponen Yang Dinilai", "bobot": "Bobot",
               "nilai": "Nilai #"}),
    TableSpec("kinerja_triwulan", ("No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                                   "Target Tahunan", "Triwulanan", "Target", "Realisasi", "%"),
              2, build_kinerja_triwulan,
              {**_INDICATOR, "sasaran_strategis": "Sasaran Strategis",
               "target_tahunan": "Target Tahunan", "triwulan": "Triwulanan",
               "target": "Target", "realisasi": "Realisasi", "persen": "%"}),
    TableSpec("capaian_kinerja", ("No.", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
                                  "%"), 2, build_capaian_kinerja,
              {**_INDICATOR, "target": "Target", "realisasi": "Realisasi", "persen": "%"}),
    TableSpec("kinerja_historis", ("No", "Indikator Kinerja", "Satuan", "Realisasi",
                                   "% Peningkatan/Penurunan"), 3, build_kinerja_historis,
              {**_INDICATOR, "realisasi": "Realisasi > #",
               "persen_perubahan": "% Peningkatan/Penurunan"}),
    TableSpec("kemajuan_renstra", ("No.", "Indikator Kinerja", "Satuan",
                                   "Target Akhir RPJMD/RENSTRA", "Realisasi",
                                   "Tingkat Kemajuan"), 2, build_kemajuan_renstra,
              {**_INDICATOR, "target_akhir": "Target Akhir RPJMD/RENSTRA",
               "realisasi": "Realisasi", "tingkat_kemajuan": "Tingkat Kemajuan"}),
    TableSpec("efisiensi", ("No", "Sasaran Strategis", "Indikator Kinerja",
                            "% Capaian Kinerja", "% Penyerapan Anggaran", "Tingkat Efisiensi"),
              2, build_efisiensi,
              {"no": "No", "sasaran_strategis": "Sasaran Strategis",
               "indikator_kinerja": "Indikator Kinerja", "persen_capaian": "% Capaian Kinerja",
               "persen_serapan": "% Penyerapan Anggaran",
               "tingkat_efisiensi": "Tingkat Efisiensi"}),
)
