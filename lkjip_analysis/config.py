"""Every path the project uses, defined once from the package's own location."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .i18n import _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DATA_DIR_ENV = "LKJIP_DATA_DIR"
REPORTS_DIR_ENV = "LKJIP_REPORTS_DIR"
POLARITY_FILE = "polaritas_indikator.csv"
SERIES_NOTEBOOK = "06_lintas_tahun"  # the cross-year notebook: not part of a year's report


def default_data_dir() -> Path:
    """The data root: `$LKJIP_DATA_DIR` when set, else `data/` in the project."""
    return resolved(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data")


def default_reports_dir() -> Path:
    """The reports root: `$LKJIP_REPORTS_DIR` when set, else `reports/` in the project."""
    return resolved(os.environ.get(REPORTS_DIR_ENV) or PROJECT_ROOT / "reports")


def resolved(path: str | Path) -> Path:
    """An absolute path, resolved once against the current folder (`~` expanded), so that
    a notebook running in another folder writes where the user meant."""
    return Path(path).expanduser().resolve()


@dataclass(frozen=True)
class Paths:
    """The input and output locations of one report year."""

    year: int
    data_dir: Path
    reports_dir: Path

    @classmethod
    def for_year(
        cls, year: int, data_dir: str | Path | None = None, reports_dir: str | Path | None = None
    ) -> Paths:
        return cls(
            year=year,
            data_dir=resolved(data_dir) if data_dir else default_data_dir(),
            reports_dir=resolved(reports_dir) if reports_dir else default_reports_dir(),
        )

    @property
    def raw_root(self) -> Path:
        return self.data_dir / "raw"

    @property
    def raw(self) -> Path:
        return self.raw_root / str(self.year)

    @property
    def documents(self) -> list[Path]:
        """The report texts in the year's folder (one is expected)."""
        return sorted(self.raw.glob("lkjip_*.md"))

    @property
    def document(self) -> Path:
        """The report text: the single `lkjip_*.md` file of the year."""
        found = self.documents
        return found[0] if found else self.raw / f"lkjip_{self.year}.md"

    @property
    def table_mapping(self) -> Path:
        """Optional: which caption each dataset reads, where recognition needs help."""
        return self.raw / "tabel.yaml"

    @property
    def agency(self) -> Path:
        """Optional: the agency's name, one line, for a document that does not state it
        (`lkjip import --instansi` writes it)."""
        return self.raw / "instansi.txt"

    @property
    def narrative(self) -> Path:
        """Optional: the year's own descriptions of its narrative figures (`narasi.yaml`)."""
        return self.raw / "narasi.yaml"

    @property
    def input_files(self) -> list[Path]:
        """The files of the year's folder that a load reads, those that exist; anything else
        there is not an input."""
        named = [self.corrections, self.table_mapping, self.narrative, self.agency,
                 self.raw / POLARITY_FILE, self.workbook_input]
        originals = [p for p in sorted(self.originals.glob("*")) if p.is_file()]
        return sorted({*self.documents, *(p for p in named if p.is_file()), *originals})

    @property
    def originals(self) -> Path:
        """`asli/`: the agency's file as received, kept by `lkjip import`."""
        return self.raw / "asli"

    @property
    def workbook_input(self) -> Path:
        """A filled workbook an analyst drops in instead of the document."""
        return self.raw / f"lkjip_{self.year}.xlsx"

    @property
    def corrections(self) -> Path:
        return self.raw / "koreksi.yaml"

    @property
    def indicator_polarity(self) -> Path:
        """The year's polarity file; without one, the latest earlier year's (polarity carries
        over from year to year), else `raw/polaritas_indikator.csv`."""
        own = self.raw / POLARITY_FILE
        if own.exists():
            return own
        earlier = [y for y in available_years(self.data_dir)
                   if y < self.year and (self.raw_root / str(y) / POLARITY_FILE).exists()]
        if earlier:
            return self.raw_root / str(max(earlier)) / POLARITY_FILE
        return self.raw_root / POLARITY_FILE

    @property
    def budget_history(self) -> Path:
        return self.raw_root / "anggaran_historis.csv"

    @property
    def processed(self) -> Path:
        return self.data_dir / "processed" / str(self.year)

    @property
    def processed_previous(self) -> Path:
        """Where a build keeps the processed folder it replaced until its reports are in:
        processed data and reports change together or not at all."""
        return self.processed.with_name(f".{self.year}.previous")

    @property
    def workbook_output(self) -> Path:
        return self.processed / f"lkjip_{self.year}.xlsx"

    @property
    def reports(self) -> Path:
        return self.reports_dir / str(self.year)

    @property
    def executed_notebooks(self) -> Path:
        return self.reports / "notebooks"

    @property
    def failed_notebooks(self) -> Path:
        return self.reports / "failed"

    @property
    def figures(self) -> Path:
        return self.reports / "figures"

    @property
    def audit_findings(self) -> Path:
        return self.reports / "temuan_audit.csv"

    @property
    def reader_report(self) -> Path:
        return self.reports / f"laporan_{self.year}.html"

    @property
    def reader_pdf(self) -> Path:
        """The reader report printed to PDF (`--pdf`), derived from the reader HTML."""
        return self.reports / f"laporan_{self.year}.pdf"

    @property
    def audit_report(self) -> Path:
        return self.reports / f"laporan_{self.year}_audit.html"

    @property
    def manifest(self) -> Path:
        return self.reports / "manifest.json"

    @property
    def lock_file(self) -> Path:
        """One run per year and data folder at a time."""
        return self.data_dir / "processed" / f".{self.year}.lock"

    @property
    def reports_lock_file(self) -> Path:
        """One run per year and reports folder at a time (two data folders may share one)."""
        return self.reports_dir / f".{self.year}.lock"

    @property
    def explorer(self) -> Path:
        """Where the explorer saves an analyst's selections: `reports/jelajah/<year>/`,
        outside the year's report folder, so a build never replaces or records them."""
        return self.reports_dir / "jelajah" / str(self.year)

    @property
    def reports_real(self) -> Path:
        """`reports/<year>/`, or the folder it links to: a published folder linked there is
        updated in place and the link kept."""
        return self.reports.resolve()

    @property
    def reports_stage(self) -> Path:
        """Where a run stages `reports/<year>/` before swapping it in (beside the real
        folder, so that the swap is a rename)."""
        return self.reports_real.with_name(f".{self.reports_real.name}.stage")


