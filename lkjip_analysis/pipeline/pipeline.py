"""Runs the notebooks with papermill and exports the finished report with nbconvert.

Every step works on a staged copy of `reports/<year>/` that replaces the real folder only when
the step succeeded: a failed or interrupted run leaves the previous report as it was. A notebook
that fails is kept, partly executed and marked at the failing cell, in `reports/<year>/failed/`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..audiences import AUDIENCE, BOTH_VERSIONS
from ..config import NOTEBOOKS_DIR, SERIES_NOTEBOOK, Paths, validate_year
from ..errors import LkjipError, NotebookError, ParameterError
from ..i18n import _
from ..markup import fill
from ..safety.atomic import swap_directory, write_bytes
from . import manifest, timing
from .buildinfo import build_info
from .changes import last_findings, since
from .parameters import check_parameters
from .printing import print_pdf
from .recovery import year_run

if TYPE_CHECKING:
    from nbformat import NotebookNode

log = logging.getLogger("lkjip")
KERNEL = "python3"
KERNEL_START_ATTEMPTS = 3
# The kernel's own notices (that it listens on localhost TCP; at shutdown, "ERROR |
# KeyboardInterrupt caught in kernel", which is how a kernel is stopped) are not the job's
# news: a failing cell still fails the notebook and is reported with its error.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
# Cells left out of the report: the reader sees neither parameter cell; the auditor sees the
# typed defaults but not papermill's injected values, which hold the run's folder paths (the
# manifest records the parameters).
# cells tagged `auditor` (file and column names, line numbers) are the auditor's version only;
# `pembaca`, the reader's. The auditor sees the parameters each notebook ran with.
HIDDEN_TAGS = {False: {"parameters", "injected-parameters", "auditor"}, True: {"pembaca"}}
VOLATILE_METADATA = ("start_time", "end_time", "duration")


def notebook_names() -> list[str]:
    """A year's report notebooks, in order (`01_sdm`, `02_kinerja`, …); the cross-year
    notebook is not one of them."""
    return [p.stem for p in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
            if p.stem != SERIES_NOTEBOOK]


def notebook_needs(name: str) -> list[str]:
    """The datasets a notebook shows (its metadata's `lkjip.needs`): it runs only for a report
    that holds every one of them."""
    book = json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))
    return list(book.get("metadata", {}).get("lkjip", {}).get("needs", []))


def applicable(names: list[str], paths: Paths) -> list[str]:
    """The notebooks of `names` whose datasets the year's report holds; each other one is said
    in the log, with the datasets the report lacks."""
    held = _held_datasets(paths)
    chosen = []
    for name in names:
        missing = [dataset for dataset in notebook_needs(name) if not held(dataset)]
        if missing:
            log.info(_("%d: notebook %s left out: this report does not hold %s"), paths.year,
                     name, ", ".join(missing))
        else:
            chosen.append(name)
    return chosen


def _held_datasets(paths: Paths):
    """Whether the year's report holds a dataset: from the processed CSVs (a header line
    alone is an empty dataset), else from the raw data."""
    if (paths.processed / "kelengkapan.csv").exists():
        def held(dataset: str) -> bool:
            with (paths.processed / f"{dataset}.csv").open(encoding="utf-8") as handle:
                handle.readline()
                return bool(handle.readline())
        return held
    from ..data.datasets import load

    datasets = load(paths.year, paths.data_dir)
    return lambda dataset: not datasets[dataset].empty


STAGE_SUFFIX = ".stage"  # `<root>/.<year>.stage`: where `staged` builds a folder


@contextmanager
def staged(target: Path, copy: bool = True) -> Iterator[Path]:
    """A copy of `target` (an empty folder unless `copy`) to change; it replaces `target`
    only if the block succeeds. The copy sits in `<root>/.<year>.stage/<year>`, so a notebook
    given the stage's parent as its `output_dir` writes into it. A `target` that is a link is
    updated where it points."""
    real = target.resolve()
    root = real.parent / f".{real.name}{STAGE_SUFFIX}"
    shutil.rmtree(root, ignore_errors=True)
    stage = root / real.name
    try:
        _copy_for_stage(real if copy and real.exists() else None, stage)
        yield stage
        swap_directory(stage, real)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _copy_for_stage(real: Path | None, stage: Path) -> None:
    """The current folder `real` copied into the stage (without failed notebooks; links as
    links), or an empty one; a copy that fails (a full disk) is one clear error."""
    try:
        if real is not None:
            shutil.copytree(real, stage, symlinks=True, ignore=shutil.ignore_patterns("failed"))
        else:
            stage.mkdir(parents=True)
    except OSError as exc:  # shutil.Error too: a list of (source, target, reason)
        problems = exc.args[0] if isinstance(exc, shutil.Error) and exc.args else []
        reason = (problems[0][2] if isinstance(problems, list) and problems
                  and len(problems[0]) == 3 else exc.strerror or exc)
        raise LkjipError(_("cannot copy {folder} to stage the run: {reason}; free space or fix "
                           "the folder's permissions and run again (nothing was changed)").format(
                               folder=real or stage, reason=reason)) from None


def _select(names: list[str] | None) -> list[str]:
    known = notebook_names()
    chosen = names or known
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise ParameterError(_("unknown notebook {names}; notebooks: {known}").format(
            names=", ".join(unknown), known=", ".join(known)))
    return chosen


def execute(stage: Path, paths: Paths, names: list[str] | None = None,
            parameters: dict | None = None, jobs: int = 1, kernels=None) -> list[Path]:
    """Execute notebooks into `stage/notebooks` (figures into `stage/figures`), `jobs` at a
    time, on the warm `kernels` when given (`kernels.WarmKernels`); the first failure stops
    the run."""
    chosen = applicable(_select(names), paths)
    check_parameters(parameters or {})  # papermill writes each name into the notebook as code
    (stage / "notebooks").mkdir(exist_ok=True)
    values = {"year": paths.year, "data_dir": str(paths.data_dir),
              "output_dir": str(stage.parent)} | (parameters or {})
    progress = _Progress(len(chosen), paths.year)
    if jobs <= 1 or len(chosen) == 1:
        return [progress.done(execute_notebook(name, stage, paths.failed_notebooks, values,
                                               kernels)) for name in chosen]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(execute_notebook, name, stage, paths.failed_notebooks, values,
                               kernels) for name in chosen]
        try:
            for future in as_completed(futures):
                progress.done(future.result())
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise


class _Progress:
    """One line per finished notebook: `2020: notebook 02_kinerja done (2/5)`."""

    def __init__(self, total: int, year: int) -> None:
        self.total, self.year, self.count, self.lock = total, year, 0, threading.Lock()

    def done(self, output: Path) -> Path:
        with self.lock:
            self.count += 1
            log.info(_("%d: notebook %s done (%d/%d)"), self.year, output.stem, self.count,
                     self.total)
        return output


def warm(count: int, lazy: bool = False):
    """`count` warm kernels for the notebooks (`kernels.warm_kernels`), as papermill would
    start them here; with `lazy`, started when a build first needs them."""
    from .kernels import warm_kernels

    return warm_kernels(count, KERNEL, str(NOTEBOOKS_DIR), KERNEL_ARGUMENTS, lazy)


@contextmanager
def kernels_for(count: int, shared=None, last: bool = False):
    """The kernels notebooks run on, and what to call when they are done with them: the
    caller's `shared` pool (started now; shut down then if this is its `last` use), else
    `count` of their own, shut down then, while the export runs."""
    if shared is not None:
        if count:
            shared.start()
        yield shared, (shared.close_soon if last else lambda: None)
        return
    with warm(count) as kernels:
        yield kernels, (kernels.close_soon if kernels is not None else lambda: None)


def execute_notebook(name: str, stage: Path, failed: Path, values: dict,
                     kernels=None) -> Path:
    """Run `notebooks/<name>.ipynb` with papermill into `stage/notebooks/` (on one of the warm
    `kernels`, through the `lkjip` engine, when given); on a failing cell, keep the partly
    executed notebook in `failed` and raise `NotebookError`."""
    import papermill as pm

    from .kernels import ENGINE

    engine = {"engine_name": ENGINE, "pool": kernels} if kernels is not None else {}
    os.environ[BOTH_VERSIONS] = "1"  # the kernel writes the reader's and the auditor's outputs

    output = stage / "notebooks" / f"{name}.ipynb"
    output.parent.mkdir(parents=True, exist_ok=True)
    log.info(_("%s: running notebook %s"), values.get("year", _("cross-year")), name)
    started = time.perf_counter()
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            pm.execute_notebook(
                NOTEBOOKS_DIR / f"{name}.ipynb", output, parameters=values,
                kernel_name=KERNEL, cwd=str(NOTEBOOKS_DIR), log_output=False,
                extra_arguments=KERNEL_ARGUMENTS, request_save_on_cell_execute=False,
                **engine,
                progress_bar=sys.stderr.isatty() and threading.active_count() == 1)
            break
        except pm.PapermillExecutionError as exc:
            kept = _keep_failed(output, failed, name)
            raise NotebookError(name, _("cell {cell}: {name}: {value}").format(
                cell=exc.exec_count or exc.cell_index, name=exc.ename, value=exc.evalue),
                kept) from None
        except RuntimeError as exc:  # the kernel did not start (e.g. a port taken meanwhile)
            if attempt == KERNEL_START_ATTEMPTS or "Kernel" not in str(exc):
                raise NotebookError(name, _("kernel failed: {error}").format(error=exc)) from None
            log.warning(_("notebook %s: kernel did not start (%s); retrying"), name, exc)
    _normalise_executed(output, lambda cells: timing.record_notebook(
        name, time.perf_counter() - started, cells))
    return output


def _normalise_executed(notebook: Path, timed=lambda cells: None) -> None:
    """Drop the run's clock times from an executed notebook (after giving its cells' times,
    the set-up cell first, to `timed`) and give papermill's injected cell a fixed id, so a
    rerun writes the same bytes; its `output_dir` names the final folder, not the stage it
    ran in, so that an auditor reruns it in place."""
    import nbformat

    book = nbformat.read(notebook, as_version=4)
    timed([float(c.metadata.get("papermill", {}).get("duration") or 0.0)
           for c in book.cells if c.cell_type == "code"
           and not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))])
    _point_to_final_folder(book)
    for meta in [book.metadata.get("papermill", {})] + [
            c.metadata.get("papermill", {}) for c in book.cells]:
        for key in VOLATILE_METADATA:
            meta.pop(key, None)
    for cell in book.cells:
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    nbformat.write(book, notebook)


def _point_to_final_folder(book) -> None:
    """Replace the stage (`<root>/.<year>.stage`, see `staged`) by `<root>` in the executed
    notebook's parameters, its injected cell and the path papermill records it was written
    to."""
    parameters = book.metadata.get("papermill", {}).get("parameters", {})
    staged_at = str(parameters.get("output_dir", ""))
    name = Path(staged_at).name
    if not (name.startswith(".") and name.endswith(STAGE_SUFFIX)):
        return
    final = str(Path(staged_at).parent)
    parameters["output_dir"] = final
    papermill = book.metadata["papermill"]
    written = str(papermill.get("output_path", ""))
    if written.startswith(staged_at + os.sep):
        papermill["output_path"] = final + written[len(staged_at):]
    for cell in book.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(staged_at, final)


def _keep_failed(output: Path, failed: Path, name: str) -> Path | None:
    if not output.exists():
        return None
    kept = failed / output.name
    write_bytes(kept, output.read_bytes())
    log.error(_("notebook %s failed; partly executed notebook kept at %s"), name, kept)
    return kept


def run(year: int, data_dir=None, reports_dir=None, names: list[str] | None = None,
        parameters: dict | None = None, jobs: int | None = None) -> list[Path]:
    """Execute the notebooks of `year` into `reports/<year>/notebooks/`."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with year_run(paths), staged(paths.reports) as stage:
        executed = execute(stage, paths, names, parameters, jobs or default_jobs())
    return [paths.executed_notebooks / p.name for p in executed]


