"""What a batch reads: the reports of a source folder, each with its agency and year.

Three ways to say them, in this order:
- `daftar.csv` (in the folder, or given itself): `berkas,instansi,tahun`, one row per report,
  `berkas` relative to the list's folder;
- `<instansi>/<tahun>/<file>`: one document per year folder, with its `koreksi.yaml`,
  `tabel.yaml`, `narasi.yaml` or `polaritas_indikator.csv` beside it when it has them;
- a flat folder whose file names say agency and year (`Inspektorat_Jombang_2022.pdf`).

A file the batch cannot place (no year in its name, two documents in one year folder, a link
leading out of the folder) is not dropped: it becomes a report that failed, with its reason.
Nothing here imports Dask or pandas.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import agency_slug, is_year_name
from ..errors import LkjipError
from ..i18n import _
from ..markup import printable

LIST_FILE = "daftar.csv"
LIST_COLUMNS = ("berkas", "instansi", "tahun")
LIST_BYTES = 4 << 20
LIST_ROWS = 100_000
# what `lkjip import` takes, or refuses with a message worth listing (a .doc to save as .docx)
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".rtf", ".wps"}
SIDE_FILES = ("koreksi.yaml", "tabel.yaml", "narasi.yaml", "polaritas_indikator.csv")
# words of a file name that name the kind of document, not the agency
_GENERIC_WORDS = {"lkjip", "lkj", "lakip", "laporan", "kinerja", "instansi", "pemerintah",
                  "tahun", "final", "revisi", "rev", "ok", "fix", "upload"}
_NAME_PARTS = re.compile(r"[\s_\-.()\[\]]+")


class SourceListError(LkjipError):
    """A batch source that cannot be read at all (not a single report's problem)."""


@dataclass(frozen=True)
class Report:
    """One report of the batch: its agency and year, its document, the files beside it;
    `problem` says why it cannot be processed, when it cannot."""

    instansi: str
    tahun: int | None
    document: Path
    side_files: dict[str, Path] = field(default_factory=dict)
    problem: str = ""

    @property
    def slug(self) -> str:
        """The agency as a folder name of the collection."""
        return agency_slug(self.instansi)

    def refused(self, problem: str) -> Report:
        """This report, not to be processed, for `problem`."""
        return replace(self, side_files={}, problem=problem)

    @property
    def name(self) -> str:
        """`<slug>_<year>`: the report's name in the collection."""
        return f"{self.slug}_{self.tahun or 'tanpa_tahun'}"


def discover(source: str | Path) -> list[Report]:
    """Every report of `source` (a folder, or a `daftar.csv`), problems included, in a fixed
    order; a source that cannot be read at all raises `SourceListError`."""
    path = Path(source).expanduser().resolve()
    if path.is_file() and path.name.lower().endswith(".csv"):
        listed = _read_list(path)
        return _unique(listed)
    if not path.is_dir():
        raise SourceListError(_("{source}: not a folder of reports nor a daftar.csv").format(
            source=printable(source)))
    listed = _read_list(path / LIST_FILE) if (path / LIST_FILE).is_file() else []
    taken = {r.document for r in listed}
    found = [r for r in _from_folders(path) if r.document not in taken]
    return _unique(listed + found)


def _read_list(path: Path) -> list[Report]:
    if path.stat().st_size > LIST_BYTES:
        raise SourceListError(_("{path} is larger than {limit} MiB").format(
            path=path, limit=LIST_BYTES >> 20))
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in LIST_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceListError(_("{path}: the columns {missing} are missing; the list needs "
                                "the header berkas,instansi,tahun").format(
                                    path=path, missing=", ".join(missing)))
    reports = []
    for number, row in enumerate(reader, start=2):
        if number > LIST_ROWS + 1:
            raise SourceListError(_("{path}: more than {count} rows").format(
                path=path, count=LIST_ROWS))
        reports.append(_listed(path, number, row))
    return reports


def _listed(list_file: Path, number: int, row: dict) -> Report:
    """A row of `daftar.csv` as a report (its problem said when it is not a usable one)."""
    written = (row.get("berkas") or "").strip()
    agency = " ".join(printable(row.get("instansi") or "").split())
    year_text = (row.get("tahun") or "").strip()
    document = (list_file.parent / written).resolve()
    where = _("{list}, row {row}").format(list=list_file.name, row=number)
    year = int(year_text) if is_year_name(year_text) else None
    problem = ""
    if not written or not agency:
        problem = _("{where}: berkas and instansi must both be given").format(where=where)
    elif year is None:
        problem = _("{where}: tahun must be a year of four digits, got {raw!r}").format(
            where=where, raw=printable(year_text))
    elif not document.is_relative_to(list_file.parent):
        problem = _("{where}: {name} is outside the list's folder: not read").format(
            where=where, name=printable(written))
    elif not document.is_file():
        problem = _("{where}: {name} not found").format(where=where, name=printable(written))
    return Report(agency or printable(written), year, document, {}, problem)


def _from_folders(root: Path) -> list[Report]:
    """`<instansi>/<tahun>/<file>` and the flat folder's named files."""
    reports = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            reports += _agency_folder(root, entry)
        elif entry.is_dir():
            reports.append(_linked_folder(root, entry, entry.name))
        elif _is_document(entry):
            reports.append(_named(root, entry))
    return reports


def _linked_folder(root: Path, folder: Path, agency: str, year: int | None = None) -> Report:
    """A folder that is a link: not followed (it may lead anywhere), said as a report that
    failed rather than dropped."""
    return Report(" ".join(printable(agency).replace("_", " ").split()), year, folder, {}, _(
        "{name} is a linked folder: not read; copy its reports into the source "
        "folder").format(name=_shown(root, folder)))


def _agency_folder(root: Path, folder: Path) -> list[Report]:
    agency = " ".join(printable(folder.name).replace("_", " ").split())
    reports = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and not entry.is_symlink() and is_year_name(entry.name):
            reports += _year_folder(root, agency, int(entry.name), entry)
        elif entry.is_dir() and entry.is_symlink() and is_year_name(entry.name):
            reports.append(_linked_folder(root, entry, agency, int(entry.name)))
        elif _is_document(entry) or entry.is_dir():
            reports.append(Report(agency, None, entry, {}, _(
                "{name}: not inside a year folder; put it in {agency}/<tahun>/ or list it in "
                "daftar.csv").format(name=_shown(root, entry), agency=folder.name)))
    return reports


def _year_folder(root: Path, agency: str, year: int, folder: Path) -> list[Report]:
    documents = [p for p in sorted(folder.iterdir()) if _is_document(p)]
    side = {name: folder / name for name in SIDE_FILES if (folder / name).is_file()}
    if len(documents) == 1:
        return [_checked(root, Report(agency, year, documents[0], side))]
    if not documents:
        return []
    names = ", ".join(_shown(root, p) for p in documents)
    return [Report(agency, year, p, {}, _(
        "{count} documents for one year ({names}): keep one per year folder").format(
            count=len(documents), names=names)) for p in documents]


def _named(root: Path, path: Path) -> Report:
    """A file of the flat folder: agency and year from its name."""
    words = [w for w in _NAME_PARTS.split(path.stem) if w]
    years = {w for w in words if is_year_name(w)}
    agency = " ".join(w for w in words if w.lower() not in _GENERIC_WORDS and w not in years)
    if len(years) != 1 or not agency:
        return Report(agency or path.stem, None, path, {}, _(
            "{name}: the file name does not say one agency and one year; list it in "
            "daftar.csv (berkas,instansi,tahun)").format(name=_shown(root, path)))
    return _checked(root, Report(agency, int(years.pop()), path))


def _checked(root: Path, report: Report) -> Report:
    """A report whose document or side file is a link leading out of the source folder, or
    is no regular file (a pipe, a device: reading it could wait for ever), is not read."""
    for path in (report.document, *report.side_files.values()):
        if not path.resolve().is_relative_to(root):
            return report.refused(_(
                "{name} is a link leading out of the source folder: not read").format(
                    name=_shown(root, path)))
        if not _regular(path):
            return report.refused(_(
                "{name} is no regular file (a pipe, a device or a broken link): not "
                "read").format(name=_shown(root, path)))
    return report


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _unique(reports: list[Report]) -> list[Report]:
    """One report per agency and year: a second one is listed with its problem."""
    seen: dict[str, Path] = {}
    kept = []
    for report in reports:
        if not report.problem and report.name in seen:
            report = report.refused(_(
                "a second report of {agency} for {year} (the first: {first}): not read").format(
                    agency=report.instansi, year=report.tahun, first=seen[report.name].name))
        elif not report.problem:
            seen[report.name] = report.document
        kept.append(report)
    return kept


def _is_document(path: Path) -> bool:
    """A file named as a document: a regular one, or anything else so named (a link, a pipe),
    which `_checked` then refuses with its reason rather than dropping it unsaid."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith(".") and (
        path.is_symlink() or (path.exists() and not path.is_dir()))


def _shown(root: Path, path: Path) -> str:
    try:
        return printable(path.relative_to(root))
    except ValueError:
        return printable(path.name)
