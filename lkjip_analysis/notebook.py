"""What a notebook needs: its parameters validated, the datasets, figures saved where the
report expects them, tables and sentences shown in Indonesian formats."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .audiences import (
    AUDIENCE,
    TRACE_COLUMNS,
    both_versions,
    for_audiences,
    without_line_references,
)
from .config import Paths, SeriesPaths, validate_year
from .data.datasets import Datasets
from .errors import ParameterError, SourceError
from .i18n import _
from .markup import escape, fill
from .numbers import format_number, format_percent, format_rupiah, format_value
from .pipeline.steps import load

log = logging.getLogger("lkjip")


@dataclass
class NotebookContext:
    """What a notebook works with: its datasets `d` and the folder its figures go to."""

    d: Datasets
    figures: Path
    paths: Paths | None = None

    @property
    def year(self) -> int:
        return self.d.year

    def tabel(self, dataset: str) -> str:
        """The label the document gives the table `dataset` was read from (`Tabel 14`)."""
        return self.d.table_label(dataset)

    def save(self, fig, name: str, source: str = "") -> None:
        """Save a figure as <figures>/<name>.png and .svg, and show that SVG as the cell's
        output: its text stays text, each bar's exact value shows on hover (its `<title>`),
        and the figure's title is its accessible name. `source` (`d.source_of(...)`) is
        written under it in the auditor's version: where its numbers stand."""
        import matplotlib.pyplot as plt
        from IPython.display import SVG, Markdown, display

        from . import plots

        _, svg = plots.save(fig, name, self.figures)
        plt.close(fig)
        display(SVG(data=svg.read_text(encoding="utf-8")))
        if source:
            display(Markdown(fill("*Sumber gambar: {where}*", {"where": source})),
                    metadata={AUDIENCE: "auditor"})

    def say(self, template: str, /, **values: object) -> None:
        """Show a sentence: `template` is Markdown written in the notebook, each `{name}` in
        it filled with a value from the data, escaped (text from data is never markup). A part
        written `[[for the auditor||for the reader]]` (or `[[for the auditor]]`: nothing for
        the reader) differs between the two versions: line numbers, file and column names
        are the auditor's."""
        from IPython.display import Markdown

        auditor, reader = for_audiences(template)
        _display_for(Markdown(fill(auditor, values)), lambda: Markdown(fill(reader, values)),
                     auditor != reader)

    def say_lines(self, template: str, rows: list[dict[str, object]]) -> None:
        """`say` once per row, as one Markdown block (e.g. a list, one item per row)."""
        from IPython.display import Markdown, display

        display(Markdown("\n".join(fill(template, row) for row in rows)))


def _check_folders(data_dir: str, output_dir: str) -> None:
    for name, value in (("data_dir", data_dir), ("output_dir", output_dir)):
        if not isinstance(value, str):
            raise ParameterError(_("{name} must be a text path, got {value!r}").format(
                name=name, value=value))


def setup(year: int, data_dir: str = "", output_dir: str = "") -> NotebookContext:
    """Validate the notebook parameters and load the year's datasets (the processed CSVs
    when `lkjip extract` has written them, else the raw data)."""
    _check_folders(data_dir, output_dir)
    validate_year(year, data_dir or None)
    paths = Paths.for_year(year, data_dir or None, output_dir or None)
    return NotebookContext(_datasets(paths, data_dir or None), paths.figures, paths)


def _datasets(paths: Paths, data_dir: str | None) -> Datasets:
    """The processed CSVs when they are there in this package version's shape, else the raw
    data (processed data an older version wrote is never a reason to stop)."""
    if (paths.processed / "realisasi_apbd.csv").exists():
        try:
            return load(paths.year, data_dir, source="processed")
        except SourceError as exc:
            log.warning(_("the processed data %s do not fit this package version (%s): read "
                          "from the raw data"), paths.processed, exc.message)
    return load(paths.year, data_dir, source="auto")


def setup_series(data_dir: str = "", output_dir: str = "",
                 until: int | None = None) -> NotebookContext:
    """The cross-year datasets (every year up to `until`) for a notebook; figures go to
    `reports/lintas_tahun/figures`."""
    from .lintas_tahun import load_series

    _check_folders(data_dir, output_dir)
    series = load_series(data_dir or None, until)
    return NotebookContext(series, SeriesPaths.under(None, output_dir or None).figures)