# --- export --------------------------------------------------------------------------------

def combine(notebooks: list[Path], title: str, agency: str,
            with_code: bool, source: str = "") -> NotebookNode:
    """One notebook: a title page, a table of contents, then each notebook's cells."""
    import nbformat

    books = [nbformat.read(p, as_version=4) for p in notebooks]
    titles = [_title(book, path.stem) for book, path in zip(books, notebooks, strict=True)]
    # the titles carry their own numbers ("1. Sumber Daya Aparatur"): a plain list; a page of
    # one notebook (the index) lists its sections
    entries = ([(f"bagian-{i}", t) for i, t in enumerate(titles, 1)] if len(books) > 1
               else _sections(books[0], with_code))
    toc = "".join(fill('<li><a href="#{anchor}">{judul}</a></li>', {"anchor": a, "judul": t})
                  for a, t in entries)
    cover = fill('<div class="laporan-sampul"><h1>{judul}</h1><p>{instansi}</p>'
                 '<p>Dihitung ulang dari teks laporan oleh <code>lkjip-analysis</code>{versi}'
                 '</p>' + ('<p class="laporan-sumber">Sumber: {sumber}</p>' if source else "")
                 + ('<p class="laporan-dibangun">Dibangun dengan: {dibangun}</p>' if with_code
                    else "") + '</div>\n\n',
                 {"judul": title, "instansi": agency, "sumber": source,
                  "dibangun": build_info() if with_code else "",
                  "versi": " — versi auditor, dengan kode" if with_code else ""})
    cells = [_markdown("sampul", cover + '<div class="laporan-daftar-isi"><h2>Daftar Isi</h2>'
                                         f"<ul>{toc}</ul></div>")]
    for i, book in enumerate(books, 1):
        # a chapter starts a page in print (the template's .laporan-bab)
        cells.append(_markdown(f"bagian-{i}", f'<div id="bagian-{i}" class="laporan-bab"></div>'))
        shown = [_for_audience(c, with_code) for c in book.cells if not _hidden(c, with_code)]
        for cell in shown:  # ids unique in the combined notebook (each book has its own)
            cell.id = f"b{i}-{cell.get('id', '')}"[:64]
        cells.extend(shown)
    combined = nbformat.v4.new_notebook(cells=cells, metadata=books[0].metadata)
    combined.metadata["title"] = title
    # the printed running header, written into CSS by the template: letters, digits, spaces
    combined.metadata["lkjip_kop"] = re.sub(r"[^\w ()-]", "", title)
    return combined


