"""Where each line of an imported document stood in the agency's file.

`lkjip import` writes `data/raw/<year>/asli/asal.csv` beside the original: for each line of the
text it wrote, `baris` (its line), `halaman` (the PDF page, empty for Word), `asal` (`halaman
12`, `tabel 3 baris 4`, `paragraf 17`) and `awal` (the line's first characters). Read back, it
is the `asal_baris` dataset, and every dataset row gets its `halaman` beside `baris_sumber`, so
that an auditor opens the PDF at that page. A line whose text no longer starts as recorded (the
document was edited after the import) is given no origin, never a wrong one.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

import pandas as pd

from ..config import Paths
from ..errors import SourceError
from ..i18n import N_, _
from ..limits import TABLE_BYTES, check_size
from ..safety.hashing import sha256

log = logging.getLogger("lkjip")
ORIGINS_FILE = "asal.csv"
FIELDS = ["baris", "halaman", "asal", "awal"]
_START = 40  # characters of a line kept to check it is still the same line
REIMPORT = N_("Import the document again with `lkjip import ... --force`")
_PAGE = re.compile(r"^halaman (\d+)$")


def origins_csv(origins: tuple[str, ...], lines: list[str]) -> bytes:
    """The origins file for a text of `lines`, one origin each ("" for none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for number, (origin, line) in enumerate(zip(origins, lines, strict=False), 1):
        if origin:
            page = _PAGE.match(origin)
            writer.writerow([number, page.group(1) if page else "", origin, line[:_START]])
    return out.getvalue().encode("utf-8")


def line_origins(path: Path, lines: tuple[str, ...]) -> pd.DataFrame:
    """The `asal_baris` dataset: the recorded origin of each line of the document that still
    starts as it did when imported; empty when the document was not imported."""
    empty = pd.DataFrame({"baris_sumber": pd.Series(dtype="int64"),
                          "halaman": pd.Series(dtype="Int64"), "asal": pd.Series(dtype=str)})
    if not path.is_file():
        return empty
    check_size(path, TABLE_BYTES, _("line origins file"))
    try:
        recorded = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(_("the line origins file is unreadable: {error}").format(error=exc),
                          file=path, hint=_(REIMPORT)) from None
    if list(recorded.columns) != FIELDS or not recorded.baris.str.fullmatch(r"\d{1,7}").all():
        raise SourceError(_("the line origins file is not in the expected shape"), file=path,
                          hint=_(REIMPORT))
    number = recorded.baris.astype("int64")
    current = number.map(lambda n: lines[n - 1][:_START] if n <= len(lines) else None)
    same = current == recorded.awal
    if not same.all():
        log.warning(_("%s: %d document lines are no longer as imported: their origin is not "
                      "given"), path, int((~same).sum()))
    kept = recorded[same]
    return pd.DataFrame({"baris_sumber": number[same].to_numpy(),
                         "halaman": pd.to_numeric(kept.halaman, errors="coerce").astype("Int64")
                         .to_numpy(),
                         "asal": kept.asal.to_numpy()})


def line_pages(origins: pd.DataFrame) -> dict[int, int]:
    """Line -> the PDF page it came from, for the lines whose page is known."""
    return {int(line): int(page) for line, page in zip(origins.baris_sumber, origins.halaman,
                                                       strict=True) if not pd.isna(page)}


def with_pages(frame: pd.DataFrame, origins: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `halaman` beside `baris_sumber`: the page its line came from, or empty."""
    halaman = frame.baris_sumber.map(line_pages(origins)).astype("Int64") if len(frame) else \
        pd.Series(dtype="Int64")
    frame = frame.drop(columns=["halaman"], errors="ignore")
    frame.insert(frame.columns.get_loc("baris_sumber") + 1, "halaman", halaman)
    return frame


def source_line(paths: Paths, reader: bool = False) -> str:
    """The report's source as its cover (and an explorer workbook) names it: the agency's
    file as received (or the text, or the filled workbook) and the start of its SHA-256, to
    check a copy against. For the `reader`, the project's own text is called what it is, not
    by its file name."""
    originals = [p for p in sorted(paths.originals.glob("*.*")) if p.is_file()
                 and p.suffix.lower() in (".pdf", ".docx")] if paths.originals.is_dir() else []
    candidates = [*originals, *paths.documents, paths.workbook_input]
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        return ""
    name = "teks laporan" if reader and found.suffix == ".md" else found.name
    return f"{name} (SHA-256 {sha256(found)[:16]}…)"
