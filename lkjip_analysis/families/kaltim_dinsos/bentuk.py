"""The Kaltim Dinas Sosial family's own shapes: the tables whose rows are more than one record
each (sections, merged cells carried down, totals kept apart). `keluarga.yaml` names them by
their key in `SHAPES`; every other table of the family takes a shape any family may use.

The value lines of the budget tables (APBD, APBN) become one row each; the reported subtotals
and totals (bold label, no row number) go to a `_total` dataset of their own, so that summing a
dataset never counts a number twice.
"""

from __future__ import annotations

import re

import pandas as pd

from ...i18n import _
from ...reading.source import Row
from ..spec import Reader, only_text

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


_FUND = re.compile(r"\b(APBD|APBN)\b")


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


def core_budget(frames: dict[str, pd.DataFrame], labels: dict[str, str],
                names: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The family's budget tables `names` (APBD, APBN) as the SAKIP core's
    `realisasi_anggaran` and its totals: every value line and every total, each naming its
    table. These tables print no budget (`anggaran`): it stays empty. None when the report
    holds none of them."""
    read = [name for name in names if name in frames]
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


SHAPES = {"sdm": build_sdm, "sarana_prasarana": build_sarana,
          "program_kegiatan": build_program_kegiatan, "evaluasi_akip": build_evaluasi_akip,
          "kinerja_triwulan": build_kinerja_triwulan, "realisasi_apbd": build_realisasi_apbd,
          "realisasi_apbn": build_realisasi_apbn}