def _sections(book, with_code: bool) -> list[tuple[str, str]]:
    """(anchor, title) of each `## ` heading the version shows, anchored as nbconvert
    anchors a heading (its text, spaces as hyphens)."""
    found = []
    for cell in book.cells:
        if cell.cell_type != "markdown" or _hidden(cell, with_code):
            continue
        for line in cell.source.splitlines():
            if line.startswith("## "):
                title = line[3:].strip()
                found.append((title.replace(" ", "-"), title))
    return found


def report_title(year: int) -> str:
    """The title of a year's report."""
    return f"Analisis Laporan Kinerja Instansi Pemerintah (LKjIP) {year}"


def agency_name(paths: Paths) -> str:
    """The agency the year's report names (from the processed `instansi` dataset)."""
    from ..data.datasets import read_csv

    path = paths.processed / "instansi.csv"
    return str(read_csv(path, "instansi").nama.iloc[0]) if path.exists() else ""


def _markdown(cell_id: str, text: str):
    """A markdown cell with a fixed id (nbformat would draw a random one)."""
    import nbformat

    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = cell_id
    return cell


FOLDER_WORDS = {"data_dir": "folder data", "output_dir": "folder laporan"}
_FOLDER_PARAMETER = re.compile(r'^(data_dir|output_dir) = ".*"$', re.M)


