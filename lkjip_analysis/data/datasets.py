"""`load(year)` and the processed outputs (one CSV per dataset and a workbook).

The datasets come from the report document (through the table specs and `koreksi.yaml`), or
from a filled workbook `data/raw/<year>/lkjip_<year>.xlsx` of the same shape, or from the
processed CSVs an earlier `lkjip extract` wrote. The side files (polarity, budget history) are
read from `data/raw` in every case.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from .. import families
from ..config import Paths, available_years, validate_year
from ..core.assemble import CORE, completeness, core_datasets
from ..core.read import Choice
from ..errors import ParameterError, SourceError
from ..families import Family, Mistyped, load_figures, read_facts
from ..i18n import _
from ..limits import TABLE_BYTES, TABLE_ROWS, check_size
from ..reading.charts import read_charts
from ..reading.corrections import load_corrections
from ..reading.recognition import load_mapping, locate
from ..reading.source import Caption, read_document
from ..safety.atomic import replace_directory
from . import cache, schemas
from .provenance import ORIGINS_FILE, line_origins, line_pages, with_pages
from .workbook import read_workbook, workbook_bytes

log = logging.getLogger("lkjip")
SIDE_DATASETS = ("polaritas_indikator", "anggaran_historis")
DOCUMENT_DATASETS = tuple(n for n in schemas.DATASET_NAMES if n not in SIDE_DATASETS)
# what an analyst fills in a workbook: not the corrections, nor what is derived from the rest
WORKBOOK_DATASETS = tuple(n for n in DOCUMENT_DATASETS
                          if n not in ("koreksi", "kelengkapan", "catatan_baca"))
SOURCES = ("auto", "document", "workbook", "processed")
TABLE_SOURCE_COLUMNS = ["dataset", "tabel", "judul", "baris_sumber"]


class Datasets(Mapping[str, pd.DataFrame]):
    """All datasets of one report year: `d["sdm"]` or `d.sdm`. Datasets `derived` from them
    (the audit's findings, `d.temuan_audit`, where the caller gives its function) are computed
    on first use and not iterated: they are not read from the document."""

    def __init__(self, year: int, frames: dict[str, pd.DataFrame], origin: str,
                 derived: Mapping[str, Callable[[Datasets], pd.DataFrame]] | None = None
                 ) -> None:
        self.year = year
        self.origin = origin
        self._frames = frames
        self._derived = dict(derived or {})
        self._computed: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._frames or name not in self._derived:
            return self._frames[name]
        if name not in self._computed:
            self._computed[name] = self._derived[name](self)
        return self._computed[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._frames, *self._derived]

    def table_labels(self) -> dict[str, str]:
        """Dataset -> the label its table has in this document (`Tabel 14`); empty where the
        source names no tables (a workbook without `tabel_sumber`, the cross-year series)."""
        sources = self._frames.get("tabel_sumber")
        if sources is None or sources.empty:
            return {}
        return dict(zip(sources.dataset, sources.tabel, strict=True))

    def table_label(self, dataset: str) -> str:
        """The label of the table `dataset` was read from, else the dataset's own name."""
        return self.table_labels().get(dataset, dataset)

    def source_of(self, *datasets: str) -> str:
        """Where the rows of `datasets` stand in the source, for a figure's source line:
        `Tabel 14, baris 677–744, halaman 30–31`; a dataset without source lines is named."""
        parts = []
        for name in datasets:
            frame = self._frames.get(name)
            if frame is None or frame.empty:
                continue
            where = ["Narasi" if name == "fakta" else self.table_label(name)]
            for column, word in (("baris_sumber", "baris"), ("halaman", "halaman")):
                values = pd.to_numeric(frame.get(column, pd.Series()), errors="coerce")
                values = values[values > 0]
                if not values.empty:
                    low, high = int(values.min()), int(values.max())
                    where.append(f"{word} {low}" + (f"–{high}" if high != low else ""))
            parts.append(", ".join(where))
        return "; ".join(parts)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k} ({len(v)})" for k, v in self._frames.items())
        return f"<Datasets {self.year} from {self.origin}: {sizes}>"


