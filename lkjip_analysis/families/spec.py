"""A family's table spec and the reader its shapes use: cells parsed strictly, each taken by its
column's header name (`columns.locate`), never by its position."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..errors import NumberFormatError, TableFormatError
from ..i18n import _
from ..numbers import is_missing, parse_amount, parse_decimal, parse_percent
from ..reading import columns
from ..reading.corrections import Corrections
from ..reading.source import Caption, Cell, Document, Row, Table

PERCENT_RANGE = (0.0, 200.0)


@dataclass
class Reader:
    """Parses the cells of one table, applying corrections and naming every failure. A cell
    is asked for by its dataset column's name (`column`), found through the table's `layout`;
    a column of a family (years, categories) is given by its index (`at`)."""

    table: Table
    corrections: Corrections
    layout: columns.Layout
    corrected_lines: set[int] = field(default_factory=set)
    mistyped: Mistyped | None = None  # collects every mistyped number instead of the first

    def text(self, row: Row, column: str, at: int | None = None) -> str:
        """The cleaned text of `row` in the column named `column` (or, for a family, the
        column `at`)."""
        return row.text(self.layout.single[column] if at is None else at)

    def cell(self, row: Row, column: str) -> Cell:
        return row.cells[self.layout.single[column]]

    def family(self, name: str) -> list[tuple[int, str]]:
        """The (index, header as written) of each column of the family `name`."""
        return self.layout.families[name]

    def years(self, name: str) -> list[tuple[int, int]]:
        """The (index, year) of each column of the year family `name`."""
        return [(index, columns.year_in(header)) for index, header in self.family(name)]

    def numbering(self, column: str) -> str:
        """The numbering row's text under `column` (`6 (4-5)`: the column's formula)."""
        row = self.numbering_row()
        return row.text(self.layout.single[column]) if row else ""

    def numbering_row(self) -> Row | None:
        return next((r for r in self.table.header if columns.is_numbering(r)), None)

    def is_numbered(self, row: Row) -> bool:
        """True when the row's `no` cell is a row number such as `1` or `1.`."""
        return self.text(row, "no").rstrip(".").isdigit()

    def number(self, row: Row, column: str = "no") -> int:
        """The row number written in `column` (`1` or `1.`)."""
        text = self.text(row, column).rstrip(".")
        if not text.isdigit():
            raise self.table.error(_("not a row number"), cell=self.cell(row, column),
                                   column=column, hint=_("Each row of this table is numbered"))
        return int(text)

    def amount(self, row: Row, column: str, optional: bool = False,
               at: int | None = None) -> float:
        return self._number(row, column, at, parse_amount, optional, None)

    def decimal(self, row: Row, column: str, marks: str = ",.", optional: bool = False,
                plausible: tuple[float, float] | None = None, at: int | None = None) -> float:
        return self._number(row, column, at, lambda t: parse_decimal(t, marks), optional,
                            plausible)

    def percent(self, row: Row, column: str, marks: str = ",.", optional: bool = False,
                plausible: tuple[float, float] | None = PERCENT_RANGE,
                at: int | None = None) -> float:
        return self._number(row, column, at, lambda t: parse_percent(t, marks), optional,
                            plausible)

    def _number(self, row: Row, column: str, at: int | None, parse: Callable[[str], float],
                optional: bool, plausible: tuple[float, float] | None) -> float:
        cell = row.cells[self.layout.single[column] if at is None else at]
        correction = self.corrections.lookup(self.table.label, cell.line, column, cell.text)
        if correction is not None:
            self.corrected_lines.add(cell.line)
            return correction.value
        if is_missing(cell.text):
            if optional:
                return float("nan")
            raise self.table.error(_("empty value"), cell=cell, column=column,
                                   hint=_("This table needs a number here"))
        try:
            value = parse(cell.text)
        except NumberFormatError as exc:
            if self.mistyped is None:
                raise self._malformed(cell, column, exc.expected) from None
            self.mistyped.add(self.table.label, cell, column, exc.expected)
            return float("nan")
        if plausible and not plausible[0] <= value <= plausible[1]:
            raise self.table.error(
                _("the value {value} lies outside the plausible range {low}–{high}").format(
                    value=value, low=f"{plausible[0]:g}", high=f"{plausible[1]:g}"),
                cell=cell, column=column,
                hint=_("Check the document; if the source does write this, record its "
                       "correction"),
            )
        return value

    def _malformed(self, cell: Cell, column: str, expected: str) -> Exception:
        return self.table.error(
            _("a mistyped number: expected {expected}").format(expected=expected), cell=cell,
            column=column,
            hint=_("Record this cell's correction in {file} (tabel, baris, kolom, tertulis, "
                   "dipakai, alasan)").format(file=self.corrections.path),
        )

    def frame(self, records: list[dict], columns: list[str]) -> pd.DataFrame:
        """Records as a frame in `columns` order (`TableSpec.build` marks `dikoreksi`)."""
        return pd.DataFrame.from_records(records, columns=columns)


