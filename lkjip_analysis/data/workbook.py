"""The datasets as an Excel workbook for people, and a filled workbook read back.

Written: one sheet per dataset, header styled, Indonesian-style display formats (the numbers
stay numbers), widths set, panes frozen, text never turned into a formula, and no timestamps,
so that the same datasets give the same bytes. Read: values only, never a formula.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from numbers import Real
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..errors import WorkbookError
from ..i18n import _
from ..limits import TABLE_ROWS, WORKBOOK_BYTES, check_size
from ..numbers import format_number, format_percent, format_rupiah
from . import schemas

FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@")
_DISPLAY = {
    schemas.RUPIAH: '"Rp"#,##0', schemas.PERCENT: '0.00"%"', schemas.FLOAT: "#,##0.00##",
    schemas.INT: "0", schemas.INT_NA: "#,##0",
}
# how each display format writes a value, for the column widths
_SHOWN = {schemas.RUPIAH: format_rupiah, schemas.PERCENT: format_percent,
          schemas.FLOAT: lambda v: format_number(v, 4), schemas.INT_NA: format_number}
_LINE_NUMBERS = ("baris_sumber", "baris_rumus")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
# the stamp only: the element keeps its namespace declarations (a strict XML reader needs them)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def workbook_bytes(frames: dict[str, pd.DataFrame],
                   extra_kinds: dict[str, dict[str, str]] | None = None) -> bytes:
    """The workbook of `frames` (sheet name = dataset name), byte-identical on rerun.
    Sheets that are not datasets take their column kinds from `extra_kinds`."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "lkjip-analysis"
    book.properties.created = FIXED_TIME
    for name, df in frames.items():
        kinds = (extra_kinds or {}).get(name) or schemas.kinds(name)
        _write_sheet(book.create_sheet(name), df, kinds)
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_timestamps(buffer.getvalue())


