"""The shapes any family's table may take, configured by its family's file (`definition`):

- `baris`: one record per table row, each dataset column a typed value of one table column;
- `lebar`: one record per table row and per column of a year family (`Realisasi > 2018`,
  `Realisasi > 2019` …), the row's own values repeated on each.

A value's kind (`jenis`) says how its cell is read: `teks` as written, `nomor` a row number,
`desimal`, `persen` and `rupiah` strictly as Indonesian numbers (with `boleh_kosong` and a
`wajar` range), `rumus_latex` a formula written in LaTeX, `rumus_penomoran` and
`baris_penomoran` the formula and line of the numbering row under the header (`6 (4-5)`),
`label_tabel` the table's label and `kosong` an empty text. With `tertulis` the cell is also
kept as written, in `<column>_tertulis`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..reading.source import Row
from .spec import Build, Reader

_LATEX_FRAC = re.compile(r"\\frac\{(.*)\}\{(.*)\}")
_LATEX_TEXT = re.compile(r"\\text\{([^}]*)\}")


def latex_to_text(formula: str) -> str:
    """`$\\frac{\\text{A}}{\\text{B}} \\times 100 \\%$` -> `(A / B) × 100%`."""
    text = formula.strip().strip("$").strip()
    text = _LATEX_TEXT.sub(r"\1", text)
    text = _LATEX_FRAC.sub(r"(\1 / \2)", text)
    return " ".join(text.replace("\\times", "×").replace("\\%", "%").split()).replace(" %", "%")


@dataclass(frozen=True)
class Field:
    """One dataset column: `name`, read as `kind` from the table column `column`."""

    name: str
    kind: str
    column: str
    optional: bool = False
    plausible: tuple[float, float] | None = None  # None: the kind's own range
    written: bool = False

    def read(self, reader: Reader, row: Row, at: int | None = None) -> dict[str, object]:
        """This column's value in `row` (at the family column `at`), and its text as written
        where the field keeps it."""
        values = {self.name: _READERS[self.kind](self, reader, row, at)}
        if self.written:
            values[f"{self.name}_tertulis"] = reader.text(row, self.column, at)
        return values

    @property
    def names(self) -> list[str]:
        return [self.name, f"{self.name}_tertulis"] if self.written else [self.name]

    def _range(self) -> dict[str, object]:
        return {} if self.plausible is None else {"plausible": self.plausible}


def _number_reader(method: str) -> Callable[[Field, Reader, Row, int | None], float]:
    def read(field: Field, reader: Reader, row: Row, at: int | None) -> float:
        return getattr(reader, method)(row, field.column, optional=field.optional, at=at,
                                       **field._range())
    return read


def _numbering_line(field: Field, reader: Reader, row: Row, at: int | None) -> int | None:
    numbering = reader.numbering_row()
    return numbering.line if numbering else None


_READERS: dict[str, Callable[[Field, Reader, Row, int | None], object]] = {
    "teks": lambda f, reader, row, at: reader.text(row, f.column, at),
    "nomor": lambda f, reader, row, at: reader.number(row, f.column),
    "desimal": _number_reader("decimal"),
    "persen": _number_reader("percent"),
    "rupiah": _number_reader("amount"),
    "rumus_latex": lambda f, reader, row, at: latex_to_text(reader.text(row, f.column, at)),
    "rumus_penomoran": lambda f, reader, row, at: reader.numbering(f.column),
    "baris_penomoran": _numbering_line,
    "label_tabel": lambda f, reader, row, at: reader.table.label,
    "kosong": lambda f, reader, row, at: "",
}
KINDS = tuple(_READERS)
NUMBER_KINDS = ("desimal", "persen", "rupiah")
COLUMNLESS_KINDS = ("label_tabel", "kosong", "baris_penomoran")


def rows(dataset: str, fields: tuple[Field, ...]) -> Build:
    """`baris`: one record per row of the table."""
    columns = [name for field in fields for name in field.names] + ["baris_sumber"]

    def build(reader: Reader) -> dict[str, pd.DataFrame]:
        records = [_record(reader, row, fields) | {"baris_sumber": row.line}
                   for row in reader.table.rows]
        return {dataset: reader.frame(records, columns)}
    return build


def wide(dataset: str, fields: tuple[Field, ...], families: tuple[str, ...], value: Field,
         family_column: str | None) -> Build:
    """`lebar`: one record per row and per column of each year family in `families`, its
    `value` read from that column; `family_column` (if any) names the family on each."""
    kind = [family_column] if family_column else []
    columns = [name for field in fields for name in field.names]
    columns += [*kind, "tahun", *value.names, "baris_sumber"]

    def build(reader: Reader) -> dict[str, pd.DataFrame]:
        periods = [(column, family, year) for family in families
                   for column, year in reader.years(family)]
        records = []
        for row in reader.table.rows:
            base = _record(reader, row, fields)
            for column, family, year in periods:
                named = {family_column: family} if family_column else {}
                records.append(base | named | {"tahun": year}
                               | value.read(reader, row, at=column) | {"baris_sumber": row.line})
        return {dataset: reader.frame(records, columns)}
    return build


def _record(reader: Reader, row: Row, fields: tuple[Field, ...]) -> dict[str, object]:
    record: dict[str, object] = {}
    for field in fields:
        record |= field.read(reader, row)
    return record
