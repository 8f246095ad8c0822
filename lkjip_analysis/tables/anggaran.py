"""Tabel 13 (anggaran perjanjian kinerja), 14 (realisasi APBD), 15 (realisasi APBN).

The value lines of Tabel 14 and 15 become one row each; the reported subtotals and totals (bold
label, no row number) go to a `_total` dataset of their own, so that summing a dataset never
counts a number twice.
"""

from __future__ import annotations

import re

import pandas as pd

from ..source import Row
from .base import Reader, TableSpec, is_numbered

_ACTIVITY_BULLET = re.compile(r"(?:^|\s)-\s*(?=\w)")
_UNIT = re.compile(r"\(([A-Z]{3,})\)\s*$")
_SECTION_LABEL = re.compile(r"^[A-Z]\.\s*")
_GRAND_TOTAL = re.compile(r"keseluruhan", re.I)
DINAS = "Dinas"
ALL_FUNDS = "Semua"


def program_name(text: str) -> str:
    """The program's name: the cell's text before the first listed activity (`- …`)."""
    return _ACTIVITY_BULLET.split(text, maxsplit=1)[0].strip()


def unit_kerja(program: str) -> str:
    """The UPTD a program belongs to, from its trailing acronym (`… (PSTWNP)`), else Dinas."""
    match = _UNIT.search(program)
    return match.group(1) if match else DINAS


def _label(row: Row) -> str:
    return row.text(0) or row.text(1)


def _is_total(row: Row) -> bool:
    return not is_numbered(row) and any(c.bold for c in row.cells[:2] if c.text)


def build_anggaran_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 13. Its `Alokasi` column holds the locations, not an amount: kept as written."""
    records = [
        {"no": int(row.text(0).rstrip(".")), "sasaran_strategis": row.text(1),
         "target": reader.decimal(row, 2, "target"),
         "realisasi": reader.decimal(row, 3, "realisasi"),
         "persen_capaian_kinerja": reader.percent(row, 4, "persen_capaian_kinerja"),
         "alokasi_tertulis": row.text(5),
         "realisasi_anggaran": reader.amount(row, 6, "realisasi_anggaran"),
         "persen_capaian_anggaran": reader.percent(row, 7, "persen_capaian_anggaran"),
         "baris_sumber": row.line}
        for row in reader.table.rows
    ]
    cols = ["no", "sasaran_strategis", "target", "realisasi", "persen_capaian_kinerja",
            "alokasi_tertulis", "realisasi_anggaran", "persen_capaian_anggaran", "baris_sumber"]
    return {"anggaran_kinerja": reader.frame(records, cols)}


def build_realisasi_apbd(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 14: every value line and, apart, the totals."""
    lines, totals, program = [], [], None
    for row in reader.table.rows:
        if _is_total(row):
            totals.append({"uraian": _label(row), "lokasi": row.text(2),
                           "realisasi": reader.amount(row, 3, "realisasi"),
                           "persen": reader.percent(row, 4, "persen", optional=True),
                           "baris_sumber": row.line})
            continue
        if is_numbered(row):
            program = {"no_program": int(row.text(0).rstrip(".")),
                       "program": program_name(row.text(1))}
        if program is None:
            raise reader.table.error("activity line before any program", row=row)
        lines.append({**program, "jenis_baris": "program" if is_numbered(row) else "kegiatan",
                      "uraian": row.text(1), "unit_kerja": unit_kerja(program["program"]),
                      "lokasi": row.text(2),
                      "realisasi": reader.amount(row, 3, "realisasi", optional=True),
                      "persen": reader.percent(row, 4, "persen", optional=True),
                      "keterangan": row.text(5), "baris_sumber": row.line})
    cols = ["no_program", "program", "jenis_baris", "uraian", "unit_kerja", "lokasi",
            "realisasi", "persen", "keterangan", "baris_sumber"]
    total_cols = ["uraian", "lokasi", "realisasi", "persen", "baris_sumber"]
    return {"realisasi_apbd": reader.frame(lines, cols),
            "realisasi_apbd_total": reader.frame(totals, total_cols)}


def build_realisasi_apbn(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 15. Its `Alokasi` column holds the locations: read as `lokasi`."""
    lines, totals, fund = [], [], None
    for row in reader.table.rows:
        if _is_total(row) and not row.text(3):
            fund = _SECTION_LABEL.sub("", _label(row))
            continue
        if fund is None:
            raise reader.table.error("row before the first source-of-funds section", row=row)
        if _is_total(row):
            scope = ALL_FUNDS if _GRAND_TOTAL.search(_label(row)) else fund
            totals.append({"uraian": _label(row), "sumber_dana": scope,
                           "realisasi": reader.amount(row, 3, "realisasi"),
                           "persen": reader.percent(row, 4, "persen", optional=True),
                           "baris_sumber": row.line})
            continue
        lines.append({"sumber_dana": fund, "no": int(row.text(0).rstrip(".")),
                      "program": row.text(1), "lokasi": row.text(2),
                      "realisasi": reader.amount(row, 3, "realisasi"),
                      "persen": reader.percent(row, 4, "persen"),
                      "keterangan": row.text(5), "baris_sumber": row.line})
    cols = ["sumber_dana", "no", "program", "lokasi", "realisasi", "persen", "keterangan",
            "baris_sumber"]
    total_cols = ["uraian", "sumber_dana", "realisasi", "persen", "baris_sumber"]
    return {"realisasi_apbn": reader.frame(lines, cols),
            "realisasi_apbn_total": reader.frame(totals, total_cols)}


_BUDGET_HEADER = ("No", "Program/kegiatan", "Anggaran", "Keterangan")
SPECS = (
    TableSpec("anggaran_kinerja", ("No", "Sasaran Strategis", "Kinerja", "Anggaran"), 3,
              build_anggaran_kinerja),
    TableSpec("realisasi_apbd", _BUDGET_HEADER, 3, build_realisasi_apbd, ("apbd",)),
    TableSpec("realisasi_apbn", _BUDGET_HEADER, 3, build_realisasi_apbn, ("apbn",)),
)
