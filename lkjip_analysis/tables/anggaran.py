"""Tabel 13 (anggaran perjanjian kinerja), 14 (realisasi APBD), 15 (realisasi APBN).

The value lines of Tabel 14 and 15 become one row each; the reported subtotals and totals (bold
label, no row number) go to a `_total` dataset of their own, so that summing a dataset never
counts a number twice.
"""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import _
from ..reading.source import Row
from .base import Reader, TableSpec, only_text

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


def _label(reader: Reader, row: Row) -> str:
    """A total's label, written in the number or the name column."""
    return reader.text(row, "no") or reader.text(row, "uraian")


def _is_total(reader: Reader, row: Row) -> bool:
    """A reported subtotal or total: no row number, its label in bold."""
    labels = (reader.cell(row, "no"), reader.cell(row, "uraian"))
    return not reader.is_numbered(row) and any(c.bold for c in labels if c.text)


def _section(reader: Reader, row: Row) -> str | None:
    """A source-of-funds section row ("A. Dana Dekonsentrasi"): its one cell, in bold."""
    alone = only_text(row)
    if alone is None or not alone.bold or reader.is_numbered(row):
        return None
    return _SECTION_LABEL.sub("", alone.text)


def build_anggaran_kinerja(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 13. Its `Alokasi` column holds the locations, not an amount: kept as written."""
    records = [
        {"no": reader.number(row), "sasaran_strategis": reader.text(row, "sasaran_strategis"),
         "target": reader.decimal(row, "target"),
         "realisasi": reader.decimal(row, "realisasi"),
         "persen_capaian_kinerja": reader.percent(row, "persen_capaian_kinerja"),
         "alokasi_tertulis": reader.text(row, "alokasi_tertulis"),
         "realisasi_anggaran": reader.amount(row, "realisasi_anggaran"),
         "persen_capaian_anggaran": reader.percent(row, "persen_capaian_anggaran"),
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
        if _is_total(reader, row):
            totals.append({"uraian": _label(reader, row), "lokasi": reader.text(row, "lokasi"),
                           "realisasi": reader.amount(row, "realisasi"),
                           "persen": reader.percent(row, "persen", optional=True),
                           "baris_sumber": row.line})
            continue
        numbered = reader.is_numbered(row)
        if numbered:
            program = {"no_program": reader.number(row),
                       "program": program_name(reader.text(row, "uraian"))}
        if program is None:
            raise reader.table.error(_("an activity line before any programme"), row=row)
        lines.append({**program, "jenis_baris": "program" if numbered else "kegiatan",
                      "uraian": reader.text(row, "uraian"),
                      "unit_kerja": unit_kerja(program["program"]),
                      "lokasi": reader.text(row, "lokasi"),
                      "realisasi": reader.amount(row, "realisasi", optional=True),
                      "persen": reader.percent(row, "persen", optional=True),
                      "keterangan": reader.text(row, "keterangan"), "baris_sumber": row.line})
    cols = ["no_program", "program", "jenis_baris", "uraian", "unit_kerja", "lokasi",
            "realisasi", "persen", "keterangan", "baris_sumber"]
    total_cols = ["uraian", "lokasi", "realisasi", "persen", "baris_sumber"]
    return {"realisasi_apbd": reader.frame(lines, cols),
            "realisasi_apbd_total": reader.frame(totals, total_cols)}


def build_realisasi_apbn(reader: Reader) -> dict[str, pd.DataFrame]:
    """Tabel 15. Its `Alokasi` column holds the locations: read as `lokasi`."""
    lines, totals, fund = [], [], None
    for row in reader.table.rows:
        if section := _section(reader, row):
            fund = section
            continue
        if fund is None:
            raise reader.table.error(_("a row before the first source-of-funds section"),
                                         row=row)
        if _is_total(reader, row):
            label = _label(reader, row)
            scope = ALL_FUNDS if _GRAND_TOTAL.search(label) else fund
            totals.append({"uraian": label, "sumber_dana": scope,
                           "realisasi": reader.amount(row, "realisasi"),
                           "persen": reader.percent(row, "persen", optional=True),
                           "baris_sumber": row.line})
            continue
        lines.append({"sumber_dana": fund, "no": reader.number(row),
                      "program": reader.text(row, "uraian"),
                      "lokasi": reader.text(row, "lokasi"),
                      "realisasi": reader.amount(row, "realisasi"),
                      "persen": reader.percent(row, "persen"),
                      "keterangan": reader.text(row, "keterangan"), "baris_sumber": row.line})
    cols = ["sumber_dana", "no", "program", "lokasi", "realisasi", "persen", "keterangan",
            "baris_sumber"]
    total_cols = ["uraian", "sumber_dana", "realisasi", "persen", "baris_sumber"]
    return {"realisasi_apbn": reader.frame(lines, cols),
            "realisasi_apbn_total": reader.frame(totals, total_cols)}


_BUDGET_HEADER = ("No", "Program/kegiatan", "Anggaran", "Keterangan")
_BUDGET_COLUMNS = {"no": "No", "uraian": "Program/kegiatan",
                   "lokasi": "Anggaran > Lokasi | Alokasi",
                   "realisasi": "Anggaran > Realisasi", "persen": "Anggaran > %",
                   "keterangan": "Keterangan"}
SPECS = (
    TableSpec("anggaran_kinerja", ("No", "Sasaran Strategis", "Kinerja", "Anggaran"), 3,
              build_anggaran_kinerja,
              {"no": "No", "sasaran_strategis": "Sasaran Strategis",
               "target": "Kinerja > Target", "realisasi": "Kinerja > Realisasi",
               "persen_capaian_kinerja": "Kinerja > % Capaian",
               "alokasi_tertulis": "Anggaran > Alokasi",
               "realisasi_anggaran": "Anggaran > Realisasi",
               "persen_capaian_anggaran": "Anggaran > % Capaian"}),
    TableSpec("realisasi_apbd", _BUDGET_HEADER, 3, build_realisasi_apbd, _BUDGET_COLUMNS,
              ("apbd",)),
    TableSpec("realisasi_apbn", _BUDGET_HEADER, 3, build_realisasi_apbn, _BUDGET_COLUMNS,
              ("apbn",)),
)


def core_budget(frames: dict[str, pd.DataFrame], labels: dict[str, str]
                ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The family's budget tables (APBD, APBN) as the SAKIP core's `realisasi_anggaran` and
    its totals: every value line and every total, each naming its table. These tables print
    no budget (`anggaran`): it stays empty. None when the report holds neither table."""
    read = [name for name in ("realisasi_apbd", "realisasi_apbn") if name in frames]
    if not read:
        return None
    lines, totals = [], []
    for name in read:
        table = frames[name]
        uraian = table.uraian if "uraian" in table else table.program
        level = table.jenis_baris if "jenis_baris" in table else "program"
        lines.append(table.assign(tabel=labels[name], tingkat=level, kode="", uraian=uraian,
                                  anggaran=float("nan")))
        totals.append(frames[f"{name}_total"].assign(tabel=labels[name], tingkat="total",
                                                      kode="", anggaran=float("nan")))
    return pd.concat(lines, ignore_index=True), pd.concat(totals, ignore_index=True)