Build = Callable[[Reader], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class TableSpec:
    """How one report table becomes datasets, as its family's file describes it (see
    `definition`). `name` is the table's name (`tabel.yaml` uses it); `header` the first header
    row's names (see `recognition` for how a table is matched); `columns` each column the
    shapes read, by header path (see `columns`); `outputs` the shapes that make its datasets;
    `caption_words` words its caption must hold where the header alone is not enough."""

    name: str
    header: tuple[str, ...]
    header_rows: int
    columns: dict[str, str]
    outputs: tuple[Build, ...]
    caption_words: tuple[str, ...] = ()

    def read(self, document: Document, caption: Caption, corrections: Corrections,
             overrides: dict[str, str] | None = None, mapping_file: str = "tabel.yaml",
             mistyped: Mistyped | None = None) -> dict[str, pd.DataFrame]:
        table = document.table(caption, self.header_rows)
        layout = columns.locate(table, self.name, self.columns, overrides or {}, mapping_file)
        return self.build(Reader(table, corrections, layout, mistyped=mistyped))

    def build(self, reader: Reader) -> dict[str, pd.DataFrame]:
        """Every output's datasets, each row marked `dikoreksi` where a cell of its line was
        corrected (in any output: the corrections are the table's)."""
        frames: dict[str, pd.DataFrame] = {}
        for output in self.outputs:
            frames.update(output(reader))
        for frame in frames.values():
            frame["dikoreksi"] = frame["baris_sumber"].isin(reader.corrected_lines)
        return frames


@dataclass
class Mistyped:
    """Every mistyped number of an extraction, reported at once with the `koreksi.yaml` entry
    for each, ready to paste (adding a year: eight typos, one run, not nine)."""

    document: str
    corrections: str
    found: list[tuple[str, Cell, str, str]] = field(default_factory=list)

    def add(self, table: str, cell: Cell, column: str, expected: str) -> None:
        self.found.append((table, cell, column, expected))

    def error(self) -> TableFormatError:
        lines = [_("{count} mistyped numbers:").format(count=len(self.found))]
        entries = []
        for table, cell, column, expected in self.found:
            lines.append(_("  {table}, line {line}, column {column}: {raw!r} (expected "
                           "{expected})").format(table=table, line=cell.line, column=column,
                                                 raw=cell.raw, expected=expected))
            entries.append(f"  - tabel: {table}\n    baris: {cell.line}\n    kolom: {column}\n"
                           f"    tertulis: {json.dumps(cell.text, ensure_ascii=False)}\n"
                           f"    dipakai:   # " + _("the right number") + "\n"
                           "    alasan:    # " + _("why, in Indonesian") + "\n")
        return TableFormatError(
            "\n".join(lines), file=self.document,
            hint=_("Record each correction in {file}, under `koreksi:`:\n{entries}").format(
                file=self.corrections, entries="".join(entries)))


def only_text(row: Row) -> Cell | None:
    """The row's one non-empty cell (a section row spanning the table), else None."""
    filled = [cell for cell in row.cells if cell.text]
    return filled[0] if len(filled) == 1 else None