def _write_sheet(sheet, df: pd.DataFrame, kinds: dict[str, str]) -> None:
    sheet.append(list(df.columns))
    for cell in sheet[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for row in df.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    for index, column in enumerate(df.columns, start=1):
        kind = kinds[column]
        shown = schemas.TEXT if column in _LINE_NUMBERS else kind  # line numbers: plain
        letter = get_column_letter(index)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if kind == schemas.TEXT and isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even when it starts with '='
            elif shown in _DISPLAY:
                cell.number_format = _DISPLAY[shown]
        width = max([len(str(column))] + [_shown_width(v, shown) for v in df[column].head(500)])
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"


def _shown_width(value, kind: str) -> int:
    """The characters a value takes as the sheet displays it: `Rp26.661.611.467`, not the
    11 digits it holds (a column sized by those shows ########)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return 0 if value is pd.NA else len(str(value))
    if math.isnan(value):
        return 0
    return len(_SHOWN.get(kind, str)(value))


_NOTES = (
    "Petunjuk pengisian buku kerja LKjIP {year}",
    "",
    "Setiap lembar adalah satu dataset; baris pertama adalah judul kolom: jangan diubah.",
    "Satu baris per pengamatan, seperti dataset yang ditulis `lkjip extract` untuk tahun lain.",
    "Angka ditulis sebagai angka biasa (1234567, 88.6), tanpa 'Rp', titik ribuan atau '%'.",
    "Rumus tidak diterima: tempelkan nilainya.",
    "baris_sumber: nomor halaman atau baris dokumen asal angka itu, agar auditor dapat "
    "menelusurinya.",
    "dikoreksi: TRUE bila angka itu diperbaiki dari salah tulis (catat alasannya di "
    "koreksi.yaml), selain itu FALSE.",
    "instansi: satu baris, nama instansi dan tahun laporan.",
    "tabel_sumber: dataset, label tabel dalam laporan (mis. 'Tabel 14'), judulnya dan barisnya.",
    "Angka yang tidak ada dalam laporan dibiarkan kosong: jangan diperkirakan.",
)
_VALIDATION_ROWS = 5000


def template_bytes(names: tuple[str, ...], year: int) -> bytes:
    """An empty workbook in the datasets' shape: headers, number validation on every number
    column, and a `petunjuk` sheet of notes in Bahasa Indonesia."""
    from openpyxl.worksheet.datavalidation import DataValidation

    frames = {name: pd.DataFrame(columns=list(schemas.kinds(name))) for name in names}
    book = load_workbook(io.BytesIO(workbook_bytes(frames)))
    for name in names:
        sheet = book[name]
        for index, kind in enumerate(schemas.kinds(name).values(), start=1):
            if kind in (schemas.TEXT, schemas.BOOL):
                continue
            whole = kind in (schemas.INT, schemas.INT_NA, schemas.RUPIAH)
            rule = DataValidation(type="whole" if whole else "decimal", operator="between",
                                  formula1="-1000000000000000", formula2="1000000000000000",
                                  allow_blank=kind != schemas.INT, showErrorMessage=True,
                                  errorTitle="Bukan angka",
                                  error="Tulis angka biasa, tanpa Rp, titik ribuan atau %.")
            letter = get_column_letter(index)
            rule.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")
            sheet.add_data_validation(rule)
    notes = book.create_sheet("petunjuk", 0)
    for line in _NOTES:
        notes.append([line.format(year=year)])
    notes.column_dimensions["A"].width = 100
    notes["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_timestamps(buffer.getvalue())


def _without_timestamps(data: bytes) -> bytes:
    fixed = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(lambda m: m.group(1) + fixed + m.group(2), content)
            dst.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), content,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


# A year's datasets fill a few hundred rows; a workbook far beyond this is refused before it
# is parsed (a small file can unpack into millions of rows).
MAX_ROWS = TABLE_ROWS
MAX_SHEET_XML = 32 << 20  # bytes of one sheet's XML, unpacked
MAX_UNPACKED = 256 << 20  # bytes of the whole workbook, unpacked


def read_workbook(path: str | Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The sheets `names` of a filled workbook, each checked cell by cell. Every row the
    sheet holds is read, whatever dimension the file declares."""
    path = Path(path)
    _check_size(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError(_("cannot open workbook: {error}").format(error=exc),
                            file=path) from None
    try:
        return {name: _read_sheet(book, name, path) for name in names}
    except WorkbookError:
        raise
    except Exception as exc:  # a damaged archive or sheet XML found while reading it
        raise WorkbookError(_("cannot read workbook: {kind}: {error}").format(
            kind=type(exc).__name__, error=exc), file=path) from None
    finally:
        book.close()


def _check_size(path: Path) -> None:
    """Refuse, before parsing, a workbook whose sheets unpack beyond the limits."""
    check_size(path, WORKBOOK_BYTES, _("workbook"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise WorkbookError(_("cannot open workbook: {error}").format(error=exc),
                            file=path) from None
    hint = _("A workbook holds at most {rows} rows per sheet: fill only the datasets' "
             "rows").format(rows=_dotted(MAX_ROWS))
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.file_size > MAX_SHEET_XML:
            raise WorkbookError(_("{name} unpacks to {size} bytes, more than {limit}").format(
                name=member.filename, size=_dotted(member.file_size),
                limit=_dotted(MAX_SHEET_XML)), file=path, hint=hint)
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise WorkbookError(_("the workbook unpacks to {size} bytes, more than {limit}").format(
            size=_dotted(total), limit=_dotted(MAX_UNPACKED)), file=path, hint=hint)


def _dotted(count: int) -> str:
    """A count with dots grouping thousands, as the messages write it."""
    return f"{count:,}".replace(",", ".")


def _read_sheet(book, name: str, path: Path) -> pd.DataFrame:
    if name not in book.sheetnames:
        raise WorkbookError(_("sheet {name!r} is missing").format(name=name), file=path,
                            table=name,
                            hint=_("Start from the template: the processed workbook of 2020"))
    sheet = book[name]
    sheet.reset_dimensions()  # the declared <dimension> may be wrong: read what is there
    rows = sheet.iter_rows()
    header = [c.value for c in next(rows, [])]
    kinds = schemas.kinds(name)
    if header != list(kinds):
        missing = [c for c in kinds if c not in header]
        raise WorkbookError(
            _("sheet {name!r} columns differ: missing {missing}, found {found}").format(
                name=name, missing=missing, found=header), file=path,
            table=name, line=1, hint=_("Keep the template's header row as it is"))
    records = []
    for line, cells in enumerate(rows, start=2):
        if line > MAX_ROWS + 1:
            raise WorkbookError(_("sheet {name!r} has more than {rows} rows").format(
                name=name, rows=_dotted(MAX_ROWS)), file=path, table=name, line=line,
                hint=_("Fill only the dataset's rows"))
        if all(cell.value is None for cell in cells):
            continue  # an empty (perhaps formatted) row
        # a row's empty last cells are not stored: they are empty, not missing
        cells = [*cells[:len(header)], *[_EmptyCell(line)] * (len(header) - len(cells))]
        records.append([_cell_value(cell, column, kinds[column], path, name)
                        for cell, column in zip(cells, header, strict=True)])
    return pd.DataFrame.from_records(records, columns=header)


@dataclass(frozen=True)
class _EmptyCell:
    """A cell a sheet does not store (after the row's last value)."""

    row: int
    value: None = None
    data_type: str = "n"


def _cell_value(cell, column: str, kind: str, path: Path, sheet: str):
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")
                                 and kind != schemas.TEXT):
        raise WorkbookError(_("formula cell: the workbook must hold values only"), file=path,
                            table=sheet, line=cell.row, column=column, raw=str(value),
                            hint=_("Paste the values instead of the formula"))
    if kind == schemas.TEXT:
        return "" if value is None else str(value)
    if kind == schemas.BOOL:
        if value is None or isinstance(value, bool):
            return bool(value)
        raise WorkbookError(_("not a logical value"), file=path, table=sheet, line=cell.row,
                            column=column, raw=str(value),
                            hint=_("Enter TRUE or FALSE as a logical cell (not text), or leave "
                                   "it empty for FALSE"))
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                              or not math.isfinite(value)):
        raise WorkbookError(_("text in a number column ({kind})").format(kind=kind), file=path,
                            table=sheet, line=cell.row, column=column, raw=str(value),
                            hint=_("Enter a plain number, without dots or 'Rp'"))
    if kind in schemas.WHOLE and value is not None and value % 1:
        raise WorkbookError(_("a whole number is expected ({kind})").format(kind=kind),
                            file=path, table=sheet, line=cell.row, column=column,
                            raw=str(value), hint=_("Enter a whole number"))
    return value
