"""Tabel 7 (evaluasi AKIP) to Tabel 12 (efisiensi): the performance indicator tables."""

from __future__ import annotations

import re

import pandas as pd

from .base import Reader, TableSpec, is_numbered

_YEAR = re.compile(r"(\d{4})")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(r"Triwulan\s+(IV|I{1,3})\b", re.I)
_SCORE_ROW = re.compile(r"nilai", re.I)
_CATEGORY_ROW = re.compile(r"kategori", re.I)


def _no(row) -> int:
    return int(row.text(0).rstrip("."))


def _year_columns(header_row, first: int) -> list[tuple[int, int]]:
    return [(c.column, int(m.group(1))) for c in header_row.cells[first:]
            if (m := _YEAR.search(c.text))]


def build_evaluasi_akip(reader: Reader) -> dict[str, pd.DataFrame]:
    """Component scores per year, and apart from them the stated total score and category."""
    years = _year_columns(reader.table.header[0], 3)
    parts, totals = [], {}
    for row in reader.table.rows:
        if is_numbered(row):
            for column, year in years:
                parts.append({"no": _no(row), "komponen": row.text(1),
                              "bobot": reader.percent(row, 2, "bobot", plausible=(0, 100)),
                              "tahun": year, "nilai": reader.decimal(row, column, "nilai"),
                              "baris_sumber": row.line})
        elif _CATEGORY_ROW.search(row.text(1)):
            for column, year in years:
                totals.setdefault(year, {"tahun": year})
                totals[year].update(kategori=row.text(column), baris_sumber_kategori=row.line)
        elif _SCORE_ROW.search(row.text(1)):
            for column, year in years:
                totals.setdefault(year, {"tahun": year})
                totals[year].update(nilai=reader.decimal(row, column, "nilai"),
                                    baris_sumber=row.line)
        else:
            raise reader.table.error("unexpected row", row=row)
    cols = ["no", "komponen", "bobot", "tahun", "nilai", "baris_sumber"]
    total_cols = ["tahun", "nilai", "kategori", "baris_sumber", "baris_sumber_kategori"]
    return {"evaluasi_akip": reader.frame(parts, cols),
            "evaluasi_akip_total": reader.frame(list(totals.values()), total_cols)}


def build_kinerja_triwulan(reader: Reader) -> dict[str, pd.DataFrame]:
    """Quarterly targets and results; the indicator cells merged down are filled."""
    records, indicator = [], None
    for row in reader.table.rows:
        if is_numbered(row):
            indicator = {"no": _no(row), "sasaran_strategis": row.text(1),
                         "indikator_kinerja": row.text(2), "satuan": row.text(3),
                         "target_tahunan": reader.decimal(row, 4, "target_tahunan")}
        if indicator is None:
            raise reader.table.error("quarter row before its indicator", row=row)
        quarter = _QUARTER.search(row.text(5))
        if not quarter:
            raise reader.table.error("not a quarter ('Triwulan I'…'IV')", row=row,
                                     cell=row.cells[5], column="triwulan")
        records.append({**indicator, "triwulan": _ROMAN[quarter.group(1).upper()],
                        "target": reader.decimal(row, 6, "target"),
                        "realisasi": reader.decimal(row, 7, "realisasi"),
                        "persen": reader.percent(row, 8, "persen", optional=True),
                        "baris_sumber": row.line})
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "satuan", "target_tahunan",
            "triwulan", "target", "realisasi", "persen", "baris_sumber"]
    return {"kinerja_triwulan": reader.frame(records, cols)}


