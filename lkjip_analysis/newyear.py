"""Preparing a new report year: `lkjip init` (the folder, an empty `koreksi.yaml` and a
`tabel.yaml` holding only its format) and
`lkjip template` (an empty workbook in the datasets' shape, for a report that is not
machine-readable). Nothing here overwrites a file a user has written."""

from __future__ import annotations

import shlex
from pathlib import Path

from .atomic import write_bytes
from .config import POLARITY_FILE, Paths, check_year
from .errors import LkjipError

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
    to_import = command(f"import BERKAS.pdf --year {year}", data_dir)
    template = command(f"template --year {year}", data_dir)
    return [
        f"Folder {paths.raw} siap untuk LKjIP {year}.", *made, "",
        "Langkah berikutnya:",
        f"1. Impor berkas laporan instansi: `{to_import}`"
        " (PDF atau Word .docx), atau salin teksnya ke folder itu sebagai "
        f"lkjip_{year}_<instansi>.md (UTF-8), tabel sebagai baris bertab di bawah judul "
        "'Tabel N. ...'.",
        f"   Laporan yang tidak dapat dibaca mesin: `{template}`"
        ", lalu isi buku kerjanya.",
        f"2. Jalankan `{command(f'extract --year {year}', data_dir)}`. Bila berhenti pada angka "
        "yang salah tulis, "
        "catat koreksinya di koreksi.yaml (pesan galat menyebut berkas, baris, tabel dan kolom).",
        "3. Bila sebuah tabel tidak dikenali atau dikenali dua kali, tulis di tabel.yaml: "
        "`<dataset>: Tabel N` (pesan galat menyebut judul-judul tabel yang ada). Kolom dibaca "
        "menurut judulnya, urutannya bebas; bila judul sebuah kolom jauh berbeda, tulis "
        "`<dataset>:` lalu `tabel: Tabel N` dan `kolom:` dengan `<kolom>: <judul seperti "
        "tertulis>` (pesan galat memberi contohnya).",
        (f"4. Polaritas indikator: dipakai {polarity} kecuali folder ini punya "
         "polaritas_indikator.csv sendiri." if polarity.exists() else
         f"4. Polaritas indikator belum ada: tulis {paths.raw / POLARITY_FILE} "
         "(indikator_kinerja, polaritas maksimal/minimal, alasan)."),
        f"5. Jalankan `{command('build', data_dir)}`: setiap tahun, lalu ringkasan lintas tahun "
        "(reports/index.html).",
    ]


def _write_once(path: Path, text: str) -> str:
    """Write `path` unless it exists; says which."""
    if path.exists():
        return f"{path} sudah ada dan dibiarkan apa adanya."
    write_bytes(path, text.encode("utf-8"))
    return f"Dibuat: {path} (kosong, dengan petunjuk formatnya)."


def write_template(year: int, data_dir: str | Path | None = None) -> Path:
    """Write `data/raw/<year>/lkjip_<year>.xlsx`: one empty sheet per dataset, number
    validation, and a sheet of notes; refuse to overwrite a workbook that exists."""
    from .datasets import WORKBOOK_DATASETS
    from .workbook import template_bytes

    paths = Paths.for_year(check_year(year), data_dir)
    if paths.documents:
        raise LkjipError(f"{paths.raw} already has a report document ({paths.documents[0].name}); "
                         "a workbook there would be read instead of it. Write the template only "
                         "for a year whose report is not machine-readable")
    if paths.workbook_input.exists():
        raise LkjipError(f"{paths.workbook_input} already exists and was left as it is; "
                         "move it away first to write a new empty template")
    write_bytes(paths.workbook_input, template_bytes(WORKBOOK_DATASETS, year))
    return paths.workbook_input
