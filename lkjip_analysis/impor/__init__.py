"""`lkjip import FILE --year N`: the agency's document in, the reader's text format out.

Its own layer below the reader: a file is read into a small document model (`model`), written as
the text format (`text`), and reviewed for the analyst (what was read, what was not). The
original is kept beside the text (`data/raw/<year>/asli/`), where the manifest hashes it. Word
(.docx, `word`) and PDF with a text layer (`pdf`) are read.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..config import Paths, check_year, refuse_outside_links
from ..errors import LkjipError
from ..i18n import _
from ..markup import printable
from ..newyear import command
from ..reading.limits import DOCUMENT_BYTES, IMPORT_BYTES
from ..reading.source import CAPTION, CHART_CAPTION
from ..safety.atomic import recover_swap, replace_directory, stage_bytes, write_bytes
from ..safety.lock import year_run
from ..safety.processes import scratch
from .bounded import read_bounded
from .model import Chart, Imported, ImportRefused, Paragraph, Picture, Table
from .package import check_word_file
from .pdf import check_pdf_file
from .text import captions_above, to_text

__all__ = ["ImportRefused", "Review", "agency_slug", "import_document"]
_SAVE_AS_DOCX = {".doc", ".odt", ".rtf", ".wps"}

@dataclass(frozen=True)
class Review:
    """What an import wrote and what the analyst should check."""

    text: Path
    original: Path
    lines: list[str]
    pages: int = 0  # a PDF's pages; 0 for a Word file


def import_document(source: str | Path, year: int, data_dir: str | Path | None = None,
                    force: bool = False, wait: float = 0, agency: str | None = None,
                    agency_if_unnamed: bool = False) -> Review:
    """Import `source` as the report of `year`: `data/raw/<year>/lkjip_<year>_<agency>.md`
    and the original under `asli/`. An existing document is replaced only with `force`, and
    only once the new files are written: a refusal or a failure changes nothing. Another run
    of the year is waited for at most `wait` seconds. `agency` names the agency of a document
    that does not (kept in `instansi.txt`); it may not contradict the document, unless
    `agency_if_unnamed` (a batch's folder name): then the document's own name wins."""
    from ..data.provenance import ORIGINS_FILE, origins_csv  # pandas: not before the file is read

    path = Path(source).expanduser().resolve()
    paths = Paths.for_year(check_year(year), data_dir)
    _check_kind(path)
    original = _read_original(path)
    with scratch("impor") as folder:
        copy = folder / path.name  # the bytes kept are the bytes read
        copy.write_bytes(original)
        imported = read_bounded(copy)
    written = to_text(imported)
    text = written.text.encode("utf-8")
    _check_text_size(path, text)
    name, why = _agency(written.text, agency, path, agency_if_unnamed)
    target = paths.raw / f"lkjip_{paths.year}_{agency_slug(name)}.md"
    with year_run(paths, reports=False, wait=wait):
        _check_folders(paths)
        existing = paths.documents
        if existing and not force:
            raise ImportRefused(_("{folder} already holds a report document ({names}): not "
                                  "replaced; run again with --force to replace it").format(
                folder=paths.raw, names=", ".join(p.name for p in existing)))
        _replace(paths, target, existing, {
            path.name: original,
            ORIGINS_FILE: origins_csv(written.origins, written.text.split("\n"))}, text)
        if agency is not None and name == " ".join(printable(agency).split()):
            write_bytes(paths.agency, (name + "\n").encode("utf-8"))
    extract = command(f"extract --year {paths.year}", data_dir)
    lines = review_lines(imported, path, target, extract)
    lines.insert(2, _("File named after the agency {name!r}: {why}").format(name=name, why=why))
    return Review(target, paths.originals / path.name, lines, imported.pages)


def _check_kind(path: Path) -> None:
    if not path.exists():
        raise ImportRefused(_("{path} not found").format(path=path))
    if not path.is_file():
        raise ImportRefused(_("{path} is not a regular file (a folder, a device or a pipe): "
                              "give the report's PDF or Word file").format(path=path))
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS_DOCX:
        raise ImportRefused(_("{name}: the {suffix} format is not read; open it in a word "
                              "processor and save it as .docx, then import again").format(
                                  name=path.name, suffix=suffix))
    if suffix not in (".pdf", ".docx"):
        raise ImportRefused(_("{name}: only Word (.docx) and PDF files can be imported").format(
            name=path.name))
    size = path.stat().st_size
    if size > IMPORT_BYTES:
        raise ImportRefused(_("{name} is {size}, more than the {limit} accepted: check that "
                              "this is the report, or compress its pictures").format(
                                  name=path.name, size=_mib(size),
                                  limit=_mib(IMPORT_BYTES)))
    if suffix == ".pdf":
        check_pdf_file(path)
    else:
        check_word_file(path)


def _mib(count: int) -> str:
    return f"{count / (1 << 20):.1f} MiB".replace(".", ",")


def _read_original(path: Path) -> bytes:
    """The file's bytes, read once (a source inside `asli/` is held before anything there is
    replaced), never more than the limit whatever the file grew to."""
    with path.open("rb") as handle:
        data = handle.read(IMPORT_BYTES + 1)
    if len(data) > IMPORT_BYTES:
        raise ImportRefused(_("{name} grew past {limit} while being read").format(
            name=path.name, limit=_mib(IMPORT_BYTES)))
    return data


def _check_text_size(path: Path, text: bytes) -> None:
    if len(text) > DOCUMENT_BYTES:
        raise ImportRefused(_("{name} gives a text larger than the {limit} a report text may "
                              "be").format(name=path.name, limit=_mib(DOCUMENT_BYTES)))


def _check_folders(paths: Paths) -> None:
    """The folders the import writes and clears lie inside the data folder (no link leads
    out of it), and `asli` is a folder if it exists."""
    root = paths.data_dir.resolve()
    for folder in (paths.raw_root, paths.raw, paths.originals):
        if (folder.exists() or folder.is_symlink()) and not folder.resolve().is_relative_to(root):
            raise ImportRefused(_("{folder} is a link leading outside the data folder: nothing "
                                  "is written or removed through it; make it a real folder "
                                  "inside {root}").format(folder=folder, root=root))
    try:
        refuse_outside_links(paths.raw, root)
    except LkjipError as exc:
        raise ImportRefused(str(exc)) from None
    if paths.originals.exists() and not paths.originals.is_dir():
        raise ImportRefused(_("{path} is a file, not the folder of originals: move it away, "
                              "then import again").format(path=paths.originals))


def _replace(paths: Paths, target: Path, existing: list[Path], kept: dict[str, bytes],
             text: bytes) -> None:
    """Write the new text and `asli/` beside the old ones, then put them in place: the text
    last but one, the old documents removed last."""
    recover_swap(paths.originals)
    staged = stage_bytes(target, text)
    try:
        replace_directory(paths.originals, kept)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    for old in existing:
        if old != target:
            old.unlink(missing_ok=True)


AGENCY_CHARACTERS = 150


def _agency(text: str, given: str | None, source: Path,
            if_unnamed: bool = False) -> tuple[str, str]:
    """The agency the document names, else the one given (`--instansi`), else `dokumen`, and
    where that name comes from; a given name that contradicts the document's is refused,
    unless given `if_unnamed`."""
    from ..core.agency import agency_frame
    from ..reading.source import Document

    stated = agency_frame(Document(Path("impor.md"), tuple(text.splitlines())))
    name = " ".join(printable(given or "").split())
    if given is not None and not 0 < len(name) <= AGENCY_CHARACTERS:
        raise ImportRefused(_("--instansi must be the agency's name, 1 to {count} "
                              "characters").format(count=AGENCY_CHARACTERS))
    if stated is None:
        if name:
            return name, _("the document does not name it; given with --instansi")
        return "dokumen", _("the document does not name its agency: give it with --instansi")
    said = stated.nama.iloc[0]
    if name and not if_unnamed and agency_slug(name) != agency_slug(said):
        raise ImportRefused(_("{name} names its agency {stated!r}, but --instansi gives "
                              "{given!r}: leave --instansi out, or import the right "
                              "file").format(name=source.name, stated=said, given=name))
    return said, _("as the document names it (line {line} of the text)").format(
        line=stated.baris_sumber.iloc[0])


SLUG_CHARACTERS = 60


def agency_slug(name: str) -> str:
    """The agency's name as a file-name part (`dinas_sosial_provinsi_kalimantan_timur`): its
    letters and digits, any script's, lower case. One too long for a file name keeps its start
    and a digest of the whole name, so that two agencies never share one (`… Kabupaten
    Bandung` and `… Kabupaten Bandung Barat`) and one agency always has the same."""
    slug = re.sub(r"[\W_]+", "_", unicodedata.normalize("NFKC", name).lower()).strip("_")
    if not slug:
        return "dokumen"
    if len(slug) <= SLUG_CHARACTERS:
        return slug
    digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:10]
    return f"{slug[:SLUG_CHARACTERS - 11].rstrip('_')}_{digest}"


def review_lines(imported: Imported, source: Path, target: Path, extract: str) -> list[str]:
    """The review: every table with its caption and shape, what was not read."""
    paragraphs = [b for b in imported.blocks if isinstance(b, Paragraph)]
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    pages = _("{count} pages, ").format(count=imported.pages) if imported.pages else ""
    lines = [_("Imported: {source} -> {target}").format(source=source.name, target=target),
             _("{pages}{paragraphs} paragraphs, {tables} tables.").format(
                 pages=pages, paragraphs=len(paragraphs), tables=len(tables))]
    caption = ""
    for block in captions_above(imported.blocks):
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
    return [printable(line) for line in lines]
