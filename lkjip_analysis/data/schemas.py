"""The shape of every dataset: column order and kinds, and the pandera schema built from them.

Kinds: `text`, `int` (whole, never missing), `int?` (whole, may be missing), `rupiah` (whole
rupiah, may be missing), `percent` (percent units, may be missing), `float` (may be missing),
`bool`. The kinds also give the workbook its display formats.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ValidationError
from ..i18n import _

TEXT, INT, INT_NA, RUPIAH, PERCENT, FLOAT, BOOL = (
    "text", "int", "int?", "rupiah", "percent", "float", "bool")

_TRACE = [("baris_sumber", INT), ("dikoreksi", BOOL)]
_INDICATOR = [("no", INT), ("indikator_kinerja", TEXT), ("satuan", TEXT)]
_BUDGET = [("tabel", TEXT), ("tingkat", TEXT), ("kode", TEXT), ("uraian", TEXT),
           ("anggaran", FLOAT), ("realisasi", FLOAT), ("persen", PERCENT),
           ("anggaran_tertulis", TEXT), ("realisasi_tertulis", TEXT), ("persen_tertulis", TEXT),
           *_TRACE]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "sdm": [("jabatan", TEXT), ("status_pegawai", TEXT), ("dimensi", TEXT),
            ("kategori", TEXT), ("jumlah", INT), *_TRACE],
    "sdm_total": [("uraian", TEXT), ("dimensi", TEXT), ("kategori", TEXT), ("jumlah", INT),
                  *_TRACE],
    "sarana_prasarana": [("no", INT), ("uraian", TEXT), ("banyaknya", INT_NA),
                         ("satuan", TEXT), *_TRACE],
    "target_tahunan": [("tujuan", TEXT), ("indikator_tujuan", TEXT),
                       ("sasaran_strategis", TEXT), ("indikator_sasaran", TEXT),
                       ("satuan", TEXT), ("jenis", TEXT), ("tahun", INT), ("nilai", FLOAT),
                       *_TRACE],
    "program_kegiatan": [("sumber_dana", TEXT), ("no", INT_NA), ("tujuan", TEXT),
                         ("sasaran_strategis", TEXT), ("indikator_sasaran", TEXT),
                         ("satuan", TEXT), ("program", TEXT), ("kegiatan", TEXT), *_TRACE],
    "iku": [("no", INT), ("sasaran_strategis", TEXT), ("indikator_kinerja", TEXT),
            ("alasan", TEXT), ("formulasi", TEXT), ("sumber_data", TEXT),
            ("penanggung_jawab", TEXT), *_TRACE],
    # the SAKIP core (any agency): every row names the table it was read from, and keeps each
    # value as written (`*_tertulis`) beside the number read where its form is certain
    "perjanjian_kinerja": [("tabel", TEXT), ("no", INT_NA), ("sasaran_strategis", TEXT),
                           ("indikator_kinerja", TEXT), ("satuan", TEXT), ("target", FLOAT),
                           ("target_tertulis", TEXT), *_TRACE],
    "evaluasi_akip": [("no", INT), ("komponen", TEXT), ("bobot", PERCENT), ("tahun", INT),
                      ("nilai", FLOAT), *_TRACE],
    "evaluasi_akip_total": [("tahun", INT), ("nilai", FLOAT), ("kategori", TEXT),
                            ("baris_sumber", INT), ("baris_sumber_kategori", INT),
                            ("dikoreksi", BOOL)],
    "kinerja_triwulan": [("no", INT), ("sasaran_strategis", TEXT), ("indikator_kinerja", TEXT),
                         ("satuan", TEXT), ("target_tahunan", FLOAT), ("triwulan", INT),
                         ("target", FLOAT), ("realisasi", FLOAT), ("persen", PERCENT),
                         *_TRACE],
    "capaian_kinerja": [("tabel", TEXT), ("no", INT_NA), ("misi", TEXT),
                        ("sasaran_strategis", TEXT), ("indikator_kinerja", TEXT),
                        ("satuan", TEXT), ("target", FLOAT), ("realisasi", FLOAT),
                        ("persen", PERCENT), ("target_tertulis", TEXT),
                        ("realisasi_tertulis", TEXT), ("persen_tertulis", TEXT), *_TRACE],
    # the rest of Bab III: a family's table, or any agency's read by meaning (`*_tertulis`)
    "kinerja_historis": [("tabel", TEXT), ("no", INT_NA), ("indikator_kinerja", TEXT),
                         ("satuan", TEXT), ("tahun", INT), ("target", FLOAT),
                         ("realisasi", FLOAT), ("persen", PERCENT), ("target_tertulis", TEXT),
                         ("realisasi_tertulis", TEXT), ("persen_tertulis", TEXT), *_TRACE],
    "kinerja_perubahan": [*_INDICATOR, ("rumus", TEXT), ("persen_perubahan", PERCENT),
                          ("baris_sumber", INT), ("baris_rumus", INT), ("dikoreksi", BOOL)],
    "kemajuan_renstra": [("tabel", TEXT), ("no", INT_NA), ("indikator_kinerja", TEXT),
                         ("satuan", TEXT), ("target_akhir", FLOAT), ("realisasi", FLOAT),
                         ("realisasi_sampai", INT_NA), ("tingkat_kemajuan", PERCENT),
                         ("target_akhir_tertulis", TEXT), ("realisasi_tertulis", TEXT),
                         ("tingkat_kemajuan_tertulis", TEXT), *_TRACE],
    "efisiensi": [("tabel", TEXT), ("no", INT_NA), ("sasaran_strategis", TEXT),
                  ("indikator_kinerja", TEXT), ("persen_capaian", PERCENT),
                  ("persen_serapan", PERCENT), ("tingkat_efisiensi", PERCENT), ("rumus", TEXT),
                  ("persen_capaian_tertulis", TEXT), ("persen_serapan_tertulis", TEXT),
                  ("tingkat_efisiensi_tertulis", TEXT), *_TRACE],
    "anggaran_kinerja": [("no", INT), ("sasaran_strategis", TEXT), ("target", FLOAT),
                         ("realisasi", FLOAT), ("persen_capaian_kinerja", PERCENT),
                         ("alokasi_tertulis", TEXT), ("realisasi_anggaran", RUPIAH),
                         ("persen_capaian_anggaran", PERCENT), *_TRACE],
    "realisasi_apbd": [("no_program", INT), ("program", TEXT), ("jenis_baris", TEXT),
                       ("uraian", TEXT), ("unit_kerja", TEXT), ("lokasi", TEXT),
                       ("realisasi", RUPIAH), ("persen", PERCENT), ("keterangan", TEXT),
                       *_TRACE],
    "realisasi_apbd_total": [("uraian", TEXT), ("lokasi", TEXT), ("realisasi", RUPIAH),
                             ("persen", PERCENT), *_TRACE],
    "realisasi_apbn": [("sumber_dana", TEXT), ("no", INT), ("program", TEXT), ("lokasi", TEXT),
                       ("realisasi", RUPIAH), ("persen", PERCENT), ("keterangan", TEXT),
                       *_TRACE],
    "realisasi_apbn_total": [("uraian", TEXT), ("sumber_dana", TEXT), ("realisasi", RUPIAH),
                             ("persen", PERCENT), *_TRACE],
    "realisasi_anggaran": _BUDGET,
    "realisasi_anggaran_total": _BUDGET,
    # which parts of an LKjIP the report holds, and what the reader could not read
    "kelengkapan": [("dataset", TEXT), ("bagian", TEXT), ("ada", BOOL), ("tabel", TEXT),
                    ("baris", INT), ("keterangan", TEXT)],
    "catatan_baca": [("tabel", TEXT), ("baris_sumber", INT), ("catatan", TEXT)],
    "fakta": [("kunci", TEXT), ("uraian", TEXT), ("subjek", TEXT), ("nilai", FLOAT),
              ("teks", TEXT), ("satuan", TEXT), ("baris_sumber", INT), ("kutipan", TEXT),
              ("ditemukan", BOOL)],
    "grafik": [("grafik", TEXT), ("judul", TEXT), ("kategori", TEXT), ("seri", TEXT),
               ("nilai", FLOAT), ("baris_sumber", INT)],
    "koreksi": [("tabel", TEXT), ("baris_sumber", INT), ("kolom", TEXT), ("tertulis", TEXT),
                ("dipakai", FLOAT), ("alasan", TEXT)],
    "tabel_sumber": [("dataset", TEXT), ("tabel", TEXT), ("judul", TEXT),
                     ("baris_sumber", INT)],
    "instansi": [("nama", TEXT), ("tahun", INT), ("baris_sumber", INT), ("kutipan", TEXT)],
    "polaritas_indikator": [("indikator_kinerja", TEXT), ("polaritas", TEXT),
                            ("alasan", TEXT), ("berkas", TEXT)],
    "anggaran_historis": [("tahun", INT), ("sumber_dana", TEXT), ("anggaran", RUPIAH),
                          ("realisasi", RUPIAH), ("sumber", TEXT)],
    # where each line of an imported document stood in the agency's file (provenance.py)
    "asal_baris": [("baris_sumber", INT), ("asal", TEXT)],
}


def _with_page(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`columns` with `halaman` (the PDF page of the source line) after `baris_sumber`."""
    at = [name for name, _ in columns].index("baris_sumber") + 1
    return [*columns[:at], ("halaman", INT_NA), *columns[at:]]