def load(year: int = 2020, data_dir: str | Path | None = None, source: str = "auto",
         derived: Mapping[str, Callable[[Datasets], pd.DataFrame]] | None = None) -> Datasets:
    """Every dataset of the report `year`, validated (and the datasets `derived` from them,
    computed on first use).

    `source`: `document` parses the report text; `workbook` reads a filled workbook in
    `data/raw/<year>/`; `processed` reads the CSVs `lkjip extract` wrote; `auto` takes the
    workbook when there is one, else the document.

        >>> from lkjip_analysis import load
        >>> d = load(2020)
        >>> d.realisasi_apbd["realisasi"].sum()
    """
    paths = Paths.for_year(validate_year(year, data_dir), data_dir)
    if source not in SOURCES:
        raise ParameterError(_("source must be one of {allowed}, got {value!r}").format(
            allowed=", ".join(SOURCES), value=source))
    if source == "auto":
        source = _available_source(paths)
    if source == "document":
        _check_one_document(paths)
    key = cache.key(source, _source_files(paths, source))
    hit = cache.read(paths, source, key)
    if hit is not None:
        frames, origin = hit
        return Datasets(paths.year, frames, origin, derived)
    readers = {"document": _from_document, "workbook": _from_workbook,
               "processed": _from_processed}
    frames, origin = readers[source](paths)
    frames.update(_side_datasets(paths))
    ordered = {name: frames[name] for name in schemas.DATASET_NAMES if name in frames}
    cache.write(paths, source, key, (ordered, origin))
    return Datasets(paths.year, ordered, origin, derived)


def _available_source(paths: Paths) -> str:
    """`workbook` when the year has a filled workbook, `document` when it has a report text;
    an error naming the folder when it has neither."""
    if paths.workbook_input.exists():
        return "workbook"
    if paths.documents:
        return "document"
    raise SourceError(
        _("the year's folder holds neither a report document nor a workbook"), file=paths.raw,
        hint=_("Put the report text there as lkjip_<...>.md, or fill the workbook that "
               "`lkjip template --year {year}` writes as {workbook}").format(
                   year=paths.year, workbook=paths.workbook_input.name))


def _check_one_document(paths: Paths) -> None:
    found = paths.documents
    if len(found) > 1:
        raise SourceError(
            _("{count} report documents: {names}").format(
                count=len(found), names=", ".join(p.name for p in found)),
            file=paths.raw, hint=_("Keep one lkjip_<...>.md per year folder"))


def _agency_given(paths: Paths) -> pd.DataFrame | None:
    """The agency named in `instansi.txt` (written by `lkjip import --instansi`), for the
    folder's year (baris_sumber 0: not from the document); None without that file."""
    from ..core.agency import frame

    if not paths.agency.is_file():
        return None
    check_size(paths.agency, 4096, "instansi.txt")
    name = " ".join(paths.agency.read_text(encoding="utf-8", errors="replace").split())
    if not name:
        raise SourceError(_("instansi.txt is empty"), file=paths.agency,
                          hint=_("Write the agency's name on one line, or delete the file"))
    return frame(name, paths.year, 0, paths.agency.name)


def _agency_assumed(paths: Paths) -> pd.DataFrame:
    """Where the document names neither agency nor year: its folder's year and the agency of
    the latest earlier year that has one, said in a warning (baris_sumber 0: not from the
    document)."""
    from ..core.agency import frame

    earlier = [y for y in available_years(paths.data_dir) if y < paths.year]
    name = ""
    for year in reversed(earlier):
        known = Paths.for_year(year, paths.data_dir).processed / "instansi.csv"
        if known.exists():
            name = str(read_csv(known, "instansi").nama.iloc[0])
            break
    log.warning(_("%s does not name its agency and report year (on the cover, title, foreword "
                  "or page header): the folder's year %d and agency %s are used (give the "
                  "agency with `lkjip import --instansi`)"),
                paths.document, paths.year, repr(name) if name else _("empty"))
    return frame(name, paths.year, 0, "")


def _agency_stated(paths: Paths, document) -> pd.DataFrame | None:
    """The agency and year the document states. Only a cover naming another year stops the
    extraction (the document lies in the wrong folder); a sentence naming another year is said
    and the folder's year kept; a sentence the tables contradict is said (None: none stated)."""
    from ..core.agency import COVER, TABLES, agency_statement, frame

    stated = agency_statement(document)
    if stated is None:
        return None
    agency = frame(stated.name, stated.year, stated.line, stated.quote)
    if stated.where == TABLES:
        log.warning(_("%s line %d says the year %d, but its tables measure %d: %d is used"),
                    paths.document, stated.line, stated.stated_year, stated.year, stated.year)
    if stated.where == COVER:
        _check_year_stated(paths, agency, paths.document, "Narasi", stated.line)
    elif stated.year != paths.year:
        log.warning(_("%s line %d names the year %d in a sentence, not on a cover: the "
                      "folder's year %d is used"), paths.document, stated.line, stated.year,
                    paths.year)
        agency = frame(stated.name, paths.year, stated.line, stated.quote)
    return agency


