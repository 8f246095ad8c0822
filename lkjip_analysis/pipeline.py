"""Runs the notebooks with papermill and exports the finished report with nbconvert.

Every step works on a staged copy of `reports/<year>/` that replaces the real folder only when
the step succeeded: a failed or interrupted run leaves the previous report as it was. A notebook
that fails is kept, partly executed and marked at the failing cell, in `reports/<year>/failed/`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from .atomic import swap_directory, write_bytes
from .config import NOTEBOOKS_DIR, Paths
from .datasets import validate_year
from .errors import LkjipError, NotebookError, ParameterError

log = logging.getLogger("lkjip")
KERNEL = "python3"
TEMPLATES = Path(__file__).parent / "templates"
INTERNAL_TAGS = {"parameters", "injected-parameters"}


def notebook_names() -> list[str]:
    """The report's notebooks, in order (`01_sdm`, `02_kinerja`, …)."""
    return [p.stem for p in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))]


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A copy of `target` to change; it replaces `target` only if the block succeeds.
    The copy sits in `<root>/.<year>.stage/<year>`, so a notebook given the stage's parent as
    its `output_dir` writes into it."""
    root = target.parent / f".{target.name}.stage"
    shutil.rmtree(root, ignore_errors=True)
    stage = root / target.name
    if target.exists():
        shutil.copytree(target, stage, ignore=shutil.ignore_patterns("failed"))
    else:
        stage.mkdir(parents=True)
    try:
        yield stage
        swap_directory(stage, target)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _select(names: list[str] | None) -> list[str]:
    known = notebook_names()
    chosen = names or known
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise ParameterError(f"unknown notebook {', '.join(unknown)}; "
                             f"notebooks: {', '.join(known)}")
    return chosen


def execute(stage: Path, paths: Paths, names: list[str] | None = None,
            parameters: dict | None = None) -> list[Path]:
    """Execute notebooks into `stage/notebooks`, figures into `stage/figures`."""
    import papermill as pm

    done = []
    (stage / "notebooks").mkdir(exist_ok=True)
    for name in _select(names):
        output = stage / "notebooks" / f"{name}.ipynb"
        values = {"year": paths.year, "data_dir": str(paths.data_dir),
                  "output_dir": str(stage.parent)} | (parameters or {})
        log.info("running notebook %s", name)
        try:
            pm.execute_notebook(
                NOTEBOOKS_DIR / f"{name}.ipynb", output, parameters=values,
                kernel_name=KERNEL, cwd=str(NOTEBOOKS_DIR), log_output=False,
                progress_bar=sys.stderr.isatty())
        except pm.PapermillExecutionError as exc:
            kept = _keep_failed(output, paths, name)
            raise NotebookError(name, f"cell {exc.exec_count or exc.cell_index}: "
                                f"{exc.ename}: {exc.evalue}", kept) from None
        done.append(output)
    return done


def _keep_failed(output: Path, paths: Paths, name: str) -> Path | None:
    if not output.exists():
        return None
    kept = paths.failed_notebooks / output.name
    write_bytes(kept, output.read_bytes())
    log.error("notebook %s failed; partly executed notebook kept at %s", name, kept)
    return kept


def run(year: int, data_dir=None, reports_dir=None, names: list[str] | None = None,
        parameters: dict | None = None) -> list[Path]:
    """Execute the notebooks of `year` into `reports/<year>/notebooks/`."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with staged(paths.reports) as stage:
        executed = execute(stage, paths, names, parameters)
    return [paths.executed_notebooks / p.name for p in executed]


# --- export --------------------------------------------------------------------------------