# every row read from the document also names the page of its line in an imported PDF
# (`koreksi` is read from koreksi.yaml)
COLUMNS = {name: _with_page(columns) if ("baris_sumber", INT) in columns
           and name not in ("koreksi", "catatan_baca") else columns
           for name, columns in COLUMNS.items()}
DATASET_NAMES: tuple[str, ...] = tuple(COLUMNS)
# The cross-year layer's datasets (data/processed/tren/), built from every year's datasets.
SERIES_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "anggaran_tahunan": [("tahun", INT), ("sumber_dana", TEXT), ("anggaran", RUPIAH),
                         ("realisasi", RUPIAH), ("serapan", PERCENT), ("sumber", TEXT)],
    "kinerja_tahunan": [("indikator", TEXT), ("tahun", INT), ("target", FLOAT),
                        ("realisasi", FLOAT), ("capaian", PERCENT), ("sumber", TEXT),
                        ("tahun_laporan", INT), ("tabel", TEXT), ("baris_sumber", INT),
                        ("satuan", TEXT)],
}
SERIES_NAMES: tuple[str, ...] = tuple(SERIES_COLUMNS)
_ALL_COLUMNS = COLUMNS | SERIES_COLUMNS

DTYPES = {TEXT: "str", INT: "int64", INT_NA: "Int64", RUPIAH: "Int64", PERCENT: "float64",
           FLOAT: "float64", BOOL: "bool"}