@dataclass(frozen=True)
class SeriesPaths:
    """The inputs and outputs of the cross-year layer, above every year's folders."""

    data_dir: Path
    reports_dir: Path

    @classmethod
    def under(cls, data_dir: str | Path | None = None,
              reports_dir: str | Path | None = None) -> SeriesPaths:
        return cls(resolved(data_dir) if data_dir else default_data_dir(),
                   resolved(reports_dir) if reports_dir else default_reports_dir())

    @property
    def processed(self) -> Path:
        """`data/processed/tren/`: anggaran_tahunan.csv, kinerja_tahunan.csv."""
        return self.data_dir / "processed" / "tren"

    @property
    def reports(self) -> Path:
        """`reports/lintas_tahun/`: the executed notebook, its figures and the manifest."""
        return self.reports_dir / "lintas_tahun"

    @property
    def figures(self) -> Path:
        return self.reports / "figures"

    @property
    def findings(self) -> Path:
        return self.reports_dir / "temuan_lintas_tahun.csv"

    @property
    def index(self) -> Path:
        return self.reports_dir / "index.html"

    @property
    def manifest(self) -> Path:
        return self.reports / "manifest.json"

    @property
    def lock_files(self) -> tuple[Path, Path]:
        return (self.data_dir / "processed" / ".tren.lock",
                self.reports_dir / ".lintas_tahun.lock")


FIRST_YEAR, LAST_YEAR = 1900, 2100  # a report year is four digits in this range, everywhere


def is_year_name(name: str) -> bool:
    """True when a folder name is a report year (`2020`)."""
    return len(name) == 4 and name.isdigit() and FIRST_YEAR <= int(name) <= LAST_YEAR


def available_years(data_dir: str | Path | None = None) -> list[int]:
    """The years that have a folder of raw data."""
    raw = Path(data_dir or default_data_dir()) / "raw"
    if not raw.is_dir():
        return []
    return sorted(int(p.name) for p in raw.iterdir() if p.is_dir() and is_year_name(p.name))


def check_year(year: object) -> int:
    """`year` when it is a whole number from 1900 to 2100 (or its four digits as text, as a
    folder names it: `"2020"`), else a `ParameterError`."""
    from .errors import ParameterError

    if isinstance(year, str) and is_year_name(year.strip()):
        year = int(year.strip())
    if isinstance(year, bool) or not isinstance(year, int):
        raise ParameterError(_("year must be a whole number, got {year!r}").format(year=year))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ParameterError(_("year must be from {first} to {last}, got {year}").format(
            first=FIRST_YEAR, last=LAST_YEAR, year=year))
    return year


def validate_year(year: int, data_dir: str | Path | None = None) -> int:
    """`year` as an int, or an error naming the years that have raw data. The data folder
    must hold no link leading out of it."""
    from .errors import ParameterError

    year = check_year(year)
    root = resolved(data_dir) if data_dir else default_data_dir()
    refuse_outside_links(root / "raw", root)
    years = available_years(root)
    if year not in years:
        raise ParameterError(_("no data for year {year} in {folder}; years available: "
                               "{years}").format(year=year, folder=root / "raw",
                                                 years=", ".join(map(str, years)) or _("none")))
    return year


def refuse_outside_links(folder: Path, root: Path) -> None:
    """A link under `folder` that leads outside `root` is refused, naming the link only (never
    quoting what it points to): a shared data folder must not make a run read other files."""
    from .errors import SourceError

    if not folder.is_dir():
        return
    for parent, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(parent) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise SourceError(
                    _("a link in the data folder leads outside it"), file=path,
                    hint=_("Copy the file into the data folder instead of linking it"))


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