def _for_audience(cell, with_code: bool):
    """`cell` without the outputs meant for the other version (`notebook.AUDIENCE`)."""
    if cell.cell_type != "code":
        return cell
    if "injected-parameters" in cell.metadata.get("tags", []):
        # the folders differ from machine to machine (and in `verify`'s rebuild): named, not
        # quoted, so that the same inputs give the same page
        cell.source = _FOLDER_PARAMETER.sub(
            lambda m: f'{m.group(1)} = "<{FOLDER_WORDS[m.group(1)]}>"', cell.source)
    other = "pembaca" if with_code else "auditor"
    cell.outputs = [o for o in cell.outputs if o.get("metadata", {}).get(AUDIENCE) != other]
    return cell


def _hidden(cell, with_code: bool) -> bool:
    return bool(HIDDEN_TAGS[with_code] & set(cell.get("metadata", {}).get("tags", [])))


def _title(book, fallback: str) -> str:
    for cell in book.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return fallback


def export_into(stage: Path, paths: Paths, jobs: int = 1) -> list[Path]:
    """Write the reader and the auditor HTML of the year `paths` into `stage` (in parallel
    when `jobs` > 1), their cover naming the agency and the source document."""
    from ..data.provenance import source_line
    from .htmlpage import notebook_html

    year, agency = paths.year, agency_name(paths)
    sources = {False: source_line(paths, reader=True), True: source_line(paths)}
    notebooks = sorted((stage / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise LkjipError(_("no executed notebooks in {folder}/notebooks: run `lkjip run` "
                           "first").format(folder=stage.name))
    versions = ((False, stage / f"laporan_{year}.html"),
                (True, stage / f"laporan_{year}_audit.html"))

    def write(with_code: bool, target: Path) -> Path:
        log.info(_("exporting %s"), target.name)
        page = notebook_html(combine(notebooks, report_title(year), agency, with_code,
                                     sources[with_code]), with_code)
        write_bytes(target, page.encode("utf-8"))
        return target

    if jobs <= 1:
        return [write(*version) for version in versions]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda version: write(*version), versions))