_NULLABLE = {INT_NA, RUPIAH, PERCENT, FLOAT}
WHOLE = (INT, INT_NA, RUPIAH)  # kinds that hold whole numbers only
# Checks by kind and by (dataset, column), as (pandera Check name, arguments).
_CHECKS = {RUPIAH: [("ge", (0,))], PERCENT: [("in_range", (-1000, 1000))]}
_EXTRA_CHECKS = {
    ("sdm", "jumlah"): [("ge", (0,))],
    ("sdm_total", "jumlah"): [("ge", (0,))],
    ("polaritas_indikator", "polaritas"): [("isin", (["maksimal", "minimal"],))],
    ("anggaran_historis", "sumber_dana"): [("isin", (["APBD", "APBN"],))],
    ("anggaran_historis", "tahun"): [("in_range", (2000, 2100))],
}
_PANDERA_NAMES = {"ge": "greater_than_or_equal_to", "isin": "isin", "in_range": "in_range"}
_UNIQUE = {
    "anggaran_historis": ["tahun", "sumber_dana"],
    "anggaran_tahunan": ["tahun", "sumber_dana"],
    "realisasi_apbd": ["baris_sumber"],
    "realisasi_apbn": ["baris_sumber"],
    "sdm": ["jabatan", "dimensi", "kategori"],
}


def unique_key(dataset: str) -> list[str]:
    """The columns whose values together must be unique in `dataset` (may be none)."""
    return list(_UNIQUE.get(dataset, []))


def kinds(dataset: str) -> dict[str, str]:
    """Column -> kind of `dataset`, in column order."""
    return dict(_ALL_COLUMNS[dataset])