def _check_year_stated(paths: Paths, agency: pd.DataFrame, source: Path, table: str,
                       line: int) -> None:
    """The report year a source states must be its folder's (a workbook not filled yet
    states none)."""
    if agency.empty:
        return
    stated = int(agency.tahun.iloc[0])
    if stated != paths.year:
        raise SourceError(
            _("the source is the report of {stated}, but it lies in the folder of {year}").format(
                stated=stated, year=paths.year), file=source, line=line, table=table,
            raw=str(stated),
            hint=_("Move it to data/raw/{stated}/, or put the {year} report here").format(
                stated=stated, year=paths.year))


def _source_files(paths: Paths, source: str) -> list[Path]:
    """The files a load from `source` reads."""
    main = {"document": [paths.document], "workbook": [paths.workbook_input],
            "processed": [paths.processed / f"{n}.csv" for n in DOCUMENT_DATASETS]}[source]
    return [*main, paths.corrections, paths.table_mapping, paths.narrative, paths.agency,
            paths.indicator_polarity, paths.budget_history]


def _from_document(paths: Paths) -> tuple[dict[str, pd.DataFrame], str]:
    document = read_document(paths.document)
    agency = _agency_stated(paths, document)
    if agency is None:
        given = _agency_given(paths)
        agency = given if given is not None else _agency_assumed(paths)
    # what tabel.yaml may name: the families' tables and the SAKIP core's budget
    mapping = load_mapping(paths.table_mapping, [*families.TABLE_NAMES, "realisasi_anggaran"])
    family, captions = locate(document, families.FAMILIES, mapping, paths.table_mapping)
    corrections = load_corrections(paths.corrections)
    corrections.check_against(document)
    frames, tables = _family_frames(document, family, captions, corrections, mapping, paths)
    corrections.check_all_used()
    labels = {name: caption.label for name, caption in tables.items()}
    origins = line_origins(paths.originals / ORIGINS_FILE, document.lines)
    budget = family.core_budget if family and family.core_budget else _no_budget
    frames.update(core_datasets(document, frames, labels, budget, mapping.absent,
                                _core_choices(mapping, paths), line_pages(origins),
                                int(agency.tahun.iloc[0])))
    _say_absent(frames["kelengkapan"], paths)
    sources = [{"dataset": name, "tabel": caption.label, "judul": caption.title,
                "baris_sumber": caption.line} for name, caption in tables.items()]
    if family and family.narrative:  # the narrative's figures are the family's
        frames["fakta"] = read_facts(document, load_figures(family.narrative, paths.narrative))
    frames["grafik"] = read_charts(document)
    frames["koreksi"] = corrections.as_frame()
    frames["tabel_sumber"] = pd.DataFrame(sources, columns=TABLE_SOURCE_COLUMNS)
    frames["instansi"] = agency
    frames = {n: with_pages(_shaped(n, frames.get(n)), origins)
              if "halaman" in schemas.kinds(n) else _shaped(n, frames.get(n))
              for n in DOCUMENT_DATASETS if n != "asal_baris"}
    frames["asal_baris"] = origins
    origin = str(paths.document)
    return {n: schemas.conform(n, frames[n], origin) for n in DOCUMENT_DATASETS}, origin


def _core_choices(mapping, paths: Paths) -> dict[str, Choice]:
    """What tabel.yaml says of the SAKIP core's datasets: their tables and columns."""
    return {name: Choice(mapping.labels.get(name), mapping.pages.get(name),
                         mapping.columns.get(name, {}), str(paths.table_mapping))
            for name in CORE
            if name in mapping.labels or name in mapping.pages or name in mapping.columns}


def _no_budget(frames: dict[str, pd.DataFrame], labels: dict[str, str]) -> None:
    """A report of no family: its budget is the core's own reading."""
    return None


def _family_frames(document, family: Family | None, captions: dict, corrections, mapping,
                   paths: Paths) -> tuple[dict[str, pd.DataFrame], dict[str, Caption]]:
    """Every dataset of the family's tables this report holds (none for a report of no
    family), and the caption of the table each was read from; every mistyped number reported
    at once."""
    frames: dict[str, pd.DataFrame] = {}
    tables: dict[str, Caption] = {}
    mistyped = Mistyped(str(paths.document), str(corrections.path))
    try:
        for spec in family.specs if family else ():
            if spec.name in captions:
                built = spec.read(document, captions[spec.name], corrections,
                                  mapping.columns.get(spec.name), str(paths.table_mapping),
                                  mistyped)
                frames.update(built)
                tables.update(dict.fromkeys(built, captions[spec.name]))
    except Exception:
        if mistyped.found:  # a table stumbled on a number left empty: the typos come first
            raise mistyped.error() from None
        raise
    if mistyped.found:
        raise mistyped.error()
    return frames, tables