def export(year: int, data_dir=None, reports_dir=None, pdf: bool = False) -> list[Path]:
    """Export `reports/<year>/laporan_<year>.html` (readers) and `_audit.html` (with code)."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with year_run(paths), staged(paths.reports) as stage:
        written = export_into(stage, paths, default_jobs())
        if pdf:
            written.append(print_pdf(stage / f"laporan_{paths.year}.html"))
    return [paths.reports / p.name for p in written]


# --- build ---------------------------------------------------------------------------------

def default_jobs() -> int:
    """Notebooks run at once by default: the number of cores."""
    return os.cpu_count() or 1


def build(year: int, data_dir=None, reports_dir=None, pdf: bool = False,
          parameters: dict | None = None, force: bool = False,
          jobs: int | None = None, wait: float = 0) -> Path:
    """extract → audit → run the notebooks → export → manifest; returns the reports folder.

    Unless `force`, a build whose inputs (raw data, notebooks, package code, parameters) are
    those of the manifest, and whose outputs are still as the manifest records them, is
    skipped; when only some notebooks changed, only those are rerun (and the export). Another
    run of the year is waited for at most `wait` seconds.
    """
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with year_run(paths, wait=wait):
        return build_locked(paths, pdf, parameters or {}, force, jobs or default_jobs())


def build_locked(paths: Paths, pdf: bool, parameters: dict, force: bool, jobs: int,
                 kernels=None) -> Path:
    """`build` for a caller that holds the year's locks and has run `recovery.recover`; the
    notebooks run on the caller's warm `kernels` when given (`build --all`)."""
    shared = kernels
    inputs = manifest.hashes(manifest.input_files(paths))
    last_record = manifest.read(paths.manifest)
    old_findings = last_findings(paths.audit_findings)
    keys = {n: manifest.notebook_key(inputs, n, parameters) for n in notebook_names()}
    previous = None if force else _reusable(paths, inputs, parameters)
    printed = f"reports/{paths.reader_pdf.name}"
    if previous and previous.get("notebooks") == keys and (
            not pdf or manifest.derived_ok(previous, paths.reports, printed)):
        log.info(_("up to date: inputs and outputs match %s (use --force to rebuild)"),
                 paths.manifest)
        return paths.reports
    # a full rebuild starts from nothing: no file planted in the old folder is carried over
    with processed_kept(paths), staged(paths.reports, copy=previous is not None) as stage:
        stale = [n for n in keys if previous is None
                 or previous.get("notebooks", {}).get(n) != keys[n]
                 or not (stage / "notebooks" / f"{n}.ipynb").exists()]
        # the kernels start (and import the package) while the extraction runs
        with kernels_for(min(jobs, len(stale)), shared) as (kernels, done_with_kernels):
            if previous is None:
                with timing.phase("ekstraksi dan audit"):
                    _extract_and_audit(paths, stage)
            _drop_old_notebooks(stage, keys)
            if stale:
                execute(stage, paths, stale, parameters, jobs, kernels)
            done_with_kernels()  # the year's own kernels shut down while the export runs
            with timing.phase("ekspor"):
                export_into(stage, paths, jobs)
        printed = stage / paths.reader_pdf.name
        printed.unlink(missing_ok=True)  # printed from the HTML just replaced: stale
        if pdf:
            with timing.phase("pdf"):
                print_pdf(stage / paths.reader_report.name)
        record = manifest.make(paths, parameters, inputs, keys, paths.processed, stage)
        write_bytes(stage / paths.manifest.name, manifest.to_bytes(record))
        found = since(last_record, inputs, old_findings,
                      (stage / paths.audit_findings.name).read_bytes())
    for line in found.lines():
        log.info("%d: %s", paths.year, line)
    if pdf:
        log.info(_("%d: PDF written: %s"), paths.year, paths.reader_pdf)
    timing.write()
    return paths.reports


