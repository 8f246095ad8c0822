"""`lkjip import FILE --year N`: the agency's document in, the reader's text format out.

Its own layer below the reader: a file is read into a small document model (`model`), written as
the text format (`text`), and reviewed for the analyst (what was read, what was not). The
original is kept beside the text (`data/raw/<year>/asli/`), where the manifest hashes it. Word
(.docx, `word`) and PDF with a text layer (`pdf`) are read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_bytes
from ..config import Paths, check_year
from ..i18n import _
from ..lock import year_run
from ..newyear import command
from ..provenance import ORIGINS_FILE, origins_csv
from ..source import CAPTION, CHART_CAPTION
from .model import Chart, Imported, ImportRefused, Paragraph, Picture, Table
from .pdf import read_pdf
from .text import to_text
from .word import read_docx

__all__ = ["ImportRefused", "Review", "import_document"]
_SAVE_AS_DOCX = {".doc", ".odt", ".rtf", ".wps"}

@dataclass(frozen=True)
class Review:
    """What an import wrote and what the analyst should check."""

    text: Path
    original: Path
    lines: list[str]


def import_document(source: str | Path, year: int, data_dir: str | Path | None = None,
                    force: bool = False) -> Review:
    """Import `source` as the report of `year`: `data/raw/<year>/lkjip_<year>_<agency>.md`
    and the original under `asli/`. An existing document is replaced only with `force`."""
    path = Path(source).expanduser().resolve()
    paths = Paths.for_year(check_year(year), data_dir)
    _check_kind(path)
    imported = read_pdf(path) if path.suffix.lower() == ".pdf" else read_docx(path)
    written = to_text(imported)
    target = paths.raw / f"lkjip_{paths.year}_{_slug(written.text)}.md"
    with year_run(paths, reports=False):
        existing = paths.documents
        if existing and not force:
            raise ImportRefused(_("{folder} already holds a report document ({names}): not "
                                  "replaced; run again with --force to replace it").format(
                folder=paths.raw, names=", ".join(p.name for p in existing)))
        kept = sorted(paths.originals.glob("*")) if paths.originals.is_dir() else []
        for old in [*existing, *(p for p in kept if p.is_file())]:
            old.unlink()
        original = paths.originals / path.name
        write_bytes(original, path.read_bytes())
        write_bytes(paths.originals / ORIGINS_FILE,
                    origins_csv(written.origins, written.text.split("\n")))
        write_bytes(target, written.text.encode("utf-8"))
    extract = command(f"extract --year {paths.year}", data_dir)
    return Review(target, original, review_lines(imported, path, target, extract))


def _check_kind(path: Path) -> None:
    if not path.is_file():
        raise ImportRefused(_("{path} not found").format(path=path))
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS_DOCX:
        raise ImportRefused(_("{name}: the {suffix} format is not read; open it in a word "
                              "processor and save it as .docx, then import again").format(
                                  name=path.name, suffix=suffix))
    if suffix == ".pdf":
        return
    if suffix != ".docx":
        raise ImportRefused(_("{name}: only Word (.docx) and PDF files can be imported").format(
            name=path.name))
    try:
        with zipfile.ZipFile(path) as archive:
            is_word = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        is_word = False
    if not is_word:
        raise ImportRefused(_("{name} is not a Word file (.docx), whatever its name says").format(
            name=path.name))


def _slug(text: str) -> str:
    """The agency's name as a file-name part (`dinas_sosial_provinsi_kalimantan_timur`)."""
    from ..source import Document
    from ..tables.instansi import agency_frame

    agency = agency_frame(Document(Path("impor.md"), tuple(text.splitlines())))
    name = agency.nama.iloc[0] if agency is not None else "dokumen"
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60] or "dokumen"


def review_lines(imported: Imported, source: Path, target: Path, extract: str) -> list[str]:
    """The review: every table with its caption and shape, what was not read."""
    paragraphs = [b for b in imported.blocks if isinstance(b, Paragraph)]
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    pages = _("{count} pages, ").format(count=imported.pages) if imported.pages else ""
    lines = [_("Imported: {source} -> {target}").format(source=source.name, target=target),
             _("{pages}{paragraphs} paragraphs, {tables} tables.").format(
                 pages=pages, paragraphs=len(paragraphs), tables=len(tables))]
    caption = ""
    for block in imported.blocks:
        if isinstance(block, Paragraph) and (CAPTION.match(block.text.text)
                                             or CHART_CAPTION.match(block.text.text)):
            caption = block.text.text[:70]
        elif isinstance(block, Table):
            width = max((len(row) for row in block.rows), default=0)
            lines.append(_("  {origin}: {caption} ({rows} rows x {columns} columns)").format(
                origin=block.origin, caption=caption or _("no caption"), rows=len(block.rows),
                columns=width))
            caption = ""
    for chart in (b for b in imported.blocks if isinstance(b, Chart)):
        lines.append(_("  {origin}: chart read: {series} series x {categories} "
                       "categories").format(origin=chart.origin, series=len(chart.series),
                                            categories=len(chart.categories)))
    pictures = [b for b in imported.blocks if isinstance(b, Picture)]
    lines += [_("  not read: {origin}: {what}").format(origin=b.origin, what=b.what)
              for b in pictures]
    lines += [_("  check: {note}").format(note=note) for note in imported.notes]
    lines.append(_("Check the text, then run: {command} (an error message names the text's "
                   "line)").format(command=extract))
    return lines