def build_capaian_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 9: target, realisation and % per indicator."""
    records = [
        {"no": _no(row), "indikator_kinerja": row.text(1), "satuan": row.text(2),
         "target": reader.decimal(row, 3, "target"),
         "realisasi": reader.decimal(row, 4, "realisasi"),
         "persen": reader.percent(row, 5, "persen"), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "indikator_kinerja", "satuan", "target", "realisasi", "persen",
            "baris_sumber"]
    return {"capaian_kinerja": reader.frame(records, cols)}


def build_kinerja_historis(reader: Reader) -> dict[str, pd.DataFrame]:
    """Realisation by year, and apart from it the stated change with its stated formula."""
    _, years_row, numbering = reader.table.header
    years = _year_columns(years_row, 3)
    change_column = len(numbering.cells) - 1
    history, changes = [], []
    for row in reader.table.rows:
        base = {"no": _no(row), "indikator_kinerja": row.text(1), "satuan": row.text(2)}
        for column, year in years:
            history.append({**base, "tahun": year,
                            "realisasi": reader.decimal(row, column, "realisasi"),
                            "baris_sumber": row.line})
        changes.append({**base, "rumus": numbering.text(change_column),
                        "persen_perubahan": reader.percent(row, change_column,
                                                           "persen_perubahan",
                                                           plausible=(-1000, 1000)),
                        "baris_sumber": row.line, "baris_rumus": numbering.line})
    cols = ["no", "indikator_kinerja", "satuan", "tahun", "realisasi", "baris_sumber"]
    change_cols = ["no", "indikator_kinerja", "satuan", "rumus", "persen_perubahan",
                   "baris_sumber", "baris_rumus"]
    return {"kinerja_historis": reader.frame(history, cols),
            "kinerja_perubahan": reader.frame(changes, change_cols)}


def build_kemajuan_renstra(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 11: progress toward the end-of-plan target."""
    records = [
        {"no": _no(row), "indikator_kinerja": row.text(1), "satuan": row.text(2),
         "target_akhir": reader.decimal(row, 3, "target_akhir"),
         "realisasi": reader.decimal(row, 4, "realisasi"),
         "tingkat_kemajuan": reader.percent(row, 5, "tingkat_kemajuan"),
         "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "indikator_kinerja", "satuan", "target_akhir", "realisasi",
            "tingkat_kemajuan", "baris_sumber"]
    return {"kemajuan_renstra": reader.frame(records, cols)}


def build_efisiensi(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 12: capaian, serapan, efisiensi and the formula."""
    numbering = reader.table.header[1]
    records = [
        {"no": _no(row), "sasaran_strategis": row.text(1), "indikator_kinerja": row.text(2),
         "persen_capaian": reader.percent(row, 3, "persen_capaian"),
         "persen_serapan": reader.percent(row, 4, "persen_serapan"),
         "tingkat_efisiensi": reader.percent(row, 5, "tingkat_efisiensi",
                                             plausible=(-200, 200)),
         "rumus": numbering.text(5), "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "sasaran_strategis", "indikator_kinerja", "persen_capaian", "persen_serapan",
            "tingkat_efisiensi", "rumus", "baris_sumber"]
    return {"efisiensi": reader.frame(records, cols)}


SPECS = (
    TableSpec("evaluasi_akip", ("No.", "Komponen Yang Dinilai", "Bobot", "Nilai 2019"), 2,
              build_evaluasi_akip),
    TableSpec("kinerja_triwulan", ("No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                                   "Target Tahunan", "Triwulanan", "Target", "Realisasi", "%"),
              2, build_kinerja_triwulan),
    TableSpec("capaian_kinerja", ("No.", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
                                  "%"), 2, build_capaian_kinerja),
    TableSpec("kinerja_historis", ("No", "Indikator Kinerja", "Satuan", "Realisasi",
                                   "% Peningkatan/Penurunan"), 3, build_kinerja_historis),
    TableSpec("kemajuan_renstra", ("No.", "Indikator Kinerja", "Satuan",
                                   "Target Akhir RPJMD/RENSTRA", "Realisasi",
                                   "Tingkat Kemajuan"), 2, build_kemajuan_renstra),
    TableSpec("efisiensi", ("No", "Sasaran Strategis", "Indikator Kinerja",
                            "% Capaian Kinerja", "% Penyerapan Anggaran", "Tingkat Efisiensi"),
              2, build_efisiensi),
)