@contextmanager
def processed_kept(paths: Paths) -> Iterator[None]:
    """Processed data and reports change together or not at all: the processed folder a build
    replaces is kept until the block (which publishes the reports) succeeds, and put back if it
    fails. A kill in between is settled by the next run (`recovery`)."""
    existed = paths.processed.exists()
    try:
        yield
    except BaseException:
        if paths.processed_previous.exists():
            swap_directory(paths.processed_previous, paths.processed)
        elif not existed:
            shutil.rmtree(paths.processed, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(paths.processed_previous, ignore_errors=True)


def _reusable(paths: Paths, inputs: dict, parameters: dict) -> dict | None:
    """The previous manifest, if the data inputs and every recorded output are unchanged
    (the executed notebooks included: an edited one is never published as reused)."""
    try:
        previous = manifest.load(paths.manifest)
    except manifest.ManifestError as exc:
        log.warning(_("%s; rebuilding the year"), exc)
        return None
    if not previous or previous.get("parameters") != parameters:
        return None
    shared = {k: v for k, v in inputs.items() if not k.startswith("notebooks/")}
    before = {k: v for k, v in previous.get("inputs", {}).items()
              if not k.startswith("notebooks/")}
    if shared != before or not paths.processed.exists() or not paths.reports.exists():
        return None
    required = [paths.reader_report, paths.audit_report, paths.audit_findings,
                *(paths.executed_notebooks / f"{n}.ipynb"
                  for n in applicable(notebook_names(), paths))]
    if not all(path.exists() for path in required):
        return None
    current = manifest.hashes(manifest.output_files(paths.processed, paths.reports))
    if current != previous.get("outputs", {}):
        return None
    return previous


def _extract_and_audit(paths: Paths, stage: Path) -> None:
    from ..audit import audit, findings_csv_bytes, summary
    from ..data.datasets import load
    from .steps import write_with_findings

    datasets = load(paths.year, paths.data_dir)
    findings = audit(datasets)
    write_with_findings(datasets, paths, findings, keep_previous=True)
    write_bytes(stage / paths.audit_findings.name, findings_csv_bytes(findings))
    log.info(_("%d: extracted %d datasets; audit: %s"), paths.year, len(datasets),
             summary(findings))


def _drop_old_notebooks(stage: Path, keys: dict) -> None:
    """Executed notebooks whose source is gone leave the report."""
    for path in (stage / "notebooks").glob("*.ipynb"):
        if path.stem not in keys:
            path.unlink()