def schema(dataset: str):
    """The pandera schema of `dataset` (pandera is imported only when validating)."""
    import pandera.pandas as pa

    def checks(kind: str, name: str) -> list:
        wanted = _CHECKS.get(kind, []) + _EXTRA_CHECKS.get((dataset, name), [])
        return [getattr(pa.Check, check)(*args) for check, args in wanted]

    columns = {
        name: pa.Column(DTYPES[kind], nullable=kind in _NULLABLE, checks=checks(kind, name))
        for name, kind in _ALL_COLUMNS[dataset]
    }
    return pa.DataFrameSchema(columns, strict=True, ordered=True, coerce=True,
                              unique=_UNIQUE.get(dataset), name=dataset)


def conform(dataset: str, df: pd.DataFrame, origin: str, first_line: int | None = None
            ) -> pd.DataFrame:
    """`df` with the dataset's column order and dtypes, validated. Errors name the row's
    source line: its `baris_sumber`, or `first_line` + its position for a file read row by
    row (a CSV's first data row is line 2)."""
    df = df.reset_index(drop=True)
    for name, kind in _ALL_COLUMNS[dataset]:
        if kind == TEXT and name in df:
            df[name] = df[name].astype(object).fillna("").astype(str)
        if kind in WHOLE and name in df:
            _refuse_fractions(dataset, df, name, origin, first_line)
    from pandera.errors import SchemaErrors

    try:
        return schema(dataset).validate(df, lazy=True)
    except SchemaErrors as exc:
        raise _describe(dataset, df, exc, origin, first_line) from None


def _refuse_fractions(dataset: str, df: pd.DataFrame, column: str, origin: str,
                      first_line: int | None) -> None:
    """A whole-number column never silently drops a fraction (1.5 is not a line number)."""
    numbers = pd.to_numeric(df[column], errors="coerce")
    fractional = numbers.notna() & (numbers % 1 != 0)
    if fractional.any():
        index = int(fractional.idxmax())
        raise ValidationError(
            _("dataset {dataset}: a whole number is expected").format(dataset=dataset),
            file=origin,
            line=None if first_line is None and column == "baris_sumber"
            else _line(df, index, first_line),
            table=dataset, column=column, raw=str(df[column].iloc[index]),
            hint=_("Write a whole number"))


def _line(df: pd.DataFrame, index: int, first_line: int | None) -> int | None:
    """The source line of row `index`: its position in a file read row by row, else its
    `baris_sumber`."""
    if first_line is not None:
        return first_line + index
    if "baris_sumber" in df:
        return int(df.loc[index, "baris_sumber"])
    return None


def _describe(dataset: str, df: pd.DataFrame, exc, origin: str,
              first_line: int | None) -> ValidationError:
    case = exc.failure_cases.iloc[0]
    line = None
    index = case.get("index")
    if index is not None and not pd.isna(index):
        line = _line(df, int(index), first_line)
    column = None if pd.isna(case.get("column")) else str(case.get("column"))
    return ValidationError(
        _("dataset {dataset} breaks its schema: {check}").format(
            dataset=dataset, check=_in_words(dataset, column, str(case.get("check")))),
        file=origin, line=line, table=dataset, column=column,
        raw=None if pd.isna(case.get("failure_case")) else str(case.get("failure_case")),
        # a file read row by row (a CSV, a workbook) is fixed in itself; koreksi.yaml corrects
        # the report's document only
        hint=_("Fix the value in that file") if first_line is not None
        else _("Fix the input value (or add a correction to koreksi.yaml)"),
    )


def _in_words(dataset: str, column: str | None, check: str) -> str:
    """The rule a value broke, as the user reads it (not pandera's `isin([...])`)."""
    words = {"not_nullable": _("the value may not be empty"),
             "field_uniqueness": _("the value appears twice"),
             "multiple_fields_uniqueness": _("the row repeats another ({columns})").format(
                 columns=", ".join(_UNIQUE.get(dataset, [])))}
    if check in words:
        return words[check]
    kind = dict(_ALL_COLUMNS[dataset]).get(column or "")
    for name, args in _CHECKS.get(kind, []) + _EXTRA_CHECKS.get((dataset, column), []):
        if check.startswith(_PANDERA_NAMES[name]):
            return _rule(name, args)
    return check


def _rule(name: str, args: tuple) -> str:
    if name == "isin":
        return _("the value must be one of: {values}").format(values=", ".join(args[0]))
    if name == "in_range":
        return _("the value must be from {low} to {high}").format(low=args[0], high=args[1])
    return _("the value may not be below {low}").format(low=args[0])