def _display_for(auditor, reader: Callable[[], object], differ: bool,
                 raw: bool = False) -> None:
    """Display one output for both versions, or, in a report run, one for each where they
    differ (`reader` makes the reader's, only then; `raw`: the outputs are MIME bundles); in
    JupyterLab, the auditor's."""
    from IPython.display import display

    if not differ or not both_versions():
        display(auditor, raw=raw)
        return
    display(auditor, raw=raw, metadata={AUDIENCE: "auditor"})
    display(reader(), raw=raw, metadata={AUDIENCE: "pembaca"})


# column names that do not read as words once their underscores are spaces
HEADER_WORDS = {"persen_populasi_pmks": "% populasi PMKS",
                "predikat_dihitung": "predikat (dihitung ulang)", "no_program": "no. program"}


SHORT_CODE = 10  # characters: a text column no longer than this is a code, kept on one line


def show(df: pd.DataFrame, rupiah=(), percent=(), number=(), decimals=(), values=()) -> None:
    """Display `df` without its index, chosen columns in Indonesian formats; text columns
    aligned left, numbers right. Columns that say where a value came from (`baris_sumber`,
    `sumber`, …) and line references in its text are shown in the auditor's version only."""
    kept = df.drop(columns=[c for c in df.columns if c in TRACE_COLUMNS])
    plain = kept.map(lambda v: without_line_references(v) if isinstance(v, str) else v)
    kinds = (rupiah, percent, number, decimals, values)
    _display_for(_table_bundle(df, *kinds), lambda: _table_bundle(plain, *kinds),
                 len(kept.columns) < len(df.columns) or not plain.equals(kept), raw=True)


def _table_bundle(df: pd.DataFrame, rupiah, percent, number, decimals, values) -> dict:
    """The table as HTML (escaped, aligned, the same HTML for the same table) and text."""
    plain = table(df, rupiah, percent, number, decimals, values)
    numeric = {*rupiah, *percent, *number, *decimals, *values,
               *(c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])
                 and not pd.api.types.is_bool_dtype(df[c]))}
    # a number or a short code (`N-18`, `T01-01`) never wraps: the text columns get the width
    unbroken = {escape(_header(c)) for c in df.columns
                if c in numeric or plain[c].astype(str).str.len().max() <= SHORT_CODE}
    plain.columns = [_header(c) for c in plain.columns]
    shown = _escaped(plain)
    align = {escape(_header(c)): "right" if c in numeric else "left" for c in df.columns}
    digest = hashlib.sha256(shown.to_json().encode()).hexdigest()[:10]
    styler = shown.style.set_uuid(digest).hide(axis="index")  # same table, same HTML
    for side in ("left", "right"):
        columns = [c for c, a in align.items() if a == side]
        styler = styler.set_properties(subset=columns, **{"text-align": side})
    styler = styler.set_properties(subset=[c for c in align if c in unbroken],
                                   **{"white-space": "nowrap"})
    styler = styler.set_table_styles(
        {column: [{"selector": "th", "props": f"text-align: {side}"}]
         for column, side in align.items()}, overwrite=False)
    return {"text/html": styler.to_html(), "text/plain": plain.to_string(index=False)}


def _header(column: object) -> str:
    """A column's header in words."""
    return HEADER_WORDS.get(str(column), str(column).replace("_", " "))


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its headers and every text cell escaped for HTML (numbers stay numbers)."""
    out = df.map(lambda v: escape(v) if isinstance(v, str) else v)
    out.columns = [escape(c) for c in df.columns]
    return out


def table(df: pd.DataFrame, rupiah=(), percent=(), number=(), decimals=(),
          values=()) -> pd.DataFrame:
    """A copy of `df` for display: chosen columns as Indonesian text (Rp…, …%, 1.234, and
    `values` for columns mixing numbers and text)."""
    out = df.copy()
    for column in rupiah:
        out[column] = out[column].map(format_rupiah)
    for column in percent:
        out[column] = out[column].map(format_percent)
    for column in number:
        out[column] = out[column].map(format_number)
    for column in decimals:
        out[column] = out[column].map(lambda v: format_number(v, 2))
    for column in values:
        out[column] = out[column].map(format_value)
    return out

