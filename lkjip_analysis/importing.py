"""`lkjip import FILE --year N`: the agency's document read (`impor`), its text written to
`data/raw/<year>/lkjip_<year>_<agency>.md`, named after the agency the document names, beside
the original as received (`asli/`, hashed by the manifest) and the page of every line
(`asal.csv`). A refusal or a failure changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import Paths, agency_slug, check_year, refuse_outside_links
from .errors import LkjipError
from .i18n import _
from .impor import ImportRefused, read_file, review_lines, text_of
from .markup import printable
from .newyear import command
from .pipeline.recovery import year_run
from .safety.atomic import recover_swap, replace_directory, stage_bytes, write_bytes

__all__ = ["ImportRefused", "Review", "import_document"]


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
    from .data.provenance import ORIGINS_FILE, origins_csv  # pandas: not before the file is read

    path = Path(source).expanduser().resolve()
    paths = Paths.for_year(check_year(year), data_dir)
    original, imported = read_file(path)
    written = text_of(imported, path)
    text = written.text.encode("utf-8")
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
    from .core.agency import agency_frame
    from .reading.source import Document

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