def combine(notebooks: list[Path], year: int, with_code: bool) -> nbformat.NotebookNode:
    """One notebook: a title page, a table of contents, then each notebook's cells."""
    books = [nbformat.read(p, as_version=4) for p in notebooks]
    titles = [_title(book, path.stem) for book, path in zip(books, notebooks, strict=True)]
    toc = "\n".join(f'<li><a href="#bagian-{i}">{t}</a></li>' for i, t in enumerate(titles, 1))
    cells = [nbformat.v4.new_markdown_cell(
        f'<div class="laporan-sampul"><h1>Analisis Laporan Kinerja Instansi Pemerintah '
        f'(LKjIP) {year}</h1><p>Dinas Sosial Provinsi Kalimantan Timur</p>'
        f'<p>Dihitung ulang dari teks laporan oleh <code>lkjip-analysis</code>'
        f'{" — versi auditor, dengan kode" if with_code else ""}</p></div>\n\n'
        f'<div class="laporan-daftar-isi"><h2>Daftar Isi</h2><ol>{toc}</ol></div>')]
    for i, book in enumerate(books, 1):
        cells.append(nbformat.v4.new_markdown_cell(f'<a id="bagian-{i}"></a>'))
        cells.extend(c for c in book.cells if with_code or not _internal(c))
    combined = nbformat.v4.new_notebook(cells=cells, metadata=books[0].metadata)
    combined.metadata["title"] = f"Analisis LKjIP {year}"
    return combined


def _internal(cell) -> bool:
    return bool(INTERNAL_TAGS & set(cell.get("metadata", {}).get("tags", [])))


def _title(book, fallback: str) -> str:
    for cell in book.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return fallback


def to_html(book: nbformat.NotebookNode, with_code: bool) -> str:
    """Self-contained HTML: figures embedded, nothing loaded from the network."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="laporan", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    if hasattr(exporter, "language_code"):
        exporter.language_code = "id"
    remove = TagRemovePreprocessor(remove_cell_tags={"remove-cell"},
                                   remove_input_tags=set() if with_code else {"remove-input"})
    exporter.register_preprocessor(remove, enabled=True)
    html, _ = exporter.from_notebook_node(book)
    return html


def export_into(stage: Path, year: int) -> list[Path]:
    notebooks = sorted((stage / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise LkjipError(f"no executed notebooks in {stage.name}/notebooks: run `lkjip run` "
                         "first")
    written = []
    for with_code, name in ((False, f"laporan_{year}.html"), (True, f"laporan_{year}_audit.html")):
        log.info("exporting %s", name)
        html = to_html(combine(notebooks, year, with_code), with_code)
        write_bytes(stage / name, html.encode("utf-8"))
        written.append(stage / name)
    return written


def export(year: int, data_dir=None, reports_dir=None, pdf: bool = False) -> list[Path]:
    """Export `reports/<year>/laporan_<year>.html` (readers) and `_audit.html` (with code)."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    with staged(paths.reports) as stage:
        written = export_into(stage, paths.year)
        if pdf:
            written.append(print_pdf(stage / f"laporan_{paths.year}.html"))
    return [paths.reports / p.name for p in written]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


def print_pdf(html: Path) -> Path:
    """Print the reader report to PDF with a headless Chromium."""
    browser = find_chromium()
    if browser is None:
        raise LkjipError("--pdf needs Chromium, and none was found: install it (Debian: "
                         "`apt-get install chromium`) or open the HTML report in a browser and "
                         "print it to PDF")
    pdf = html.with_suffix(".pdf")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    return pdf


# --- build ---------------------------------------------------------------------------------

def build(year: int, data_dir=None, reports_dir=None, pdf: bool = False,
          parameters: dict | None = None) -> Path:
    """extract → audit → run every notebook → export; returns the reports folder."""
    from .audit import audit, findings_csv_bytes
    from .datasets import load, write_processed

    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    datasets = load(year, data_dir)
    findings = audit(datasets)
    write_processed(datasets, paths, findings)
    log.info("extracted %d datasets; audit: %d checks", len(datasets), len(findings))
    with staged(paths.reports) as stage:
        execute(stage, paths, parameters=parameters)
        export_into(stage, paths.year)
        write_bytes(stage / paths.audit_findings.name, findings_csv_bytes(findings))
        if pdf:
            print_pdf(stage / paths.reader_report.name)
    return paths.reports
