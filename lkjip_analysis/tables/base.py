"""What every table spec shares: the spec itself and a reader that parses cells strictly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..corrections import Corrections
from ..errors import NumberFormatError
from ..numbers import is_missing, parse_amount, parse_decimal, parse_percent
from ..source import Caption, Cell, Document, Row, Table

PERCENT_RANGE = (0.0, 200.0)


@dataclass
class Reader:
    """Parses the cells of one table, applying corrections and naming every failure."""

    table: Table
    corrections: Corrections
    corrected_lines: set[int] = field(default_factory=set)

    def amount(self, row: Row, index: int, column: str, optional: bool = False) -> float:
        return self._number(row, index, column, parse_amount, optional, None)

    def decimal(self, row: Row, index: int, column: str, marks: str = ",.",
                optional: bool = False, plausible: tuple[float, float] | None = None) -> float:
        return self._number(row, index, column, lambda t: parse_decimal(t, marks), optional,
                            plausible)

    def percent(self, row: Row, index: int, column: str, marks: str = ",.",
                optional: bool = False,
                plausible: tuple[float, float] | None = PERCENT_RANGE) -> float:
        return self._number(row, index, column, lambda t: parse_percent(t, marks), optional,
                            plausible)

    def _number(self, row: Row, index: int, column: str, parse: Callable[[str], float],
                optional: bool, plausible: tuple[float, float] | None) -> float:
        cell = row.cells[index]
        correction = self.corrections.lookup(self.table.label, cell.line, column, cell.text)
        if correction is not None:
            self.corrected_lines.add(cell.line)
            return correction.value
        if is_missing(cell.text):
            if optional:
                return float("nan")
            raise self.table.error("value missing", cell=cell, column=column,
                                   hint="The table needs a number here")
        try:
            value = parse(cell.text)
        except NumberFormatError as exc:
            raise self._malformed(cell, column, exc.expected) from None
        if plausible and not plausible[0] <= value <= plausible[1]:
            raise self.table.error(
                f"value {value} outside the plausible range {plausible[0]:g}–{plausible[1]:g}",
                cell=cell, column=column,
                hint="Check the document; if the source really says this, add a correction",
            )
        return value

    def _malformed(self, cell: Cell, column: str, expected: str) -> Exception:
        return self.table.error(
            f"malformed number: expected {expected}", cell=cell, column=column,
            hint=(f"Add an entry for this cell to {self.corrections.path} (tabel, baris, kolom, "
                  "tertulis, dipakai, alasan)"),
        )

    def frame(self, records: list[dict], columns: list[str]) -> pd.DataFrame:
        """Records as a frame in `columns` order, each row marked `dikoreksi` if corrected."""
        df = pd.DataFrame.from_records(records, columns=columns)
        df["dikoreksi"] = df["baris_sumber"].isin(self.corrected_lines)
        return df


@dataclass(frozen=True)
class TableSpec:
    """How one report table becomes datasets. `name` is its main dataset; `header` the first
    header row's names (see `recognition` for how a table is matched); `caption_words` words
    its caption must hold where the header alone is not enough."""

    name: str
    header: tuple[str, ...]
    header_rows: int
    build: Callable[[Reader], dict[str, pd.DataFrame]]
    caption_words: tuple[str, ...] = ()

    def read(self, document: Document, caption: Caption,
             corrections: Corrections) -> dict[str, pd.DataFrame]:
        table = document.table(caption, self.header_rows)
        return self.build(Reader(table, corrections))


def is_numbered(row: Row, index: int = 0) -> bool:
    """True when the cell is a row number such as `1` or `1.`."""
    return row.text(index).rstrip(".").isdigit()