def _shaped(dataset: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """`frame` with the columns of `dataset` (an empty one for a dataset the report does not
    hold): a column it lacks is empty, and `dikoreksi` false."""
    columns = [c for c in schemas.kinds(dataset) if c != "halaman"]
    frame = pd.DataFrame(columns=columns) if frame is None else frame
    shaped = frame.reindex(columns=columns)
    if "dikoreksi" in columns:
        # a column reindex added is all NaN (float): empty means not corrected
        shaped["dikoreksi"] = shaped.dikoreksi.astype(object).where(
            shaped.dikoreksi.notna(), False).astype(bool)
    return shaped


def _say_absent(completeness: pd.DataFrame, paths: Paths) -> None:
    """The parts of an LKjIP this report lacks, in the log (the report shows them too)."""
    lacking = completeness[~completeness.ada]
    for said, rows in lacking.groupby("keterangan", sort=False):
        log.info("%d: %s: %s", paths.year, said, ", ".join(rows.dataset))


def _from_workbook(paths: Paths) -> tuple[dict[str, pd.DataFrame], str]:
    origin = str(paths.workbook_input)
    frames = read_workbook(paths.workbook_input, WORKBOOK_DATASETS)
    facts = frames["fakta"]  # a figure typed with its value is stated, whether marked or not
    facts["ditemukan"] = facts.ditemukan.astype(bool) | facts.nilai.notna() | (facts.teks != "")
    frames["koreksi"] = load_corrections(paths.corrections).as_frame()
    sources = frames["tabel_sumber"]
    labels = dict(zip(sources.dataset, sources.tabel, strict=True))
    _budget_from_family(frames, labels)
    frames["kelengkapan"] = completeness(frames, labels)
    frames["catatan_baca"] = _shaped("catatan_baca", None)
    conformed = {n: schemas.conform(n, frames[n], origin, first_line=2) for n in frames}
    _check_year_stated(paths, conformed["instansi"], paths.workbook_input, "instansi", 2)
    return conformed, origin


def _budget_from_family(frames: dict[str, pd.DataFrame], labels: dict[str, str]) -> None:
    """A workbook whose APBD/APBN sheets are filled and whose core budget sheet is not: the
    core budget is those sheets' lines, as for a document of the family (`labels`: dataset
    -> its table's label, from `tabel_sumber`)."""
    if not frames["realisasi_anggaran"].empty:
        return
    kaltim = families.KALTIM
    filled = {name: frames[name] for name in kaltim.budget_tables if not frames[name].empty}
    filled |= {f"{name}_total": frames[f"{name}_total"] for name in list(filled)}
    budget = kaltim.core_budget(filled, {name: labels.get(name, name) for name in filled})
    if budget is not None:
        lines, totals = budget
        frames["realisasi_anggaran"] = _shaped("realisasi_anggaran", lines)
        frames["realisasi_anggaran_total"] = _shaped("realisasi_anggaran_total", totals)


def _from_processed(paths: Paths) -> tuple[dict[str, pd.DataFrame], str]:
    frames = {n: read_csv(paths.processed / f"{n}.csv", n) for n in DOCUMENT_DATASETS}
    return frames, str(paths.processed)


def _side_datasets(paths: Paths) -> dict[str, pd.DataFrame]:
    """The files beside the report: indicator polarity (its own `berkas` says which year's
    file it came from) and the budget history."""
    polarity = paths.indicator_polarity
    berkas = polarity.relative_to(paths.data_dir).as_posix()
    return {"polaritas_indikator": read_optional_csv(polarity, "polaritas_indikator",
                                             added={"berkas": berkas}),
            "anggaran_historis": read_optional_csv(paths.budget_history, "anggaran_historis")}


def read_optional_csv(path: Path, dataset: str,
                      added: dict[str, str] | None = None) -> pd.DataFrame:
    """A side file that a new data folder may not have yet: missing, it is an empty dataset
    (and a warning); present, it is read strictly."""
    if path.exists():
        return read_csv(path, dataset, added)
    log.warning(_("%s not found: %s is empty until it is written"), path, dataset)
    return schemas.conform(dataset, pd.DataFrame(columns=list(schemas.kinds(dataset))),
                           str(path))


def read_csv(path: Path, dataset: str, added: dict[str, str] | None = None) -> pd.DataFrame:
    """A dataset CSV, typed by its schema; empty cells are missing only in number columns.
    `added`: columns the file lacks, given one value for every row."""
    if not path.exists():
        raise SourceError(_("{dataset} file not found").format(dataset=dataset), file=path,
                          table=dataset, hint=_("Run `lkjip extract` or restore the raw file"))
    check_size(path, TABLE_BYTES, _("{dataset} file").format(dataset=dataset))
    added = added or {}
    kinds = {c: k for c, k in schemas.kinds(dataset).items() if c not in added}
    numeric = [c for c, k in kinds.items() if k not in (schemas.TEXT, schemas.BOOL)]
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=TABLE_ROWS + 1,
                         na_values={c: [""] for c in numeric}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(_("cannot read CSV: {error}").format(error=exc), file=path,
                          table=dataset) from None
    if len(df) > TABLE_ROWS:
        raise SourceError(_("more than {rows} rows: no dataset of a report is this long").format(
            rows=f"{TABLE_ROWS:,}".replace(",", ".")), file=path, table=dataset,
            hint=_("Check that this is the right file"))
    if list(df.columns) != list(kinds):
        raise SourceError(_("columns differ: expected {expected}, found {found}").format(
            expected=list(kinds), found=list(df.columns)), file=path, table=dataset, line=1)
    for column, kind in kinds.items():
        if kind == schemas.BOOL:
            df[column] = df[column].map({"True": True, "False": False})
        elif kind != schemas.TEXT:
            df[column] = _to_number(df[column], path, dataset)
    _check_unique_rows(df, path, dataset)
    return schemas.conform(dataset, df.assign(**added), str(path), first_line=2)


def _check_unique_rows(df: pd.DataFrame, path: Path, dataset: str) -> None:
    """A key that a file must hold once (a year and fund) named in words, with both lines."""
    key = schemas.unique_key(dataset)
    if not key or not set(key) <= set(df.columns):
        return
    repeated = df[df.duplicated(key, keep=False)]
    if repeated.empty:
        return
    first = repeated.iloc[0]
    same = repeated[(repeated[key] == first[key]).all(axis=1)]
    lines = [int(i) + 2 for i in same.index]
    what = ", ".join(f"{c} {first[c]}" for c in key)
    raise SourceError(
        _("{what} appears {count} times, on lines {lines}").format(
            what=what, count=len(lines), lines=_(" and ").join(map(str, lines))),
        file=path, line=lines[1], table=dataset, raw=what,
        hint=_("Keep one row per {key} in {file}: delete or merge the others").format(
            key=_(" and ").join(key), file=path.name))


def _to_number(values: pd.Series, path: Path, dataset: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() & values.notna()
    if bad.any():
        index = int(bad.idxmax())
        raise SourceError(_("not a plain number"), file=path, line=index + 2, table=dataset,
                          column=str(values.name), raw=str(values[index]),
                          hint=_("Write plain machine numbers (1234567, 12.5)"))
    return numbers


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A dataset as CSV bytes: UTF-8, plain numbers, stable order."""
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, float_format="%.15g", lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_processed(datasets: Datasets, paths: Paths,
                    sheets: Mapping[str, tuple[pd.DataFrame, dict[str, str]]] | None = None,
                    keep_previous: bool = False) -> list[Path]:
    """Write every dataset as CSV plus the workbook (with further `sheets` of its own, each
    a frame and its columns' kinds, when given: the audit's findings), replacing the year's
    folder whole; the folder replaced is kept at `paths.processed_previous` when
    `keep_previous` (a build restores it if it fails)."""
    extra = dict(sheets or {})
    files = {f"{name}.csv": csv_bytes(df) for name, df in datasets.items()}
    frames = dict(datasets) | {name: frame for name, (frame, _kinds) in extra.items()}
    files[paths.workbook_output.name] = workbook_bytes(
        frames, {name: kinds for name, (_frame, kinds) in extra.items()})
    replace_directory(paths.processed, files,
                      paths.processed_previous if keep_previous else None)
    _seed_processed_cache(datasets, paths)
    return [paths.processed / name for name in files]


def _seed_processed_cache(datasets: Datasets, paths: Paths) -> None:
    """Record the validated `datasets` as what reading back the CSVs just written gives (equal
    frame for frame, dtypes included: tested), so that the notebooks' `load(source=
    "processed")` neither parses nor validates them a second time."""
    key = cache.key("processed", _source_files(paths, "processed"))
    cache.write(paths, "processed", key, (dict(datasets), str(paths.processed)))
