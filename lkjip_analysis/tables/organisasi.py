"""Tabel 1 (sumber daya aparatur) and Tabel 2 (sarana dan prasarana)."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from .base import Reader, TableSpec

_TOTAL_LABEL = re.compile(r"^jumlah\b", re.I)
_HONORER = re.compile(r"honorer", re.I)
DIMENSIONS = ("jenis_kelamin", "golongan", "pendidikan")


def _dimensions(reader: Reader) -> list[tuple[int, str, str]]:
    """(column, dimension, category): each category column under its dimension's header."""
    return [(column, dim, category) for dim in DIMENSIONS
            for column, category in reader.family(dim)]


def build_sdm(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 1: detail rows (position × breakdown); totals apart."""
    dims = _dimensions(reader)
    detail, totals = [], []
    for row in reader.table.rows:
        label = reader.text(row, "jabatan")
        if _TOTAL_LABEL.match(label):
            totals.extend(_total_records(reader, row, dims))
            continue
        status = "Honorer/PTT" if _HONORER.search(label) else "PNS"
        for column, dim, category in dims:
            detail.append({
                "jabatan": label, "status_pegawai": status, "dimensi": dim, "kategori": category,
                "jumlah": reader.amount(row, "jumlah", at=column), "baris_sumber": row.line,
            })
    cols = ["jabatan", "status_pegawai", "dimensi", "kategori", "jumlah", "baris_sumber"]
    total_cols = ["uraian", "dimensi", "kategori", "jumlah", "baris_sumber"]
    return {"sdm": reader.frame(detail, cols), "sdm_total": reader.frame(totals, total_cols)}


def _total_records(reader: Reader, row, dims) -> list[dict]:
    """A total row either fills every category, or (a merged cell) only the first of a
    dimension: that value is the dimension's total, recorded as category `semua`."""
    records = []
    for dim in dict.fromkeys(d for _c, d, _cat in dims):
        places = [(c, cat) for c, d, cat in dims if d == dim]  # found by header (family)
        filled = [reader.text(row, "jumlah", at=c) != "" for c, _cat in places]
        if not any(filled[1:]) and filled[0]:
            places = [(places[0][0], "semua")]
        for column, category in places:
            records.append({
                "uraian": reader.text(row, "jabatan"), "dimensi": dim, "kategori": category,
                "jumlah": reader.amount(row, "jumlah", at=column), "baris_sumber": row.line,
            })
    return records


def build_sarana(reader: Reader) -> dict[str, pd.DataFrame]:
    """One row per item and unit; a line without number or name continues the item above."""
    records, no, uraian = [], None, None
    for row in reader.table.rows:
        if reader.is_numbered(row):
            no, uraian = reader.number(row), reader.text(row, "uraian")
        elif reader.text(row, "uraian"):
            raise reader.table.error(_("an item without a number"), row=row)
        records.append({
            "no": no, "uraian": uraian,
            "banyaknya": reader.amount(row, "banyaknya", optional=True),
            "satuan": reader.text(row, "satuan"), "baris_sumber": row.line,
        })
    cols = ["no", "uraian", "banyaknya", "satuan", "baris_sumber"]
    return {"sarana_prasarana": reader.frame(records, cols)}


SPECS = (
    TableSpec("sdm", ("Jabatan", "Jenis Kelamin", "Golongan", "Pendidikan"), 2, build_sdm,
              {"jabatan": "Jabatan", "jenis_kelamin": "Jenis Kelamin > *",
               "golongan": "Golongan > *", "pendidikan": "Pendidikan > *"}),
    TableSpec("sarana_prasarana", ("No.", "Uraian", "Banyaknya", "Satuan"), 2, build_sarana,
              {"no": "No", "uraian": "Uraian", "banyaknya": "Banyaknya", "satuan": "Satuan"}),
)
