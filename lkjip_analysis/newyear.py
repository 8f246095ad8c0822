"""Preparing a new report year: `lkjip init` (the folder, an empty `koreksi.yaml` and a
`tabel.yaml` holding only its format) and
`lkjip template` (an empty workbook in the datasets' shape, for a report that is not
machine-readable). Nothing here overwrites a file a user has written."""

from __future__ import annotations

import shlex
from pathlib import Path

from .config import POLARITY_FILE, Paths, check_year
from .errors import LkjipError
from .i18n import _
from .safety.atomic import write_bytes

KOREKSI_FORMAT = """\
# Koreksi salah tulis dalam dokumen laporan tahun {year}.
#
# Setiap entri memperbaiki tepat satu sel, dan hanya berlaku bila baris itu memuat teks itu:
#   tabel     tabel sebagaimana judulnya dalam dokumen ("Tabel 14")
#   baris     nomor baris dokumen (1 = baris pertama)
#   kolom     kolom dataset yang dibaca dari sel itu (mis. realisasi)
#   tertulis  teks sebagaimana tertulis di dokumen
#   dipakai   nilai yang dipakai (angka biasa, mis. 158108200)
#   alasan    mengapa nilai itu, dalam Bahasa Indonesia: ditampilkan kepada pembaca dan auditor
# Contoh:
#   - tabel: Tabel 14
#     baris: 694
#     kolom: realisasi
#     tertulis: "158.108,200"
#     dipakai: 158108200
#     alasan: Koma dipakai di tempat titik pemisah ribuan.
koreksi: []
"""
TABEL_FORMAT = """\
# Bantuan pengenalan tabel laporan tahun {year} (biasanya tidak diperlukan: tabel dikenali
# dari judul kolomnya, kolom dibaca menurut judulnya dalam urutan apa pun).
# Tabel yang tidak dikenali, atau dikenali dua kali:
#   <dataset>: Tabel N
# Kolom yang judulnya jauh berbeda dari biasanya (judul seperti tertulis; "Induk > Anak" untuk
# judul bertingkat):
#   capaian_kinerja:
#     tabel: Tabel 9
#     kolom:
#       target: Sasaran Tahun Ini
"""


def command(words: str, data_dir: str | Path | None = None) -> str:
    """A command to run next, as the user must type it: with their `--data-dir`."""
    return f"lkjip {words}" + (f" --data-dir {shlex.quote(str(data_dir))}" if data_dir else "")


def init_year(year: int, data_dir: str | Path | None = None) -> list[str]:
    """Create `data/raw/<year>/` with an empty `koreksi.yaml` and a `tabel.yaml` of comments;
    returns the next steps."""
    paths = Paths.for_year(check_year(year), data_dir)
    paths.raw.mkdir(parents=True, exist_ok=True)
    made = [_write_once(path, text.format(year=year))
            for path, text in ((paths.corrections, KOREKSI_FORMAT),
                               (paths.table_mapping, TABEL_FORMAT))]
    polarity = paths.indicator_polarity
    to_import = command(f"import {_('FILE.pdf')} --year {year}", data_dir)
    template = command(f"template --year {year}", data_dir)
    return [
        _("Folder {folder} is ready for LKjIP {year}.").format(folder=paths.raw, year=year),
        *made, "", _("Next steps:"),
        _("1. Import the agency's report file: `{command}` (PDF or Word .docx), or copy its "
          "text into that folder as lkjip_{year}_<agency>.md (UTF-8), tables as tabbed lines "
          "under a caption 'Tabel N. ...'.").format(command=to_import, year=year),
        _("   A report that is not machine-readable: `{command}`, then fill its "
          "workbook.").format(command=template),
        _("2. Run `{command}`. If it stops at a mistyped number, record its correction in "
          "koreksi.yaml (the error message names file, line, table and column).").format(
              command=command(f"extract --year {year}", data_dir)),
        _("3. If a table is not recognised or recognised twice, write in tabel.yaml: "
          "`<dataset>: Tabel N` (the error message names the captions there). Columns are read "
          "by their headers, in any order; if a column's header is worded far apart, write "
          "`<dataset>:` then `tabel: Tabel N` and `kolom:` with `<column>: <header as "
          "written>` (the error message gives the example)."),
        (_("4. Indicator polarity: {file} is used unless this folder has its own "
           "polaritas_indikator.csv.").format(file=polarity) if polarity.exists() else
         _("4. Indicator polarity is missing: write {file} (indikator_kinerja, polaritas "
           "maksimal/minimal, alasan).").format(file=paths.raw / POLARITY_FILE)),
        _("5. Run `{command}`: every year, then the cross-year summary "
          "(reports/index.html).").format(command=command("build", data_dir)),
    ]


def _write_once(path: Path, text: str) -> str:
    """Write `path` unless it exists; says which."""
    if path.exists():
        return _("{path} already exists and was left as it is.").format(path=path)
    write_bytes(path, text.encode("utf-8"))
    return _("Made: {path} (empty, with notes on its format).").format(path=path)


def write_template(year: int, data_dir: str | Path | None = None) -> Path:
    """Write `data/raw/<year>/lkjip_<year>.xlsx`: one empty sheet per dataset, number
    validation, and a sheet of notes; refuse to overwrite a workbook that exists."""
    from .data.datasets import WORKBOOK_DATASETS
    from .data.workbook import template_bytes

    paths = Paths.for_year(check_year(year), data_dir)
    if paths.documents:
        raise LkjipError(_("{folder} already has a report document ({name}); a workbook there "
                           "would be read instead of it. Write the template only for a year "
                           "whose report is not machine-readable").format(
                               folder=paths.raw, name=paths.documents[0].name))
    if paths.workbook_input.exists():
        raise LkjipError(_("{path} already exists and was left as it is; move it away first to "
                           "write a new empty template").format(path=paths.workbook_input))
    write_bytes(paths.workbook_input, template_bytes(WORKBOOK_DATASETS, year))
    return paths.workbook_input
