"""Tabel 1 (sumber daya aparatur) and Tabel 2 (sarana dan prasarana)."""

from __future__ import annotations

import re

import pandas as pd

from .base import Reader, TableSpec, is_numbered

_TOTAL_LABEL = re.compile(r"^jumlah\b", re.I)
_HONORER = re.compile(r"honorer", re.I)


def _snake(text: str) -> str:
    return re.sub(r"\W+", "_", text.strip().lower()).strip("_")


def _dimensions(reader: Reader) -> list[tuple[int, str, str]]:
    """(column, dimension, category) from the two header rows: a dimension name spans the empty
    header cells to its right."""
    names, categories = reader.table.header
    found, current = [], None
    for cell in names.cells[1:]:
        current = _snake(cell.text) if cell.text else current
        found.append((cell.column, current, categories.text(cell.column)))
    return found


def build_sdm(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 1: detail rows (position × breakdown); totals apart."""
    dims = _dimensions(reader)
    detail, totals = [], []
    for row in reader.table.rows:
        label = row.text(0)
        if _TOTAL_LABEL.match(label):
            totals.extend(_total_records(reader, row, dims))
            continue
        status = "Honorer/PTT" if _HONORER.search(label) else "PNS"
        for column, dim, category in dims:
            detail.append({
                "jabatan": label, "status_pegawai": status, "dimensi": dim, "kategori": category,
                "jumlah": reader.amount(row, column, "jumlah"), "baris_sumber": row.line,
            })
    cols = ["jabatan", "status_pegawai", "dimensi", "kategori", "jumlah", "baris_sumber"]
    total_cols = ["uraian", "dimensi", "kategori", "jumlah", "baris_sumber"]
    return {"sdm": reader.frame(detail, cols), "sdm_total": reader.frame(totals, total_cols)}


def _total_records(reader: Reader, row, dims) -> list[dict]:
    """A total row either fills every category, or (a merged cell) only the first of a
    dimension: that value is the dimension's total, recorded as category `semua`."""
    records = []
    for dim in dict.fromkeys(d for _, d, _ in dims):
        cells = [(c, cat) for c, d, cat in dims if d == dim]
        filled = [row.text(c) != "" for c, _ in cells]
        if not any(filled[1:]) and filled[0]:
            cells = [(cells[0][0], "semua")]
        for column, category in cells:
            records.append({
                "uraian": row.text(0), "dimensi": dim, "kategori": category,
                "jumlah": reader.amount(row, column, "jumlah"), "baris_sumber": row.line,
            })
    return records


def build_sarana(reader: Reader) -> dict[str, pd.DataFrame]:
    """One row per item and unit; a line without number or name continues the item above."""
    records, no, uraian = [], None, None
    for row in reader.table.rows:
        if is_numbered(row):
            no, uraian = int(row.text(0).rstrip(".")), row.text(1)
        elif row.text(1):
            raise reader.table.error("item without a number", row=row)
        records.append({
            "no": no, "uraian": uraian,
            "banyaknya": reader.amount(row, 2, "banyaknya", optional=True),
            "satuan": row.text(3), "baris_sumber": row.line,
        })
    cols = ["no", "uraian", "banyaknya", "satuan", "baris_sumber"]
    return {"sarana_prasarana": reader.frame(records, cols)}


SPECS = (
    TableSpec("sdm", ("Jabatan", "Jenis Kelamin", "Golongan", "Pendidikan"), 2, build_sdm),
    TableSpec("sarana_prasarana", ("No.", "Uraian", "Banyaknya", "Satuan"), 2, build_sarana),
)
