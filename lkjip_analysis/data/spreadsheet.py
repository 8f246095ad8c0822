"""CSV files that people open in a spreadsheet: a text cell that a spreadsheet would take for a
formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`,
as OWASP advises against CSV injection. Numbers stay numbers. The machine CSVs under
`data/processed/` are plain data and are not touched."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` safe to open in a spreadsheet: text starting like a formula gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def people_csv_bytes(df: pd.DataFrame) -> bytes:
    """`df` as UTF-8 CSV for people: text cells neutralised, numbers as they are."""
    safe = df.copy()
    for column in df.columns:
        if df[column].dtype == object or pd.api.types.is_string_dtype(df[column]):
            safe[column] = pd.Series([neutralise(v) for v in df[column]], index=df.index,
                                     dtype=object)  # `map` would turn whole numbers to floats
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")
