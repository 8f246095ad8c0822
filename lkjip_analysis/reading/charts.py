"""Charts whose data the document states as a table under a `Grafik N.` caption (as `lkjip
import` writes a Word chart's cached data): one row per category and series. A value that does
not read as an Indonesian number is left empty and said, never guessed."""

from __future__ import annotations

import logging

import pandas as pd

from ..captions import CHART_CAPTION
from ..errors import NumberFormatError
from ..i18n import _
from ..numbers import MAX_DIGITS, is_missing, parse_amount
from .source import Document, caption_title, normalise

log = logging.getLogger("lkjip")
COLUMNS = ["grafik", "judul", "kategori", "seri", "nilai", "baris_sumber"]
CATEGORY = "kategori"  # the header of the categories' column; every other column is a series


def read_charts(document: Document) -> pd.DataFrame:
    """Every chart table of the document, tidy."""
    records = []
    for number, line in enumerate(document.lines, start=1):
        match = CHART_CAPTION.match(line)
        if match:
            label = " ".join(match.group(1).split()).capitalize()
            records += _chart_rows(document, number, label, caption_title(match.group(2)))
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _chart_rows(document: Document, caption_line: int, label: str, title: str) -> list[dict]:
    rows = document.rows_below(caption_line)
    names = [cell.text for cell in rows[0].cells] if rows else []
    if [normalise(name) for name in names].count(CATEGORY) != 1:
        return []  # a caption without its data (the chart was a picture)
    category = [normalise(name) for name in names].index(CATEGORY)
    series = {i: name for i, name in enumerate(names) if i != category and name}
    records = []
    for row in rows[1:]:
        for column, name in series.items():
            records.append({"grafik": label, "judul": title, "kategori": row.text(category),
                            "seri": name,
                            "nilai": _value(row.text(column), document, row.line, label),
                            "baris_sumber": row.line})
    return records


def _value(raw: str, document: Document, line: int, label: str) -> float:
    text = raw.strip()
    if is_missing(text):
        return float("nan")
    whole, _comma, fraction = text.partition(",")
    try:
        value = parse_amount(whole)
        if fraction:
            if not fraction.isdigit() or len(fraction) > MAX_DIGITS:
                raise NumberFormatError(text, _("a number"))
            value += int(fraction) / 10 ** len(fraction)
        return float(value)
    except NumberFormatError:
        log.warning(_("%s line %d: the value %r in %s does not read as a number: left "
                      "empty"), document.path, line, raw, label)
        return float("nan")
